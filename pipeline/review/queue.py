"""The review queue: what the pipeline decided on its own and no editor has settled yet.

Pure functions of one raw file's ``Processed`` records (``pipeline.build.process_source``):
every correction, line-end hyphen decision and removal of furniture whose ``resp`` names
no editor, and every flag still open, becomes an ``Item``. An item's id is made from what
it is (raw file, rule, raw offsets, the source's characters), never from its place in a
list, so it stays the same while other items are settled around it. The queue shows the
least certain first (a flag, which the pipeline could not decide at all, counts as 0),
then source order.

An item carries what an editor needs to judge it (the source's reading and the pipeline's,
in context, with the raw line) and what a decision on it needs (the raw span to quote and
``expect``, the pipeline's current reading, computed by the same ``reading`` the build
compares it with).
"""

from __future__ import annotations

import bisect
import hashlib
import tomllib
from dataclasses import dataclass

import regex

from pipeline.build import Processed
from pipeline.editorial.proposals import whole_words
from pipeline.editorial.anchors import Quote, anchoring_text, resolve
from pipeline.editorial.apply import date_string, doc_at, reading
from pipeline.editorial.decisions import SETTLES
from pipeline.model import Change, Document, Flag
from pipeline.textutil import squash_runs

#: change kinds an editor can accept or reject (a white-space normalisation is declared
#: once in the header, not decided one by one; a flag is reviewed as a flag)
REVIEWED_KINDS = ("correction", "hyphen", "removal")
#: what an editor reads in the queue for each kind of item
KIND_LABELS = {"correction": "correction", "hyphen": "line-end hyphen", "removal": "removed furniture",
               "flag": "open question"}
CONTEXT_CHARS = 90
#: the certainty of a flag: the pipeline could not decide at all
FLAG_CERTAINTY = 0.0
#: flags raised where the raw files meet (after every file's build), not in a file's records
JOIN_FLAGS = ("witness-difference",)
#: a line-end hyphen this certain (the site's "high") is left out of the default queue: in
#: the printed book they are 2,038 of its 2,296 items, nearly all words joined across a line
CONFIDENT = 0.9
#: the queue's filters (the default first: what is left to review), and what they show
FILTERS = ("", "flag", "correction", "hyphen", "removal", "confident-hyphen", "all")
#: where a document's heading or date line is sought, in the order tried
HEADING_BLOCKS = ("titlePart", "head")
DATE_BLOCKS = ("docDate", "dateline")
HEADING_WORDS = 8


@dataclass(frozen=True)
class DocumentInfo:
    """What a title or date decision on a document needs: its current values, its span,
    and the raw spans such a decision quotes (``document_spans``)."""

    ident: str
    title: str
    date: str
    start: int
    end: int
    heading: tuple[int, int] = (0, 0)   # the document's heading, else its first words
    dateline: tuple[int, int] = (0, 0)  # its date line, else its heading
    kind: str = ""                      # letter, speech, … (the documents list shows it)
    line: int = 0                       # the raw line the document starts on
    names: tuple[tuple[int, int, str], ...] = ()  # tagged mentions: raw start, end, register key


@dataclass(frozen=True)
class Item:
    """One thing to review, anchored at raw offsets of its raw file."""

    ident: str            # stable: raw file, rule, raw offsets and characters (``item_id``)
    raw: str              # the raw file's name
    kind: str             # correction, hyphen, removal or flag
    rule: str             # the change's rule, or the flag's kind
    document: str         # the id of the document that holds it
    certainty: float      # the pipeline's confidence; a flag counts as 0
    start: int            # the raw span a decision quotes: the change widened to whole words
    end: int
    source: str           # the source's reading of the span (white space as one space)
    reading: str          # the pipeline's current reading of it: a decision's ``expect``
    context: tuple[str, str]          # the source's words before and after the span
    reading_context: tuple[str, str]  # the same words as the edition reads them
    line: int             # the raw line the item starts on
    order: int = 0        # the raw file's place in the raw folder
    message: str = ""     # a flag's question
    key: str = ""         # what a flag is about (a note number)
    settles: tuple[str, ...] = ()     # the decision kinds that settle it
    mark: str = ""        # the characters of the change or flag itself (the span is wider)
    occurrence: int = 0   # which of its document's marks of its kind it is, as the site numbers them

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


