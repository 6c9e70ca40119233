"""Note calls in the running text of a printed book: bare numbers after a word
("secret treaties 2 endorsed", "1917. 3 The"). Numbers in text are many; a call is
one that fits the notes' sequence and stands on the page its note names.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

CANDIDATE = regex.compile(
    r"(?<=(?:[^\W\d_]|[)\]])\s?[.,;:!?”’\")\]]{0,2}|\d[,.]|\d) (?P<n>\d{1,3})(?=\s|[.,;:](?:\s|$))")
#: a call left at the end of a heading's date: "JULY 15, 1918 33", "November 21, 1920 110"
HEADING_CALL = regex.compile(r"^\s*(?:[^\W\d_]+\s+\d{1,2}(?:[-–]\d{1,2})?,?\s+)?1[89]\d\d (?P<n>\d{1,3})\s*$")
NOT_AFTER = regex.compile(
    r"(?:\bNos?\.|\bVols?\.|\bpp?\.|§|\bArticles?|\bClauses?|\bPoints?|\bParagraphs?|\bSections?|\bChapter|"
    r"\bPart|\bNote|\bVolume|\bpage|\bof|\bfrom|\bto|\band|\bor|\bat|\bby|\bthe|\bthan|\bin|\bon|\bJanuary|"
    r"\bFebruary|\bMarch|\bApril|\bMay|\bJune|\bJuly|\bAugust|\bSeptember|\bOctober|\bNovember|\bDecember|"
    r"\bsome|\babout|\bover|\bnearly|\bonly|\bof|\bfor|\bwith|\bNo)\s*$", regex.I)
NOT_BEFORE = regex.compile(r"\s*(?:per\b|%|million|thousand|hundred|years?\b|days?\b|months?\b|weeks?\b|versts?|"
                           r"a\.m\.|p\.m\.|o.clock|and\s+\d|or\s+\d|to\s+\d|[-–]\d|\d)", regex.I)


@dataclass(frozen=True)
class CallCandidate:
    n: int
    start: int
    end: int
    line_index: int
    weak: bool = False  # "October 20", "April 20 24": a call only if nothing better stands near


def find_candidates(text: str, lines, start_line: int, end_line: int) -> list[CallCandidate]:
    found = []
    for i in range(start_line, end_line):
        line = lines[i]
        heading = HEADING_CALL.match(line.text)
        if heading:
            found.append(CallCandidate(int(heading.group("n")), line.start + heading.start("n"),
                                       line.start + heading.end("n"), i))
            continue
        for match in CANDIDATE.finditer(line.text):
            before, after = line.text[:match.start()], line.text[match.end():]
            n = int(match.group("n"))
            if n == 0 or NOT_BEFORE.match(after):
                continue
            weak = bool(NOT_AFTER.search(before)) or before.rstrip()[-1:].isdigit()
            found.append(CallCandidate(n, line.start + match.start("n"), line.start + match.end("n"), i, weak))
    return found


def link_calls(notes, candidates, page_of, window: int = 1) -> dict[str, CallCandidate]:
    """For each note, the first candidate after the previous link that has its number
    and stands within ``window`` pages of the page the note names."""
    links, cursor = {}, -1
    for note in notes:
        best = first_fit(note, candidates, cursor, page_of, window, weak=False) or \
            first_fit(note, candidates, cursor, page_of, min(window, 1), weak=True)
        if best is not None:
            links[note.n] = best
            cursor = best.end
    return links


def first_fit(note, candidates, cursor: int, page_of, window: int, weak: bool):
    wanted = int(note.n)
    for candidate in candidates:
        if candidate.start <= cursor or candidate.n != wanted or candidate.weak != weak:
            continue
        page = page_of(candidate.line_index)
        if note.page_ref is None or page is None or abs(page - note.page_ref) <= window:
            return candidate
        if note.page_ref is not None and page is not None and page > note.page_ref + window:
            return None
    return None


def link_remaining(notes, candidates, links: dict, page_of) -> dict[str, CallCandidate]:
    """A second look for notes left unlinked, once the pages are known better: any
    candidate (weak ones too) with the note's number, on its page, between the calls
    of the notes before and after it."""
    links = dict(links)
    numbers = [note.n for note in notes]
    for k, note in enumerate(notes):
        if note.n in links or note.page_ref is None:
            continue
        after = max((links[n].end for n in numbers[:k] if n in links), default=-1)
        before = min((links[n].start for n in numbers[k + 1:] if n in links), default=10 ** 12)
        for candidate in candidates:
            page = page_of(candidate.line_index)
            if candidate.n == int(note.n) and after < candidate.start < before and page is not None \
                    and abs(page - note.page_ref) <= 1:
                links[note.n] = candidate
                break
    return links
