"""Note calls in the running text of a printed book: bare numbers after a word
("secret treaties 2 endorsed", "1917. 3 The"). Numbers in text are many; a call is
one that fits the notes' sequence and stands on the page its note names.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from pipeline.segment.printed.notes import EXACT, TRACE_AFTER_PUNCTUATION, candidates

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


#: a month name just before a number, and a year just after it: the number is the date's day
MONTH_BEFORE = regex.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
                             r"December)\s*$", regex.I)
YEAR_AFTER = regex.compile(r"\s*,\s*1[89]\d\d\b")


def is_day_of_date(before: str, after: str) -> bool:
    """A number between a month and a year ("November 20, 1922") is a day, never a call: taken as
    a weak call it would link a note to a date line or a source line on the page.

    >>> is_day_of_date("MOSCOW, November ", ", 1922"), is_day_of_date("the treaty ", ", 1922")
    (True, False)
    """
    return bool(MONTH_BEFORE.search(before) and YEAR_AFTER.match(after))


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
            if n == 0 or NOT_BEFORE.match(after) or is_day_of_date(before, after):
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


#: how far (in pages) a linked call may stand from its note's "p. N" once the pages are numbered
#: from every anchor: the first look allows a coarse window (the contents may be pages off), but a
#: call still pages away then is another number in the text ("f. 2", "November 20, 1")
FINAL_PAGE_WINDOW = 1


def drop_far_links(notes, links: dict, page_of) -> dict[str, CallCandidate]:
    """The links whose call stands within ``FINAL_PAGE_WINDOW`` of the page its note names, under
    the final page numbering: a weak number taken by the first look, pages away from its note,
    is no call (the note is kept and flagged as unlinked instead)."""
    kept = {}
    for note in notes:
        call = links.get(note.n)
        if call is None:
            continue
        page = page_of(call.line_index)
        if note.page_ref is None or page is None or abs(page - note.page_ref) <= FINAL_PAGE_WINDOW:
            kept[note.n] = call
    return kept


#: the share of a book's notes linked to printed numbers above which the OCR kept its calls as
#: numbers: a quote or an asterisk there is a quotation's end or a footnote's own call, never an
#: endnote's trace (the seed book: 113 of 144 linked by number; a trace taken there was another
#: mark); below it the engine read the raised numbers as traces (the dev seed-like bench book: 4 of 26)
NUMBERED_CALLS_KEPT = 0.5


def link_traces(notes, links: dict, lines, page_of, first_line: int, end_line: int,
                removed=frozenset()) -> dict[str, CallCandidate]:
    """A last look for notes still unlinked: the OCR often reads a small raised call as a trace
    (``conquered,'``, ``convened.’``, ``sky);*``) or loses it. The notes that name one page and
    stand between the same linked neighbours take that page's traces between those neighbours'
    calls, in order, when the traces are as many as the notes (first the sure ones: a mark or a
    trace after punctuation; else any trace); where they are not, no call is guessed and the
    notes stay unlinked (flagged). Only in a book whose calls the OCR mostly lost as numbers
    (``NUMBERED_CALLS_KEPT``)."""
    links = dict(links)
    if len(links) >= NUMBERED_CALLS_KEPT * len(notes):
        return links
    numbers = [note.n for note in notes]
    pending = [k for k, note in enumerate(notes) if note.n not in links and note.page_ref is not None]
    for group in groups_by_page(notes, pending, links, numbers):
        after = max((links[n].end for n in numbers[:group[0]] if n in links), default=-1)
        before = min((links[n].start for n in numbers[group[-1] + 1:] if n in links), default=10 ** 12)
        traces = page_traces(lines, page_of, notes[group[0]].page_ref, first_line, end_line, removed, after, before)
        chosen = matching_traces(traces, len(group))
        for k, (start, end, line_index) in zip(group, chosen):
            links[notes[k].n] = CallCandidate(int(notes[k].n), start, end, line_index, weak=True)
    return links


def groups_by_page(notes, pending: list[int], links: dict, numbers) -> list[list[int]]:
    """Runs of unlinked notes (indices) that follow one another and name the same page."""
    groups: list[list[int]] = []
    for k in pending:
        last = groups[-1][-1] if groups else None
        if last is not None and notes[last].page_ref == notes[k].page_ref and \
                not any(n in links for n in numbers[last + 1:k]):
            groups[-1].append(k)
        else:
            groups.append([k])
    return groups


def page_traces(lines, page_of, page: int, first_line: int, end_line: int, removed, after: int, before: int):
    """The possible calls on printed page ``page`` between raw offsets ``after`` and ``before``:
    (start, end, line index, sure), in text order."""
    found = []
    for i in range(first_line, end_line):
        if page_of(i) != page or not after < lines[i].start < before:
            continue
        for start, end, _mark, strength in candidates(lines, i, i + 1, removed):
            if after < start < before:
                found.append((start, end, i, strength in (EXACT, TRACE_AFTER_PUNCTUATION)))
    return found


def matching_traces(traces, wanted: int) -> list[tuple[int, int, int]]:
    """As many traces as notes, the sure ones first; none where neither count fits."""
    sure = [t for t in traces if t[3]]
    for pool in (sure, traces):
        if pool and len(pool) == wanted:
            return [t[:3] for t in pool]
    return []
