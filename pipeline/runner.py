"""Map ``build_file`` over the raw files, then the small join: witnesses, the corpus
files, the build report, the manifest.

A file's output depends only on its inputs (its bytes, its decision file, the editors,
the pipeline's code), so a file whose inputs are unchanged is not built again: its
last build is kept in a cache keyed by a hash of those inputs. The map runs in this
process, in a pool of processes (``jobs``), or on a Dask cluster (``engine="dask"``);
the output is the same bytes in every case.

The build owns only what it wrote: ``manifest.json`` lists each raw file's outputs
with their hashes. Files of a raw file that is gone are removed (and named); files the
build did not write are never touched; a hand edit of a file the build owns is
overwritten by the next build, which says so.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import __version__
from pipeline.build import FileBuild, RawFile, build_file, serialise, validation_problems
from pipeline.editorial.anchors import anchoring_text
from pipeline.editorial.decisions import EDITORS_FILE, editorial_path
from pipeline.editorial.witnesses import link_witnesses
from pipeline.encode.corpus import encode_corpus, standalone_corpus
from pipeline.repair.lexicon import lexicon_for
from pipeline.repair.ocr import forget_word_models

REPORT_NAME = "build-report.json"
CORPUS_NAME = "corpus.xml"
STANDALONE_NAME = "edition.xml"
MANIFEST_NAME = "manifest.json"
ID_HISTORY = "id-history.tsv"
PACKAGE = Path(__file__).resolve().parent
#: what the build's output depends on besides a file's own inputs
CODE_FILES = ("*.py", "*/*.py")


@dataclass
class BuildReport:
    """What a run did: each file's build, and what the join wrote and removed."""

    files: list[FileBuild] = field(default_factory=list)
    built: list[str] = field(default_factory=list)        # raw files built in this run (not from the cache)
    written: list[str] = field(default_factory=list)      # output files written or rewritten
    removed: list[str] = field(default_factory=list)      # output files of raw files that are gone
    overwritten: list[str] = field(default_factory=list)  # hand-edited files the build owns, restored
    witness_lines: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[FileBuild]:
        return [f for f in self.files if f.error]

    @property
    def stale(self) -> list[str]:
        return [line for f in self.files for line in f.stale]

    @property
    def problems(self) -> list[str]:
        return [line for f in self.files for line in f.problems]

    @property
    def ok(self) -> bool:
        return not (self.failed or self.stale or self.problems)

    def summary_lines(self) -> list[str]:
        docs = sum(len(f.documents) for f in self.files)
        flags = sum(len(f.report.get("flags", ())) for f in self.files)
        lines = [f"built {plural(docs, 'document')} from {len(self.files) - len(self.failed)} of "
                 f"{plural(len(self.files), 'raw file')} ({len(self.built)} rebuilt, "
                 f"{len(self.files) - len(self.built)} unchanged); {plural(flags, 'flag')} open for a human "
                 f"(python -m pipeline flags)"]
        lines += [f"removed {name} (its raw file is gone)" for name in self.removed]
        lines += [f"restored {name}, which was edited by hand (record the change in editorial/ instead)"
                  for name in self.overwritten]
        statuses: dict[str, int] = {}
        for f in self.files:
            for decision in f.report.get("decisions", ()):
                statuses[decision["status"]] = statuses.get(decision["status"], 0) + 1
        if statuses:
            lines.append("editorial decisions: " + ", ".join(f"{n} {s}" for s, n in sorted(statuses.items())))
        lines += self.witness_lines
        lines += [f"error: {f.error}" for f in self.failed]
        lines += [f"error: {line}" for line in self.stale]
        lines += [f"error: {line}" for line in self.problems]
        return lines


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# ------------------------------------------------------------------ inputs and their keys


def raw_files(raw: Path) -> list[Path]:
    """The raw files of a folder, in name order (hidden files are skipped); or one file."""
    raw = Path(raw)
    if raw.is_file():
        return [raw]
    return sorted(p for p in raw.iterdir() if p.is_file() and not p.name.startswith("."))


def read_inputs(paths, editorial_dir: Path | None) -> list[RawFile]:
    editors_path = Path(editorial_dir) / EDITORS_FILE if editorial_dir else None
    editors = editors_path.read_text(encoding="utf-8") if editors_path and editors_path.exists() else None
    inputs = []
    for path in paths:
        decisions_path = editorial_path(editorial_dir, path.name) if editorial_dir else None
        decisions = decisions_path.read_text(encoding="utf-8") if decisions_path and decisions_path.exists() \
            else None
        try:
            data = path.read_bytes()
        except OSError:
            data = b""  # build_file reports the file as empty/unreadable in one line
        inputs.append(RawFile(name=path.name, data=data, decisions=decisions,
                              decisions_path=display_path(decisions_path) if decisions else "",
                              editors=editors, editors_path=display_path(editors_path) if editors else "",
                              path=display_path(path)))
    return inputs


