"""Turning tesseract's pages into an Internet Archive "full text", and finding lines in it.

Why: the pipeline reads IA full texts (ABBYY's output), not tesseract's. The differences that
matter are reproduced: the IA header lines, pages separated by runs of blank lines (3 most
often), one blank line at most inside a page, a space at the end of every non-blank line, and
``¬`` for a soft hyphen at a line end where ABBYY recognised it (here: where the compositor
hyphenated a word; a few are left as ``-``, as ABBYY leaves some), while a word's own hyphen
stays ``-``.
"""

from __future__ import annotations

import random

from rapidfuzz import fuzz

from .pages import Page

SOFT = "¬"


def page_lines(ocr: str) -> list[str]:
    """Tesseract's lines, right-stripped, with runs of blank lines cut to one and none at the ends."""
    out: list[str] = []
    for line in ocr.replace("\f", "").split("\n"):
        line = line.rstrip()
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return out


def printed_lines(page: Page) -> list:
    return page.furniture + page.lines + page.footnotes


def mark_soft_hyphens(lines: list[str], page: Page, rng: random.Random, keep_rate: float) -> list[str]:
    """Replace a line-end ``-`` by ``¬`` where the printed line ends in a compositor's hyphen."""
    printed = [(line.text(page.markers), line) for line in printed_lines(page)]
    out = []
    for line in lines:
        if line.endswith("-") and not line.endswith(" -") and len(line) > 2:
            best = max(printed, key=lambda p: fuzz.ratio(p[0], line), default=None)
            if best and best[1].soft and fuzz.ratio(best[0], line) > 60 and rng.random() >= keep_rate:
                line = line[:-1] + SOFT
        out.append(line)
    return out


def assemble(title: str, pages: list[list[str]], rng: random.Random) -> tuple[str, list[tuple[int, int]]]:
    """The full text and, per page, its first and last line numbers (1-based; (0, 0) if empty)."""
    lines = [f'Full text of "{title}"', "", "See other formats", ""]
    if rng.random() < 0.5:
        lines = ["Skip to main content", "", *lines]
    spans = []
    for k, page in enumerate(pages):
        gap = rng.choices((2, 3, 4, 5), weights=(3, 5, 2, 1))[0]
        lines += [""] * gap
        if page:
            first = len(lines) + 1
            lines += [line + " " if line else "" for line in page]
            spans.append((first, len(lines)))
        else:
            spans.append((0, 0))
    return "\n".join(lines) + "\n", spans


def find_line(text_lines: list[str], span: tuple[int, int], wanted: str, threshold: int = 60) -> int | None:
    """The 1-based number of the line in ``span`` that best matches ``wanted`` (None if none does)."""
    first, last = span
    if not first:
        return None
    best, score = None, threshold
    for n in range(first, last + 1):
        line = text_lines[n - 1].strip()
        if not line:
            continue
        s = fuzz.ratio(line, wanted)
        if s > score:
            best, score = n, s
    return best
