"""The DTS 1.0 API (``python -m pipeline serve``) over the built seed edition, queried over
HTTP on a free port of 127.0.0.1: its answers carry what the specification's tables require
and only terms of its JSON-LD context; navigation agrees with an independent implementation
(SCDH/dts-transformations) on every document; passages come back as TEI in ``dts:wrapper``
and the printed pages share out the text without losing or doubling a character."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from urllib.parse import quote

import pytest
from lxml import etree

from conftest import NS, ROOT
from handoff_sources import repository

from pipeline.serve.corpus import Corpus
from pipeline.serve.server import DtsServer

DTS_WRAPPER = "{https://w3id.org/api/dts#}wrapper"
BOOK_DOC = "s001-57a5e7fdb55d5ea9-d1"
#: each request is bounded, so a hung server fails the test instead of blocking it
REQUEST_TIMEOUT = 30


@pytest.fixture(scope="module")
def api(built_seeds):
    """``api(path, **query)``: (status, headers, body) of a GET on a running server."""
    tei_dir, _ = built_seeds
    server = DtsServer(Corpus(tei_dir), port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def get(path, headers=None, **query):
        address = f"http://127.0.0.1:{server.port}/api/dts/{path}"
        if query:
            address += "?" + "&".join(f"{k}={quote(str(v), safe=':/')}" for k, v in query.items())
        request = urllib.request.Request(address, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as answer:
                return answer.status, answer.headers, answer.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()
    yield get
    server.shutdown()
    server.server_close()


def answer_json(answer):
    status, headers, body = answer
    assert headers["Content-Type"].startswith("application/ld+json"), headers["Content-Type"]
    return status, json.loads(body)


# --- what the specification requires ------------------------------------------------------------
@pytest.fixture(scope="module")
def specification():
    """The DTS 1.0 text (``versions/v1.0/README.md``) and its JSON-LD context's terms."""
    folder = repository("distributed-text-services/specifications")
    text = (folder / "versions" / "v1.0" / "README.md").read_text(encoding="utf-8")
    context = json.loads((folder / "context" / "v1.0.json").read_text(encoding="utf-8"))["@context"]
    return text, set(context)


def required_keys(text: str, heading: str, kind: str = "") -> set[str]:
    """The properties the first table under ``heading`` marks required ("Y"; "Y (if
    `@type` is `X`)" counts for ``kind`` X only)."""
    section = text[text.index(heading):]
    table = re.search(r"\n(\|.*\|\n)+", section).group(0)
    keys = set()
    for row in table.strip().splitlines()[2:]:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        name, required = cells[0].strip("`"), cells[2]
        condition = re.search(r"if `@type` is `(\w+)`", required)
        if required[:1] in "Yy" and (condition is None or condition.group(1) == kind):
            keys.add(name)
    return keys


def undefined_terms(value, terms: set[str]) -> set[str]:
    """Keys of an answer that are neither JSON-LD keywords nor terms of the DTS context
    (``dublinCore`` and ``extensions`` bring their own vocabulary)."""
    found = set()
    if isinstance(value, list):
        for item in value:
            found |= undefined_terms(item, terms)
    elif isinstance(value, dict):
        for key, item in value.items():
            if not key.startswith("@") and key not in terms:
                found.add(key)
            if key not in ("dublinCore", "extensions"):
                found |= undefined_terms(item, terms)
    return found


def metadata_object_ok(metadata: dict) -> bool:
    """A MetadataObject's values: a literal, a URI, or arrays of strings or of {value, lang}."""
    for value in metadata.values():
        if isinstance(value, list):
            if not all(isinstance(v, str) or (isinstance(v, dict) and "value" in v and set(v) <= {"value", "lang"})
                       for v in value):
                return False
        elif not isinstance(value, (str, int, float)):
            return False
    return True


