"""Repairs that remove furniture: site chrome, site navigation, page furniture.

Removed lines become ``Change(kind="removal")`` records; ``encode`` keeps their
text in the TEI ``standOff``, so nothing of the raw file is lost.
"""

from __future__ import annotations

import regex

from pipeline.lines import split_lines
from pipeline.model import Change, Source
from pipeline.repair.pageheads import find_page_furniture, title_vocabulary

#: words that make up web-site navigation bars
NAV_WORDS = {
    "backward", "forward", "back", "next", "previous", "prev", "home", "index", "contents",
    "archive", "works", "volume", "collected", "subject", "author", "date", "top", "up",
    "l.i.a.", "mia", "library", "search", "main", "page", "chronology", "biography",
}
NAV_SEPARATORS = regex.compile(r"[|<>«»\[\]]")
#: a wiki's (or its mirror's) chrome: the project line, skip links, the permanent link, categories,
#: menus, the last-edited and legal lines; a collection's name and volume line above a copy
WIKI_CHROME = (r"From Wiki(?:source|pedia)\b.*|Jump to (?:navigation|search|content)\b.*|Retrieved from\b.*|"
               r"(?:Hidden )?Categories?\s*:.*|Navigation menu|Personal tools|This page was last (?:edited|modified)\b.*|"
               r"Privacy policy\b.*|Text is available under\b.*|©.*|Copyright\s*©.*|.*\bAll rights reserved\.?|"
               r"Soviet Documents on Foreign Policy|Vol(?:ume)?\.?\s+[IVX\d]+,\s*\d{4}\s*[-–]\s*\d{4}")
#: lines of a site's (or its mirror's) chrome, dropped where they stand: above the title or below the text
SITE_CHROME = regex.compile(
    r"^\s*(?:You are reading a mirror\b.*|(?:www\.)?marxists\.org\b.*|.*\bInternet Archive\s*(?:\|.*)?|"
    r"Search (?:the )?MIA\b.*|Last updated\b.*|(?:Previous|Next|Prev)\s*:.*|Table of Contents|"
    r"MIA\s*>.*|Documents on Soviet Foreign Policy(?:,\s*Vol(?:ume)?\.?\s*[IVX\d]+)?|" + WIKI_CHROME + ")\\s*$", regex.I)
#: how many text lines at the top and at the bottom of a page copy chrome may stand in
CHROME_ZONE = 6
SITE_FOOTERS = regex.compile(r"^\s*(Documents on Soviet Foreign Policy|Marxists Internet Archive|"
                             r"Lenin Internet Archive|Soviet History Archive)\s*$")
#: link labels of a web page glued to the end of a sentence ("... as your source.README")
GLUED_LINK_LABEL = regex.compile(r"(?<=[.!?”\"])(README|Top of page|Back to top|Home)\s*$")
IA_CHROME_LINES = regex.compile(
    r"^\s*(Skip to main content|Internet Archive'?s? .*Logo|Full text of \".*\"|See other formats)\s*$")


def remove_site_chrome(source: Source, _done=(), _context=None) -> list[Change]:
    """Drop the Internet Archive page chrome above an OCR full text.

    The "Full text of" line names the book, but the book's own title page says the
    same, so the line is furniture of the web page, not of the book.
    """
    if source.kind != "ia-ocr":
        return []
    changes = []
    for line in split_lines(source.text)[:12]:
        if IA_CHROME_LINES.match(line.text):
            changes.append(removal("site-chrome", line))
    return changes


def remove_site_navigation(source: Source, _done=(), _context=None) -> list[Change]:
    """Drop navigation bars and site footers of web-page copies.

    A line is navigation when it is built of separators (``|``, ``<``, ``>``,
    brackets) and navigation words ("< backward   forward >", "Works Index |
    Volume 42 | Collected Works", "[Subject] [Author] [Date]"). A site's name
    line is dropped only among the last lines of the page, where it is a footer.
    """
    if source.kind not in {"mia", "dsfp", "unknown"}:
        return []
    lines = [line for line in split_lines(source.text) if not line.is_blank]
    tail = {line.number for line in lines[-4:]}
    ends = {line.number for line in lines[:1] + lines[-1:]}
    edges = {line.number for line in lines[:CHROME_ZONE] + lines[-CHROME_ZONE:]}
    changes = [removal("site-navigation", line) for line in lines
               if is_navigation(line.stripped) or (line.number in tail and SITE_FOOTERS.match(line.text))
               or (line.number in edges and (SITE_CHROME.match(line.text) and len(line.stripped) < 140
                                             or is_link_bar(line.stripped)))
               or (line.number in ends and is_site_banner(line.stripped))]
    return changes + glued_link_labels(source, lines)


