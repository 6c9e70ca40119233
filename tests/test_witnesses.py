"""Two witnesses of one document: page copies written from the book's own text are
recognised from their texts (not their names), linked both ways, and their differences
reported; pages of documents the book does not hold are not linked."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import EDITORIAL, NS, RAW, TEST_CACHE, WITNESSES
from pipeline.editorial.witnesses import Entry, find_pairs, fingerprint
from pipeline.runner import run_build

BOOK = "001_57a5e7fdb55d5ea9.txt"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
PAGES = sorted(WITNESSES.glob("*.txt"))


def build(tmp_path_factory, editorial):
    raw = tmp_path_factory.mktemp("witness-raw")
    shutil.copy(RAW / BOOK, raw / BOOK)
    for page in PAGES:
        shutil.copy(page, raw / page.name)
    out = tmp_path_factory.mktemp("witness-tei")
    report = run_build(raw, out, editorial, cache_dir=TEST_CACHE)
    return out, report


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    return build(tmp_path_factory, EDITORIAL)


def documents(out, raw_name):
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return manifest["raw"][raw_name]["documents"]


def first_line(out, ident) -> int:
    from lxml import etree
    root = etree.parse(str(out / f"{ident}.xml")).getroot()
    start = int(root.findtext(".//tei:bibl[@type='rawFile']/tei:citedRange", namespaces=NS).split("-")[0])
    return (RAW / BOOK).read_text(encoding="utf-8").count("\n", 0, start) + 1


def witnesses_of(out, ident) -> list[str]:
    from lxml import etree
    root = etree.parse(str(out / f"{ident}.xml")).getroot()
    return [w.get("corresp") for w in root.iterfind(".//tei:sourceDesc/tei:listWit/tei:witness", NS)]


@pytest.mark.integration
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_a_page_copy_is_linked_to_its_document_in_the_book_and_back(edition, page):
    out, _ = edition
    expected = json.loads(page.with_name(page.stem + ".expected.json").read_text(encoding="utf-8"))
    (page_id,) = documents(out, page.name)
    linked = witnesses_of(out, page_id)
    if not expected["in_book"]:
        assert linked == [], "a page of a document the book does not hold is linked to nothing"
        return
    assert len(linked) == 1
    book_id = linked[0].removesuffix(".xml")
    assert book_id in documents(out, BOOK)
    assert abs(first_line(out, book_id) - expected["book_first_line"]) <= 6
    assert witnesses_of(out, book_id) == [f"{page_id}.xml"]


@pytest.mark.integration
def test_the_witnesses_differences_are_reported(edition):
    out, report = edition
    stretches = [line for line in report.witness_lines if line.startswith("  ")]
    for page in PAGES:
        expected = json.loads(page.with_name(page.stem + ".expected.json").read_text(encoding="utf-8"))
        ours = [line for line in stretches if page.stem.replace("_", "-") in line]
        assert len(ours) >= len(expected["differences"]), page.stem
        for difference in expected["differences"]:
            web, book = set(difference["web"].split()), set(difference["book"].split())
            moved = (web ^ book) or web  # words put in another order differ in their places only
            assert any(word in line for line in ours for word in moved), difference


@pytest.mark.integration
def test_the_richer_witness_supplies_a_title_the_ocr_lost(tmp_path_factory):
    """Without the editors' titles, the book's document takes the page copy's title,
    marked as taken from that witness."""
    from lxml import etree
    out, _ = build(tmp_path_factory, None)
    for page in PAGES:
        expected = json.loads(page.with_name(page.stem + ".expected.json").read_text(encoding="utf-8"))
        if not expected["in_book"]:
            continue
        (page_id,) = documents(out, page.name)
        book_id = witnesses_of(out, page_id)[0].removesuffix(".xml")
        title = etree.parse(str(out / f"{book_id}.xml")).getroot().find(".//tei:titleStmt/tei:title", NS)
        if title.get("source"):
            assert title.get("source") == f"{page_id}.xml" and title.text == expected["title"]
            return
    pytest.fail("no document of the book took its title from a witness")


def test_fingerprints_recognise_a_text_through_small_changes():
    """An OCR'd document and a page copy with a few words changed are one text; another
    text is not; two OCR copies are not compared with each other, and a document keeps
    only its best partner in each other raw file."""
    text = ("We have always said that we are in favour of peace with all nations without exception, and "
            "the workers of every country will understand us when we say that the war must end now. ") * 3
    changed = text.replace("always", "ever").replace("nations", "peoples")
    other = "The question of concessions must be decided with the greatest care and caution. " * 6
    pairs = find_pairs([Entry("a", "book.txt", True, fingerprint(text)),
                        Entry("b", "page.txt", False, fingerprint(changed)),
                        Entry("c", "other.txt", False, fingerprint(other)),
                        Entry("d", "copy.txt", True, fingerprint(text)),
                        Entry("e", "book.txt", True, fingerprint(changed))])
    assert [(p.first, p.second) for p in pairs] == [("b", "d"), ("b", "e")]
