"""Line-end hyphens, the book's lexicon and the OCR's noisy channel, on short passages:
each kind of evidence the hyphen decision weighs, in the order the module's docstring
gives (the book's own spelling, English, the halves, the OCR's mark), with the record
each decision leaves; what the lexicon counts; what the channel learns from a book.
"""

from __future__ import annotations

import itertools
import math

import pytest

from pipeline.model import Change, Source
from pipeline.repair.channel import (CASE_COST, Channel, NeighbourIndex, candidates, confusion_readings,
                                     learn_channel, prior_costs, single_edit)
from pipeline.repair.hyphens import decide, decide_line_end_hyphens
from pipeline.repair.lexicon import Lexicon, general_zipf

EMPTY = Lexicon("")
BOOK = Lexicon("the class-consciousness of the workers and class-consciousness; the painful and painful and "
               "painful war, pain-ful. Kolchak and Kolchak")


def ocr(text: str) -> Source:
    return Source("b.txt", "b.txt", text, "ia-ocr", "", "utf-8")


def record(changes):
    return [(c.rule, c.start, c.end, c.before, c.after, c.confidence, c.kind, c.decision) for c in changes]


# ------------------------------------------------------------------ the decision


@pytest.mark.parametrize("left,right,mark,lexicon,expected", [
    # the book's own spelling first: only the hyphenated form, or mostly the joined one
    ("class", "consciousness", "-", BOOK, ("keep", 0.99)),
    ("Class", "consciousness", "¬", BOOK, ("keep", 0.99)),
    ("pain", "ful", "¬", BOOK, ("no", 0.75)),
    # compounds with a linking word, and two capitalised halves
    ("Commander-in", "Chief", "-", EMPTY, ("keep", 0.8)),
    ("Two-and", "a-Half", "-", EMPTY, ("keep", 0.8)),
    ("Anti", "Socialist", "¬", EMPTY, ("keep", 0.8)),
    # English knows the joined word
    ("impor", "tant", "-", EMPTY, ("no", 0.95)),
    ("bolshe", "vik", "-", EMPTY, ("no", 0.85)),
    ("excel", "lently", "¬", EMPTY, ("no", 0.85)),
    # a prefix that keeps its hyphen before a word (English's, or the book's)
    ("non", "intervention", "-", EMPTY, ("keep", 0.75)),
    ("self", "determination", "¬", EMPTY, ("keep", 0.75)),
    ("anti", "Kolchak", "-", BOOK, ("keep", 0.75)),
    ("anti", "Kolchak", "-", EMPTY, ("no", 0.55)),
    # two words, and no joined one: even
    ("ill", "clad", "-", EMPTY, ("maybe", 0.5)),
    # nothing to go on: the OCR's mark
    ("Prau", "da", "¬", EMPTY, ("no", 0.7)),
    ("Prau", "da", "-", EMPTY, ("no", 0.55)),
])
def test_the_decision_and_its_confidence(left, right, mark, lexicon, expected):
    assert decide(left, right, mark, lexicon) == expected


def test_the_book_counts_against_itself_both_ways():
    mostly_hyphenated = Lexicon("pain-ful pain-ful pain-ful painful")
    assert decide("pain", "ful", "¬", mostly_hyphenated) == ("keep", 0.75)
    assert decide("pain", "ful", "¬", Lexicon("painful pain-ful")) == decide("pain", "ful", "¬", EMPTY)


def test_a_book_divided_between_two_spellings_gives_the_majoritys_share_to_two_places():
    """Four "painful" against three "pain-ful": the join wins with 0.6 * 4/7 + 0.3 = 0.643,
    recorded as 0.64 (confidences are kept to two places)."""
    divided = Lexicon("painful painful painful painful pain-ful pain-ful pain-ful")
    assert decide("pain", "ful", "¬", divided) == ("no", 0.64)


