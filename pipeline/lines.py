"""Lines of a source text with their raw offsets: the unit most stages read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    """One line of ``Source.text``: ``text`` is ``source.text[start:end]`` (no newline)."""

    number: int  # 1-based, as an editor counts lines
    start: int
    end: int
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()

    @property
    def content_start(self) -> int:
        """Offset of the first non-space character (``end`` for a blank line)."""
        return self.start + (len(self.text) - len(self.text.lstrip())) if self.text.strip() else self.end

    @property
    def content_end(self) -> int:
        """Offset just after the last non-space character."""
        return self.start + len(self.text.rstrip())

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip(" \t"))


def split_lines(text: str) -> tuple[Line, ...]:
    """Split ``text`` into ``Line`` objects that keep their offsets.

    >>> [(l.number, l.start, l.text) for l in split_lines("ab\\n\\ncd")]
    [(1, 0, 'ab'), (2, 3, ''), (3, 4, 'cd')]
    """
    lines, offset = [], 0
    for number, piece in enumerate(text.split("\n"), start=1):
        lines.append(Line(number, offset, offset + len(piece), piece))
        offset += len(piece) + 1
    return tuple(lines)

