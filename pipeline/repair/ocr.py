"""OCR word repairs for printed-book text, each a small named rule.

A word is corrected only when one candidate clearly wins: the OCR reading is not
a word (neither in the book nor in the lexicon), the candidate is a known word,
and it beats every other candidate by a clear margin. Candidates come from a
weighted model of OCR confusions (rn/m, cl/d, li/h, l/I/1, u/v, c/e, O/0, S/5, …);
the book's own vocabulary (Chicherin, Kautsky, Mensheviks) counts before the
general lexicon. What is not clear is left as it is.
"""

from __future__ import annotations

import math

import regex

from pipeline.model import Change, Source
from pipeline.repair.lexicon import Lexicon, lexicon_for
from pipeline.repair.spans import Occupancy

#: (OCR reading, true reading, cost): the lower the cost, the likelier the confusion
CONFUSIONS = (
    ("rn", "m", 0.5), ("m", "rn", 0.7), ("cl", "d", 0.6), ("d", "cl", 0.9), ("li", "h", 0.7),
    ("h", "li", 0.9), ("lc", "k", 0.6), ("l", "I", 0.3), ("I", "l", 0.3), ("1", "l", 0.4),
    ("1", "I", 0.4), ("l", "i", 0.6), ("i", "l", 0.7), ("l", "t", 0.8), ("t", "l", 0.8), ("u", "v", 0.5),
    ("v", "u", 0.5), ("c", "e", 0.6), ("e", "c", 0.6), ("O", "0", 0.4), ("0", "O", 0.4), ("o", "0", 0.6),
    ("S", "5", 0.6), ("5", "S", 0.6), ("T", "r", 0.7), ("G", "C", 0.6), ("C", "G", 0.8), ("n", "u", 0.7),
    ("u", "n", 0.7), ("a", "o", 0.8), ("o", "a", 0.8), ("e", "o", 0.8), ("3", "s", 0.7), ("4", "i", 0.7),
    ("j^", "y", 0.5), ("^", "y", 0.8), ("^", "ly", 0.9), ("f", "t", 0.8), ("t", "f", 0.8), ("b", "h", 0.7),
    ("h", "b", 0.7), ("ii", "u", 0.7), ("vv", "w", 0.6), ("fl", "f", 0.9), ("II", "H", 0.6),
)
MAX_CONFUSIONS = 2
TOKEN = regex.compile(r"(?<![^\s—–-])([^\s—–-]*?[^\W_][^\s—–-]*?)(?=[\s—–-]|$)")
CORE = regex.compile(r"^(?P<lead>[(\[{“‘\"'.,]*)(?P<core>.*?)(?P<trail>[.,;:!?)\]}”’\"'*]*)$")
JUNK = regex.compile(r"[\d^|\\]")
ORDINAL = regex.compile(r"\d+(?:st|nd|rd|th)")
ROMAN = regex.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")


def fix_ocr_words(source: Source, done=()) -> list[Change]:
    """Run the word rules on an OCR text; return their changes, without overlaps."""
    if source.kind != "ia-ocr":
        return []
    lexicon = lexicon_for(source.text)
    fragments = fragment_edges(source.text, done)
    changes: list[Change] = []
    for rule, judges_words in ((fix_roman_numerals, True), (fix_confused_letters, True),
                               (split_glued_words, True), (drop_stray_marks, False),
                               (close_up_punctuation, False)):
        taken = Occupancy(list(done) + changes)
        changes.extend(c for c in rule(source.text, lexicon) if taken.is_free(c)
                       and not (judges_words and touches_fragment(c, source.text, fragments)))
    return changes


def fix_split_words(source: Source, _done=()) -> list[Change]:
    """Join words the OCR split with a space; runs before the hyphen decisions, which
    then see the whole continuation (``non¬ / interventi on`` -> ``non-intervention``)."""
    if source.kind != "ia-ocr":
        return []
    return join_split_words(source.text, lexicon_for(source.text))


def fragment_edges(text: str, done) -> set[int]:
    """Offsets where a word broken at a line end stops or resumes: the pieces there
    are halves of words (``tation``, ``cerning``) and must not be judged as words."""
    edges = set()
    for change in done:
        if change.kind == "hyphen" or change.rule == "dangling-line-end-hyphen":
            edges.update((change.start, change.end))
    return edges


def touches_fragment(change: Change, text: str, edges: set[int]) -> bool:
    """True when the change's word ends at a broken-word mark or starts a continued word,
    or starts a line in lower case (a continuation whose line-end mark was lost)."""
    start = change.start
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    end = change.end
    while end < len(text) and not text[end].isspace() and text[end] not in "¬":
        end += 1
    line_start = start == 0 or text[start - 1] == "\n"
    return start in edges or end in edges or (line_start and (text[start:start + 1].islower()
                                                               or regex.match(r"\S*\d", text[start:end])))