def display_path(path: Path | None) -> str:
    """A path as messages show it: relative to the working folder when it is inside it."""
    if path is None:
        return ""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the pipeline's code, its schemas and the versions of the libraries whose
    behaviour the edition depends on: any change rebuilds every file."""
    from importlib.metadata import PackageNotFoundError, version
    digest = hashlib.sha256(__version__.encode())
    for pattern in CODE_FILES:
        for path in sorted(PACKAGE.glob(pattern)):
            digest.update(path.relative_to(PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    for path in sorted((PACKAGE.parent / "schemas").glob("edition.*")):
        digest.update(path.read_bytes())
    for package in ("wordfreq", "ftfy", "regex", "lxml"):
        try:
            digest.update(f"{package}=={version(package)}".encode())
        except PackageNotFoundError:
            pass
    return digest.hexdigest()


def input_key(raw: RawFile) -> str:
    digest = hashlib.sha256(code_fingerprint().encode())
    # not the path: only the file's name reaches the TEI, so one file builds alike from any folder
    for part in (raw.name, raw.data, raw.decisions or "", raw.decisions_path, raw.editors or ""):
        digest.update(part if isinstance(part, bytes) else part.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()


class Cache:
    """Builds by input key, as pickles in a folder (written atomically, so parallel
    test workers can share it)."""

    def __init__(self, folder: Path | None):
        self.folder = Path(folder) if folder else None

    def get(self, key: str) -> FileBuild | None:
        if self.folder is None:
            return None
        path = self.folder / f"{key}.pickle"
        try:
            with open(path, "rb") as handle:
                return pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            return None

    def put(self, key: str, build: FileBuild) -> None:
        if self.folder is None or build.error:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(build, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, self.folder / f"{key}.pickle")


# ------------------------------------------------------------------ the map


def map_builds(inputs: list[RawFile], jobs: int = 1, engine: str = "local", scheduler: str | None = None,
               progress=None) -> list[FileBuild]:
    """``build_file`` over ``inputs``, in order: here, in ``jobs`` processes, or on Dask."""
    if not inputs:
        return []
    if engine == "dask":
        from pipeline.cluster import dask_map
        return dask_map(build_and_forget, inputs, scheduler, progress, workers=max(2, jobs))
    if jobs <= 1 or len(inputs) == 1:
        results = []
        for raw in inputs:
            results.append(build_file(raw) if len(inputs) == 1 else build_and_forget(raw))
            report_progress(progress, results[-1])
        return results
    from concurrent.futures import ProcessPoolExecutor, as_completed
    results: dict[int, FileBuild] = {}
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(build_and_forget, raw): k for k, raw in enumerate(inputs)}
        for future in as_completed(futures):
            results[futures[future]] = future.result()
            report_progress(progress, results[futures[future]])
    return [results[k] for k in range(len(inputs))]


def build_and_forget(raw: RawFile) -> FileBuild:
    """``build_file``, then drop the caches keyed by that file's text (its lexicon, word
    model and anchoring text): they serve the stages of one file, and a process that builds
    many files in turn (here, in a pool or on a Dask worker) would otherwise hold several
    books' worth of them (5 books in one process: 370 MB, not 215). A build of a single file
    keeps them, for review mode's rebuilds."""
    build = build_file(raw)
    forget_text_caches()
    return build


def forget_text_caches() -> None:
    lexicon_for.cache_clear()
    anchoring_text.cache_clear()
    forget_word_models()


def report_progress(progress, build: FileBuild) -> None:
    if progress is not None:
        progress(build)


# ------------------------------------------------------------------ the run