def test_english_knowing_the_joined_word_outweighs_a_prefix_that_keeps():
    """A joined word English knows well (zipf 3.0 or more: "proclaimed" 3.77, "preserving"
    3.73) is joined even after a prefix that usually keeps its hyphen; only where English
    hardly knows the joined word does the prefix keep it ("non-intervention")."""
    assert general_zipf("proclaimed") < 4.0 and general_zipf("preserving") < 4.0
    assert decide("pro", "claimed", "-", EMPTY) == ("no", 0.95)
    assert decide("pre", "serving", "¬", EMPTY) == ("no", 0.95)
    assert decide("non", "intervention", "-", EMPTY) == ("keep", 0.75)


def test_two_halves_are_words_from_zipf_three():
    """"rye-bread": "rye" (zipf 3.52) and "bread" are both words and "ryebread" is none, so
    the evidence is even; "tsarist" (2.51) is below 3.0, so "tsarist-army" falls to the mark."""
    assert 3.0 <= general_zipf("rye") < 4.0 and general_zipf("tsarist") < 3.0
    assert decide("rye", "bread", "-", EMPTY) == ("maybe", 0.5)
    assert decide("tsarist", "army", "-", EMPTY) == ("no", 0.55)


def test_each_decision_is_a_record_of_the_mark_and_the_line_break():
    text = "The pain¬\nful class-\n  consciousness of class-consciousness, the ill-\n\nclad army."
    pain, klass, ill = text.index("¬"), text.index("-\n"), text.index("ill-") + 3
    assert record(decide_line_end_hyphens(ocr(text))) == [
        ("line-end-hyphen:no", pain, pain + 2, "¬\n", "", 0.95, "hyphen", "no"),
        ("line-end-hyphen:keep", klass, klass + 4, "-\n  ", "-", 0.99, "hyphen", "keep"),
        ("line-end-hyphen:maybe", ill, ill + 3, "-\n\n", "", 0.5, "hyphen", "maybe")]


def test_a_continuation_lost_with_the_line_that_held_it():
    assert record(decide_line_end_hyphens(ocr("we agree¬\n\n\nSoldiers, comrades"))) == [
        ("dangling-line-end-hyphen", 8, 9, "¬", "", 0.5, "removal", "")]
    assert decide_line_end_hyphens(ocr("we agree-\n\n\nSoldiers, comrades")) == []
    assert record(decide_line_end_hyphens(ocr("the Anti-\n\n\nSocialist Law and the Anti-Socialist Law"))) == [
        ("line-end-hyphen:keep", 8, 12, "-\n\n\n", "-", 0.99, "hyphen", "keep")]
    assert record(decide_line_end_hyphens(ocr("the Anti¬\n \n\nSocialist Law and the AntiSocialist Law"))) == [
        ("line-end-hyphen:no", 8, 13, "¬\n \n\n", "", 0.99, "hyphen", "no")]
    assert record(decide_line_end_hyphens(ocr("the pain¬\n\n\nful war"))) == [
        ("line-end-hyphen:no", 8, 12, "¬\n\n\n", "", 0.95, "hyphen", "no")]


def test_a_blank_line_holding_a_tab_is_still_a_blank_line():
    """Spaces and tabs on the empty line between do not hide the paragraph break: the
    capitalised "continuation" is a new paragraph and the soft hyphen is left dangling."""
    assert record(decide_line_end_hyphens(ocr("we agree¬\n\t\nSoldiers, comrades"))) == [
        ("dangling-line-end-hyphen", 8, 9, "¬", "", 0.5, "removal", "")]
    assert record(decide_line_end_hyphens(ocr("we agree¬\n \t \nSoldiers, comrades"))) == [
        ("dangling-line-end-hyphen", 8, 9, "¬", "", 0.5, "removal", "")]


def test_a_word_runs_on_over_a_page_but_no_further():
    twelve = "the impor¬" + "\n" * 12 + "tant treaty"
    assert record(decide_line_end_hyphens(ocr(twelve))) == [
        ("line-end-hyphen:no", 9, 22, "¬" + "\n" * 12, "", 0.95, "hyphen", "no")]
    thirteen = "the impor¬" + "\n" * 13 + "tant treaty"
    assert record(decide_line_end_hyphens(ocr(thirteen))) == [
        ("dangling-line-end-hyphen", 9, 10, "¬", "", 0.5, "removal", "")]


