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

from functools import cached_property

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


def context_of(source: Source, context: SourceContext | None) -> SourceContext:
    """The context a stage was given, or a new one for a stage called on its own (a test,
    a bench): the state is then that call's."""
    return context if context is not None else SourceContext(source)
