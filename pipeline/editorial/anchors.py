"""Anchors that survive pipeline changes: a quote of the raw source and its context.

An editor's decision is anchored in the raw source, never in generated TEI: W3C Web
Annotation's TextQuoteSelector (``exact``, ``prefix``, ``suffix``), with a raw offset
(``at``) only as a hint, as Hypothesis does. The text quoted is the *anchoring text* of
a source: its decoded characters with every run of white space read as one space, so
a quote may run over a line break as a reader sees it. ``anchoring_text`` is the one
function that makes it: the build, the ``flags`` command and the review server all
call it, so they never count offsets differently (TEI Publisher's offset bugs came from
a browser and a server that did).
"""

from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass
from functools import cached_property

import regex

WHITE_RUN = regex.compile(r"\s+")
CONTEXT_CHARS = 32
MAX_CONTEXT_CHARS = 160
#: the words the anchoring text is indexed by: long enough to be rare (a quote with its
#: context nearly always holds one), few enough to index fast (a third of the words)
INDEXED_WORD = re.compile(r"\b\w{6,}")


@dataclass(frozen=True)
class Quote:
    """A TextQuoteSelector with a position hint (a raw offset)."""

    exact: str
    prefix: str = ""
    suffix: str = ""
    at: int | None = None


@dataclass(frozen=True)
class Resolution:
    """Where a quote stands in a source: ``status`` is ``found`` (exact, unique, where the
    hint says), ``moved`` (exact and unique, but its position or context changed),
    ``ambiguous`` (more than one place fits) or ``orphan`` (nowhere)."""

    status: str
    start: int = -1  # raw offsets of the quoted text
    end: int = -1
    detail: str = ""

    @property
    def placed(self) -> bool:
        return self.status in ("found", "moved")


def squash_quote(text: str) -> str:
    """A quote as the anchoring text holds it: each run of white space as one space
    (not stripped: a prefix may end in a space)."""
    return WHITE_RUN.sub(" ", text)


