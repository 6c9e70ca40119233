"""The reading and proofing site: a static folder of HTML made from the built TEI.

``build_site(tei_dir, out_dir)`` writes ``index.html`` (every document, grouped by raw
file in the manifest's order), ``doc/<id>.html`` (header facts, open flags, the reading
view and the diplomatic view of the text), ``tei/<id>.xml`` (the TEI each page was made
from) and ``assets/``. Pages use relative links only, load nothing from outside the
folder and carry no dates, so the site works from ``file://`` or any static server and
the same TEI always gives the same bytes.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from pipeline.errors import PipelineError
from pipeline.publish.edition import Edition, Flag, load_edition
from pipeline.publish.export import write_exports
from pipeline.publish.facts import BiblFacts, DocumentFacts, document_facts
from pipeline.publish.html import h, page, sub
from pipeline.publish.registerpages import (filter_form, name_mentions, read_register, row_names,
                                            write_register_pages)
from pipeline.publish.views import render_views

ASSETS = Path(__file__).resolve().parent / "assets"
SITE_ASSETS = ("site.css", "site.js")


def build_site(tei_dir: Path, out_dir: Path, only: set[str] | None = None) -> list[Path]:
    """Write the site for the edition in ``tei_dir`` into ``out_dir``; return the files
    written. Pages of documents the edition no longer has are removed from ``doc/``.

    ``only``: write the pages of just these documents (and the index, which lists them
    all): after an editor's decision changed a few documents, the review server rewrites
    their pages in a fraction of the time the whole site takes. The others must be there
    from an earlier build of the same documents (their neighbours' links are unchanged).
    """
    edition = load_edition(Path(tei_dir))
    out_dir = Path(out_dir)
    facts: dict[str, DocumentFacts] = {}
    mentions = {}
    written: list[Path] = []
    ids = edition.document_ids
    for k, ident in enumerate(ids):
        tree = parse_document(edition, ident)
        facts[ident] = document_facts(tree)
        mentions[ident] = name_mentions(tree)
        if only is not None and ident not in only:
            continue
        neighbours = (ids[k - 1] if k else None, ids[k + 1] if k + 1 < len(ids) else None)
        page_bytes = document_page(edition, tree, facts[ident], neighbours)
        written.append(write(out_dir / "doc" / f"{ident}.html", page_bytes))
        written.append(copy(edition.tei_path(ident), out_dir / "tei" / f"{ident}.xml"))
    register = read_register(edition.tei_dir)
    written.insert(0, write(out_dir / "index.html", index_page(edition, facts, register, mentions)))
    written += write_register_pages(out_dir, register, mentions, ids,
                                    {ident: fact.title for ident, fact in facts.items()}, write)
    written += [copy(ASSETS / name, out_dir / "assets" / name) for name in SITE_ASSETS]
    remove_stale(out_dir / "doc", "*.html", {out_dir / "doc" / f"{ident}.html" for ident in ids})
    remove_stale(out_dir / "tei", "*.xml", {out_dir / "tei" / f"{ident}.xml" for ident in ids})
    if only is None:  # review mode rewrites a few pages; the exports wait for the whole site
        exports = write_exports(edition.tei_dir, out_dir / "export")
        remove_stale(out_dir / "export", "*", set(exports))
        written += exports
    return written


def parse_document(edition: Edition, ident: str) -> etree._ElementTree:
    path = edition.tei_path(ident)
    if not path.exists():
        raise PipelineError(path, "the manifest lists this document but its TEI file is missing",
                            "build the edition again (make) before building the site")
    return edition.parse(ident)


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def copy(source: Path, target: Path) -> Path:
    return write(target, source.read_bytes())


def remove_stale(folder: Path, pattern: str, keep: set[Path]) -> None:
    """A page left by an earlier build of a document that is gone would still be served."""
    for path in folder.glob(pattern):
        if path not in keep:
            path.unlink()


# --- the index -------------------------------------------------------------------------------
def index_page(edition: Edition, facts: dict[str, DocumentFacts], register=(), mentions=None) -> bytes:
    title = edition.title or edition_title(facts)
    count = len(edition.document_ids)
    body = h("body", {"class": "index"},
             h("header", {"class": "site-header"},
               h("h1", None, title),
               h("p", {"class": "intro"},
                 f"{count} documents from {len(edition.groups)} raw files, in source order. Each document "
                 "has a reading view (the edition's text) and a diplomatic view (the source as printed, with "
                 "every change marked); press ", h("kbd", None, "d"), " on a document page to switch.")),
             h("main", None, filter_form(list(register), mentions or {}),
               documents_table(edition, facts, {e.key: e for e in register}, mentions or {})))
    return page(f"{title}: documents", "assets/site.css", "assets/site.js", body)


def edition_title(facts: dict[str, DocumentFacts]) -> str:
    """Where no corpus file states the edition's title: its publisher, as the documents say."""
    return next((f.publisher for f in facts.values() if f.publisher), "The edition")


def documents_table(edition: Edition, facts: dict[str, DocumentFacts], entries=None, mentions=None) -> etree._Element:
    table = h("table", {"class": "documents"},
              h("thead", None, h("tr", None, *(h("th", {"scope": "col"}, label) for label in
                                               ("No.", "Title", "Date", "Kind", "Source", "Pages", "Flags")))))
    for group in edition.groups:
        tbody = sub(table, "tbody", {"class": "raw-file", "data-raw-file": group.name})
        books = [facts[i].printed_book for i in group.documents if facts[i].printed_book is not None]
        sub(tbody, "tr", {"class": "group"}, h("th", {"colspan": "7", "scope": "rowgroup"}, group_label(edition, group),
                                                h("span", {"class": "book"}, f"printed book: {books[0].summary()}")
                                                if books else None))
        for k, ident in enumerate(group.documents, start=1):
            tbody.append(document_row(k, facts[ident], edition.flags_of(ident)))
            for kind in ("person", "place"):
                named = row_names((mentions or {}).get(ident, {}), entries or {}, kind)
                if named:
                    tbody[-1].set(f"data-{kind}", named)
    return table


def group_label(edition: Edition, group) -> list:
    documents = len(group.documents)
    stray = edition.file_flags(group.name)
    return [h("span", {"class": "raw-name"}, group.name),
            f" · {kind_of_raw(group.kind)} · {documents} document{'s' if documents != 1 else ''} · SHA-256 ",
            h("code", {"title": group.sha256}, group.sha256[:12] + "…"),
            f" · {len(stray)} flag(s) not tied to a document" if stray else None,
            f" · build error: {group.error}" if group.error else None]


def kind_of_raw(kind: str) -> str:
    return {"mia": "Marxists Internet Archive page", "dsfp": "Documents on Soviet Foreign Policy page",
            "ia-ocr": "Internet Archive OCR of a printed book"}.get(kind, kind or "unknown kind")


def document_row(number: int, fact: DocumentFacts, flags: list[Flag]) -> etree._Element:
    href = f"doc/{fact.ident}.html"
    return h("tr", {"id": f"row-{fact.ident}", "data-document": fact.ident, "data-flags": str(len(flags))},
             h("td", {"class": "num"}, str(number)),
             h("td", {"class": "title"}, h("a", {"href": href}, fact.title or fact.ident),
               supplied_badge(fact) if fact.title_supplied else None,
               h("span", {"class": "doc-id"}, fact.ident)),
             h("td", {"class": "date"}, fact.date.text, h("span", {"class": "iso"}, fact.date.iso_label(short=True))),
             h("td", {"class": "kind"}, fact.kind),
             h("td", {"class": "source"}, source_label(fact)),
             h("td", {"class": "pages"}, fact.pages_label()),
             h("td", {"class": "flags"}, h("a", {"href": f"{href}#flags", "class": "flag-count"}, str(len(flags)))
               if flags else h("span", {"class": "flag-count zero"}, "0")))


def source_label(fact: DocumentFacts) -> str:
    """The source the document names; else the printed book it was read from, with pages."""
    if fact.source is not None:
        return fact.source.summary()
    if fact.printed_book is not None:
        pages = fact.pages_label()
        return fact.printed_book.summary() + (f", pp. {pages}" if pages else "")
    return ""


def supplied_badge(fact: DocumentFacts) -> etree._Element:
    who = fact.title_resp or "the pipeline"
    return h("span", {"class": "badge", "title": f"title supplied by {who}"}, "supplied")


# --- a document ----------------------------------------------------------------------------
def document_page(edition: Edition, tree, fact: DocumentFacts, neighbours) -> bytes:
    reading, diplomatic = render_views(tree)
    flags = edition.flags_of(fact.ident)
    body = h("body", {"class": "document", "data-document": fact.ident},
             navigation(neighbours),
             h("header", {"class": "doc-header"},
               h("h1", None, fact.title or fact.ident, supplied_badge(fact) if fact.title_supplied else None),
               header_facts(fact, set(edition.document_ids))),
             flags_section(flags),
             toolbar(),
             h("main", {"id": "text", "class": "text"}, reading, diplomatic))
    return page(fact.title or fact.ident, "../assets/site.css", "../assets/site.js", body)


def navigation(neighbours) -> etree._Element:
    previous, following = neighbours
    return h("nav", {"class": "site-nav"},
             h("a", {"href": "../index.html"}, "All documents"),
             h("a", {"href": f"{previous}.html", "rel": "prev"}, "← previous") if previous else None,
             h("a", {"href": f"{following}.html", "rel": "next"}, "next →") if following else None)


def toolbar() -> etree._Element:
    return h("div", {"class": "toolbar", "role": "toolbar"},
             h("button", {"type": "button", "id": "view-toggle", "aria-pressed": "false",
                          "title": "Switch between the reading and the diplomatic view (key: d)"},
               "Show the source as printed"),
             h("span", {"class": "view-name"}, "Reading view"),
             h("span", {"class": "hint"}, "key ", h("kbd", None, "d")))


def facts_list(rows: list[tuple[str, object]], cls: str) -> etree._Element:
    dl = h("dl", {"class": f"facts {cls}"})
    for label, value in rows:
        if value is not None and value != "":
            sub(dl, "div", None, h("dt", None, label), h("dd", None, value))
    return dl


def header_facts(fact: DocumentFacts, known: set[str]) -> list[etree._Element]:
    """What the document is (always shown), then where it comes from and what the editors
    decided (folded, so that the text starts on the first screen)."""
    decisions = len(fact.decisions)
    summary = "Provenance: raw file and SHA-256" + (f", {decisions} editors' decision{'s' if decisions != 1 else ''}"
                                                    if decisions else "")
    return [facts_list(main_rows(fact, known), "main"),
            h("details", {"class": "provenance"}, h("summary", None, summary),
              facts_list(provenance_rows(fact), "provenance"))]


def main_rows(fact: DocumentFacts, known: set[str]) -> list[tuple[str, object]]:
    corresp = fact.correspondence
    return [
        ("Title", title_fact(fact)),
        ("Author", fact.author),
        ("Date", [fact.date.text, h("span", {"class": "iso"}, fact.date.iso_label())] if fact.date.text else None),
        ("Kind", fact.kind),
        ("Correspondence", correspondence_fact(corresp) if corresp else None),
        ("Source", bibl_fact(fact.source)),
        ("Printed book", bibl_fact(fact.printed_book)),
        ("Printed pages", fact.pages_label()),
        ("First published", fact.first_published),
        ("Translator", fact.translator),
        ("Transcriber", fact.transcriber),
        ("Other witnesses", witnesses_fact(fact, known)),
    ]


def provenance_rows(fact: DocumentFacts) -> list[tuple[str, object]]:
    return [
        ("Raw file", raw_fact(fact)),
        ("Editors' decisions", decisions_fact(fact)),
        ("TEI", h("a", {"href": f"../tei/{fact.ident}.xml"}, f"{fact.ident}.xml")),
    ]


def title_fact(fact: DocumentFacts) -> list:
    if not fact.title_supplied:
        return [fact.title]
    return [fact.title, h("span", {"class": "remark"}, f" — supplied by {fact.title_resp or 'the pipeline'}")]


def correspondence_fact(corresp) -> list:
    place = f" ({corresp.place})" if corresp.place else ""
    return [f"from {corresp.sender or 'unknown'}{place} to {corresp.addressee or 'unknown'}"]


def bibl_fact(bibl: BiblFacts | None) -> list | None:
    if bibl is None:
        return None
    printed = bibl.as_printed if bibl.as_printed and bibl.as_printed != bibl.summary() else ""
    return [bibl.summary(), h("span", {"class": "remark as-printed"}, f"as printed: {printed}") if printed else None]


def witnesses_fact(fact: DocumentFacts, known: set[str]) -> etree._Element | None:
    """Links to the other copies of the text the edition holds (a page copy, the book)."""
    if not fact.witnesses:
        return None
    return h("ul", {"class": "witnesses"},
             *(h("li", {"data-witness": ident},
                 h("a", {"href": f"{ident}.html"}, text) if ident in known else text)
               for ident, text in fact.witnesses))


def raw_fact(fact: DocumentFacts) -> list:
    where = f", characters {fact.char_range}" if fact.char_range else ""
    return [h("code", None, fact.raw_file), f" ({fact.raw_kind}{where})",
            h("span", {"class": "sha"}, "SHA-256 ", h("code", None, fact.sha256))]


def decisions_fact(fact: DocumentFacts) -> etree._Element | None:
    if not fact.decisions:
        return None
    return h("ul", {"class": "decisions"},
             *(h("li", {"id": f"decision-{d.ident}" if d.ident else None, "data-kind": d.kind},
                 h("span", {"class": "when"}, d.when), f" {d.kind}: {d.text}",
                 h("span", {"class": "remark"}, f" — {d.who}" + (f", {d.source}" if d.source else "")))
               for d in fact.decisions))


def flags_section(flags: list[Flag]) -> etree._Element:
    section = h("section", {"id": "flags", "class": "flags", "data-count": str(len(flags))},
                h("h2", None, f"Open questions ({len(flags)})" if flags else "Open questions: none"))
    if not flags:
        return section
    items = sub(section, "ol", None)
    for k, flag in enumerate(flags, start=1):
        sub(items, "li", {"id": f"flag-{k}", "class": "flag", "data-flag-kind": flag.kind,
                          "data-line": flag.line},
            h("span", {"class": "flag-kind"}, flag.kind), " ", flag.message,
            h("span", {"class": "flag-line"}, f" raw line {flag.line}" if flag.line is not None else ""),
            h("q", {"class": "context"}, flag.context) if flag.context else None,
            h("details", None, h("summary", None, "decision template"), h("pre", None, flag.decision))
            if flag.decision else None)
    return section
