"""The reading and proofing site and the CMIF export, made from the committed edition (tei/).

The site is held to the edition's own definition of its text: the reading view, without
the apparatus the site adds, is ``pipeline.teitext.reading_text`` of each document's
``<text>``; the diplomatic view holds every ``sic`` and every removed piece of furniture.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import etree, html

from conftest import NS, ROOT, TEI_DIR
from pipeline.edition import EditionFacts
from pipeline.editorial.register import AUTHORITIES
from pipeline.publish import build_site, write_cmif
from pipeline.publish.edition import load_edition
from pipeline.publish.textview import quoted
from pipeline.publish.views import render_views
from pipeline.teitext import reading_text

CMIF_DIR = ROOT / "tests" / "fixtures" / "cmif"
DOCUMENTS = load_edition(TEI_DIR).document_ids if (TEI_DIR / "manifest.json").exists() else []
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    build_site(TEI_DIR, out)
    return out


def page(site: Path, ident: str):
    return html.parse(str(site / "doc" / f"{ident}.html")).getroot()


def tei_root(ident: str):
    return etree.parse(str(TEI_DIR / f"{ident}.xml")).getroot()


def visible_text(el) -> str:
    """The text of an HTML element without what carries the class ``apparatus``."""
    parts: list[str] = []

    def walk(node):
        if "apparatus" not in (node.get("class") or "").split():
            parts.append(node.text or "")
            for child in node:
                walk(child)
        parts.append(node.tail or "")

    parts.append(el.text or "")
    for child in el:
        walk(child)
    return " ".join("".join(parts).split())


def all_text(el) -> str:
    return "".join(el.itertext())


def collapsed(text: str) -> str:
    return " ".join(text.split())


# --- the site ------------------------------------------------------------------------------
def test_every_document_has_a_page_and_its_tei(site):
    assert DOCUMENTS, "tei/manifest.json lists no documents: build the edition first (make)"
    for ident in DOCUMENTS:
        assert (site / "doc" / f"{ident}.html").is_file()
        assert (site / "tei" / f"{ident}.xml").read_bytes() == (TEI_DIR / f"{ident}.xml").read_bytes()
    assert (site / "index.html").is_file()
    assert {p.name for p in (site / "assets").iterdir()} == {"site.css", "site.js"}


def test_pages_link_only_inside_the_site(site):
    """No URL outside the site (href, src, CSS url()), every relative link resolves to a
    file of the site, and every fragment to an id of its page."""
    pages = {path: html.parse(str(path)).getroot() for path in site.rglob("*.html")}
    ids = {path: set(root.xpath("//@id")) for path, root in pages.items()}
    for path, root in pages.items():
        for el in root.xpath("//*[@href or @src]"):
            url = el.get("href") or el.get("src")
            parts = urlsplit(url)
            if is_authority_link(el):
                continue
            assert not parts.scheme and not parts.netloc, f"{path.name}: {url} leaves the site"
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            assert target.is_file() and site.resolve() in target.parents, f"{path.name}: {url} is not in the site"
            if parts.fragment and target.suffix == ".html":
                assert parts.fragment in ids[target], f"{path.name}: {url} names no element"
    css = (site / "assets" / "site.css").read_text(encoding="utf-8")
    assert "url(" not in css and "@import" not in css


def is_authority_link(el) -> bool:
    """A register page's link to an authority file (GND, VIAF, Wikidata, GeoNames): the one
    kind of link that leaves the site, a link a reader follows, never a request of the page."""
    kind = el.get("data-authority")
    return (el.tag == "a" and el.get("rel") == "external" and kind in AUTHORITIES
            and bool(AUTHORITIES[kind].match(el.get("href", ""))))


def test_the_site_carries_the_exports_of_every_document(site):
    """make site writes each document's TEI Simple Print copy and plain text into export/."""
    assert sorted(p.name for p in (site / "export").iterdir()) == sorted(
        [f"{ident}.simple.xml" for ident in DOCUMENTS] + [f"{ident}.txt" for ident in DOCUMENTS])


@pytest.mark.parametrize("ident", DOCUMENTS)
def test_reading_view_is_the_reading_text(site, ident):
    reading = page(site, ident).get_element_by_id("reading")
    assert visible_text(reading) == reading_text(tei_root(ident).find("tei:text", NS))