class AnchorText:
    """The anchoring text of one source, with maps between its offsets and raw offsets."""

    def __init__(self, raw: str):
        # each white run's raw start and end and where its single space stands, as arrays of
        # machine integers: a list of int objects per run took 130 MB on a 5.5 MB source
        self.raw_at, self.raw_end_at, self.flat_at = array("q"), array("q"), array("q")
        shrink = 0  # the characters the runs before this one lost
        for run in WHITE_RUN.finditer(raw):
            start, end = run.span()
            self.raw_at.append(start)
            self.raw_end_at.append(end)
            self.flat_at.append(start - shrink)
            shrink += end - start - 1
        self.text = WHITE_RUN.sub(" ", raw)
        self.raw = raw

    @cached_property
    def word_positions(self) -> dict[str, array]:
        """Where each long word of the text begins (``INDEXED_WORD``), made once when first
        searched: a search then looks only where its rarest word stands, never through the
        whole text (a source's hundreds of flags each scanned it, quadratic in its length).
        Every such word, however frequent: a source that repeats a book holds each of its
        words many times, and a cap on the count left its quotes to whole-text scans."""
        positions: dict[str, array] = {}
        for match in INDEXED_WORD.finditer(self.text):
            found = positions.get(match.group())
            if found is None:
                found = positions[match.group()] = array("q")
            found.append(match.start())
        return positions

    def find_all(self, needle: str) -> list[int]:
        """Every place ``needle`` begins in the text, overlapping ones too (as repeated
        ``str.find``): found through the rarest whole word inside it, the text scanned only
        when it holds no indexed word.

        >>> a = anchoring_text("the woTkers of Britain and the woTkers of France")
        >>> a.find_all(" woTkers of "), a.find_all("the woTkers of France"), a.find_all("e")
        ([3, 30], [27], [2, 8, 29, 35, 47])
        """
        inner = inner_words(needle)
        if not inner:
            return occurrences(self.text, needle)
        index = self.word_positions
        known = [(len(index[word]), offset, word) for offset, word in inner if word in index]
        if len(known) < len(inner):
            return []  # a word of it stands nowhere in the text
        _, offset, word = min(known)
        return [at - offset for at in index[word]
                if at >= offset and self.text.startswith(needle, at - offset)]

    def to_raw(self, flat: int) -> int:
        """The raw offset of a position in the anchoring text."""
        k = bisect.bisect_right(self.flat_at, flat) - 1
        if k < 0:
            return flat
        if flat == self.flat_at[k]:
            return self.raw_at[k]
        return self.raw_end_at[k] + (flat - self.flat_at[k] - 1)

    def to_flat(self, raw: int) -> int:
        """The position in the anchoring text of a raw offset (inside a white-space run:
        the run's single space)."""
        k = bisect.bisect_right(self.raw_at, raw) - 1
        if k < 0:
            return raw
        if raw < self.raw_end_at[k]:
            return self.flat_at[k]
        return self.flat_at[k] + 1 + (raw - self.raw_end_at[k])

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw offsets of a span of the anchoring text (a span ending in a space ends where its run ends)."""
        raw_end = self.to_raw(end - 1) + 1 if end > start else self.to_raw(start)
        k = bisect.bisect_right(self.flat_at, end - 1) - 1
        if end > start and k >= 0 and self.flat_at[k] == end - 1:
            raw_end = self.raw_end_at[k]
        return self.to_raw(start), raw_end


def anchoring_text(raw: str) -> AnchorText:
    """THE anchoring text of a source's decoded text ``raw`` (see the module's docstring).

    >>> a = anchoring_text("The pain¬\\nful  war")
    >>> a.text, a.to_raw(a.text.index("ful")), a.to_flat(10)
    ('The pain¬ ful war', 10, 10)
    """
    return AnchorText(raw)


def resolve(quote: Quote, anchor_text: AnchorText) -> Resolution:
    """Find ``quote`` in the anchoring text: exact match first, context to choose among
    several, the position hint only to say whether it moved. Never a fuzzy placement.

    >>> a = anchoring_text("the woTkers of Britain and the woTkers of France")
    >>> r = resolve(Quote("woTkers", prefix="the ", suffix=" of France"), a)
    >>> r.status, a.raw[r.start:r.end], r.start
    ('found', 'woTkers', 31)
    >>> resolve(Quote("woTkers"), a).status, resolve(Quote("workers"), a).status
    ('ambiguous', 'orphan')
    """
    exact = squash_quote(quote.exact)
    if not exact.strip():
        return Resolution("orphan", detail="the quote is empty")
    prefix, suffix = squash_quote(quote.prefix), squash_quote(quote.suffix)
    # the quote in its context first: one search of a long string, where a short quote
    # ("-", "the") would stand thousands of times; every occurrence only when that fails
    fitting = [i + len(prefix) for i in anchor_text.find_all(prefix + exact + suffix)]
    found = fitting if fitting else anchor_text.find_all(exact)  # several fitting: ambiguous as it is
    if len(fitting) == 1 or (not fitting and len(found) == 1):
        at = (fitting or found)[0]
        start, end = anchor_text.span_to_raw(at, at + len(exact))
        moved = not fitting or (quote.at is not None and quote.at != start)
        detail = "" if not moved else (f"found at offset {start}, not {quote.at}" if fitting
                                       else "found once, but its context has changed")
        return Resolution("moved" if moved else "found", start, end, detail)
    if len(fitting) > 1 or len(found) > 1:
        return Resolution("ambiguous", detail=f"the quote stands {len(fitting) or len(found)} times; "
                                              "lengthen prefix or suffix")
    return Resolution("orphan", detail=nearest_reading(exact, anchor_text))


def inner_words(needle: str) -> list[tuple[int, str]]:
    """The indexed words wholly inside ``needle`` (not at its edges, where the text may run
    the word on), each with its offset in the needle: any place the needle stands, the
    text holds these very words there.

    >>> inner_words("kers of Britain and Francs")
    [(8, 'Britain')]
    """
    return [(m.start(), m.group()) for m in INDEXED_WORD.finditer(needle)
            if m.start() > 0 and m.end() < len(needle)]


def occurrences(text: str, exact: str) -> list[int]:
    """Every place ``exact`` begins in ``text`` (a scan of the whole text)."""
    found, at = [], text.find(exact)
    while at >= 0:
        found.append(at)
        at = text.find(exact, at + 1)
    return found


def nearest_reading(exact: str, anchor_text: AnchorText) -> str:
    """For an orphan: the closest reading of the text (never used to place a decision)."""
    if len(exact) > 80:
        exact = exact[:80]
    errors = max(1, len(exact) // 5)
    match = regex.search(f"(?:{regex.escape(exact)}){{e<={errors}}}", anchor_text.text, flags=regex.BESTMATCH)
    if match is None:
        return "the quote is nowhere in the source"
    raw = anchor_text.to_raw(match.start())
    line = anchor_text.raw.count("\n", 0, raw) + 1
    return f"the quote is nowhere in the source; nearest reading “{match.group()}” at line {line}"


def make_quote(anchor_text: AnchorText, start: int, end: int, context: int = CONTEXT_CHARS) -> Quote:
    """A quote of raw ``[start, end)`` with enough context to be unique (as far as
    ``MAX_CONTEXT_CHARS`` allows), and the raw offset as its hint.

    >>> a = anchoring_text("the woTkers of Britain and the woTkers of France")
    >>> q = make_quote(a, 31, 38, context=4)
    >>> q.exact, q.prefix, q.suffix, resolve(q, a).start
    ('woTkers', 'and the ', ' of France', 31)
    """
    flat_start, flat_end = anchor_text.to_flat(start), anchor_text.to_flat(end - 1) + 1 if end > start \
        else anchor_text.to_flat(start)
    text = anchor_text.text
    exact = text[flat_start:flat_end]
    size = context
    while True:
        prefix = word_edge_left(text[max(0, flat_start - size):flat_start], flat_start - size > 0)
        suffix = word_edge_right(text[flat_end:flat_end + size], flat_end + size < len(text))
        quote = Quote(exact, prefix, suffix, start)
        if size >= MAX_CONTEXT_CHARS or resolve(quote, anchor_text).status == "found":
            return quote
        size *= 2


def word_edge_left(piece: str, cut: bool) -> str:
    """Context cut at a word boundary (a quote reads better from a whole word)."""
    if cut and " " in piece:
        return piece[piece.index(" ") + 1:]
    return piece


def word_edge_right(piece: str, cut: bool) -> str:
    if cut and " " in piece:
        return piece[:piece.rindex(" ")]
    return piece
