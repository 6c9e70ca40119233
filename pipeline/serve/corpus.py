"""The built edition as the DTS server reads it: the corpus (``corpus.xml``) is the root
collection and each document of ``manifest.json`` a resource, in source order.

Everything is read from ``tei/`` as published, never from the pipeline's records, so other
editions get exactly what the site shows. A resource is named by its permanent address
(``publicationStmt/idno[@type='URI']``), else by its id; a request may use either.

A document is parsed when first asked for and kept while its file is unchanged (same size
and modification time), so a rebuild of ``tei/`` under a running server is served as it is
now. What is kept belongs to one ``Corpus`` (one server), never to the module.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from pipeline.errors import NoEditionError
from pipeline.publish.edition import MANIFEST, load_edition
from pipeline.publish.facts import DocumentFacts, document_facts, first_text
from pipeline.serve.citations import NS, CitationTree, citation_trees

CORPUS_FILE = "corpus.xml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@dataclass(frozen=True)
class Document:
    """One document as served: its id, permanent address, tree, facts and citation trees."""
    ident: str
    uri: str
    path: Path
    root: etree._Element
    facts: DocumentFacts
    language: str
    licence: str
    trees: tuple[CitationTree, ...]

    def tree(self, name: str | None) -> CitationTree | None:
        """The citation tree named ``name`` (``None``: the default one)."""
        return next((tree for tree in self.trees if tree.name == name), None)


@dataclass(frozen=True)
class CorpusFacts:
    """The root collection's own facts, from ``corpus.xml``'s header."""
    ident: str
    title: str
    publisher: str
    licence: str
    language: str


class Corpus:
    """The documents of a built edition folder, each parsed once while its file is unchanged."""

    def __init__(self, tei_dir: Path):
        self.tei_dir = Path(tei_dir)
        if not (self.tei_dir / MANIFEST).is_file():
            raise NoEditionError(self.tei_dir)
        self._parsed: dict[Path, tuple[tuple[int, int], object]] = {}
        self._lock = threading.Lock()

    def idents(self) -> list[str]:
        """The documents' ids in source order (those whose file is there)."""
        return [ident for ident in load_edition(self.tei_dir).document_ids
                if (self.tei_dir / f"{ident}.xml").is_file()]

    def documents(self) -> list[Document]:
        return [self.document(ident) for ident in self.idents()]

    def document(self, ident: str) -> Document:
        path = self.tei_dir / f"{ident}.xml"
        return self.kept(path, lambda: read_document(ident, path))

    def facts(self) -> CorpusFacts:
        """The corpus's facts (its id and title from ``corpus.xml``; the folder's name without it)."""
        path = self.tei_dir / CORPUS_FILE
        if not path.is_file():
            return CorpusFacts(self.tei_dir.name, self.tei_dir.name, "", "", "")
        return self.kept(path, lambda: read_corpus_facts(path))

    def find(self, identifier: str) -> Document | None:
        """The document a request names, by its permanent address or its id."""
        for ident in self.idents():
            document = self.document(ident)
            if identifier in (document.uri, document.ident):
                return document
        return None

    def kept(self, path: Path, read):
        """What ``read`` makes of ``path``, read again only when the file changed."""
        status = path.stat()
        stamp = (status.st_mtime_ns, status.st_size)
        with self._lock:
            known = self._parsed.get(path)
            if known is not None and known[0] == stamp:
                return known[1]
        value = read()
        with self._lock:
            self._parsed[path] = (stamp, value)
        return value


def read_document(ident: str, path: Path) -> Document:
    root = etree.parse(str(path)).getroot()
    publication = root.find("tei:teiHeader/tei:fileDesc/tei:publicationStmt", NS)
    return Document(
        ident=ident,
        uri=first_text(publication, "tei:idno[@type='URI']") or ident,
        path=path,
        root=root,
        facts=document_facts(root),
        language=root.get(XML_LANG, ""),
        licence=licence_of(publication),
        trees=tuple(citation_trees(root)),
    )


def read_corpus_facts(path: Path) -> CorpusFacts:
    root = etree.parse(str(path)).getroot()
    publication = root.find("tei:teiHeader/tei:fileDesc/tei:publicationStmt", NS)
    return CorpusFacts(
        ident=first_text(publication, "tei:idno[@type='URI']") or root.get(XML_ID, "corpus"),
        title=first_text(root, "tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title"),
        publisher=first_text(publication, "tei:publisher"),
        licence=licence_of(publication),
        language=root.get(XML_LANG, ""),
    )


def licence_of(publication) -> str:
    """The licence's address (``availability/licence/@target``), else ""."""
    if publication is None:
        return ""
    licence = publication.find("tei:availability/tei:licence", NS)
    return licence.get("target", "") if licence is not None else ""
