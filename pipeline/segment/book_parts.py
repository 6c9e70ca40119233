"""Build the ``Document`` of each part of a printed book: the front matter, and a
document with its paragraphs, footnotes, headings, letter parts, source block,
metadata, endnotes and page breaks."""

from __future__ import annotations

import bisect
import datetime
from dataclasses import replace

import regex

from pipeline.dates import find_date, month_end, parse_date
from pipeline.repair import Changes, repaired_slice
from pipeline.model import Bibl, Block, DateValue, Document, Flag, Meta, Note, NoteCall, PageBreak
from pipeline.segment.paragraphs import paragraph_spans
from pipeline.segment.letters import (SENDER_IN_TITLE, addressee_from_salute, addressee_from_title,
                                      mark_letter_parts)
from pipeline.segment.contents import own_entry
from pipeline.segment.printed.notes import as_note as as_printed_note
from pipeline.segment.publications import read_publications
from pipeline.segment.text import doc_type_of, is_capitals, line_runs
from pipeline.textutil import note_order, squash

FOOTNOTE_START = regex.compile(r"^\s*(?P<mark>\*{1,3})\s*\S")
FOOTNOTE_BY_EDITORS = regex.compile(r"[—-]\s*Ed[.,]?\s*$")
FOOTNOTE_CALL = regex.compile(r"(?<=[^\s*])(?P<mark>\*{1,3})(?=[\s,.;:)]|$)")
MONTH_NAMES = r"January|February|March|April|May|June|July|August|September|October|November|December"


def front_matter(book, end_line: int) -> Document:
    """Title page, imprint and contents: everything before the first document."""
    source, lines = book.source, book.lines
    removed = book.removed
    blocks = tuple(Block("p", a, b, lined=True) for a, b in paragraph_spans(lines, range(0, end_line), removed))
    bibl = book_bibl(book)
    title = bibl.title
    end = lines[end_line - 1].end if end_line else 0
    return Document(source=source, start=0, end=end, meta=Meta(title=title, author=book.facts.author, source=bibl,
                                                                doc_type="frontMatter"),
                    body=blocks, changes=changes_within(book.changes, [(0, end)]), part="front",
                    pages=page_breaks(book, 0, end_line - 1))


def book_bibl(book) -> Bibl:
    """The printed book: its title, publisher, place and printing, from its title page and imprint."""
    facts = book.facts
    return Bibl(text="", title=facts.title, publisher=facts.publisher, pub_place=facts.place,
                date=facts.year, edition=facts.edition)


