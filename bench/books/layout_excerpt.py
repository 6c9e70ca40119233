"""Layout d: an excerpt of two to five pages from a volume of collected writings.

A few letters or notes taken from the middle of a volume: running heads "146 V. I. LENIN" on
versos and the document's addressee in capitals ("TO G. V. CHICHERIN 147") on rectos, headings,
the date line, the text, the source block, and the editors' footnotes (* †) at the foot.
"""

from __future__ import annotations

import random

from . import datefmt
from .book import Book, BookSpec, body_lines
from .corpus import Text
from .pages import Composer, Geometry
from .typeset import Face, one_line, pt, set_centered, set_paragraph


def geometry() -> Geometry:
    return Geometry(width=1575, height=2400, left=pt(56), top=pt(66), block_width=pt(286),
                    block_height=pt(468), head_gap=pt(24))


def build(spec: BookSpec, texts: list[Text], rng: random.Random) -> Book:
    g = geometry()
    body = Face(spec.family, "regular", 10)
    small = Face(spec.family, "regular", 8)
    head = Face(spec.family, "bold", 10)
    w = g.block_width
    c = Composer(g, spec.first_page, foot="symbols", foot_face=small,
                 foot_text=lambda call: texts[call[0]].note(call[1]).text)
    book = Book(spec, g, c.pages, texts)
    c.new_page("doc")
    for d, text in enumerate(texts):
        heading = set_centered(text.title, head, w - pt(40), "heading", doc=d)
        heading[0].space_before = pt(24) if d else pt(40)
        date = datefmt.american(text)
        date_line = one_line(date, Face(spec.family, "italic", 9.5), w, "date", align="right", doc=d)
        date_line.space_before = pt(6)
        text_lines = body_lines(text, d, body, w, pt(12))
        text_lines[0].space_before = pt(8)
        c.place(heading + [date_line] + text_lines, keep=len(heading) + 3)
        source = set_paragraph(" ".join(text.source), [], small, w // 2, kind="source", hyphenate=False,
                               align="left", doc=d)
        for line in source:
            line.column_x = w - w // 2
        source[0].space_before = pt(10)
        c.place(source, keep=len(source))
        book.printed[d] = {"title": text.title, "title_lines": [x.text() for x in heading],
                           "date": datefmt.truth(text, date), "note_kind": "footnote"}
    author = spec.author.upper()
    for page in book.pages:
        even = page.number % 2 == 0
        docs = [line.doc for line in page.lines if line.doc is not None]
        recto = texts[docs[0]].short if docs else author
        text = f"{page.number}  {author}" if even else f"{recto}  {page.number}"
        line = one_line(text, small, g.block_width, "runhead", align="left" if even else "right")
        line.y = g.top - g.head_gap - pt(10)
        page.furniture.append(line)
    return book
