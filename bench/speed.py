"""How fast the build is, measured as a user meets it: whole processes, in one run.

    raw/ build (no cache) against naive cleaning (ftfy + joined hyphens) of the same files
    time per MB for 1, 5 and 20 perturbed copies of the seed book (linear?)
    --jobs 2 against --jobs 1 on 5 books, on one book and on two (documents shared inside a book)
    peak memory of a build process (per worker)
    one long source (the book 6 times, 5.5 MB) against one ten times longer (56 times, 50 MB):
        time and peak memory; a build that passes --long-timeout seconds is reported as such
    `make` with nothing changed; `make` after touching one web page (files rebuilt)

    .venv/bin/python bench/speed.py [--json] [--quick] [--long-timeout SECONDS] [--no-long]
                                    [--only raw,copies,jobs,long,make]

``--only`` measures the sections named (on a machine others share, a section at a time).

Every figure is one whole process (wall seconds); CPU seconds are printed beside the
long sources' figures, since a machine other work shares slows the wall clock alone.
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

from corpus_generator import perturb, perturbed_corpus  # noqa: E402

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
timeout = float(sys.argv[1]) or None
try:
    subprocess.run(sys.argv[2:], check=True, capture_output=True, timeout=timeout)
except subprocess.TimeoutExpired:
    print("timeout")
    sys.exit(0)
used = resource.getrusage(resource.RUSAGE_CHILDREN)
print(used.ru_utime + used.ru_stime, used.ru_maxrss)
"""
#: how long one long-source build may take before it is reported as not finished
LONG_TIMEOUT = 900
#: copies of the book in the two long sources (about 5.5 MB and 50 MB)
LONG_COPIES = (6, 56)


def timed(command: list[str], cwd: Path = ROOT) -> tuple[float, float]:
    """(seconds, peak RSS in MB of the largest process of this command) of one whole process."""
    seconds, _, peak = timed_fully(command, cwd)
    return seconds, peak


