"""The endnotes of a printed book and the calls in its text, on short passages laid out
as the OCR gives them: where the notes begin, how they are split and numbered (a
mangled number repaired from the sequence and recorded), which bare numbers in the text
may be calls, and which call each note is linked to.
"""

from __future__ import annotations

from pipeline.lines import split_lines
from pipeline.segment.calls import CallCandidate, find_candidates, link_calls, link_remaining
from pipeline.segment.endnotes import Endnote, label_value, notes_start, number_label, read_endnotes

NOTES = """NOTES

1 The Decree on Peace was adopted by the Second
All-Russia Congress of Soviets on October 26
(November 8), 1917. p. 13

2 The Anti-Socialist Law was passed in 1878. P- 14
the rest of note 2, which the OCR split off. p. 14

i4 ° The secret treaties were published by the
People's Commissariat.

A second paragraph of the note. p. 15
5 Krasin's report. p. 17
"""


def endnotes_of(text: str):
    lines = split_lines(text)
    return read_endnotes(lines, text, 0), lines


# ------------------------------------------------------------------ endnotes


def test_the_notes_section_is_read_from_its_first_note():
    lines = split_lines(NOTES)
    start = notes_start(lines, 0)
    assert lines[start].text.startswith("1 The Decree")
    notes = read_endnotes(lines, NOTES, start)
    assert [(n.n, n.page_ref) for n in notes] == [("1", 13), ("2", 14), ("3", 15), ("4", 17)]
    heading_too = read_endnotes(lines, NOTES, 0)
    assert heading_too[0].label is None and heading_too[0].flag.startswith("note 1: its number is missing")


def test_each_note_keeps_its_number_page_paragraphs_and_repair():
    text = NOTES[NOTES.index("1 The Decree"):]
    notes, lines = endnotes_of(text)
    assert [(n.n, n.first, n.last, n.page_ref, n.flag) for n in notes] == [
        ("1", 0, 2, 13, ""), ("2", 4, 5, 14, ""), ("3", 7, 10, 15, ""),
        ("4", 11, 11, 17, "")]
    one, two, three, four = notes
    assert (one.label, one.repair) == ((0, 1), None)
    assert [text[b.start:b.end] for b in one.blocks] == [
        "The Decree on Peace was adopted by the Second\nAll-Russia Congress of Soviets on October 26\n"
        "(November 8), 1917. p. 13"]
    assert all(b.kind == "p" and b.part == "note" and b.lined for b in one.blocks)
    assert text[two.blocks[0].start:two.blocks[-1].end].endswith("the OCR split off. p. 14")
    start = text.index("i4 °")
    assert three.label == (start, start + 4)
    repair = three.repair
    assert (repair.rule, repair.start, repair.end, repair.before, repair.after, repair.kind) == (
        "note-number-from-sequence", start, start + 4, "i4 °", "3", "removal")
    assert repair.confidence == 0.7  # "i4" reads as 14, not 3: the sequence alone says 3
    assert [text[b.start:b.end].split("\n")[0] for b in three.blocks] == [
        "The secret treaties were published by the", "A second paragraph of the note. p. 15"]
    assert four.repair.after == "4" and four.repair.before == "5" and four.repair.confidence == 0.7


def test_a_jump_in_the_sequence_and_a_lost_number_are_flagged():
    text = ("1 First note. p. 3\n"
            "4 Fourth note. p. 5\n"
            "5 Fifth note. p. 6\n"
            "The sixth, whose number is lost. p. 7\n"
            "7 ° Seventh. p. 8\n")
    notes, _ = endnotes_of(text)
    assert [(n.n, n.flag) for n in notes] == [
        ("1", ""), ("4", "notes 2-3 not found: the sequence jumps from 1 to 4"), ("5", ""),
        ("6", "note 6: its number is missing in the OCR; supplied from the sequence"), ("7", "")]
    assert notes[3].label is None and notes[3].repair is None
    assert notes[3].blocks[0].start == text.index("The sixth")
    assert (notes[4].repair.before, notes[4].repair.after, notes[4].repair.confidence) == ("7 °", "7", 0.9)
    single = endnotes_of("1 Only note. p. 3\n9 A stray number. p. 4\n")[0]
    assert [n.n for n in single] == ["1", "2"], "a jump the next note does not confirm is a mangled number"


