"""Turn a span of raw text, with the marks that fall in it, into TEI mixed content.

Marks are the records of the earlier stages: ``Change`` (a correction becomes
``choice/corr/sic``, the reading first; a line-end hyphen ``pc`` and ``lb``; a white-space normalisation
its result; a removal inside the text an ``anchor`` that the ``standOff`` record points
to; a rejected change a ``seg`` with the source's reading), ``NoteCall`` (a ``ref`` to
its note) and ``PageBreak`` (a ``pb``). The ``sic`` side always holds the raw
characters, so dropping every ``corr`` gives back the raw text.

A word that runs over a line end (and maybe a page turn) is then wrapped whole in
``choice/reg/orig``: ``reg`` the word as the edition reads it, ``orig`` the word as printed
with its ``pc``, ``lb`` and ``pb``. A default TEI consumer (the TEI Stylesheets, which show
``reg`` and the first child of a ``choice``) thus reads the word whole, and the printed
form stays complete beside it; dropping every ``reg`` and ``corr`` still gives the raw text.
"""

from __future__ import annotations

import bisect

import regex
from lxml import etree

from pipeline.annotate import NameTag
from pipeline.model import Change, NoteCall, PageBreak
from pipeline.teitext import reading_text

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
SPACES = regex.compile(r"\s+")
#: removals that are whole lines of page furniture: their record points to the page break
PAGE_FURNITURE = {"running-head", "page-number", "printer-signature-mark"}
#: line breaks inside a word: the word is read across them
WORD_BREAKS = {"no", "maybe"}
TRAILING_WORD = regex.compile(r"\S*$")
LEADING_WORD = regex.compile(r"^\S*")


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
    """The marks of one document, sorted by offset, for range look-ups, and the ids
    and responsibilities the encoders point to."""

    def __init__(self, text: str, changes=(), calls=(), pages=(), call_ids=None, note_ids=None, doc_id="",
                 names=()):
        self.text = text
        self.doc_id = doc_id
        # at one offset: a page break, then a call an editor placed where the OCR lost it (it
        # closes the text before; written after a printed call, it would be skipped), then the rest
        items = [(c.start, 2, c) for c in changes] + [(c.start, 1 if c.lost else 2, c) for c in calls] \
            + [(p.start, 0, p) for p in pages] \
            + [(n.start, 1.5, n) for n in names if n.role == "mention"]  # a name holds the marks in it
        items.sort(key=lambda item: (item[0], item[1]))
        self.starts = [start for start, _, _ in items]
        self.items = [mark for _, _, mark in items]
        self.call_ids = call_ids or {}
        self.note_ids = note_ids or {}
        self.page_ids = page_ids(doc_id, pages)
        self.removal_ids = {c: f"{doc_id}-x{k}" for k, c in enumerate(
            (c for c in changes if c.kind == "removal"), start=1)}
        self.anchored: dict[Change, str] = {}  # removals inside the text, and their anchor's id
        self.rendered_calls: set[str] = set()  # ids of the calls written into the text

    @property
    def pipeline(self) -> str:
        return f"#{self.doc_id}-pipeline"

    def resp(self, change: Change) -> str:
        """``#doc-pipeline`` and/or ``#doc-editor-KEY`` for the change's ``resp``."""
        return " ".join(resp_ref(self.doc_id, who) for who in change.resp)

    def revision(self, key: str) -> str | None:
        return f"#{self.doc_id}-rev-{key}" if key else None

    def within(self, start: int, end: int):
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_right(self.starts, end)
        return [m for m in self.items[lo:hi] if mark_end(m) <= end and (m.start < end or is_lost_call(m))]


def is_lost_call(mark) -> bool:
    """A call placed by an editor right after a quote may stand at a block's very end
    (a page break there belongs to the next block)."""
    return isinstance(mark, NoteCall) and mark.lost


def resp_ref(doc_id: str, who: str) -> str:
    return f"#{doc_id}-pipeline" if who == "pipeline" else f"#{doc_id}-editor-{who.split(':', 1)[1]}"


def page_ids(doc_id: str, pages) -> dict:
    """``-pg13`` for printed page 13; ``-pb2`` for the second break of a page with no number."""
    ids, seen = {}, set()
    for k, page in enumerate(pages, start=1):
        ident = f"{doc_id}-pg{page.n}" if page.n and page.n not in seen else f"{doc_id}-pb{k}"
        seen.add(page.n)
        ids[page.start] = ident
    return ids


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
    wrap_broken_words(el)


