"""The terms of a printed source reference, read through OCR damage.

A printed book of documents ends each document with a source block ("Pravda No. 171,
November 10 (October 28), 1917 / Collected Works, Vol. 26, pp. 254-56"). A reference has
few words, and where each stands is fixed by the form of a citation: ``Works`` after
``Collected``, ``Vol.`` before a volume number, ``pp.`` before a page range, a newspaper's
title before ``No.``. The word repairs cannot judge these tokens (a reference is not prose,
and ``Izvestia`` is no English word), so this rule reads a token as the term whose place it
stands in when the token is a few letters away from it (``Wor/cs``, ``Vo!.``, ``Jivestia``,
``PP-``). Each reading is a recorded correction like any other.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from pipeline.model import Change, Source

TOKEN = regex.compile(r"\S+")
#: marks the OCR puts inside a word (``WcrA’s``), left out when comparing; ``! | / \`` are
#: kept, for the OCR reads them for letters (``Vo!.``, ``Wor/cs``)
INNER_MARKS = regex.compile(r"[^\p{L}\p{N}!|/\\]")
TRAIL = regex.compile(r"[,;:]+$")


@dataclass(frozen=True)
class Term:
    """A word of a reference, and the neighbours that say a token stands in its place."""

    word: str
    before: regex.Pattern | None = None  # what the previous token must look like
    after: regex.Pattern | None = None   # what the next token must look like
    keep_case: bool = True               # a title or an abbreviation is printed one way only
    #: an abbreviation stands on the line of its number ("Pe- / 36 SOVIET …" is no "pp. 36")
    same_line: bool = False


def cue(pattern: str) -> regex.Pattern:
    return regex.compile(pattern, regex.V1)


ISSUE = r"^(?:Nos?[.,]|\()"
TERMS = (
    Term("Works", before=cue(r"^Coll\p{L}{4,7}$")),
    Term("Vol.", after=cue(r"^[\dIVXl]{1,4}[,.]?$"), same_line=True),
    Term("pp.", after=cue(r"^\d{1,4}\s*[-–]?"), same_line=True),
    Term("First", after=cue(r"^published$"), keep_case=False),
    Term("Published", after=cue(r"^according$"), keep_case=False),
    Term("Pravda", after=cue(ISSUE)),
    Term("Izvestia", after=cue(ISSUE)),
    Term("Kommunist", after=cue(ISSUE)),
)
#: where a term may stand: after "Collected", before an issue, a number, "published" or
#: "according" (a cheap first look; each term's own cues then decide)
AFTER_COLLECTED = regex.compile(r"\bColl\p{L}{4,7}\s+(\S)")
BEFORE_CUE = regex.compile(r"(?<!\S)[WVPFIJKwvpfijkl1]\S{1,9}(?=\s+(?:Nos?[.,]|\(|\d|[IVXl]{1,4}\b|published\b|according\b))")
NEXT_TOKEN = regex.compile(r"\s*(\S+)")

#: forms that are right as printed and must never be "corrected" to a near term
CORRECT_FORMS = {"p.", "pp.", "Vol.", "Vols.", "Works", "First", "first", "Published", "published", "Pravda",
                 "Izvestia", "Kommunist",
                 "No.", "Nos."}


def fix_citation_terms(source: Source, done=(), _context=None) -> list[Change]:
    """Terms of source references the OCR damaged, each read from its place in the
    citation; only in OCR text (a web page's references are typed, not scanned).

    >>> s = Source("x", "x.txt", "Collected Wor/cs, Vo!. 27, PP- 200-01; Jivestia No. 2", "ia-ocr", "", "")
    >>> [(c.before, c.after) for c in fix_citation_terms(s)]
    [('Wor/cs', 'Works'), ('Vo!.', 'Vol.'), ('PP-', 'pp.'), ('Jivestia', 'Izvestia')]
    """
    if source.kind != "ia-ocr":
        return []
    text = source.text
    changes = []
    starts = sorted({m.start(1) for m in AFTER_COLLECTED.finditer(text)} | {m.start() for m in BEFORE_CUE.finditer(text)})
    for start in starts:  # only tokens in a place a term may hold: a book has few
        token = TOKEN.match(text, start)
        previous = TOKEN.findall(text, max(0, start - 40), start)
        following = NEXT_TOKEN.match(text, token.end())
        broken = bool(following) and "\n" in text[token.end():following.start(1)]
        change = read_term(text, token, previous[-1] if previous else "", following.group(1) if following else "",
                           broken)
        if change is not None:
            changes.append(change)
    return changes


def read_term(text: str, match, previous: str, following: str, broken: bool = False) -> Change | None:
    """The correction of one token to the term whose place it holds, if any; ``broken``:
    a line ends between the token and the one after it."""
    token = TRAIL.sub("", match.group())
    if token in CORRECT_FORMS or not token:
        return None
    for term in TERMS:
        if term.before is not None and not term.before.search(previous):
            continue
        if term.after is not None and (not term.after.search(following) or (broken and term.same_line)):
            continue
        distance = term_distance(token, term.word)
        if distance is None:
            continue
        word = term.word if term.keep_case or token[:1].isupper() else term.word.lower()
        start = match.start()
        return Change("citation-term", start, start + len(token), token, word, round(0.95 - 0.05 * distance, 2))
    return None


def term_distance(token: str, word: str) -> int | None:
    """The edit distance of ``token`` from ``word`` (case aside), if its letters (inner
    marks aside) are few enough edits away for a misreading: a third of the word's
    letters, and at least one.

    >>> term_distance("Wor/cs", "Works"), term_distance("Jivestia", "Izvestia"), term_distance("VoL", "Vol.")
    (2, 2, 1)
    >>> term_distance("Wages", "Works") is None, term_distance("P.", "pp.") is None
    (True, True)
    """
    letters, target = INNER_MARKS.sub("", token).lower(), INNER_MARKS.sub("", word).lower()
    if not letters or letters[0] not in (target[0], "j", "l", "1") or len(letters) < len(target) - len(target) // 4:
        return None
    if word.endswith(".") and letters == target and token.endswith("."):
        return None  # the term itself, only in another case: nothing to read
    distance = edit_distance(token.lower(), word.lower())
    limit = max(1, (len(target) + 1) // 3)
    return distance if 0 < edit_distance(letters, target) <= limit or \
        (letters == target and distance) else None


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions), for short tokens.

    >>> edit_distance("vo!.", "vol."), edit_distance("pp-", "pp."), edit_distance("", "abc")
    (1, 1, 3)
    """
    row = list(range(len(b) + 1))
    for i, ch in enumerate(a, start=1):
        previous, row[0] = row[0], i
        for j, other in enumerate(b, start=1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (ch != other))
    return row[-1]
