"""Web-page sources (seeds and fixtures in two sets of layouts) give TEI whose metadata
and text are right: every field of every fixture's expected JSON is asserted.

Each fixture under tests/fixtures/web and tests/fixtures/web_layouts has an
``.expected.json`` written by hand (see their READMEs); these tests read the built TEI.
"""

from __future__ import annotations

import json

import pytest

from conftest import NS, WEB_FIXTURES, WEB_LAYOUTS, documents_of
from pipeline.publish.textview import removal_records, removed_text
from pipeline.teitext import reading_text

FIXTURES = sorted(WEB_FIXTURES.glob("*.expected.json")) + sorted(WEB_LAYOUTS.glob("*.expected.json"))
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def squash(text):
    return " ".join((text or "").split())


def only_document(out, name):
    trees = documents_of(out, name)
    assert len(trees) == 1, f"{name} should give one document, got {len(trees)}"
    return trees[0].getroot()


def first(root, xpath):
    found = root.xpath(xpath, namespaces=NS)
    return found[0] if found else None


def text_of(root, xpath):
    found = first(root, xpath)
    if found is None:
        return None
    return squash(found if isinstance(found, str) else reading_text(found))


@pytest.fixture(params=FIXTURES, ids=lambda p: p.parent.name + "/" + p.name.split(".")[0])
def case(request, built_fixtures):
    out, _ = built_fixtures
    expected = json.loads(request.param.read_text(encoding="utf-8"))
    root = only_document(out, request.param.name.replace(".expected.json", ".txt"))
    return expected, root


def test_kind_title_and_author(case):
    expected, root = case
    assert root.findtext(".//tei:bibl[@type='rawFile']/tei:title", namespaces=NS).startswith(
        {"mia": "Marxists Internet Archive", "dsfp": "Documents on Soviet Foreign Policy",
         "unknown": "plain text of an unrecognised kind"}[expected["kind"]])
    assert text_of(root, "//tei:titleStmt/tei:title") == squash(expected["title"])
    author = text_of(root, "//tei:titleStmt/tei:author")
    if expected["author"]:
        assert author and author.lower() == squash(expected["author"]).lower()
    else:
        assert author is None


def test_dates_are_iso(case):
    expected, root = case
    date = first(root, "//tei:profileDesc/tei:creation/tei:date")
    got = {} if date is None else {"when": date.get("when"), "notBefore": date.get("notBefore"),
                                   "notAfter": date.get("notAfter"), "when_julian": date.get("when-custom")}
    assert {k: got.get(k) for k in expected["date"]} == expected["date"]


def test_source_volume_pages_and_references(case):
    expected, root = case
    if expected["kind"] == "mia":  # the fixtures give volume and pages from a MIA page's "Source:" line
        assert text_of(root, "//tei:sourceDesc/tei:bibl[@type='source']/tei:biblScope[@unit='volume']") \
            == expected["source_volume"]
        assert text_of(root, "//tei:sourceDesc/tei:bibl[@type='source']/tei:biblScope[@unit='page']") \
            == expected["source_pages"]
    refs = [squash(n.text) for n in root.xpath("//tei:sourceDesc/tei:bibl[@type='source']/tei:note[@type='asPrinted']",
                                                namespaces=NS)]
    if expected["source_refs"] is not None:
        assert refs == [squash(r) for r in expected["source_refs"]]
        body = squash(reading_text(first(root, "//tei:body")))
        assert not any(squash(r) in body for r in expected["source_refs"]), "source references belong in the header"


def test_responsibilities_and_licence(case):
    expected, root = case
    for role in ("translator", "transcriber"):
        names = [squash(stmt.findtext("{http://www.tei-c.org/ns/1.0}name"))
                 for stmt in root.xpath("//tei:titleStmt/tei:respStmt", namespaces=NS)
                 if stmt.get(XML_ID, "").endswith(f"-{role}")]
        if expected[role]:
            assert names and squash(expected[role]) in names[0]
        else:
            assert names == []
    # the edition's own licence comes first; the licence the source states follows it
    licences = [squash("".join(el.itertext())) for el in root.xpath("//tei:availability/tei:licence", namespaces=NS)]
    assert licences and "CC BY 4.0" in licences[0]
    if expected["licence_contains"]:
        assert any(squash(expected["licence_contains"]) in licence for licence in licences[1:]), licences


