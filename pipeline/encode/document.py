"""Assemble the TEI file of one ``Document``: header, front, body, notes, standOff."""

from __future__ import annotations

from collections import Counter

from pipeline.encode.header import build_header
from pipeline.encode.inline import Marks, fill, tei
from pipeline.model import Block, Document

FRONT_ORDER = ("docAuthor", "titlePart", "docDate", "bibl")
LETTER_PARTS = ("opener", "closer")
INLINE_KINDS = {"salute": "salute", "signed": "signed", "dateline": "dateline", "seg": "seg"}


def encode_document(doc: Document, doc_id: str):
    """Return the ``TEI`` element of ``doc`` with id ``doc_id``."""
    note_ids = {note.note_key: f"{doc_id}-{note.note_key}" for note in doc.notes}
    call_ids = call_id_map(doc, doc_id)
    marks = Marks(doc.source.text, doc.changes, doc.calls, doc.pages, call_ids, note_ids, doc_id)
    root = tei("TEI", xml_id=doc_id)
    root.set("{http://www.w3.org/XML/1998/namespace}lang", "en")
    rules_used = Counter(c.rule for c in doc.changes)
    root.append(build_header(doc, doc_id, rules_used))
    text = tei("text", root)
    build_front(text, doc, marks)
    build_body(text, doc, marks)
    build_back(text, doc, marks, doc_id)
    build_stand_off(root, doc, doc_id)
    return root


def call_id_map(doc: Document, doc_id: str) -> dict[int, str]:
    """Ids for note calls by offset: ``-r2`` for the first call of note 2, ``-r2b`` for the next."""
    ids, seen = {}, Counter()
    for call in sorted(doc.calls, key=lambda c: c.start):
        key = call.note_key[1:] if call.note_key.startswith("n") else call.note_key
        seen[key] += 1
        suffix = "" if seen[key] == 1 else chr(ord("a") + seen[key] - 1)
        ids[call.start] = f"{doc_id}-r{key}{suffix}"
    return ids


def build_front(text, doc: Document, marks: Marks) -> None:
    blocks = sorted((b for b in doc.front if b.part == "front"),
                    key=lambda b: (FRONT_ORDER.index(b.kind), b.start))
    if not blocks:
        return
    front = tei("front", text)
    title = None
    for block in blocks:
        if block.kind == "titlePart":
            title = title if title is not None else tei("docTitle", front)
            fill(tei("titlePart", title), block.start, block.end, marks)
        elif block.kind == "docDate":
            date = doc.meta.date
            fill(tei("docDate", front, when=date.when if date else None), block.start, block.end, marks)
        elif block.kind == "bibl":
            fill(tei("bibl", tei("listBibl", front)), block.start, block.end, marks)
        elif block.kind == "docAuthor":
            fill(tei("docAuthor", front), block.start, block.end, marks)


def build_body(text, doc: Document, marks: Marks) -> None:
    body = tei("body", text)
    div = tei("div", body, type=doc.meta.doc_type)
    opener = [b for b in doc.body if b.part == "opener"]
    closer = [b for b in doc.body if b.part == "closer"]
    postscript = [b for b in doc.body if b.part == "postscript"]
    heads = leading_heads(doc.body)
    if doc.meta.title_supplied and doc.meta.doc_type != "frontMatter":
        head = tei("head", div, type="supplied")
        tei("supplied", head, doc.meta.title, reason="heading-lost-in-source", resp=marks.pipeline)
    for block in heads:
        build_block(div, block, marks)
    if opener:
        build_letter_part(tei("opener", div), opener, marks)
    for block in doc.body:
        if block.part == "body" and block not in heads:
            build_block(div, block, marks)
    if closer:
        build_letter_part(tei("closer", div), closer, marks)
    if postscript:
        ps = tei("postscript", div)
        for block in postscript:
            build_block(ps, block, marks)
    if len(div) == 0:
        tei("p", div)


def leading_heads(blocks) -> list[Block]:
    """Headings before any other block: TEI wants them at the top of the div."""
    heads = []
    for block in blocks:
        if block.kind != "head" or block.part != "body":
            break
        heads.append(block)
    return heads


def build_block(parent, block: Block, marks: Marks) -> None:
    tag = {"p": "p", "quote": "quote", "head": "head", "bibl": "bibl"}.get(block.kind, "p")
    if tag == "head" and len(parent) and parent[-1].tag.endswith(("}p", "}quote", "}bibl")):
        tag = "label"  # a heading inside the text (the grammar allows head only at the top)
    element = tei(tag, parent, type="source" if tag == "bibl" else "heading" if tag == "label" else None)
    fill(element, block.start, block.end, marks, lined=block.lined, holes=block.holes)


def build_letter_part(parent, blocks, marks: Marks) -> None:
    for block in blocks:
        tag = INLINE_KINDS.get(block.kind, "seg")  # a plain line of an opener or closer is a seg
        fill(tei(tag, parent), block.start, block.end, marks, lined=block.lined, holes=block.holes)


def build_back(text, doc: Document, marks: Marks, doc_id: str) -> None:
    heads = [b for b in doc.front if b.part == "back"]
    sources = [b for b in doc.body if b.part == "source"]
    if not doc.notes and not heads and not sources:
        return
    back = tei("back", text)
    if sources:  # the book's source block: apparatus after the document, not part of it
        source_div = tei("div", back, type="source")
        for block in sources:
            build_block(source_div, block, marks)
    if not doc.notes and not heads:
        return
    div = tei("div", back, type="notes")
    for block in heads:
        fill(tei("head", div), block.start, block.end, marks)
    first_call = {}
    for call in sorted(doc.calls, key=lambda c: c.start):
        first_call.setdefault(call.note_key, marks.call_ids[call.start])
    for note in doc.notes:
        target = first_call.get(note.note_key)
        el = tei("note", div, xml_id=marks.note_ids[note.note_key], n=note.n, type=note.type,
                 resp=f"#{doc_id}-{note.resp}" if note.resp else None, target=f"#{target}" if target else None)
        label_start = next((b.start for b in note.blocks), note.label_end)
        if note.start < note.label_end:
            fill(tei("label", el), note.start, min(note.label_end, label_start), marks)
        for block in note.blocks:
            fill(tei("p", el), block.start, block.end, marks, lined=block.lined)


def build_stand_off(root, doc: Document, doc_id: str) -> None:
    """Keep every removed piece of furniture, in source order, with its rule."""
    removals = [c for c in doc.changes if c.kind == "removal"]
    if not removals:
        return
    stand_off = tei("standOff", root)
    annotations = tei("listAnnotation", stand_off, type="removals")
    for number, change in enumerate(removals, start=1):
        tei("note", annotations, change.before, xml_id=f"{doc_id}-x{number}", type="removal",
            subtype=change.rule, resp=f"#{doc_id}-pipeline")
