"""How fast the build is, measured as a user meets it: whole processes, in one run.

    raw/ build (no cache) against naive cleaning (ftfy + joined hyphens) of the same files
    time per MB for 1, 5 and 20 perturbed copies of the seed book (linear?)
    --jobs 2 against --jobs 1 on 5 books
    peak memory of a build process (per worker)
    `make` with nothing changed; `make` after touching one web page (files rebuilt)

    .venv/bin/python bench/speed.py [--json] [--quick]
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import regex

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))

from corpus_generator import perturbed_corpus  # noqa: E402

PYTHON = sys.executable
BOOK = ROOT / "raw" / "001_57a5e7fdb55d5ea9.txt"
NAIVE = """
import sys, pathlib, ftfy, regex
out = pathlib.Path(sys.argv[2]); out.mkdir(exist_ok=True)
for p in sorted(pathlib.Path(sys.argv[1]).iterdir()):
    t = ftfy.fix_text(p.read_text(encoding="utf-8", errors="replace"), uncurl_quotes=False)
    t = regex.sub(r"(?<=\\w)[¬-]\\s*\\n\\s*(?=\\w)", "", t)
    (out / p.name).write_text(regex.sub(r"\\s+", " ", t), encoding="utf-8")
"""


# runs a command and prints the peak RSS (kB) of its largest process: each measure is taken in
# a fresh wrapper, since RUSAGE_CHILDREN of this script would keep the largest of every earlier run
PEAK = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, capture_output=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def timed(command: list[str], cwd: Path = ROOT) -> tuple[float, float]:
    """(seconds, peak RSS in MB of the largest process of this command) of one whole process."""
    started = time.perf_counter()
    done = subprocess.run([PYTHON, "-c", PEAK, *command], cwd=cwd, check=True, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    return round(seconds, 2), round(int(done.stdout.split()[-1]) / 1024, 1)


def build(raw: Path, out: Path, *extra: str) -> tuple[float, float]:
    return timed([PYTHON, "-m", "pipeline", "build", "--raw", str(raw), "--out", str(out), "--cache", "",
                  "--editorial", str(ROOT / "editorial"), *extra])


def megabytes(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.iterdir()) / 1e6


def main() -> None:
    quick = "--quick" in sys.argv
    figures = {}
    with tempfile.TemporaryDirectory(prefix="bench-speed-") as scratch:
        scratch = Path(scratch)
        naive_seconds, _ = timed([PYTHON, "-c", NAIVE, str(ROOT / "raw"), str(scratch / "naive")])
        build_seconds, peak = build(ROOT / "raw", scratch / "tei")
        figures["raw_build_seconds"] = build_seconds
        figures["naive_cleaning_seconds"] = naive_seconds
        figures["build_vs_naive"] = round(build_seconds / naive_seconds, 2)
        figures["peak_rss_mb_one_process"] = peak
        per_mb = {}
        for copies in ((1, 5) if quick else (1, 5, 20)):
            raw = perturbed_corpus(scratch / f"books{copies}", books=copies, sources=[BOOK])
            seconds, peak_books = build(raw, scratch / f"out{copies}")
            per_mb[copies] = (seconds, round(seconds / megabytes(raw), 2), peak_books)
        figures["seconds_seconds_per_mb_peak_mb_by_copies"] = per_mb
        largest = max(per_mb)
        figures[f"{largest}_copies_vs_one"] = round(per_mb[largest][0] / per_mb[1][0], 2)
        five = scratch / "books5"
        one_job, _ = build(five, scratch / "jobs1", "--jobs", "1")
        two_jobs, peak_two = build(five, scratch / "jobs2", "--jobs", "2")
        figures["jobs2_vs_jobs1_on_5_books"] = round(two_jobs / one_job, 2)
        figures["peak_rss_mb_per_worker"] = peak_two
        figures.update(make_figures(scratch))
    if "--json" in sys.argv:
        print(json.dumps(figures, indent=1))
        return
    for key, value in figures.items():
        print(f"{key:40} {value}")


def make_figures(scratch: Path) -> dict:
    """`make` in a copy of the project: with nothing changed, and after touching a web page."""
    project = scratch / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".git", ".cache", ".venv", "site", "__pycache__"))
    (project / ".venv").symlink_to(ROOT / ".venv")  # the same installed environment
    (project / "tei" / ".built").unlink(missing_ok=True)  # the first make builds all, filling the cache
    env = dict(os.environ)
    first = subprocess.run(["make", "-s"], cwd=project, capture_output=True, text=True, env=env)
    if first.returncode:
        raise SystemExit(f"bench/speed.py: make failed in the copy of the project: {first.stderr.strip()[-500:]}")
    started = time.perf_counter()
    subprocess.run(["make", "-s"], cwd=project, check=True, capture_output=True, env=env)
    nothing = time.perf_counter() - started
    page = project / "raw" / "000_732260b8a4c4c72c.txt"
    page.write_text(page.read_text(encoding="utf-8").replace("Certainly.", "Certainly!"), encoding="utf-8")
    started = time.perf_counter()
    done = subprocess.run(["make"], cwd=project, check=True, capture_output=True, text=True, env=env)
    touched = time.perf_counter() - started
    rebuilt = regex.search(r"\d+ rebuilt, \d+ unchanged", done.stdout)
    return {"make_nothing_changed_seconds": round(nothing, 2), "make_one_page_changed_seconds": round(touched, 2),
            "make_one_page_changed_says": rebuilt.group() if rebuilt else ""}


if __name__ == "__main__":
    main()