def test_notes_keep_number_author_text_and_link(case):
    expected, root = case
    notes = root.xpath("//tei:back//tei:note", namespaces=NS)
    assert [n.get("n") for n in notes] == [n["n"] for n in expected["notes"]]
    for note, want in zip(notes, expected["notes"]):
        assert (note.get("resp") or "").endswith("-editors") == want["resp_editors"], note.get("n")
        assert squash(want["contains"]) in squash(reading_text(note))
        called = root.xpath(f"//tei:ref[@type='noteAnchor'][@target='#{note.get(XML_ID)}']", namespaces=NS)
        assert bool(called) == want["called"], f"note {note.get('n')}"
        if want["called"]:
            assert note.get("target") == "#" + called[0].get(XML_ID)
        else:
            assert note.get("subtype") == "uncalled"


def test_letter_parts(case):
    expected, root = case
    letter = expected["letter"]
    if not letter:
        assert first(root, "//tei:opener/tei:salute") is None and first(root, "//tei:closer") is None, \
            "a document that is no letter gets no letter markup"
        return
    assert text_of(root, "//tei:opener/tei:salute") == (squash(letter["salute"]) if letter["salute"] else None)
    if letter["closer_contains"]:
        assert squash(letter["closer_contains"]) in text_of(root, "//tei:closer")
    if letter["signed"]:
        assert squash(letter["signed"]) in text_of(root, "//tei:closer/tei:signed")
    if letter["postscript_contains"]:
        assert squash(letter["postscript_contains"]) in text_of(root, "//tei:postscript")
    else:
        assert first(root, "//tei:postscript") is None


def test_correspondence(case):
    expected, root = case
    received = text_of(root, "//tei:correspDesc/tei:correspAction[@type='received']/tei:persName")
    if expected["addressee"]:
        assert received and squash(expected["addressee"]).lower() in received.lower()
    sent = text_of(root, "//tei:correspDesc/tei:correspAction[@type='sent']/tei:persName")
    if expected.get("sender"):  # the pages of other sites: the sender from the author line, title or signature
        assert sent and squash(expected["sender"]).lower() == sent.lower()


def test_document_number_leaves_the_title_and_is_kept(case):
    """A volume's number of the document before its title ("467 To: G. V. CHICHERIN") is no
    part of the title: it is on record as removed from the reading, with its rule."""
    expected, root = case
    if not expected.get("number"):
        return
    kept = root.xpath("//tei:standOff//tei:span[@subtype='document-number']", namespaces=NS)
    assert [squash(removed_text(n)) for n in kept] == [expected["number"]]
    assert expected["number"] not in text_of(root, "//tei:text/tei:front")


def test_no_chrome_or_mojibake_left_in_the_text(case):
    """What a wiki or a wrong decoding leaves in a copy ("[edit]", "↑", "â€™") is not read."""
    expected, root = case
    text = reading_text(first(root, "//tei:text"))
    for phrase in expected.get("text_lacks", []):
        assert phrase not in text, phrase


def test_header_and_chrome_stay_out_of_the_text_and_on_record(case):
    """Navigation, chrome and header lines are not in the reading text, and each is kept:
    in the removal record, or (a header field's value) in the teiHeader."""
    expected, root = case
    text = squash(reading_text(first(root, "//tei:text")))
    removed = squash(" ".join(removed_text(n) for n in removal_records(root)))
    header = squash(" ".join(root.find("{http://www.tei-c.org/ns/1.0}teiHeader").itertext()))
    for phrase in expected["removed_contains"]:
        assert squash(phrase) not in text, phrase
        assert squash(phrase) in removed or squash(phrase.split(":", 1)[-1]) in header, phrase
    for phrase in expected["body_contains"]:
        assert squash(phrase) in text


