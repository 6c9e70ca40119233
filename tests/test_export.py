"""The exports for other pipelines (``pipeline.publish.export``): a TEI Simple Print copy
of each document, valid against TEI Simple Print's own grammar (TEIC/TEI-Simple at its
pinned commit, validated with jing), and the plain text, both holding the edition's
reading text, notes by their printed number, and the apparatus kept apart."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from lxml import etree

from conftest import NS, ROOT, TEI_DIR
from handoff_sources import repository
from pipeline.publish.edition import load_edition
from pipeline.publish.export import SIMPLE_SUFFIX, TEXT_SUFFIX, plain_text, simple_print, write_exports
from pipeline.teitext import reading_text

sys.path.insert(0, str(ROOT / "bench"))
from encoding import JING, schema_errors  # noqa: E402


@pytest.fixture(scope="module")
def simple_print_grammar():
    if shutil.which(JING) is None:
        from conftest import unavailable  # skips with the reason; in CI (which installs jing) fails
        unavailable("jing is not installed (apt-get install jing): lxml does not finish compiling teisimple.rng")
    return repository("TEIC/TEI-Simple") / "teisimple.rng"


def edition_or_skip():
    if not (TEI_DIR / "manifest.json").exists():
        pytest.skip("tei/ is not built (make)")
    return TEI_DIR


def test_every_seed_export_is_valid_tei_simple_print(simple_print_grammar, tmp_path):
    written = write_exports(edition_or_skip(), tmp_path)
    copies = [p for p in written if p.name.endswith(SIMPLE_SUFFIX)]
    assert len(copies) == len(load_edition(TEI_DIR).document_ids)
    assert schema_errors(simple_print_grammar, copies) == []


@pytest.mark.integration
def test_every_web_fixture_export_is_valid_tei_simple_print(simple_print_grammar, built_fixtures, tmp_path):
    out, _ = built_fixtures
    copies = [p for p in write_exports(out, tmp_path) if p.name.endswith(SIMPLE_SUFFIX)]
    assert copies
    assert schema_errors(simple_print_grammar, copies) == []


def test_an_invalid_copy_is_caught(simple_print_grammar, tmp_path):
    """The check can fail: a name element TEI Simple Print does not have."""
    bad = tmp_path / "bad.xml"
    bad.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t</title>'
                   '</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>'
                   '</teiHeader><text><body><p><persName>Lenin</persName></p></body></text></TEI>')
    assert schema_errors(simple_print_grammar, [bad])


def book_document_with_everything():
    """A book document with corrections, broken words and notes (the README's first one)."""
    edition_or_skip()
    for ident in load_edition(TEI_DIR).document_ids:
        tree = etree.parse(str(TEI_DIR / f"{ident}.xml"))
        if tree.find(".//tei:choice/tei:sic", NS) is not None and tree.find(".//tei:choice/tei:orig", NS) is not None \
                and tree.find(".//tei:note[@type='endnote']", NS) is not None:
            return tree
    pytest.skip("no document with corrections, broken words and endnotes in tei/")


def test_the_simple_print_copy_reads_as_the_edition():
    tree = book_document_with_everything()
    copy = simple_print(tree)
    body, source_body = copy.find("tei:text/tei:body", NS), tree.find("tei:text/tei:body", NS)
    without_labels = etree.fromstring(etree.tostring(source_body))
    for label in without_labels.findall(".//tei:note/tei:label", NS):
        label.text = ""
        for child in list(label):
            label.remove(child)
    assert reading_text(body) == reading_text(without_labels)
    assert copy.find(".//tei:body//tei:sic", NS) is None and copy.find(".//tei:body//tei:orig", NS) is None
    assert "¬" not in "".join(body.itertext())
    notes = copy.findall(".//tei:text//tei:note", NS)
    assert notes and all(n.get("n") and n.find("tei:label", NS) is None for n in notes)


def test_the_apparatus_lists_every_correction_and_broken_word():
    tree = book_document_with_everything()
    copy = simple_print(tree)
    corrections = copy.findall(".//tei:back/tei:div[@type='apparatus']/tei:div[@type='corrections']//tei:item", NS)
    broken = copy.findall(".//tei:back/tei:div[@type='apparatus']/tei:div[@type='hyphenation']//tei:item", NS)
    assert len(corrections) == len(tree.findall(".//tei:text//tei:choice[tei:sic]", NS))
    assert len(broken) == len(tree.findall(".//tei:text//tei:choice[tei:orig]", NS))
    sic = tree.find(".//tei:text//tei:choice/tei:sic", NS)
    assert any("".join(sic.itertext()).strip() in item.text for item in corrections)


def test_plain_text_is_paragraphs_then_numbered_notes():
    tree = book_document_with_everything()
    text = plain_text(tree)
    blocks = text.rstrip("\n").split("\n\n")
    assert all(block and "\n" not in block for block in blocks)
    first_paragraph = reading_text(tree.find("tei:text/tei:body//tei:p", NS))
    assert first_paragraph in blocks
    notes = tree.findall(".//tei:text//tei:note[@type='endnote']", NS)
    assert blocks[-len(notes):] and all(block.startswith(f"[{note.get('n')}] ")
                                        for block, note in zip(blocks[-len(notes):], notes[-len(notes):]))
    assert "¬" not in text and "\n\n\n" not in text


def test_the_export_command_writes_both_for_every_document(tmp_path):
    edition_or_skip()
    run = subprocess.run([sys.executable, "-m", "pipeline", "export", "--tei", str(TEI_DIR), "--out", str(tmp_path)],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    ids = load_edition(TEI_DIR).document_ids
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [f"{i}{SIMPLE_SUFFIX}" for i in ids] + [f"{i}{TEXT_SUFFIX}" for i in ids])
