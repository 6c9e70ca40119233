"""Command line: thin click commands over plain functions (``run_build``,
``run_validate``, ``open_flags``, ``build_site``, ``write_exports``, ``run_review``, ``run_serve``)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline import __version__
from pipeline.errors import PipelineError
from pipeline.flags import open_flags
from pipeline.edition import read_edition
from pipeline.publish import build_site, write_cmif
from pipeline.publish.cmif import read_register
from pipeline.publish.export import write_exports
from pipeline.review import run_review
from pipeline.serve import run_serve
from pipeline.runner import progress_printer, run_build
from pipeline.validate import run_validate


class EditionGroup(click.Group):
    """Prints a pipeline error as its one line (file: problem (advice)) and exits 1,
    instead of a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except PipelineError as error:
            raise click.ClickException(error.one_line()) from error


@click.group(cls=EditionGroup, help="Build and validate a TEI P5 edition of early Soviet foreign-policy documents.")
@click.version_option(__version__, prog_name="sfp-edition")
def main():
    pass


@main.command()
@click.option("--raw", "raw", default="raw", show_default=True, metavar="PATH",
              type=click.Path(exists=True, path_type=Path),
              help="a folder of raw files, or one raw file (built into a scratch folder unless --out is given)")
@click.option("--out", "out_dir", default=None, metavar="DIR", type=click.Path(file_okay=False, path_type=Path),
              help="the folder for the TEI files  [default: tei for a folder, a new scratch folder for one file]")
@click.option("--editorial", "editorial_dir", default="editorial", show_default=True, metavar="DIR",
              type=click.Path(file_okay=False, path_type=Path), help="the editors' decision files")
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(1),
              help="build this many files at once, each in a process of its own")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="'dask' maps the files over a Dask cluster (pip install '.[cluster]')")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="the Dask scheduler, e.g. tcp://10.0.0.5:8786 (default: $DASK_SCHEDULER_ADDRESS, "
                   "else a local cluster of --jobs workers)")
@click.option("--cache", "cache_dir", default=".cache/build", show_default=True, metavar="DIR",
              help="where builds of unchanged files are kept; '' builds every file again")
def build(raw: Path, out_dir: Path | None, editorial_dir: Path, jobs: int, engine: str, scheduler: str | None,
          cache_dir: str):
    """Build the edition of the raw files into TEI.

    Every file in --raw (or the one file named) is read; one TEI file per document,
    corpus.xml, edition.xml, build-report.json and manifest.json are written to
    --out. Files whose inputs did not change are taken from the cache. The build
    owns only what it wrote (manifest.json): it never deletes other files, and it
    names the files it removed; files are removed only when their raw file is gone
    (a one-file build keeps the folder's other sources). A source that fails, or
    whose editorial decisions are stale, keeps its last good output. The exit status
    is 1 when any file failed, any editorial decision is stale (conflict, ambiguous,
    orphan) or any document is invalid; the other files are still built.
    """
    if out_dir is None:
        out_dir = scratch_folder() if raw.is_file() else Path("tei")
        if raw.is_file():
            click.echo(f"building {raw} into the scratch folder {out_dir} (--out DIR to choose one)", err=True)
    report = run_build(raw, out_dir, editorial_dir if editorial_dir.is_dir() else None, jobs=jobs, engine=engine,
                       scheduler=scheduler, cache_dir=cache_dir or None, progress=progress_printer())
    for line in report.summary_lines():
        click.echo(line, err=line.startswith("error"))
    sys.exit(0 if report.ok else 1)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--tei-all/--no-tei-all", default=False,
              help="also validate against the full TEI P5 schema (tei_all; slower)")
def validate(paths, tei_all: bool):
    """Validate TEI files: the edition's schema and Schematron rules, and tei_all.

    PATHS are TEI files or folders of them (default tei/). Each problem is printed
    once, as file:line: message; a document's problem is reported at its own file,
    not again at the corpus files that include it. The exit status is 1 if any error
    was found (warnings, the "please check" rules, do not fail a file).
    """
    problems, checked = run_validate(list(paths) or [Path("tei")], tei_all=tei_all)
    for problem in problems:
        click.echo(problem)
    errors = [p for p in problems if not is_warning(p)]
    click.echo(f"{plural(checked, 'file')} checked, {plural(len(errors), 'error')}, "
               f"{plural(len(problems) - len(errors), 'warning')}", err=True)
    sys.exit(1 if errors else 0)


@main.command()
@click.option("--doc", "doc_id", default=None, metavar="ID", help="only the flags of this document")
@click.option("--out", "out_dir", default="tei", show_default=True, metavar="DIR",
              type=click.Path(exists=True, file_okay=False, path_type=Path), help="the built edition")
@click.option("--editorial", "editorial_dir", default="editorial", show_default=True, metavar="DIR",
              type=click.Path(file_okay=False, path_type=Path), help="the editors' decision files")
@click.option("--who", default=None, metavar="KEY", help="your key in editorial/editors.toml")
def flags(doc_id: str | None, out_dir: Path, editorial_dir: Path, who: str | None):
    """List what still needs a human, each with the text around it and a ready
    decision to paste into editorial/<raw file>.toml (run 'make' first)."""
    lines, count = open_flags(out_dir, editorial_dir, doc_id, who)
    for line in lines:
        click.echo(line)
    click.echo(f"{plural(count, 'flag')} open", err=True)


