"""What the benches measure: the edition the build writes, not the pipeline's records.

``build_edition`` runs the real build (the runner, with the project's editorial
decisions) on raw files in a scratch folder; ``edition_readings`` reads each built
document's reading text back out of its TEI (``pipeline.teitext.reading_text``: corr for
sic, soft hyphens joined, apparatus left out), as a reader of the edition gets it.

A gold text is compared with that reading unit by unit: each unit (a paragraph or a
note of the gold) is found in the edition's reading with an infix alignment (edlib,
mode HW), so the order in which the edition puts notes and footnotes does not matter,
but every wrong, missing or extra character inside a unit counts.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import edlib
import regex
from lxml import etree
from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.runner import run_build  # noqa: E402
from pipeline.teitext import reading_text  # noqa: E402

TEI = "{http://www.tei-c.org/ns/1.0}"
FURNITURE = "⊘"
NOTE_START = regex.compile(r"^\s*(?:\d{1,3}|\*{1,3})\s+\S")
MIN_UNIT = 80
FOOTNOTE_START = regex.compile(r"^\s*[*†]{1,3}\s*\S")


def build_edition(raw_paths, out: Path, editorial: Path | None = ROOT / "editorial"):
    """Build the raw files into ``out`` (a scratch raw folder holds copies of them)."""
    raw = Path(tempfile.mkdtemp(prefix="bench-raw-"))
    for path in raw_paths:
        shutil.copy(path, raw / Path(path).name)
    try:
        return run_build(raw, out, editorial if editorial and editorial.is_dir() else None)
    finally:
        shutil.rmtree(raw)


def document_starts(out: Path, raw_name: str, raw_text: str) -> set[int]:
    """The raw lines (1-based) where the edition's documents of ``raw_name`` begin."""
    import json
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    starts = set()
    for ident in manifest["raw"].get(raw_name, {}).get("documents", []):
        root = etree.parse(str(out / f"{ident}.xml")).getroot()
        span = root.findtext(f".//{TEI}bibl[@type='rawFile']/{TEI}citedRange")
        if span:
            start = int(span.split("-")[0])
            while start < len(raw_text) and raw_text[start].isspace():
                start += 1
            starts.add(raw_text.count("\n", 0, start) + 1)
    return starts


def edition_readings(out: Path, raw_name: str) -> list[tuple[str, str]]:
    """(document id, reading text) of every document built from ``raw_name``, in order."""
    import json
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    readings = []
    for ident in manifest["raw"].get(raw_name, {}).get("documents", []):
        root = etree.parse(str(out / f"{ident}.xml")).getroot()
        readings.append((ident, reading_text(with_note_numbers(root.find(f"{TEI}text")))))
    return readings


def with_note_numbers(text):
    """A copy of ``text`` with each note's number as readers see it: the ``@n`` that TEI
    consumers print before a note whose label does not show it (a printed number kept as
    printed in ``choice/orig``, or no label where the number is lost)."""
    import copy
    text = copy.deepcopy(text)
    for note in text.iter(f"{TEI}note"):
        label = note.find(f"{TEI}label")
        if note.get("n") and note.get("type") != "editorial" and \
                (label is None or label.find(f"{TEI}choice") is not None):
            note.text = f"{note.get('n')} {note.text or ''}"
    return text


# ------------------------------------------------------------------ gold units


def gold_line_reading(lines) -> str:
    """Gold lines read as text: ``¬`` joins a word, a final ``-`` joins keeping it."""
    out = []
    for i, line in enumerate(lines):
        line = line.rstrip()
        last = i == len(lines) - 1
        if line.endswith("¬"):
            out.append(line[:-1])
        elif line.endswith("-") and not line.endswith(" -") and not last:
            out.append(line)
        else:
            out.append(line + " ")
    return " ".join("".join(out).split())


def naive_line_reading(lines) -> str:
    """Raw lines joined by spaces: what a reader gets from the OCR with no cleaning."""
    return " ".join(" ".join(lines).split())


@dataclass(frozen=True)
class Unit:
    """A stretch of gold text that stays together in the edition: line indices [first, last]."""

    first: int
    last: int


def gold_units(gold_lines, notes: bool = False, cuts=frozenset()) -> list[Unit]:
    """Runs of text lines (blank and furniture lines end a run); in an endnotes section
    every note begins a unit of its own; short runs join the next one, except a page's
    footnote (``* …``), which stays a unit of its own; a unit never runs
    over a line in ``cuts`` (indices into ``gold_lines`` where an edition's document
    begins: the edition puts a document's heading and notes between the two)."""
    units, run = [], []
    for i, line in enumerate(gold_lines):
        if i in cuts and run:
            units.append(run)
            run = []
        stripped = line.strip()
        if not stripped or stripped == FURNITURE:
            if run:
                units.append(run)
            run = []
            continue
        if notes and run and NOTE_START.match(line):
            units.append(run)
            run = []
        run.append(i)
    if run:
        units.append(run)
    if notes:  # a note is a unit however short: the edition moves each note to its document
        return [Unit(run[0], run[-1]) for run in units]
    merged, pending = [], []
    for run in units:
        if FOOTNOTE_START.match(gold_lines[run[0]]):  # the edition moves a footnote into a note
            merged.append(Unit(run[0], run[-1]))
            continue
        if pending and run[0] in cuts:
            merged.append(Unit(pending[0], pending[-1]))
            pending = []
        pending += run
        if len(gold_line_reading(kept_lines(gold_lines, pending))) >= MIN_UNIT:
            merged.append(Unit(pending[0], pending[-1]))
            pending = []
    if pending:
        merged.append(Unit(pending[0], pending[-1]))
    return merged