def test_entry_collection_and_resources_carry_what_the_specification_requires(api, specification, built_seeds):
    text, terms = specification
    status, entry = answer_json(api(""))
    assert status == 200 and entry["@context"] == "https://dtsapi.org/context/v1.0.json"
    assert required_keys(text, "### Scheme for Entry Endpoint Responses") <= set(entry)
    assert entry["@type"] == "EntryPoint" and entry["dtsVersion"] == "1.0"

    status, root = answer_json(api("collection/"))
    assert status == 200 and root["@type"] == "Collection"
    assert required_keys(text, "### Scheme for Collection API Responses", "Collection") <= set(root)
    tei_dir, report = built_seeds
    documents = [document.ident for f in report.files for document in f.documents]
    assert root["totalParents"] == 0 and root["totalChildren"] == len(documents) == len(root["member"])
    assert [m["@id"].rsplit("/", 1)[-1] for m in root["member"]] == documents  # source order
    for member in root["member"]:
        assert member["@type"] == "Resource"
        # dtsVersion belongs to the answer: the specification's examples give members without it
        assert required_keys(text, "### Scheme for Collection API Responses", "Resource") - {"dtsVersion"} \
            <= set(member)
        assert required_keys(text, "#### Resource") <= set(member), member["@id"]
        assert metadata_object_ok(member["dublinCore"]), member["dublinCore"]
        assert member["citationTrees"][0]["citeStructure"] and "identifier" not in member["citationTrees"][0]
    assert not undefined_terms(entry, terms) and not undefined_terms(root, terms)

    first = root["member"][1]
    status, alone = answer_json(api("collection/", id=first["@id"]))
    assert status == 200 and alone["@id"] == first["@id"] and alone["title"] == first["title"]
    status, parents = answer_json(api("collection/", id=first["@id"], nav="parents"))
    assert [m["@id"] for m in parents["member"]] == [root["@id"]] and parents["totalParents"] == 1
    assert answer_json(api("collection/", id="no-such-thing"))[0] == 404


def test_navigation_answers_carry_what_the_specification_requires(api, specification):
    text, terms = specification
    status, answer = answer_json(api("navigation/", resource=BOOK_DOC, ref="3", down=1))
    assert status == 200
    assert required_keys(text, "#### `Navigation` Object") <= set(answer)
    assert required_keys(text, "#### Resource") <= set(answer["resource"])
    for tree in answer["resource"]["citationTrees"]:
        assert required_keys(text, "#### CitationTree") <= set(tree)
        for structure in tree["citeStructure"]:
            assert required_keys(text, "#### CiteStructure") <= set(structure)
    for unit in [answer["ref"], *answer["member"]]:
        assert required_keys(text, "#### CitableUnit") <= set(unit)
    assert answer["@id"].startswith("http://127.0.0.1:") and "ref=3" in answer["@id"]
    assert not undefined_terms(answer, terms)


# --- navigation ---------------------------------------------------------------------------------
def test_every_documents_citation_trees_agree_with_dts_transformations(api, navigate, built_seeds):
    tei_dir, _ = built_seeds
    units = 0
    for path in sorted(tei_dir.glob("s*.xml")):
        for tree in ("", "pages"):
            query = {"resource": path.stem, "down": -1, **({"tree": tree} if tree else {})}
            status, ours = answer_json(api("navigation/", **query))
            assert status == 200, (path.name, ours)
            theirs = navigate(path, tree)
            shape = [(m["identifier"], m["citeType"], m["level"], m["parent"]) for m in ours["member"]]
            assert shape == [(m["identifier"], m["citeType"], m["level"], m["parent"]) for m in theirs], path.name
            units += len(shape)
    assert units > 800


def identifiers(answer) -> list[str]:
    return [unit["identifier"] for unit in answer.get("member", [])]


def test_navigation_follows_the_specifications_table_of_down_ref_start_and_end(api):
    get = lambda **query: answer_json(api("navigation/", resource=BOOK_DOC, **query))  # noqa: E731
    status, everything = get(down=-1)
    paragraphs = [u["identifier"] for u in everything["member"] if u["citeType"] == "paragraph"]
    assert status == 200 and paragraphs[:3] == ["1", "2", "3"]
    assert identifiers(get(down=1)[1]) == identifiers(everything)  # one level: all of it

    status, one = get(ref="3")
    assert status == 200 and one["ref"]["identifier"] == "3" and "member" not in one
    assert identifiers(get(ref="3", down=0)[1]) == identifiers(everything)  # siblings, itself included
    assert identifiers(get(ref="3", down=1)[1]) == ["3"]
    status, ranged = get(start="2", end="4", down=-1)
    assert ranged["start"]["identifier"] == "2" and ranged["end"]["identifier"] == "4"
    assert identifiers(ranged) == ["2", "3", "4"]
    assert "member" not in get(start="2", end="4")[1]
    status, pages = get(tree="pages", down=1)
    assert identifiers(pages) == ["11", "12", "13", "14", "15"]
    assert pages["member"][0]["citeType"] == "page"

    for bad in ({}, {"down": 0}, {"ref": "3", "start": "2", "end": "4"}, {"start": "2", "down": 1},
                {"start": "2", "end": "4", "down": 0}, {"down": "all"}, {"start": "4", "end": "2"}):
        assert get(**bad)[0] == 400, bad
    for missing in ({"ref": "999"}, {"tree": "chapters", "down": 1}, {"start": "1", "end": "999"}):
        assert get(**missing)[0] == 404, missing
    assert answer_json(api("navigation/", down=1))[0] == 400
    assert answer_json(api("navigation/", resource="nothing", down=1))[0] == 404


