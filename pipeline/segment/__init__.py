"""Stage 3: cut a repaired source into documents, blocks, notes and pages.

``run_segment`` picks the segmenter for the kind of source: web-page copies are
one document each (``web``); a printed book is many (``book``).
"""

from __future__ import annotations

from pipeline.model import Change, Document, Source
from pipeline.segment.book import segment_book
from pipeline.segment.checks import check_documents
from pipeline.segment.web import segment_web_page


def run_segment(source: Source, changes: tuple[Change, ...], page_hints=()) -> tuple[Document, ...]:
    """Return the documents of ``source`` in source order; ``page_hints`` are editors'
    page decisions (raw offset, printed page, decision) for a printed book. Every source's
    documents then go through the checks that keep a wrong reading from passing silently
    (``checks``: no body, little of the text read, a date without a year, an unknown kind)."""
    if source.kind == "ia-ocr":
        documents = segment_book(source, changes, page_hints)
    else:
        documents = (segment_web_page(source, changes),)
    return check_documents(source, documents, changes)
