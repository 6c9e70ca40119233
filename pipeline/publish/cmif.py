"""The edition's letters and telegrams in CMIF (Correspondence Metadata Interchange Format,
TEI Correspondence SIG, version 1.1), the file correspSearch harvests.

correspSearch takes a file only if ``publicationStmt/idno`` is the address the file is
registered under, so every address here is absolute and comes from the edition file
(``EditionFacts.base_url``): the file's own (base URL + ``cmif.xml``), each letter's
(its permanent URL) and the edition's. One ``correspDesc`` per letter: ``@ref`` is the
letter's permanent URL, ``@source`` the edition's ``bibl`` (its id a UUID, derived from
the edition's address so that the same edition always gets the same one);
``correspAction`` sent (name, place, date) and received (name).

The names are read from the documents' ``correspDesc`` and cleaned by rule, because the
documents keep what the source printed ("Colonel Robins. May 14. 1918"): the date and
forms of address a heading adds are cut off, an OCR ``l`` inside a word in capitals is
read as ``I`` and capitals are set in title case, a body (an embassy, a government, a
council, a commissariat) is an ``orgName``, and the forms of one person ("Lenin", "V. I.
Lenin", "Vladimir Ilyich Lenin") become one. Where the edition's register of names knows a
name, its preferred name and its authority id (``@ref``) are used; a name it does not know
gets no ``@ref`` (an id is never invented). A place gets its GeoNames id from the register
the same way. Dates CMIF cannot take (only ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) are left
out rather than guessed.
"""

from __future__ import annotations

import itertools
import uuid
import warnings
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import regex
from lxml import etree

from pipeline.edition import EditionFacts
from pipeline.errors import PipelineError
from pipeline.publish.edition import load_edition
from pipeline.publish.facts import DATE_ATTRIBUTES, DocumentFacts, parse_facts

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
SCHEMA = "https://raw.githubusercontent.com/TEI-Correspondence-SIG/CMIF/master/schema/cmi-customization.rng"
CMIF_NAME = "cmif.xml"
REGISTER_FILE = "register.toml"
CORRESPONDENCE_KINDS = {"letter", "telegram"}
CMIF_DATE = regex.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
          "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec")
#: what a heading prints after a name: a date, or a dating formula ("Not earlier than …")
DATE_TAIL = regex.compile(rf"[.,;]\s+(?:(?:{MONTHS})\b|\d|(?:Not\s+(?:earlier|later)|Before|After|Circa|Early|Late)\b).*$",
                          regex.IGNORECASE)
#: forms of address a heading or a salutation puts before a name; a rank ("Colonel") is kept
ADDRESS_FORMS = regex.compile(r"^(?:(?:to|dear|comrades?|citizens?|mr|mrs|messrs|herr|monsieur)\.?\s+)+",
                              regex.IGNORECASE)
#: the words that make a name a body's (CMIF: orgName), not a person's
BODY_WORDS = regex.compile(r"\b(?:embassy|legation|consulate|mission|government|council|commissariat|committee|"
                           r"ministry|office|bureau|soviet|congress|party|delegation|conference|league|"
                           r"republic|command|staff|presidium|politbureau|politburo|cabinet|parliament)\b",
                           regex.IGNORECASE)
#: the authority files correspSearch searches persons and bodies by (its cmif.sch, W0000): an id of
#: another (Wikidata) would be useless to it and is left out of this file, not of the edition
CORRESPSEARCH_AUTHORITIES = regex.compile(r"https?://(?:d-nb\.info/gnd/|viaf\.org/viaf/|catalogue\.bnf\.fr/ark:/12148/"
                                          r"|lccn\.loc\.gov/|id\.ndl\.go\.jp/auth/ndlna/)")
GEONAMES = regex.compile(r"https?://(?:www\.|sws\.)?geonames\.org/(\d+)")
UNKNOWN = "Unknown"


