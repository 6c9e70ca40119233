"""Review mode's rebuild after a decision does again only what the decision changed
(``workspace.Reuse``), and gives the same bytes as a build from scratch.

After each kind of decision (accept, reject of a correction, of a line-end hyphen and of
removed furniture, correct, title, date, link, check), the raw file's build in the
workspace is compared with ``build_file`` run from scratch on the same inputs: every
document's XML and summary, the file's report, its problems and stale decisions; the
working edition's folder with a ``run_build`` from scratch into another; and the queue
with the queue of the records of a build from scratch. The printed book is checked once
(integration): an accept there reuses the repair, the segmentation and all but one
document's encoding, and takes well under 2 s.
"""

from __future__ import annotations

import dataclasses
import datetime
import shutil
import time
from pathlib import Path

import pytest

from conftest import EDITORIAL, RAW, TEST_CACHE, editorial_folder
from pipeline.build import build_file
from pipeline.review.queue import file_queue
from pipeline.review.workspace import Workspace
from pipeline.runner import input_key, read_inputs, run_build
from synthetic_book import EDITORIAL_DOCS, lay_out

TODAY = datetime.date(2026, 11, 23)
PAGE = "000_732260b8a4c4c72c.txt"
BOOK = "001_57a5e7fdb55d5ea9.txt"


@pytest.fixture(scope="module")
def raw_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("review-rebuild-raw")
    text = lay_out(EDITORIAL_DOCS[:2]).text.replace("the situation has changed",
                                                    "the principle of non¬\ninterventi on has changed", 1)
    (folder / "book.txt").write_text(text, encoding="utf-8")
    shutil.copy(RAW / PAGE, folder / PAGE)
    return folder


def from_scratch(workspace: Workspace, raw_name: str):
    """The raw file's build and queue, with none of the workspace's reuse."""
    raw = read_inputs([workspace.raw_path(raw_name)], workspace.editorial_dir)[0]
    queues = []
    order = list(workspace.files).index(raw_name)
    build = build_file(raw, on_processed=lambda processed: queues.append(file_queue(processed, order)))
    return raw, build, queues[0]


def fields(build) -> dict:
    return {name: value for name, value in dataclasses.asdict(build).items() if name != "seconds"}


def assert_as_from_scratch(workspace: Workspace, raw_name: str, tmp_path: Path) -> None:
    raw, scratch, queue = from_scratch(workspace, raw_name)
    mine = workspace.cache.get(input_key(raw))  # what the workspace built, and the runner took
    assert mine is not None and fields(mine) == fields(scratch)
    assert workspace.files[raw_name].items == queue.items
    assert workspace.files[raw_name].documents == queue.documents
    out = tmp_path / f"scratch-{time.perf_counter_ns()}"
    run_build(workspace.raw, out, workspace.editorial_dir)
    for path in out.iterdir():
        assert (workspace.tei_dir / path.name).read_bytes() == path.read_bytes(), path.name


def pick(workspace: Workspace, mark: str = "", kind: str = "", raw: str = "book.txt"):
    return next(i for i in workspace.queue if i.raw == raw and (not mark or i.mark == mark)
                and (not kind or i.kind == kind))


