"""The register on the site, made from the committed edition (tei/): a page per entry of
``register.xml`` with its names, dates, note, authority links and the documents that name
it (with the count of mentions, as the TEI's ``@ref`` give them), and the index's rows
carrying the persons and places a filter chooses by.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from lxml import etree, html

from conftest import NS, TEI_DIR
from pipeline.publish import build_site
from pipeline.publish.edition import load_edition

REGISTER = TEI_DIR / "register.xml"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
NAMES = ("persName", "placeName", "orgName")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    if not REGISTER.exists():
        pytest.fail("tei/register.xml is missing: build the edition first (make)")
    out = tmp_path_factory.mktemp("site")
    build_site(TEI_DIR, out)
    return out


def register_entries() -> dict[str, etree._Element]:
    root = etree.parse(str(REGISTER)).getroot()
    return {el.get(XML_ID).removeprefix("register-"): el
            for el in root.xpath("//tei:standOff//*[self::tei:person or self::tei:place or self::tei:org]",
                                 namespaces=NS)}


def mentions_in_tei() -> dict[str, Counter]:
    """key → Counter(document → mentions in its ``text``), read straight from the TEI."""
    found: dict[str, Counter] = {}
    for ident in load_edition(TEI_DIR).document_ids:
        text = etree.parse(str(TEI_DIR / f"{ident}.xml")).getroot().find("tei:text", NS)
        for el in text.iter(*(f"{{{NS['tei']}}}{name}" for name in NAMES)):
            ref = el.get("ref", "")
            if ref.startswith("register.xml#register-"):
                found.setdefault(ref.removeprefix("register.xml#register-"), Counter())[ident] += 1
    return found


def test_every_entry_has_a_page_with_its_names_dates_and_ids(site):
    entries = register_entries()
    assert len(entries) > 50
    for key, el in entries.items():
        page = html.parse(str(site / "register" / f"{key}.html")).getroot()
        shown = " ".join(page.text_content().split())
        for name in el.xpath("tei:persName|tei:placeName|tei:orgName", namespaces=NS):
            assert " ".join(name.text.split()) in shown, (key, name.text)
        for idno in el.findall("tei:idno", NS):
            links = page.xpath("//a[@class='authority']/@href")
            assert idno.text in links, (key, idno.text)
        born = el.find("tei:birth", NS)
        if born is not None:
            assert born.get("when") in shown


def test_entry_pages_list_the_documents_that_name_it_with_counts(site):
    found = mentions_in_tei()
    assert found.get("lenin"), "the edition names Lenin nowhere: is tei/ built with the register?"
    for key, documents in found.items():
        page = html.parse(str(site / "register" / f"{key}.html")).getroot()
        items = page.xpath("//ol[@class='mentions']/li")
        listed = {li.get("data-document"): li for li in items}
        assert set(listed) == set(documents), key
        for ident, count in documents.items():
            assert f"{count} mention" in listed[ident].text_content(), (key, ident, count)
            assert listed[ident].find("a").get("href") == f"../doc/{ident}.html"
        # in the edition's order
        order = load_edition(TEI_DIR).document_ids
        assert [li.get("data-document") for li in items] == [i for i in order if i in documents]


def test_an_entry_no_document_names_says_so(site):
    named = set(mentions_in_tei())
    silent = [key for key in register_entries() if key not in named]
    for key in silent:
        page = html.parse(str(site / "register" / f"{key}.html")).getroot()
        assert "Named in no document" in page.text_content()


def test_index_rows_carry_the_persons_and_places_they_name(site):
    entries = register_entries()
    found = mentions_in_tei()
    index = html.parse(str(site / "index.html")).getroot()
    for row in index.xpath("//tr[@data-document]"):
        ident = row.get("data-document")
        for kind in ("person", "place"):
            expected = sorted(key for key, docs in found.items()
                              if ident in docs and etree.QName(entries[key]).localname == kind)
            assert sorted((row.get(f"data-{kind}") or "").split()) == expected, (ident, kind)
    options = index.xpath("//select[@data-filter='person']/option/@value")
    assert "lenin" in options and "" in options
    assert "russia" in index.xpath("//select[@data-filter='place']/option/@value")


def test_register_index_lists_every_entry(site):
    page = html.parse(str(site / "register" / "index.html")).getroot()
    listed = set(page.xpath("//ul[@class='register-list']/li/@data-entry"))
    assert listed == set(register_entries())


def test_pages_of_entries_gone_from_the_register_go(site, tmp_path):
    out = tmp_path / "site"
    build_site(TEI_DIR, out)
    stale = out / "register" / "nobody.html"
    stale.write_text("old", encoding="utf-8")
    build_site(TEI_DIR, out)
    assert not stale.exists()
