"""Line-end hyphens of printed-book text: join the word, or keep the hyphen?

The OCR marks line-end hyphens with ``¬`` (usually a soft hyphen) or ``-``
(either). The decision weighs, in order: how the book itself writes the word
elsewhere (``class-consciousness`` vs ``classconsciousness``); whether the joined
word is English (wordfreq); whether both halves are words and the right half is
capitalised (``Anti-|Socialist``); the OCR's own mark. Where the evidence is even
the decision is ``maybe``. Each decision is a ``Change(kind="hyphen")`` spanning
the mark and the line break, so the TEI can write ``pain<lb break="no"/>ful``.
"""

from __future__ import annotations

import regex

from pipeline.model import Change, Source
from pipeline.context import context_of
from pipeline.repair.lexicon import Lexicon

#: a word broken at a line end: the fragment, the mark, the white space, the continuation
BROKEN_WORD = regex.compile(
    r"(?P<left>[^\W\d_](?:[^\W\d_'’-]|-(?=[^\W\d_]))*)(?P<mark>[¬-])[ \t]*(?P<gap>\n[ \t\n]*)"
    r"(?P<right>[^\W\d_]+(?:-[^\W\d_]+)*)")
PREFIXES_THAT_KEEP = {"non", "anti", "self", "half", "ex", "semi", "counter", "quasi", "ultra", "pro",
                      "pan", "inter", "all", "one", "two", "three", "well", "so", "world", "post", "pre"}
LINKING_WORDS = {"in", "and", "a", "of", "the", "to", "for", "by", "de", "la"}
MAX_GAP_LINES = 12  # a word may run on over a page break, not further
#: kinds whose lines are printed lines (an unknown text may be one: its "¬" are the OCR's)
PRINTED_KINDS = ("ia-ocr", "unknown")


def decide_line_end_hyphens(source: Source, done=(), context=None) -> list[Change]:
    """Decide, for every line-end hyphen of an OCR text, whether the word joins.

    >>> src = Source("b", "b.txt", "The pain¬\\nful class-\\nconsciousness of class-consciousness.", "ia-ocr", "", "")
    >>> [(c.before, c.decision) for c in decide_line_end_hyphens(src)]
    [('¬\\n', 'no'), ('-\\n', 'keep')]
    """
    if source.kind not in PRINTED_KINDS:
        return stray_not_signs(source, set())
    lexicon = context_of(source, context).lexicon
    rejoined = {c.start: c.after for c in done if c.rule == "split-word"}  # "interventi on" -> "intervention"
    changes = []
    for match in broken_words(source.text):
        if match.group("gap").count("\n") > MAX_GAP_LINES:
            continue
        if continuation_lost(match, lexicon):
            if match.group("mark") == "¬":  # a plain "-" stays as printed: there is nothing to record
                changes.append(dangling_mark(match))
            continue
        right = rejoined.get(match.start("right"), match.group("right"))
        decision, confidence = decide(match.group("left"), right, match.group("mark"), lexicon)
        start, end = match.start("mark"), match.end("gap")
        changes.append(Change(rule=f"line-end-hyphen:{decision}", start=start, end=end,
                              before=source.text[start:end], after="-" if decision == "keep" else "",
                              confidence=confidence, kind="hyphen", decision=decision))
    changes += unmarked_breaks(source, lexicon, {c.start for c in changes})
    return changes + stray_not_signs(source, {c.start for c in changes})


#: where a line ends in a hyphen mark, and the word before such a mark (read back from it)
MARK_AT_LINE_END = regex.compile(r"[¬-](?=[ \t]*\n)")
WORD_BEFORE_MARK = regex.compile(r"[^\W\d_](?:[^\W\d_'’-]|-(?=[^\W\d_]))*\Z")


def broken_words(text: str):
    """The matches of ``BROKEN_WORD`` in ``text``, in order and without overlap, found from
    the line-end marks (scanning every letter of a book for a word that ends in one is slow).

    >>> [(m.group("left"), m.group("right")) for m in broken_words("the pain¬\\nful well-\\nknown ful¬\\nness")]
    [('pain', 'ful'), ('well', 'known'), ('ful', 'ness')]
    """
    taken = 0
    for mark in MARK_AT_LINE_END.finditer(text):
        line_start = text.rfind("\n", 0, mark.start()) + 1
        word = WORD_BEFORE_MARK.search(text, max(line_start, taken), mark.start())
        if word is None:
            continue
        match = BROKEN_WORD.match(text, word.start())
        if match is not None and match.start("mark") == mark.start():
            taken = match.end()
            yield match


