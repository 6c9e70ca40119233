"""The register of persons, places and organisations: ``editorial/register.toml``.

Editorial data like the decisions, written by hand and reviewed by diff. Each ``[[entry]]``
names one person, place or organisation: a ``key`` (the id of its entry in the edition's
register file), its ``type``, a preferred ``name``, the ``variants`` the sources spell it
with (spellings, transliterations, the OCR's forms as they stand in ``raw/``), ``dates``
(a person's birth-death), a short ``note``, and authority URIs (``gnd``, ``viaf``,
``wikidata`` for persons and bodies, ``geonames`` for places). There is no internet at build
time, so the ids ship with the data, and each id says in ``checked`` where someone saw it
paired with this person or place (a public file or page). An id nobody could check stays
empty: ``unchecked`` lists the entries that have none, so a bench can show them.

``load_register`` is strict: an unknown field, a bad URI, a duplicate key or a variant two
entries claim is a ``file:line: message`` (``RegisterFileError``), as for the decisions.
``Register.match`` finds the entry a name stands for (the annotator, the correspondents in
the header and the CMIF writer call it).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from pipeline.editorial.decisions import BOM, NAME, not_xml, parse_toml
from pipeline.errors import DecisionFileError, RegisterFileError

REGISTER_FILE = "register.toml"
TYPES = ("person", "place", "org")
#: the authority URIs an entry may carry, by type, each with the form its URI must have:
#: correspSearch finds persons by GND or VIAF and places by GeoNames; Wikidata ties the rest
AUTHORITIES = {
    # GND's id forms as Wikidata's property P227 states them: persons' 1xxxxxxxx(X), bodies' older
    # numbers with a check digit after a hyphen ("36500-2", the League of Nations)
    "gnd": regex.compile(r"^https://d-nb\.info/gnd/(1[012]?[0-9]{7}[0-9X]|[47][0-9]{6}-[0-9]|[1-9][0-9]{0,7}-[0-9X]|3[0-9]{7}[0-9X])$"),
    "viaf": regex.compile(r"^https://viaf\.org/viaf/[0-9]{2,22}$"),
    "wikidata": regex.compile(r"^http://www\.wikidata\.org/entity/Q[1-9][0-9]*$"),
    "geonames": regex.compile(r"^https://www\.geonames\.org/[1-9][0-9]*$"),
}
ALLOWED_AUTHORITIES = {"person": ("gnd", "viaf", "wikidata"), "org": ("gnd", "viaf", "wikidata"),
                       "place": ("geonames", "wikidata")}
#: the order in which an authority is offered as *the* one (``Entry.authority``): the ones
#: correspSearch searches by first
PREFERRED = ("gnd", "viaf", "geonames", "wikidata")
REQUIRED = ("key", "type", "name")
OPTIONAL = ("variants", "dates", "note", "checked") + tuple(AUTHORITIES)
DATES = regex.compile(r"^(\d{4}|\?)-(\d{4}|\?)?$")
#: words that are not part of a name when a name is looked up in a longer phrase
#: ("V. I. Lenin (for the Council of People's Commissars)")
WORD = regex.compile(r"[\p{L}\p{N}]+(?:'\p{L}+)?")


@dataclass(frozen=True)
class Entry:
    """One person, place or organisation of the register."""

    key: str
    type: str
    name: str
    variants: tuple[str, ...] = ()
    dates: str = ""
    note: str = ""
    authorities: tuple[tuple[str, str], ...] = ()  # (authority, URI) in the file's order
    checked: tuple[tuple[str, str], ...] = ()      # (authority, where that id was checked)
    line: int = 0

    @property
    def authority(self) -> str:
        """The URI to give another edition (GND or VIAF first, as correspSearch searches
        them), or "" when no id could be checked."""
        ids = dict(self.authorities)
        return next((ids[kind] for kind in PREFERRED if ids.get(kind)), "")

    @property
    def names(self) -> tuple[str, ...]:
        """The preferred name and every variant."""
        return (self.name,) + self.variants


@dataclass(frozen=True)
class Register:
    """The entries, with a look-up of every name they are known by."""

    entries: tuple[Entry, ...] = ()
    origin: str = ""

    def entry(self, key: str) -> Entry | None:
        return next((e for e in self.entries if e.key == key), None)

    def match(self, name: str, type: str | None = None) -> Entry | None:
        """The entry ``name`` stands for, or None: the whole name first (as the register
        spells it, or with the case and punctuation ignored), else the first register name
        standing in it as whole words, the longest of those that begin there (a correspondent
        "V. I. Lenin (for the Council of People's Commissars)" is Lenin: what follows a name
        qualifies it).

        >>> register = load_register('[[entry]]\\nkey = "lenin"\\ntype = "person"\\nname = "V. I. Lenin"\\n'
        ...                          'variants = ["Lenin"]\\n', "register.toml")
        >>> register.match("LENIN").key, register.match("Lenin", type="place")
        ('lenin', None)
        """
        wanted = [e for e in self.entries if type is None or e.type == type]
        folded = fold(name)
        if not folded:
            return None
        for entry in wanted:
            if any(fold(n) == folded for n in entry.names):
                return entry
        best = None
        for entry in wanted:
            for known in entry.names:
                known_folded = fold(known)
                found = regex.search(rf"(?<!\S){regex.escape(known_folded)}(?!\S)", folded)
                if found and (best is None or (-found.start(), len(known_folded)) > best[0]):
                    best = ((-found.start(), len(known_folded)), entry)
        return best[1] if best else None

    def unchecked(self) -> tuple[Entry, ...]:
        """Entries with no authority id: nobody could check one, so none is given."""
        return tuple(e for e in self.entries if not e.authorities)


def fold(name: str) -> str:
    """A name with case, punctuation and spacing ignored, for looking names up.

    >>> fold("Lloyd  George’s"), fold("V. I. LENIN")
    ("lloyd george's", 'v i lenin')
    """
    return " ".join(WORD.findall(name.casefold().replace("\u2019", "'")))


def load_register(text: str, origin: str) -> Register:
    """Every ``[[entry]]`` of the register, checked; raises ``RegisterFileError`` listing each
    problem as ``origin:line: message``."""
    text = text.removeprefix(BOM)
    try:
        data = parse_toml(text, origin)
    except DecisionFileError as err:
        raise RegisterFileError(err.path, err.problem, err.advice) from err
    unknown = sorted(set(data) - {"entry"})
    if unknown:
        raise RegisterFileError(f"{origin}:1", f"unknown top-level table(s) {', '.join(unknown)}; "
                                               "the register holds [[entry]] tables")
    lines = entry_lines(text)
    problems, entries, keys, spellings = [], [], {}, {}
    for table, line in zip(data.get("entry", []), lines):
        where = f"{origin}:{line}"
        try:
            entry = read_entry(table, where, line)
        except RegisterFileError as err:
            problems.append(err.one_line())
            continue
        if entry.key in keys:
            problems.append(f"{where}: key “{entry.key}” is used again (first at line {keys[entry.key]}); "
                            "give the entry a key of its own")
            continue
        keys[entry.key] = line
        clash = [problem for problem in claim_names(entry, spellings, where)]
        if clash:
            problems += clash
            continue
        entries.append(entry)
    if problems:
        raise RegisterFileError(origin, "\n".join(problems), multi=True)
    return Register(tuple(entries), origin)


def entry_lines(text: str) -> list[int]:
    """The line of each ``[[entry]]`` header, in order (tomllib keeps no positions)."""
    return [number for number, line in enumerate(text.split("\n"), start=1)
            if regex.match(r"\s*\[\[\s*entry\s*\]\]\s*(#.*)?$", line)]


def read_entry(table: dict, where: str, line: int) -> Entry:
    """One entry, every field checked: its type, key, name, variants, dates and each
    authority URI with where it was checked."""
    extra = sorted(set(table) - set(REQUIRED) - set(OPTIONAL))
    if extra:
        raise RegisterFileError(where, f"unknown field(s) {', '.join(extra)}; an entry has "
                                       f"{', '.join(REQUIRED + OPTIONAL)}")
    missing = [name for name in REQUIRED if not table.get(name)]
    if missing:
        raise RegisterFileError(where, f"the entry needs {', '.join(missing)}")
    for name, value in table.items():
        values = value if isinstance(value, list) else list(value.values()) if isinstance(value, dict) else [value]
        if not all(isinstance(v, str) for v in values):
            raise RegisterFileError(where, f"the field \"{name}\" must hold text (a string, or a list of strings)")
        if any(not_xml(v) is not None for v in values):
            raise RegisterFileError(where, f"the field \"{name}\" holds a character XML cannot hold; remove it")
    key, kind = table["key"], table["type"]
    if not NAME.match(key):
        raise RegisterFileError(where, f"key “{key}” must be lower case: letters, digits and '-' (it becomes an id)")
    if kind not in TYPES:
        raise RegisterFileError(where, f"type = {kind!r} is not a type; use one of {', '.join(TYPES)}")
    dates = table.get("dates", "")
    if dates and (kind != "person" or not DATES.match(dates)):
        raise RegisterFileError(where, f"dates = {dates!r}: a person's dates are \"birth-death\" "
                                       "(\"1870-1924\", \"?-1921\")")
    variants = table.get("variants", [])
    if not isinstance(variants, list):
        raise RegisterFileError(where, "variants must be a list of strings")
    authorities = tuple(read_authorities(table, kind, where))
    checked = table.get("checked", {})
    if not isinstance(checked, dict):
        raise RegisterFileError(where, "checked must be a table: {wikidata = \"owner/repo:path\", …}")
    given = {name for name, _ in authorities}
    if set(checked) != given:
        missing = sorted(given - set(checked))
        stray = sorted(set(checked) - given)
        raise RegisterFileError(where, "every authority id says where it was checked, and only those: "
                                       + (f"add checked.{', checked.'.join(missing)}" if missing else
                                          f"remove checked.{', checked.'.join(stray)}")
                                       + " (an id nobody could check stays empty)")
    if any(not value.strip() for value in checked.values()):
        raise RegisterFileError(where, "checked: name the public file or page that pairs the id with this entry")
    return Entry(key, kind, table["name"], tuple(variants), dates, " ".join(table.get("note", "").split()),
                 authorities, tuple((name, checked[name]) for name, _ in authorities), line)


def read_authorities(table: dict, kind: str, where: str):
    """(authority, URI) of each id the entry gives, each in its authority's URI form."""
    for name, form in AUTHORITIES.items():
        uri = table.get(name, "")
        if not uri:
            continue
        if name not in ALLOWED_AUTHORITIES[kind]:
            raise RegisterFileError(where, f"a {kind} takes {', '.join(ALLOWED_AUTHORITIES[kind])} ids, not {name}")
        if not form.match(uri):
            raise RegisterFileError(where, f"{name} = {uri!r} is not a {name} URI (like {example(name)})")
        yield name, uri


def example(name: str) -> str:
    return {"gnd": "https://d-nb.info/gnd/118571249", "viaf": "https://viaf.org/viaf/12345",
            "wikidata": "http://www.wikidata.org/entity/Q1394",
            "geonames": "https://www.geonames.org/524901"}[name]


def claim_names(entry: Entry, spellings: dict, where: str):
    """Problems for names another entry (or this one) already claims: a name must stand for
    one entry, or a mention could not say whom it names."""
    seen = set()
    for name in entry.names:
        if not name.strip():
            yield f"{where}: an empty variant; remove it"
            continue
        if name in seen:
            if name != entry.name:
                yield f"{where}: the variant “{name}” is given twice; remove one"
            continue
        seen.add(name)
        holder = spellings.setdefault(name, (entry.key, where))
        if holder[0] != entry.key:
            yield (f"{where}: “{name}” is already a name of “{holder[0]}” ({holder[1]}); a name stands for one "
                   "entry (the annotator's rules tell ambiguous mentions apart)")
