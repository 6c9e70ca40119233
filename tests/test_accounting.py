"""Nothing is lost silently: every character of a raw file ends up in the TEI text,
in a recorded correction's sic, in a recorded hyphen mark, or in a recorded removal."""

from __future__ import annotations

from collections import Counter

import pytest

from conftest import RAW, documents_of
from pipeline.ingest import read_source
from pipeline.teitext import source_characters


def visible(text: str) -> Counter:
    return Counter(ch for ch in text if not ch.isspace())


@pytest.mark.integration
@pytest.mark.parametrize("raw_path", sorted(RAW.glob("*.txt")), ids=lambda p: p.name)
def test_every_raw_character_is_accounted_for(built_seeds, raw_path):
    out, _ = built_seeds
    trees = documents_of(out, raw_path.name)
    assert trees, f"no TEI document was built from {raw_path.name}"
    kept = visible("".join(source_characters(tree) for tree in trees))
    raw = visible(read_source(raw_path).text)
    assert kept - raw == Counter(), "the TEI holds characters the raw file does not have"
    assert raw - kept == Counter(), "characters of the raw file are missing from the TEI"


@pytest.mark.integration
def test_accounting_holds_for_the_fixtures(built_fixtures):
    out, report = built_fixtures
    assert not report.failed
    for result in report.files:
        raw_text = (RAW.parent / "tests" / "fixtures" / "web" / result.name).read_text(encoding="utf-8")
        kept = "".join(source_characters(tree) for tree in documents_of(out, result.name))
        assert visible(kept) == visible(raw_text), result.name


def test_accounting_notices_a_lost_character(built_seeds):
    """The check above can fail: drop one character from a TEI file and it differs."""
    out, _ = built_seeds
    tree = documents_of(out, "000_732260b8a4c4c72c.txt")[0]
    paragraph = tree.getroot().find(".//{http://www.tei-c.org/ns/1.0}body//{http://www.tei-c.org/ns/1.0}p")
    paragraph.text = paragraph.text[1:]
    raw = visible(read_source(RAW / "000_732260b8a4c4c72c.txt").text)
    assert visible(source_characters(tree)) != raw
