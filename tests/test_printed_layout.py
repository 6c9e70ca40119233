"""Page furniture learned from the book itself: running heads that repeat (a year beside the
folio, a document's title in small capitals), folios at the head or the foot in arabic or
roman figures read through OCR damage, removed as recorded removals, never body text; and
the page numbers they give, on real OCR text (the seed book and the dev bench books, never
the held-out ones).
"""

from __future__ import annotations

import bisect
import json
from pathlib import Path

import pytest

from pipeline.ingest import source_from_bytes
from pipeline.lines import split_lines
from pipeline.model import Source
from pipeline.repair import run_repair
from pipeline.repair.furniture import remove_page_furniture
from pipeline.repair.pageheads import folio_readings
from pipeline.segment import run_segment

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "raw" / "001_57a5e7fdb55d5ea9.txt"
DEV_BOOKS = ROOT / "bench" / "books" / "out" / "dev"
FURNITURE_RULES = {"running-head", "page-number"}


def ocr_source(path: Path) -> Source:
    return source_from_bytes(path, path.read_bytes())


def removed_lines(source: Source) -> dict[int, str]:
    """1-based line numbers of the furniture lines the repair removes, with their rule."""
    lines = split_lines(source.text)
    starts = [line.start for line in lines]
    return {bisect.bisect_right(starts, c.start): c.rule for c in remove_page_furniture(source)
            if c.rule in FURNITURE_RULES}


def printed_furniture(truth: dict, lines) -> dict[int, str]:
    """The OCR lines (1-based) that hold the running heads and folios the truth says were
    printed: the page's first or last text line that reads like one of them."""
    from rapidfuzz import fuzz
    found = {}
    for page in truth["pages"]:
        printed = [" ".join(p["text"].split()) for p in page["printed_lines"] if p["kind"] in ("runhead", "folio")]
        if not printed or page["first_line"] is None:
            continue
        text_lines = [i for i in range(page["first_line"] - 1, page["last_line"]) if lines[i].stripped]
        edges = text_lines[:2] + text_lines[-2:]
        for want in printed:
            best = max(edges, key=lambda i: fuzz.ratio(want, lines[i].stripped))
            if fuzz.ratio(want, lines[best].stripped) >= 60:
                found[best + 1] = want
    return found


def test_a_chronologys_year_heads_are_removed_with_their_folios():
    """Degras-like pages head each page with a year and the folio ("1918 9", "10 1918"):
    the year's shape repeats and the folios run in sequence, so each is a running head."""
    path = DEV_BOOKS / "dev_degras.txt"
    truth = json.loads(path.with_name("dev_degras.truth.json").read_text(encoding="utf-8"))
    source = ocr_source(path)
    printed = printed_furniture(truth, split_lines(source.text))
    removed = removed_lines(source)
    assert len(printed) >= 10
    assert [line for line in printed if line not in removed] == []
    assert {removed[line] for line in printed if " " in printed[line]} == {"running-head"}


def test_a_verso_head_with_the_books_title_and_years_and_a_notes_head_with_a_dotted_folio():
    """``16 SOVIET PEACE POLICY, 1917-1923`` (the book's title holds years; no date) and
    ``24. NOTES`` (the OCR's dot after the folio) are running heads of the seed-like book."""
    path = DEV_BOOKS / "dev_seed.txt"
    source = ocr_source(path)
    lines = split_lines(source.text)
    removed = {lines[n - 1].stripped for n in removed_lines(source)}
    assert {"16 SOVIET PEACE POLICY, 1917-1923", "24. NOTES", "NOTES 25", "TO G. V. CHICHERIN 17"} <= removed


