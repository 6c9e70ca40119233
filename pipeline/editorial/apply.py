"""Apply editors' decisions to the pipeline's records, and say what became of each.

Every decision resolves to one status (``STATUSES``). Only an exact, unique anchor is
applied; ``applied`` and ``moved`` change the edition, ``moot`` means the pipeline now
does it itself, and ``conflict``, ``ambiguous`` and ``orphan`` are stale decisions that
fail ``make``, each named by its file and line.

An applied decision is one more record in the flow, not a second path for the encoders:
a correction is a ``Change`` whose ``resp`` names the editor, a rejected change is a
``Change`` of kind ``rejected``, a link is a ``NoteCall``, an editor's note a ``Note``, a
title or date a ``Meta`` field with its ``decided`` entry, and each is listed as a
``Revision`` of its document (TEI ``revisionDesc``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

import regex

from pipeline.editorial.anchors import Resolution, resolve
from pipeline.editorial.decisions import Decision, Editorial
from pipeline.editorial import structure
from pipeline.model import Change, DateValue, Document, NoteCall, Note, PageBreak, Revision, Source
from pipeline.repair import repaired_slice
from pipeline.textutil import note_order, squash

class Status(StrEnum):
    """What became of a decision in a build (a ``str``: the report and the TOML say it as is)."""

    APPLIED = "applied"      # it changed the edition
    MOVED = "moved"          # it changed the edition; its anchor was found elsewhere than its hint
    MOOT = "moot"            # the pipeline now gives it itself
    CONFLICT = "conflict"    # the pipeline no longer gives what the editor saw (expect)
    AMBIGUOUS = "ambiguous"  # its quote stands more than once, with the same context
    ORPHAN = "orphan"        # its quote is nowhere in the source


STATUSES = tuple(Status)
#: the decision changed the edition
CHANGED = frozenset({Status.APPLIED, Status.MOVED})
#: stale decisions: each fails the build, named by its file and line
STALE = frozenset({Status.CONFLICT, Status.AMBIGUOUS, Status.ORPHAN})
CHANGE_KINDS = {"accept", "reject", "correct"}
META_FIELDS = {"title": "title", "kind": "doc_type", "place": "place", "sender": "sender",
               "addressee": "addressee"}
STRUCTURE_KINDS = {"boundary", "split", "merge"}
#: decisions on the names in the text: settled once the names are tagged (``pipeline.annotate.decided``)
NAME_KINDS = {"name"}


@dataclass(frozen=True)
class Outcome:
    """What became of one decision in this build."""

    decision: Decision
    status: str
    detail: str = ""
    document: str = ""  # the id of the document it touched

    def line(self) -> str:
        """One line for the terminal: ``file:line: status: …``."""
        where = f" in {self.document}" if self.document else ""
        return f"{self.decision.origin}: {self.status}: {self.decision.kind} “{short(self.decision.quote.exact)}”" \
               f"{where}{': ' + self.detail if self.detail else ''}"


def short(text: str, size: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[:size - 1] + "…"


def place_decisions(editorial: Editorial, anchor_text) -> list[tuple[Decision, Resolution]]:
    """Resolve the anchor of every decision in the source's anchoring text."""
    return [(decision, resolve(decision.quote, anchor_text)) for decision in editorial.decisions]


def unplaced_outcomes(placed) -> list[Outcome]:
    return [Outcome(d, r.status, r.detail) for d, r in placed if not r.placed]


def placed_status(resolution: Resolution) -> str:
    return "moved" if resolution.status == "moved" else "applied"


def moved_detail(resolution: Resolution, detail: str = "") -> str:
    return "; ".join(part for part in (resolution.detail if resolution.status == "moved" else "", detail) if part)


# ------------------------------------------------------------------ changes (before segmentation)


def apply_change_decisions(source: Source, changes, placed) -> tuple[tuple[Change, ...], list[Outcome]]:
    """Accept, reject or correct the pipeline's changes, before the text is segmented
    (a rejected removal puts its line back into the text the segmenter reads)."""
    changes, outcomes = list(changes), []
    for decision, resolution in placed:
        if decision.kind not in CHANGE_KINDS or not resolution.placed:
            continue
        handler = {"accept": accept, "reject": reject, "correct": correct}[decision.kind]
        changes, status, detail = handler(source.text, changes, decision, resolution)
        outcomes.append(Outcome(decision, status, moved_detail(resolution, detail) if status in CHANGED
                                else detail))
    return tuple(sorted(changes, key=lambda c: (c.start, c.end))), outcomes


