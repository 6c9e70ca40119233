"""Review mode: the queue, the actions, the server and a review in a real browser.

A small printed book (made by ``synthetic_book``, with OCR confusions, a word broken at
a line end and split by the OCR, and a note whose call the pipeline cannot link) and a
Marxists Internet Archive page from raw/ are reviewed in a temporary folder: each action
must write one decision that the strict loader takes and the next build applies, and
nothing may be written outside the editorial folder. The whole printed book is checked once (integration):
every item of its queue can be decided, and every such decision applies.
"""

from __future__ import annotations

import datetime
import http.client
import shutil
import threading
from pathlib import Path
from urllib.parse import urlencode

import pytest
import regex
from lxml import etree

from conftest import EDITORIAL, NS, RAW, SCREENSHOTS, TEST_CACHE, Watched, editorial_folder
from pipeline.build import process_source
from pipeline.editorial.decisions import Editor, Editorial, format_decision, load_decisions
from pipeline.errors import OutsideEditorialError
from pipeline.ingest import read_source
from pipeline.review.queue import FLAG_CERTAINTY, file_queue, join_items, review_queue
from pipeline.loopback import host_name, is_loopback
from pipeline.review.server import ReviewServer
from pipeline.review.workspace import Workspace
from pipeline.review.writer import decision_file, write_decision
from pipeline.teitext import reading_text
from synthetic_book import EDITORIAL_DOCS, lay_out

TODAY = datetime.date(2026, 11, 23)
PAGE = "000_732260b8a4c4c72c.txt"  # a Marxists Internet Archive page: its navigation is removed
BOOK_DOCS = EDITORIAL_DOCS[:2]


# --- inputs ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def raw_dir(tmp_path_factory) -> Path:
    """book.txt (the small printed book) and the web page, in a raw folder of their own."""
    folder = tmp_path_factory.mktemp("review-raw")
    text = lay_out(BOOK_DOCS).text.replace("the situation has changed",
                                           "the principle of non¬\ninterventi on has changed", 1)
    (folder / "book.txt").write_text(text, encoding="utf-8")
    shutil.copy(RAW / PAGE, folder / PAGE)
    return folder


@pytest.fixture
def workspace(tmp_path, raw_dir) -> Workspace:
    opened = Workspace(raw_dir, editorial_folder(tmp_path), tmp_path / "work", TEST_CACHE, today=TODAY)
    opened.open()
    return opened


def pick(workspace: Workspace, mark: str = "", kind: str = "", raw: str = "book.txt"):
    """The open item of ``raw`` with these characters (or of this kind)."""
    return next(i for i in workspace.queue if i.raw == raw and (not mark or i.mark == mark)
                and (not kind or i.kind == kind))


def decide(workspace: Workspace, item, action: str, **form):
    done = workspace.decide(item.ident, action, form)
    assert done.status == "applied", done.message
    return done


def tei(workspace: Workspace, ident: str):
    return etree.parse(str(workspace.tei_dir / f"{ident}.xml")).getroot()


def body_text(root) -> str:
    return reading_text(root.find("tei:text", NS))


def decisions_of(workspace: Workspace, raw: str = "book.txt"):
    """The decisions of the raw file's editorial file, through the strict loader."""
    path = decision_file(workspace.editorial_dir, raw)
    return load_decisions(path.read_text(encoding="utf-8"), str(path), workspace.editors)


def processed_book(raw_dir: Path, *tables):
    """The book's records with decisions given as dicts (as an editor would write them)."""
    editors = (Editor("sfp", "S. F. P."),)
    text = "".join(format_decision({"who": "sfp", "when": "2026-11-23", **t}) + "\n" for t in tables)
    editorial = Editorial(load_decisions(text, "editorial/book.toml", editors), editors) if tables else Editorial()
    return process_source(read_source(raw_dir / "book.txt"), editorial)


