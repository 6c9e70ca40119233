"""The truth JSON written beside each book's OCR text.

Why its own module: the truth is the contract with any scorer, so its shape is set in one place
(``FORMAT``) and described in README.md. Everything in it is read off the composed pages (what
was printed where), and line numbers off the OCR text that was written.
"""

from __future__ import annotations

from .book import Book, document_truth
from .iatext import find_line

FORMAT = "bench-books/1"


def furniture(book: Book, spans) -> list[dict]:
    """Every running head and folio as printed, with its page and the OCR line it became."""
    lines = []
    for page, span in zip(book.pages, spans):
        for f in page.furniture:
            lines.append({"page": page.number, "kind": f.kind, "text": " ".join(f.text().split())})
    return lines


def build_truth(book: Book, text: str, spans, degradation: list[dict]) -> dict:
    """All the facts a scorer needs, for a book whose OCR text is ``text``."""
    text_lines = text.split("\n")
    docs = document_truth(book)
    for d, doc in enumerate(docs):
        page = next(k for k, p in enumerate(book.pages) if any(x.doc == d for x in p.lines))
        p = book.pages[page]
        candidates = [x.text() for x in p.lines if x.doc == d and x.kind in ("heading", "date", "body")]
        doc["first_line"] = None
        for wanted in candidates[:4]:
            found = find_line(text_lines, spans[page], wanted)
            if found:
                doc["first_line"] = found
                doc["first_line_matches"] = wanted
                break
        doc["first_page_index"] = page
    spec = book.spec
    return {
        "format": FORMAT,
        "name": spec.name,
        "set": spec.set,
        "layout": spec.layout,
        "seed": spec.seed,
        "book": {"title": spec.title, "editor": spec.editor, "author": spec.author,
                 "publisher": spec.publisher, "place": spec.place, "year": spec.year,
                 "font": spec.family, "front": book.front},
        "lines": len(text_lines) - 1,
        "pages": [{"index": p.index, "n": p.number, "kind": p.kind,
                   "first_line": s[0] or None, "last_line": s[1] or None,
                   "documents": sorted({x.doc + 1 for x in p.lines if x.doc is not None}),
                   "printed_lines": [{"kind": x.kind, "text": x.text(p.markers), "soft": x.soft,
                                      "hard": x.hard} for x in p.furniture + p.lines + p.footnotes],
                   "degradation": deg}
                  for p, s, deg in zip(book.pages, spans, degradation)],
        "documents": docs,
        "contents": book.contents,
        "furniture": furniture(book, spans),
    }
