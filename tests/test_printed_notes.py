"""Footnotes of printed collections in every printed form, read from real OCR text (the dev
books of bench/books, read by tesseract): symbols at the page foot (the dagger read as ``+``
or ``t``), numbers restarting on each page, calls kept, read as a trace, or lost."""

from __future__ import annotations

from pathlib import Path

from pipeline.lines import split_lines
from pipeline.model import Source
from pipeline.repair import run_repair
from pipeline.segment import run_segment
from pipeline.segment.printed.notes import find_footnotes, link_footnotes

DEV = Path(__file__).resolve().parents[1] / "bench" / "books" / "out" / "dev"


def book_text(name: str) -> str:
    return (DEV / f"{name}.txt").read_text(encoding="utf-8")


def notes_and_calls(text: str):
    lines = split_lines(text)
    notes = find_footnotes(lines, 0, len(lines))
    return lines, notes, link_footnotes(lines, notes)


def test_symbol_footnotes_at_the_page_foot_with_the_ocr_forms_of_the_dagger():
    lines, notes, calls = notes_and_calls(book_text("dev_degras"))
    first_page = [n for n in notes if n.page_top == notes[0].page_top]
    assert [n.mark for n in first_page] == ["*", "†"]  # the dagger is read "+"
    assert lines[first_page[1].lines[0]].text.startswith("+ Trotsky headed")
    assert all(n.by_editors for n in first_page)  # both signed "—Ed."
    assert "t" not in {n.mark for n in notes} and "‡" in {n.mark for n in notes}  # "t The order", "+t On"
    text = book_text("dev_degras")
    linked = calls[0]
    assert text[linked.start - 10:linked.end] == "(Trotsky);*"
    assert calls[1] is None  # "convened." : tesseract lost the small dagger


def test_a_call_read_as_a_quote_is_linked_but_a_quote_that_closes_is_not():
    text = book_text("dev_bulletin")
    lines, notes, calls = notes_and_calls(text)
    by_line = {lines[n.lines[0]].text[:30]: c for n, c in zip(notes, calls)}
    first = by_line["1 The decree was adopted at'th"]
    assert text[first.start - 9:first.end] == "convened.’"
    second = next(c for line, c in by_line.items() if line.startswith("2 Trotsky headed"))
    assert text[second.start - 10:second.end] == "(Trotsky);?"
    quoted = "\n".join(["He called it “a just peace.” Nothing more", "", "* The words are Lenin's.", "", "", "",
                        "Next page."])
    _, notes, calls = notes_and_calls(quoted)
    assert [n.mark for n in notes] == ["*"] and calls == [None]


def test_numbered_footnotes_restart_on_each_page_and_a_period_after_one_is_read():
    lines, notes, _ = notes_and_calls(book_text("dev_bulletin"))
    marks = [n.mark for n in notes]
    assert marks.count("1") >= 10 and set(marks) == {"1", "2"}
    last = [n for n in notes if lines[n.lines[0]].text.startswith("2. In the typewritten")]
    assert last and last[0].mark == "2"


def test_a_numbered_list_closing_a_page_is_the_text_not_footnotes():
    text = "\n".join(["The terms are these:", "", "1. All State loans are annulled.", "",
                      "2. All guarantees are annulled.", "", "", "", "Next page text."])
    _, notes, _ = notes_and_calls(text)
    assert notes == []


def test_footnotes_leave_the_body_and_go_to_the_document_that_calls_them():
    text = book_text("dev_excerpt")
    source = Source("book.txt", "book.txt", text, "ia-ocr", "", "utf-8")
    documents = [d for d in run_segment(source, run_repair(source)) if d.part != "front"]
    assert len(documents) == 3
    second, third = documents[1], documents[2]
    # page 147 ends the second document and opens the third: the notes at its foot are printed
    # in the third's lines, but two are called in the second
    assert [n.type for n in second.notes] == ["footnote", "footnote"]
    assert {text[c.start:c.end] for c in second.calls} == {"”", "!"}
    assert len(third.notes) == 1 and third.notes[0].resp == "editors"  # "—Ed."
    for doc in documents:
        for block in doc.body:
            body = text[block.start:block.end]
            for start, end in block.holes:
                body = body.replace(text[start:end], "")
            assert "The British Government’s declaration of claims" not in body
            assert "The Lausanne Conference on the Near East" not in body


def test_a_footnote_whose_call_is_lost_is_kept_and_flagged():
    text = book_text("dev_degras")
    source = Source("book.txt", "book.txt", text, "ia-ocr", "", "utf-8")
    documents = [d for d in run_segment(source, run_repair(source)) if d.part != "front"]
    first = documents[0]
    assert [n.n for n in first.notes] == ["*", "†"]
    assert len(first.calls) == 1
    lost = [f for f in first.flags if f.kind == "footnote-call-lost"]
    assert len(lost) == 1 and "its call is lost" in lost[0].message