def test_each_kind_of_decision_rebuilds_to_the_bytes_of_a_build_from_scratch(tmp_path, raw_dir):
    # a cache of its own: the decisions are the same in every run, so a shared cache would hold their builds
    workspace = Workspace(raw_dir, editorial_folder(tmp_path), tmp_path / "work", tmp_path / "cache", today=TODAY)
    workspace.open()
    steps = [
        ("book.txt", lambda: pick(workspace, "diplomacj^"), "accept", {}),
        ("book.txt", lambda: pick(workspace, "interventi on"), "reject", {}),
        ("book.txt", lambda: pick(workspace, "woTkers"), "correct", {"value": "working men"}),
        ("book.txt", lambda: pick(workspace, kind="hyphen"), "reject", {}),
        ("book.txt", lambda: workspace.document("book-d2").target, "title", {"value": "Speech to Metalworkers"}),
        ("book.txt", lambda: workspace.document("book-d2").target, "date", {"date": "1921-05-03"}),
        ("book.txt", lambda: pick(workspace, kind="flag"), "check", {}),
        (PAGE, lambda: next(i for i in workspace.queue if i.raw == PAGE and "backward" in i.mark), "reject", {}),
        (PAGE, lambda: next(i for i in workspace.queue if i.raw == PAGE and i.kind != "flag"), "accept", {}),
    ]
    reused = []
    for raw_name, target, action, form in steps:
        done = workspace.decide(target().ident, action, form)
        assert done.status in ("applied", "moved"), (action, done.message)
        reused.append((action, dict(workspace.reuse[raw_name].hits)))
        assert_as_from_scratch(workspace, raw_name, tmp_path)
    accept = reused[0][1]
    assert accept.get("repair") == 1 and accept.get("segment") == 1  # an accept segments nothing again
    assert reused[4][1].get("segment") == 1  # nor does a title decision
    assert all(hits.get("repair") == 1 for _, hits in reused)


def test_a_link_rebuilds_to_the_bytes_of_a_build_from_scratch(tmp_path, raw_dir):
    workspace = Workspace(raw_dir, editorial_folder(tmp_path), tmp_path / "work", TEST_CACHE, today=TODAY)
    workspace.open()
    flag = pick(workspace, kind="flag")
    line = next(text for n, text, _ in lay_out(EDITORIAL_DOCS[:2]).calls if n == 1)
    done = workspace.decide(flag.ident, "link", {"note": "1", "call": " ".join(line.split()[-3:])})
    assert done.status == "applied", done.message
    assert_as_from_scratch(workspace, "book.txt", tmp_path)


@pytest.mark.integration
def test_an_accept_on_the_book_reuses_all_but_its_document(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / BOOK, raw / BOOK)
    workspace = Workspace(raw, editorial_folder(tmp_path, EDITORIAL / "001_57a5e7fdb55d5ea9.toml"),
                          tmp_path / "work", tmp_path / "cache", today=TODAY)
    workspace.open()
    item = next(i for i in workspace.queue if i.kind == "correction")
    started = time.perf_counter()
    done = workspace.decide(item.ident, "accept", {})
    seconds = time.perf_counter() - started
    assert done.status == "applied", done.message
    hits = workspace.reuse[BOOK].hits
    documents = len(workspace.files[BOOK].documents)
    assert hits.get("repair") == 1 and hits.get("segment") == 1
    assert hits.get("encode") == documents - 1 and hits.get("validate") == documents - 1
    print(f"accept on the book: {seconds:.2f} s")  # about 1 s (8 s without reuse): a figure, not a test
    raw_file, scratch, queue = from_scratch(workspace, BOOK)
    assert fields(workspace.cache.get(input_key(raw_file))) == fields(scratch)
    assert workspace.files[BOOK].items == queue.items


def test_prepare_readies_the_reuse_of_files_whose_queue_came_from_the_cache(tmp_path, raw_dir):
    """Review mode opens from the cache without building; ``prepare`` (run in the
    background by the command) builds each file once for its reuse, writing nothing."""
    cache = tmp_path / "cache"
    Workspace(raw_dir, editorial_folder(tmp_path), tmp_path / "first", cache, today=TODAY).open()
    workspace = Workspace(raw_dir, tmp_path / "editorial", tmp_path / "work", cache, today=TODAY)
    workspace.open()
    assert not any(reuse.ready for reuse in workspace.reuse.values())  # all from the cache
    before = sorted(p.name for p in (tmp_path / "work").rglob("*"))
    workspace.prepare()
    assert all(workspace.reuse[name].ready for name in workspace.files)
    assert sorted(p.name for p in (tmp_path / "work").rglob("*")) == before
    done = workspace.decide(pick(workspace, "diplomacj^").ident, "accept", {})
    assert done.status == "applied" and workspace.reuse["book.txt"].hits.get("segment") == 1
    assert_as_from_scratch(workspace, "book.txt", tmp_path)