def test_a_last_note_cut_off_is_kept():
    notes, _ = endnotes_of("1 A note. p. 3\n2 A note the book cut off in the")
    assert [(n.n, n.page_ref) for n in notes] == [("1", 3), ("2", None)]


def test_labels():
    assert number_label("In the year 1918 p. 5") is None
    assert number_label("ll The note") is None  # letters only: a word, unless a single one
    assert number_label("I The note").group("label") == "I"
    assert number_label("12 ' The note").group("label") == "12 '"
    assert number_label("(1918) The note") is None
    # the OCR's forms of digits (pipeline/ocrforms.py): W is no form of 1 (the old table's
    # W-for-1 read nothing in the seed book and disagreed with every other table)
    assert [label_value(x) for x in ("i4 °", "lO", "S", ",2S", "'", "Il")] == [14, 10, 5, 25, None, 11]


def test_where_the_notes_begin():
    body = ["The text of the book cites p. 5"] + ["a line of text"] * 90
    notes = ["NOTES", "", "1 The Decree on", "Peace. p. 13", "2 The law. p. 14", "3 The treaties. p. 15"]
    lines = split_lines("\n".join(body + notes))
    assert notes_start(lines, 0) == len(body) + 2
    assert notes_start(lines, len(body) + 5) is None
    assert notes_start(lines, len(body) + 4) == len(body) + 4
    unnumbered = split_lines("\n".join(body + ["NOTES", "The Decree. p. 13", "The law. p. 14"]))
    assert notes_start(unnumbered, 0) == len(body) + 1
    close = split_lines("\n".join(["as the book says on p. 5"] + ["text"] * 40 + notes))
    assert notes_start(close, 0) == 0, "an end less than 80 lines before the notes runs on into them"


# ------------------------------------------------------------------ calls


TEXT = """the Anti-Socialist Law in Germany 5 and the prolonged,
persistent secret treaties 6 endorsed by the Tsar. 7 The
workers, numbering 12 million, and 3 years of war
in No. 52 of Pravda on October 20 and 1917. 8 The
JULY 15, 1918 9
the war of 1914 10 and
"""


def candidates_of(text: str):
    lines = split_lines(text)
    return find_candidates(text, lines, 0, len(lines)), lines


def test_bare_numbers_after_words_are_candidates():
    found, lines = candidates_of(TEXT)
    assert [(c.n, TEXT[c.start:c.end], c.line_index, c.weak) for c in found] == [
        (5, "5", 0, False), (6, "6", 1, False), (7, "7", 1, False), (52, "52", 3, True), (8, "8", 3, False),
        (9, "9", 4, False), (10, "10", 5, True)]
    assert all(TEXT[c.start:c.end] == str(c.n) for c in found)


def test_numbers_that_are_no_calls():
    for line in ("the sum of 0 roubles", "12 per cent of them", "50 thousand men", "7 days later",
                 "from 3 to 4", "in 1917 and 1918", "at 5 o'clock"):
        assert [c.n for c in candidates_of(line + "\n")[0]] == [], line
    weak = candidates_of("Article 5 of it. and Clause 3 said\n")[0]
    assert [(c.n, c.weak) for c in weak] == [(5, True), (3, True)]


def note(n: str, page: int | None) -> Endnote:
    return Endnote(n, 0, 0, page, None, None, ())


def pages_by_line(*pages):
    return lambda line_index: pages[line_index] if line_index < len(pages) else None


