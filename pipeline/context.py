"""One source's working state, made once and passed down, never kept behind a module.

Several stages read the same costly things of one source: its lexicon (the book's own
word counts beside general English), the OCR word model built on it (the learned
confusion channel and the index of words one edit away), and the anchoring text the
editors' quotes are found in. ``SourceContext`` makes each the first time it is asked
and holds it; ``build_file`` makes one context per build and hands it to the stages that
need it, so the state lives exactly as long as the build of its source, and no code has
to know a list of caches to empty them.

>>> from pipeline.model import Source
>>> context = SourceContext(Source("b", "b.txt", "the workers and the workers", "ia-ocr", "", ""))
>>> context.lexicon.in_book("workers"), context.anchor_text.text
(2, 'the workers and the workers')
"""

from __future__ import annotations

import bisect
from functools import cached_property

import regex

from pipeline.model import Source


class SourceContext:
    """The lexicon, word model and anchoring text of one source, each made when first
    asked (a web page never needs a word model)."""

    def __init__(self, source: Source):
        self.source = source

    @cached_property
    def lexicon(self):
        from pipeline.repair.lexicon import Lexicon
        return Lexicon(self.source.text)

    @cached_property
    def word_model(self):
        from pipeline.repair.ocr import WordModel
        return WordModel(self.lexicon)

    @cached_property
    def anchor_text(self):
        from pipeline.editorial.anchors import anchoring_text
        return anchoring_text(self.source.text)

    @cached_property
    def line_starts(self) -> list[int]:
        """Where each line of the source begins: made once, so a line number is a binary
        search, not a count of every line break before it (quadratic over a long
        source's flags)."""
        return [0] + [m.end() for m in regex.finditer("\n", self.source.text)]

    def line_number(self, offset: int) -> int:
        """The line (from 1) a raw offset stands on, as ``text.count("\\n", 0, offset) + 1``.

        >>> SourceContext(Source("b", "b.txt", "one\\ntwo\\n", "ia-ocr", "", "")).line_number(4)
        2
        """
        return bisect.bisect_right(self.line_starts, offset)


def context_of(source: Source, context: SourceContext | None) -> SourceContext:
    """The context a stage was given, or a new one for a stage called on its own (a test,
    a bench): the state is then that call's."""
    return context if context is not None else SourceContext(source)
