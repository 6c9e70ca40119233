"""The encoders on one raw file at a time, built inside each test.

The web-page fixtures must give what their expected JSON says (the checks of
test_web_pages.py, run here on a build of the one file) and the seed pages what
``test_web_pages.SEEDS`` says. test_web_pages.py reads one shared build of every
fixture, made once per session and kept in a cache keyed by the code's text; these
tests build in the test itself, so that mutation testing (``make mutation``) knows which
test reaches which encoder, and a mutant of the encoders is really the code that runs.
"""

from __future__ import annotations

import json
import shutil

import pytest
from lxml import etree

import test_web_pages as web
from conftest import NS, RAW
from pipeline.runner import run_build

XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
#: the per-fixture checks of test_web_pages.py, each taking (expected, root)
WEB_CHECKS = (web.test_kind_title_and_author, web.test_dates_are_iso, web.test_source_volume_pages_and_references,
              web.test_responsibilities_and_licence, web.test_notes_keep_number_author_text_and_link,
              web.test_letter_parts, web.test_correspondence, web.test_header_and_chrome_stay_out_of_the_text_and_on_record)


def build_one(path, tmp_path):
    """Build the one raw file ``path`` into ``tmp_path/tei``; (out folder, report)."""
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(path, raw / path.name)
    out = tmp_path / "tei"
    report = run_build(raw, out)
    assert report.ok, [f.error for f in report.failed]
    return out, report


@pytest.mark.parametrize("expected_path", web.FIXTURES, ids=lambda p: p.parent.name + "/" + p.name.split(".")[0])
def test_each_fixture_built_alone_gives_its_expected_json(expected_path, tmp_path):
    txt = expected_path.with_name(expected_path.name.replace(".expected.json", ".txt"))
    out, _ = build_one(txt, tmp_path)
    case = json.loads(expected_path.read_text(encoding="utf-8")), web.only_document(out, txt.name)
    for check in WEB_CHECKS:
        check(case)


@pytest.mark.parametrize("name", sorted(web.SEEDS))
def test_each_seed_page_built_alone_gives_its_metadata(name, tmp_path):
    built = build_one(RAW / name, tmp_path)
    web.test_seed_metadata(built, name)
