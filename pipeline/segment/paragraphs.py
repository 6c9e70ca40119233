"""Paragraphs of printed pages: runs of lines, which go on over blank lines and
page breaks when a sentence is left open and the text resumes in lower case."""

from __future__ import annotations

import regex

from pipeline.segment.text import is_capitals

SENTENCE_END = regex.compile(r"[.!?:;”\"’)\]]\s*$")


def paragraph_spans(lines, indices, removed) -> list[tuple[int, int]]:
    """Paragraphs over the given line indices: runs of lines, which go on over blank
    lines (and page breaks) when a sentence is left open and the text resumes in lower case."""
    spans, current, gap = [], [], False
    previous = None
    for i in indices:
        line = lines[i]
        if line.is_blank or line.content_start in removed:
            continue
        if previous is not None and (i != previous + 1 or gap):
            if not runs_on(current[-1], line, page_turn=i - previous > 2):
                spans.append((current[0].content_start, current[-1].content_end))
                current = []
        current.append(line)
        previous, gap = i, False
    if current:
        spans.append((current[0].content_start, current[-1].content_end))
    return spans


def runs_on(last, first, page_turn: bool = False) -> bool:
    """True when the text goes on from line ``last`` to line ``first`` across a gap: the
    sentence is left open and the text resumes in lower case, or, over a page turn,
    with any word ("the heroic struggle against the / [page] / Anti-Socialist Law")."""
    ends_open = not SENTENCE_END.search(last.text) or last.text.rstrip().endswith(("¬", "-"))
    if not ends_open:
        return False
    if regex.match(r"\s*[\p{Ll},;(—–-]", first.text):
        return True
    return page_turn and not is_capitals(last.text) and len(last.text.strip()) > 30 \
        and bool(regex.match(r"\s*\w", first.text))
