"""Running heads and page numbers of a printed book, found from evidence that holds in
any book, not from one book's strings.

A line is weighed as page furniture by what a reader would notice:

* its **number**: a page number at either end (``14 ON THE FOREIGN POLICY``, ``NOTES 33``,
  read through OCR damage such as ``S5``), which fits the **sequence** of pages, that is,
  the numbers on the lines a page or two before and after it;
* its **position** at the edge of a page (next to a run of blank lines);
* its **words**: in capitals, and the book's title, its author or a document's title,
  which the title page and the contents print (a running head is often the short title of
  the current document);
* its **repetition**: the same words, read loosely, at the edges of other pages.

Prose counts against it (sentence punctuation, many lower-case words, dates and
source-block phrases). A bare number is a page number only when it fits the sequence,
or stands at a page's edge between blank lines.

The page's edges and what they print are read the same way in every book, so the folio
(arabic or roman, through the OCR's confusions: ``l`` or ``I`` for 1, ``O`` for 0, ``iti``
for iii) and the head's **shape** (its letters, or the shape of a year for a chronology's
``1918 9`` / ``10 1918``) are read here, and the page model of segmentation
(``pipeline.segment.printed.layout``) reads a removed head's folio with the same functions.
Where the OCR kept no folio sequence, a head with a number is checked against the contents:
its words must be the title of the document the contents place on that page.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

import regex

from pipeline.lines import Line
from pipeline.ocrforms import FOLIO_DIGITS, ROMAN_I

# ------------------------------------------------------------------ the page's edges and what they print

#: blank lines in a row that end a page in an IA full text (inside a page there is at most one)
PAGE_GAP = 2
#: the OCR's readings of digits as letters, in an arabic folio; of a lower-case roman folio's i
#: (``iti`` for iii, ``l`` or ``1`` for i): the look-alike tables every reader shares
ARABIC_OCR = FOLIO_DIGITS
ROMAN_OCR = ROMAN_I
ROMAN = regex.compile(r"^(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$")
ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
#: a folio is one to three figures (a book of a thousand pages has none in four)
MAX_FOLIO_CHARS = 3
#: punctuation the OCR leaves around a folio ("24.", "3)", "‘17")
FOLIO_PUNCTUATION = ".,:;)(|'‘’\"•*-—"
#: a year, as running heads of a chronological collection print it
YEAR = regex.compile(r"(?<!\d)1[6-9]\d\d(?!\d)")
#: letters besides a year that still leave a head the shape of a year (a folio misread: "1918 di")
STRAY_LETTERS = 4
YEAR_SHAPE = "<year>"


@dataclass(frozen=True)
class Folio:
    """A page number as printed: its value, arabic or roman, and the token it was read from."""

    value: int
    style: str  # "arabic" or "roman"
    printed: str


def folio_readings(token: str) -> tuple[Folio, ...]:
    """The page numbers a token may print, through the OCR's confusions; a token that may be
    roman or arabic gives both, and the page-number sequence chooses.

    >>> [(f.value, f.style) for f in folio_readings("l2")], [(f.value, f.style) for f in folio_readings("2O.")]
    ([(12, 'arabic')], [(20, 'arabic')])
    >>> [(f.value, f.style) for f in folio_readings("iti")], [(f.value, f.style) for f in folio_readings("ii")]
    ([(3, 'roman')], [(2, 'roman'), (11, 'arabic')])
    >>> folio_readings("the"), folio_readings("1918"), folio_readings("0")
    ((), (), ())
    """
    core = token.strip(FOLIO_PUNCTUATION)
    if not core or len(core) > MAX_FOLIO_CHARS + 1:
        return ()
    readings = []
    roman = core.lower().translate(ROMAN_OCR) if not any(ch.isdigit() for ch in core) or core.islower() else ""
    if roman and (core.islower() or core.isupper()) and ROMAN.match(roman):
        readings.append(Folio(roman_value(roman), "roman", token))
    arabic = core.translate(ARABIC_OCR)
    if len(core) <= MAX_FOLIO_CHARS and arabic.isdigit() and int(arabic) > 0 and not arabic.startswith("0") \
            and (any(ch.isdigit() for ch in core) or len(core) > 1 or core in "Il"):
        readings.append(Folio(int(arabic), "arabic", token))
    return tuple(readings)


def roman_value(numeral: str) -> int:
    """The value of a valid lower-case roman numeral.

    >>> roman_value("xiv"), roman_value("iii")
    (14, 3)
    """
    total = 0
    for ch, after in zip(numeral, numeral[1:] + " "):
        value = ROMAN_VALUES[ch]
        total += -value if after != " " and ROMAN_VALUES[after] > value else value
    return total


@dataclass(frozen=True)
class HeadParts:
    """An edge line read as a running head: its folio (if one is printed), where, and its words."""

    folio: Folio | None
    side: str   # "start", "end" or "" (no folio)
    words: str  # the line without its folio


def head_parts(text: str) -> tuple[HeadParts, ...]:
    """The ways a short line may be a head with its folio: the number at its start or at its
    end (or the line alone); the line without a number as a head with none.

    >>> [(p.folio and p.folio.value, p.side, p.words) for p in head_parts("1918 9")]
    [(9, 'end', '1918'), (None, '', '1918 9')]
    >>> [(p.folio and p.folio.value, p.side, p.words) for p in head_parts("24. NOTES")]
    [(24, 'start', 'NOTES'), (None, '', '24. NOTES')]
    """
    tokens = text.split()
    if not tokens:
        return ()
    found = []
    if len(tokens) == 1:
        found += [HeadParts(folio, "alone", "") for folio in folio_readings(tokens[0])]
    else:
        found += [HeadParts(folio, "start", " ".join(tokens[1:])) for folio in folio_readings(tokens[0])]
        found += [HeadParts(folio, "end", " ".join(tokens[:-1])) for folio in folio_readings(tokens[-1])]
    found.append(HeadParts(None, "", text))
    return tuple(found)


def head_shape(words: str) -> str:
    """What stays the same in a running head from page to page: its letters, or, for a head
    that is a year (with at most a stray misread letter or two), the shape of a year.

    >>> head_shape("Soviet Peace Policy, 1917-1923"), head_shape("1918"), head_shape("Bie. 1918")
    ('sovietpeacepolicy', '<year>', '<year>')
    """
    rest = YEAR.sub(" ", words)
    letters = [ch for ch in rest if ch.isalpha()]
    if YEAR.search(words) and len(letters) <= STRAY_LETTERS and not any(ch.isdigit() for ch in rest):
        return YEAR_SHAPE
    return "".join(ch for ch in words.lower() if ch.isalpha())


def blank_runs(lines) -> tuple[list[int], list[int]]:
    """For each line, how many blank lines stand right before it and right after it (the
    text's ends count as a page's edge)."""
    before, after = [0] * len(lines), [0] * len(lines)
    run = PAGE_GAP
    for i, line in enumerate(lines):
        before[i] = run
        run = run + 1 if line.is_blank else 0
    run = PAGE_GAP
    for i in range(len(lines) - 1, -1, -1):
        after[i] = run
        run = run + 1 if lines[i].is_blank else 0
    return before, after


def edge_of(i: int, before, after) -> str:
    """Whether line ``i`` is a page's head (``top``), its foot (``foot``) or neither (``""``)."""
    if before[i] >= PAGE_GAP:
        return "top"
    if after[i] >= PAGE_GAP:
        return "foot"
    return ""