def document(book, span, entry, endnotes, year: str = "") -> Document:
    """One document of the book: its lines ``span.first`` to ``span.last``, closed by
    the source block ``span.block``."""
    lines, text = book.lines, book.source.text
    removed = book.removed
    first, last = span.first, span.last
    source_first = span.block.first if span.block else last + 1
    source_last = span.block.last if span.block else last
    if span.source_at_head:  # source lines under the date line: the text runs on after them
        footnotes = find_footnotes(lines, first, last + 1)
        text_lines = [i for i in range(first, last + 1) if not source_first <= i <= source_last]
    else:
        footnotes = find_footnotes(lines, first, source_first) + [  # a folio left there is no note
            run for run in trailing_notes(lines, source_last + 1, last + 1)
            if not all(lines[i].content_start in removed for i in run[0])]
        text_lines = list(range(first, source_first))
    printed, elsewhere = printed_footnotes(book, first, last)
    if book.footnotes:  # the page feet's notes of every printed form (``segment.printed.notes``)
        footnotes = [(list(n.lines), n.mark) for n, _ in printed]
    skip = {i for note_lines, _ in footnotes for i in note_lines} | {i for n in elsewhere for i in n.lines}
    spans = [found for part in heading_parts([i for i in text_lines if i not in skip], span)
             for found in paragraph_spans(lines, part, removed)]
    holes = sorted((lines[run[0]].content_start, lines[run[-1]].content_end)
                   for run in [run for run, _ in footnotes] + [list(n.lines) for n in elsewhere])
    body = with_dateline(classify(text, spans, holes), lines, span.dateline)
    if source_first <= last:
        body.append(Block("bibl", lines[source_first].content_start, lines[source_last].content_end,
                          part="source", lined=True))
    notes, calls, lost = [], [], []
    for number, (note_lines, mark) in enumerate(footnotes if not book.footnotes else [], start=1):
        note, call = footnote(book, note_lines, mark, number, first)
        notes.append(note)
        if call:
            calls.append(call)
    for number, (found, call_at) in enumerate(printed, start=1):
        note, call, flag = as_printed_note(book, found, call_at, number)
        notes.append(note)
        calls += [call] if call else []
        lost += [flag] if flag else []
    for endnote in endnotes:
        notes.append(as_note(book, endnote))
        call = book.links.get(endnote.n)
        if call is not None:
            calls.append(NoteCall(call.start, call.end, endnote.n))
    start, end = lines[first].content_start, lines[last].end
    spans_owned = [(start, end)] + [(lines[e.owned_first].start, lines[e.last].end) for e in endnotes] + \
        [(lines[n.lines[0]].start, lines[n.lines[-1]].end) for n, _ in printed if not first <= n.lines[0] <= last]
    moved = [(lines[n.lines[0]].start, lines[n.lines[-1]].end) for n in elsewhere]
    changes = tuple(c for c in changes_within(book.changes, spans_owned) if not changes_within([c], moved)) + \
        tuple(e.repair for e in endnotes if e.repair)
    source_lines = block_lines(book, source_first, min(source_last, last))
    group = None
    if entry is not None:
        entry, group = own_entry(book.entries, entry)
        entry = entry.reread(repaired_slice(text, book.changes, entry.start, entry.end))
        if group is not None:
            group = group.reread(repaired_slice(text, book.changes, group.start, group.end))
    meta, title_from = document_meta(book, entry, body, text, source_lines, group, year,
                                     heading_first=span.heading_last is not None)
    pages = page_breaks(book, first, last) + tuple(p for e in endnotes for p in page_breaks(book, e.first, e.last))
    return Document(source=book.source, start=start, end=end, meta=meta, body=tuple(body),
                    notes=tuple(sorted(notes, key=note_order)), calls=tuple(calls),
                    changes=tuple(sorted(changes, key=lambda c: c.start)), pages=pages,
                    flags=metadata_flags(meta, title_from, body, start) + tuple(lost),
                    first_page=printed_page(book, first), last_page=printed_page(book, source_last))


def printed_footnotes(book, first: int, last: int):
    """The footnotes this document owns, each with its call (None: lost), and those printed
    within its lines that another owns. A footnote belongs to the document whose text holds its
    call (a page may end one document and open the next: the note at its foot can be the first
    one's); a note whose call is lost, to the document it is printed in."""
    lines = book.lines
    own, elsewhere = [], []
    for found, call in zip(book.footnotes, book.footnote_calls):
        at = line_at(lines, call.start) if call is not None else found.lines[0]
        inside = first <= found.lines[0] <= last
        if first <= at <= last:
            own.append((found, call))
        elif inside:
            elsewhere.append(found)
    return own, elsewhere


def line_at(lines, offset: int) -> int:
    """The index of the line holding raw ``offset``."""
    return max(0, bisect.bisect_right([line.start for line in lines], offset) - 1)


def heading_parts(indices: list[int], span) -> list[list[int]]:
    """The document's lines in the parts that never run on into each other: its heading,
    its date line and its text (a heading the reader found is no paragraph, even where no
    blank line sets it apart from the date under it)."""
    if span.heading_last is None:
        return [indices]
    date_end = span.dateline if span.dateline is not None else span.heading_last
    return [[i for i in indices if i <= span.heading_last],
            [i for i in indices if span.heading_last < i <= date_end],
            [i for i in indices if i > date_end]]


def with_dateline(body: list[Block], lines, dateline: int | None) -> list[Block]:
    """The paragraph that is the date line the heading reader found, marked as such (its
    date is the document's own, and a decree's date line is no letter's)."""
    if dateline is None:
        return body
    at = lines[dateline].content_start
    return [replace(b, kind="dateline") if b.start == at and b.kind == "p" else b for b in body]


def reference_of(publications, block_text: str) -> Bibl:
    """The document's source as one reference: the edition the translation follows (the
    Collected Works volume and pages), else the first publication; the block as printed."""
    main = next((p for p in publications if p.kind == "collected-works"), None) or \
        next((p for p in publications if p.title), None)
    if main is None:
        return Bibl(text=block_text)
    return Bibl(text=block_text, title=main.title, volume=main.volume, pages=main.pages,
                date=main.date.text if main.date and main.kind != "collected-works" else "")


