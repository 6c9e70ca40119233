"""Repairs of characters: encoding damage (ftfy) and stray markup left by converters."""

from __future__ import annotations

import difflib

import ftfy
import regex

from pipeline.lines import split_lines
from pipeline.model import Change, Source

#: TeX commands left behind by the converters of some web pages ("‘Autonomisation’\\null”")
STRAY_TEX = regex.compile(r"\\(null|relax|ldots|hfill|newline|par|thinspace|,)(?:\{\})?(?![A-Za-z])")


def fix_text_encoding(source: Source, _done=(), _context=None) -> list[Change]:
    """Repair mojibake and similar damage with ftfy, one line at a time.

    Curly quotes are kept (``uncurl_quotes=False``): they are the source's own. Each
    repaired stretch of a line (``Chicherinâ€™s`` -> ``Chicherin’s``) is one change at
    its own raw offsets, whose rule names ftfy's steps, so that the rest of the line
    (a note call, a header value) is read as the source has it.

    >>> [(c.before, c.after, c.rule) for c in fix_text_encoding(_demo("Chicherinâ€™s note"))]
    [('â€™', '’', 'ftfy:encode-sloppy-windows-1252,decode-utf-8')]
    """
    changes = []
    for line in split_lines(source.text):
        if not line.text or line.text.isascii():
            continue
        fixed, steps = ftfy.fix_and_explain(line.text, uncurl_quotes=False, fix_line_breaks=False)
        if fixed == line.text:
            continue
        rule = "ftfy:" + ",".join(f"{action}-{parameter}" for action, parameter in steps or [("fix", "text")])
        for start, end, after in changed_stretches(line.text, fixed):
            changes.append(Change(rule=rule, start=line.start + start, end=line.start + end,
                                  before=line.text[start:end], after=after, confidence=0.9))
    return changes


#: stretches of a repaired line closer than this are one repair (a word's two damaged letters)
STRETCH_GAP = 2


def changed_stretches(before: str, after: str) -> list[tuple[int, int, str]]:
    """Where ``after`` differs from ``before``: (start, end, replacement) in ``before``'s
    offsets, near stretches joined; an insertion takes the character before it along,
    so that every change covers at least one source character.

    >>> changed_stretches("a â€” b", "a — b")
    [(2, 5, '—')]
    """
    stretches: list[list] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if i1 == i2:  # an insertion: anchor it on a source character
            i1, j1 = (i1 - 1, j1 - 1) if i1 > 0 else (i1, j1)
            i2, j2 = (i1 + 1, j2 + 1) if i1 == i2 else (i2, j2)
        if stretches and i1 - stretches[-1][1] <= STRETCH_GAP:
            stretches[-1][1], stretches[-1][3] = i2, j2
        else:
            stretches.append([i1, i2, j1, j2])
    return [(i1, i2, after[j1:j2]) for i1, i2, j1, j2 in stretches]


def remove_stray_markup(source: Source, _done=(), _context=None) -> list[Change]:
    """Delete TeX commands such as ``\\null`` that a converter left in the text.

    >>> [c.before for c in remove_stray_markup(_demo("‘Autonomisation’\\\\null”"))]
    ['\\\\null']
    """
    return [Change(rule="stray-tex-command", start=m.start(), end=m.end(), before=m.group(),
                   after="", confidence=0.95, kind="removal") for m in STRAY_TEX.finditer(source.text)]


def _demo(text: str) -> Source:
    return Source(path="demo", name="demo.txt", text=text, kind="mia", sha256="", encoding="utf-8")
