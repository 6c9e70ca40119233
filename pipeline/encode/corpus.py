"""The corpus file: a ``teiCorpus`` whose header describes the edition and its raw
sources, and which includes every document file, in source order."""

from __future__ import annotations

from lxml import etree

from pipeline import __version__
from pipeline.encode.header import EDITION_TITLE, KIND_NAMES, resp_stmt, source_bibl
from pipeline.encode.inline import tei

XINCLUDE = "http://www.w3.org/2001/XInclude"


def encode_corpus(written, report):
    """``written`` is a list of (doc_id, Document) in source order."""
    root = etree.Element("{http://www.tei-c.org/ns/1.0}teiCorpus", nsmap={None: "http://www.tei-c.org/ns/1.0",
                                                                        "xi": XINCLUDE})
    root.set("{http://www.w3.org/XML/1998/namespace}id", "corpus")
    header = tei("teiHeader", root)
    file_desc = tei("fileDesc", header)
    title_stmt = tei("titleStmt", file_desc)
    tei("title", title_stmt, EDITION_TITLE)
    resp_stmt(title_stmt, "corpus-pipeline", "automatic repair, segmentation and TEI encoding",
              f"sfp-edition pipeline {__version__}")
    publication = tei("publicationStmt", file_desc)
    tei("publisher", publication, EDITION_TITLE)
    tei("idno", publication, "corpus", type="edition")
    source_desc = tei("sourceDesc", file_desc)
    listing = tei("listBibl", source_desc)
    documents_by_file = {}
    for doc_id, doc in written:
        documents_by_file.setdefault(doc.source.name, (doc, []))[1].append(doc_id)
    for result in report.files:
        bibl = tei("bibl", listing, type="rawFile")
        tei("title", bibl, KIND_NAMES.get(result.kind, "unreadable file"))
        tei("idno", bibl, f"raw/{result.name}", type="file")
        if result.name in documents_by_file:
            doc, ids = documents_by_file[result.name]
            tei("idno", bibl, doc.source.sha256, type="sha256")
            tei("note", bibl, f"{len(ids)} document(s): " + " ".join(ids), type="documents")
            if doc.meta.doc_type == "frontMatter" and doc.meta.source is not None:
                source_bibl(listing, doc.meta.source, "printedBook", doc.meta.author)
        if result.error:
            tei("note", bibl, result.error, type="buildError")
    for doc_id, _ in written:
        etree.SubElement(root, f"{{{XINCLUDE}}}include", href=f"{doc_id}.xml")
    return root