SEEDS = {
    "000_732260b8a4c4c72c.txt": {"title": "Note to G. V. Chicherin and Decision of the Politbureau of the C.C., "
                                          "R.C.P.(B.) on Relations with the Entente Countries",
                                 "notBefore": "1919-09-26", "notAfter": "1919-09-30", "volume": "42",
                                 "page": "144a", "addressee": "G. V. Chicherin", "notes": ["1", "2"]},
    "002_d01f47acb045afad.txt": {"title": "To: L. D. TROTSKY", "when": "1923-03-05", "volume": "45",
                                 "page": "607a", "addressee": "L. D. Trotsky", "notes": ["1", "2", "3"]},
    "003_1f54935782d342ab.txt": {"title": "Letter to L. B. Kamenev for Members of the Politbureau",
                                 "when": "--09-26", "addressee": "L. B. Kamenev", "notes": ["1"]},
    "004_814b4f938c9727ee.txt": {"title": "REPLY FROM TROTSKY, COMMISSAR FOR FOREIGN AFFAIRS, TO THE STATEMENT "
                                          "OF THE BRITISH EMBASSY ON THE SOVIET PEACE PROPOSALS",
                                 "when": "1917-11-30", "page": "183", "notes": []},
}


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_metadata(built_seeds, name):
    out, _ = built_seeds
    want = SEEDS[name]
    root = only_document(out, name)
    assert text_of(root, "//tei:titleStmt/tei:title") == want["title"]
    date = first(root, "//tei:profileDesc/tei:creation/tei:date")
    for key in ("when", "notBefore", "notAfter"):
        if key in want:
            assert date.get(key) == want[key]
    if "volume" in want:
        assert text_of(root, "//tei:bibl[@type='source']/tei:biblScope[@unit='volume']") == want["volume"]
    if "page" in want:
        assert text_of(root, "//tei:bibl[@type='source']/tei:biblScope[@unit='page']") == want["page"]
    if "addressee" in want:
        assert text_of(root, "//tei:correspAction[@type='received']/tei:persName") == want["addressee"]
    assert [n.get("n") for n in root.xpath("//tei:back//tei:note", namespaces=NS)] == want["notes"]


def test_uncalled_note_is_kept(built_seeds):
    """002's note [1] is called nowhere in the text: it stays, attached to the document."""
    out, _ = built_seeds
    root = only_document(out, "002_d01f47acb045afad.txt")
    note = first(root, "//tei:back//tei:note[@n='1']")
    assert note is not None and note.get("subtype") == "uncalled"
    assert note.get("target") == "#" + root.get(XML_ID) + "-text"
    assert "Comrade Kamenev is going to Georgia" in reading_text(note)


def test_multi_paragraph_note_keeps_its_paragraphs(built_seeds):
    out, _ = built_seeds
    root = only_document(out, "002_d01f47acb045afad.txt")
    assert len(root.xpath("//tei:back//tei:note[@n='2']/tei:p", namespaces=NS)) == 5


def test_quoted_block_and_postscript(built_seeds):
    out, _ = built_seeds
    root = only_document(out, "003_1f54935782d342ab.txt")
    assert "Formal unification with the R.S.F.S.R." in text_of(root, "//tei:body//tei:quote")
    assert text_of(root, "//tei:postscript") == "P. S. Send copies to all members of the Political Bureau."
    assert text_of(root, "//tei:closer/tei:signed") == "Lenin"


def flags_of(text: str, name: str = "page.txt") -> set[str]:
    from pipeline.ingest import source_from_bytes
    from pipeline.repair import run_repair
    from pipeline.segment import run_segment
    source = source_from_bytes(name, text.encode("utf-8"))
    return {flag.kind for doc in run_segment(source, run_repair(source)) for flag in doc.flags}


def test_a_page_without_text_is_flagged_never_silent():
    """A copy with a title and a header but no document text: the build says so."""
    page = ("V. I. Lenin\n\nTelegram to A. A. Joffe\n\nWritten: Written on October 18, 1918\n"
            "Source: Lenin Collected Works, Progress Publishers, 1975, Moscow, Volume 44, page 150b.\n"
            "Translated: Clemens Dutt\nTranscription\\Markup: D. Walters\n"
            "Public Domain: Lenin Internet Archive (2004). You may freely copy, distribute, display and perform "
            "this work; as well as make derivative and commercial works.\n")
    assert {"body-missing", "text-share-low"} <= flags_of(page)


def test_a_day_without_year_is_flagged(built_fixtures):
    """"16.III." with no year in header or title: the date stays --03-16, and a flag asks for the year."""
    page = (WEB_FIXTURES / "mia_note_chicherin_trade_agreement.txt").read_text(encoding="utf-8")
    assert "date-year-missing" in flags_of(page)


def test_a_year_in_the_header_completes_the_day_and_raises_no_flag():
    page = (WEB_LAYOUTS / "site_year_in_header_note_litvinov.txt").read_text(encoding="utf-8")
    assert "date-year-missing" not in flags_of(page)


def test_an_unknown_kind_is_flagged():
    page = (WEB_LAYOUTS / "site_table_header_chicherin_reply_curzon.txt").read_text(encoding="utf-8")
    assert "unknown-kind" in flags_of(page)
