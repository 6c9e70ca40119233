"""Review mode for a day's work: the queue without the confident line-end hyphens (a
filter shows them), every document reachable from a list (one with no open item too),
title and date decisions anchored on the document itself, the address printed with the
session's token, and a clean exit on SIGTERM.

The raw folder is that of ``test_review`` (the small printed book, with a line-end hyphen
the pipeline is sure of added, and a Marxists Internet Archive page) and a DSFP letter.
"""

from __future__ import annotations

import datetime
import http.client
import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import regex
from lxml import etree

from conftest import NS, RAW, ROOT, TEST_CACHE, editorial_folder
from pipeline.editorial.decisions import load_decisions
from pipeline.review.queue import CONFIDENT, FILTERS, filtered, in_filter
from pipeline.review.server import ReviewServer
from pipeline.review.workspace import Workspace
from pipeline.review.writer import decision_file
from synthetic_book import EDITORIAL_DOCS, lay_out

TODAY = datetime.date(2026, 11, 23)
PAGE = "000_732260b8a4c4c72c.txt"    # a MIA page: its open items are removed site chrome ("README", …)
LETTER = "004_814b4f938c9727ee.txt"  # a DSFP letter with a title line and a date line


@pytest.fixture(scope="module")
def raw_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("review-day-raw")
    text = lay_out(EDITORIAL_DOCS[:2]).text.replace("the situation has changed",
                                                    "the principle of non¬\ninterventi on has changed", 1)
    text = text.replace("imperialist governments", "imperialist govern-\nments", 1)
    (folder / "book.txt").write_text(text, encoding="utf-8")
    for name in (PAGE, LETTER):
        shutil.copy(RAW / name, folder / name)
    return folder


@pytest.fixture
def workspace(tmp_path, raw_dir) -> Workspace:
    opened = Workspace(raw_dir, editorial_folder(tmp_path), tmp_path / "work", TEST_CACHE, today=TODAY)
    opened.open()
    return opened


@pytest.fixture
def server(workspace):
    running = ReviewServer(workspace, port=0)
    thread = threading.Thread(target=running.serve_forever, daemon=True)
    thread.start()
    yield running
    running.shutdown()
    running.server_close()


def get(server, path: str):
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    connection.request("GET", path, headers={"Host": f"127.0.0.1:{server.port}"})
    response = connection.getresponse()
    return response.status, dict(response.getheaders()), response.read()


def post(server, form: dict):
    from urllib.parse import urlencode
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    connection.request("POST", "/action", body=urlencode({"token": server.token, **form}).encode(),
                       headers={"Host": f"127.0.0.1:{server.port}",
                                "Content-Type": "application/x-www-form-urlencoded"})
    response = connection.getresponse()
    return response.status, dict(response.getheaders()), response.read()


def decisions_of(workspace: Workspace, raw: str):
    path = decision_file(workspace.editorial_dir, raw)
    return load_decisions(path.read_text(encoding="utf-8"), str(path), workspace.editors)


def tei(workspace: Workspace, ident: str):
    return etree.parse(str(workspace.tei_dir / f"{ident}.xml")).getroot()


def built_documents(workspace: Workspace) -> list[str]:
    import json
    manifest = json.loads((workspace.tei_dir / "manifest.json").read_text(encoding="utf-8"))
    return [ident for entry in manifest["raw"].values() for ident in entry["documents"]]


# --- 1. the confident line-end hyphens are out of the default queue ------------------------------
def test_confident_hyphens_are_left_out_of_the_queue_to_review(workspace):
    queue = workspace.queue
    confident = [i for i in queue if i.kind == "hyphen" and i.certainty >= CONFIDENT]
    doubtful = [i for i in queue if i.kind == "hyphen" and i.certainty < CONFIDENT]
    assert [i.source for i in confident] == ["govern- ments"] and doubtful  # "non¬ interventi on" is not sure
    assert not any(i in confident for i in filtered(queue))
    assert filtered(queue, "confident-hyphen") == tuple(confident)
    assert filtered(queue, "hyphen") == tuple(doubtful)
    assert filtered(queue, "all") == queue
    assert len(filtered(queue)) + len(confident) == len(queue)
    assert sum(len(filtered(queue, name)) for name in FILTERS if name not in ("", "all")) == len(queue)
    assert "1 confident line-end hyphen(s)" in workspace.counts()


