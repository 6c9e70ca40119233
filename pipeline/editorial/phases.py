"""The editors' decisions applied in two named phases around segmentation.

``before_segment`` settles the decisions on the pipeline's changes (accept, reject,
correct): a rejected removal puts its line back into the text the segmenter reads, so
they must come first. ``after_segment`` settles the decisions on documents and pages
(metadata, structure, links, notes, checks, page numbers) once the segmenter has made
the documents. Each returns one typed result; together their outcomes say, for every
decision of the file, in the file's order, what became of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.annotate import run_annotate
from pipeline.annotate.decided import apply_name_decisions
from pipeline.editorial.anchors import AnchorText, Resolution
from pipeline.editorial.apply import (CHANGED, Outcome, apply_change_decisions, apply_document_decisions,
                                      changes_revisions, close_page_flags, page_hints, page_outcomes,
                                      pages_for_unpaged, place_decisions, unplaced_outcomes)
from pipeline.editorial.decisions import Decision, Editorial
from pipeline.model import Change, Document, Source


@dataclass(frozen=True)
class ChangePhase:
    """The decisions placed in the source, the changes once the editors settled theirs,
    and what became of those decisions (and of the decisions that could not be placed)."""

    placed: tuple[tuple[Decision, Resolution], ...]
    changes: tuple[Change, ...]
    outcomes: tuple[Outcome, ...]

    @property
    def page_hints(self) -> list:
        """The editors' page decisions, which the segmenter's page numbering takes as anchors."""
        return page_hints(self.placed)


@dataclass(frozen=True)
class DocumentPhase:
    """The documents once the editors' decisions on them applied, every decision's outcome
    in the file's order, and the ids a merge or a moved boundary made disappear."""

    documents: tuple[Document, ...]
    outcomes: tuple[Outcome, ...]
    redirects: tuple[tuple[str, str], ...]


def before_segment(source: Source, changes, editorial: Editorial, anchor_text: AnchorText) -> ChangePhase:
    """Place every decision in the source's anchoring text and settle those on changes."""
    placed = tuple(place_decisions(editorial, anchor_text))
    settled, outcomes = apply_change_decisions(source, changes, placed)
    return ChangePhase(placed, settled, tuple(unplaced_outcomes(placed)) + tuple(outcomes))


def after_segment(documents, phase: ChangePhase, editorial: Editorial, source: Source,
                  register=None) -> DocumentPhase:
    """Settle the decisions on documents and pages; record the change decisions as
    revisions of the documents that hold them; tag the names from the ``register`` (the
    annotate stage) and settle the editors' decisions on names, which need the tags."""
    placed, text = phase.placed, source.text
    starts = {d.ident: d.start for d in documents}
    documents, doc_outcomes = apply_document_decisions(documents, placed, editorial, text)
    documents, change_outcomes = changes_revisions(documents, list(phase.outcomes), editorial, text)
    documents = pages_for_unpaged(documents, placed)
    pages = page_outcomes(placed, documents, page_finder(documents))
    applied_pages = [(o.decision, r) for o in pages for d, r in placed if d is o.decision and o.status in CHANGED]
    documents = close_page_flags(documents, applied_pages, text)
    documents, name_outcomes = apply_name_decisions(run_annotate(documents, register), placed, editorial, register,
                                                    text)
    order = {d.key: k for k, d in enumerate(editorial.decisions)}
    outcomes = sorted(list(change_outcomes) + list(doc_outcomes) + list(pages) + list(name_outcomes),
                      key=lambda o: order[o.decision.key])
    return DocumentPhase(tuple(documents), tuple(outcomes), redirects_of(starts, documents))


def page_finder(documents):
    """The printed page a raw offset stands on, from the documents' page breaks."""
    breaks = sorted({(p.start, p.n) for d in documents for p in d.pages if p.n}
                    | {(d.start, d.first_page) for d in documents if d.first_page})

    def page_at(offset: int):
        page = None
        for start, n in breaks:
            if start > offset:
                break
            page = int(n)
        return page
    return page_at


def redirects_of(starts: dict, documents) -> tuple[tuple[str, str], ...]:
    """Ids an editor's merge or boundary made disappear, and the id that now holds their text."""
    now = {d.ident for d in documents}
    redirects = []
    for ident, start in sorted(starts.items(), key=lambda item: item[1]):
        if ident not in now:
            holder = next((d.ident for d in documents if d.start <= start < d.end), "")
            if holder:
                redirects.append((ident, holder))
    return tuple(redirects)
