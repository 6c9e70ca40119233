"""Running heads and page numbers of a printed book, found from evidence that holds in
any book, not from one book's strings.

A line is weighed as page furniture by what a reader would notice:

* its **number**: a page number at either end (``14 ON THE FOREIGN POLICY``, ``NOTES 33``,
  read through OCR damage such as ``S5``), which fits the **sequence** of pages, that is,
  the numbers on the lines a page or two before and after it;
* its **position** at the edge of a page (next to a run of blank lines);
* its **words**: in capitals, and the book's title, its author or a document's title,
  which the title page and the contents print (a running head is often the short title of
  the current document);
* its **repetition**: the same words, read loosely, at the edges of other pages.

Prose counts against it (sentence punctuation, many lower-case words, dates and
source-block phrases). A bare number is a page number only when it fits the sequence,
or stands at a page's edge between blank lines.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

from pipeline.lines import Line

#: a (possibly damaged) page number at either end of a line
NUMBER_AT_START = regex.compile(r"^(?P<n>[\dSZIlOoB]{1,3})\s+(?P<words>\D.*)$")
NUMBER_AT_END = regex.compile(r"^(?P<words>.*\D)\s+(?P<n>[\dSZIlOoB]{1,3})$")
BARE_NUMBER = regex.compile(r"^\d{1,3}$")
DIGITS = str.maketrans({"S": "5", "Z": "2", "I": "1", "l": "1", "O": "0", "o": "0", "B": "8"})
SENTENCE = regex.compile(r"[.!?:;,]$")
NOT_A_HEAD = regex.compile(r"january|february|march|april|may|june|july|august|september|october|november|"
                           r"december|published|collected|miscellany|text of|signed|pravda|izvestia", regex.I)
WORD = regex.compile(r"[^\W\d_]{3,}")
MAX_HEAD_CHARS = 64
THRESHOLD = 4


@dataclass(frozen=True)
class HeadLine:
    """A short line of the book and what it shows."""

    index: int
    line: Line
    number: int | None  # the page number it prints, if any
    words: str          # its words without the number
    at_edge: bool


def find_page_furniture(lines: tuple[Line, ...], vocabulary: set[str]) -> list[tuple[HeadLine, str]]:
    """The furniture lines of a book: (line, rule) with rule ``running-head`` or ``page-number``."""
    heads = [h for h in (head_line(i, lines) for i in range(len(lines))) if h is not None]
    fitting = in_sequence(heads)
    repeated = repeated_keys(heads)
    found = []
    for head in heads:
        score = weigh(head, head.index in fitting, bool(fitting), vocabulary, repeated)
        if score >= THRESHOLD:
            found.append((head, "running-head" if head.words else "page-number"))
    return found


#: how many lines a printed page holds, at least and at most
PAGE_LINES = (15, 60)
MAX_STEP = 3


def in_sequence(heads) -> set[int]:
    """Indices of numbered lines whose number continues the printed pages: a chain of at
    least three numbered lines, each one to three pages after the one before and the right
    number of lines away (a page holds ``PAGE_LINES`` lines), at least two of them at a
    page's edge. Two headings carrying the calls of notes 127 and 128 are no such chain."""
    numbered = sorted((h.index, h.number, h.at_edge) for h in heads if h.number is not None)
    follows: dict[int, int] = {}  # position in ``numbered`` -> the next in its chain
    for k, (line, number, _) in enumerate(numbered):
        for j in range(k + 1, min(len(numbered), k + 8)):
            other_line, other, _ = numbered[j]
            pages, distance = other - number, other_line - line
            if 1 <= pages <= MAX_STEP and PAGE_LINES[0] * pages <= distance <= PAGE_LINES[1] * pages:
                follows[k] = j
                break
    fitting, seen = set(), set()
    for start in range(len(numbered)):
        if start in seen:
            continue
        chain = [start]
        while chain[-1] in follows:
            chain.append(follows[chain[-1]])
        seen.update(chain)
        if len(chain) >= 3 and sum(numbered[k][2] for k in chain) >= 2:
            fitting.update(numbered[k][0] for k in chain)
    return fitting


