"""The endnotes section of a printed book: each note ends with the page of its
call ("... p. 13"); its number at the start is often mangled by the OCR
(``i4 °``, ``W3``, ``,2S``, a lone ``'``) or lost. Notes are numbered in order,
so the sequence repairs the number, and the repair is recorded as a change.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import regex

from pipeline.model import Block, Change
from pipeline.ocrforms import NOTE_LABEL_DIGITS
from pipeline.segment.paragraphs import paragraph_spans

#: "p. 13" closing a note, as the OCR also reads it: "P- 202", "p..15", and with a speck after it
#: read as a stray mark ("p. 13 :")
PAGE_REF = regex.compile(r"\b[pP][.,-]{1,2}\s*(?P<page>\d{1,3})\s*\.?(?:\s+[:;|_.,-])?\s*$")
LABEL = regex.compile(r"^(?P<label>(?:[\dilIoOSWmnr,'’‘`}{°*.|]{1,4})(?:\s+[°'’`*])?)\s+(?=[(“\"]?[A-Za-z\d])")


@dataclass(frozen=True)
class Endnote:
    n: str
    first: int        # line index of the note's first line
    last: int         # line index of its last line
    page_ref: int | None
    label: tuple[int, int] | None   # raw offsets of the printed number, if any
    repair: Change | None           # the number's repair, if it was mangled
    blocks: tuple[Block, ...]
    flag: str = ""    # what a human should check
    furniture: int | None = None    # line index of removed furniture just before it (a running head)

    @property
    def owned_first(self) -> int:
        """The first line the note's span holds: removed furniture before it goes with it, so its
        removal is recorded in the note's document."""
        return self.first if self.furniture is None else min(self.first, self.furniture)


def notes_start(lines, after: int) -> int | None:
    """Line index where the endnotes begin: the note ``1`` before the first of a dense
    run of lines ending in "p. N" that goes on to the end of the book."""
    ends = [i for i in range(after, len(lines)) if PAGE_REF.search(lines[i].text)]
    if len(ends) < 2:
        return None
    run_start = len(ends) - 1
    while run_start > 0 and ends[run_start] - ends[run_start - 1] < 80:
        run_start -= 1
    first_end = ends[run_start]
    for i in range(first_end, max(after, first_end - 30), -1):
        if regex.match(r"\s*1\s+\S", lines[i].text):
            return i
    return first_end


def read_endnotes(lines, text: str, start: int, removed=frozenset()) -> list[Endnote]:
    """Split the section into notes at their "p. N" ends and number them. Furniture the repair
    removed (the section's running heads "NOTES 25", "24. NOTES", a bare folio) is no part of a
    note: read as one, it would open a note of its own and shift the numbers after it."""
    spans, current = [], []
    for i in range(start, len(lines)):
        if lines[i].is_blank:
            continue
        if lines[i].content_start in removed:
            if not current:
                current.append(-i - 1)  # furniture before a note: kept apart from its lines (below)
            continue
        current.append(i)
        if PAGE_REF.search(lines[i].text):
            spans.append(current)
            current = []
    if current:
        spans.append(current)  # a last note the book (or the OCR) cut off
    furniture = [next((-j - 1 for j in span if j < 0), None) for span in spans]
    spans = [[j for j in span if j >= 0] for span in spans]
    furniture = [f for f, span in zip(furniture, spans) if span]
    spans = [span for span in spans if span]
    merged, owners = merge_continuations(lines, spans), []
    for span in merged:  # the furniture before the first span a merged note holds
        owners.append(next((f for f, s in zip(furniture, spans) if s[0] == span[0]), None))
    notes = number_notes(lines, text, merged)
    return [replace(note, furniture=f) for note, f in zip(notes, owners)]


def merge_continuations(lines, spans):
    """A "note" that starts in lower case and has no number is the rest of the one before."""
    merged = []
    for span in spans:
        first = lines[span[0]].stripped
        if merged and not number_label(first) and first[:1].islower():
            merged[-1] = merged[-1] + span
        else:
            merged.append(span)
    return merged


def number_label(line: str):
    """The note number at the start of a note's first line, if there is one ("In" is a word)."""
    match = LABEL.match(line)
    if match and match.group("label").isalpha() and len(match.group("label")) > 1:
        return None
    return match


def label_value(label: str) -> int | None:
    digits = label.translate(NOTE_LABEL_DIGITS)
    digits = regex.sub(r"\D", "", digits)
    return int(digits) if digits else None


def number_notes(lines, text: str, spans) -> list[Endnote]:
    notes, expected = [], 1
    labels = [number_label(lines[span[0]].text) for span in spans]
    clean = [int(m.group("label")) if m and m.group("label").isdigit() else None for m in labels]
    for k, span in enumerate(spans):
        match, value = labels[k], clean[k]
        flag = ""
        if value is not None and value > expected and k + 1 < len(spans) and clean[k + 1] == value + 1:
            flag = f"notes {expected}-{value - 1} not found: the sequence jumps from {expected - 1} to {value}"
            expected = value
        n = expected
        label_span, repair = None, None
        line = lines[span[0]]
        if match:
            label_span = (line.start + match.start("label"), line.start + match.end("label"))
            if match.group("label") != str(n):
                repair = Change("note-number-from-sequence", *label_span, match.group("label"), str(n),
                                0.9 if label_value(match.group("label")) == n else 0.7, kind="removal")
        else:
            flag = flag or f"note {n}: its number is missing in the OCR; supplied from the sequence"
        page = PAGE_REF.search(lines[span[-1]].text)
        notes.append(Endnote(str(n), span[0], span[-1], int(page.group("page")) if page else None,
                             label_span, repair, note_blocks(lines, span, label_span), flag))
        expected = n + 1
    return notes


def note_blocks(lines, span, label_span) -> tuple[Block, ...]:
    """Paragraphs of a note; the first starts after the number."""
    spans = paragraph_spans(lines, span, set())
    blocks = []
    for k, (start, end) in enumerate(spans):
        if k == 0 and label_span:
            start = label_span[1]
            while start < end and lines[span[0]].text[start - lines[span[0]].start].isspace():
                start += 1
        blocks.append(Block("p", start, end, part="note", lined=True))
    return tuple(blocks)
