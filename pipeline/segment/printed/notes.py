"""Footnotes of a printed collection, in every printed form, each linked to its call on its page.

Why: a collection prints its notes at the foot of the page that calls them, marked ``* † ‡ §
¶`` afresh on each page or numbered from 1 on each page, and the OCR reads those marks in its
own ways: the dagger as ``+``, ``t`` or ``f``, the double dagger as ``+t`` or ``tt``, and the
small raised call in the text often as a quote, an apostrophe or a degree sign (``convened.’``,
``(Trotsky);?``), or not at all. The notes are found by where they stand (a run of marked
paragraphs that closes a page) and by their marks; each is linked to the call on its own page
that fits its mark and its order among the page's notes. A call the OCR lost is not guessed:
the note is kept, with its page, and the build flags it. (Endnotes at the back of a book, by
the page their "p. N" names, are read by ``pipeline.segment.endnotes`` and ``calls``.)
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from pipeline.model import Block, Flag, Note, NoteCall

#: the printed marks in the order a page uses them
SYMBOLS = ("*", "†", "‡", "§", "¶")
#: how the OCR reads each printed mark at the head of a footnote (the dagger's stem and bar are a
#: plus sign, a ``t`` or an ``f``; the double dagger two of them)
MARK_FORMS = {"*": "*", "**": "**", "***": "***", "†": "†", "+": "†", "t": "†", "f": "†",
              "‡": "‡", "+t": "‡", "++": "‡", "tt": "‡", "t+": "‡", "ff": "‡", "$": "‡", "§": "§", "¶": "¶"}
#: a footnote's first line: its mark, a space and a capital, a quote or a bracket
NOTE_HEAD = regex.compile(r"^\s*['‘’.,]?(?P<mark>\*{1,3}|[†‡§¶$]|\+t|\+\+|tt|t\+|ff|[+tf]|\d{1,2}(?P<period>\.)?)\s+(?=[\p{Lu}“\"‘(\[])")
#: a call as printed after a word or its punctuation: a mark, or a number set close to the word
CALL = regex.compile(r"(?<=[\p{L}\d.,;:!?)\]”’'])(?P<mark>\*{1,3}|[†‡§¶]|\+t|\+)(?=[\s,.;:)]|$)|"
                     r"(?<=\p{L}[.,;:!?)”]?)(?P<digit>\d)(?=[\s,.;:)]|$)")
#: what the OCR leaves of a small raised call it could not read: a quote, an apostrophe, a
#: degree sign or a question mark after a word's last letter or its punctuation
TRACE = regex.compile(r"(?<=(?P<before>[\p{L}.,;:!?)\]”]))(?P<trace>['’°\"”?!])(?=\s|$)")
#: a note signed by the book's editors ("—Ed.", as the OCR reads it: "-Ed.", "~ld.")
BY_EDITORS = regex.compile(r"[—–~-]\s*[EIl][dl][.,]?\s*$")
#: pages end where the OCR text shows two or more blank lines
PAGE_GAP = 2
#: a footnote is short: at most this many lines on one page
MAX_NOTE_LINES = 12
#: how sure a link is: the mark as printed, a trace after punctuation, a trace after a letter
EXACT, TRACE_AFTER_PUNCTUATION, TRACE_AFTER_LETTER = 3, 2, 1


@dataclass(frozen=True)
class Footnote:
    """One footnote: its lines (on its own page, then any it runs on to at the next page's
    foot), its mark normalised (``*``, ``†``, ``1``) and the raw offsets of the mark as read;
    the first line of its page, and of the page's foot (its call is between them)."""

    lines: tuple[int, ...]
    mark: str
    label: tuple[int, int]
    page_top: int
    foot: int
    by_editors: bool
    continued: tuple[int, ...] = ()


@dataclass(frozen=True)
class FootnoteCall:
    """Where a footnote's call stands in the text (raw offsets), and whether the OCR kept the
    mark or only a trace of it."""

    start: int
    end: int
    strength: int


def is_blank(lines, i: int, removed) -> bool:
    """A blank line, or furniture the repair removed (a running head, a folio)."""
    return lines[i].is_blank or lines[i].content_start in removed


def pages_of(lines, first: int, end: int, removed) -> list[tuple[int, int]]:
    """The pages between ``first`` and ``end`` as (first text line, last text line): the OCR
    text separates pages by two or more blank lines (removed furniture counts as blank)."""
    pages, top, last, gap = [], None, None, 0
    for i in range(first, end):
        if is_blank(lines, i, removed):
            gap += 1
            continue
        if top is not None and gap >= PAGE_GAP:
            pages.append((top, last))
            top = None
        top = i if top is None else top
        last, gap = i, 0
    if top is not None:
        pages.append((top, last))
    return pages


