"""OCR word repairs for printed-book text, each a small named rule.

Letter confusions are judged by a noisy channel (``channel``): for a token that is no
word, each candidate reading is scored by how likely it is in this book (its own counts,
smoothed with English frequencies), how likely the OCR turned it into the token (the
confusion costs the book itself shows), and how well it fits its neighbours (the book's
word pairs). A word is corrected only when one candidate clearly wins; a token that is
a word is changed only when its neighbours all but demand another reading one cheap
confusion away (``he venomous`` -> ``be venomous``). What is not clear is left as it is.
"""

from __future__ import annotations

import functools
from collections import Counter

import regex

from pipeline.model import Change, Source
from pipeline.ocrforms import DIGIT_LOOKALIKES, YEAR_S
from pipeline.repair.channel import (CHEAP_COST, GENERIC_COST, Channel, NeighbourIndex, candidates, learn_channel,
                                     neighbour_index, stray_capital)
from pipeline.context import context_of
from pipeline.repair.lexicon import Lexicon, english_frequencies
from pipeline.repair.spans import Occupancy

#: a token: a run between spaces and dashes with a letter or digit in it
TOKEN = regex.compile(r"(?<![^\s—–-])((?=[^\s—–-]*[^\W_])[^\s—–-]++)")
CORE = regex.compile(r"^(?P<lead>[(\[{“‘\"'.,]*)(?P<core>.*?)(?P<trail>[.,;:!?)\]}”’\"'*]*)$")
JUNK = regex.compile(r"[\d^|\\]")
ORDINAL = regex.compile(r"\d+(?:st|nd|rd|th)")
LETTER = regex.compile(r"[^\W\d_]")
WORD_SHAPE = regex.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
HAS_DIGIT = regex.compile(r"\S*\d")
ROMAN_LETTERS = regex.compile(r"[VXLCDM]")
ROMAN = regex.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")


def fix_ocr_words(source: Source, done=(), context=None) -> list[Change]:
    """Run the word rules on an OCR text; return their changes, without overlaps."""
    if source.kind != "ia-ocr":
        return []
    context = context_of(source, context)
    lexicon, model = context.lexicon, context.word_model
    fragments = fragment_edges(source.text, done)
    changes: list[Change] = []
    confused_letters = functools.partial(fix_confused_letters, model=model)  # the book's model, made once
    for rule, judges_words in ((fix_roman_numerals, True), (fix_damaged_numbers, True), (confused_letters, True),
                               (split_glued_words, True), (drop_stray_marks, False),
                               (close_up_punctuation, False)):
        taken = Occupancy(list(done) + changes)
        changes.extend(c for c in rule(source.text, lexicon) if taken.is_free(c)
                       and not (judges_words and touches_fragment(c, source.text, fragments, lexicon)))
    return changes


def fix_split_words(source: Source, _done=(), context=None) -> list[Change]:
    """Join words the OCR split with a space; runs before the hyphen decisions, which
    then see the whole continuation (``non¬ / interventi on`` -> ``non-intervention``)."""
    if source.kind != "ia-ocr":
        return []
    return join_split_words(source.text, context_of(source, context).lexicon)


def fragment_edges(text: str, done) -> set[int]:
    """Offsets where a word broken at a line end stops or resumes: the pieces there
    are halves of words (``tation``, ``cerning``) and must not be judged as words."""
    edges = set()
    for change in done:  # a hyphen the word keeps joins two words, each whole (Austro-|Hungarian)
        if (change.kind == "hyphen" and change.decision != "keep") or change.rule == "dangling-line-end-hyphen":
            edges.update((change.start, change.end))
    return edges


def touches_fragment(change: Change, text: str, edges: set[int], lexicon: Lexicon | None = None) -> bool:
    """True when the change's word ends at a broken-word mark or starts a continued word:
    a line that starts with the rest of the word above it, whose line-end mark was lost
    (``excel / lently``), or with a note's mangled number (``4n``)."""
    start = change.start
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    end = change.end
    while end < len(text) and not text[end].isspace() and text[end] not in "¬":
        end += 1
    if start in edges or end in edges:
        return True
    if not (start == 0 or text[start - 1] == "\n"):
        return False
    if end - start <= 3 and HAS_DIGIT.match(text[start:end]):
        return True  # a note's mangled number (the segmenter reads those from their sequence)
    return text[start:start + 1].islower() and continues_word_above(text, start, text[start:end], lexicon)


