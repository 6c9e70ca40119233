"""Evidence for word decisions: the book's own vocabulary and word pairs first, then a
general English lexicon (wordfreq, which knows British spellings such as "labour").

The book's vocabulary counts only words that stand whole inside a line, so a word
broken at a line end is not evidence for itself. wordfreq's frequencies are read once
per process as a dictionary: looking a word up through its tokenizer cost more than
all the rest of the repair.
"""

from __future__ import annotations

import functools
import math
from collections import Counter

import regex

WORD = regex.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
EDGE_MARKS = "(){}[]“”‘’\"'.,;:!?*—–-"


@functools.lru_cache(maxsize=1)
def english_frequencies() -> dict[str, float]:
    """wordfreq's English word frequencies (share of all words), by lower-case word."""
    from wordfreq import get_frequency_dict
    return get_frequency_dict("en")


#: how many words' general frequencies are remembered: wordfreq's data never change in a
#: process, so this is a bound on memory (a book has about 20,000 distinct words), not a lifetime
ZIPF_MEMORY = 2 ** 17


@functools.lru_cache(maxsize=ZIPF_MEMORY)
def general_zipf(word: str) -> float:
    """General English frequency on the Zipf scale (0 = unknown, 7 = "the").

    >>> general_zipf("labour") > 4.5, general_zipf("xqzv")
    (True, 0.0)
    """
    if "-" in word or any(map(str.isdigit, word)):
        return 0.0  # wordfreq splits hyphenated words and reads digits as 0: its score says nothing
    frequency = english_frequencies().get(word.lower().replace("’", "'"))
    return round(math.log10(frequency * 1e9), 2) if frequency else 0.0


class Lexicon:
    """Word counts and word-pair counts of one text, plus general English frequencies."""

    def __init__(self, text: str):
        self.counts: Counter = Counter()
        self.pairs: Counter = Counter()
        #: tokens as printed (case and marks kept): a misreading repeated by the OCR is counted
        #: here, so that its letters do not pass for a word of the book
        self.printed: Counter = Counter(token.strip(EDGE_MARKS) for token in text.split())
        for line in text.split("\n"):
            words = [w.lower() for w in WORD.findall(line)]
            if line.rstrip().endswith(("¬", "-")) and words:
                words = words[:-1]  # the broken word at the line end is not a whole word
            # nor, perhaps, the first of an indented line (the rest of a broken word)
            self.counts.update(words[1:] if line[:1].isspace() else words)
            self.pairs.update(zip(words, words[1:]))
        self.total = sum(self.counts.values()) or 1

    def in_book(self, word: str) -> int:
        return self.counts.get(word.lower(), 0)

    def own_count(self, token: str, reading: str) -> int:
        """How often ``reading`` is in the book's counts only as the letters of ``token``
        itself (``diplomac^`` counts as "diplomac", ``woTkers`` as "wotkers")."""
        letters = "".join(WORD.findall(token)).lower()
        return self.printed.get(token, 0) if letters == reading.lower() else 0

    def usually_capitalised(self, word: str) -> bool:
        """Whether the book prints ``word`` with a capital more often than without."""
        return self.printed.get(word.capitalize(), 0) > self.printed.get(word.lower(), 0)

    def pair(self, first: str, second: str) -> int:
        return self.pairs.get((first.lower(), second.lower()), 0)

    @staticmethod
    def zipf(word: str) -> float:
        return general_zipf(word)

    def log_prior(self, word: str, own: int = 0) -> float:
        """log P(word): the book's count smoothed with English frequencies (a Dirichlet
        prior of ``SMOOTHING`` words), ``own`` occurrences (the token being judged) left out."""
        book = max(0, self.in_book(word) - own)
        english = 10 ** (general_zipf(word) - 9) if general_zipf(word) else UNSEEN
        return math.log((book + SMOOTHING * english) / (self.total + SMOOTHING))

    def log_follow(self, first: str, second: str, own: int = 0, own_first: int = 0) -> float:
        """log P(second | first) in the book, backed off to ``second``'s prior; ``own``
        pairs (made by the token being judged) and ``own_first`` occurrences of ``first`` left out."""
        prior = math.exp(self.log_prior(second))
        return math.log((max(0, self.pair(first, second) - own) + PAIR_SMOOTHING * prior) /
                        (max(0, self.in_book(first) - own_first) + PAIR_SMOOTHING))


#: how many words of general English the book's counts are worth (larger: English weighs more)
SMOOTHING = 20_000
PAIR_SMOOTHING = 50
#: the probability of a word neither the book nor English knows (a rare name)
UNSEEN = 1e-9



