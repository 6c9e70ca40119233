"""Measure the OCR repair against the hand-corrected gold pages (bench/gold/ocr).

Prints character and word error rates of the raw and of the repaired reading text
(the repairs, and the endnote numbers the segmentation repairs from their sequence),
correction precision and recall, words broken by the repair, hyphen decisions
(right/wrong, for ``¬`` and ``-`` apart), and the time, throughput and peak
memory of repairing the whole book. ``--json`` prints the same figures as JSON.

    .venv/bin/python bench/ocr_repair.py [--json]
"""

from __future__ import annotations

import difflib
import json
import resource
import sys
import time
from pathlib import Path

from rapidfuzz.distance import Levenshtein

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ocr_gold import gold_hyphen, gold_reading, line_tokens, load_samples, naive_reading  # noqa: E402

from pipeline.ingest import read_source  # noqa: E402
from pipeline.lines import split_lines  # noqa: E402
from pipeline.model import Change  # noqa: E402
from pipeline.repair import apply_changes, run_repair  # noqa: E402
from pipeline.segment import run_segment  # noqa: E402

BOOK = Path(__file__).resolve().parent.parent / "raw" / "001_57a5e7fdb55d5ea9.txt"


def repaired_range(text: str, changes, start: int, end: int) -> str:
    """The repaired reading of text[start:end]; a hyphen decision at the end is cut there."""
    inside = []
    for change in changes:
        if change.start < start or change.start >= end:
            continue
        if change.end > end:  # the word runs on past the sample: keep the decision, drop the join
            change = Change(change.rule, change.start, end, text[change.start:end], change.after,
                            change.confidence, change.kind, change.decision)
        inside.append(change)
    shifted = [Change(c.rule, c.start - start, c.end - start, c.before, c.after, c.confidence, c.kind)
               for c in inside]
    return " ".join(apply_changes(text[start:end], shifted).split())


def line_repairs(text: str, changes, line) -> str:
    """One line with its corrections and removals applied (hyphen decisions left out)."""
    own = [Change(c.rule, c.start - line.start, c.end - line.start, c.before, c.after, c.confidence)
           for c in changes if c.kind in ("correction", "removal") and line.start <= c.start
           and c.end <= line.end and c.rule != "dangling-line-end-hyphen"]
    return apply_changes(line.text, own)


def spans(a, b):
    """For each index of ``a``, the slice of ``b`` it aligns with and whether it is equal."""
    mapping = {}
    inserts = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "insert":
            inserts += j2 - j1
        for i in range(i1, i2):
            mapping[i] = (tag == "equal", " ".join(b[j1:j2]))
    return mapping, inserts


def word_changes(raw_tokens, out_tokens, gold_tokens):
    to_gold, missing = spans(raw_tokens, gold_tokens)
    to_out, _ = spans(raw_tokens, out_tokens)
    counts = dict(errors=missing, changed=0, right=0, fixed=0, broken=0)
    for i in range(len(raw_tokens)):
        equal_gold, gold_text = to_gold[i]
        equal_out, out_text = to_out[i]
        good_after = out_text == gold_text
        counts["errors"] += not equal_gold
        counts["changed"] += not equal_out
        counts["right"] += (not equal_out) and good_after
        counts["fixed"] += (not equal_gold) and good_after
        counts["broken"] += equal_gold and not equal_out and not good_after
    return counts


def hyphen_decision(changes_at: dict, offset: int, mark: str) -> str:
    change = changes_at.get(offset)
    if change is None:
        return "hard" if mark == "-" else "none"
    if change.kind == "hyphen":
        return {"no": "soft", "keep": "hard"}.get(change.decision, change.decision)
    return "soft" if change.after == "" else "hard"


