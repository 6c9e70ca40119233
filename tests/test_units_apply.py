"""Applying editors' decisions, case by case, on the synthetic book of test_editorial.py
with one of its calls lost: a note kept in the wrong document is brought to the call an
editor links (with its corrections and flags); each outcome's status, detail and line.
"""

from __future__ import annotations

import pytest

from test_editorial import DOCS, doc_holding, quote_of, run
from pipeline.editorial.anchors import Quote
from pipeline.editorial.apply import Outcome, check_flag, link_call, short
from pipeline.editorial.anchors import Resolution
from pipeline.editorial.decisions import Decision, default_key
from pipeline.encode import encode_document
from pipeline.model import Document, Flag, Meta, Note, NoteCall, Source
from pipeline.teitext import reading_text
from synthetic_book import lay_out

NS = {"tei": "http://www.tei-c.org/ns/1.0"}


@pytest.fixture(scope="module")
def lost_call():
    """The book with note 1's call lost and its "p. 11" misread as "p. 15": the note is kept in
    the third document, whose page that is."""
    text = lay_out(DOCS).text.replace("negotiations in London.", "negotiations in Lon¬\ndon.", 1)
    text = text.replace("without exception. The 1\n", "without exception. The\n", 1)
    text = text.replace("Lon¬\ndon. p. 11", "Lon¬\ndon. p. 15", 1)
    return Source("book.txt", "book.txt", text, "ia-ocr", "", "utf-8")


def notes_of(processed):
    return {d.ident: [n.n for n in d.notes] for d in processed.documents}


def test_a_linked_note_is_brought_to_its_call_with_its_record(lost_call):
    plain, _ = run(lost_call)
    assert notes_of(plain) == {"book-front": [], "book-d1": [], "book-d2": ["2", "3"], "book-d3": ["1", "4"]}
    d3 = plain.documents[3]
    assert [(f.kind, f.key) for f in d3.flags] == [("note-unlinked", "1")]
    assert [c.rule for c in d3.changes] == ["line-end-hyphen:no"]
    link = {"key": "l1", "kind": "link", **quote_of(lost_call, "without exception. The"), "note": "1"}
    processed, outcomes = run(lost_call, link)
    assert (outcomes["l1"].status, outcomes["l1"].document) == ("applied", "book-d1")
    assert notes_of(processed) == {"book-front": [], "book-d1": ["1"], "book-d2": ["2", "3"], "book-d3": ["4"]}
    d1, d3 = processed.documents[1], processed.documents[3]
    assert d3.flags == () and d3.changes == () and [p.n for p in d3.pages] == [p.n for p in plain.documents[3].pages]
    assert [c.rule for c in d1.changes] == ["ocr-confusion", "ocr-confusion", "line-end-hyphen:no"]
    assert [c.start for c in d1.changes] == sorted(c.start for c in d1.changes)
    assert [(c.n, c.lost, c.revision) for c in d1.calls] == [("1", True, "l1")]
    root = encode_document(d1, d1.ident)
    note = root.find(".//tei:back//tei:note[@n='1']", NS)
    assert note.get("target") == "#book-d1-r1" and "Lon-don" not in reading_text(note)
    assert note.find(".//tei:pc[@type='hyphen']", NS) is not None
    assert len(root.xpath("//tei:body//tei:ref[@xml:id='book-d1-r1']", namespaces=NS)) == 1
    assert "negotiations" not in reading_text(encode_document(d3, d3.ident).find(".//tei:back", NS))


def test_an_editors_note_stands_first_among_the_notes(lost_call):
    note = {"key": "n1", "kind": "note", **quote_of(lost_call, "secret diplomacj^ must go."), "text": "Editor."}
    link = {"key": "l1", "kind": "link", **quote_of(lost_call, "without exception. The"), "note": "1"}
    processed, outcomes = run(lost_call, note, link)
    assert [o.status for o in outcomes.values()] == ["applied", "applied"]
    d1 = processed.documents[1]
    assert [(n.n, n.type) for n in d1.notes] == [("e1", "editorial"), ("1", "endnote")]


def test_a_link_to_a_note_the_document_lacks(lost_call):
    link = {"key": "l9", "kind": "link", **quote_of(lost_call, "without exception. The"), "note": "9"}
    _, outcomes = run(lost_call, link)
    assert (outcomes["l9"].status, outcomes["l9"].detail) == ("conflict", "the document has no note 9")
    assert outcomes["l9"].line() == ("editorial/book.toml:1: conflict: link “without exception. The” in book-d1: "
                                     "the document has no note 9")


# ------------------------------------------------------------------ one handler at a time


SOURCE = Source("p.txt", "p.txt", "Comrade Krasin, read note 2 and note 3 again.", "mia", "", "utf-8")


def decision(kind: str, exact: str, **values) -> Decision:
    return Decision(key="k1", kind=kind, who="ed", when="2026-11-22", quote=Quote(exact), origin="e/p.toml:4",
                    expect=values.pop("expect", None), values=tuple(values.items()))


