"""Source blocks: the citation printed after each document of the book
("Pravda No. 171, November 10 (October 28), 1917 / Collected Works, Vol. 26,
pp. 254-56"). A document ends with its source block, so finding the blocks
finds the documents.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from pipeline.segment.text import is_capitals

#: lines that can only belong to a source block
ANCHOR = regex.compile(r"Collected\s+W\S{1,6}\s*,?\s*(?:V\S{1,3}\s*\d|$)|(?-i:\bP[\p{L}\d!|]{6,9})\s+ac[\p{L}\d!|]{5,8}\s+to\b|"
                       r"F\w{2}s[tl]\s+published|Edition\s+of\s+the\s+Collected", regex.I)
#: lines that may belong to a source block around an anchor
CITATION = regex.compile(r"Pravda|Prauda|Izvestia|Published|published|Written|Dictated|Signed|newspaper|"
                         r"Collected|Vo[l!i]\.|pp?\.\s*[\d.]|Miscellany|text of|Edition|No[s.,]\s*\d|"
                         r"^[A-Z][a-z]+ \d{1,2},? \d{4}|^\(?[A-Z][a-z]+ \d{1,2}\)?,? \d{4}|^\d{4}\s*$|"
                         r"^[A-Z][a-z]+ \d{1,2}\s*\([A-Za-z]*\s*\d{1,2}\),? \d{4}|"
                         r"in (?:English|Russian|full)|book|manuscript|typewritten|Minutes")
FOOTNOTE = regex.compile(r"^\s*(?:\*|See\s+Collected)|[—-]\s*Ed[.,]?\s*$")
MAX_LINES_BETWEEN_ANCHORS = 9


@dataclass(frozen=True)
class SourceBlock:
    first: int  # line index of the block's first line
    last: int   # line index of its last line


def find_source_blocks(lines, start: int, end: int) -> list[SourceBlock]:
    """Source blocks between line indices ``start`` and ``end``, in order."""
    anchors = [i for i in range(start, end) if ANCHOR.search(lines[i].text) and not FOOTNOTE.search(lines[i].text)]
    groups: list[list[int]] = []
    for i in anchors:
        if groups and i - groups[-1][-1] <= MAX_LINES_BETWEEN_ANCHORS:
            groups[-1].append(i)
        else:
            groups.append([i])
    return [SourceBlock(extend_back(lines, g[0], start), extend_forward(lines, g[-1], end - 1)) for g in groups]


def extend_back(lines, index: int, limit: int) -> int:
    """Grow a block upwards over citation lines, across at most one blank line."""
    best, i, blanks = index, index - 1, 0
    while i >= limit:
        text = lines[i].stripped
        if not text:
            blanks += 1
            if blanks > 1:
                break
        elif not CITATION.search(text) or FOOTNOTE.search(text) or len(text) > 75:
            break
        else:
            best, blanks = i, 0
        i -= 1
    return best


def extend_forward(lines, index: int, limit: int) -> int:
    """Grow a block downwards to the page break: the OCR prints the two columns of a
    source block as short lines between single blank lines ("and 90", "Verbatim
    Report, Moscow"); a heading in capitals or a line of prose begins the next text."""
    best, i, blanks = index, index + 1, 0
    while i <= limit:
        text = lines[i].stripped
        if not text:
            blanks += 1
            if blanks > 1:
                break
        elif FOOTNOTE.search(text) or starts_next_text(text):
            break
        else:
            best, blanks = i, 0
        i += 1
    return best


def starts_next_text(text: str) -> bool:
    return is_capitals(text) or (len(text) > 52 and not CITATION.search(text))
