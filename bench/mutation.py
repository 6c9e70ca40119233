"""Mutation testing of the core modules (issue 11): how many deliberate small bugs the
fast tests catch, module by module.

mutmut 3 (``[tool.mutmut]`` in pyproject.toml says which modules and which tests) puts
one small change at a time into a copy of ``pipeline/`` under ``mutants/`` (an operator
flipped, a number moved by one, a string changed, an argument dropped …) and runs the
tests that reach the changed function; a mutant is *killed* when a test fails. This
script runs mutmut, reads its results, scores each module and group, and writes
``bench/mutation-results.md`` and ``.json``: the figures, and every survivor with the
reason it is harmless, read from ``bench/mutation-harmless/*.toml`` (matched by module,
function and the changed lines, not by mutmut's numbers, which move when the code
changes). A survivor with no reason there is listed as *unexplained*, and the exit
status is 1, as it is when a group kills fewer than ``AIM`` of its mutants.

    python bench/mutation.py               # run mutmut (earlier results are kept), then report
    python bench/mutation.py --fresh       # every mutant tested again (the figure in bench/)
    python bench/mutation.py --report      # report on the results in mutants/ only
    python bench/mutation.py --todo        # print unexplained survivors as TOML entries to fill in
    python bench/mutation.py --sample 8    # test one mutant in eight of every function (N = 1, 9, 17 …)

A sample (``--sample K``) tests mutants 1, 1+K, 1+2K … of every function: the same mutants in
every run (mutmut numbers a function's mutants in the order of its code), every function
reached, about one in K of the rest. The score is then killed out of tested, with the
sample's size beside it; the mutants not tested are counted apart, never as survivors.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import shutil
import subprocess
import sys
import time
import tomllib
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "bench"
RESULTS_MD = HERE / "mutation-results.md"
RESULTS_JSON = HERE / "mutation-results.json"
HARMLESS = HERE / "mutation-harmless"  # one TOML file per group of modules
AIM = 0.80
#: the groups of issue 11, by module (glob patterns, as in [tool.mutmut] only_mutate)
GROUPS = {
    "hyphen and OCR repairs": ("pipeline/repair/hyphens.py", "pipeline/repair/ocr.py",
                               "pipeline/repair/channel.py", "pipeline/repair/lexicon.py"),
    "page numbering": ("pipeline/segment/pages.py",),
    "endnotes and call linking": ("pipeline/segment/endnotes.py", "pipeline/segment/calls.py"),
    "encoders": ("pipeline/encode/*.py",),
    "editorial decisions": ("pipeline/editorial/decisions.py", "pipeline/editorial/apply.py",
                            "pipeline/editorial/anchors.py"),
}
#: mutmut's exit codes, as its own results command reads them
STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests", 34: "skipped",
          36: "timeout", -24: "timeout", 24: "timeout", 152: "timeout", 255: "timeout", None: "not checked"}


@dataclass(frozen=True)
class Mutant:
    name: str          # mutmut's name: pipeline.repair.hyphens.x_decide__mutmut_20
    module: str        # pipeline/repair/hyphens.py
    function: str      # decide, Lexicon.in_book
    status: str        # killed, timeout, survived, no tests, …
    diff: str = ""     # the changed lines ("-old" / "+new"), for survivors
    reason: str = ""   # why a survivor is harmless (bench/mutation-harmless/)


def mutated_modules() -> list[str]:
    """The modules ``[tool.mutmut] only_mutate`` names, as files."""
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]["only_mutate"]
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pipeline").rglob("*.py"))
    return [f for f in files if any(fnmatch.fnmatch(f, pattern) for pattern in patterns)]


def group_of(module: str) -> str:
    return next((name for name, patterns in GROUPS.items() if any(fnmatch.fnmatch(module, p) for p in patterns)),
                "other")


#: no function of the core modules has this many mutants (the largest has about 300)
MOST_MUTANTS_OF_A_FUNCTION = 2000


def sample_patterns(every: int) -> list[str]:
    """mutmut name patterns of mutants 1, 1+every, 1+2*every … of every function."""
    if every <= 1:
        return []
    return [f"*__mutmut_{n}" for n in range(1, MOST_MUTANTS_OF_A_FUNCTION, every)]


def run_mutmut(max_children: int, fresh: bool, every: int = 1) -> float:
    """Run mutmut in the project's folder; returns the wall time in seconds."""
    if fresh:
        shutil.rmtree(ROOT / "mutants", ignore_errors=True)
    mutmut = Path(sys.executable).parent / "mutmut"
    started = time.monotonic()
    subprocess.run([str(mutmut), "run", "--max-children", str(max_children), *sample_patterns(every)],
                   cwd=ROOT, check=True)
    return time.monotonic() - started


