"""The OCR repair on text it has not seen: cases as data (tests/cases), altered
passages, reversibility of the record, and the TEI it yields for the book."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import regex

from conftest import NS, RAW, documents_of
from pipeline.ingest import read_source
from pipeline.model import Source
from pipeline.repair import RepairConfig, apply_changes, run_repair
from pipeline.teitext import source_characters

CASES = json.loads((Path(__file__).parent / "cases" / "ocr_cases.json").read_text(encoding="utf-8"))
CHROME = 'Full text of "A Book"\n\nSee other formats\n\n'
MARKER = "\n\n\n\nINPUT BEGINS HERE\n\n"


def ocr_source(text: str) -> Source:
    return Source("case.txt", "case.txt", text, "ia-ocr", "", "utf-8")


def repaired_input(case) -> str:
    text = CHROME + case["context"] + MARKER + case["input"] + "\n"
    source = ocr_source(text)
    reading = apply_changes(text, run_repair(source))
    return " ".join(reading.split("INPUT BEGINS HERE", 1)[1].split())


def case_params():
    return [pytest.param(case, id=f"{case['kind']}: {case['name']}",
                         marks=[pytest.mark.xfail(strict=True)] if case["kind"] == "known_failure" else [])
            for case in CASES]


@pytest.mark.parametrize("case", case_params())
def test_case(case):
    assert repaired_input(case) == case["expected"]


def test_negative_cases_make_no_change_at_all():
    for case in (c for c in CASES if c["kind"] == "negative"):
        text = CHROME + MARKER + case["input"] + "\n"
        changes = [c for c in run_repair(ocr_source(text)) if c.kind == "correction"]
        assert changes == [], case["name"]


@pytest.fixture(scope="module")
def repaired_book():
    book = read_source(RAW / "001_57a5e7fdb55d5ea9.txt")
    return book, run_repair(book)


def test_replaying_the_record_gives_the_same_text(repaired_book):
    book, first = repaired_book
    second = run_repair(book)
    assert first == second
    assert apply_changes(book.text, first) == apply_changes(book.text, second)


def test_every_change_records_raw_offsets(repaired_book):
    book, changes = repaired_book
    for change in changes:
        assert book.text[change.start:change.end] == change.before
        assert 0 < change.confidence <= 1 and change.rule


def test_switching_a_repair_off_removes_only_its_changes():
    book = read_source(RAW / "001_57a5e7fdb55d5ea9.txt")
    rules = {c.rule for c in run_repair(book, RepairConfig(fix_ocr_words=False))}
    assert "ocr-confusion" not in rules and any(r.startswith("line-end-hyphen") for r in rules)


ALTERED = """The government of the republic considers it the greatest of crimes
against humanity to continue this war, and announces its deter¬
mination to sign terms of peace at once. The workers of Britain,
France and Germany have made the greatest contributions to the
cause of progress. The woTkers of these countries will help us. The
government abolishes secret diplomac^ and will publish the treaties.
"""


def test_altered_passage_of_the_book_kind():
    """A passage reworded from the book's kind of text, with errors put in by hand."""
    text = CHROME + ALTERED * 3
    reading = " ".join(apply_changes(text, run_repair(ocr_source(text))).split())
    assert "determination to sign" in reading
    assert "The workers of these countries" in reading
    assert "secret diplomacy and" in reading
    assert "woTkers" not in reading and "¬" not in reading


@pytest.mark.integration
def test_book_tei_keeps_the_raw_text_in_order(built_seeds):
    """Dropping every corr (keeping sic and the recorded hyphen marks) gives back the raw
    characters: each document's text is, in order, a piece of the raw file."""
    out, _ = built_seeds
    raw = regex.sub(r"\s+", "", read_source(RAW / "001_57a5e7fdb55d5ea9.txt").text)
    for tree in documents_of(out, "001_57a5e7fdb55d5ea9.txt"):
        body = tree.getroot().find(".//{http://www.tei-c.org/ns/1.0}body")
        kept = regex.sub(r"\s+", "", source_characters(body))
        assert is_subsequence(kept, raw), tree.getroot().get("{http://www.w3.org/XML/1998/namespace}id")


def is_subsequence(small: str, big: str) -> bool:
    found = big.find(small[:200])
    if found < 0:
        return False
    it = iter(big[found:])
    return all(ch in it for ch in small)


@pytest.mark.integration
def test_book_tei_records_corrections_with_rule_and_cert(built_seeds):
    out, _ = built_seeds
    corrs = [c for tree in documents_of(out, "001_57a5e7fdb55d5ea9.txt")
             for c in tree.getroot().xpath("//tei:corr", namespaces=NS)]
    assert len(corrs) > 50
    assert all(c.get("type") and c.get("cert") in {"high", "medium", "low"} for c in corrs)
    joined = [lb for tree in documents_of(out, "001_57a5e7fdb55d5ea9.txt")
              for lb in tree.getroot().xpath("//tei:lb[@break='no']", namespaces=NS)]
    assert len(joined) > 1500


SYNTH_BOOK = Path(__file__).resolve().parent.parent / "bench" / "synth" / "dev" / "book_s1.txt"


def test_a_book_built_by_two_jobs_is_the_same_bytes_as_by_one():
    """The documents of one book are shared among processes (``jobs``): the TEI, the
    summaries, the problems and the report are those one process makes."""
    from pipeline.build import RawFile, build_file
    raw = RawFile(name=SYNTH_BOOK.name, data=SYNTH_BOOK.read_bytes(), path=f"raw/{SYNTH_BOOK.name}")
    one, two = build_file(raw, jobs=1), build_file(raw, jobs=2)
    assert not one.error and len(one.documents) >= 2
    assert [(d.ident, d.xml, d.summary) for d in two.documents] == [(d.ident, d.xml, d.summary) for d in one.documents]
    assert (two.problems, two.report, two.stale) == (one.problems, one.report, one.stale)


def test_a_character_lost_in_a_worker_fails_the_file_as_in_one_process():
    """The accounting sees every worker's documents: a character an encoding loses in any
    share fails the file, naming it, with no documents written."""
    from pipeline.build import RawFile, Stages, build_file
    from pipeline.encode import encode_document
    from pipeline.teitext import source_characters

    def losing(element):  # the last document's TEI loses one "e"
        text = source_characters(element)
        return text.replace("e", "", 1) if element.get(XML_ID, "").endswith(last) else text

    XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
    raw = RawFile(name=SYNTH_BOOK.name, data=SYNTH_BOOK.read_bytes(), path=f"raw/{SYNTH_BOOK.name}")
    last = build_file(raw, validate=False).documents[-1].ident
    for jobs in (1, 2):
        failed = build_file(raw, validate=False, stages=Stages(encode=encode_document, source_characters=losing),
                            jobs=jobs)
        assert "1 missing (1 × 'e')" in failed.error and failed.documents == [], jobs
