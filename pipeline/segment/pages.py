"""Printed pages of an OCR text: where they break, and what number each bears.

The OCR keeps no page numbers; a page break is a run of two or more blank lines.
Counting breaks gives each line a page *count*; anchors (the contents' page for
a document's first line) turn counts into page *numbers*. Where two anchors
disagree with the count between them, the disagreement is reported, not hidden.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from pipeline.lines import Line

PAGE_BREAK_MIN_BLANKS = 2
SURE_BREAK_BLANKS = 3
#: a printed page holds about 40 lines; two blank lines end a page only when most of one is there
MIN_LINES_BEFORE_WEAK_BREAK = 30


@dataclass(frozen=True)
class PageMap:
    """Page counts by line: ``breaks[i]`` is the index of the first line of page count i+1.

    ``candidates`` are all places a page may break, with a strength: 3 after three or
    more blank lines, 2 after two at the foot of a nearly full page, 1 after two
    blank lines early in a page (not taken unless anchors call for it).
    """

    breaks: tuple[int, ...]
    candidates: tuple[tuple[int, int], ...] = ()

    def count_at(self, line_index: int) -> int:
        return bisect.bisect_right(self.breaks, line_index)


def find_page_breaks(lines: tuple[Line, ...], removed: set[int]) -> PageMap:
    """The first line of every page: a non-blank line after three or more blank lines,
    or after two when the page before is nearly full (the OCR also leaves two blank
    lines where it lost a line inside a page)."""
    breaks, candidates, blanks, on_page = [], [], 0, 0
    for i, line in enumerate(lines):
        if line.is_blank or line.content_start in removed:
            blanks += line.is_blank
            continue
        sure = blanks >= SURE_BREAK_BLANKS
        weak = blanks == PAGE_BREAK_MIN_BLANKS and on_page >= MIN_LINES_BEFORE_WEAK_BREAK
        if blanks >= PAGE_BREAK_MIN_BLANKS:
            candidates.append((i, 3 if sure else 2 if weak else 1))
        if sure or weak:
            breaks.append(i)
            on_page = 0
        blanks = 0
        on_page += 1
    return PageMap(tuple(breaks), tuple(candidates))


def reconcile(page_map: PageMap, anchors: list[Anchor]) -> tuple[PageMap, list[Anchor], list[str]]:
    """Make the page count agree with the anchors: between two anchors that are N pages
    apart there must be N breaks, so the weakest breaks go or the strongest rejected
    ones come back. Anchors that contradict the order of pages are set aside."""
    conflicts, kept = [], []
    for anchor in sorted(anchors, key=lambda a: a.line_index):
        if kept and (anchor.page < kept[-1].page or (anchor.page == kept[-1].page and
                                                     anchor.line_index - kept[-1].line_index > 120)):
            conflicts.append((anchor.line_index, f"the {anchor.source} says page {anchor.page}, "
                                                 f"but an earlier line is on page {kept[-1].page}: set aside"))
            continue
        kept.append(anchor)
    taken = set(page_map.breaks)
    for before, after in zip(kept, kept[1:]):
        inside = [c for c in page_map.candidates if before.line_index < c[0] <= after.line_index]
        have = [c for c in inside if c[0] in taken]
        need = after.page - before.page
        if len(have) > need:
            for line, _ in sorted(have, key=lambda c: (c[1], c[0]))[:len(have) - need]:
                taken.discard(line)
        elif len(have) < need:
            spare = sorted((c for c in inside if c[0] not in taken), key=lambda c: (-c[1], c[0]))
            for line, _ in spare[:need - len(have)]:
                taken.add(line)
            if len(spare) < need - len(have):
                conflicts.append((after.line_index, f"the {after.source} says page {after.page}, "
                                                    f"{need - len(have) - len(spare)} page break(s) more than "
                                                    "the text shows"))
    return PageMap(tuple(sorted(taken)), page_map.candidates), kept, conflicts


@dataclass(frozen=True)
class Anchor:
    """Evidence that the line at ``line_index`` stands on printed page ``page``."""

    line_index: int
    page: int
    source: str  # "contents", "endnote", "editor's decision"

    @property
    def by_editor(self) -> bool:
        return self.source.startswith("editor")


def defer_to_editors(anchors: list[Anchor]) -> list[Anchor]:
    """An editor's page decision outranks the evidence of the text: anchors that
    contradict one (a later line on an earlier page, or the reverse) are dropped.

    >>> kept = defer_to_editors([Anchor(10, 5, "contents"), Anchor(20, 4, "editor's decision")])
    >>> [(a.line_index, a.page) for a in kept]
    [(20, 4)]
    """
    editors = [a for a in anchors if a.by_editor]
    return [a for a in anchors if a.by_editor or not any(
        (a.line_index < e.line_index and a.page > e.page) or (a.line_index > e.line_index and a.page < e.page)
        or (a.line_index == e.line_index and a.page != e.page) for e in editors)]


def number_pages(page_map: PageMap, anchors: list[Anchor]):
    """Page number for each page count, from the anchors; and the conflicts found.

    Between anchors the count runs on from the last anchor; an anchor whose page
    differs from what the count predicts opens a new offset and is a conflict.
    """
    page_map, anchors, conflicts = reconcile(page_map, defer_to_editors(anchors))
    offsets = []  # (line_index, offset)
    for anchor in anchors:
        offset = anchor.page - page_map.count_at(anchor.line_index)
        if offsets and offset != offsets[-1][1]:
            predicted = page_map.count_at(anchor.line_index) + offsets[-1][1]
            conflicts.append((anchor.line_index, f"the {anchor.source} says page {anchor.page}, "
                                                 f"counting page breaks gives {predicted}"))
        if not offsets or offset != offsets[-1][1]:
            offsets.append((anchor.line_index, offset))
    return Numbering(page_map, tuple(offsets)), conflicts


@dataclass(frozen=True)
class Numbering:
    page_map: PageMap
    offsets: tuple[tuple[int, int], ...]

    def page_of(self, line_index: int) -> int | None:
        """The printed page number of a line (None before the first anchor's offset is known)."""
        if not self.offsets:
            return None
        starts = [start for start, _ in self.offsets]
        i = max(0, bisect.bisect_right(starts, line_index) - 1)
        return self.page_map.count_at(line_index) + self.offsets[i][1]
