"""Headings of a printed collection's documents, with the date line and source lines
printed under them.

Why: many collections print no source block after each document (so source blocks cannot
delimit documents) but every document opens the same way: a heading in capitals over one to
five lines, a date line ("30 November 1917", "Petrograd, 5 December 1917", "Moscow, March 14,
1922") and, in some books, the source lines under it ("Izvestiia, 28 November 1917", "Trotsky,
iii, 2, p. 183"). A heading with its date line is strong evidence that a document begins; a
heading alone is weaker, and counts only when it opens with a word the book's strong
headings open with (``DECREE``, ``TELEGRAM``): that vocabulary is learned from the book.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from pipeline.dates import MONTH, parse_date
from pipeline.segment.text import is_capitals

#: a heading is at most this many lines (Degras prints up to five; one more for an OCR split)
MAX_HEADING_LINES = 6
#: a heading line is short; a longer line in capitals is a paragraph set in capitals
MAX_HEADING_CHARS = 100
#: how many lines (blank or not) may stand between a heading and its date line
MAX_DATE_DISTANCE = 3
#: a date line is short: a place, a date and perhaps "(Old Style)"
MAX_DATE_LINE_WORDS = 9
#: words that leave a heading line open, so the heading runs on over a blank line the OCR put in
OPEN_ENDINGS = regex.compile(r"(?:\b(?:OF|THE|AND|TO|IN|ON|FOR|AT|BY|FROM|WITH|A|AN)|[-—,])\s*$", regex.I)
#: the date forms a date line starts with, after an optional place ("Petrograd, ")
DATE_START = regex.compile(rf"^(?:\d{{1,2}}\s*[.,]?\s*)?(?:{MONTH})\b|^(?:Between|Not\s+(?:earlier|later)\s+than|"
                           rf"(?:Early|Late|Mid|End\s+of|Beginning\s+of)\b)|^\d{{1,2}}\s+(?:{MONTH})", regex.I)
PLACE_PREFIX = regex.compile(r"^[\W_]*(?P<place>[A-Z][\w.-]+(?:[ -][A-Z][\w.-]+)?)\s*[,.]\s*\W?\s*")
YEAR = regex.compile(r"1[89]\d\d")
#: what only a citation holds: a page, an issue, a volume, a folio or file, a roman volume
CITATION = regex.compile(r"\bpp?\.\s*\d|\bNos?\.\s*\d|\bVol\w*\.?\s*[\dIVX]|\b[fF]\.\s*\d|\bop\.\s*\d|"
                         r"\bd\.\s*\d|,\s*[ivx]{1,5},\s*\d|Published|Archives?\b|Foreign\s+Relations|"
                         r"\bFRUS\b|Collected\s+Works")
#: a newspaper or book named before a date: "Izvestiia, 28 November 1917"
TITLE_AND_DATE = regex.compile(r"^[\W_]*[A-Z][\w'’.]+(?:\s+[\w'’.]+){0,5}\s*,\s*(?:No\.\s*\d+\s*,\s*)?"
                               rf"(?:\d{{1,2}}\s+(?:{MONTH})|(?:{MONTH})\s+\d)", regex.I)


@dataclass(frozen=True)
class Heading:
    """A document's heading: its lines, the date line and source lines under it, and the
    evidence that it opens a document."""

    first: int
    last: int
    dateline: int | None = None
    sources: tuple[int, ...] = ()
    evidence: tuple[str, ...] = ()

    @property
    def certainty(self) -> float:
        """How sure the evidence makes a document's start: a heading with its date line is
        near certain, one with source lines too is certain, a heading alone is a guess."""
        score = 0.5
        if "date line" in self.evidence:
            score += 0.35
        if "source line" in self.evidence:
            score += 0.1
        if "contents entry" in self.evidence:
            score += 0.05
        return round(min(score, 1.0), 2)

    @property
    def end(self) -> int:
        """The last line the heading's apparatus takes (title, date line, source lines)."""
        return max([self.last, self.dateline or 0, *self.sources])


def is_heading_line(text: str) -> bool:
    """A short line in capitals that is not a date.

    >>> is_heading_line("NOTE FROM TROTSKY TO THE ALLIED"), is_heading_line("30 NOVEMBER 1917")
    (True, False)
    >>> is_heading_line("The Government abolishes secret diplomacy")
    False
    """
    text = text.strip()
    return 0 < len(text) <= MAX_HEADING_CHARS and is_capitals(text) and not is_dateline(text) \
        and bool(regex.search(r"[A-Z]{2,}", text))


def is_dateline(text: str) -> bool:
    """A line that is a date, perhaps after its place: the date line under a heading.

    >>> [is_dateline(t) for t in ("Petrograd, 5 December 1917", "26 October [8 November] 1917",
    ...                           "Moscow, March 14, 1922", "Izvestiia, No. 232, November 23, 1917",
    ...                           "The decree was adopted on October 26, 1917")]
    [True, True, True, False, False]
    """
    text = text.strip().strip("._-—'‘’ ")
    if not text or len(text.split()) > MAX_DATE_LINE_WORDS or CITATION.search(text) or not YEAR.search(text):
        return False
    rest = text
    if not DATE_START.match(rest):
        place = PLACE_PREFIX.match(rest)
        rest = rest[place.end():] if place else rest
    years = list(YEAR.finditer(text))
    if regex.search(r"[^\W\d_]{3,}|\d", text[years[-1].end():]):
        return False  # a date with more after it: a contents entry's page, a list's title
    return bool(DATE_START.match(rest)) and not parse_date(text).is_empty()