def changes_inside(changes, start: int, end: int) -> list[Change]:
    return [c for c in changes if start <= c.start and c.end <= end and c.kind != "flag"]


def cut_by(changes, start: int, end: int) -> list[Change]:
    """Changes the quote cuts through (partly inside it)."""
    return [c for c in changes if c.kind != "flag" and c.start < end and c.end > start
            and not (start <= c.start and c.end <= end)]


def reading(text: str, changes, start: int, end: int) -> str:
    return " ".join(repaired_slice(text, changes, start, end).split())


def editor_resp(decision: Decision) -> str:
    return f"editor:{decision.who}"


def accept(text, changes, decision, resolution):
    start, end = resolution.start, resolution.end
    inside = changes_inside(changes, start, end)
    if not inside:
        return changes, "conflict", "the pipeline no longer changes this text; decide it again"
    current = reading(text, changes, start, end)
    if current != squash(decision.expect):
        return changes, "conflict", f"the pipeline now reads “{current}”, not “{decision.expect}”"
    accepted = {id(c) for c in undecided(inside)}
    changes = [replace(c, resp=c.resp + (editor_resp(decision),), revision=decision.key) if id(c) in accepted else c
               for c in changes]
    return changes, placed_status(resolution), ""


def undecided(inside: list[Change]) -> list[Change]:
    """The changes of a quote that no earlier decision settled (all of them when each one
    was): a word whose parts an editor decided one by one (a line-end hyphen, then an OCR
    repair in the same word) keeps each part's decision, and so each decision its place."""
    return [c for c in inside if not c.revision] or inside


def reject(text, changes, decision, resolution):
    start, end = resolution.start, resolution.end
    inside = changes_inside(changes, start, end)
    current = reading(text, changes, start, end)
    if not inside or current == " ".join(text[start:end].split()):
        return changes, "moot", "the pipeline no longer changes this text"
    if current != squash(decision.expect):
        return changes, "conflict", f"the pipeline now reads “{current}”, not “{decision.expect}”"
    vetoed = {id(c) for c in undecided(inside)}
    return [vetoed_change(c, decision) if id(c) in vetoed else c for c in changes], placed_status(resolution), ""


def vetoed_change(change: Change, decision: Decision) -> Change:
    """A rejected change keeps the source's reading. A line-end hyphen's source reading is
    the printed hyphen: rejecting a join keeps it, rejecting a kept hyphen joins."""
    resp = (editor_resp(decision),)
    if change.kind == "hyphen":
        flipped = "no" if change.decision == "keep" else "keep"
        return replace(change, rule=f"line-end-hyphen:{flipped}", decision=flipped,
                       after="-" if flipped == "keep" else "", confidence=1.0, resp=resp, revision=decision.key)
    return replace(change, kind="rejected", resp=resp, revision=decision.key)


def correct(text, changes, decision, resolution):
    start, end = resolution.start, resolution.end
    if cut_by(changes, start, end):
        return changes, "conflict", "the quote cuts through a change of the pipeline; quote the whole word"
    current = reading(text, changes, start, end)
    value = str(decision.get("value"))
    if current == squash(value):
        return changes, "moot", "the pipeline now gives this reading itself"
    if current != squash(decision.expect):
        return changes, "conflict", f"the pipeline now reads “{current}”, not “{decision.expect}”"
    inside = {id(c) for c in changes_inside(changes, start, end)}
    kept = [c for c in changes if id(c) not in inside and not (c.kind == "flag" and start <= c.start < end)]
    kept.append(Change(rule="editor-correction", start=start, end=end, before=text[start:end], after=value,
                       confidence=1.0, resp=(editor_resp(decision),), revision=decision.key))
    return kept, placed_status(resolution), ""


# ------------------------------------------------------------------ hints for the segmenter


def page_hints(placed) -> list[tuple[int, int, Decision]]:
    """Page decisions: (raw offset of the line's first words, printed page, decision)."""
    return [(r.start, int(d.get("page")), d) for d, r in placed if d.kind == "page" and r.placed]


def pages_for_unpaged(documents, placed):
    """A page copy has no printed page numbers of its own; an editor's page decision on it
    (the printed page a passage of the copy stands on, e.g. from the volume it transcribes)
    puts a page break of that number where the quote begins. A source with printed
    numbering is left to its numbering, which takes the decisions as anchors."""
    if any(p.n for d in documents for p in d.pages):
        return documents
    breaks = {}
    for decision, resolution in placed:
        doc = doc_at(documents, resolution.start) if decision.kind == "page" and resolution.placed else None
        if doc is not None:
            breaks.setdefault(doc.ident, []).append(PageBreak(resolution.start, str(int(decision.get("page"))),
                                                              inferred=False))
    return tuple(replace(d, pages=tuple(sorted(d.pages + tuple(breaks[d.ident]), key=lambda p: p.start)))
                 if d.ident in breaks else d for d in documents)


