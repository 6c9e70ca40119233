#!/usr/bin/env python3
"""Synthetic OCR'd printed books with exact truth, for benchmarking the TEI edition pipeline.

Why this exists: the pipeline was developed on one real book (the Internet Archive OCR of
Lenin, *On the Foreign Policy of the Soviet State*, Progress Publishers 1973). Figures measured
on that book flatter it. This module makes other books, typeset from clean documents the way
Progress printed such collections and then damaged the way the Internet Archive OCR damaged the
real one, and it writes down everything it did, so a scorer knows the exact answer.

Three stages, each a plain function of its inputs and of a ``random.Random`` made from the seed:

1. read clean documents (``read_page_copies`` for web-page copies, ``read_documents_json``);
2. lay out a book (``lay_out_book``): front matter, contents, documents, footnotes, endnotes,
   pages with running heads;
3. simulate the OCR (``simulate_ocr``): lost lines, blank-line changes, damaged letters and marks.

For a book NAME it writes NAME.txt (what the pipeline reads), NAME.gold.txt (line-aligned truth in
the conventions of bench/gold/ocr) and NAME.truth.json. See bench/synth/README.md.

Standard library only. It reads and runs nothing of the pipeline it measures.

    python bench/synth_book.py --pages-from tests/fixtures/web --seed 1 --out /tmp/synth
"""

from __future__ import annotations

import argparse
import calendar
import datetime
import json
import random
import re
import sys
import zlib
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

