"""The facts of one document's ``teiHeader``, read once into plain values for the site's
pages and the CMIF export (who reads the header in two places reads it two ways).

Pointers (``#…-editor-sfp``) are resolved to the names of their ``respStmt``, so that a
page says who made a decision, not which id did.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

NS = {"tei": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
#: ISO attributes of a TEI date, in the order a reader wants them
DATE_ATTRIBUTES = ("when", "notBefore", "notAfter", "from", "to")


@dataclass(frozen=True)
class DateFacts:
    text: str = ""
    iso: dict = field(default_factory=dict)  # when / notBefore / notAfter / from / to
    julian: str = ""  # when-custom, Old Style

    def iso_label(self, short: bool = False) -> str:
        """``1917-11-08``, ``1919-09-26 – 1919-09-30`` (a range), with the Julian date.

        >>> DateFacts("", {"when": "1917-11-08"}, "1917-10-26").iso_label(short=True)
        '1917-11-08 (O.S. 1917-10-26)'
        """
        iso = self.iso
        if "when" in iso:
            label = iso["when"]
        elif "notBefore" in iso or "notAfter" in iso:
            label = f"{iso.get('notBefore', '…')} – {iso.get('notAfter', '…')}"
        else:
            label = f"{iso.get('from', '…')} – {iso.get('to', '…')}" if iso else ""
        old_style = "O.S." if short else "Old Style"
        return f"{label} ({old_style} {self.julian})" if self.julian else label


@dataclass(frozen=True)
class BiblFacts:
    """A ``bibl`` of the sourceDesc, in parts."""
    kind: str
    title: str = ""
    parts: tuple[str, ...] = ()  # edition, publisher, place, date
    volume: str = ""
    pages: str = ""
    as_printed: str = ""

    def summary(self) -> str:
        bits = [b for b in (self.title, *self.parts) if b]
        if self.volume:
            bits.append(f"vol. {self.volume}")
        if self.pages:
            bits.append(f"p. {self.pages}")
        return ", ".join(bits)


@dataclass(frozen=True)
class Decision:
    """An editors' decision applied to the document (``revisionDesc/listChange/change``)."""
    ident: str
    kind: str
    when: str
    who: str
    text: str
    source: str


@dataclass(frozen=True)
class Correspondence:
    sender: str = ""
    place: str = ""
    addressee: str = ""
    date: DateFacts = DateFacts()


@dataclass(frozen=True)
class DocumentFacts:
    ident: str
    title: str
    title_supplied: bool
    title_resp: str  # who supplied the title (a name), "" when the pipeline did
    author: str
    date: DateFacts
    kind: str
    source: BiblFacts | None
    printed_book: BiblFacts | None
    printed_pages: tuple[str, str] | None  # from, to
    first_published: str
    translator: str
    transcriber: str
    raw_file: str
    raw_kind: str
    sha256: str
    char_range: str
    decisions: tuple[Decision, ...]
    correspondence: Correspondence | None
    publisher: str = ""
    editors: tuple[str, ...] = ()
    witnesses: tuple[tuple[str, str], ...] = ()  # (the other witness's document id, description)

    def pages_label(self) -> str:
        if not self.printed_pages:
            return ""
        first, last = self.printed_pages
        return first if first == last or not last else f"{first}–{last}"


def document_facts(tree) -> DocumentFacts:
    """Read the facts of a TEI document (its tree or root element)."""
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    header = root.find("tei:teiHeader", NS)
    names = resp_names(header)
    title = header.find("tei:fileDesc/tei:titleStmt/tei:title", NS)
    printed = bibl(header, "printedBook")
    return DocumentFacts(
        ident=root.get(XML_ID, ""),
        title=text_of(title),
        title_supplied=title is not None and title.get("type") == "supplied",
        title_resp=names.get(pointer(title.get("resp")) if title is not None else "", ""),
        author=first_text(header, "tei:fileDesc/tei:titleStmt/tei:author"),
        date=date_facts(header.find("tei:profileDesc/tei:creation/tei:date", NS)),
        kind=first_text(header, "tei:profileDesc/tei:textClass/tei:keywords/tei:term"),
        source=bibl(header, "source"),
        printed_book=printed,
        printed_pages=page_range(header),
        first_published=first_text(header, "tei:fileDesc/tei:sourceDesc/tei:bibl[@type='firstPublished']"),
        translator=names.get(f"{root.get(XML_ID)}-translator", ""),
        transcriber=names.get(f"{root.get(XML_ID)}-transcriber", ""),
        raw_file=first_text(header, "tei:fileDesc/tei:sourceDesc/tei:bibl[@type='rawFile']/tei:idno[@type='file']"),
        raw_kind=first_text(header, "tei:fileDesc/tei:sourceDesc/tei:bibl[@type='rawFile']/tei:title"),
        sha256=first_text(header, "tei:fileDesc/tei:sourceDesc/tei:bibl[@type='rawFile']/tei:idno[@type='sha256']"),
        char_range=first_text(header, "tei:fileDesc/tei:sourceDesc/tei:bibl[@type='rawFile']/tei:citedRange"),
        decisions=decisions(header, names),
        correspondence=correspondence(header),
        publisher=first_text(header, "tei:fileDesc/tei:publicationStmt/tei:publisher"),
        editors=tuple(name for ident, name in names.items() if "-editor-" in ident),
        witnesses=witnesses(header),
    )


