"""The segmenter's cases as data (``cases/segment_cases.json``, fields in ``cases/README.md``):
each printed book goes through ``run_repair`` and ``run_segment`` as a build reads it, and what
an editor sees of its structure (titles, first pages, each note's call and the line it stands
on) is compared with the case's truth. The cases exercise every step the book segmenter wires
together, so a step left out (the second look for calls, a page anchor) fails a case."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

from pipeline.model import Source
from pipeline.repair import run_repair
from pipeline.segment import run_segment

CASES_DIR = Path(__file__).parent / "cases"
CASES = json.loads((CASES_DIR / "segment_cases.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def structure_of(name: str) -> dict:
    """What the segmenter reads of the book ``name``: its documents' titles and first printed
    pages, and for each linked note the printed line its call stands on. (Cached by file name
    within the test session only: several cases read one book.)"""
    text = (CASES_DIR / name).read_text(encoding="utf-8")
    source = Source(Path(name).name, Path(name).name, text, "ia-ocr", "", "utf-8")
    front, *documents = run_segment(source, run_repair(source))
    calls = {call.n: line_around(text, call.start, call.end) for doc in documents for call in doc.calls}
    return {"titles": [doc.meta.title for doc in documents],
            "first_pages": [int(doc.first_page) if doc.first_page.isdigit() else doc.first_page for doc in documents],
            "calls": calls}


def line_around(text: str, start: int, end: int) -> str:
    return text[text.rfind("\n", 0, start) + 1:text.find("\n", end)]


def case_params() -> list:
    """Each case as a test; a known failure is a strict expected failure, so fixing it is noticed."""
    known = pytest.mark.xfail(strict=True, reason="a known failure of the segmenter")
    return [pytest.param(case, id=case["name"][:70], marks=[known] if case["kind"] == "known_failure" else [])
            for case in CASES]


@pytest.mark.parametrize("case", case_params())
def test_segment_case(case):
    got = structure_of(case["input"])
    for field, expected in case["expected"].items():
        assert got[field] == expected, f"{case['name']}: {field}"


def test_every_case_has_the_fields_the_readme_names():
    kinds = {"synthetic", "wild", "negative", "known_failure"}
    for case in CASES:
        assert set(case) == {"name", "kind", "input", "expected"} and case["kind"] in kinds, case
        assert set(case["expected"]) <= {"titles", "first_pages", "calls"}, case["name"]
        assert (CASES_DIR / case["input"]).is_file(), case["input"]
