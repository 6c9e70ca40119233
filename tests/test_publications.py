"""Source blocks of a printed book read as publication events, and the terms of a
reference read through OCR damage. The blocks are written here in the book's two-column
layout as the OCR interleaves it, with other papers, volumes and dates than the seed's, so
the readings cannot rest on the seed's own strings."""

from __future__ import annotations

import pytest

from pipeline.dates import parse_date
from pipeline.model import Source
from pipeline.repair.citations import fix_citation_terms
from pipeline.segment.publications import read_publications


def events(*lines):
    return [(e.kind, e.title, e.issue, e.date.when if e.date else "", e.volume, e.pages)
            for e in read_publications(list(lines))]


def test_two_columns_interleaved_line_by_line_come_apart():
    assert events("Published in Izvestia No. 93, Collected Works, Vol. 30,",
                  "April 30, 1920 pp. 527-28") == [
        ("published", "Izvestia", "93", "1920-04-30", "", ""),
        ("collected-works", "Collected Works", "", "", "30", "527-28")]


def test_a_book_with_its_place_and_a_creation_date_that_is_no_publication():
    found = read_publications(["Written in March 1921 Collected Works, Vol. 32,",
                               "First published in 1932 pp. 218-20",
                               "in the book Lenin on Trade, Moscow"])
    assert [(e.kind, e.title, e.level, e.pub_place, e.date.when) for e in found
            if e.kind not in ("collected-works", "written")] == [("first-published", "Lenin on Trade", "m", "Moscow", "1932")]
    written = [e for e in found if e.kind == "written"]  # dates the document (profileDesc), is no bibl
    assert [(e.date.not_before, e.date.not_after) for e in written] == [("1921-03-01", "1921-03-31")]


def test_the_text_followed_is_its_own_event():
    found = read_publications(["First published in 1942 Published according to",
                               "in Lenin Miscellany XXXIV the manuscript"])
    assert [(e.kind, e.title) for e in found] == [("first-published", "Lenin Miscellany XXXIV"),
                                                   ("copy-text", "manuscript")]


def test_several_papers_of_one_event_share_the_date_printed_once():
    found = read_publications(["Reports published on March 3, 1919",
                               "in Pravda No. 48 and in Izvestia VTsIK No. 49"])
    assert [(e.title, e.issue, e.date.when) for e in found] == [("Pravda", "48", "1919-03-03"),
                                                                 ("Izvestia VTsIK", "49", "1919-03-03")]
    found = read_publications(["Pravda No. 5 and Bednota No. 5, March 7 (February 22), 1918"])
    assert [(e.title, e.date.when, e.date.when_julian) for e in found] == [
        ("Pravda", "1918-03-07", "1918-02-22"), ("Bednota", "1918-03-07", "1918-02-22")]


def test_qualifiers_and_pages_the_ocr_lost_a_hyphen_in():
    found = read_publications(["First published in full in 1928 Collected Works, Vol. 29,",
                               "in the magazine Proletarskaya Revolutsia No. 7 pp. 401 04, 410-12"])
    first, works = found
    assert (first.kind, first.qualifier, first.title, first.issue, first.date.when) == \
        ("first-published", "in full", "Proletarskaya Revolutsia", "7", "1928")
    assert (works.volume, works.pages) == ("29", "401-04, 410-12")


@pytest.mark.parametrize("printed, when, julian", [
    ("October 25 (November 7), 1917", "1917-11-07", "1917-10-25"),   # Old Style first
    ("November 13 (October 31), 1917", "1917-11-13", "1917-10-31"),  # New Style first
    ("January 30 (February 12), 1918", "1918-02-12", "1918-01-30"),  # the gap across a month
    ("February 12 (January 30), 1918", "1918-02-12", "1918-01-30"),
    ("December 25 (7), 1917", "1918-01-07", "1917-12-25"),           # across the year
    ("November 20 (7), 1917", "1917-11-20", "1917-11-07"),           # New Style first, one month
])
def test_dual_dates_in_either_order(printed, when, julian):
    date = parse_date(printed)
    assert (date.when, date.when_julian) == (when, julian)


def ocr(text: str) -> Source:
    return Source("book", "book.txt", text, "ia-ocr", "", "")


@pytest.mark.parametrize("damaged, read", [
    ("Collected Wcrks, Vol. 26, pp. 5-7", "Collected Works, Vol. 26, pp. 5-7"),
    ("Collected Works, Vcl. 26, pp. 5-7", "Collected Works, Vol. 26, pp. 5-7"),
    ("Collected Works, Vo1. 26, pp. 5-7", "Collected Works, Vol. 26, pp. 5-7"),
    ("Collected Works, Vol. 26, pn. 5-7", "Collected Works, Vol. 26, pp. 5-7"),
    ("Izvestla No. 5, May 1, 1918", "Izvestia No. 5, May 1, 1918"),
    ("Pravcla No. 5, May 1, 1918", "Pravda No. 5, May 1, 1918"),
    ("Flrst published in 1930", "First published in 1930"),
])
def test_reference_terms_are_read_from_their_place(damaged, read):
    source = ocr(damaged)
    text, changes = damaged, fix_citation_terms(source)
    for change in sorted(changes, key=lambda c: -c.start):
        assert change.rule == "citation-term" and 0.5 < change.confidence < 1
        text = text[:change.start] + change.after + text[change.end:]
    assert text == read


@pytest.mark.parametrize("right", [
    "Collected Papers, Vol. 2",          # another title: no term stands there
    "see p. 204 and pp. 5-7",            # the abbreviations as printed
    "the Pravda of that day",            # no issue follows: not in a reference's place
    "Vol. 3, No. 4",
    "the works of Marx",
])
def test_right_readings_and_other_places_are_left_alone(right):
    assert fix_citation_terms(ocr(right)) == []


def test_only_ocr_text_is_read_so():
    typed = Source("page", "page.txt", "Collected Wcrks, Vol. 26", "marxists-page", "", "")
    assert fix_citation_terms(typed) == []


def test_a_term_and_what_it_cites_stand_on_one_line():
    """A hyphenated name at a line's end before a page's running head is no "pp."."""
    assert fix_citation_terms(ocr("Mdivani (Georgia), G. I. Pe-\n\n\n\n36 SOVIET FOREIGN POLICY")) == []