# --- the queue (pure) ------------------------------------------------------------------------
def test_queue_is_least_certain_first_then_in_source_order(raw_dir):
    book = file_queue(processed_book(raw_dir), order=0)
    page = file_queue(process_source(read_source(raw_dir / PAGE)), order=1)
    queue = review_queue([page, book])
    keys = [(i.certainty, i.order, i.start) for i in queue]
    assert keys == sorted(keys)
    assert queue[0].kind == "flag" and queue[0].certainty == FLAG_CERTAINTY
    assert {i.kind for i in queue} == {"flag", "correction", "hyphen", "removal"}
    marks = [i.mark for i in queue if i.kind == "correction"]
    assert marks.index("woTkers") < marks.index("diplomacj^")  # same certainty: source order


def test_item_ids_come_from_what_the_item_is(raw_dir):
    first = file_queue(processed_book(raw_dir)).items
    again = file_queue(processed_book(raw_dir)).items
    assert [i.ident for i in first] == [i.ident for i in again]
    assert len({i.ident for i in first}) == len(first)
    woTkers = next(i for i in first if i.mark == "woTkers")
    settled = file_queue(processed_book(raw_dir, table(raw_dir, woTkers, "accept"))).items
    assert {i.ident for i in first} - {i.ident for i in settled} == {woTkers.ident}


def table(raw_dir: Path, item, action: str) -> dict:
    """The decision review mode makes of ``action`` on ``item`` of the book, as a dict."""
    from pipeline.editorial.anchors import anchoring_text
    from pipeline.review.actions import decision_fields
    queue = file_queue(processed_book(raw_dir))
    fields = decision_fields(action, item, {}, queue.document(item.document),
                             anchoring_text(read_source(raw_dir / "book.txt").text), "sfp", "2026-11-23")
    return {name: value for name, value in fields.items() if name not in ("who", "when")}


def test_settled_changes_and_closed_flags_leave_the_queue(raw_dir):
    items = file_queue(processed_book(raw_dir)).items
    flag = next(i for i in items if i.kind == "flag")
    hyphen = next(i for i in items if i.kind == "hyphen")
    left = {i.ident for i in file_queue(processed_book(raw_dir, table(raw_dir, flag, "check"),
                                                       table(raw_dir, hyphen, "accept"))).items}
    assert flag.ident not in left and hyphen.ident not in left
    inside = {i.ident for i in items if hyphen.start <= i.start and i.end <= hyphen.end}  # the split word too
    assert inside == {hyphen.ident, pick_mark(items, "interventi on").ident}
    assert left == {i.ident for i in items} - {flag.ident} - inside


def pick_mark(items, mark: str):
    return next(i for i in items if i.mark == mark)


def test_an_item_shows_both_readings_in_context_with_its_raw_line(raw_dir):
    items = file_queue(processed_book(raw_dir)).items
    item = next(i for i in items if i.mark == "woTkers")
    text = read_source(raw_dir / "book.txt").text
    assert (item.source, item.reading, item.document) == ("woTkers", "workers", "book-d1")
    assert item.context[0].endswith("Comrade Chicherin, the ") and item.context[1].startswith(" of Britain")
    assert "diplomacy must go" in item.reading_context[1] and "diplomacj^" in item.context[1]
    assert item.line == text.count("\n", 0, text.index("woTkers")) + 1
    hyphen = next(i for i in items if i.kind == "hyphen")
    assert (hyphen.source, hyphen.reading) == ("non¬ interventi on", "non-intervention")  # the split word whole


def test_flags_the_join_raised_become_items():
    text = "The delegation signed the Treaty of Rapallo on April 16, 1922, in the morning."
    entry = {"document": "d1", "kind": "witness-difference", "message": "the witness p reads “Rapal1o”",
             "decision": format_decision({"kind": "correct", "exact": "Rapallo", "prefix": "Treaty of ",
                                          "suffix": " on", "at": 30, "expect": "Rapallo", "value": "Rapal1o"}),
             "settles": ["correct", "check"]}
    other = {"document": "d1", "kind": "ocr-unclear", "decision": ""}
    [item] = join_items([other, entry], text, "raw.txt")
    assert (item.kind, item.rule, item.source, item.reading) == ("flag", "witness-difference", "Rapallo", "Rapallo")
    assert text[item.start:item.end] == "Rapallo" and item.occurrence == 2  # the page's second question


