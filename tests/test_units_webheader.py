"""The header block of a web-page copy read by its field names, in the layouts the archive
and its mirrors use: values on the same line, on the line(s) below, after a blank line,
wrapped over several lines; the block ends where the document's text begins."""

from __future__ import annotations

from pipeline.lines import split_lines
from pipeline.segment.webheader import read_header_block


def header(text: str):
    lines = [line for line in split_lines(text) if not line.is_blank]
    return read_header_block(lines, lambda line: line.text), lines


def test_values_on_the_same_line():
    block, lines = header("Lenin: A Letter\n\nWritten: 2 March 1919\nSource: Collected Works, Volume 28\n\n"
                          "Comrades, the text begins here.\n")
    assert block.value("written") == "2 March 1919"
    assert block.value("source") == "Collected Works, Volume 28"
    assert lines[block.last].text.startswith("Source:")


def test_a_value_after_a_blank_line_belongs_to_its_field():
    """``Written:`` alone, a blank line, then its value: the value is the field's, and the
    document begins after it."""
    block, lines = header("A Telegram\n\nWritten:\n\nOctober 18, 1918\n\nSource:\n\nCollected Works, Volume 35\n\n"
                          "Comrades, the text begins here.\n")
    assert block.value("written") == "October 18, 1918"
    assert block.value("source") == "Collected Works, Volume 35"
    assert lines[block.last].text == "Collected Works, Volume 35"


def test_values_on_the_lines_below_and_wrapped():
    block, _ = header("A Note\n\nTranslated by:\nBernard Isaacs\nPublic Domain: Lenin Internet Archive 2003.\n"
                      "You may freely copy, distribute, display and perform this work.\n\nThe text.\n")
    assert block.value("translated") == "Bernard Isaacs"
    assert block.value("licence") == ("Lenin Internet Archive 2003. You may freely copy, distribute, display and "
                                      "perform this work.")


def test_the_document_after_a_complete_field_is_not_taken_into_it():
    block, lines = header("Written: 1920\n\nThe first paragraph of the document.\n")
    assert block.fields == (("written", "Written", "1920"),)
    assert lines[block.last].text == "Written: 1920"


def test_no_field_no_block():
    assert header("Just a text.\n\nWith paragraphs.\n")[0] is None
