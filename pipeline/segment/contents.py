"""The table of contents of a printed book: entries with their page numbers.

OCR keeps the entry lines that end in a page number ("LETTER TO G. V. CHICHERIN.
March 14, 1922 . 426") and often loses the first line of a long entry, so an
entry is what the kept lines say, with any lines above it that carry no page.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from pipeline.dates import MONTH
from pipeline.ocrforms import PAGE_NUMBER_DIGITS

ENTRY_END = regex.compile(r"^(?P<text>.*?)[\s.*,]*(?<!\d)(?P<page>\d{1,3}|(?<=\.\s?)[\dIlOoSZB]{1,3})\s*$")
LEADER_WITHOUT_PAGE = regex.compile(r"\w.*\s\.(?:\s*\.)*\s*$")
MAX_GAP = 70
MIN_ENTRIES = 3
CITED_PAGES = regex.compile(r"\bpp?\.\s*\d|\d\s*[-–]\s*\d{1,3}\s*$")  # "pp. 150-52" cites, it is no entry  # lines between two kept entries; the OCR loses many, but prose follows a longer gap
DATE_IN_ENTRY = regex.compile(rf"(?:{MONTH}|Not\s+(?:earlier|later)\s+than|Written|Between)[^.]*\d.*$")


@dataclass(frozen=True)
class Entry:
    text: str
    page: int  # 0 when the OCR lost it
    line_index: int
    start: int = 0  # raw offsets of the entry's lines
    end: int = 0

    def reread(self, text: str) -> "Entry":
        """The same entry with its words as repaired (hyphens joined, OCR fixed)."""
        return Entry(" ".join(ENTRY_END.sub(r"\g<text>", text).split()), self.page, self.line_index,
                     self.start, self.end)

    @property
    def title(self) -> str:
        """The entry's words before its date, without a leading number ("1. REPORT ON PEACE")."""
        title = DATE_IN_ENTRY.sub("", self.text).strip(" .,")
        return regex.sub(r"^\d+\.\s*", "", title)

    @property
    def date_text(self) -> str:
        match = DATE_IN_ENTRY.search(self.text)
        return match.group(0).strip(" .") if match else ""

    @property
    def printed(self) -> str:
        """The entry as printed, title and date, without its number ("1. ") and leader dots."""
        return regex.sub(r"^\d+\.\s*|[\s.]+$", "", self.text)

    @property
    def is_fragment(self) -> bool:
        """True when the OCR lost the entry's beginning (it starts in lower case or
        is only a date)."""
        return not self.title[:1].isupper()


def own_entry(entries: list[Entry], entry: Entry) -> tuple[Entry, Entry | None]:
    """A document's own entry and its group's: "EIGHTH CONGRESS ... 137" heads a group,
    and "1. REPORT OF THE CENTRAL COMMITTEE. March 18 137" on the same page is the
    document; an entry in title case on that page ("Decree on Peace") is only a part."""
    k = entries.index(entry)
    same_page = [e for e in entries[k + 1:] if e.page == entry.page and e.page]
    own = next((e for e in same_page if not e.title or e.title.isupper() or e.is_fragment), None)
    return (own, entry) if own is not None else (entry, None)


def read_contents(lines, start: int, end: int, removed=frozenset()) -> list[Entry]:
    """Entries of the contents between line indices ``start`` and ``end``."""
    entries, pending, pending_from, pending_line = [], [], None, start
    previous_page = 0
    for i in range(start, end):
        text = lines[i].stripped
        if not text or lines[i].content_start in removed:
            continue
        pending_from = i if not pending else pending_from
        if pending and blank_run(lines, pending_line, i) >= 2:
            pending, pending_from = [], i  # lines set apart by a page's gap: an entry whose page was lost
        pending_line = i
        match = ENTRY_END.match(text)
        page = entry_page(match)
        if match and page is not None and page >= previous_page and match.group("text").strip():
            words = " ".join(pending + [match.group("text").strip()])
            entries.append(Entry(" ".join(words.split()), page, i,
                                 lines[pending_from].content_start, lines[i].content_end))
            previous_page, pending = page, []
        elif LEADER_WITHOUT_PAGE.search(text) and pending == []:
            # "SOVIETS. March 14-16, 1918 ." : an entry whose page number the OCR lost
            entries.append(Entry(" ".join(text.split()), 0, i, lines[i].content_start, lines[i].content_end))
        else:
            pending.append(text)
    return entries


def entry_page(match) -> int | None:
    """The page number an entry ends with, read through OCR damage (``..I4`` is 14)."""
    if match is None:
        return None
    digits = match.group("page").translate(PAGE_NUMBER_DIGITS)
    return int(digits) if digits.isdigit() else None


def blank_run(lines, after: int, before: int) -> int:
    """The most blank lines in a row between line indices ``after`` and ``before``."""
    longest = run = 0
    for i in range(after + 1, before):
        run = run + 1 if lines[i].is_blank else 0
        longest = max(longest, run)
    return longest


def page_number(line) -> int:
    return entry_page(ENTRY_END.match(line.stripped)) or 0


def contents_region(lines, removed=frozenset(), limit: int = 600) -> tuple[int, int]:
    """Line indices (start, end) of the contents: the first run of lines ending in page
    numbers (furniture already removed, such as running heads, does not count)."""
    hits = [i for i in range(min(limit, len(lines))) if ENTRY_END.match(lines[i].stripped)
            and len(lines[i].stripped) > 6 and not CITED_PAGES.search(lines[i].stripped)
            and lines[i].content_start not in removed]
    for k in range(len(hits) - MIN_ENTRIES + 1):  # the contents: entries within a few lines of each other
        if hits[k + MIN_ENTRIES - 1] - hits[k] <= 12 * MIN_ENTRIES:
            first = last = hits[k]
            for hit in hits[k + 1:]:
                if hit - last > MAX_GAP or page_number(lines[hit]) < page_number(lines[last]):
                    break  # a contents runs on in page order: a smaller number is prose ("… The 1")
                last = hit
            while first > 0 and not all(lines[i].is_blank for i in range(max(0, first - 2), first)):
                first -= 1  # the first entry's lines above its page number, up to a page's gap
            return first, last + 1
    return 0, 0