# --- actions: one decision each, taken by the strict loader, applied by the build ---------------
def test_reject_writes_one_decision_that_the_build_applies(workspace):
    done = decide(workspace, pick(workspace, "woTkers"), "reject")
    text = decision_file(workspace.editorial_dir, "book.txt").read_text(encoding="utf-8")
    assert text.startswith("# Editorial decisions for ") and text.count("[[decision]]") == 1
    [decision] = decisions_of(workspace)
    assert (decision.kind, decision.who, decision.when, decision.expect) == ("reject", "sfp", "2026-11-23", "workers")
    assert decision.quote.exact == "woTkers" and decision.key == done.written.key
    root = tei(workspace, "book-d1")
    seg = root.find(".//tei:seg[@type='rejected-ocr-confusion']", NS)
    assert seg is not None and seg.text == "woTkers"
    assert "the woTkers of Britain" in body_text(root)
    assert done.anchor and done.document == "book-d1"
    assert "woTkers" not in [i.mark for i in workspace.queue]
    assert workspace.report.built == []  # the file was built once, by the workspace, for its queue too


def test_accept_names_the_editor(workspace):
    decide(workspace, pick(workspace, "diplomacj^"), "accept")
    corr = tei(workspace, "book-d1").find(".//tei:corr[@change]", NS)
    assert corr.text == "diplomacy" and corr.get("resp").split() == ["#book-d1-pipeline", "#book-d1-editor-sfp"]


def test_correct_gives_the_value(workspace):
    decide(workspace, pick(workspace, "woTkers"), "correct", value="working men", evidence="a test")
    [decision] = decisions_of(workspace)
    assert decision.get("value") == "working men" and decision.get("evidence") == "a test"
    assert "the working men of Britain" in body_text(tei(workspace, "book-d1"))


def test_title_and_date_go_into_the_header(workspace):
    item = pick(workspace, "diplomacj^")
    decide(workspace, item, "title", value="Letter to G. V. Chicherin", evidence="the contents")
    decide(workspace, pick(workspace, "diplomacj^"), "date", date="1921-03-04")
    root = tei(workspace, "book-d1")
    assert root.findtext(".//tei:titleStmt/tei:title", namespaces=NS) == "Letter to G. V. Chicherin"
    assert root.find(".//tei:profileDesc/tei:creation/tei:date", NS).get("when") == "1921-03-04"
    assert [d.kind for d in decisions_of(workspace)] == ["title", "date"]
    assert item.ident in [i.ident for i in workspace.queue]  # the correction itself is still open


def test_link_places_the_call_of_a_note(workspace, raw_dir):
    flag = pick(workspace, kind="flag")
    assert flag.rule == "note-unlinked" and flag.key == "1"
    line = next(text for n, text, _ in lay_out(BOOK_DOCS).calls if n == 1)  # "… without exception. The 1"
    call = " ".join(line.split()[-3:])
    decide(workspace, flag, "link", note="1", call=call)
    ref = tei(workspace, "book-d1").find(".//tei:ref[@type='noteAnchor'][@n='1']", NS)
    assert ref is not None and ref.text == "1"
    assert flag.ident not in [i.ident for i in workspace.queue]


def test_check_closes_a_question(workspace):
    flag = pick(workspace, kind="flag")
    decide(workspace, flag, "check")
    [decision] = decisions_of(workspace)
    assert decision.kind == "check" and decision.get("flag") == "note-unlinked"
    assert flag.ident not in [i.ident for i in workspace.queue]


def test_a_word_decided_in_parts_keeps_each_decision(workspace):
    split = pick(workspace, "interventi on")
    decide(workspace, split, "accept")
    hyphen = pick(workspace, kind="hyphen")  # its quote holds the word the split was in
    assert (hyphen.source, hyphen.reading) == ("non¬ interventi on", "non-intervention")
    decide(workspace, hyphen, "reject")
    build = next(f for f in workspace.report.files if f.name == "book.txt")
    assert [d["status"] for d in build.report["decisions"]] == ["applied", "applied"]
    assert "principle of nonintervention has" in body_text(tei(workspace, hyphen.document))  # the kept hyphen rejected


