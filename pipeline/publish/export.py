"""Exports for other pipelines, made from the built TEI (never from the raw text), so they
hold exactly what the edition publishes.

``simple_print(tree)``: a TEI Simple Print copy of one document. Its text is the reading
text (``corr`` for ``sic``, ``reg`` for a broken word's printed form, no furniture); the
document's own notes keep their printed number as ``@n``; the apparatus (corrections,
removals, line-end hyphens, the editors' decisions) is a ``back/div[@type='apparatus']``
of lists, one item per record, each naming the rule and who made it.

``plain_text(tree)``: the reading text as paragraphs separated by blank lines, then the
notes, each after its printed number.

``write_exports(tei_dir, out_dir)`` writes both for every document of a built edition
(``<id>.simple.xml`` and ``<id>.txt``) in ``out_dir``.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from pipeline.publish.edition import load_edition
from pipeline.teitext import reading_text

TEI_NS = "http://www.tei-c.org/ns/1.0"
TEI = f"{{{TEI_NS}}}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
NS = {"tei": TEI_NS}
#: what the reading text leaves out: the printed form beside a reading, the source's
#: reading beside a correction, running heads and page numbers
LEFT_OUT = {f"{TEI}sic", f"{TEI}orig", f"{TEI}fw"}
#: the attributes TEI Simple Print keeps on the elements we copy: the rest (``@cert``,
#: ``@resp``, ``@change`` of the edition's apparatus) is said in the apparatus lists
KEPT_ATTRIBUTES = {"n", "type", "place", "target", "ref", "when", "rend", XML_ID,
                   "{http://www.w3.org/XML/1998/namespace}lang"}
#: TEI Simple Print has ``name`` and no specific name elements: the kind goes into ``@type``
NAME_TYPES = {f"{TEI}persName": "person", f"{TEI}placeName": "place", f"{TEI}orgName": "org"}
#: a printed mark the reading text reads otherwise (the OCR's "¬" for a hyphen kept where
#: the join is in doubt is a hyphen, as ``reading_text`` reads it)
READ_AS = {"¬": "-"}
#: the TEI P5 places TEI Simple Print names otherwise (its closed list has no "foot")
PLACES = {"foot": "bottom"}
#: what TEI Simple Print allows in a front or back only inside a ``div``
WRAPPED_IN_DIV = {f"{TEI}listBibl"}
#: elements whose words are one block of the plain text (a paragraph, a heading, a closing)
BLOCKS = {f"{TEI}{name}" for name in ("head", "p", "label", "opener", "closer", "salute", "signed", "dateline",
                                      "byline", "item", "l", "quote", "postscript", "bibl", "ab", "trailer",
                                      "docAuthor", "docTitle", "docDate", "titlePart")}
#: the notes the edition prints as the document's own (not the header's notes)
OWN_NOTES = ("endnote", "footnote", "editorial")
#: the export's files for one document, beside its id
SIMPLE_SUFFIX, TEXT_SUFFIX = ".simple.xml", ".txt"


def write_exports(tei_dir: Path, out_dir: Path) -> list[Path]:
    """Write the TEI Simple Print copy and the plain text of every document in the built
    edition ``tei_dir`` into ``out_dir``; return the files written, in document order."""
    edition = load_edition(Path(tei_dir))
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for ident in edition.document_ids:
        tree = etree.parse(str(edition.tei_path(ident)))
        simple = out_dir / f"{ident}{SIMPLE_SUFFIX}"
        simple.write_bytes(etree.tostring(simple_print(tree), xml_declaration=True, encoding="UTF-8",
                                          pretty_print=True))
        text = out_dir / f"{ident}{TEXT_SUFFIX}"
        text.write_text(plain_text(tree), encoding="utf-8")
        written += [simple, text]
    return written


def simple_print(tree) -> etree._Element:
    """A TEI Simple Print document of the reading text of ``tree`` (a built document), with
    the apparatus as lists at the back."""
    source = tree.getroot() if hasattr(tree, "getroot") else tree
    root = etree.Element(f"{TEI}TEI", nsmap={None: TEI_NS})
    root.set(XML_ID, source.get(XML_ID) or "document")
    root.append(simple_header(source))
    text = etree.SubElement(root, f"{TEI}text")
    for part in ("front", "body", "back"):
        found = source.find(f"tei:text/tei:{part}", NS)
        copied = reading_copy(found) if found is not None else None
        if copied is not None:
            text.append(wrap_lists(copied))
    body = text.find("tei:body", NS)
    if body is None:
        body = etree.SubElement(text, f"{TEI}body")
    if not len(body):
        etree.SubElement(body, f"{TEI}p")
    records = apparatus(source)
    if records is not None:
        back = text.find("tei:back", NS)
        (back if back is not None else etree.SubElement(text, f"{TEI}back")).append(records)
    return root


def simple_header(source) -> etree._Element:
    """The header TEI Simple Print needs: the document's title, its publisher, permanent URL
    and licence, and the source it was read from."""
    header = etree.Element(f"{TEI}teiHeader")
    file_desc = etree.SubElement(header, f"{TEI}fileDesc")
    title_stmt = etree.SubElement(file_desc, f"{TEI}titleStmt")
    etree.SubElement(title_stmt, f"{TEI}title").text = first_text(source, "tei:teiHeader//tei:titleStmt/tei:title")
    publication = etree.SubElement(file_desc, f"{TEI}publicationStmt")
    publisher = first_text(source, "tei:teiHeader//tei:publicationStmt/tei:publisher")
    url = first_text(source, "tei:teiHeader//tei:publicationStmt/tei:idno[@type='URI']")
    licence = source.find("tei:teiHeader//tei:publicationStmt/tei:availability/tei:licence", NS)
    etree.SubElement(publication, f"{TEI}publisher").text = publisher or "unknown"
    if url:
        etree.SubElement(publication, f"{TEI}idno", type="URI").text = url
    if licence is not None:
        availability = etree.SubElement(publication, f"{TEI}availability")
        etree.SubElement(availability, f"{TEI}licence", target=licence.get("target", "")).text = \
            " ".join("".join(licence.itertext()).split())
    source_desc = etree.SubElement(file_desc, f"{TEI}sourceDesc")
    bibl = source.find("tei:teiHeader//tei:sourceDesc//tei:bibl", NS)
    etree.SubElement(source_desc, f"{TEI}p").text = (
        " ".join("".join(bibl.itertext()).split()) if bibl is not None else "A TEI Simple Print copy of "
        + (url or "the edition's document"))
    return header


def wrap_lists(part):
    """TEI Simple Print allows a list of documents (``listBibl``) in a ``div`` of the front or
    back, not directly in them: each goes into a ``div`` of its own."""
    for el in list(part):
        if el.tag in WRAPPED_IN_DIV:
            div = etree.Element(f"{TEI}div", type=etree.QName(el).localname)
            el.addprevious(div)
            div.append(el)
    return part


def first_text(source, path: str) -> str:
    found = source.find(path, NS)
    return " ".join("".join(found.itertext()).split()) if found is not None else ""


def reading_copy(el):
    """A copy of ``el`` as it reads: the source's readings, printed forms and furniture left
    out (their tails kept), ``choice`` unwrapped to its reading, attributes TEI Simple Print
    does not need dropped, a note's printed number kept as ``@n`` and its label left out."""
    if el.tag is etree.Comment or el.tag is etree.PI or el.tag in LEFT_OUT:
        return None
    if el.tag == f"{TEI}label" and parent_is(el, "note"):
        return None
    copy = etree.Element(f"{TEI}name" if el.tag in NAME_TYPES else el.tag)
    for name, value in el.attrib.items():
        if name in KEPT_ATTRIBUTES and not (name == "target" and el.tag == f"{TEI}note"):
            copy.set(name, value)
    if copy.get("place") in PLACES:
        copy.set("place", PLACES[copy.get("place")])
    if el.tag in NAME_TYPES:
        copy.set("type", NAME_TYPES[el.tag])
    if el.tag == f"{TEI}note" and el.get("type") in OWN_NOTES and not copy.get("place"):
        copy.set("place", "end")
    copy.text = READ_AS.get(el.text, el.text) if el.tag == f"{TEI}pc" else el.text
    for child in el:
        copied = reading_copy(child)
        if copied is None:
            append_text(copy, child.tail)
        elif copied.tag in (f"{TEI}choice", f"{TEI}corr", f"{TEI}reg") or is_soft_hyphen(child):
            unwrap_into(copy, copied, child.tail)
        else:
            copied.tail = child.tail
            copy.append(copied)
    return copy


