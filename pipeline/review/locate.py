"""Where a queue item stands on its document's site page, so the review page can show the
rebuilt document at that place.

The TEI keeps no raw offsets of single changes, so an item is found by what the site
shows: a decision an editor made by its revision (every ``corr``, ``seg``, ``ref`` it
touched points to ``#<doc>-rev-<key>``); a correction by its source reading and which
occurrence of it it is; a removal by its record's id; a flag by its place in the page's
list of open questions. The ids are those of ``pipeline.publish`` (``DocumentIndex``
numbers the marks ``chg-1``, ``chg-2``, … in text order).
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from pipeline.publish.facts import NS, XML_ID
from pipeline.publish.textview import DocumentIndex, local, raw_text
from pipeline.review.queue import Item


def document_root(tei_path: Path):
    """The TEI of a built document, or None when the build wrote none of that name."""
    return etree.parse(str(tei_path)).getroot() if Path(tei_path).is_file() else None


def page_anchor(root, item: Item, revision: str = "") -> str:
    """The id of the element of the document page that shows ``item`` (after the decision
    with key ``revision``, if one was made), or "" for the top of the page."""
    if root is None:
        return ""
    found = revision_anchor(root, item.document, revision) if revision else ""
    return found or mark_anchor(root, item)


def revision_words(root, document: str, key: str) -> str:
    """What the document's ``revisionDesc`` says the decision ``key`` did, in the build's words."""
    if root is None:
        return ""
    found = root.xpath(".//tei:revisionDesc//tei:change[@xml:id = $ident]", namespaces=NS,
                       ident=f"{document}-rev-{key}")
    return " ".join("".join(found[0].itertext()).split()) if found else ""


def revision_anchor(root, document: str, key: str) -> str:
    """The mark of the text that the decision ``key`` made or touched."""
    pointer = f"#{document}-rev-{key}"
    for el in root.iterfind(f".//tei:text//*[@change='{pointer}']", NS):
        if local(el) == "corr":
            return change_id(root, el.getparent())
        if local(el) == "seg":
            return change_id(root, el)
        if local(el) == "ref" and el.get(XML_ID):
            return el.get(XML_ID)
    return ""


def mark_anchor(root, item: Item) -> str:
    if item.kind == "flag":
        return f"flag-{item.occurrence}" if item.occurrence else "flags"
    if item.kind == "removal":
        return f"{item.document}-x{item.occurrence}" if item.occurrence else ""
    if item.kind != "correction":
        return ""  # a line-end hyphen has no mark of its own on the page
    same = [el for el in root.iterfind(".//tei:text//tei:choice", NS) if raw_text(el.find("tei:sic", NS)) == item.mark]
    return change_id(root, same[item.occurrence]) if item.occurrence < len(same) else ""


def change_id(root, el) -> str:
    """The id the site's diplomatic view gives a ``choice`` or rejected ``seg``."""
    return DocumentIndex(root).change_ids.get(el, "")
