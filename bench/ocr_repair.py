"""How well the edition reads against hand-checked and synthetic truth, dev and held-out apart.

Sets (each a list of gold samples: raw lines and the true lines, in bench/gold/ocr's format):

    dev gold        bench/gold/ocr          24 pages of the real book the rules were developed on
    held-out gold   bench/gold/ocr-heldout  18 other pages, never used while tuning
    synthetic dev   bench/synth/dev         3 generated books (seeds 1-3, dev page copies)
    synthetic held  bench/synth/heldout     3 generated books (seeds 101-103, held-out page copies)

For each set: CER and WER of the edition's reading text (read out of the TEI the build
writes) and of two baselines on the same units, the trivial one (only ``¬`` joined) and
naive cleaning (ftfy + every line-end hyphen joined); correction precision and recall and
right words made wrong (word level, from the change records the TEI is built from);
every line-end hyphen case of the gold (marks the OCR lost or changed included) against
the decision, beside trusting the OCR's mark; running heads and page numbers found and
missed. ``--json`` prints the same as JSON.

    .venv/bin/python bench/ocr_repair.py [--json] [--set NAME]
"""

from __future__ import annotations

import difflib
import json
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from edition_text import (ROOT, FURNITURE, Score, build_edition, naive_clean, score_samples,  # noqa: E402
                          trivial_clean)
from ocr_gold import gold_hyphen, load_samples  # noqa: E402

from pipeline.build import process_source  # noqa: E402
from pipeline.ingest import read_source  # noqa: E402
from pipeline.lines import split_lines  # noqa: E402
from pipeline.model import Change  # noqa: E402
from pipeline.repair import apply_changes  # noqa: E402

BOOK = ROOT / "raw" / "001_57a5e7fdb55d5ea9.txt"


@dataclass
class Sample:
    """Line-aligned raw and gold lines of one stretch of one raw file."""

    id: str
    raw_name: str
    first_line: int  # 1-based, in the raw file
    raw_lines: tuple[str, ...]
    gold_lines: tuple[str, ...]
    notes: bool = False


# ------------------------------------------------------------------ the sets


def gold_samples(folder: Path) -> list[Sample]:
    return [Sample(s.id, BOOK.name, s.first_line, s.raw_lines, s.gold_lines, s.kind == "notes")
            for s in load_samples(folder)]


def synthetic_samples(folder: Path) -> list[tuple[Path, list[Sample]]]:
    """Each generated book: its documents and its endnotes, as samples."""
    books = []
    for raw in sorted(folder.glob("*.txt")):
        if raw.name.endswith(".gold.txt"):
            continue
        truth = json.loads(raw.with_name(raw.stem + ".truth.json").read_text(encoding="utf-8"))
        raw_lines = raw.read_text(encoding="utf-8").split("\n")
        gold_lines = raw.with_name(raw.stem + ".gold.txt").read_text(encoding="utf-8").split("\n")
        samples = []
        for doc in truth["documents"]:
            a, b = doc["first_line"] - 1, doc["last_line"]
            samples.append(Sample(f"{raw.stem}-d{doc['n']}", raw.name, a + 1, tuple(raw_lines[a:b]),
                                  tuple(gold_lines[a:b])))
        if truth["notes"]:
            a = min(n["first_line"] for n in truth["notes"]) - 1
            b = max(n["last_line"] for n in truth["notes"])
            samples.append(Sample(f"{raw.stem}-notes", raw.name, a + 1, tuple(raw_lines[a:b]),
                                  tuple(gold_lines[a:b]), notes=True))
        books.append((raw, samples))
    return books


SETS = {
    "dev gold": lambda: [(BOOK, gold_samples(ROOT / "bench" / "gold" / "ocr"))],
    "held-out gold": lambda: [(BOOK, gold_samples(ROOT / "bench" / "gold" / "ocr-heldout"))],
    "synthetic dev": lambda: synthetic_samples(ROOT / "bench" / "synth" / "dev"),
    "synthetic held-out": lambda: synthetic_samples(ROOT / "bench" / "synth" / "heldout"),
}


# ------------------------------------------------------------------ record-level figures


def line_repairs(text: str, changes, line) -> str:
    """One line with its corrections and removals applied (hyphen decisions left out)."""
    own = [Change(c.rule, c.start - line.start, c.end - line.start, c.before, c.after, c.confidence)
           for c in changes if c.kind in ("correction", "removal", "normalisation") and line.start <= c.start
           and c.end <= line.end]
    return apply_changes(line.text, own)


def line_tokens(line: str) -> list[str]:
    line = line.strip()
    if line == FURNITURE:
        return []
    if line.endswith(("¬", "-")) and not line.endswith(" -"):
        line = line[:-1]
    return line.split()


def spans(a, b):
    mapping = {}
    inserts = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "insert":
            inserts += j2 - j1
        for i in range(i1, i2):
            mapping[i] = (tag == "equal", " ".join(b[j1:j2]))
    return mapping, inserts