def block_lines(book, first: int, last: int) -> tuple[str, ...]:
    """The lines of a source block as repaired (its OCR errors read as in the text), without
    the furniture removed among them."""
    lines, text = book.lines, book.source.text
    return tuple(squash(repaired_slice(text, book.changes, lines[i].start, lines[i].end))
                 for i in range(first, last + 1) if lines[i].stripped and lines[i].content_start not in book.removed)


def printed_page(book, line_index: int) -> str:
    page = book.numbering.page_of(line_index)
    return str(page) if page and page > 0 else ""


#: where a title came from: the contents entry and a kept heading are the book's own words
TITLES_THE_BOOK_HOLDS = ("contents", "heading")


def metadata_flags(meta: Meta, title_from: str, body, start: int) -> tuple[Flag, ...]:
    """A title the text does not hold and a missing or only bounding date, for an editor."""
    first = next((b for b in body if b.part != "source"), None)
    at, to = (first.start, min(first.end, first.start + 60)) if first else (start, start + 1)
    flags = []
    if title_from not in TITLES_THE_BOOK_HOLDS:
        flags.append(Flag("title-supplied", at, to, f"the title “{meta.title}” is not in the text "
                                                    f"({TITLE_ORIGINS[title_from]}): an editor should give it"))
    if meta.date is None or meta.date.is_empty():
        flags.append(Flag("date-missing", at, to, "the text gives no date"))
    elif meta.date.text.startswith(PUBLICATION_BOUND):
        flags.append(Flag("date-publication-bound", at, to,
                          f"only a bound is known: {meta.date.text}; an editor should give the date"))
    return tuple(flags)


TITLE_ORIGINS = {"group": "made from the contents entry of its group", "letter": "made from its salutation",
                 "fragment": "what the OCR kept of its contents entry", "untitled": "its first words"}
PUBLICATION_BOUND = "not after its publication"


def changes_within(changes, spans) -> tuple:
    """The changes wholly inside any of ``spans``, in their order: a book's ``Changes`` are
    searched span by span (filtering all of them for every document grew with the square
    of the book's length)."""
    if isinstance(changes, Changes):
        return tuple(changes[k] for k in sorted({k for a, b in spans for k in changes.positions_inside(a, b)}))
    return tuple(c for c in changes if any(a <= c.start and c.end <= b for a, b in spans))


def page_breaks(book, first: int, last: int) -> tuple[PageBreak, ...]:
    found = []
    for i in book.numbering.breaks:
        if first < i <= last and not book.lines[i].is_blank:
            page = book.numbering.page_of(i)  # none before the count reaches page 1 (front matter)
            found.append(PageBreak(book.lines[i].content_start, str(page) if page and page > 0 else ""))
    return tuple(found)


def classify(text: str, spans, holes=()) -> list[Block]:
    """Headings (leading lines in capitals), paragraphs and letter parts; a footnote
    inside a paragraph that runs on over a page is a hole in that paragraph."""
    texts = [squash(text[a:b]) for a, b in spans]
    kinds, parts = ["p"] * len(spans), ["body"] * len(spans)
    lead = 0
    while lead < len(texts) - 1 and is_capitals(texts[lead]) and len(texts[lead]) < 200:
        kinds[lead] = "head"
        lead += 1
    rest_kinds, rest_parts = kinds[lead:], parts[lead:]
    mark_letter_parts(texts[lead:], rest_kinds, rest_parts)
    kinds[lead:], parts[lead:] = rest_kinds, rest_parts
    return [Block(kind, a, b, part=part, lined=True, holes=tuple(h for h in holes if a <= h[0] and h[1] <= b))
            for (a, b), kind, part in zip(spans, kinds, parts)]


def trailing_notes(lines, first: int, end: int) -> list[tuple[list[int], str]]:
    """Footnotes printed after the source block: every paragraph there is one."""
    return [(run, footnote_mark(lines[run[0]])) for run in line_runs(lines, first, end)]


def footnote_mark(line) -> str:
    """The footnote's own mark (``*``, ``**``), or ``*`` when the OCR lost it."""
    match = FOOTNOTE_START.match(line.text)
    return match.group("mark") if match else "*"


