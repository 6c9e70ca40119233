"""The repaired reading of a span of raw text, with the raw offsets of every character.

Names are found in what a reader reads, not in the raw characters: an OCR word the repair
corrected reads as corrected ("Chicherin" for "Chlcherin"), a word broken at a line end
reads joined, furniture the repair removed is gone, and every run of white space is one
space. Each character of the reading keeps the raw span it came from, so a name found in
the reading is tagged at raw offsets, like every other record of the pipeline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: what each kind of change reads as: its correction, or the source's own characters
READS_AFTER = {"correction", "normalisation"}
READS_BEFORE = {"rejected", "flag"}
#: a run of white space (one space in the reading) or of other characters (read as they are);
#: ``\s`` is exactly ``str.isspace`` for every character
RUNS = re.compile(r"\s+|\S+")


@dataclass(frozen=True)
class Reading:
    """``text`` with, for each of its characters, the raw span (``starts[i]``, ``ends[i]``)."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw offsets of the reading's ``text[start:end]``."""
        return self.starts[start], self.ends[end - 1]


def change_reading(change) -> str:
    """What a change reads as: a joined line-end hyphen as nothing, a kept one as its
    hyphen; a removal as a space where it took a line away (else nothing)."""
    if change.kind in READS_AFTER:
        return change.after
    if change.kind in READS_BEFORE:
        return change.before
    if change.kind == "hyphen":
        return "" if change.decision == "no" else "-"
    if change.kind == "removal":
        return " " if "\n" in change.before else ""
    return change.before


def read_span(raw: str, start: int, end: int, changes) -> Reading:
    """The reading of ``raw[start:end]`` with the ``changes`` that fall wholly inside it
    applied (a change that only overlaps the span is read as the raw characters).

    >>> from pipeline.model import Change
    >>> hyphen = Change("line-end-hyphen", 7, 10, "-\\n ", "", 0.95, kind="hyphen", decision="no")
    >>> fix = Change("ocr-confusion", 0, 3, "Mr,", "Mr.", 0.9)
    >>> r = read_span("Mr, Chi-\\n cherin  came", 0, 22, [hyphen, fix])
    >>> r.text, r.raw_span(4, 13)
    ('Mr. Chicherin came', (4, 16))
    """
    inside = sorted((c for c in changes if start <= c.start and c.end <= end and c.end > c.start),
                    key=lambda c: (c.start, c.end))
    text, starts, ends = [], [], []  # text: pieces, a space always a piece of its own

    def put(char: str, lo: int, hi: int) -> None:
        if char.isspace():
            if text and text[-1] == " ":
                ends[-1] = hi  # one space for the run
                return
            char = " "
        text.append(char)
        starts.append(lo)
        ends.append(hi)

    def put_raw(lo: int, hi: int) -> None:
        """The raw characters ``[lo, hi)``, a word or a white run at a time (as ``put`` of
        each character would read them: a call per character was most of name tagging)."""
        for run in RUNS.finditer(raw, lo, hi):
            a, b = run.span()
            if raw[a].isspace():
                if text and text[-1] == " ":
                    ends[-1] = b  # one space for the run
                else:
                    text.append(" ")
                    starts.append(a)
                    ends.append(b)
            else:
                text.append(run.group())
                starts.extend(range(a, b))
                ends.extend(range(a + 1, b + 1))

    pos = start
    for change in inside:
        if change.start < pos:
            continue  # overlaps a change already read
        put_raw(pos, change.start)
        for char in change_reading(change):  # each character of a change stands for all of it
            put(char, change.start, change.end)
        pos = change.end
    put_raw(pos, end)
    return Reading("".join(text), tuple(starts), tuple(ends))