def write_cmif(tei_dir: Path, out_path: Path, edition: EditionFacts, register=None, when: str | None = None) -> Path:
    """Write the CMIF file of the edition in ``tei_dir`` to ``out_path``. ``edition`` gives
    the addresses, the title and the licence (``pipeline.edition.read_edition``);
    ``register`` the names' authority ids, if the edition has one (``read_register``);
    ``when`` the date of the last change (default: the newest editors' decision)."""
    if not edition.base_url:
        raise CmifAddressUnknown(tei_dir, "the edition states no base URL, and correspSearch takes only a file "
                                          "whose idno is the absolute address it is registered under",
                                 "write base_url = \"https://…/\" in editorial/edition.toml")
    built = load_edition(Path(tei_dir))
    documents = [parse_facts(built.tei_path(ident)) for ident in built.document_ids]
    letters = [fact for fact in documents if is_correspondence(fact)]
    out_path = Path(out_path)
    names = correspondents(letters, register)
    root = cmif_root(letters, edition, names, register, when or last_change(documents, built.tei_dir))
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tree = etree.ElementTree(root)
    root.addprevious(etree.ProcessingInstruction(
        "xml-model", f'href="{SCHEMA}" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"'))
    tree.write(str(out_path), xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return out_path


def read_register(editorial_dir: Path | None):
    """The edition's register of names (``editorial/register.toml``), or None when it has
    none. A register file whose loader is missing is named in a warning, not skipped
    silently: its names then get no ``@ref``."""
    path = Path(editorial_dir) / REGISTER_FILE if editorial_dir else None
    if path is None or not path.is_file():
        return None
    try:
        from pipeline.editorial.register import load_register
    except ImportError:
        warnings.warn(f"{path}: there is no register loader (pipeline/editorial/register.py); "
                      "the CMIF file's names get no authority ids", stacklevel=2)
        return None
    return load_register(path.read_text(encoding="utf-8"), str(path))


def is_correspondence(fact: DocumentFacts) -> bool:
    """A letter or telegram, or any document whose addressee the edition knows."""
    if fact.kind in CORRESPONDENCE_KINDS:
        return True
    addressee = fact.correspondence.addressee if fact.correspondence else ""
    return bool(addressee) and addressee.lower() != "unknown"


class CmifDateUnknown(PipelineError):
    """The edition holds no dated decision to date the CMIF file by."""


class CmifAddressUnknown(PipelineError):
    """The edition file states no base URL, so the CMIF file could have no absolute address."""


def last_change(documents: list[DocumentFacts], tei_dir: Path) -> str:
    """The newest editors' decision. A file's modification time would make the export
    differ from one checkout to the next, so without a dated decision the caller must
    say the date."""
    dates = [d.when for fact in documents for d in fact.decisions if CMIF_DATE.fullmatch(d.when or "")]
    if not dates:
        raise CmifDateUnknown(tei_dir, "no dated editors' decision to date the CMIF file by",
                              "say the date of the last change: --when YYYY-MM-DD")
    return max(dates)


# ------------------------------------------------------------------ names
@dataclass(frozen=True)
class Correspondent:
    """A correspondent as CMIF names it: ``persName`` or ``orgName``, with an authority
    id where the register has one."""
    tag: str
    name: str
    ref: str = ""


def clean_name(printed: str) -> str:
    """A name as the source printed it, without what the heading added (a date, a form of
    address, an article before a body) and with the OCR's capital ``I`` read as ``l``
    restored.

    >>> clean_name("Colonel Robins. May 14. 1918")
    'Colonel Robins'
    >>> clean_name("G. V. CHlCHERIN. Not earlier than September 16")
    'G. V. Chicherin'
    >>> clean_name("Comrade Stalin"), clean_name("the British Embassy"), clean_name("unknown")
    ('Stalin', 'British Embassy', '')
    """
    name = " ".join(printed.split())
    name = DATE_TAIL.sub("", name).strip(" .,;:")
    name = ADDRESS_FORMS.sub("", name)
    name = regex.sub(r"^the\s+", "", name, flags=regex.IGNORECASE) if BODY_WORDS.search(name) else name
    name = regex.sub(r"\b\p{Lu}[\p{Lu}l0]+\b", capital_word, name)
    return "" if name.lower() in ("", "unknown", "anonymous") else name


def capital_word(match) -> str:
    """A word printed in capitals, in title case; an ``l`` or ``0`` among capitals is the
    OCR's reading of ``I`` or ``O``. An abbreviation (three letters or fewer, or no vowel:
    "USA", "RSFSR") is kept as printed, and so is a word with one capital ("Ill")."""
    printed = match.group(0)
    if sum(c.isupper() for c in printed) < 2:
        return printed
    word = printed.replace("l", "I").replace("0", "O")
    if len(word) <= 3 or not regex.search(r"[AEIOUY]", word):
        return word
    return word.capitalize()


def name_kind(name: str) -> str:
    """``orgName`` for a body (an embassy, a government, a council …), else ``persName``."""
    return "orgName" if BODY_WORDS.search(name) else "persName"


def surname(name: str) -> str:
    return name.split()[-1].lower() if name.split() else ""


def given_initials(name: str) -> str:
    """The initials of the given names ("V. I. Lenin" and "Vladimir Ilyich Lenin": "VI")."""
    return "".join(part[0].upper() for part in name.split()[:-1] if part[0].isalpha() and part[0].isupper())


def fullest_forms(names: list[str]) -> dict[str, str]:
    """One form per person: the names of persons that share a surname and whose given
    initials agree (a bare surname agrees with every form) become the fullest of them
    (the most letters of given names; then the most used).

    >>> fullest_forms(["V. I. Lenin", "Lenin", "Vladimir Ilyich Lenin", "L. D. Trotsky", "Trotsky"])["Lenin"]
    'Vladimir Ilyich Lenin'
    >>> fullest_forms(["A. B. Smith", "C. Smith", "Smith"])["Smith"]
    'Smith'
    """
    counts = Counter(names)
    forms = {}
    for name in counts:
        if name_kind(name) == "orgName":  # a body keeps its name
            forms[name] = name
            continue
        same = [other for other in counts if surname(other) == surname(name) and name_kind(other) == "persName"]
        initials = given_initials(name)
        compatible = [o for o in same if not initials or not given_initials(o)
                      or given_initials(o).startswith(initials) or initials.startswith(given_initials(o))]
        distinct = {given_initials(o) for o in compatible if given_initials(o)}
        if not initials and len({i[:1] for i in distinct}) > 1:
            forms[name] = name  # a bare surname shared by different persons: which one is unknown
            continue
        forms[name] = max(compatible, key=lambda o: (len(" ".join(o.split()[:-1]).replace(".", "")), counts[o], o))
    return forms


def correspondents(letters: list[DocumentFacts], register=None) -> dict[str, Correspondent]:
    """Every printed sender and addressee of the letters, as CMIF names them."""
    printed = [name for fact in letters for name in parties(fact)]
    cleaned = {name: clean_name(name) for name in printed}
    forms = fullest_forms([name for name in cleaned.values() if name])
    named = {}
    for name, clean in cleaned.items():
        if not clean:
            named[name] = Correspondent("persName", UNKNOWN)
            continue
        entry = registered(register, clean) or registered(register, forms[clean])
        if entry is not None and entry.type in ("person", "org"):
            named[name] = Correspondent("orgName" if entry.type == "org" else "persName", entry.name,
                                        searchable_authority(entry))
        else:
            named[name] = Correspondent(name_kind(clean), forms[clean])
    return named


def registered(register, name: str):
    """The register's entry for a name, or None (no register, or a name it does not know)."""
    return register.match(name) if register is not None and name else None


def searchable_authority(entry) -> str:
    """The entry's first authority id that correspSearch can search by; "" if it has none."""
    uris = [uri for _, uri in getattr(entry, "authorities", ())] or [entry.authority or ""]
    return next((uri for uri in uris if CORRESPSEARCH_AUTHORITIES.match(uri)), "")


def parties(fact: DocumentFacts) -> tuple[str, str]:
    corresp = fact.correspondence
    return (corresp.sender if corresp else fact.author) or "", (corresp.addressee if corresp else "") or ""


def place_ref(register, place: str) -> str:
    """The GeoNames URI of a place the register knows, in the form correspSearch takes
    (``https://www.geonames.org/ID``); "" otherwise."""
    entry = registered(register, place)
    found = GEONAMES.match(entry.authority or "") if entry is not None and entry.type == "place" else None
    return f"https://www.geonames.org/{found.group(1)}" if found else ""


# ------------------------------------------------------------------ the file
def tei(tag: str, parent=None, text: str | None = None, **attrs) -> etree._Element:
    el = etree.Element(f"{{{TEI_NS}}}{tag}", nsmap={None: TEI_NS}) if parent is None else \
        etree.SubElement(parent, f"{{{TEI_NS}}}{tag}")
    for key, value in attrs.items():
        if value:
            el.set(XML_ID if key == "xml_id" else key, value)
    if text:
        el.text = text
    return el


def cmif_root(letters, edition: EditionFacts, names: dict[str, Correspondent], register, when: str):
    bibl_id = edition_uuid(edition.base_url)
    root = tei("TEI")
    header = tei("teiHeader", root)
    file_desc = tei("fileDesc", header)
    title_stmt = tei("titleStmt", file_desc)
    tei("title", title_stmt, f"Letters and telegrams in {edition.title}")
    for name in edition.editors or (edition.publisher,):
        tei("editor", title_stmt, name)
    publication = tei("publicationStmt", file_desc)
    tei("ref", tei("publisher", publication), edition.publisher, target=edition.base_url)
    tei("idno", publication, edition.document_url(CMIF_NAME), type="url")
    tei("date", publication, when=when)
    tei("licence", tei("availability", publication),
        f"This file is licensed under the terms of the licence {edition.licence}", target=edition.licence_url)
    bibl = tei("bibl", tei("sourceDesc", file_desc), f"{edition.title}. Digital edition, ", type="online",
               xml_id=bibl_id)
    tei("ref", bibl, edition.base_url, target=edition.base_url)
    profile = tei("profileDesc", header)
    for fact in letters:
        profile.append(corresp_desc(fact, edition, names, register, bibl_id))
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


def corresp_desc(fact: DocumentFacts, edition: EditionFacts, names, register, bibl_id: str) -> etree._Element:
    corresp = fact.correspondence
    sender, addressee = parties(fact)
    desc = tei("correspDesc", ref=edition.document_url(fact.ident), source=f"#{bibl_id}")
    sent = tei("correspAction", desc, type="sent")
    correspondent_element(sent, names[sender])
    if corresp and corresp.place:
        tei("placeName", sent, corresp.place, ref=place_ref(register, corresp.place))
    dates = cmif_dates((corresp.date if corresp and corresp.date.iso else fact.date).iso)
    if dates:
        tei("date", sent, **dates)
    received = tei("correspAction", desc, type="received")
    correspondent_element(received, names[addressee])
    return desc


def correspondent_element(parent, who: Correspondent) -> None:
    tei(who.tag, parent, who.name, ref=who.ref)


def cmif_dates(iso: dict) -> dict:
    """The ISO attributes CMIF accepts (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``); a partial
    date such as ``--09-26`` (day and month, year unknown) is left out.

    >>> cmif_dates({"when": "1918-05-14"})
    {'when': '1918-05-14'}
    >>> cmif_dates({"when": "--09-26"})
    {}
    """
    return {name: iso[name] for name in DATE_ATTRIBUTES if CMIF_DATE.fullmatch(iso.get(name, ""))}
