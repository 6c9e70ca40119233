"""Map ``build_file`` over the raw files, then the small join: witnesses, the corpus
files, the build report, the manifest.

A file's output depends only on its inputs (its bytes, its decision file, the editors,
the pipeline's code), so a file whose inputs are unchanged is not built again: its
last build is kept in a cache keyed by a hash of those inputs. The map runs in this
process, in a pool of processes (``jobs``), or on a Dask cluster (``engine="dask"``);
the output is the same bytes in every case.

The build owns only what it wrote (``manifest.json``, see ``edition_files``): files of
a raw file that is gone are removed (and named); files the build did not write are
never touched; a hand edit of a file the build owns is overwritten by the next build,
which says so. A source whose build is not clean (an error, a stale decision, invalid
TEI) keeps its last good output, and the build fails naming why. Every file is replaced
atomically, so a build killed at any moment leaves each file old or new.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
import sys
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipeline import __version__
from pipeline.build import FileBuild, RawFile, build_file, serialise, validation_problems
from pipeline.editorial.decisions import EDITORS_FILE, editorial_path
from pipeline.editorial.witnesses import link_witnesses
from pipeline.edition_files import (CORPUS_NAME, MANIFEST_NAME, REPORT_NAME, STANDALONE_NAME, Manifest, clean,
                                    journal_text, kept_build, leftover_temporaries, manifest_text, read_manifest,
                                    read_report, sha, write_atomically, write_manifest)
from pipeline.edition import EDITION_FILE, read_edition
from pipeline.encode.corpus import encode_corpus, standalone_corpus
from pipeline.annotate import REGISTER_XML
from pipeline.annotate.registerfile import encode_register
from pipeline.editorial.register import REGISTER_FILE, Register, load_register
from pipeline.encode.ids import source_key
from pipeline.validate import corpus_problems

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
    recovered: list[str] = field(default_factory=list)    # what the build found of an interrupted one
    corpus_problems: list[str] = field(default_factory=list)  # validation errors of the corpus files

    @property
    def failed(self) -> list[FileBuild]:
        return [f for f in self.files if f.error]

    @property
    def kept(self) -> list[FileBuild]:
        """Sources not rebuilt in this run whose last good output stays in the folder."""
        return [f for f in self.files if f.kept]

    @property
    def stale(self) -> list[str]:
        return [line for f in self.files for line in f.stale]

    @property
    def problems(self) -> list[str]:
        return [line for f in self.files for line in f.problems]

    @property
    def ok(self) -> bool:
        return not (self.failed or self.stale or self.problems or self.corpus_problems)

    def summary_lines(self) -> list[str]:
        docs = sum(len(f.documents) for f in self.files)
        flags = sum(len(f.report.get("flags", ())) for f in self.files)
        lines = [f"built {plural(docs, 'document')} from {len(self.files) - len(self.failed)} of "
                 f"{plural(len(self.files), 'raw file')} ({len(self.built)} rebuilt, "
                 f"{len(self.files) - len(self.built)} unchanged); {plural(flags, 'flag')} open for a human "
                 f"(python -m pipeline flags)"]
        lines += self.recovered
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
        lines += [f"error: {line}" for line in self.problems + self.corpus_problems]
        lines += [f"error: raw/{f.name} was not rebuilt: its last good output ({plural(len(f.documents), 'document')}) "
                  f"stays in place until the errors above are fixed" for f in self.kept if not clean(f)]
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


def refusal_of_link(path: Path) -> str:
    """Why a raw file that is a symbolic link is not read: a link into the edition's own
    folders is followed, one that leads outside it (``/etc/passwd``) would publish a file
    nobody put into the edition, so it is refused. "" for a file that may be read."""
    if not path.is_symlink():
        return ""
    edition = path.parent.resolve().parent
    target = path.resolve()
    if target.is_relative_to(edition):
        return ""
    return (f"{display_path(path)}: a link to {target}, outside the edition ({edition}); "
            "copy the file into raw/ instead of linking to it")


def read_inputs(paths, editorial_dir: Path | None) -> list[RawFile]:
    """Each raw file with its decisions and the editors, as bytes and text. What cannot be
    read (a link out of the edition, a decision file that is not UTF-8) becomes the file's
    refusal: its build fails in one line and the other files are built as usual."""
    editors_path = Path(editorial_dir) / EDITORS_FILE if editorial_dir else None
    editors, editors_problem = read_text_file(editors_path)
    edition_path = Path(editorial_dir) / EDITION_FILE if editorial_dir else None
    edition, edition_problem = read_text_file(edition_path)
    register_path = Path(editorial_dir) / REGISTER_FILE if editorial_dir else None
    register, register_problem = read_text_file(register_path)
    shared_problem = editors_problem or edition_problem or register_problem
    inputs = []
    for path in paths:
        decisions_path = editorial_path(editorial_dir, path.name) if editorial_dir else None
        decisions, decisions_problem = read_text_file(decisions_path)
        refusal = refusal_of_link(path) or shared_problem or decisions_problem
        try:
            data = b"" if refusal else path.read_bytes()
        except OSError:
            data = b""  # build_file reports the file as empty/unreadable in one line
        inputs.append(RawFile(name=path.name, data=data, decisions=decisions,
                              decisions_path=display_path(decisions_path) if decisions else "",
                              editors=editors, editors_path=display_path(editors_path) if editors else "",
                              edition=edition, edition_path=display_path(edition_path) if edition else "",
                              register=register, register_path=display_path(register_path) if register else "",
                              path=display_path(path), refusal=refusal))
    return inputs


def read_text_file(path: Path | None) -> tuple[str | None, str]:
    """A decision or editors file's text (None when there is none), and why it cannot be
    read ("" when it can)."""
    if path is None or not path.exists():
        return None, ""
    try:
        return path.read_bytes().decode("utf-8"), ""
    except UnicodeDecodeError as err:
        line = path.read_bytes()[:err.start].count(b"\n") + 1
        return None, (f"{display_path(path)}:{line}: the file is not UTF-8 (byte {err.object[err.start]:#04x}); "
                      "save it as UTF-8")
    except OSError as err:
        return None, f"{display_path(path)}: cannot be read ({err.strerror}); check its permissions"


#: ids a raw file's name may not give: the edition's own files in the output folder
RESERVED_IDS = {"corpus": "corpus file", "edition": "self-contained corpus file", "register": "register file",
                "manifest": "manifest", "build-report": "build report"}


def refuse_shared_ids(inputs: list[RawFile], others: list[str] = ()) -> list[RawFile]:
    """Ids come from file names, so two names that give one id (``dup_a.txt``,
    ``Dup-A.txt``) would give their documents the same ids and one would overwrite the
    other. The first name (in name order, or one already in the edition) keeps the id;
    the others are refused with a message saying what to rename."""
    holders = {source_key(name): name for name in sorted(others)}
    checked = []
    for raw in inputs:
        key = source_key(raw.name)
        if key in RESERVED_IDS and not raw.refusal:
            raw = replace(raw, data=b"", refusal=(
                f"{raw.path or raw.name}: its documents would have the id {key}, the name of the edition's "
                f"{RESERVED_IDS[key]} ({key}.xml or .json); rename the raw file"))
            checked.append(raw)
            continue
        holder = holders.setdefault(key, raw.name)
        if holder != raw.name and not raw.refusal:
            raw = replace(raw, data=b"", refusal=(
                f"{raw.path or raw.name}: its documents would have the id {key}, which raw/{holder} already has "
                "(ids come from file names: lower case, other characters read as '-'); rename one of the two"))
        checked.append(raw)
    return checked


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
    for part in (raw.name, raw.data, raw.decisions or "", raw.decisions_path, raw.editors or "", raw.edition or "",
                 raw.register or "", raw.register_path):
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
        return dask_map(build_file, inputs, scheduler, progress, workers=max(2, jobs))
    if jobs <= 1 or len(inputs) == 1:
        results = []
        for raw in inputs:
            results.append(build_file(raw, jobs=jobs))
            report_progress(progress, results[-1])
        return results
    from concurrent.futures import ProcessPoolExecutor, as_completed
    results: dict[int, FileBuild] = {}
    alone = too_big_to_share(inputs, jobs)
    for k in alone:  # a file more than a worker's share: its documents are shared among the jobs
        results[k] = build_file(inputs[k], jobs=jobs)
        report_progress(progress, results[k])
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(build_file, raw): k for k, raw in enumerate(inputs) if k not in alone}
        for future in as_completed(futures):
            results[futures[future]] = future.result()
            report_progress(progress, results[futures[future]])
    return [results[k] for k in range(len(inputs))]


def too_big_to_share(inputs: list[RawFile], jobs: int) -> list[int]:
    """The files (by index) bigger than a worker's share of all the bytes: in a pool of
    files one of them would keep a worker busy long after the others are done (the book
    is 95% of raw/), so each is built by itself with the jobs inside it."""
    share = sum(len(raw.data) for raw in inputs) / jobs
    return [k for k, raw in enumerate(inputs) if len(raw.data) > share]


def report_progress(progress, build: FileBuild) -> None:
    if progress is not None:
        progress(build)


# ------------------------------------------------------------------ the run


def run_build(raw: str | Path, out_dir: str | Path, editorial_dir: str | Path | None = None,
              jobs: int = 1, engine: str = "local", scheduler: str | None = None,
              cache_dir: str | Path | None = None, progress=None) -> BuildReport:
    """Build the edition of every file in ``raw`` (a folder, or one file) into ``out_dir``.

    Files whose inputs are unchanged since the last build are taken from the cache
    (``cache_dir``; None: build everything). A source whose build is not clean keeps its
    last good output. Built from one file, the folder's other sources are kept as they
    are (a one-file build never removes another source's files).
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    one_file = Path(raw).is_file()
    manifest, last_report = read_manifest(out_dir), read_report(out_dir)
    inputs = read_inputs(raw_files(Path(raw)), Path(editorial_dir) if editorial_dir else None)
    others = sorted(set(manifest.raw) - {r.name for r in inputs}) if one_file else []
    inputs = refuse_shared_ids(inputs, others)
    cache = Cache(cache_dir)
    report = BuildReport()
    keys = [input_key(raw) for raw in inputs]
    builds: list[FileBuild | None] = [None if raw.refusal else cache.get(key) for raw, key in zip(inputs, keys)]
    todo = [k for k, build in enumerate(builds) if build is None]
    for k, build in zip(todo, map_builds([inputs[k] for k in todo], jobs, engine, scheduler, progress)):
        builds[k] = build
        cache.put(keys[k], build)
        report.built.append(build.name)
    builds = [b if clean(b) else kept_build(b, out_dir, manifest, last_report) for b in builds]
    builds += [kept_build(FileBuild(name=name), out_dir, manifest, last_report) for name in others]
    report.files = sorted(builds, key=lambda b: b.name)
    texts = {raw.name: raw for raw in inputs}
    owned = join(report, out_dir, manifest, editorial_dir,
                 lambda name: decoded(texts[name]) if name in texts else "", last_report)
    write_manifest(out_dir, manifest_text(report.files, owned))
    return report


def decoded(raw: RawFile) -> str:
    from pipeline.ingest import source_from_bytes
    return source_from_bytes(raw.path or raw.name, raw.data).text


def join(report: BuildReport, out_dir: Path, manifest: Manifest, editorial_dir, raw_text=None,
         last_report: dict | None = None) -> dict[str, str]:
    """Write every document (only where its bytes changed), the witnesses' links, the
    corpus files and the report; remove what the build owned and no longer makes.
    Returns the files the build now owns, with their hashes."""
    documents = link(report, out_dir, manifest, last_report or {}, raw_text)
    files = report.files
    outputs: dict[str, str] = {f"{ident}.xml": xml for ident, xml in documents.items()}
    redirects = id_redirects(files, editorial_dir)
    edition = read_edition(editorial_dir)
    outputs[CORPUS_NAME] = serialise(encode_corpus(files, redirects, edition))
    outputs[STANDALONE_NAME] = standalone_corpus(files, documents, redirects, edition)
    outputs[REPORT_NAME] = report_json(files, redirects, report.witness_lines)
    register = read_register_file(editorial_dir)
    if register is not None:
        outputs[REGISTER_XML] = serialise(encode_register(register, edition))
    write_outputs(report, out_dir, manifest, outputs)
    if register is not None:
        report.corpus_problems += validation_problems(outputs[REGISTER_XML], REGISTER_XML.removesuffix(".xml"))
    report.corpus_problems = corpus_problems(out_dir / CORPUS_NAME, [f"{ident}.xml" for ident in documents], False)
    return {name: sha(data) for name, data in outputs.items()}


def read_register_file(editorial_dir) -> Register | None:
    """The editors' register of persons, places and organisations (None: there is none).
    A broken register fails every file's build, which names its line; here it is read
    once more for the register file."""
    path = Path(editorial_dir) / REGISTER_FILE if editorial_dir else None
    text, _ = read_text_file(path)
    return load_register(text, display_path(path)) if text is not None else None


def link(report: BuildReport, out_dir: Path, manifest: Manifest, last_report: dict, raw_text) -> dict[str, str]:
    """The final XML of every document: the witnesses linked, a kept source's documents
    exactly as they stand. A fresh document the join would make invalid is not written:
    its source keeps its last good output, and the join is made again without it."""
    for _ in range(2):
        documents, report.witness_lines, witness_flags = link_witnesses(report.files, raw_text)
        for build in report.kept:
            documents.update({d.ident: d.xml for d in build.documents})
        spoilt = False
        for k, build in enumerate(report.files):
            if build.kept:
                continue
            build = report.files[k] = with_flags(build, witness_flags.get(build.name, ()))
            problems = [problem for d in build.documents if documents[d.ident] != d.xml
                        for problem in validation_problems(documents[d.ident], d.ident)]
            if problems:
                spoilt_build = replace(build, problems=list(build.problems) + problems)
                report.files[k] = kept_build(spoilt_build, out_dir, manifest, last_report)
                spoilt = True
        if not spoilt:
            break
    shared = shared_ids(report.files)
    if shared:
        raise RuntimeError(f"two sources gave documents of one id ({', '.join(shared)}); please report it")
    return documents


def shared_ids(files) -> list[str]:
    seen, shared = set(), []
    for build in files:
        for doc in build.documents:
            if doc.ident in seen:
                shared.append(doc.ident)
            seen.add(doc.ident)
    return shared


def write_outputs(report: BuildReport, out_dir: Path, manifest: Manifest, outputs: dict[str, str]) -> None:
    """Write what changed and remove what the build owned and no longer makes, with the
    manifest's journal first: a build killed half way leaves each file old or new, and
    the next build knows every file it finds is the build's own."""
    if manifest.pending:
        report.recovered.append(f"finished what an interrupted build had begun ({plural(len(manifest.pending), 'file')})")
    for temporary in leftover_temporaries(out_dir):  # a build killed inside write_atomically
        temporary.unlink()
    changed = {}
    for name, data in sorted(outputs.items()):
        path = out_dir / name
        on_disk = path.read_bytes() if path.is_file() else None
        if on_disk is None or sha(on_disk) != sha(data):
            if on_disk is not None and name in manifest.owned() and not manifest.built_it(name, sha(on_disk)):
                report.overwritten.append(name)
            changed[name] = data
    gone = sorted(name for name in manifest.owned() - set(outputs) - {MANIFEST_NAME} if (out_dir / name).exists())
    if changed or gone:
        journal = {**manifest.pending, **{name: sha(data) for name, data in changed.items()}}
        write_manifest(out_dir, journal_text(manifest, journal))
    for name, data in changed.items():
        write_atomically(out_dir / name, data)
        report.written.append(name)
    for name in gone:
        (out_dir / name).unlink()
        report.removed.append(name)


def with_flags(build: FileBuild, flags) -> FileBuild:
    """A file's build with the flags the join raised for it added to its report."""
    if not flags:
        return build
    return replace(build, report=dict(build.report, flags=list(build.report.get("flags", ())) + list(flags)))


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


def report_json(files, redirects, witness_lines=()) -> str:
    """The build report: deterministic (no times), one entry per raw file, and what the
    witnesses' join found (pairs, the OCR errors it proposes, the variants it records)."""
    data = {"pipeline": __version__, "witnesses": list(witness_lines),
            "files": [dict(name=f.name, error=f.error, problems=f.problems, stale=f.stale, **f.report,
                           **({"kept": "the last good output, not rebuilt in this run"} if f.kept else {}))
                      for f in files],
            "redirects": [list(pair) for pair in redirects]}
    return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def progress_printer(stream=sys.stderr):
    """A progress line per file (file, documents, seconds) when ``stream`` is a terminal."""
    if not stream.isatty():
        return None

    def show(build: FileBuild) -> None:
        state = "failed" if build.error else f"{plural(len(build.documents), 'document')}"
        print(f"  {build.name}: {state}, {build.seconds:.1f} s", file=stream, flush=True)
    return show