def test_rejecting_a_removal_puts_the_text_back(workspace):
    item = next(i for i in workspace.queue if i.raw == PAGE and i.rule == "site-navigation" and "backward" in i.mark)
    assert "backward" not in body_text(tei(workspace, item.document))
    decide(workspace, item, "reject")
    root = tei(workspace, item.document)
    assert "backward" in body_text(root)
    assert root.find(".//tei:seg[@type='rejected-site-navigation']", NS) is not None


def test_a_decision_the_build_finds_moot_is_said_so(workspace):
    item = pick(workspace, "woTkers")
    title = workspace.files["book.txt"].document(item.document).title
    done = workspace.decide(item.ident, "title", {"value": title})
    assert done.status == "moot" and "moot" in done.message and done.written is not None
    assert [d.kind for d in decisions_of(workspace)] == ["title"]  # written all the same: the editor decided


def test_only_the_pages_of_changed_documents_are_written_again(workspace):
    pages = {path.name: path.stat().st_mtime_ns for path in (workspace.site_dir / "doc").glob("*.html")}
    item = pick(workspace, "woTkers")
    decide(workspace, item, "reject")
    again = {path.name: path.stat().st_mtime_ns for path in (workspace.site_dir / "doc").glob("*.html")}
    assert again.keys() == pages.keys()
    assert [name for name in pages if again[name] != pages[name]] == [f"{item.document}.html"]
    page = (workspace.site_dir / "doc" / f"{item.document}.html").read_text(encoding="utf-8")
    assert "rejected" in page and (workspace.site_dir / "index.html").exists()


@pytest.mark.parametrize("mark, action, form, says", [
    ("woTkers", "date", {"date": "March 1921"}, "not an ISO date"),
    ("woTkers", "date", {"not_before": "1921-05-01", "not_after": "1921-03-01"}, "later than"),
    ("woTkers", "correct", {"value": "  "}, "needs the reading"),
    ("woTkers", "correct", {"value": "workers"}, "already reads"),
    ("woTkers", "title", {"value": ""}, "needs the title"),
    ("woTkers", "link", {"note": "1", "call": "words nowhere in the book"}, "not in the document"),
    ("woTkers", "check", {}, "only an open question"),
    ("woTkers", "delete", {}, "not an action"),
    ("", "accept", {}, "a question, not a change"),
])
def test_a_bad_value_writes_nothing(workspace, mark, action, form, says):
    item = pick(workspace, mark) if mark else pick(workspace, kind="flag")
    done = workspace.decide(item.ident, action, form)
    assert done.refused and says in done.message and "Nothing was written" in done.message
    assert not decision_file(workspace.editorial_dir, "book.txt").exists()


def test_hand_written_decisions_stay_as_they_are(workspace):
    path = decision_file(workspace.editorial_dir, "book.txt")
    hand = "# my notes on the book\n\n[[decision]]\nkind = \"check\"\nwho = \"sfp\"\nwhen = 2026-11-20\n" \
           "exact = \"Comrade Chicherin\"\nflag = \"ocr-unclear\"\ncomment = \"nothing there\""  # no final newline
    path.write_text(hand, encoding="utf-8")
    decide(workspace, pick(workspace, "woTkers"), "reject")
    text = path.read_text(encoding="utf-8")
    assert text.startswith(hand + "\n\n[[decision]]\nkey = \"reject-")
    assert [d.kind for d in decisions_of(workspace)] == ["check", "reject"]


def test_an_unknown_item_writes_nothing(workspace):
    done = workspace.decide("000000000000", "reject", {})
    assert done.refused and done.item is None
    assert not decision_file(workspace.editorial_dir, "book.txt").exists()


# --- never outside editorial/ -------------------------------------------------------------------
@pytest.mark.parametrize("raw_name, stored_as", [
    ("../x.txt", "x.toml"), ("../../etc/passwd", "passwd.toml"), ("/tmp/elsewhere/page.txt", "page.toml"),
    ("sub/dir/book.txt", "book.toml"),
])
def test_a_hostile_raw_name_still_writes_inside_editorial(tmp_path, raw_name, stored_as):
    editorial = editorial_folder(tmp_path)
    assert decision_file(editorial, raw_name) == editorial.resolve() / stored_as


