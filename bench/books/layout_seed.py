"""Layout a: like the seed book (Progress, "On the Foreign Policy of the Soviet State").

Title page and imprint, a contents list with page numbers, each document under a heading in
capitals with a date line, justified hyphenated text, a two-column source block, running heads
(book title on versos, document title on rectos, folio at the outer corner; a document's first
page has its folio at the foot), numbered calls and endnotes at the back that end "p. N".
"""

from __future__ import annotations

import random

from . import datefmt
from .book import Book, BookSpec, body_lines
from .corpus import Text
from .pages import Composer, Geometry, Page
from .typeset import Face, Line, one_line, pt, set_centered, set_paragraph


def geometry() -> Geometry:
    return Geometry(width=1575, height=2400, left=pt(54), top=pt(66), block_width=pt(288),
                    block_height=pt(470), head_gap=pt(24))


def build(spec: BookSpec, texts: list[Text], rng: random.Random) -> Book:
    """Compose the book twice: the first pass finds the pages the contents list gives."""
    contents_pages = None
    for _ in range(3):
        book, found = compose(spec, texts, rng_copy(rng), contents_pages)
        if found == contents_pages:
            break
        contents_pages = found
    return book


def rng_copy(rng: random.Random) -> random.Random:
    r = random.Random()
    r.setstate(rng.getstate())
    return r


def compose(spec: BookSpec, texts: list[Text], rng: random.Random, contents_pages):
    g = geometry()
    body = Face(spec.family, "regular", 10)
    small = Face(spec.family, "regular", 8)
    head = Face(spec.family, "bold", 10.5)
    w = g.block_width
    numbers, n = {}, 0
    for d, text in enumerate(texts):
        for note in text.notes:
            n += 1
            numbers[(d, note.id)] = str(n)
    c = Composer(g, spec.first_page, fixed_markers=numbers)
    book = Book(spec, g, c.pages, texts)
    # title page and imprint
    c.new_page("front", numbered=False)
    title_lines = [set_centered(spec.editor, Face(spec.family, "regular", 12), w, "front"),
                   set_centered(spec.title, Face(spec.family, "bold", 16), w, "front"),
                   set_centered(f"{spec.publisher.upper()} · {spec.place.upper()}", small, w, "front")]
    for k, lines in enumerate(title_lines):
        lines[0].space_before = pt(90) if k else pt(40)
        c.place(lines, kind="front")
    book.front = [line.text() for lines in title_lines for line in lines]
    c.new_page("front", numbered=False)
    imprint = [f"Compiled and edited by {spec.editor}",
               f"First published {spec.year}", f"{spec.publisher}, {spec.place}"]
    for k, entry in enumerate(imprint):
        line = one_line(entry, small, w, "front", align="center")
        line.space_before = pt(300) if k == 0 else 0
        c.place_line(line, "front")
    book.front += imprint
    # contents
    c.new_page("contents")
    c.place_line(one_line("CONTENTS", head, w, "heading", align="center"), "contents")
    entries = []
    for d, text in enumerate(texts):
        date = datefmt.american(text)
        page = contents_pages[d] if contents_pages else 0
        lines = set_paragraph(f"{text.title}. {date}", [], small, w - pt(30), kind="contents",
                              hyphenate=False, align="left", indent=0)
        last = lines[-1]
        last.words.append([type(last.words[0][0])(f". . . {page}", small)])
        lines[0].space_before = pt(5)
        c.place(lines, keep=len(lines), kind="contents")
        entries.append({"document": d + 1, "title": text.title, "date": date, "page": page})
    book.contents = entries
    c.start_recto("doc")
    # documents
    found = []
    for d, text in enumerate(texts):
        if c.page is not None and c.room() < g.block_height * 0.45:
            c.new_page()
        date = datefmt.american(text)
        heading = set_centered(text.title, head, w - pt(30), "heading", doc=d)
        heading[0].space_before = pt(30)
        date_line = one_line(date, Face(spec.family, "italic", 9.5), w, "date", align="center", doc=d)
        date_line.space_before = pt(6)
        lines = heading + [date_line] + body_lines(text, d, body, w, pt(12))
        lines[len(heading) + 1].space_before = pt(14)
        c.place(lines, keep=len(heading) + 3)
        found.append(next(p.number for p in c.pages if any(x.doc == d for x in p.lines)))
        source = source_block(text, small, w, d)
        c.place(source, keep=len(source))
        book.printed[d] = {"title": text.title, "title_lines": [x.text() for x in heading],
                           "date": datefmt.truth(text, date), "note_kind": "endnote"}
    # endnotes
    c.start_recto("notes")
    c.place_line(one_line("NOTES", head, w, "heading", align="center"), "notes")
    for d, text in enumerate(texts):
        for note in text.notes:
            call = (d, note.id)
            page = next(p.number for p in c.pages if call in p.notes_called)
            lines = set_paragraph(f"{numbers[call]} {note.text} p.\u00a0{page}", [], small, w,
                                  kind="endnote", indent=pt(10), doc=None)
            lines[0].space_before = pt(4)
            c.place(lines, kind="notes")
    furnish(book, spec, texts, small)
    return book, found


