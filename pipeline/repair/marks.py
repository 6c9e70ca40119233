"""Repairs of characters: encoding damage (ftfy) and stray markup left by converters."""

from __future__ import annotations

import ftfy
import regex

from pipeline.lines import split_lines
from pipeline.model import Change, Source

#: TeX commands left behind by the converters of some web pages ("‘Autonomisation’\\null”")
STRAY_TEX = regex.compile(r"\\(null|relax|ldots|hfill|newline|par|thinspace|,)(?:\{\})?(?![A-Za-z])")


def fix_text_encoding(source: Source, _done=(), _context=None) -> list[Change]:
    """Repair mojibake and similar damage with ftfy, one line at a time.

    Curly quotes are kept (``uncurl_quotes=False``): they are the source's own.
    Each changed line is one change whose rule names ftfy's steps.
    """
    changes = []
    for line in split_lines(source.text):
        if not line.text or line.text.isascii():
            continue
        fixed, steps = ftfy.fix_and_explain(line.text, uncurl_quotes=False, fix_line_breaks=False)
        if fixed != line.text:
            names = ",".join(step.transformation for step in steps)
            changes.append(Change(rule=f"ftfy:{names}", start=line.start, end=line.end,
                                  before=line.text, after=fixed, confidence=0.9))
    return changes


def remove_stray_markup(source: Source, _done=(), _context=None) -> list[Change]:
    """Delete TeX commands such as ``\\null`` that a converter left in the text.

    >>> [c.before for c in remove_stray_markup(_demo("‘Autonomisation’\\\\null”"))]
    ['\\\\null']
    """
    return [Change(rule="stray-tex-command", start=m.start(), end=m.end(), before=m.group(),
                   after="", confidence=0.95, kind="removal") for m in STRAY_TEX.finditer(source.text)]


def _demo(text: str) -> Source:
    return Source(path="demo", name="demo.txt", text=text, kind="mia", sha256="", encoding="utf-8")