def placed(exact: str, occurrence: int = 0) -> Resolution:
    start = -1
    for _ in range(occurrence + 1):
        start = SOURCE.text.index(exact, start + 1)
    return Resolution("found", start, start + len(exact))


def page_doc(**fields) -> Document:
    notes = (Note("2", 100, 110, 101, ()), Note("3", 110, 120, 111, ()), Note("e1", 46, 46, 46, (), type="editorial",
                                                                          key="en1", text="x"))
    return Document(SOURCE, 0, len(SOURCE.text), Meta("A Note"), notes=notes, **fields)


def test_linking_a_printed_call():
    doc = page_doc(calls=(NoteCall(1, 2, "2"),), flags=(Flag("note-unlinked", 100, 110, "note 2", "2"),
                                                         Flag("call-without-note", 26, 27, "call 2", "2"),
                                                         Flag("note-unlinked", 110, 120, "note 3", "3")))
    new, status, detail, words = link_call(doc, decision("link", "2", note="2"), placed("2"), SOURCE.text)
    assert (status, detail, words) == ("applied", "", "linked note 2 to the call “2”")
    assert [(c.start, c.end, c.n, c.lost, c.revision) for c in new.calls] == [(26, 27, "2", False, "k1")]
    assert [f.key for f in new.flags] == ["3"]
    again, status, detail, _ = link_call(new, decision("link", "2", note="2"), placed("2"), SOURCE.text)
    assert (status, detail) == ("moot", "the pipeline now links this call itself") and again is new
    lost, status, _, words = link_call(doc, decision("link", "read note", note="3"), placed("read note"),
                                       SOURCE.text)
    assert status == "applied" and words == "linked note 3 to a call the source lost, after “read note”"
    assert [(c.start, c.end, c.n, c.lost) for c in lost.calls] == [(1, 2, "2", False), (25, 25, "3", True)]
    _, status, detail, _ = link_call(doc, decision("link", "2", note="e1"), placed("2"), SOURCE.text)
    assert (status, detail) == ("conflict", "the document has no note e1"), "an editor's note has no printed call"


def test_checking_a_flag():
    flags = (Flag("ocr-unclear", 8, 14, "“Krasin” may be misread", "a"), Flag("page-conflict", 15, 15, "page", ""),
             Flag("ocr-unclear", 26, 27, "“2”", "b"))
    doc = page_doc(flags=flags)
    new, status, detail, words = check_flag(doc, decision("check", "Krasin", flag="ocr-unclear"), placed("Krasin"),
                                            SOURCE.text)
    assert (status, detail, words) == ("applied", "", "checked: “Krasin” may be misread")
    assert new.flags == flags[1:]
    for exact in ("Comrade", ", read"):
        _, status, detail, _ = check_flag(doc, decision("check", exact, flag="ocr-unclear"), placed(exact),
                                          SOURCE.text)
        assert (status, detail) == ("moot", "no “ocr-unclear” flag stands there now"), exact
    point, status, _, _ = check_flag(doc, decision("check", " ", flag="page-conflict"), placed(" ", 1), SOURCE.text)
    assert status == "applied" and point.flags == (flags[0], flags[2]), "a flag at a point is hit by a quote there"
    _, status, _, _ = check_flag(doc, decision("check", "r", flag="page-conflict"), Resolution("found", 16, 17),
                                 SOURCE.text)
    assert status == "moot", "a quote just after a point misses it"
    witness, status, detail, words = check_flag(doc, decision("check", "note 2 and note 3", flag="witness-difference"),
                                                Resolution("moved", 21, 38, "found at offset 21, not 3"), SOURCE.text)
    assert (witness, status, detail, words) == (doc, "moved", "", "checked the witnesses' reading at “note 2 and "
                                                                  "note 3”")


def test_outcome_lines_and_short_quotes():
    d = decision("title", "Comrade Krasin, read note 2 and note 3 again, and again, and again")
    assert Outcome(d, "applied").line() == \
        "e/p.toml:4: applied: title “Comrade Krasin, read note 2 and note 3 …”"
    assert Outcome(d, "moot", "the pipeline now gives this value itself", "s000").line() == \
        "e/p.toml:4: moot: title “Comrade Krasin, read note 2 and note 3 …” in s000: the pipeline now gives this " \
        "value itself"
    assert short(" a\n  b ") == "a b" and short("x" * 40) == "x" * 40 and short("x" * 41) == "x" * 39 + "…"


def test_default_decision_keys_are_stable():
    """A decision written without a key is named by a hash of its kind and quote; the key
    names its revision in the TEI (``-rev-<key>``), so it must not change between versions."""
    assert default_key("reject", Quote("woTkers", "the ", " of")) == "reject-8a1372f"
    assert default_key("title", Quote("REPLY FROM TROTSKY")) == "title-c117440"
