"""The edition's own facts (editorial/edition.toml) are read once, checked with
``file:line`` messages, and stated in every document and corpus file: a permanent URL
and a licence a machine can follow."""

from __future__ import annotations

from dataclasses import replace

import pytest
from lxml import etree

from conftest import EDITORIAL, NS
from pipeline.edition import load_edition_facts, read_edition
from pipeline.errors import EditionFileError
from pipeline.runner import input_key, read_inputs

GOOD = 'title = "T"\npublisher = "P"\nbase_url = "https://example.org/ed/"\n'


@pytest.mark.parametrize("text, where, words", [
    (GOOD.replace('base_url = "https://example.org/ed/"', 'base_url = "https://example.org/ed"'), ":3:", "ending in"),
    (GOOD + 'licence = "CC BY-SA 4.0"\n', ":4:", "needs licence_url"),
    (GOOD + 'licnece = "CC0"\n', ":4:", "unknown field licnece"),
    ('title = "T"\nbase_url = "https://e.org/"\n', ":1:", "publisher is missing"),
    (GOOD + 'editors = "A"\n', ":4:", "editors must be a list"),
    (GOOD + "title = \n", ":4:", "not valid TOML"),
])
def test_a_bad_edition_file_is_named_with_its_line(text, where, words):
    with pytest.raises(EditionFileError) as caught:
        load_edition_facts(text, "editorial/edition.toml")
    assert f"editorial/edition.toml{where}" in str(caught.value) and words in str(caught.value)


def test_every_document_and_the_corpus_state_a_permanent_url_and_a_licence(built_seeds):
    tei_dir, _ = built_seeds
    edition = read_edition(EDITORIAL)
    for path in sorted(tei_dir.glob("*.xml")):
        root = etree.parse(str(path)).getroot()
        ident = root.get("{http://www.w3.org/XML/1998/namespace}id")
        statement = root.find("tei:teiHeader/tei:fileDesc/tei:publicationStmt", NS)
        assert statement.findtext("tei:idno[@type='URI']", namespaces=NS) == \
            edition.base_url + ("corpus" if root.tag.endswith("teiCorpus") else ident), path.name
        assert statement.find("tei:availability/tei:licence", NS).get("target") == edition.licence_url
        assert statement.findtext("tei:publisher", namespaces=NS) == edition.publisher
    corpus = etree.parse(str(tei_dir / "corpus.xml")).getroot()
    assert corpus.findtext(".//tei:titleStmt/tei:title", namespaces=NS) == edition.title
    assert corpus.xpath(".//tei:titleStmt/tei:respStmt/tei:name/text()", namespaces=NS)[0] == edition.editors[0]


def test_the_edition_file_is_part_of_every_files_build_key(tmp_path):
    raw = read_inputs([EDITORIAL.parent / "raw" / sorted(p.name for p in (EDITORIAL.parent / "raw").iterdir())[0]],
                      EDITORIAL)[0]
    assert raw.edition and "base_url" in raw.edition
    assert input_key(raw) != input_key(replace(raw, edition=raw.edition.replace("https://", "http://")))