def text_of(el) -> str:
    """The text of an element, white space collapsed."""
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def first_text(parent, path: str) -> str:
    return text_of(parent.find(path, NS))


def pointer(value: str | None) -> str:
    """The first id a ``#id #id2`` pointer names."""
    return (value or "").split()[0].lstrip("#") if (value or "").split() else ""


def resp_names(header) -> dict[str, str]:
    """Names of the respStmts, by id (the pipeline, editors, translator, …)."""
    return {stmt.get(XML_ID): text_of(stmt.find("tei:name", NS))
            for stmt in header.iterfind("tei:fileDesc/tei:titleStmt/tei:respStmt", NS) if stmt.get(XML_ID)}


def date_facts(el) -> DateFacts:
    if el is None:
        return DateFacts()
    iso = {name: el.get(name) for name in DATE_ATTRIBUTES if el.get(name)}
    return DateFacts(text_of(el), iso, el.get("when-custom", ""))


def bibl(header, kind: str) -> BiblFacts | None:
    el = header.find(f"tei:fileDesc/tei:sourceDesc/tei:bibl[@type='{kind}']", NS)
    if el is None:
        return None
    parts = tuple(first_text(el, f"tei:{tag}") for tag in ("edition", "publisher", "pubPlace", "date"))
    return BiblFacts(kind, first_text(el, "tei:title"), tuple(p for p in parts if p),
                     first_text(el, "tei:biblScope[@unit='volume']"),
                     first_text(el, "tei:biblScope[@unit='page']"),
                     first_text(el, "tei:note[@type='asPrinted']"))


def page_range(header) -> tuple[str, str] | None:
    scope = header.find("tei:fileDesc/tei:sourceDesc/tei:bibl[@type='printedBook']/tei:biblScope[@unit='page']", NS)
    if scope is None or not scope.get("from"):
        return None
    return scope.get("from"), scope.get("to", "")


def decisions(header, names: dict[str, str]) -> tuple[Decision, ...]:
    return tuple(Decision(change.get(XML_ID, ""), change.get("type", ""), change.get("when", ""),
                          names.get(pointer(change.get("who")), pointer(change.get("who"))),
                          text_of(change), change.get("source", ""))
                 for change in header.iterfind("tei:revisionDesc/tei:listChange/tei:change", NS))


def witnesses(header) -> tuple[tuple[str, str], ...]:
    """The other copies of the same text in the edition (``sourceDesc/listWit``), each
    as the id of its document (from ``@corresp``, a file name) and its description."""
    return tuple((Path(pointer(w.get("corresp"))).stem, text_of(w))
                 for w in header.iterfind("tei:fileDesc/tei:sourceDesc/tei:listWit/tei:witness", NS))


def correspondence(header) -> Correspondence | None:
    desc = header.find("tei:profileDesc/tei:correspDesc", NS)
    if desc is None:
        return None
    sent = desc.find("tei:correspAction[@type='sent']", NS)
    received = desc.find("tei:correspAction[@type='received']", NS)
    return Correspondence(
        sender=first_text(sent, "tei:persName") if sent is not None else "",
        place=first_text(sent, "tei:placeName") if sent is not None else "",
        addressee=first_text(received, "tei:persName") if received is not None else "",
        date=date_facts(sent.find("tei:date", NS)) if sent is not None else DateFacts(),
    )


def parse_facts(path) -> DocumentFacts:
    return document_facts(etree.parse(str(path)))
