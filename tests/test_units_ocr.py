"""The OCR word rules one by one, on short passages with the book's kinds of damage:
letter confusions judged by the noisy channel, damaged numbers and years, Roman
numerals, split and glued words, stray marks and spacing; and what they must leave
alone (words, names the book repeats, halves of words broken at a line end).
"""

from __future__ import annotations

import pytest

from pipeline.model import Change, Source
from pipeline.repair.lexicon import Lexicon, general_zipf
from pipeline.repair.ocr import (RARE_WORD, TOKEN, WordModel, best_candidate, close_up_punctuation, context, correction,
                                 drop_stray_marks, fix_confused_letters, fix_damaged_numbers, fix_ocr_words,
                                 fix_roman_numerals, fix_split_words, fragment_edges, is_attested, is_non_word, is_word,
                                 join_split_words, match_case, neighbour_word, number_readings, split_glued_words,
                                 support_needed, touches_fragment)

EMPTY = Lexicon("")
BOOK_TEXT = ("the workers and the workers of diplomacy and diplomacy. The Pravda wrote in Pravda and Pravda and "
             "Pravda and Pravda, the Soviet and Soviet government. Chicherin and Chicherin met.")
BOOK = Lexicon(BOOK_TEXT)


def record(changes):
    return [(c.rule, c.before, c.after, c.confidence, c.kind) for c in changes]


def ocr(text: str, kind: str = "ia-ocr") -> Source:
    return Source("b.txt", "b.txt", text, kind, "", "utf-8")


# ------------------------------------------------------------------ letter confusions


def test_confused_letters_are_read_through_the_channel():
    text = ("We appeal to the woTkers; secret diplomacj^, and the Prauda wrote. CHlCHERIN said: a Chicberin "
            "telegram to the 5oviet government; we, a5 Communists, and the peasanTs of the governrnent of the "
            "workers of Britain and Pravda, 1st and 2nd, B.S.P. and S.S.R., a I")
    changes = fix_confused_letters(text, BOOK)
    assert [(c.before, c.after) for c in changes] == [
        ("woTkers", "workers"), ("diplomacj^", "diplomacy"), ("Prauda", "Pravda"), ("CHlCHERIN", "CHICHERIN"),
        ("Chicberin", "Chicherin"), ("5oviet", "Soviet"), ("a5", "as"), ("peasanTs", "peasants"),
        ("governrnent", "government")]
    for c in changes:
        assert (c.rule, c.kind, text[c.start:c.end]) == ("ocr-confusion", "correction", c.before)
        assert c.confidence == 0.99, "one reading far ahead of any other"


def test_a_reading_no_clear_winner_is_flagged_not_changed():
    changes = fix_confused_letters("the Agamali-ogly speech and Agamali-og1y", BOOK)
    assert record(changes) == [("ocr-unclear", "og1y", "og1y", 0.5, "flag")]
    assert record(fix_confused_letters("a xqzt^ mark", BOOK)) == [("ocr-unclear", "xqzt^", "xqzt^", 0.5, "flag")]
    assert fix_confused_letters("the VTsIK and VtsIK", BOOK) == [], "capitals inside a word: an abbreviation"


def test_how_much_support_a_reading_needs():
    assert support_needed("woTkers", BOOK) == 1 and support_needed("diplomacj^", BOOK) == 1
    assert support_needed("labour", BOOK) is None and support_needed("Pravda", BOOK) is None
    assert support_needed("Chicherin", BOOK) == 8, "a non-word the book repeats yields only to a far commoner one"
    assert support_needed("Prauda", BOOK) == 2 and support_needed("xqzt", BOOK) == 2
    assert support_needed("sholl", BOOK) == RARE_WORD
    assert support_needed("impor", Lexicon("impor impor")) is None
    assert support_needed("impor", Lexicon("impor")) == RARE_WORD and support_needed("bolshevik", EMPTY) is None