def page_outcomes(placed, documents, page_at) -> list[Outcome]:
    """A page decision is applied when the numbering puts its line on its page."""
    outcomes = []
    for decision, resolution in placed:
        if decision.kind != "page" or not resolution.placed:
            continue
        got = page_at(resolution.start)
        doc = doc_at(documents, resolution.start)
        if got == int(decision.get("page")):
            outcomes.append(Outcome(decision, placed_status(resolution), moved_detail(resolution),
                                    doc.ident if doc else ""))
        else:
            outcomes.append(Outcome(decision, "conflict", f"another page decision or the text puts this line on "
                                                          f"page {got}", doc.ident if doc else ""))
    return outcomes


# ------------------------------------------------------------------ documents (after segmentation)


def doc_at(documents, offset: int) -> Document | None:
    """The document whose text, or one of whose notes, holds raw ``offset``."""
    for doc in documents:
        if doc.start <= offset < doc.end or any(n.start <= offset < n.end for n in doc.notes if n.end > n.start):
            return doc
    return None


def revision_of(decision: Decision, editorial: Editorial, text: str) -> Revision:
    return Revision(key=decision.key, who=decision.who, when=decision.when, kind=decision.kind, text=text,
                    origin=decision.origin, who_name=editorial.editor(decision.who).name)


def with_revision(doc: Document, revision: Revision) -> Document:
    return replace(doc, revisions=doc.revisions + (revision,))


def apply_document_decisions(documents, placed, editorial: Editorial, text: str):
    """Metadata, structure, links, checks and notes, on segmented documents; returns the
    documents and the outcomes."""
    documents, outcomes = list(documents), []
    order = sorted(((d, r) for d, r in placed if r.placed and d.kind in STRUCTURE_KINDS),
                   key=lambda item: item[1].start)
    for decision, resolution in order:  # structure first: the rest then finds its final document
        documents, outcome = structure.apply(documents, decision, resolution, text)
        detail = outcome[1]
        if outcome[0] in CHANGED:
            documents = [with_revision(d, revision_of(decision, editorial, outcome[2]))
                         if d.ident == outcome[3] else d for d in documents]
            detail = moved_detail(resolution, detail)  # where a moved anchor was found, as for the others
        outcomes.append(Outcome(decision, outcome[0], detail, outcome[3]))
    for decision, resolution in placed:
        if not resolution.placed or decision.kind in STRUCTURE_KINDS | CHANGE_KINDS | NAME_KINDS | {"page"}:
            continue
        doc = doc_at(documents, resolution.start)
        if doc is None:
            outcomes.append(Outcome(decision, "orphan", "the quote is outside every document"))
            continue
        if decision.kind == "link":
            documents, doc = bring_note(documents, doc, str(decision.get("note")))
        handler = DOCUMENT_HANDLERS[decision.kind]
        new_doc, status, detail, words = handler(doc, decision, resolution, text)
        if status in CHANGED | {Status.MOOT}:
            new_doc = close_flags(new_doc, decision.kind)  # a moot decision's value stands too
        if status in CHANGED:
            new_doc = with_revision(new_doc, revision_of(decision, editorial, words))
            detail = moved_detail(resolution, detail)
        documents = [new_doc if d is doc else d for d in documents]
        outcomes.append(Outcome(decision, status, detail, doc.ident))
    return tuple(documents), outcomes


#: the flags about a whole document that a decision of each kind settles
DOCUMENT_FLAGS = {"title": {"title-supplied"}, "date": {"date-missing", "date-publication-bound"},
                  "kind": {"unknown-kind"}}


def close_flags(doc: Document, kind: str) -> Document:
    """A decision on what a flag asks (a title, a date, a kind) settles that flag."""
    settled = DOCUMENT_FLAGS.get(kind, set())
    if not settled:
        return doc
    return replace(doc, flags=tuple(f for f in doc.flags if f.kind not in settled))


def close_page_flags(documents, placed, text: str):
    """An applied page decision settles the page conflicts reported on its line."""
    lines = []
    for decision, resolution in placed:
        if decision.kind == "page" and resolution.placed:
            lines.append((text.rfind("\n", 0, resolution.start) + 1, text.find("\n", resolution.start)))
    return tuple(replace(d, flags=tuple(f for f in d.flags if not (f.kind == "page-conflict" and any(
        a <= f.start <= b for a, b in lines)))) for d in documents)