# ------------------------------------------------------------------ weighing the evidence

SENTENCE = regex.compile(r"[.!?:;,]$")
NOT_A_HEAD = regex.compile(r"january|february|march|april|may|june|july|august|september|october|november|"
                           r"december|published|collected|miscellany|text of|signed|pravda|izvestia", regex.I)
WORD = regex.compile(r"[^\W\d_]{3,}")
MAX_HEAD_CHARS = 64
THRESHOLD = 4


@dataclass(frozen=True)
class HeadLine:
    """A short line of the book and what it shows."""

    index: int
    line: Line
    number: int | None  # the page number it prints, if any (the reading the sequence chose)
    words: str          # its words without the number
    at_edge: bool
    readings: tuple = ()  # every (folio, words) reading of a number at its start or end
    top: bool = False     # it is the first text line of a page
    edge: str = ""        # "top", "foot" or "" (``edge_of``)
    isolated: bool = False  # a blank line stands before it and after it


def find_page_furniture(lines: tuple[Line, ...], vocabulary: set[str]) -> list[tuple[HeadLine, str]]:
    """The furniture lines of a book: (line, rule) with rule ``running-head`` or ``page-number``."""
    before, after = blank_runs(lines)
    heads = [h for h in (head_line(i, lines, before, after) for i in range(len(lines))) if h is not None]
    fitting = in_sequence(heads)
    heads = [chosen_reading(head, fitting.get(head.index)) for head in heads]
    repeated = repeated_keys(heads, fitting)
    contents = contents_entries(lines, vocabulary)
    title_page = title_page_lines(lines, contents)
    found = []
    for head in heads:
        score = weigh(head, head.index in fitting, bool(fitting), vocabulary, repeated)
        if score < THRESHOLD and not fitting:
            score = max(weigh_by_contents(head, contents, vocabulary), weigh_by_title_page(head, contents, title_page))
        if score >= THRESHOLD:
            found.append((head, "running-head" if head.words else "page-number"))
    return found


