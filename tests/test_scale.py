"""Steps that must not grow with the square of a source's length, tested on the book for
giving exactly what the whole-text scans they replace gave (the figures are in bench/speed.py).

- a quote is searched through the anchoring text's index of long words, not the whole text;
- a line number is a binary search in the source's table of line starts;
- the changes inside a span are a binary search in the source's ``Changes``;
- the reading of a span is put together a word at a time.
"""

from __future__ import annotations

import random

import pytest

from pipeline.annotate.reading import change_reading, read_span
from pipeline.build import process_source
from pipeline.context import SourceContext
from pipeline.editorial.anchors import make_quote, occurrences, resolve
from pipeline.ingest import source_from_bytes
from pipeline.repair import Changes, repaired_slice
from pipeline.segment.book_parts import changes_within

from conftest import ROOT

BOOK = ROOT / "raw" / "001_57a5e7fdb55d5ea9.txt"


@pytest.fixture(scope="module")
def book():
    """The book repaired, segmented and tagged, as a build makes it."""
    source = source_from_bytes(BOOK.name, BOOK.read_bytes())
    return process_source(source)


def sample_offsets(length: int, count: int, seed: int) -> list[int]:
    rng = random.Random(seed)
    return sorted(rng.randrange(length) for _ in range(count))


def test_a_quote_is_found_where_a_scan_of_the_whole_text_finds_it(book):
    """Needles of every kind (a quote with its context, a word the book repeats, a single
    letter, a piece cut inside words, one that stands nowhere) against repeated str.find."""
    anchor = SourceContext(book.source).anchor_text
    text = anchor.text
    needles = ["the", "-", "e", "Soviet Government", "Chicherin", "People's Commissar", "no such words here at all"]
    for at in sample_offsets(len(text) - 200, 150, seed=1):
        needles += [text[at:at + 5], text[at:at + 40], text[at + 3:at + 120]]
    for needle in needles:
        assert anchor.find_all(needle) == occurrences(text, needle), needle


def test_a_flags_quote_is_unique_as_the_whole_text_says(book):
    """make_quote stops at the first context that the whole text holds once; a quote it
    gives is ``found`` only where a scan of the whole text finds its context once."""
    anchor = SourceContext(book.source).anchor_text
    flags = [flag for doc in book.documents for flag in doc.flags]
    assert flags
    for flag in flags:
        quote = make_quote(anchor, flag.start, max(flag.end, flag.start + 1))
        fitting = occurrences(anchor.text, quote.prefix + quote.exact + quote.suffix)
        assert (resolve(quote, anchor).status == "found") == (len(fitting) == 1)


def test_a_line_number_is_the_count_of_line_breaks_before_it(book):
    context, text = SourceContext(book.source), book.source.text
    for offset in sample_offsets(len(text), 300, seed=2) + [0, len(text), text.index("\n"), text.index("\n") + 1]:
        assert context.line_number(offset) == text.count("\n", 0, offset) + 1


def test_the_changes_inside_a_span_are_those_the_filter_keeps(book):
    """The book's changes as the build holds them, searched by span, against filtering
    all of them: every document's own spans, and lines, pieces and empty spans."""
    changes, text = book.changes, book.source.text
    assert isinstance(changes, Changes)
    plain = tuple(changes)
    spans = [(doc.start, doc.end) for doc in book.documents]
    offsets = sample_offsets(len(text), 400, seed=3)
    spans += list(zip(offsets, offsets[1:])) + [(c.start, c.end) for c in plain[::50]] + [(c.start, c.start)
                                                                                         for c in plain[::97]]
    for start, end in spans:
        assert changes.inside(start, end) == [c for c in plain if start <= c.start and c.end <= end]
        assert repaired_slice(text, changes, start, end) == repaired_slice(text, plain, start, end)
    for doc_spans in (spans[:3], spans[10:40:7], [(0, len(text))]):
        assert changes_within(changes, doc_spans) == changes_within(plain, doc_spans)


def reading_a_character_at_a_time(raw: str, start: int, end: int, changes):
    """The reading as read_span made it before (one call per character): the reference."""
    inside = sorted((c for c in changes if start <= c.start and c.end <= end and c.end > c.start),
                    key=lambda c: (c.start, c.end))
    text, starts, ends = [], [], []

    def put(char, lo, hi):
        if char.isspace():
            if text and text[-1] == " ":
                ends[-1] = hi
                return
            char = " "
        text.append(char)
        starts.append(lo)
        ends.append(hi)

    pos = start
    for change in inside:
        if change.start < pos:
            continue
        for k in range(pos, change.start):
            put(raw[k], k, k + 1)
        for char in change_reading(change):
            put(char, change.start, change.end)
        pos = change.end
    for k in range(pos, end):
        put(raw[k], k, k + 1)
    return "".join(text), tuple(starts), tuple(ends)


def test_a_span_reads_as_it_did_a_character_at_a_time(book):
    """Every document of the book, whole, with its own changes (corrections, joined and
    kept hyphens, removals of lines and furniture), and spans cut inside words and runs."""
    raw = book.source.text
    spans = [(doc.start, doc.end, doc.changes) for doc in book.documents]
    offsets = sample_offsets(len(raw), 200, seed=4)
    spans += [(a, b, book.changes) for a, b in zip(offsets, offsets[1:])]
    for start, end, changes in spans:
        reading = read_span(raw, start, end, changes)
        assert (reading.text, reading.starts, reading.ends) == reading_a_character_at_a_time(raw, start, end, changes)
