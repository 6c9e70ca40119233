"""Evidence combined into documents: where each document of a printed collection begins
and ends, which lines are its source, and how sure the evidence makes it.

Why two kinds of evidence: some collections close every document with a source block (the
block delimits the documents, whatever their headings became in the OCR); others print no
block but open every document with a heading and a date line. The book says which it is:
the reading that finds more documents, each on its own evidence, is the book's layout. A
heading-delimited document takes its source lines from under its date line, or from a
citation closing its text ("(Pravda, No. 171, …)", "Izvestia, No. 208, … Kluchnikov and
Sabanin, Vol. II, p. 91").
"""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

import regex

from pipeline.model import CERTAINTY_BANDS, Document, Flag
from pipeline.segment.printed.headings import (CITATION, Heading, find_headings, is_editors_introduction,
                                               is_source_line)
from pipeline.segment.sources import SourceBlock
from pipeline.segment.text import line_runs

#: headings with a date line that a book must show before they, not source blocks, delimit its documents
MIN_DATED_HEADINGS = 3
#: a closing citation is a short paragraph: the source block of a collection is one to four lines
MAX_CLOSING_SOURCE_LINES = 4
#: below this a document's start is a guess an editor should check: the floor of the "medium"
#: band of ``CERTAINTY_BANDS`` (a heading alone, 0.5, or with a contents entry, 0.55, is below it;
#: a heading with its date line, 0.85, above it)
WEAK_EVIDENCE = next(floor for floor, band in CERTAINTY_BANDS if band == "medium")
#: footnote marks at a page's foot as the OCR reads them (* † ‡ § ¶, and + t f for the dagger), or a number
FOOTNOTE_MARK = regex.compile(r"^\s*(?:[*†‡§¶+]{1,3}|\d{1,2}|[tf])\s+\S")


class DocRange(NamedTuple):
    """The lines of one document, ``first`` to ``last``; its source block; whether that
    block stands under the heading (``source_at_head``) rather than after the text; the
    evidence that made it, its certainty and the line of its date (if a heading gave one)."""

    first: int
    last: int
    block: SourceBlock | None
    source_at_head: bool = False
    evidence: tuple[str, ...] = ("source block",)
    certainty: float = 0.9
    dateline: int | None = None
    heading_last: int | None = None


def heading_ranges(lines, start: int, end: int, removed, block_count: int) -> list[DocRange] | None:
    """Documents delimited by their headings, or None when the book's source blocks
    delimit more documents than its dated headings (the source blocks are then its layout)."""
    headings = find_headings(lines, start, end, removed)
    dated = [h for h in headings if "date line" in h.evidence]
    if len(dated) < MIN_DATED_HEADINGS or len(headings) <= block_count:
        return None
    ranges = []
    for k, heading in enumerate(headings):
        stop = headings[k + 1].first - 1 if k + 1 < len(headings) else end - 1
        while stop > heading.end and lines[stop].is_blank:  # removed furniture stays: its removal is recorded here
            stop -= 1
        ranges.append(range_of(lines, heading, stop, removed))
    return ranges


def range_of(lines, heading: Heading, last: int, removed) -> DocRange:
    """One document from its heading to ``last``, with its source lines: under the date
    line, else a citation closing the text."""
    if heading.sources:
        block = SourceBlock(heading.sources[0], heading.sources[-1])
        return DocRange(heading.first, last, block, True, heading.evidence, heading.certainty,
                        heading.dateline, heading.last)
    block = closing_source(lines, heading.end + 1, last, removed)
    evidence = heading.evidence + (("source line",) if block else ())
    certainty = Heading(0, 0, heading.dateline, (1,) if block else (), evidence).certainty
    return DocRange(heading.first, last, block, False, evidence, certainty,
                    heading.dateline, heading.last)


def closing_source(lines, first: int, last: int, removed) -> SourceBlock | None:
    """The citation that closes a document's text: the last paragraph (footnotes at the page
    foot aside) when it is short and cites ("(Pravda, No. 171, October 27, 1917; Collected
    Works, Vol. 26, pp. 262-63.)"). The document ends with it: footnotes after it belong to
    the document too, so the range is not cut."""
    paragraphs = paragraphs_of(lines, first, last, removed)
    for run in reversed(paragraphs[1:]):
        text = " ".join(lines[i].text.strip() for i in run)
        if FOOTNOTE_MARK.match(text) and not text.startswith("("):
            continue
        cites = is_source_line(lines[run[0]].text) or (text.startswith("(") and CITATION.search(text))
        if cites and len(run) <= MAX_CLOSING_SOURCE_LINES and not text.rstrip().endswith(("—Ed.", "-Ed.")):
            return SourceBlock(run[0], run[-1])
        return None
    return None


def paragraphs_of(lines, first: int, last: int, removed) -> list[list[int]]:
    """Runs of text lines between blank lines (removed furniture counts as blank)."""
    return line_runs(lines, first, last + 1, removed)


def with_evidence(doc: Document, span: DocRange, entry, lines) -> Document:
    """The document with the evidence that made it (a contents entry matched to it counts) and
    its certainty, for the build report; a document made on weak evidence (``WEAK_EVIDENCE``) is
    flagged at its first line, so that an editor checks that a document begins there."""
    evidence = span.evidence + (("contents entry",) if entry is not None and "contents entry" not in span.evidence
                                else ())
    flags = doc.flags
    if span.certainty < WEAK_EVIDENCE:
        line = lines[span.first]
        flags += (Flag("document-weak-evidence", line.content_start, line.content_end,
                       f"a document is made here on weak evidence ({', '.join(evidence) or 'none'}; certainty "
                       f"{span.certainty}): an editor should check that one begins here"),)
    return replace(doc, evidence=evidence, certainty=span.certainty, flags=flags)


def with_introduction(doc: Document, text: str) -> Document:
    """The document with its printed editor's introduction (a paragraph between its heading
    apparatus and its text, in which the collection's editor speaks of the document) moved out of
    the document's words into its front as the editors' (``part="intro"``): only the first
    paragraph can be one, and only one that reads as an editor's."""
    body = [b for b in doc.body if b.part == "body" and b.kind != "head"]
    if len(body) < 2 or body[0].kind != "p" or not is_editors_introduction(text[body[0].start:body[0].end]):
        return doc
    intro = replace(body[0], part="intro")
    return replace(doc, body=tuple(b for b in doc.body if b is not body[0]), front=doc.front + (intro,))
