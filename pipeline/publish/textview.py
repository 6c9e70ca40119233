"""The walker that turns a TEI ``<text>`` into HTML, shared by the site's two views.

``TextView`` renders the structure (divisions, headings, paragraphs, letters' openers and
closers, notes and their calls) the same way in both views; ``pipeline.publish.views``
says how the edition's changes look in each. ``DocumentIndex`` holds what both look up
once per document: ids, the numbering of changes, the calls of each note, the removals.

What the site adds around the text (page numbers, back-links of notes, the notes'
heading, the legend) carries the class ``apparatus``, so that the text without it can be
compared with ``pipeline.teitext.reading_text``.
"""

from __future__ import annotations

from collections import defaultdict

from lxml import etree

from pipeline.publish.facts import NS, XML_ID, pointer, resp_names
from pipeline.publish.html import add_text, h, sub

TEI = "{http://www.tei-c.org/ns/1.0}"
#: TEI parents whose children are blocks (a ``salute`` in an ``opener`` is a line of its own)
BLOCK_PARENTS = {"text", "front", "body", "back", "div", "opener", "closer", "postscript", "note",
                 "listBibl", "docTitle"}
APPARATUS = "apparatus"
UNCALLED_REASONS = {
    "call-lost": "No call in the text: the source lost it; the note stands by the page it names.",
    "uncalled": "No call in the text: the note belongs to the document as a whole.",
}