def correction(rule: str, text: str, start: int, end: int, after: str, confidence: float) -> Change:
    return Change(rule=rule, start=start, end=end, before=text[start:end], after=after,
                  confidence=round(confidence, 2))


# ------------------------------------------------------------------ letter confusions


def stray_capital(core: str) -> bool:
    """``woTkers``: one capital inside a lower-case word is an error; ``VTsIK`` is an abbreviation."""
    capitals = [i for i, ch in enumerate(core) if ch.isupper()]
    return len(capitals) == 1 and capitals[0] > 0


def is_word(word: str, lexicon: Lexicon) -> bool:
    """Known to the book (twice or more) or common in English."""
    return lexicon.in_book(word) >= 2 or lexicon.zipf(word) >= 3.0


def is_attested(candidate: str, cost: float, lexicon: Lexicon, needed: int = 2) -> bool:
    """A correction must be a word of the book itself, or, one cheap confusion away,
    a very common English word: rarer readings are guesses (``noit`` is not ``nail``)."""
    if needed > 2:  # the OCR repeated its misreading: only a well-attested name or word wins
        return lexicon.in_book(candidate) >= needed and lexicon.zipf(candidate) >= 2.0
    common = 3.0 if needed == 1 else 4.5
    return lexicon.in_book(candidate) >= 2 or (cost <= 0.8 and lexicon.zipf(candidate) >= common)


def is_non_word(word: str, lexicon: Lexicon) -> bool:
    return lexicon.in_book(word) <= 1 and lexicon.zipf(word) < 1.5


def fix_confused_letters(text: str, lexicon: Lexicon) -> list[Change]:
    """``woTkers`` -> ``workers``, ``diplomacj^`` -> ``diplomacy``, ``CHlCHERIN`` -> ``CHICHERIN``.

    >>> lex = Lexicon("the workers and the workers of diplomacy and diplomacy")
    >>> [c.after for c in fix_confused_letters("We appeal to the woTkers; secret diplomacj^, and", lex)]
    ['workers', 'diplomacy']
    """
    changes, decided = [], {}
    for match in TOKEN.finditer(text):
        parts = CORE.match(match.group(1))
        core = parts.group("core")
        if len(core) < 2 or not regex.search(r"[^\W\d_]", core) or "." in core or ORDINAL.fullmatch(core):
            continue  # numbers and abbreviations (B.S.P., S.S.R.) are not words to respell
        needed = support_needed(core, lexicon)
        if needed is None:
            continue
        if (core, needed) not in decided:
            decided[core, needed] = best_candidate(core, lexicon, needed)
        best = decided[core, needed]
        start = match.start(1) + len(parts.group("lead"))
        if best and best[0]:
            word, confidence = best
            changes.append(correction("ocr-confusion", text, start, start + len(core), word, confidence))
        elif best or JUNK.search(core) or stray_capital(core):  # no clear winner: left, and flagged
            changes.append(Change("ocr-unclear", start, start + len(core), core, core, 0.5, kind="flag"))
    return changes


def support_needed(core: str, lexicon: Lexicon) -> int | None:
    """How often the book must use a candidate for ``core`` to be replaced (None: leave it).

    A token with junk in it (``diplomacj^``, ``woTkers``, ``a3``) is always suspect (1 means:
    a candidate the book uses twice, or a common English word one confusion away, will do); an
    English word never is; a non-word the OCR repeated (``Prauda`` six times) yields only to a
    known reading the book uses four times as often (``Pravda``, 33 times).
    """
    if JUNK.search(core) or stray_capital(core):
        return 1  # junk in the word is evidence enough: a common English word may replace it
    if lexicon.zipf(core) >= 1.5:
        return None
    seen = lexicon.in_book(core)
    return 2 if seen <= 1 else 4 * seen


