"""Shared fixtures: the project's folders, a built edition, the compiled schemas."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"
TEI_DIR = ROOT / "tei"
EDITORIAL = ROOT / "editorial"
WITNESSES = ROOT / "tests" / "fixtures" / "witnesses"
#: builds of unchanged inputs are shared between test sessions (keyed by the code's hash too)
TEST_CACHE = ROOT / ".cache" / "test-build"
WEB_FIXTURES = ROOT / "tests" / "fixtures" / "web"
WEB_LAYOUTS = ROOT / "tests" / "fixtures" / "web_layouts"
NS = {"tei": "http://www.tei-c.org/ns/1.0"}


@pytest.fixture(scope="session")
def built_seeds(tmp_path_factory):
    """The edition built from raw/ into a temporary folder, once per session."""
    from pipeline.runner import run_build
    out = tmp_path_factory.mktemp("tei")
    report = run_build(RAW, out, EDITORIAL, cache_dir=TEST_CACHE)
    return out, report


@pytest.fixture(scope="session")
def built_fixtures(tmp_path_factory):
    """The web-page fixtures built into TEI, once per session."""
    from pipeline.runner import run_build
    out = tmp_path_factory.mktemp("fixtures-tei")
    raw = tmp_path_factory.mktemp("fixtures-raw")
    for path in list(WEB_FIXTURES.glob("*.txt")) + list(WEB_LAYOUTS.glob("*.txt")):
        (raw / path.name).write_bytes(path.read_bytes())
    report = run_build(raw, out, cache_dir=TEST_CACHE)
    return out, report


@pytest.fixture(scope="session")
def tei_all():
    """The full TEI P5 grammar, compiled once (about 8 s)."""
    from pipeline.validate import tei_all_grammar
    return tei_all_grammar()


def parse(path) -> etree._ElementTree:
    return etree.parse(str(path))


def documents_of(out: Path, raw_name: str) -> list[etree._ElementTree]:
    """The TEI documents built from the raw file ``raw_name``, in source order (from the
    build's manifest)."""
    import json
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    entry = manifest["raw"].get(raw_name, {"documents": []})
    return [parse(out / f"{ident}.xml") for ident in entry["documents"]]