def local(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def classes(*names) -> str:
    return " ".join(n for n in names if n)


class DocumentIndex:
    """What both views look up: ids, the numbering of changes, the calls of each note,
    the removal records and where each one stands, and the names of those responsible."""

    def __init__(self, root):
        self.root = root
        self.text = root.find("tei:text", NS)
        self.names = resp_names(root.find("tei:teiHeader", NS))
        changes = [el for el in self.text.iter(f"{TEI}choice", f"{TEI}seg") if is_change(el)]
        self.change_ids = {el: f"chg-{k}" for k, el in enumerate(changes, start=1)}
        self.calls = defaultdict(list)
        for ref in self.text.iter(f"{TEI}ref"):
            if ref.get("type") == "noteAnchor" and ref.get(XML_ID):
                self.calls[pointer(ref.get("target"))].append(ref.get(XML_ID))
        self.removals = removal_records(root)
        self.removals_at = defaultdict(list)  # (target id or "", place) -> removal records
        for record in self.removals:
            self.removals_at[(pointer(record.get("target")), removal_place(record))].append(record)

    def who(self, resp: str | None) -> tuple[str, str]:
        """(kinds, names) of a ``@resp``: ``("pipeline editor", "the pipeline; The editors…")``."""
        kinds, names = [], []
        for ident in (resp or "").split():
            ident = ident.lstrip("#")
            kind = "editor" if "-editor-" in ident else "pipeline" if ident.endswith("-pipeline") else "other"
            kinds.append(kind)
            names.append("the pipeline" if kind == "pipeline" else self.names.get(ident, ident))
        return " ".join(dict.fromkeys(kinds)), "; ".join(names)


def removal_records(root) -> list:
    """The removal records of a document (``standOff/spanGrp[@type='removals']/span``), in
    source order."""
    return root.findall("tei:standOff/tei:spanGrp[@type='removals']/tei:span", NS)


def removed_text(record) -> str:
    """What a removal record says was removed: its ``orig``, the characters as printed (the
    empty ``reg`` beside it is the edition's reading, nothing)."""
    return raw_text(record.find("tei:choice/tei:orig", NS))


def removal_place(record) -> str:
    """Where a removed piece stood, beside the element its record points to: ``top`` or
    ``bottom`` of a page, ``inline`` at an anchor or a note's start, the text's ``top`` or ``end``."""
    return record.get("rend", "end")


def raw_text(el) -> str:
    """The characters of an element as they stand (a correction may be a single space)."""
    return "".join(el.itertext()) if el is not None else ""


def quoted(text: str) -> str:
    """A reading in quotes, or what it is when it has no visible characters.

    >>> quoted("workers"), quoted(" "), quoted("")
    ('“workers”', 'a space', 'nothing')
    """
    if text.strip():
        return f"“{text}”"
    return "a space" if text else "nothing"


def is_change(el) -> bool:
    """A correction (``choice`` with ``corr``) or a rejected one; a word broken over a line
    (``choice/reg/orig``) is the source as printed, not a change."""
    if local(el) == "choice":
        return el.find("tei:corr", NS) is not None
    return local(el) == "seg" and el.get("type", "").startswith("rejected-")


def printed_word(el):
    """The ``orig`` of a word broken over a line (``choice/reg/orig``), else None."""
    return el.find("tei:orig", NS) if local(el) == "choice" else None


class TextView:
    """HTML of a TEI ``<text>``; a subclass says how the edition's changes look."""

    name = "view"
    prefix = ""  # before TEI ids, so that the two views' ids stay unique in one page

    def __init__(self, index: DocumentIndex):
        self.index = index

    def render(self) -> etree._Element:
        container = h("div", {"id": self.name, "class": f"view view-{self.name}", "data-view": self.name})
        self.element(self.index.text, container)
        return container

    # --- the walk -------------------------------------------------------------------------
    def element(self, el, out) -> None:
        if not isinstance(el.tag, str):
            return  # comments and processing instructions
        getattr(self, f"tei_{local(el)}", self.generic)(el, out)

    def children(self, el, out) -> None:
        add_text(out, el.text)
        for child in el:
            self.element(child, out)
            add_text(out, child.tail)

    def wrap(self, el, out, tag: str, cls: str = "", **attrs) -> etree._Element:
        """``el`` as an HTML element ``tag`` holding the rendering of its content."""
        ident = el.get(XML_ID)
        box = sub(out, tag, {"class": classes(local(el), cls), "id": self.prefix + ident if ident else None,
                             "data-type": el.get("type"), **attrs})
        self.children(el, box)
        return box

    def block_or_inline(self, el, out, block: str = "p") -> etree._Element:
        parent = el.getparent()
        in_block = parent is not None and local(parent) in BLOCK_PARENTS
        return self.wrap(el, out, block if in_block else "span")

    def generic(self, el, out) -> None:
        self.wrap(el, out, "span", f"tei-{local(el)}")

    # --- structure -----------------------------------------------------------------------
    def tei_text(self, el, out):
        self.wrap(el, out, "div", "tei-text")

    def tei_front(self, el, out):
        self.wrap(el, out, "div")

    tei_body = tei_back = tei_front

    def tei_div(self, el, out):
        section = self.wrap(el, out, "section", "div")
        if el.get("type") == "notes" and el.find("tei:head", NS) is None:
            section.insert(0, h("h2", {"class": f"{APPARATUS} notes-heading"}, "Notes"))
            section[0].tail, section.text = section.text, None

    def heading_level(self, el) -> int:
        return min(6, 1 + sum(1 for a in el.iterancestors(f"{TEI}div")))

    def tei_head(self, el, out):
        supplied = el.get("type") == "supplied"
        head = self.wrap(el, out, f"h{self.heading_level(el)}", "supplied" if supplied else "")
        if supplied:
            head.set("title", "Heading supplied by the edition (the source lost it)")
            sub(head, "span", {"class": f"{APPARATUS} badge"}, "supplied")

    def tei_docTitle(self, el, out):
        self.wrap(el, out, "div")

    def tei_titlePart(self, el, out):
        self.wrap(el, out, "h2")

    def tei_p(self, el, out):
        self.wrap(el, out, "p")

    tei_docAuthor = tei_docDate = tei_p

    def tei_listBibl(self, el, out):
        self.wrap(el, out, "div")

    def tei_bibl(self, el, out):
        self.block_or_inline(el, out)

    def tei_quote(self, el, out):
        self.block_or_inline(el, out, "blockquote")

    def tei_opener(self, el, out):
        self.wrap(el, out, "div")

    tei_closer = tei_postscript = tei_opener

    def tei_salute(self, el, out):
        self.block_or_inline(el, out)

    tei_signed = tei_dateline = tei_salute

    def tei_seg(self, el, out):
        if is_change(el):
            self.rejected(el, out)
        else:
            self.block_or_inline(el, out)

    def tei_label(self, el, out):
        if local(el.getparent()) == "note":
            number_only = el.find("tei:choice/tei:orig", NS) is not None  # says no more than the note's @n
            self.wrap(el, out, "span", classes("note-label", APPARATUS if number_only else None),
                      title="number supplied by the edition" if el.get("type") == "supplied" else None)
        else:
            self.wrap(el, out, f"h{self.heading_level(el) + 1}")

    def tei_supplied(self, el, out):
        self.wrap(el, out, "span", title=f"supplied by the edition ({el.get('reason', '').replace('-', ' ')})")

    def tei_hi(self, el, out):
        self.wrap(el, out, "span", **{"data-rend": el.get("rend")})

    def tei_fw(self, el, out):
        """Running heads and page numbers left in the text: not part of the reading."""

    def tei_standOff(self, el, out):
        """The removal record: the diplomatic view puts each removal where it stood."""

    tei_teiHeader = tei_standOff

    # --- notes and their calls ----------------------------------------------------------
    def tei_note(self, el, out):
        if el.getparent() is None or local(el.getparent()) != "div":
            self.wrap(el, out, "span", "note-inline")
            return
        ident = el.get(XML_ID, "")
        box = sub(out, "div", {"class": classes("note", el.get("subtype")), "id": self.prefix + ident,
                               "data-note-type": el.get("type"), "data-subtype": el.get("subtype"),
                               "data-n": el.get("n"), "data-place": el.get("place")})
        self.before_note(el, box)
        if el.find(f"{TEI}label") is None and el.get("n") and el.get("type") != "editorial":
            # the printed number is lost: the edition's number (@n) stands where it stood
            sub(box, "span", {"class": f"label note-label {APPARATUS}", "title": "number supplied by the edition"},
                el.get("n"))
        self.children(el, box)
        self.note_apparatus(el, box)

    def before_note(self, el, box) -> None:
        """What stands at a note's start besides its text (the diplomatic view's removals)."""

    def note_apparatus(self, el, box) -> None:
        """A note's back-links to its calls, or why it has none."""
        reason = UNCALLED_REASONS.get(el.get("subtype", ""))
        if reason:
            sub(box, "p", {"class": f"{APPARATUS} note-reason"}, reason)
        calls = self.index.calls.get(el.get(XML_ID, ""), [])
        if calls:
            target = box[-1] if len(box) and box[-1].tag == "p" else box
            links = sub(target, "span", {"class": f"{APPARATUS} backlinks"})
            for k, call in enumerate(calls):
                sub(links, "a", {"href": f"#{self.prefix}{call}", "class": "backlink",
                                 "title": "back to the call in the text"}, "↩" if k == 0 else f"↩{k + 1}")

    def tei_ref(self, el, out):
        if el.get("type") != "noteAnchor":
            target = el.get("target", "")
            self.wrap(el, out, "a" if target.startswith("#") else "span", "ref",
                      href=f"#{self.prefix}{target[1:]}" if target.startswith("#") else None)
            return
        note = pointer(el.get("target"))
        lost = not "".join(el.itertext()).strip()
        sup = sub(out, "sup", {"class": classes("note-call", "call-lost" if lost else ""),
                               "id": self.prefix + el.get(XML_ID) if el.get(XML_ID) else None,
                               "data-note": note, "data-n": el.get("n")})
        link = sub(sup, "a", {"href": f"#{self.prefix}{note}" if note else None,
                              "title": "the source lost this call; the editors placed it here" if lost else None})
        self.children(el, link)
        if lost:
            sub(link, "span", {"class": f"{APPARATUS} lost-marker"}, f"[{el.get('n', '?')}]")

    # --- what the views differ in --------------------------------------------------------
    def change_attrs(self, el) -> dict:
        """The data a review tool needs to find a change: rule, certainty, who, both readings."""
        if local(el) == "seg":
            return {"data-change": self.index.change_ids[el], "data-rule": el.get("type", "")[len("rejected-"):],
                    "data-revision": pointer(el.get("change")) or None}
        sic, corr = el.find("tei:sic", NS), el.find("tei:corr", NS)
        kinds, _names = self.index.who(corr.get("resp") if corr is not None else "")
        return {"data-change": self.index.change_ids[el], "data-sic": raw_text(sic), "data-corr": raw_text(corr),
                "data-corr-type": corr.get("type") if corr is not None else None,
                "data-cert": corr.get("cert") if corr is not None else None, "data-resp": kinds or None,
                "data-revision": pointer(corr.get("change")) if corr is not None else None}

    def change_title(self, el) -> str:
        """The tooltip of a change: what the source printed, what the edition reads, why, who."""
        if local(el) == "seg":
            return (f"Printed: {quoted(raw_text(el))} — a proposed correction ({el.get('type')[len('rejected-'):]}) "
                    "was rejected by an editor; the source's reading stands")
        sic, corr = el.find("tei:sic", NS), el.find("tei:corr", NS)
        _kinds, names = self.index.who(corr.get("resp") if corr is not None else "")
        return (f"Printed: {quoted(raw_text(sic))} — corrected to {quoted(raw_text(corr))} · rule: {corr.get('type', '?')}"
                f" · certainty: {corr.get('cert', '?')} · by: {names or '?'}")

    def resp_class(self, el) -> str:
        if local(el) == "seg":
            return "rejected"
        corr = el.find("tei:corr", NS)
        kinds, _names = self.index.who(corr.get("resp") if corr is not None else "")
        return "by-editor" if "editor" in kinds else "by-pipeline"

    def tei_sic(self, el, out):
        """A ``sic`` outside a ``choice``: the source's reading, which the reading view leaves out."""

    def tei_lb(self, el, out):
        """Line breaks of printed pages: not shown in the reading."""

    def tei_anchor(self, el, out):
        """Where a removal stood: nothing to read."""