def test_a_split_word_repaired_before_is_judged_whole():
    text = "non¬\ninterventi on"
    split = Change("split-word", text.index("interventi"), len(text), "interventi on", "intervention", 0.9)
    assert [c.decision for c in decide_line_end_hyphens(ocr(text), (split,))] == ["keep"]
    assert [c.decision for c in decide_line_end_hyphens(ocr(text))] == ["no"]
    other = Change("glued-words", text.index("interventi"), len(text), "interventi on", "x", 0.9)
    assert [c.decision for c in decide_line_end_hyphens(ocr(text), (other,))] == ["no"]


def test_a_break_whose_mark_the_ocr_lost():
    text = "it was excel\nlently done and the\nwar went on"
    assert record(decide_line_end_hyphens(ocr(text))) == [
        ("line-end-break-without-mark", 12, 13, "\n", "", 0.85, "hyphen", "no")]
    often = "excel\nlently and lently and lently"
    assert decide_line_end_hyphens(ocr(often)) == []
    assert decide_line_end_hyphens(ocr("the war of the\nworkers")) == []


def test_a_lost_mark_is_restored_only_where_the_second_half_is_below_zipf_one_and_a_half():
    """"provi / sions": "sions" (zipf 1.49) is no word, so the line break is closed up;
    "sol / diers": "diers" (exactly 1.5) is a word English knows, however rarely, and the
    break is left as printed."""
    assert general_zipf("sions") == 1.49 and general_zipf("diers") == 1.5
    text = "the provi\nsions of the treaty"
    assert record(decide_line_end_hyphens(ocr(text))) == [
        ("line-end-break-without-mark", 9, 10, "\n", "", 0.85, "hyphen", "no")]
    assert decide_line_end_hyphens(ocr("the sol\ndiers of the army")) == []


def test_web_pages_keep_their_hyphens_and_lose_stray_not_signs():
    page = Source("p.txt", "p.txt", "a web page¬ here, pain¬\nful", "mia", "", "utf-8")
    assert record(decide_line_end_hyphens(page)) == [
        ("dangling-line-end-hyphen", 10, 11, "¬", "", 0.5, "removal", ""),
        ("dangling-line-end-hyphen", 22, 23, "¬", "", 0.5, "removal", "")]
    unknown = Source("u.txt", "u.txt", "pain¬\nful and odd¬ mark", "unknown", "", "utf-8")
    assert record(decide_line_end_hyphens(unknown)) == [
        ("line-end-hyphen:no", 4, 6, "¬\n", "", 0.95, "hyphen", "no"),
        ("dangling-line-end-hyphen", 17, 18, "¬", "", 0.5, "removal", "")]


# ------------------------------------------------------------------ the lexicon


def test_the_lexicon_counts_whole_words_only():
    text = "The workers and the workers’ party,\nthe pain¬\nful war; the Bolshe-\n  vik party\n  and so on"
    lexicon = Lexicon(text)
    assert lexicon.in_book("THE") == 4 and lexicon.in_book("workers") == 2
    assert lexicon.in_book("pain") == 0 and lexicon.in_book("bolshe") == 0, "a broken word is no word"
    assert lexicon.in_book("vik") == 0 and lexicon.in_book("party") == 2, "nor the start of an indented line"
    assert lexicon.in_book("so") == 1 and lexicon.in_book("and") == 1
    assert lexicon.total == sum(lexicon.counts.values()) == 13
    assert lexicon.pair("the", "WORKERS") == 2 and lexicon.pair("workers", "the") == 0
    assert lexicon.pair("bolshe", "vik") == 0 and lexicon.pair("vik", "party") == 1 and lexicon.pair("ful", "war") == 1
    assert Lexicon("").total == 1
    assert (lexicon.printed["party"], lexicon.printed["war"], lexicon.printed["pain¬"]) == (2, 1, 1)


def test_a_tokens_own_occurrences():
    lexicon = Lexicon("the woTkers and woTkers and the (woTkers) and diplomacj^")
    assert lexicon.own_count("woTkers", "wotkers") == 3, "as printed, marks at its edges aside"
    assert lexicon.own_count("(woTkers)", "wotkers") == 0 and lexicon.own_count("woTkers", "workers") == 0
    assert lexicon.own_count("diplomacj^", "diplomacj") == 1


