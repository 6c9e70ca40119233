"""A rebuild that does again only what a decision changed.

A decision changes little: an accept adds the editor to one change's ``resp``; a title
or date decision changes one document's header. A build of the book runs every step,
about 8 s, of which the repair (3.3 s) and the segmentation (1.5 s) do again what the
last build did, and the encoding, validation and accounting of 64 of its 65 documents
give what they gave. ``Reuse`` holds, for one raw file, what each step of its last build
returned, and hands ``build_file`` (``stages=``) steps that return it when they are given
the same inputs again; the build's output is then the same bytes as a build from scratch
(``tests/test_review_rebuild.py`` compares them after each kind of decision).

Each step is a pure function of its arguments, so returning what it returned for equal
arguments is safe. The one step not asked with equal arguments is the segmentation after
an accept: the changes then differ in who stands behind them (``resp``, ``revision``) and
in nothing else. The segmenter never reads those two fields (it places changes, it does
not judge them: ``settled_free`` is what it reads of a change), and the few change records
it makes itself (a note's number read from the sequence, a page's header field) are new
records, never copies of those it was given. So its documents are those of the last
segmentation, holding the new change records where they held the old ones (``rebind``).

Lifetime: a ``Reuse`` lives as long as review mode's ``Workspace`` holds it (one per raw
file); after each build it keeps only what that build used (``Remembered.sweep``).
"""

from __future__ import annotations

import contextlib
from collections import Counter
from dataclasses import replace

from pipeline.build import Stages, plain_stages


def settled_free(change) -> tuple:
    """What the segmenter reads of a change: all of it but who settled it."""
    return (change.rule, change.start, change.end, change.before, change.after, change.confidence, change.kind,
            change.decision)


class Remembered:
    """What a step returned, by key, for the builds since ``sweep``: only what the last
    build used is kept (a decision changes little, so that is nearly all of it)."""

    def __init__(self):
        self.entries: dict = {}
        self.used: set = set()

    def get(self, key):
        found = self.entries.get(key)
        if found is not None:
            self.used.add(key)
        return found

    def put(self, key, value) -> None:
        self.entries[key] = value
        self.used.add(key)

    def sweep(self) -> None:
        self.entries = {key: value for key, value in self.entries.items() if key in self.used}
        self.used = set()


class Reuse:
    """The steps of one raw file's build, remembering their last results (see above)."""

    def __init__(self):
        self.plain = plain_stages()
        self.memo = {name: Remembered() for name in self.plain}
        self.hits: dict[str, int] = {}

    @contextlib.contextmanager
    def building(self):
        """The steps for one build (``build_file(raw, stages=…)``); afterwards only what
        that build used is remembered."""
        self.hits = {}
        try:
            yield Stages(decode=self.decode, repair=self.repair, segment=self.segment, encode=self.encode,
                         serialise=self.serialise, reading_text=self.reading_text, fingerprint=self.fingerprint,
                         validate=self.validate, source_characters=self.source_characters, visible=self.visible)
        finally:
            for memo in self.memo.values():
                memo.sweep()

    @property
    def ready(self) -> bool:
        """Whether a build went through these steps (the next one can reuse it)."""
        return bool(self.memo["repair"].entries)

    def hit(self, step: str) -> None:
        self.hits[step] = self.hits.get(step, 0) + 1

    def remembered(self, step: str, key, make):
        """The step's result for ``key``: remembered, else made (and remembered)."""
        memo = self.memo[step]
        found = memo.get(key)
        if found is not None:
            self.hit(step)
            return found[1]
        value = make()
        memo.put(key, (key, value))
        return value

    def by_object(self, step: str, obj, make):
        """The same, for a step given an lxml element: by the element itself (the same
        element again when the encoding was reused), kept alive so its id is not reused."""
        memo = self.memo[step]
        found = memo.get(id(obj))
        if found is not None and found[0] is obj:
            self.hit(step)
            return found[1]
        value = make()
        memo.put(id(obj), (obj, value))
        return value

    # --- the steps ---------------------------------------------------------------------
    def decode(self, path, data):
        return self.remembered("decode", (path, data), lambda: self.plain["decode"](path, data))

    def repair(self, source, context):
        return self.remembered("repair", source, lambda: self.plain["repair"](source, context=context))

    def segment(self, source, changes, page_hints=()):
        plain = tuple(settled_free(c) for c in changes)
        memo = self.memo["segment"]
        last = memo.get("last")
        if last is not None:
            (old_source, old_plain, old_hints), (documents, old_changes) = last
            if old_source == source and old_plain == plain and old_hints == page_hints:
                self.hit("segment")
                return rebind(documents, old_changes, changes)
        documents = self.plain["segment"](source, changes, page_hints)
        memo.put("last", ((source, plain, page_hints), (documents, tuple(changes))))
        return documents

    def encode(self, doc, ident, edition):
        memo = self.memo["encode"]
        found = memo.get(ident)
        if found is not None and found[0] == (doc, edition):
            self.hit("encode")
            return found[1]
        element = self.plain["encode"](doc, ident, edition)
        memo.put(ident, ((doc, edition), element))
        return element

    def serialise(self, element):
        return self.by_object("serialise", element, lambda: self.plain["serialise"](element))

    def reading_text(self, element):
        return self.by_object("reading_text", element, lambda: self.plain["reading_text"](element))

    def fingerprint(self, text):
        return self.remembered("fingerprint", text, lambda: self.plain["fingerprint"](text))

    def validate(self, xml, ident):
        return list(self.remembered("validate", (xml, ident), lambda: self.plain["validate"](xml, ident)))

    def source_characters(self, element):
        return self.by_object("source_characters", element, lambda: self.plain["source_characters"](element))

    def visible(self, text):
        return Counter(self.remembered("visible", text, lambda: self.plain["visible"](text)))


def rebind(documents, old_changes, changes):
    """The documents of the last segmentation, holding the new change records where they
    held the old ones they were given (the two lists are equal but for who settled each
    change, place by place); the records the segmenter made itself are kept."""
    new = {id(old): change for old, change in zip(old_changes, changes)}
    fresh = []
    for doc in documents:
        held = tuple(new.get(id(c), c) for c in doc.changes)
        fresh.append(doc if all(a is b for a, b in zip(held, doc.changes)) else replace(doc, changes=held))
    return tuple(fresh)
