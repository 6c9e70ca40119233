"""An editor's mistake, a fault in one stage or a killed build never removes or changes
a source's TEI: the last good output stays, the build fails naming the file and line,
and the next build recovers. Built on the real seeds (the book comes from the test cache)."""

from __future__ import annotations

import filecmp
import json
import shutil

import pytest

from conftest import EDITORIAL, RAW, TEST_CACHE
from pipeline.edition_files import MANIFEST_NAME
from pipeline.runner import run_build

BOOK = "001_57a5e7fdb55d5ea9.txt"
BOOK_DECISIONS = "001_57a5e7fdb55d5ea9.toml"
BOOK_ID = "s001-57a5e7fdb55d5ea9"
LETTER = "003_1f54935782d342ab.txt"


@pytest.fixture
def edition(tmp_path, built_seeds, monkeypatch):
    """A copy of raw/, editorial/ and the edition built from them, to spoil at will. The
    copy is the working folder, so its files are named as in the project (raw/…,
    editorial/…) and the builds of unchanged files come from the test cache."""
    built, _ = built_seeds
    monkeypatch.chdir(tmp_path)
    raw, editorial, tei = tmp_path / "raw", tmp_path / "editorial", tmp_path / "tei"
    shutil.copytree(RAW, raw)
    shutil.copytree(EDITORIAL, editorial)
    shutil.copytree(built, tei)
    return raw, editorial, tei


def snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def book_files(tei):
    return {name: data for name, data in snapshot(tei).items() if name.startswith(BOOK_ID)}


def rebuild(edition, **options):
    raw, editorial, tei = edition
    return run_build(raw, tei, editorial, cache_dir=TEST_CACHE, **options)


def append_to(path, text):
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


SPOILERS = {
    "a line that is not TOML": "\n[[decision]]\nkind = title\n",
    "a field the loader does not know": '\n[[decision]]\nkind = "check"\nwho = "sfp"\nwhen = 2026-12-01\n'
                                        'exact = "Lenin introduced the Declaration"\nflag = "x"\ncolour = "red"\n',
    "a field missing": '\n[[decision]]\nkind = "title"\nwho = "sfp"\nwhen = 2026-12-01\nexact = "I shall not touch"\n',
    "a key twice": '\n[[decision]]\nkey = "title-d1"\nkind = "check"\nwho = "sfp"\nwhen = 2026-12-01\n'
                   'exact = "Lenin introduced the Declaration at a meeting of"\nflag = "note-number-missing"\n',
    "a stale decision": '\n[[decision]]\nkind = "title"\nwho = "sfp"\nwhen = 2026-12-01\n'
                        'exact = "I shall not touch on the"\nexpect = "a title nobody ever saw"\nvalue = "X"\n',
}


@pytest.mark.parametrize("spoiler", sorted(SPOILERS))
def test_a_bad_decision_file_keeps_the_books_documents(edition, spoiler):
    raw, editorial, tei = edition
    before = snapshot(tei)
    append_to(editorial / BOOK_DECISIONS, SPOILERS[spoiler])
    report = rebuild(edition)
    assert not report.ok
    after = snapshot(tei)
    assert book_files(tei) == {n: d for n, d in before.items() if n.startswith(BOOK_ID)}, \
        "the book's documents must stay byte for byte"
    assert len(book_files(tei)) == 65
    assert report.removed == []
    corpus = after["corpus.xml"].decode()
    assert corpus.count(f'href="{BOOK_ID}-') == 65, "the corpus still includes the kept documents"
    lines = report.summary_lines()
    assert not any("removed" in line for line in lines)
    assert any(f"{BOOK_DECISIONS}:" in line for line in lines if line.startswith("error")), lines
    assert any(f"raw/{BOOK} was not rebuilt" in line for line in lines), lines
    entry = next(f for f in json.loads(after["build-report.json"])["files"] if f["name"] == BOOK)
    assert entry["kept"] and entry["documents"][0] == f"{BOOK_ID}-front"
    # the editor fixes the file: the book is built again, as it was
    shutil.copy(EDITORIAL / BOOK_DECISIONS, editorial / BOOK_DECISIONS)
    fixed = rebuild(edition)
    assert fixed.ok and snapshot(tei) == before


def test_a_bad_decision_file_of_a_fresh_clone_keeps_the_committed_documents(edition):
    """No cache, no earlier report in memory: what is in tei/ is what stays."""
    raw, editorial, tei = edition
    book_before = book_files(tei)
    append_to(editorial / BOOK_DECISIONS, SPOILERS["a line that is not TOML"])
    report = run_build(raw, tei, editorial, cache_dir=None)
    assert not report.ok and book_files(tei) == book_before