@dataclass(frozen=True)
class FileQueue:
    """The open items of one raw file, and its documents as a decision sees them."""

    raw: str
    items: tuple[Item, ...] = ()
    documents: tuple[DocumentInfo, ...] = ()
    error: str = ""  # the file could not be processed: nothing of it to review

    def document(self, ident: str) -> DocumentInfo | None:
        return next((d for d in self.documents if d.ident == ident), None)


def item_id(raw: str, rule: str, start: int, end: int, before: str) -> str:
    """A stable id from what the item is; the same change gets the same id in every build.

    >>> first = item_id("book.txt", "ocr-confusion", 31, 38, "woTkers")
    >>> first == item_id("book.txt", "ocr-confusion", 31, 38, "woTkers"), len(first)
    (True, 12)
    >>> first == item_id("book.txt", "ocr-confusion", 131, 138, "woTkers")  # the same word elsewhere
    False
    """
    digest = hashlib.sha1("\x1f".join((raw, rule, str(start), str(end), before)).encode("utf-8"))
    return digest.hexdigest()[:12]


def is_settled(change: Change) -> bool:
    """An editor stands behind the change (accepted, rejected or made it)."""
    return any(who.startswith("editor:") for who in change.resp)


class Lookup:
    """A source's changes by offset and its line starts: what every item looks up (a scan
    of all the book's changes for each of its items took seconds)."""

    def __init__(self, text: str, changes):
        self.text = text
        self.changes = sorted((c for c in changes if c.kind != "flag"), key=lambda c: (c.start, c.end))
        self.starts = [c.start for c in self.changes]
        self.longest = max((c.end - c.start for c in self.changes), default=0)
        self.lines = [0] + [k + 1 for k, ch in enumerate(text) if ch == "\n"]

    def starting(self, start: int, end: int) -> list[Change]:
        """The changes that start in ``[start, end]`` (those wholly inside are among them)."""
        return self.changes[bisect.bisect_left(self.starts, start):bisect.bisect_right(self.starts, end)]

    def cut(self, start: int, end: int) -> list[Change]:
        """The changes that ``[start, end)`` cuts through (partly inside it)."""
        near = self.changes[bisect.bisect_left(self.starts, start - self.longest):bisect.bisect_left(self.starts, end)]
        return [c for c in near if c.end > start and not (start <= c.start and c.end <= end)]

    def reading(self, start: int, end: int) -> str:
        """The pipeline's reading of ``[start, end)``: ``apply.reading``, the one the build compares."""
        return reading(self.text, self.starting(start, end), start, end)

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self.lines, offset)


def file_queue(processed: Processed, order: int = 0) -> FileQueue:
    """The open items of one processed raw file."""
    documents, lookup = processed.documents, Lookup(processed.source.text, processed.changes)
    items = [change_item(processed, lookup, change, doc, order) for change, doc in reviewed_changes(processed)]
    items += [flag_item(processed, lookup, flag, doc, k, order)
              for doc in documents for k, flag in enumerate(doc.flags, 1)]
    infos = tuple(document_info(d, lookup) for d in documents)
    unique = {item.ident: item for item in items}  # a flag raised twice is one question
    return FileQueue(processed.source.name, tuple(sorted(unique.values(), key=sort_key)), infos)


def document_info(doc: Document, lookup: Lookup) -> DocumentInfo:
    heading, dateline = document_spans(doc, lookup.text)
    return DocumentInfo(doc.ident, doc.meta.title, date_string(doc.meta.date), doc.start, doc.end, heading, dateline,
                        doc.meta.doc_type, lookup.line(doc.start),
                        tuple((t.start, t.end, t.key) for t in doc.names if t.role == "mention"))


