"""The id grammar of the edition (written out in the README).

Ids come from the source itself, never from what the pipeline or an editor reads
*in* it (a title, a date), so setting a title or improving a heuristic leaves every id
and file name as it was:

    source       s001-57a5e7fdb55d5ea9     the raw file's name: "s" when it starts with a digit,
                                           lower case, "_" and "." read as "-"
    page copy    s000-732260b8a4c4c72c     one document: the source's id
    book part    s001-57a5e7fdb55d5ea9-d12 the 12th document of the printed book, in book order;
                 s001-57a5e7fdb55d5ea9-front  its title page and contents
    split        …-d12-2                   the second part of d12, made by an editor's split
    note         <doc>-n2, <doc>-fn1, <doc>-en1   endnote 2, first "*" footnote, first editor's note
    note call    <doc>-r2, <doc>-r2b       the first, second call of note 2
    removal      <doc>-x3                  the third recorded removal
    page break   <doc>-pg13                printed page 13
    revision     <doc>-rev-<decision key>  an editor's decision applied to the document

Ids that an editor's merge made disappear are kept resolvable in the corpus file's
redirect table (``listRelation``), and ``editorial/id-history.tsv`` maps the ids of
earlier grammars to these.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import PurePath

import regex


def source_key(raw_name: str) -> str:
    """The id of a raw file.

    >>> source_key("001_57a5e7fdb55d5ea9.txt"), source_key("Lenin to Krasin.TXT")
    ('s001-57a5e7fdb55d5ea9', 'lenin-to-krasin')
    """
    stem = PurePath(raw_name).stem.lower()
    key = regex.sub(r"[^a-z0-9]+", "-", stem).strip("-") or "source"
    return key if key[0].isalpha() else f"s{key}"


def assign_ids(documents, raw_name: str):
    """Give each document of one raw file its id: the source's id for a single document,
    ``-front`` and ``-d1``, ``-d2``… in source order for the parts of a book."""
    key = source_key(raw_name)
    if len(documents) == 1 and documents[0].part != "front":
        return (replace(documents[0], ident=key),)
    ordinal, named = 0, []
    for doc in documents:
        if doc.part == "front":
            named.append(replace(doc, ident=f"{key}-front"))
        else:
            ordinal += 1
            named.append(replace(doc, ident=f"{key}-d{ordinal}"))
    return tuple(named)