def is_source_line(text: str) -> bool:
    """A citation line under a date line: "Izvestiia, 28 November 1917", "Trotsky, iii, 2, p. 183".

    >>> [is_source_line(t) for t in ("Izvestiia, 28 November 1917", "Trotsky, iii, 2, p. 183",
    ...                              "Kluchnikov and Sabanin, Vol. II, p. 93", "Mr. Ambassador,")]
    [True, True, True, False]
    """
    text = text.strip()
    return 0 < len(text) <= 110 and bool(CITATION.search(text) or TITLE_AND_DATE.match(text))


def find_headings(lines, start: int, end: int, removed=frozenset()) -> list[Heading]:
    """Every heading between line indices ``start`` and ``end`` with its evidence, in order.
    A run of capitals followed by another run is a section heading ("DOCUMENTS OF 1917",
    "THE EAST") over a document's heading, and is not one itself."""
    gone = {i for i in range(start, end) if lines[i].content_start in removed}

    def blank(i: int) -> bool:
        return i < start or i >= end or lines[i].is_blank or i in gone

    runs, i = [], start
    while i < end:
        if blank(i) or not blank(previous_line(i, gone)) or not is_heading_line(lines[i].text):
            i += 1
            continue
        run = heading_run(lines, i, end, blank)
        runs.append(run)
        i = run[-1] + 1
    strong = []
    for run in runs:
        after = next_text(run[-1] + 1, end, blank)
        if after is not None and is_heading_line(lines[after].text) and after - run[-1] <= 3:
            continue  # a section heading: the run below it is the document's
        strong.append(with_apparatus(lines, run, end, blank))
    openings = {first_word(lines[h.first].text) for h in strong if "date line" in h.evidence}
    return [h for h in strong if "date line" in h.evidence
            or (first_word(lines[h.first].text) in openings and len(openings) >= 1 and
                len(" ".join(lines[k].text for k in range(h.first, h.last + 1)).split()) >= 3)]


def previous_line(i: int, gone) -> int:
    """The line above ``i``, counting removed furniture as blank (so ``i - 1`` either way)."""
    return i - 1


def heading_run(lines, i: int, end: int, blank) -> list[int]:
    """The lines of a heading from ``i``: consecutive lines in capitals, and over one blank
    line when the line before it is left open ("… AND THE OPENING OF / / PEACE NEGOTIATIONS")."""
    run = [i]
    while len(run) < MAX_HEADING_LINES:
        k = run[-1] + 1
        if k < end and not blank(k) and is_heading_line(lines[k].text):
            run.append(k)
        elif k + 1 < end and blank(k) and not blank(k + 1) and is_heading_line(lines[k + 1].text) \
                and OPEN_ENDINGS.search(lines[run[-1]].text):
            run.append(k + 1)
        else:
            break
    return run


def with_apparatus(lines, run: list[int], end: int, blank) -> Heading:
    """The heading of ``run`` with the date line and the source lines printed under it."""
    evidence = ["heading"]
    date = None
    k = run[-1] + 1
    while k < end and k - run[-1] <= MAX_DATE_DISTANCE:
        if not blank(k):
            if is_dateline(lines[k].text):
                date = k
            break
        k += 1
    sources = []
    if date is not None:
        evidence.append("date line")
        k = date + 1
        while k < end and k - (sources[-1] if sources else date) <= 2:
            if not blank(k):
                if not is_source_line(lines[k].text) or is_dateline(lines[k].text) and not sources:
                    break
                sources.append(k)
            k += 1
    if sources:
        evidence.append("source line")
    return Heading(run[0], run[-1], date, tuple(sources), tuple(evidence))


def next_text(i: int, end: int, blank) -> int | None:
    while i < end and blank(i):
        i += 1
    return i if i < end else None


def first_word(text: str) -> str:
    """The first word of a heading, without OCR specks before it ("_ DECREE" is ``DECREE``)."""
    match = regex.search(r"[A-Za-z]{2,}", text)
    return match.group(0).upper() if match else ""


#: how a collection's editor speaks of the document under their introduction, in the third person
#: ("The decree printed below was issued by …", "the text is given here", "the following letter")
EDITORS_WORDS = regex.compile(r"\b(?:printed|given|reproduced|published|translated)\s+(?:below|here)\b|"
                              r"\bthe following (?:document|text|letter|note|statement|decree|telegram)\b", regex.I)


def is_editors_introduction(paragraph: str) -> bool:
    """A paragraph in which the collection's editor introduces the document that follows (set in
    smaller type in print; the OCR keeps only the words), rather than the document's own text.

    >>> is_editors_introduction("The decree printed below was issued by the Congress at Petrograd.")
    True
    >>> is_editors_introduction("We consider it necessary to make the following explanation.")
    False
    """
    return bool(EDITORS_WORDS.search(" ".join(paragraph.split())))
