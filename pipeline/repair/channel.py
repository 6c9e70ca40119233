"""The noisy channel of an OCR'd book: how likely the OCR read a true word as what the
text shows, with confusion weights estimated from the book itself.

A prior table of the confusions OCR engines make (rn/m, cl/d, li/h, l/I/1, u/v, c/e, …)
is sharpened by what this book shows: every rare non-word one edit away from a word the
book uses often (``Prauda`` beside ``Pravda``) is evidence that the OCR read that letter
as the other, and such pairs become cheaper. Candidates for a doubtful token are the
readings reachable by up to two known confusions, and every word the book or English
knows one edit away (found through an index of single deletions, as SymSpell does).
"""

from __future__ import annotations

import functools
import math
from collections import Counter, defaultdict
from dataclasses import dataclass

import regex

from pipeline.ocrforms import CONFUSIONS  # (OCR reading, true reading, cost): the prior table
from pipeline.repair.lexicon import Lexicon, english_frequencies

MAX_CONFUSIONS = 2
#: costs are -log odds of the OCR making that confusion, against reading the letter right;
#: the table's figures are relative, scaled to that measure
TABLE_SCALE = 2.5
#: the cost of one edit the prior table does not know: a letter read as another; a letter lost or added
GENERIC_COST = 5.0
GENERIC_INDEL_COST = 6.0
#: how much each time the book shows a confusion lowers its cost
LEARNING_RATE = 1.25
MIN_COST = 0.75
#: a confusion at most this costly is a cheap one (the table's, or one the book shows often)
CHEAP_COST = 2.5
#: words a candidate may be found among: the book's (twice or more) and common English
COMMON_ENGLISH_ZIPF = 3.5


@dataclass(frozen=True, eq=False)
class Channel:
    """Costs (-log odds) of reading the true segment ``right`` as ``wrong`` (compared by
    identity: one per book)."""

    costs: dict[tuple[str, str], float]
    learned: dict[tuple[str, str], int]

    def cost(self, wrong: str, right: str) -> float:
        generic = GENERIC_COST if len(wrong) == len(right) else GENERIC_INDEL_COST
        return self.costs.get((wrong, right), self.costs.get((wrong.lower(), right.lower()), generic))

    @functools.cached_property
    def patterns(self) -> tuple[tuple[str, str, float], ...]:
        """The prior table's confusions priced as this book shows them (made once per channel)."""
        return tuple((wrong, right, self.cost(wrong, right)) for wrong, right, _ in CONFUSIONS)

    @functools.cached_property
    def patterns_by_wrong(self) -> dict[str, tuple[tuple[int, str, str, float], ...]]:
        """The priced confusions by what the OCR shows, each with its place in the table:
        a reading is then looked up by its own letters and letter pairs, not tried against
        every confusion of the table (made once per channel)."""
        found: dict[str, list] = defaultdict(list)
        for order, (wrong, right, cost) in enumerate(self.patterns):
            found[wrong].append((order, wrong, right, cost))
        return {wrong: tuple(entries) for wrong, entries in found.items()}


def prior_costs() -> dict[tuple[str, str], float]:
    return {(wrong, right): cost * TABLE_SCALE for wrong, right, cost in CONFUSIONS}


def learn_channel(lexicon: Lexicon, index: "NeighbourIndex") -> Channel:
    """Sharpen the prior with the single-letter confusions this book shows."""
    seen: Counter = Counter()
    for token, count in lexicon.counts.items():
        if count > 2 or len(token) < 4 or lexicon.zipf(token) >= 1.0:
            continue
        neighbours = [w for w in index.neighbours(token) if lexicon.in_book(w) >= 5]
        if len(neighbours) == 1:
            edit = single_edit(token, neighbours[0])
            if edit is not None:
                seen[edit] += count
    costs = prior_costs()
    for pair, count in seen.items():
        generic = GENERIC_COST if len(pair[0]) == len(pair[1]) else GENERIC_INDEL_COST
        learned = generic - LEARNING_RATE * math.log1p(count)
        costs[pair] = max(MIN_COST, min(costs.get(pair, generic), learned))
    return Channel(costs, dict(seen))


def single_edit(wrong: str, right: str) -> tuple[str, str] | None:
    """The one edit that turns ``right`` into ``wrong``: (what the OCR shows, what was printed).

    >>> single_edit("prauda", "pravda"), single_edit("cornrade", "comrade"), single_edit("wrk", "work")
    (('u', 'v'), ('rn', 'm'), ('', 'o'))
    """
    start = 0
    while start < min(len(wrong), len(right)) and wrong[start] == right[start]:
        start += 1
    end_w, end_r = len(wrong), len(right)
    while end_w > start and end_r > start and wrong[end_w - 1] == right[end_r - 1]:
        end_w, end_r = end_w - 1, end_r - 1
    pair = (wrong[start:end_w], right[start:end_r])
    return pair if 0 < max(len(pair[0]), len(pair[1])) <= 2 else None