def best_candidate(core: str, lexicon: Lexicon, needed: int = 2) -> tuple[str, float] | None:
    """The clear winner among the confusion candidates of ``core``, with a confidence;
    ``("", 0.0)`` when candidates tie (the word should be flagged); None when there are none."""
    scored = {}
    for candidate, cost in candidates(core):
        key = candidate.lower()
        if candidate == core or (key == core.lower() and not stray_capital(core)) or \
                not regex.fullmatch(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", candidate) or \
                not is_attested(candidate, cost, lexicon, needed):
            continue
        score = evidence(candidate, lexicon) - 2.0 * cost
        scored[key] = max(score, scored.get(key, -99.0))
    if not scored:
        return None
    ranked = sorted(scored.items(), key=lambda item: (-item[1], item[0]))
    best, score = ranked[0]
    margin = score - ranked[1][1] if len(ranked) > 1 else 3.0
    if margin < 1.0:
        return "", 0.0
    return match_case(best, core), min(0.99, 0.7 + 0.1 * margin)


def evidence(word: str, lexicon: Lexicon) -> float:
    """Log-scale support for a word: the book's count weighs most, then English frequency."""
    return 1.5 * math.log1p(lexicon.in_book(word)) + 0.6 * lexicon.zipf(word)


def candidates(core: str):
    """Readings of ``core`` reachable by up to two confusions, with their summed cost."""
    frontier = {core: 0.0}
    for _ in range(MAX_CONFUSIONS):
        grown = {}
        for reading, cost in frontier.items():
            for wrong, right, step in CONFUSIONS:
                at = reading.find(wrong)
                while at >= 0:
                    new = reading[:at] + right + reading[at + len(wrong):]
                    if cost + step < grown.get(new, 9.0):
                        grown[new] = cost + step
                    at = reading.find(wrong, at + 1)
        for reading, cost in grown.items():
            if cost < frontier.get(reading, 9.0):
                frontier[reading] = cost
    for reading, cost in frontier.items():
        yield reading, cost
        yield reading.lower(), cost + 0.2  # woTkers: the capital itself was the error


def match_case(word: str, model: str) -> str:
    letters = [ch for ch in model if ch.isalpha()]
    if sum(ch.isupper() for ch in letters) > len(letters) / 2:  # CHlCHERIN is a word in capitals
        return word.upper()
    if model[:1].isupper():
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
        if len(fixed) >= 3 and ROMAN.match(fixed) and regex.search(r"[VXLCDM]", fixed):
            changes.append(correction("roman-numeral-digit", text, match.start(), match.end(), fixed, 0.9))
    return changes


# ------------------------------------------------------------------ word boundaries


def join_split_words(text: str, lexicon: Lexicon) -> list[Change]:
    """``complet e`` -> ``complete``, ``interventi on`` -> ``intervention``.

    >>> lex = Lexicon("complete intervention complete intervention")
    >>> [c.after for c in join_split_words("but complet e agree- and non-interventi on the", lex)]
    ['complete', 'intervention']
    """
    changes = []
    for match in regex.finditer(r"(?<![\w-])(?P<a>[^\W\d_]+(?:-[^\W\d_]+)*) (?P<b>[^\W\d_]+)(?![\w-])", text,
                                overlapped=True):
        a, b = match.group("a"), match.group("b")
        last = a.split("-")[-1]
        joined = last + b
        if "-" in a and lexicon.in_book(a + b) >= 1 and not lexicon.in_book(a):
            start = match.start("a") + len(a) - len(last)  # co-ope ration -> co-operation
            changes.append(correction("split-word", text, start, match.end("b"), joined, 0.9))
            continue
        if not is_word(joined, lexicon) or lexicon.zipf(joined) < 2.5 and lexicon.in_book(joined) < 3:
            continue
        fragment = is_non_word(last, lexicon) or (len(b) == 1 and b not in "aAI") or (
            len(last) == 1 and last not in "aAI") or (  # "questi on": a rare word is half of a common one
            lexicon.in_book(last) <= 1 and lexicon.zipf(joined) - lexicon.zipf(last) >= 2.0)
        if fragment and not (is_word(last, lexicon) and is_word(b, lexicon)):
            start = match.start("a") + len(a) - len(last)
            changes.append(correction("split-word", text, start, match.end("b"), joined, 0.9))
    return changes


def split_glued_words(text: str, lexicon: Lexicon) -> list[Change]:
    """``the'peoples`` -> ``the peoples``: a stray mark glued two words together.

    >>> [c.after for c in split_glued_words("long, the'peoples long and the horrors of'an", Lexicon(""))]
    [' ', ' ']
    """
    changes = []
    for match in regex.finditer(r"\b(?P<a>the|of|and|to|a|an|in|on|by|for|with|that|is)(?P<mark>['’])"
                                r"(?P<b>[a-z]{2,})\b", text):
        if is_word(match.group("b"), lexicon) and lexicon.in_book(match.group(0)) < 2:
            changes.append(correction("glued-words", text, match.start("mark"), match.end("mark"), " ", 0.9))
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
        if match.group("mark") != "J" or text[match.start() - 1] in ".,;:!?":
            changes.append(correction("margin-mark", text, match.start(), match.end("mark"), "", 0.85))
    for match in regex.finditer(r"(?:(?<=[a-z] )|^)(?P<mark>[,.])(?=[a-z]{2,}\b)", text, regex.M):
        changes.append(correction("stray-punctuation", text, match.start("mark"), match.end("mark"), "", 0.85))
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
                                  0.9))
    for match in regex.finditer(r"(?<=[^\W\d_]) (?P<mark>\.)(?= [A-Z]|$)", text, regex.M):
        changes.append(correction("space-before-punctuation", text, match.start(), match.end(), ".", 0.85))
    for match in regex.finditer(r"\( (?=[^\W\d_])", text):
        changes.append(correction("space-inside-bracket", text, match.start(), match.end(), "(", 0.9))
    return sorted(changes, key=lambda c: c.start)
