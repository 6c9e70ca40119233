"""The CMIF file the build writes is one correspSearch takes: its own check rules
(correspSearch/csAPI ``cmif.sch``, XSLT 2 binding, run by SchXslt on Saxon) find no
error, it is valid against CMIF's schema, its addresses are absolute and come from the
edition file, and its correspondents are clean names, bodies are ``orgName``s and one
person has one name."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from lxml import etree

from conftest import EDITORIAL, NS, ROOT
from handoff_sources import repository
from pipeline.edition import EditionFacts, read_edition
from pipeline.publish.cmif import clean_name, read_register, write_cmif

CMIF_DIR = ROOT / "tests" / "fixtures" / "cmif"
SVRL = {"svrl": "http://purl.oclc.org/dsdl/svrl"}


@pytest.fixture(scope="module")
def edition():
    return read_edition(EDITORIAL)


@pytest.fixture(scope="module")
def cmif_path(built_seeds, edition, tmp_path_factory):
    tei_dir, _report = built_seeds
    return write_cmif(tei_dir, tmp_path_factory.mktemp("cmif") / "cmif.xml", edition, read_register(EDITORIAL))


@pytest.fixture(scope="module")
def cmif(cmif_path):
    return etree.parse(str(cmif_path)).getroot()


def correspsearch_check(path) -> list[etree._Element]:
    """correspSearch's own Schematron rules run on the file: the failed asserts and
    successful reports, each with its role."""
    saxonche = pytest.importorskip("saxonche")
    rules = repository("correspSearch/csAPI") / "api/v2.0/services/check/cmif.sch"
    compiler_xsl = repository("schxslt/schxslt") / "core/src/main/resources/xslt/2.0/pipeline-for-svrl.xsl"
    with saxonche.PySaxonProcessor(license=False) as processor:
        xslt = processor.new_xslt30_processor()
        validator = xslt.compile_stylesheet(stylesheet_text=xslt.compile_stylesheet(
            stylesheet_file=str(compiler_xsl)).transform_to_string(source_file=str(rules)))
        report = validator.transform_to_string(source_file=str(path))
    return etree.fromstring(report.encode("utf-8")).xpath("//svrl:failed-assert | //svrl:successful-report",
                                                          namespaces=SVRL)


def test_correspsearch_finds_no_error_in_the_cmif_file(cmif_path):
    findings = correspsearch_check(cmif_path)
    errors = [" ".join(f.xpath("string(svrl:text)", namespaces=SVRL).split()) + f" at {f.get('location')}"
              for f in findings if f.get("role") in (None, "error", "fatal")]
    assert errors == []
    assert not [f for f in findings if "[W0000]" in f.xpath("string(svrl:text)", namespaces=SVRL)]


def test_correspsearch_check_catches_a_relative_address(tmp_path, cmif_path):
    """The check is live: the file the old writer made (a relative idno) fails it."""
    root = etree.parse(str(cmif_path))
    root.find(".//tei:publicationStmt/tei:idno", NS).text = "cmif.xml"
    broken = tmp_path / "broken.xml"
    root.write(str(broken))
    assert any("[E0001]" in f.xpath("string(svrl:text)", namespaces=SVRL) for f in correspsearch_check(broken))


def test_the_cmif_file_is_valid_against_its_schema(cmif):
    grammar = etree.RelaxNG(etree.parse(str(CMIF_DIR / "cmi-customization.rng")))
    assert grammar.validate(cmif), grammar.error_log


def test_every_address_is_absolute_and_from_the_edition_file(cmif, edition):
    assert edition.base_url.startswith("https://")
    assert cmif.findtext(".//tei:publicationStmt/tei:idno[@type='url']", namespaces=NS) == edition.base_url + "cmif.xml"
    refs = cmif.xpath("//tei:correspDesc/@ref", namespaces=NS)
    assert len(refs) == 12 and all(ref.startswith(edition.base_url) and "/" not in ref[len(edition.base_url):]
                                   for ref in refs)
    assert cmif.find(".//tei:licence", NS).get("target") == edition.licence_url


def test_correspondents_are_clean_names_one_per_person(cmif):
    names = [el.text for el in cmif.iter("{*}persName", "{*}orgName")]
    assert not [n for n in names if any(ch.isdigit() for ch in n) or "CHl" in n or n.lower().startswith("the ")]
    assert len({n for n in names if n.endswith("Lenin")}) == 1
    assert cmif.xpath("//tei:orgName[contains(., 'British Embassy')]", namespaces=NS)
    assert not cmif.xpath("//tei:persName[contains(., 'Embassy')]", namespaces=NS)


@pytest.mark.parametrize("printed, clean", [
    ("Colonel Robins. May 14. 1918", "Colonel Robins"),
    ("G. V. CHlCHERIN. Not earlier than September 16", "G. V. Chicherin"),
    ("G. V. Chicherin. November 19", "G. V. Chicherin"),
    ("Comrade Stalin", "Stalin"),
    ("the British Embassy", "British Embassy"),
    ("To the Government of the RSFSR", "Government of the RSFSR"),
    ("unknown", ""),
])
def test_printed_names_are_cleaned_by_rule(printed, clean):
    assert clean_name(printed) == clean


class OneEntryRegister:
    """A register that knows one person and one place, as the register loader answers."""

    def match(self, name, type=None):
        if name.endswith("Robins"):
            return SimpleNamespace(key="robins", type="person", name="Raymond Robins",
                                   authority="https://viaf.org/viaf/12345")
        if name == "Moscow":
            return SimpleNamespace(key="moscow", type="place", name="Moscow",
                                   authority="http://sws.geonames.org/524901/")
        return None


def test_the_register_gives_authority_ids_and_nothing_is_invented(built_seeds, tmp_path):
    tei_dir, _ = built_seeds
    facts = EditionFacts("An edition", "Its editors", "https://example.org/ed/")
    root = etree.parse(str(write_cmif(tei_dir, tmp_path / "c.xml", facts, OneEntryRegister()))).getroot()
    robins = root.xpath("//tei:persName[. = 'Raymond Robins']", namespaces=NS)
    assert robins and {el.get("ref") for el in robins} == {"https://viaf.org/viaf/12345"}
    assert {el.get("ref") for el in root.iter("{*}persName", "{*}orgName")} == {"https://viaf.org/viaf/12345", None}
    plain = root.xpath("//tei:persName[not(@ref)]", namespaces=NS)
    assert plain and all(el.get("ref") is None for el in plain)


def test_a_build_without_a_base_url_writes_no_cmif(built_seeds, tmp_path):
    from pipeline.edition import UNPUBLISHED
    from pipeline.errors import PipelineError
    with pytest.raises(PipelineError, match="base_url"):
        write_cmif(built_seeds[0], tmp_path / "c.xml", UNPUBLISHED)