@pytest.mark.parametrize("raw_name", ["", "..", ".hidden.txt", "editors.txt", "../editors.txt"])
def test_names_that_are_no_decision_file_are_refused(tmp_path, raw_name):
    with pytest.raises(OutsideEditorialError):
        decision_file(editorial_folder(tmp_path), raw_name)


def test_a_link_out_of_editorial_is_refused(tmp_path):
    editorial = editorial_folder(tmp_path)
    outside = tmp_path / "outside.toml"
    outside.write_text("# not yours\n", encoding="utf-8")
    (editorial / "book.toml").symlink_to(outside)
    editors = (Editor("sfp", "S. F. P."),)
    with pytest.raises(OutsideEditorialError):
        write_decision(editorial, "book.txt", {"kind": "check", "who": "sfp", "when": "2026-11-23", "exact": "x",
                                               "flag": "ocr-unclear"}, editors, "abcdef123456")
    assert outside.read_text(encoding="utf-8") == "# not yours\n"


def test_a_session_writes_only_into_editorial_and_its_work_folder(tmp_path, raw_dir):
    editorial = editorial_folder(tmp_path)
    before = snapshot(tmp_path) | snapshot(raw_dir)
    workspace = Workspace(raw_dir, editorial, tmp_path / "work", TEST_CACHE, today=TODAY)
    workspace.open()
    decide(workspace, pick(workspace, "woTkers"), "reject")
    decide(workspace, pick(workspace, "README", raw=PAGE), "reject")
    changed = {path for path, digest in (snapshot(tmp_path) | snapshot(raw_dir)).items() if before.get(path) != digest}
    outside = [p for p in changed
               if not (p.is_relative_to(tmp_path / "editorial") or p.is_relative_to(tmp_path / "work"))]
    assert outside == [] and {p.name for p in changed if p.parent == tmp_path / "editorial"} == {
        "book.toml", "000_732260b8a4c4c72c.toml"}


def snapshot(folder: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()}


# --- the server -------------------------------------------------------------------------------
@pytest.fixture
def server(workspace):
    running = ReviewServer(workspace, port=0)
    thread = threading.Thread(target=running.serve_forever, daemon=True)
    thread.start()
    yield running
    running.shutdown()
    running.server_close()


def request(server, method: str, path: str, host: str = "127.0.0.1", body: dict | None = None, **headers):
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    data = urlencode(body).encode() if body is not None else None
    headers = {"Host": f"{host}:{server.port}", **headers}
    if data is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request(method, path, body=data, headers=headers)
    response = connection.getresponse()
    return response.status, dict(response.getheaders()), response.read()


def test_other_hosts_are_refused(server):
    assert request(server, "GET", "/review", host="evil.example")[0] == 403
    assert request(server, "GET", "/site/index.html", host="127.0.0.1.evil.example")[0] == 403
    status, headers, page = request(server, "GET", "/review", host="localhost")
    assert status == 200 and b"Review queue" in page
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    item = pick(server.workspace, "woTkers")
    form = {"token": server.token, "item": item.ident, "action": "reject"}
    assert request(server, "POST", "/action", host="evil.example", body=form)[0] == 403
    assert not decision_file(server.workspace.editorial_dir, "book.txt").exists()


def test_a_post_needs_the_token_and_this_origin(server):
    item = pick(server.workspace, "woTkers")
    form = {"item": item.ident, "action": "reject"}
    assert request(server, "POST", "/action", body=form)[0] == 403
    assert request(server, "POST", "/action", body={**form, "token": "guessed"})[0] == 403
    assert request(server, "POST", "/action", body={**form, "token": server.token},
                   Origin="http://evil.example")[0] == 403
    assert not decision_file(server.workspace.editorial_dir, "book.txt").exists()
    status, headers, _ = request(server, "POST", "/action", body={**form, "token": server.token},
                                 Origin=f"http://127.0.0.1:{server.port}")
    assert status == 303 and headers["Location"].startswith("/review?")
    assert [d.kind for d in decisions_of(server.workspace)] == ["reject"]
    status, _, page = request(server, "GET", headers["Location"])
    assert status == 200 and "the rebuilt edition applies it".encode() in page


