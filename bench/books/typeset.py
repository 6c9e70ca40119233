"""Setting text into lines: fonts, word widths, justified lines with pyphen hyphenation.

Why: the OCR must read real glyphs set the way a compositor sets them (justified measure, soft
breaks chosen by a hyphenation dictionary, superscript calls), and the truth must know for every
line where it starts in the clean text and whether its final hyphen is the compositor's (soft,
printed ``¬`` by the Internet Archive) or the word's own (kept as ``-``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import pyphen
from PIL import ImageFont

DPI = 300
FONT_DIRS = {"liberation": "/usr/share/fonts/truetype/liberation/LiberationSerif-{}.ttf",
             "dejavu": "/usr/share/fonts/truetype/dejavu/DejaVuSerif{}.ttf"}
STYLE_SUFFIX = {"liberation": {"regular": "Regular", "bold": "Bold", "italic": "Italic"},
                "dejavu": {"regular": "", "bold": "-Bold", "italic": "-Italic"}}
WORD_CORE = re.compile(r"^([^\w]*)([A-Za-z][a-z]+)([^\w]*)$")


def pt(points: float) -> int:
    """Points to pixels at 300 dpi."""
    return round(points * DPI / 72)


@lru_cache(maxsize=None)
def font(family: str, style: str, size_pt: float) -> ImageFont.FreeTypeFont:
    """A TrueType font from Debian's fonts-liberation or fonts-dejavu."""
    return ImageFont.truetype(FONT_DIRS[family].format(STYLE_SUFFIX[family][style]), pt(size_pt))


@dataclass(frozen=True)
class Face:
    """A font as the layouts name it: family, style and size in points."""

    family: str
    style: str
    size: float

    @property
    def pil(self) -> ImageFont.FreeTypeFont:
        return font(self.family, self.style, self.size)

    def width(self, text: str) -> float:
        return self.pil.getlength(text)

    def sup(self) -> "Face":
        return Face(self.family, "regular", round(self.size * 0.62, 1))


@dataclass
class Piece:
    """A run of one face on a line; ``call`` is (document, note id) for a note call, whose
    printed marker is given only when the line is placed on a page."""

    text: str
    face: Face
    rise: int = 0
    call: tuple | None = None


@dataclass
class Line:
    """One printed line with what the truth needs to know about it."""

    words: list[list[Piece]]
    face: Face
    width: int
    kind: str
    align: str = "justify"
    indent: int = 0
    leading: int = 0
    space_before: int = 0
    doc: int | None = None
    para: int | None = None
    offset: int | None = None
    soft: bool = False
    hard: bool = False
    last: bool = False
    x: int = 0
    y: int = 0
    column_x: int = 0
    same_row: bool = False     # drawn on the row of the line before it (a second column)

    @property
    def calls(self) -> list[tuple]:
        return [p.call for w in self.words for p in w if p.call]

    def text(self, markers: dict | None = None) -> str:
        """The printed text (calls as their markers)."""
        out = []
        for w in self.words:
            out.append("".join((markers or {}).get(p.call, "") if p.call else p.text for p in w))
        return " ".join(out)


@dataclass
class Word:
    """A word of the clean text: its offset there, and the note calls printed after it."""

    text: str
    offset: int
    calls: list[tuple] = field(default_factory=list)


def words_of(text: str, calls: list[tuple[int, tuple]]) -> list[Word]:
    """Split clean text at single spaces; a call at offset k goes after the word ending at k."""
    words, pos = [], 0
    for chunk in text.split(" "):
        words.append(Word(chunk, pos))
        pos += len(chunk) + 1
    for offset, call in calls:
        target = next((w for w in words if w.offset + len(w.text) >= offset), words[-1])
        target.calls.append(call)
    return words


def pieces(word: str, calls: list[tuple], face: Face) -> list[Piece]:
    out = [Piece(word, face)] if word else []
    sup = face.sup()
    return out + [Piece("", sup, rise=round(face.pil.size * 0.38), call=c) for c in calls]