def chosen_reading(head: HeadLine, folio: Folio | None) -> HeadLine:
    """The head with the number the page sequence chose for it, and its words without it."""
    if folio is None:
        return head
    words = next((w for f, w in head.readings if f == folio), head.words)
    return replace(head, number=folio.value, words=words)


#: how many lines a printed page holds, at least and at most
PAGE_LINES = (15, 60)
MAX_STEP = 3
#: where on its page a numbered line stands, in pages: a head at 0, a foot at 1 (a foot's
#: folio and the next page's head are a few lines apart, the head of one page and the foot
#: of the next almost two pages)
PAGE_POSITION = {"top": 0.0, "foot": 1.0, "": 0.5}
#: blank and stray lines between two pages' text that no page length counts
PAGE_SLACK = 8


def in_sequence(heads) -> dict[int, Folio]:
    """The numbered lines whose number continues the printed pages, each with the reading
    that does: a chain of at least three numbered lines of one style (arabic or roman), each
    one to three pages after the one before and the right number of lines away (a page holds
    ``PAGE_LINES`` lines), at least two of them at a page's edge (a roman chain: all but one,
    since a section's numeral stands alone too). Two headings carrying the calls of notes 127
    and 128 are no such chain. Each reading looks at most three pages' lines ahead: the cost
    is linear in the book's lines."""
    numbered = sorted((h.index, folio.value, folio.style, h.at_edge, folio, PAGE_POSITION[h.edge])
                      for h in heads for folio, _ in h.readings)
    follows: dict[int, int] = {}  # position in ``numbered`` -> the next in its chain
    links: list[tuple[int, int]] = []  # every pair that may be consecutive pages
    for k, (line, number, style, _, _, where) in enumerate(numbered):
        j, options = k + 1, []
        while j < len(numbered) and numbered[j][0] - line <= PAGE_LINES[1] * (MAX_STEP + 1):
            other_line, other, other_style, other_edge, _, other_where = numbered[j]
            pages, distance = other - number, other_line - line
            spanned = max(0.0, pages + other_where - where)  # pages of text between the two lines
            if other_style == style and 1 <= pages <= MAX_STEP \
                    and PAGE_LINES[0] * spanned <= distance <= PAGE_LINES[1] * spanned + PAGE_SLACK:
                options.append((not other_edge, pages, distance, j))  # a folio stands at an edge
            j += 1
        if options:
            follows[k] = min(options)[3]
        links += [(k, option[3]) for option in options]
    fitting, seen = {}, set()
    for start in range(len(numbered)):
        if start in seen:
            continue
        chain = [start]
        while chain[-1] in follows:
            chain.append(follows[chain[-1]])
        seen.update(chain)
        edges = sum(numbered[k][3] for k in chain)
        needed = len(chain) - 1 if numbered[start][2] == "roman" else 2
        if len(chain) >= 3 and edges >= needed:
            for k in chain:
                fitting.setdefault(numbered[k][0], numbered[k][4])
    # a page's second number (its head's and its foot's) continues the chain as well
    members = {k for k, item in enumerate(numbered) if fitting.get(item[0]) == item[4]}
    for a, b in links:
        for k, other in ((a, b), (b, a)):
            if other in members and numbered[k][3]:
                fitting.setdefault(numbered[k][0], numbered[k][4])
    return fitting


