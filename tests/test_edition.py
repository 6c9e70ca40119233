"""The built edition as a whole: valid, deterministic, and what is committed in tei/."""

from __future__ import annotations

import filecmp

import pytest

from conftest import EDITORIAL, RAW, ROOT, TEI_DIR
from pipeline.validate import check_tree, parse_tei, tei_files

pytestmark = pytest.mark.integration


def test_committed_edition_is_what_the_code_builds(built_seeds):
    out, _ = built_seeds
    built = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    committed = sorted(p.name for p in TEI_DIR.iterdir() if not p.name.startswith("."))
    assert built == committed, "run 'make' and commit tei/"
    match, mismatch, errors = filecmp.cmpfiles(out, TEI_DIR, built, shallow=False)
    assert mismatch == [] and errors == [], f"stale files in tei/: {mismatch + errors}; run 'make'"


def test_every_file_is_valid_against_the_edition_schema(built_seeds):
    """Errors fail a file; the Schematron's "please check" warnings are for the editors
    (``validate`` reports them and does not fail), so an editor's valid work passes."""
    out, report = built_seeds
    assert not report.failed
    for path in tei_files([out]):
        errors = [(line, message) for line, message in check_tree(parse_tei(path)) if "[warning " not in message]
        assert errors == [], path.name


@pytest.mark.xdist_group("tei_all")  # one worker compiles tei_all (about 9 s), not each
def test_every_file_is_valid_tei_p5(built_seeds, tei_all):
    out, _ = built_seeds
    for path in tei_files([out]):
        tree = parse_tei(path)
        assert tei_all.validate(tree), f"{path.name}: {tei_all.error_log.last_error}"


@pytest.mark.xdist_group("tei_all")  # one worker compiles tei_all (about 9 s), not each
def test_fixture_editions_are_valid(built_fixtures, tei_all):
    out, report = built_fixtures
    assert not report.failed
    for path in tei_files([out]):
        tree = parse_tei(path)
        assert check_tree(tree) == [], path.name
        assert tei_all.validate(tree), f"{path.name}: {tei_all.error_log.last_error}"


def test_builds_are_byte_identical_whatever_the_hash_order(built_seeds, tmp_path):
    """A fresh build (no cache) in a new process with another hash seed gives the bytes of
    the session's build: builds are deterministic and no set order leaks."""
    import os
    import subprocess
    import sys
    out, _ = built_seeds
    other = tmp_path / "other"
    env = dict(os.environ, PYTHONHASHSEED="4242")
    subprocess.run([sys.executable, "-m", "pipeline", "build", "--raw", str(RAW), "--out", str(other),
                    "--editorial", str(EDITORIAL), "--cache", ""],
                   env=env, check=True, capture_output=True)
    names = sorted(p.name for p in out.iterdir())
    _, mismatch, errors = filecmp.cmpfiles(out, other, names, shallow=False)
    assert mismatch == [] and errors == []


def test_a_default_tei_consumer_sees_no_encoding_defect(built_seeds):
    """Issue 9's list, counted by bench/encoding.py in what the build wrote: no spacing
    repair as a choice, no empty corr, no space inside a word at a page turn, no hyphen kept
    only in lb/@rend, every note placed, labelled in plain text and with @place, no removal
    record in the reading flow, and a self-contained corpus file."""
    import sys
    sys.path.insert(0, str(ROOT / "bench"))
    from encoding import count
    out, _ = built_seeds
    figures = count(out)
    defects = {k: v for k, v in figures.items() if k not in ("documents", "self_contained_corpus_file")
               and "information" not in k}
    assert figures["documents"] >= 69 and figures["self_contained_corpus_file"]
    assert defects == dict.fromkeys(defects, 0)
