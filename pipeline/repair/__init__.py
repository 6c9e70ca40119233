"""Stage 2: repair the text, recording every change.

Each repair is a small named function ``(source, done, context) -> list[Change]`` in an
ordered registry (``REPAIRS``; ``done``: the changes of the repairs before it, ``context``:
the source's lexicon and word model, ``pipeline.context``); ``RepairConfig`` has one switch per repair, named like it.
Repairs never edit the text: they return ``Change`` records (rule, raw offsets,
before, after, confidence), and the TEI is built from those records. A later
repair never touches characters an earlier one already changed.

``apply_changes`` replays a list of changes on the raw text and gives the
repaired reading text; replaying the same list always gives the same text.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cached_property

from pipeline.context import SourceContext
from pipeline.model import Change, Source
from pipeline.repair import citations, furniture, hyphens, marks, ocr
from pipeline.repair.spans import Occupancy


@dataclass(frozen=True)
class RepairConfig:
    """One switch per repair in ``REPAIRS``."""

    remove_site_chrome: bool = True
    remove_site_navigation: bool = True
    remove_page_furniture: bool = True
    fix_text_encoding: bool = True
    remove_stray_markup: bool = True
    fix_split_words: bool = True
    decide_line_end_hyphens: bool = True
    fix_citation_terms: bool = True
    fix_ocr_words: bool = True


#: the repairs in the order they run; the name is the config switch
REPAIRS = (
    ("remove_site_chrome", furniture.remove_site_chrome),
    ("remove_site_navigation", furniture.remove_site_navigation),
    ("remove_page_furniture", furniture.remove_page_furniture),
    ("fix_text_encoding", marks.fix_text_encoding),
    ("remove_stray_markup", marks.remove_stray_markup),
    ("fix_split_words", ocr.fix_split_words),
    ("decide_line_end_hyphens", hyphens.decide_line_end_hyphens),
    ("fix_citation_terms", citations.fix_citation_terms),
    ("fix_ocr_words", ocr.fix_ocr_words),
)


def run_repair(source: Source, config: RepairConfig = RepairConfig(),
               context: SourceContext | None = None) -> tuple[Change, ...]:
    """Run every enabled repair on ``source`` and return the changes, by offset."""
    context = context or SourceContext(source)
    accepted: list[Change] = []
    for name, repair in REPAIRS:
        if not getattr(config, name):
            continue
        taken = Occupancy(accepted)
        accepted.extend(change for change in repair(source, tuple(accepted), context) if taken.is_free(change))
    return tuple(sorted(accepted, key=lambda c: (c.start, c.end)))


def apply_changes(text: str, changes) -> str:
    """Replay ``changes`` on ``text``: the repaired text.

    >>> apply_changes("the woTkers", [Change("ocr", 4, 11, "woTkers", "workers", 0.95)])
    'the workers'
    """
    out, pos = [], 0
    for change in sorted((c for c in changes if c.kind != "flag"), key=lambda c: c.start):
        out.append(text[pos:change.start])
        out.append(change.after)
        pos = change.end
    out.append(text[pos:])
    return "".join(out)


class Changes(tuple):
    """A source's changes in raw order (by start, then end), as every stage after the
    editors' decisions holds them, with the list of their starts made when first searched:
    the changes inside a span are then a binary search away, where filtering all of them
    for every span (a book's documents, entries and lines) grew with the square of a
    source's length. A tuple in every other way.

    >>> c = Changes.in_raw_order([Change("b", 9, 12, "x", "y", 1.0), Change("a", 0, 3, "x", "y", 1.0)])
    >>> [change.rule for change in c], [change.rule for change in c.inside(0, 10)]
    (['a', 'b'], ['a'])
    """

    @classmethod
    def in_raw_order(cls, changes) -> "Changes":
        return changes if isinstance(changes, cls) else cls(sorted(changes, key=lambda c: (c.start, c.end)))

    @cached_property
    def starts(self) -> list[int]:
        return [change.start for change in self]

    def positions_inside(self, start: int, end: int) -> list[int]:
        """The positions (in this order) of the changes wholly inside ``[start, end)``."""
        lo, hi = bisect.bisect_left(self.starts, start), bisect.bisect_right(self.starts, end)
        return [k for k in range(lo, hi) if self[k].end <= end]

    def inside(self, start: int, end: int) -> list[Change]:
        """The changes wholly inside ``[start, end)``, in raw order."""
        return [self[k] for k in self.positions_inside(start, end)]


def changes_inside(changes, start: int, end: int) -> list[Change]:
    """The changes wholly inside ``[start, end)``, in their order: searched in a
    ``Changes``, filtered from any other sequence."""
    if isinstance(changes, Changes):
        return changes.inside(start, end)
    return [c for c in changes if start <= c.start and c.end <= end]


def repaired_slice(text: str, changes, start: int, end: int) -> str:
    """The repaired reading of ``text[start:end]`` (changes wholly inside it applied)."""
    inside = changes_inside(changes, start, end)
    shifted = [Change(c.rule, c.start - start, c.end - start, c.before, c.after, c.confidence, c.kind)
               for c in inside]
    return apply_changes(text[start:end], shifted)