def head_line(i: int, lines, before, after) -> HeadLine | None:
    """The line at ``i`` as a candidate: short, with its number (if any) apart."""
    line = lines[i]
    text = line.stripped
    if not text or len(text) > MAX_HEAD_CHARS:
        return None
    edge = edge_of(i, before, after)
    # a roman numeral opens sentences ("I have") and sections; as a folio it stands at an edge
    readings = tuple((part.folio, part.words) for part in head_parts(text)
                     if part.folio is not None and (edge or part.folio.style == "arabic"))
    top = edge == "top" and (after[i] > 0 or i + 1 == len(lines))
    isolated = before[i] > 0 and after[i] > 0
    if readings:
        folio, words = readings[0]
        return HeadLine(i, line, folio.value, words, bool(edge), readings, top, edge, isolated)
    if edge and before[i] and after[i]:
        return HeadLine(i, line, None, text, True, (), top, edge, isolated)
    return None


DATED_YEAR = regex.compile(r"1[89]\d\d")


def key_of(words: str) -> str:
    """A head's words as they repeat from page to page (``layout.head_shape``)."""
    return head_shape(words)


def repeated_keys(heads, fitting) -> set[str]:
    """Keys of head words that recur (loosely: two letters may differ) at page edges; a
    year's shape only where it heads pages (a chronology's running heads)."""
    keys = [key_of(h.words) for h in heads if h.at_edge and (len(key_of(h.words)) >= 6 or h.top)]
    counts = Counter(keys)
    # a year with a page number the sequence does not take is a contents line ("1921 323")
    counts[YEAR_SHAPE] = sum(1 for h in heads if h.top and key_of(h.words) == YEAR_SHAPE
                             and (h.number is None or h.index in fitting))
    repeated = set()
    distinct = [key for key in counts if key and (len(key) >= 6 or key == YEAR_SHAPE)]
    for key in distinct:
        similar = counts[key] if key == YEAR_SHAPE else \
            sum(n for other, n in counts.items() if other == key or (other != YEAR_SHAPE and close(key, other)))
        if similar >= 3:
            repeated.add(key)
    return repeated


def close(a: str, b: str) -> bool:
    """A letter apart, or two in keys of ten letters or more (``NOTFS`` and ``NOTES``,
    ``ovietrussia`` and ``sovietrussia``)."""
    most = 2 if min(len(a), len(b)) >= 10 else 1
    if abs(len(a) - len(b)) > most:
        return False
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        current = [i]
        for j, y in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        if min(current) > most:
            return False
        previous = current
    return previous[-1] <= most