def fill_part(el, start: int, end: int, marks: Marks, lined: bool) -> None:
    text, pos = marks.text, start
    for mark in marks.within(start, end):
        if mark.start < pos:
            continue
        add_plain(el, text[pos:mark.start], lined)
        if isinstance(mark, NameTag):
            render_name(el, mark, marks, lined)
        else:
            render_mark(el, mark, marks)
        pos = mark_end(mark)
    add_plain(el, text[pos:end], lined)


def render_name(el, tag: NameTag, marks: Marks, lined: bool) -> None:
    """A name from the register: ``persName``/``placeName``/``orgName`` pointing to its entry,
    holding the marks inside it (a correction, a line-end hyphen, a page break)."""
    name = tei(tag.element, el, ref=tag.ref, cert=tag.cert, resp=resp_ref(marks.doc_id, f"editor:{tag.who}") if tag.who
               else None, change=marks.revision(tag.revision))
    text, pos = marks.text, tag.start
    inside = marks.within(tag.start, tag.end)
    for mark in inside[inside.index(tag) + 1:]:  # what sorts before the name (a page break at its start) is written
        if mark.start < pos or (is_lost_call(mark) and mark.start == tag.end):
            continue
        add_plain(name, text[pos:mark.start], lined)
        render_mark(name, mark, marks)
        pos = mark_end(mark)
    add_plain(name, text[pos:tag.end], lined)


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
        render_page_break(el, mark, marks)
    elif isinstance(mark, NoteCall):
        render_call(el, mark, marks)
    elif mark.kind == "hyphen":
        render_hyphen(el, mark, marks)
    elif mark.kind == "correction":
        render_correction(el, mark, marks)
    elif mark.kind == "normalisation":
        add_text(el, mark.after)  # white space only: declared once in editorialDecl/normalization
    elif mark.kind == "rejected":
        tei("seg", el, mark.before, type=f"rejected-{mark.rule}", change=marks.revision(mark.revision))
    elif mark.kind == "removal":
        render_removal(el, mark, marks)
    elif mark.kind == "flag":
        add_text(el, mark.before)  # left as printed; the build report lists it for a human


def render_page_break(el, mark: PageBreak, marks: Marks) -> None:
    """A ``pb``; inside a word that runs on over the page (right after ``lb break="no"``)
    nothing may stand between them, and the ``pb`` says ``break="no"`` too."""
    last = el[-1] if len(el) else None
    in_word = last is not None and last.tag == f"{{{TEI_NS}}}lb" and last.get("break") in ("no", "maybe") \
        and not (last.tail or "").strip()
    if not in_word:
        add_text(el, "\n")
    tei("pb", el, n=mark.n or None, xml_id=marks.page_ids.get(mark.start),
        **({"break": last.get("break")} if in_word else {}))


def render_call(el, call: NoteCall, marks: Marks) -> None:
    """A note call: a ``ref`` holding the printed mark; an empty one where the source
    lost the mark and an editor placed it."""
    target = marks.note_ids.get(call.note_key)
    text = "" if call.lost else marks.text[call.start:call.end]
    ident = marks.call_ids.get(call)
    tei("ref", el, text, type="noteAnchor", n=call.n, target=f"#{target}" if target else None,
        xml_id=ident, change=marks.revision(call.revision))
    marks.rendered_calls.add(ident)


def render_removal(el, change: Change, marks: Marks) -> None:
    """Removed characters inside the text (a stray mark): an ``anchor`` where they stood,
    to which their record in ``standOff`` points. Whole lines of page furniture point to
    their page break instead."""
    if change.rule in PAGE_FURNITURE:
        return
    ident = f"{marks.removal_ids[change]}-at"
    marks.anchored[change] = ident
    tei("anchor", el, xml_id=ident, type="removal")


def render_correction(el, change: Change, marks: Marks) -> None:
    """``choice`` with the reading first: a consumer that shows a ``choice``'s first child
    (the TEI Stylesheets' plain-text conversion) reads the correction, not the OCR error."""
    choice = tei("choice", el)
    tei("corr", choice, change.after, resp=marks.resp(change), cert=change.cert, type=change.rule,
        change=marks.revision(change.revision))
    tei("sic", choice, change.before)