def continues_word_above(text: str, start: int, token: str, lexicon: Lexicon | None) -> bool:
    """Whether ``token``, at a line's start, finishes the last word of the line above."""
    if lexicon is None:
        return True
    above = text[text.rfind("\n", 0, max(0, start - 1)) + 1:max(0, start - 1)].split()
    if not above or not LETTER.search(above[-1][-1:]):
        return False
    joined = "".join(LETTER.findall(above[-1])) + "".join(LETTER.findall(token))
    return lexicon.in_book(joined) >= 1 or lexicon.zipf(joined) >= 2.5


def correction(rule: str, text: str, start: int, end: int, after: str, confidence: float,
               kind: str = "correction") -> Change:
    return Change(rule=rule, start=start, end=end, before=text[start:end], after=after,
                  confidence=round(confidence, 2), kind=kind)


# ------------------------------------------------------------------ letter confusions


class WordModel:
    """What the letter rules judge with: the book's lexicon, its channel, and the index
    of words one edit away. Built once per book."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self.index: NeighbourIndex = neighbour_index(lexicon)
        self.channel: Channel = learn_channel(lexicon, self.index)
        self.readings: dict[tuple[str, int], dict[str, float]] = {}

    def scored(self, core: str, needed: int) -> dict[str, float]:
        """The attested readings of ``core`` and their score before context: log P(reading)
        minus the channel's cost of reading it as ``core``."""
        key = (core, needed)
        if key not in self.readings:
            lexicon, found = self.lexicon, {}
            for word, cost in candidates(core, self.channel, self.index).items():
                if not could_be_attested(word, lexicon):
                    continue  # most readings are no word at all: dropped by two look-ups
                own = lexicon.own_count(core, word)
                if WORD_SHAPE.fullmatch(word) and is_attested(word, cost, lexicon, needed, own):
                    found[word] = lexicon.log_prior(word, own) - cost
            self.readings[key] = found
        return self.readings[key]

    def generic_edits(self, core: str) -> set[str]:
        """The readings of ``core`` only an edit no known confusion explains would give."""
        return {w for w, cost in candidates(core, self.channel, self.index).items() if cost >= GENERIC_COST}


def could_be_attested(word: str, lexicon: Lexicon) -> bool:
    """Whether ``is_attested`` could take ``word`` at all (the book uses it twice, or English
    knows it well enough): a cheap sieve before the full judgement, never narrower than it.

    >>> could_be_attested("workers", EMPTY_LEXICON), could_be_attested("wotkers", EMPTY_LEXICON)
    (True, False)
    """
    return lexicon.in_book(word) >= 2 or word.replace("’", "'") in attestable_english()


#: the lowest general frequency (Zipf) at which ``is_attested`` may take a word on English's
#: word alone, less a margin for the rounding of ``general_zipf``
ATTESTABLE_ZIPF = 2.9


@functools.lru_cache(maxsize=1)
def attestable_english() -> frozenset[str]:
    """English words common enough to be a correction on their own (the same for every
    book: made once per process)."""
    threshold = 10 ** (ATTESTABLE_ZIPF - 9)
    return frozenset(w for w, f in english_frequencies().items() if f >= threshold)


EMPTY_LEXICON = Lexicon("")


def is_word(word: str, lexicon: Lexicon) -> bool:
    """Known to the book (twice or more) or common in English."""
    return lexicon.in_book(word) >= 2 or lexicon.zipf(word) >= 3.0


def is_attested(candidate: str, cost: float, lexicon: Lexicon, needed: int = 2, own: int = 0) -> bool:
    """A correction must be a word of the book itself (not counting the token's own
    occurrences), or a common English word; the less likely the confusion, the commoner
    the word must be (``noit`` is not ``nail``)."""
    book = lexicon.in_book(candidate) - own
    if needed == RARE_WORD:
        return cost <= CHEAP_COST and lexicon.zipf(candidate) >= 4.5
    if needed > 2:  # the OCR repeated its misreading: only a well-attested name or word wins
        return book >= needed and lexicon.zipf(candidate) >= 2.0
    if cost >= GENERIC_COST:  # an edit no known confusion explains: only the book's words, or very common ones
        return book >= 3 or lexicon.zipf(candidate) >= (3.5 if needed == 1 else 4.5)
    return book >= 2 or lexicon.zipf(candidate) >= (3.0 if cost <= CHEAP_COST else 3.5)