def function_of(name: str) -> str:
    """``x_decide__mutmut_20`` -> ``decide``; ``xǁLexiconǁin_book__mutmut_1`` -> ``Lexicon.in_book``."""
    mangled = name.rpartition(".")[2].rpartition("__mutmut_")[0]
    if mangled.startswith("xǁ"):
        return ".".join(mangled[2:].split("ǁ"))
    return mangled[2:]


def changed_lines(name: str, module: str) -> str:
    """The lines the mutant changed, ``-`` before and ``+`` after, without indentation."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        diff = get_diff_for_mutant(name, path=module)
    finally:
        os.chdir(cwd)
    lines = [line for line in diff.splitlines()[2:] if line[:1] in "-+"]
    return "\n".join(line[0] + line[1:].strip() for line in lines)


def load_harmless() -> dict[tuple[str, str, str], str]:
    """(module, function, changed lines) -> reason, from every ``bench/mutation-harmless/*.toml``;
    a reason may name one of a file's ``[kinds]``."""
    table = {}
    for path in sorted(HARMLESS.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        kinds = data.get("kinds", {})
        for entry in data.get("survivor", []):
            reason = entry["reason"]
            kind, _, note = reason.partition(": ")
            if kind in kinds:
                reason = kinds[kind] + (f" ({note})" if note else "")
            table[(entry["module"], entry["function"], entry["diff"].strip())] = reason
    return table


def collect(modules: list[str]) -> list[Mutant]:
    """Every mutant of ``modules`` with its status; survivors with their changed lines and reason."""
    harmless = load_harmless()
    mutants = []
    for module in modules:
        meta = ROOT / "mutants" / f"{module}.meta"
        if not meta.exists():
            continue
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        for name, code in sorted(codes.items(), key=lambda item: natural_key(item[0])):
            status = STATUS.get(code, "suspicious")
            function = function_of(name)
            diff = reason = ""
            if status in ("survived", "no tests", "suspicious"):
                diff = changed_lines(name, module)
                reason = harmless.get((module, function, diff), "")
            mutants.append(Mutant(name, module, function, status, diff, reason))
    return mutants


def natural_key(name: str):
    head, _, number = name.rpartition("__mutmut_")
    return head, int(number) if number.isdigit() else 0


def figures(mutants: list[Mutant]) -> dict:
    """Counts and score: killed (a timeout counts as killed) out of all mutants; a survivor
    is explained when the harmless list gives its reason."""
    counts = Counter(m.status for m in mutants)
    killed = counts["killed"] + counts["timeout"]
    tested = len(mutants) - counts["not checked"]
    lived = [m for m in mutants if m.status in ("survived", "no tests", "suspicious")]
    return {"mutants": len(mutants), "tested": tested, "killed": counts["killed"], "timeout": counts["timeout"],
            "survived": counts["survived"], "no_tests": counts["no tests"], "not_checked": counts["not checked"],
            "explained": sum(1 for m in lived if m.reason), "unexplained": sum(1 for m in lived if not m.reason),
            "score": round(killed / tested, 4) if tested else 0.0}


def report(mutants: list[Mutant], seconds: float | None) -> dict:
    by_module = {module: figures([m for m in mutants if m.module == module])
                 for module in dict.fromkeys(m.module for m in mutants)}
    by_group = {group: figures([m for m in mutants if group_of(m.module) == group])
                for group in GROUPS if any(group_of(m.module) == group for m in mutants)}
    previous = json.loads(RESULTS_JSON.read_text(encoding="utf-8")) if RESULTS_JSON.exists() else {}
    return {"tool": f"mutmut {mutmut_version()}", "aim": AIM,
            "run_seconds": round(seconds) if seconds is not None else previous.get("run_seconds"),
            "total": figures(mutants), "groups": by_group, "modules": by_module,
            "survivors": [asdict(m) for m in mutants if m.status in ("survived", "no tests", "suspicious")]}


def mutmut_version() -> str:
    from importlib.metadata import version
    return version("mutmut")


def markdown(result: dict) -> str:
    def row(name, f):
        return (f"| {name} | {f['mutants']} | {f['tested']} | {f['killed']} | {f['timeout']} | {f['survived']} | {f['no_tests']} "
                f"| {f['explained']} | {f['unexplained']} | {f['score']:.1%} |")
    head = ("| | mutants | tested | killed | timeout | survived | no test reaches it | harmless (reason below) "
            "| unexplained | killed + timeout of tested |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    run = f"{result['run_seconds'] / 60:.0f} min" if result.get("run_seconds") else "not timed"
    lines = [
        "# Mutation testing of the core modules",
        "",
        f"`make mutation` ({result['tool']}, {result.get('workers', 1)} worker(s); whole run {run}; "
        f"{sample_words(result.get('sample', 1))}). Each mutant is one small change "
        "to a copy of the code; it is killed when a test that reaches the changed function fails. The tests "
        "are the fast ones (`[tool.mutmut]` in pyproject.toml): doctests, the OCR cases, the synthetic books, "
        "the editorial tests and the unit tests of `tests/test_units_*.py`; the whole-book builds are left "
        "out. A timeout (a mutant that loops) counts as killed. A survivor that no test can tell from the "
        f"code is listed below with the reason it is harmless (`bench/mutation-harmless/`). Aim: "
        f"{AIM:.0%} killed in every group.",
        "",
        "## By group", "", head,
        *(row(name, f) for name, f in result["groups"].items()),
        row("**all**", result["total"]),
        "", "## By module", "", head,
        *(row(f"`{name}`", f) for name, f in result["modules"].items()),
        "", "## Survivors", "",
        "Each survivor: module, function, the changed lines (`-` the code, `+` the mutant) and why it is "
        "harmless.", "",
    ]
    for module in result["modules"]:
        survivors = [s for s in result["survivors"] if s["module"] == module]
        if not survivors:
            continue
        lines += [f"### `{module}` ({len(survivors)})", ""]
        for s in survivors:
            reason = s["reason"] or "**unexplained**"
            diff = s["diff"].replace("\n", "` / `") or "(no diff)"
            lines.append(f"- `{s['function']}` ({s['status']}): `{diff}` — {reason}")
        lines.append("")
    return "\n".join(lines)


def sample_words(every: int) -> str:
    if every <= 1:
        return "every mutant tested"
    return (f"a sample: mutants 1, {1 + every}, {1 + 2 * every} … of every function, about one in {every}; "
            "the others are counted under *mutants* only")


def todo(result: dict) -> str:
    """Unexplained survivors as entries of a bench/mutation-harmless/*.toml file, reason to be written."""
    out = []
    for s in result["survivors"]:
        if s["reason"]:
            continue
        diff = s["diff"].replace("'''", "' ' '")
        out.append(f"[[survivor]]  # {s['name']} ({s['status']})\nmodule = \"{s['module']}\"\n"
                   f"function = \"{s['function']}\"\ndiff = '''\n{diff}\n'''\nreason = \"TODO\"\n")
    return "\n".join(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--report", action="store_true", help="do not run mutmut; report on mutants/")
    parser.add_argument("--fresh", action="store_true", help="remove mutants/ first: test every mutant again")
    parser.add_argument("--todo", action="store_true", help="print unexplained survivors as TOML entries")
    parser.add_argument("--jobs", type=int, default=1, help="mutmut workers (default 1)")
    parser.add_argument("--sample", type=int, default=1, metavar="K",
                        help="test mutants 1, 1+K, 1+2K … of every function (default 1: all)")
    args = parser.parse_args(argv)
    seconds = None if args.report or args.todo else run_mutmut(args.jobs, args.fresh, args.sample)
    result = report(collect(mutated_modules()), seconds)
    result["sample"], result["workers"] = args.sample, args.jobs
    if args.todo:
        print(todo(result))
        return 0
    RESULTS_JSON.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    RESULTS_MD.write_text(markdown(result), encoding="utf-8")
    for name, f in {**result["groups"], "all": result["total"]}.items():
        print(f"{name:28} {f['tested']:5} tested {f['killed'] + f['timeout']:5} killed "
              f"{f['survived'] + f['no_tests']:5} survived ({f['unexplained']} unexplained)  {f['score']:.1%}")
    print(f"written: {RESULTS_MD.relative_to(ROOT)}, {RESULTS_JSON.relative_to(ROOT)}")
    short = [name for name, f in result["groups"].items() if f["score"] < AIM]
    if short or result["total"]["unexplained"]:
        print(f"below {AIM:.0%}: {', '.join(short) or 'none'}; unexplained survivors: {result['total']['unexplained']}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
