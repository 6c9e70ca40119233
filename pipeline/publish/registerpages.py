"""The register on the site: a page per entry of ``register.xml`` and the index's filter.

Read from the published TEI like every other page (``tei/register.xml`` and the documents'
``persName``/``placeName``/``orgName`` with ``@ref``), so a reader sees exactly the links
another edition receives. Each entry's page (``register/<key>.html``) gives its preferred
name, variants, dates, note, authority links and the documents that mention it, each with
its count of mentions; ``register/index.html`` lists the entries. The index of documents
carries each row's persons and places as data attributes, which ``site.js`` filters by.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from pipeline.annotate import REGISTER_ID, REGISTER_XML
from pipeline.publish.html import h, page, sub

NS = {"tei": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
#: the register's entry elements, the name element of each and the label a reader sees
KINDS = (("person", "persName", "Persons"), ("place", "placeName", "Places"), ("org", "orgName", "Organisations"))
NAME_ELEMENTS = {name: kind for kind, name, _ in KINDS}
#: an entry id is the register file's id, a hyphen and the entry's key
ID_PREFIX = f"{REGISTER_ID}-"
#: what each authority's link is called on a page
AUTHORITY_LABELS = {"gnd": "GND", "viaf": "VIAF", "wikidata": "Wikidata", "geonames": "GeoNames"}
#: the types the index of documents can be filtered by (a reader looks for a person or a place)
FILTERS = (("person", "Person"), ("place", "Place"))


@dataclass(frozen=True)
class RegisterEntry:
    """One entry of ``register.xml`` as a page shows it."""
    key: str
    type: str
    name: str
    variants: tuple[str, ...] = ()
    dates: str = ""
    note: str = ""
    authorities: tuple[tuple[str, str], ...] = ()  # (authority, URI)
    checked: tuple[str, ...] = ()                  # where each id was checked, as the file says

    @property
    def href(self) -> str:
        return f"{self.key}.html"


def read_register(tei_dir: Path) -> list[RegisterEntry]:
    """The entries of the edition's ``register.xml``, in its order; none when the edition
    has no register file (an edition built without a register)."""
    path = Path(tei_dir) / REGISTER_XML
    if not path.exists():
        return []
    root = etree.parse(str(path)).getroot()
    entries = []
    for kind, name_tag, _ in KINDS:
        for el in root.iterfind(f".//tei:standOff//tei:{kind}", NS):
            names = el.findall(f"tei:{name_tag}", NS)
            preferred = next((n for n in names if n.get("type") == "preferred"), names[0] if names else None)
            entries.append(RegisterEntry(
                key=el.get(XML_ID, "").removeprefix(ID_PREFIX), type=kind,
                name=text_of(preferred) if preferred is not None else "",
                variants=tuple(text_of(n) for n in names if n is not preferred),
                dates=life_dates(el),
                note=" ".join(text_of(n) for n in el.findall("tei:note", NS) if n.get("type") is None),
                authorities=tuple((idno.get("type", ""), text_of(idno)) for idno in el.findall("tei:idno", NS)),
                checked=tuple(text_of(n) for n in el.findall("tei:note[@type='checked']", NS))))
    return entries


def text_of(el) -> str:
    return " ".join("".join(el.itertext()).split())


def life_dates(el) -> str:
    """``1870-1924`` from a person's ``birth``/``death``, ``?`` for the one not known."""
    born, died = el.find("tei:birth", NS), el.find("tei:death", NS)
    if born is None and died is None:
        return ""
    return f"{born.get('when') if born is not None else '?'}–{died.get('when') if died is not None else '?'}"


def name_mentions(tree) -> Counter:
    """How often the document's text names each register entry (key → count): the names
    tagged in ``text`` with an ``@ref`` into the register file, the header's correspondents
    left out (they name the letter's ends, not a mention in it)."""
    counts: Counter = Counter()
    text = tree.getroot().find("tei:text", NS)
    if text is None:
        return counts
    for el in text.iter(*(f"{{{NS['tei']}}}{name}" for name in NAME_ELEMENTS)):
        ref = el.get("ref", "")
        file, _, ident = ref.partition("#")
        if file == REGISTER_XML and ident.startswith(ID_PREFIX):
            counts[ident.removeprefix(ID_PREFIX)] += 1
    return counts


def mentioning(key: str, mentions: dict[str, Counter], order: list[str]) -> list[tuple[str, int]]:
    """(document, mentions) of every document naming ``key``, in the edition's order."""
    return [(ident, mentions[ident][key]) for ident in order if mentions.get(ident, {}).get(key)]


