"""Command line: thin click commands over ``run_build`` and ``run_validate``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline.build import run_build
from pipeline.validate import run_validate


@click.group(help="Build and validate a TEI P5 edition of early Soviet foreign-policy documents.")
def main():
    pass


@main.command(help=run_build.__doc__ + "\n\nEvery file in RAW (default raw/) is read; one TEI file per "
              "document and corpus.xml are written to OUT (default tei/), with build-report.json. "
              "The exit status is 1 when any file failed; the other files are still built.")
@click.option("--raw", "raw_dir", default="raw", show_default=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path), help="folder of raw files")
@click.option("--out", "out_dir", default="tei", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="folder for the TEI files")
def build(raw_dir: Path, out_dir: Path):
    report = run_build(raw_dir, out_dir)
    for line in report.summary_lines():
        click.echo(line, err=line.startswith("error"))
    sys.exit(1 if report.failed else 0)


@main.command(help=run_validate.__doc__ + "\n\nPATHS are TEI files or folders of them (default tei/). "
              "Each problem is printed as file:line: message; the exit status is 1 if any error was found "
              "(warnings, the \"please check\" rules, do not fail a file).")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--tei-all/--no-tei-all", default=False,
              help="also validate against the full TEI P5 schema (tei_all; slower)")
def validate(paths, tei_all: bool):
    problems, checked = run_validate(list(paths) or [Path("tei")], tei_all=tei_all)
    for problem in problems:
        click.echo(problem)
    errors = [p for p in problems if not is_warning(p)]
    click.echo(f"{checked} files checked, {len(errors)} errors, {len(problems) - len(errors)} warnings", err=True)
    sys.exit(1 if errors else 0)


def is_warning(problem: str) -> bool:
    """Schematron "please check" rules (role="warning") report, but do not fail, a file."""
    return "[warning " in problem