@main.command()
@click.option("--tei", "tei_dir", default="tei", show_default=True, metavar="DIR",
              type=click.Path(exists=True, file_okay=False, path_type=Path), help="the built edition")
@click.option("--out", "out_dir", default="site", show_default=True, metavar="DIR",
              type=click.Path(file_okay=False, path_type=Path), help="where the static site goes")
@click.option("--cmif/--no-cmif", default=True, help="also write cmif.xml (the letters, for correspSearch)")
@click.option("--editorial", "editorial_dir", default="editorial", show_default=True, metavar="DIR",
              type=click.Path(file_okay=False, path_type=Path),
              help="where edition.toml (base URL, licence) and the register of names are")
@click.option("--when", default=None, metavar="YYYY-MM-DD",
              help="date of the CMIF file (default: the newest editors' decision)")
def site(tei_dir: Path, out_dir: Path, cmif: bool, editorial_dir: Path, when: str | None):
    """Write the reading and proofing site of the built edition (open site/index.html;
    it works from file://), and the CMIF export of its letters, whose addresses come
    from the base URL in editorial/edition.toml."""
    written = build_site(tei_dir, out_dir)
    if cmif:
        written.append(write_cmif(tei_dir, out_dir / "cmif.xml", read_edition(editorial_dir),
                                  read_register(editorial_dir), when=when))
    click.echo(f"{plural(len(written), 'file')} written under {out_dir}/", err=True)


@main.command()
@click.option("--tei", "tei_dir", default="tei", show_default=True, metavar="DIR",
              type=click.Path(exists=True, file_okay=False, path_type=Path), help="the built edition")
@click.option("--out", "out_dir", default="site/export", show_default=True, metavar="DIR",
              type=click.Path(file_okay=False, path_type=Path), help="where the exports go")
def export(tei_dir: Path, out_dir: Path):
    """Write, for every document of the built edition, a TEI Simple Print copy
    (<id>.simple.xml: the reading text, its notes, and the apparatus as lists at the back)
    and the plain text (<id>.txt: paragraphs separated by blank lines, the notes at the end)."""
    written = write_exports(tei_dir, out_dir)
    click.echo(f"{plural(len(written), 'file')} written under {out_dir}/", err=True)


def scratch_folder() -> Path:
    """A new folder for a one-file build, so that it never touches tei/."""
    import tempfile
    return Path(tempfile.mkdtemp(prefix="sfp-build-"))


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def is_warning(problem: str) -> bool:
    """Schematron "please check" rules (role="warning") report, but do not fail, a file."""
    return "[warning " in problem


@main.command()
@click.option("--raw", "raw", default="raw", show_default=True, metavar="PATH",
              type=click.Path(exists=True, path_type=Path), help="a folder of raw files, or one raw file")
@click.option("--editorial", "editorial_dir", default="editorial", show_default=True, metavar="DIR",
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="the editors' decision files (with editors.toml): the only folder review mode writes")
@click.option("--who", default=None, metavar="KEY", help="your key in editors.toml (default: the only editor)")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535),
              help="the port on 127.0.0.1 (0: any free port)")
@click.option("--work", "work_dir", default=None, metavar="DIR", type=click.Path(file_okay=False, path_type=Path),
              help="where the working edition (tei/, site/) is built; default: a temporary folder")
@click.option("--cache", "cache_dir", default=".cache/build", show_default=True, metavar="DIR",
              help="builds of unchanged files, shared with 'build'; '' builds every file again")
def review(raw: Path, editorial_dir: Path, who: str | None, port: int, work_dir: Path | None, cache_dir: str):
    """Review the pipeline's changes and open questions in a browser, and settle them.

    Builds the working edition (never tei/), prints the address of the review page on
    127.0.0.1 and serves it until Ctrl-C. The queue shows the least certain first;
    each action (accept, reject, correct, title, date, link, check) appends one
    decision to editorial/<raw file>.toml, builds that file again and shows the
    rebuilt document with what the build made of the decision.
    """
    run_review(raw, editorial_dir, work_dir, who, port, Path(cache_dir) if cache_dir else None, echo=click.echo)


@main.command()
@click.option("--tei", "tei_dir", default="tei", show_default=True, metavar="DIR",
              type=click.Path(exists=True, file_okay=False, path_type=Path), help="the built edition")
@click.option("--port", default=8766, show_default=True, type=click.IntRange(0, 65535),
              help="the port on 127.0.0.1 (0: any free port)")
def serve(tei_dir: Path, port: int):
    """Serve the built edition read-only as a Distributed Text Services (DTS 1.0) API on
    127.0.0.1, until Ctrl-C: the corpus is the root collection and each document a
    resource (collection endpoint), navigated by its citeStructure (navigation endpoint:
    paragraphs and notes; tree=pages for printed pages), its TEI whole or a passage of it
    in dts:wrapper (document endpoint). The entry point is http://127.0.0.1:PORT/api/dts/.
    """
    run_serve(tei_dir, port, echo=click.echo)
