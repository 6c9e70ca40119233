"""Segment a printed book's OCR text into its parts: the front matter (title page,
imprint, contents), each document (ending with its source block), and the
endnotes, which are moved into the documents whose text calls them.

The stages inside: page breaks -> contents -> source blocks -> documents ->
contents aligned to documents by page -> page numbers -> endnotes -> calls ->
each document's paragraphs, footnotes, headings, letter parts and metadata.
"""

from __future__ import annotations

import bisect
import statistics
from dataclasses import dataclass, replace

import regex

from pipeline.lines import split_lines
from pipeline.model import Change, Document, Flag, Source
from pipeline.ocrforms import PAGE_NUMBER_DIGITS
from pipeline.segment import book_parts
from pipeline.segment.calls import drop_far_links, find_candidates, link_calls, link_remaining, link_traces
from pipeline.segment.contents import Entry, contents_region, read_contents
from pipeline.segment.endnotes import Endnote, notes_start, read_endnotes
from pipeline.segment.pages import Anchor, find_page_breaks, number_pages
from pipeline.segment.book_parts import FOOTNOTE_BY_EDITORS, FOOTNOTE_START
from pipeline.segment.printed.documents import DocRange, heading_ranges, with_evidence, with_introduction
from pipeline.segment.printed import notes as printed_notes
from pipeline.segment.printed.lists import apply_back_list
from pipeline.segment.printed.metadata import BookFacts, read_title_page
from pipeline.segment.sources import find_source_blocks
from pipeline.segment.text import removed_lines

MAX_PAGE_MISMATCH = 4
#: how far (in pages) a call may stand from its note's "p. N" before the notes re-anchor the count
COARSE_PAGE_WINDOW = 12


@dataclass
class Book:
    """Everything found in one book, shared by the builders of its documents."""

    source: Source
    changes: tuple[Change, ...]
    lines: tuple
    numbering: object
    endnotes: list[Endnote]
    links: dict
    conflicts: list[tuple[int, str]]  # (line index, what disagrees)
    by_contents: object  # page numbers from the contents alone, to check the notes against
    entries: list  # the contents' entries
    removed: set  # offsets where removed furniture begins
    facts: BookFacts = BookFacts()  # the title page's and imprint's own words
    #: footnotes of every printed form at the page feet, and each one's call (None: lost), where
    #: the book prints no endnotes (``pipeline.segment.printed.notes``)
    footnotes: tuple = ()
    footnote_calls: tuple = ()


