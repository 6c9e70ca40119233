"""Measure the recovery of the printed book's structure against the gold lists in
bench/gold/structure (documents.tsv, notes.tsv; format in its README).

Prints document-boundary precision/recall/F1 (a predicted start within 6 lines of
a gold start), title and date accuracy over matched documents, endnotes kept and
linked to the right call, page numbers confirmed by the notes, and the time of
the whole build (all raw files, TEI written). ``--json`` for machines.

    .venv/bin/python bench/structure.py [--json]
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.ingest import read_source  # noqa: E402
from pipeline.repair import run_repair  # noqa: E402
from pipeline.segment import run_segment  # noqa: E402

GOLD = ROOT / "bench" / "gold" / "structure"
BOOK = ROOT / "raw" / "001_57a5e7fdb55d5ea9.txt"
BOUNDARY_TOLERANCE = 6
TITLE_OVERLAP = 0.6


def read_tsv(name):
    with open(GOLD / name, encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def words(title: str) -> set[str]:
    title = regex.sub(r"\[Untitled:.*\]|\[…\]", "", title)
    return set(regex.findall(r"[a-z0-9]+", title.lower()))


def match_boundaries(predicted: list[int], gold: list[int]) -> dict[int, int]:
    """One-to-one pairs gold index -> predicted index, nearest first."""
    pairs = sorted((abs(p - g), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(predicted)
                   if abs(p - g) <= BOUNDARY_TOLERANCE)
    used_g, used_p, matched = set(), set(), {}
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            matched[gi] = pi
            used_g.add(gi)
            used_p.add(pi)
    return matched


def same_date(doc, row) -> bool | None:
    wanted = row["when"] or row["not_before"]
    if not wanted:
        return None
    date = doc.meta.date
    if date is None:
        return False
    got = {date.when, date.not_before}
    return wanted in got and (not row["not_after"] or row["not_after"] == date.not_after or
                              row["not_after"] == date.when)


def main():
    source = read_source(BOOK)
    started = time.perf_counter()
    documents = run_segment(source, run_repair(source))
    segment_seconds = time.perf_counter() - started
    front, docs = documents[0], documents[1:]
    text = source.text
    gold_docs = read_tsv("documents.tsv")
    predicted = [line_of(text, d.start) for d in docs]
    matched = match_boundaries(predicted, [int(r["first_line"]) for r in gold_docs])
    precision, recall = len(matched) / len(docs), len(matched) / len(gold_docs)
    titles = [len(words(docs[pi].meta.title) & words(gold_docs[gi]["title"])) /
              max(1, len(words(gold_docs[gi]["title"]))) >= TITLE_OVERLAP for gi, pi in matched.items()]
    kinds = [docs[pi].meta.doc_type == gold_docs[gi]["kind"] for gi, pi in matched.items()]
    dates = [same_date(docs[pi], gold_docs[gi]) for gi, pi in matched.items()]
    dates = [d for d in dates if d is not None]
    gold_notes = read_tsv("notes.tsv")
    calls = {}
    kept = 0
    for doc in docs:
        kept += sum(1 for note in doc.notes if note.n.isdigit())
        for call in doc.calls:
            if call.n.isdigit():
                calls[call.n] = line_of(text, call.start)
    with_call = [r for r in gold_notes if r["call_line"]]
    right_calls = sum(1 for r in with_call if calls.get(r["n"]) == int(r["call_line"]))
    stats = dict(front.stats)
    with tempfile.TemporaryDirectory() as out:  # a fresh process: no cache of this one helps it
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pipeline", "build", "--raw", str(ROOT / "raw"), "--out", out],
                       cwd=ROOT, check=False, capture_output=True)
        build_seconds = time.perf_counter() - started
    boundary_f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    title_accuracy = sum(titles) / len(gold_docs)
    figures = {
        "documents_gold": len(gold_docs), "documents_found": len(docs),
        "boundary_precision": round(precision, 3), "boundary_recall": round(recall, 3),
        "boundary_f1": round(boundary_f1, 3),
        "title_accuracy_of_gold": round(title_accuracy, 3),
        "title_accuracy_of_matched": round(sum(titles) / len(titles), 3) if titles else None,
        "date_accuracy_of_matched": round(sum(dates) / len(dates), 3) if dates else None,
        "kind_accuracy_of_matched": round(sum(kinds) / len(kinds), 3) if kinds else None,
        "endnotes_gold": len(gold_notes), "endnotes_kept": kept,
        "endnotes_linked": len(calls),
        "linked_to_right_call_of_gold_with_call": round(right_calls / len(with_call), 3),
        "linked_to_right_call_of_all_gold": round(right_calls / len(gold_notes), 3),
        "call_pages_from_contents_confirmed_by_notes": stats.get("call_pages_from_contents_confirmed_by_notes"),
        "call_pages_agreeing_with_notes_after_reconciling":
            stats.get("call_pages_agreeing_with_notes_after_reconciling"),
        "page_conflicts_reported": stats.get("page_conflicts"),
        "segment_seconds": round(segment_seconds, 2),
        "full_build_seconds": round(build_seconds, 2),
    }
    if "--json" in sys.argv:
        print(json.dumps(figures, indent=1))
    else:
        for key, value in figures.items():
            print(f"{key:44} {value}")


if __name__ == "__main__":
    main()