# --- pages -------------------------------------------------------------------------------
def entry_page(entry: RegisterEntry, documents: list[tuple[str, int]], titles: dict[str, str]) -> bytes:
    """One entry's page: who or what it is, its ids, and the documents that name it."""
    total = sum(count for _, count in documents)
    facts = h("dl", {"class": "facts main"})
    for label, value in (("Preferred name", entry.name), ("Also written", ", ".join(entry.variants)),
                         ("Dates", entry.dates), ("Note", entry.note),
                         ("Authority ids", authority_links(entry))):
        if value:
            sub(facts, "div", None, h("dt", None, label), h("dd", None, value))
    listing = h("ol", {"class": "mentions"},
                *(h("li", {"data-document": ident},
                    h("a", {"href": f"../doc/{ident}.html"}, titles.get(ident) or ident),
                    h("span", {"class": "count"}, f" — {count} mention{'s' if count != 1 else ''}"))
                  for ident, count in documents))
    body = h("body", {"class": "register-entry", "data-entry": entry.key, "data-type": entry.type},
             h("nav", {"class": "site-nav"}, h("a", {"href": "../index.html"}, "All documents"),
               h("a", {"href": "index.html"}, "Register"),
               h("a", {"href": f"../index.html?{entry.type}={entry.key}"}, "Documents naming it")
               if entry.type in dict(FILTERS) else None),
             h("header", {"class": "doc-header"}, h("h1", None, entry.name), facts,
               h("details", {"class": "provenance"}, h("summary", None, "Where each id was checked"),
                 h("ul", None, *(h("li", None, where) for where in entry.checked))) if entry.checked else None),
             h("main", None,
               h("h2", None, f"Named in {len(documents)} document{'s' if len(documents) != 1 else ''}"
                             f" ({total} mention{'s' if total != 1 else ''})" if documents else "Named in no document"),
               listing if documents else None))
    return page(entry.name, "../assets/site.css", "../assets/site.js", body)


def authority_links(entry: RegisterEntry) -> list | None:
    if not entry.authorities:
        return None
    links = []
    for authority, uri in entry.authorities:
        links += [", " if links else None,
                  h("a", {"href": uri, "class": "authority", "rel": "external", "data-authority": authority},
                    AUTHORITY_LABELS.get(authority, authority))]
    return links


def register_index(entries: list[RegisterEntry], counts: Counter) -> bytes:
    """Every entry by type, with how many documents name it."""
    main = h("main", None)
    for kind, _, label in KINDS:
        of_kind = [e for e in entries if e.type == kind]
        if not of_kind:
            continue
        sub(main, "h2", None, f"{label} ({len(of_kind)})")
        sub(main, "ul", {"class": "register-list", "data-type": kind},
            *(h("li", {"data-entry": e.key}, h("a", {"href": e.href}, e.name),
                h("span", {"class": "count"}, f" — {counts[e.key]} document{'s' if counts[e.key] != 1 else ''}"))
              for e in of_kind))
    body = h("body", {"class": "register"},
             h("nav", {"class": "site-nav"}, h("a", {"href": "../index.html"}, "All documents")),
             h("header", {"class": "site-header"}, h("h1", None, "Register of persons, places and organisations")),
             main)
    return page("Register", "../assets/site.css", "../assets/site.js", body)


def write_register_pages(out_dir: Path, entries: list[RegisterEntry], mentions: dict[str, Counter],
                         order: list[str], titles: dict[str, str], write) -> list[Path]:
    """Write ``register/<key>.html`` for every entry and ``register/index.html``; remove the
    pages of entries the register no longer has."""
    folder = Path(out_dir) / "register"
    written = []
    documents_naming: Counter = Counter()
    for entry in entries:
        documents = mentioning(entry.key, mentions, order)
        documents_naming[entry.key] = len(documents)
        written.append(write(folder / entry.href, entry_page(entry, documents, titles)))
    written.append(write(folder / "index.html", register_index(entries, documents_naming)))
    keep = set(written)
    for path in folder.glob("*.html"):
        if path not in keep:
            path.unlink()
    return written


# --- the index's filter ------------------------------------------------------------------
def row_names(mentions: Counter, entries: dict[str, RegisterEntry], kind: str) -> str | None:
    """The keys of the entries of ``kind`` a document names, space separated (a row's
    ``data-person``/``data-place``, which the index's filter matches)."""
    keys = sorted(key for key in mentions if key in entries and entries[key].type == kind)
    return " ".join(keys) or None


def filter_form(entries: list[RegisterEntry], mentions: dict[str, Counter]) -> etree._Element | None:
    """A select per filter type listing the entries that some document names (with the
    number of documents); ``site.js`` hides the rows that do not name the chosen one."""
    naming = Counter(key for counts in mentions.values() for key in counts)
    form = h("form", {"class": "filters", "id": "filters", "role": "search"})
    for kind, label in FILTERS:
        named = [e for e in entries if e.type == kind and naming[e.key]]
        if not named:
            continue
        sub(form, "label", None, f"{label} ",
            h("select", {"name": kind, "id": f"filter-{kind}", "data-filter": kind},
              h("option", {"value": ""}, f"any {label.lower()}"),
              *(h("option", {"value": e.key}, f"{e.name} ({naming[e.key]})")
                for e in sorted(named, key=lambda e: e.name))))
    if not len(form):
        return None
    sub(form, "output", {"id": "filter-count", "aria-live": "polite"})
    sub(form, "a", {"href": "register/index.html"}, "Register")
    return form
