"""Assemble the TEI file of one ``Document``: header, front, body, notes, standOff."""

from __future__ import annotations

from collections import Counter

from pipeline.edition import UNPUBLISHED, EditionFacts
from pipeline.encode.header import build_header
from pipeline.encode.inline import PAGE_FURNITURE, TEI_NS, Marks, fill, tei
from pipeline.model import Block, Document, NoteCall

FRONT_ORDER = ("docAuthor", "titlePart", "docDate", "bibl")
INLINE_KINDS = {"salute": "salute", "signed": "signed", "dateline": "dateline", "seg": "seg"}
NOTE_PLACES = {"endnote": "end", "footnote": "foot", "editorial": "end"}


def encode_document(doc: Document, doc_id: str, edition: EditionFacts = UNPUBLISHED):
    """Return the ``TEI`` element of ``doc`` with id ``doc_id``; ``edition`` is what the
    edition says about itself (publisher, base URL, licence) for its header."""
    note_ids = unique_note_ids(doc, doc_id)
    call_ids = call_id_map(doc, doc_id)
    marks = Marks(doc.source.text, doc.changes, doc.calls, doc.pages, call_ids, note_ids, doc_id, doc.names)
    root = tei("TEI", xml_id=doc_id)
    root.set("{http://www.w3.org/XML/1998/namespace}lang", "en")
    rules_used = Counter(c.rule for c in doc.changes)
    root.append(build_header(doc, doc_id, rules_used, edition))
    text = tei("text", root)
    build_front(text, doc, marks)
    build_body(text, doc, marks, doc_id)
    number_paragraphs(text)
    build_back(text, doc, marks, doc_id)
    build_stand_off(root, doc, marks)
    return root


def number_paragraphs(text) -> None:
    """``@n`` 1, 2, … on the paragraphs of the body in reading order: the citable unit the
    header's ``refsDecl`` names, so that "paragraph 3" means the same to every reader."""
    body = text.find(f"{{{TEI_NS}}}body")
    for number, paragraph in enumerate(body.iter(f"{{{TEI_NS}}}p"), start=1):
        paragraph.set("n", str(number))


def unique_note_ids(doc: Document, doc_id: str) -> dict:
    """``-n5`` for note 5 (calls point to it by its key); a second note that claims the same
    key (a number the source printed twice) gets ``-n5-2``, so that ids stay unique. Maps
    each key to the id of its first note, and each note (by position) to its own id."""
    ids, seen = {}, Counter()
    for k, note in enumerate(doc.notes):
        seen[note.note_key] += 1
        own = f"{doc_id}-{note.note_key}" + ("" if seen[note.note_key] == 1 else f"-{seen[note.note_key]}")
        ids.setdefault(note.note_key, own)
        ids[k] = own
    return ids


def call_id_map(doc: Document, doc_id: str) -> dict[NoteCall, str]:
    """Ids for note calls (by call, not offset: an editor's call may stand where a printed
    one begins): ``-r2`` for the first call of note 2, ``-r2b`` for the next."""
    ids, seen = {}, Counter()
    for call in sorted(doc.calls, key=lambda c: c.start):
        key = call.note_key[1:] if call.note_key.startswith("n") else call.note_key
        seen[key] += 1
        suffix = "" if seen[key] == 1 else chr(ord("a") + seen[key] - 1)
        ids[call] = f"{doc_id}-r{key}{suffix}"
    return ids


def build_front(text, doc: Document, marks: Marks) -> None:
    blocks = sorted((b for b in doc.front if b.part == "front"),
                    key=lambda b: (FRONT_ORDER.index(b.kind), b.start))
    intro = [b for b in doc.front if b.part == "intro"]
    if not blocks and not intro:
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
    if intro:  # the printed collection's editor's words, not the document's: last, as TEI orders front
        div = tei("div", front, type="editorialIntroduction", resp=f"#{marks.doc_id}-editors")
        for block in intro:
            fill(tei("p", div), block.start, block.end, marks, lined=block.lined)