def test_the_filter_shows_the_confident_hyphens(server):
    confident = filtered(server.workspace.queue, "confident-hyphen")[0]
    page = etree.HTML(get(server, "/review")[2])
    pills = {a.get("href"): "".join(a.itertext()) for a in page.iterfind(".//nav[@class='filters']/a")}
    assert pills["/review?only=confident-hyphen"] == "confident hyphens 1"
    assert pills["/review"].startswith("to review ")
    assert page.find(".//article[@id='item']").get("data-item") != confident.ident
    page = etree.HTML(get(server, "/review?only=confident-hyphen")[2])
    assert page.find(".//article[@id='item']").get("data-item") == confident.ident
    # asked for by its id alone, it is shown under a filter that holds it
    page = etree.HTML(get(server, f"/review?item={confident.ident}")[2])
    assert page.find(".//nav[@class='filters']/a[@aria-current='true']").get("href") == "/review?only=all"
    # accepted like any item, it leaves the queue
    status, headers, _ = post(server, {"item": confident.ident, "action": "accept", "only": "confident-hyphen"})
    assert status == 303 and "applied" in server.done[headers["Location"].split("done=")[1]].status
    assert filtered(server.workspace.queue, "confident-hyphen") == ()


# --- 2. every document from a list ---------------------------------------------------------------
def test_every_document_is_listed_with_its_title_date_and_items(server):
    workspace = server.workspace
    status, _, body = get(server, "/documents")
    assert status == 200
    rows = etree.HTML(body).findall(".//table[@id='documents']/tbody/tr")
    assert [row.get("id")[len("row-"):] for row in rows] == built_documents(workspace)
    for row in rows:
        entry = workspace.document(row.get("id")[len("row-"):])
        cells = ["".join(td.itertext()) for td in row.iterfind("td")]
        assert cells[1].startswith(entry.info.title) and cells[2] == (entry.info.date or "—")
        assert cells[5] == str(len([i for i in workspace.queue if i.document == entry.info.ident and in_filter(i)]))
    assert workspace.document("book-d2").items == 0  # a document with nothing open is listed all the same


def test_a_document_without_items_opens_from_the_list(server):
    row = etree.HTML(get(server, "/documents")[2]).find(".//tr[@id='row-book-d2']")
    href = row.find(".//a[@class='doc-link']").get("href")
    assert href == "/review?doc=book-d2"
    status, _, body = get(server, href)
    page = etree.HTML(body)
    assert status == 200 and page.find(".//article[@id='item']").get("data-kind") == "document"
    assert "".join(page.find(".//*[@id='document-title']").itertext()).startswith("SPEECH AT A MEETING")
    assert page.find(".//iframe[@id='document-frame']").get("src") == "/site/doc/book-d2.html"
    assert "No open item" in "".join(page.find(".//*[@class='open-items none']").itertext())
    assert {f.get("id") for f in page.iterfind(".//form")} == {"form-title", "form-date", "form-link", "form-name"}
    assert get(server, "/site/doc/book-d2.html")[0] == 200


def test_a_document_lists_its_own_items(server):
    page = etree.HTML(get(server, f"/review?doc=s000-732260b8a4c4c72c")[2])
    links = [a.get("href") for a in page.iterfind(".//div[@class='open-items']//a")]
    mine = [i for i in server.workspace.queue if i.raw == PAGE]
    assert links == [f"/review?item={i.ident}" for i in mine]


# --- 5. title and date decisions quote the document's heading and date line ----------------------
def test_title_and_date_from_a_document_quote_its_heading_and_date_line(workspace):
    entry = workspace.document("s004-814b4f938c9727ee")
    done = workspace.decide(entry.target.ident, "title", {"value": "Reply from Trotsky to the British Embassy"})
    assert done.status == "applied", done.message
    done = workspace.decide(entry.target.ident, "date", {"date": "1917-11-29", "evidence": "a test"})
    assert done.status == "applied", done.message
    title, date = decisions_of(workspace, LETTER)
    assert title.quote.exact == "REPLY FROM TROTSKY, COMMISSAR FOR FOREIGN AFFAIRS, TO"
    assert date.quote.exact == "30 November 1917"
    root = tei(workspace, entry.info.ident)
    assert root.findtext(".//tei:titleStmt/tei:title", namespaces=NS) == "Reply from Trotsky to the British Embassy"
    assert root.find(".//tei:profileDesc/tei:creation/tei:date", NS).get("when") == "1917-11-29"