def source_block(text: Text, face: Face, width: int, doc: int) -> list[Line]:
    """Two columns when the source has two parts (the left one first in reading order, as the
    truth lists it); otherwise one line block at the right."""
    half = width // 2 - 10
    if len(text.source) >= 2:
        left = set_paragraph(text.source[0], [], face, half - 20, kind="source", hyphenate=False,
                             align="left", doc=doc)
        right = set_paragraph(" ".join(text.source[1:]), [], face, half, kind="source", hyphenate=False,
                              align="left", doc=doc)
        rows = []
        for k in range(max(len(left), len(right))):
            if k < len(right):
                right[k].column_x = width - half
                right[k].same_row = k < len(left)
            if k < len(left):
                rows.append(left[k])
            if k < len(right):
                rows.append(right[k])
        rows[0].space_before = 24
        return rows
    lines = set_paragraph(text.source[0], [], face, half, kind="source", hyphenate=False, align="left",
                          doc=doc)
    for line in lines:
        line.column_x = width - half
    lines[0].space_before = 24
    return lines


def furnish(book: Book, spec: BookSpec, texts: list[Text], face: Face) -> None:
    """Running heads and folios: none on front pages; the folio at the foot of a page where a
    document opens; otherwise a head with the folio at the outer corner."""
    g = book.geometry
    short_title = spec.title.upper()
    for page in book.pages:
        if page.number is None or page.kind == "blank":
            continue
        opens = bool(page.lines) and page.lines[0].kind == "heading"
        if opens or page.index == first_of_kind(book, page.kind):
            folio = one_line(str(page.number), face, g.block_width, "folio", align="center")
            folio.y = g.top + g.block_height + pt(14)
            page.furniture.append(folio)
            continue
        if page.kind == "notes":
            title = "NOTES"
        elif page.kind == "contents":
            title = "CONTENTS"
        elif page.number % 2 == 0:
            title = short_title
        else:
            docs = [line.doc for line in page.lines if line.doc is not None]
            title = texts[docs[0]].short if docs else short_title
        text = f"{page.number}    {title}" if page.number % 2 == 0 else f"{title}    {page.number}"
        head = one_line(text, face, g.block_width, "runhead", align="left" if page.number % 2 == 0 else "right")
        head.y = g.top - g.head_gap - pt(10)
        page.furniture.append(head)


def first_heading(page: Page, doc: int) -> Line | None:
    return next((line for line in page.lines if line.doc == doc and line.kind == "heading"), None)


def first_of_kind(book: Book, kind: str) -> int:
    return next(p.index for p in book.pages if p.kind == kind)
