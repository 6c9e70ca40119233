"""The teiHeader of one document: title, author, dates, sources, responsibilities,
licence, the raw file it came from, and the pipeline that made it."""

from __future__ import annotations

from collections import Counter

import regex

from pipeline import __version__
from pipeline.annotate import correspondent_ref
from pipeline.edition import UNPUBLISHED, EditionFacts
from pipeline.encode.inline import tei
from pipeline.model import DateValue, Document

KIND_NAMES = {
    "mia": "Marxists Internet Archive page copy",
    "dsfp": "Documents on Soviet Foreign Policy page copy",
    "ia-ocr": "Internet Archive OCR full text of a printed book",
    "unknown": "plain text of an unrecognised kind",
}
HYPHENATION_POLICY = (
    "Line-end hyphens of printed pages are kept in the text as printed, in pc[@type='hyphen'] before lb: "
    "a hyphen the pipeline judged soft is pc[@force='weak'] before lb[@break='no'] (a reading view joins the "
    "word and drops it); where the evidence is even, pc[@force='inter'] before lb[@break='maybe'] (a reading "
    "view keeps it); a hyphen that belongs to the word stays in the text before lb[@break='no']. A word that "
    "runs on over a page turn has pb[@break='no'] right after its lb.")
CORRECTION_POLICY = (
    "Every change the pipeline or an editor made to the source's characters is a choice whose sic holds the "
    "source's reading and whose corr holds the repair: corr/@resp points to the pipeline's respStmt and, where "
    "an editor accepted or made it, to the editor's; corr/@type names the rule and corr/@cert its confidence. "
    "A correction an editor rejected is a seg[@type='rejected-…'] holding the source's reading. Removed "
    "furniture and stray marks are kept in standOff/spanGrp[@type='removals'], each span pointing to where "
    "it stood (@target, @rend) and holding the removed characters as choice/orig beside an empty reg.")
NORMALISATION_POLICY = (
    "White space is normalised silently: runs of spaces are one space, and the OCR's spaces before "
    "punctuation and inside brackets (\"camp )\", \"( Extract\") are closed up; the rules and how often "
    "each applied are listed in appInfo. The raw file, named with its SHA-256 in sourceDesc, keeps the "
    "spacing as it was.")


def build_header(doc: Document, doc_id: str, rules_used: Counter, edition: EditionFacts = UNPUBLISHED):
    header = tei("teiHeader")
    file_desc = tei("fileDesc", header)
    build_title_stmt(file_desc, doc, doc_id)
    publication_stmt(file_desc, edition, doc_id, doc.meta.licence)
    build_source_desc(file_desc, doc, doc_id)
    build_encoding_desc(header, rules_used)
    build_profile_desc(header, doc, doc_id)
    build_revision_desc(header, doc, doc_id)
    return header


def publication_stmt(file_desc, edition: EditionFacts, ident: str, source_licence: str = ""):
    """Who publishes the file, its id, its permanent URL (the edition's base URL and the
    id: what a citation or a harvester links to) and the edition's licence with the URL of
    its text, so that a machine can read it; a licence the source states follows it."""
    publication = tei("publicationStmt", file_desc)
    tei("publisher", publication, edition.publisher)
    tei("idno", publication, ident, type="edition")
    if edition.document_url(ident):
        tei("idno", publication, edition.document_url(ident), type="URI")
    availability = tei("availability", publication)
    tei("licence", availability, f"{edition.title} is published under the licence {edition.licence}.",
        target=edition.licence_url)
    if source_licence:
        tei("licence", availability, f"The source: {source_licence}")
    return publication


#: the passages a citation or a DTS client can address, one citation tree each: paragraphs
#: and notes (the default), and printed pages. A note is cited by its id without the
#: document's prefix ("n2", "fn1"), which is unique where printed numbers repeat ("*").
CITATION_TREES = (
    ("passages", True, (("paragraph", "/TEI/text/body//p", "@n"),
                        ("note", "/TEI/text/back//note[@xml:id]",
                         "substring-after(@xml:id, concat(/TEI/@xml:id, '-'))"))),
    ("pages", False, (("page", "/TEI/text/body//pb[@n]", "@n"),)),
)


