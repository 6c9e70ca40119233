"""Documents of printed collections that no source block delimits, read from real OCR text
(the dev books of bench/books: typeset from real documents, printed and read by tesseract):
headings in capitals over one to five lines, a date line under them, source lines under the
date (Degras-like) or a bracketed citation closing the text (a press bulletin)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from pipeline.build import file_report, process_source
from pipeline.encode.document import encode_document
from pipeline.editorial.decisions import SETTLES
from pipeline.lines import split_lines
from pipeline.model import Source
from pipeline.repair import run_repair
from pipeline.segment import run_segment
from pipeline.segment.printed.headings import find_headings, is_dateline
from pipeline.validate import edition_grammar

DEV = Path(__file__).resolve().parents[1] / "bench" / "books" / "out" / "dev"
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def book_text(name: str, last_line: int | None = None) -> str:
    text = (DEV / f"{name}.txt").read_text(encoding="utf-8")
    return "\n".join(text.split("\n")[:last_line]) if last_line else text


def segment(text: str):
    source = Source("book.txt", "book.txt", text, "ia-ocr", "", "utf-8")
    return source, run_segment(source, run_repair(source))


def body_text(source, doc) -> str:
    return " ".join(source.text[b.start:b.end] for b in doc.body if b.part != "source")


def test_a_degras_like_book_is_cut_at_its_headings_with_title_date_and_source():
    source, parts = segment(book_text("dev_degras"))
    docs = [d for d in parts if d.part != "front"]
    assert len(docs) == 18
    first, trotsky, reply = docs[:3]
    assert first.meta.title == "DECREE ON THE FORMATION OF THE WORKERS' AND PEASANTS' GOVERNMENT"
    assert (first.meta.date.when, first.meta.date.when_julian) == ("1917-11-08", "1917-10-26")
    assert reply.meta.date.when == "1917-11-30"
    assert trotsky.meta.title.endswith("AND THE OPENING OF PEACE NEGOTIATIONS")  # over a blank line
    sources = [source.text[b.start:b.end] for b in reply.body if b.part == "source"]
    assert sources == ["Trotsky, iii, 2, p. 183"]  # the source line under the date, not text
    assert "Trotsky, iii, 2" not in body_text(source, reply)
    assert "Izvestia, No. 232" not in body_text(source, trotsky)
    assert docs[-1].meta.title.endswith("LITVINOV")  # the source lines ending "p. N" are no endnotes


def test_a_bulletin_closes_each_document_with_its_bracketed_source():
    source, parts = segment(book_text("dev_bulletin"))
    docs = [d for d in parts if d.part != "front"]
    assert len(docs) == 17
    decree = docs[0]
    assert decree.meta.title == "DECREE ON THE FORMATION OF THE WORKERS' AND PEASANTS’ GOVERNMENT"
    cited = " ".join(source.text[b.start:b.end] for b in decree.body if b.part == "source")
    assert cited.startswith("(Pravda, No. 171") and "pp. 262-63" in cited
    assert not any("DOCUMENTS OF 1917" in d.meta.title for d in docs)  # a section heading is no document


def test_a_seed_like_book_takes_its_headings_as_titles_not_the_contents_entries():
    _, parts = segment(book_text("dev_seed"))
    docs = [d for d in parts if d.part != "front"]
    assert len(docs) == 20
    assert docs[0].meta.title == "DECREE OF PEACE ADOPTED BY THE SECOND. ALL-RUSSIAN CONGRESS OF SOVIETS"
    assert docs[6].meta.title == "TELEGRAM TO V. V. VOROVSKY" and docs[6].meta.date.when == "1918-02-28"


def test_an_excerpt_of_a_volume_gives_each_of_its_documents():
    _, parts = segment(book_text("dev_excerpt"))
    titles = [d.meta.title for d in parts if d.part != "front"]
    assert titles == ["LETTER TO G. V. CHICHERIN", "NOTE TO G. V. CHICHERIN",
                      "LETTER TO G. V. CHICHERIN ON THE STRAITS QUESTION"]


@pytest.mark.parametrize("line, expected", [
    ("Petrograd, 5 December 1917", True), ("26 October [8 November] 1917", True),
    ("Moscow, March 14, 1922", True), ("Petrograd,'21. November 1917", True),
    ("Between March 3 and 5, 1918", True), ("Izvestia, No. 232, November 23, 1917", False),
    ("January 28 (February 10), 1918... 10", False),  # a contents entry's page
    ("26 October [8 November] 1917. Decree on the formation", False),  # a list of documents
])
def test_date_lines(line, expected):
    assert is_dateline(line) is expected


def test_headings_carry_their_evidence_and_a_section_heading_is_none():
    lines = split_lines(book_text("dev_bulletin", 80))
    headings = find_headings(lines, 0, len(lines))
    assert [lines[h.first].text.strip() for h in headings] == ["DECREE ON THE FORMATION OF THE",
                                                              "DECREE OF PEACE ADOPTED BY THE"]
    assert all(h.evidence == ("heading", "date line") and h.certainty == 0.85 for h in headings)


def test_each_document_carries_its_evidence_into_the_report_and_a_weak_one_is_flagged():
    source = Source("book.txt", "book.txt", book_text("dev_degras"), "ia-ocr", "", "utf-8")
    processed = process_source(source)
    documents = [d for d in processed.documents if d.part != "front"]
    assert all(d.evidence and d.certainty for d in documents)
    report = file_report(processed)["evidence"]
    assert [e["document"] for e in report] == [d.ident for d in documents]
    assert {tuple(e["evidence"][:3]) for e in report} >= {("heading", "date line", "source line")}
    weak = [d for d in documents if d.certainty < 0.6]
    assert len(weak) == 1 and weak[0].evidence[0] == "heading" and "date line" not in weak[0].evidence  # a guess
    flags = [f for f in weak[0].flags if f.kind == "document-weak-evidence"]
    assert len(flags) == 1 and "weak evidence" in flags[0].message and "check" in SETTLES[flags[0].kind]
    assert not any(f.kind == "document-weak-evidence" for d in documents if d not in weak for f in d.flags)


def test_a_printed_editors_introduction_is_the_editors_words_not_the_documents():
    text = book_text("dev_degras")
    _, documents = segment(text)
    documents = [d for d in documents if d.part != "front"]
    introduced = [d for d in documents if any(b.part == "intro" for b in d.front)]
    assert len(introduced) == 8  # the book's eight introductions, in smaller type
    for doc in introduced:
        intro = next(b for b in doc.front if b.part == "intro")
        assert " printed below " in " ".join(text[intro.start:intro.end].split())
        assert all("printed below" not in text[b.start:b.end] for b in doc.body)
    root = encode_document(introduced[0], "d1")
    div = root.find(f"{TEI}text/{TEI}front/{TEI}div")
    assert (div.get("type"), div.get("resp")) == ("editorialIntroduction", "#d1-editors")
    assert root.find(f".//{TEI}respStmt[@{XML_ID}='d1-editors']") is not None
    assert edition_grammar().validate(etree.ElementTree(root)), edition_grammar().error_log
    _, others = segment(book_text("dev_bulletin"))
    assert not any(b.part == "intro" for d in others for b in d.front)  # a document's own first paragraph stays


def test_the_back_list_of_documents_is_the_books_apparatus_and_evidence_never_a_document():
    text = book_text("dev_degras")
    _, documents = segment(text)
    documents = [d for d in documents if d.part != "front"]
    assert len(documents) == 18
    last = documents[-1]
    words = [text[b.start:b.end] for b in last.body if b.part != "booklist"]
    assert not any("LIST OF DOCUMENTS" in w or "Decree on the formation" in w for w in words)
    assert words[-1].startswith("P.P.S. Tell Radek")  # the letter's own postscript stays its text
    assert all("list of documents" in d.evidence for d in documents)  # every entry names a heading
    root = encode_document(last, "d18")
    div = root.find(f"{TEI}text/{TEI}back/{TEI}div[@type='listOfDocuments']")
    assert div is not None and div.get("resp") == "#d18-editors"
    assert "LIST OF DOCUMENTS" in "".join(div.itertext())
    assert edition_grammar().validate(etree.ElementTree(root)), edition_grammar().error_log
