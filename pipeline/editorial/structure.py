"""Editors' structure decisions: split a document, merge two, move a boundary.

Every record of a document carries raw offsets, so cutting a document at an offset is
a partition of its records: blocks (one cut in two where the offset falls inside it),
calls, changes, page breaks and flags by position; notes go with their calls. A moved
boundary is a merge of the two documents and a split at the new place, each keeping
its own metadata and id.
"""

from __future__ import annotations

from dataclasses import replace

from pipeline.model import Document, Flag
from pipeline.textutil import note_order

APPLIED = "applied"


def apply(documents, decision, resolution, text: str):
    """Apply one structure decision; returns the documents and
    (status, detail, words, id of the document it made or changed)."""
    handler = {"split": split_decision, "merge": merge_decision, "boundary": boundary_decision}[decision.kind]
    return handler(list(documents), decision, resolution, text)


def status_of(resolution) -> str:
    return "moved" if resolution.status == "moved" else APPLIED


def containing(documents, offset: int):
    return next((d for d in documents if d.part != "front" and d.start <= offset < d.end), None)


# ------------------------------------------------------------------ the three decisions


def split_decision(documents, decision, resolution, text):
    y = first_char(text, resolution.start)
    doc = containing(documents, y)
    if doc is None:
        return documents, ("orphan", "the quote is outside every document", "", "")
    if y <= doc.start:
        return documents, ("moot", "a document already begins there", "", doc.ident)
    title = decision.get("value") or ""
    ident = free_ident(documents, doc.ident)
    first, second = cut(doc, y, text, new_meta(doc, title, decision), ident)
    if title:
        second = replace(second, flags=tuple(f for f in second.flags if f.kind != "title-supplied"))
    documents = replace_one(documents, doc, [first, second])
    return documents, (status_of(resolution), "", f"split {doc.ident}: a new document {ident} begins at "
                                                  f"“{first_words(text, y)}”", ident)


def merge_decision(documents, decision, resolution, text):
    y = first_char(text, resolution.start)
    doc = containing(documents, y)
    index = documents.index(doc) if doc is not None else -1
    if doc is None or index == 0 or documents[index - 1].part == "front":
        return documents, ("conflict", "there is no document before this one to merge it into", "", "")
    before = documents[index - 1]
    if not notes_can_join(before, doc):
        return documents, ("conflict", f"{before.ident} and {doc.ident} have notes with the same numbers", "", "")
    merged = join(before, doc)
    documents = replace_one(documents, before, [merged])
    documents.remove(doc)
    return documents, (status_of(resolution), f"{doc.ident} now redirects to {before.ident}",
                       f"merged {doc.ident} into {before.ident}", before.ident)


def boundary_decision(documents, decision, resolution, text):
    y = first_char(text, resolution.start)
    starts = [d for d in documents if d.part != "front"]
    if decision.expect:
        wanted = " ".join(decision.expect.split())
        candidates = [d for d in starts if first_words(text, d.start, len(wanted)) == wanted]
        if not candidates:
            return documents, ("conflict", f"no document begins with “{decision.expect}” now", "", "")
        doc = candidates[0]
    else:
        doc = min(starts, key=lambda d: abs(d.start - y), default=None)
    if doc is None:
        return documents, ("orphan", "there is no document", "", "")
    if doc.start == y:
        return documents, ("moot", "the document already begins there", "", doc.ident)
    index = documents.index(doc)
    before = documents[index - 1] if index > 0 else None
    if before is None or before.part == "front" or not (before.start < y < doc.end):
        return documents, ("conflict", "the new boundary is not inside this document or the one before", "", "")
    if not notes_can_join(before, doc):
        return documents, ("conflict", f"{before.ident} and {doc.ident} have notes with the same numbers", "", "")
    first, second = cut(join(before, doc), y, text, doc.meta, doc.ident)
    second = replace(second, revisions=doc.revisions, flags=second.flags)
    first = replace(first, revisions=before.revisions)
    documents = replace_one(documents, before, [first, second])
    documents.remove(doc)
    return documents, (status_of(resolution), "", f"moved the beginning of {doc.ident} to “{first_words(text, y)}”",
                       doc.ident)


# ------------------------------------------------------------------ cutting and joining