def build_body(text, doc: Document, marks: Marks, doc_id: str) -> None:
    body = tei("body", text)
    div = tei("div", body, type=doc.meta.doc_type, xml_id=f"{doc_id}-text")
    opener = [b for b in doc.body if b.part == "opener"]
    closer = [b for b in doc.body if b.part == "closer"]
    postscript = [b for b in doc.body if b.part == "postscript"]
    heads = leading_heads(doc.body)
    if doc.meta.title_supplied and doc.part != "front":
        supplied_head(div, doc, marks)
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
    opening_page_break(div, doc, marks)


def supplied_head(div, doc: Document, marks: Marks) -> None:
    """A title the text does not hold at the document's head: the editor's, with where it
    comes from, or the pipeline's reading of the contents."""
    decided = doc.meta.decided_by("title")
    head = tei("head", div, type="supplied")
    if decided:
        revision, who, _evidence = decided
        tei("supplied", head, doc.meta.title, reason="heading-lost-in-source",
            resp=f"#{marks.doc_id}-editor-{who}", source=f"#{marks.doc_id}-source" if doc.meta.source else None,
            change=marks.revision(revision))
    else:
        tei("supplied", head, doc.meta.title, reason="heading-lost-in-source", resp=marks.pipeline)


def opening_page_break(div, doc: Document, marks: Marks) -> None:
    """A document opens on the printed page where it begins: a ``pb`` first in its text
    (unless its first page break already stands at its very start)."""
    page = doc.first_page
    if not page or any(p.start <= doc.start for p in doc.pages):
        return
    pb = tei("pb", n=page, xml_id=f"{marks.doc_id}-pg{page}-open")
    div.getparent().insert(0, pb)


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
    book_list = [b for b in doc.body if b.part == "booklist"]
    if not doc.notes and not heads and not sources and not book_list:
        return
    back = tei("back", text)
    if book_list:  # the book's list of its documents, printed after this one: the editors' apparatus
        list_div = tei("div", back, type="listOfDocuments", resp=f"#{doc_id}-editors")
        for block in book_list:
            fill(tei("p", list_div), block.start, block.end, marks, lined=block.lined, holes=block.holes)
    if sources:  # the book's source block: apparatus after the document, not part of it
        source_div = tei("div", back, type="source")
        for block in sources:
            build_block(source_div, block, marks)
    if not doc.notes and not heads:
        return
    div = tei("div", back, type="notes")
    for block in heads:
        fill(tei("head", div), block.start, block.end, marks)
    first_call = {}  # the first call of each note that stands in the text
    for call in sorted(doc.calls, key=lambda c: c.start):
        if marks.call_ids[call] in marks.rendered_calls:
            first_call.setdefault(call.note_key, marks.call_ids[call])
    for k, note in enumerate(doc.notes):
        build_note(div, note, marks.note_ids[k], first_call.get(note.note_key), doc, marks, doc_id)


def build_note(div, note, note_id: str, call_id: str | None, doc: Document, marks: Marks, doc_id: str) -> None:
    """A note with its place, a plain label and a pointer to its call; where no call
    survives, to the page its "p. N" names (or to the text as a whole), with the reason."""
    target, subtype = (f"#{call_id}", None) if call_id else uncalled_target(note, marks, doc_id, doc)
    resp = f"#{doc_id}-editor-{note.who}" if note.who else f"#{doc_id}-{note.resp}" if note.resp else None
    el = tei("note", div, xml_id=note_id, n=note.n, type=note.type, subtype=subtype,
             place=NOTE_PLACES.get(note.type, "end"), resp=resp, target=target, change=marks.revision(note.revision))
    if note.text:  # an editor's note: its words are the editor's
        tei("p", el, note.text)
        return
    printed = marks.text[note.start:note.label_end].strip() if note.start < note.label_end else ""
    repaired = any(c.rule == "note-number-from-sequence" and note.start <= c.start < note.label_end
                   for c in doc.changes)
    if printed and not repaired and same_number(printed, note.n):
        # the note's number is @n, which default consumers print (the TEI Stylesheets before
        # the note, CETEIcean as its list's number): the printed label is kept as printed
        # (choice/orig beside an empty reg), so no reader sees the number twice
        choice = tei("choice", tei("label", el))
        tei("reg", choice)
        fill(tei("orig", choice), note.start, note.label_end, marks)
    elif printed and not repaired:  # a printed mark other than the number: the reader sees it
        fill(tei("label", el), note.start, note.label_end, marks)
    # else the printed number is lost or mangled (its characters are kept in standOff): the
    # number is the edition's, @n alone, which default consumers print once
    for block in note.blocks:
        fill(tei("p", el), block.start, block.end, marks, lined=block.lined)