def test_a_refused_value_is_said_in_the_page_and_shown_again(server):
    item = pick(server.workspace, "woTkers")
    form = {"token": server.token, "item": item.ident, "action": "date", "date": "March 1921"}
    status, headers, _ = request(server, "POST", "/action", body=form)
    assert status == 303 and f"item={item.ident}" in headers["Location"]
    page = etree.HTML(request(server, "GET", headers["Location"])[2])
    message = page.find(".//*[@id='message']")
    assert message.get("data-status") == "refused" and "not an ISO date" in "".join(message.itertext())
    assert page.find(".//form[@id='form-date']//input[@name='date']").get("value") == "March 1921"
    assert page.find(".//details[@class='document-actions']").get("open") is not None
    assert not decision_file(server.workspace.editorial_dir, "book.txt").exists()


def test_a_value_xml_cannot_hold_is_refused_and_the_page_shows_it(server):
    """A title with a control character (or U+FFFF) is not written, and the page that
    shows the refused form again does not fail on it."""
    item = pick(server.workspace, "woTkers")
    form = {"token": server.token, "item": item.ident, "action": "title", "value": "Note\x01 to\uffff Krasin"}
    status, headers, _ = request(server, "POST", "/action", body=form)
    assert status == 303
    status, _, body = request(server, "GET", headers["Location"])
    assert status == 200
    page = etree.HTML(body)
    message = "".join(page.find(".//*[@id='message']").itertext())
    assert 'the field "value" holds U+0001, which XML cannot hold' in message
    assert page.find(".//form[@id='form-title']//input[@name='value']").get("value") == "Note\u2401 to\ufffd Krasin"
    assert not decision_file(server.workspace.editorial_dir, "book.txt").exists()


def test_files_are_served_from_inside_the_site_only(server):
    assert request(server, "GET", "/site/index.html")[0] == 200
    for path in ("/site/../../etc/passwd", "/site/%2e%2e/%2e%2e/etc/passwd", "/site/..%2f..%2fcache", "/elsewhere"):
        assert request(server, "GET", path)[0] == 404


def test_only_loopback_addresses_and_names():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and not is_loopback("10.1.2.3")
    assert not is_loopback("not an address")
    assert host_name("LOCALHOST:8765") == "localhost" and host_name("127.0.0.1") == "127.0.0.1"


def test_the_command_says_who_is_unknown(tmp_path, raw_dir):
    from click.testing import CliRunner
    from pipeline.cli import main
    result = CliRunner().invoke(main, ["review", "--raw", str(raw_dir), "--editorial", str(editorial_folder(tmp_path)),
                                       "--who", "nobody", "--port", "0"])
    assert result.exit_code == 1 and "“nobody” is not an editor's key" in result.output and "--who" in result.output


def test_the_command_serves_until_interrupted(tmp_path, raw_dir):
    """``python -m pipeline review`` builds, prints the address, serves, and stops on Ctrl-C."""
    import signal
    import subprocess
    import sys
    from conftest import ROOT
    command = [sys.executable, "-m", "pipeline", "review", "--raw", str(raw_dir), "--editorial",
               str(editorial_folder(tmp_path)), "--port", "0", "--work", str(tmp_path / "work"),
               "--cache", str(TEST_CACHE)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = [process.stdout.readline() for _ in range(3)]
        address = regex.search(r"open (http://127\.0\.0\.1:(\d+)/review)", lines[2])
        assert address, lines
        connection = http.client.HTTPConnection("127.0.0.1", int(address.group(2)), timeout=30)
        connection.request("GET", "/review")
        assert connection.getresponse().status == 200
    finally:
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=30)
    assert process.returncode == 0 and "stopped" in output
    assert (tmp_path / "work" / "site" / "index.html").exists()


