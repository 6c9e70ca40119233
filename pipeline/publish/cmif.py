"""The edition's letters and telegrams in CMIF (Correspondence Metadata Interchange Format,
TEI Correspondence SIG, version 1.1), the file correspSearch harvests.

One ``correspDesc`` per letter: ``@ref`` is the letter's page in the edition's site,
``@source`` the edition's ``bibl``; ``correspAction`` sent (persName, placeName, date) and
received (persName). CMIF's rules for what the edition does not know: a person without
an authority id gets no ``@ref`` (an id is never invented); an unknown person is
``<persName>Unknown</persName>``; a date CMIF cannot take (only ``YYYY``, ``YYYY-MM`` and
``YYYY-MM-DD`` are allowed) is left out rather than guessed; the ``bibl``'s id is a UUID,
derived from the edition's address so that the same edition always gets the same one.
"""

from __future__ import annotations

import itertools
import uuid
from pathlib import Path

import regex
from lxml import etree

from pipeline.errors import PipelineError
from pipeline.publish.edition import load_edition
from pipeline.publish.facts import DATE_ATTRIBUTES, DocumentFacts, parse_facts

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
LICENCE = "https://creativecommons.org/licenses/by/4.0/"
SCHEMA = "https://raw.githubusercontent.com/TEI-Correspondence-SIG/CMIF/master/schema/cmi-customization.rng"
CORRESPONDENCE_KINDS = {"letter", "telegram"}
CMIF_DATE = regex.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def write_cmif(tei_dir: Path, out_path: Path, base_url: str = "", when: str | None = None) -> Path:
    """Write the CMIF file of the edition in ``tei_dir`` to ``out_path``. ``base_url`` is
    where the site is published (``https://…/``; empty: links relative to the CMIF file);
    ``when`` the date of the last change (default: the newest editors' decision)."""
    edition = load_edition(Path(tei_dir))
    documents = [parse_facts(edition.tei_path(ident)) for ident in edition.document_ids]
    letters = [fact for fact in documents if is_correspondence(fact)]
    out_path = Path(out_path)
    root = cmif_root(documents, letters, base_url, out_path.name, when or last_change(documents, edition.tei_dir))
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tree = etree.ElementTree(root)
    root.addprevious(etree.ProcessingInstruction(
        "xml-model", f'href="{SCHEMA}" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"'))
    tree.write(str(out_path), xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return out_path


def is_correspondence(fact: DocumentFacts) -> bool:
    """A letter or telegram, or any document whose addressee the edition knows."""
    if fact.kind in CORRESPONDENCE_KINDS:
        return True
    addressee = fact.correspondence.addressee if fact.correspondence else ""
    return bool(addressee) and addressee.lower() != "unknown"


class CmifDateUnknown(PipelineError):
    """The edition holds no dated decision to date the CMIF file by."""


def last_change(documents: list[DocumentFacts], tei_dir: Path) -> str:
    """The newest editors' decision. A file's modification time would make the export
    differ from one checkout to the next, so without a dated decision the caller must
    say the date."""
    dates = [d.when for fact in documents for d in fact.decisions if CMIF_DATE.fullmatch(d.when or "")]
    if not dates:
        raise CmifDateUnknown(tei_dir, "no dated editors' decision to date the CMIF file by",
                              "say the date of the last change: --when YYYY-MM-DD")
    return max(dates)


def tei(tag: str, parent=None, text: str | None = None, **attrs) -> etree._Element:
    el = etree.Element(f"{{{TEI_NS}}}{tag}", nsmap={None: TEI_NS}) if parent is None else \
        etree.SubElement(parent, f"{{{TEI_NS}}}{tag}")
    for key, value in attrs.items():
        if value:
            el.set(XML_ID if key == "xml_id" else key, value)
    if text:
        el.text = text
    return el


def cmif_root(documents, letters, base_url: str, file_name: str, when: str) -> etree._Element:
    title = next((f.publisher for f in documents if f.publisher), "The edition")
    bibl_id = edition_uuid(base_url or title)
    root = tei("TEI")
    header = tei("teiHeader", root)
    file_desc = tei("fileDesc", header)
    title_stmt = tei("titleStmt", file_desc)
    tei("title", title_stmt, f"Letters and telegrams in {title}")
    for name in editors(documents, title):
        tei("editor", title_stmt, name)
    publication = tei("publicationStmt", file_desc)
    publisher = tei("publisher", publication, None if base_url else title)
    if base_url:
        tei("ref", publisher, title, target=base_url)
    tei("idno", publication, base_url + file_name, type="url")
    tei("date", publication, when=when)
    tei("licence", tei("availability", publication),
        "This file is licensed under the terms of the Creative Commons Licence CC BY 4.0", target=LICENCE)
    bibl = tei("bibl", tei("sourceDesc", file_desc), f"{title}. Digital edition", type="online", xml_id=bibl_id)
    if base_url:
        bibl.text += ", "
        tei("ref", bibl, base_url, target=base_url)
    profile = tei("profileDesc", header)
    for fact in letters:
        profile.append(corresp_desc(fact, base_url, bibl_id))
    tei("p", tei("body", tei("text", root)))
    return root


def edition_uuid(key: str) -> str:
    """A UUID for the edition's ``bibl`` (CMIF recommends one), the same for the same
    edition, and usable as ``xml:id``: an NCName may not begin with a digit, so the first
    of the name-based UUIDs of ``key#0``, ``key#1``, … that begins with a letter.

    >>> edition_uuid("https://example.org/")[0].isalpha()
    True
    """
    return next(u for k in itertools.count() if (u := str(uuid.uuid5(uuid.NAMESPACE_URL, f"{key}#{k}")))[0].isalpha())


def editors(documents, title: str) -> list[str]:
    names = sorted({name for fact in documents for name in fact.editors})
    return names or [f"The editors of {title}"]


def corresp_desc(fact: DocumentFacts, base_url: str, bibl_id: str) -> etree._Element:
    corresp = fact.correspondence
    desc = tei("correspDesc", ref=f"{base_url}doc/{fact.ident}.html", source=f"#{bibl_id}")
    sent = tei("correspAction", desc, type="sent")
    tei("persName", sent, person(corresp.sender if corresp else fact.author))
    if corresp and corresp.place:
        tei("placeName", sent, corresp.place)
    dates = cmif_dates((corresp.date if corresp and corresp.date.iso else fact.date).iso)
    if dates:
        tei("date", sent, **dates)
    received = tei("correspAction", desc, type="received")
    tei("persName", received, person(corresp.addressee if corresp else ""))
    return desc


def person(name: str) -> str:
    """CMIF writes an unknown correspondent as ``Unknown``."""
    return name if name and name.lower() != "unknown" else "Unknown"


def cmif_dates(iso: dict) -> dict:
    """The ISO attributes CMIF accepts (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``); a partial
    date such as ``--09-26`` (day and month, year unknown) is left out.

    >>> cmif_dates({"when": "1918-05-14"})
    {'when': '1918-05-14'}
    >>> cmif_dates({"when": "--09-26"})
    {}
    """
    return {name: iso[name] for name in DATE_ATTRIBUTES if CMIF_DATE.fullmatch(iso.get(name, ""))}
