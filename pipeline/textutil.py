"""Small text helpers every stage uses, each in one place: white space as a reader sees it,
and the order notes are kept in. (A copy in each module drifted: one stripped, one did not,
one took ``None``.)"""

from __future__ import annotations

import regex

#: any run of white space, non-breaking spaces included (page copies pad with them)
WHITE_RUN = regex.compile(r"\s+")


def squash(text: str | None) -> str:
    """Each run of white space as one space, none at the edges: text as a reader compares it
    (a title across two lines, a value with a trailing newline). ``None`` reads as empty, for
    a field the source does not give.

    >>> squash("  the\\n  woTkers\\u00a0of Britain \\n"), squash(None)
    ('the woTkers of Britain', '')
    """
    return WHITE_RUN.sub(" ", text or "").strip()


def squash_runs(text: str) -> str:
    """Each run of white space as one space, kept at the edges: a quote's context must still
    show where a word ends.

    >>> squash_runs("the\\n woTkers "), squash_runs("  ")
    ('the woTkers ', ' ')
    """
    return WHITE_RUN.sub(" ", text)


def note_order(note) -> tuple:
    """The order a document keeps its notes in: unnumbered notes (an editor's, a translator's)
    first in text order, then numbered notes by number, so note 10 follows note 9.

    >>> from types import SimpleNamespace as N
    >>> [n.n for n in sorted([N(n="10", start=5), N(n="9", start=9), N(n="*", start=50)], key=note_order)]
    ['*', '9', '10']
    """
    return (0, 0, note.start) if not note.n.isdigit() else (1, int(note.n), note.start)