#: what a printed note number may carry around the number itself ("[2]", "2.", "(2)")
NUMBER_DRESS = "[]().: "


def same_number(printed: str, n: str | None) -> bool:
    """Whether a note's printed label says no more than its number ``@n``.

    >>> same_number("[2]", "2"), same_number("*", "*"), same_number("2", "3")
    (True, True, False)
    """
    return bool(n) and printed.strip(NUMBER_DRESS) == n


def uncalled_target(note, marks: Marks, doc_id: str, doc: Document) -> tuple[str, str]:
    """Where a note without a call points: the page break of the page its "p. N" names (the
    document's opening ``pb`` when that is its first page), else the document's text as a whole;
    the subtype gives the reason."""
    if note.page_ref:
        page = next((ident for start, ident in marks.page_ids.items() if ident.endswith(f"-pg{note.page_ref}")),
                    None)
        if page is None and doc.first_page and str(doc.first_page) == str(note.page_ref):
            page = f"{doc_id}-pg{note.page_ref}-open"
        if page:
            return f"#{page}", "call-lost"
    return f"#{doc_id}-text", "uncalled"


def build_stand_off(root, doc: Document, marks: Marks) -> None:
    """Keep every removed piece of furniture, in source order, with its rule, pointing to
    where it stood: an anchor in the text, or the page break it stood beside.

    Each record is a ``span`` of ``spanGrp type="removals"`` (``@rend``: where on the page or
    in the text the piece stood) whose removed characters are the ``orig`` of a ``choice``
    with an empty ``reg``: the edition reads nothing there. A default TEI consumer thus
    shows no record (the TEI Stylesheets print notes as footnotes wherever they stand, and
    of a ``choice`` only its first child), while every character stays in the record."""
    removals = [c for c in doc.changes if c.kind == "removal"]
    if not removals:
        return
    stand_off = tei("standOff", root)
    records = tei("spanGrp", stand_off, type="removals")
    pages = sorted(marks.page_ids.items())
    for change in removals:
        target, place = removal_place(change, marks, pages, doc)
        record = tei("span", records, xml_id=marks.removal_ids[change], type="removal", subtype=change.rule,
                     resp=marks.resp(change), target=target, rend=place)
        removed = tei("choice", record)
        tei("reg", removed)
        tei("orig", removed, change.before)


def removal_place(change, marks: Marks, pages, doc: Document) -> tuple[str | None, str]:
    """(target, place) of a removal record: ``inline`` at its anchor; ``top`` or ``bottom``
    of the page whose break stands nearest; ``top``/``end`` of a page copy's text."""
    if change in marks.anchored:
        return f"#{marks.anchored[change]}", "inline"
    label_note = next((n for n in doc.notes if n.start <= change.start < max(n.label_end, n.start + 1)), None)
    if label_note is not None:
        return f"#{marks.note_ids[label_note.note_key]}", "inline"
    if pages and (change.rule in PAGE_FURNITURE or doc.part == "front" or doc.source.kind == "ia-ocr"):
        start, ident = min(pages, key=lambda item: abs(item[0] - change.start))
        return f"#{ident}", "top" if change.start >= start else "bottom"
    first_text = min((b.start for b in doc.body), default=doc.end)
    return None, "top" if change.start < first_text else "end"