def find_footnotes(lines, first: int, end: int) -> list[tuple[list[int], str]]:
    """Footnotes at page feet: a paragraph that starts with ``*`` (or is signed "—Ed.")
    and is followed by a page break or the end of the text."""
    found, i = [], first
    while i < end:
        if lines[i].is_blank or (i > first and not lines[i - 1].is_blank):
            i += 1
            continue
        run = [i]
        while run[-1] + 1 < end and not lines[run[-1] + 1].is_blank:
            run.append(run[-1] + 1)
        start_mark = FOOTNOTE_START.match(lines[i].text)
        signed = FOOTNOTE_BY_EDITORS.search(lines[run[-1]].text) and len(run) <= 3 \
            and regex.match(r"\s*See\b", lines[i].text)
        after = run[-1] + 1
        blanks = 0
        while after < end and lines[after].is_blank:
            blanks, after = blanks + 1, after + 1
        at_page_foot = blanks >= 2 or after >= end
        if (start_mark or signed) and at_page_foot and len(run) <= 6:
            found.append((run, footnote_mark(lines[i])))
        i = run[-1] + 1
    return found


def footnote(book, note_lines, mark: str, number: int, first: int):
    """The ``Note`` of a footnote and the ``NoteCall`` of its mark in the text above it."""
    lines, text = book.lines, book.source.text
    head = lines[note_lines[0]]
    match = FOOTNOTE_START.match(head.text)
    label_end = head.start + match.end("mark") if match else head.content_start
    body_start = label_end
    while text[body_start].isspace():
        body_start += 1
    last = lines[note_lines[-1]]
    by_editors = bool(FOOTNOTE_BY_EDITORS.search(last.text))
    note = Note(n=mark, start=head.content_start, end=last.content_end, label_end=label_end,
                blocks=(Block("p", body_start, last.content_end, part="note", lined=True),),
                type="footnote", resp="editors" if by_editors else "", key=f"fn{number}")
    page = book.numbering.count_at(note_lines[0])
    for i in range(note_lines[0] - 1, first - 1, -1):
        if book.numbering.count_at(i) != page:
            break
        calls = list(FOOTNOTE_CALL.finditer(lines[i].text))
        calls = [c for c in calls if c.group("mark") == mark]
        if calls:
            call = calls[-1]
            return note, NoteCall(lines[i].start + call.start(), lines[i].start + call.end(), mark, key=f"fn{number}")
    return note, None


def as_note(book, endnote) -> Note:
    lines = book.lines
    start = endnote.label[0] if endnote.label else endnote.blocks[0].start
    label_end = endnote.label[1] if endnote.label else start
    return Note(n=endnote.n, start=start, end=lines[endnote.last].content_end, label_end=label_end,
                blocks=endnote.blocks, type="endnote", resp="editors",
                page_ref=str(endnote.page_ref) if endnote.page_ref else "")


def document_meta(book, entry, body, text: str, source_lines=(), group=None, year: str = "",
                  heading_first: bool = False) -> Meta:
    """What the header says of one document: its title and date from its head, the
    contents and its source block (read as publication events), its kind, signer and place."""
    def reading(block) -> str:  # as repaired: a date is read from "1920", not from the OCR's "i920"
        return squash(repaired_slice(text, book.changes, block.start, block.end))
    heads = [reading(b) for b in body if b.kind == "head"]
    datelines = [reading(b) for b in body if b.kind == "dateline"]
    source_text = " ".join(source_lines)
    publications = read_publications(source_lines) if source_lines else ()
    date = document_date(entry, source_text + " " + (group.text if group else ""), heads + datelines, year,
                         publications)
    title, supplied, title_from = document_title(entry, group, heads, body, text, date, heading_first)
    signer = next((squash(text[b.start:b.end]).rstrip(",") for b in body if b.kind == "signed"), "")
    kind = doc_type_of(title)
    if kind == "document":
        kind = kind_from_text(body, text)
    return Meta(title=title, author=book.facts.author, date=date, doc_type=kind, publications=publications,
                source=reference_of(publications, source_text) if source_text else None,
                sender=signer or sender_from_title(title),
                addressee=addressee_from_title(title) if kind in {"letter", "telegram", "note"} else "",
                place=place_of(body, text), title_supplied=supplied, container=book_bibl(book)), title_from


