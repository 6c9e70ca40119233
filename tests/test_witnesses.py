"""Two witnesses of one document: page copies written from the book's own text are
recognised from their texts (not their names), linked both ways, and their differences
reported; pages of documents the book does not hold are not linked."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import EDITORIAL, NS, RAW, TEST_CACHE, WITNESSES
from pipeline.editorial.witnesses import Entry, find_pairs, fingerprint
from pipeline.runner import run_build

BOOK = "001_57a5e7fdb55d5ea9.txt"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
PAGES = sorted(WITNESSES.glob("*.txt"))


def build(tmp_path_factory, editorial):
    raw = tmp_path_factory.mktemp("witness-raw")
    shutil.copy(RAW / BOOK, raw / BOOK)
    for page in PAGES:
        shutil.copy(page, raw / page.name)
    out = tmp_path_factory.mktemp("witness-tei")
    report = run_build(raw, out, editorial, cache_dir=TEST_CACHE)
    return out, report


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    return build(tmp_path_factory, EDITORIAL)


def documents(out, raw_name):
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return manifest["raw"][raw_name]["documents"]


def first_line(out, ident) -> int:
    from lxml import etree
    root = etree.parse(str(out / f"{ident}.xml")).getroot()
    start = int(root.findtext(".//tei:bibl[@type='rawFile']/tei:citedRange", namespaces=NS).split("-")[0])
    return (RAW / BOOK).read_text(encoding="utf-8").count("\n", 0, start) + 1


def witnesses_of(out, ident) -> list[str]:
    from lxml import etree
    root = etree.parse(str(out / f"{ident}.xml")).getroot()
    return [w.get("corresp") for w in root.iterfind(".//tei:sourceDesc/tei:listWit/tei:witness", NS)]


@pytest.mark.integration
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_a_page_copy_is_linked_to_its_document_in_the_book_and_back(edition, page):
    out, _ = edition
    expected = json.loads(page.with_name(page.stem + ".expected.json").read_text(encoding="utf-8"))
    (page_id,) = documents(out, page.name)
    linked = witnesses_of(out, page_id)
    if not expected["in_book"]:
        assert linked == [], "a page of a document the book does not hold is linked to nothing"
        return
    assert len(linked) == 1
    book_id = linked[0].removesuffix(".xml")
    assert book_id in documents(out, BOOK)
    assert abs(first_line(out, book_id) - expected["book_first_line"]) <= 6
    assert witnesses_of(out, book_id) == [f"{page_id}.xml"]


@pytest.mark.integration
def test_the_witnesses_differences_are_reported(edition):
    out, report = edition
    stretches = [line for line in report.witness_lines if line.startswith("  ")]
    for page in PAGES:
        expected = json.loads(page.with_name(page.stem + ".expected.json").read_text(encoding="utf-8"))
        ours = [line for line in stretches if page.stem.replace("_", "-") in line]
        assert len(ours) >= len(expected["differences"]), page.stem
        for difference in expected["differences"]:
            web, book = set(difference["web"].split()), set(difference["book"].split())
            moved = (web ^ book) or web  # words put in another order differ in their places only
            assert any(word in line for line in ours for word in moved), difference


@pytest.mark.integration
def test_the_richer_witness_supplies_a_title_the_ocr_lost(tmp_path_factory):
    """Without the editors' titles, the book's document takes the page copy's title,
    marked as taken from that witness."""
    from lxml import etree
    out, _ = build(tmp_path_factory, None)
    for page in PAGES:
        expected = json.loads(page.with_name(page.stem + ".expected.json").read_text(encoding="utf-8"))
        if not expected["in_book"]:
            continue
        (page_id,) = documents(out, page.name)
        book_id = witnesses_of(out, page_id)[0].removesuffix(".xml")
        title = etree.parse(str(out / f"{book_id}.xml")).getroot().find(".//tei:titleStmt/tei:title", NS)
        if title.get("source"):
            assert title.get("source") == f"{page_id}.xml" and title.text == expected["title"]
            return
    pytest.fail("no document of the book took its title from a witness")


def test_fingerprints_recognise_a_text_through_small_changes():
    """An OCR'd document and a page copy with a few words changed are one text; another
    text is not; two OCR copies are not compared with each other, and a document keeps
    only its best partner in each other raw file."""
    text = ("We have always said that we are in favour of peace with all nations without exception, and "
            "the workers of every country will understand us when we say that the war must end now. ") * 3
    changed = text.replace("always", "ever").replace("nations", "peoples")
    other = "The question of concessions must be decided with the greatest care and caution. " * 6
    pairs = find_pairs([Entry("a", "book.txt", True, fingerprint(text)),
                        Entry("b", "page.txt", False, fingerprint(changed)),
                        Entry("c", "other.txt", False, fingerprint(other)),
                        Entry("d", "copy.txt", True, fingerprint(text)),
                        Entry("e", "book.txt", True, fingerprint(changed))])
    assert [(p.first, p.second) for p in pairs] == [("b", "d"), ("b", "e")]


# ------------------------------------------------------------------ OCR errors, variants, copies

VARIANT_PAGES = sorted((WITNESSES / "variants").glob("*.txt"))
EYRE = "mia-eyre-talk"               # a page copy of the book's document 28, in another wording in places
MIRROR = "mirror-mia-eyre-talk"      # a mirror of that page: its chrome, its notes left as text
#: (the book's reading, the page's): another word, another transliteration; never a correction
TRANSLATION_VARIANTS = [("linked up", "merged"), ("Rumania.", "Romania."), ("Kolchak’s", "Koltchak’s"),
                        ("tergiversation.", "shilly-shallying."), ("Estonia", "Esthonia")]


@pytest.fixture(scope="module")
def variants_edition(tmp_path_factory):
    """The book, the page copy of its document 28 and a mirror of that page."""
    raw = tmp_path_factory.mktemp("variants-raw")
    shutil.copy(RAW / BOOK, raw / BOOK)
    for page in VARIANT_PAGES:
        shutil.copy(page, raw / page.name)
    out = tmp_path_factory.mktemp("variants-tei")
    report = run_build(raw, out, EDITORIAL, cache_dir=TEST_CACHE)
    assert not report.failed and not report.problems, report.problems
    return out, report


def witness_flags(report) -> list[dict]:
    """The book's witness flags, each with its ready decision's ``expect`` and ``value``."""
    import tomllib
    flags = [flag for f in report.files if f.name == BOOK for flag in f.report.get("flags", ())
             if flag["kind"] == "witness-difference"]
    return [dict(flag, **{k: tomllib.loads(flag["decision"])["decision"][0][k] for k in ("expect", "value")})
            for flag in flags]


def pair_lines(report, page_id) -> list[str]:
    """The lines of the book's document and ``page_id``: the pair's line and its differences."""
    lines, inside = [], False
    for line in report.witness_lines:
        if not line.startswith("  "):
            inside = line.startswith("witnesses: ") and "-d28 and " in line and f" and {page_id} hold " in line
        if inside:
            lines.append(line)
    return lines


@pytest.mark.integration
def test_a_translation_variant_is_reported_as_a_variant_not_proposed_as_a_correction(variants_edition):
    """``linked up``/``merged`` (another word) and ``Rumania``/``Romania`` (another
    transliteration) are the other translation's readings, not the OCR's errors."""
    from lxml import etree
    out, report = variants_edition
    proposed = {flag["expect"] for flag in witness_flags(report)}
    lines = pair_lines(report, EYRE)
    assert lines
    for ours, theirs in TRANSLATION_VARIANTS:
        assert ours not in proposed, f"the variant “{ours}” / “{theirs}” is proposed as a correction"
        assert any(line.startswith("  ") and "variant" in line and f"“{ours}”" in line and f"“{theirs}”" in line
                   for line in lines), (ours, theirs)
    (book_id,) = [ident for ident in documents(out, BOOK) if ident.endswith("-d28")]
    root = etree.parse(str(out / f"{book_id}.xml")).getroot()
    notes = root.findall("tei:standOff/tei:listAnnotation[@type='variants']/tei:note", NS)
    assert any("“Romania.”" in (n.text or "") and "“Rumania.”" in (n.text or "") for n in notes)
    witness_ids = {w.get(XML_ID) for w in root.iterfind(".//tei:listWit/tei:witness", NS)}
    assert notes and all(n.get("target", "").lstrip("#") in witness_ids for n in notes)
    import json
    recorded = json.loads((out / "build-report.json").read_text(encoding="utf-8"))["witnesses"]
    assert any("variant" in line and "“Rumania.”" in line for line in recorded), "the report keeps the variants"


@pytest.mark.integration
def test_an_ocr_error_is_proposed_and_says_why(variants_edition):
    """The book's ``Focli`` (``li`` read for ``h``) where the page reads ``Foch``: one flag
    with a ready correction, its reason and its confidence; raised once, though two
    copies of the page read ``Foch``."""
    _, report = variants_edition
    flags = [flag for flag in witness_flags(report) if flag["expect"] == "Focli"]
    assert len(flags) == 1
    (flag,) = flags
    assert flag["value"] == "Foch" and 'value = "Foch"' in flag["decision"]
    assert 0.5 <= flag["confidence"] < 1 and "“li” read for “h”" in flag["why"]
    assert f"{flag['confidence']:.2f}" in flag["message"] and "OCR error" in flag["message"]
    assert [f["expect"] for f in witness_flags(report)] == ["Focli"], "nothing else is proposed"


@pytest.mark.integration
def test_a_mirrors_chrome_and_notes_are_not_text_only_in_the_witness(variants_edition):
    """The mirror's import left its notes section (``Notes``, ``1. …``) and a ``Top of
    page`` link in its text; compared with the book, they are no text of the document:
    the mirror differs from the book exactly as the page it copies does."""
    _, report = variants_edition
    mirror, page = pair_lines(report, MIRROR), pair_lines(report, EYRE)
    assert mirror and page
    only_in_mirror = [line for line in mirror if "only in the witness" in line]
    assert not only_in_mirror, only_in_mirror
    assert readings(mirror) == readings(page)


def readings(lines) -> list[tuple[str, str]]:
    """(the OCR's reading, the witness's) of each difference line."""
    import re
    return [re.search(r"the OCR reads “(.*)”, \S+ reads “(.*)”$", line).groups() for line in lines
            if line.startswith("  ")]


@pytest.mark.integration
def test_two_near_identical_page_copies_are_linked_both_ways(variants_edition):
    """The page and its mirror share ~all of their sampled 5-grams: copies of one text,
    each in the other's listWit; each is also a witness of the book's document."""
    out, report = variants_edition
    assert witnesses_of(out, MIRROR).count(f"{EYRE}.xml") == 1
    assert witnesses_of(out, EYRE).count(f"{MIRROR}.xml") == 1
    (book_id,) = [ident for ident in documents(out, BOOK) if ident.endswith("-d28")]
    assert sorted(witnesses_of(out, book_id)) == [f"{EYRE}.xml", f"{MIRROR}.xml"]
    assert any(line.startswith("witnesses: ") and "copies of one text" in line and EYRE in line and MIRROR in line
               for line in report.witness_lines)


def test_copies_of_a_page_are_paired_through_the_index_not_each_with_each():
    """n copies of one page make at most n - 1 links (each keeps its best copy), a page
    that shares only part of its text is no copy, and an OCR'd document is still paired
    with each copy."""
    text = ("We have always said that we are in favour of peace with all nations without exception, and "
            "the workers of every country will understand us when we say that the war must end now. ") * 3
    partly = text[:len(text) // 2] + "The question of concessions must be decided with the greatest care. " * 4
    copies = [Entry(f"c{k}", f"copy{k}.txt", False, fingerprint(text)) for k in range(5)]
    pairs = find_pairs(copies + [Entry("p", "partly.txt", False, fingerprint(partly)),
                                 Entry("b", "book.txt", True, fingerprint(text))])
    between_copies = [(p.first, p.second) for p in pairs if p.first.startswith("c") and p.second.startswith("c")]
    assert len(between_copies) == 4 and {ident for pair in between_copies for ident in pair} == {f"c{k}" for k in range(5)}
    assert not [p for p in pairs if "p" in (p.first, p.second) and "b" not in (p.first, p.second)]
    assert len([p for p in pairs if "b" in (p.first, p.second)]) == 6  # each copy, and the partial page