def glued_link_labels(source: Source, lines) -> list[Change]:
    """Link labels that the copy glued to a sentence, e.g. ``as your source.README``, and a
    wiki's edit link after a heading (``Notes[edit]``)."""
    changes = []
    for line in lines:
        edit = WIKI_EDIT_LINK.search(line.text)
        if edit:
            changes.append(Change(rule="site-link-label", start=line.start + edit.start(), end=line.start + edit.end(),
                                  before=edit.group(), after="", confidence=0.9, kind="removal"))
        match = GLUED_LINK_LABEL.search(line.text)
        if match:
            start, end = line.start + match.start(1), line.start + match.end(1)
            changes.append(Change(rule="site-link-label", start=start, end=end, before=match.group(1),
                                  after="", confidence=0.9, kind="removal"))
    return changes


LINK_BAR_SEPARATORS = regex.compile(r"\s+[|•·»>]\s+")
#: a wiki's edit link printed after a heading
WIKI_EDIT_LINK = regex.compile(r"(?<=\S)\[\s*edit(?:\s+source)?\s*\]\s*$")


def is_site_banner(text: str) -> bool:
    """A site's name bar, the first or last line of a copy: two or more short names between
    bars, none a sentence.

    >>> is_site_banner("Russian Documents Collection | Department of History")
    True
    >>> is_site_banner("We shall fight | and we shall win.")
    False
    """
    parts = text.split(" | ")
    return len(parts) >= 2 and all(0 < len(part.split()) <= 8 and not part.rstrip().endswith((".", ",", ";", ":"))
                                   for part in parts)
URLISH = regex.compile(r"\bwww\.|https?://|\.(?:org|net|com|info)\b", regex.I)


def is_link_bar(text: str) -> bool:
    """A site's link bar or breadcrumb: short labels between separators ("Home | Works |
    Letters", "MIA > Library > Lenin"), or an address of the site.

    >>> is_link_bar("Home | Works | Biography | Letters"), is_link_bar("MIA > Library > Lenin > Works")
    (True, True)
    >>> is_link_bar("We shall fight | and we shall win, said the delegates of the Congress.")
    False
    """
    if URLISH.search(text) and len(text.split()) <= 8:
        return True
    parts = LINK_BAR_SEPARATORS.split(text)
    return len(parts) >= 3 and all(0 < len(part.split()) <= 4 and not part.rstrip().endswith((".", ",", ";"))
                                   for part in parts)


def is_navigation(text: str) -> bool:
    """True for a line made of navigation words between separators.

    >>> is_navigation("< backward   forward >"), is_navigation("[Subject] [Author] [Date]")
    (True, True)
    >>> is_navigation("Works Index   |   Volume 42 | Collected Works   |   L.I.A. Index")
    True
    >>> is_navigation("The note [1] says | nothing of the kind, as we know.")
    False
    >>> is_navigation("26 October [8 November] 1917")
    False
    """
    if not NAV_SEPARATORS.search(text) or len(text) > 160:
        return False
    words = [w.lower().strip(".,:;") for w in NAV_SEPARATORS.sub(" ", text).split()]
    words = [w for w in words if w and not w.isdigit()]  # volume numbers say nothing either way
    if not words:
        return False
    navigational = sum(1 for w in words if w in NAV_WORDS)
    return navigational >= 1 and navigational / len(words) >= 0.6


def remove_page_furniture(source: Source, _done=(), _context=None) -> list[Change]:
    """Drop printed-page furniture of an OCR text: running heads, page numbers (found from
    evidence, ``pageheads``) and printer's signature marks ("20 *" alone between blank
    lines at a sheet's first page foot)."""
    if source.kind != "ia-ocr":
        return []
    lines = split_lines(source.text)
    found = find_page_furniture(lines, title_vocabulary(lines))
    changes = [removal(rule, head.line) for head, rule in found]
    taken = {head.index for head, _ in found}
    for i, line in enumerate(lines):
        if i not in taken and SIGNATURE_MARK.fullmatch(line.text) and lines[i - 1].is_blank \
                and (i + 1 == len(lines) or lines[i + 1].is_blank):
            changes.append(removal("printer-signature-mark", line))
    return changes


SIGNATURE_MARK = regex.compile(r"\s*\d{1,2}\s*\*\s*")


def removal(rule: str, line) -> Change:
    """A removal of a whole line's content (its surrounding white space stays)."""
    text = source_slice(line)
    return Change(rule=rule, start=line.content_start, end=line.content_end, before=text,
                  after="", confidence=0.95, kind="removal")


def source_slice(line) -> str:
    return line.text.strip()
