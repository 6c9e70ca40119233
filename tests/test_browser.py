"""The site and a CETEIcean rendering in a real browser (Debian's Chromium, driven by
Playwright for Python; no browser is ever downloaded).

Pages are opened from ``file://`` and must load without a console error, a failed
request or any request outside the site. The reading view's visible text, with the
site's apparatus hidden, is ``reading_text``; the toggle shows the source as printed.
Screenshots of what a reader sees go to ``.cache/screenshots/`` (or ``$SCREENSHOTS``).

Without /usr/bin/chromium the tests are skipped (and fail when ``CI`` is set); the
browser, the watcher of a page and the screenshot folder are shared with the review
server's test (``conftest``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from conftest import NS, SCREENSHOTS, TEI_DIR, Watched
from pipeline.publish import build_site
from pipeline.publish.ceteicean import write_ceteicean_page
from pipeline.publish.edition import load_edition
from pipeline.publish.textview import removed_text
from pipeline.teitext import reading_text

pytestmark = pytest.mark.browser

HIDE_APPARATUS = ".apparatus { display: none !important; }"
#: removed furniture placed at a page break
FURNITURE = ".//tei:standOff/tei:spanGrp[@type='removals']/tei:span[@rend='top' or @rend='bottom'][@target]"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    build_site(TEI_DIR, out)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return out


@pytest.fixture
def watched(browser, site):
    opened = Watched(browser, site)
    yield opened
    opened.close()


def text_element(ident: str):
    return etree.parse(str(TEI_DIR / f"{ident}.xml")).getroot().find("tei:text", NS)


def visible_text(page, selector: str) -> str:
    """``inner_text`` of ``selector`` with the apparatus hidden, white space collapsed."""
    style = page.add_style_tag(content=HIDE_APPARATUS)
    text = page.locator(selector).inner_text()
    style.evaluate("el => el.remove()")
    return " ".join(text.split())


def find_document(test) -> str | None:
    """The first document (in the manifest's order) whose TEI passes ``test``."""
    for ident in load_edition(TEI_DIR).document_ids:
        if test(etree.parse(str(TEI_DIR / f"{ident}.xml")).getroot()):
            return ident
    return None


def has_wotkers(root) -> bool:
    return bool(root.xpath(".//tei:sic[. = 'woTkers']", namespaces=NS))


def book_document() -> str:
    """The book's document with the README's ``woTkers`` (else any printed one with a
    correction and page breaks)."""
    def printed_with_changes(root):
        return bool(root.xpath(".//tei:text//tei:choice", namespaces=NS)) and \
            bool(root.xpath(".//tei:text//tei:pb", namespaces=NS))
    return find_document(has_wotkers) or find_document(printed_with_changes) or \
        pytest.fail("tei/ has no printed document with a correction")


def letter_document() -> str:
    return find_document(lambda root: root.findtext(".//tei:textClass//tei:term", namespaces=NS) == "letter") \
        or pytest.fail("tei/ has no letter")


def removal_document() -> str:
    return find_document(lambda root: bool(root.xpath(FURNITURE, namespaces=NS))) \
        or pytest.fail("tei/ has no removal placed at a page break")


def test_index_opens(watched, site):
    page = watched.open(site / "index.html")
    rows = page.locator("tr[data-document]")
    assert rows.count() == len(load_edition(TEI_DIR).document_ids)
    page.screenshot(path=str(SCREENSHOTS / "index.png"), full_page=True)


def test_book_document_reading_and_diplomatic(watched, site):
    ident = book_document()
    page = watched.open(site / "doc" / f"{ident}.html")
    assert visible_text(page, "#reading") == reading_text(text_element(ident))
    first_sic = page.locator("#diplomatic .change[data-change]").first
    corrected = page.locator("#reading .corr").first
    assert corrected.is_visible() and not first_sic.is_visible()
    assert page.locator("#reading .pb-n").first.is_visible()  # a page number in the margin
    page.screenshot(path=str(SCREENSHOTS / "book-reading.png"), full_page=True)

    page.click("#view-toggle")
    assert first_sic.is_visible() and not corrected.is_visible()
    assert page.locator("#diplomatic .pb-divider").first.is_visible()
    if has_wotkers(etree.parse(str(TEI_DIR / f"{ident}.xml")).getroot()):
        assert page.get_by_text("woTkers", exact=True).is_visible()
    assert page.locator("#view-toggle").get_attribute("aria-pressed") == "true"
    page.screenshot(path=str(SCREENSHOTS / "book-diplomatic.png"), full_page=True)

    page.reload()  # the choice is remembered
    assert page.locator("#diplomatic").is_visible()
    page.keyboard.press("d")
    assert corrected.is_visible() and not page.locator("#diplomatic").is_visible()


def test_removed_furniture_shows_in_the_diplomatic_view(watched, site):
    ident = removal_document()
    removal = etree.parse(str(TEI_DIR / f"{ident}.xml")).getroot().xpath(FURNITURE, namespaces=NS)[0]
    page = watched.open(site / "doc" / f"{ident}.html")
    shown = page.locator(f"[id='{removal.get('{http://www.w3.org/XML/1998/namespace}id')}']")
    assert not shown.is_visible()
    page.keyboard.press("d")
    assert shown.is_visible() and " ".join(shown.inner_text().split()) == " ".join(removed_text(removal).split())


def test_letter(watched, site):
    ident = letter_document()
    page = watched.open(site / "doc" / f"{ident}.html")
    assert visible_text(page, "#reading") == reading_text(text_element(ident))
    assert page.locator("#reading .opener, #reading .closer").first.is_visible()
    page.screenshot(path=str(SCREENSHOTS / "letter.png"), full_page=True)


def test_ceteicean_reads_the_tei_as_the_edition_does(browser, tmp_path):
    """CETEIcean 1.9.5 with the edition's behaviours and stylesheet, the TEI inline."""
    ident = book_document()
    page_path = write_ceteicean_page(TEI_DIR / f"{ident}.xml", tmp_path)
    opened = Watched(browser, tmp_path)
    page = opened.open(page_path)
    page.wait_for_selector("body[data-rendered='true']")
    assert visible_text(page, "tei-text") == reading_text(text_element(ident))
    assert page.locator(".pb-marker").first.is_visible()
    assert not page.locator("tei-sic").first.is_visible()
    assert not page.locator("tei-teiheader").is_visible()
    opened.close()


#: the book's first documents (the README's example among them); every page copy too
DEFAULT_CONSUMER_BOOK_DOCUMENTS = 6


def default_consumer_documents() -> list[str]:
    if not (TEI_DIR / "manifest.json").exists():
        return []
    ids = load_edition(TEI_DIR).document_ids
    return [i for i in ids if "-d" in i][:DEFAULT_CONSUMER_BOOK_DOCUMENTS] + \
        [i for i in ids if "-d" not in i and not i.endswith("-front")]


#: what CETEIcean's default behaviours add round a note, by their own record: the brackets
#: of an inline note (``data-before``/``data-after`` count their characters)
DROP_DECORATION = """() => {
  for (const el of document.querySelectorAll('#TEI cetei-content')) {
    const before = Number(el.getAttribute('data-before') || 0), after = Number(el.getAttribute('data-after') || 0);
    if (before && el.firstChild && el.firstChild.nodeType === 3) el.firstChild.nodeValue = el.firstChild.nodeValue.slice(before);
    if (after && el.lastChild && el.lastChild.nodeType === 3) el.lastChild.nodeValue = el.lastChild.nodeValue.slice(0, -after);
  }
}"""


def shown_by_default_ceteicean(page) -> str:
    """What a reader sees of the TEI rendered by CETEIcean's defaults: the text, with the
    endnotes it moves into its own list at the end, less what it adds (a number where each
    endnote stood, brackets round a footnote): the notes' own labels are read."""
    page.add_style_tag(content="#TEI tei-text sup { display: none !important; }")
    page.evaluate(DROP_DECORATION)
    return " ".join(page.locator("#TEI").inner_text().split())


@pytest.mark.parametrize("ident", default_consumer_documents())
def test_ceteicean_defaults_show_the_reading_text(browser, tmp_path, ident):
    """CETEIcean 1.9.5 as any site runs it (its default behaviours, none of ours): the CSS
    of the TEI's tagsDecl hides the source's side of each choice, the header and the removal
    record, so a reader gets the reading text."""
    page_path = write_ceteicean_page(TEI_DIR / f"{ident}.xml", tmp_path, project_behaviours=False)
    opened = Watched(browser, tmp_path)
    page = opened.open(page_path)
    page.wait_for_selector("body[data-rendered='true']")
    assert shown_by_default_ceteicean(page) == reading_text(text_element(ident))
    opened.close()


def test_ceteicean_defaults_number_each_endnote_once(browser, tmp_path):
    """CETEIcean's defaults move the endnotes into a numbered list of their own: a note's
    printed number (kept as printed beside ``@n``) is not shown again after the list's."""
    ident = next((i for i in default_consumer_documents() if etree.parse(str(TEI_DIR / f"{i}.xml")).find(
        ".//tei:note[@type='endnote'][@place='end']/tei:label/tei:choice/tei:orig", NS) is not None), None)
    if ident is None:
        pytest.skip("no chosen document has an endnote with a printed number")
    numbers = [note.get("n") for note in etree.parse(str(TEI_DIR / f"{ident}.xml")).iterfind(
        ".//tei:text//tei:note[@place='end']", NS)]
    page_path = write_ceteicean_page(TEI_DIR / f"{ident}.xml", tmp_path, project_behaviours=False)
    opened = Watched(browser, tmp_path)
    page = opened.open(page_path)
    page.wait_for_selector("body[data-rendered='true']")
    listed = page.locator("ol.notes > li").all_inner_texts()
    assert len(listed) == len(numbers)
    assert [text.split()[0] for text in listed if text.split()[0].strip("[]().") in numbers] == []
    opened.close()


def test_index_filters_by_a_person_and_the_register_page_links_back(watched, site):
    """Choosing a person shows the rows that name them and hides the rest; the entry's
    page lists those documents and opens the index filtered by them."""
    page = watched.open(site / "index.html")
    naming = page.locator("tr[data-document][data-person~='chicherin']")
    expected = naming.count()
    assert 0 < expected < page.locator("tr[data-document]").count()
    page.select_option("#filter-person", "chicherin")
    visible = page.locator("tr[data-document]:visible")
    assert visible.count() == expected
    assert all("chicherin" in (visible.nth(k).get_attribute("data-person") or "").split() for k in range(expected))
    assert f"{expected} document(s) shown" in page.locator("#filter-count").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "index-filtered.png"), full_page=True)
    page.select_option("#filter-person", "")
    assert page.locator("tr[data-document]:visible").count() == page.locator("tr[data-document]").count()

    entry = watched.open(site / "register" / "chicherin.html")
    assert entry.locator("ol.mentions li").count() == expected
    entry.screenshot(path=str(SCREENSHOTS / "register.png"), full_page=True)
    entry.click("text=Documents naming it")
    entry.wait_for_load_state("load")
    assert entry.locator("#filter-person").input_value() == "chicherin"
    assert entry.locator("tr[data-document]:visible").count() == expected