def is_non_word(word: str, lexicon: Lexicon) -> bool:
    return lexicon.in_book(word) <= 1 and lexicon.zipf(word) < 1.5


def fix_confused_letters(text: str, lexicon: Lexicon, model: WordModel | None = None) -> list[Change]:
    """``woTkers`` -> ``workers``, ``diplomacj^`` -> ``diplomacy``, ``CHlCHERIN`` -> ``CHICHERIN``.

    >>> lex = Lexicon("the workers and the workers of diplomacy and diplomacy")
    >>> [c.after for c in fix_confused_letters("We appeal to the woTkers; secret diplomacj^, and", lex)]
    ['workers', 'diplomacy']
    """
    model = model or WordModel(lexicon)
    changes, judged = [], {}
    tokens = list(TOKEN.finditer(text))
    for k, match in enumerate(tokens):
        token = match.group(1)
        if token not in judged:  # a book repeats its words: each is parsed and judged once
            judged[token] = suspect_core(token, lexicon)
        found = judged[token]
        if found is None:
            continue
        lead, core, needed = found
        start = match.start(1) + lead
        previous, following = neighbour_word(tokens, k, -1), neighbour_word(tokens, k, 1)
        compound = text[start - 1:start] == "-" or text[start + len(core):start + len(core) + 1] == "-"
        best = best_candidate(core, model, needed, previous, following, compound)
        if best and best[0]:
            word, confidence = best
            changes.append(correction("ocr-confusion", text, start, start + len(core), word, confidence))
        elif best or JUNK.search(core) or stray_capital(core):  # no clear winner: left, and flagged
            changes.append(Change("ocr-unclear", start, start + len(core), core, core, 0.5, kind="flag"))
    return changes


def suspect_core(token: str, lexicon: Lexicon) -> tuple[int, str, int] | None:
    """The length of a token's leading marks, its core and the support a reading needs
    (``support_needed``), or None when the core is no word to respell: a number, an
    abbreviation (B.S.P., S.S.R.), or a word the lexicon vouches for."""
    parts = CORE.match(token)
    core = parts.group("core")
    if len(core) < 2 or not LETTER.search(core) or "." in core or ORDINAL.fullmatch(core):
        return None
    needed = support_needed(core, lexicon)
    return None if needed is None else (len(parts.group("lead")), core, needed)


def neighbour_word(tokens, k: int, step: int) -> str:
    """The word beside token ``k`` (its core, lower case), or "" at a sentence break."""
    j = k + step
    if not 0 <= j < len(tokens):
        return ""
    parts = CORE.match(tokens[j].group(1))
    between = parts.group("trail") if step < 0 else CORE.match(tokens[k].group(1)).group("trail")
    if any(mark in between for mark in ".!?;:"):
        return ""
    return parts.group("core").lower()


def support_needed(core: str, lexicon: Lexicon) -> int | None:
    """How often the book must use a candidate for ``core`` to be replaced (None: leave it).

    A token with junk in it (``diplomacj^``, ``woTkers``, ``a3``) is always suspect (1 means:
    a candidate the book uses twice, or a common English word, will do); an English word
    never is; a non-word the OCR repeated (``Prauda`` six times) yields only to a known
    reading the book uses four times as often (``Pravda``, 33 times).
    """
    if JUNK.search(core) or stray_capital(core):
        return 1  # junk in the word is evidence enough: a common English word may replace it
    seen = lexicon.in_book(core)
    if lexicon.zipf(core) >= RARE_WORD_ZIPF or (lexicon.zipf(core) >= 1.5 and seen >= 2):
        return None
    if lexicon.zipf(core) >= 1.5:
        return RARE_WORD  # a rare word once: yields only to a far commoner one a cheap confusion away
    return 2 if seen <= 1 else 4 * seen


