"""Read the OCR gold standard (bench/gold/ocr, format in its README) and turn raw,
repaired and gold lines into comparable reading texts."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

GOLD_DIR = Path(__file__).resolve().parent / "gold" / "ocr"
FURNITURE = "⊘"
HYPHEN_MARKS = ("¬", "-")


@dataclass(frozen=True)
class Sample:
    id: str
    first_line: int
    last_line: int
    kind: str
    raw_lines: tuple[str, ...]
    gold_lines: tuple[str, ...]

    @property
    def notes(self) -> bool:
        """An endnotes section: every note is a unit of its own."""
        return self.kind == "notes"


def load_samples(gold_dir: Path = GOLD_DIR) -> list[Sample]:
    samples = []
    with open(gold_dir / "index.tsv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            raw = (gold_dir / f"{row['id']}.raw.txt").read_text(encoding="utf-8").split("\n")
            gold = (gold_dir / f"{row['id']}.gold.txt").read_text(encoding="utf-8").split("\n")
            count = int(row["last_line"]) - int(row["first_line"]) + 1
            samples.append(Sample(row["id"], int(row["first_line"]), int(row["last_line"]), row["kind"],
                                  tuple(raw[:count]), tuple(gold[:count])))
    return samples


def gold_reading(lines) -> str:
    """Join gold lines: ``¬`` joins without hyphen, a final ``-`` joins keeping it."""
    out = []
    kept = [line.rstrip() for line in lines if line.strip() and line.strip() != FURNITURE]
    for i, line in enumerate(kept):
        last = i == len(kept) - 1
        if line.endswith("¬"):
            out.append(line[:-1] + ("" if not last else ""))
        elif line.endswith("-") and not line.endswith(" -") and not last:
            out.append(line)
        else:
            out.append(line + " ")
    return " ".join("".join(out).split())


def naive_reading(lines) -> str:
    """The raw text as a reader gets it with no repair: lines joined by spaces."""
    return " ".join(" ".join(lines).split())


def line_tokens(line: str) -> list[str]:
    """Tokens of one line for word-level comparison (the line-end mark is the hyphen metric's)."""
    line = line.strip()
    if line == FURNITURE:
        return []
    if line.endswith(HYPHEN_MARKS) and not line.endswith(" -"):
        line = line[:-1]
    return line.split()


def gold_hyphen(line: str) -> str | None:
    """``soft`` or ``hard`` when a gold line ends in a word-break mark."""
    line = line.rstrip()
    if line.endswith("¬"):
        return "soft"
    if line.endswith("-") and not line.endswith(" -"):
        return "hard"
    return None
