"""Read TEI back into plain text, the two ways a scholar would.

``source_characters``: every character the TEI keeps of its raw file (the text, the
``sic`` of every correction, removed furniture in ``standOff``: the ``orig`` of each
``spanGrp[@type='removals']/span``, beside its empty ``reg``), without what the
edition added (``corr``, ``supplied``, editors' notes, labels made from a note's number).
The build compares it with the raw file (``pipeline.accounting``).

``reading_text``: the edition's reading, as a reader gets it (``corr`` for ``sic``,
``reg`` for ``orig`` (a word broken over a line, as printed), soft hyphens joined at
``lb break="no"``, furniture and the removal record left out).
"""

from __future__ import annotations

from lxml import etree

TEI = "{http://www.tei-c.org/ns/1.0}"
#: what the edition added: never the source's characters (``reg``: a broken word as read)
ADDED = {f"{TEI}corr", f"{TEI}supplied", f"{TEI}reg"}
#: what a reader of the edition does not read
APPARATUS = {f"{TEI}sic", f"{TEI}standOff", f"{TEI}teiHeader", f"{TEI}fw"}


def added_by_edition(el) -> bool:
    if el.tag in ADDED:
        return True
    if el.tag == f"{TEI}note" and el.get("type") == "editorial":
        return True
    return el.tag == f"{TEI}label" and el.get("type") == "supplied"


def source_characters(tree) -> str:
    """The source's characters kept in a TEI document (text and standOff, not the header)."""
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    parts: list[str] = []
    for part in root.iter(f"{TEI}text", f"{TEI}standOff"):
        collect_source(part, parts)
    return "".join(parts)


def collect_source(el, parts: list[str]) -> None:
    if el.tag is etree.Comment or added_by_edition(el):
        if el.tail:
            parts.append(el.tail)
        return
    if el.tag == f"{TEI}lb" and el.get("rend"):
        parts.append(el.get("rend"))
    if el.text:
        parts.append(el.text)
    for child in el:
        collect_source(child, parts)
    if el.tail:
        parts.append(el.tail)


def reading_text(element) -> str:
    """The edition's reading of an element, white space collapsed."""
    parts: list[str] = []
    collect_reading(element, parts)
    return " ".join("".join(parts).split())


def collect_reading(el, parts: list[str]) -> None:
    if el.tag is etree.Comment or el.tag in APPARATUS or printed_form(el):
        if el.tail:
            parts.append(el.tail)
        return
    if el.tag == f"{TEI}pc" and soft_hyphen(el):
        if el.tail:
            parts.append(el.tail)
        return
    if el.tag == f"{TEI}pc" and el.text in ("¬",):
        parts.append("-")  # a printed hyphen the OCR marked "¬", kept where the join is in doubt
    elif el.text:
        parts.append(el.text)
    for child in el:
        collect_reading(child, parts)
    if el.tail:
        parts.append(el.tail)


def printed_form(el) -> bool:
    """The ``orig`` of a ``choice``: the word as printed, beside its reading in ``reg``."""
    parent = el.getparent()
    return el.tag == f"{TEI}orig" and parent is not None and parent.tag == f"{TEI}choice"


def soft_hyphen(pc) -> bool:
    """A line-end hyphen the word does not keep: ``pc force="weak"`` before ``lb break="no"``."""
    following = pc.getnext()
    return pc.get("force") == "weak" and following is not None and following.tag == f"{TEI}lb" \
        and following.get("break") == "no" and not (pc.tail or "").strip()
