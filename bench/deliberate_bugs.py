"""Deliberate bugs in core behaviour (issue 11): does the suite notice each one after
`make` has rebuilt tei/ with it?

Each bug is one small change to the code, put into a scratch clone of the project (never
into this one). In the clone the edition is rebuilt with the bug, as `make` would, and the
suite is run as `make test` runs it. A bug is *caught* when the build fails or a test
fails; the script prints the failing tests of each bug and exits 1 if a bug went
unnoticed. The three bugs of the issue come first; the others are of the same kinds, in
the other core stages. A slower, wider count of the same question is `make mutation`.

    .venv/bin/python bench/deliberate_bugs.py [--json] [NAME ...]
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"


@dataclass(frozen=True)
class Bug:
    name: str
    path: str   # the file changed
    old: str    # the code, found exactly once
    new: str    # the bug
    what: str


BUGS = (
    Bug("hyphen-fallback-keeps", "pipeline/repair/hyphens.py",
        '    return "no", 0.7 if mark == "¬" else 0.55', '    return "keep", 0.7 if mark == "¬" else 0.55',
        "the hyphen decision's fallback keeps the hyphen"),
    Bug("calls-out-of-order", "pipeline/segment/calls.py",
        "if candidate.start <= cursor or candidate.n != wanted", "if candidate.n != wanted",
        "note calls accepted out of order"),
    Bug("second-linking-pass-off", "pipeline/segment/calls.py",
        "    links = dict(links)\n    numbers", "    links = dict(links)\n    return links\n    numbers",
        "the second note-linking pass switched off"),
    Bug("second-linking-pass-not-called", "pipeline/segment/book.py",
        "    links = link_remaining(endnotes, candidates, links, numbering.page_of)\n", "",
        "the book segmenter no longer calls the second note-linking pass (the function itself intact)"),
    Bug("note-continuations-split", "pipeline/segment/endnotes.py",
        "if merged and not number_label(first) and first[:1].islower():", "if False:",
        "an endnote's continuation read as a note of its own"),
    Bug("page-break-number-lost", "pipeline/encode/inline.py",
        'tei("pb", el, n=mark.n or None,', 'tei("pb", el, n=None,',
        "page breaks written without their printed number"),
    Bug("accepted-despite-expect", "pipeline/editorial/apply.py",
        "    current = reading(text, changes, start, end)\n    if current != squash(decision.expect):\n"
        "        return changes, \"conflict\"",
        "    current = reading(text, changes, start, end)\n    if False:\n        return changes, \"conflict\"",
        "an editor's acceptance applied though the pipeline's reading changed"),
    Bug("header-value-on-next-line-lost", "pipeline/segment/webheader.py",
        "        if contiguous or waiting:", "        if contiguous:",
        "a web page's header value on the line after its field name dropped"),
)


def clone(scratch: Path) -> Path:
    """A clean clone of the committed project, sharing this virtualenv and the schema cache."""
    project = scratch / "project"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(project)], check=True)
    (project / ".venv").symlink_to(ROOT / ".venv")
    if (ROOT / ".cache" / "tei_all.rng").exists():
        (project / ".cache").mkdir()
        shutil.copy(ROOT / ".cache" / "tei_all.rng", project / ".cache" / "tei_all.rng")
    return project


def put_in(project: Path, bug: Bug) -> None:
    path = project / bug.path
    code = path.read_text(encoding="utf-8")
    if code.count(bug.old) != 1:
        raise SystemExit(f"bench/deliberate_bugs.py: {bug.name}: the code to change is not found once in "
                         f"{bug.path}; update the bug to the code")
    path.write_text(code.replace(bug.old, bug.new), encoding="utf-8")


def try_bug(bug: Bug, scratch: Path) -> dict:
    """Rebuild the edition with the bug (the `make` step, run directly: the shared virtualenv
    must not be reinstalled for the clone), then run the suite as `make test` does."""
    project = clone(scratch / bug.name)
    put_in(project, bug)
    started = time.perf_counter()
    build = subprocess.run([str(PYTHON), "-m", "pipeline", "build", "--raw", "raw", "--out", "tei",
                            "--editorial", "editorial"], cwd=project, capture_output=True, text=True)
    changed = subprocess.run(["git", "status", "--short", "tei"], cwd=project, capture_output=True,
                             text=True).stdout.count("\n")
    tests = subprocess.run([str(PYTHON), "-m", "pytest", "-q", "-n", "2", "-m", "not cluster",
                            "-p", "no:cacheprovider"], cwd=project, capture_output=True, text=True)
    failed = regex.findall(r"(?m)^FAILED (\S+)", tests.stdout)
    return {"bug": bug.name, "what": bug.what, "tei_files_changed": changed,
            "build_failed": build.returncode != 0, "tests_failed": len(failed),
            "failing_tests": failed[:6], "caught": build.returncode != 0 or tests.returncode != 0,
            "seconds": round(time.perf_counter() - started)}


def main(argv: list[str]) -> int:
    wanted = [a for a in argv if not a.startswith("--")]
    bugs = [b for b in BUGS if not wanted or b.name in wanted]
    with tempfile.TemporaryDirectory(prefix="deliberate-bugs-") as scratch:
        results = [try_bug(bug, Path(scratch)) for bug in bugs]
    if "--json" in argv:
        print(json.dumps(results, indent=1))
    else:
        for r in results:
            verdict = "caught" if r["caught"] else "NOT CAUGHT"
            print(f"{r['bug']:32} {verdict:10} tei files changed {r['tei_files_changed']:3}  "
                  f"build failed {r['build_failed']!s:5}  tests failed {r['tests_failed']:3}  ({r['what']})")
            for test in r["failing_tests"]:
                print(f"    {test}")
        print(f"caught {sum(r['caught'] for r in results)} of {len(results)}")
    return 0 if all(r["caught"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