def changes_revisions(documents, change_outcomes, editorial: Editorial, source_text: str):
    """Accepted, rejected and corrected readings are revisions of the documents that hold them."""
    by_key = {o.decision.key: o for o in change_outcomes if o.status in CHANGED}
    documents, outcomes = list(documents), []
    for outcome in change_outcomes:
        if outcome.decision.key not in by_key:
            outcomes.append(outcome)
            continue
        decision = outcome.decision
        doc = next((d for d in documents if any(c.revision == decision.key for c in d.changes)), None)
        if doc is None:
            outcomes.append(Outcome(decision, "orphan", "the changed text is in no document (removed furniture?)"))
            continue
        change = next(c for c in doc.changes if c.revision == decision.key)
        words = {"accept": f"accepted the pipeline’s reading “{change.after}” for “{change.before}” ({change.rule})",
                 "reject": f"rejected the pipeline’s reading “{decision.expect}” for “{change.before}”: "
                           "the source’s reading stands",
                 "correct": f"corrected “{change.before}” to “{change.after}”"}[decision.kind]
        evidence = decision.get("evidence")
        if evidence:
            words += f" (evidence: {evidence})"
        documents = [with_revision(d, revision_of(decision, editorial, words)) if d is doc else d for d in documents]
        outcomes.append(replace(outcome, document=doc.ident))
    return tuple(documents), outcomes


def bring_note(documents, doc: Document, number: str):
    """A book's endnote goes to the document that holds its call: move it there from the
    document it was kept in when its call was not found."""
    if any(n.n == number and n.type != "editorial" for n in doc.notes):
        return documents, doc
    owner = next((d for d in documents if any(n.n == number and n.type == "endnote" for n in d.notes)), None)
    if owner is None:
        return documents, doc
    note = next(n for n in owner.notes if n.n == number and n.type == "endnote")
    moved_changes = tuple(c for c in owner.changes if note.start <= c.start and c.end <= note.end)
    moved_pages = tuple(p for p in owner.pages if note.start <= p.start < note.end)
    new_owner = replace(owner, notes=tuple(n for n in owner.notes if n is not note),
                        changes=tuple(c for c in owner.changes if c not in moved_changes),
                        pages=tuple(p for p in owner.pages if p not in moved_pages),
                        flags=tuple(f for f in owner.flags if not (note.start <= f.start < note.end)))
    new_doc = replace(doc, notes=tuple(sorted(doc.notes + (note,), key=note_order)),
                      changes=tuple(sorted(doc.changes + moved_changes, key=lambda c: c.start)),
                      pages=tuple(sorted(doc.pages + moved_pages, key=lambda p: p.start)))
    documents = [new_owner if d is owner else new_doc if d is doc else d for d in documents]
    return documents, new_doc


def compare(current: str, decision: Decision, value: str):
    """The status of a metadata decision: moot when the pipeline now gives the value,
    conflict when it no longer gives what the editor saw."""
    if squash(current) == squash(value):
        return "moot", "the pipeline now gives this value itself"
    if decision.expect is not None and squash(current) != shown_as(decision.expect, current):
        return "conflict", f"the pipeline now gives “{current}”, not “{decision.expect}”"
    return None


def shown_as(expect: str, current: str) -> str:
    """What the editor saw, as the pipeline would give it: the site shows a missing sender,
    addressee or place as "unknown", so an editor who copies that means "none"."""
    return "" if not current and squash(expect).lower() == "unknown" else squash(expect)


def set_meta(doc, decision, resolution, text):
    name = META_FIELDS[decision.kind]
    value = str(decision.get("value"))
    current = getattr(doc.meta, name) or ""
    verdict = compare(current, decision, value)
    if verdict:
        return doc, *verdict, ""
    evidence = decision.get("evidence") or ""
    changes = {name: value, "decided": doc.meta.decided + ((decision.kind, decision.key, decision.who, evidence),)}
    if decision.kind == "title":
        changes["title_supplied"] = True
    words = f"{decision.kind} set to “{value}”" + (f" (from {evidence})" if evidence else "")
    return replace(doc, meta=replace(doc.meta, **changes)), placed_status(resolution), "", words


