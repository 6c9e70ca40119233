"""A printed source block read as the events it records.

The book prints a document's sources in two columns under its text: on the left where and
when the text was first published ("Published May 9, 10 and 11, 1918 in Pravda, Nos. 88,
89 and 90", "First published in full in 1919 in the book …"), on the right the edition
the translation follows ("Collected Works, Vol. 27, pp. 325-33", "Published according to
the text of the Miscellany"). The OCR reads the page line by line, so the two columns
interleave: "Published May 9, 10 and 11, Collected Works, Vol. 27, / 1918 in Pravda,
Nos. 88, 89 pp. 325-33 / and 90". ``read_publications`` takes the block's lines apart
into its columns again and each column into its events, each a ``Publication``.
"""

from __future__ import annotations

import regex

from pipeline.dates import find_date, parse_date
from pipeline.model import Publication
from pipeline.textutil import squash

#: where the right-hand column begins: a Collected Works reference with its volume, the
#: text the translation follows, the text it was checked against
RIGHT_START = regex.compile(r"(?<!\bthe\s)(?<!\bof\s)\bCollected\s+W\S{2,6}\s*,?\s*(?:Vol\b|$)|"
                            r"\bPublished\s+according\b|\bVerified\s+with\b")
#: what the right-hand column goes on with, at the end of a later line
RIGHT_MORE = regex.compile(r"^(?:to\s+the|text\s+(?:of|in))\b.*|\btext\s+in\b.*|(?:\bVol\.\s*\d+\s*[,.]?\s*(?:pp?\.\s*,?\s*\d[\d\s,–-]*)?|\bpp?\.\s*,?\s*\d[\d\s,–-]*|"
                           r"\b(?:(?:the|[^\s\p{Lu}]{1,3})\s+)?text(?:\s+of\s+the\s+[\p{L}\s]+)?|\b(?:the\s+)?(?:manuscript|typescript)|"
                        r"\bto\s+the|\bthe)\s*$")
#: the right-hand column is complete once it has its pages, its text, or its manuscript
RIGHT_DONE = regex.compile(r"(?:\bpp?\.\s*,?\s*\d[\d\s,–-]*|\btext\s+of\s+the\s+[\p{L}\s]+|"
                           r"\b(?:manuscript|typescript|copy|original)|(?<=\bwith\b.*)\btext)\s*$")
#: how a line of the left-hand column begins: an event, a preposition, a date, a periodical's issue
LEFT_START = regex.compile(r"^(?:(?:First\s+)?[Pp]ublished|Written|Dictated|Delivered|Signed|Newspaper|Brief|"
                           r"(?:in|on|and|at|by|with|from)\b|\(?\d|(?:January|February|March|April|May|June|July|"
                           r"August|September|October|November|December)\b|"
                           r"\p{Lu}[\p{L}.’'-]*(?:\s+\p{Lu}[\p{L}.’'-]*){0,3},?\s+Nos?[.,])")
#: the words that begin an event in the left-hand column
EVENT_START = regex.compile(r"(?=\b(?:First\s+published|Published|(?:Newspaper|Brief)\s+reports?\s+published|"
                            r"Written|Dictated|Delivered|Signed)\b)")
QUALIFIER = regex.compile(r"\((?P<q>abridged|in\s+part)\)|\b(?P<q>in\s+full|in\s+(?:English|Russian|German|French)|"
                          r"for\s+the\s+first\s+time)\b")
#: a periodical and its issue: "Pravda No. 171", "Izvestia VTsIK No. 148", "Pravda, Nos. 88, 89 and 90"
PERIODICAL = regex.compile(r"(?P<title>(?!Nos?\.)\p{Lu}[\p{L}.’'\-]*(?:\s+(?:\([^)]{1,30}\)|(?!Nos?\.)\p{Lu}[\p{L}.’'\-]*|"
                           r"i|of|the|de))*)\s*,?\s+Nos?[.,]\s*['’]?(?P<issue>\d+(?:-\d+)?(?:(?:\s*,\s*|\s+and\s+)\d+)*)")
#: what stands before a periodical's title and is not part of it
TITLE_LEAD = regex.compile(r"^(?:(?:in|and|the|newspaper|magazine|journal|paper)\s+)+", regex.I)
BOOK = regex.compile(r"\bin\s+(?:the\s+)?(?:book|pamphlet|collection)\s*:?\s*(?P<title>.+?)"
                     r"(?:[,.]\s*(?P<place>Moscow|Petrograd|Leningrad|New\s+York|London|Berlin|Paris)\b.*)?$")