def test_a_word_usually_capitalised():
    lexicon = Lexicon("Soviet power and the Soviet state and the soviet of workers. Soviet")
    assert lexicon.usually_capitalised("soviet") and lexicon.usually_capitalised("SOVIET")
    assert not Lexicon("the soviet and Soviet").usually_capitalised("soviet")
    assert not Lexicon("").usually_capitalised("war")


def test_probabilities_of_words_and_pairs():
    lexicon = Lexicon("the pravda and the pravda of the war")
    assert lexicon.zipf("labour") == general_zipf("labour") > 4.5
    assert general_zipf("Labour") == general_zipf("labour") and general_zipf("don’t") == general_zipf("don't")
    assert general_zipf("class-struggle") == 0.0 and general_zipf("1917") == 0.0 and general_zipf("xqzv") == 0.0
    # the book's count smoothed with English frequencies: P = (count + 20000 * f) / (total + 20000)
    total = 8
    english = 10 ** (general_zipf("pravda") - 9)
    assert lexicon.log_prior("pravda") == pytest.approx(math.log((2 + 20000 * english) / (total + 20000)))
    assert lexicon.log_prior("pravda", own=2) == pytest.approx(math.log(20000 * english / (total + 20000)))
    assert lexicon.log_prior("pravda", own=5) == lexicon.log_prior("pravda", own=2)
    assert lexicon.log_prior("xqzv") == pytest.approx(math.log(20000 * 1e-9 / (total + 20000)))
    # P(second | first) = (pairs + 50 * P(second)) / (count of first + 50)
    prior = math.exp(lexicon.log_prior("pravda"))
    assert lexicon.log_follow("the", "pravda") == pytest.approx(math.log((2 + 50 * prior) / (3 + 50)))
    assert lexicon.log_follow("the", "pravda", own=1, own_first=1) == pytest.approx(
        math.log((1 + 50 * prior) / (2 + 50)))
    assert lexicon.log_follow("the", "pravda", own=9, own_first=9) == pytest.approx(math.log(prior))
    assert lexicon.log_follow("war", "pravda") < lexicon.log_follow("the", "pravda")


# ------------------------------------------------------------------ the channel


def test_the_prior_table_and_generic_edits():
    channel = Channel(prior_costs(), {})
    assert channel.cost("rn", "m") == 1.25 and channel.cost("l", "I") == 0.75 and channel.cost("u", "v") == 1.25
    assert channel.cost("RN", "M") == 1.25, "a confusion in capitals costs what it costs in lower case"
    assert channel.cost("x", "k") == 5.0 and channel.cost("x", "") == 6.0 and channel.cost("", "o") == 6.0
    assert channel.cost("T", "r") == 1.75 and channel.cost("t", "r") == 5.0


def test_single_edits():
    assert single_edit("prauda", "pravda") == ("u", "v") and single_edit("cornrade", "comrade") == ("rn", "m")
    assert single_edit("wrk", "work") == ("", "o") and single_edit("workers", "workers") is None
    assert single_edit("wxyzers", "workers") is None and single_edit("woTkers", "workers") == ("T", "r")
    assert single_edit("aab", "ab") == ("a", "") and single_edit("ab", "abc") == ("", "c")


def test_the_words_one_edit_away():
    index = NeighbourIndex({"pravda", "comrade", "the", "and", "war", "word"})
    assert index.neighbours("Prauda") == {"pravda"}, "one letter read wrong"
    assert index.neighbours("pravdaa") == {"pravda"} and index.neighbours("pravd") == {"pravda"}
    assert index.neighbours("wor") == {"war", "word"} and index.neighbours("war") == set()
    assert index.neighbours("cornrade") == set() and index.neighbours("xyz") == set()


def names(count: int) -> list[str]:
    """Made-up names no lexicon knows, all ending in ``dek``: ``bakodek``, ``bamidek`` …"""
    syllables = ("ba", "ko", "mi", "tu", "ze", "po", "ru", "la")
    return [a + b + "dek" for a, b in itertools.islice(itertools.product(syllables, repeat=2), count)]


