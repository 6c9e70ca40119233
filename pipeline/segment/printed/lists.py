"""A printed collection's list of its documents at the back ("LIST OF DOCUMENTS"): the book's
apparatus, never a document, and evidence for the documents it names.

Why: a collection without a contents list at the front often prints one at the back, each entry
a date, a title and a page. Read as text, it runs on as the last document's paragraphs; kept apart,
each entry that names a document's heading says once more that a document begins there.
"""

from __future__ import annotations

from dataclasses import replace
from difflib import SequenceMatcher

import regex

#: the heading of a back list, alone on its line
LIST_HEADING = regex.compile(r"^\s*(?:(?:LIST|TABLE|INDEX)\s+OF\s+(?:THE\s+)?(?:DOCUMENTS|CONTENTS)|CONTENTS)\s*$")
#: an entry closes with the page it names (the OCR may leave a speck after it: "3 ;")
ENTRY_PAGE = regex.compile(r"\b\d{1,4}\s*[;:.,|]?\s*$")
#: a list shows at least this many entries: a lone heading so worded is no list
MIN_ENTRIES = 3
#: the parts of a document the list runs on as when read as its text (a letter's postscript or
#: closer takes the paragraphs after a "P.S.")
RUNNING_PARTS = ("body", "postscript", "closer")
#: the share of a heading's letters (case, spacing and punctuation ignored) an entry must match in
#: order to name it: the OCR may misread or glue a few ("Letter tol. b. krasin")
MATCH_SHARE = 0.85
NOT_LETTER = regex.compile(r"[^\p{L}\d]+")


def back_list_start(lines, first: int, end: int, removed=frozenset()) -> int | None:
    """The line of the back list's heading between ``first`` and ``end``, when entries closing
    with a page number follow it."""
    for i in range(end - 1, first - 1, -1):
        if LIST_HEADING.match(lines[i].text) and lines[i].content_start not in removed:
            entries = [j for j in range(i + 1, end) if ENTRY_PAGE.search(lines[j].text)]
            return i if len(entries) >= MIN_ENTRIES else None
    return None


def with_back_list(doc, text: str, start: int):
    """The document whose range holds the back list, its paragraphs from raw offset ``start`` on
    moved from the document's words to the book's list (``part="booklist"``)."""
    moved = tuple(replace(b, part="booklist", kind="p") if b.start >= start and b.part in RUNNING_PARTS else b
                  for b in doc.body)
    return replace(doc, body=moved)


def listed(doc, entries: list[str], title: str) -> bool:
    """Whether one of the list's entries names the document by its heading."""
    heading = NOT_LETTER.sub("", title.casefold())
    return bool(heading) and any(matched_share(heading, NOT_LETTER.sub("", entry)) >= MATCH_SHARE for entry in entries)


def matched_share(heading: str, entry: str) -> float:
    """The share of the heading's letters the entry holds in order (difflib's matching blocks)."""
    blocks = SequenceMatcher(None, heading, entry, autojunk=False).get_matching_blocks()
    return sum(block.size for block in blocks) / len(heading)


def list_entries(doc, text: str) -> list[str]:
    """The entries of the list the document holds, case and spacing ignored."""
    return [" ".join(text[b.start:b.end].casefold().split()) for b in doc.body if b.part == "booklist"]


def apply_back_list(documents: list, lines, ranges, text: str, removed=frozenset()) -> list:
    """The book's documents with its back list kept apart from the last one's words, and
    "list of documents" added to the evidence of each document an entry names."""
    if not documents or not ranges or len(documents) != len(ranges):
        return documents
    at = back_list_start(lines, ranges[-1].first + 1, ranges[-1].last + 1, removed)
    if at is None:
        return documents
    documents = documents[:-1] + [with_back_list(documents[-1], text, lines[at].content_start)]
    entries = list_entries(documents[-1], text)
    return [replace(doc, evidence=doc.evidence + ("list of documents",))
            if doc.evidence and listed(doc, entries, doc.meta.title) else doc for doc in documents]
