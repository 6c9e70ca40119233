"""Ingest: kinds are read from content; bad input gets one clear line, never a crash."""

from __future__ import annotations

import pytest

from conftest import RAW, WEB_FIXTURES
from pipeline.runner import run_build
from pipeline.errors import BinaryInputError, EmptyInputError
from pipeline.ingest import detect_kind, read_source

SEED_KINDS = {"000_732260b8a4c4c72c.txt": "mia", "001_57a5e7fdb55d5ea9.txt": "ia-ocr",
              "002_d01f47acb045afad.txt": "mia", "003_1f54935782d342ab.txt": "mia",
              "004_814b4f938c9727ee.txt": "dsfp"}


@pytest.mark.parametrize("name,kind", sorted(SEED_KINDS.items()))
def test_seed_kinds(name, kind):
    assert read_source(RAW / name).kind == kind


@pytest.mark.parametrize("path", sorted(WEB_FIXTURES.glob("*.txt")), ids=lambda p: p.stem)
def test_fixture_kinds_from_content_not_name(path, tmp_path):
    renamed = tmp_path / "page.txt"  # the name says nothing
    renamed.write_bytes(path.read_bytes())
    assert read_source(renamed).kind == path.name.split("_")[0]


def test_unknown_text_is_unknown():
    assert detect_kind("A shopping list.\n\nBread, milk, tea.\n") == "unknown"


BAD_INPUTS = {
    "empty.txt": b"",
    "blank.txt": b" \n\n\t\n",
    "binary.bin": bytes(range(256)) * 4,
    "zip.txt": b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00\x01\x02" * 50,
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_raises_a_named_error(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(BAD_INPUTS[name])
    with pytest.raises((EmptyInputError, BinaryInputError)) as caught:
        read_source(path)
    message = str(caught.value)
    assert name in message and "\n" not in message


def test_latin1_file_is_decoded_and_noted(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Written: 1918\nSource: Collected Works, Volume 27\n\nThe Åland question, café.\n"
                     .encode("latin-1"))
    source = read_source(path)
    assert "Åland" in source.text and "café" in source.text
    assert any("not valid UTF-8" in note for note in source.decode_notes)


def test_truncated_utf8_keeps_its_text_and_says_so(tmp_path):
    path = tmp_path / "cut.txt"
    path.write_bytes("Written: 1919\nSource: Volume 42\n\nLenin’s letter to Chicherin “".encode("utf-8")[:-1])
    source = read_source(path)
    assert source.encoding == "utf-8" and source.text.endswith("Chicherin ")
    assert "Lenin’s" in source.text and "last 2 byte(s)" in source.decode_notes[0]


def test_control_characters_xml_cannot_hold_are_dropped_and_noted(tmp_path):
    path = tmp_path / "ff.txt"
    path.write_bytes(b"Written: 1918\nSource: Volume 27\n\nPeace\x0cnow and\x0b then\x01.\n")
    source = read_source(path)
    assert "Peace\n\n\nnow and then." in source.text
    assert any("3 control character(s)" in note for note in source.decode_notes)
    out = tmp_path / "out"
    report = run_build(tmp_path, out)
    assert not report.failed


def test_crlf_is_normalised_and_noted(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes((RAW / "000_732260b8a4c4c72c.txt").read_bytes().replace(b"\n", b"\r\n"))
    source = read_source(path)
    assert "\r" not in source.text and source.kind == "mia"
    assert source.decode_notes == ("line ends normalised to LF",)


def test_bad_files_do_not_cost_the_others_their_output(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, data in BAD_INPUTS.items():
        (raw / name).write_bytes(data)
    (raw / "angle.txt").write_text("<TEI><&amp; & <![CDATA[ x ]]> </text>\n" * 20 + "<<<&&&>>>\n",
                                   encoding="utf-8")
    (raw / "truncated.txt").write_bytes("Written: 1919\nSource: Volume 42\n\nComrade Chicherin, I am sen"
                                        .encode("utf-8") + "ding “".encode("utf-8")[:-1])
    (raw / "good.txt").write_bytes((RAW / "002_d01f47acb045afad.txt").read_bytes())
    out = tmp_path / "tei"
    report = run_build(raw, out)
    failed = {f.name for f in report.failed}
    assert failed == set(BAD_INPUTS)
    built = {f.name: f.documents for f in report.files}
    assert built["good.txt"] and built["angle.txt"] and built["truncated.txt"]
    for name in ("good.txt", "angle.txt", "truncated.txt"):
        assert (out / f"{built[name][0].ident}.xml").exists()
    from pipeline.validate import run_validate
    problems, _ = run_validate([out])
    assert problems == []