def paragraphs_in(lines, top: int, bottom: int, removed) -> list[list[int]]:
    """Runs of text lines between blank lines."""
    runs, run = [], []
    for i in range(top, bottom + 1):
        if is_blank(lines, i, removed):
            if run:
                runs.append(run)
            run = []
        else:
            run.append(i)
    return runs + ([run] if run else [])


def mark_of(text: str) -> str | None:
    """The normalised mark of a footnote's first line, or None.

    >>> [mark_of(t) for t in ("* The decree was adopted", "+ Trotsky headed", "+t On November 5",
    ...                       "2 The order for", "1. All State loans", "t the rest")]
    ['*', '†', '‡', '2', '1', None]
    """
    match = NOTE_HEAD.match(text)
    if not match:
        return None
    mark = match.group("mark").rstrip(".")
    return mark if mark.isdigit() else MARK_FORMS[mark]


def in_sequence(marks: list[str]) -> bool:
    """The marks of one page's foot run as a page prints them: ``*``, ``†``, ``‡``… or 1, 2, 3…
    (the OCR may read ``*`` and ``†`` alike, so symbols need only be symbols)."""
    if all(m.isdigit() for m in marks):
        return [int(m) for m in marks] == list(range(1, len(marks) + 1))
    return not any(m.isdigit() for m in marks)


def page_foot(lines, top: int, bottom: int, removed) -> list[tuple[list[int], str]]:
    """The footnotes closing one page: the last paragraphs of the page that each open with a
    mark (or run on from the one before, starting in lower case), in a page's sequence."""
    runs = paragraphs_in(lines, top, bottom, removed)
    foot: list[tuple[list[int], str]] = []
    for run in reversed(runs[1:]):
        mark = mark_of(lines[run[0]].text)
        if mark is None and lines[run[0]].stripped[:1].islower() and len(run) <= MAX_NOTE_LINES:
            foot.insert(0, (run, ""))  # the rest of a note the OCR split by a blank line
            continue
        if mark is None or len(run) > MAX_NOTE_LINES:
            break
        foot.insert(0, (run, mark))
    while foot and not foot[0][1]:
        foot.pop(0)
    notes: list[tuple[list[int], str]] = []
    for run, mark in foot:
        if mark:
            notes.append((list(run), mark))
        else:
            notes[-1] = (notes[-1][0] + run, notes[-1][1])
    # a list numbered "1.", "2." closing a page is the text's own (articles of a treaty), unless
    # one of its numbers stands bare, as footnote numbers do (the OCR may read a period after one)
    periods = [NOTE_HEAD.match(lines[run[0]].text).group("period") for run, _ in notes]
    if periods and all(periods):
        return []
    return notes if notes and in_sequence([m for _, m in notes]) else []


def find_footnotes(lines, first: int, end: int, removed=frozenset()) -> list[Footnote]:
    """Every footnote between line indices ``first`` and ``end``, in order. A page whose text
    begins, in lower case and before any heading, right under the previous page's notes, when
    the last of those notes is unfinished, holds the rest of that note at its foot."""
    found: list[Footnote] = []
    for top, bottom in pages_of(lines, first, end, removed):
        for run, mark in page_foot(lines, top, bottom, removed):
            head = lines[run[0]]
            match = NOTE_HEAD.match(head.text)
            label = (head.start + match.start("mark"), head.start + match.end("mark"))
            found.append(Footnote(tuple(run), mark, label, top, run[0], bool(BY_EDITORS.search(lines[run[-1]].text))))
    return [with_foot(note, found) for note in found]


def with_foot(note: Footnote, found: list[Footnote]) -> Footnote:
    """The note with its page's foot: the first line of the first note of its page."""
    return Footnote(note.lines, note.mark, note.label, note.page_top,
                    min(n.lines[0] for n in found if n.page_top == note.page_top), note.by_editors)


