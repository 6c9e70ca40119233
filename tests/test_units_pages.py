"""Page numbering on laid-out pages of known truth: pages of 30 text lines, separated by
blank lines as the OCR leaves them (three, fewer, none where a break was lost, more
where a heading was lost), numbered from anchors of every kind.
"""

from __future__ import annotations

import pytest

from pipeline.lines import split_lines
from pipeline.segment.pages import (DEFAULT_PAGE_LINES, Anchor, Candidate, Numbering, PageMap, best_breaks, consistent,
                                    counted_breaks, find_page_breaks, fits, free_breaks, length_cost, merge_same_page,
                                    number_pages, page_length, region_candidates)

PER_PAGE = 30


def book(pages: int = 8, per_page: int = PER_PAGE, blanks: dict | None = None) -> str:
    """``pages`` pages of text lines; page k is preceded by ``blanks.get(k, 3)`` blank lines."""
    out = []
    for k in range(pages):
        if k:
            out += [""] * (blanks or {}).get(k, 3)
        out += [f"page {k} line {j} of the printed book" for j in range(per_page)]
    return "\n".join(out)


def line_of(lines, page: int, j: int = 0) -> int:
    return next(i for i, line in enumerate(lines) if line.text.startswith(f"page {page} line {j} "))


def numbered(text: str, anchors_at, starts=()):
    """Number the pages of ``text``; ``anchors_at`` is [(page, line, printed number, source)]."""
    lines = split_lines(text)
    page_map = find_page_breaks(lines, set())
    anchors = [Anchor(line_of(lines, page, j), number, source) for page, j, number, source in anchors_at]
    numbering, conflicts = number_pages(page_map, anchors, [line_of(lines, p) for p in starts])
    return numbering, conflicts, lines


def true_numbers(numbering, lines, first_number: int):
    """(book page of each break, its number) — page k should be numbered first_number + k."""
    return [(int(lines[b].text.split()[1]), n) for b, n in zip(numbering.breaks, numbering.numbers)]


def test_the_text_lines_and_the_places_a_page_may_begin():
    text = book(4, blanks={2: 1, 3: 6})
    lines = split_lines(text)
    page_map = find_page_breaks(lines, set())
    assert len(page_map.text_lines) == 120 and page_map.page_lines == DEFAULT_PAGE_LINES
    assert page_map.candidates == (Candidate(line_of(lines, 1), 30, 3), Candidate(line_of(lines, 2), 60, 1),
                                   Candidate(line_of(lines, 3), 90, 3))
    assert page_map.ordinal(line_of(lines, 2, 5)) == 65
    removed = {lines[line_of(lines, 1)].start, lines[line_of(lines, 1, 1)].start}
    trimmed = find_page_breaks(lines, removed)
    assert len(trimmed.text_lines) == 118 and trimmed.candidates[0] == Candidate(line_of(lines, 1, 2), 30, 3)
    assert find_page_breaks(split_lines("\n\n\nfirst line\nsecond"), set()).candidates == ()


def test_the_page_length_is_read_from_the_surest_breaks():
    assert find_page_breaks(split_lines(book(8)), set()).page_lines == 30
    assert find_page_breaks(split_lines(book(6)), set()).page_lines == DEFAULT_PAGE_LINES  # 4 gaps: too few
    sure = [Candidate(k, k * 25, 3) for k in range(1, 8)]
    assert page_length(sure) == 25
    assert page_length([Candidate(k, k * 19, 3) for k in range(1, 8)]) == DEFAULT_PAGE_LINES  # too short
    assert page_length([Candidate(k, k * 71, 3) for k in range(1, 8)]) == DEFAULT_PAGE_LINES  # too long
    assert page_length([Candidate(k, k * 25, 2) for k in range(1, 8)]) == DEFAULT_PAGE_LINES  # not sure
    assert page_length([Candidate(k, k * 20, 3) for k in range(1, 7)]) == 20
    assert page_length([Candidate(k, k * 70, 3) for k in range(1, 7)]) == 70


