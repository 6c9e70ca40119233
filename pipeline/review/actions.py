"""What an editor's click in review mode means, as the fields of one ``[[decision]]``.

Each action on a queue item becomes exactly the table an editor would write by hand
(``pipeline.editorial.decisions``): anchored by a quote of the item's raw span (whole
words, with enough context to be unique, made by ``make_quote``), with ``expect`` the
pipeline's current reading (or the document's current title or date), so that the build
applies it now and calls it stale, never silently, once the pipeline reads otherwise.

Everything here is pure: a bad value raises ``ReviewInputError`` with what to change, and
nothing is written (``pipeline.review.writer`` writes, after the strict loader accepted
the result).
"""

from __future__ import annotations

import regex

from pipeline.editorial.anchors import AnchorText, make_quote, resolve, squash_quote
from pipeline.editorial.decisions import ISO_DATE
from pipeline.errors import ReviewInputError
from pipeline.review.queue import DocumentInfo, Item

#: the actions of review mode, in the order the page offers them
ACTIONS = ("accept", "reject", "correct", "title", "date", "link", "name", "check")
#: actions that decide a change the pipeline made (a flag has no change to accept)
CHANGE_ACTIONS = {"accept", "reject"}
#: actions on the document as a whole, and the span of it each quotes (``DocumentInfo``)
DOCUMENT_SPANS = {"title": "heading", "date": "dateline"}
#: what an editor can decide from a document's own page (it has no item open)
DOCUMENT_ACTIONS = ("title", "date", "link", "name")
#: form fields each action reads, beyond the item
FORM_FIELDS = {"correct": ("value", "evidence"), "title": ("value", "evidence"),
               "date": ("date", "not_before", "not_after", "evidence"), "link": ("note", "call"),
               "name": ("words", "ref")}
#: the ``ref`` of a name decision that takes the annotator's tag away (``pipeline.annotate.decided``)
NO_ENTRY = "none"


def decision_fields(action: str, item: Item, form: dict, doc: DocumentInfo, anchor_text: AnchorText,
                    who: str, when: str, register_keys: frozenset[str] | None = None) -> dict:
    """The fields of the decision ``action`` makes on ``item`` (no key yet); ``register_keys``,
    the register's keys, lets a name decision naming no entry be refused before it is written."""
    if action not in ACTIONS:
        raise ReviewInputError(item.raw, f"“{action}” is not an action of review mode",
                               f"use one of {', '.join(ACTIONS)}")
    values = {name: str(form.get(name, "")).strip() for name in FORM_FIELDS.get(action, ())}
    fields = {"kind": action, "who": who, "when": when}
    if action == "link":
        fields.update(link_anchor(item, values, doc, anchor_text))
        fields["note"] = note_number(item, values)
        return fields
    if action == "name":
        start, end = unique_phrase(item, values["words"], doc, anchor_text, "the mention's words")
        fields.update(quote_fields(item, anchor_text, start, end))
        fields.update(name_values(item, values, doc, start, end, register_keys))
        return fields
    fields.update(quote_fields(item, anchor_text, *quoted_span(action, item, doc)))
    fields.update(VALUES[action](item, values, doc))
    return {name: value for name, value in fields.items() if value != "" or name == "expect"}


def quoted_span(action: str, item: Item, doc: DocumentInfo) -> tuple[int, int]:
    """The raw span the decision quotes: a title decision quotes the document's heading, a
    date decision its date line (``queue.document_spans``), never the item that happened to
    be open (site chrome, a hyphen far down the page); the others quote the item."""
    if action not in DOCUMENT_SPANS:
        if item.kind == "document":
            raise ReviewInputError(item.raw, f"a document as a whole cannot be given “{action}”",
                                   "open one of its items in the queue to decide a reading")
        return item.start, item.end
    start, end = getattr(doc, DOCUMENT_SPANS[action])
    if end <= start:
        raise ReviewInputError(item.raw, f"document {doc.ident} has no words to quote for its {action}",
                               "write this decision by hand")
    return start, end


