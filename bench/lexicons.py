"""Compare general English lexicons for the OCR repair: how much of the book's own
vocabulary each knows, and how many British spellings (the book is in British
English: "labour", "organisation") it accepts. The pipeline uses wordfreq.

    .venv/bin/python bench/lexicons.py      (needs the bench extra: pip install -e '.[bench]')
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
BRITISH = ["labour", "organisation", "defence", "recognise", "programme", "favour", "centre", "manoeuvre",
           "realise", "civilised", "colour", "honour", "behaviour", "neighbour", "characterise", "offence",
           "fulfilment", "endeavour", "analyse", "catalogue"]


def lexicons():
    from wordfreq import zipf_frequency
    found = {"wordfreq (zipf >= 2)": lambda w: zipf_frequency(w, "en") >= 2.0}
    try:
        from spellchecker import SpellChecker
        checker = SpellChecker()
        found["pyspellchecker"] = lambda w: w in checker
    except ImportError:
        pass
    try:
        from english_words import get_english_words_set
        words = get_english_words_set(["web2", "gcide"], lower=True)
        found["english-words (web2+gcide)"] = lambda w: w in words
    except ImportError:
        pass
    return found


def main():
    text = (ROOT / "raw" / "001_57a5e7fdb55d5ea9.txt").read_text(encoding="utf-8")
    counts = Counter(w.lower() for w in regex.findall(r"\b[^\W\d_]{3,}\b", text))
    vocabulary = [w for w, n in counts.items() if n >= 3]
    print(f"{'lexicon':30} {'book words (>=3 uses) known':>28} {'British spellings':>18}")
    for name, knows in lexicons().items():
        share = sum(map(knows, vocabulary)) / len(vocabulary)
        british = sum(map(knows, BRITISH))
        print(f"{name:30} {share:28.3f} {british:>12}/{len(BRITISH)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
