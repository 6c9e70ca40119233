"""The TEI read by the TEI Consortium's own default conversions (TEIC/Stylesheets,
``profiles/default/html`` and ``txt``, run with Saxon-HE): a reader of their output gets
the edition's reading text (``pipeline.teitext.reading_text``): no hyphen mark inside a word,
no OCR error beside its correction, no word split by a line end or a page number.

The Stylesheets are not vendored: ``bench.encoding.fetch_stylesheets`` keeps a copy in
``.cache/tei-stylesheets`` (a sparse clone; never committed). Without a copy and a network,
or without ``saxonche``, the tests are skipped with the reason.
"""

from __future__ import annotations

import pytest
from lxml import etree, html

from bench.encoding import (SPACE_BEFORE_PUNCTUATION, WORD_WITH_MARK, compile_conversions, fetch_stylesheets,
                            html_visible_text, txt_visible_text, word_differences)
from conftest import NS, TEI_DIR
from pipeline.publish.edition import load_edition
from pipeline.publish.textview import removal_records as textview_removals, removed_text
from pipeline.teitext import reading_text

pytestmark = pytest.mark.integration
#: the book's first documents (the README's example among them) and every page copy
BOOK_DOCUMENTS = 6


@pytest.fixture(scope="module")
def conversions():
    pytest.importorskip("saxonche", reason="saxonche (Saxon-HE for Python) is not installed")
    stylesheets = fetch_stylesheets()
    if stylesheets is None:
        pytest.skip("no copy of TEIC/Stylesheets in .cache/tei-stylesheets and no network to fetch one")
    return compile_conversions(stylesheets)


def chosen_documents() -> list[str]:
    if not (TEI_DIR / "manifest.json").exists():
        return []
    ids = load_edition(TEI_DIR).document_ids
    book = [i for i in ids if "-d" in i][:BOOK_DOCUMENTS]
    pages = [i for i in ids if "-d" not in i and not i.endswith("-front")]
    return book + pages


def removal_records(root) -> list[str]:
    return [" ".join(removed_text(record).split()) for record in textview_removals(root)]


@pytest.mark.parametrize("ident", chosen_documents())
def test_default_html_shows_the_reading_text(conversions, ident):
    path = TEI_DIR / f"{ident}.xml"
    root = etree.parse(str(path)).getroot()
    shown = html_visible_text(conversions["html"].transform_to_string(source_file=str(path)))
    assert not WORD_WITH_MARK.findall(shown), "a line-end hyphen mark inside a word"
    assert word_differences(reading_text(root.find("tei:text", NS)), shown) == []


@pytest.mark.parametrize("ident", chosen_documents())
def test_default_plain_text_shows_the_reading_text(conversions, ident):
    path = TEI_DIR / f"{ident}.xml"
    root = etree.parse(str(path)).getroot()
    shown = txt_visible_text(conversions["txt"].transform_to_string(source_file=str(path)))
    expected = SPACE_BEFORE_PUNCTUATION.sub("", reading_text(root.find("tei:text", NS)))
    assert word_differences(expected, shown) == []
    sics = [" ".join("".join(s.itertext()).split()) for s in root.iterfind(".//tei:text//tei:choice/tei:sic", NS)]
    assert not [s for s in sics if len(s) > 3 and f" {s} " in f" {shown} " and s not in expected]


@pytest.mark.parametrize("ident", chosen_documents())
def test_default_html_prints_each_note_number_once(conversions, ident):
    """The default HTML prints a note's ``@n`` before it (``noteLabel``); the printed number,
    kept as printed beside it, is not printed again at the head of the note's text."""
    path = TEI_DIR / f"{ident}.xml"
    notes = etree.parse(str(path)).findall(".//tei:text//tei:note[@place]", NS)
    if not notes:
        pytest.skip(f"{ident} has no notes")
    page = html.fromstring(conversions["html"].transform_to_string(source_file=str(path)).encode("utf-8"))
    shown = {" ".join(div.find_class("noteLabel")[0].text_content().split()).rstrip("."):
             " ".join(div.find_class("noteBody")[0].text_content().split()) for div in page.xpath("//div[@class='note']")}
    assert sorted(shown) == sorted(note.get("n") for note in notes)
    assert [(n, text[:20]) for n, text in shown.items() if text.split()[:1] and
            text.split()[0].strip("[]().:") == n] == []


def test_a_word_over_a_page_turn_reads_whole(conversions):
    """The README's "negotia-tions" runs over pages 12 and 13 of the book."""
    ident = next((i for i in chosen_documents() if "negotiations" in reading_text(
        etree.parse(str(TEI_DIR / f"{i}.xml")).getroot().find("tei:text", NS))), None)
    if ident is None:
        pytest.skip("tei/ has no document with the README's word over a page turn")
    path = str(TEI_DIR / f"{ident}.xml")
    assert "negotiations" in html_visible_text(conversions["html"].transform_to_string(source_file=path)).split()
    assert "negotiations" in conversions["txt"].transform_to_string(source_file=path).split()


def test_no_removal_record_is_shown(conversions):
    """The removed furniture (header fields, site chrome, running heads) stays in the
    record, complete, and neither conversion prints it."""
    shown_any, records = [], 0
    for ident in chosen_documents():
        path = TEI_DIR / f"{ident}.xml"
        root = etree.parse(str(path)).getroot()
        removed = [r for r in removal_records(root) if len(r) > 3]
        records += len(removed)
        shown = {"txt": " ".join(conversions["txt"].transform_to_string(source_file=str(path)).split()),
                 "html": html_visible_text(conversions["html"].transform_to_string(source_file=str(path)))}
        shown_any += [(ident, fmt, r) for fmt, text in shown.items() for r in removed if r in text]
    assert records, "the chosen documents hold no removal record to look for"
    assert shown_any == []
