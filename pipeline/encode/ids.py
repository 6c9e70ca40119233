"""The id grammar of the edition (written out in the README).

    document     d19190926-note-chicherin-decision   d + ISO date digits + title slug
    note         <doc>-n2                             the note numbered 2
    note call    <doc>-r2, <doc>-r2b                  the first, second call of note 2
    removal      <doc>-x3                             the third recorded removal
    page break   <doc>-p13                            printed page 13

Ids come from content (date and title), never from the order of a run; two
documents that would share an id are told apart by their position in the source.
"""

from __future__ import annotations

import unicodedata

import regex

from pipeline.model import Document

STOPWORDS = {"a", "an", "the", "of", "to", "and", "on", "in", "for", "at", "by", "with", "from", "as",
             "is", "its", "their", "his", "her", "be", "or", "c", "r", "p", "b", "g", "v", "l", "d", "i"}
MAX_SLUG_WORDS = 4


def document_id(doc: Document) -> str:
    """``d`` + the date's digits + up to four significant title words.

    >>> from pipeline.model import Meta, DateValue, Source
    >>> src = Source("p", "p.txt", "", "mia", "", "utf-8")
    >>> document_id(Document(src, 0, 0, Meta("Note to G. V. Chicherin", date=DateValue("", not_before="1919-09-26"))))
    'd19190926-note-chicherin'
    """
    date = doc.meta.date
    digits = ""
    if date is not None:
        iso = date.when or date.not_before or date.not_after
        digits = "" if iso.startswith("--") else iso.replace("-", "")  # no year, no date in the id
    slug = slugify(doc.meta.title) or "untitled"
    return f"d{digits}-{slug}" if digits else f"d-{slug}"


def slugify(text: str) -> str:
    """Lower-case ASCII words of ``text``, stopwords and initials dropped.

    >>> slugify("REPLY FROM TROTSKY, COMMISSAR FOR FOREIGN AFFAIRS")
    'reply-trotsky-commissar-foreign'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = [w for w in regex.findall(r"[a-z0-9]+", ascii_text) if w not in STOPWORDS]
    return "-".join(words[:MAX_SLUG_WORDS])


def unique_ids(docs) -> list[str]:
    """Ids for ``docs``, made unique by suffixes given in source order."""
    ids, seen = [], {}
    for doc in docs:
        base = doc.id_hint or document_id(doc)
        count = seen.get(base, 0) + 1
        seen[base] = count
        ids.append(base if count == 1 else f"{base}-{count}")
    return ids