def candidates(lines, top: int, foot: int, removed) -> list[tuple[int, int, str, int]]:
    """Calls on one page, above its foot: (start, end, mark, strength) in text order. A mark
    read as printed is sure; a trace after punctuation is likely; a trace after a letter that is
    no plural's apostrophe ("Genoa’ not", never "Workers’ organisations") is a last resort; a
    quote that closes one opened before it in the line is no trace."""
    found = []
    for i in range(top, foot):
        if is_blank(lines, i, removed):
            continue
        line = lines[i]
        for match in CALL.finditer(line.text):
            mark = match.group("mark") or match.group("digit")
            found.append((line.start + match.start(), line.start + match.end(), MARK_FORMS.get(mark, mark), EXACT))
        for match in TRACE.finditer(line.text):
            before = line.text[:match.start()]
            if opened_quote(before, match.group("trace")):
                continue
            if match.group("before").isalpha() or match.group("trace") == "!" and match.group("before") not in ".,;:":
                if match.group("trace") not in "'’" or before.endswith(("s", "S")):
                    continue
                strength = TRACE_AFTER_LETTER
            else:
                strength = TRACE_AFTER_PUNCTUATION
            found.append((line.start + match.start(), line.start + match.end(), "", strength))
    return sorted(found)


def opened_quote(before: str, trace: str) -> bool:
    """A quote mark that closes a quotation the line opened (``“peace.”`` or ``"peace."``)."""
    if trace in '"”':
        return before.count('"') % 2 == 1 or before.rfind("“") > before.rfind("”")
    if trace in "'’":
        return before.rfind("‘") > max(before.rfind("’"), -1) or before.rfind("“") > before.rfind("”")
    return False


def fits(note_mark: str, mark: str, strength: int) -> int:
    """How well a call fits a note's mark: as printed (or as the OCR reads a dagger), any trace."""
    if strength != EXACT:
        return strength
    if mark == note_mark or note_mark in SYMBOLS and mark in SYMBOLS and not mark == "*" and note_mark != "*":
        return EXACT
    if note_mark in SYMBOLS and mark == "*":  # the OCR reads a small dagger as an asterisk as often
        return TRACE_AFTER_PUNCTUATION
    return TRACE_AFTER_LETTER  # another mark: the OCR misread this one, or it calls another note


def link_page(notes: list[Footnote], calls: list[tuple[int, int, str, int]]) -> list[FootnoteCall | None]:
    """The page's notes paired with its calls in order (a page prints its notes in the order
    of their calls): the pairing with the most evidence, every note taking at most one call."""
    k, m = len(notes), len(calls)
    best = [[0] * (m + 1) for _ in range(k + 1)]
    for i in range(k - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            score = fits(notes[i].mark, calls[j][2], calls[j][3])
            take = score + best[i + 1][j + 1] if score else 0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    links: list[FootnoteCall | None] = []
    i = j = 0
    while i < k:
        if j >= m:
            links.append(None)
            i += 1
            continue
        score = fits(notes[i].mark, calls[j][2], calls[j][3])
        if score and best[i][j] == score + best[i + 1][j + 1]:
            links.append(FootnoteCall(calls[j][0], calls[j][1], calls[j][3]))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i][j + 1]:
            j += 1
        else:
            links.append(None)
            i += 1
    return links


def link_footnotes(lines, notes: list[Footnote], removed=frozenset()) -> list[FootnoteCall | None]:
    """Each note's call on its own page, or None where the OCR lost it."""
    links: list[FootnoteCall | None] = []
    k = 0
    while k < len(notes):
        page = [n for n in notes[k:] if n.page_top == notes[k].page_top]
        links += link_page(page, candidates(lines, page[0].page_top, page[0].foot, removed))
        k += len(page)
    return links


def as_note(book, footnote: Footnote, call: FootnoteCall | None, number: int):
    """The ``Note`` of a footnote, its ``NoteCall`` (None where the OCR lost the call) and the
    flag a lost call raises. A note without its call keeps the printed page it stands on, so
    that it points there, and says why."""
    lines, text = book.lines, book.source.text
    head, last = lines[footnote.lines[0]], lines[footnote.lines[-1]]
    body_start = footnote.label[1]
    while body_start < last.content_end and text[body_start].isspace():
        body_start += 1
    page = book.numbering.page_of(footnote.lines[0])
    key = f"fn{number}"
    note = Note(n=footnote.mark, start=head.content_start, end=last.content_end, label_end=footnote.label[1],
                blocks=(Block("p", body_start, last.content_end, part="note", lined=True),), type="footnote",
                resp="editors" if footnote.by_editors else "", key=key,
                page_ref=str(page) if call is None and page and page > 0 else "")
    if call is not None:
        return note, NoteCall(call.start, call.end, footnote.mark, key=key), None
    where = f" on p. {page}" if page and page > 0 else ""
    flag = Flag("footnote-call-lost", head.content_start, min(last.content_end, head.content_start + 60),
                f"footnote {footnote.mark}{where}: its call is lost in the OCR; the note is kept and points to "
                f"its page: an editor should link it to its call", key=key)
    return note, None, flag
