"""Editors' decisions as data: ``editorial/*.toml``, read by a strict loader.

One file per raw source (``editorial/<raw file stem>.toml``), written by hand or by the
review server, reviewed by diff; ``editorial/editors.toml`` names the editors. Each
decision is a ``[[decision]]`` table: its ``kind``, its editor (``who``) and date
(``when``), an anchor in the raw text (``exact``, ``prefix``, ``suffix``, ``at``), what
the editor saw (``expect``) and what they decided. The loader knows every kind's fields
and says what is wrong as ``file:line: message``; the README has a worked example of
each kind.
"""

from __future__ import annotations

import datetime
import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path

import regex
import tomli_w

from pipeline.editorial.anchors import Quote
from pipeline.errors import DecisionFileError, UnwritableCharacterError

EDITORS_FILE = "editors.toml"
ANCHOR_FIELDS = ("exact", "prefix", "suffix", "at")
COMMON_FIELDS = ("key", "kind", "who", "when", "expect", "comment") + ANCHOR_FIELDS
#: kind -> (required fields, optional fields) beyond the common ones
KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "title": (("value",), ("evidence",)),
    "date": ((), ("date", "not_before", "not_after", "julian", "text", "evidence")),
    "kind": (("value",), ()),
    "place": (("value",), ()),
    "sender": (("value",), ()),
    "addressee": (("value",), ()),
    "accept": ((), ()),
    "reject": ((), ()),
    "correct": (("value",), ("evidence",)),
    "link": (("note",), ()),
    "boundary": ((), ()),
    "split": ((), ("value",)),
    "merge": ((), ()),
    "check": (("flag",), ()),
    "note": (("text",), ()),
    "page": (("page",), ()),
    "name": (("ref",), ()),  # ref: a register key, or "none" (applied in the annotate stage)
}
#: kinds whose ``expect`` (what the pipeline gave when the editor decided) is required
EXPECT_REQUIRED = {"title", "date", "kind", "place", "sender", "addressee", "accept", "reject", "correct", "name"}
#: for each kind of flag, the decision kinds that settle it (every flag kind has at least ``check``)
SETTLES = {
    "ocr-unclear": ("correct", "check"),
    "note-unlinked": ("link", "check"),
    "note-number-missing": ("check",),
    "call-without-note": ("link", "check"),
    "page-conflict": ("page", "check"),
    "title-supplied": ("title", "check"),
    "date-missing": ("date", "check"),
    "date-publication-bound": ("date", "check"),
    "unknown-kind": ("kind", "check"),
    "witness-difference": ("correct", "check"),
    "body-missing": ("check",),
    "text-share-low": ("check",),
    "date-year-missing": ("date", "check"),
    "footnote-call-lost": ("check",),
    "document-weak-evidence": ("check",),
}
ISO_DATE = regex.compile(r"^(?:\d{4}(?:-\d{2}(?:-\d{2})?)?|--\d{2}-\d{2})$")
NAME = regex.compile(r"^[a-z][a-z0-9-]*$")
#: what XML 1.0 cannot hold (its ``Char`` production): C0 controls but tab, newline and
#: carriage return; U+FFFE and U+FFFF; surrogates (a lone one: a pair is no ``str`` character)
NOT_XML = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
#: what a written decision spells as an escape, so that a diff shows it: controls, format
#: characters (soft hyphen, zero-width space, byte-order mark, …) and line or paragraph separators
INVISIBLE = regex.compile(r"[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]")
BOM = "\ufeff"


@dataclass(frozen=True)
class Editor:
    key: str
    name: str
    role: str = "editor"


@dataclass(frozen=True)
class Decision:
    """One editor's decision, anchored in its raw source."""

    key: str
    kind: str
    who: str
    when: str
    quote: Quote
    origin: str                     # "editorial/FILE.toml:LINE", for every message about it
    expect: str | None = None
    values: tuple[tuple[str, object], ...] = ()

    def get(self, name: str, default=None):
        return next((value for key, value in self.values if key == name), default)


@dataclass(frozen=True)
class Editorial:
    """All decisions for one raw source, and the editors they name."""

    decisions: tuple[Decision, ...] = ()
    editors: tuple[Editor, ...] = ()
    path: str = ""

    def editor(self, key: str) -> Editor:
        return next(e for e in self.editors if e.key == key)


def editorial_path(editorial_dir: Path, raw_name: str) -> Path:
    """The decision file of a raw file: ``editorial/<raw stem>.toml``."""
    return Path(editorial_dir) / (Path(raw_name).stem + ".toml")


def load_editors(text: str, origin: str) -> tuple[Editor, ...]:
    """``[editors.KEY]`` tables with a ``name`` (and a ``role``)."""
    text = text.removeprefix(BOM)  # a byte-order mark is read, not an error
    data = parse_toml(text, origin)
    editors = []
    for key, table in sorted(data.get("editors", {}).items()):
        line = line_of_table(text, f"editors.{key}")
        if not NAME.match(key) or not isinstance(table, dict) or not isinstance(table.get("name"), str):
            raise DecisionFileError(f"{origin}:{line}", f"editor “{key}” needs a lower-case key and a name = \"…\"")
        check_characters(table, origin, text, line)
        editors.append(Editor(key, table["name"], str(table.get("role", "editor"))))
    return tuple(editors)