def date_string(date: DateValue | None) -> str:
    """A date as one ISO string: ``1917-11-08``, a range ``1918-03-14/1918-03-16``, a bound
    ``/1920-02-21`` (not after) or ``1919-09-26/`` (not before); empty when there is none.

    >>> date_string(DateValue("", not_after="1920-02-21")), date_string(DateValue("", when="1917-11-08"))
    ('/1920-02-21', '1917-11-08')
    """
    if date is None or date.is_empty():
        return ""
    if date.when:
        return date.when
    return f"{date.not_before}/{date.not_after}"


def set_date(doc, decision, resolution, text):
    wanted = DateValue(text=decision.get("text") or "", when=decision.get("date") or "",
                       not_before=decision.get("not_before") or "", not_after=decision.get("not_after") or "",
                       when_julian=decision.get("julian") or "")
    verdict = compare(date_string(doc.meta.date), decision, date_string(wanted))
    if verdict:
        return doc, *verdict, ""
    if not wanted.text:
        wanted = replace(wanted, text=date_string(wanted))
    evidence = decision.get("evidence") or ""
    meta = replace(doc.meta, date=wanted, decided=doc.meta.decided + (("date", decision.key, decision.who, evidence),))
    words = f"date set to {date_string(wanted)}" + (f" (from {evidence})" if evidence else "")
    return replace(doc, meta=meta), placed_status(resolution), "", words


def check_flag(doc, decision, resolution, text):
    kind = decision.get("flag")
    if kind == "witness-difference":  # raised where the witnesses meet, after every file's build
        return doc, placed_status(resolution), "", f"checked the witnesses' reading at “{short(decision.quote.exact)}”"
    hit = [f for f in doc.flags if f.kind == kind and f.start < max(resolution.end, resolution.start + 1)
           and resolution.start < max(f.end, f.start + 1)]
    if not hit:
        return doc, "moot", f"no “{kind}” flag stands there now", ""
    kept = tuple(f for f in doc.flags if f not in hit)
    return replace(doc, flags=kept), placed_status(resolution), "", f"checked: {hit[0].message}"


def add_note(doc, decision, resolution, text):
    number = sum(1 for n in doc.notes if n.type == "editorial") + 1
    key = f"en{number}"
    note = Note(n=f"e{number}", start=resolution.end, end=resolution.end, label_end=resolution.end, blocks=(),
                type="editorial", key=key, text=str(decision.get("text")), who=decision.who, revision=decision.key)
    call = NoteCall(resolution.end, resolution.end, note.n, key=key, revision=decision.key, lost=True)
    return replace(doc, notes=doc.notes + (note,), calls=doc.calls + (call,)), placed_status(resolution), "", \
        f"added an editor’s note after “{short(decision.quote.exact)}”"


def link_call(doc, decision, resolution, text):
    number = str(decision.get("note"))
    note = next((n for n in doc.notes if n.n == number and n.type != "editorial"), None)
    if note is None:
        return doc, "conflict", f"the document has no note {number}", ""
    quoted = text[resolution.start:resolution.end].strip()
    lost = call_number(quoted) != number
    start, end = (resolution.end, resolution.end) if lost else (resolution.start, resolution.end)
    if any(c.start == start and c.end == end and c.note_key == note.note_key for c in doc.calls):
        return doc, "moot", "the pipeline now links this call itself", ""
    call = NoteCall(start, end, number, key=note.key, revision=decision.key, lost=lost)
    calls = tuple(c for c in doc.calls if c.note_key != note.note_key and not (c.start == start and c.end == end))
    flags = tuple(f for f in doc.flags if not (f.kind in ("note-unlinked", "call-without-note") and f.key == number))
    words = f"linked note {number} to " + ("a call the source lost, after “" + short(decision.quote.exact) + "”"
                                             if lost else f"the call “{quoted}”")
    return replace(doc, calls=tuple(sorted(calls + (call,), key=lambda c: c.start)), flags=flags), \
        placed_status(resolution), "", words


#: the brackets a printed call may stand in: "[2]" on a web page, "(2)", "{2}"
CALL_BRACKETS = regex.compile(r"^[\[({]\s*(.*?)\s*[\])}]$")


def call_number(quoted: str) -> str:
    """The number a quoted call prints: "[2]" and "2" are both the call of note 2.

    >>> call_number("[2]"), call_number("12"), call_number("the 2")
    ('2', '12', 'the 2')
    """
    bracketed = CALL_BRACKETS.match(quoted)
    return bracketed.group(1) if bracketed else quoted


DOCUMENT_HANDLERS = {"title": set_meta, "kind": set_meta, "place": set_meta, "sender": set_meta,
                     "addressee": set_meta, "date": set_date, "check": check_flag, "note": add_note,
                     "link": link_call}