@pytest.mark.parametrize("ident", DOCUMENTS)
def test_diplomatic_view_keeps_the_source(site, ident):
    """Every sic (marked, its correction in data-/title), every removal in place, no corr."""
    root, diplomatic = tei_root(ident), page(site, ident).get_element_by_id("diplomatic")
    changes = {el.get("data-change"): el for el in diplomatic.xpath(".//*[@data-change]")}
    # the site numbers the changes in the order of the text: corrections (choice) and the
    # pipeline's proposals an editor rejected (seg type="rejected-…"), which keep the source
    numbered = root.xpath(".//tei:text//tei:choice[tei:corr] | .//tei:text//tei:seg[starts-with(@type, 'rejected-')]",
                          namespaces=NS)  # a choice of reg and orig is a word broken over a line, not a change
    assert len(changes) == len(numbered)
    for k, change in enumerate(numbered, start=1):
        el = changes[f"chg-{k}"]
        if change.tag.endswith("seg"):
            assert el.get("data-rule") == change.get("type")[len("rejected-"):]
            assert collapsed(el.text_content()) == collapsed("".join(change.itertext()))
            continue
        choice = change
        sic, corr = choice.find("tei:sic", NS), choice.find("tei:corr", NS)
        assert collapsed(el.text_content()) == collapsed("".join(sic.itertext()))
        assert el.get("data-corr") == all_text(corr) and el.get("data-sic") == all_text(sic)
        assert el.get("data-corr-type") == corr.get("type") and el.get("data-cert") == corr.get("cert")
        assert el.get("data-resp") in ("pipeline", "editor", "pipeline editor")
        assert quoted(el.get("data-corr")) in el.get("title")
    assert not diplomatic.xpath(".//*[contains(concat(' ', @class, ' '), ' corr ')]")
    for note in root.findall("tei:standOff/tei:spanGrp[@type='removals']/tei:span", NS):
        ident_ = note.get("{http://www.w3.org/XML/1998/namespace}id")
        shown = diplomatic.xpath(".//*[@id=$i]", i=ident_)
        assert len(shown) == 1 and shown[0].text_content() == "".join(note.find("tei:choice/tei:orig", NS).itertext())
        assert shown[0].get("data-rule") == note.get("subtype")


def test_removals_stand_where_they_point(site):
    """A removal placed at the bottom of a page comes before that page's divider, one at
    the top after it; one at an anchor stands where the anchor was."""
    checked = 0
    for ident in DOCUMENTS:
        for note in tei_root(ident).findall("tei:standOff/tei:spanGrp[@type='removals']/tei:span[@target]", NS):
            target, place = note.get("target")[1:], note.get("rend")
            shown = page(site, ident).get_element_by_id(note.get("{http://www.w3.org/XML/1998/namespace}id"))
            if place in ("top", "bottom"):
                neighbour = shown.getnext() if place == "bottom" else shown.getprevious()
                while neighbour is not None and "removal" in neighbour.get("class", ""):
                    neighbour = neighbour.getnext() if place == "bottom" else neighbour.getprevious()
                assert neighbour is not None and neighbour.get("id") == f"dipl-{target}"
            else:  # inline: right after its anchor, or first in the note whose label it was
                before = shown.getprevious()
                while before is not None and "removal" in before.get("class", ""):
                    before = before.getprevious()
                at_anchor = before is not None and before.get("id") == f"dipl-{target}"
                assert at_anchor or shown.getparent().get("id") == f"dipl-{target}"
            checked += 1
    assert checked


def test_the_index_is_headed_by_the_editions_title(site):
    """The title the edition file gives (corpus.xml states it), not its publisher's name."""
    title = etree.parse(str(TEI_DIR / "corpus.xml")).getroot().findtext(".//tei:titleStmt/tei:title", namespaces=NS)
    index = html.parse(str(site / "index.html")).getroot()
    assert title and collapsed(index.xpath("string(//h1)")) == collapsed(title)