def test_a_fault_in_a_stage_keeps_that_sources_output_and_builds_the_others(edition, monkeypatch):
    raw, editorial, tei = edition
    before = snapshot(tei)
    letter = raw / LETTER
    letter.write_text(letter.read_text(encoding="utf-8").replace("Comrade", "Comrade Comrade", 1), encoding="utf-8")
    import pipeline.build as build

    real = build.run_segment

    def failing(source, *args, **kwargs):
        if source.name.endswith(LETTER):
            raise ZeroDivisionError("a fault in the segmenter")
        return real(source, *args, **kwargs)
    monkeypatch.setattr(build, "run_segment", failing)
    report = rebuild(edition)
    assert [f.name for f in report.failed] == [LETTER]
    assert "internal error" in report.failed[0].error and "ZeroDivisionError" in report.failed[0].error
    assert snapshot(tei)["s003-1f54935782d342ab.xml"] == before["s003-1f54935782d342ab.xml"]
    assert book_files(tei) == {n: d for n, d in before.items() if n.startswith(BOOK_ID)}


def test_a_file_is_removed_only_when_its_raw_file_is_gone(edition):
    raw, editorial, tei = edition
    (raw / LETTER).unlink()
    report = rebuild(edition)
    assert report.removed == ["s003-1f54935782d342ab.xml"]
    assert len(book_files(tei)) == 65


class Killed(BaseException):
    """Stands in for SIGKILL: the build stops between two steps of its writing."""


@pytest.mark.parametrize("after_writes", [0, 1, 5, 30, 60])
def test_a_build_killed_while_writing_is_finished_by_the_next(edition, monkeypatch, tmp_path, after_writes):
    """The folder holds the edition built without the editors' decisions; the build that
    applies them (about 70 files to write, one to remove) is killed after some writes."""
    raw, editorial, tei = edition
    reference = tmp_path / "reference"
    shutil.copytree(tei, reference)
    assert run_build(raw, tei, None, cache_dir=TEST_CACHE).files  # the state before
    (raw / "002_d01f47acb045afad.txt").unlink()
    assert run_build(raw, reference, editorial, cache_dir=TEST_CACHE).ok

    import pipeline.edition_files as files
    real_replace, calls = files.os.replace, []

    def replace_then_die(src, dst):
        if len(calls) == after_writes:
            raise Killed()
        calls.append(dst)
        return real_replace(src, dst)
    monkeypatch.setattr(files.os, "replace", replace_then_die)
    with pytest.raises(Killed):
        rebuild(edition)
    monkeypatch.setattr(files.os, "replace", real_replace)
    for path in tei.glob("*.xml"):
        path.read_bytes().decode("utf-8")  # every file whole: old or new, never cut
    report = rebuild(edition)
    assert report.ok, report.summary_lines()
    assert report.overwritten == [], "files an interrupted build wrote are not hand edits"
    # the first write is the journal itself: killed before it, nothing was begun
    assert any("interrupted build" in line for line in report.summary_lines()) == (after_writes > 0)
    assert sorted(p.name for p in tei.iterdir()) == sorted(p.name for p in reference.iterdir())
    _, mismatch, errors = filecmp.cmpfiles(tei, reference, [p.name for p in reference.iterdir()], shallow=False)
    assert mismatch == [] and errors == []


@pytest.mark.parametrize("loss", ["deleted", "emptied", "cut"])
def test_a_lost_manifest_still_removes_the_documents_of_a_gone_raw_file(edition, loss):
    raw, editorial, tei = edition
    manifest = tei / MANIFEST_NAME
    if loss == "deleted":
        manifest.unlink()
    else:
        manifest.write_text("" if loss == "emptied" else manifest.read_text()[:200], encoding="utf-8")
    (raw / LETTER).unlink()
    report = rebuild(edition)
    assert report.removed == ["s003-1f54935782d342ab.xml"]
    assert report.overwritten == [], report.summary_lines()
    assert not any("edited by hand" in line for line in report.summary_lines())
    assert json.loads(manifest.read_text())["raw"].keys() == {p.name for p in raw.iterdir()}


def test_building_one_file_into_the_edition_keeps_every_other_source(edition):
    raw, editorial, tei = edition
    before = snapshot(tei)
    report = run_build(raw / LETTER, tei, editorial, cache_dir=TEST_CACHE)
    assert report.ok and report.removed == []
    assert {n for n in snapshot(tei)} == set(before)
    assert book_files(tei) == {n: d for n, d in before.items() if n.startswith(BOOK_ID)}
    assert snapshot(tei)["corpus.xml"] == before["corpus.xml"]