def build_refs_decl(encoding_desc) -> None:
    """``refsDecl``s with ``citeStructure``: how to address a paragraph (its ``@n``), a
    note and a printed page, for citations and for DTS navigation."""
    for name, default, structures in CITATION_TREES:
        refs = tei("refsDecl", encoding_desc, n=name, default="true" if default else "false")
        for unit, match, use in structures:
            tei("citeStructure", refs, unit=unit, match=match, use=use)


def build_revision_desc(header, doc: Document, doc_id: str) -> None:
    """Each applied editorial decision, with its editor, date and where it is written."""
    if not doc.revisions:
        return
    changes = tei("listChange", tei("revisionDesc", header))
    for revision in doc.revisions:
        tei("change", changes, revision.text, xml_id=f"{doc_id}-rev-{revision.key}",
            who=f"#{doc_id}-editor-{revision.who}", when=revision.when, type=revision.kind,
            source=revision.origin.rsplit(":", 1)[0] if revision.origin else None)


def build_title_stmt(file_desc, doc: Document, doc_id: str) -> None:
    meta = doc.meta
    stmt = tei("titleStmt", file_desc)
    decided = meta.decided_by("title")
    tei("title", stmt, meta.title or "Untitled document", type="supplied" if meta.title_supplied else None,
        resp=editor_ref(doc_id, decided), change=revision_ref(doc_id, decided),
        source=f"#{doc_id}-source" if decided and meta.source is not None else None)
    if meta.author:
        tei("author", stmt, meta.author)
    for ident, resp, name in (("translator", "translation", meta.translator),
                              ("transcriber", "transcription and markup", meta.transcriber)):
        if name:
            resp_stmt(stmt, f"{doc_id}-{ident}", resp, name)
    editors_work = (("notes signed “—Ed.” or supplied", any(n.resp == "editors" for n in doc.notes)),
                    ("the introduction printed before the document", any(b.part == "intro" for b in doc.front)),
                    ("the book's list of documents", any(b.part == "booklist" for b in doc.body)))
    works = [what for what, present in editors_work if present]
    if works:
        resp_stmt(stmt, f"{doc_id}-editors", f"{' and '.join(works)} by the source edition's editors",
                  "Editors of the source edition")
    resp_stmt(stmt, f"{doc_id}-pipeline", "automatic repair, segmentation and TEI encoding",
              f"sfp-edition pipeline {__version__}")
    for who, name in editors_of(doc):
        resp_stmt(stmt, f"{doc_id}-editor-{who}", "editorial decisions (editorial/*.toml)", name)


def editors_of(doc: Document) -> list[tuple[str, str]]:
    """The editors whose decisions the document carries, by key."""
    return sorted({(r.who, r.who_name) for r in doc.revisions})


def editor_ref(doc_id: str, decided) -> str | None:
    return f"#{doc_id}-editor-{decided[1]}" if decided else None


def revision_ref(doc_id: str, decided) -> str | None:
    return f"#{doc_id}-rev-{decided[0]}" if decided else None


def resp_stmt(parent, ident: str, resp: str, name: str) -> None:
    stmt = tei("respStmt", parent, xml_id=ident)
    tei("resp", stmt, resp)
    tei("name", stmt, name)