def test_index_lists_every_document_with_its_flags(site):
    edition = load_edition(TEI_DIR)
    index = html.parse(str(site / "index.html")).getroot()
    rows = index.xpath("//tr[@data-document]")
    assert [row.get("data-document") for row in rows] == DOCUMENTS
    for row in rows:
        ident = row.get("data-document")
        count = len(edition.flags_of(ident))
        assert row.get("data-flags") == str(count)
        assert collapsed(row.xpath("string(td[@class='flags'])")) == str(count)
        assert row.xpath("td[@class='title']/a/@href") == [f"doc/{ident}.html"]
    groups = index.xpath("//tbody[@data-raw-file]/@data-raw-file")
    assert groups == [group.name for group in edition.groups]


def test_document_pages_list_their_flags(site):
    edition = load_edition(TEI_DIR)
    assert edition.flags, "the build report has no flags to show"
    for ident in DOCUMENTS:
        items = page(site, ident).xpath("//section[@id='flags']//li[@data-flag-kind]")
        flags = edition.flags_of(ident)
        assert len(items) == len(flags)
        for item, flag in zip(items, flags):
            assert flag.message in item.text_content()
            assert item.get("data-line") == str(flag.line) and item.get("id").startswith("flag-")


def test_header_facts(site):
    facts = {ident: page(site, ident) for ident in DOCUMENTS}
    supplied = [i for i in DOCUMENTS if tei_root(i).find(".//tei:titleStmt/tei:title[@type='supplied']", NS) is not None]
    assert supplied and all("supplied by" in facts[i].xpath("string(//dl[contains(@class,'main')])") for i in supplied)
    for ident in DOCUMENTS:
        root = tei_root(ident)
        sha = root.findtext(".//tei:bibl[@type='rawFile']/tei:idno[@type='sha256']", namespaces=NS)
        assert sha in facts[ident].xpath("string(//details[@class='provenance'])")
        scope = root.find(".//tei:bibl[@type='printedBook']/tei:biblScope", NS)
        if scope is not None:
            assert scope.get("from") in facts[ident].xpath("string(//dl[contains(@class,'main')])")
        for name in root.xpath(".//tei:respStmt[contains(@xml:id, '-translator')]/tei:name/text()", namespaces=NS):
            assert name in facts[ident].xpath("string(//dl[contains(@class,'main')])")
        decisions = root.findall(".//tei:revisionDesc//tei:change", NS)
        assert len(facts[ident].xpath("//ul[@class='decisions']/li")) == len(decisions)


def test_notes_without_a_call_say_why(site):
    uncalled = [(i, n) for i in DOCUMENTS for n in tei_root(i).xpath(
        ".//tei:note[@subtype='call-lost' or @subtype='uncalled']", namespaces=NS)]
    assert uncalled
    for ident, note in uncalled:
        shown = page(site, ident).get_element_by_id(note.get("{http://www.w3.org/XML/1998/namespace}id"))
        assert shown.xpath(".//*[contains(@class, 'note-reason')]"), ident


def test_the_same_tei_gives_the_same_bytes(site, tmp_path):
    again = tmp_path / "again"
    build_site(TEI_DIR, again)
    first = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    assert first == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    for name in first:
        assert (site / name).read_bytes() == (again / name).read_bytes(), name


def test_pages_of_removed_documents_go(tmp_path):
    out = tmp_path / "site"
    build_site(TEI_DIR, out)
    (out / "doc" / "d-gone.html").write_text("old", encoding="utf-8")
    written = build_site(TEI_DIR, out)
    assert not (out / "doc" / "d-gone.html").exists() and out / "index.html" in written


