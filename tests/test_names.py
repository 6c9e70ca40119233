"""Names in the text, tagged from the register: found in the repaired reading (corrected
words, joined line-end hyphens, no running heads), at raw offsets, with the rules that tell
ambiguous mentions apart, and encoded as persName/placeName/orgName pointing into register.xml."""

from __future__ import annotations

import pytest
from lxml import etree

from pipeline.annotate import run_annotate
from pipeline.build import RawFile, build_file, process_source
from pipeline.editorial.register import REGISTER_FILE, load_register
from pipeline.ingest import source_from_bytes
from tests.conftest import EDITORIAL, NS, RAW

BOOK = "001_57a5e7fdb55d5ea9.txt"
REGISTER_TEXT = (EDITORIAL / REGISTER_FILE).read_text(encoding="utf-8")


def register():
    return load_register(REGISTER_TEXT, "editorial/register.toml")


def build(name: str, data: bytes):
    raw = RawFile(name=name, data=data, register=REGISTER_TEXT, register_path="editorial/register.toml",
                  path=f"raw/{name}")
    result = build_file(raw)
    assert not result.error and not result.problems, result.error or result.problems
    return [etree.fromstring(d.xml.encode()) for d in result.documents]


def names_in(root, tag: str = "*"):
    """(element name, entry id, reading) of every tagged name in the text."""
    found = []
    for el in root.xpath(f"//tei:text//tei:{tag}[@ref]", namespaces=NS):
        found.append((etree.QName(el).localname, el.get("ref").split("#")[1], "".join(el.itertext()).strip()))
    return found


@pytest.fixture(scope="module")
def book_names():
    source = source_from_bytes(f"raw/{BOOK}", (RAW / BOOK).read_bytes())
    documents = run_annotate(process_source(source).documents, register())
    return source, [tag for doc in documents for tag in doc.names]


def test_a_name_the_ocr_broke_over_a_line_is_tagged_whole_at_raw_offsets(book_names):
    source, tags = book_names
    broken = source.text.index("hoped that Wil¬")
    tag = next(t for t in tags if t.start <= broken + len("hoped that ") < t.end)
    assert (tag.key, tag.type, tag.rule) == ("wilson", "person", "register-name")
    assert source.text[tag.start:tag.end].replace("¬", "").split() == ["Wil", "son"]


def test_a_possessive_leaves_its_s_outside_the_name(book_names):
    source, tags = book_names
    at = source.text.index("of Wilson’s policy")
    tag = next(t for t in tags if t.start == at + len("of "))
    assert source.text[tag.start:tag.end] == "Wilson"


def test_a_running_head_that_names_lenin_is_not_tagged(book_names):
    source, tags = book_names
    head = source.text.index("30 V. I. LENIN")
    assert not [t for t in tags if head <= t.start < head + len("30 V. I. LENIN")]
    assert sum(t.key == "lenin" for t in tags) > 100  # Lenin in the text is


def test_the_seeds_frequent_names_are_tagged_with_their_entries(book_names):
    _, tags = book_names
    keys = {t.key for t in tags if t.role == "mention"}
    assert {"lenin", "chicherin", "krasin", "kolchak", "denikin", "lloyd-george", "curzon", "genoa", "rapallo",
            "brest-litovsk", "petrograd", "sovnarkom", "vtsik", "politburo", "entente", "league-of-nations",
            "red-army", "comintern"} <= keys


MADE_UP = ("The Wilson note was left unanswered. President Wilson wrote to Tchitcherin and to Lloyd George.\n"
           "Miss Georgia Brown, who had lived in Latin America, sailed from Georgia to America.\n"
           "The Soviet Government answered; the Soviet delegates came from Moscow.\n").encode()


def test_rules_tell_ambiguous_names_apart():
    root = build("names.txt", MADE_UP)[0]
    assert names_in(root) == [
        ("persName", "register-wilson", "President Wilson"),
        ("persName", "register-chicherin", "Tchitcherin"),
        ("persName", "register-lloyd-george", "Lloyd George"),
        ("placeName", "register-georgia", "Georgia"),
        ("placeName", "register-usa", "America"),
        ("orgName", "register-sovnarkom", "Soviet Government"),
        ("placeName", "register-moscow", "Moscow"),
    ]


def test_a_letters_correspondents_point_to_their_register_entries():
    name = "000_732260b8a4c4c72c.txt"
    root = build(name, (RAW / name).read_bytes())[0]
    sent = root.find(".//tei:correspAction[@type='sent']/tei:persName", NS)
    received = root.find(".//tei:correspAction[@type='received']/tei:persName", NS)
    assert sent.get("ref") == "register.xml#register-lenin"
    assert received.get("ref") == "register.xml#register-chicherin"


def test_without_a_register_the_text_has_no_names():
    raw = RawFile(name="names.txt", data=MADE_UP, path="raw/names.txt")
    root = etree.fromstring(build_file(raw).documents[0].xml.encode())
    assert names_in(root) == []


def test_a_body_of_another_state_or_party_is_not_the_registers_body():
    text = ("The All-Russia Central Executive Committee met. The Union Central Executive Committee and the\n"
            "Central Committee of the Georgian Communist Party disagreed with the Central Committee of the\n"
            "R.C.P.(B.) and with the All-Russia Congress of Soviets.\n").encode()
    assert names_in(build("bodies.txt", text)[0]) == [
        ("orgName", "register-vtsik", "All-Russia Central Executive Committee"),
        ("orgName", "register-central-committee", "Central Committee"),
    ]


def test_a_name_never_begins_inside_glued_initials():
    """"A.M. Gorky": the register knows "M. Gorky", which stands inside the initials but is
    not how they begin; the surname is tagged, the initials stay whole outside the tag."""
    root = build("gorky.txt", "Members of the Politbureau\n\nWe should ask A.M. Gorky to write.\n".encode())[0]
    tagged = names_in(root, "persName")
    assert ("persName", "register-gorky", "Gorky") in tagged
    assert not any(reading.startswith("M.") for _, _, reading in tagged)
    assert "A.M. Gorky" in " ".join("".join(p.itertext()) for p in root.iterfind(".//tei:body//tei:p", NS))
