"""The clean texts a book is typeset from, read from ``texts/dev.txt`` and ``texts/heldout.txt``.

Why a plain-text format: the texts are the bench's ground truth, so they must be easy to read and
correct by hand and to review by diff. One record per document::

    === key
    title: HEADING AS PRINTED, IN CAPITALS
    short: RUNNING HEAD
    kind: letter
    date: 1922-03-14            (or 1919-09-26/1919-09-30 for a range)
    julian: 1917-10-26          (the Old Style day, when the document gives one)
    place: Moscow
    sender: V. I. Lenin
    addressee: G. V. Chicherin  (letters, notes, telegrams)
    source: Izvestia, No. 232, November 23, 1917 | Trotsky, iii, 2, p. 183
    written: yes                (some notes were written for the bench)

    One paragraph per non-blank line; a note call is [^1] (or [^*]) where it stands.

    [1] editor: The note's text.
    [*] author: The author's own note.

The set a text belongs to is the file it is in; the two files share no document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SETS = ("dev", "heldout")
CALL = re.compile(r"\[\^([^\]]+)\]")
NOTE_LINE = re.compile(r"^\[([^\]]+)\] (editor|author): (.*)$")


@dataclass(frozen=True)
class Note:
    """A note of the clean text: ``by`` is ``editor`` or ``author``."""

    id: str
    by: str
    text: str


@dataclass(frozen=True)
class Text:
    """One clean document with its truth metadata; paragraphs keep their ``[^id]`` calls."""

    key: str
    set: str
    title: str
    short: str
    kind: str
    when: str | None
    not_before: str | None
    not_after: str | None
    julian: str | None
    place: str
    sender: str
    addressee: str
    source: tuple[str, ...]
    paragraphs: tuple[str, ...]
    notes: tuple[Note, ...]
    written_notes: bool

    def note(self, ident: str) -> Note:
        return next(n for n in self.notes if n.id == ident)


def split_calls(paragraph: str) -> tuple[str, list[tuple[int, str]]]:
    """The paragraph without its calls, and (offset in that text, note id) of each call.

    >>> split_calls("the claims,[^2] and a short article[^*]")
    ('the claims, and a short article', [(11, '2'), (31, '*')])
    """
    calls, out, last = [], [], 0
    for m in CALL.finditer(paragraph):
        out.append(paragraph[last:m.start()])
        calls.append((sum(map(len, out)), m.group(1)))
        last = m.end()
    out.append(paragraph[last:])
    return "".join(out), calls


def read_texts(which: str) -> list[Text]:
    """Every text of a set (``dev`` or ``heldout``), in file order."""
    path = HERE / "texts" / f"{which}.txt"
    records = re.split(r"^=== ", path.read_text(encoding="utf-8"), flags=re.M)[1:]
    return [parse_record(which, record) for record in records]


def parse_record(which: str, record: str) -> Text:
    lines = record.rstrip("\n").split("\n")
    key, fields, i = lines[0].strip(), {}, 1
    while i < len(lines) and lines[i].strip():
        name, _, value = lines[i].partition(":")
        fields[name.strip()] = value.strip()
        i += 1
    paragraphs, notes = [], []
    for line in lines[i:]:
        line = " ".join(line.split())
        if not line:
            continue
        m = NOTE_LINE.match(line)
        if m:
            notes.append(Note(m.group(1), m.group(2), m.group(3)))
        elif notes:
            raise ValueError(f"{key}: text after the notes: {line[:40]!r}")
        else:
            paragraphs.append(line)
    when, not_before, not_after = parse_date(fields["date"])
    text = Text(key=key, set=which, title=fields["title"], short=fields.get("short", fields["title"]),
                kind=fields["kind"], when=when, not_before=not_before, not_after=not_after,
                julian=fields.get("julian"), place=fields.get("place", ""),
                sender=fields.get("sender", ""), addressee=fields.get("addressee", ""),
                source=tuple(s.strip() for s in fields.get("source", "").split("|") if s.strip()),
                paragraphs=tuple(paragraphs), notes=tuple(notes),
                written_notes=fields.get("written") == "yes")
    check_calls(text)
    return text


def parse_date(value: str) -> tuple[str | None, str | None, str | None]:
    """``1922-03-14`` -> (when, None, None); ``1919-09-26/1919-09-30`` -> (None, from, to)."""
    if "/" in value:
        low, high = value.split("/")
        return None, low, high
    return value, None, None


def check_calls(text: Text) -> None:
    """Every note is called exactly once and every call has its note (a book prints no orphan)."""
    called = [ident for p in text.paragraphs for _, ident in split_calls(p)[1]]
    ids = [n.id for n in text.notes]
    if sorted(called) != sorted(ids):
        raise ValueError(f"{text.key}: calls {called} do not match notes {ids}")
