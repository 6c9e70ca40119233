"""The TEI of a passage, as the DTS document endpoint answers ``ref`` or ``start``/``end``:
the document's ``TEI`` root and ``teiHeader``, the elements that hold the passage (copied
without their other content), and the passage inside ``dts:wrapper`` at the deepest of
them (DTS 1.0, "XML/TEI encoding and sub-tree representation").

A unit that is an element is that element. A unit that is a milestone (TEI's
model.milestoneLike: ``pb``, ``cb``, ``lb``, ``milestone``, ``gb``, ``anchor``), which marks
a point rather than holding text, runs from it to the next unit of its level in the same tree,
or to the end of the text part it is in (``body``, ``back``, ``front``): a printed page is
what lies between two page breaks, even where a break falls inside a paragraph or a word.

Positions are counted over the document's start and end tags in order, so that "inside the
passage" has one meaning for elements, text and tails alike; an element only partly inside
is copied with its attributes and only the part inside.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from lxml import etree

from pipeline.errors import DtsRequestError
from pipeline.serve.citations import TEI, CitableUnit, CitationTree

DTS_WRAPPER_NS = "https://w3id.org/api/dts#"
#: elements that mark a point in the text (TEI model.milestoneLike): their unit runs to the next one
MILESTONES = {f"{{{TEI}}}{name}" for name in ("pb", "cb", "lb", "milestone", "gb", "anchor")}
#: where a milestone unit without a following one ends: the end of the text part it is in
TEXT_PARTS = {f"{{{TEI}}}{name}" for name in ("body", "back", "front", "text")}


@dataclass(frozen=True)
class Positions:
    """Where each element's start and end tags fall in the document's order of tags."""
    start: dict
    end: dict

    @classmethod
    def of(cls, root: etree._Element) -> "Positions":
        start, end = {}, {}
        for number, (event, element) in enumerate(etree.iterwalk(root, events=("start", "end"))):
            (start if event == "start" else end)[element] = number
        return cls(start, end)


def passage_tei(root: etree._Element, tree: CitationTree, first: CitableUnit, last: CitableUnit) -> bytes:
    """The TEI answer for the units ``first`` to ``last`` of ``tree`` (the same unit for ``ref``)."""
    positions = Positions.of(root)
    low = span(first, tree, positions)[0]
    high = span(last, tree, positions)[1]
    if high <= low:
        raise DtsRequestError(400, f"the range's start ({first.identifier}) comes after its end ({last.identifier})")
    holder = deepest_holder(root, low, high, positions)
    wrapped = cut(holder, low, high, positions)
    wrapper = etree.Element(f"{{{DTS_WRAPPER_NS}}}wrapper", nsmap={"dts": DTS_WRAPPER_NS})
    wrapper.text, wrapped.text = wrapped.text, None
    for child in list(wrapped):
        wrapper.append(child)
    wrapped.append(wrapper)
    answer = with_ancestors(holder, wrapped, root)
    return etree.tostring(answer, xml_declaration=True, encoding="UTF-8") + b"\n"


def span(unit: CitableUnit, tree: CitationTree, positions: Positions) -> tuple[float, float]:
    """Where the unit begins (inclusive) and ends (exclusive), in tag positions."""
    element = unit.element
    begin = positions.start[element]
    if element.tag not in MILESTONES:
        return begin, positions.end[element] + 0.5
    following = [other for other in tree.units() if other.level == unit.level and
                 positions.start[other.element] > begin]
    if following:
        return begin, positions.start[following[0].element]
    part = next((a for a in element.iterancestors() if a.tag in TEXT_PARTS), element.getroottree().getroot())
    return begin, positions.end[part]


def deepest_holder(root: etree._Element, low: float, high: float, positions: Positions) -> etree._Element:
    """The deepest element that holds the whole passage without being part of it."""
    holder = root
    while True:
        inner = next((child for child in holder if isinstance(child.tag, str) and
                      positions.start[child] < low and positions.end[child] >= high), None)
        if inner is None:
            return holder
        holder = inner


def cut(element: etree._Element, low: float, high: float, positions: Positions) -> etree._Element:
    """A copy of ``element`` with only what lies in [low, high) (its tail left to the caller)."""
    if low <= positions.start[element] and positions.end[element] < high:
        whole = copy.deepcopy(element)
        whole.tail = None
        return whole
    part = etree.Element(element.tag, attrib=dict(element.attrib), nsmap=element.nsmap)
    if low <= positions.start[element] + 0.5 < high:
        part.text = element.text
    for child in element:
        begin, end = positions.start[child], positions.end[child]
        tail = child.tail if low <= end + 0.5 < high else None
        if begin < high and end >= low:
            piece = cut(child, low, high, positions)
            piece.tail = tail
            part.append(piece)
        elif tail:
            append_text(part, tail)
    return part


def append_text(element: etree._Element, text: str) -> None:
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text


def with_ancestors(holder: etree._Element, copied: etree._Element, root: etree._Element) -> etree._Element:
    """``copied`` (the holder's copy) inside copies of the holder's ancestors, each with its
    attributes only; the ``TEI`` root keeps its ``teiHeader``, the passage's context."""
    inner, original = copied, holder
    for ancestor in holder.iterancestors():
        shell = etree.Element(ancestor.tag, attrib=dict(ancestor.attrib), nsmap=ancestor.nsmap)
        if ancestor is root:
            header = root.find(f"{{{TEI}}}teiHeader")
            if header is not None and header is not original:
                shell.append(copy.deepcopy(header))
                shell[-1].tail = None
        shell.append(inner)
        inner, original = shell, ancestor
    return inner
