"""Filling pages with set lines: the text block, footnotes at the foot, page records for the truth.

Why a composer of its own: where a page breaks decides the truth of almost everything a scorer
checks (the page of a note's call, a document's first page, the page breaks inside it), so the
breaks are made here, once, and every line remembers the page it landed on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .typeset import Face, Line, pt, set_paragraph

FOOT_SYMBOLS = ("*", "†", "‡", "§", "**", "††")


@dataclass
class Geometry:
    """Page and text block in pixels (300 dpi)."""

    width: int
    height: int
    left: int          # inner margin on odd pages, outer on even ones (mirrored)
    top: int
    block_width: int
    block_height: int
    head_gap: int      # from the running head's baseline area to the text block

    def x0(self, number: int | None) -> int:
        """The text block's left edge: mirrored margins, like a bound book."""
        if number is not None and number % 2 == 0:
            return self.width - self.left - self.block_width
        return self.left


@dataclass
class Page:
    """One printed page: its lines in reading order, footnotes, furniture and what it holds."""

    index: int
    number: int | None
    kind: str
    lines: list[Line] = field(default_factory=list)
    footnotes: list[Line] = field(default_factory=list)
    furniture: list[Line] = field(default_factory=list)
    markers: dict = field(default_factory=dict)
    notes_called: list[tuple] = field(default_factory=list)
    opens: list[int] = field(default_factory=list)   # documents whose heading starts here
    folio_shown: bool = True
    used: int = 0
    foot_used: int = 0


class Composer:
    """Puts lines on pages top to bottom; footnotes (``foot`` = ``symbols`` or ``numbers``) go
    to the foot of the page of their call, their markers restarting on every page."""

    def __init__(self, geometry: Geometry, first_number: int, foot: str | None = None,
                 foot_face: Face | None = None, foot_text: Callable | None = None,
                 fixed_markers: dict | None = None):
        self.g = geometry
        self.pages: list[Page] = []
        self.next_number = first_number
        self.foot = foot
        self.foot_face = foot_face
        self.foot_text = foot_text       # call -> note text
        self.page: Page | None = None
        self.fixed_markers = fixed_markers or {}    # endnote calls: numbered through the book

    # pages ---------------------------------------------------------------------------------

    def new_page(self, kind: str = "doc", numbered: bool = True) -> Page:
        number = self.next_number
        self.next_number += 1
        self.page = Page(len(self.pages), number if numbered else None, kind)
        self.pages.append(self.page)
        return self.page

    def start_recto(self, kind: str) -> Page:
        """Start a new page on a recto, leaving a blank verso if needed."""
        if self.next_number % 2 == 0:
            self.new_page("blank")
        return self.new_page(kind)

    def room(self) -> int:
        if self.page is None:
            return -1
        separator = pt(8) if self.page.foot_used else 0
        return self.g.block_height - self.page.used - self.page.foot_used - separator

    # placing -------------------------------------------------------------------------------

    def place(self, lines: list[Line], keep: int = 0, kind: str = "doc") -> None:
        """Place lines in order; the first ``keep`` lines (a heading with the text under it)
        must share a page."""
        if keep and self.page is not None:
            height = sum(line.leading + line.space_before for line in lines[:keep])
            if height > self.room():
                self.new_page(kind)
        for n, line in enumerate(lines):
            self.place_line(line, kind, at_top_drop_space=True)

    def place_line(self, line: Line, kind: str = "doc", at_top_drop_space: bool = True) -> None:
        if self.page is None:
            self.new_page(kind)
        foot_lines, markers = self.footnote_lines(line, self.page)
        need = line.leading + (line.space_before if self.page.lines else 0)
        foot_need = sum(f.leading for f in foot_lines) + (pt(8) if foot_lines and not self.page.foot_used else 0)
        if need + foot_need > self.room() and self.page.lines:
            self.new_page(kind)
            foot_lines, markers = self.footnote_lines(line, self.page)
        page = self.page
        if line.same_row and page.lines:
            line.y = page.lines[-1].y
            page.lines.append(line)
            return
        line.y = page.used + (line.space_before if page.lines else 0)
        page.used = line.y + line.leading
        page.lines.append(line)
        for call in line.calls:
            page.notes_called.append(call)
        page.markers.update(markers)
        page.markers.update({c: self.fixed_markers[c] for c in line.calls if c in self.fixed_markers})
        if foot_lines:
            for f in foot_lines:
                f.y = page.foot_used
                page.foot_used += f.leading
                page.footnotes.append(f)

    def footnote_lines(self, line: Line, page: Page) -> tuple[list[Line], dict]:
        """The markers this page would give the line's calls, and their footnotes set."""
        out, markers = [], {}
        if not self.foot:
            return out, markers
        for call in line.calls:
            k = len(page.markers) + len(markers)
            markers[call] = FOOT_SYMBOLS[k] if self.foot == "symbols" else str(k + 1)
            text = f"{markers[call]} {self.foot_text(call)}"
            set_lines = set_paragraph(text, [], self.foot_face, self.g.block_width, kind="footnote",
                                      indent=pt(8), doc=call[0], leading=1.15)
            for s in set_lines:
                s.para = -1
            out += set_lines
        return out, markers