def quote_fields(item: Item, anchor_text: AnchorText, start: int, end: int) -> dict:
    """exact, prefix, suffix and at of raw ``[start, end)``; refused when even the longest
    context leaves it ambiguous (the build could not place it)."""
    quote = make_quote(anchor_text, start, end)
    if resolve(quote, anchor_text).status != "found":
        raise ReviewInputError(item.raw, f"“{quote.exact}” stands more than once with the same words around it",
                               "write this decision by hand with a longer prefix or suffix")
    return {"exact": quote.exact, "prefix": quote.prefix, "suffix": quote.suffix, "at": quote.at}


def change_values(item: Item, values: dict, doc: DocumentInfo) -> dict:
    if item.kind == "flag":
        raise ReviewInputError(item.raw, f"the {item.rule} flag is a question, not a change to accept or reject",
                               f"settle it with {' or '.join(item.settles)}")
    return {"expect": item.reading}


def correct_values(item: Item, values: dict, doc: DocumentInfo) -> dict:
    value = " ".join(values["value"].split())
    if not value:
        raise ReviewInputError(item.raw, "a correction needs the reading the edition should give",
                               "type it in the field before pressing Correct")
    if value == item.reading:
        raise ReviewInputError(item.raw, f"the edition already reads “{value}”",
                               "accept the pipeline's reading instead, or type another reading")
    return {"expect": item.reading, "value": value, "evidence": values["evidence"]}


def title_values(item: Item, values: dict, doc: DocumentInfo) -> dict:
    value = " ".join(values["value"].split())
    if not value:
        raise ReviewInputError(item.raw, "a title decision needs the title", "type the title the document should have")
    return {"expect": doc.title, "value": value, "evidence": values["evidence"]}


def date_values(item: Item, values: dict, doc: DocumentInfo) -> dict:
    dates = {name: values[name] for name in ("date", "not_before", "not_after") if values[name]}
    if not dates:
        raise ReviewInputError(item.raw, "a date decision needs a date, or a not-before and/or not-after date",
                               "give dates as YYYY-MM-DD (or YYYY-MM, YYYY)")
    for name, value in dates.items():
        if not ISO_DATE.match(value):
            raise ReviewInputError(item.raw, f"{name.replace('_', ' ')} “{value}” is not an ISO date",
                                   "write it as YYYY-MM-DD, YYYY-MM or YYYY")
    if "date" in dates and len(dates) > 1:
        raise ReviewInputError(item.raw, "give either one date or a range (not before / not after), not both")
    if dates.get("not_before", "") > dates.get("not_after", "9999"):
        raise ReviewInputError(item.raw, f"not before {dates['not_before']} is later than "
                                         f"not after {dates['not_after']}")
    return {"expect": doc.date, **dates, "evidence": values["evidence"]}


def check_values(item: Item, values: dict, doc: DocumentInfo) -> dict:
    if item.kind != "flag":
        raise ReviewInputError(item.raw, "only an open question (a flag) is checked",
                               "accept or reject a change of the pipeline")
    return {"flag": item.rule}


VALUES = {"accept": change_values, "reject": change_values, "correct": correct_values, "title": title_values,
          "date": date_values, "check": check_values}


def note_number(item: Item, values: dict) -> str:
    number = values["note"] or item.key
    if not regex.fullmatch(r"[0-9]+|\*+|[a-z0-9-]+", number):
        raise ReviewInputError(item.raw, f"“{number}” is not a note number",
                               "give the number the note is printed with")
    return number


