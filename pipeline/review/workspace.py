"""The working edition review mode shows, and what one decision does to it.

The raw files and ``editorial/`` are built into a work folder (``tei/`` and ``site/``
inside it; never the edition's own ``tei/``) by the runner, with its cache, so after a
decision only the raw file it touched is built again and only the pages of documents
whose TEI changed are rewritten. The queue of a raw file needs records the build does not
keep (the raw offsets of every change), so the workspace builds that file itself and
takes the queue from the records on the way (``build_file(on_processed=…)``); the build
goes into the runner's cache, where ``run_build`` finds it, and the queue is cached by
the same input key.

Those builds go through ``Reuse`` (``pipeline.review.reuse``): steps for ``build_file``
that remember what they gave the last build, so that a rebuild after a decision does again only what the
decision changed (on the book, an accept in about 1 s rather than 8 s), with the same
bytes as a build from scratch.

``Workspace.decide`` is the whole of an action: the decision's fields (``actions``), one
``[[decision]]`` appended (``writer``), the rebuild, and what the build made of the
decision (applied, moot, or stale with the reason), which the page then shows.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path

from pipeline.build import RawFile, build_file
from pipeline.editorial.anchors import anchoring_text
from pipeline.editorial.decisions import EDITORS_FILE, load_editors
from pipeline.errors import EditorUnknownError, PipelineError, ReviewInputError
from pipeline.ingest import read_source
from pipeline.publish import build_site
from pipeline.review.actions import decision_fields
from pipeline.review.locate import document_root, page_anchor, revision_words
from pipeline.review.reuse import Reuse
from pipeline.review.queue import (JOIN_FLAGS, DocumentInfo, FileQueue, Item, file_queue, filtered, is_confident_hyphen,
                                   item_id, join_items, review_queue)
from pipeline.review.writer import Written, write_decision
from pipeline.runner import (CORPUS_NAME, STANDALONE_NAME, BuildReport, Cache, display_path, input_key, raw_files,
                             read_register_file,
                             read_inputs, run_build)

#: what the build said of a decision, in words for the page
VERDICTS = {"applied": "the rebuilt edition applies it", "moved": "the rebuilt edition applies it (its anchor moved)",
            "moot": "the build finds it moot: the pipeline gives this itself now"}
STALE_ADVICE = "The decision stays in the file and fails 'make' until it is fixed or removed there."


@dataclass(frozen=True)
class Done:
    """What became of one action: the decision written (or why not) and what the build did."""

    item: Item | None    # None: the item asked for is not open
    status: str          # a decision status (applied, moot, conflict, …), or "refused" (nothing written)
    message: str
    written: Written | None = None
    document: str = ""
    anchor: str = ""     # where the rebuilt document page shows the item
    seconds: float = 0.0
    action: str = ""
    form: tuple[tuple[str, str], ...] = ()  # what the editor typed (shown again when refused)

    @property
    def refused(self) -> bool:
        return self.status == "refused"


@dataclass(frozen=True)
class DocumentEntry:
    """A document of the working edition, as the documents list shows it: what it is,
    its raw file, and its open items (those of the default queue, and the confident
    line-end hyphens)."""

    info: DocumentInfo
    raw: str
    target: Item      # what a decision on the document as a whole is made on (``document_item``)
    items: int = 0
    confident: int = 0


def document_item(raw: str, info: DocumentInfo, order: int = 0) -> Item:
    """The document itself as the thing a title, date or link decision is made on (it may
    have no queue item at all): anchored at its heading, with an id from what it is."""
    start, end = info.heading
    return Item(ident=item_id(raw, "document", info.start, info.end, info.ident), raw=raw, kind="document",
                rule="document", document=info.ident, certainty=1.0, start=start, end=end, source="", reading="",
                context=("", ""), reading_context=("", ""), line=info.line, order=order,
                settles=("title", "date", "link"))


def queue_key(raw: RawFile) -> str:
    """The cache key of a raw file's queue: its build's inputs, and that it is a queue."""
    return hashlib.sha256(b"review-queue\x00" + input_key(raw).encode()).hexdigest()


class Workspace:
    """Raw files, their decisions and the working edition built from them."""

    def __init__(self, raw: Path, editorial_dir: Path, work_dir: Path, cache_dir: Path | None = None,
                 who: str | None = None, today: datetime.date | None = None):
        self.raw, self.editorial_dir, self.work_dir = Path(raw), Path(editorial_dir), Path(work_dir)
        self.tei_dir, self.site_dir = self.work_dir / "tei", self.work_dir / "site"
        self.cache = Cache(Path(cache_dir) if cache_dir else self.work_dir / "cache")
        self.editors = read_editors(self.editorial_dir)
        self.who = choose_editor(self.editors, who, self.editorial_dir / EDITORS_FILE)
        self.today = today
        self.files: dict[str, FileQueue] = {}
        self.queue: tuple[Item, ...] = ()
        self.documents: dict[str, DocumentEntry] = {}
        self.reuse: dict[str, Reuse] = {}  # what each raw file's next build can take from its last
        self.stopping = threading.Event()
        self.report = BuildReport()
        self.lock = threading.Lock()

    # --- building -----------------------------------------------------------------------
    def open(self) -> BuildReport:
        """Build the working edition and the queue of every raw file (both from the cache
        where the inputs did not change)."""
        inputs = read_inputs(raw_files(self.raw), self.editorial_dir)
        self.files = {raw.name: self.queue_of(raw, order) for order, raw in enumerate(inputs)}
        self.report = self.build()
        build_site(self.tei_dir, self.site_dir)
        self.refresh()
        return self.report

    def rebuild(self, raw_name: str) -> BuildReport:
        """Build again after a decision on ``raw_name``; rewrite the pages of the documents
        whose TEI changed."""
        order = [p.name for p in raw_files(self.raw)].index(raw_name)
        self.files[raw_name] = self.queue_of(read_inputs([self.raw_path(raw_name)], self.editorial_dir)[0], order)
        self.report = self.build()
        changed = {name[:-4] for name in self.report.written if name.endswith(".xml")} - {
            CORPUS_NAME[:-4], STANDALONE_NAME[:-4]}
        build_site(self.tei_dir, self.site_dir, only=changed)
        self.refresh()
        return self.report

    def prepare(self) -> None:
        """Build each raw file whose queue came from the cache once more, for its ``Reuse``
        only (nothing is written), so that the first decision on it rebuilds as quickly as
        the next (on the book: 8 s, then about 1 s). Run in the background while the
        editor reads the first item; ``stopping`` ends it between files."""
        for raw in read_inputs(raw_files(self.raw), self.editorial_dir):
            reuse = self.reuse.setdefault(raw.name, Reuse())
            if self.stopping.is_set():
                return
            if not reuse.ready:
                with reuse.building() as stages:
                    build_file(raw, stages=stages)

    def build(self) -> BuildReport:
        """The runner's build of every raw file: the files ``queue_of`` built come from the cache."""
        return run_build(self.raw, self.tei_dir, self.editorial_dir, cache_dir=self.cache.folder)

    def queue_of(self, raw: RawFile, order: int) -> FileQueue:
        """The raw file's queue: from the cache, else from the records of a build of the
        file, which goes into the runner's cache (so the file is processed once)."""
        key = queue_key(raw)
        cached = self.cache.get(key)
        if cached is not None:
            return replace(cached, items=tuple(replace(item, order=order) for item in cached.items))
        made: list[FileQueue] = []
        reuse = self.reuse.setdefault(raw.name, Reuse())
        with reuse.building() as stages:
            build = build_file(raw, on_processed=lambda processed: made.append(file_queue(processed, order)),
                               stages=stages)
        self.cache.put(input_key(raw), build)
        queue = made[0] if made else FileQueue(raw.name, error=build.error)
        self.cache.put(key, queue)
        return queue

    def refresh(self) -> None:
        """The queue of the whole edition: each file's items and the flags the join raised."""
        reported = {f.name: f.report.get("flags", ()) for f in self.report.files}
        files = []
        for order, (name, queue) in enumerate(self.files.items()):
            joined = any(entry.get("kind") in JOIN_FLAGS for entry in reported.get(name, ()))
            extra = join_items(reported[name], self.raw_text(name), name, order) if joined else ()
            files.append(replace(queue, items=queue.items + extra))
        self.queue = review_queue(files)
        self.documents = documents_of(files, self.queue)

    def raw_path(self, name: str) -> Path:
        """A raw file by name (``raw`` is a folder, or the one file under review)."""
        return self.raw if self.raw.is_file() else self.raw / name

    def raw_text(self, name: str) -> str:
        return read_source(self.raw_path(name)).text

    # --- looking up -------------------------------------------------------------------
    def item(self, ident: str) -> Item | None:
        """A queue item, or a document as a whole, by its id."""
        found = next((item for item in self.queue if item.ident == ident), None)
        return found or next((d.target for d in self.documents.values() if d.target.ident == ident), None)

    def document(self, ident: str) -> DocumentEntry | None:
        return self.documents.get(ident)

    def counts(self) -> str:
        """The queue in words, as the command prints it."""
        confident = sum(1 for item in self.queue if is_confident_hyphen(item))
        return (f"{len(filtered(self.queue))} item(s) to review in {len(self.documents)} document(s) "
                f"(and {confident} confident line-end hyphen(s), under their own filter)")

    @contextlib.contextmanager
    def finished(self, timeout: float = 60.0):
        """Hold the workspace once the decision being made (if any) is written and built."""
        held = self.lock.acquire(timeout=timeout)
        try:
            yield held
        finally:
            if held:
                self.lock.release()

    def document_anchor(self, item: Item) -> str:
        """Where the item's document page shows it."""
        return page_anchor(document_root(self.tei_dir / f"{item.document}.xml"), item)

    # --- deciding -----------------------------------------------------------------------
    def decide(self, item_ident: str, action: str, form: dict) -> Done:
        """Write the decision ``action`` makes on the item, rebuild, and say what the build
        made of it. One decision at a time."""
        with self.lock:
            started = time.perf_counter()
            item = self.item(item_ident)
            if item is None:
                return Done(None, "refused", "Nothing was written: this item is no longer open (settled, or the "
                                             "pipeline reads otherwise now).")
            try:
                written = self.write(item, action, form)
            except PipelineError as err:
                return Done(item, "refused", f"Nothing was written: {err.one_line()}", action=action,
                            form=tuple((name, str(value)) for name, value in form.items()))
            try:
                self.rebuild(item.raw)
            except PipelineError as err:
                return Done(item, "error", f"Decision “{written.key}” written to {written.origin}, but the working "
                                           f"edition could not be rebuilt: {err.one_line()}", written)
            done = self.verdict(item, action, written)
            return replace(done, seconds=time.perf_counter() - started)

    def write(self, item: Item, action: str, form: dict) -> Written:
        queue = self.files.get(item.raw)
        doc = queue.document(item.document) if queue else None
        if doc is None:
            raise ReviewInputError(item.raw, f"document {item.document} is not in the working edition")
        when = (self.today or datetime.date.today()).isoformat()
        fields = decision_fields(action, item, form, doc, anchoring_text(self.raw_text(item.raw)), self.who, when,
                                 register_keys(self.editorial_dir) if action == "name" else None)
        return write_decision(self.editorial_dir, item.raw, fields, self.editors, item.ident,
                              display_path(self.raw_path(item.raw)))

    def verdict(self, item: Item, action: str, written: Written) -> Done:
        """The build's word on the decision just written: the message the page shows."""
        build = next((f for f in self.report.files if f.name == item.raw), None)
        if build is None or build.error:
            error = build.error if build else "the raw file is gone"
            return Done(item, "error", f"Decision “{written.key}” written to {written.origin}, but the raw file "
                                       f"did not build: {error}", written)
        outcome = next((d for d in build.report.get("decisions", ()) if d["key"] == written.key), None)
        status = outcome["status"] if outcome else "orphan"
        detail = outcome["detail"] if outcome else "the build did not report it"
        document = (outcome or {}).get("document") or item.document
        root = document_root(self.tei_dir / f"{document}.xml")
        words = revision_words(root, document, written.key) if status in ("applied", "moved") else ""
        verdict = VERDICTS.get(status, f"the build could not apply it ({status})")
        where = f"is already in {written.origin} (the same decision, made before; not written twice)" \
            if written.already else f"written to {written.origin}"
        message = f"Decision “{written.key}” ({action}) {where}: {verdict}" \
                  + "".join(f": {part}" for part in (detail, words) if part) + "." \
                  + ("" if status in VERDICTS else " " + STALE_ADVICE)
        return Done(item, status, message, written, document, page_anchor(root, item, written.key))


