"""Segment a printed book's OCR text: paragraphs and pages (the book as one
document for now; recovering its documents is the structure issue's work)."""

from __future__ import annotations

import regex

from pipeline.lines import Line, split_lines
from pipeline.model import Block, Change, Document, Meta, PageBreak, Source

PAGE_BREAK_MIN_BLANKS = 2
SENTENCE_END = regex.compile(r"[.!?:;”\"’)\]]\s*$")


def segment_book(source: Source, changes: tuple[Change, ...]) -> tuple[Document, ...]:
    blocks, pages = paragraphs_and_pages(source, changes)
    meta = Meta(title=source.stem, doc_type="book")
    return (Document(source=source, start=0, end=len(source.text), meta=meta, body=tuple(blocks),
                     changes=changes, pages=tuple(pages)),)


def paragraphs_and_pages(source: Source, changes):
    """Paragraphs are runs of non-blank lines; a run of two or more blank lines is a
    page break. A paragraph runs on over a page break when its last line does not end
    a sentence and the next page begins in lower case; so does it over a blank line
    that the OCR put inside a paragraph."""
    removed = {c.start for c in changes if c.kind == "removal"}
    blocks, pages, current, blanks = [], [], [], 0
    for line in split_lines(source.text):
        if line.is_blank or line.content_start in removed:
            blanks += line.is_blank
            continue
        page_break = blanks >= PAGE_BREAK_MIN_BLANKS and (blocks or current)
        if page_break:
            pages.append(PageBreak(line.content_start))
        if current and blanks and not runs_on(current[-1], line):
            blocks.append(paragraph(current))
            current = []
        blanks = 0
        current.append(line)
    if current:
        blocks.append(paragraph(current))
    return blocks, pages


def runs_on(last: Line, first: Line) -> bool:
    """True when the text goes on from ``last`` to ``first`` across blank lines."""
    ends_open = not SENTENCE_END.search(last.text) or last.text.rstrip().endswith(("¬", "-"))
    return ends_open and bool(regex.match(r"\s*[\p{Ll},;(—–-]", first.text))


def paragraph(lines) -> Block:
    return Block("p", lines[0].content_start, lines[-1].content_end, lined=True)