def load_decisions(text: str, origin: str, editors: tuple[Editor, ...]) -> tuple[Decision, ...]:
    """Every ``[[decision]]`` of one file, checked; raises ``DecisionFileError`` listing
    each problem as ``origin:line: message``. A byte-order mark at the start is read (the
    lines are counted as without it)."""
    text = text.removeprefix(BOM)
    data = parse_toml(text, origin)
    unknown = sorted(set(data) - {"decision", "source"})
    if unknown:
        raise DecisionFileError(f"{origin}:1", f"unknown top-level table(s) {', '.join(unknown)}; "
                                               "decisions are [[decision]] tables")
    tables = data.get("decision", [])
    lines = decision_lines(text)
    problems, decisions, keys = [], [], {}
    for table, line in zip(tables, lines):
        where = f"{origin}:{line}"
        try:
            decision = read_decision(table, where, text, line, editors)
        except DecisionFileError as err:
            problems.append(err.one_line())
            continue
        if decision.key in keys:
            problems.append(f"{where}: key “{decision.key}” is used again (first at line {keys[decision.key]}); "
                            "give the decision a key of its own")
            continue
        keys[decision.key] = line
        decisions.append(decision)
    if problems:
        raise DecisionFileError(origin, "\n".join(problems), multi=True)
    return tuple(decisions)


def parse_toml(text: str, origin: str) -> dict:
    try:
        return tomllib.loads(text.removeprefix(BOM))
    except tomllib.TOMLDecodeError as err:
        line = regex.search(r"line (\d+)", str(err))
        raise DecisionFileError(f"{origin}:{line.group(1) if line else 1}",
                                f"not valid TOML: {err}", "fix the syntax there") from err


def decision_lines(text: str) -> list[int]:
    """The line of each ``[[decision]]`` header, in order (tomllib keeps no positions)."""
    return [number for number, line in enumerate(text.removeprefix(BOM).split("\n"), start=1)
            if regex.match(r"\s*\[\[\s*decision\s*\]\]\s*(#.*)?$", line)]


def line_of_table(text: str, name: str) -> int:
    for number, line in enumerate(text.removeprefix(BOM).split("\n"), start=1):
        if regex.match(rf"\s*\[\s*{regex.escape(name)}\s*\]", line):
            return number
    return 1


def read_decision(table: dict, where: str, text: str, line: int, editors) -> Decision:
    kind = table.get("kind")
    if kind not in KINDS:
        raise DecisionFileError(where, f"kind = {kind!r} is not a decision kind; use one of {', '.join(KINDS)}")
    required, optional = KINDS[kind]
    allowed = set(COMMON_FIELDS) | set(required) | set(optional)
    extra = sorted(set(table) - allowed)
    if extra:
        raise DecisionFileError(where, f"a “{kind}” decision has no field {', '.join(extra)}; "
                                       f"its fields are {', '.join(sorted(allowed))}")
    missing = [name for name in ("who", "when", "exact") + required if name not in table]
    if kind in EXPECT_REQUIRED and "expect" not in table:
        missing.append("expect")
    if missing:
        raise DecisionFileError(where, f"a “{kind}” decision needs {', '.join(missing)}")
    who = table["who"]
    if who not in {e.key for e in editors}:
        raise DecisionFileError(where, f"who = {who!r} is not in editorial/{EDITORS_FILE} "
                                       f"(known: {', '.join(e.key for e in editors) or 'none'})")
    when = iso_when(table["when"], where)
    check_types(table, kind, where)
    check_characters(table, where.rpartition(":")[0], text, line)
    quote = Quote(table["exact"], table.get("prefix", ""), table.get("suffix", ""), table.get("at"))
    values = tuple((name, table[name]) for name in required + optional if name in table)
    key = table.get("key") or default_key(kind, quote)
    return Decision(key=key, kind=kind, who=who, when=when, quote=quote, origin=where,
                    expect=table.get("expect"), values=values)


def iso_when(value, where: str) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str) and regex.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    raise DecisionFileError(where, f"when = {value!r} must be the date of the decision, e.g. when = 2026-11-22")


def check_types(table: dict, kind: str, where: str) -> None:
    """Strings where strings belong, dates in ISO form, a page and a position as numbers."""
    for name, value in table.items():
        if name in ("at", "page"):
            if not isinstance(value, int) or value < 0:
                raise DecisionFileError(where, f"{name} = {value!r} must be a whole number")
        elif name != "when" and not isinstance(value, str):
            raise DecisionFileError(where, f"{name} = {value!r} must be a string in quotes")
    for name in ("date", "not_before", "not_after", "julian"):
        if name in table and not ISO_DATE.match(table[name]):
            raise DecisionFileError(where, f"{name} = {table[name]!r} is not an ISO date (YYYY, YYYY-MM, YYYY-MM-DD)")
    if kind == "date" and not any(name in table for name in ("date", "not_before", "not_after")):
        raise DecisionFileError(where, "a “date” decision needs date, or not_before and/or not_after")
    if not table["exact"].strip():
        raise DecisionFileError(where, "exact must quote some text of the source")
    if "key" in table and not NAME.match(table["key"]):
        raise DecisionFileError(where, f"key = {table['key']!r} must be lower-case letters, digits and hyphens")