PLACES = r"Moscow|Petrograd|Leningrad|New\s+York|London|Berlin|Paris"
#: a book named without "the book": "Published in 1922 in Odinnadtsaty syezd …, Moscow"
PLAIN_TITLE = regex.compile(rf"\b1[89]\d\d\s+in\s+(?P<title>\p{{Lu}}.{{5,}}?)(?:,\s*(?P<place>{PLACES})\b.*)?$")
SERIES = regex.compile(r"\bin\s+(?P<title>Lenin\s+Miscellany\s+[IVXL1'’]+|Lenin\s+Miscellany)")
EDITION_OF = regex.compile(r"\bin\s+the\s+(?P<title>\p{L}+\s+(?:\(\p{L}+\)\s+)?(?:\p{L}+\s+)?[Ee]dition"
                           r"\s+of\s+the\s+Collected\s+Works)")
VOLUME = regex.compile(r"\bVol\.\s*(?P<v>\d+)")
PAGES = regex.compile(r"\bpp?\.\s*,?\s*(?P<p>\d[\d\s,–-]*\d|\d)")
COPY_TEXT = regex.compile(r"\b(?:according\s+to|with)\s+(?:(?!manuscript|typescript)\S{1,3}\s+)?(?:text\s+of\s+(?:the\s+)?)?(?P<title>.+?)"
                       r"(?:\s+text)?\s*$")
#: a page range the OCR lost the hyphen of: "436 37" is pp. 436-37
LOST_HYPHEN = regex.compile(r"(?<=\d)\s+(?=\d)")


def read_publications(lines) -> tuple[Publication, ...]:
    """The publication events of a source block, from its lines (as repaired), left
    column first, in the order printed.

    >>> events = read_publications(["Published May 9, 10 and 11, Collected Works, Vol. 27,",
    ...                             "1918 in Pravda, Nos. 88, 89 pp. 325-33", "and 90", "Signed: N. Lenin"])
    >>> [(e.kind, e.title, e.issue, e.volume, e.pages) for e in events]
    [('published', 'Pravda', '88, 89 and 90', '', ''), ('collected-works', 'Collected Works', '', '27', '325-33')]
    """
    left, right = split_columns(lines)
    events = [event for segment in left_events(" ".join(left)) for event in segment]
    events += right_events(" ".join(right))
    return tuple(events)


def split_columns(lines) -> tuple[list[str], list[str]]:
    """The left-hand and right-hand column of a two-column block, each as its lines.

    The right-hand column begins where a reference to the edition or the text followed
    begins. While it is open, a line that does not begin like the left-hand column's
    lines belongs to it whole (the left column has ended: "Sabanin, Vol. II, p. 196;"),
    except that a Collected Works reference still open only takes its pages from the
    line's end ("Chetvyorty vserossiiski syezd rabochikh pp. 112-17").
    """
    left, right, open_right = [], [], False
    for line in (squash(line) for line in lines):
        cut = column_cut(line, open_right, " ".join(right))
        left.append(line[:cut].strip())
        if cut < len(line):
            right.append(line[cut:].strip())
            open_right = not RIGHT_DONE.search(" ".join(right))
    return [piece for piece in left if piece], right


def column_cut(line: str, open_right: bool, right: str) -> int:
    """Where the right-hand column's part of ``line`` begins (its length: none)."""
    start = RIGHT_START.search(line)
    if start:
        return start.start()
    if not open_right:
        return len(line)
    wants_pages = bool(regex.search(r"Collected\s+W", right))
    if not wants_pages and not LEFT_START.match(line):
        return 0
    more = RIGHT_MORE.search(line)
    return more.start() if more else len(line)


def left_events(text: str) -> list[list[Publication]]:
    """Each event of the left-hand column: publications (one per periodical or book it
    names), and when the text was written (``written``: "Written on …", "Dictated by
    telephone on …") or dated (``dated``: a date line alone); a signature is the document's."""
    events = []
    for segment in (s.strip(" ,;") for piece in EVENT_START.split(text) for s in leading_date_apart(piece)):
        if not segment or segment.startswith("Signed"):
            continue
        if regex.match(r"(?:Written|Dictated|Delivered)\b", segment):
            events.append([Publication("written", segment, date=date_in(segment))])
        elif is_date_alone(segment):  # the document's own date line, printed above the block
            events.append([Publication("dated", segment, date=date_in(segment))])
        else:
            events.append(publication_events(segment))
    return events


def leading_date_apart(segment: str) -> list[str]:
    """A date line printed above the block and read into its first line ("October 27, 1922
    Pravda No. 254, November 10, 1922") apart from the event after it.

    >>> leading_date_apart("October 27, 1922 Pravda No. 254, November 10, 1922")
    ['October 27, 1922', 'Pravda No. 254, November 10, 1922']
    """
    found = find_date(segment)
    if found is None or segment[:found[1][0]].strip() or not regex.match(r"\s*\p{Lu}", segment[found[1][1]:]):
        return [segment]
    return [segment[:found[1][1]], segment[found[1][1]:].strip()]


def is_date_alone(segment: str) -> bool:
    """Nothing but a full date ("September 23, 1919", "March 2, 1923.")."""
    found = find_date(segment)
    return found is not None and not regex.search(r"\w", segment[:found[1][0]] + segment[found[1][1]:])