def word_changes(raw_tokens, out_tokens, gold_tokens) -> dict:
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



def decision_at(changes_by_line_end, line) -> str:
    """The pipeline's decision at the end of a raw line: soft, hard, maybe or none."""
    change = changes_by_line_end.get(line.number)
    if change is None:
        return "hard" if line.text.rstrip().endswith("-") else "none"
    if change.kind == "hyphen":
        return {"no": "soft", "keep": "hard"}.get(change.decision, change.decision)
    return "soft"


def ocr_mark(line) -> str:
    text = line.text.rstrip()
    return "soft" if text.endswith("¬") else "hard" if text.endswith("-") else "none"


def record_figures(text: str, changes, samples) -> dict:
    lines = split_lines(text)
    by_end: dict[int, Change] = {}
    for change in changes:
        if change.kind == "hyphen" or change.rule == "dangling-line-end-hyphen":
            number = text.count("\n", 0, change.start) + 1
            by_end.setdefault(number, change)
    removed_lines = {text.count("\n", 0, c.start) + 1 for c in changes if c.kind == "removal"}
    totals = dict(errors=0, changed=0, right=0, fixed=0, broken=0)
    hyphens = dict(right=0, wrong=0, maybe=0, trusting_the_mark_right=0, cases=0)
    furniture = dict(found=0, missed=0, text_removed=0)
    for sample in samples:
        for k, gold_line in enumerate(sample.gold_lines):
            line = lines[sample.first_line - 1 + k]
            counts = word_changes(line_tokens(line.text), line_tokens(line_repairs(text, changes, line)),
                                  line_tokens(gold_line))
            for key, value in counts.items():
                totals[key] += value
            wanted = gold_hyphen(gold_line)
            if wanted:
                got = decision_at(by_end, line)
                hyphens["cases"] += 1
                hyphens["right" if got == wanted else "maybe" if got == "maybe" else "wrong"] += 1
                hyphens["trusting_the_mark_right"] += ocr_mark(line) == wanted
            if gold_line.strip() == FURNITURE:
                furniture["found" if line.number in removed_lines else "missed"] += 1
            elif gold_line.strip() and line.number in removed_lines and line.text.strip() == gold_line.strip():
                furniture["text_removed"] += 1
    return {"words": totals, "hyphens": hyphens, "furniture": furniture}


# ------------------------------------------------------------------ one set


def measure_set(name: str, books, out_root: Path) -> dict:
    figures = {"samples": 0, "chars": 0}
    scores = {"edition": Score(), "trivial": Score(), "naive": Score()}
    records = []
    for raw, samples in books:
        out = out_root / raw.stem
        if not (out / "manifest.json").exists():
            build_edition([raw], out)
        source = read_source(raw)
        records.append(record_figures(source.text, process_source(source).changes, samples))
        found = score_samples(out, raw.name, source.text, samples, {"trivial": trivial_clean, "naive": naive_clean})
        for key, score in found.items():
            scores[key] += score
        figures["samples"] += len(samples)
    figures["chars"] = scores["edition"].chars
    for key in ("trivial", "naive", "edition"):
        figures[f"cer_{key}"], figures[f"wer_{key}"] = scores[key].cer, scores[key].wer
    figures["cer_edition_vs_naive"] = round(scores["edition"].cer / scores["naive"].cer, 2) \
        if scores["naive"].cer else None
    figures.update(sum_records(records))
    return figures


def sum_records(records: list[dict]) -> dict:
    words = {k: sum(r["words"][k] for r in records) for k in records[0]["words"]}
    out = {"corrections_made": words["changed"],
           "correction_precision": round(words["right"] / words["changed"], 4) if words["changed"] else None,
           "correction_recall": round(words["fixed"] / words["errors"], 4) if words["errors"] else None,
           "right_words_made_wrong": words["broken"]}
    for key in ("hyphens", "furniture"):
        out[key] = {k: sum(r[key][k] for r in records) for k in records[0][key]}
    return out


def main() -> None:
    wanted = [a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--set=")]
    results = {}
    with tempfile.TemporaryDirectory(prefix="bench-ocr-") as scratch:
        for name, books in SETS.items():
            if wanted and name not in wanted:
                continue
            started = time.perf_counter()
            results[name] = measure_set(name, books(), Path(scratch) / name.replace(" ", "-"))
            results[name]["seconds"] = round(time.perf_counter() - started, 1)
    if "--json" in sys.argv:
        print(json.dumps(results, indent=1))
        return
    keys = [k for k in next(iter(results.values()))]
    print(f"{'':34}" + "".join(f"{name:>22}" for name in results))
    for key in keys:
        print(f"{key:34}" + "".join(f"{str(results[name].get(key)):>22}" for name in results))


if __name__ == "__main__":
    main()