def test_support_thresholds_at_zipf_two_and_a_half_and_one_and_a_half():
    """A word English knows at zipf 2.5 or more is never respelt ("encamped", exactly 2.5);
    just below ("subjection", 2.49) it is a rare word, which yields only to a far commoner
    one; at exactly 1.5 ("declaimed") still rare, and below that ("mutualist", 1.49) a
    non-word that a reading the book uses twice may replace."""
    assert general_zipf("encamped") == 2.5 and general_zipf("subjection") == 2.49
    assert support_needed("encamped", EMPTY) is None
    assert support_needed("subjection", EMPTY) == RARE_WORD
    assert general_zipf("declaimed") == 1.5 and general_zipf("mutualist") == 1.49
    assert support_needed("declaimed", EMPTY) == RARE_WORD
    assert support_needed("mutualist", EMPTY) == 2


def test_a_repeated_misreading_yields_only_to_a_word_english_knows_at_zipf_two():
    """When the OCR repeated its misreading (support 4), the reading must be in the book four
    times and known to English at zipf 2.0 or more: "chartist" (exactly 2.0) is, "nonunion"
    (1.99) is not."""
    assert general_zipf("chartist") == 2.0 and general_zipf("nonunion") == 1.99
    assert is_attested("chartist", 1.0, Lexicon("the Chartist " * 4), 4)
    assert not is_attested("nonunion", 1.0, Lexicon("the nonunion " * 4), 4)
    assert not is_attested("chartist", 1.0, Lexicon("the Chartist " * 3), 4)


def test_which_readings_are_attested():
    assert is_attested("shall", 1.0, BOOK, RARE_WORD) and not is_attested("shall", 3.0, BOOK, RARE_WORD)
    assert not is_attested("nail", 1.0, BOOK, RARE_WORD)
    assert is_attested("pravda", 1.0, BOOK, 4) and not is_attested("pravda", 1.0, BOOK, 6)
    assert not is_attested("pravda", 1.0, BOOK, 4, own=2) and not is_attested("workers", 1.0, EMPTY, 4)
    assert is_attested("workers", 5.0, BOOK, 2) and is_attested("comrade", 5.0, EMPTY, 1)
    assert not is_attested("comrade", 5.0, EMPTY, 2) and is_attested("labour", 5.0, EMPTY, 2)
    assert is_attested("pravda", 5.0, Lexicon("pravda pravda pravda"), 2)
    assert not is_attested("pravda", 5.0, Lexicon("pravda pravda"), 2)
    assert is_attested("comrade", 1.0, EMPTY, 2) and is_attested("comrade", 3.0, EMPTY, 2)
    assert not is_attested("ultimatum", 3.0, EMPTY, 2) and is_attested("ultimatum", 2.5, EMPTY, 2)
    assert is_attested("pravda", 3.0, Lexicon("pravda pravda"), 2)
    assert not is_attested("pravda", 3.0, Lexicon("pravda pravda"), 2, own=1)
    assert is_word("pravda", BOOK) and is_word("workers", EMPTY) and not is_word("pravda", Lexicon("pravda"))
    assert is_non_word("prauda", BOOK) and not is_non_word("workers", BOOK)
    assert is_non_word("prauda", Lexicon("prauda")) and not is_non_word("prauda", Lexicon("prauda prauda"))


def test_the_best_candidate_and_its_confidence():
    model = WordModel(BOOK)
    assert model.scored("woTkers", 1) == {"workers": pytest.approx(BOOK.log_prior("workers") - 1.75)}
    assert best_candidate("woTkers", model, 1) == ("workers", 0.99)
    assert best_candidate("xqzt", model, 2) is None
    assert best_candidate("sholl", model, RARE_WORD) == ("shall", 0.99)
    assert best_candidate("PRAUDA", model, 2) == ("PRAVDA", 0.99)
    tie = WordModel(EMPTY)
    assert best_candidate("cornrade", tie, 2)[0] == "comrade"
    assert best_candidate("deor", tie, 2) == ("", 0.0), "dear or door: no clear winner"
    assert record(fix_confused_letters("the deor opened", EMPTY)) == [("ocr-unclear", "deor", "deor", 0.5, "flag")]


def test_confidence_grows_with_the_margin():
    model = WordModel(EMPTY)
    word, confidence = best_candidate("hirn", model, 2)
    assert word == "him" and 0.7 < confidence <= 0.99
    scored = sorted(model.scored("hirn", 2).values(), reverse=True)
    margin = scored[0] - scored[1] if len(scored) > 1 else 3.0
    assert confidence == pytest.approx(min(0.99, 0.7 + 0.1 * margin))


