"""The edition's register file (``register.xml``): every entry of ``editorial/register.toml``
as TEI ``person``/``place``/``org``, the target of every ``@ref`` of the documents.

Each entry holds its preferred name and its variants, its dates, the authority ids that
were checked (``idno type="gnd|viaf|wikidata|geonames"``: what another edition or
correspSearch matches), a note saying what it is and one saying where each id was checked.
Like the documents, the file is a pure function of its input (the register's text).
"""

from __future__ import annotations

from pipeline.annotate import REGISTER_ID, register_ref
from pipeline.encode.inline import tei

LISTS = (("person", "listPerson", "person", "persName"), ("place", "listPlace", "place", "placeName"),
         ("org", "listOrg", "org", "orgName"))
#: who stands behind a file nobody transcribes: the editors' data, read by the pipeline
TITLE = "Register of persons, places and organisations"


def entry_id(key: str) -> str:
    """``register-lenin``: the id of an entry in the register file."""
    return register_ref(key).split("#", 1)[1]


def encode_register(register, edition=None):
    """The ``TEI`` element of the register file, published like every document of the
    edition (its permanent URL and licence from ``edition``, the edition's own facts)."""
    from pipeline.edition import UNPUBLISHED
    from pipeline.encode.header import publication_stmt
    root = tei("TEI", xml_id=REGISTER_ID)
    root.set("{http://www.w3.org/XML/1998/namespace}lang", "en")
    header = tei("teiHeader", root)
    file_desc = tei("fileDesc", header)
    tei("title", tei("titleStmt", file_desc), TITLE)
    publication_stmt(file_desc, edition or UNPUBLISHED, REGISTER_ID)
    tei("bibl", tei("sourceDesc", file_desc), f"The editors' register ({register.origin or 'editorial/register.toml'}); "
                                              "authority ids as checked there, each with where it was checked.")
    body = tei("body", tei("text", root))
    div = tei("div", body, type="register")
    counts = {kind: sum(1 for e in register.entries if e.type == kind) for kind, *_ in LISTS}
    tei("p", div, f"{counts['person']} persons, {counts['place']} places and {counts['org']} organisations; "
                  f"the documents point to an entry as {register_ref('KEY')}.")
    stand_off = tei("standOff", root)
    for kind, list_tag, entry_tag, name_tag in LISTS:
        entries = [e for e in register.entries if e.type == kind]
        if entries:
            holder = tei(list_tag, stand_off)
            for entry in entries:
                encode_entry(holder, entry, entry_tag, name_tag)
    return root


def encode_entry(holder, entry, entry_tag: str, name_tag: str) -> None:
    """One entry: names (the preferred first), ids, a person's dates, notes."""
    el = tei(entry_tag, holder, xml_id=entry_id(entry.key))
    tei(name_tag, el, entry.name, type="preferred")
    for variant in dict.fromkeys(entry.variants):
        if variant != entry.name:
            tei(name_tag, el, variant, type="variant")
    for authority, uri in entry.authorities:
        tei("idno", el, uri, type=authority)
    if entry.type == "person" and entry.dates:
        born, _, died = entry.dates.partition("-")
        if born.isdigit():
            tei("birth", el, when=born)
        if died.isdigit():
            tei("death", el, when=died)
    if entry.note:
        tei("note", el, entry.note)
    for authority, where in entry.checked:
        tei("note", el, f"{authority} id checked in {where}", type="checked")