def run_build(raw: str | Path, out_dir: str | Path, editorial_dir: str | Path | None = None,
              jobs: int = 1, engine: str = "local", scheduler: str | None = None,
              cache_dir: str | Path | None = None, progress=None) -> BuildReport:
    """Build the edition of every file in ``raw`` (a folder, or one file) into ``out_dir``.

    Files whose inputs are unchanged since the last build are taken from the cache
    (``cache_dir``; None: build everything).
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = raw_files(Path(raw))
    inputs = read_inputs(paths, Path(editorial_dir) if editorial_dir else None)
    cache, manifest = Cache(cache_dir), read_manifest(out_dir)
    report = BuildReport()
    keys = [input_key(raw) for raw in inputs]
    builds: list[FileBuild | None] = [cache.get(key) for key in keys]
    todo = [k for k, build in enumerate(builds) if build is None]
    for k, build in zip(todo, map_builds([inputs[k] for k in todo], jobs, engine, scheduler, progress)):
        builds[k] = build
        cache.put(keys[k], build)
        report.built.append(build.name)
    report.files = builds
    texts = {raw.name: raw for raw in inputs}
    owned = join(report, out_dir, manifest, editorial_dir, lambda name: decoded(texts[name]))
    write_manifest(out_dir, keys, builds, owned)
    return report


def decoded(raw: RawFile) -> str:
    from pipeline.ingest import source_from_bytes
    return source_from_bytes(raw.path or raw.name, raw.data).text


def join(report: BuildReport, out_dir: Path, manifest: dict, editorial_dir, raw_text=None) -> dict[str, str]:
    """Write every document (only where its bytes changed), the witnesses' links, the
    corpus files and the report; remove what the build owned and no longer makes.
    Returns the files the build now owns, with their hashes."""
    documents, report.witness_lines, witness_flags = link_witnesses(report.files, raw_text)
    report.files = [with_flags(f, witness_flags.get(f.name, ())) for f in report.files]
    files = report.files
    for build in files:  # what the join changed is validated like what the files' builds wrote
        build.problems = list(build.problems) + [
            problem for d in build.documents if documents[d.ident] != d.xml
            for problem in validation_problems(documents[d.ident], d.ident)]
    outputs: dict[str, str] = {f"{ident}.xml": xml for ident, xml in documents.items()}
    redirects = id_redirects(files, editorial_dir)
    outputs[CORPUS_NAME] = serialise(encode_corpus(files, redirects))
    outputs[STANDALONE_NAME] = standalone_corpus(files, documents, redirects)
    outputs[REPORT_NAME] = report_json(files, redirects)
    owned_before = manifest.get("outputs", {})
    hashes = {}
    for name, data in sorted(outputs.items()):
        digest = sha(data)
        path = out_dir / name
        on_disk = path.read_bytes() if path.exists() else None
        if on_disk is None or hashlib.sha256(on_disk).hexdigest() != digest:
            if on_disk is not None and name in owned_before and hashlib.sha256(on_disk).hexdigest() != owned_before[name]:
                report.overwritten.append(name)
            path.write_text(data, encoding="utf-8")
            report.written.append(name)
        hashes[name] = digest
    for name in sorted(set(owned_before) - set(outputs)):
        if (out_dir / name).exists():
            (out_dir / name).unlink()
            report.removed.append(name)
    return hashes


def with_flags(build: FileBuild, flags) -> FileBuild:
    """A file's build with the flags the join raised for it added to its report."""
    if not flags:
        return build
    from dataclasses import replace
    return replace(build, report=dict(build.report, flags=list(build.report.get("flags", ())) + list(flags)))


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def id_redirects(files, editorial_dir) -> list[tuple[str, str]]:
    """Ids that no longer name a document: from editors' merges, and from
    ``editorial/id-history.tsv`` (ids of earlier id grammars)."""
    redirects = [tuple(pair) for f in files for pair in f.report.get("redirects", ())]
    history = Path(editorial_dir) / ID_HISTORY if editorial_dir else None
    if history is not None and history.exists():
        for line in history.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith(("#", "old_id")):
                old, new = line.split("\t")[:2]
                redirects.append((old.strip(), new.strip()))
    return sorted(set(redirects))


def report_json(files, redirects) -> str:
    """The build report: deterministic (no times), one entry per raw file."""
    data = {"pipeline": __version__,
            "files": [dict(name=f.name, error=f.error, problems=f.problems, stale=f.stale, **f.report)
                      for f in files],
            "redirects": [list(pair) for pair in redirects]}
    return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


# ------------------------------------------------------------------ the manifest


def read_manifest(out_dir: Path) -> dict:
    path = out_dir / MANIFEST_NAME
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_manifest(out_dir: Path, keys, builds, owned: dict[str, str]) -> None:
    """What the build owns: each raw file's documents, and every output's hash."""
    data = {"pipeline": __version__,
            "raw": {b.name: {"sha256": b.sha256, "documents": [d.ident for d in b.documents]} for b in builds},
            "outputs": owned}
    text = json.dumps(data, indent=1, sort_keys=True) + "\n"
    path = out_dir / MANIFEST_NAME
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def progress_printer(stream=sys.stderr):
    """A progress line per file (file, documents, seconds) when ``stream`` is a terminal."""
    if not stream.isatty():
        return None

    def show(build: FileBuild) -> None:
        state = "failed" if build.error else f"{plural(len(build.documents), 'document')}"
        print(f"  {build.name}: {state}, {build.seconds:.1f} s", file=stream, flush=True)
    return show
