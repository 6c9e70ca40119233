"""The book's own facts from its title page and imprint (never from code), and a document's
sender from its heading or signature, never the collection's maker."""

from __future__ import annotations

from test_printed_documents import book_text, segment


def test_an_edited_collection_names_its_imprint_and_no_author():
    _, parts = segment(book_text("dev_degras"))
    front, docs = parts[0], parts[1:]
    assert front.part == "front" and front.meta.author == ""
    book = docs[0].meta.container
    assert (book.title, book.publisher, book.pub_place, book.date) == \
        ("Soviet Documents on Foreign Relations, Vol. I", "Oxford Lane Press", "London", "1951")
    assert docs[1].meta.sender == "TROTSKY"  # "NOTE FROM TROTSKY TO THE ALLIED AMBASSADORS …"
    assert all(d.meta.author == "" for d in docs)


def test_a_bulletin_is_issued_by_its_bureau_at_its_place():
    _, parts = segment(book_text("dev_bulletin"))
    book = parts[1].meta.container
    assert (book.publisher, book.pub_place, book.date) == ("Russian Information Bureau", "New York", "1923")
    assert not any(d.meta.sender == "V. I. Lenin" for d in parts)


def test_prose_that_names_a_publisher_is_no_imprint():
    """The seed book prints no imprint: "The translations are taken from the / English
    edition of V. I. Lenin's Collected / Works prepared by Progress Publishers," is a
    sentence, and neither of its lines is the publisher."""
    from conftest import RAW
    from pipeline.segment.printed.metadata import read_title_page
    front = (RAW / "001_57a5e7fdb55d5ea9.txt").read_text(encoding="utf-8").split("\n")[:40]
    facts = read_title_page(front)
    assert (facts.author, facts.publisher, facts.edition, facts.year) == ("V. I. Lenin", "", "Third printing", "1973")
