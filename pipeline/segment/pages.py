"""Printed pages of an OCR text: where each begins, and the number it bears.

The OCR keeps no page numbers and marks a page break only by blank lines, which it
also leaves where a heading was lost, and sometimes shortens to one. So pages are
found as a whole, the way a compositor made them:

* **anchors** say which printed page a line stands on: an editor's decision, a page
  number the book printed (a folio or running head the repair removed), the contents'
  page for a document's first line, the "p. N" of a note at its linked call. Anchors that
  contradict the others are set aside (a weighted longest chain, editors first) and
  reported;
* between two anchors, the number of page breaks is known; the breaks are chosen among
  the places the text allows (a run of blank lines; a document's start, since documents
  begin on a new page) so that pages come out of the length the book's full pages have
  (a dynamic programme, like the breaking of lines into paragraphs);
* where the anchors call for more breaks than the text shows, the lost ones are
  restored at the place the page length puts them.

The page numbers then run without a gap or a repeat by construction.
"""

from __future__ import annotations

import bisect
import statistics
from dataclasses import dataclass

from pipeline.lines import Line

#: what each kind of anchor weighs when anchors disagree
ANCHOR_WEIGHTS = {"editor": 1000, "folio": 20, "contents": 10, "note": 4}
#: the cost of a page break after so many blank lines (0: a break the OCR lost, restored);
#: three or more blank lines are almost always a page break, and not taking one costs
BREAK_COSTS = {0: 9.0, 1: 4.0, 2: -3.0, 3: -6.0}
START_BONUS = 5.0      # a document begins a new page
DEFAULT_PAGE_LINES = 38
MAX_PAGE_FACTOR = 2.2  # no page is longer than this many ordinary pages


@dataclass(frozen=True)
class Anchor:
    """Evidence that the line at ``line_index`` stands on printed page ``page``."""

    line_index: int
    page: int
    source: str  # "contents", "note 5's "p. 13"", "editor's decision", "printed page number"

    @property
    def by_editor(self) -> bool:
        return self.source.startswith("editor")

    @property
    def weight(self) -> int:
        key = "editor" if self.by_editor else "folio" if self.source.startswith("printed") else \
            "contents" if self.source.startswith("contents") else "note"
        return ANCHOR_WEIGHTS[key]


@dataclass(frozen=True)
class Candidate:
    """A text line a page may begin with: ``blanks`` blank lines stand before it (0: none,
    a break the OCR lost would have to be restored there)."""

    line: int
    ordinal: int  # its place among the text lines
    blanks: int


@dataclass(frozen=True)
class PageMap:
    """The text lines of a book (blank and removed lines aside) and the places a page may break."""

    text_lines: tuple[int, ...]        # line indices of the text lines, in order
    candidates: tuple[Candidate, ...]  # lines after one or more blank lines
    page_lines: int                    # how many text lines a full page holds

    def ordinal(self, line_index: int) -> int:
        return bisect.bisect_left(self.text_lines, line_index)


def find_page_breaks(lines: tuple[Line, ...], removed: set[int]) -> PageMap:
    """The text lines and the places after blank lines where a page may begin."""
    text_lines, candidates, blanks = [], [], 0
    for i, line in enumerate(lines):
        if line.is_blank or line.content_start in removed:
            blanks += line.is_blank
            continue
        if blanks and text_lines:
            candidates.append(Candidate(i, len(text_lines), min(blanks, 3)))
        text_lines.append(i)
        blanks = 0
    return PageMap(tuple(text_lines), tuple(candidates), page_length(candidates))


def page_length(candidates) -> int:
    """The text lines of a full page: the usual distance between breaks of three or more
    blank lines (the surest), where pages are neither cut short nor run together."""
    sure = [c.ordinal for c in candidates if c.blanks >= 3]
    gaps = [b - a for a, b in zip(sure, sure[1:]) if 20 <= b - a <= 70]
    return int(statistics.median(gaps)) if len(gaps) >= 5 else DEFAULT_PAGE_LINES


@dataclass(frozen=True)
class Numbering:
    """Where each page begins (``breaks``: line indices) and its printed number."""

    page_map: PageMap
    breaks: tuple[int, ...]
    numbers: tuple[int | None, ...]  # the number of the page that begins at each break
    before: int | None               # the number of the page before the first break

    def count_at(self, line_index: int) -> int:
        """How many page breaks stand at or before ``line_index``."""
        return bisect.bisect_right(self.breaks, line_index)

    def page_of(self, line_index: int) -> int | None:
        """The printed page number of a line (None where no anchor tells it)."""
        k = self.count_at(line_index)
        return self.numbers[k - 1] if k else self.before

    def restored(self) -> tuple[int, ...]:
        """Breaks at lines that follow no blank line: pages whose break the OCR lost."""
        blank_after = {c.line for c in self.page_map.candidates}
        return tuple(b for b in self.breaks if b not in blank_after)