def segment_book(source: Source, changes: tuple[Change, ...], page_hints=()) -> tuple[Document, ...]:
    """The book's front matter and documents, in book order. ``page_hints`` are editors'
    page decisions: (raw offset of a line, its printed page), which outrank the text's evidence."""
    lines = split_lines(source.text)
    editor_anchors = [Anchor(line_index(lines, offset), page, "editor's decision") for offset, page, _ in page_hints]
    removed = removed_lines(source.text, changes)
    page_map = find_page_breaks(lines, removed)
    contents_start, contents_end = contents_region(lines, removed)
    entries = read_contents(lines, contents_start, contents_end, removed)
    body_start = next_text_line(lines, contents_end, removed)
    notes_at = notes_start(lines, body_start) or len(lines)
    ranges = document_ranges(lines, body_start, notes_at)
    blocks = sum(1 for r in ranges if r.block)
    by_headings = heading_ranges(lines, body_start, len(lines), removed, blocks)
    if by_headings:  # the book delimits its documents by headings, not by source blocks
        if notes_at <= by_headings[-1].first:  # source lines ending "p. N" are no endnotes: they head documents
            notes_at = notes_start(lines, by_headings[-1].first + 1) or len(lines)
        ranges = heading_ranges(lines, body_start, notes_at, removed, blocks) or by_headings
        body_start = max(body_start, ranges[0].first) if body_start else ranges[0].first
    starts = [span.first for span in ranges]  # each document begins a new page
    folios = printed_page_numbers(source.text, lines, changes)
    # 1. a first page count, anchored where the first document begins, pairs contents and documents
    paged = [entry for entry in entries if entry.page]
    first_page = [Anchor(ranges[0].first, paged[0].page, "contents")] if paged and ranges else []
    counted, _ = number_pages(page_map, first_page + folios, starts)
    matched = align_contents(entries, ranges, counted.page_of)
    by_contents, _ = number_pages(page_map, contents_anchors(ranges, matched) + folios, starts)
    # 2. calls found near the pages their notes name re-anchor the count, independently of the contents
    endnotes = read_endnotes(lines, source.text, notes_at, removed)
    candidates = find_candidates(source.text, lines, body_start, notes_at)
    links = link_calls(endnotes, candidates, by_contents.page_of, window=COARSE_PAGE_WINDOW)
    note_anchors = [Anchor(links[n.n].line_index, n.page_ref, f"note {n.n}'s \"p. {n.page_ref}\"")
                    for n in endnotes if n.n in links and n.page_ref]
    by_notes, _ = number_pages(page_map, first_page + note_anchors + folios, starts)
    # 3. with those pages the contents pair up again, and every kind of anchor numbers the pages
    matched = align_contents(entries, ranges, by_notes.page_of)
    numbering, conflicts = number_pages(page_map, contents_anchors(ranges, matched) + note_anchors + folios
                                        + editor_anchors, starts)
    links = drop_far_links(endnotes, link_remaining(endnotes, candidates, links, numbering.page_of),
                           numbering.page_of)
    links = link_traces(endnotes, links, lines, numbering.page_of, body_start, notes_at, removed)
    facts = read_title_page([line.text for line in lines[:body_start] if line.content_start not in removed],
                            book_title(changes, source.stem))
    footnotes = tuple(printed_notes.find_footnotes(lines, body_start, notes_at, removed)) if not endnotes else ()
    book = Book(source, changes, lines, numbering, endnotes, links, conflicts, by_contents, entries, removed, facts,
                footnotes, tuple(printed_notes.link_footnotes(lines, list(footnotes), removed)))
    owners = note_owners(book, ranges)
    front = book_parts.front_matter(book, body_start)
    documents, year = [], ""
    for k, (span, entry) in enumerate(zip(ranges, matched)):
        doc = with_evidence(book_parts.document(book, span, entry, [n for n in endnotes if owners[n.n] == k], year),
                            span, entry, lines)
        doc = with_introduction(doc, source.text)
        documents.append(doc)
        year = year_of(doc) or year  # the book is in date order: a date without a year takes this one
    documents = apply_back_list(documents, lines, ranges, source.text, removed)  # the book's apparatus
    front, documents = with_report(front, book, documents)
    if body_start == 0 and not front.body:  # a page or a chapter: no title page, no contents
        return tuple(documents[:1] and [replace(documents[0], stats=front.stats,
                                                flags=front.flags + documents[0].flags)] + documents[1:])
    return (front, *documents)


def book_title(changes, stem: str) -> str:
    """The book's title as the archive's page names it ("Full text of \"…\""), else the file's name."""
    for change in changes:
        match = regex.match(r'Full text of "(.+)"', change.before)
        if change.kind == "removal" and match:
            return match.group(1)
    return stem


FOLIO_NUMBER = regex.compile(r"^(?P<n>[\dSZIlOoB]{1,3})\s|\s(?P<m>[\dSZIlOoB]{1,3})$|^(?P<k>\d{1,3})$")


def printed_page_numbers(text: str, lines, changes) -> list[Anchor]:
    """The page numbers the book printed (running heads and folios the repair removed):
    anchors for the text next to them, on the same page."""
    anchors = []
    for change in changes:
        if change.kind != "removal" or change.rule not in ("running-head", "page-number"):
            continue
        match = FOLIO_NUMBER.search(change.before.strip())
        number = match and (match.group("n") or match.group("m") or match.group("k")).translate(PAGE_NUMBER_DIGITS)
        if not number or not number.isdigit():
            continue
        i = line_index(lines, change.start)
        below = next((j for j in range(i + 1, min(len(lines), i + 4)) if not lines[j].is_blank), None)
        above = next((j for j in range(i - 1, max(-1, i - 4), -1) if not lines[j].is_blank), None)
        # a head stands at the top of its page (text right below it), a folio at its foot
        if below is not None and below - i == 1 or above is None:
            target = below
        elif above is not None and i - above == 1 or below is None:
            target = above
        else:
            target = below if (below - i) <= (i - above) else above
        if target is not None:
            anchors.append(Anchor(target, int(number), f"printed page number “{change.before.strip()}”"))
    return anchors


