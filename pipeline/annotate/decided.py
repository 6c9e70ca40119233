"""The editors' decisions on names (kind ``name``), settled once the names are tagged.

A name decision quotes a mention in the raw text and says which register entry it names
(``ref`` = the entry's key) or that it names none (``ref = "none"``); ``expect`` is what the
annotator gave when the editor decided (the key, or "none"). It applies here, in the annotate
stage, because only once the names are tagged can the build tell whether the editor's value is
the annotator's own (moot), whether the annotator now reads otherwise than the editor saw
(conflict), or what it changes (applied: a tag added, set to another entry, or taken away).

An applied decision is a revision of its document (``revisionDesc/change``) and a name it sets
carries the editor (``@resp``) and the decision (``@change``), as every editor's change does.
"""

from __future__ import annotations

from dataclasses import replace

from pipeline.annotate import NameTag, splits_a_record
from pipeline.editorial.apply import (CHANGED, NAME_KINDS, Outcome, Status, doc_at, moved_detail, placed_status,
                                      revision_of, short, with_revision)

#: the value of ``ref`` (and ``expect``) that says a quoted mention names no entry
NO_ENTRY = "none"
#: the rule and certainty of a name an editor tagged: a person decided it
EDITOR_RULE = "editor"
EDITOR_CONFIDENCE = 1.0


def apply_name_decisions(documents, placed, editorial, register, text: str):
    """Each placed ``name`` decision settled on the tagged documents; returns the documents
    and the decisions' outcomes (in the order placed)."""
    documents, outcomes = list(documents), []
    for decision, resolution in placed:
        if decision.kind not in NAME_KINDS or not resolution.placed:
            continue
        doc = doc_at(documents, resolution.start)
        if doc is None:
            outcomes.append(Outcome(decision, Status.ORPHAN, "the quote is outside every document"))
            continue
        new_doc, status, detail, words = settle(doc, decision, resolution, register)
        if status in CHANGED:
            new_doc = with_revision(new_doc, revision_of(decision, editorial, words))
            detail = moved_detail(resolution, detail)
        documents = [new_doc if d is doc else d for d in documents]
        outcomes.append(Outcome(decision, status, detail, doc.ident))
    return tuple(documents), outcomes


def current_tag(doc, start: int, end: int) -> NameTag | None:
    """The mention tagged at the quoted words (the one that overlaps them most)."""
    hits = [t for t in doc.names if t.role == "mention" and t.start < end and start < t.end]
    return max(hits, key=lambda t: (min(t.end, end) - max(t.start, start), -t.start), default=None)


def settle(doc, decision, resolution, register):
    """(document, status, detail, words) of one name decision on the document holding it."""
    start, end = resolution.start, resolution.end
    wanted = str(decision.get("ref")).strip()
    tag = current_tag(doc, start, end)
    current = tag.key if tag is not None else NO_ENTRY
    if wanted == current:
        return doc, Status.MOOT, "the annotator now gives this itself", ""
    if decision.expect is not None and decision.expect.strip() != current:
        return doc, Status.CONFLICT, f"the annotator now gives “{current}”, not “{decision.expect}”", ""
    if wanted == NO_ENTRY:
        names = tuple(t for t in doc.names if t is not tag)
        return replace(doc, names=names), placed_status(resolution), "", \
            f"“{short(decision.quote.exact)}” names no entry of the register (was {tag.key})"
    entry = register.entry(wanted) if register is not None else None
    if entry is None:
        return doc, Status.CONFLICT, f"the register has no entry “{wanted}”: use one of its keys " \
                                     f"(editorial/register.toml) or \"{NO_ENTRY}\"", ""
    others = [(c.start, c.end) for c in doc.changes if c.end > c.start] + [(c.start, c.end) for c in doc.calls]
    if splits_a_record(start, end, others):
        return doc, Status.CONFLICT, "the quote cuts a correction or a call in two; quote the whole of it", ""
    new = NameTag(EDITOR_RULE, start, end, entry.key, entry.type, EDITOR_CONFIDENCE, who=decision.who,
                  revision=decision.key)
    kept = tuple(t for t in doc.names if t.role != "mention" or not (t.start < end and start < t.end))
    names = tuple(sorted(kept + (new,), key=lambda t: (t.role == "mention", t.start, t.end)))
    return replace(doc, names=names), placed_status(resolution), "", \
        f"“{short(decision.quote.exact)}” names {entry.name} ({entry.key})"