def word_width(parts: list[Piece], marker_width: float) -> float:
    return sum(p.face.width(p.text) if not p.call else marker_width for p in parts)


@lru_cache(maxsize=4)
def hyphenator(language: str = "en_GB") -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=language, left=2, right=3)


def break_word(word: str, room: float, face: Face) -> tuple[str, str, bool] | None:
    """The longest first part of ``word`` that fits ``room`` with its hyphen: (part with hyphen,
    rest, soft). A word with its own hyphen breaks there (soft False); otherwise pyphen decides."""
    if "-" in word.strip("-"):
        at = word.index("-", 1) + 1
        head = word[:at]
        if face.width(head) <= room and len(word) - at >= 2:
            return head, word[at:], False
    m = WORD_CORE.match(word)
    if not m or len(m.group(2)) < 6:
        return None
    lead, core, tail = m.groups()
    for left, right in hyphenator().iterate(core):
        head = lead + left + "-"
        if face.width(head) <= room:
            return head, right + tail, True
    return None


def set_paragraph(text: str, calls: list[tuple[int, tuple]], face: Face, width: int, *,
                  kind: str = "body", indent: int = 0, hyphenate: bool = True, align: str = "justify",
                  doc: int | None = None, para: int | None = None, leading: float = 1.2,
                  first_width: int | None = None) -> list[Line]:
    """Greedy justified lines; a word that does not fit is hyphenated when pyphen allows."""
    space = face.width(" ")
    marker = face.sup().width("88")
    lines: list[Line] = []
    current: list[list[Piece]] = []
    used, start, line_indent = 0.0, 0, indent
    rest: Word | None = None
    queue = words_of(text, calls)
    i = 0

    def flush(soft=False, hard=False, last=False):
        nonlocal current, used, line_indent
        lines.append(Line(current, face, width, kind, align=("left" if last and align == "justify" else align),
                          indent=line_indent, leading=round(face.pil.size * leading), doc=doc, para=para,
                          offset=start, soft=soft, hard=hard, last=last))
        current, used, line_indent = [], 0.0, 0

    while i < len(queue) or rest:
        word = rest or queue[i]
        w_parts = pieces(word.text, word.calls, face)
        w = word_width(w_parts, marker)
        room = (first_width or width) if not lines else width
        room -= line_indent
        need = w + (space if current else 0)
        if used + need <= room:
            if not current:
                start = word.offset
            current.append(w_parts)
            used += need
            rest = None
            i += 1
            continue
        broken = hyphenate and break_word(word.text, room - used - (space if current else 0) - 1, face) \
            if word.text else None
        if broken and (current or True):
            head, tail, soft = broken
            if not current:
                start = word.offset
            current.append([Piece(head, face)])
            flush(soft=soft, hard=not soft)
            start = word.offset + len(head) - (1 if soft else 0)
            rest = Word(tail, start, word.calls)
            continue
        if not current:  # a word longer than the line: set it alone
            start = word.offset
            current.append(w_parts)
            rest = None
            i += 1
        flush()
    if current:
        flush(last=True)
    elif lines:
        lines[-1].last = True
    return lines


def set_centered(text: str, face: Face, width: int, kind: str, doc: int | None = None,
                 leading: float = 1.25) -> list[Line]:
    """Centred lines broken between words only (headings, titles)."""
    return set_paragraph(text, [], face, width, kind=kind, hyphenate=False, align="center", doc=doc,
                         leading=leading)


def one_line(text: str, face: Face, width: int, kind: str, align: str = "left", doc=None,
             leading: float = 1.2) -> Line:
    """A line set as it comes (running heads, folios, dates, contents entries)."""
    return Line([[Piece(t, face)] for t in text.split(" ")], face, width, kind, align=align,
                leading=round(face.pil.size * leading), doc=doc, last=True)