def line_index(lines, offset: int) -> int:
    """The index of the line that holds raw ``offset``."""
    return max(0, bisect.bisect_right([line.start for line in lines], offset) - 1)


def next_text_line(lines, index: int, removed) -> int:
    while index < len(lines) and (lines[index].is_blank or lines[index].content_start in removed):
        index += 1
    return index


def document_ranges(lines, start: int, end: int) -> list[DocRange]:
    """Each document runs to the end of its source block (and any footnote printed after it)."""
    ranges, first = [], start
    for block in find_source_blocks(lines, start, end):
        if block.last >= first:
            last = trailing_footnote(lines, block.last, end)
            ranges.append(DocRange(first, last, block))
            first = last + 1
    if ranges and first < end:
        ranges[-1] = ranges[-1]._replace(last=end - 1)  # what follows the last block belongs to it
    elif not ranges:
        ranges.append(DocRange(start, end - 1, None))
    return [r._replace(first=next_nonblank(lines, r.first, r.last)) for r in ranges]


def trailing_footnote(lines, last: int, end: int) -> int:
    """A footnote printed just after a source block ("* The last three words are in
    English in the original.— Ed.") belongs to the document the block closes."""
    i = last + 1
    while i < end and i - last <= 2 and lines[i].is_blank:
        i += 1
    if i < end and i - last <= 3 and (FOOTNOTE_START.match(lines[i].text) or ends_signed(lines, i, end)):
        while i + 1 < end and not lines[i + 1].is_blank:
            i += 1
        return i
    return last


def ends_signed(lines, i: int, end: int) -> bool:
    """A short paragraph signed "— Ed." (a footnote whose asterisk the OCR lost)."""
    run = i
    while run + 1 < end and not lines[run + 1].is_blank and run - i < 3:
        run += 1
    return bool(FOOTNOTE_BY_EDITORS.search(lines[run].text))


def next_nonblank(lines, index: int, limit: int) -> int:
    while index < limit and lines[index].is_blank:
        index += 1
    return index


def contents_anchors(ranges, matched) -> list[Anchor]:
    return [Anchor(span.first, entry.page, "contents") for span, entry in zip(ranges, matched)
            if entry and entry.page]


def align_contents(entries: list[Entry], ranges, page_of) -> list[Entry | None]:
    """Pair contents entries with documents, in order, by page: a dynamic-programming
    alignment where entries and documents may both go unpaired. The estimated pages may
    drift by a page or two over a stretch of the book; a second round corrects each
    estimate by the offset its paired neighbours show."""
    if not entries or not ranges:
        return [None] * len(ranges)
    estimated = [page_of(span.first) or 0 for span in ranges]
    matched = pair_by_page(entries, estimated)
    return pair_by_page(entries, corrected(estimated, matched))


def corrected(estimated: list[int], matched) -> list[int]:
    """Each estimate moved by the median offset (entry's page minus estimate) of the paired
    documents around it."""
    offsets = [(k, entry.page - estimated[k]) for k, entry in enumerate(matched) if entry is not None]
    fixed = []
    for k, page in enumerate(estimated):
        near = sorted(offsets, key=lambda item: abs(item[0] - k))[:5]
        fixed.append(page + int(statistics.median(o for _, o in near)) if near and page else page)
    return fixed


def pair_by_page(entries: list[Entry], estimated: list[int]) -> list[Entry | None]:
    skip = 3.0
    rows, cols = len(estimated), len(entries)
    cost = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    move = [[""] * (cols + 1) for _ in range(rows + 1)]
    for i in range(1, rows + 1):
        cost[i][0], move[i][0] = i * skip, "doc"
    for j in range(1, cols + 1):
        cost[0][j], move[0][j] = j * skip * 0.5, "entry"
    for i in range(1, rows + 1):
        for j in range(1, cols + 1):
            page = entries[j - 1].page  # 0: the OCR lost it, and order alone is too weak a cue to pair
            mismatch = abs(estimated[i - 1] - page)
            options = [(cost[i - 1][j] + skip, "doc"), (cost[i][j - 1] + skip * 0.5, "entry")]
            if page and mismatch <= MAX_PAGE_MISMATCH:
                options.append((cost[i - 1][j - 1] + mismatch * 0.7, "pair"))
            cost[i][j], move[i][j] = min(options)
    matched: list[Entry | None] = [None] * rows
    i, j = rows, cols
    while i > 0 and j > 0:
        step = move[i][j]
        if step == "pair":
            matched[i - 1] = entries[j - 1]
            i, j = i - 1, j - 1
        elif step == "doc":
            i -= 1
        else:
            j -= 1
    return matched


