"""What the OCR reads one character for another, in one table each: letters read for digits
(``1S20`` for ``1920``, a folio ``Z3`` for ``23``) and letters read for letters (``rn`` for
``m``). Every stage that reads a damaged number or word reads these tables, so a page
number, a note label and a year in the text are read alike; each reader says only *which*
look-alikes it trusts, since a letter that is safe in a page number's place (``B`` for 8)
would read words as numbers elsewhere.
"""

from __future__ import annotations

#: letters the OCR reads for digits, each with the digit it stands for. ``S`` stands for a
#: 5 here; in a year it may be 5, 9, 8 or 3 (``YEAR_S``: the book's own years decide).
DIGIT_LOOKALIKES = {"o": "0", "O": "0", "l": "1", "I": "1", "i": "1", "Z": "2", "z": "2", "S": "5",
                    "b": "6", "B": "8", "G": "6", "g": "9", "q": "9", "A": "4", "|": "1"}
#: the digits an ``S`` in a four-digit year may stand for
YEAR_S = "5983"
#: the look-alikes trusted in a printed page number (a folio, a running head's number, a
#: contents entry's page): a short token in a number's own place, where a lower-case ``i``
#: or ``b`` would more often be a word than a damaged digit
PAGE_NUMBER_LETTERS = "SZIlOoB"
#: the look-alikes trusted in an endnote's printed label ("l2", "IO", "S")
NOTE_LABEL_LETTERS = "ilIoOS"
#: the look-alikes trusted in a folio standing at a page's edge, which its place and the page
#: sequence vouch for: a page number's, and the ``i`` and ``|`` a thin 1 is read as
FOLIO_LETTERS = PAGE_NUMBER_LETTERS + "i|"
#: what the OCR reads for a lower-case roman numeral's ``i`` (a front-matter folio ``iti``)
ROMAN_I_LOOKALIKES = "tl1!|j"

#: (what the OCR shows, what was printed, cost): letters read for letters (and a few digits
#: for letters and back); the lower the cost, the likelier the confusion. The order settles
#: ties between equally cheap readings, so it is part of the table.
CONFUSIONS = (
    ("rn", "m", 0.5), ("m", "rn", 0.7), ("cl", "d", 0.6), ("d", "cl", 0.9), ("li", "h", 0.7),
    ("h", "li", 0.9), ("lc", "k", 0.6), ("l", "I", 0.3), ("I", "l", 0.3), ("1", "l", 0.4),
    ("1", "I", 0.4), ("l", "i", 0.6), ("i", "l", 0.7), ("l", "t", 0.8), ("t", "l", 0.8), ("u", "v", 0.5),
    ("v", "u", 0.5), ("c", "e", 0.6), ("e", "c", 0.6), ("O", "0", 0.4), ("0", "O", 0.4), ("o", "0", 0.6),
    ("S", "5", 0.6), ("5", "S", 0.6), ("T", "r", 0.7), ("G", "C", 0.6), ("C", "G", 0.8), ("n", "u", 0.7),
    ("u", "n", 0.7), ("a", "o", 0.8), ("o", "a", 0.8), ("e", "o", 0.8), ("3", "s", 0.7), ("4", "i", 0.7),
    ("j^", "y", 0.5), ("^", "y", 0.8), ("^", "ly", 0.9), ("f", "t", 0.8), ("t", "f", 0.8), ("b", "h", 0.7),
    ("h", "b", 0.7), ("ii", "u", 0.7), ("vv", "w", 0.6), ("fl", "f", 0.9), ("II", "H", 0.6),
)


def digit_table(letters: str) -> dict[int, str]:
    """A ``str.translate`` table that reads each of ``letters`` as the digit it looks like
    (only letters ``DIGIT_LOOKALIKES`` knows: a reader cannot make up its own).

    >>> "IZ3 S0 Bo".translate(digit_table(PAGE_NUMBER_LETTERS))
    '123 50 80'
    """
    return str.maketrans({letter: DIGIT_LOOKALIKES[letter] for letter in letters})


#: the tables the readers of page numbers, folios and note labels translate with
PAGE_NUMBER_DIGITS = digit_table(PAGE_NUMBER_LETTERS)
FOLIO_DIGITS = digit_table(FOLIO_LETTERS)
NOTE_LABEL_DIGITS = digit_table(NOTE_LABEL_LETTERS)
#: a roman folio's i through its look-alikes (``iti`` reads iii)
ROMAN_I = str.maketrans({letter: "i" for letter in ROMAN_I_LOOKALIKES})