#: a word rarer than this, seen once, may be a misreading of a common word (``sholl``)
RARE_WORD_ZIPF = 2.5
RARE_WORD = 0


#: how much the neighbouring words count against the reading's own likelihood
CONTEXT_WEIGHT = 0.5
#: how far (natural log) the best reading must stand above the next to be taken
MARGIN = 1.0


def best_candidate(core: str, model: WordModel, needed: int = 2, previous: str = "",
                   following: str = "", compound: bool = False) -> tuple[str, float] | None:
    """The clear winner among the channel's readings of ``core``, with a confidence;
    ``("", 0.0)`` when readings tie (the word should be flagged); None when there are none.
    A part of a hyphenated compound (``Agamali-ogly``) takes only the known confusions:
    such parts are often names no lexicon knows."""
    lexicon = model.lexicon
    readings = model.scored(core, needed)
    if compound:
        readings = {w: score for w, score in readings.items() if w not in model.generic_edits(core)}
    if not readings:
        return None
    scored = {word: base + CONTEXT_WEIGHT * context(lexicon, previous, word, following,
                                                      lexicon.own_count(core, word)) if len(readings) > 1
              else base for word, base in readings.items()}
    ranked = sorted(scored.items(), key=lambda item: (-item[1], item[0]))
    best, score = ranked[0]
    margin = score - ranked[1][1] if len(ranked) > 1 else 3.0
    if margin < MARGIN:
        return "", 0.0
    return match_case(best, core, lexicon), min(0.99, 0.7 + 0.1 * margin)


def context(lexicon: Lexicon, previous: str, word: str, following: str, own: int = 0) -> float:
    """How well ``word`` fits between its neighbours in this book (log, relative to its own
    prior); ``own`` occurrences of it are the token's own and are not evidence."""
    score = 0.0
    if previous:
        score += lexicon.log_follow(previous, word, own) - lexicon.log_prior(word, own)
    if following:
        score += lexicon.log_follow(word, following, own, own) - lexicon.log_prior(following)
    return score


def match_case(word: str, model: str, lexicon: Lexicon | None = None) -> str:
    """The reading in the token's case; where the OCR put a digit or a mark for the first
    letter (``5oviet``), in the case the book usually gives the word."""
    letters = [ch for ch in model if ch.isalpha()]
    if sum(ch.isupper() for ch in letters) > len(letters) / 2:  # CHlCHERIN is a word in capitals
        return word.upper()
    if model[:1].isupper() or (lexicon is not None and not model[:1].isalpha() and lexicon.usually_capitalised(word)):
        return word[:1].upper() + word[1:]
    return word


def fix_roman_numerals(text: str, lexicon: Lexicon) -> list[Change]:
    """``XXXV1`` -> ``XXXVI``: a digit 1 inside a Roman numeral.

    >>> [c.after for c in fix_roman_numerals("Lenin Miscellany XXXV1 and XXX", None)]
    ['XXXVI']
    """
    changes = []
    for match in regex.finditer(r"\b[IVXLCDM]*1[IVXLCDM1]*\b", text):
        fixed = match.group().replace("1", "I")
        if len(fixed) >= 3 and ROMAN.match(fixed) and ROMAN_LETTERS.search(fixed):
            changes.append(correction("roman-numeral-digit", text, match.start(), match.end(), fixed, 0.9))
    return changes


# ------------------------------------------------------------------ numbers


DAMAGED_NUMBER = regex.compile(r"(?<![\w.,/-])(?=[^\W_]*\d)[\doOlIiZzSBGgqAb]{2,4}(?![\w/])")
YEAR = regex.compile(r"(?<!\d)1[89]\d\d(?!\d)")


