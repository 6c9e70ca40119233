"""Paragraphs of printed pages: runs of lines, which go on over blank lines and
page breaks when a sentence is left open and the text resumes in lower case."""

from __future__ import annotations

import regex

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
            if not runs_on(current[-1], line):
                spans.append((current[0].content_start, current[-1].content_end))
                current = []
        current.append(line)
        previous, gap = i, False
    if current:
        spans.append((current[0].content_start, current[-1].content_end))
    return spans

def runs_on(last, first) -> bool:
    """True when the text goes on from line ``last`` to line ``first`` across a gap."""
    ends_open = not SENTENCE_END.search(last.text) or last.text.rstrip().endswith(("¬", "-"))
    return ends_open and bool(regex.match(r"\s*[\p{Ll},;(—–-]", first.text))
