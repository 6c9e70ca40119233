"""The two views of a document's ``<text>``: the edition's reading and the source's.

They differ only where the edition and the source differ (``choice``, rejected ``seg``,
``pc``, ``lb``, ``pb``, ``fw``, the removals of ``standOff``), so each overrides just those
elements of the shared walker (``pipeline.publish.textview``).

The reading view's text, without the apparatus, is ``pipeline.teitext.reading_text`` of
the ``<text>``; the diplomatic view holds every ``sic`` and every removal.
"""

from __future__ import annotations

from lxml import etree

from pipeline.publish.facts import NS, XML_ID, pointer
from pipeline.publish.html import h, sub
from pipeline.publish.textview import APPARATUS, BLOCK_PARENTS, DocumentIndex, TextView, classes, local, \
    printed_word, removal_place, removed_text
from pipeline.teitext import soft_hyphen


class ReadingView(TextView):
    """The edition's reading: ``corr`` for ``sic``, soft hyphens joined, page numbers in the
    margin, no furniture."""

    name = "reading"

    def tei_choice(self, el, out):
        if printed_word(el) is not None:  # hyphens, line and page breaks as elsewhere: joined, in the margin
            self.children(printed_word(el), out)
            return
        corr = el.find("tei:corr", NS)
        span = sub(out, "span", {"class": "corr", "title": self.change_title(el), **self.change_attrs(el)})
        if corr is not None:
            self.children(corr, span)

    def rejected(self, el, out):
        self.wrap(el, out, "span", "rejected", title=self.change_title(el), **self.change_attrs(el))

    def tei_pc(self, el, out):
        if soft_hyphen(el):
            return
        sub(out, "span", {"class": "pc", "data-force": el.get("force")}, "-" if el.text == "¬" else el.text)

    def tei_pb(self, el, out):
        n = el.get("n", "")
        between_blocks = local(el.getparent()) in BLOCK_PARENTS  # not inside a line: no mark in the text
        sub(out, "span", {"class": classes(APPARATUS, "pb", "between-blocks" if between_blocks else ""),
                          "id": el.get(XML_ID), "data-n": n,
                          "data-break": el.get("break"), "title": f"printed page {n} begins" if n else "page break"},
            h("span", {"class": "pb-n"}, n or "·"))


class DiplomaticView(TextView):
    """The source's reading: ``sic`` for ``corr`` (marked, with the correction in a
    tooltip), every printed line and page break, hyphens as printed, and the removed
    furniture back where it stood."""

    name = "diplomatic"
    prefix = "dipl-"

    def __init__(self, index: DocumentIndex):
        super().__init__(index)
        self.placed: set = set()  # removal records already shown

    def render(self) -> etree._Element:
        container = h("div", {"id": self.name, "class": f"view view-{self.name}", "data-view": self.name})
        container.append(legend())
        self.removals(container, "", "top")
        self.element(self.index.text, container)
        self.removals(container, "", "end")
        for record in self.index.removals:  # a target the text does not hold: shown last, said so
            if record not in self.placed:
                container.append(self.removal(record, unplaced=True))
        return container

    def removals(self, out, target: str, place: str) -> None:
        for record in self.index.removals_at.get((target, place), ()):
            out.append(self.removal(record))

    def removal(self, record, unplaced: bool = False) -> etree._Element:
        """A removed piece where it stood, as printed (its record's ``orig``)."""
        self.placed.add(record)
        place = removal_place(record)
        block = place != "inline" or unplaced
        kinds, names = self.index.who(record.get("resp"))
        where = " (its place in the text is unknown)" if unplaced else ""
        return h("span", {"class": classes("removal", "block" if block else "", "unplaced" if unplaced else ""),
                          "id": record.get(XML_ID), "data-rule": record.get("subtype"), "data-place": place,
                          "data-resp": kinds or None, "data-target": pointer(record.get("target")) or None,
                          "title": f"Removed from the text by {names or '?'} · rule: {record.get('subtype', '?')}{where}"},
                 removed_text(record))

    def tei_choice(self, el, out):
        if printed_word(el) is not None:  # the word as printed, with its hyphen and breaks
            self.children(printed_word(el), out)
            return
        sic = el.find("tei:sic", NS)
        span = sub(out, "span", {"class": classes("change", "sic", self.resp_class(el)),
                                 "id": self.index.change_ids[el], "title": self.change_title(el),
                                 **self.change_attrs(el)})
        if sic is not None:
            self.children(sic, span)

    def rejected(self, el, out):
        self.wrap(el, out, "span", "change rejected", title=self.change_title(el), **self.change_attrs(el))
        out[-1].set("id", self.index.change_ids[el])

    def tei_sic(self, el, out):
        self.wrap(el, out, "span", "sic")

    def tei_fw(self, el, out):
        """Furniture the TEI keeps in the text (a running head): printed, so shown here."""
        self.wrap(el, out, "span", "furniture", title=f"printed furniture ({el.get('type', 'fw')})")

    def tei_pc(self, el, out):
        soft = soft_hyphen(el)
        sub(out, "span", {"class": classes("pc", "soft" if soft else ""), "data-force": el.get("force"),
                          "title": "line-end hyphen, joined in the reading" if soft else "line-end hyphen, kept"},
            el.text)

    def tei_lb(self, el, out):
        sub(out, "br", {"class": "lb", "data-break": el.get("break")})

    def tei_pb(self, el, out):
        ident, n = el.get(XML_ID, ""), el.get("n", "")
        self.removals(out, ident, "bottom")
        sub(out, "span", {"class": f"{APPARATUS} pb-divider", "id": self.prefix + ident if ident else None,
                          "data-n": n, "role": "separator"}, f"page {n}" if n else "page break")
        self.removals(out, ident, "top")

    def tei_anchor(self, el, out):
        ident = el.get(XML_ID, "")
        sub(out, "span", {"class": "anchor", "id": self.prefix + ident if ident else None})
        self.removals(out, ident, "inline")

    def before_note(self, el, box) -> None:
        self.removals(box, el.get(XML_ID, ""), "inline")


def legend() -> etree._Element:
    """What the colours of the diplomatic view mean."""
    return h("p", {"class": f"{APPARATUS} legend"},
             "The source as printed: ",
             h("span", {"class": "change sic by-pipeline"}, "corrected by the pipeline"), " ",
             h("span", {"class": "change sic by-editor"}, "corrected or confirmed by an editor"), " ",
             h("span", {"class": "change rejected"}, "correction rejected"), " ",
             h("span", {"class": "removal"}, "removed furniture"),
             ". Hover over a mark for the correction, its rule, certainty and who made it.")


def render_views(tree) -> tuple[etree._Element, etree._Element]:
    """The reading view and the diplomatic view of a TEI document."""
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    index = DocumentIndex(root)
    return ReadingView(index).render(), DiplomaticView(index).render()