def test_a_narrow_margin_gives_a_lower_confidence():
    """"whitc" reads as "white" (c for e) or "while" (c for e and t for l): "white" wins by
    about 1.19, so the confidence is 0.7 + 0.1 * 1.19 = 0.82, not the 0.99 of a clear win."""
    assert record(fix_confused_letters("the whitc army", EMPTY)) == [
        ("ocr-confusion", "whitc", "white", 0.82, "correction")]
    assert record(fix_confused_letters("the Whitc Guards", EMPTY)) == [
        ("ocr-confusion", "Whitc", "White", 0.82, "correction")]


def test_a_compound_part_takes_only_known_confusions():
    model = WordModel(EMPTY)
    assert best_candidate("vention", model, 2) == ("mention", 0.99)
    assert best_candidate("vention", model, 2, compound=True) is None
    assert model.generic_edits("vention") == {"mention"} and model.generic_edits("cornrade") == set()


def test_the_neighbours_decide_between_readings():
    assert neighbour_words("the workers. And (the) war; of") == (
        ["", "the", "", "and", "the", ""], ["workers", "", "the", "war", "", ""])
    assert context(BOOK, "", "workers", "") == 0.0
    with_both = context(BOOK, "the", "workers", "of")
    with_previous = context(BOOK, "the", "workers", "")
    assert with_both > with_previous > 0.0
    assert context(BOOK, "the", "workers", "", own=2) < with_previous
    assert context(BOOK, "xqzt", "workers", "") < with_previous


def neighbour_words(text: str):
    tokens = list(TOKEN.finditer(text))
    return ([neighbour_word(tokens, k, -1) for k in range(len(tokens))],
            [neighbour_word(tokens, k, 1) for k in range(len(tokens))])


def test_the_reading_takes_the_tokens_case():
    assert match_case("chicherin", "CHlCHERIN") == "CHICHERIN" and match_case("workers", "woTkers") == "workers"
    assert match_case("pravda", "Prauda") == "Pravda" and match_case("soviet", "5oviet") == "soviet"
    assert match_case("soviet", "5oviet", Lexicon("Soviet Soviet soviet")) == "Soviet"
    assert match_case("soviet", "5oviet", Lexicon("Soviet soviet")) == "soviet"
    assert match_case("us", "US") == "US" and match_case("usa", "USa") == "USA" and match_case("usa", "Usa") == "Usa"
    assert match_case("as", "a5") == "as"


# ------------------------------------------------------------------ numbers


def test_roman_numerals_with_a_digit():
    text = "Miscellany XXXV1, XXX1V and 1 and XI and IV1 or 1V and M1"
    assert record(fix_roman_numerals(text, EMPTY)) == [("roman-numeral-digit", "XXXV1", "XXXVI", 0.9, "correction"),
                                                       ("roman-numeral-digit", "XXX1V", "XXXIV", 0.9, "correction")]
    assert [c.start for c in fix_roman_numerals(text, EMPTY)] == [text.index("XXXV1"), text.index("XXX1V")]
    assert fix_roman_numerals("in 111 cases", EMPTY) == []


def test_damaged_numbers_and_years():
    text = "in 1920 and 1920 and 1919, October 15, 1S20 and page 2o, i918, 1SS0, I9I7, 2OO and 1o, lS, so"
    assert record(fix_damaged_numbers(text, EMPTY)) == [
        ("ocr-damaged-number", "1S20", "1920", 0.75, "correction"), ("ocr-damaged-number", "2o", "20", 0.9, "correction"),
        ("ocr-damaged-number", "i918", "1918", 0.9, "correction"), ("ocr-damaged-number", "I9I7", "1917", 0.9, "correction"),
        ("ocr-damaged-number", "2OO", "200", 0.9, "correction"), ("ocr-damaged-number", "1o", "10", 0.9, "correction")]
    assert fix_damaged_numbers("the year 1S18 came", EMPTY) == [], "a year the book never prints is left"
    assert record(fix_damaged_numbers("in 1818 and 1S18", EMPTY)) == [
        ("ocr-damaged-number", "1S18", "1818", 0.75, "correction")]
    assert fix_damaged_numbers("in 3o and 2nd and 1B", Lexicon("")) != []
    assert fix_damaged_numbers("the 1S20s, 4/1o, x1o, 1o/2", EMPTY) == []
    assert fix_damaged_numbers("l7OO", EMPTY) == [], "no year before 1800"
    assert record(fix_damaged_numbers("in 1Z1Z", EMPTY)) == []


