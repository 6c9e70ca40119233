"""What every layout shares: the book's facts, setting a document's text, and reading the truth
of documents and notes off the composed pages.

Why here: the four layouts differ in furniture and in where notes go, but the truth must be
derived from the pages the same way for all of them, after composition, never predicted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .corpus import Text, split_calls
from .pages import Geometry, Page
from .typeset import Face, Line, set_paragraph


@dataclass(frozen=True)
class BookSpec:
    """A book to make: its name, set, layout, seed and the facts of its title page."""

    name: str
    set: str
    layout: str
    seed: int
    title: str
    editor: str
    author: str
    publisher: str
    place: str
    year: int
    keys: tuple[str, ...]
    family: str = "liberation"
    first_page: int = 1


@dataclass
class Book:
    """A composed book: pages, geometry, the texts in print order and the truth layouts add."""

    spec: BookSpec
    geometry: Geometry
    pages: list[Page]
    texts: list[Text]
    printed: dict = field(default_factory=dict)     # doc -> {"title", "date", "intro", "note_kind"}
    contents: list[dict] = field(default_factory=list)
    front: list[str] = field(default_factory=list)


def body_lines(text: Text, doc: int, face: Face, width: int, indent: int, para_space: int = 0,
               kind: str = "body") -> list[Line]:
    """The document's paragraphs set in lines; each call is (doc, note id)."""
    out = []
    for k, paragraph in enumerate(text.paragraphs):
        clean, calls = split_calls(paragraph)
        lines = set_paragraph(clean, [(off, (doc, ident)) for off, ident in calls], face, width,
                              kind=kind, indent=indent, doc=doc, para=k)
        lines[0].space_before = para_space
        out += lines
    return out


def clean_paragraphs(text: Text) -> list[str]:
    return [split_calls(p)[0] for p in text.paragraphs]


def document_truth(book: Book) -> list[dict]:
    """Per document: pages, page breaks inside it and where each note's call was printed."""
    docs = []
    for d, text in enumerate(book.texts):
        on = [p for p in book.pages if any(line.doc == d for line in p.lines)]
        breaks, seen_first = [], False
        for page in on:
            body = [line for line in page.lines if line.doc == d and line.para is not None
                    and line.kind == "body"]
            if not seen_first:
                seen_first = True
                continue
            if body:
                breaks.append({"n": page.number, "paragraph": body[0].para, "offset": body[0].offset})
        notes = []
        for note in text.notes:
            call = (d, note.id)
            page = next(p for p in book.pages if call in p.notes_called)
            para, offset = call_position(text, note.id)
            notes.append({"id": note.id, "kind": book.printed[d]["note_kind"],
                          "marker": page.markers.get(call, ""), "text": note.text,
                          "by": note.by, "written_for_bench": text.written_notes and note.by == "author",
                          "call_page": page.number, "call_paragraph": para, "call_offset": offset})
        p = book.printed[d]
        docs.append({"n": d + 1, "key": text.key, "title": p["title"], "title_lines": p["title_lines"],
                     "short_title": text.short, "date": p["date"], "place": text.place,
                     "sender": text.sender, "addressee": text.addressee, "kind": text.kind,
                     "source": p.get("source", list(text.source)), "intro": p.get("intro"),
                     "first_page": on[0].number, "last_page": on[-1].number, "page_breaks": breaks,
                     "paragraphs": clean_paragraphs(text), "notes": notes})
    return docs


def call_position(text: Text, ident: str) -> tuple[int, int]:
    for k, paragraph in enumerate(text.paragraphs):
        for offset, found in split_calls(paragraph)[1]:
            if found == ident:
                return k, offset
    raise KeyError(ident)
