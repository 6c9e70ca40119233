"""The header block of a web-page copy, read by its field names in any layout.

Copies of the archive and of its mirrors print the same fields in other ways: the
value after the colon, or on the line(s) below it (``Written:`` / ``Written on October
18, 1918``), a value wrapped over several lines (a ``Source:`` ending ``Moscow,``, a
licence paragraph), blank lines between fields, fields in another order, other wordings
(``Translated by:``, ``Originally Published:``, ``Transcription/HTML Markup:``). A field
runs from its name to the next field name, or to a blank line followed by text that is
no field (the document); a field whose value has not begun yet takes the next line.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from pipeline.lines import Line

#: field names as the pages print them -> the field they give
FIELD_NAMES = {
    "written": "written", "dictated": "written", "delivered": "written", "date": "written",
    "first published": "published", "originally published": "published", "published": "published",
    "source": "source", "translated": "translated", "translated by": "translated", "translator": "translated",
    "transcription\\markup": "transcribed", "transcription/markup": "transcribed",
    "transcription/html markup": "transcribed", "transcribed": "transcribed", "transcribed by": "transcribed",
    "html markup": "markup", "markup": "markup", "public domain": "licence", "copyleft": "licence",
    "copyright": "licence", "proofread": "proofread", "proofread by": "proofread",
    "online version": "online", "other formats": "formats",
}
FIELD = regex.compile(
    r"^\s*(?P<label>Written|Dictated|Delivered|First\s+Published|Originally\s+Published|Published|Source|"
    r"Translated(?:\s+by)?|Translator|Transcription\s*[\\/]\s*(?:HTML\s+)?Markup|Transcribed(?:\s+by)?|"
    r"HTML\s+Markup|Markup|Public\s+Domain|Copyleft|Copyright|Proofread(?:\s+by)?|Online\s+Version|"
    r"Other\s+Formats)\s*:\s*(?P<value>.*)$", regex.I)
#: how far down the page (text lines) the header block may begin
HEADER_ZONE = 20


@dataclass(frozen=True)
class HeaderBlock:
    """The fields of a page's header block, and where it stands."""

    fields: tuple[tuple[str, str, str], ...]  # (field, label as printed, value)
    first: int  # index of its first line among the page's text lines
    last: int   # index of its last line

    def value(self, field: str) -> str:
        return next((value for name, _, value in self.fields if name == field), "")

    def values(self, field: str) -> list[str]:
        return [value for name, _, value in self.fields if name == field]


def field_name(label: str) -> str:
    return FIELD_NAMES[" ".join(label.lower().split()).replace(" /", "/").replace("/ ", "/")]


def read_header_block(lines: list[Line], read) -> HeaderBlock | None:
    """The header block among the page's text lines (blank lines are not in ``lines``:
    two lines are contiguous when their numbers follow). ``read`` gives a line's repaired text."""
    start = next((i for i, line in enumerate(lines[:HEADER_ZONE]) if FIELD.match(read(line))), None)
    if start is None:
        return None
    fields: list[list] = []
    last = start
    for i in range(start, len(lines)):
        text = read(lines[i])
        match = FIELD.match(text)
        if match:
            fields.append([field_name(match.group("label")), " ".join(match.group("label").split()),
                           [match.group("value").strip()]])
            last = i
            continue
        contiguous = lines[i].number == lines[i - 1].number + 1
        waiting = not " ".join(fields[-1][2]).strip()  # "Written:" alone: its value follows
        if contiguous or waiting:
            fields[-1][2].append(text.strip())
            last = i
            continue
        break
    return HeaderBlock(tuple((name, label, " ".join(" ".join(parts).split())) for name, label, parts in fields),
                       start, last)