def evaluate(samples, text, changes):
    lines = split_lines(text)
    changes_at = {c.start: c for c in changes}
    totals = dict(chars=0, raw_char_errors=0, out_char_errors=0, words=0, raw_word_errors=0,
                  out_word_errors=0, errors=0, changed=0, right=0, fixed=0, broken=0)
    hyphens = {"¬": [0, 0, 0], "-": [0, 0, 0]}  # right, wrong, maybe
    for sample in samples:
        first, last = lines[sample.first_line - 1], lines[sample.last_line - 1]
        gold = gold_reading(sample.gold_lines)
        raw = naive_reading(sample.raw_lines)
        out = repaired_range(text, changes, first.start, last.end)
        totals["chars"] += len(gold)
        totals["raw_char_errors"] += Levenshtein.distance(raw, gold)
        totals["out_char_errors"] += Levenshtein.distance(out, gold)
        totals["words"] += len(gold.split())
        totals["raw_word_errors"] += Levenshtein.distance(raw.split(), gold.split())
        totals["out_word_errors"] += Levenshtein.distance(out.split(), gold.split())
        for offset, gold_line in enumerate(sample.gold_lines):
            line = lines[sample.first_line - 1 + offset]
            counts = word_changes(line_tokens(line.text), line_tokens(line_repairs(text, changes, line)),
                                  line_tokens(gold_line))
            for key, value in counts.items():
                totals[key] += value
            stripped = line.text.rstrip()
            wanted = gold_hyphen(gold_line)
            if stripped.endswith(("¬", "-")) and not stripped.endswith(" -") and wanted:
                mark = stripped[-1]
                got = hyphen_decision(changes_at, line.start + len(stripped) - 1, mark)
                hyphens[mark][0 if got == wanted else 2 if got == "maybe" else 1] += 1
    return totals, hyphens


def measure_speed():
    source = read_source(BOOK)
    started = time.perf_counter()
    changes = run_repair(source)
    seconds = time.perf_counter() - started
    size_mb = len(source.text.encode("utf-8")) / 1e6
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return source, changes, dict(seconds=round(seconds, 2), mb=round(size_mb, 2),
                                 mb_per_s=round(size_mb / seconds, 2), peak_rss_mb=round(peak_mb, 1))


def with_segment_repairs(source, changes):
    """Add the repairs the segmentation records (endnote numbers read from the sequence):
    the reading text of the edition has them too."""
    extra = {c for doc in run_segment(source, changes) for c in doc.changes if c.rule == "note-number-from-sequence"}
    return tuple(sorted(set(changes) | extra, key=lambda c: c.start))


def main():
    source, changes, speed = measure_speed()
    changes = with_segment_repairs(source, changes)
    samples = load_samples()
    totals, hyphens = evaluate(samples, source.text, changes)
    figures = {
        "samples": len(samples),
        "gold_chars": totals["chars"],
        "cer_raw": round(totals["raw_char_errors"] / totals["chars"], 4),
        "cer_repaired": round(totals["out_char_errors"] / totals["chars"], 4),
        "wer_raw": round(totals["raw_word_errors"] / totals["words"], 4),
        "wer_repaired": round(totals["out_word_errors"] / totals["words"], 4),
        "corrections_made": totals["changed"],
        "correction_precision": round(totals["right"] / totals["changed"], 4) if totals["changed"] else None,
        "correction_recall": round(totals["fixed"] / totals["errors"], 4) if totals["errors"] else None,
        "word_errors_in_gold_lines": totals["errors"],
        "right_words_made_wrong": totals["broken"],
        "hyphens_not_sign": dict(zip(("right", "wrong", "maybe"), hyphens["¬"])),
        "hyphens_plain": dict(zip(("right", "wrong", "maybe"), hyphens["-"])),
        "whole_book": speed,
    }
    decided = sum(sum(v) for v in hyphens.values())
    figures["hyphen_accuracy"] = round(sum(v[0] for v in hyphens.values()) / decided, 4) if decided else None
    figures["cer_reduction_factor"] = round(figures["cer_raw"] / figures["cer_repaired"], 2) \
        if figures["cer_repaired"] else None
    if "--json" in sys.argv:
        print(json.dumps(figures, indent=1))
        return
    for key, value in figures.items():
        print(f"{key:28} {value}")


if __name__ == "__main__":
    main()