def document_spans(doc: Document, text: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """The raw spans a title and a date decision on ``doc`` quote: its heading (its first
    words when it has none) and its date line (its heading when it has none), cut to a few
    whole words. A decision on the document applies to the document its quote stands in,
    so both stand in the document's own text, whatever item the editor had open."""
    blocks = [b for b in doc.heads + doc.front + doc.body if doc.start <= b.start < doc.end and b.end > b.start]

    def first(kinds) -> tuple[int, int] | None:
        found = next((b for kind in kinds for b in blocks if b.kind == kind and text[b.start:b.end].strip()), None)
        return words_at(text, found.start, found.end) if found else None

    opening = words_at(text, blocks[0].start, blocks[0].end) if blocks else words_at(text, doc.start, doc.end)
    heading = first(HEADING_BLOCKS) or opening
    return heading, first(DATE_BLOCKS) or date_words(doc, text) or heading


def date_words(doc: Document, text: str) -> tuple[int, int] | None:
    """Where the words of the document's date (as the pipeline read them) stand in it."""
    words = doc.meta.date.text.split() if doc.meta.date else []
    if not words:
        return None
    found = regex.search(r"\s+".join(regex.escape(w) for w in words), text, pos=doc.start, endpos=doc.end)
    return words_at(text, found.start(), found.end()) if found else None


def words_at(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without its edge white space, cut to its first few words."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return whole_words(text, start, end, words=HEADING_WORDS) if end > start else (start, end)


def reviewed_changes(processed: Processed):
    """(change, document) for every change no editor settled, in a document."""
    for change in processed.changes:
        if change.kind not in REVIEWED_KINDS or is_settled(change):
            continue
        doc = doc_at(processed.documents, change.start)
        if doc is not None:  # furniture outside every document: a decision on it could not apply
            yield change, doc


def change_item(processed: Processed, lookup: Lookup, change: Change, doc: Document, order: int) -> Item:
    start, end = covering_span(lookup, change.start, change.end)
    return Item(ident=item_id(processed.source.name, change.rule, change.start, change.end, change.before),
                raw=processed.source.name, kind=change.kind, rule=change.rule, document=doc.ident,
                certainty=change.confidence, order=order, settles=("accept", "reject", "correct"), mark=change.before,
                occurrence=occurrence(doc, change), **readings(lookup, start, end))


def flag_item(processed: Processed, lookup: Lookup, flag: Flag, doc: Document, number: int, order: int) -> Item:
    """A flag, the ``number``-th of its document (as its page lists them)."""
    text = processed.source.text
    start, end = whole_words(text, flag.start, max(flag.end, flag.start + 1))
    return Item(ident=item_id(processed.source.name, flag.kind, flag.start, flag.end, text[flag.start:flag.end]),
                raw=processed.source.name, kind="flag", rule=flag.kind, document=doc.ident,
                certainty=FLAG_CERTAINTY, order=order, message=flag.message, key=flag.key,
                settles=SETTLES.get(flag.kind, ("check",)), mark=text[flag.start:flag.end], occurrence=number,
                **readings(lookup, start, end))


def covering_span(lookup: Lookup, start: int, end: int) -> tuple[int, int]:
    """The change's span widened to whole words, and further while it cuts through another
    change (a decision's quote must hold every change it touches whole)."""
    while True:
        start, end = whole_words(lookup.text, start, end, words=max(1, end - start))
        cut = lookup.cut(start, end)
        if not cut:
            return start, end
        start, end = min([start] + [c.start for c in cut]), max([end] + [c.end for c in cut])


def readings(lookup: Lookup, start: int, end: int) -> dict:
    """The span's readings (source's and pipeline's), their context and raw line."""
    text = lookup.text
    before, after = context_start(text, start), context_end(text, end)
    return {"start": start, "end": end, "source": squash_runs(text[start:end]), "reading": lookup.reading(start, end),
            "context": (squash_runs(text[before:start]), squash_runs(text[end:after])),
            "reading_context": (edged(text[before:start], lookup.reading(before, start)),
                                edged(text[end:after], lookup.reading(end, after))),
            "line": lookup.line(start)}


def context_start(text: str, start: int) -> int:
    """Where the context before ``start`` begins: at a word, about ``CONTEXT_CHARS`` back."""
    at = max(0, start - CONTEXT_CHARS)
    space = text.find(" ", at, start)
    return space + 1 if at > 0 and space >= 0 else at


def context_end(text: str, end: int) -> int:
    at = min(len(text), end + CONTEXT_CHARS)
    space = text.rfind(" ", end, at)
    return space if at < len(text) and space > end else at


def edged(raw: str, words: str) -> str:
    """``words`` with a space at each edge where ``raw`` has white space there."""
    if not raw.strip():
        return " " if raw else ""
    return (" " if raw[0].isspace() else "") + words + (" " if raw[-1].isspace() else "")


def occurrence(doc: Document, change: Change) -> int:
    """Which of its document's marks the change is, as the site can find it: a correction
    among those with the same source reading (0 for the first), a removal among all the
    document's removals (1 for the first: its record's id ends ``-x1``)."""
    if change.kind == "removal":
        removals = [c for c in doc.changes if c.kind == "removal"]
        return removals.index(change) + 1 if change in removals else 0
    same = sorted(c.start for c in doc.changes if c.kind == "correction" and c.before == change.before)
    return same.index(change.start) if change.start in same else 0


def sort_key(item: Item):
    """Least certain first, then source order."""
    return (item.certainty, item.order, item.start, item.ident)


def is_confident_hyphen(item: Item) -> bool:
    return item.kind == "hyphen" and item.certainty >= CONFIDENT


def in_filter(item: Item, only: str = "") -> bool:
    """Whether filter ``only`` shows ``item``: by default everything but the confident
    line-end hyphens; "hyphen" the doubtful ones, "confident-hyphen" those; "all" everything."""
    if only == "all":
        return True
    if only == "confident-hyphen":
        return is_confident_hyphen(item)
    return not is_confident_hyphen(item) and (not only or item.kind == only)


def filtered(queue: tuple[Item, ...], only: str = "") -> tuple[Item, ...]:
    return tuple(item for item in queue if in_filter(item, only))


def review_queue(files) -> tuple[Item, ...]:
    """Every raw file's open items, least certain first, then in source order."""
    return tuple(sorted((item for queue in files for item in queue.items), key=sort_key))


def neighbours(queue: tuple[Item, ...], ident: str) -> tuple[int, Item | None, Item | None]:
    """The position of item ``ident`` in ``queue`` and the items before and after it."""
    position = next((k for k, item in enumerate(queue) if item.ident == ident), -1)
    if position < 0:
        return -1, None, None
    return (position, queue[position - 1] if position > 0 else None,
            queue[position + 1] if position + 1 < len(queue) else None)



def join_items(entries, text: str, raw: str, order: int = 0) -> tuple[Item, ...]:
    """Items for the flags the build's join raised for a raw file (a witness's other reading,
    in ``build-report.json``), placed in the raw text by the quote of their ready decision;
    the pipeline's reading is the one the decision expects. A document's own flags are in
    its records (``file_queue``)."""
    anchor_text, items = anchoring_text(text), []
    numbers: dict[str, int] = {}
    for entry in entries:
        document = entry.get("document", "")
        numbers[document] = numbers.get(document, 0) + 1
        if entry.get("kind") not in JOIN_FLAGS:
            continue
        table = tomllib.loads(entry.get("decision", "")).get("decision", [{}])[0]
        found = resolve(Quote(table.get("exact", ""), table.get("prefix", ""), table.get("suffix", ""),
                              table.get("at")), anchor_text)
        if not found.placed:
            continue
        before, after = context_start(text, found.start), context_end(text, found.end)
        context = (squash_runs(text[before:found.start]), squash_runs(text[found.end:after]))
        items.append(Item(ident=item_id(raw, entry["kind"], found.start, found.end, text[found.start:found.end]),
                          raw=raw, kind="flag", rule=entry["kind"], document=document, certainty=FLAG_CERTAINTY,
                          start=found.start, end=found.end, source=squash_runs(text[found.start:found.end]),
                          reading=str(table.get("expect", "")), context=context, reading_context=context,
                          line=text.count("\n", 0, found.start) + 1, order=order, message=entry.get("message", ""),
                          settles=tuple(entry.get("settles", ("correct", "check"))),
                          mark=text[found.start:found.end], occurrence=numbers[document]))
    return tuple(items)