def link_anchor(item: Item, values: dict, doc: DocumentInfo, anchor_text: AnchorText) -> dict:
    """The quote of a note's call: the words of the document where the call stands, as
    printed. When they hold the note's number as a word, that number is the call; else the
    call was lost and goes right after them."""
    if not squash_quote(values["call"]).strip():
        raise ReviewInputError(item.raw, "a link needs the words where the note's call stands",
                               "copy a few words of the source around the call (with its number, if printed)")
    phrase = squash_quote(values["call"]).strip()
    start, end = flat_phrase(item, phrase, doc, anchor_text)
    number = values["note"] or item.key
    call = regex.search(rf"(?<!\w){regex.escape(number)}(?!\w)", phrase) if number else None
    if call is not None:
        start, end = start + call.start(), start + call.end()
    raw_start, raw_end = anchor_text.span_to_raw(start, end)
    return quote_fields(item, anchor_text, raw_start, raw_end)


def flat_phrase(item: Item, phrase: str, doc: DocumentInfo, anchor_text: AnchorText) -> tuple[int, int]:
    """The one place ``phrase`` stands in the document's source text, in the anchoring text's
    offsets; refused when it stands nowhere or more than once (the build could not place it)."""
    low, high = anchor_text.to_flat(doc.start), anchor_text.to_flat(doc.end)
    found = [m.start() for m in regex.finditer(regex.escape(phrase), anchor_text.text[low:high], overlapped=True)]
    if len(found) != 1:
        problem = "is not in the document's source text" if not found else f"stands {len(found)} times in the document"
        raise ReviewInputError(item.raw, f"“{phrase}” {problem}", "quote the words as the source prints them, "
                                                                    "with enough of them to be unique")
    return low + found[0], low + found[0] + len(phrase)


def unique_phrase(item: Item, words: str, doc: DocumentInfo, anchor_text: AnchorText, what: str) -> tuple[int, int]:
    """The raw span of ``words`` (as the source prints them), standing once in the document."""
    phrase = squash_quote(words).strip()
    if not phrase:
        raise ReviewInputError(item.raw, f"a name decision needs {what}",
                               "copy the name as the source prints it (with a word around it if it stands twice)")
    return anchor_text.span_to_raw(*flat_phrase(item, phrase, doc, anchor_text))


def name_values(item: Item, values: dict, doc: DocumentInfo, start: int, end: int,
                register_keys: frozenset[str] | None) -> dict:
    """ref and expect of a name decision: the register key the quoted words name (or "none",
    to take a tag away) and the key the annotator gives them now (``DocumentInfo.names``)."""
    ref = values["ref"].strip().lower()
    if not ref:
        raise ReviewInputError(item.raw, "a name decision needs the register key the words name",
                               f"give a key of editorial/register.toml (lenin, moscow, …) or “{NO_ENTRY}”")
    if ref != NO_ENTRY and register_keys is not None and ref not in register_keys:
        raise ReviewInputError(item.raw, f"the register has no entry “{ref}”",
                               f"give a key of editorial/register.toml, or “{NO_ENTRY}” to take a tag away")
    current = tag_at(doc, start, end)
    if ref == current:
        raise ReviewInputError(item.raw, f"the edition already gives these words “{ref}”",
                               "nothing to decide: choose another key, or other words")
    return {"expect": current, "ref": ref}


def tag_at(doc: DocumentInfo, start: int, end: int) -> str:
    """The register key of the tagged mention that overlaps raw ``[start, end)`` most, or "none"
    (as the annotate stage reads a name decision: ``pipeline.annotate.decided.current_tag``)."""
    hits = [(min(e, end) - max(s, start), -s, key) for s, e, key in doc.names if s < end and start < e]
    return max(hits)[2] if hits else NO_ENTRY


def decision_key(kind: str, item_ident: str, taken: set[str]) -> str:
    """A key for the new decision, unique in its file: the kind and the item's id.

    >>> decision_key("reject", "3fa2c1d09b7e", set()), decision_key("title", "3fa2c1d09b7e", {"title-3fa2c1d0"})
    ('reject-3fa2c1d0', 'title-3fa2c1d0-2')
    """
    base = f"{kind}-{item_ident[:8]}"
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}-{n}"
    return key