def kept_lines(lines, indices) -> list[str]:
    return [lines[i] for i in indices if lines[i].strip() and lines[i].strip() != FURNITURE]


def unit_lines(lines, unit: Unit) -> list[str]:
    return kept_lines(lines, range(unit.first, unit.last + 1))


def raw_unit_lines(raw_lines, gold_lines, unit: Unit) -> list[str]:
    """The raw lines of a unit, furniture included (a baseline keeps it)."""
    return [raw_lines[i] for i in range(unit.first, unit.last + 1) if raw_lines[i].strip()]


# ------------------------------------------------------------------ scoring


@dataclass
class Score:
    chars: int = 0
    char_errors: int = 0
    words: int = 0
    word_errors: int = 0

    def __iadd__(self, other: "Score") -> "Score":
        self.chars += other.chars
        self.char_errors += other.char_errors
        self.words += other.words
        self.word_errors += other.word_errors
        return self

    def add(self, gold: str, found: str) -> None:
        self.chars += len(gold)
        self.char_errors += Levenshtein.distance(found, gold)
        self.words += len(gold.split())
        self.word_errors += Levenshtein.distance(found.split(), gold.split())

    @property
    def cer(self) -> float:
        return round(self.char_errors / self.chars, 4) if self.chars else 0.0

    @property
    def wer(self) -> float:
        return round(self.word_errors / self.words, 4) if self.words else 0.0


def best_infix(gold: str, target: str) -> str:
    """The stretch of ``target`` that ``gold`` aligns with best (edit distance, infix).
    Aligning against the whole book for every unit is slow, so the alignment runs first
    in the window around an exact piece of the gold found in the target; the whole
    target is searched only when no piece is found or the window holds no close match."""
    if not target:
        return ""
    for low, high in seed_windows(gold, target):
        found = edlib.align(gold, target[low:high], mode="HW", task="locations")
        if found["editDistance"] <= max(2, len(gold) // 10):
            start, end = found["locations"][0]
            return target[low + (start or 0):low + end + 1]
    found = edlib.align(gold, target, mode="HW", task="locations")
    start, end = found["locations"][0]
    start = start if start is not None else 0
    return target[start:end + 1]


def seed_windows(gold: str, target: str, piece: int = 24):
    """Windows of ``target`` around where an exact piece of ``gold`` (its start, middle or
    end) stands, with room for the rest of the gold on either side."""
    if len(gold) < piece:
        return
    for offset in (0, (len(gold) - piece) // 2, len(gold) - piece):
        at = target.find(gold[offset:offset + piece])
        if at >= 0:
            yield max(0, at - offset - 200), at - offset + len(gold) + 200


def edition_score(gold_lines, units, target: str) -> Score:
    score = Score()
    for unit in units:
        gold = gold_line_reading(unit_lines(gold_lines, unit))
        score.add(gold, best_infix(gold, target))
    return score


def baseline_score(raw_lines, gold_lines, units, clean) -> Score:
    score = Score()
    for unit in units:
        gold = gold_line_reading(unit_lines(gold_lines, unit))
        score.add(gold, clean(raw_unit_lines(raw_lines, gold_lines, unit)))
    return score


def score_samples(out: Path, raw_name: str, raw_text: str, samples, baselines: dict) -> dict[str, Score]:
    """The reading the edition in ``out`` gives of ``raw_name`` (key ``edition``), and each
    baseline cleaner's reading of the raw lines, scored against the samples' gold. A sample
    has ``first_line`` (1-based), ``raw_lines``, ``gold_lines`` and ``notes`` (an endnotes
    section); its units never run over a line where the edition begins a document."""
    target = "\n".join(reading for _, reading in edition_readings(out, raw_name))
    starts = document_starts(out, raw_name, raw_text)
    totals = {name: Score() for name in ("edition", *baselines)}
    for sample in samples:
        units = gold_units(sample.gold_lines, sample.notes, {line - sample.first_line for line in starts})
        totals["edition"] += edition_score(sample.gold_lines, units, target)
        for name, clean in baselines.items():
            totals[name] += baseline_score(sample.raw_lines, sample.gold_lines, units, clean)
    return totals


# ------------------------------------------------------------------ baselines


def trivial_clean(lines) -> str:
    """Only the OCR's soft-hyphen mark joined: ``pain¬ / ful`` -> ``painful``."""
    return " ".join(regex.sub(r"¬\s*\n\s*", "", "\n".join(lines)).split())


def naive_clean(lines) -> str:
    """What anyone would do: ftfy, and every line-end hyphen (``¬`` or ``-``) joined."""
    import ftfy
    text = ftfy.fix_text("\n".join(lines), uncurl_quotes=False)
    return " ".join(regex.sub(r"(?<=\w)[¬-]\s*\n\s*(?=\w)", "", text).split())