def weigh(head: HeadLine, fits: bool, sequence_known: bool, vocabulary: set[str], repeated: set[str]) -> int:
    """The evidence that ``head`` is page furniture (``THRESHOLD`` or more: it is)."""
    if not head.words:  # a bare number: a page number when it fits the sequence, or, where
        arabic = any(f.style == "arabic" for f, _ in head.readings)  # none is known, at a page's edge
        return THRESHOLD if fits or (not sequence_known and head.at_edge and arabic) else 0
    words = WORD.findall(head.words)
    letters = [ch for ch in head.words if ch.isalpha()]
    key = key_of(head.words)
    # a page number or repetition is what tells a running head from a document's heading,
    # which also stands at a page's top, in capitals, in the words of the contents
    # a number that does not fit the sequence of pages is something else (a note's call in a
    # heading: "L. B. KAMENEV 128"), and where no sequence is known a number proves nothing
    numbered = 3 if fits else 0
    score = numbered + (2 if key in repeated else 0)
    if score == 0:
        return 0
    if key == YEAR_SHAPE and head.number is not None and not fits:
        return 0  # a year and a number that is no page of the sequence: a contents line, a date
    if key == YEAR_SHAPE and key in repeated and head.top:
        score += 1  # a year heading page after page is a chronology's running head
    score += 1 if head.at_edge else 0
    score += 1 if letters and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters) else 0
    known = [w for w in words if w.lower() in vocabulary]
    in_title = bool(words) and len(known) >= 0.6 * len(words)
    score += 2 if in_title else 0
    # a year in a heading ("DECEMBEB 22-29, 1920") is a date, not a running head, unless the
    # head is the book's title ("… POLICY, 1917-1923") or a year heading page after page
    dated = DATED_YEAR.search(head.words) and not in_title and key != YEAR_SHAPE
    if SENTENCE.search(head.words) or sum(w.islower() for w in words) >= 3 or NOT_A_HEAD.search(head.words) \
            or dated:
        score -= 4
    return score


#: the share of a book's first lines where its title page and contents stand
FRONT_SHARE = 0.05
FRONT_LINES = 200
#: a contents entry: its words, dots or spaces, and the page it begins on
CONTENTS_LINE = regex.compile(r"^(?P<words>.*?\S)[\s.…]*[\s.…](?P<page>\d{1,3})\s*$")
#: lines without an entry that end the contents (the book's text begins)
CONTENTS_GAP = 40
#: lines above an entry's page-numbered line that belong to its title
ENTRY_LINES = 2
#: a book whose front holds fewer entries than this has no contents to read heads against
MIN_CONTENTS_ENTRIES = 5
#: words every title shares, which tell nothing about which title a head repeats
COMMON_WORDS = {"the", "and", "for", "from", "with", "of", "on", "to", "in", "at", "by"}


@dataclass(frozen=True)
class ContentsEntry:
    """A contents entry: the page a document begins on, its title's words, and its line."""

    page: int
    words: frozenset
    index: int


def contents_entries(lines, vocabulary: set[str]) -> list[ContentsEntry]:
    """The contents' entries in the book's first lines, by page: what a running head that
    repeats a document's title (with its folio) is checked against where the book prints no
    folio sequence the OCR kept."""
    entries = []
    front = lines[:max(FRONT_LINES, int(len(lines) * FRONT_SHARE))]
    for i, line in enumerate(front):
        match = CONTENTS_LINE.match(line.stripped)
        if not match:
            continue
        if entries and i - entries[-1].index > CONTENTS_GAP:
            break
        title = [match.group("words")]
        for j in range(i - 1, max(-1, i - 1 - ENTRY_LINES), -1):
            if front[j].is_blank or CONTENTS_LINE.match(front[j].stripped):
                break
            title.append(front[j].stripped)
        words = {w.lower() for w in WORD.findall(" ".join(title))} - COMMON_WORDS
        if words:
            entries.append(ContentsEntry(int(match.group("page")), frozenset(words), i))
    return sorted(entries, key=lambda e: e.page) if len(entries) >= MIN_CONTENTS_ENTRIES else []