def test_a_clean_book_is_numbered_from_one_anchor():
    numbering, conflicts, lines = numbered(book(8), [(3, 0, 12, "contents")])
    assert conflicts == []
    assert true_numbers(numbering, lines, 9) == [(k, 9 + k) for k in range(1, 8)]
    assert numbering.before == 9
    assert numbering.page_of(line_of(lines, 0, 5)) == 9 and numbering.page_of(line_of(lines, 3, 0)) == 12
    assert numbering.page_of(line_of(lines, 2, 29)) == 11 and numbering.page_of(line_of(lines, 7, 29)) == 16
    assert numbering.count_at(line_of(lines, 1, 0)) == 1 and numbering.count_at(line_of(lines, 1, 0) - 1) == 0
    assert numbering.restored() == ()


def test_without_anchors_the_pages_have_no_numbers():
    numbering, conflicts, lines = numbered(book(8), [])
    assert [int(lines[b].text.split()[1]) for b in numbering.breaks] == list(range(1, 8))
    assert numbering.numbers == (None,) * 7 and numbering.before is None and conflicts == []
    assert numbering.page_of(line_of(lines, 4)) is None


def test_a_lost_break_is_restored_where_the_anchors_need_it():
    numbering, conflicts, lines = numbered(book(8, blanks={5: 0}), [(2, 0, 11, "contents"),
                                                                       (7, 3, 16, "note 5's \"p. 16\"")])
    assert conflicts == []
    assert true_numbers(numbering, lines, 9) == [(k, 9 + k) for k in range(1, 8)]
    assert numbering.restored() == (line_of(lines, 5),)


def test_short_breaks_and_lost_headings_do_not_move_the_pages():
    text = book(8, blanks={2: 1, 3: 2, 6: 7})
    numbering, conflicts, lines = numbered(text, [(1, 0, 10, "contents"), (7, 0, 16, "printed page number")])
    assert conflicts == [] and true_numbers(numbering, lines, 9) == [(k, 9 + k) for k in range(1, 8)]


def test_a_contradicting_anchor_is_set_aside_and_reported():
    numbering, conflicts, lines = numbered(book(8), [(1, 0, 10, "contents"), (4, 0, 40, "note 7's \"p. 40\""),
                                                        (6, 0, 15, "printed page number")])
    assert true_numbers(numbering, lines, 9) == [(k, 9 + k) for k in range(1, 8)]
    assert conflicts == [(line_of(lines, 4), "the note 7's \"p. 40\" says page 40, which the other evidence "
                                             "contradicts: set aside")]


def test_anchors_that_ask_for_more_pages_than_the_text_holds():
    numbering, conflicts, lines = numbered(book(4), [(1, 0, 10, "contents"), (2, 0, 13, "editor's decision")])
    assert conflicts == [(line_of(lines, 2), "the editor's decision says page 13: 2 page break(s) more than the "
                                             "text has room for")]
    assert numbering.numbers == (10, 11, 14)  # the tail runs on from the editor's page


def test_a_document_begins_a_page_even_after_one_blank_line():
    text = book(8, per_page=30, blanks={4: 1})
    lines = split_lines(text)
    start = line_of(lines, 4)
    plain, _, _ = numbered(text, [(1, 0, 10, "contents"), (7, 0, 16, "contents")])
    assert start in plain.breaks
    shifted = book(8, blanks={4: 0})
    lines = split_lines(shifted)
    numbering, _, _ = numbered(shifted, [(1, 0, 10, "contents"), (7, 0, 16, "contents")], starts=[4])
    assert line_of(lines, 4) in numbering.breaks


def test_numbers_below_one_are_unknown():
    numbering, conflicts, lines = numbered(book(8), [(3, 0, 2, "contents")])
    assert numbering.numbers[:3] == (None, 1, 2) and numbering.before is None