def test_each_note_takes_the_first_fitting_call_after_the_last():
    candidates = [CallCandidate(1, 10, 11, 0), CallCandidate(2, 20, 21, 1), CallCandidate(2, 30, 31, 2),
                  CallCandidate(3, 40, 41, 3, weak=True), CallCandidate(3, 50, 51, 4), CallCandidate(4, 60, 61, 5)]
    page_of = pages_by_line(10, 10, 11, 12, 12, 30)
    links = link_calls([note("1", 10), note("2", 11), note("3", 12), note("4", 13)], candidates, page_of)
    assert {n: c.start for n, c in links.items()} == {"1": 10, "2": 20, "3": 50}
    assert link_calls([note("2", 11)], candidates, page_of, window=0) == {"2": candidates[2]}
    assert link_calls([note("2", None)], candidates, page_of) == {"2": candidates[1]}
    assert link_calls([note("2", 40)], candidates, pages_by_line()) == {"2": candidates[1]}


def test_a_weak_candidate_serves_only_when_nothing_better_stands_near():
    candidates = [CallCandidate(3, 40, 41, 0, weak=True), CallCandidate(3, 50, 51, 1, weak=True)]
    assert link_calls([note("3", 12)], candidates, pages_by_line(12, 12)) == {"3": candidates[0]}
    assert link_calls([note("3", 12)], candidates, pages_by_line(13, 12), window=3) == {"3": candidates[0]}
    assert link_calls([note("3", 12)], candidates, pages_by_line(14, 15), window=3) == {}


def test_a_candidate_beyond_the_notes_page_stops_the_search():
    candidates = [CallCandidate(2, 20, 21, 0), CallCandidate(2, 30, 31, 1)]
    assert link_calls([note("2", 10)], candidates, pages_by_line(12, 10)) == {}
    assert link_calls([note("2", 10)], candidates, pages_by_line(11, 10)) == {"2": candidates[0]}
    assert link_calls([note("2", 10)], candidates, pages_by_line(9, 10)) == {"2": candidates[0]}


def test_a_second_look_between_the_neighbours_links():
    candidates = [CallCandidate(1, 10, 11, 0), CallCandidate(2, 15, 16, 0, weak=True),
                  CallCandidate(2, 25, 26, 1, weak=True), CallCandidate(3, 30, 31, 2), CallCandidate(2, 35, 36, 3)]
    notes = [note("1", 10), note("2", 11), note("3", 11), note("4", None)]
    first = {"1": candidates[0], "3": candidates[3]}
    page_of = pages_by_line(10, 11, 11, 11)
    links = link_remaining(notes, candidates, first, page_of)
    assert links == {"1": candidates[0], "2": candidates[1], "3": candidates[3]} and first == {
        "1": candidates[0], "3": candidates[3]}
    far = link_remaining(notes, candidates, first, pages_by_line(8, 13, 13, 11))
    assert "2" not in far
    near = link_remaining(notes, candidates, first, pages_by_line(8, 12, 12, 11))
    assert near["2"] is candidates[2]
    no_page = link_remaining([note("1", 10), note("2", None)], candidates, {"1": candidates[0]}, page_of)
    assert "2" not in no_page
    unbounded = link_remaining([note("2", 11)], candidates, {}, pages_by_line(None, 12, 11, 11, 11))
    assert unbounded["2"] is candidates[2]


def test_a_number_right_after_a_one_digit_number_is_a_weak_call():
    """"October 7 12": the 12 after a day of one digit may be a call, but only a weak one
    (the 7 itself, followed by a number, is no call at all)."""
    text = "the treaty signed on October 7 12 the Allies\n"
    found, _ = candidates_of(text)
    assert [(c.n, text[c.start:c.end], c.weak) for c in found] == [(12, "12", True)]


def test_the_second_look_for_the_last_note_reaches_far_into_the_text():
    """No linked note follows the last one, so its call may stand anywhere after the
    previous note's call, however far into a long document (here at offset 5,000)."""
    candidates = [CallCandidate(1, 10, 11, 0), CallCandidate(2, 5000, 5001, 1, weak=True)]
    links = link_remaining([note("1", 10), note("2", 11)], candidates, {"1": candidates[0]}, pages_by_line(10, 11))
    assert links == {"1": candidates[0], "2": candidates[1]}