def test_the_channel_learns_the_books_confusions():
    text = "the Pravda and Pravda and Pravda and Pravda and Pravda; the Prauda said. " \
           "Vardek Vardek Vardek Vardek Vardek Vardxk Tesken Tesken Tesken Tesken Tesken Teskxn Teskxn"
    lexicon = Lexicon(text)
    index = NeighbourIndex({w for w, n in lexicon.counts.items() if n >= 2})
    channel = learn_channel(lexicon, index)
    assert channel.learned == {("u", "v"): 1, ("x", "e"): 3}
    assert channel.cost("u", "v") == 1.25, "the prior table's cost stays when it is cheaper"
    assert channel.cost("x", "e") == pytest.approx(5.0 - 1.25 * math.log1p(3))
    many = " ".join(f"{n} {n} {n} {n} {n} {n[:-2]}qk" for n in names(40))
    learned = learn_channel(Lexicon(many), NeighbourIndex(names(40)))
    assert learned.learned == {("q", "e"): 40} and learned.cost("q", "e") == 0.75, "never cheaper than 0.75"
    indel = "Tesken Tesken Tesken Tesken Tesken Teskn"
    assert learn_channel(Lexicon(indel), NeighbourIndex({"tesken"})).cost("", "e") == pytest.approx(
        6.0 - 1.25 * math.log1p(1))


def test_what_the_channel_does_not_learn_from():
    counted = "Pravda Pravda Pravda Pravda Pravda Prauda Prauda Prauda"  # a reading made three times
    short = "war war war war war wor"  # too short to judge
    english = "labour labour labour labour labour labor"  # the other spelling is English
    two_ways = "Pravda Pravda Pravda Pravda Pravda Pravla Pravla Pravla Pravla Pravla Pravua"
    for text in (counted, short, english, two_ways):
        lexicon = Lexicon(text)
        index = NeighbourIndex({w for w, n in lexicon.counts.items() if n >= 2} | {"labour", "labor"})
        assert learn_channel(lexicon, index).learned == {}, text


def test_readings_by_known_confusions():
    channel = Channel(prior_costs(), {})
    readings = confusion_readings("cornrade", channel)
    assert readings["cornrade"] == 0.0 and readings["comrade"] == 1.25 and readings["eornrade"] == 1.5
    assert confusion_readings("clirnb", channel)["climb"] == 1.25
    assert confusion_readings("cllrn", channel)["dlm"] == 2.75
    assert "dIm" not in confusion_readings("cllrn", channel), "no more than two confusions"
    assert confusion_readings("rnrn", channel)["mm"] == 2.5


def test_candidates_of_a_token():
    channel = Channel(prior_costs(), {})
    index = NeighbourIndex({"pravda", "word", "workers"})
    found = candidates("Prauda", channel, index)
    assert found["pravda"] == 1.25 and "prauda" not in found
    assert candidates("woTkers", channel, index)["wotkers"] == CASE_COST
    assert candidates("woTkers", channel, index)["workers"] == 1.75
    assert candidates("vord", channel, index)["word"] == 5.0
    assert "word" not in candidates("Vord", channel, index), "a capital is not read as another letter lightly"
    assert "word" not in candidates("=vord", channel, index), "a token with marks is not looked up"


def test_confusion_spots_are_every_place_a_confusion_of_the_table_stands():
    """The spots looked up by a reading's own letters are exactly those a search of the
    reading for each confusion of the table finds, in the table's order then left to right
    (the order settles ties among equally cheap readings, so it must not change)."""
    from pipeline.repair.channel import confusion_spots
    channel = Channel(prior_costs(), {})
    for reading in ("cornrade", "clirnb", "IIlusion", "diplomacj^", "5oviet", "vvhirl", "rn", "m", "a"):
        searched = []
        for wrong, right, cost in channel.patterns:
            at = reading.find(wrong)
            while at >= 0:
                searched.append((at, wrong, right, cost))
                at = reading.find(wrong, at + 1)
        assert confusion_spots(reading, channel.patterns_by_wrong) == searched, reading
