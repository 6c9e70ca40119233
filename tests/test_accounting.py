"""Nothing is lost silently: every character of a raw file ends up in the TEI text, in a
recorded correction's sic, or in a recorded removal; the build checks it for every file
it builds (``pipeline.accounting``), and these tests prove the check works."""

from __future__ import annotations

from collections import Counter

import pytest
from lxml import etree

import pipeline.encode.document as document_encoder
from conftest import RAW, documents_of
from pipeline.accounting import check_accounting, visible
from pipeline.errors import AccountingError
from pipeline.ingest import read_source
from pipeline.runner import run_build
from pipeline.teitext import source_characters

TEI = "{http://www.tei-c.org/ns/1.0}"


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
def test_the_build_checked_every_fixture(built_fixtures):
    out, report = built_fixtures
    assert report.files and not report.failed, [f.error for f in report.failed]


def test_the_check_notices_a_lost_and_an_added_character(built_seeds):
    out, _ = built_seeds
    name = "000_732260b8a4c4c72c.txt"
    source = read_source(RAW / name)
    tree = documents_of(out, name)[0]
    check_accounting(source, [tree.getroot()])  # as built: nothing is missing
    paragraph = tree.getroot().find(f".//{TEI}body//{TEI}p")
    original = paragraph.text
    paragraph.text = original[1:]
    with pytest.raises(AccountingError) as lost:
        check_accounting(source, [tree.getroot()])
    assert "1 missing" in str(lost.value) and name in str(lost.value)
    paragraph.text = original + "§"
    with pytest.raises(AccountingError) as added:
        check_accounting(source, [tree.getroot()])
    assert "more than the raw file has" in str(added.value)


def test_a_build_that_loses_text_fails_that_file_loudly(tmp_path, monkeypatch):
    """An encoder fault that drops a paragraph fails its file with one line naming it;
    the other files are still built."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("000_732260b8a4c4c72c.txt", "004_814b4f938c9727ee.txt"):
        (raw / name).write_bytes((RAW / name).read_bytes())
    original = document_encoder.build_block

    def losing(parent, block, marks):
        if "Hasten Litvinov" in marks.text[block.start:block.end]:
            return  # a fault: this block never reaches the TEI
        original(parent, block, marks)
    monkeypatch.setattr(document_encoder, "build_block", losing)
    report = run_build(raw, tmp_path / "tei")
    failed = {f.name: f.error for f in report.failed}
    assert list(failed) == ["000_732260b8a4c4c72c.txt"]
    assert "000_732260b8a4c4c72c.txt: characters of the raw file are missing from its TEI" in failed[
        "000_732260b8a4c4c72c.txt"] and "\n" not in failed["000_732260b8a4c4c72c.txt"]
    assert (tmp_path / "tei" / "s004-814b4f938c9727ee.xml").exists()
    assert not (tmp_path / "tei" / "s000-732260b8a4c4c72c.xml").exists()


def test_source_characters_skip_what_the_edition_added():
    root = etree.fromstring(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>a<choice><sic>b</sic><corr>c</corr></choice>'
        '<supplied>d</supplied><pc force="weak">¬</pc><lb break="no"/>e</p>'
        '<note type="editorial"><p>f</p></note><note><label type="supplied">7</label><p>g</p></note>'
        '</body></text><standOff><listAnnotation><note>h</note></listAnnotation></standOff></TEI>')
    assert source_characters(root) == "ab¬egh"