def document_title(entry, group, heads, body, text: str, date,
                   heading_first: bool = False) -> tuple[str, bool, str]:
    """The best title the book still has, whether it is supplied (not at the document's
    head), and where it came from (``TITLES_THE_BOOK_HOLDS`` or ``TITLE_ORIGINS``): the
    contents entry, a heading the OCR kept, the salutation of a letter, else the first words.
    Where the heading made the document (``heading_first``) the heading is its title as
    printed there, and the contents entry only evidence."""
    titles = [head for head in heads if not is_date_only(head)]
    if heading_first and titles:  # without the specks the OCR read before it ("_ DECREE")
        return regex.sub(r"^[^\p{L}\d(“\"]+", "", " ".join(titles)), False, "heading"
    if entry is not None and not entry.is_fragment:
        return entry.printed, True, "contents"
    if entry is not None and group is not None and not group.is_fragment:
        return f"{group.printed}: {entry.printed}", True, "group"  # the congress, then the day
    if titles:
        return " ".join(titles), False, "heading"
    letter = letter_title(body, text)
    if letter:
        return (f"{letter}. {date.text}" if date and date.when else letter), True, "letter"
    if entry is not None:
        return entry.printed, True, "fragment"
    first = next((b for b in body if b.kind == "p"), None)
    words = squash(text[first.start:first.end]).split()[:6] if first else []
    return f"Untitled: “{' '.join(words)} …”", True, "untitled"


def sender_from_title(title: str) -> str:
    """The sender a heading names ("NOTE FROM TROTSKY TO …", "STATEMENT BY LITVINOV AT …"), else
    none: a collection's author or editor is not the sender of every document in it."""
    match = SENDER_IN_TITLE.search(title)
    return match.group("who").strip(" ,.") if match else ""


def kind_from_text(body, text: str) -> str:
    """The kind of a document whose title says nothing: a letter opens with a salutation,
    a speech addresses "Comrades" or records applause, an interview answers questions."""
    if any(b.kind == "salute" and b.part == "opener" for b in body):
        return "letter"
    paragraphs = [squash(text[b.start:b.end]) for b in body if b.kind == "p"]
    if not paragraphs:
        return "document"
    if regex.match(r"(?:\(?[\w\s.]*\)?\s*)?Comrades\b", paragraphs[0]) or \
            sum("pplause" in p for p in paragraphs) >= 2:
        return "speech"
    if regex.match(r"(?:1\.|l\.|Question)", paragraphs[0]):
        return "interview"
    return "document"


def place_of(body, text: str) -> str:
    """The place of a dateline such as "Moscow, March 14, 1922"."""
    for block in body:
        if block.kind == "dateline":
            line = squash(text[block.start:block.end])
            match = regex.match(r"([A-Z][a-z]+),\s", line)
            if match and not regex.match(MONTH_NAMES, match.group(1)):
                return match.group(1)
    return ""


def letter_title(body, text: str) -> str:
    """``Letter to Chicherin``, from the salutation of a letter whose heading was lost."""
    for block in (b for b in body if b.part == "opener"):
        line = squash(text[block.start:block.end])
        if block.kind == "salute":
            addressee = addressee_from_salute(line)
        elif regex.match(r"To\s+[A-Z]", line):
            addressee = regex.sub(r"^To\s+|[,.:]\s*$", "", line)
        else:
            continue
        return f"Letter to {addressee}" if addressee else ""
    return ""


def is_date_only(text: str) -> bool:
    """``JULY 15, 1918 33``: a heading that is a date (and perhaps a note call)."""
    return bool(regex.fullmatch(r"[\W\d]*(?:[A-Za-z]+[\W\d]+){0,3}1[89]\d\d[\W\d]*", text)) \
        and not parse_date(text).is_empty()


def document_date(entry, source_text: str, heads, year: str = "", publications=()):
    """The document's date from the places the book gives it: a date line at its head (its
    own words), the contents entry, the "Written on" of its source block. The most precise
    wins (a day, then a span of days, a month, a year), the head before the contents before
    the source block on a tie. A day and month without a year take the year from the
    nearest evidence (the heading, the contents' group, the source block, the document
    before), and the date's text says where it came from. With none of these, only a bound:
    not after its first publication."""
    found = []
    head_year = YEAR_IN_TEXT.search(" ".join(heads))
    for head in heads:
        date = parse_date(clean_date_text(head))
        if date.when.startswith("--") and head_year:  # "JULY 19-AUGUST 7, 1920 / JULY 19"
            date = with_year(date, head_year.group(1), year, "its heading", origin="the heading above it")
        elif date.when.startswith("--"):
            date = with_year(date, source_text, year, "its heading")
        found.append(date)
    if entry is not None and entry.date_text:
        found.append(with_year(parse_date(clean_date_text(entry.date_text)), source_text, year, "the contents"))
    own = [p for p in publications if p.kind in ("written", "dated") and p.date]
    found += [replace(p.date, text=p.text) for p in own]
    written = WRITTEN.search(source_text) if not own else None
    if written:
        dated = find_date(written.group(0))
        if dated is not None:
            found.append(replace(dated[0], text=" ".join(written.group(0).split())))
    found = [date for date in found if precision(date) >= 0]
    if found:
        return max(found, key=precision)  # of equals, max keeps the first: the head's, then the contents'
    return publication_bound(source_text, publications)


