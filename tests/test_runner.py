"""The runner: incremental builds, what the build owns, parallel and cluster builds that
give the same bytes, and the command line as a user meets it."""

from __future__ import annotations

import filecmp
import os
import shutil

import pytest
from click.testing import CliRunner

from conftest import RAW, ROOT, WEB_FIXTURES
from pipeline.cli import main
from pipeline.runner import MANIFEST_NAME, run_build

PAGES = ["000_732260b8a4c4c72c.txt", "002_d01f47acb045afad.txt", "004_814b4f938c9727ee.txt"]


@pytest.fixture
def raw(tmp_path):
    folder = tmp_path / "raw"
    folder.mkdir()
    for name in PAGES:
        shutil.copy(RAW / name, folder / name)
    return folder


def outputs(folder):
    return sorted(p.name for p in folder.iterdir() if p.is_file())


def test_a_changed_file_is_the_only_one_built_again(raw, tmp_path):
    out, cache = tmp_path / "tei", tmp_path / "cache"
    first = run_build(raw, out, cache_dir=cache)
    assert sorted(first.built) == PAGES
    untouched = (out / "s000-732260b8a4c4c72c.xml").stat().st_mtime_ns
    page = raw / "004_814b4f938c9727ee.txt"
    page.write_text(page.read_text(encoding="utf-8").replace("absolutely clear", "quite clear"), encoding="utf-8")
    second = run_build(raw, out, cache_dir=cache)
    assert second.built == ["004_814b4f938c9727ee.txt"]
    assert "quite clear" in (out / "s004-814b4f938c9727ee.xml").read_text(encoding="utf-8")
    assert (out / "s000-732260b8a4c4c72c.xml").stat().st_mtime_ns == untouched
    third = run_build(raw, out, cache_dir=cache)
    assert third.built == [] and third.written == []


def test_the_build_owns_only_what_it_wrote(raw, tmp_path):
    out = tmp_path / "tei"
    run_build(raw, out)
    mine = out / "my-own-notes.xml"
    mine.write_text("<notes>an editor's file</notes>", encoding="utf-8")
    (raw / "002_d01f47acb045afad.txt").unlink()
    report = run_build(raw, out)
    assert report.removed == ["s002-d01f47acb045afad.xml"]
    assert not (out / "s002-d01f47acb045afad.xml").exists()
    assert mine.exists(), "a file the build did not write is never deleted"
    assert "s002-d01f47acb045afad" not in (out / "corpus.xml").read_text(encoding="utf-8")
    assert "removed s002-d01f47acb045afad.xml (its raw file is gone)" in report.summary_lines()


def test_a_hand_edit_of_an_owned_file_is_restored_and_named(raw, tmp_path):
    out = tmp_path / "tei"
    run_build(raw, out)
    target = out / "s000-732260b8a4c4c72c.xml"
    built = target.read_text(encoding="utf-8")
    target.write_text(built.replace("Comrade Chicherin", "Comrade Krasin"), encoding="utf-8")
    report = run_build(raw, out)
    assert target.read_text(encoding="utf-8") == built
    assert report.overwritten == ["s000-732260b8a4c4c72c.xml"]


def test_jobs_give_the_same_bytes(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in PAGES:
        shutil.copy(RAW / name, raw / name)
    for path in sorted(WEB_FIXTURES.glob("*.txt"))[:6]:
        shutil.copy(path, raw / path.name)
    shutil.copy(ROOT / "bench" / "synth" / "dev" / "book_s3.txt", raw / "book_s3.txt")
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    run_build(raw, serial, jobs=1)
    run_build(raw, parallel, jobs=2)
    names = outputs(serial)
    assert names == outputs(parallel)
    _, mismatch, errors = filecmp.cmpfiles(serial, parallel, names, shallow=False)
    assert mismatch == [] and errors == []


def test_one_raw_file_into_a_scratch_folder(tmp_path):
    result = CliRunner().invoke(main, ["build", "--raw", str(RAW / "003_1f54935782d342ab.txt"),
                                       "--out", str(tmp_path / "scratch"), "--cache", ""])
    assert result.exit_code == 0, result.output
    assert outputs(tmp_path / "scratch") == ["build-report.json", "corpus.xml", "edition.xml", MANIFEST_NAME,
                                             "register.xml", "s003-1f54935782d342ab.xml"]
    assert "1 document from 1 of 1 raw file" in result.output


def test_the_command_line_as_typed():
    runner = CliRunner()
    assert runner.invoke(main, ["--version"]).output.startswith("sfp-edition, version ")
    build_help = runner.invoke(main, ["build", "--help"]).output
    for option in ("--raw PATH", "--out DIR", "--editorial DIR", "--jobs", "--engine", "--cache DIR"):
        assert option in build_help
    assert "``" not in build_help


@pytest.mark.cluster
def test_a_dask_cluster_gives_the_same_bytes(tmp_path):
    """The per-file build on a local Dask cluster of two worker processes (127.0.0.1), on a
    generated corpus of books, gives the bytes of the serial build."""
    if os.environ.get("CI") is None:
        pytest.importorskip("distributed", reason="the cluster engine is an optional extra: pip install '.[cluster]'")
    from corpus_generator import perturbed_corpus
    raw = perturbed_corpus(tmp_path / "raw", books=24)
    serial, cluster = tmp_path / "serial", tmp_path / "cluster"
    run_build(raw, serial, jobs=1)
    report = run_build(raw, cluster, engine="dask", jobs=2)
    assert not report.failed
    names = outputs(serial)
    assert names == outputs(cluster) and len(names) > 24
    _, mismatch, errors = filecmp.cmpfiles(serial, cluster, names, shallow=False)
    assert mismatch == [] and errors == []