def is_soft_hyphen(el) -> bool:
    """A line-end hyphen the word does not keep (``pc force="weak"`` before a joining
    ``lb``): the reading has no hyphen there."""
    following = el.getnext()
    return el.tag == f"{TEI}pc" and el.get("force") == "weak" and following is not None \
        and following.get("break") == "no"


def unwrap_into(parent, wrapper, tail: str | None) -> None:
    """Put ``wrapper``'s text and children in its place in ``parent`` (a ``choice`` reads
    as its reading; a soft hyphen reads as nothing)."""
    if wrapper.tag == f"{TEI}pc":
        append_text(parent, tail)
        return
    append_text(parent, wrapper.text)
    for child in list(wrapper):
        parent.append(child)
    append_text(parent, tail)


def append_text(parent, text: str | None) -> None:
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def parent_is(el, name: str) -> bool:
    parent = el.getparent()
    return parent is not None and parent.tag == f"{TEI}{name}"


def apparatus(source):
    """``div[@type='apparatus']`` (for the back): what the edition did to the source, one list per
    kind of record, each item naming the rule (or the editor's decision), the source's
    reading and the edition's."""
    lists = {"corrections": [], "hyphenation": [], "removals": [], "decisions": []}
    for choice in source.iterfind("tei:text//tei:choice", NS):
        sic, corr = choice.find("tei:sic", NS), choice.find("tei:corr", NS)
        reg, orig = choice.find("tei:reg", NS), choice.find("tei:orig", NS)
        if sic is not None and corr is not None:
            lists["corrections"].append(f"{words(corr)} ] {words(sic)} ({corr.get('type') or 'correction'}, "
                                        f"{who(corr)})")
        elif reg is not None and orig is not None:
            lists["hyphenation"].append(f"{words(reg)} ] {printed(orig)}")
    for span in source.iterfind("tei:standOff/tei:spanGrp[@type='removals']/tei:span", NS):
        removed = printed(span.find("tei:choice/tei:orig", NS)) if span.find("tei:choice/tei:orig", NS) is not None \
            else words(span)
        lists["removals"].append(f"{removed} ({span.get('subtype') or 'removal'}, {span.get('rend') or 'in the text'})")
    for change in source.iterfind("tei:teiHeader/tei:revisionDesc//tei:change", NS):
        lists["decisions"].append(f"{words(change)} ({change.get('who', '').rsplit('-', 1)[-1] or 'editors'}"
                                  f"{', ' + change.get('when') if change.get('when') else ''})")
    if not any(lists.values()):
        return None
    div = etree.Element(f"{TEI}div", type="apparatus")
    etree.SubElement(div, f"{TEI}head").text = "Apparatus"
    for kind, items in lists.items():
        if not items:
            continue
        section = etree.SubElement(div, f"{TEI}div", type=kind)
        etree.SubElement(section, f"{TEI}head").text = APPARATUS_HEADS[kind]
        listing = etree.SubElement(section, f"{TEI}list")
        for item in items:
            etree.SubElement(listing, f"{TEI}item").text = item
    return div


