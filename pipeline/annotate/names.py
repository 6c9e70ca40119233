"""Names in the text, found by the register's names and variants.

A name is found in the repaired reading (``reading.py``) as a whole word: "Lenin" in
"Lenin's" and "Lenin’s", not in "Leninism" or "the Kolchaks". Where two names begin at one
place the longer wins ("Brest-Litovsk" over "Brest", "President Wilson" over "Wilson").
The case is the register's: "Georgia", and "GEORGIA" in a heading (every variant is found
in capitals too), never "georgia". Then rules tell the ambiguous mentions apart; each
found name, tagged or left, is decided by one named rule:

- ``attributive``: a person's name used as a modifier ("the Wilson note", "the Kolchak
  government") names a thing, not the person: left untagged.
- ``place-in-longer-name``: a place after a word that makes it another place ("Latin
  America", "South Russia", "New England"): left untagged.
- ``place-in-body-name``: "Russia" in "All-Russia Congress", "All Russia C.E.C.": part of a
  body's name, not the country: left untagged.
- ``another-body``: an organisation's name that names another body ("the Union Central
  Executive Committee", "the Central Committee of the Georgian Communist Party"): left untagged.
- ``person-not-place``: a place's name after a title of address ("Miss Georgia"): a
  person, not the place: left untagged.
- ``signature``: a name in a letter's signature or closing lines is its signer.
- ``register-name`` / ``register-name-capitals``: the register's name, as it spells it or
  in capitals (a heading, a signature printed in capitals).

- ``running-head``: a name in capitals alone on a line with a page number ("30 V. I. LENIN")
  is a running head the repair did not take away (it takes the ones it recognises out of the
  reading): left untagged.

A name that only partly overlaps another record (a correction reaching beyond
it) is left untagged too, since one element cannot half-contain another.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

#: the confidence of each rule that tags a name
CONFIDENCE = {"register-name": 0.95, "register-name-capitals": 0.85, "signature": 0.95}
#: words that, before a place's name, make another place of it ("Latin America")
PLACE_QUALIFIERS = frozenset({"Latin", "North", "South", "Central", "East", "West", "Eastern", "Western",
                              "Northern", "Southern", "New", "Little", "Upper", "Lower", "Soviet", "White"})
#: words that, before an organisation's name, make another body of it (the Union's, not the RSFSR's)
ORG_QUALIFIERS = frozenset({"Union", "All-Union", "Federal", "national", "Georgian", "Ukrainian", "German"})
#: what may follow "Central Committee of the" when it is the Russian party's own committee (any
#: other "Central Committee of the …" is another party's)
OWN_PARTY = regex.compile(r" of the (?:R\.C\.P|Russian Communist|Communist Party of Russia|Party\b)")
#: titles of address: before a place's name they make a person of it ("Miss Georgia")
TITLES = frozenset({"Mr.", "Mrs.", "Miss", "Ms.", "Mr", "Mrs"})
#: the blocks whose names are their signers
SIGNATURE_BLOCKS = frozenset({"signed", "closer"})
LETTER = r"[\p{L}\p{N}]"


@dataclass(frozen=True)
class Found:
    """A name found in a reading: its reading offsets, the entry and how it was spelled."""

    start: int
    end: int
    key: str
    type: str
    capitals: bool


class NameFinder:
    """One pattern of every name of the register, built once per build (not cached at module
    level: the register is an input of the build)."""

    def __init__(self, register):
        spellings: dict[str, tuple[str, str, bool]] = {}
        for entry in register.entries:
            for name in entry.names:
                spellings.setdefault(name, (entry.key, entry.type, False))
        for entry in register.entries:
            for name in entry.names:
                spellings.setdefault(name.upper(), (entry.key, entry.type, True))
        self.spellings = spellings
        names = sorted(spellings, key=lambda n: (-len(n), n))
        alternatives = "|".join(regex.escape(n).replace(r"\ ", " ") for n in names)
        # a name begins a word, and never right after an initial it is glued to ("A.M. Gorky"
        # holds "M. Gorky" but is not that name: its surname alone is tagged)
        self.pattern = regex.compile(rf"(?<!{LETTER})(?<!{LETTER}\.)(?:{alternatives})(?!{LETTER})") if names else None

    def find(self, text: str) -> list[Found]:
        """Every name in ``text``, leftmost first, the longest at each place."""
        if self.pattern is None:
            return []
        found = []
        for match in self.pattern.finditer(text):
            key, kind, capitals = self.spellings[match.group()]
            found.append(Found(match.start(), match.end(), key, kind, capitals))
        return found


def word_before(text: str, start: int) -> str:
    """The word right before ``start`` (with a trailing full stop: "Mr.")."""
    found = regex.search(r"(\S+) $", text[max(0, start - 40):start])
    return found.group(1) if found else ""


def word_after(text: str, end: int) -> str:
    found = regex.match(r" (\S+)", text[end:end + 40])
    return found.group(1) if found else ""


def rule_for(found: Found, text: str, block_kind: str) -> str:
    """The rule that decides a found name: a tagging rule, or one that leaves it."""
    before, after = word_before(text, found.start), word_after(text, found.end)
    if found.type == "person" and before.lower() == "the" and regex.match(r"\p{Ll}", after) \
            and text[found.end:found.end + 1] == " ":
        return "attributive"
    if found.type == "place" and before in PLACE_QUALIFIERS:
        return "place-in-longer-name"
    if found.type == "place" and (text[max(0, found.start - 4):found.start] == "All-" or before == "All"):
        return "place-in-body-name"
    if found.type == "org" and (before in ORG_QUALIFIERS or found.key == "central-committee"
                                and text[found.end:found.end + 8] == " of the " and not OWN_PARTY.match(text, found.end)):
        return "another-body"
    if found.type == "place" and before in TITLES:
        return "person-not-place"
    if block_kind in SIGNATURE_BLOCKS and found.type == "person":
        return "signature"
    return "register-name-capitals" if found.capitals else "register-name"


def running_head(raw: str, start: int, end: int) -> bool:
    """A name in capitals whose line holds nothing else but a page number."""
    line_start = raw.rfind("\n", 0, start) + 1
    line_end = raw.find("\n", end)
    line_end = len(raw) if line_end < 0 else line_end
    rest = (raw[line_start:start] + raw[end:line_end]).strip()
    return raw[start:end].isupper() and rest.isdigit()


def tags_rule(rule: str) -> bool:
    return rule in CONFIDENCE