def scratch_edition(folder: Path, idents: list[str]) -> Path:
    """A built edition of a few of tei/'s documents (one raw file), to change at will."""
    folder.mkdir()
    for ident in idents:
        (folder / f"{ident}.xml").write_bytes((TEI_DIR / f"{ident}.xml").read_bytes())
    manifest = {"raw": {"scratch.txt": {"documents": idents, "sha256": "0" * 64}}}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def test_witnesses_link_to_each_other(tmp_path):
    """A document with another witness in the edition (sourceDesc/listWit) links to it."""
    first, second = DOCUMENTS[0], DOCUMENTS[-1]
    edition = scratch_edition(tmp_path / "tei", [first, second])
    tree = etree.parse(str(edition / f"{first}.xml"))
    listing = etree.SubElement(tree.find(".//tei:sourceDesc", NS), "{http://www.tei-c.org/ns/1.0}listWit")
    etree.SubElement(listing, "{http://www.tei-c.org/ns/1.0}witness", corresp=f"{second}.xml").text = "the other copy"
    etree.SubElement(listing, "{http://www.tei-c.org/ns/1.0}witness", corresp="d-elsewhere.xml").text = "not here"
    tree.write(str(edition / f"{first}.xml"), encoding="UTF-8")
    build_site(edition, tmp_path / "site")
    items = html.parse(str(tmp_path / "site" / "doc" / f"{first}.html")).xpath("//ul[@class='witnesses']/li")
    assert [item.xpath("string(a/@href)") for item in items] == [f"{second}.html", ""]
    assert [item.text_content() for item in items] == ["the other copy", "not here"]