def number_pages(page_map: PageMap, anchors: list[Anchor], starts=()) -> tuple[Numbering, list]:
    """Choose the page breaks and number them from the anchors; ``starts`` are the first
    lines of documents (each begins a page). Returns the numbering and the conflicts
    found, as (line index, what disagreed)."""
    kept, conflicts = consistent(anchors, page_map)
    starts = {s for s in starts}
    breaks: list[int] = []
    numbers: list[int | None] = []
    previous_break = None
    if not kept:
        chosen = free_breaks(page_map, 0, len(page_map.text_lines), starts)
        return Numbering(page_map, tuple(chosen), tuple([None] * len(chosen)), None), conflicts
    first = kept[0]
    lead = free_breaks(page_map, 0, page_map.ordinal(first.line_index), starts)
    lead_numbers = [first.page - (len(lead) - 1 - k) for k in range(len(lead))]  # the last holds the anchor
    breaks += lead
    numbers += lead_numbers
    previous_break = lead[-1] if lead else None
    for a, b in zip(kept, kept[1:]):
        need = b.page - a.page
        chosen = counted_breaks(page_map, a, b, need, starts, previous_break)
        if len(chosen) < need:
            conflicts.append((b.line_index, f"the {b.source} says page {b.page}: {need - len(chosen)} page "
                                            "break(s) more than the text has room for"))
        breaks += chosen
        numbers += [a.page + k + 1 for k in range(len(chosen))]
        previous_break = chosen[-1] if chosen else previous_break
    last = kept[-1]
    tail = free_breaks(page_map, page_map.ordinal(last.line_index), len(page_map.text_lines), starts,
                       previous_break)
    breaks += tail
    numbers += [last.page + k + 1 for k in range(len(tail))]
    before = (numbers[0] - 1) if numbers else first.page
    numbers = [n if n is not None and n > 0 else None for n in numbers]
    return Numbering(page_map, tuple(breaks), tuple(numbers), before if before and before > 0 else None), conflicts


# ------------------------------------------------------------------ which anchors to trust


def consistent(anchors: list[Anchor], page_map: PageMap) -> tuple[list[Anchor], list]:
    """The heaviest chain of anchors whose pages rise with their lines, no faster than a
    page every few lines and no slower than the page length allows; the rest are set aside."""
    ordered = sorted(anchors, key=lambda a: (a.line_index, -a.weight))
    best: list[float] = []
    back: list[int] = []
    for k, anchor in enumerate(ordered):
        best.append(anchor.weight)
        back.append(-1)
        for j in range(k):
            if fits(ordered[j], anchor, page_map) and best[j] + anchor.weight > best[k]:
                best[k], back[k] = best[j] + anchor.weight, j
    if not ordered:
        return [], []
    k = max(range(len(ordered)), key=lambda i: (best[i], -i))
    chain = []
    while k >= 0:
        chain.append(ordered[k])
        k = back[k]
    chain.reverse()
    kept = set(map(id, chain))
    conflicts = [(a.line_index, f"the {a.source} says page {a.page}, which the other evidence contradicts: "
                                "set aside") for a in ordered if id(a) not in kept]
    return merge_same_page(chain), conflicts


def fits(a: Anchor, b: Anchor, page_map: PageMap) -> bool:
    """Whether b may follow a: later pages, and a page count the lines between allow."""
    lines = page_map.ordinal(b.line_index) - page_map.ordinal(a.line_index)
    pages = b.page - a.page
    if pages < 0:
        return False
    if pages == 0:
        return lines <= page_map.page_lines * 1.3
    return lines >= max(1, (pages - 1) * 8) and lines <= (pages + 1) * page_map.page_lines * MAX_PAGE_FACTOR


def merge_same_page(chain: list[Anchor]) -> list[Anchor]:
    """Of anchors that name the same page, the first stands for them all."""
    merged = []
    for anchor in chain:
        if merged and merged[-1].page == anchor.page:
            continue
        merged.append(anchor)
    return merged


# ------------------------------------------------------------------ choosing the breaks


def break_cost(candidate: Candidate, starts: set[int]) -> float:
    return BREAK_COSTS[min(candidate.blanks, 3)] - (START_BONUS if candidate.line in starts else 0.0)


def length_cost(lines: int, page_lines: int, short_allowed: bool) -> float:
    """How unlikely a page of ``lines`` text lines is: a page before a document's start (its
    last) or after it (headings lost) may be short; no page is much longer than a full one."""
    if lines > page_lines:
        return ((lines - page_lines) / 3.0) ** 2
    shortfall = ((page_lines - lines) / 6.0) ** 2
    return shortfall * 0.05 if short_allowed else shortfall


def region_candidates(page_map: PageMap, low: int, high: int, need: int | None) -> list[Candidate]:
    """Candidates with ordinals in (low, high], plus places to restore a lost break in any
    stretch longer than a page."""
    found = [c for c in page_map.candidates if low < c.ordinal <= high]
    points = [low] + [c.ordinal for c in found] + [high + 1]
    restored = []
    for a, b in zip(points, points[1:]):
        step = page_map.page_lines
        spot = a + step
        while spot < b - step // 3:
            if 0 <= spot < len(page_map.text_lines):
                restored.append(Candidate(page_map.text_lines[spot], spot, 0))
            spot += step
    return sorted(found + restored, key=lambda c: c.ordinal)