def publication_events(segment: str) -> list[Publication]:
    """One event ("First published in full in 1919 in the book …"), as one publication
    per periodical, book or edition it names."""
    kind = "first-published" if regex.match(r"First\s+published", segment) else "published"
    qualifier = " ".join(squash(m.group("q")) for m in QUALIFIER.finditer(segment))
    periodicals = list(PERIODICAL.finditer(segment))
    if periodicals:
        return periodical_events(kind, qualifier, segment, periodicals)
    for pattern, level in ((BOOK, "m"), (SERIES, "s"), (EDITION_OF, "m")):
        found = pattern.search(segment)
        if found:
            place = found.groupdict().get("place") or ""
            title = found.group("title").strip(" ,.")
            return [Publication(kind, segment, qualifier, title, level=level, date=date_in(segment[:found.start()]),
                                pub_place=place)]
    date, plain = date_in(segment), PLAIN_TITLE.search(QUALIFIER.sub("", segment))
    if plain:
        return [Publication(kind, segment, qualifier, plain.group("title").strip(" ,."), level="m", date=date,
                            pub_place=plain.group("place") or "")]
    return [Publication(kind, segment, qualifier, date=date)] if date or qualifier else []


def periodical_events(kind: str, qualifier: str, segment: str, periodicals) -> list[Publication]:
    """One publication per periodical. Each takes the date after it; one without (``Pravda
    No. 2 and Izvestia No. 2, January 4 (17), 1918``) takes the date the event gives before
    its first periodical ("published on July 16, 1918 in …"), else the next one's."""
    ends = [m.start() for m in periodicals[1:]] + [len(segment)]
    dates = [date_in(segment[m.end():end]) for m, end in zip(periodicals, ends)]
    shared = date_in(segment[:periodicals[0].start()])
    for k in range(len(dates) - 1, -1, -1):
        dates[k] = dates[k] or shared or (dates[k + 1] if k + 1 < len(dates) else None)
    return [periodical_event(kind, qualifier, segment, match, end, k, date)
            for k, (match, end, date) in enumerate(zip(periodicals, ends, dates))]


def periodical_event(kind: str, qualifier: str, segment: str, match, end: int, k: int, date) -> Publication:
    """A periodical's issue, the first of an event carrying the event's kind and qualifier."""
    title = TITLE_LEAD.sub("", match.group("title")).strip(" ,.")
    words = segment[:end] if k == 0 else segment[match.start():end]  # the first carries the event's words
    return Publication(kind if k == 0 or kind == "published" else "published", squash(words).strip(" ,;"),
                       qualifier if k == 0 else "", title, level="j", issue=squash(match.group("issue")),
                       date=date)


def right_events(text: str) -> list[Publication]:
    """The right-hand column: the Collected Works reference, the text followed or checked."""
    text = squash(text)
    if not text:
        return []
    events = []
    works = regex.search(r"Collected\s+W\S{2,6}\s*,?\s*(?:Vol|$).*", text)
    if works:
        volume, pages = VOLUME.search(works.group()), PAGES.search(works.group())
        events.append(Publication("collected-works", squash(works.group()), title="Collected Works", level="m",
                                  volume=volume.group("v") if volume else "",
                                  pages=page_range(pages.group("p")) if pages else ""))
        text = text[:works.start()]
    for kind, words in (("copy-text", r"Published\s+according\s+to"), ("verified", r"Verified\s+with")):
        found = regex.search(rf"{words}.*", text)
        if found:
            copy = COPY_TEXT.search(found.group())
            title = regex.sub(r"^text(?:\s+\p{L}+)?$", "", copy.group("title")) if copy else ""
            events.insert(0, Publication(kind, squash(found.group()), title=title))
    return events


def page_range(pages: str) -> str:
    """Pages as printed, with a hyphen the OCR lost put back ("215 26, 240-45").

    >>> page_range("215 26, 240-45"), page_range("436 37")
    ('215-26, 240-45', '436-37')
    """
    return LOST_HYPHEN.sub("-", squash(pages).strip(" ,"))


YEAR_PHRASE = regex.compile(r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|"
                         r"December)\s+(?:\d{1,2}(?:\s*\(\d{1,2}\))?,?\s+)?)?1[89]\d\d")


def date_in(text: str):
    """The first date in ``text`` with the words that give it (not the whole text), or
    None: a full date first, else a month and year, else a year.

    >>> date_in(", November 10 (October 28), 1917, and").text, date_in("First published in 1959").when
    ('November 10 (October 28), 1917', '1959')
    """
    found = find_date(text)
    if found:
        return found[0]
    phrase = YEAR_PHRASE.search(text)
    if phrase is None:
        return None
    date = parse_date(phrase.group())
    return None if date.is_empty() else date
