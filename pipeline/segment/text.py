"""Small readings of text shared by the segmenters: squashing, capitals, date
lines, source references, document types."""

from __future__ import annotations

import regex

from pipeline.dates import parse_date
from pipeline.model import Bibl
from pipeline.textutil import squash

NOTE_CALL = regex.compile(r"\[(?P<n>\d{1,3})\]")
DOC_TYPES = (("telegram", "telegram"), ("wireless", "telegram"), ("radio", "telegram"), ("letter", "letter"),
             ("note", "note"), ("decree", "decree"), ("speech", "speech"), ("report", "report"),
             ("interview", "interview"), ("reply", "note"), ("statement", "statement"), ("treaty", "treaty"))


def doc_type_of(title: str) -> str:
    """The kind of document a title names (``LETTER TO ...`` -> ``letter``)."""
    lowered = title.lower()
    return next((t for word, t in DOC_TYPES if regex.search(rf"\b{word}", lowered)), "document")


def parse_bibl(text: str) -> Bibl:
    """Pick volume, pages, publisher, year and place out of a source reference.

    >>> b = parse_bibl("Lenin Collected Works, 2nd English Edition, Progress Publishers, 1971, Moscow, Volume 42, page 144a.")
    >>> b.title, b.edition, b.publisher, b.date, b.pub_place, b.volume, b.pages
    ('Lenin Collected Works', '2nd English Edition', 'Progress Publishers', '1971', 'Moscow', '42', '144a')
    >>> parse_bibl("Trotsky, iii, 2, p. 183").pages
    '183'
    """
    parts = [p.strip(" .") for p in text.split(",")]
    volume = regex.search(r"\b(?:Volume|Vol\.?)\s*([\w]+)", text, regex.I)
    pages = regex.search(r"\b(?:pages?|pp?\.)\s*(\d+\w?(?:\s*[-–]\s*\d+\w?)?)", text, regex.I)
    year = next((p for p in parts if regex.fullmatch(r"1[89]\d\d|20\d\d", p)), "")
    publisher = next((p for p in parts if regex.search(r"Publish|Press|Verlag|Izdat", p)), "")
    edition = next((p for p in parts if regex.search(r"\bEdition\b", p, regex.I)), "")
    place = next((p for p in parts if p in {"Moscow", "London", "Leningrad", "Petrograd", "New York",
                                             "Oxford", "Berlin", "Paris"}), "")
    if not volume and len(parts) > 2 and pages:
        middle = [p for p in parts[1:] if not regex.search(r"\bpp?\.", p)]
        volume_text = ", ".join(middle)
    else:
        volume_text = volume.group(1) if volume else ""
    return Bibl(text=text, title=parts[0], edition=edition, publisher=publisher, pub_place=place,
                date=year, volume=volume_text, pages=pages.group(1).replace(" ", "") if pages else "")


def is_date_line(text: str) -> bool:
    """A short line that is a date: ``30 November 1917``, ``26.IX.``, ``November 20, 1922``."""
    return len(text.split()) <= 8 and not parse_date(text).is_empty() and not text.endswith((".", ":")) \
        or bool(regex.fullmatch(r"\d{1,2}\.[IVX]{1,4}\.(\d{2,4})?", text.strip()))


def is_capitals(text: str) -> bool:
    letters_only = [ch for ch in strip_calls(text) if ch.isalpha()]
    return len(letters_only) >= 4 and sum(ch.isupper() for ch in letters_only) / len(letters_only) > 0.85


def line_runs(lines, first: int, end: int, removed=frozenset()) -> list[list[int]]:
    """The indexes of ``lines[first:end]`` in runs of text lines between blank lines (a line
    whose start is in ``removed``, furniture the repair took out, counts as blank).

    >>> from pipeline.lines import split_lines
    >>> line_runs(split_lines("a\\nb\\n\\nc\\n"), 0, 4)
    [[0, 1], [3]]
    """
    runs, run = [], []
    for i in range(first, end):
        if lines[i].is_blank or lines[i].content_start in removed:
            if run:
                runs.append(run)
            run = []
        else:
            run.append(i)
    if run:
        runs.append(run)
    return runs


def removed_lines(text: str, changes) -> set[int]:
    r"""Where the lines that removals took away whole begin (their first non-space offset):
    the lines the segmenters skip. A removal inside a line (a stray mark) leaves its line.

    >>> from pipeline.model import Change
    >>> text = "V. I. LENIN 12\n,of the people"
    >>> head, mark = Change("running-head", 0, 14, "", "", 1, kind="removal"), Change("s", 15, 16, ",", "", 1)
    >>> sorted(removed_lines(text, [head, mark]))
    [0]
    """
    starts = set()
    for change in changes:
        if change.kind != "removal":
            continue
        line_start = text.rfind("\n", 0, change.start) + 1
        line_end = text.find("\n", change.end)
        line_end = len(text) if line_end < 0 else line_end
        if not text[line_start:change.start].strip() and not text[change.end:line_end].strip():
            starts.add(change.start)
    return starts


def strip_calls(text: str) -> str:
    return squash(NOTE_CALL.sub("", text))

