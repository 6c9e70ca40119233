"""Read TEI back into plain text, the two ways a scholar would: the source's own
characters (sic side, dropped hyphen marks restored, removals included) and the
edition's reading (corr side). Tests use these to prove nothing was lost."""

from __future__ import annotations

from lxml import etree

TEI = "{http://www.tei-c.org/ns/1.0}"


def source_characters(tree) -> str:
    """Every character the TEI keeps of its raw file: text, sic, lb/@rend, removals;
    without corr, without text the editor supplied, and without the teiHeader."""
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    parts = []
    for part in root.iter(f"{TEI}text", f"{TEI}standOff"):
        collect(part, parts, side="sic")
    return "".join(parts)


def reading_text(element) -> str:
    """The edition's reading: corr instead of sic, soft hyphens joined."""
    parts = []
    collect(element, parts, side="corr")
    return " ".join("".join(parts).split())


def collect(el, parts, side: str) -> None:
    skip = (f"{TEI}corr", f"{TEI}supplied") if side == "sic" else (f"{TEI}sic",)
    if el.tag in skip:
        if el.tail:
            parts.append(el.tail)
        return
    if el.tag == f"{TEI}lb" and side == "sic" and el.get("rend"):
        parts.append(el.get("rend"))
    if el.text and el.tag is not etree.Comment:
        parts.append(el.text)
    for child in el:
        collect(child, parts, side)
    if el.tail:
        parts.append(el.tail)
