"""Turn a span of raw text, with the marks that fall in it, into TEI mixed content.

Marks are the records of the earlier stages: ``Change`` (a correction becomes
``choice/sic/corr``, a hyphen decision an ``lb``, a removal is left out here and
kept in ``standOff``), ``NoteCall`` (a ``ref`` to its note) and ``PageBreak``
(a ``pb``). The ``sic`` side always holds the raw characters, so dropping every
``corr`` gives back the raw text.
"""

from __future__ import annotations

import bisect

import regex
from lxml import etree

from pipeline.model import Change, NoteCall, PageBreak

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
SPACES = regex.compile(r"\s+")


def tei(tag: str, parent=None, text: str | None = None, **attrs):
    """Make a TEI element (attribute ``xml_id`` becomes ``xml:id``)."""
    attributes = {}
    for key, value in attrs.items():
        if value in (None, ""):
            continue
        key = XML_ID if key == "xml_id" else key.replace("_", "-")
        attributes[key] = str(value)
    el = etree.Element(f"{{{TEI_NS}}}{tag}", attributes, nsmap={None: TEI_NS}) if parent is None else \
        etree.SubElement(parent, f"{{{TEI_NS}}}{tag}", attributes)
    if text:
        el.text = text
    return el


def add_text(el, text: str) -> None:
    """Append ``text`` after the last child of ``el`` (or as its text)."""
    if not text:
        return
    if len(el):
        el[-1].tail = (el[-1].tail or "") + text
    else:
        el.text = (el.text or "") + text


class Marks:
    """The marks of one document, sorted by offset, for range look-ups."""

    def __init__(self, text: str, changes=(), calls=(), pages=(), call_ids=None, note_ids=None, doc_id=""):
        self.text = text
        self.pipeline = f"#{doc_id}-pipeline"  # the respStmt of corrections
        items = [(c.start, 1, c) for c in changes] + [(c.start, 1, c) for c in calls] \
            + [(p.start, 0, p) for p in pages]
        items.sort(key=lambda item: (item[0], item[1]))
        self.starts = [start for start, _, _ in items]
        self.items = [mark for _, _, mark in items]
        self.call_ids = call_ids or {}
        self.note_ids = note_ids or {}

    def within(self, start: int, end: int):
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return [m for m in self.items[lo:hi] if mark_end(m) <= end]


def mark_end(mark) -> int:
    return mark.start if isinstance(mark, PageBreak) else mark.end


def fill(el, start: int, end: int, marks: Marks, lined: bool = False, holes=()) -> None:
    """Write ``marks.text[start:end]`` into ``el`` with its marks as TEI elements;
    ``holes`` are spans encoded elsewhere (a footnote moved out of a paragraph)."""
    pos = start
    for hole_start, hole_end in holes:
        fill_part(el, pos, hole_start, marks, lined)
        pos = hole_end
    fill_part(el, pos, end, marks, lined)
    tidy_edges(el)


def fill_part(el, start: int, end: int, marks: Marks, lined: bool) -> None:
    text, pos = marks.text, start
    for mark in marks.within(start, end):
        if mark.start < pos:
            continue
        add_plain(el, text[pos:mark.start], lined)
        render_mark(el, mark, marks)
        pos = mark_end(mark)
    add_plain(el, text[pos:end], lined)


def add_plain(el, piece: str, lined: bool) -> None:
    """Plain text: white space collapsed; a line break is ``<lb/>`` on printed pages."""
    if not piece:
        return
    if not lined:
        add_text(el, SPACES.sub(" ", piece))
        return
    lines = regex.split(r"\n\s*\n[\s\n]*|\n", piece)  # blank lines (a page turn, a lost line): one break
    add_text(el, SPACES.sub(" ", lines[0]))
    for line in lines[1:]:
        add_text(el, "\n")
        tei("lb", el)
        add_text(el, SPACES.sub(" ", line).lstrip())


def render_mark(el, mark, marks: Marks) -> None:
    if isinstance(mark, PageBreak):
        add_text(el, "\n")
        tei("pb", el, n=mark.n or None)
    elif isinstance(mark, NoteCall):
        target = marks.note_ids.get(mark.note_key)
        tei("ref", el, marks.text[mark.start:mark.end], type="noteAnchor", n=mark.n,
            target=f"#{target}" if target else None, xml_id=marks.call_ids.get(mark.start))
    elif mark.kind == "hyphen":
        render_hyphen(el, mark, marks.pipeline)
    elif mark.kind == "correction":
        render_correction(el, mark, marks.pipeline)
    elif mark.kind == "flag":
        add_text(el, mark.before)  # left as printed; the build report lists it for a human
    # removals are left out of the text; encode keeps them in standOff


def render_correction(el, change: Change, resp: str) -> None:
    choice = tei("choice", el)
    tei("sic", choice, change.before)
    tei("corr", choice, change.after, resp=resp, cert=change.cert, type=change.rule)


def render_hyphen(el, change: Change, resp: str) -> None:
    """A line-end hyphen: ``pain<lb break="no" rend="¬"/>ful`` when the word joins,
    ``class-<lb break="no"/>consciousness`` when the hyphen is the word's own."""
    mark = change.before.strip()
    if change.decision == "keep":
        if mark == "-":
            add_text(el, "-")
        else:
            render_correction(el, Change(change.rule, change.start, change.start + 1, mark, "-",
                                         change.confidence), resp)
        tei("lb", el, **{"break": "no"})
    else:  # rend keeps the dropped mark; a break the OCR left unmarked has none to keep
        tei("lb", el, **{"break": change.decision or "no", "rend": mark or None})


def tidy_edges(el) -> None:
    """Strip white space at the very start and end of an element's content."""
    if el.text:
        el.text = el.text.lstrip()
    if len(el):
        if el[-1].tail:
            el[-1].tail = el[-1].tail.rstrip()
    elif el.text:
        el.text = el.text.rstrip()