def test_which_anchors_can_follow_which():
    page_map = PageMap(tuple(range(300)), (), 30)
    a = Anchor(30, 10, "contents")
    assert fits(a, Anchor(60, 11, "contents"), page_map)
    assert not fits(a, Anchor(60, 9, "contents"), page_map)
    assert fits(a, Anchor(69, 10, "contents"), page_map) and not fits(a, Anchor(70, 10, "contents"), page_map)
    assert fits(a, Anchor(38, 12, "note"), page_map) and not fits(a, Anchor(37, 12, "note"), page_map)
    assert fits(a, Anchor(31, 11, "note"), page_map) and not fits(a, Anchor(30, 11, "note"), page_map)
    assert fits(a, Anchor(162, 11, "note"), page_map) and not fits(a, Anchor(163, 11, "note"), page_map)


def test_the_heaviest_chain_of_anchors_wins():
    page_map = PageMap(tuple(range(300)), (), 30)
    editor = Anchor(100, 20, "editor's decision")
    folios = [Anchor(40, 30, "printed page number “30”"), Anchor(70, 31, "printed page number “31”")]
    notes = [Anchor(10, 17, "note 1's \"p. 17\""), Anchor(130, 21, "note 2's \"p. 21\"")]
    kept, conflicts = consistent([editor] + folios + notes, page_map)
    assert kept == [notes[0], editor, notes[1]]
    assert [c[0] for c in conflicts] == [40, 70]
    assert [(a.weight, a.by_editor) for a in [editor, folios[0], Anchor(1, 1, "contents"), notes[0]]] == [
        (1000, True), (20, False), (10, False), (4, False)]
    assert consistent([], page_map) == ([], [])
    same = [Anchor(10, 5, "contents"), Anchor(12, 5, "note 1's \"p. 5\""), Anchor(50, 6, "contents")]
    assert merge_same_page(same) == [same[0], same[2]]
    tie = [Anchor(10, 5, "contents"), Anchor(10, 6, "contents")]
    assert consistent(tie, page_map)[0] == [tie[0]]


def test_page_lengths_cost():
    assert length_cost(30, 30, False) == 0.0
    assert length_cost(36, 30, False) == 4.0
    assert length_cost(18, 30, False) == 4.0 and length_cost(18, 30, True) == 0.2


def test_lost_breaks_are_offered_in_long_stretches():
    page_map = PageMap(tuple(range(0, 400, 2)), (Candidate(60, 30, 3),), 30)
    offered = region_candidates(page_map, 0, 120, None)
    assert [(c.ordinal, c.blanks) for c in offered] == [(30, 3), (60, 0), (90, 0)]
    assert offered[1].line == 120
    assert [c.ordinal for c in region_candidates(page_map, 0, 29, None)] == []
    assert [c.ordinal for c in region_candidates(page_map, 0, 49, None)] == [30]
    assert [c.ordinal for c in region_candidates(page_map, 180, 250, None)] == []


def test_counted_and_free_breaks():
    lines = split_lines(book(8))
    page_map = find_page_breaks(lines, set())
    first, last = Anchor(line_of(lines, 1), 10, "contents"), Anchor(line_of(lines, 5), 14, "contents")
    assert counted_breaks(page_map, first, last, 0, set(), None) == []
    assert counted_breaks(page_map, first, last, 4, set(), None) == [line_of(lines, k) for k in range(2, 6)]
    assert counted_breaks(page_map, first, last, 2, set(), None) == [line_of(lines, 2), line_of(lines, 3)]
    assert counted_breaks(page_map, first, last, 6, set(), None) == [line_of(lines, k) for k in range(2, 6)]
    assert free_breaks(page_map, 0, 240, set()) == [line_of(lines, k) for k in range(1, 8)]
    assert free_breaks(page_map, 100, 240, set(), previous_break=line_of(lines, 3)) == [
        line_of(lines, k) for k in range(4, 8)]
    assert best_breaks(page_map, [], 0, 240, set(), None) == []


