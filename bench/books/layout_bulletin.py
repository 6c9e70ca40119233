"""Layout c: a bulletin or press-service collection with two levels of headings.

A section heading (a year or a region) over several documents, document headings in small
capitals-like bold, a narrow measure, a place-and-date line, the source in brackets after the
text, numbered footnotes restarting on every page, and a running head naming the bulletin with
the folio at the outer corner.
"""

from __future__ import annotations

import random

from . import datefmt
from .book import Book, BookSpec, body_lines
from .corpus import Text
from .pages import Composer, Geometry
from .typeset import Face, one_line, pt, set_centered, set_paragraph


def geometry() -> Geometry:
    return Geometry(width=1500, height=2300, left=pt(70), top=pt(64), block_width=pt(220),
                    block_height=pt(450), head_gap=pt(20))


def section_of(text: Text, by: str) -> str:
    year = (text.when or text.not_before)[:4]
    if by == "year":
        return f"DOCUMENTS OF {year}"
    region = {"Persia": "THE EAST", "Afghanistan": "THE EAST", "Turkey": "THE EAST",
              "Amanullah Khan": "THE EAST"}
    for name, section in region.items():
        if name in text.addressee:
            return section
    return "EUROPE AND AMERICA"


def build(spec: BookSpec, texts: list[Text], rng: random.Random) -> Book:
    g = geometry()
    body = Face(spec.family, "regular", 9.5)
    small = Face(spec.family, "regular", 8)
    head = Face(spec.family, "bold", 9.5)
    section_face = Face(spec.family, "bold", 12)
    w = g.block_width
    by = "year" if rng.random() < 0.6 else "region"
    order = sorted(range(len(texts)), key=lambda k: (section_of(texts[k], by), k)) if by == "region" \
        else list(range(len(texts)))
    texts[:] = [texts[k] for k in order]
    c = Composer(g, spec.first_page, foot="numbers", foot_face=small,
                 foot_text=lambda call: texts[call[0]].note(call[1]).text)
    book = Book(spec, g, c.pages, texts)
    c.new_page("front", numbered=False)
    front = [set_centered(spec.title.upper(), Face(spec.family, "bold", 14), w, "front"),
             set_centered(f"Issued by {spec.editor}", Face(spec.family, "italic", 10), w, "front"),
             set_centered(f"{spec.place}, {spec.year}", small, w, "front")]
    for k, lines in enumerate(front):
        lines[0].space_before = pt(100) if k else pt(50)
        c.place(lines, kind="front")
    book.front = [line.text() for lines in front for line in lines]
    c.new_page("doc")
    section = None
    for d, text in enumerate(texts):
        lines = []
        this = section_of(text, by)
        if this != section:
            section = this
            lines += set_centered(section, section_face, w, "section")
            lines[0].space_before = pt(24)
        heading = set_centered(text.title, head, w, "heading", doc=d)
        heading[0].space_before = pt(16)
        date = f"{text.place}, {datefmt.american(text)}" if text.place else datefmt.american(text)
        date_line = one_line(date, Face(spec.family, "italic", 9), w, "date", align="right", doc=d)
        date_line.space_before = pt(3)
        lines += heading + [date_line]
        text_lines = body_lines(text, d, body, w, pt(10))
        text_lines[0].space_before = pt(6)
        source = set_paragraph(f"({'; '.join(text.source)}.)", [], small, w, kind="source", hyphenate=False,
                               align="right", doc=d)
        source[0].space_before = pt(4)
        c.place(lines + text_lines, keep=len(lines) + 2)
        c.place(source, keep=len(source))
        book.printed[d] = {"title": text.title, "title_lines": [x.text() for x in heading],
                           "date": datefmt.truth(text, date), "note_kind": "footnote",
                           "section": section}
    name = spec.title.upper()
    for page in book.pages:
        if page.number is None:
            continue
        even = page.number % 2 == 0
        text = f"{page.number}  {name}" if even else f"{name}  {page.number}"
        line = one_line(text, small, g.block_width, "runhead", align="left" if even else "right")
        line.y = g.top - g.head_gap - pt(8)
        page.furniture.append(line)
    return book