def precision(date: DateValue) -> int:
    """How closely a date is known: 3 a day, 2 a span of days, 1 a month, 0 a year or one
    bound; -1 no date of this book's time (a day without a year, or none).

    >>> [precision(parse_date(t)) for t in ("May 9, 1918", "March 3-5, 1918", "July 1920", "1919", "May 9")]
    [3, 2, 1, 0, -1]
    """
    if date.when[:2] in ("18", "19"):
        return {10: 3, 7: 1, 4: 0}.get(len(date.when), -1)
    if date.not_before[:2] in ("18", "19") and len(date.not_before) == 10 and len(date.not_after) == 10:
        days = (datetime.date.fromisoformat(date.not_after) - datetime.date.fromisoformat(date.not_before)).days
        return 2 if days < 27 else 1 if days < 32 else 0
    if (date.not_before or date.not_after)[:2] in ("18", "19"):
        return 0  # one side only: "not earlier than September 16, 1921"
    return -1


#: "Written on July 2, 1920", "Dictated by phone on March 5, 1923", "Delivered … 1921"
WRITTEN = regex.compile(r"(?:Written|Dictated|Delivered)\b[^.;]{0,60}?1[89]\d\d")


YEAR_IN_TEXT = regex.compile(r"\b(19[12]\d)\b")


def with_year(date: DateValue, source_text: str, year: str, where: str, origin: str = "its source block") -> DateValue:
    """A day and month given a year: the first year of ``source_text`` (the source block's,
    the year it was published; or the heading's), else the document before's (the book is in
    date order); the text says so."""
    if date.is_empty() or not date.when.startswith("--"):
        return date
    found = YEAR_IN_TEXT.search(source_text)
    chosen, origin = (found.group(1), origin) if found else (year, "the document before it")
    if not chosen:
        return date
    dated = parse_date(f"{date.text}, {chosen}")
    if dated.is_empty():
        return date
    return replace(dated, text=f"{date.text}, {chosen} (the year from {origin}; {where} gives no year)")


def clean_date_text(text: str) -> str:
    """A date as printed, without the note call or page number the OCR glued after its
    year ("JULY 15, 1918 33", "March 6, 1922 368") or the leader dots of the contents."""
    text = regex.sub(r"(1[89]\d\d)[\s.]+\d{1,3}\s*$", r"\1", text.strip())
    return regex.sub(r"[\s.]+$", "", text)


def publication_bound(source_text: str, publications=()):
    """Written no later than its first publication: the earliest date the source block's
    publications give (a year alone bounds it by the year's end), else the first full date
    of the block."""
    bounds = [(last_day(p.date), p.date.text) for p in publications
              if p.kind in ("published", "first-published") and p.date and last_day(p.date)]
    if bounds:
        latest, text = min(bounds)
        return DateValue(text=f"{PUBLICATION_BOUND}, {text}", not_after=latest)
    found = find_date(source_text)
    if found is None:
        return None
    date, _ = found
    latest = date.when or date.not_after
    return DateValue(text=f"{PUBLICATION_BOUND}, {date.text}", not_after=latest) if latest else None


def last_day(date: DateValue) -> str:
    """The last day a date may mean: ``1924`` -> ``1924-12-31``, ``1920-06`` -> ``1920-06-30``."""
    when = date.when or date.not_after
    if len(when) == 4 and when.isdigit():
        return f"{when}-12-31"
    if len(when) == 7 and when[:4].isdigit():
        return month_end(int(when[:4]), int(when[5:]))
    return when if len(when) == 10 and when[:4].isdigit() else ""