# --- in a browser -------------------------------------------------------------------------------
@pytest.mark.browser
def test_reject_in_the_browser_shows_the_source_reading(browser, server):
    """The first correction of the queue, rejected by its key: the decision is in the
    file, and the rebuilt document shows the source's reading where the change was."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    first, following = [i for i in server.workspace.queue if i.kind == "correction"][:2]
    watched = Watched(browser, f"http://127.0.0.1:{server.port}/")
    page = watched.open(f"http://127.0.0.1:{server.port}/review?only=correction")
    assert page.locator("#source-reading").inner_text() == first.source
    assert page.locator("#reading-reading").inner_text() == first.reading
    assert page.locator("#position").inner_text().startswith("1 of ")
    page.frame_locator("#document-frame").locator(".change").first.wait_for()
    page.screenshot(path=str(SCREENSHOTS / "review-queue.png"), full_page=True)

    with page.expect_navigation():
        page.keyboard.press("r")
    assert "the rebuilt edition applies it" in page.locator("#message").inner_text()
    [decision] = decisions_of(server.workspace)
    assert (decision.kind, decision.quote.exact, decision.expect) == ("reject", first.source, first.reading)
    anchor = page.locator("#document-frame").get_attribute("src").split("#")[1]
    shown = page.frame_locator("#document-frame").locator(f"[id='{anchor}']")
    assert " ".join(shown.inner_text().split()) == first.source and "rejected" in shown.get_attribute("class")
    assert shown.is_visible()
    assert page.locator("#source-reading").inner_text() == following.source  # on to the next item
    page.screenshot(path=str(SCREENSHOTS / "review-rebuilt.png"), full_page=True)
    position = page.locator("#position").inner_text()
    assert position.startswith("1 of ")  # the rejected item has left the queue
    with page.expect_navigation():
        page.keyboard.press("ArrowRight")
    assert page.locator("#position").inner_text() == "2" + position[1:]
    watched.close()


# --- the whole printed book ---------------------------------------------------------------------
@pytest.mark.integration
@pytest.mark.xdist_group("tei_all")  # one worker compiles tei_all (about 9 s), not each
def test_every_item_of_the_book_can_be_decided_and_applies(tei_all):
    """An accept of every change and a check of every question of the printed book, as
    review mode writes them, all apply in one build: the anchors are unique and every
    ``expect`` is the reading the build compares. As in review mode, an item that an
    earlier decision's quote holds whole is settled by it, and is not decided again. The
    edition they make is valid (edition schema, Schematron, tei_all): an accepted
    correction names the pipeline and the editor in its @resp, and both resolve."""
    from pipeline.editorial.anchors import anchoring_text
    from pipeline.editorial.decisions import read_editorial
    from pipeline.review.actions import decision_fields
    source = read_source(RAW / "001_57a5e7fdb55d5ea9.txt")
    editorial = read_editorial(EDITORIAL, source.name)
    queue = file_queue(process_source(source, editorial))
    anchor_text = anchoring_text(source.text)
    tables, decided = [], []
    for item in queue.items:
        if any(start <= item.start and item.end <= end for start, end in decided if item.kind != "flag"):
            continue
        action = "check" if item.kind == "flag" else "accept"
        fields = decision_fields(action, item, {}, queue.document(item.document), anchor_text, "sfp", "2026-11-23")
        tables.append(format_decision({"key": f"review-{len(tables)}", **fields}))
        decided.append((item.start, item.end))
    mine = load_decisions("\n".join(tables), "editorial/review.toml", editorial.editors)
    processed = process_source(source, Editorial(editorial.decisions + mine, editorial.editors))
    written = {id(decision) for decision in mine}
    failed = [(o.decision.kind, o.decision.quote.exact, o.status, o.detail) for o in processed.outcomes
              if id(o.decision) in written and o.status not in ("applied", "moved")]
    assert failed == []
    assert len(mine) > 2000 and file_queue(processed).items == ()
    from lxml import etree

    from pipeline.build import serialise, validation_problems
    from pipeline.encode import encode_document
    for doc in processed.documents:
        xml = serialise(encode_document(doc, doc.ident))
        assert validation_problems(xml, doc.ident) == [], doc.ident
        assert tei_all.validate(etree.ElementTree(etree.fromstring(xml.encode()))), doc.ident
