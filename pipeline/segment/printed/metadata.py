"""The book's own facts from its title page and imprint: author or editor, title,
publisher, place, year and printing.

Why: a collection names its maker and its imprint on its first pages ("Selected and edited
by …", "Oxford Lane Press - London : 1951", "Third printing 1973"); the edition must take
them from there, never from code, so a book nobody tuned on is described by its own words.
A sentence that names a publisher ("translations … prepared by Progress Publishers") is no
imprint: only a line that is the imprint counts.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

#: words that make a line an imprint: the publisher's kind of house
HOUSE = regex.compile(r"\b(?:Press|Publishers?|Publishing|Verlag|Bureau|House|Books|Library|Editions?|"
                      r"Institute|Society|Company|Co\.)\b", regex.I)
EDITOR = regex.compile(r"\b(?:selected\s+and\s+)?(?:edited|compiled|selected|translated)(?:\s+and\s+\w+)?"
                       r"\s+by\s+(?P<who>[\p{Lu}][\p{L}.'’ -]+?)\s*[.,;]?\s*$", regex.I)
ISSUED = regex.compile(r"\b(?:issued|published)\s+by\s+(?:the\s+)?(?P<who>[\p{Lu}].+)$", regex.I)
#: a name alone on a line: initials and a surname ("V. I. Lenin", "A. N. Verkhovsky")
NAME = regex.compile(r"^(?:[\p{Lu}][.,]\s*){1,3}[\p{Lu}][\p{Ll}\p{Lu}'’-]+$")
PRINTING = regex.compile(r"^\s*(?P<edition>\w+ printing) (?P<year>1[89]\d\d|20\d\d)\s*$", regex.M | regex.I)
YEAR = regex.compile(r"\b(?:1[89]\d\d|20\d\d)\b")
SEPARATORS = regex.compile(r"\s*(?:[-–—·•«»:|/]|,)\s*")
#: an imprint line is short and not a sentence: at most this many lower-case words
MAX_LOWER_WORDS_IN_IMPRINT = 2


@dataclass(frozen=True)
class BookFacts:
    """What the title page and imprint say (empty where they say nothing)."""

    title: str = ""
    author: str = ""
    editor: str = ""
    publisher: str = ""
    place: str = ""
    year: str = ""
    edition: str = ""


def read_title_page(front_lines: list[str], title: str = "") -> BookFacts:
    """The facts of a book whose front matter (title page, imprint) is ``front_lines``.

    >>> read_title_page([". SOVIET DOCUMENTS ON", "Selected and edited by Helen Marsh",
    ...                  "Oxford Lane Press - London : 1951"], "Soviet Documents")
    BookFacts(title='Soviet Documents', author='', editor='Helen Marsh', publisher='Oxford Lane Press', place='London', year='1951', edition='')
    >>> read_title_page(["A. N. Verkhovsky", "Soviet Peace Policy", "MERIDIAN PRESS « LEEDS"]).publisher
    'MERIDIAN PRESS'
    >>> read_title_page(["V. I. Lenin", "English edition prepared by Progress Publishers,", "Third printing 1973"])
    BookFacts(title='', author='V. I. Lenin', editor='', publisher='', place='', year='1973', edition='Third printing')
    """
    texts = [" ".join(line.split()) for line in front_lines]
    lines = [text for text in texts if text]
    editor = next((m.group("who").strip() for m in map(EDITOR.search, lines) if m), "")
    author = next((line for line in lines if NAME.match(line) and line != editor), "")
    publisher, place, year = imprint(lines, title, prose_lines(texts))
    printing = list(PRINTING.finditer("\n".join(lines)))
    edition = printing[-1].group("edition") if printing else ""
    year = printing[-1].group("year") if printing else year
    return BookFacts(title=title, author=author, editor=editor, publisher=publisher, place=place,
                     year=year, edition=edition)


def lower_words(text: str) -> int:
    return sum(w[:1].islower() for w in text.split())


#: a paragraph of running prose: an imprint paragraph holds at most an "issued by the" or an
#: "edited by" (0-3 lower-case words on the test books' title pages); the prose that names a
#: publisher ("The translations are taken from the English edition …") holds 9 or more
PROSE_LOWER_WORDS = 5


def prose_lines(texts: list[str]) -> set[int]:
    """Which of the non-blank lines of ``texts`` (counted as the non-blank lines alone)
    belong to paragraphs of running prose: a sentence that happens to say "edition",
    "Press" or "issued by" is no imprint.

    >>> sorted(prose_lines(["V. I. Lenin", "", "The translations are taken from the",
    ...                     "English edition prepared by Progress Publishers,"]))
    [1, 2]
    """
    found, paragraph, k = set(), [], 0
    for text in [*texts, ""]:
        if text.strip():
            paragraph.append((k, text))
            k += 1
            continue
        if sum(lower_words(line) for _, line in paragraph) > PROSE_LOWER_WORDS:
            found.update(index for index, _ in paragraph)
        paragraph = []
    return found


def imprint(lines: list[str], title: str = "", prose: set[int] = frozenset()) -> tuple[str, str, str]:
    """(publisher, place, year) of the imprint line ("Oxford Lane Press - London : 1951"),
    with a place-and-year line after it ("New York, 1923.") if the imprint line has none."""
    for k, line in enumerate(lines):
        issued = ISSUED.search(line) if k not in prose else None
        if issued:  # "Issued by the Russian Information Bureau" / "New York, 1923."
            following = lines[k + 1:k + 3]
            place = next((SEPARATORS.split(f)[0].strip(" .") for f in following if YEAR.search(f)), "")
            year = next((m.group(0) for m in map(YEAR.search, following) if m), "")
            return issued.group("who").strip(" ."), place, year
    for k, line in enumerate(lines):
        if title and line.casefold().strip(" .:") in title.casefold():
            continue  # the book's title ("RUSSIAN PRESS REVIEW:") is no imprint
        if k in prose or not HOUSE.search(line) or lower_words(line) > MAX_LOWER_WORDS_IN_IMPRINT:
            continue
        parts = [p.strip(" .") for p in SEPARATORS.split(line) if p.strip(" .")]
        publisher = next((p for p in parts if HOUSE.search(p)), "")
        rest = parts[parts.index(publisher) + 1:] if publisher else []
        following = lines[k + 1:k + 3]
        place = next((p for p in rest if not YEAR.fullmatch(p) and p[:1].isupper()), "")
        if not place:
            place = next((SEPARATORS.split(f)[0].strip(" .") for f in following if YEAR.search(f)
                          and f[:1].isupper() and len(f.split()) <= 4), "")
        year = next((m.group(0) for m in map(YEAR.search, [line, *following]) if m), "")
        return publisher, place, year
    return "", "", ""