def not_xml(value) -> str | None:
    """The first character of a string value that XML cannot hold, if any."""
    found = NOT_XML.search(value) if isinstance(value, str) else None
    return found.group() if found else None


def check_characters(table: dict, origin: str, text: str, line: int) -> None:
    """Every string of a table is one the edition can carry: else ``origin:LINE`` of the
    field (the table's line when the field's own is not found) says which and what."""
    for name, value in table.items():
        character = not_xml(value)
        if character is not None:
            raise DecisionFileError(f"{origin}:{field_line(text, line, name)}",
                                    f"the field \"{name}\" holds U+{ord(character):04X}, which XML cannot hold; "
                                    "remove it")


def field_line(text: str, line: int, name: str) -> int:
    """The line of ``name = …`` in the table whose header is on ``line``."""
    lines = text.split("\n")
    pattern = regex.compile(rf"\s*(?:{regex.escape(name)}|\"{regex.escape(name)}\"|'{regex.escape(name)}')\s*=")
    for number in range(line + 1, len(lines) + 1):
        if regex.match(r"\s*\[", lines[number - 1]):
            break
        if pattern.match(lines[number - 1]):
            return number
    return line


def default_key(kind: str, quote: Quote) -> str:
    """A key that stays the same when other decisions are added or removed."""
    digest = hashlib.sha1("\x1f".join((kind, quote.exact, quote.prefix, quote.suffix)).encode()).hexdigest()
    return f"{kind}-{digest[:7]}"


def read_editorial(editorial_dir: Path | None, raw_name: str) -> Editorial:
    """The editors and the decisions for one raw file (none when there is no file)."""
    if editorial_dir is None or not Path(editorial_dir).is_dir():
        return Editorial()
    editors_path = Path(editorial_dir) / EDITORS_FILE
    editors = load_editors(editors_path.read_text(encoding="utf-8"), str(editors_path)) \
        if editors_path.exists() else ()
    path = editorial_path(editorial_dir, raw_name)
    if not path.exists():
        return Editorial(editors=editors)
    decisions = load_decisions(path.read_text(encoding="utf-8"), str(path), editors)
    return Editorial(decisions, editors, str(path))


# ------------------------------------------------------------------ writing


def toml_string(value: str) -> str:
    """A TOML basic string, on one line, with what a diff would not show spelled as an escape.

    >>> print(toml_string('a "b"\\tc\\nd\\u00ad'))
    "a \\"b\\"\\tc\\nd\\u00ad"
    """
    return visible(tomli_w.dumps({"v": value})[len("v = "):].rstrip("\n"))


def visible(written: str) -> str:
    """TOML written by tomli-w with its invisible characters as escapes (tomli-w leaves a tab,
    a soft hyphen, a line separator as they are; they can only stand inside its strings)."""
    return INVISIBLE.sub(lambda m: m.group() if m.group() == "\n" else escape(m.group()), written)


def escape(character: str) -> str:
    return {"\t": "\\t", "\r": "\\r"}.get(character) or (
        f"\\u{ord(character):04x}" if ord(character) <= 0xFFFF else f"\\U{ord(character):08x}")


def unwritable(fields: dict) -> tuple[str, str] | None:
    """The first field (and its character) that XML cannot hold, if any."""
    return next(((name, not_xml(value)) for name, value in fields.items() if not_xml(value) is not None), None)


def toml_value(name: str, value):
    """What a field is written as: ``when`` as a TOML date, whole numbers as numbers, the
    rest as strings."""
    if name == "when" and isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, (datetime.date, int)) and not isinstance(value, bool):
        return value
    return str(value)


def format_decision(fields: dict) -> str:
    """One ``[[decision]]`` table as an editor would write it (the review server appends
    these; the ``flags`` command prints them ready to paste): a ``key = value`` line a field,
    written by tomli-w, so that the strict loader reads back every value as it was. A value
    XML cannot hold raises ``UnwritableCharacterError`` naming its field.

    >>> print(format_decision({"kind": "reject", "who": "sfp", "when": "2026-11-22", "exact": "woTkers", "at": 9}))
    [[decision]]
    kind = "reject"
    who = "sfp"
    when = 2026-11-22
    exact = "woTkers"
    at = 9
    <BLANKLINE>
    """
    order = ["key", "kind", "who", "when", "exact", "prefix", "suffix", "at", "expect"]
    names = [n for n in order if n in fields] + [n for n in fields if n not in order]
    table = {name: toml_value(name, fields[name]) for name in names if fields[name] is not None}
    bad = unwritable(table)
    if bad is not None:
        raise UnwritableCharacterError("the decision", *bad)
    return "[[decision]]\n" + visible(tomli_w.dumps(table))
