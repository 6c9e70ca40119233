"""Shared fixtures: the project's folders, a built edition, the compiled schemas, and
the browser (Debian's Chromium driven by Playwright; never downloaded) with a watcher
of what goes wrong in a page."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"
TEI_DIR = ROOT / "tei"
EDITORIAL = ROOT / "editorial"
WITNESSES = ROOT / "tests" / "fixtures" / "witnesses"
#: builds of unchanged inputs are shared between test sessions (keyed by the code's hash too)
TEST_CACHE = ROOT / ".cache" / "test-build"
WEB_FIXTURES = ROOT / "tests" / "fixtures" / "web"
WEB_LAYOUTS = ROOT / "tests" / "fixtures" / "web_layouts"
NS = {"tei": "http://www.tei-c.org/ns/1.0"}
CHROMIUM = Path("/usr/bin/chromium")
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"]
# what a reader sees, for a person to look at; committed copies are refreshed on purpose
# (SCREENSHOTS=bench/screenshots make test), so a test run leaves the work tree clean
SCREENSHOTS = ROOT / os.environ.get("SCREENSHOTS", ".cache/screenshots")


@contextlib.contextmanager
def one_builder(name: str):
    """One test worker at a time builds ``name``: the first builds into the shared cache,
    the others wait and take its builds from there (each worker building the book at once
    would double the suite's slowest step on two cores)."""
    TEST_CACHE.mkdir(parents=True, exist_ok=True)
    with open(TEST_CACHE / f".{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def built_seeds(tmp_path_factory):
    """The edition built from raw/ into a temporary folder, once per session (the book
    itself once for all workers, through the shared cache)."""
    from pipeline.runner import run_build
    out = tmp_path_factory.mktemp("tei")
    with one_builder("seeds"):
        report = run_build(RAW, out, EDITORIAL, cache_dir=TEST_CACHE)
    return out, report


@pytest.fixture(scope="session")
def built_fixtures(tmp_path_factory):
    """The web-page fixtures built into TEI, once per session."""
    from pipeline.runner import run_build
    out = tmp_path_factory.mktemp("fixtures-tei")
    raw = tmp_path_factory.mktemp("fixtures-raw")
    for path in list(WEB_FIXTURES.glob("*.txt")) + list(WEB_LAYOUTS.glob("*.txt")):
        (raw / path.name).write_bytes(path.read_bytes())
    with one_builder("fixtures"):
        report = run_build(raw, out, cache_dir=TEST_CACHE)
    return out, report


@pytest.fixture(scope="session")
def tei_all():
    """The full TEI P5 grammar, compiled once (about 8 s)."""
    from pipeline.errors import SchemaUnavailableError
    from pipeline.validate import tei_all_grammar
    try:
        return tei_all_grammar()
    except SchemaUnavailableError as error:
        # make test fetches it first; a bare pytest run without it skips, and says why
        unavailable(f"tei_all.rng is not here ({error.one_line()})")


@pytest.fixture(scope="module")
def navigate():
    """``navigate(path, tree)``: the members the DTS navigation endpoint gives for a
    document (``down=-1``: the whole citation tree), as an independent implementation,
    SCDH's dts-transformations, makes them (fetched at a pinned commit)."""
    import json

    from handoff_sources import repository
    saxonche = pytest.importorskip("saxonche")
    folder = repository("SCDH/dts-transformations")
    processor = saxonche.PySaxonProcessor(config_file=str(folder / "saxon-local.xml"))
    navigation = processor.new_xslt30_processor().compile_stylesheet(
        stylesheet_file=str(folder / "xsl" / "navigation.xsl"))
    navigation.set_property("!method", "json")

    def members(path, tree=""):
        navigation.clear_parameters()
        navigation.set_parameter("resource", processor.make_string_value(str(path)))
        navigation.set_parameter("down", processor.make_integer_value(-1))
        if tree:
            navigation.set_parameter("tree", processor.make_string_value(tree))
        return json.loads(navigation.call_template_returning_string(None)).get("member", [])
    yield members
    del processor


def editorial_folder(tmp_path: Path, *files: Path) -> Path:
    """A working ``editorial/`` for a test: the editors (``editors.toml``) and ``files``
    copied from the project's, so what a test writes never touches the real one."""
    folder = tmp_path / "editorial"
    folder.mkdir()
    for path in (EDITORIAL / "editors.toml", *files):
        shutil.copy(path, folder / path.name)
    return folder


def parse(path) -> etree._ElementTree:
    return etree.parse(str(path))


def documents_of(out: Path, raw_name: str) -> list[etree._ElementTree]:
    """The TEI documents built from the raw file ``raw_name``, in source order (from the
    build's manifest)."""
    import json
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    entry = manifest["raw"].get(raw_name, {"documents": []})
    return [parse(out / f"{ident}.xml") for ident in entry["documents"]]


# --- the browser --------------------------------------------------------------------------
def unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so the browser tests must run)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        unavailable(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is not installed in the virtualenv")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        yield chromium
        chromium.close()


class Watched:
    """A page with everything that went wrong while it loaded: console errors, page
    errors, failed requests and requests that left ``root`` (a folder opened from
    ``file://``, or a server's address)."""

    def __init__(self, browser, root: Path | str):
        self.context = browser.new_context(viewport={"width": 1200, "height": 900})
        self.page = self.context.new_page()
        self.root = root if isinstance(root, str) else root.resolve().as_uri()
        self.problems: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url}"))
        self.page.on("request", self.check_request)

    def check_request(self, request) -> None:
        if not (request.url.startswith(self.root) or request.url.startswith(("data:", "about:"))):
            self.problems.append(f"outside the site: {request.url}")

    def open(self, where: Path | str):
        """Open a file (by its path) or an address (a string)."""
        self.page.goto(where if isinstance(where, str) else where.resolve().as_uri())
        self.page.wait_for_load_state("load")
        return self.page

    def close(self) -> None:
        self.context.close()
        assert not self.problems, self.problems
