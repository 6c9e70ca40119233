"""Endnotes at the back of a printed book other than the seed, read by a real OCR engine (the dev
seed-like book of bench/books, read by tesseract): notes grouped on the notes pages with the
page of their call ("p. N"), the section's running heads and specks in the OCR, calls kept only
as traces (``conquered,'``) or lost."""

from __future__ import annotations

from pathlib import Path

from pipeline.encode.document import encode_document
from pipeline.lines import split_lines
from pipeline.model import Source
from pipeline.repair import run_repair
from pipeline.segment import run_segment
from pipeline.segment.endnotes import notes_start, read_endnotes
from pipeline.segment.text import removed_lines

DEV = Path(__file__).resolve().parents[1] / "bench" / "books" / "out" / "dev"
TEI = "{http://www.tei-c.org/ns/1.0}"


def seed_like_book():
    text = (DEV / "dev_seed.txt").read_text(encoding="utf-8")
    source = Source("book.txt", "book.txt", text, "ia-ocr", "", "utf-8")
    changes = run_repair(source)
    return text, source, changes


def test_notes_keep_their_numbers_past_the_sections_running_heads_and_specks():
    text, _, changes = seed_like_book()
    lines = split_lines(text)
    notes = read_endnotes(lines, text, notes_start(lines, 0), removed_lines(text, changes))
    # "instalments.—Ed, p. 13 :" and "O*Grady. p..15" end their notes; "24. NOTES" opens none
    assert [n.n for n in notes] == [str(k) for k in range(1, 27)]
    assert [n.page_ref for n in notes][8:16] == [13, 13, 13, 13, 14, 14, 15, 15]
    assert not any(n.flag for n in notes)


def test_calls_read_as_traces_are_linked_on_the_page_their_note_names():
    text, source, changes = seed_like_book()
    documents = [d for d in run_segment(source, changes) if d.part != "front"]
    calls = {c.n: text[c.start - 10:c.end] for d in documents for c in d.calls}
    assert calls["1"] == "conquered,'"  # the raised 1 read as an apostrophe
    assert calls["2"] == " convened.’"
    assert "Archives" not in "".join(calls.values())  # "f. 2" in a source line, pages away, is no call


def test_a_note_whose_call_is_lost_on_its_documents_first_page_points_at_that_page():
    text, source, changes = seed_like_book()
    documents = [d for d in run_segment(source, changes) if d.part != "front"]
    doc = next(d for d in documents if any(n.n == "13" for n in d.notes))
    assert "13" not in {c.n for c in doc.calls}
    assert any(f.kind == "note-unlinked" and f.key == "13" for f in doc.flags)
    root = encode_document(doc, "d12")
    note = next(n for n in root.iter(f"{TEI}note") if n.get("n") == "13")
    target = note.get("target").lstrip("#")
    pb = next(p for p in root.iter(f"{TEI}pb") if p.get("{http://www.w3.org/XML/1998/namespace}id") == target)
    assert (note.get("subtype"), pb.get("n")) == ("call-lost", "14")


def test_the_day_of_a_date_is_never_a_call():
    text, source, changes = seed_like_book()
    documents = [d for d in run_segment(source, changes) if d.part != "front"]
    after = [text[c.end:c.end + 6] for d in documents for c in d.calls]
    assert after and not [a for a in after if a.lstrip().startswith((", 19", ",19"))]  # "November 20, 1922"