def test_a_number_with_no_reading_does_not_stop_the_search():
    """"l7OO" can only be 1700, before any year the book may print: it is passed over, and
    the damaged page number after it is still repaired."""
    assert record(fix_damaged_numbers("in l7OO and on page 2o", EMPTY)) == [
        ("ocr-damaged-number", "2o", "20", 0.9, "correction")]


def test_readings_of_a_damaged_number():
    assert number_readings("1S20") == ["1520", "1920", "1820", "1320"]
    assert number_readings("2o") == ["20"] and number_readings("iS") == ["15"] and number_readings("gq") == ["99"]
    assert number_readings("SB") == ["58"] and number_readings("ZA") == ["24"] and number_readings("Gl") == ["61"]


# ------------------------------------------------------------------ word boundaries


def test_split_words_are_joined():
    lexicon = Lexicon("complete intervention complete intervention co-operation co-operation")
    text = "but complet e agree- and non-interventi on the questi on and co-ope ration of a b and I am the war"
    assert record(join_split_words(text, lexicon)) == [
        ("split-word", "complet e", "complete", 0.9, "correction"),
        ("split-word", "interventi on", "intervention", 0.9, "correction"),
        ("split-word", "questi on", "question", 0.9, "correction"),
        ("split-word", "ope ration", "operation", 0.9, "correction")]
    assert join_split_words("the war and the war and the war and the warfare", Lexicon("the war " * 3)) == []
    assert join_split_words("in deed and a part", EMPTY) == [], "two words are two words"
    assert record(fix_split_words(ocr("the questi on of it"))) == [("split-word", "questi on", "question", 0.9,
                                                                    "correction")]
    assert fix_split_words(ocr("the questi on of it", "mia")) == []


def test_a_hyphenated_word_joins_only_a_piece_its_own_compound_needs():
    """"co-ope ration": the book writes "co-operation", so the piece joins even though
    "ration" is a word the book uses often; "well-known fact" is two words whatever
    the hyphen."""
    lexicon = Lexicon("co-operation and the ration, the ration and the ration")
    assert record(join_split_words("the co-ope ration of the villages", lexicon)) == [
        ("split-word", "ope ration", "operation", 0.9, "correction")]
    assert join_split_words("the well-known fact", EMPTY) == []


def test_a_name_the_book_prints_three_times_is_rejoined():
    """A name English does not know ("Rakovsky", zipf 1.02) is a word to rejoin once the
    book prints it three times; twice is not enough."""
    text = "the speech of Rako vsky was long"
    thrice = Lexicon("Rakovsky spoke. Rakovsky wrote. Rakovsky left.")
    assert record(join_split_words(text, thrice)) == [("split-word", "Rako vsky", "Rakovsky", 0.9, "correction")]
    assert join_split_words(text, Lexicon("Rakovsky spoke. Rakovsky wrote.")) == []


def test_two_words_are_not_joined_because_the_second_is_rare():
    """"de luxe" is two words although "deluxe" is English and "luxe" (zipf 2.99) is not
    quite a word: only a stray single letter, a non-word, or a rare piece of a far commoner
    word marks a fragment."""
    assert join_split_words("a de luxe edition of the works", EMPTY) == []
    assert record(join_split_words("the t reaty", EMPTY)) == [("split-word", "t reaty", "treaty", 0.9, "correction")]


def test_glued_words_are_parted():
    lexicon = Lexicon("the peoples whatever to the horrors of an")
    text = "long, the'peoples long and whatever.to the horrors of'an U.S.A we'll don't Genoa,he"
    assert [(c.before, c.after, text[c.start - 3:c.end + 3]) for c in split_glued_words(text, lexicon)] == [
        ("'", " ", "the'peo"), (".", " ", "ver.to "), ("'", " ", " of'an "), (",", " ", "noa,he")]
    assert all((c.rule, c.confidence) == ("glued-words", 0.85) for c in split_glued_words(text, lexicon))
    assert split_glued_words("the'peoples", Lexicon("the'peoples and the'peoples")) == [], "a form the book writes"
    assert split_glued_words("xqzt'peoples", lexicon) == []
    assert split_glued_words("in'xqzt", lexicon) == []