#: the heading of each list of the apparatus
APPARATUS_HEADS = {"corrections": "Corrections (reading ] source)", "hyphenation": "Words broken over a line (reading ] as printed)",
                   "removals": "Removed from the text (what, rule, where it stood)",
                   "decisions": "The editors' decisions and the pipeline's changes"}


def words(el) -> str:
    return " ".join("".join(el.itertext()).split())


def printed(orig) -> str:
    """A printed form with its line and page breaks shown as ``|``."""
    parts = [orig.text or ""]
    for el in orig.iter():
        if el is orig:
            continue
        if el.tag in (f"{TEI}lb", f"{TEI}pb"):
            parts.append("|")
        elif el.text:
            parts.append(el.text)
        parts.append(el.tail or "")
    return " ".join("".join(parts).split())


def who(el) -> str:
    return (el.get("resp") or "").lstrip("#").rsplit("-", 1)[-1] or "pipeline"


def plain_text(tree) -> str:
    """The reading text of a built document: each block (heading, paragraph, closing) a
    paragraph of one line, paragraphs separated by a blank line; then the document's notes,
    each after its printed number (``@n``)."""
    source = tree.getroot() if hasattr(tree, "getroot") else tree
    text = source.find("tei:text", NS)
    blocks = [reading_text(block) for block in outer_blocks(text)] if text is not None else []
    notes = [f"[{note.get('n') or k}] {reading_text(note_body(note))}"
             for k, note in enumerate(own_notes(source), start=1)]
    parts = [b for b in blocks if b] + ([NOTES_RULE] + notes if notes else [])
    return "\n\n".join(parts) + "\n"


#: the line that opens the notes of the plain text
NOTES_RULE = "Notes"


def outer_blocks(text):
    """The blocks of the text (front, body, back) that are not inside another block,
    outside notes."""
    for el in text.iter(*BLOCKS):
        if any(a.tag in BLOCKS or a.tag == f"{TEI}note" for a in el.iterancestors()):
            continue
        yield el


def own_notes(source) -> list:
    return [note for note in source.iterfind("tei:text//tei:note", NS) if note.get("type") in OWN_NOTES]


def note_body(note):
    """A note without its label (its printed number is given as ``@n``)."""
    copy = etree.fromstring(etree.tostring(note))
    for label in copy.findall("tei:label", NS):
        tail = label.tail
        parent = label.getparent()
        parent.remove(label)
        append_text(parent, tail)
    return copy