# --- document -----------------------------------------------------------------------------------
def wrapper_of(body: bytes) -> etree._Element:
    root = etree.fromstring(body)
    assert root.tag == "{http://www.tei-c.org/ns/1.0}TEI"
    wrappers = root.findall(f".//{DTS_WRAPPER}")
    assert len(wrappers) == 1
    return wrappers[0]


def same_content(copied: etree._Element, original: etree._Element) -> bool:
    """The same elements, attributes and text (the namespace declarations in scope aside)."""
    def shape(element):
        return [(e.tag, dict(e.attrib), e.text, e.tail if e is not element else None) for e in element.iter()]
    return shape(copied) == shape(original)


def test_a_passage_is_its_tei_in_a_dts_wrapper(api, built_seeds):
    tei_dir, _ = built_seeds
    status, headers, whole = api("document/", resource=BOOK_DOC)
    assert status == 200 and whole == (tei_dir / f"{BOOK_DOC}.xml").read_bytes()
    assert headers["Content-Type"].startswith("application/tei+xml")
    assert 'rel="collection"' in headers["Link"] and "collection/?id=" in headers["Link"]
    source = etree.parse(str(tei_dir / f"{BOOK_DOC}.xml")).getroot()

    status, headers, body = api("document/", resource=BOOK_DOC, ref="3")
    wrapper = wrapper_of(body)
    paragraph = source.xpath("tei:text/tei:body//tei:p[@n='3']", namespaces=NS)[0]
    assert status == 200 and [p.get("n") for p in wrapper] == ["3"]
    assert same_content(wrapper[0], paragraph)
    assert etree.fromstring(body).find("tei:teiHeader", NS) is not None  # the passage's context

    wrapper = wrapper_of(api("document/", resource=BOOK_DOC, start="2", end="4")[2])
    assert [p.get("n") for p in wrapper] == ["2", "3", "4"]
    note = wrapper_of(api("document/", resource=BOOK_DOC, ref="n2")[2])
    assert [n.get("{http://www.w3.org/XML/1998/namespace}id") for n in note] == [f"{BOOK_DOC}-n2"]

    assert api("document/", resource=BOOK_DOC, ref="999")[0] == 404
    assert api("document/", resource=BOOK_DOC, mediaType="text/html")[0] == 404
    assert api("document/", resource=BOOK_DOC, ref="3", end="4")[0] == 400
    assert api("document/")[0] == 400


def test_printed_pages_share_out_the_text_from_the_first_page_break(api, built_seeds):
    """Every character of the body from the first page break on is in exactly one page,
    in order, even where a page breaks inside a paragraph or a word."""
    tei_dir, _ = built_seeds
    checked = 0
    for path in sorted(tei_dir.glob("s001-*.xml")):
        source = etree.parse(str(path)).getroot()
        body = source.find("tei:text/tei:body", NS)
        breaks = body.xpath(".//tei:pb[@n]", namespaces=NS)
        if not breaks:
            continue
        before = int(breaks[0].xpath("count(preceding::text())")) - int(body.xpath("count(preceding::text())"))
        expected = "".join(body.xpath(".//text()")[before:])
        pages = []
        for pb in breaks:
            status, _, passage = api("document/", resource=path.stem, tree="pages", ref=pb.get("n"))
            assert status == 200, (path.name, pb.get("n"))
            wrapper = wrapper_of(passage)
            assert [b.get("n") for b in wrapper.iter("{http://www.tei-c.org/ns/1.0}pb")] == [pb.get("n")]
            pages.append("".join(wrapper.itertext()))
        assert "".join(pages) == expected, path.name
        checked += len(breaks)
    assert checked > 200


# --- who may ask, and the command -------------------------------------------------------------
def test_a_request_naming_another_host_is_refused(api):
    assert api("collection/", headers={"Host": "evil.example"})[0] == 403
    assert api("collection/", headers={"Host": "localhost"})[0] == 200


def test_the_serve_command_answers_and_stops_cleanly_on_sigterm(built_seeds):
    tei_dir, _ = built_seeds
    process = subprocess.Popen([sys.executable, "-m", "pipeline", "serve", "--tei", str(tei_dir), "--port", "0"],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        line = process.stdout.readline()
        address = re.search(r"http://127\.0\.0\.1:\d+/api/dts/", line)
        assert address, line + process.stdout.read()
        with urllib.request.urlopen(address.group(0) + "collection/", timeout=REQUEST_TIMEOUT) as answer:
            assert json.loads(answer.read())["@type"] == "Collection"
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=REQUEST_TIMEOUT) == 0
        assert "stopped" in process.stdout.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