def test_the_command_builds_one_file_into_a_scratch_folder_by_default(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from pipeline.cli import main
    tei = tmp_path / "tei"
    tei.mkdir()
    (tei / "keep.xml").write_text("<kept/>", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", "--raw", str(RAW / LETTER), "--cache", ""])
    assert result.exit_code == 0, result.output
    assert "scratch folder" in result.output
    assert [p.name for p in tei.iterdir()] == ["keep.xml"], "tei/ is not touched by a one-file build"


def test_two_names_that_give_one_id_fail_loudly(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / LETTER, raw / "dup_a.txt")
    shutil.copy(RAW / "000_732260b8a4c4c72c.txt", raw / "Dup-A.txt")
    report = run_build(raw, tmp_path / "tei")
    assert not report.ok
    assert [f.name for f in report.failed] == ["dup_a.txt"]
    assert "raw/Dup-A.txt already has" in report.failed[0].error and "rename one" in report.failed[0].error
    corpus = (tmp_path / "tei" / "corpus.xml").read_text(encoding="utf-8")
    assert corpus.count('href="dup-a.xml"') == 1


def test_a_link_out_of_the_edition_is_refused(tmp_path):
    raw = tmp_path / "edition" / "raw"
    raw.mkdir(parents=True)
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (raw / "passwd.txt").symlink_to(secret)
    shutil.copy(RAW / LETTER, tmp_path / "edition" / "letter.txt")
    (raw / "inside.txt").symlink_to(tmp_path / "edition" / "letter.txt")
    out = tmp_path / "edition" / "tei"
    report = run_build(raw, out)
    assert [f.name for f in report.failed] == ["passwd.txt"]
    assert "outside the edition" in report.failed[0].error and "copy the file into raw/" in report.failed[0].error
    assert not any("root:x" in p.read_text(encoding="utf-8") for p in out.glob("*.xml"))
    assert (out / "inside.xml").exists(), "a link inside the edition is followed"


def test_a_decision_file_that_is_not_utf8_fails_that_source_only(edition):
    raw, editorial, tei = edition
    before = book_files(tei)
    path = editorial / BOOK_DECISIONS
    path.write_bytes(path.read_bytes() + "\n# r\xe9sum\xe9\n".encode("latin-1"))
    report = rebuild(edition)
    assert [f.name for f in report.failed] == [BOOK]
    assert "not UTF-8" in report.failed[0].error and f"{BOOK_DECISIONS}:" in report.failed[0].error
    assert book_files(tei) == before


def test_a_raw_file_named_like_an_edition_file_is_refused(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / LETTER, raw / "Corpus.txt")
    shutil.copy(RAW / "000_732260b8a4c4c72c.txt", raw / "page.txt")
    report = run_build(raw, tmp_path / "tei")
    assert [f.name for f in report.failed] == ["Corpus.txt"]
    assert "the name of the edition's corpus file" in report.failed[0].error
    assert (tmp_path / "tei" / "corpus.xml").read_text(encoding="utf-8").startswith("<?xml")
    assert (tmp_path / "tei" / "page.xml").exists()


@pytest.mark.integration
def test_make_takes_a_raw_file_name_with_spaces_colons_and_a_hash(tmp_path):
    """make names no raw file as a prerequisite (an inputs stamp stands for them), so a name
    make cannot list ("my doc: #1.txt") builds, and a second make does nothing."""
    import os
    import subprocess
    from conftest import ROOT
    project = tmp_path / "edition"
    project.mkdir()
    for name in ("Makefile", "pyproject.toml", "constraints.txt"):
        shutil.copy2(ROOT / name, project / name)  # older than the virtualenv's stamp, as in a checkout
    for name in ("pipeline", "schemas", ".venv"):
        (project / name).symlink_to(ROOT / name)
    (project / "raw").mkdir()
    (project / "editorial").mkdir()
    shutil.copy(RAW / LETTER, project / "raw" / "my doc: #1.txt")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    first = subprocess.run(["make", "build"], cwd=project, capture_output=True, text=True, env=env, timeout=600)
    assert first.returncode == 0, first.stdout + first.stderr
    assert (project / "tei" / "my-doc-1.xml").exists()
    second = subprocess.run(["make", "build"], cwd=project, capture_output=True, text=True, env=env, timeout=600)
    assert second.returncode == 0 and "pipeline build" not in second.stdout, second.stdout