def laid_out(sizes, blanks) -> str:
    """Pages of the given numbers of text lines; page k (k > 0) is preceded by ``blanks[k]`` blank lines."""
    out = []
    for k, size in enumerate(sizes):
        if k:
            out += [""] * blanks[k]
        out += [f"page {k} line {j} of the printed book" for j in range(size)]
    return "\n".join(out)


def pages_found(numbering, lines):
    """(book page, line on it, number) of each break: a true break is at line 0 of its page."""
    return [(int(lines[b].text.split()[1]), int(lines[b].text.split()[3]), n)
            for b, n in zip(numbering.breaks, numbering.numbers)]


def test_a_short_last_page_before_a_documents_start_after_one_blank_line():
    """A document ends on a short page (12 lines) and the next one begins a page after a
    single blank line: both the short page and the new document's page are found, because
    the page before a document's start may be short and a start is a likely break."""
    text = laid_out([30, 30, 12, 30, 30, 30], [0, 3, 3, 1, 3, 3])
    numbering, conflicts, lines = numbered(text, [], starts=[3])
    assert conflicts == []
    assert pages_found(numbering, lines) == [(k, 0, None) for k in range(1, 6)]


def test_a_long_last_page_after_one_blank_line_is_split():
    """The book's last two pages are separated by one blank line only; without that break
    the final page would run to 70 lines, far longer than a page may be, so the break is
    taken and the last page gets the next number."""
    text = laid_out([30] * 8 + [40], [0] + [3] * 7 + [1])
    numbering, conflicts, lines = numbered(text, [(1, 0, 10, "contents")])
    assert conflicts == []
    assert pages_found(numbering, lines) == [(k, 0, 9 + k) for k in range(1, 9)]
    assert numbering.page_of(line_of(lines, 8, 39)) == 17


def test_the_pages_after_an_anchor_near_a_pages_foot():
    """The only anchor is a note's "p. 12" called on the second-to-last line of page 12:
    the next page begins two lines later and is page 13, and the tail's pages are measured
    from the break before the anchor, so none is skipped."""
    text = laid_out([30] * 6, [3] * 6)
    numbering, conflicts, lines = numbered(text, [(2, 28, 12, "note 1's \"p. 12\"")])
    assert conflicts == []
    assert pages_found(numbering, lines) == [(k, 0, 10 + k) for k in range(1, 6)]
    assert numbering.page_of(line_of(lines, 3, 0)) == 13 and numbering.page_of(line_of(lines, 2, 29)) == 12


@pytest.mark.parametrize("line", [27, 28, 29])
def test_the_page_after_an_anchor_on_any_of_a_pages_last_lines(line):
    """An anchor on the last line of its page: the break on the very next line is the next
    page's (it was skipped once, and every later page was numbered one too low)."""
    text = laid_out([30] * 6, [3] * 6)
    numbering, conflicts, lines = numbered(text, [(2, line, 12, "note 1's \"p. 12\"")])
    assert conflicts == []
    assert pages_found(numbering, lines) == [(k, 0, 10 + k) for k in range(1, 6)]
    assert numbering.page_of(line_of(lines, 3, 0)) == 13 and numbering.page_of(line_of(lines, 5, 0)) == 15


def test_between_two_folios_when_the_first_stands_on_the_books_first_page():
    """Folios read on the first page (line 12, page 10) and on the third (line 20, page
    12): no break stands before the first, so its page is taken to begin before it, and the
    two pages between are found where the book has them, then the tail runs on."""
    text = laid_out([30] * 4, [3] * 4)
    numbering, conflicts, lines = numbered(text, [(0, 12, 10, "printed page number"),
                                                 (2, 20, 12, "printed page number")])
    assert conflicts == []
    assert pages_found(numbering, lines) == [(1, 0, 11), (2, 0, 12), (3, 0, 13)]
