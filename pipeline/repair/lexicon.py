"""Evidence for word decisions: the book's own vocabulary first, then a general
English lexicon (wordfreq, which knows British spellings such as "labour").

The book's vocabulary counts only words that stand whole inside a line, so a
word broken at a line end is not evidence for itself.
"""

from __future__ import annotations

import functools
from collections import Counter

import regex
from wordfreq import zipf_frequency

WORD = regex.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


class Lexicon:
    """Word counts of one text plus general English frequencies."""

    def __init__(self, text: str):
        self.counts = Counter()
        for line in text.split("\n"):
            words = WORD.findall(line)
            if line.rstrip().endswith(("¬", "-")) and words:
                words = words[:-1]  # the broken word at the line end is not a whole word
            self.counts.update(w.lower() for w in words[1:])  # nor, perhaps, the first
            if words and not line[:1].isspace():
                self.counts.update(w.lower() for w in words[:1])

    def in_book(self, word: str) -> int:
        return self.counts.get(word.lower(), 0)

    @staticmethod
    def zipf(word: str) -> float:
        """General English frequency on the Zipf scale (0 = unknown, 7 = "the")."""
        return general_zipf(word.lower())


@functools.lru_cache(maxsize=4)
def lexicon_for(text: str) -> Lexicon:
    """One ``Lexicon`` per text, shared by the repairs that read it."""
    return Lexicon(text)


@functools.lru_cache(maxsize=200_000)
def general_zipf(word: str) -> float:
    if "-" in word:
        return 0.0  # wordfreq splits hyphenated words; their score says nothing of the whole
    return zipf_frequency(word, "en")