def fix_damaged_numbers(text: str, lexicon: Lexicon) -> list[Change]:
    """``1S20`` -> ``1920``, ``i918`` -> ``1918``, ``2o`` -> ``20``: digits read as letters.
    A damaged year takes, among its possible readings, the year the book itself prints
    most often (``S`` may be a 5, 9, 8 or 3); the fewer the readings, the surer the repair.

    >>> [c.after for c in fix_damaged_numbers("in 1920 and 1919, October 15, 1S20 and page 2o", None)]
    ['1920', '20']
    """
    years = Counter(YEAR.findall(text))
    changes = []
    for match in DAMAGED_NUMBER.finditer(text):
        token = match.group()
        if token.isdigit() or (lexicon is not None and lexicon.zipf(token) >= 3.0):
            continue
        readings = number_readings(token)
        if len(token) == 4:
            readings = [r for r in readings if 1800 <= int(r) <= 1979]
        if not readings:
            continue
        best = max(readings, key=lambda r: (years[r], r)) if len(token) == 4 else readings[0]
        if len(readings) > 1 and years[best] == 0:
            continue  # a year the book never prints, among others: left for an editor
        changes.append(correction("ocr-damaged-number", text, match.start(), match.end(), best,
                                  0.9 if len(readings) == 1 else 0.75))
    return changes


def number_readings(token: str) -> list[str]:
    """The numbers ``token`` may be (only the digits of a 4-digit token may be years' S)."""
    readings = [""]
    for ch in token:
        if ch.isdigit():
            options = ch
        elif ch == "S" and len(token) == 4:
            options = YEAR_S
        else:
            options = DIGIT_LOOKALIKES[ch]
        readings = [r + o for r in readings for o in options]
    return readings


# ------------------------------------------------------------------ word boundaries


#: a word standing alone: letters, perhaps joined by hyphens, with no letter, digit or hyphen beside it
WORD_RUN = regex.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)*(?![\w-])")


def join_split_words(text: str, lexicon: Lexicon) -> list[Change]:
    """``complet e`` -> ``complete``, ``interventi on`` -> ``intervention``.

    >>> lex = Lexicon("complete intervention complete intervention")
    >>> [c.after for c in join_split_words("but complet e agree- and non-interventi on the", lex)]
    ['complete', 'intervention']
    """
    changes = []
    for (a, a_start, _), (b, _, b_end) in word_pairs(text):
        last = a.split("-")[-1]
        if "-" not in a and lexicon.in_book(last) >= 3 and lexicon.in_book(b) >= 3 and len(b) > 2:
            continue  # two words the book uses often: no split word (most pairs end here)
        joined = last + b
        if "-" in a and lexicon.in_book(a + b) >= 1 and not lexicon.in_book(a):
            start = a_start + len(a) - len(last)  # co-ope ration -> co-operation
            changes.append(correction("split-word", text, start, b_end, joined, 0.9))
            continue
        if not is_word(joined, lexicon) or lexicon.zipf(joined) < 2.5 and lexicon.in_book(joined) < 3:
            continue
        fragment = is_non_word(last, lexicon) or (len(b) <= 2 and b.lower() not in SHORT_WORDS) or (
            len(last) == 1 and last not in "aAI") or (  # "questi on": a rare word is half of a common one
            lexicon.in_book(last) <= 1 and lexicon.zipf(joined) - lexicon.zipf(last) >= 2.0)
        if fragment and not (is_word(last, lexicon) and is_word(b, lexicon)):
            start = a_start + len(a) - len(last)
            changes.append(correction("split-word", text, start, b_end, joined, 0.9))
    return changes


def word_pairs(text: str):
    """Each word (hyphenated or not) and the plain word one space after it, as
    ((word, start, end), (next word, start, end)): the places a split word can be.

    >>> [(a[0], b[0]) for a, b in word_pairs("non-interventi on, the co-ope ration 12 x")]
    [('non-interventi', 'on'), ('co-ope', 'ration')]
    """
    words = [(m.group(), m.start(), m.end()) for m in WORD_RUN.finditer(text)]
    return [(a, b) for a, b in zip(words, words[1:])
            if b[1] == a[2] + 1 and text[a[2]] == " " and "-" not in b[0]]


#: words of one or two letters; any other such piece beside a word is a fragment of it
SHORT_WORDS = {"a", "i", "an", "as", "at", "be", "by", "do", "go", "he", "if", "in", "is", "it", "me", "my",
               "no", "of", "on", "or", "so", "to", "up", "us", "we", "am", "oh", "ex"}