FORMAT = "synth-book/1"
FURNITURE = "⊘"
SOFT = "¬"
CALL_MARK = "\x01"       # stands before an endnote call number while lines are set (zero width)
STAR_MARK = "\x02"       # a footnote call, printed "*"
TIE = "\x03"             # a no-break space while lines are set ("p. 11" stays on one line)

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
MONTH_NUMBER = MappingProxyType({name.lower(): i for i, name in enumerate(MONTHS, 1)})
MONTH = "(" + "|".join(MONTHS) + ")"
ROMAN_MONTHS = MappingProxyType({r: i for i, r in enumerate(
    ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"), 1)})
ORDINALS = ("First", "Second", "Third", "Fourth", "Fifth")

# ----------------------------------------------------------------------------------------------
# Damage rates. Each is a probability per opportunity (per word, per line, per break, ...), as the
# README lists. ``typical`` follows the real book; ``heavy`` is for stress; ``clean`` damages
# nothing (the book is only laid out and paginated).

TYPICAL = MappingProxyType({
    # line-end word-break marks, per broken line
    "soft_hyphen_as_dash": 0.06,      # printed soft break (gold ¬) comes out as "-"
    "hard_hyphen_as_soft": 0.08,      # printed hyphen (gold -) comes out as "¬"
    "hyphen_mark_lost": 0.02,         # the mark is gone ("excel" / "lently")
    # letters and spacing, per word (per punctuation mark for punct_spaced)
    "letter_confusion": 0.003,        # rn/m, cl/d, li/h, l/I/1, u/v, c/e, O/0, S/5, a/o, ...
    "stray_capital": 0.0004,          # "woTkers"
    "y_as_caret": 0.004,              # per word with a "y": "diplomacj^", "gradual^"
    "split_word": 0.0006,             # "interventi on"
    "glued_words": 0.0005,            # "the'peoples"
    "stray_mark": 0.0004,             # ".the", ",of"
    "punct_spaced": 0.0008,           # "Countries , Unite!"
    # per line
    "stray_mark_line_end": 0.003,     # "\\", "/", "J" after the last word
    "first_letter_lost": 0.002,       # "he venomous"
    # digits
    "digit_confusion": 0.01,          # per year in running text: "1S20", "I918", "19l9"
    "date_digit_confusion": 0.06,     # per year or page number in contents, headings, sources
    "call_mangled": 0.02,             # per note call: "62" -> "02"
    "note_label_mangled": 0.12,       # per endnote: "140" -> "i4 °"
    "note_label_lost": 0.05,          # per endnote: label gone
    "leader_stray_mark": 0.05,        # per contents page number: ".*.314"
    # page furniture
    "head_confusion": 0.15,           # per running head: one letter confusion
    "head_case_lowered": 0.08,        # per running head: capitals read as lower case
    # lost lines (absent from NAME.txt and NAME.gold.txt, listed in the truth)
    "heading_lost": 0.9,               # per line of a document heading (title in capitals)
    "date_line_lost": 0.6,            # the date line under a heading
    "contents_first_line_lost": 0.7,  # first line of a contents entry of 2-3 lines
    "contents_line_lost": 0.25,       # any other contents line
    "front_line_lost": 0.1,           # title page and imprint lines
    "running_head_lost": 0.6,         # the real book lost nearly all of them; see README
    "folio_lost": 0.5,                # bare page numbers and signature marks at the foot
    "short_line_lost": 0.2,           # last line of a paragraph of at most 12 characters
    "line_lost": 0.002,               # any other text line
    # blank lines
    "page_break_shortened": 0.03,     # the break between two pages is a single blank line
    "page_break_lengthened": 0.03,    # ... or 2-4 blank lines longer than usual
    "paragraph_gap_lost": 0.04,       # no blank line between two paragraphs
    "note_gap_inserted": 0.3,         # a blank line after an endnote's first line
    "source_gap_inserted": 0.3,       # a blank line between two lines of a source block
    "contents_gap_inserted": 0.15,    # a blank line inside a contents entry
})

HEAVY_OVERRIDES = MappingProxyType({
    "heading_lost": 0.97, "date_line_lost": 0.8, "contents_first_line_lost": 0.85,
    "contents_line_lost": 0.4, "front_line_lost": 0.2, "running_head_lost": 0.85,
    "folio_lost": 0.7, "short_line_lost": 0.4,
})


def heavy_rates() -> dict:
    """Typical rates tripled (capped at 0.6), with harsher line losses; for stress tests."""
    rates = {key: round(min(0.6, value * 3), 6) for key, value in TYPICAL.items()}
    rates.update(HEAVY_OVERRIDES)
    return rates


PROFILES = MappingProxyType({
    "clean": MappingProxyType({key: 0.0 for key in TYPICAL}),
    "typical": TYPICAL,
    "heavy": MappingProxyType(heavy_rates()),
})


def profile_rates(profile: str = "typical", overrides: dict | None = None) -> dict:
    """The damage rates of a profile with some rates changed; unknown names are errors."""
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}; choose one of {', '.join(PROFILES)}")
    rates = dict(PROFILES[profile])
    for key, value in (overrides or {}).items():
        if key not in rates:
            raise ValueError(f"unknown damage rate {key!r}")
        rates[key] = float(value)
    return rates


# ==============================================================================================
# 1. Clean documents
# ==============================================================================================

@dataclass(frozen=True)
class DocDate:
    """A date as a source gives it (text) and what it means (ISO; julian = Old Style date)."""
    text: str
    when: str | None = None
    not_before: str | None = None
    not_after: str | None = None
    julian: str | None = None

    def sort_key(self) -> str:
        return self.when or self.not_before or self.not_after or "9999"

    def to_json(self) -> dict:
        return {"text": self.text, "when": self.when, "notBefore": self.not_before,
                "notAfter": self.not_after, "julian": self.julian}

    @classmethod
    def from_json(cls, data: dict) -> "DocDate":
        return cls(data.get("text") or "", data.get("when"), data.get("notBefore"),
                   data.get("notAfter"), data.get("julian"))


@dataclass(frozen=True)
class Note:
    """An editor's note of the page copy, numbered as on the page."""
    n: str
    text: str            # paragraphs separated by "\n"


@dataclass(frozen=True)
class Call:
    """Where a note call stood, so the book can print it at the same word."""
    n: str               # the note's number on the page
    paragraph: int       # index into paragraphs; -1 for a call in the title
    offset: int          # character offset in that paragraph (or title) where the call stood


@dataclass(frozen=True)
class SourceBlock:
    """The publication data printed under a document, in two columns."""
    left: tuple[str, ...]    # where and when it was published ("Pravda No. 171," ...)
    right: tuple[str, ...]   # what the text follows ("Collected Works, Vol. 26," ...)


@dataclass(frozen=True)
class Document:
    """A clean document: what the book prints, before any layout or OCR (JSON: to_json)."""
    key: str
    origin: str              # "mia", "dsfp" or "json"
    title: str
    date: DocDate
    author: str | None
    kind: str
    paragraphs: tuple[str, ...]
    notes: tuple[Note, ...]
    calls: tuple[Call, ...]
    source_block: SourceBlock

    def to_json(self) -> dict:
        return {"key": self.key, "origin": self.origin, "title": self.title,
                "date": self.date.to_json(), "author": self.author, "kind": self.kind,
                "paragraphs": list(self.paragraphs),
                "notes": [{"n": n.n, "text": n.text} for n in self.notes],
                "calls": [{"n": c.n, "paragraph": c.paragraph, "offset": c.offset} for c in self.calls],
                "source_block": {"left": list(self.source_block.left),
                                 "right": list(self.source_block.right)}}

    @classmethod
    def from_json(cls, data: dict) -> "Document":
        """A document from JSON; a missing source block or kind is made up as for page copies."""
        date = DocDate.from_json(data.get("date") or {})
        paragraphs = tuple(data["paragraphs"])
        block = data.get("source_block")
        if block:
            source = SourceBlock(tuple(block.get("left") or ()), tuple(block.get("right") or ()))
        else:
            source = make_source_block(data["key"], date, length=sum(map(len, paragraphs)),
                                       author=data.get("author"))
        return cls(key=data["key"], origin=data.get("origin", "json"), title=data["title"], date=date,
                   author=data.get("author"), kind=data.get("kind") or kind_of(data["title"]),
                   paragraphs=paragraphs,
                   notes=tuple(Note(str(n["n"]), n["text"]) for n in data.get("notes", ())),
                   calls=tuple(Call(str(c["n"]), int(c["paragraph"]), int(c["offset"]))
                               for c in data.get("calls", ())),
                   source_block=source)


# ---------------------------------------------------------------------------------- dates ----

def iso(year: int, month: int, day: int | None = None) -> str:
    """ISO date text, checked (so 31 June raises instead of going into the truth)."""
    if day is None:
        return f"{year:04d}-{month:02d}"
    return datetime.date(year, month, day).isoformat()


def month_no(name: str) -> int:
    return MONTH_NUMBER[name.lower()]


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def parse_date(text: str) -> DocDate | None:
    """Read the date forms of the MIA and DSFP pages into ISO fields (None if there is none).

    >>> parse_date("October 26 (November 8), 1917").to_json()["julian"]
    '1917-10-26'
    >>> parse_date("26 October [8 November] 1917").when
    '1917-11-08'
    >>> d = parse_date("Written in September, not before 26, 1919"); (d.not_before, d.not_after)
    ('1919-09-26', '1919-09-30')
    >>> parse_date("Between March 3 and 5, 1918").not_after
    '1918-03-05'
    >>> parse_date("December 1922").not_after
    '1922-12-31'
    >>> parse_date("16.III.").when
    '--03-16'
    >>> d = parse_date("21 January/3 February 1918"); (d.when, d.julian)
    ('1918-02-03', '1918-01-21')
    """
    t = " ".join(text.replace("\u00a0", " ").split())
    for reader in DATE_READERS:
        try:
            found = reader(t)
        except (ValueError, KeyError):
            found = None
        if found:
            return found
    return None


def _dual_mia(t):
    m = re.search(rf"{MONTH} (\d{{1,2}})(?:-(\d{{1,2}}))? \((?:{MONTH} )?(\d{{1,2}})(?:-(\d{{1,2}}))?\),? (\d{{4}})", t)
    if not m:
        return None
    om, od, _, nm, nd, nd2, year = m.groups()
    old_m = month_no(om)
    new_m = month_no(nm) if nm else old_m
    if not nm and int(nd) < int(od):      # "December 31 (13), 1917" would roll into January
        new_m = old_m % 12 + 1
    year = int(year)
    new_y = year + 1 if new_m < old_m else year
    julian = iso(year, old_m, int(od))
    if nd2:
        return DocDate(t, None, iso(new_y, new_m, int(nd)), iso(new_y, new_m, int(nd2)), julian)
    return DocDate(t, iso(new_y, new_m, int(nd)), julian=julian)


def _dual_dsfp(t):
    m = re.search(rf"(\d{{1,2}}) {MONTH} \[(\d{{1,2}}) {MONTH}\] (\d{{4}})", t)
    if not m:
        return None
    od, om, nd, nm, year = m.groups()
    year = int(year)
    new_y = year + 1 if month_no(nm) < month_no(om) else year
    return DocDate(t, iso(new_y, month_no(nm), int(nd)), julian=iso(year, month_no(om), int(od)))


def _dual_slash(t):
    m = re.search(rf"(\d{{1,2}})(?: {MONTH})?/(\d{{1,2}}) {MONTH},? (\d{{4}})", t)
    if not m:
        return None
    od, om, nd, nm, year = m.groups()
    year = int(year)
    old_m, new_m = month_no(om or nm), month_no(nm)
    if not om and int(nd) < int(od):          # "31/13 January" is 31 December / 13 January
        old_m = (new_m - 2) % 12 + 1
    old_y = year - 1 if old_m > new_m else year
    return DocDate(t, iso(year, new_m, int(nd)), julian=iso(old_y, old_m, int(od)))


def _between(t):
    m = re.search(rf"[Bb]etween {MONTH} (\d{{1,2}}) and (?:{MONTH} )?(\d{{1,2}}),? (\d{{4}})", t)
    if not m:
        return None
    m1, d1, m2, d2, year = m.groups()
    y = int(year)
    return DocDate(t, None, iso(y, month_no(m1), int(d1)), iso(y, month_no(m2 or m1), int(d2)))


def _in_month_not_before(t):
    m = re.search(rf"in {MONTH},? not (?:before|earlier than) (\d{{1,2}}),? (\d{{4}})", t)
    if not m:
        return None
    month, day, year = month_no(m.group(1)), int(m.group(2)), int(m.group(3))
    return DocDate(t, None, iso(year, month, day), iso(year, month, last_day(year, month)))


def _not_earlier_later(t):
    m = re.search(rf"not (earlier|later|before|after) than {MONTH} (\d{{1,2}})(?: \((\d{{1,2}})\))?,? (\d{{4}})",
                  t, re.IGNORECASE)
    if not m:
        return None
    which, month, day, new_day, year = m.groups()
    month, year = month_no(month), int(year)
    day = int(new_day or day)
    if new_day and int(new_day) < int(m.group(3)):
        month = month % 12 + 1
    date = iso(year, month, day)
    if which.lower() in ("earlier", "before"):
        return DocDate(t, None, date, None)
    return DocDate(t, None, None, date)


def _cross_month_range(t):
    m = re.search(rf"{MONTH} (\d{{1,2}})-{MONTH} (\d{{1,2}}),? (\d{{4}})", t)
    if not m:
        return None
    m1, d1, m2, d2, year = m.groups()
    y = int(year)
    return DocDate(t, None, iso(y, month_no(m1), int(d1)), iso(y, month_no(m2), int(d2)))


def _day_range(t):
    m = re.search(rf"{MONTH} (\d{{1,2}})-(\d{{1,2}}),? (\d{{4}})", t)
    if not m:
        return None
    month, d1, d2, year = m.groups()
    y = int(year)
    return DocDate(t, None, iso(y, month_no(month), int(d1)), iso(y, month_no(month), int(d2)))


def _month_day_year(t):
    m = re.search(rf"{MONTH} (\d{{1,2}}),? (\d{{4}})", t)
    return m and DocDate(t, iso(int(m.group(3)), month_no(m.group(1)), int(m.group(2))))


def _day_month_year(t):
    m = re.search(rf"(\d{{1,2}}) {MONTH},? (\d{{4}})", t)
    return m and DocDate(t, iso(int(m.group(3)), month_no(m.group(2)), int(m.group(1))))


def _month_year(t):
    m = re.search(rf"{MONTH},? (\d{{4}})", t)
    if not m:
        return None
    month, year = month_no(m.group(1)), int(m.group(2))
    return DocDate(t, None, iso(year, month, 1), iso(year, month, last_day(year, month)))


def _roman(t):
    m = re.fullmatch(r"(\d{1,2})\.([IVX]+)\.?", t)
    if not m or m.group(2) not in ROMAN_MONTHS:
        return None
    return DocDate(t, f"--{ROMAN_MONTHS[m.group(2)]:02d}-{int(m.group(1)):02d}")


DATE_READERS = (_dual_mia, _dual_dsfp, _dual_slash, _between, _in_month_not_before, _not_earlier_later,
                _cross_month_range, _day_range, _month_day_year, _day_month_year, _month_year, _roman)


def ymd(value: str) -> tuple[int, int, int]:
    y, m, d = value.split("-")
    return int(y), int(m), int(d)


def book_date_text(date: DocDate) -> str:
    """The date as a Progress book prints it under a heading or in the contents (mixed case).

    >>> book_date_text(parse_date("26 October [8 November] 1917"))
    'October 26 (November 8), 1917'
    >>> book_date_text(parse_date("Written on November 9 (22), 1917"))
    'November 9 (22), 1917'
    >>> book_date_text(parse_date("Written in September, not before 26, 1919"))
    'Not earlier than September 26, 1919'
    """
    name = lambda m: MONTHS[m - 1]  # noqa: E731
    if date.julian and date.when and len(date.when) == 10:
        (jy, jm, jd), (y, m, d) = ymd(date.julian), ymd(date.when)
        if jy != y:
            return f"{name(jm)} {jd}, {jy} ({name(m)} {d}, {y})"
        if jm == m:
            return f"{name(jm)} {jd} ({d}), {y}"
        return f"{name(jm)} {jd} ({name(m)} {d}), {y}"
    if date.when and not date.when.startswith("--"):
        parts = [int(p) for p in date.when.split("-")]
        if len(parts) == 3:
            return f"{name(parts[1])} {parts[2]}, {parts[0]}"
        if len(parts) == 2:
            return f"{name(parts[1])} {parts[0]}"
        return str(parts[0])
    nb, na = date.not_before, date.not_after
    if nb and na:
        (y1, m1, d1), (y2, m2, d2) = ymd(nb), ymd(na)
        whole_months = d1 == 1 and d2 == last_day(y2, m2)
        if y1 == y2 and m1 == m2:
            if whole_months:
                return f"{name(m1)} {y1}"
            if d2 == last_day(y2, m2) and re.search(r"not (before|earlier)", date.text, re.I):
                return f"Not earlier than {name(m1)} {d1}, {y1}"
            return f"{name(m1)} {d1}-{d2}, {y1}"
        if y1 == y2:
            if whole_months and (m1, m2) == (1, 12):
                return str(y1)
            if whole_months:
                return f"{name(m1)}-{name(m2)} {y1}"
            return f"{name(m1)} {d1}-{name(m2)} {d2}, {y1}"
        return f"{name(m1)} {d1}, {y1}-{name(m2)} {d2}, {y2}"
    if nb:
        y, m, d = ymd(nb)
        return f"Not earlier than {name(m)} {d}, {y}"
    if na:
        y, m, d = ymd(na)
        return f"Not later than {name(m)} {d}, {y}"
    return date.text


def infer_year(texts, month: int, day: int) -> int:
    """The year of a page that dates itself "16.III.": the year its notes give that day, or the
    year they mention most (why: the book must print a full date; the notes are the evidence)."""
    m = re.search(rf"{MONTHS[month - 1]} {day},? (19[12]\d)", "\n".join(texts))
    return int(m.group(1)) if m else most_mentioned_year(texts)


def most_mentioned_year(texts) -> int:
    """The year 1910-1929 that the texts mention most (the earliest on a tie; 1920 if none)."""
    years = Counter(re.findall(r"\b(19[12]\d)\b", "\n".join(texts)))
    if years:
        best = max(years.values())
        return min(int(y) for y, c in years.items() if c == best)
    return 1920


# Where the date a book prints comes from (truth: documents[].date.date_source).
DATE_FROM_PAGE = "page"                  # the page's own date
DATE_YEAR_INFERRED = "year_inferred"     # the page's day and month ("16.III."), the year from its notes
DATE_ASSUMED = "assumed"                 # the page gives no date: the generator assumed one


def complete_date(doc: Document) -> tuple[DocDate, str]:
    """The date the book prints, and where it comes from (DATE_FROM_PAGE, ...)."""
    return completed(doc.date, list(doc.paragraphs) + [n.text for n in doc.notes])


def completed(date: DocDate, texts) -> tuple[DocDate, str]:
    """``date`` made printable: a year for "16.III."; for a page with no date, an assumed one.

    The reader never takes a date from elsewhere on the page (a publication date is not the
    date of writing). A book prints every document under a date and in date order, so for a
    page without one the generator assumes the whole year that the text and notes mention most
    (printed as "1918"), and the truth marks it ``"date_source": "assumed"``."""
    if date.when and date.when.startswith("--"):
        month, day = int(date.when[2:4]), int(date.when[5:7])
        return replace(date, when=iso(infer_year(texts, month, day), month, day)), DATE_YEAR_INFERRED
    if not (date.when or date.not_before or date.not_after):
        year = most_mentioned_year(texts)
        return replace(date, not_before=iso(year, 1, 1), not_after=iso(year, 12, 31)), DATE_ASSUMED
    return date, DATE_FROM_PAGE


# ------------------------------------------------------------------------- page copies ----

# A MIA page's header is read by its field names, in any order and any layout: a field's value
# is the rest of its line and the lines under it, up to the next field name or a blank line
# (mirrors wrap long values, put a value on the line under its name, leave blank lines between
# fields, spread a licence over a paragraph and list the other formats one per line). Each entry
# is (the name this module uses, the names the pages use). None of it is printed in the book.
HEADER_FIELDS = (
    ("Written", r"Written"),
    ("Delivered", r"Delivered"),
    ("Dictated", r"Dictated"),
    ("Published", r"(?:First |Originally )?[Pp]ublished"),
    ("Source", r"Source"),
    ("Translated", r"Translated(?: by)?|Translation"),
    ("Transcribed", r"Transcription(?: ?[\\/] ?(?:HTML )?Markup)?|Transcribed(?: by)?"),
    ("Markup", r"(?:HTML )?Markup(?: by)?"),
    ("Proofread", r"Proofread(?:ing)?(?: by)?|Proofed(?: by)?"),
    ("Online Version", r"Online Version"),
    ("Licence", r"Public Domain|Copyleft|Copyright|Licen[cs]e"),
    ("Other Formats", r"Other Formats"),
)
HEADER_RE = re.compile("^(?:" + "|".join(f"(?P<f{k}>{names})" for k, (_, names) in enumerate(HEADER_FIELDS))
                       + r")\s*:\s*(?P<value>.*)$")
HEADER_LABELS = tuple(name for name, _ in HEADER_FIELDS)
NOTE_START_RE = re.compile(r"^\[(\d+)\]\s*(.*)$")
CALL_RE = re.compile(r"\[(\d+)\]")
# Site chrome. NAV_RE: navigation that closes a page (nothing of the document follows it).
# CHROME_RE: other furniture lines of the site and its mirrors (whole lines only).
NAV_RE = re.compile(r"^(?:<\s*backward\b|.*\bforward\s*>$|Works Index\b|(?:Previous|Next|Last updated(?: on)?)\s*:)")
CHROME_RE = re.compile(
    r"^(?:(?:https?://)?(?:www\.)?marxists\.org\S*"                        # the site's name
    r"|(?:[A-Z][\w.'’-]*\s+){0,3}(?:Internet\s+)?Archive"                  # Lenin Internet Archive
    r"|(?:Table of Contents|Contents|Index|Home)"                           # link lines
    r"|Search\b.*(?:_{3,}|\[Search\]|\bMIA\b|\bArchive\b|\bsite\b).*"      # a search box
    r"|.*\bmirror\b.*\b(?:[Aa]rchive|site|www\.).*"                        # a mirror's banner
    r"|.*\b(?:original site|website) is at\b.*)$")
BREADCRUMB_RE = re.compile(r"^(?:MIA|Marxists|[\w'’ -]*Archive)\s*[>:»]")
AUTHOR_RE = re.compile(r"(?:[A-Z]\. ?){1,3}[A-Z][a-z]+|[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}")
DATE_WORDS_RE = re.compile(r"\b(?:" + "|".join(MONTHS) + r"|[IVX]+|[Ww]ritten|[Dd]elivered|[Dd]ictated"
                           r"|[Bb]etween|and|not|before|after|earlier|later|than|in|on|of)\b")
DSFP_FOOTER = "Documents on Soviet Foreign Policy"
DSFP_SUBJECT_RE = re.compile(r"^\[\s*Subject\b.*\]$")
SMALL_WORDS = frozenset("a an and at by for from in of on or the to with".split())
DANGLING_WORDS = SMALL_WORDS | frozenset("our its his their into about which that".split())

KIND_RULES = (
    (r"\btelegram|\bwireless message", "telegram"),
    (r"\bnotes? (to|from)\b|\bnotes on\b", "note"),
    (r"\bletter\b|^to[: ]", "letter"),
    (r"\binterview|\banswers? to\b", "interview"),
    (r"\bdraft\b", "draft"),
    (r"\bdecree\b", "decree"),
    (r"\bresolution\b", "resolution"),
    (r"\breport\b", "report"),
    (r"\bspeech\b|\baddress\b|\bstatement by\b", "speech"),
    (r"\barticle\b", "article"),
)


def kind_of(title: str) -> str:
    """The kind of document its title names (the vocabulary of bench/gold/structure, + decree)."""
    for pattern, kind in KIND_RULES:
        if re.search(pattern, title, re.IGNORECASE):
            return kind
    return "other"


def clean_space(text: str) -> str:
    """Whitespace runs (no-break spaces too) as one space: the book sets no double spaces."""
    return " ".join(text.replace("\u00a0", " ").split())


def strip_calls(text: str) -> tuple[str, list[tuple[str, int]]]:
    """Text without its ``[n]`` note calls, and (n, offset in the clean text) of each call.

    >>> strip_calls("for Genoa.[1] On the whole")
    ('for Genoa. On the whole', [('1', 10)])
    """
    parts, calls, pos = [], [], 0
    for m in CALL_RE.finditer(text):
        piece = text[pos:m.start()]
        if piece.endswith(" ") and text[m.end():m.end() + 1] in (" ", ""):
            piece = piece[:-1]
        parts.append(piece)
        calls.append((m.group(1), sum(map(len, parts))))
        pos = m.end()
    parts.append(text[pos:])
    return "".join(parts), calls


def classify_page(text: str) -> str | None:
    """'mia', 'dsfp', or None when the text is not a web-page copy (e.g. an OCR'd book)."""
    if "Full text of" in text[:3000] or text.count("\n") > 3000:
        return None
    lines = [clean_space(line) for line in text.split("\n") if line.strip()]
    if not lines:
        return None
    if any(line.startswith(DSFP_FOOTER) for line in lines[-4:]) and lines[0] == lines[0].upper():
        return "dsfp"
    content = [line for line in lines if not is_chrome(line)]
    if (any(header_field(line) or NOTE_START_RE.match(line) or NAV_RE.match(line) for line in lines)
            or (content and AUTHOR_RE.fullmatch(content[0]))):
        return "mia"
    return None


def header_field(line: str) -> tuple[str, str] | None:
    """(field, value) when a line opens a header field ("Translated by: X" -> ("Translated", "X"))."""
    m = HEADER_RE.match(line)
    if not m:
        return None
    k = next(int(name[1:]) for name, found in m.groupdict().items() if name != "value" and found is not None)
    return HEADER_FIELDS[k][0], m.group("value").strip()


def is_chrome(line: str) -> bool:
    """A line of site furniture: navigation, breadcrumbs, banners, link bars, "Last updated".

    >>> [is_chrome(t) for t in ("MIA > Library > Lenin > Collected Works > Volume 44",
    ...  "Home | Works | Biography | Letters", "Last updated on: 12.3.2019", "Lenin Internet Archive",
    ...  "Previous: Letter to Y. M. Sverdlov", "With communist greetings,", "Lenin")]
    [True, True, True, True, True, False, False]
    """
    if not line:
        return False
    if NAV_RE.match(line) or CHROME_RE.match(line):
        return True
    for sep in ("|", " > ", "»", ": "):
        parts = [part.strip() for part in line.split(sep)]
        if len(parts) < 2 or not all(re.fullmatch(r"[\w .'’&()-]{1,40}", part) for part in parts):
            continue
        if sep == "|" or BREADCRUMB_RE.match(line):
            return True
    return False


def is_date_line(line: str) -> bool:
    """A line that is only a date ("16.III.", "(February 10, 1918)", "November 8, 1918")."""
    if len(line) > 60 or not parse_date(line):
        return False
    return not re.sub(r"[\d\s.,;:()\[\]/–-]", "", DATE_WORDS_RE.sub("", line))


def read_page_copy(path: Path) -> Document | None:
    """One clean document from a plain-text web-page copy (None if it is not one)."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    kind = classify_page(text)
    if kind == "mia":
        return parse_mia(text, path.stem)
    if kind == "dsfp":
        return parse_dsfp(text, path.stem)
    return None


def read_page_copies(folder) -> list[Document]:
    """Clean documents from every web-page copy (``*.txt``) in a folder, in file-name order.

    Files that are not page copies (an OCR'd book, a README) are skipped with a warning, so a
    folder such as raw/ can be given whole."""
    docs = []
    for path in sorted(Path(folder).glob("*.txt")):
        doc = read_page_copy(path)
        if doc is None:
            print(f"synth_book: skipped {path} (not a web-page copy)", file=sys.stderr)
        else:
            docs.append(doc)
    return docs


def read_documents_json(path) -> list[Document]:
    """Documents from a JSON file: a list, or an object with a "documents" list (Document.to_json)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    items = data["documents"] if isinstance(data, dict) else data
    return [Document.from_json(item) for item in items]


def write_documents_json(docs, path) -> None:
    """Save clean documents, so a corpus can be rebuilt or edited by hand."""
    Path(path).write_text(json.dumps({"documents": [d.to_json() for d in docs]}, ensure_ascii=False,
                                     indent=1) + "\n", encoding="utf-8")


def load_documents(sources) -> list[Document]:
    """Documents from folders of page copies, single page copies and JSON files; one per key."""
    docs, seen = [], set()
    for source in sources:
        path = Path(source)
        if path.is_dir():
            found = read_page_copies(path)
        elif path.suffix == ".json":
            found = read_documents_json(path)
        else:
            one = read_page_copy(path)
            if one is None:
                print(f"synth_book: skipped {path} (not a web-page copy)", file=sys.stderr)
            found = [one] if one else []
        for doc in found:
            if doc.key not in seen:
                seen.add(doc.key)
                docs.append(doc)
    return docs


def split_paragraphs(lines) -> tuple[list[str], list[Call]]:
    """Paragraph texts (one per non-blank line) without calls, and where the calls stood."""
    paragraphs, calls = [], []
    for line in lines:
        text, found = strip_calls(clean_space(line))
        if not text:
            continue
        calls.extend(Call(n, len(paragraphs), offset) for n, offset in found)
        paragraphs.append(text)
    return paragraphs, calls


def parse_mia(text: str, key: str) -> Document:
    """A Marxists Internet Archive page: author, title, header block, text, [n] notes, navigation.

    The header is read by its field names wherever it stands; what stands above the title other
    than the author line (breadcrumbs, banners, links, navigation) is site chrome and dropped."""
    lines = [clean_space(line) for line in text.split("\n")]
    notes_at = next((i for i, line in enumerate(lines) if NOTE_START_RE.match(line) or line == "Notes"),
                    len(lines))
    start = next((i for i in range(notes_at) if header_field(lines[i])), None)
    if start is not None and len([line for line in lines[:start] if line and not is_chrome(line)]) > 6:
        start = None                                   # a "Label:" far down is text, not a header
    if start is not None:
        head = [line for line in lines[:start] if line and not is_chrome(line)]
        header, i = read_header(lines, start)
    else:
        head, i = [], 0
        while i < notes_at and len(head) < 3:
            line = lines[i]
            if line and not is_chrome(line):
                if head and not (len(head) == 1 and AUTHOR_RE.fullmatch(head[0])) and not is_date_line(line):
                    break
                head.append(line)
            i += 1
        header = {}
    date_line = head.pop() if len(head) > 1 and is_date_line(head[-1]) else None
    title, title_calls = strip_calls(head.pop() if head else key)
    author = head[-1] if head and AUTHOR_RE.fullmatch(head[-1]) else None
    body, k = [], i
    while k < notes_at:
        line = lines[k]
        if NAV_RE.match(line) and any(body):
            break                                      # navigation at the foot of a page with no notes
        if header_field(line):                         # a stray header field (and its value lines)
            more, k = read_header(lines, k)
            for name, value in more.items():
                header.setdefault(name, value)
            continue
        if not is_chrome(line):
            body.append(line)
        k += 1
    notes = read_mia_notes(lines[notes_at:])
    paragraphs, calls = split_paragraphs(body)
    calls = [Call(n, -1, offset) for n, offset in title_calls] + calls
    date = mia_date(header, date_line) or DocDate("")
    printed_date = completed(date, paragraphs + [n.text for n in notes])[0]
    return Document(key=key, origin="mia", title=title, date=date, author=author, kind=kind_of(title),
                    paragraphs=tuple(paragraphs), notes=tuple(notes), calls=tuple(calls),
                    source_block=make_source_block(key, printed_date, published=header.get("Published"),
                                                   source=header.get("Source"),
                                                   length=sum(map(len, paragraphs)), author=author))


def read_header(lines, i: int) -> tuple[dict, int]:
    """The header fields from line i on (field -> value, continuation lines joined), and the
    index of the first line after the header. A blank line ends the header unless the next
    filled line (site chrome aside) opens another field."""
    fields, current = {}, None
    while i < len(lines):
        line = lines[i]
        found = header_field(line) if line else None
        if not line:
            j = i
            while j < len(lines) and (not lines[j] or is_chrome(lines[j])):
                j += 1
            if j < len(lines) and header_field(lines[j]):
                current, i = None, j
                continue
            break
        if found:
            current, value = found
            fields[current] = f"{fields[current]} {value}".strip() if current in fields else value
        elif current is not None:
            fields[current] = f"{fields[current]} {line}".strip()
        else:
            break
        i += 1
    return fields, i


def next_filled(lines, i: int) -> int:
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i


def read_mia_notes(lines) -> list[Note]:
    """``[n] text`` notes; following paragraphs up to the next ``[n]`` belong to the same note.
    The notes end at the site's navigation; other chrome lines among them are dropped."""
    notes: list[list] = []
    for raw in lines:
        line = clean_space(raw)
        if NAV_RE.match(line):
            break
        m = NOTE_START_RE.match(line)
        if m:
            notes.append([m.group(1), [m.group(2)]])
        elif line and line != "Notes" and notes and not is_chrome(line):
            notes[-1][1].append(line)
    return [Note(n, "\n".join(parts)) for n, parts in notes]


def mia_date(header: dict, date_line: str | None) -> DocDate | None:
    """The date of writing from the header (Written/Delivered/Dictated), else the date line under
    the title. Nothing else: a publication date is not the date of the document, so a page that
    gives neither has no date (the book then assumes one, see ``completed``)."""
    for label in ("Written", "Delivered", "Dictated"):
        if label in header:
            found = parse_date(header[label])
            if found:
                return replace(found, text=header[label])
    if date_line:
        return parse_date(date_line)
    return None


def parse_dsfp(text: str, key: str) -> Document:
    """A "Documents on Soviet Foreign Policy" page: a title in capitals (over one or more lines),
    the date, source references (one or more lines, split at "; "), paragraphs (indented or
    not), and the footer ("Documents on Soviet Foreign Policy[, Vol. I]", "[Subject] ...")."""
    lines = [clean_space(line) for line in text.split("\n")]
    i = next_filled(lines, 0)
    title_lines = []
    while i < len(lines) and lines[i] and lines[i] == lines[i].upper() and not is_date_line(lines[i]):
        title_lines.append(lines[i])
        i += 1
    title = " ".join(title_lines)
    i = next_filled(lines, i)
    date = parse_date(lines[i]) or DocDate(lines[i]) if i < len(lines) else DocDate("")
    i += 1
    refs = []
    while i < len(lines) and lines[i]:
        refs.extend(part.strip() for part in lines[i].split("; "))
        i += 1
    body = []
    for line in lines[i:]:
        if line.startswith(DSFP_FOOTER):
            break
        if not DSFP_SUBJECT_RE.match(line):
            body.append(line)
    paragraphs, calls = split_paragraphs(body)
    author = dsfp_author(title)
    return Document(key=key, origin="dsfp", title=title, date=date, author=author,
                    kind=kind_of(title), paragraphs=tuple(paragraphs), notes=(), calls=tuple(calls),
                    source_block=make_source_block(key, date, refs=refs,
                                                   length=sum(map(len, paragraphs)), author=author))


DSFP_ISSUER_END = r"(?=\s+(?:TO|AT|ON|IN|REPLYING|PROTESTING|CONCERNING|URGING|PROPOSING|ABOUT|REGARDING|FOR)\b|,|$)"
DSFP_BODIES = r"COMMITTEE|COUNCIL|CONGRESS|COMMISSARIAT|GOVERNMENT|SOVIET|DELEGATION|CONFERENCE"


def dsfp_author(title: str) -> str | None:
    """The issuer a DSFP title names: FROM CHICHERIN -> Chicherin, ADOPTED BY THE X -> X,
    DECREE OF THE X ON ... -> X (when X is a body: a committee, council, congress, ...).

    >>> dsfp_author("APPEAL OF THE COUNCIL OF PEOPLE'S COMMISSARS TO THE WORKERS")
    "Council of People's Commissars"
    """
    m = re.search(r"\b(?:FROM|BY)\s+(?:THE\s+)?(.+?)" + DSFP_ISSUER_END, title)
    if m:
        return title_case(m.group(1))
    m = re.search(r"\bOF\s+THE\s+(.+?)" + DSFP_ISSUER_END, title)
    if m and re.search(rf"\b(?:{DSFP_BODIES})\b", m.group(1)):
        return title_case(m.group(1))
    return None


def title_case(caps: str) -> str:
    """SECOND ALL-RUSSIAN CONGRESS OF SOVIETS -> Second All-Russian Congress of Soviets."""
    words = []
    for k, word in enumerate(caps.split()):
        if k and word.lower() in SMALL_WORDS:
            words.append(word.lower())
        elif re.fullmatch(r"(?:[A-Z]\.)+", word):
            words.append(word)
        else:
            words.append("-".join(part[:1].upper() + part[1:].lower() for part in word.split("-")))
    return " ".join(words)


# -------------------------------------------------------------------------- source blocks ----

PAPERS = ("Pravda", "Izvestia", "Izvestia VTsIK", "Petrogradskaya Pravda", "Ekonomicheskaya Zhizn")
PAPER_RE = re.compile(r"\b(Pravda|Izvestia(?: VTsIK)?|Petrogradskaya Pravda|Rabochy i Soldat)\b(?:,? No\. (\d+))?")
COLUMN = 30


def column_lines(text: str, width: int = COLUMN) -> list[str]:
    """Greedy wrap for a narrow column of the source block (no hyphenation there)."""
    lines, current = [], ""
    for word in re.sub(r"\b(pp?\.|Vol\.|No\.) (?=\d)", rf"\1{TIE}", text).split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return [line.replace(TIE, " ") for line in lines + ([current] if current else [])]


def book_reference(ref: str) -> str:
    """A DSFP reference as a book prints it: "Trotsky, iii, 2, p. 183" -> "Trotsky, Vol. III,
    Part 2, p. 183"."""
    ref = re.sub(r", ([ivx]+), (\d+), p\.", lambda m: f", Vol. {m.group(1).upper()}, Part {m.group(2)}, p.", ref)
    return re.sub(r", ([ivx]+), p\.", lambda m: f", Vol. {m.group(1).upper()}, p.", ref)


def page_range(first: int, last: int) -> str:
    """CW style: p. 262, pp. 249-53, pp. 98-102."""
    if last <= first:
        return f"p. {first}"
    if first >= 100 and first // 100 == last // 100:
        return f"pp. {first}-{last % 100:02d}"
    return f"pp. {first}-{last}"


def make_source_block(key: str, date: DocDate, published: str | None = None, source: str | None = None,
                      refs=(), length: int = 0, author: str | None = None) -> SourceBlock:
    """A realistic source block: what the page says where it can, made up (from the key, so
    always the same) where it cannot. Left: publication; right: the text followed. Lenin's
    Collected Works are made up only for Lenin (or an unnamed author)."""
    rng = random.Random(zlib.crc32(key.encode("utf-8")))
    source = clean_space(source or "")
    published = published or (source if PAPER_RE.search(source) else "")
    printed = book_date_text(date) if (date.when or date.not_before or date.not_after) else None
    left = source_left(rng, date, printed, published, refs)
    right = source_right(rng, published, source, refs, length, author)
    return SourceBlock(tuple(left), tuple(right))


def source_left(rng, date, printed, published, refs) -> list[str]:
    """Left column: first publication, newspaper and date (from the page where it says)."""
    first = re.search(r"First published (?:[a-z]+ ){0,2}in (\d{4})", published, re.I)
    paper = PAPER_RE.search(published)
    if first:
        left = [f"First published in {first.group(1)}"]
        misc = re.search(r"Lenin Miscellany ([IVXL]+)", published)
        if misc:
            left.append(f"in Lenin Miscellany {misc.group(1)}")
        if printed and date.when and rng.random() < 0.4:
            left.insert(0, f"Written on {printed}")
        return left
    if paper:
        pub = parse_date(published)
        when = book_date_text(pub) if pub else printed
        return [f"{paper.group(1)} No. {paper.group(2) or rng.randint(2, 290)},"] + ([when] if when else [])
    year = re.search(r"\b(1[89]\d\d)\b", published)
    if year:                                   # "The British Socialist Party, London, 1918, ..."
        return [f"First published in {year.group(1)}"]
    for ref in refs:
        m = re.match(r"(Izvestia|Pravda)[^,]*, (.+)$", ref)
        if m and parse_date(m.group(2)):
            return [f"{m.group(1)} No. {rng.randint(2, 290)},", book_date_text(parse_date(m.group(2)))]
    if printed and date.when and rng.random() < 0.6:
        return [f"{rng.choice(PAPERS)} No. {rng.randint(2, 290)},", printed]
    year = int((date.when or date.not_before or date.not_after or "1920")[:4])
    return [f"First published in {rng.choice((year, 1924, 1929, 1942, 1959, 1965))}"]


def source_title(source: str) -> str | None:
    """The book a MIA ``Source:`` names when it is not a volume of Collected Works or a paper:
    "Maxim Litvinov, The Bolshevik Revolution: Its Rise and Meaning, London, 1918, pages 49-55."
    gives "The Bolshevik Revolution: Its Rise and Meaning, p. 49"."""
    if not source or re.search(r"Collected Works|Volume\s+\d", source) or PAPER_RE.search(source):
        return None
    parts = [part.strip() for part in source.rstrip(". ").split(",")]
    if len(parts) > 1 and AUTHOR_RE.fullmatch(parts[0]):
        parts = parts[1:]
    if len(parts[0]) < 6:
        return None
    page = re.search(r"pages?\s+(\d+)", source)
    return parts[0] + (f", p. {page.group(1)}" if page else "")


def source_right(rng, published, source, refs, length, author=None) -> list[str]:
    """Right column: the text followed (manuscript, Miscellany, Collected Works, DSFP book)."""
    if "Miscellany" in published:
        return ["Published according to the", "text of the Miscellany"]
    copy = re.search(r"(manuscript|typewritten copy|telegraph form)", published)
    if copy:
        return ["Published according to the", copy.group(1)]
    volume = source and re.search(r"Volume\s+(\d+)", source.replace("\u00a0", " "))
    page = source and re.search(r"pages?\s+(\d+)", source.replace("\u00a0", " "))
    if volume:
        first = int(page.group(1)) if page else rng.randint(20, 500)
        return [f"Collected Works, Vol. {volume.group(1)},", page_range(first, first + length // 2400)]
    books = [book_reference(ref) for ref in refs if not re.match(r"(Izvestia|Pravda)\b", ref)]
    book = source_title(source or "")
    if book:
        books.append(book)
    if books:
        return ["Published according to the"] + column_lines("text in " + "; ".join(books))
    if source and PAPER_RE.search(source):
        return ["Published according to the", "newspaper text"]
    if author and "Lenin" not in author:
        return ["Published according to the", rng.choice(("newspaper text", "typewritten copy"))]
    first = rng.randint(20, 500)
    return [f"Collected Works, Vol. {rng.randint(26, 45)},", page_range(first, first + length // 2400)]


# ==============================================================================================
# 2. Typesetting: quotes, hyphenation points, line breaking
# ==============================================================================================

def typeset(text: str) -> str:
    """Typographic quotes and hyphens for ranges, character for character (offsets survive).

    >>> typeset('the "Workers\\' Council" 2–12')
    'the “Workers’ Council” 2-12'
    """
    out = []
    for i, ch in enumerate(text):
        prev = text[i - 1] if i else " "
        if ch == "'":
            out.append("‘" if prev in " ([“—" else "’")
        elif ch == '"':
            out.append("“" if prev in " ([‘—" else "”")
        elif ch == "–":
            out.append("-")
        else:
            out.append(ch)
    return "".join(out)


VOWELS = frozenset("aeiouy")
ONSETS = frozenset("bl br ch cl cr dr fl fr gl gr ph pl pr sc sh sk sl sm sn sp st sw th tr tw wh wr".split())
LIQUID_ONSETS = frozenset("bl br cl cr dr fl fr gl gr pl pr tr".split())
THREE_ONSETS = frozenset("str spr scr spl thr chr shr sch".split())
KEEP_TOGETHER = frozenset("ch sh th ph wh gh ck qu".split())
SUFFIXES = ("tion", "sion", "ment", "ness", "ship", "ful", "less", "ing", "able", "ible", "ity", "ism")
PREFIXES = ("counter", "inter", "trans", "super", "under", "over", "anti", "semi", "non", "con",
            "com", "dis", "pro", "pre", "sub", "mis")


def syllable_points(word: str) -> list[int]:
    """Syllable-ish places where a letters-only word may be broken at a line end.

    English printers break between syllables; a few rules get close enough to look real:
    V-CV, VC-CV, before a consonant cluster that can start a syllable, around common
    prefixes and suffixes, never inside ch/th/..., never leaving a silent "-ed"/"-es".

    >>> [("revolutionary"[:p], "revolutionary"[p:]) for p in syllable_points("revolutionary")][-1]
    ('revolution', 'ary')
    >>> "immediate"[:syllable_points("immediate")[0]]
    'im'
    >>> syllable_points("peace")
    []
    """
    w = word.lower()
    n = len(w)
    if n < 6 or not w.isalpha():
        return []
    vowel = [c in VOWELS and not (c == "y" and i == 0) and not (c == "u" and i and w[i - 1] == "q")
             for i, c in enumerate(w)]
    groups, i = [], 0
    while i < n:
        if vowel[i]:
            j = i
            while j < n and vowel[j]:
                j += 1
            groups.append((i, j))
            i = j
        else:
            i += 1
    points = set()
    for (_, end), (start, _) in zip(groups, groups[1:]):
        points.add(cluster_break(w, end, start))
    points |= affix_points(w)
    for m in re.finditer(r"[ts]ion", w):
        points -= {m.start() + 1, m.start() + 2, m.start() + 3}
        if n - m.end() >= 3:
            points.add(m.end())
    return sorted(p for p in points if break_allowed(w, p))


def cluster_break(w: str, end: int, start: int) -> int:
    """Where to break the consonants between two vowel groups w[..end] and w[start..]."""
    cluster = w[end:start]
    if len(cluster) == 1:
        return end + (1 if cluster == "x" else 0)
    if len(cluster) == 2:
        if cluster in ("ch", "sh", "th", "ph", "wh") or cluster in LIQUID_ONSETS:
            return end                                     # mo-ther, pro-gramme
        if cluster in ("ck", "ng", "gh"):
            return start                                   # pack-ing
        return end + 1                                     # ap-plause
    if cluster[-3:] in THREE_ONSETS:
        return start - 3                                   # in-structions
    return start - 2 if cluster[-2:] in ONSETS else start - 1


def affix_points(w: str) -> set[int]:
    points = set()
    for suffix in SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            cut = len(w) - len(suffix)
            if suffix == "ing" and w[cut - 1] == w[cut - 2]:
                cut -= 1                                   # run-ning
            points.add(cut)
    for prefix in PREFIXES:
        if w.startswith(prefix) and len(w) - len(prefix) >= 4:
            points.add(len(prefix))
    return points


def break_allowed(w: str, p: int) -> bool:
    """Printers' rules: two letters at least before, three after, a vowel on each side."""
    left, right = w[:p], w[p:]
    if p < 2 or len(right) < 3:
        return False
    if not (VOWELS & set(left)) or not (VOWELS & set(right)):
        return False
    if re.fullmatch(r"[^aeiouy]*e[sd]?", right):         # conclu-ded, nation-es: silent e
        return False
    return w[p - 1:p + 1] not in KEEP_TOGETHER


def soft_points(token: str) -> list[int]:
    """Soft break places in a printed token: inside its plain-letter parts only (not in
    abbreviations, numbers or words with an inner apostrophe)."""
    points = []
    for m in re.finditer(r"[A-Za-z]+", token):
        before = token[m.start() - 1] if m.start() else ""
        after = token[m.end()] if m.end() < len(token) else ""
        if before.isdigit() or before in (".", "’", "'") or after.isdigit():
            continue                                     # 1917a, R.S.F.S.R., people’s
        if after in (".", "’", "'") and m.end() + 1 < len(token) and token[m.end() + 1].isalpha():
            continue
        points.extend(m.start() + p for p in syllable_points(m.group()))
    return points


def visible_len(text: str) -> int:
    return len(text) - text.count(CALL_MARK)


def choose_break(word: str, room: int, rng: random.Random, soft_rate: float):
    """Split a word that does not fit: the rightmost break whose head fits in ``room``.

    A break after a hyphen or an em dash is always taken when it fits (the hyphen is printed);
    a soft break (printed "¬" in the gold) only with probability ``soft_rate``, which sets how
    often the book hyphenates. Returns (head with its mark, tail) or None."""
    options = [(p + 1, "") for p, ch in enumerate(word[:-1])
               if ch in "-—" and p > 0 and word[p + 1] not in "-—,.;:)"]
    if soft_rate and rng.random() < soft_rate:
        options += [(p, SOFT) for p in soft_points(word)]
    fitting = [(p, mark) for p, mark in options if visible_len(word[:p]) + len(mark) <= room]
    if not fitting:
        return None
    p, mark = max(fitting)
    return word[:p] + mark, word[p:]


def wrap_text(text: str, measure: int, rng: random.Random, soft_rate: float, jitter: int = 2) -> list[str]:
    """Break a paragraph into printed lines of about ``measure`` characters.

    Justified lines in a proportional face hold a varying number of characters, so each line
    gets its own capacity (measure +- jitter). Words are broken at hyphens, em dashes and
    syllables as ``choose_break`` allows; a soft break leaves "¬" at the line end."""
    words = text.split()
    lines, current, i = [], "", 0
    capacity = measure + rng.randint(-jitter, jitter)
    while i < len(words):
        word = words[i]
        joined = f"{current} {word}" if current else word
        if visible_len(joined) <= capacity:
            current, i = joined, i + 1
            continue
        room = capacity - visible_len(current) - (1 if current else 0)
        split = choose_break(word, room, rng, soft_rate) if room >= 3 else None
        if split:
            lines.append(f"{current} {split[0]}" if current else split[0])
            words[i] = split[1]
        elif current:
            lines.append(current)
        else:
            lines.append(word)
            i += 1
        current = ""
        capacity = measure + rng.randint(-jitter, jitter)
    if current:
        lines.append(current)
    return lines


# ==============================================================================================
# 3. Book layout
# ==============================================================================================

LENIN_TITLES = (("On the Foreign Policy of the Soviet State", "ON THE FOREIGN POLICY"),
                ("On Peaceful Coexistence", "ON PEACEFUL COEXISTENCE"),
                ("Letters on Foreign Policy", "LETTERS ON FOREIGN POLICY"),
                ("On Soviet Relations with the Capitalist Countries", "ON SOVIET RELATIONS"),
                ("The Soviet State and the Capitalist World", "THE SOVIET STATE"))
COLLECTION_TITLES = (("Soviet Foreign Policy 1917-1923. Documents", "SOVIET FOREIGN POLICY"),
                     ("Soviet Diplomacy in the Lenin Years", "SOVIET DIPLOMACY"),
                     ("Documents on the Foreign Policy of Soviet Russia", "FOREIGN POLICY OF SOVIET RUSSIA"),
                     ("Peace and Coexistence. Documents 1917-1923", "PEACE AND COEXISTENCE"))
LEADERS = (" . . . . {p}", ".{p}", " ..{p}", " . {p}", " ...{p}", " {p}", " .. . {p}", " . . {p}")
FOOTNOTES = ("See Collected Works, Vol. {vol}, pp. {a}-{b}.",
             "See Collected Works, Vol. {vol}, p. {a}.",
             "The words in quotation marks are in English in the original.",
             "The last three words are in English in the original.",
             "Perhaps.",
             "Lenin is quoting from memory.",
             "Illegible in the manuscript.",
             "See p. {page} of this volume.")


@dataclass(frozen=True)
class BookStyle:
    """Everything that varies between books but not within one (chosen once per seed)."""
    title: str
    short_title: str
    author: str | None
    verso_head: str            # left-hand running head (author or book), in capitals
    recto_mode: str            # right-hand head: "book" title or "document" short title
    head_case: str             # "caps" or "mixed"
    measure: int               # characters per body line
    lines_per_page: int
    soft_rate: float           # how willingly the compositor hyphenates
    source_layout: str         # "interleaved" (OCR reads the two columns line by line) or "stacked"
    right_column_first: bool   # stacked blocks: the OCR reads the right column first
    folio_on_opening: bool     # bare page number at the foot of a document's first page
    signature_marks: bool      # printer's signature marks ("20 *") at sheet feet
    footnote_rate: float       # share of documents with an editor's footnote
    printings: tuple           # (ordinal, year) pairs of the imprint

    @property
    def notes_measure(self) -> int:
        return self.measure + 7

    @property
    def contents_measure(self) -> int:
        return self.measure + 4

    def to_json(self) -> dict:
        return {"measure": self.measure, "lines_per_page": self.lines_per_page,
                "soft_rate": self.soft_rate, "verso_head": self.verso_head,
                "recto_mode": self.recto_mode, "head_case": self.head_case,
                "source_layout": self.source_layout, "right_column_first": self.right_column_first,
                "folio_on_opening": self.folio_on_opening, "signature_marks": self.signature_marks,
                "footnote_rate": self.footnote_rate}


@dataclass
class PLine:
    """One printed line: its true text (with the gold's line-end mark) and where it belongs."""
    text: str
    role: str
    doc: int | None = None
    page: int = 0
    note: int | None = None
    calls: tuple = ()              # endnote numbers called on this line
    call_cols: tuple = ()          # (number, column) of each call
    footnote_call: bool = False
    para_last: bool = False        # last line of its paragraph
    entry_first: bool = False      # first line of a contents entry or an endnote
    entry_size: int = 1            # lines of that contents entry
    protect: bool = False          # never lost (first text line, source block, note starts)
    line: int | None = None        # 1-based line in NAME.txt once emitted (None if lost)
    raw: str | None = None         # the OCR'd text once emitted
    raw_label: str | None = None   # an endnote's number as the OCR gives it ("" if lost)


@dataclass
class Gap:
    """Blank lines the OCR puts between printed lines (paragraph gaps, spacing, noise)."""
    count: int
    kind: str
    noise: str | None = None       # layout damage kind, when the OCR made this gap
    before: int = 0                # blank lines the print would give
    after: int = 0                 # blank lines the OCR gave


@dataclass
class Page:
    """A printed page: its lines and gaps, its foot, and (after the OCR) its first line."""
    n: int
    kind: str                      # front, contents, blank, doc, notes
    doc: int | None = None
    opening: bool = False
    items: list = field(default_factory=list)
    footnotes: list = field(default_factory=list)
    foot: list = field(default_factory=list)
    used: int = 0
    reserved: int = 0
    first_line: int | None = None
    last_line: int | None = None


@dataclass
class BookDoc:
    """A document as this book prints it."""
    n: int
    doc: Document
    date: DocDate
    date_source: str
    date_text: str
    title_lines: list
    short_title: str
    paragraphs: list
    heading_calls: list
    date_calls: list
    footnote: str | None
    first_words: str
    headings: list = field(default_factory=list)
    body: list = field(default_factory=list)
    source: list = field(default_factory=list)
    footnote_lines: list = field(default_factory=list)
    first_page: int = 0
    last_page: int = 0


@dataclass
class Endnote:
    """A note at the back of the book, numbered through the book; its page is its call's."""
    n: int
    doc: int
    local: str                   # the note's number on its web page
    text: str
    call_in: str                 # "title", "date" or "text"
    call_line: PLine | None = None
    lines: list = field(default_factory=list)

    @property
    def page_ref(self) -> int:
        return self.call_line.page


@dataclass
class ContentsEntry:
    """One contents entry; its leader rendering and page are set once pages are known."""
    doc: int | None
    title: str
    lines: list
    leader: str
    page: int = 0


@dataclass
class Layout:
    """The printed book, before the OCR."""
    style: BookStyle
    pages: list
    docs: list
    endnotes: list
    contents: list
    front: list


def is_lenin(doc: Document) -> bool:
    return "lenin" in (doc.author or "").lower() or (doc.author is None and doc.origin == "mia")


def choose_style(rng: random.Random, docs) -> BookStyle:
    """Pick a book design: a Lenin volume when every document is Lenin's, else a collection."""
    lenin = all(is_lenin(d) for d in docs)
    title, short = rng.choice(LENIN_TITLES if lenin else COLLECTION_TITLES)
    first = rng.randint(1958, 1978)
    printings = [(ORDINALS[0], first)]
    for k in range(rng.randint(0, 2)):
        printings.append((ORDINALS[k + 1], printings[-1][1] + rng.randint(2, 6)))
    return BookStyle(
        title=title, short_title=short, author="V. I. Lenin" if lenin else None,
        verso_head="V. I. LENIN" if lenin else short,
        recto_mode=rng.choice(("book", "document")) if lenin else "document",
        head_case="caps" if rng.random() < 0.8 else "mixed",
        measure=rng.randint(48, 58), lines_per_page=rng.randint(38, 42),
        soft_rate=round(rng.uniform(0.55, 0.8), 2),
        source_layout=rng.choice(("interleaved", "stacked")), right_column_first=rng.random() < 0.3,
        folio_on_opening=rng.random() < 0.6, signature_marks=rng.random() < 0.7,
        footnote_rate=round(rng.uniform(0.2, 0.5), 2), printings=tuple(printings))


def short_title(title: str, limit: int = 32) -> str:
    """A running-head title: the title up to its first full stop, cut to ``limit`` characters.

    >>> short_title("Letter to L. B. Krasin on the Negotiations with Estonia")
    'LETTER TO L. B. KRASIN'
    """
    caps = heading_title(title)
    caps = re.split(r"(?<=[A-Z’]{2})\. | \(", caps)[0].strip().rstrip(".,")
    if len(caps) <= limit:
        return caps
    kept = []
    for word in caps.split():
        if len(" ".join(kept + [word])) > limit:
            break
        kept.append(word)
    while len(kept) > 1 and kept[-1].lower() in DANGLING_WORDS:
        kept.pop()
    return " ".join(kept)


def heading_title(title: str) -> str:
    """The title as a heading prints it: in capitals, "To: X" as "TO X", no final stop."""
    return typeset(re.sub(r"^To:\s*", "To ", title)).upper().rstrip(". ")


def mixed_case(caps: str) -> str:
    """Capitals as a mixed-case running head: ON THE FOREIGN POLICY -> On the Foreign Policy."""
    return title_case(caps)


def insert_calls(text: str, calls) -> str:
    """Put bare call numbers into a paragraph: after the word (and its punctuation) where the
    page had ``[n]``, as the book prints them ("treaties 2 endorsed", "1917. 3 The")."""
    for number, offset in sorted(calls, key=lambda c: c[1], reverse=True):
        while offset < len(text) and text[offset] in ",.;:!?)”’":
            offset += 1
        tail = text[offset:]
        if tail and not tail[0].isspace():
            tail = " " + tail
        text = f"{text[:offset]} {CALL_MARK}{number}{tail}"
    return text


def footnote_text(rng: random.Random, page_guess: int) -> str:
    """An editor's footnote like the real book's; most are signed ".— Ed."."""
    a = rng.randint(20, 480)
    text = rng.choice(FOOTNOTES).format(vol=rng.randint(26, 45), a=a, b=a + rng.randint(2, 9) if a % 100 < 90 else a + 1,
                                        page=max(11, page_guess))
    if rng.random() < 0.8:
        text = text[:-1] + ".— Ed."
    return "* " + text


def add_footnote_call(paragraphs: list, rng: random.Random) -> bool:
    """Glue a footnote star to a word of a longish paragraph (not the first one)."""
    candidates = [i for i, p in enumerate(paragraphs) if i and len(p) > 120] or \
                 [i for i, p in enumerate(paragraphs) if len(p) > 120]
    if not candidates:
        return False
    k = rng.choice(candidates)
    words = paragraphs[k].split(" ")
    choices = [i for i, w in enumerate(words[:-1]) if re.search(r"[a-z]{3}[,.;)”]?$", w) and CALL_MARK not in w]
    if not choices:
        return False
    i = rng.choice(choices)
    words[i] += STAR_MARK
    paragraphs[k] = " ".join(words)
    return True


def prepare_documents(docs, style: BookStyle, rng: random.Random):
    """Number the endnotes through the book and prepare each document's printed text.

    Calls are numbered in print order: a call in the title, then a call on the date line, then
    the calls in the text. A note the page never calls is called from the date line (the real
    book calls notes from headings); further uncalled notes are left out."""
    book_docs, endnotes = [], []
    for n, doc in enumerate(docs, 1):
        notes = {note.n: note for note in doc.notes}
        title_calls = [c.n for c in doc.calls if c.paragraph < 0 and c.n in notes]
        text_calls = sorted((c for c in doc.calls if c.paragraph >= 0 and c.n in notes),
                            key=lambda c: (c.paragraph, c.offset))
        called = set(title_calls) | {c.n for c in text_calls}
        date_calls = [k for k in notes if k not in called][:1]
        numbers = {}
        for local, where in ([(k, "title") for k in title_calls] + [(k, "date") for k in date_calls]
                             + [(c.n, "text") for c in text_calls]):
            if local not in numbers:
                numbers[local] = len(endnotes) + 1
                endnotes.append(Endnote(numbers[local], n, local, endnote_text(notes[local].text), where))
        paragraphs = [typeset(p) for p in doc.paragraphs]
        first_words = " ".join(paragraphs[0].split()[:6]) if paragraphs else ""
        by_paragraph = {}
        for c in text_calls:
            by_paragraph.setdefault(c.paragraph, []).append((numbers[c.n], c.offset))
        paragraphs = [insert_calls(p, by_paragraph.get(i, [])) for i, p in enumerate(paragraphs)]
        footnote = None
        if rng.random() < style.footnote_rate and add_footnote_call(paragraphs, rng):
            footnote = footnote_text(rng, 11 + 3 * n)
        date, source = complete_date(doc)
        book_docs.append(BookDoc(
            n=n, doc=doc, date=date, date_source=source, date_text=book_date_text(date),
            title_lines=wrap_text(heading_title(doc.title), int(style.measure * 0.75), rng, 0.0, 0),
            short_title=short_title(doc.title), paragraphs=paragraphs,
            heading_calls=[numbers[k] for k in title_calls], date_calls=[numbers[k] for k in date_calls],
            footnote=footnote, first_words=first_words))
    return book_docs, endnotes


def endnote_text(text: str) -> str:
    """An endnote as the back of the book prints it: typeset, unsigned, ending in a stop."""
    paragraphs = [typeset(clean_space(p)) for p in text.split("\n") if p.strip()]
    last = re.sub(r"\s*—\s*Ed\.\s*$", "", paragraphs[-1])
    if not re.search(r"[.!?)”’]$", last):
        last += "."
    return "\n".join(paragraphs[:-1] + [last])


def make_pline(text: str, role: str, doc: int | None = None, **extra) -> PLine:
    """A printed line from set text: call marks become bare numbers whose columns are kept."""
    out, calls, cols, i = [], [], [], 0
    while i < len(text):
        ch = text[i]
        if ch == CALL_MARK:
            m = re.match(r"\d+", text[i + 1:])
            calls.append(int(m.group()))
            cols.append((int(m.group()), len(out)))
        elif ch == STAR_MARK:
            out.append("*")
        elif ch == TIE:
            out.append(" ")
        else:
            out.append(ch)
        i += 1
    return PLine("".join(out), role, doc=doc, calls=tuple(calls), call_cols=tuple(cols),
                 footnote_call=STAR_MARK in text, **extra)


class Composer:
    """Fills pages with printed lines. A class because the page being filled is state that every
    step (heading, paragraph, footnote, source block) must see; it lives for one book only."""

    def __init__(self, style: BookStyle):
        self.style = style
        self.pages: list[Page] = []

    @property
    def page(self) -> Page:
        return self.pages[-1]

    def open_page(self, kind: str, doc: int | None = None, head: str | None = None,
                  opening: bool = False) -> Page:
        """A new page; ``head`` is the right-hand running-head title (None: no running head)."""
        page = Page(len(self.pages) + 1, kind, doc, opening)
        self.pages.append(page)
        if head is not None:
            page.items += [PLine(self.running_head(page.n, head), "running_head", doc=doc, page=page.n),
                           Gap(1, "head")]
            page.used += 2
        return page

    def running_head(self, n: int, recto: str) -> str:
        """Page number outside: left on even (verso) pages, right on odd (recto) pages."""
        verso = self.style.verso_head
        if self.style.head_case == "mixed":
            verso, recto = mixed_case(verso), mixed_case(recto)
        return f"{n} {verso}" if n % 2 == 0 else f"{recto} {n}"

    def room(self) -> int:
        return self.style.lines_per_page - self.page.used - self.page.reserved

    def place(self, line: PLine, next_page, footnote: list | None = None) -> None:
        """Put a line on the page, first turning the page if it (and its footnote) won't fit."""
        need = 1 + (len(footnote) + 1 if footnote else 0)
        if self.room() < need and self.page.used > 3:
            next_page()
        line.page = self.page.n
        self.page.items.append(line)
        self.page.used += 1
        if footnote:
            for fl in footnote:
                fl.page = self.page.n
            self.page.footnotes.extend(footnote)
            self.page.reserved += len(footnote) + 1

    def gap(self, count: int, kind: str) -> None:
        """Blank lines, except at the top of a page (where the page break already is)."""
        if self.page.items and not isinstance(self.page.items[-1], Gap):
            self.page.items.append(Gap(count, kind))

    def finish(self) -> None:
        """Page feet: footnotes, then a bare page number or a signature mark."""
        for page in self.pages:
            if page.footnotes:
                page.foot += [Gap(1, "foot")] + page.footnotes
            if page.kind not in ("doc", "notes"):
                continue
            if page.opening and self.style.folio_on_opening:
                page.foot += [Gap(1, "foot"), PLine(str(page.n), "page_number", doc=page.doc, page=page.n)]
            sheet, rest = divmod(page.n - 3, 16)
            if self.style.signature_marks and rest == 0 and sheet >= 1:
                page.foot += [Gap(1, "foot"), PLine(f"{sheet + 1} *", "signature", doc=page.doc, page=page.n)]


def lay_out_book(docs, rng: random.Random, style: BookStyle | None = None) -> Layout:
    """The whole printed book: front matter, contents, documents, endnotes, page feet."""
    style = style or choose_style(rng, docs)
    book_docs, endnotes = prepare_documents(docs, style, rng)
    comp = Composer(style)
    front = compose_front(comp, style)
    contents = contents_entries(book_docs, style, rng)
    compose_contents(comp, contents)
    if (len(comp.pages) + 1) % 2 == 0:
        comp.open_page("blank")                     # the first document opens on a right-hand page
    for bd in book_docs:
        compose_document(comp, bd, endnotes, rng)
    notes_page = compose_notes(comp, endnotes, rng)
    for entry in contents:
        entry.page = book_docs[entry.doc - 1].first_page if entry.doc else notes_page
        entry.lines[-1].text += entry.leader.format(p=entry.page)
    comp.finish()
    return Layout(style, comp.pages, book_docs, endnotes, contents, front)


def compose_front(comp: Composer, style: BookStyle) -> list:
    """Title page and imprint, as on Progress books."""
    lines = []
    comp.open_page("front")
    title_page = ["Workers of All Countries, Unite!", None] + ([style.author, None] if style.author else [])
    title_page += column_lines(style.title, 24)
    for text in title_page:
        if text is None:
            comp.gap(1, "front")
        else:
            lines.append(PLine(text, "front"))
            comp.place(lines[-1], lambda: None)
    comp.open_page("front")
    if style.author:
        imprint = ["The translations are taken from the", "English edition of V. I. Lenin’s Collected",
                   "Works prepared by Progress Publishers,", "Moscow", None]
    else:
        imprint = ["Compiled by the Institute of Marxism-Leninism", "Translated from the Russian", None]
    imprint += [f"{ordinal} printing {year}" for ordinal, year in style.printings]
    imprint += [None, "Printed in the Union of Soviet Socialist Republics"]
    for text in imprint:
        if text is None:
            comp.gap(1, "front")
        else:
            lines.append(PLine(text, "front"))
            comp.place(lines[-1], lambda: None)
    return lines


def contents_entries(book_docs, style: BookStyle, rng: random.Random) -> list:
    """Contents entries: title in capitals, date in mixed case; leaders and page come later."""
    entries = []
    for bd in book_docs:
        # the title itself, not the heading's lines joined ("SECRETARY-" / "GENERAL" is one word)
        text = f"{heading_title(bd.doc.title)}. {bd.date_text}"
        lines = wrap_text(text, style.contents_measure - 6, rng, style.soft_rate)
        plines = [PLine(line, "contents", doc=bd.n, entry_first=k == 0, entry_size=len(lines))
                  for k, line in enumerate(lines)]
        entries.append(ContentsEntry(bd.n, text, plines, rng.choice(LEADERS)))
    entries.append(ContentsEntry(None, "NOTES", [PLine("NOTES", "contents")], rng.choice(LEADERS)))
    return entries


def compose_contents(comp: Composer, entries) -> None:
    """The contents pages (no running heads), entries one blank line apart as the OCR shows."""
    comp.open_page("contents")
    comp.place(PLine("CONTENTS", "contents_heading"), lambda: None)
    comp.gap(2, "heading")
    for entry in entries:
        comp.gap(1, "contents")
        for line in entry.lines:
            comp.place(line, lambda: comp.open_page("contents"))


def compose_document(comp: Composer, bd: BookDoc, endnotes, rng: random.Random) -> None:
    """A document from a new page: heading, date line, paragraphs, source block."""
    style = comp.style
    recto = bd.short_title if style.recto_mode == "document" else style.short_title
    next_page = lambda: comp.open_page("doc", doc=bd.n, head=recto)  # noqa: E731
    bd.first_page = comp.open_page("doc", doc=bd.n, opening=True).n
    for k, text in enumerate(bd.title_lines):
        calls = "".join(f" {CALL_MARK}{c}" for c in bd.heading_calls) if k == len(bd.title_lines) - 1 else ""
        bd.headings.append(make_pline(text + calls, "heading", bd.n))
        comp.place(bd.headings[-1], next_page)
    comp.gap(1, "heading")
    dated = bd.date_text.upper() + "".join(f" {CALL_MARK}{c}" for c in bd.date_calls)
    bd.headings.append(make_pline(dated, "date", bd.n))
    comp.place(bd.headings[-1], next_page)
    comp.gap(3, "heading")
    comp.page.used += 4
    for line in bd.headings:
        for number in line.calls:
            endnotes[number - 1].call_line = line
    for k, paragraph in enumerate(bd.paragraphs):
        if k:
            comp.gap(1, "para")
        set_lines = wrap_text(paragraph, style.measure, rng, style.soft_rate)
        for j, text in enumerate(set_lines):
            line = make_pline(text, "body", bd.n, para_last=j == len(set_lines) - 1,
                              protect=not bd.body)
            footnote = None
            if line.footnote_call and bd.footnote:
                footnote = [PLine(t, "footnote", doc=bd.n)
                            for t in wrap_text(bd.footnote, style.measure, rng, style.soft_rate)]
                bd.footnote_lines = footnote
            bd.body.append(line)
            for number in line.calls:
                endnotes[number - 1].call_line = line
            comp.place(line, next_page, footnote)
    compose_source(comp, bd, next_page)
    bd.last_page = comp.page.n


def source_lines(block: SourceBlock, style: BookStyle) -> list:
    """The two columns as the OCR reads them: merged line by line, or one column after the other
    (None marks the blank line between stacked columns)."""
    left, right = list(block.left), list(block.right)
    if style.source_layout == "interleaved":
        return [f"{a} {b}".strip() for a, b in
                zip(left + [""] * (len(right) - len(left)), right + [""] * (len(left) - len(right)))]
    first, second = (right, left) if style.right_column_first else (left, right)
    return first + ([None] if first and second else []) + second


def compose_source(comp: Composer, bd: BookDoc, next_page) -> None:
    """The source block under the text, kept on one page (turning the page if needed)."""
    texts = source_lines(bd.doc.source_block, comp.style)
    comp.gap(1, "source")
    if comp.room() < sum(1 for t in texts if t):
        next_page()
    for text in texts:
        if text is None:
            comp.gap(1, "source")
            continue
        bd.source.append(PLine(text, "source", doc=bd.n, protect=True))
        comp.place(bd.source[-1], next_page)


def compose_notes(comp: Composer, endnotes, rng: random.Random) -> int:
    """The endnotes at the back: "N text ... p. P", P the page of the call."""
    style = comp.style
    first = comp.open_page("notes", opening=True).n
    comp.place(PLine("NOTES", "notes_heading"), lambda: None)
    comp.gap(2, "heading")
    comp.page.used += 2
    next_page = lambda: comp.open_page("notes", head="NOTES")  # noqa: E731
    for note in endnotes:
        comp.gap(1, "note")
        paragraphs = note.text.split("\n")
        for k, paragraph in enumerate(paragraphs):
            if k:
                comp.gap(1, "note")
            text = (f"{note.n} " if k == 0 else "") + paragraph
            if k == len(paragraphs) - 1:
                text += f" p.{TIE}{note.page_ref}"
            set_lines = wrap_text(text, style.notes_measure, rng, style.soft_rate)
            for j, line_text in enumerate(set_lines):
                line = make_pline(line_text, "note", note=note.n, entry_first=k == 0 and j == 0,
                                  protect=k == 0 and j == 0)
                line.doc = note.doc
                note.lines.append(line)
                comp.place(line, next_page)
    return first


# ==============================================================================================
# 4. OCR simulation
# ==============================================================================================

FURNITURE_ROLES = frozenset(("running_head", "page_number", "signature", "chrome"))
DATE_ROLES = frozenset(("contents", "date", "source", "heading", "running_head", "page_number", "front"))
LETTER_CONFUSIONS = (("rn", "m"), ("m", "rn"), ("cl", "d"), ("d", "cl"), ("li", "h"), ("h", "li"),
                     ("l", "I"), ("l", "1"), ("I", "l"), ("u", "v"), ("v", "u"), ("c", "e"), ("e", "c"),
                     ("O", "0"), ("S", "5"), ("a", "o"), ("o", "a"), ("t", "l"), ("k", "lc"), ("C", "G"),
                     ("s", "3"), ("n", "u"), ("R", "B"), ("E", "F"), ("H", "II"))
DIGIT_CONFUSIONS = MappingProxyType({"1": ("I", "l", "i"), "9": ("S", "g"), "2": ("Z",), "0": ("O", "o"),
                                     "8": ("S", "B"), "5": ("S",), "6": ("b", "0"), "3": ("S",),
                                     "4": ("A",), "7": ("/",)})
LABEL_JUNK = ("'", "}", "m", "W3", "1", ",")
STRAY_END = ("\\", "/", "J")
STRAY_MARKS = ("'", ".", ",")
CAPITAL_STRAYS = "TIJLHNK"


@dataclass
class Damage:
    """One change the OCR made. scope "text": ``after`` replaced ``before`` at ``col`` of the line
    (in the line as it was then, so undoing in reverse order restores the print); "loss": the
    printed line ``before`` is missing just before ``line``; "layout": blank lines before ``line``
    changed from ``before`` to ``after``."""
    kind: str
    scope: str
    line: int | None = None
    col: int | None = None
    before: object = ""
    after: object = ""
    role: str | None = None
    page: int | None = None
    doc: int | None = None

    def to_json(self) -> dict:
        data = {"kind": self.kind, "scope": self.scope, "line": self.line, "col": self.col,
                "before": self.before, "after": self.after}
        if self.scope == "loss":
            data.update(role=self.role, page=self.page, document=self.doc)
        return data


class LineEditor:
    """Applies text damages to one line and logs each so that it can be undone exactly."""

    def __init__(self, text: str):
        self.text = text
        self.log: list[Damage] = []

    def replace(self, kind: str, col: int, before: str, after: str) -> None:
        assert self.text[col:col + len(before)] == before, (self.text, col, before)
        self.text = self.text[:col] + after + self.text[col + len(before):]
        self.log.append(Damage(kind, "text", col=col, before=before, after=after))


def undo_damages(raw: str, damages) -> str:
    """The printed line back from an OCR'd line and its text damages (newest undone first).

    >>> undo_damages("woTkers of", [{"col": 2, "before": "r", "after": "T"}])
    'workers of'
    """
    text = raw
    for d in reversed(list(damages)):
        col, before, after = d["col"], d["before"], d["after"]
        if text[col:col + len(after)] != after:
            raise ValueError(f"damage {d} does not match {text!r}")
        text = text[:col] + before + text[col + len(after):]
    return text


def words_in(text: str, minimum: int = 3):
    return [m for m in re.finditer(r"[A-Za-z]+", text) if len(m.group()) >= minimum]


def events(rng: random.Random, opportunities: int, rate: float) -> int:
    """How many of ``opportunities`` independent chances at ``rate`` come true."""
    if rate <= 0:
        return 0
    return sum(rng.random() < rate for _ in range(opportunities))


def damage_line_end(ed: LineEditor, rates, rng) -> None:
    """The word-break mark at the line end: soft ¬ read as -, hard - read as ¬, or lost."""
    text = ed.text
    end = len(text) - 1
    if text.endswith(SOFT):
        r = rng.random()
        if r < rates["soft_hyphen_as_dash"]:
            ed.replace("soft_hyphen_as_dash", end, SOFT, "-")
        elif r < rates["soft_hyphen_as_dash"] + rates["hyphen_mark_lost"]:
            ed.replace("hyphen_mark_lost", end, SOFT, "")
    elif re.search(r"[A-Za-z0-9]-$", text):
        r = rng.random()
        if r < rates["hard_hyphen_as_soft"]:
            ed.replace("hard_hyphen_as_soft", end, "-", SOFT)
        elif r < rates["hard_hyphen_as_soft"] + rates["hyphen_mark_lost"]:
            ed.replace("hyphen_mark_lost", end, "-", "")


def mangle_digits(rng, digits: str) -> str:
    """A number as a bad OCR reads it: one digit taken for a letter or mark."""
    places = [i for i, ch in enumerate(digits) if ch in DIGIT_CONFUSIONS]
    if not places:
        return digits + "'"
    i = rng.choice(places)
    return digits[:i] + rng.choice(DIGIT_CONFUSIONS[digits[i]]) + digits[i + 1:]


def damage_calls(ed: LineEditor, line: PLine, rates, rng) -> None:
    """A note call read wrong ("62" -> "02"); right to left so the columns stay valid."""
    for number, col in sorted(line.call_cols, key=lambda c: c[1], reverse=True):
        if rng.random() < rates["call_mangled"]:
            ed.replace("call_mangled", col, str(number), mangle_digits(rng, str(number)))


def damage_note_label(ed: LineEditor, line: PLine, rates, rng) -> None:
    """The endnote number at the start of a note: mangled ("i4 °", ",2S", "m") or lost."""
    label = str(line.note)
    line.raw_label = label
    if not ed.text.startswith(label + " "):
        return
    r = rng.random()
    if r < rates["note_label_lost"]:
        ed.replace("note_label_lost", 0, label + " ", "")
        line.raw_label = ""
    elif r < rates["note_label_lost"] + rates["note_label_mangled"]:
        style = rng.random()
        if style < 0.5:
            after = mangle_digits(rng, label)
        elif style < 0.7 and len(label) > 1:
            cut = rng.randint(1, len(label) - 1)
            after = mangle_digits(rng, label[:cut]) + " " + label[cut:].replace("0", "°")
        elif style < 0.85:
            after = "," + mangle_digits(rng, label)
        else:
            after = rng.choice(LABEL_JUNK)
        if after != label:
            ed.replace("note_label_mangled", 0, label, after)
            line.raw_label = after


def damage_numbers(ed: LineEditor, role: str, rates, rng) -> None:
    """Digits of years (and of page numbers on contents lines and heads) read as letters."""
    pattern = r"\b1[89]\d\d\b" if role not in ("contents", "running_head", "page_number") else r"\b\d+\b"
    rate = rates["date_digit_confusion"] if role in DATE_ROLES else rates["digit_confusion"]
    for m in reversed(list(re.finditer(pattern, ed.text))):
        if rng.random() < rate:
            ed.replace("digit_confusion", m.start(), m.group(), mangle_digits(rng, m.group()))


def damage_leaders(ed: LineEditor, rates, rng) -> None:
    """A foreign mark inside the leader dots of a contents line (".*.314")."""
    m = re.search(r"\.(?=[ .]*\d+$)", ed.text)
    if m and rng.random() < rates["leader_stray_mark"]:
        ed.replace("leader_stray_mark", m.end(), "", rng.choice(("*", ",", "'")))


def confuse_letters(ed: LineEditor, rng, kind: str = "letter_confusion") -> bool:
    """One letter confusion in a random word where one applies (rn/m, cl/d, li/h, ...)."""
    options = []
    for m in words_in(ed.text):
        for before, after in LETTER_CONFUSIONS:
            start = m.group().find(before)
            if start >= 0:
                options.append((m.start() + start, before, after))
    if not options:
        return False
    col, before, after = rng.choice(options)
    ed.replace(kind, col, before, after)
    return True


def damage_letters(ed: LineEditor, rates, rng) -> None:
    """Letter confusions, stray capitals and "y" read as "j^" or "^", per word."""
    count = len(words_in(ed.text))
    for _ in range(events(rng, count, rates["letter_confusion"])):
        confuse_letters(ed, rng)
    for _ in range(events(rng, count, rates["stray_capital"])):
        options = [m for m in words_in(ed.text, 4) if m.group().islower()]
        if options:
            m = rng.choice(options)
            col = m.start() + rng.randint(1, len(m.group()) - 2)
            ed.replace("stray_capital", col, ed.text[col], rng.choice(CAPITAL_STRAYS))
    with_y = [m for m in words_in(ed.text) if "y" in m.group()[1:]]
    for _ in range(events(rng, len(with_y), rates["y_as_caret"])):
        options = [m for m in words_in(ed.text) if "y" in m.group()[1:]]
        if options:
            m = rng.choice(options)
            col = m.start() + m.group().rindex("y")
            ed.replace("y_as_caret", col, "y", rng.choice(("j^", "^")))


def damage_spacing(ed: LineEditor, rates, rng) -> None:
    """Split words, glued words with a stray mark, stray marks before words, spaced punctuation."""
    count = len(words_in(ed.text))
    for _ in range(events(rng, count, rates["split_word"])):
        options = words_in(ed.text, 5)
        if options:
            m = rng.choice(options)
            ed.replace("split_word", m.start() + rng.randint(1, len(m.group()) - 2), "", " ")
    for _ in range(events(rng, count, rates["glued_words"])):
        spaces = [m.start() for m in re.finditer(r"(?<=[a-z]) (?=[a-z])", ed.text)]
        if spaces:
            ed.replace("glued_words", rng.choice(spaces), " ", rng.choice(STRAY_MARKS))
    for _ in range(events(rng, count, rates["stray_mark"])):
        starts = [m.start() for m in re.finditer(r"(?<= )[a-z]{2,}", ed.text)]
        if starts:
            ed.replace("stray_mark", rng.choice(starts), "", rng.choice(STRAY_MARKS))
    marks = [m.start() for m in re.finditer(r"(?<=[a-z])[,.;:)!?](?=\s|$)", ed.text)]
    for _ in range(events(rng, len(marks), rates["punct_spaced"])):
        marks = [m.start() for m in re.finditer(r"(?<=[a-z])[,.;:)!?](?=\s|$)", ed.text)]
        if marks:
            ed.replace("punct_spaced", rng.choice(marks), "", " ")


def damage_line_edges(ed: LineEditor, rates, rng) -> None:
    """A stray bracket mark after the last word; the first letter of the line gone."""
    if rng.random() < rates["stray_mark_line_end"] and ed.text.strip():
        ed.replace("stray_mark_line_end", len(ed.text), "", " " + rng.choice(STRAY_END))
    if rng.random() < rates["first_letter_lost"] and re.match(r"[a-z]{2,}\b", ed.text):
        ed.replace("first_letter_lost", 0, ed.text[0], "")


def damage_furniture(ed: LineEditor, line: PLine, rates, rng) -> None:
    """Running heads and folios: a letter confusion, capitals read small, bad digits."""
    if line.role == "running_head":
        if rng.random() < rates["head_confusion"]:
            confuse_letters(ed, rng, "head_confusion")
        caps = list(re.finditer(r"[A-Z]{3,}", ed.text))
        if caps and rng.random() < rates["head_case_lowered"]:
            start, end = caps[0].start(), caps[-1].end()
            before = ed.text[start:end]
            after = re.sub(r"(?<=[A-Z])[A-Z]+", lambda m: m.group().lower(), before)
            ed.replace("head_case_lowered", start, before, after)
    if line.role in ("running_head", "page_number"):
        damage_numbers(ed, line.role, rates, rng)


def damage_line(line: PLine, rates, rng: random.Random) -> tuple[str, list[Damage]]:
    """The OCR'd text of a printed line and the text damages that made it."""
    ed = LineEditor(line.text)
    if line.role == "chrome":
        return ed.text, ed.log
    if line.role in FURNITURE_ROLES:
        damage_furniture(ed, line, rates, rng)
        return ed.text, ed.log
    damage_calls(ed, line, rates, rng)
    damage_line_end(ed, rates, rng)
    if line.role == "note" and line.entry_first:
        damage_note_label(ed, line, rates, rng)
    damage_numbers(ed, line.role, rates, rng)
    if line.role == "contents":
        damage_leaders(ed, rates, rng)
    damage_letters(ed, rates, rng)
    damage_spacing(ed, rates, rng)
    damage_line_edges(ed, rates, rng)
    return ed.text, ed.log


def loss_kind(line: PLine, rates) -> tuple[str, float] | None:
    """Which kind of loss can strike this printed line, and how likely it is."""
    if line.protect or line.calls and line.role == "body":
        return None
    role = line.role
    if role in ("heading", "contents_heading", "notes_heading"):
        return "heading_lost", rates["heading_lost"]
    if role == "date":
        return "date_line_lost", rates["date_line_lost"]
    if role == "contents":
        if line.entry_first and line.entry_size > 1:
            return "contents_first_line_lost", rates["contents_first_line_lost"]
        return "contents_line_lost", rates["contents_line_lost"]
    if role == "front":
        return "front_line_lost", rates["front_line_lost"]
    if role == "running_head":
        return "running_head_lost", rates["running_head_lost"]
    if role in ("page_number", "signature"):
        return "folio_lost", rates["folio_lost"]
    if role == "body" and line.para_last and len(line.text) <= 12:
        return "short_line_lost", rates["short_line_lost"]
    if role in ("body", "note", "footnote"):
        return "line_lost", rates["line_lost"]
    return None


@dataclass
class Lost:
    """A printed line the OCR lost (kept in the item list so its place can be recorded)."""
    line: PLine
    kind: str


def surviving_items(page: Page, rates, rng: random.Random, interleaved: bool) -> list:
    """A page's printed lines and gaps as the OCR gives them: losses marked, gaps changed."""
    items = page.items + page.foot
    out, drop_head_gap = [], False
    for k, item in enumerate(items):
        nxt = items[k + 1] if k + 1 < len(items) else None
        if isinstance(item, Gap):
            if item.kind == "head" and drop_head_gap:
                continue
            if item.kind == "para" and rng.random() < rates["paragraph_gap_lost"]:
                out.append(Gap(0, "para", "paragraph_gap_lost", item.count, 0))
            else:
                out.append(item)
            continue
        chance = loss_kind(item, rates)
        if chance and rng.random() < chance[1]:
            out.append(Lost(item, chance[0]))
            drop_head_gap = item.role == "running_head"
            continue
        out.append(item)
        noise = inserted_gap(item, nxt, rates, interleaved)
        if noise and rng.random() < rates[noise]:
            out.append(Gap(1, "noise", noise, 0, 1))
    return out


def inserted_gap(item: PLine, nxt, rates, interleaved: bool) -> str | None:
    """Which blank line the OCR may insert after this line (it does so on these kinds only)."""
    if item.role == "note" and item.entry_first and isinstance(nxt, PLine) and nxt.role == "note":
        return "note_gap_inserted"
    if item.role == "source" and interleaved and isinstance(nxt, PLine) and nxt.role == "source":
        return "source_gap_inserted"
    if item.role == "contents" and isinstance(nxt, PLine) and nxt.role == "contents" and nxt.doc == item.doc \
            and not nxt.entry_first:
        return "contents_gap_inserted"
    return None


def trim_gaps(items: list) -> list:
    """Drop blank lines at the top and bottom of a page: the page break stands for them (why:
    the real OCR does not reproduce a lost heading's space; see bench/gold/structure README)."""
    lines = [i for i, item in enumerate(items) if isinstance(item, PLine)]
    if not lines:
        return [item for item in items if isinstance(item, Lost)]
    head = [item for item in items[:lines[0]] if isinstance(item, Lost)]
    tail = [item for item in items[lines[-1] + 1:] if isinstance(item, Lost)]
    return head + items[lines[0]:lines[-1] + 1] + tail


class Emitter:
    """Collects the two line-aligned files. Damages that concern a place rather than a line
    (a lost line, a changed blank run) wait for the next text line to get their line number."""

    def __init__(self):
        self.raw: list[str] = []
        self.gold: list[str] = []
        self.pending: list[Damage] = []
        self.damages: list[Damage] = []

    def blanks(self, count: int) -> None:
        self.raw.extend([""] * count)
        self.gold.extend([""] * count)

    def defer(self, damage: Damage) -> None:
        self.pending.append(damage)
        self.damages.append(damage)

    def text(self, raw: str, gold: str, damages=()) -> int:
        self.raw.append(raw)
        self.gold.append(gold)
        number = len(self.raw)
        for d in self.pending:
            d.line = number
        self.pending = []
        for d in damages:
            d.line = number
            self.damages.append(d)
        return number

    def close(self) -> None:
        for d in self.pending:
            d.line = len(self.raw) + 1
        self.pending = []


def page_break_run(rng: random.Random, rates) -> tuple[int, str | None, int]:
    """Blank lines between two pages: 2-5 as in the real book (3 most often), sometimes 1 or
    longer. Returns (run, damage kind or None, usual run)."""
    usual = rng.choices((2, 3, 4, 5), weights=(119, 304, 25, 3))[0]
    r = rng.random()
    if r < rates["page_break_shortened"]:
        return 1, "page_break_shortened", usual
    if r < rates["page_break_shortened"] + rates["page_break_lengthened"]:
        return usual + rng.randint(2, 4), "page_break_lengthened", usual
    return usual, None, usual


def emit_line(em: Emitter, line: PLine, rates, rng, trailing_space: bool) -> None:
    """Damage one printed line and add it to both files (IA ends text lines with a space)."""
    raw, log = damage_line(line, rates, rng)
    line.raw = raw
    if trailing_space and line.role != "chrome" and raw:
        raw += " "
    gold = FURNITURE if line.role in FURNITURE_ROLES else line.text
    line.line = em.text(raw, gold, log)


def simulate_ocr(layout: Layout, rates, rng: random.Random, trailing_space: bool = True) -> Emitter:
    """Run the book through the simulated OCR: chrome, then each page after a page break."""
    em = Emitter()
    interleaved = layout.style.source_layout == "interleaved"
    for text in (f'Full text of "{layout.style.title}"', "See other formats"):
        emit_line(em, PLine(text, "chrome"), rates, rng, trailing_space)
        em.blanks(1)
    first_page = True
    for page in layout.pages:
        items = trim_gaps(surviving_items(page, rates, rng, interleaved))
        if not any(isinstance(item, PLine) for item in items):
            for item in items:
                em.defer(loss_damage(item))
            continue
        if not first_page:
            run, kind, usual = page_break_run(rng, rates)
            em.blanks(run)
            if kind:
                em.defer(Damage(kind, "layout", before=usual, after=run))
        first_page = False
        for item in items:
            if isinstance(item, Gap):
                em.blanks(item.count)
                if item.noise:
                    em.defer(Damage(item.noise, "layout", before=item.before, after=item.after))
            elif isinstance(item, Lost):
                em.defer(loss_damage(item))
            else:
                emit_line(em, item, rates, rng, trailing_space)
                page.first_line = page.first_line or item.line
                page.last_line = item.line
    em.close()
    return em


def loss_damage(lost: Lost) -> Damage:
    line = lost.line
    return Damage(lost.kind, "loss", before=line.text, after="", role=line.role, page=line.page, doc=line.doc)


# ==============================================================================================
# 5. Truth and output
# ==============================================================================================

@dataclass
class SynthBook:
    """One generated book: the two line-aligned files and the truth."""
    name: str
    raw_lines: list
    gold_lines: list
    truth: dict

    def raw_text(self) -> str:
        return "\n".join(self.raw_lines) + "\n"

    def gold_text(self) -> str:
        return "\n".join(self.gold_lines) + "\n"


def line_ref(line: PLine) -> dict:
    return {"text": line.text, "line": line.line}


def document_truth(bd: BookDoc) -> dict:
    """A document's entry in the truth: where it is in NAME.txt and what it is."""
    headings = [line for line in bd.headings if line.line]
    body = [line for line in bd.body if line.line]
    source = [line for line in bd.source if line.line]
    first = headings[0].line if headings else body[0].line
    return {
        "n": bd.n, "key": bd.doc.key, "title": bd.doc.title,
        "printed_title": heading_title(bd.doc.title), "short_title": bd.short_title,
        "author": bd.doc.author, "kind": bd.doc.kind,
        "date": dict(bd.date.to_json(), text=bd.date_text, page_text=bd.doc.date.text,
                     year_inferred=bd.date_source != DATE_FROM_PAGE, date_source=bd.date_source),
        "first_line": first, "last_line": source[-1].line if source else body[-1].line,
        "first_page": bd.first_page, "last_page": bd.last_page,
        "first_words": bd.first_words,
        "heading": [dict(line_ref(line), role=line.role) for line in bd.headings],
        "first_body_line": line_ref(bd.body[0]),
        "source_block": {"left": list(bd.doc.source_block.left), "right": list(bd.doc.source_block.right),
                         "lines": [line_ref(line) for line in bd.source]},
        "footnotes": ([{"text": bd.footnote, "page": bd.footnote_lines[0].page,
                        "call_line": next((ln.line for ln in bd.body if ln.footnote_call), None),
                        "lines": [line_ref(line) for line in bd.footnote_lines]}]
                      if bd.footnote_lines else []),
    }


def note_truth(note: Endnote) -> dict:
    """An endnote's entry in the truth: its lines, its call, the page its "p. N" gives."""
    kept = [line for line in note.lines if line.line]
    return {"n": note.n, "document": note.doc, "page_note": note.local,
            "first_line": kept[0].line if kept else None, "last_line": kept[-1].line if kept else None,
            "page_ref": note.page_ref, "call_line": note.call_line.line, "call_in": note.call_in,
            "raw_label": note.lines[0].raw_label, "text": note.text,
            "lines": [line_ref(line) for line in note.lines]}


def build_truth(layout: Layout, em: Emitter, name: str, seed, profile: str, rates) -> dict:
    """Everything a scorer needs, with 1-based line numbers of NAME.txt."""
    style = layout.style
    furniture = []
    for k, gold in enumerate(em.gold, 1):
        if gold == FURNITURE:
            furniture.append(k)
    heads = {}
    for page in layout.pages:
        for item in page.items + page.foot:
            if isinstance(item, PLine) and item.role in FURNITURE_ROLES and item.line:
                heads[item.line] = item
    chrome = [k for k in furniture if k not in heads]
    furniture_list = ([{"line": k, "kind": "chrome", "page": None, "text": em.raw[k - 1]} for k in chrome] +
                      [{"line": k, "kind": heads[k].role, "page": heads[k].page, "text": heads[k].text}
                       for k in sorted(heads)])
    damages = [d.to_json() for d in em.damages]
    counts = Counter(d["kind"] for d in damages)
    truth = {
        "format": FORMAT, "name": name, "seed": seed, "profile": profile, "rates": dict(rates),
        "book": {"title": style.title, "short_title": style.short_title, "author": style.author,
                 "printings": [{"printing": o, "year": y} for o, y in style.printings],
                 "printing_year": style.printings[-1][1], "style": style.to_json()},
        "lines": len(em.raw),
        "pages": [{"n": p.n, "kind": p.kind, "document": p.doc, "first_line": p.first_line,
                   "last_line": p.last_line} for p in layout.pages],
        "documents": [document_truth(bd) for bd in layout.docs],
        "notes": [note_truth(note) for note in layout.endnotes],
        "contents": [{"document": e.doc, "title": e.title, "page": e.page,
                      "lines": [line_ref(line) for line in e.lines]} for e in layout.contents],
        "front": [line_ref(line) for line in layout.front],
        "running_heads": sorted(k for k in heads if heads[k].role == "running_head"),
        "furniture": sorted(furniture_list, key=lambda f: f["line"]),
        "lost_lines": [{"text": d.before, "kind": d.kind, "role": d.role, "page": d.page,
                        "document": d.doc, "before_line": d.line} for d in em.damages if d.scope == "loss"],
        "damages": damages,
        "damage_counts": dict(sorted(counts.items())),
    }
    truth["summary"] = summarize(truth)
    return truth


def summarize(truth: dict) -> dict:
    """The short report the CLI prints and index.json keeps."""
    by_scope = Counter(d["scope"] for d in truth["damages"])
    return {"name": truth["name"], "lines": truth["lines"],
            "pages": len(truth["pages"]), "documents": len(truth["documents"]), "notes": len(truth["notes"]),
            "damages": dict(sorted(by_scope.items())), "damage_counts": truth["damage_counts"]}


def choose_documents(docs, rng: random.Random, count: int | None = None) -> list:
    """A random subset (its size random too unless given), printed in date order."""
    pool = sorted(docs, key=lambda d: d.key)
    if not pool:
        raise ValueError("no documents to print")
    if count is None:
        count = rng.randint(max(1, (len(pool) * 3 + 4) // 5), len(pool))
    chosen = rng.sample(pool, min(count, len(pool)))
    return sorted(chosen, key=lambda d: (complete_date(d)[0].sort_key(), d.key))


def generate_book(docs, seed, profile: str = "typical", name: str = "book", documents: int | None = None,
                  rates: dict | None = None, trailing_space: bool = True) -> SynthBook:
    """One synthetic book, the same bytes for the same documents, seed and rates.

    Separate random streams for choosing, laying out and damaging (all from the seed), so that
    changing a damage rate leaves the printed book as it was."""
    rates = profile_rates(profile, rates)
    chosen = choose_documents(docs, random.Random(f"{seed}/choose"), documents)
    layout = lay_out_book(chosen, random.Random(f"{seed}/layout"))
    em = simulate_ocr(layout, rates, random.Random(f"{seed}/ocr"), trailing_space)
    return SynthBook(name, em.raw, em.gold, build_truth(layout, em, name, seed, profile, rates))


def write_book(book: SynthBook, out) -> dict:
    """NAME.txt, NAME.gold.txt and NAME.truth.json in ``out``; returns the summary."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{book.name}.txt").write_text(book.raw_text(), encoding="utf-8")
    (out / f"{book.name}.gold.txt").write_text(book.gold_text(), encoding="utf-8")
    (out / f"{book.name}.truth.json").write_text(
        json.dumps(book.truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return book.truth["summary"]


def write_gold_samples(book: SynthBook, out) -> Path:
    """The book cut into samples in the layout of bench/gold/ocr (index.tsv, ID.raw.txt,
    ID.gold.txt; one per document, one for the contents, one for the notes), so that
    ``ocr_gold.load_samples(folder)`` reads it like the hand-made gold."""
    folder = Path(out) / f"{book.name}.samples"
    folder.mkdir(parents=True, exist_ok=True)
    truth = book.truth
    rows = []
    contents = [ref["line"] for e in truth["contents"] for ref in e["lines"] if ref["line"]]
    if contents:
        rows.append(("contents", min(contents), max(contents), "contents", "table of contents"))
    for doc in truth["documents"]:
        kind = "letter" if doc["kind"] in ("letter", "telegram", "note") else "body"
        rows.append((f"d{doc['n']:03d}", doc["first_line"], doc["last_line"], kind, doc["title"]))
    notes = [n for n in truth["notes"] if n["first_line"]]
    if notes:
        rows.append(("notes", notes[0]["first_line"], max(n["last_line"] for n in notes), "notes", "endnotes"))
    lines = ["id\tfirst_line\tlast_line\tkind\tremarks"]
    for ident, first, last, kind, remark in rows:
        lines.append(f"{ident}\t{first}\t{last}\t{kind}\t{clean_space(remark)}")
        raw = "\n".join(book.raw_lines[first - 1:last]) + "\n"
        gold = "\n".join(book.gold_lines[first - 1:last]) + "\n"
        (folder / f"{ident}.raw.txt").write_text(raw, encoding="utf-8")
        (folder / f"{ident}.gold.txt").write_text(gold, encoding="utf-8")
    (folder / "index.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def make_corpus(sources, seeds, out, profile: str = "typical", documents: int | None = None,
                rates: dict | None = None, prefix: str = "book", samples: bool = False) -> list:
    """Several books from the same documents, one per seed (named PREFIX_sSEED), and an
    index.json listing their summaries. ``sources``: folders, page copies or JSON files, or
    already read Documents."""
    docs = [s for s in sources if isinstance(s, Document)]
    docs += load_documents([s for s in sources if not isinstance(s, Document)])
    summaries = []
    for seed in seeds:
        book = generate_book(docs, seed, profile, f"{prefix}_s{seed}", documents, rates)
        summaries.append(write_book(book, out))
        if samples:
            write_gold_samples(book, out)
    (Path(out) / "index.json").write_text(json.dumps(
        {"format": FORMAT, "profile": profile, "books": summaries}, ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8")
    return summaries


def format_summary(summary: dict) -> str:
    counts = ", ".join(f"{k} {v}" for k, v in summary["damage_counts"].items())
    return (f"{summary['name']}: {summary['lines']} lines, {summary['pages']} pages, "
            f"{summary['documents']} documents, {summary['notes']} notes; damages "
            f"{sum(summary['damages'].values())} ({', '.join(f'{k} {v}' for k, v in summary['damages'].items())})"
            f"\n  {counts}")


def parse_rate(text: str) -> tuple[str, float]:
    key, _, value = text.partition("=")
    return key.strip(), float(value)


def main(argv=None) -> int:
    """The command line (see the module docstring and README)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages-from", nargs="+", action="extend", default=[], metavar="PATH",
                        help="folders of web-page copies (*.txt) or single page copies")
    parser.add_argument("--docs-json", action="append", default=[], metavar="FILE",
                        help="a JSON file of clean documents (see README)")
    parser.add_argument("--seed", nargs="+", type=int, required=True, help="one seed per book")
    parser.add_argument("--out", required=True, help="output folder")
    parser.add_argument("--name", help="book name (one seed only); default book_sSEED")
    parser.add_argument("--documents", type=int, help="documents per book (default: random subset)")
    parser.add_argument("--profile", default="typical", choices=list(PROFILES))
    parser.add_argument("--rate", action="append", default=[], metavar="KIND=P", type=parse_rate,
                        help="override one damage rate, e.g. --rate heading_lost=0.5")
    parser.add_argument("--samples", action="store_true",
                        help="also write NAME.samples/ in the layout of bench/gold/ocr")
    parser.add_argument("--dump-docs", metavar="FILE", help="write the clean documents read as JSON")
    args = parser.parse_args(argv)
    docs = load_documents(args.pages_from + args.docs_json)
    if not docs:
        parser.error("no documents found")
    if args.dump_docs:
        write_documents_json(docs, args.dump_docs)
    if args.name and len(args.seed) > 1:
        parser.error("--name needs a single --seed")
    rates = dict(args.rate)
    summaries = []
    for seed in args.seed:
        book = generate_book(docs, seed, args.profile, args.name or f"book_s{seed}", args.documents, rates)
        summaries.append(write_book(book, args.out))
        if args.samples:
            write_gold_samples(book, args.out)
        print(format_summary(summaries[-1]))
    if len(summaries) > 1:
        (Path(args.out) / "index.json").write_text(json.dumps(
            {"format": FORMAT, "profile": args.profile, "books": summaries}, ensure_ascii=False, indent=1)
            + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