def cut(doc: Document, y: int, text: str, meta_second, ident_second: str) -> tuple[Document, Document]:
    """Two documents from one, the second beginning at raw offset ``y``."""
    body_a, body_b = split_blocks(doc.body, y, text)
    calls_b = [c for c in doc.calls if c.start >= y and not in_any_note(c.start, doc)]
    keys_b = {c.note_key for c in calls_b}
    notes_a = tuple(n for n in doc.notes if n.note_key not in keys_b)
    notes_b = tuple(n for n in doc.notes if n.note_key in keys_b)

    def in_second(offset: int) -> bool:
        note = next((n for n in doc.notes if n.start <= offset < n.end), None)
        return note.note_key in keys_b if note is not None else offset >= y

    first = replace(doc, end=y, body=body_a, notes=notes_a,
                    calls=tuple(c for c in doc.calls if not in_second(c.start)),
                    changes=tuple(c for c in doc.changes if not in_second(c.start)),
                    pages=tuple(p for p in doc.pages if not in_second(p.start)),
                    flags=tuple(f for f in doc.flags if not in_second(f.start)))
    second = replace(doc, start=y, meta=meta_second, front=(), body=body_b, notes=notes_b,
                     calls=tuple(c for c in doc.calls if in_second(c.start)),
                     changes=tuple(c for c in doc.changes if in_second(c.start)),
                     pages=tuple(p for p in doc.pages if in_second(p.start)),
                     flags=tuple(f for f in doc.flags if in_second(f.start)) + title_flags(meta_second, y),
                     revisions=(), ident=ident_second, stats=())
    return first, second


def in_any_note(offset: int, doc: Document) -> bool:
    return any(n.start <= offset < n.end for n in doc.notes)


def split_blocks(blocks, y: int, text: str):
    before, after = [], []
    for block in blocks:
        if block.end <= y:
            before.append(block)
        elif block.start >= y:
            after.append(block)
        else:  # the cut falls inside the block: each side keeps its part
            left_end = y
            while left_end > block.start and text[left_end - 1].isspace():
                left_end -= 1
            before.append(replace(block, end=left_end, holes=tuple(h for h in block.holes if h[1] <= y)))
            after.append(replace(block, start=y, kind="p" if block.kind == "head" else block.kind,
                                 holes=tuple(h for h in block.holes if h[0] >= y)))
    return tuple(before), tuple(after)


def join(first: Document, second: Document) -> Document:
    """One document from two that follow each other: the first's metadata and id."""
    return replace(first, end=second.end, body=first.body + second.front + second.body,
                   notes=tuple(sorted(first.notes + second.notes, key=note_order)),
                   calls=first.calls + second.calls, changes=first.changes + second.changes,
                   pages=first.pages + second.pages,
                   flags=first.flags + tuple(f for f in second.flags if f.kind not in TITLE_FLAGS),
                   revisions=first.revisions + second.revisions)


TITLE_FLAGS = ("title-supplied", "date-missing", "date-publication-bound")


def notes_can_join(first: Document, second: Document) -> bool:
    return not ({n.note_key for n in first.notes} & {n.note_key for n in second.notes})


def new_meta(doc: Document, title: str, decision):
    """A new document from a split: the source's facts stay, its own title and date are
    the editor's to give (or flagged)."""
    decided = (("title", decision.key, decision.who, ""),) if title else ()
    return replace(doc.meta, title=title or "Untitled part", title_supplied=True, date=None, decided=decided)


def title_flags(meta, y: int) -> tuple[Flag, ...]:
    flags = []
    if not meta.decided_by("title"):
        flags.append(Flag("title-supplied", y, y + 1, "a document made by a split has no title yet"))
    if meta.date is None:
        flags.append(Flag("date-missing", y, y + 1, "a document made by a split has no date yet"))
    return tuple(flags)


def free_ident(documents, base: str) -> str:
    taken = {d.ident for d in documents}
    k = 2
    while f"{base}-{k}" in taken:
        k += 1
    return f"{base}-{k}"


def replace_one(documents, old, new: list):
    index = documents.index(old)
    return documents[:index] + new + documents[index + 1:]


def first_char(text: str, offset: int) -> int:
    while offset < len(text) and text[offset].isspace():
        offset += 1
    return offset


def first_words(text: str, offset: int, size: int = 40) -> str:
    return " ".join(text[offset:offset + size * 3].split())[:size]