def head_line(i: int, lines) -> HeadLine | None:
    """The line at ``i`` as a candidate: short, with its number (if any) apart."""
    line = lines[i]
    text = line.stripped
    if not text or len(text) > MAX_HEAD_CHARS:
        return None
    before = i == 0 or lines[i - 1].is_blank
    after = i + 1 == len(lines) or lines[i + 1].is_blank
    at_edge = (before and (i < 2 or lines[i - 2].is_blank)) or (after and (i + 2 >= len(lines) or lines[i + 2].is_blank))
    if BARE_NUMBER.match(text):
        return HeadLine(i, line, int(text), "", at_edge)
    match = NUMBER_AT_START.match(text) or NUMBER_AT_END.match(text)
    if match and match.group("n").translate(DIGITS).isdigit():
        return HeadLine(i, line, int(match.group("n").translate(DIGITS)), match.group("words").strip(), at_edge)
    if at_edge and before and after:
        return HeadLine(i, line, None, text, at_edge)
    return None


YEAR = regex.compile(r"1[89]\d\d")


def key_of(words: str) -> str:
    return "".join(ch for ch in words.lower() if ch.isalpha())


def repeated_keys(heads) -> set[str]:
    """Keys of head words that recur (loosely: two letters may differ) at page edges."""
    keys = [key_of(h.words) for h in heads if h.at_edge and len(key_of(h.words)) >= 6]
    counts = Counter(keys)
    repeated = set()
    distinct = list(counts)
    for key in distinct:
        similar = sum(n for other, n in counts.items() if other == key or close(key, other))
        if similar >= 3:
            repeated.add(key)
    return repeated


def close(a: str, b: str) -> bool:
    """A letter apart, or two in keys of ten letters or more (``NOTFS`` and ``NOTES``,
    ``ovietrussia`` and ``sovietrussia``)."""
    most = 2 if min(len(a), len(b)) >= 10 else 1
    if abs(len(a) - len(b)) > most:
        return False
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        current = [i]
        for j, y in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        if min(current) > most:
            return False
        previous = current
    return previous[-1] <= most


def weigh(head: HeadLine, fits: bool, sequence_known: bool, vocabulary: set[str], repeated: set[str]) -> int:
    """The evidence that ``head`` is page furniture (``THRESHOLD`` or more: it is)."""
    if not head.words:  # a bare number: a page number when it fits the sequence, or, where
        return THRESHOLD if fits or (not sequence_known and head.at_edge) else 0  # none is known, at a page's edge
    words = WORD.findall(head.words)
    letters = [ch for ch in head.words if ch.isalpha()]
    # a page number or repetition is what tells a running head from a document's heading,
    # which also stands at a page's top, in capitals, in the words of the contents
    # a number that does not fit the sequence of pages is something else (a note's call in a
    # heading: "L. B. KAMENEV 128"), and where no sequence is known a number proves nothing
    numbered = 3 if fits else 0
    score = numbered + (2 if key_of(head.words) in repeated else 0)
    if score == 0:
        return 0
    score += 1 if head.at_edge else 0
    score += 1 if letters and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters) else 0
    known = [w for w in words if w.lower() in vocabulary]
    score += 2 if words and len(known) >= 0.6 * len(words) else 0
    if SENTENCE.search(head.words) or sum(w.islower() for w in words) >= 3 or NOT_A_HEAD.search(head.words) \
            or YEAR.search(head.words):  # a date in a heading ("DECEMBEB 22-29, 1920"), not a running head
        score -= 4
    return score


def title_vocabulary(lines, share: float = 0.05) -> set[str]:
    """Words of the lines in capitals near the book's beginning (title page, contents) and
    of the "Full text of" line: the words running heads are made of."""
    vocabulary = set()
    for line in lines[:max(200, int(len(lines) * share))]:
        text = line.stripped
        letters = [ch for ch in text if ch.isalpha()]
        if text.startswith("Full text of") or (len(letters) >= 4 and
                                               sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)):
            vocabulary.update(w.lower() for w in WORD.findall(text))
    return vocabulary - {"the", "and", "for", "from", "with"}