GLUED = regex.compile(r"(?<![\w.'’-])(?P<a>[^\W\d_]{2,})(?P<mark>[.,'’])(?P<b>[a-z]{2,})(?![\w'’-])")
#: endings after an apostrophe that make one word (don't, we'll, they've)
CONTRACTIONS = {"ll", "re", "ve", "nt", "em"}


def split_glued_words(text: str, lexicon: Lexicon) -> list[Change]:
    """``the'peoples``, ``whatever.to``, ``Genoa,he``: a stray mark stands where a space
    was, between two words. Not an abbreviation (``U.S``), a contraction (``we'll``), or a
    form the book writes again.

    >>> lex = Lexicon("the peoples whatever to the horrors of an")
    >>> [c.after for c in split_glued_words("long, the'peoples long and whatever.to the horrors of'an", lex)]
    [' ', ' ', ' ']
    """
    changes = []
    for match in GLUED.finditer(text):
        a, mark, b = match.group("a"), match.group("mark"), match.group("b")
        if mark in "'’" and b in CONTRACTIONS or a.isupper() and mark == "." or lexicon.in_book(match.group(0)) >= 2:
            continue
        if (is_word(a, lexicon) or a.lower() in SHORT_WORDS) and is_word(b, lexicon):
            changes.append(correction("glued-words", text, match.start("mark"), match.end("mark"), " ", 0.85))
    return changes


# ------------------------------------------------------------------ stray marks and spacing


def drop_stray_marks(text: str, lexicon: Lexicon) -> list[Change]:
    """Marks that are not text: margin brackets at line ends (``\\``, ``/``, ``J``),
    a stray comma or dot glued before a word (``,of``, ``.the``), ``{`` for ``(``.

    >>> [(c.before, c.after) for c in drop_stray_marks("programme of \\\\\\nreconstruction. J\\nnumber ,of", Lexicon(""))]
    [(' \\\\', ''), (' J', ''), (',', '')]
    """
    changes = []
    for match in regex.finditer(r"(?<=\S)[ \t]+(?P<mark>[\\/|J])[ \t]*$", text, regex.M):
        if match.group("mark") != "J" or text[match.start() - 1] in ".,;:!?" or text[match.start() - 1].islower():
            changes.append(correction("margin-mark", text, match.start(), match.end("mark"), "", 0.85, "removal"))
    for match in regex.finditer(r"(?:(?<=[a-z] )|^)(?P<mark>[,.'])(?=[a-z]{2,}\b)", text, regex.M):
        changes.append(correction("stray-punctuation", text, match.start("mark"), match.end("mark"), "", 0.85,
                                  "removal"))
    for match in regex.finditer(r"\{(?=[^{}\[\]\n]*\)(?!\]))|\{ ?(?=[A-Z][a-z]+¬?\s*$)", text, regex.M):
        changes.append(correction("brace-for-parenthesis", text, match.start(), match.end(), "(", 0.85))
    for match in regex.finditer(r"^\^(?= [a-z])", text, regex.M):
        changes.append(correction("caret-for-capital-a", text, match.start(), match.end(), "A", 0.75))
    return changes


def close_up_punctuation(text: str, lexicon: Lexicon) -> list[Change]:
    """A space the OCR put before punctuation or inside brackets: ``camp )``, ``other ,``.

    >>> [(c.before, c.after) for c in close_up_punctuation("the other , i.e. camp ). ( Extract ) . . 3", None)]
    [(' ,', ','), (' )', ')'), ('( ', '('), (' )', ')')]
    """
    changes = []
    for match in regex.finditer(r"(?<=[^\W_]|[!?]) (?P<mark>[,;:!?)])(?=\s|$|[.,;)!?])", text):
        changes.append(correction("space-before-punctuation", text, match.start(), match.end(), match.group("mark"),
                                  0.9, "normalisation"))
    for match in regex.finditer(r"(?<=[^\W\d_]) (?P<mark>\.)(?= [A-Z]|$)", text, regex.M):
        changes.append(correction("space-before-punctuation", text, match.start(), match.end(), ".", 0.85,
                                  "normalisation"))
    for match in regex.finditer(r"\( (?=[^\W\d_])", text):
        changes.append(correction("space-inside-bracket", text, match.start(), match.end(), "(", 0.9,
                                  "normalisation"))
    return sorted(changes, key=lambda c: c.start)
