"""The corpus files: a ``teiCorpus`` whose header describes the edition and its raw
sources, in two forms. ``corpus.xml`` includes every document file by XInclude (what
an XML database or an editor's tool resolves); ``edition.xml`` holds every document in
itself, for tools that do not resolve XInclude (CETEIcean, Saxon without it)."""

from __future__ import annotations

import regex
from lxml import etree

from pipeline import __version__
from pipeline.edition import UNPUBLISHED, EditionFacts
from pipeline.encode.header import KIND_NAMES, publication_stmt, resp_stmt
from pipeline.encode.inline import tei

XINCLUDE = "http://www.w3.org/2001/XInclude"
TEI_NS = "http://www.tei-c.org/ns/1.0"


def corpus_header(files, redirects, edition: EditionFacts = UNPUBLISHED, ident: str = "corpus") -> etree._Element:
    """The corpus's teiHeader: the edition (its title, editors, publisher, permanent URL and
    licence, from ``edition``), its raw files (with their documents), and the redirect table
    of ids that no longer name a document of their own."""
    header = tei("teiHeader")
    file_desc = tei("fileDesc", header)
    title_stmt = tei("titleStmt", file_desc)
    tei("title", title_stmt, edition.title)
    if edition.editors:
        stmt = tei("respStmt", title_stmt, xml_id=f"{ident}-editors")
        tei("resp", stmt, "edited by")
        for name in edition.editors:
            tei("name", stmt, name)
    resp_stmt(title_stmt, f"{ident}-pipeline", "automatic repair, segmentation and TEI encoding",
              f"sfp-edition pipeline {__version__}")
    publication_stmt(file_desc, edition, ident)
    listing = tei("listBibl", tei("sourceDesc", file_desc))
    for build in files:
        bibl = tei("bibl", listing, type="rawFile")
        tei("title", bibl, KIND_NAMES.get(build.kind, "unreadable file"))
        tei("idno", bibl, f"raw/{build.name}", type="file")
        if build.sha256:
            tei("idno", bibl, build.sha256, type="sha256")
        if build.documents:
            tei("note", bibl, f"{len(build.documents)} document(s): " + " ".join(d.ident for d in build.documents),
                type="documents")
        if build.error:
            tei("note", bibl, build.error, type="buildError")
    if redirects:
        relations = tei("listRelation", listing.getparent(), type="redirects")
        for old, new in redirects:
            tei("relation", relations, name="redirect", active=f"#{old}", passive=f"#{new}")
    return header


def corpus_root() -> etree._Element:
    root = etree.Element(f"{{{TEI_NS}}}teiCorpus", nsmap={None: TEI_NS, "xi": XINCLUDE})
    root.set("{http://www.w3.org/XML/1998/namespace}id", "corpus")
    return root


def encode_corpus(files, redirects=(), edition: EditionFacts = UNPUBLISHED) -> etree._Element:
    """``corpus.xml``: the header and one XInclude per document file, in source order."""
    root = corpus_root()
    root.append(corpus_header(files, redirects, edition))
    for build in files:
        for doc in build.documents:
            etree.SubElement(root, f"{{{XINCLUDE}}}include", href=f"{doc.ident}.xml")
    return root


def standalone_corpus(files, documents: dict[str, str], redirects=(), edition: EditionFacts = UNPUBLISHED) -> str:
    """``edition.xml``: the same corpus with every document in it (no XInclude to resolve).
    ``documents`` maps each id to its final XML; they are put in as text, in source order."""
    root = etree.Element(f"{{{TEI_NS}}}teiCorpus", nsmap={None: TEI_NS})
    root.set("{http://www.w3.org/XML/1998/namespace}id", "edition")
    root.append(corpus_header(files, redirects, edition))
    head, _, tail = etree.tostring(root, pretty_print=True, encoding="unicode").rpartition("</teiCorpus>")
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n', head]
    for build in files:
        for doc in build.documents:
            parts.append(DECLARATIONS.sub("", documents[doc.ident]))
    parts.append("</teiCorpus>" + tail)
    return "".join(parts)


#: what stands before a document's root element: the XML declaration and xml-model instructions
DECLARATIONS = regex.compile(r"\A(?:<\?[^>]*\?>\s*)+")