def test_a_small_capitals_head_is_removed_by_the_contents_page_of_its_document_and_nothing_else():
    """The seed book's OCR kept no folio sequence, and read a head in small capitals as lower
    case: its words are the title the contents place on page 224, its folio 225. Contents
    lines that end in page numbers ("1921 323"), headings with note calls ("L. B. KAMENEV
    128") and date lines ("DECEMBEB 22-29, 1920") are no furniture."""
    source = ocr_source(SEED)
    lines = split_lines(source.text)
    removed = removed_lines(source)
    heads = [lines[n - 1].stripped for n, rule in removed.items() if rule == "running-head"]
    assert "theses on the national and colonial QUESTIONS 225" in heads
    # an even page's head: the folio and the author as the title page prints him ("V. I. Lenin")
    assert "30 V. I. LENIN" in heads
    for kept in ("1921 323", "1922 380", "L. B. KAMENEV 128", "DECEMBEB 22-29, 1920",
                 "ON THE REPORT ON PEACE. October 26 (November 8) 16", "JUNE 12, 1920 92"):
        assert kept not in heads
    assert len(heads) == 2, heads  # nothing else: the seed's other heads went with its lost lines


def front_matter_book(folios: list[str]) -> str:
    """Pages of a preface whose folios stand alone at each page's foot, as printed."""
    pages = []
    for k, folio in enumerate(folios):
        body = "\n".join(f"Preface page {k} line {j}: the editors explain how the documents were chosen"
                         for j in range(30))
        pages.append(f"{body}\n\n{folio}")
    return "Full text of \"A Book\"\n\n\n\n" + "\n\n\n\n".join(pages) + "\n"


@pytest.mark.parametrize("folios", [["v", "vi", "vii", "viii", "ix", "x"], ["v", "vi", "vit", "vili", "ix", "x"],
                                    ["i", "ii", "iti", "iv", "v", "vi"]])
def test_roman_folios_at_the_foot_are_page_numbers_through_ocr_damage(folios):
    """Roman folios of a preface, read through the OCR's damage, are page numbers; a roman
    numeral opening a sentence ("I have") or alone over a section ("II") is not."""
    text = front_matter_book(folios).replace("Preface page 1 line 3", "I have the honour").replace(
        "Preface page 2 line 29: the editors explain how the documents were chosen", "II")
    source = Source("b", "b.txt", text, "ia-ocr", "", "")
    lines = split_lines(text)
    removed = removed_lines(source)
    assert sorted(lines[n - 1].stripped for n in removed) == sorted(folios)
    assert set(removed.values()) == {"page-number"}


def test_folio_readings_through_the_ocrs_confusions():
    assert [(f.value, f.style) for f in folio_readings("iti")] == [(3, "roman")]
    assert [(f.value, f.style) for f in folio_readings("l7")] == [(17, "arabic")]
    assert [(f.value, f.style) for f in folio_readings("2O")] == [(20, "arabic")]
    assert [(f.value, f.style) for f in folio_readings("3)")] == [(3, "arabic")]
    assert folio_readings("and") == () and folio_readings("1918") == ()


@pytest.mark.integration
def test_documents_that_start_mid_page_are_placed_on_the_page_where_they_start():
    """Degras-like documents run on: a document's first page is the page its heading stands on,
    numbered from the folios of the year heads."""
    path = DEV_BOOKS / "dev_degras.txt"
    truth = json.loads(path.with_name("dev_degras.truth.json").read_text(encoding="utf-8"))
    source = ocr_source(path)
    documents = [d for d in run_segment(source, run_repair(source)) if d.part != "front"]
    starts = {source.text.count("\n", 0, d.start) + 1: d.first_page for d in documents}
    wrong = []
    for doc in truth["documents"]:
        line = min(starts, key=lambda n: abs(n - doc["first_line"]))
        if abs(line - doc["first_line"]) <= 2 and starts[line] != str(doc["first_page"]):
            wrong.append((doc["n"], doc["first_page"], starts[line]))
    mid_page = [d for d in truth["documents"] if d["first_line"] and any(
        p["first_line"] and p["first_line"] + 3 < d["first_line"] and p["n"] == d["first_page"]
        for p in truth["pages"])]
    assert len(mid_page) >= 5 and wrong == []
