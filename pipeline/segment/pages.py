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
    """Page counts by line: ``breaks[i]`` is the index of the first line of page count i+1."""

    breaks: tuple[int, ...]

    def count_at(self, line_index: int) -> int:
        return bisect.bisect_right(self.breaks, line_index)


def find_page_breaks(lines: tuple[Line, ...], removed: set[int]) -> PageMap:
    """The first line of every page: a non-blank line after three or more blank lines,
    or after two when the page before is nearly full (the OCR also leaves two blank
    lines where it lost a line inside a page)."""
    breaks, blanks, on_page = [], 0, 0
    for i, line in enumerate(lines):
        if line.is_blank or line.content_start in removed:
            blanks += line.is_blank
            continue
        sure = blanks >= SURE_BREAK_BLANKS
        weak = blanks == PAGE_BREAK_MIN_BLANKS and on_page >= MIN_LINES_BEFORE_WEAK_BREAK
        if sure or weak:
            breaks.append(i)
            on_page = 0
        blanks = 0
        on_page += 1
    return PageMap(tuple(breaks))


@dataclass(frozen=True)
class Anchor:
    """Evidence that the line at ``line_index`` stands on printed page ``page``."""

    line_index: int
    page: int
    source: str  # "contents", "endnote"


def number_pages(page_map: PageMap, anchors: list[Anchor]):
    """Page number for each page count, from the anchors; and the conflicts found.

    Between anchors the count runs on from the last anchor; an anchor whose page
    differs from what the count predicts opens a new offset and is a conflict.
    """
    anchors = sorted(anchors, key=lambda a: a.line_index)
    offsets, conflicts = [], []  # (line_index, offset)
    for anchor in anchors:
        offset = anchor.page - page_map.count_at(anchor.line_index)
        if offsets and offset != offsets[-1][1]:
            predicted = page_map.count_at(anchor.line_index) + offsets[-1][1]
            conflicts.append(f"line {anchor.line_index + 1}: the {anchor.source} says page {anchor.page}, "
                             f"counting page breaks gives {predicted}")
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