def render_hyphen(el, change: Change, marks: Marks) -> None:
    """A line-end hyphen, kept in the text as printed: ``pain<pc force="weak">¬</pc>
    <lb break="no"/>ful`` when the word joins (a reader does not see the ``pc``),
    ``ill<pc force="inter">-</pc><lb break="maybe"/>clad`` when the evidence is even (a
    reader sees the hyphen), ``class-<lb break="no"/>consciousness`` when the hyphen is
    the word's own. A break whose mark the OCR lost has no ``pc``."""
    mark = change.before.strip()
    revision = marks.revision(change.revision)
    if change.decision == "keep":
        if mark == "-":
            add_text(el, "-")
        else:  # the OCR's "¬" for a hyphen the word keeps
            render_correction(el, Change(change.rule, change.start, change.start + 1, mark, "-",
                                         change.confidence, resp=change.resp, revision=change.revision), marks)
        tei("lb", el, **{"break": "no"}, change=revision)
        return
    if mark:
        tei("pc", el, mark, force="inter" if change.decision == "maybe" else "weak", type="hyphen")
    tei("lb", el, **{"break": change.decision or "no"}, change=revision)


def wrap_broken_words(el) -> None:
    """Wrap every word of ``el`` that runs over a line end in ``choice/reg/orig``.

    Default consumers do not read ``lb/@break`` or ``pc/@force``: they show the printed
    hyphen inside the word ("pain¬ful"), split it at the line ("pain ful") or put a page
    number in it ("negotia[Page 13]tions"). In ``reg`` they find the word as read.

    >>> p = etree.fromstring('<p xmlns="http://www.tei-c.org/ns/1.0">the pain<pc force="weak">¬</pc>'
    ...                      '<lb break="no"/>ful question</p>')
    >>> wrap_broken_words(p)
    >>> etree.tostring(p, encoding="unicode").split(">", 1)[1]
    'the <choice><reg>painful</reg><orig>pain<pc force="weak">¬</pc><lb break="no"/>ful</orig></choice> question</p>'
    """
    for lb in [child for child in el if local_name(child) == "lb" and child.get("break") in WORD_BREAKS]:
        if lb.getparent() is el:  # not already inside the word of an earlier break
            wrap_word(el, lb)
    for phrase in [child for child in el if local_name(child) in WORD_HOLDERS]:
        wrap_broken_words(phrase)  # a name broken over a line ("Commis¬ / sars") holds its word


#: phrase elements that hold whole words, so a word broken over a line may stand inside one
WORD_HOLDERS = {"persName", "placeName", "orgName", "hi"}


def local_name(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def wrap_word(el, lb) -> None:
    """Move the word around ``lb`` (its text and in-word elements) into ``choice/orig`` and
    put the word as read in ``reg`` before it."""
    first, head = word_start(el, lb)
    last, end = word_end(lb)
    members = [first]
    while members[-1] is not last:
        members.append(members[-1].getnext())
    before = first.getprevious()
    if before is None:
        el.text = (el.text or "")[:len(el.text or "") - len(head)] or None
    else:
        before.tail = (before.tail or "")[:len(before.tail or "") - len(head)] or None
    after = (last.tail or "")[len(end):]
    choice = etree.Element(f"{{{TEI_NS}}}choice")
    first.addprevious(choice)
    orig = tei("orig")  # read before it joins the choice, whose reading skips it
    orig.text = head or None
    for member in members:
        orig.append(member)
    last.tail = end or None
    choice.tail = after or None
    tei("reg", choice, reading_text(orig))
    choice.append(orig)


def joins_word(el) -> bool:
    """An element that stands inside a word broken over a line (a plain ``lb`` or ``pb``
    stands between words)."""
    name = local_name(el)
    return name in ("pc", "choice") or (name in ("lb", "pb") and el.get("break") in WORD_BREAKS)


def word_start(el, lb):
    """The first element of the word broken at ``lb`` and the text before it that begins the word."""
    first = lb
    while True:
        before = first.getprevious()
        text = (before.tail if before is not None else el.text) or ""
        head = TRAILING_WORD.search(text).group()
        if head != text or before is None or not joins_word(before):
            return first, head
        first = before


def word_end(lb):
    """The last element of the word broken at ``lb`` and the text after it that ends the word."""
    last = lb
    while True:
        text = last.tail or ""
        end = LEADING_WORD.match(text).group()
        after = last.getnext()
        if end != text or after is None or not joins_word(after):
            return last, end
        last = after


def tidy_edges(el) -> None:
    """Strip white space at the very start and end of an element's content."""
    if el.text:
        el.text = el.text.lstrip()
    if len(el):
        if el[-1].tail:
            el[-1].tail = el[-1].tail.rstrip()
    elif el.text:
        el.text = el.text.rstrip()