def build_source_desc(file_desc, doc: Document, doc_id: str) -> None:
    meta, source = doc.meta, doc.source
    desc = tei("sourceDesc", file_desc)
    if meta.source is not None:
        bibl = source_bibl(desc, meta.source, "source")
        bibl.set("{http://www.w3.org/XML/1998/namespace}id", f"{doc_id}-source")
    for number, other in enumerate(meta.other_sources, start=2):
        bibl = source_bibl(desc, other, "source")
        bibl.set("{http://www.w3.org/XML/1998/namespace}id", f"{doc_id}-source{number}")
    if meta.first_published:
        tei("bibl", desc, meta.first_published, type="firstPublished")
    published = [event for event in meta.publications if event.kind in PUBLICATION_TYPES]
    if published:
        events = tei("listBibl", desc, type="publications")
        for number, event in enumerate(published, start=1):
            publication_bibl(events, event, f"{doc_id}-pub{number}", doc_id)
    if meta.container is not None:
        book = source_bibl(desc, meta.container, "printedBook", meta.author)
        if doc.first_page:
            tei("biblScope", book, unit="page", **{"from": doc.first_page, "to": doc.last_page or doc.first_page})
    raw = tei("bibl", desc, type="rawFile")
    tei("title", raw, KIND_NAMES.get(source.kind, source.kind))
    tei("idno", raw, f"raw/{source.name}", type="file")
    tei("idno", raw, source.sha256, type="sha256")
    if doc.start or doc.end < len(source.text):
        tei("citedRange", raw, f"{doc.start}-{doc.end}", unit="char")
    for note in source.decode_notes:
        tei("note", raw, note, type="decoding")


def source_bibl(parent, source, kind: str, author: str = ""):
    """A structured ``bibl`` of a source: title, edition, imprint, volume and pages."""
    bibl = tei("bibl", parent, type=kind)
    if author:
        tei("author", bibl, author)
    for tag, value in (("title", source.title), ("edition", source.edition), ("publisher", source.publisher),
                       ("pubPlace", source.pub_place), ("date", source.date)):
        if value:
            tei(tag, bibl, value)
    if source.volume:
        tei("biblScope", bibl, source.volume, unit="volume")
    if source.pages:
        tei("biblScope", bibl, source.pages, unit="page", **page_bounds(source.pages))
    if source.text:
        tei("note", bibl, source.text, type="asPrinted")
    return bibl


#: Publication.kind -> bibl/@type
PUBLICATION_TYPES = {"published": "published", "first-published": "firstPublished",
                     "collected-works": "collectedWorks", "copy-text": "copyText", "verified": "verifiedWith"}


def publication_bibl(parent, event, ident: str, doc_id: str):
    """One event of a printed source block: a periodical's issue, a book, the Collected
    Works volume and pages, the text followed; its words as printed in a note."""
    bibl = tei("bibl", parent, type=PUBLICATION_TYPES[event.kind], xml_id=ident)
    if event.title:
        tei("title", bibl, event.title, level=event.level)
    if event.issue:
        tei("biblScope", bibl, event.issue, unit="issue")
    if event.volume:
        tei("biblScope", bibl, event.volume, unit="volume")
    if event.pages:
        tei("biblScope", bibl, event.pages, unit="page", **page_bounds(event.pages))
    if event.pub_place:
        tei("pubPlace", bibl, event.pub_place)
    if event.date:
        date_element(bibl, event.date, doc_id)
    if event.qualifier:
        tei("note", bibl, event.qualifier, type="qualifier")
    tei("note", bibl, event.text, type="asPrinted")
    return bibl


def page_bounds(pages: str) -> dict:
    """``from`` and ``to`` of one printed range ("325-33" -> 325, 333); none for several.

    >>> page_bounds("325-33"), page_bounds("1005-7"), page_bounds("538"), page_bounds("143-55, 162-63")
    ({'from': '325', 'to': '333'}, {'from': '1005', 'to': '1007'}, {'from': '538', 'to': '538'}, {})
    """
    found = regex.fullmatch(r"(\d+)(?:\s*[-–]\s*(\d+))?", pages.strip())
    if not found:
        return {}
    first, last = found.group(1), found.group(2) or found.group(1)
    if len(last) < len(first):  # "325-33": the printed range leaves out the leading digits
        last = first[:len(first) - len(last)] + last
    return {"from": first, "to": last}