def counted_breaks(page_map: PageMap, a: Anchor, b: Anchor, need: int, starts: set[int],
                   previous_break: int | None) -> list[int]:
    """Exactly ``need`` breaks between anchors a and b (fewer if the text has no room)."""
    if need <= 0:
        return []
    low, high = page_map.ordinal(a.line_index), page_map.ordinal(b.line_index)
    options = region_candidates(page_map, low, high, need)
    start = page_map.ordinal(previous_break) if previous_break is not None else max(0, low - page_map.page_lines // 2)
    return best_breaks(page_map, options, start, high, starts, need)


def free_breaks(page_map: PageMap, low: int, high: int, starts: set[int], previous_break: int | None = None) -> list[int]:
    """Breaks in (low, high] with no count to meet: as many as make the likeliest pages."""
    options = region_candidates(page_map, low, high, None)
    start = page_map.ordinal(previous_break) if previous_break is not None else low
    return best_breaks(page_map, options, start, high, starts, None)


def best_breaks(page_map: PageMap, options: list[Candidate], start: int, end: int, starts: set[int],
                need: int | None) -> list[int]:
    """The breaks among ``options`` that make the cheapest pages from ordinal ``start`` to
    ``end``; with ``need``, exactly that many (or as many as the text has room for)."""
    limit = int(page_map.page_lines * MAX_PAGE_FACTOR)
    start_ordinals = {page_map.ordinal(s) for s in starts}
    positions = [start] + [c.ordinal for c in options]
    costs = [0.0] + [break_cost(c, starts) for c in options]
    reach = []  # for each option, the first earlier one within a page's reach
    lo = 0
    for i, position in enumerate(positions):
        while positions[lo] < position - limit:
            lo += 1
        reach.append(lo)

    def step(p: int, i: int) -> float:
        short = positions[i] in start_ordinals or positions[p] in start_ordinals
        return costs[i] + length_cost(positions[i] - positions[p], page_map.page_lines, short)

    def closing(i: int) -> float:
        length = end + 1 - positions[i]
        return length_cost(length, page_map.page_lines, True) if length > limit else 0.0

    if need is None:
        return free_path(positions, options, reach, step, closing)
    return counted_path(positions, options, reach, step, closing, need)


def free_path(positions, options, reach, step, closing) -> list[int]:
    """The cheapest breaks, as many as they may be."""
    inf = float("inf")
    best, back = [0.0] + [inf] * (len(positions) - 1), [-1] * len(positions)
    for i in range(1, len(positions)):
        for p in range(reach[i], i):
            if best[p] < inf and positions[i] > positions[p]:
                cost = best[p] + step(p, i)
                if cost < best[i]:
                    best[i], back[i] = cost, p
    last = min(range(len(positions)), key=lambda i: (best[i] + closing(i), -i))
    chosen = []
    while last > 0:
        chosen.append(options[last - 1].line)
        last = back[last]
    return sorted(chosen)


def reachable(reach, previous: dict) -> range:
    """The options a page from one of ``previous`` can end at: after the first of them, up
    to the last whose reach (a page's length back) comes to the last of them. Every other
    option would be priced and found unreachable on every layer: the count of breaks
    times the options of the whole stretch, which between two anchors far apart (a long
    source whose folios repeat) grew with the square of the stretch.

    >>> list(reachable([0, 0, 0, 1, 2, 3, 3], {1: (0.0, 0), 2: (1.0, 0)}))
    [2, 3, 4]
    """
    first, last = min(previous), max(previous)
    end = first + 1
    while end < len(reach) and reach[end] <= last:
        end += 1
    return range(first + 1, end)


def counted_path(positions, options, reach, step, closing, need: int) -> list[int]:
    """The cheapest ``need`` breaks (as many as possible when fewer fit)."""
    inf = float("inf")
    # a page's cost does not depend on how many breaks came before it: priced once, not per layer
    edges = [[(p, step(p, i)) for p in range(reach[i], i) if positions[i] > positions[p]]
             for i in range(len(positions))]
    layers = [{0: (0.0, -1)}]
    for _ in range(need):
        previous, row = layers[-1], {}
        for i in reachable(reach, previous):
            best = (inf, -1)
            for p, page in edges[i]:
                if p in previous:
                    cost = previous[p][0] + page
                    if cost < best[0]:
                        best = (cost, p)
            if best[0] < inf:
                row[i] = best
        if not row:
            break
        layers.append(row)
    j = len(layers) - 1
    if j == 0:
        return []
    i = min(layers[j], key=lambda k: (layers[j][k][0] + closing(k), k))
    chosen = []
    while j > 0:
        chosen.append(options[i - 1].line)
        i = layers[j][i][1]
        j -= 1
    return sorted(chosen)