UNMARKED_BREAK = regex.compile(r"(?<![\w-])(?P<left>[^\W\d_]{2,})(?P<gap>[ \t]*\n[ \t]*)(?P<right>\p{Ll}+)(?=[\s,.;:!?])")


def unmarked_breaks(source: Source, lexicon: Lexicon, taken: set[int]) -> list[Change]:
    """A word broken at a line end whose hyphen the OCR dropped (``excel / lently``): the
    second half is no word, the whole one is common, and the book never writes the
    halves apart elsewhere."""
    changes = []
    for match in UNMARKED_BREAK.finditer(source.text):
        left, right = match.group("left"), match.group("right")
        joined = (left + right).lower()
        if lexicon.zipf(right) >= 1.5 or lexicon.in_book(right) > 1 or lexicon.zipf(joined) < 2.5:
            continue
        start, end = match.span("gap")
        if start not in taken:
            changes.append(Change("line-end-break-without-mark", start, end, source.text[start:end], "",
                                  0.85, kind="hyphen", decision="no"))
    return changes


def stray_not_signs(source: Source, taken: set[int]) -> list[Change]:
    """Every other ``¬`` (a soft hyphen whose continuation the OCR lost) is dropped, recorded."""
    return [Change(rule="dangling-line-end-hyphen", start=m.start(), end=m.end(), before="¬", after="",
                   confidence=0.5, kind="removal") for m in regex.finditer("¬", source.text)
            if m.start() not in taken]


def continuation_lost(match, lexicon: Lexicon) -> bool:
    """Across blank lines, a capitalised "continuation" is usually a new paragraph:
    the OCR lost the line that finished the word (``agree¬ / [lost] / Soldiers,``)."""
    if "\n\n" not in match.group("gap").replace(" ", "").replace("\t", ""):
        return False
    left, right = match.group("left").split("-")[-1], match.group("right")
    if not right[:1].isupper():
        return False
    return not (lexicon.in_book(left + right) or lexicon.in_book(f"{left}-{right}"))


def dangling_mark(match) -> Change:
    """A ``¬`` whose continuation is lost: the soft hyphen is dropped, and recorded."""
    start = match.start("mark")
    return Change(rule="dangling-line-end-hyphen", start=start, end=start + 1, before="¬", after="",
                  confidence=0.5, kind="removal")


def decide(left: str, right: str, mark: str, lexicon: Lexicon) -> tuple[str, float]:
    """Return (decision, confidence): ``no`` (join), ``keep`` (hyphen is the word's) or ``maybe``."""
    last = left.split("-")[-1]
    joined, hyphenated = (last + right).lower(), f"{last}-{right}".lower()
    in_book_joined, in_book_hyphenated = lexicon.in_book(joined), lexicon.in_book(hyphenated)
    if in_book_joined != in_book_hyphenated:
        share = max(in_book_joined, in_book_hyphenated) / (in_book_joined + in_book_hyphenated)
        confidence = 0.75 + 0.24 * share if min(in_book_joined, in_book_hyphenated) == 0 else 0.6 * share + 0.3
        return ("no" if in_book_joined > in_book_hyphenated else "keep"), round(confidence, 2)
    if "-" in left and last.lower() in LINKING_WORDS or right[:1].isupper() and left[:1].isupper():
        return "keep", 0.8  # Commander-in-|Chief, Two-and-|a-Half, Anti-|Socialist, All-|Russia
    joined_zipf = lexicon.zipf(joined)
    if joined_zipf >= 3.0:
        return "no", 0.95
    if last.lower() in PREFIXES_THAT_KEEP and (lexicon.zipf(right) >= 2.5 or lexicon.in_book(right) >= 2):
        return "keep", 0.75
    if joined_zipf >= 2.0:
        return "no", 0.95 if joined_zipf >= 3.0 else 0.85
    halves_are_words = lexicon.zipf(last) >= 3.0 and lexicon.zipf(right) >= 3.0 and len(last) > 2
    if halves_are_words and joined_zipf == 0:
        return "maybe", 0.5
    return "no", 0.7 if mark == "¬" else 0.55