def test_title_and_date_from_an_item_elsewhere_quote_the_document_not_the_item(workspace):
    """The open item of the MIA page is removed site chrome ("README"): a date decision
    made while it is open quotes the page's date line, and applies."""
    item = next(i for i in workspace.queue if i.raw == PAGE and i.mark == "README")
    done = workspace.decide(item.ident, "date", {"not_before": "1919-09-26", "not_after": "1919-09-27"})
    assert done.status == "applied", done.message
    done = workspace.decide(item.ident, "title", {"value": "Note to G. V. Chicherin"})
    assert done.status == "applied", done.message
    date, title = decisions_of(workspace, PAGE)
    assert date.quote.exact == "Written in September, not before 26, 1919" and "README" not in date.quote.exact
    assert title.quote.exact == "Note to G. V. Chicherin and Decision of"
    build = next(f for f in workspace.report.files if f.name == PAGE)
    assert [d["status"] for d in build.report["decisions"]] == ["applied", "applied"]
    assert item.ident in [i.ident for i in workspace.queue]  # the chrome itself is still open


def test_a_document_without_a_heading_is_quoted_by_its_first_words(workspace):
    entry = workspace.document("book-d2")
    done = workspace.decide(entry.target.ident, "title", {"value": "Speech at a Meeting of Metalworkers"})
    assert done.status == "applied", done.message
    [title] = decisions_of(workspace, "book.txt")
    assert title.quote.exact == "The imperialist governments tried once more to bring"  # as anchors read it


def test_a_document_as_a_whole_is_no_reading_to_accept(workspace):
    entry = workspace.document("book-d2")
    for action in ("accept", "reject", "correct", "check"):
        done = workspace.decide(entry.target.ident, action, {"value": "x"})
        assert done.refused, action
    assert not decision_file(workspace.editorial_dir, "book.txt").exists()


def test_a_decision_on_a_document_through_the_server_comes_back_to_it(server):
    entry = server.workspace.document("book-d2")
    status, headers, _ = post(server, {"item": entry.target.ident, "action": "date", "date": "1921-05-02"})
    assert status == 303 and headers["Location"].startswith("/review?doc=book-d2&done=")
    page = etree.HTML(get(server, headers["Location"])[2])
    assert page.find(".//*[@id='message']").get("data-status") == "moot"  # the pipeline reads that date itself
    status, headers, _ = post(server, {"item": entry.target.ident, "action": "date", "date": "1921-05-03"})
    page = etree.HTML(get(server, headers["Location"])[2])
    assert page.find(".//*[@id='message']").get("data-status") == "applied"
    assert page.findtext(".//*[@id='document-date']") == "1921-05-03"


# --- 3 and 4. the address with its token; SIGTERM stops cleanly ------------------------------------
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_the_command_prints_its_token_and_cleans_up_on_a_signal(tmp_path, raw_dir, signum):
    """Without --work the working edition is in a temporary folder: it is gone once the
    server stopped on SIGTERM (or Ctrl-C); the printed address, with the token, opens the
    page, and its token is the one the forms carry."""
    temp = tmp_path / "temp"
    temp.mkdir()
    command = [sys.executable, "-m", "pipeline", "review", "--raw", str(raw_dir), "--editorial",
               str(editorial_folder(tmp_path)), "--port", "0", "--cache", str(TEST_CACHE)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, "TMPDIR": str(temp)})
    try:
        lines = [process.stdout.readline() for _ in range(3)]
        found = regex.search(r"open (http://127\.0\.0\.1:(\d+)(/review\?token=([\w-]+)))\s.*the working edition is "
                             r"in (.+)\)$", lines[2])
        assert found, lines
        port, path, token, folder = int(found.group(2)), found.group(3), found.group(4), Path(found.group(5))
        assert folder.parent == temp and (folder / "site" / "index.html").exists()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", path)
        response = connection.getresponse()
        page = etree.HTML(response.read())
        assert response.status == 200 and page.find(".//input[@name='token']").get("value") == token
        connection.request("GET", "/review?token=another-sessions-token")
        assert connection.getresponse().status == 403
        connection.close()
    finally:
        process.send_signal(signum)
        output, _ = process.communicate(timeout=60)
    assert process.returncode == 0, output
    assert "stopped" in output and "Traceback" not in output
    assert not folder.exists() and list(temp.iterdir()) == []
    with pytest.raises(OSError):
        http.client.HTTPConnection("127.0.0.1", port, timeout=5).request("GET", "/review")
