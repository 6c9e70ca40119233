"""The command line: thin commands, one-line errors, non-zero exit on failure."""

from __future__ import annotations

from click.testing import CliRunner

from conftest import RAW
from pipeline.cli import main


def test_build_any_folder_and_exit_non_zero_on_a_bad_file(tmp_path):
    raw = tmp_path / "in"
    raw.mkdir()
    (raw / "page.txt").write_bytes((RAW / "000_732260b8a4c4c72c.txt").read_bytes())
    (raw / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["build", "--raw", str(raw), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "empty.txt: the file is empty" in result.output
    assert (tmp_path / "out" / "page.xml").exists()


def test_validate_reports_file_and_line(tmp_path):
    bad = tmp_path / "d1.xml"
    bad.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="d1">\n<teiHeader/>\n</TEI>\n')
    result = CliRunner().invoke(main, ["validate", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:1:" in result.output or f"{bad}:2:" in result.output


def test_validate_reports_broken_xml_in_one_line(tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text("<TEI>\n<unclosed>\n")
    result = CliRunner().invoke(main, ["validate", str(broken)])
    assert result.exit_code == 1
    assert f"{broken}:" in result.output and "not well-formed" in result.output


def test_help_explains_both_commands():
    result = CliRunner().invoke(main, ["--help"])
    assert "build" in result.output and "validate" in result.output
    assert "raw" in CliRunner().invoke(main, ["build", "--help"]).output.lower()


def test_a_warning_is_reported_but_does_not_fail(tmp_path):
    page = tmp_path / "in"
    page.mkdir()
    (page / "page.txt").write_text("A Note to Comrade Krasin[1]\n\n26.IX.\n\nComrade Krasin, read the note.[2]\n\n"
                                   "Notes\n\n[1] A note on the title.—Ed.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", "--raw", str(page), "--out", str(out)]).exit_code == 0
    result = CliRunner().invoke(main, ["validate", str(out)])
    assert "[warning call-has-note]" in result.output and result.exit_code == 0