# ------------------------------------------------------------------ marks and spacing


def test_stray_marks():
    text = "programme of \\\nreconstruction. J\nnumber ,of the .the {see p. 5) and Wilson A Jones J\nnot J\n^ letter"
    assert [(c.rule, c.before, c.after, c.confidence, c.kind) for c in drop_stray_marks(text, EMPTY)] == [
        ("margin-mark", " \\", "", 0.85, "removal"), ("margin-mark", " J", "", 0.85, "removal"),
        ("margin-mark", " J", "", 0.85, "removal"), ("margin-mark", " J", "", 0.85, "removal"),
        ("stray-punctuation", ",", "", 0.85, "removal"), ("stray-punctuation", ".", "", 0.85, "removal"),
        ("brace-for-parenthesis", "{", "(", 0.85, "correction"), ("caret-for-capital-a", "^", "A", 0.75, "correction")]
    assert drop_stray_marks("Clause A J\nMr. Jones", EMPTY) == [], "J after a capital may be an initial"
    assert [c.before for c in drop_stray_marks("Comrades / \nand | \n", EMPTY)] == [" /", " |"]
    assert [c.before for c in drop_stray_marks("{ Wilson\n", EMPTY)] == ["{ "]
    assert drop_stray_marks("{a} [b] {c]", EMPTY) == []


def test_spaces_before_punctuation_and_inside_brackets():
    text = "the other , i.e. camp ). ( Extract ) . . 3 and Genoa . The end ! and what ? Yes"
    assert [(c.rule, c.before, c.after, c.confidence, c.kind) for c in close_up_punctuation(text, None)] == [
        ("space-before-punctuation", " ,", ",", 0.9, "normalisation"),
        ("space-before-punctuation", " )", ")", 0.9, "normalisation"),
        ("space-inside-bracket", "( ", "(", 0.9, "normalisation"),
        ("space-before-punctuation", " )", ")", 0.9, "normalisation"),
        ("space-before-punctuation", " .", ".", 0.85, "normalisation"),
        ("space-before-punctuation", " !", "!", 0.9, "normalisation"),
        ("space-before-punctuation", " ?", "?", 0.9, "normalisation")]
    assert [c.before for c in close_up_punctuation("the end .", None)] == [" ."]
    assert close_up_punctuation("1 . 2 and x .y and ( 5", None) == []


# ------------------------------------------------------------------ the rules together


def test_the_rules_run_only_on_ocr_text_and_never_overlap():
    text = "We appeal to the woTkers of Britain and the\n4n note and 1S20 and 1920 and camp ) here"
    changes = fix_ocr_words(ocr(text))
    assert record(changes) == [("ocr-damaged-number", "1S20", "1920", 0.75, "correction"),
                               ("ocr-confusion", "woTkers", "workers", 0.99, "correction"),
                               ("space-before-punctuation", " )", ")", 0.9, "normalisation")]
    assert fix_ocr_words(ocr(text, "mia")) == []
    taken = Change("editor-correction", text.index("woTkers"), text.index("woTkers") + 7, "woTkers", "w", 1.0)
    assert [c.before for c in fix_ocr_words(ocr(text), (taken,))] == ["1S20", " )"]


def test_halves_of_words_broken_at_a_line_end_are_not_judged():
    assert fix_ocr_words(ocr("the policy of inter\nvention in Russia")) == []
    assert record(fix_ocr_words(ocr("the policy of a\nvention in Russia"))) == [
        ("ocr-confusion", "vention", "mention", 0.99, "correction")]
    text = "the interven¬\ntlon of the workers"
    hyphen = Change("line-end-hyphen:no", text.index("¬"), text.index("¬") + 2, "¬\n", "", 0.9, kind="hyphen",
                    decision="no")
    assert [c.before for c in fix_ocr_words(ocr(text))] == ["tlon"]
    assert fix_ocr_words(ocr(text), (hyphen,)) == []
    kept = Change("line-end-hyphen:keep", hyphen.start, hyphen.end, "¬\n", "-", 0.9, kind="hyphen", decision="keep")
    assert [c.before for c in fix_ocr_words(ocr(text), (kept,))] == ["tlon"]
    dangling = Change("dangling-line-end-hyphen", hyphen.start, hyphen.start + 1, "¬", "", 0.5, kind="removal")
    assert edges_of(dangling) == {hyphen.start, hyphen.start + 1}