# --- rendering rules on a small document -----------------------------------------------------
SMALL = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="t"><teiHeader><fileDesc><titleStmt>
<title>T</title><respStmt xml:id="t-pipeline"><resp>r</resp><name>p</name></respStmt>
<respStmt xml:id="t-editor-ed"><resp>r</resp><name>Ed Itor</name></respStmt></titleStmt>
<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
<text><body><pb n="1" xml:id="t-pg1"/><div xml:id="t-text"><head type="supplied"><supplied>Head</supplied></head>
<p>A <choice><sic>woTd</sic><corr resp="#t-pipeline #t-editor-ed" cert="high" type="ocr-confusion">word</corr></choice>
<seg type="rejected-split-word">kept as</seg> print<pc force="weak" type="hyphen">¬</pc><lb break="no"/>ed,
ill<pc force="inter" type="hyphen">¬</pc><lb break="maybe"/>clad <fw type="header">RUNNING HEAD</fw>stray<anchor xml:id="t-x3-at"/> end
<lb/>
<pb n="2" xml:id="t-pg2"/>next page <ref type="noteAnchor" n="1" target="#t-n1" xml:id="t-r1"/>call.</p></div></body>
<back><div type="notes"><note xml:id="t-n1" n="1" type="endnote" target="#t-r1"><label>1</label><p>Note.</p></note>
<note xml:id="t-n2" n="2" type="endnote" subtype="uncalled" target="#t-text"><label>2</label><p>Lost.</p></note></div></back></text>
<standOff><spanGrp type="removals">
<span xml:id="t-x1" type="removal" subtype="running-head" resp="#t-pipeline" target="#t-pg2" rend="top"><choice><reg/><orig>TOP HEAD</orig></choice></span>
<span xml:id="t-x2" type="removal" subtype="page-number" resp="#t-pipeline" target="#t-pg2" rend="bottom"><choice><reg/><orig>1</orig></choice></span>
<span xml:id="t-x3" type="removal" subtype="stray-punctuation" resp="#t-pipeline" target="#t-x3-at" rend="inline"><choice><reg/><orig>*</orig></choice></span>
<span xml:id="t-x4" type="removal" subtype="site-navigation" resp="#t-pipeline" rend="end"><choice><reg/><orig>Index</orig></choice></span>
<span xml:id="t-x5" type="removal" subtype="stray-punctuation" resp="#t-pipeline" target="#t-gone" rend="inline"><choice><reg/><orig>?</orig></choice></span>
</spanGrp></standOff></TEI>"""


@pytest.fixture(scope="module")
def small_views():
    root = etree.fromstring(SMALL)
    reading, diplomatic = render_views(root)
    return root, reading, diplomatic


def test_small_reading_view(small_views):
    root, reading, _ = small_views
    assert visible_text(reading) == reading_text(root.find("tei:text", NS))
    text = visible_text(reading)
    assert "A word kept as printed, ill-clad stray end next page call." in text
    assert "RUNNING HEAD" not in all_text(reading) and "woTd" not in all_text(reading)
    lost = reading.xpath(".//sup[contains(@class, 'call-lost')]")
    assert lost and lost[0].xpath(".//*[contains(@class, 'apparatus')]/text()") == ["[1]"]
    assert reading.xpath(".//span[contains(@class,'pb')][@data-n='2']")


def test_small_diplomatic_view(small_views):
    _, _, diplomatic = small_views
    sic = diplomatic.xpath(".//*[@data-change='chg-1']")[0]
    assert sic.text == "woTd" and "by-editor" in sic.get("class") and sic.get("data-resp") == "pipeline editor"
    assert "Ed Itor" in sic.get("title")
    rejected = diplomatic.xpath(".//*[@data-change='chg-2']")[0]
    assert rejected.text == "kept as" and "rejected" in rejected.get("class")
    assert diplomatic.xpath(".//*[contains(@class, 'furniture')]/text()") == ["RUNNING HEAD"]
    order = [el.get("id") for el in diplomatic.iter() if el.get("id") in ("t-x2", "dipl-t-pg2", "t-x1")]
    assert order == ["t-x2", "dipl-t-pg2", "t-x1"]
    stray = diplomatic.xpath(".//*[@id='t-x3']")[0]
    assert stray.text == "*" and "block" not in stray.get("class")
    assert [el.get("id") for el in diplomatic[-2:]] == ["t-x4", "t-x5"]  # the end, then what has no place
    assert "unplaced" in diplomatic[-1].get("class") and "block" in diplomatic[-1].get("class")
    assert "¬" in all_text(diplomatic) and len(diplomatic.xpath(".//br[@class='lb']")) == 3


# --- CMIF --------------------------------------------------------------------------------------
EXAMPLE_EDITION = EditionFacts("An edition", "Its editors", "https://example.org/sfp/")


@pytest.fixture(scope="module")
def cmif(tmp_path_factory):
    path = write_cmif(TEI_DIR, tmp_path_factory.mktemp("cmif") / "cmif.xml", EXAMPLE_EDITION)
    return etree.parse(str(path))


def test_cmif_is_valid_against_its_relax_ng(cmif):
    grammar = etree.RelaxNG(etree.parse(str(CMIF_DIR / "cmi-customization.rng")))
    assert grammar.validate(cmif), grammar.error_log


def test_cmif_keeps_its_schematron_rules(cmif):
    """cmif.sch has queryBinding="xslt2" (it uses XPath 2.0 ``matches()``), which lxml's
    Schematron (XSLT 1.0) cannot run: its rules are checked here in Python, one by one."""
    root = cmif.getroot()
    bibl_ids = set(root.xpath("//tei:bibl/@xml:id", namespaces=NS))
    for xml_id in bibl_ids:  # W0001 (a warning there): bibl/@xml:id is a UUID
        assert UUID.search(xml_id), xml_id
    for desc in root.iterfind(".//tei:correspDesc", NS):
        assert desc.find("tei:correspAction[@type='sent']", NS) is not None  # E0001
        assert desc.find("tei:correspAction[@type='received']", NS) is not None  # E0002
        if desc.get("source"):  # E0003
            assert desc.get("source").partition("#")[2] in bibl_ids
    for date in root.iter("{http://www.tei-c.org/ns/1.0}date"):  # E0004
        assert any(date.get(a) for a in ("when", "from", "to", "notBefore", "notAfter"))


def test_cmif_lists_the_letters(cmif):
    refs = cmif.getroot().xpath("//tei:correspDesc/@ref", namespaces=NS)
    expected = []
    for ident in DOCUMENTS:
        root = tei_root(ident)
        kind = root.findtext(".//tei:textClass//tei:term", namespaces=NS)
        addressee = root.findtext(".//tei:correspAction[@type='received']/tei:persName", default="", namespaces=NS)
        if kind in ("letter", "telegram") or (addressee and addressee.lower() != "unknown"):
            expected.append(f"https://example.org/sfp/{ident}")
    assert refs == expected and refs
    names = cmif.getroot().xpath("//tei:persName", namespaces=NS)
    assert all(not name.get("ref") for name in names)  # no register given: no authority ids, none invented
    assert "unknown" not in [name.text for name in names]


def test_cmif_is_deterministic(tmp_path):
    first = write_cmif(TEI_DIR, tmp_path / "a.xml", EXAMPLE_EDITION)
    second = write_cmif(TEI_DIR, tmp_path / "b.xml", EXAMPLE_EDITION)
    assert first.read_bytes() == second.read_bytes()