#: pages a document may run on past the page its contents entry gives
MAX_DOCUMENT_PAGES = 40
#: words of a head that must be in its document's contents entry (its title, read loosely:
#: the OCR loses a line of a long entry, and a short head is the title's end)
MIN_TITLE_WORDS = 2
SHARED_TITLE = 0.5


def weigh_by_contents(head: HeadLine, contents: list[ContentsEntry], vocabulary: set[str]) -> int:
    """A head that repeats the title of the document the contents place on its page (the
    entry with the last page at or before its number): its words are that title's, and its
    folio lies among that document's pages. Small capitals the OCR read as lower case
    ("theses on the national and colonial QUESTIONS 225") are such a head when they are no
    sentence. Where the book printed a folio sequence the OCR kept, that sequence decides."""
    if not contents or head.number is None or not head.words or not head.isolated \
            or head.index <= max(e.index for e in contents) or SENTENCE.search(head.words):
        return 0  # a head stands alone between blank lines, after the contents
    words = {w.lower() for w in WORD.findall(head.words)} - COMMON_WORDS
    entry = None
    for candidate in contents:
        if candidate.page > head.number:
            break
        entry = candidate
    if entry is None or head.number - entry.page > MAX_DOCUMENT_PAGES or len(words) < MIN_TITLE_WORDS:
        return 0
    shared = words & entry.words
    return THRESHOLD if len(shared) >= MIN_TITLE_WORDS and len(shared) >= SHARED_TITLE * len(words) else 0


#: a title page's line is short: the author's name, a line of the title
TITLE_PAGE_LINE_WORDS = 6


def letters_key(text: str) -> str:
    """A line's letters, upper case (``V. I. Lenin`` and ``V. I. LENIN`` both give ``VILENIN``)."""
    return "".join(ch for ch in text if ch.isalpha()).upper()


def title_page_lines(lines, contents: list[ContentsEntry]) -> set[str]:
    """The short lines before the contents (the title page: the author's name, the title's
    lines), by their letters: what an even page's running head repeats."""
    if not contents:
        return set()
    first_entry = min(e.index for e in contents)
    return {letters_key(line.stripped) for line in lines[:first_entry]
            if not line.is_blank and len(line.stripped.split()) <= TITLE_PAGE_LINE_WORDS
            and len(letters_key(line.stripped)) >= 4}


def weigh_by_title_page(head: HeadLine, contents: list[ContentsEntry], title_page: set[str]) -> int:
    """A head in capitals whose words are a line of the book's title page (its author, as on
    an even page: "30 V. I. LENIN"), standing alone between blank lines after the contents,
    with a folio among the pages of the document the contents place there. Where the book
    printed a folio sequence the OCR kept, that sequence decides."""
    if not title_page or head.number is None or not head.words or not head.isolated \
            or head.index <= max(e.index for e in contents) or SENTENCE.search(head.words):
        return 0
    letters = [ch for ch in head.words if ch.isalpha()]
    if not letters or sum(ch.isupper() for ch in letters) < len(letters) or letters_key(head.words) not in title_page:
        return 0
    entry = next((e for e in reversed(contents) if e.page <= head.number), None)
    return THRESHOLD if entry is not None and head.number - entry.page <= MAX_DOCUMENT_PAGES else 0


def title_vocabulary(lines, share: float = 0.05) -> set[str]:
    """Words of the lines in capitals near the book's beginning (title page, contents) and
    of the "Full text of" line: the words running heads are made of."""
    vocabulary = set()
    for line in lines[:max(200, int(len(lines) * share))]:
        text = line.stripped
        letters = [ch for ch in text if ch.isalpha()]
        if text.startswith("Full text of") or (len(letters) >= 4 and
                                               sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)):
            vocabulary.update(w.lower() for w in WORD.findall(text))
    return vocabulary - {"the", "and", "for", "from", "with"}
