"""The header block of a web-page copy read by its field names, in the layouts the archive
and its mirrors use: values on the same line, on the line(s) below, after a blank line,
wrapped over several lines; the block ends where the document's text begins."""

from __future__ import annotations

from pipeline.lines import split_lines
from pipeline.dates import parse_date
from pipeline.segment.webheader import read_date, read_header_block, read_source_note, refine_date


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


def test_one_field_per_line_without_blank_lines_leaves_the_text():
    """Labels alone, each value on the next line, and the letter right under the last value
    (no blank line anywhere): the header ends with its last value, the letter is text."""
    block, lines = header("Letter to G. V. Chicherin\nWritten:\nWritten on August 3 or 4, 1919\nSource:\n"
                          "Collected Works, Volume 44, page 258c.\nTranslated:\nClemens Dutt\nComrade Chicherin,\n"
                          "I have read the Polish proposals which Marchlewski brought back.\nLenin\n")
    assert block.value("translated") == "Clemens Dutt"
    assert lines[block.last + 1].text == "Comrade Chicherin,"


def test_a_wrapped_reference_goes_on_but_a_name_does_not():
    block, lines = header("A Letter\nSource: Collected Works, Progress Publishers, Moscow,\nVolume 44, page 389a.\n"
                          "Translated: Yuri Sdobnikov\nDear Comrade Krasin,\nThe text.\n")
    assert block.value("source") == "Collected Works, Progress Publishers, Moscow, Volume 44, page 389a."
    assert block.value("translated") == "Yuri Sdobnikov"


def test_a_catalogue_table_gives_its_fields():
    block, _ = header("Document | Note from Chicherin to Lord Curzon\nAuthor | G. V. Chicherin\nDate | 11 May 1923\n"
                      "Recipient | Lord Curzon\n\nSir,\n")
    assert (block.value("title"), block.value("author"), block.value("written"), block.value("addressee")) == \
        ("Note from Chicherin to Lord Curzon", "G. V. Chicherin", "11 May 1923", "Lord Curzon")


def test_the_source_note_under_the_text():
    lines = [line for line in split_lines("Lenin\nWritten on April 13, 1922\nFirst published in 1959\n"
                                          "Printed from the original\n") if not line.is_blank]
    note = read_source_note(lines, lambda line: line.text)
    assert note.first == 1 and note.value("written") == "Written on April 13, 1922"
    assert note.value("published") == "First published in 1959"


def test_two_possible_days_are_a_range_and_a_day_takes_the_header_year():
    both = read_date("Written on August 3 or 4, 1919")
    assert (both.when, both.not_before, both.not_after) == ("", "1919-08-03", "1919-08-04")
    assert refine_date(parse_date("Written: 1921"), parse_date("16.IX.")).when == "1921-09-16"
    assert refine_date(parse_date("March 1921"), parse_date("16.IX.")).not_before == "1921-03-01"  # not inside