def register_keys(editorial_dir: Path) -> frozenset[str] | None:
    """The keys of the editors' register, read when a name decision is made (the editors may
    have added an entry since the session began); None when there is no register."""
    register = read_register_file(editorial_dir)
    return frozenset(entry.key for entry in register.entries) if register is not None else None


def documents_of(files, queue: tuple[Item, ...]) -> dict[str, DocumentEntry]:
    """Every document of the raw files' records, in source order, with its open items."""
    counts: dict[tuple[str, str], list[int]] = {}
    for item in queue:
        count = counts.setdefault((item.raw, item.document), [0, 0])
        count[1 if is_confident_hyphen(item) else 0] += 1
    return {info.ident: DocumentEntry(info, file.raw, document_item(file.raw, info, order),
                                      *counts.get((file.raw, info.ident), (0, 0)))
            for order, file in enumerate(files) for info in file.documents}


def read_editors(editorial_dir: Path):
    """The editors of ``editorial/editors.toml`` (review mode cannot decide without one)."""
    path = editorial_dir / EDITORS_FILE
    if not path.is_file():
        raise EditorUnknownError(path, "no editors file: review mode records who made each decision", ())
    return load_editors(path.read_text(encoding="utf-8"), str(path))


def choose_editor(editors, who: str | None, path: Path) -> str:
    """``who``, if it is an editor's key; else the only editor."""
    keys = [e.key for e in editors]
    if who is None and len(keys) == 1:
        return keys[0]
    if who is None:
        raise EditorUnknownError(path, "which editor is deciding?", keys)
    if who not in keys:
        raise EditorUnknownError(path, f"“{who}” is not an editor's key", keys)
    return who