def test_a_space_before_punctuation_is_closed_even_beside_a_half_word():
    """Closing up a space is no judgement of a word: it is kept where the line starts with
    the rest of a word broken above ("inter / vention ,")."""
    assert record(fix_ocr_words(ocr("the policy of inter\nvention , and the war"))) == [
        ("space-before-punctuation", " ,", ",", 0.9, "normalisation")]


def edges_of(*changes):
    return fragment_edges("", changes)


def test_the_word_of_a_change_is_read_whole_from_its_edges():
    """A change inside a token is judged by the whole token: a glued comma in "vention,and"
    belongs to the rest of the word broken at "inter¬" above it; a fix of "S0VIET" in
    "S0VIET-MEXICAN¬" belongs to the word broken at the line end."""
    text = "the policy of inter¬\nvention,and the war"
    comma, mark = text.index(","), text.index("¬")
    glued = correction("glued-words", text, comma, comma + 1, " ", 0.85)
    assert touches_fragment(glued, text, {mark, mark + 2}, Lexicon(text))
    assert not touches_fragment(glued, text, {mark}, Lexicon(text))
    heading = "THE S0VIET-MEXICAN¬\nTREATY"
    fix = correction("ocr-confusion", heading, 4, 10, "SOVIET", 0.9)
    assert touches_fragment(fix, heading, {heading.index("¬")}, EMPTY)
    assert not touches_fragment(fix, heading, set(), EMPTY)


def test_the_rest_of_a_word_alone_on_the_line_above():
    """"vention" at a line start finishes "inter", the only word of the line above."""
    text = "the policy of\ninter\nvention in Russia"
    at = text.index("vention")
    assert touches_fragment(correction("ocr-confusion", text, at, at + 7, "x", 0.9), text, set(), Lexicon(text))


def test_where_a_change_touches_a_broken_word():
    text = "the inter\nvention and\n4n and the\nlently and x\nvention"
    lexicon = Lexicon(text)

    def change_at(word, occurrence=0):
        start = -1
        for _ in range(occurrence + 1):
            start = text.index(word, start + 1)
        return correction("ocr-confusion", text, start, start + len(word), "x", 0.9)
    assert touches_fragment(change_at("vention"), text, set(), lexicon)
    assert touches_fragment(change_at("4n"), text, set(), lexicon)
    assert not touches_fragment(change_at("lently"), text, set(), lexicon)
    assert touches_fragment(change_at("lently"), text, set(), None)
    assert not touches_fragment(change_at("vention", 1), text, set(), lexicon)
    assert not touches_fragment(change_at("and"), text, set(), lexicon)
    assert touches_fragment(change_at("and"), text, {change_at("and").start}, lexicon)
    assert touches_fragment(change_at("inter"), text, {text.index("inter") + 5}, lexicon)
    assert correction("r", "the woTkers", 4, 11, "workers", 0.987) == Change("r", 4, 11, "woTkers", "workers", 0.99)


def test_the_sieve_never_drops_a_reading_the_judgement_would_take():
    """``could_be_attested`` is a cheap first look before ``is_attested``: on the book's own
    suspect words, every reading the full judgement takes passes the sieve."""
    from pipeline.repair.channel import candidates
    from pipeline.repair.ocr import could_be_attested, suspect_core
    from conftest import RAW
    text = (RAW / "001_57a5e7fdb55d5ea9.txt").read_text(encoding="utf-8")[:300_000]
    lexicon = Lexicon(text)
    model = WordModel(lexicon)
    taken = 0
    for token in sorted({m.group(1) for m in TOKEN.finditer(text)})[:3000]:
        found = suspect_core(token, lexicon)
        if found is None:
            continue
        _, core, needed = found
        for word, cost in candidates(core, model.channel, model.index).items():
            if is_attested(word, cost, lexicon, needed, lexicon.own_count(core, word)):
                taken += 1
                assert could_be_attested(word, lexicon), (core, word)
    assert taken >= 30, "the sample holds readings the judgement takes"