class NeighbourIndex:
    """Words one edit away from a token (substitution, insertion, deletion), through an
    index of each known word's single deletions."""

    def __init__(self, words):
        self.by_deletion: dict[str, set[str]] = defaultdict(set)
        self.words = set(words)
        for word in self.words:
            for variant in deletions(word):
                self.by_deletion[variant].add(word)

    def neighbours(self, token: str) -> set[str]:
        token = token.lower()
        found = set(self.by_deletion.get(token, ()))          # the token lost a letter
        if token in self.words:
            found.add(token)
        for variant in deletions(token):
            if variant in self.words:                          # the token has a letter too many
                found.add(variant)
            found.update(w for w in self.by_deletion.get(variant, ()) if len(w) == len(token))  # one letter read wrong
        found.discard(token)
        return found


def deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


@functools.lru_cache(maxsize=1)
def common_english() -> frozenset[str]:
    threshold = 10 ** (COMMON_ENGLISH_ZIPF - 9)
    return frozenset(w for w, f in english_frequencies().items() if f >= threshold and w.isalpha())


def neighbour_index(lexicon: Lexicon) -> NeighbourIndex:
    book = (w for w, n in lexicon.counts.items() if n >= 2 and w.isalpha())
    return NeighbourIndex(set(book) | common_english())


#: how many of the cheapest readings a second confusion is tried on
FRONTIER = 12


def confusion_readings(core: str, channel: Channel):
    """Readings of ``core`` reachable by up to two confusions of the prior table (priced as
    the book shows them); single edits beyond the table come from the neighbour index.
    Each round grows the cheapest readings so far by every confusion they show, in the
    table's order and then left to right (which settles ties among equally cheap readings)."""
    frontier = {core: 0.0}
    by_wrong = channel.patterns_by_wrong
    for _ in range(MAX_CONFUSIONS):
        grown = {}
        for reading, cost in sorted(frontier.items(), key=lambda item: item[1])[:FRONTIER]:
            for at, wrong, right, step in confusion_spots(reading, by_wrong):
                new = reading[:at] + right + reading[at + len(wrong):]
                if cost + step < grown.get(new, 9.0):
                    grown[new] = cost + step
        for reading, cost in grown.items():
            if cost < frontier.get(reading, 9.0):
                frontier[reading] = cost
    return frontier


def confusion_spots(reading: str, by_wrong: dict) -> list[tuple[int, str, str, float]]:
    """Every place a confusion of the table could have happened in ``reading``, as
    (offset, what the OCR shows, what was printed, cost), in the table's order and then
    left to right. Only the reading's own letters and letter pairs are looked up
    (a dozen look-ups, where trying each confusion of the table costs forty searches).

    >>> channel = Channel(prior_costs(), {})
    >>> [(at, wrong, right) for at, wrong, right, _ in confusion_spots("rnl", channel.patterns_by_wrong)][:3]
    [(0, 'rn', 'm'), (2, 'l', 'I'), (2, 'l', 'i')]
    """
    spots = []
    for at in range(len(reading)):
        pieces = (reading[at], reading[at:at + 2]) if at + 1 < len(reading) else (reading[at],)
        for piece in pieces:
            for order, wrong, right, cost in by_wrong.get(piece, ()):
                spots.append((order, at, wrong, right, cost))
    spots.sort()
    return [spot[1:] for spot in spots]


def candidates(core: str, channel: Channel, index: NeighbourIndex) -> dict[str, float]:
    """Every reading of ``core`` worth judging, by lower-case form, with its channel cost:
    known confusions (up to two), and any known word one edit away. A capital inside a
    lower-case word (``peasanTs``) is itself a confusion: the word in lower case is a reading."""
    found: dict[str, float] = {}
    for reading, cost in confusion_readings(core, channel).items():
        key = reading.lower()
        found[key] = min(cost, found.get(key, 9.0))
    if INDEXABLE.fullmatch(core):
        for word in index.neighbours(core):
            edit = single_edit(core.lower(), word)
            if edit is not None and not (core[:1].isupper() and word[:1] != core[:1].lower()
                                         and channel.cost(*edit) >= GENERIC_COST):
                found[word] = min(found.get(word, 9.0), channel.cost(*edit))
    found.pop(core.lower(), None)
    if stray_capital(core):
        found[core.lower()] = CASE_COST
    return found


#: tokens worth looking up one edit away: letters, digits and the OCR's junk marks (not "=by")
INDEXABLE = regex.compile(r"[\w^|\\'’-]+")
#: the cost of one capital letter read inside a lower-case word
CASE_COST = 0.5


def stray_capital(core: str) -> bool:
    """``woTkers``: one capital inside a lower-case word is an error; ``VTsIK`` is an abbreviation.

    >>> stray_capital("woTkers"), stray_capital("VTsIK"), stray_capital("Pravda")
    (True, False, False)
    """
    capitals = [i for i, ch in enumerate(core) if ch.isupper()]
    return len(capitals) == 1 and capitals[0] > 0