def note_owners(book: Book, ranges) -> dict[str, int]:
    """The document each endnote goes to: the one holding its call, or else the one
    whose pages include the page the note names (else the last one before it)."""
    owners = {}
    offsets = [(book.lines[span.first].start, book.lines[span.last].end) for span in ranges]
    pages = [(book.numbering.page_of(span.first), book.numbering.page_of(span.last)) for span in ranges]
    for note in book.endnotes:
        call = book.links.get(note.n)
        if call is not None:
            owners[note.n] = next(k for k, (a, b) in enumerate(offsets) if a <= call.start < b)
        else:
            owners[note.n] = owner_by_page(note.page_ref, pages)
    return owners


def owner_by_page(page, pages) -> int:
    if page is None:
        return len(pages) - 1
    best = 0
    for k, (first, _last) in enumerate(pages):
        if first is not None and first <= page:
            best = k
    return best


def year_of(doc: Document) -> str:
    date = doc.meta.date
    found = date and (date.when or date.not_before or date.not_after)
    return found[:4] if found and not found.startswith("--") else ""


def agreeing(book: Book, numbering) -> int:
    """Linked calls that stand on the page their note's "p. N" names, under ``numbering``."""
    return sum(1 for note in book.endnotes if note.n in book.links and note.page_ref is not None
               and numbering.page_of(book.links[note.n].line_index) == note.page_ref)


def with_report(front: Document, book: Book, documents) -> tuple[Document, list[Document]]:
    """Put the book's figures on its front matter, and each flag for a human on the
    document whose text (or notes) hold it."""
    numeric = list(book.endnotes)
    linked = sum(1 for note in numeric if note.n in book.links)
    stats = (("documents", len(documents)), ("endnotes", len(numeric)), ("endnotes_linked", linked),
             ("endnotes_unlinked", len(numeric) - linked),
             ("call_pages_from_contents_confirmed_by_notes", agreeing(book, book.by_contents)),
             ("call_pages_agreeing_with_notes_after_reconciling", agreeing(book, book.numbering)),
             ("page_conflicts", len(book.conflicts)),
             ("note_numbers_repaired", sum(1 for n in numeric if n.repair)))
    flags = book_flags(book)
    parts = [front, *documents]
    owned = [[] for _ in parts]
    for flag in flags:
        owned[owner_of(parts, flag.start)].append(flag)
    parts = [replace(part, flags=part.flags + tuple(found)) for part, found in zip(parts, owned)]
    return replace(parts[0], stats=stats), parts[1:]


def book_flags(book: Book) -> list[Flag]:
    """Page conflicts, notes without number or call, and unclear OCR readings."""
    lines = book.lines
    flags = [Flag("page-conflict", lines[i].content_start, lines[i].content_end, f"page numbers: {message}")
             for i, message in book.conflicts]
    for note in book.endnotes:
        at = lines[note.first]
        if note.flag:
            flags.append(Flag("note-number-missing", at.content_start, at.content_end, note.flag, key=note.n))
        if note.n not in book.links:
            flags.append(Flag("note-unlinked", at.content_start, at.content_end,
                              f"note {note.n} (p. {note.page_ref}) is not linked to a call: kept in its document",
                              key=note.n))
    flags += [Flag("ocr-unclear", c.start, c.end, f"OCR reading “{c.before}” is unclear; left as printed")
              for c in book.changes if c.kind == "flag"]
    return sorted(flags, key=lambda f: (f.start, f.kind))


def owner_of(parts, offset: int) -> int:
    """The part whose text or notes hold ``offset`` (else the last that begins before it)."""
    for k, part in enumerate(parts):
        if part.start <= offset < part.end or any(n.start <= offset <= n.end for n in part.notes):
            return k
    return max((k for k, part in enumerate(parts) if part.start <= offset), default=0)