def build_encoding_desc(header, rules_used: Counter) -> None:
    desc = tei("encodingDesc", header)
    app_info = tei("appInfo", desc)
    app = tei("application", app_info, ident="sfp-edition-pipeline", version=__version__)
    tei("label", app, "sfp-edition pipeline (ingest, repair, segment, encode, validate)")
    for rule, count in sorted(rules_used.items()):
        tei("p", app, f"{rule}: {count}", n=rule)
    editorial = tei("editorialDecl", desc)
    correction = tei("correction", editorial, method="markup")
    tei("p", correction, CORRECTION_POLICY)
    normalisation = tei("normalization", editorial, method="silent")
    tei("p", normalisation, NORMALISATION_POLICY)
    hyphenation = tei("hyphenation", editorial, eol="some")
    tei("p", hyphenation, HYPHENATION_POLICY)
    build_refs_decl(desc)
    build_tags_decl(desc)


#: CSS that a consumer applying the header's renditions (CETEIcean does, by default) needs to
#: show the reading text: the source's side of each choice (sic; orig, a broken word as
#: printed or a removal's characters), the header and the removal record are not read
READING_RENDITIONS = (
    ("teiHeader, standOff, fw", "display: none;"),
    ("choice > sic, choice > orig", "display: none;"),
)


def build_tags_decl(encoding_desc) -> None:
    """``tagsDecl/rendition[@scheme='css'][@selector]``: what a reader does not read, as CSS
    that CETEIcean turns into the page's style with its default behaviours."""
    tags = tei("tagsDecl", encoding_desc)
    for selector, css in READING_RENDITIONS:
        tei("rendition", tags, css, scheme="css", selector=selector)


def build_profile_desc(header, doc: Document, doc_id: str) -> None:
    meta = doc.meta
    profile = tei("profileDesc", header)
    if any(date.when_julian for date in (meta.date, *(p.date for p in meta.publications if p.kind in PUBLICATION_TYPES))
           if date):
        calendars = tei("calendarDesc", profile)
        calendar = tei("calendar", calendars, xml_id=f"{doc_id}-julian")
        tei("p", calendar, "Julian calendar (Old Style), used in Russia until 1 (14) February 1918.")
    if meta.date and not meta.date.is_empty():
        creation = tei("creation", profile)
        decided = meta.decided_by("date")
        el = date_element(creation, meta.date, doc_id)
        if decided:
            el.set("resp", editor_ref(doc_id, decided))
            el.set("change", revision_ref(doc_id, decided))
    if meta.addressee or doc.meta.doc_type in {"letter", "telegram"}:
        build_corresp_desc(profile, doc, doc_id)
    classes = tei("textClass", profile)
    keywords = tei("keywords", classes, scheme="#document-types")
    decided = meta.decided_by("kind")
    tei("term", keywords, meta.doc_type, resp=editor_ref(doc_id, decided), change=revision_ref(doc_id, decided))


def build_corresp_desc(profile, doc: Document, doc_id: str) -> None:
    meta = doc.meta
    desc = tei("correspDesc", profile)
    sent = tei("correspAction", desc, type="sent")
    decided = meta.decided_by("sender")
    tei("persName", sent, meta.sender or "unknown", resp=editor_ref(doc_id, decided),
        change=revision_ref(doc_id, decided), ref=correspondent_ref(doc, "sender"))
    if meta.place:
        decided = meta.decided_by("place")
        tei("placeName", sent, meta.place, resp=editor_ref(doc_id, decided), change=revision_ref(doc_id, decided),
            ref=correspondent_ref(doc, "place"))
    if meta.date and not meta.date.is_empty():
        date_element(sent, meta.date, doc_id, text=False)
    received = tei("correspAction", desc, type="received")
    decided = meta.decided_by("addressee")
    tei("persName", received, meta.addressee or "unknown", resp=editor_ref(doc_id, decided),
        change=revision_ref(doc_id, decided), ref=correspondent_ref(doc, "addressee"))


def date_element(parent, date: DateValue, doc_id: str, text: bool = True):
    """``date`` with ISO attributes; both calendars for a dual (Old/New Style) date."""
    attrs = {"when": date.when, "notBefore": date.not_before, "notAfter": date.not_after}
    if date.when_julian:
        attrs.update({"when-custom": date.when_julian, "datingMethod": f"#{doc_id}-julian"})
    el = tei("date", parent, date.text if text else None)
    for key, value in attrs.items():
        if value:
            el.set(key, value)
    return el
