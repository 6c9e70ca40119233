"""Layout b: like Degras, "Soviet Documents on Foreign Policy" (Oxford, 1951-3).

No contents list. Documents run on, separated by space and a short rule; a heading in capitals
over one to five lines; a date line ("30 November 1917" or "Petrograd, 5 December 1917"); the
source line(s) under it; an editor's introduction in smaller type before some documents;
footnotes at the foot marked * † ‡ § afresh on every page; running heads of years with the
folio at the outer corner (or only a folio at the foot); a list of documents at the back.
"""

from __future__ import annotations

import random

from . import datefmt
from .book import Book, BookSpec, body_lines
from .corpus import Text
from .pages import Composer, Geometry
from .typeset import Face, Piece, one_line, pt, set_centered, set_paragraph

KIND_WORDS = {"note": "note", "letter": "letter", "telegram": "telegram", "treaty": "treaty",
              "decree": "decree", "speech": "statement", "appeal": "appeal", "interview": "interview",
              "statement": "statement", "notes": "notes"}


def geometry() -> Geometry:
    return Geometry(width=1650, height=2550, left=pt(60), top=pt(70), block_width=pt(300),
                    block_height=pt(500), head_gap=pt(22))


def introduction(text: Text) -> str:
    """A short editor's introduction made from the truth metadata (it is editor's text, not the
    document's, so the truth keeps it apart)."""
    kind = KIND_WORDS.get(text.kind, "document")
    to = f" to {text.addressee}" if text.addressee else ""
    by = f" by {text.sender}" if text.sender else ""
    return (f"The {kind} printed below was issued{by}{to} at {text.place or 'Moscow'}. "
            f"It was published in {text.source[0].split(',')[0]} and is given here in an abridged form.")


def build(spec: BookSpec, texts: list[Text], rng: random.Random) -> Book:
    g = geometry()
    body = Face(spec.family, "regular", 10.5)
    small = Face(spec.family, "regular", 9)
    foot = Face(spec.family, "regular", 8.5)
    head = Face(spec.family, "regular", 10.5)
    w = g.block_width
    folio_at_foot = rng.random() < 0.4
    with_place = rng.random() < 0.5
    c = Composer(g, spec.first_page, foot="symbols", foot_face=foot,
                 foot_text=lambda call: texts[call[0]].note(call[1]).text)
    book = Book(spec, g, c.pages, texts)
    c.new_page("front", numbered=False)
    front = [set_centered(spec.title.upper(), Face(spec.family, "bold", 15), w, "front"),
             set_centered(f"Selected and edited by {spec.editor}", Face(spec.family, "italic", 11), w, "front"),
             set_centered(f"{spec.publisher} · {spec.place} · {spec.year}", small, w, "front")]
    for k, lines in enumerate(front):
        lines[0].space_before = pt(120) if k else pt(60)
        c.place(lines, kind="front")
    book.front = [line.text() for lines in front for line in lines]
    c.start_recto("doc")
    for d, text in enumerate(texts):
        intro = introduction(text) if rng.random() < 0.35 else None
        heading = set_centered(text.title, head, w - pt(20), "heading", doc=d)
        heading[0].space_before = pt(26)
        date = datefmt.british(text, text.place if with_place and text.place else None)
        date_line = one_line(date, Face(spec.family, "italic", 10), w, "date", align="center", doc=d)
        date_line.space_before = pt(4)
        source_lines = [one_line(s, small, w, "source", align="center", doc=d) for s in text.source]
        lines = heading + [date_line] + source_lines
        if intro:
            intro_lines = set_paragraph(intro, [], small, w - pt(24), kind="intro", indent=pt(10), doc=d)
            for line in intro_lines:
                line.column_x = pt(12)
            intro_lines[0].space_before = pt(8)
            lines += intro_lines
        text_lines = body_lines(text, d, body, w, pt(14))
        text_lines[0].space_before = pt(10)
        keep = len(lines) + 2
        if d and c.page is not None and c.room() > pt(60):
            rule = one_line("", body, w, "rule", align="center")
            rule.words = [[Piece("———", body)]]
            rule.space_before = pt(10)
            c.place_line(rule)
        c.place(lines + text_lines, keep=keep)
        book.printed[d] = {"title": text.title, "title_lines": [x.text() for x in heading],
                           "date": datefmt.truth(text, date), "source": list(text.source),
                           "intro": intro, "note_kind": "footnote"}
    # list of documents at the back
    c.start_recto("list")
    c.place_line(one_line("LIST OF DOCUMENTS", head, w, "heading", align="center"), "list")
    for d, text in enumerate(texts):
        page = next(p.number for p in c.pages if any(x.doc == d for x in p.lines))
        date = datefmt.british(text)
        lines = set_paragraph(f"{date}. {text.title.capitalize()}", [], small, w - pt(30), kind="contents",
                              hyphenate=False, align="left")
        lines[-1].words.append([Piece(f" {page}", small)])
        lines[0].space_before = pt(4)
        c.place(lines, keep=len(lines), kind="list")
        book.contents.append({"document": d + 1, "title": text.title, "date": date, "page": page})
    furnish(book, texts, small, folio_at_foot)
    return book


def furnish(book: Book, texts: list[Text], face: Face, folio_at_foot: bool) -> None:
    """Years as running heads with the folio at the outer corner, or a folio at the foot only."""
    g = book.geometry
    for page in book.pages:
        if page.number is None or page.kind == "blank":
            continue
        docs = [line.doc for line in page.lines if line.doc is not None]
        if folio_at_foot or not docs:
            folio = one_line(str(page.number), face, g.block_width, "folio", align="center")
            folio.y = g.top + g.block_height + pt(16)
            page.furniture.append(folio)
            continue
        t = texts[docs[0]]
        year = (t.when or t.not_before)[:4]
        even = page.number % 2 == 0
        text = f"{page.number}{' ' * 4}{year}" if even else f"{year}{' ' * 4}{page.number}"
        line = one_line(text, face, g.block_width, "runhead", align="left" if even else "right")
        line.words = [[Piece(str(page.number), face)], [Piece(" " * 30, face)], [Piece(year, face)]] if even \
            else [[Piece(year, face)], [Piece(" " * 30, face)], [Piece(str(page.number), face)]]
        line.y = g.top - g.head_gap - pt(10)
        page.furniture.append(line)
