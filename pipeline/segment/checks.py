"""Checks that no source is read silently wrong: whatever a segmenter made of a source,
a document without body, a source whose reading text is a small share of its words, a
date without a year and a kind not recognised are each a flag for a human.

They run on every source (``run_segment`` calls ``check_documents``), so a printed book
gets them as well as a page copy. Each flag kind is settled by a ``check`` decision (or
a ``date`` decision for a date: ``pipeline.editorial.decisions.SETTLES``).
"""

from __future__ import annotations

from dataclasses import replace

import regex

from pipeline.model import Change, Document, Flag, Source

WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’-]*")
#: below this share of the raw file's words in the documents' text, most of the source went
#: into removals or header records: a header block that swallowed the text reads so. Page
#: copies keep 45-95% (their chrome and header are the rest); a book far more
MIN_TEXT_SHARE = 0.3
#: a source this short says too little for a share to mean anything
MIN_WORDS_FOR_SHARE = 40


def check_documents(source: Source, documents: tuple[Document, ...], changes: tuple[Change, ...] = ()
                    ) -> tuple[Document, ...]:
    """The documents with a flag for each thing that would otherwise pass unseen."""
    documents = tuple(with_flags(doc, document_flags(doc)) for doc in documents)
    if not documents:
        return documents
    first = documents[0]
    source_flags = kind_flags(source, first) + share_flags(source, documents)
    return (with_flags(first, source_flags),) + documents[1:]


def with_flags(doc: Document, flags) -> Document:
    """``doc`` with the new flags whose kind it does not carry yet."""
    known = {flag.kind for flag in doc.flags}
    new = tuple(flag for flag in flags if flag.kind not in known)
    return replace(doc, flags=doc.flags + new) if new else doc


def document_flags(doc: Document) -> tuple[Flag, ...]:
    """A document (not a book's front) without a word of body; a date without a year."""
    if doc.part != "document":
        return ()
    flags = []
    at = anchor(doc)
    if not any(words_in(doc.source.text, block.start, block.end) for block in doc.body):
        flags.append(Flag("body-missing", *at, "the document has no body text: check that its text was not "
                                                 "taken for a header, furniture or notes"))
    date = doc.meta.date
    if date is not None and any(value.startswith("--") for value in (date.when, date.not_before, date.not_after)):
        flags.append(Flag("date-year-missing", *at, f"the date “{date.text}” has no year, and neither the header "
                                                      "nor the title gives one"))
    return tuple(flags)


def kind_flags(source: Source, doc: Document) -> tuple[Flag, ...]:
    if source.kind != "unknown":
        return ()
    return (Flag("unknown-kind", *anchor(doc), "unknown kind of source; encoded as plain paragraphs"),)


def share_flags(source: Source, documents) -> tuple[Flag, ...]:
    """The documents' text (front, body, notes) against the raw file's words."""
    raw = words_in(source.text, 0, len(source.text))
    if raw < MIN_WORDS_FOR_SHARE:
        return ()
    kept = sum(words_in(source.text, block.start, block.end) for doc in documents
               for block in doc.front + doc.body + doc.heads + tuple(b for note in doc.notes for b in note.blocks))
    share = kept / raw
    if share >= MIN_TEXT_SHARE:
        return ()
    return (Flag("text-share-low", *anchor(documents[0]),
                 f"the reading text holds {kept} of the file's {raw} words ({share:.0%}): check what was removed "
                 "as furniture or header fields"),)


def words_in(text: str, start: int, end: int) -> int:
    return len(WORD.findall(text, start, end))


def anchor(doc: Document) -> tuple[int, int]:
    """Where a flag about the whole document stands: its first block of text (title or
    body), else its first non-blank characters."""
    blocks = [b for b in doc.front + doc.heads + doc.body if b.end > b.start]
    if blocks:
        first = min(blocks, key=lambda b: b.start)
        return first.start, first.end
    text = doc.source.text
    start = doc.start + (len(text[doc.start:doc.end]) - len(text[doc.start:doc.end].lstrip()))
    end = text.find("\n", start)
    return start, max(start + 1, min(doc.end, end if end > 0 else doc.end))
