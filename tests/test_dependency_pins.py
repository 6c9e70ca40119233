"""The library values the repairs' thresholds are tested against, asserted in one place.

The OCR and hyphen repairs decide by wordfreq's English frequencies (zipf) and ftfy's fixes,
so ``constraints.txt`` pins both and the tests of each threshold use words that sit exactly
on it ("encamped" at zipf 2.5, "subjection" just below). When a new wordfreq moves one of
these words, this file fails and names it: pick another word for that threshold's test, or
rebuild ``tei/`` if the edition changes. The threshold tests themselves then stay about the
pipeline's behaviour, not the library's values.
"""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

import pytest

from pipeline.repair.lexicon import general_zipf

CONSTRAINTS = Path(__file__).resolve().parent.parent / "constraints.txt"

#: word -> its zipf in the pinned wordfreq, and the threshold test that leans on it
ZIPF_ON_A_THRESHOLD = {
    "encamped": (2.5, "never respelt from zipf 2.5 (test_units_ocr)"),
    "subjection": (2.49, "a rare word just below 2.5 (test_units_ocr)"),
    "declaimed": (1.5, "still a rare word at 1.5 (test_units_ocr)"),
    "mutualist": (1.49, "a non-word just below 1.5 (test_units_ocr)"),
    "chartist": (2.0, "a repeated misreading yields to a word from zipf 2.0 (test_units_ocr)"),
    "nonunion": (1.99, "just below 2.0 (test_units_ocr)"),
    "sions": (1.49, "a lost hyphen restored below 1.5 (test_units_hyphens)"),
    "diers": (1.5, "a word at 1.5: the break is left (test_units_hyphens)"),
}
#: word -> (lowest, highest) zipf the test that uses it needs
ZIPF_IN_A_BAND = {
    "proclaimed": (3.0, 4.0),   # a joined word known well, but below 4 (test_units_hyphens)
    "preserving": (3.0, 4.0),
    "rye": (3.0, 4.0),          # each half of "rye-bread" a word from zipf 3 (test_units_hyphens)
    "tsarist": (0.0, 3.0),
    "labour": (4.5, 8.0),
}


def pinned(package: str) -> str:
    """The version ``constraints.txt`` pins for ``package`` (a copy of the project without
    it, as mutmut's working copy, skips: the pins are the project's, not the copy's)."""
    if not CONSTRAINTS.exists():
        pytest.skip(f"{CONSTRAINTS} is not in this copy of the project")
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        name, _, pin = line.partition("==")
        if name.strip().lower() == package:
            return pin.strip()
    raise LookupError(f"constraints.txt pins no {package}")


@pytest.mark.parametrize("package", ["wordfreq", "ftfy"])
def test_the_installed_library_is_the_pinned_one(package):
    assert version(package) == pinned(package), f"reinstall with: pip install -c constraints.txt {package}"


@pytest.mark.parametrize("word", sorted(ZIPF_ON_A_THRESHOLD))
def test_words_on_a_threshold_keep_their_frequency(word):
    expected, why = ZIPF_ON_A_THRESHOLD[word]
    assert general_zipf(word) == expected, why


@pytest.mark.parametrize("word", sorted(ZIPF_IN_A_BAND))
def test_words_in_a_band_stay_in_it(word):
    low, high = ZIPF_IN_A_BAND[word]
    assert low <= general_zipf(word) < high


def test_the_lexicon_reads_case_and_apostrophes_alike_and_knows_no_compounds_or_numbers():
    assert general_zipf("Labour") == general_zipf("labour")
    assert general_zipf("don’t") == general_zipf("don't")
    assert general_zipf("class-struggle") == general_zipf("1917") == general_zipf("xqzv") == 0.0