def timed_fully(command: list[str], cwd: Path = ROOT, timeout: float = 0) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds of all its processes, peak RSS in MB of the largest) of
    one whole process; (None, None, None) when it passes ``timeout`` seconds (0: none)."""
    started = time.perf_counter()
    done = subprocess.run([PYTHON, "-c", PEAK, str(timeout), *command], cwd=cwd, check=True, capture_output=True,
                          text=True)
    seconds = time.perf_counter() - started
    if done.stdout.strip() == "timeout":
        return None, None, None
    cpu, peak = done.stdout.split()[-2:]
    return round(seconds, 2), round(float(cpu), 2), round(int(peak) / 1024, 1)


def build_command(raw: Path, out: Path, *extra: str) -> list[str]:
    return [PYTHON, "-m", "pipeline", "build", "--raw", str(raw), "--out", str(out), "--cache", "",
            "--editorial", str(ROOT / "editorial"), *extra]


def build(raw: Path, out: Path, *extra: str) -> tuple[float, float]:
    return timed(build_command(raw, out, *extra))


def long_source(folder: Path, copies: int) -> Path:
    """One raw file holding ``copies`` perturbed copies of the book, one after another
    (each copy different, the same on every run): a source of any length."""
    folder.mkdir(parents=True, exist_ok=True)
    book = BOOK.read_text(encoding="utf-8")
    path = folder / f"long_{copies:03d}.txt"
    with open(path, "w", encoding="utf-8") as out:
        for k in range(copies):
            out.write(perturb(book, seed=k))
    return path


def long_figures(scratch: Path, timeout: float) -> dict:
    """The long sources: wall and CPU seconds and peak memory of each, and the ratio of
    the longer to the shorter (the aim: at most 10x the time, under 1 GB)."""
    figures, measured = {}, {}
    for copies in LONG_COPIES:
        path = long_source(scratch / f"long{copies}", copies)
        size = round(path.stat().st_size / 1e6, 1)
        wall, cpu, peak = timed_fully(build_command(path, scratch / f"long_out{copies}"), timeout=timeout)
        measured[copies] = wall
        figures[f"long_source_{size}MB_wall_cpu_peak_mb"] = (wall, cpu, peak) if wall is not None \
            else f"not finished in {timeout:.0f} s"
        if wall is None:
            break  # a longer source would not finish either
    short, long = (measured.get(c) for c in LONG_COPIES)
    figures["long_source_10x_length_time_ratio"] = round(long / short, 2) if short and long else None
    return figures


def megabytes(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.iterdir()) / 1e6


#: the sections of the bench, in the order they run
SECTIONS = ("raw", "copies", "jobs", "long", "make")


def raw_figures(scratch: Path) -> dict:
    """A cold build of raw/ against the naive cleaning of the same files."""
    naive_seconds, _ = timed([PYTHON, "-c", NAIVE, str(ROOT / "raw"), str(scratch / "naive")])
    build_seconds, peak = build(ROOT / "raw", scratch / "tei")
    return {"raw_build_seconds": build_seconds, "naive_cleaning_seconds": naive_seconds,
            "build_vs_naive": round(build_seconds / naive_seconds, 2), "peak_rss_mb_one_process": peak}


def copies_figures(scratch: Path, quick: bool) -> dict:
    """Time per MB for 1, 5 and 20 perturbed copies of the book."""
    per_mb = {}
    for copies in ((1, 5) if quick else (1, 5, 20)):
        raw = perturbed_corpus(scratch / f"books{copies}", books=copies, sources=[BOOK])
        seconds, peak_books = build(raw, scratch / f"out{copies}")
        per_mb[copies] = (seconds, round(seconds / megabytes(raw), 2), peak_books)
    largest = max(per_mb)
    return {"seconds_seconds_per_mb_peak_mb_by_copies": per_mb,
            f"{largest}_copies_vs_one": round(per_mb[largest][0] / per_mb[1][0], 2)}


def jobs_figures(scratch: Path) -> dict:
    """--jobs 2 against --jobs 1 on 5 books, on one book and on two."""
    figures = {}
    five = scratch / "books5"
    if not five.exists():
        perturbed_corpus(five, books=5, sources=[BOOK])
    one_job, _ = build(five, scratch / "jobs1", "--jobs", "1")
    two_jobs, peak_two = build(five, scratch / "jobs2", "--jobs", "2")
    figures["jobs2_vs_jobs1_on_5_books"] = round(two_jobs / one_job, 2)
    figures["peak_rss_mb_per_worker"] = peak_two
    two_books = perturbed_corpus(scratch / "books2", books=2, sources=[BOOK])
    for name, raw in (("one_book", BOOK), ("two_books", two_books)):
        one_job, _ = build(raw, scratch / f"{name}_jobs1", "--jobs", "1")
        two_jobs, _ = build(raw, scratch / f"{name}_jobs2", "--jobs", "2")
        figures[f"jobs2_vs_jobs1_on_{name}"] = round(two_jobs / one_job, 2)
    return figures


def chosen_sections() -> tuple[str, ...]:
    """The sections ``--only`` names (all without it; ``--no-long`` drops the long sources)."""
    chosen = SECTIONS
    if "--only" in sys.argv:
        chosen = tuple(sys.argv[sys.argv.index("--only") + 1].split(","))
        unknown = set(chosen) - set(SECTIONS)
        if unknown:
            raise SystemExit(f"bench/speed.py: no section {', '.join(sorted(unknown))}; "
                             f"choose among {', '.join(SECTIONS)}")
    return tuple(s for s in chosen if not (s == "long" and "--no-long" in sys.argv))


def main() -> None:
    quick, sections = "--quick" in sys.argv, chosen_sections()
    figures = {}
    with tempfile.TemporaryDirectory(prefix="bench-speed-") as scratch:
        scratch = Path(scratch)
        if "raw" in sections:
            figures.update(raw_figures(scratch))
        if "copies" in sections:
            figures.update(copies_figures(scratch, quick))
        if "jobs" in sections:
            figures.update(jobs_figures(scratch))
        if "long" in sections:
            figures.update(long_figures(scratch, long_timeout()))
        if "make" in sections:
            figures.update(make_figures(scratch))
    if "--json" in sys.argv:
        print(json.dumps(figures, indent=1))
        return
    for key, value in figures.items():
        print(f"{key:40} {value}")


def long_timeout() -> float:
    if "--long-timeout" in sys.argv:
        return float(sys.argv[sys.argv.index("--long-timeout") + 1])
    return LONG_TIMEOUT


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
