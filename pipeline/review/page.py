"""The review page: one queue item at a time, its readings in context, and the actions.

Made with the site's HTML helpers (``pipeline.publish.html``), so text is escaped the same
way; every link and form points into the server, and the page loads its own stylesheet
and script only. Keys are marked on the buttons (``data-key``): the script turns a key
press into a click, so the page works with a mouse alone too.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from lxml import etree

from pipeline.editorial.decisions import NOT_XML
from pipeline.publish.html import h, page
from pipeline.review.queue import FILTERS, DocumentInfo, Item, in_filter

STYLESHEET, SCRIPT = "/assets/review.css", "/assets/review.js"
FILTER_LABELS = {"": "to review", "flag": "open questions", "correction": "corrections",
                 "hyphen": "doubtful hyphens", "removal": "removed furniture",
                 "confident-hyphen": "confident hyphens", "all": "everything"}
FILTER_HINTS = {"": "everything but the confident line-end hyphens",
                "hyphen": "line-end hyphens the pipeline was not sure of (certainty under 0.90)",
                "confident-hyphen": "line-end hyphens of certainty 0.90 or more, left out of the queue to review",
                "all": "every open item, the confident line-end hyphens too"}


@dataclass(frozen=True)
class View:
    """What one review page shows."""

    queue: tuple[Item, ...]          # the queue as filtered
    counts: dict                     # filter -> number of items
    only: str = ""                   # the filter in force
    item: Item | None = None         # the item shown
    document: DocumentInfo | None = None
    frame: str = ""                  # the document page shown below, with its anchor
    message: str = ""                # what the last action did
    status: str = ""                 # its status (applied, moot, conflict, refused, …)
    token: str = ""                  # the per-run secret every form carries
    who: str = ""
    refill: dict = field(default_factory=dict)  # a refused form's values and action, shown again
    items: tuple[Item, ...] = ()     # a document's own open items (when the item shown is the document)


def review_page(view: View) -> bytes:
    """The whole review page: a queue item, or a document as a whole (``document_card``)."""
    view = shown_safely(view)
    position = next((k for k, i in enumerate(view.queue) if view.item and i.ident == view.item.ident), -1)
    on_document = view.item is not None and view.item.kind == "document"
    card = document_card(view) if on_document else item_card(view, position) if view.item else empty(view)
    body = h("body", {"class": "review"},
             top_bar(view, position),
             message_box(view) if view.message else None,
             h("main", {"class": "review-main"}, card, document_frame(view)),
             key_help())
    title = (f"Review: {view.document.title or view.document.ident}" if on_document and view.document else
             f"Review {position + 1} of {len(view.queue)}" if view.item else "Review queue")
    return page(title, STYLESHEET, SCRIPT, body)


def printable(text: str) -> str:
    """``text`` with each character XML (so the page) cannot hold shown as its control picture
    (U+0001 as U+2401 "␁"), else as U+FFFD: what an editor typed and was refused, visible,
    not a crash."""
    return NOT_XML.sub(lambda m: chr(0x2400 + ord(m.group())) if m.group() < " " else "\ufffd", text)


def shown_safely(view: View) -> View:
    """The view with what an editor typed (a refused form, the message quoting it) and the
    document's title and date made safe to show."""
    document = view.document and replace(view.document, title=printable(view.document.title),
                                         date=printable(view.document.date))
    return replace(view, message=printable(view.message), document=document,
                   refill={name: printable(str(value)) for name, value in view.refill.items()})


def link(only: str, item: Item | None = None, **more) -> str:
    """The review page's address for an item under a filter (a document as a whole by its id)."""
    target = ("doc", item.document) if item is not None and item.kind == "document" else \
        ("item", item.ident if item else "")
    query = {name: value for name, value in (target, ("only", only), *more.items()) if value}
    return "/review" + (f"?{urlencode(query)}" if query else "")


def top_bar(view: View, position: int) -> etree._Element:
    queue = view.queue
    previous = queue[position - 1] if position > 0 else None
    following = queue[position + 1] if 0 <= position < len(queue) - 1 else None
    return h("header", {"class": "review-bar"},
             h("div", {"class": "bar-row"},
               h("h1", None, "Review queue"),
               h("span", {"class": "position", "id": "position"},
                 ("document " if view.item is not None and view.item.kind == "document" else "")
                 + (f"{position + 1} of {len(queue)}" if position >= 0 else f"{len(queue)} open")),
               h("nav", {"class": "stepper"},
                 step(previous, view.only, "prev", "k", "← Previous"),
                 step(following, view.only, "next", "j", "Next →")),
               h("a", {"class": "site-link", "href": "/documents", "data-key": "l"}, "All documents ",
                 h("kbd", None, "l"))),
             filter_pills(view.only, view.counts, view.item is not None and view.item.kind == "document"))


def filter_pills(only: str, counts: dict, elsewhere: bool = False) -> etree._Element:
    """The queue's filters with their counts; the one in force is marked (none while a
    document or the list is shown)."""
    return h("nav", {"class": "filters", "aria-label": "Show only"},
             *(h("a", {"href": link(name), "class": f"filter filter-{name or 'default'}",
                       "aria-current": "true" if name == only and not elsewhere else None,
                       "title": FILTER_HINTS.get(name)},
                 f"{FILTER_LABELS[name]} ", h("span", {"class": "count"}, str(counts.get(name, 0))))
               for name in FILTERS))


def step(target: Item | None, only: str, rel: str, key: str, label: str) -> etree._Element:
    if target is None:
        return h("span", {"class": "step disabled", "aria-disabled": "true"}, label)
    return h("a", {"class": "step", "rel": rel, "href": link(only, target), "data-key": key},
             label, " ", h("kbd", None, key))


def message_box(view: View) -> etree._Element:
    tone = "good" if view.status in ("applied", "moved") else "note" if view.status == "moot" else "bad"
    return h("div", {"class": f"message {tone}", "role": "status", "id": "message", "data-status": view.status},
             view.message)


def empty(view: View) -> etree._Element:
    what = FILTER_LABELS[view.only]
    return h("article", {"class": "item empty"},
             h("h2", None, "Nothing left to review" + (f" among the {what}" if view.only else "")),
             h("p", None, "Every change and question of this kind is settled. ",
               h("a", {"href": link("")}, "See the whole queue") if view.only else None))


def item_card(view: View, position: int) -> etree._Element:
    item, doc = view.item, view.document
    return h("article", {"class": f"item kind-{item.kind}", "id": "item", "data-item": item.ident,
                         "data-kind": item.kind, "data-position": str(position + 1)},
             h("p", {"class": "item-meta"},
               h("span", {"class": f"badge kind-{item.kind}"}, item.label),
               h("code", {"class": "rule"}, item.rule),
               h("span", {"class": "certainty", "title": "the pipeline's confidence (0 to 1)"},
                 "certainty ", h("strong", None, certainty(item))),
               h("span", {"class": "where"}, f"{item.raw}, line {item.line}")),
             h("p", {"class": "document"}, "in ",
               h("a", {"href": f"/site/doc/{item.document}.html"}, doc.title if doc and doc.title else item.document),
               h("span", {"class": "doc-id"}, item.document)),
             h("p", {"class": "question"}, item.message) if item.message else None,
             readings(item),
             quick_actions(view),
             more_actions(view))


def document_card(view: View) -> etree._Element:
    """A document as a whole (reached from the documents list, with or without open items):
    what it is, its open items, and its title, date and a note's call to decide."""
    item, doc = view.item, view.document
    title = doc.title if doc and doc.title else "(no title)"
    return h("article", {"class": "item kind-document", "id": "item", "data-item": item.ident, "data-kind": "document",
                         "data-document": item.document},
             h("p", {"class": "item-meta"},
               h("span", {"class": "badge kind-document"}, "document"),
               h("span", {"class": "where"}, f"{item.raw}, line {item.line}")),
             h("h2", {"class": "document-title", "id": "document-title"}, title,
               h("span", {"class": "doc-id"}, item.document)),
             h("p", {"class": "facts"}, "date ", h("strong", {"id": "document-date"}, doc.date if doc and doc.date
                                                   else "none"),
               " · ", doc.kind if doc and doc.kind else "document"),
             open_items(view.items),
             h("div", {"class": "document-forms"}, *document_forms(view)),
             h("p", {"class": "hint"}, "A title decision quotes the document's heading (its first words when it has "
                                       "none), a date decision its date line."))


def open_items(items: tuple[Item, ...], limit: int = 12) -> etree._Element:
    """The document's open items, each a link into the queue."""
    if not items:
        return h("p", {"class": "open-items none"}, "No open item in this document.")
    entries = [h("li", None, h("a", {"href": link(item_filter(item), item)},
                                  h("span", {"class": f"badge kind-{item.kind}"}, item.label), " ",
                                  h("q", None, item.source.strip() or item.mark), f" line {item.line}"))
               for item in items[:limit]]
    more = len(items) - limit
    confident = sum(1 for item in items if item_filter(item))
    parts = [f"{confident} of them confident line-end hyphens" if confident else "",
             f"the first {limit} shown" if more > 0 else ""]
    return h("div", {"class": "open-items"},
             h("p", None, f"{len(items)} open item{'s' if len(items) != 1 else ''} in this document"
                          + (f" ({'; '.join(p for p in parts if p)})" if any(parts) else "") + ":"),
             h("ul", None, *entries))


def item_filter(item: Item) -> str:
    """The filter whose queue holds ``item``."""
    return "confident-hyphen" if item.kind == "hyphen" and not in_filter(item) else ""


def documents_page(entries, counts: dict) -> bytes:
    """Every document of the working edition, in source order: its title, date, kind, raw
    file and open items; each opens the document on the review page."""
    rows = [h("tr", {"id": f"row-{e.info.ident}", "class": "none-open" if not e.items else None},
              h("td", {"class": "n"}, str(k)),
              h("td", None, h("a", {"href": link("", e.target), "class": "doc-link"},
                                printable(e.info.title) or "(no title)"),
                h("span", {"class": "doc-id"}, e.info.ident)),
              h("td", {"class": "date"}, printable(e.info.date) or "—"),
              h("td", None, e.info.kind),
              h("td", {"class": "where"}, f"{e.raw}, line {e.info.line}"),
              h("td", {"class": "count"}, str(e.items)),
              h("td", {"class": "count muted"}, str(e.confident)))
            for k, e in enumerate(entries, 1)]
    header = h("tr", None, *(h("th", {"class": cls}, label) for label, cls in (
        ("#", "n"), ("Document", None), ("Date", None), ("Kind", None), ("Raw file", None),
        ("To review", "count"), ("Confident hyphens", "count"))))
    raws = len({e.raw for e in entries})
    body = h("body", {"class": "review documents"},
             h("header", {"class": "review-bar"},
               h("div", {"class": "bar-row"},
                 h("h1", None, "Documents"),
                 h("span", {"class": "position"}, f"{len(entries)} in {raws} raw file{'s' if raws != 1 else ''}"),
                 h("a", {"class": "site-link", "href": link(""), "data-key": "q"}, "Review queue ",
                   h("kbd", None, "q"))),
               filter_pills("", counts, elsewhere=True)),
             h("main", {"class": "review-main"},
               h("table", {"class": "document-list", "id": "documents"},
                 h("thead", None, header), h("tbody", None, *rows))))
    return page("Documents", STYLESHEET, SCRIPT, body)


def certainty(item: Item) -> str:
    if item.kind == "flag":
        return "none (a question)"
    label = "high" if item.certainty >= 0.9 else "medium" if item.certainty >= 0.6 else "low"
    return f"{item.certainty:.2f} ({label})"


def readings(item: Item) -> etree._Element:
    """The source's reading and the edition's, each in its words, the item marked."""
    return h("dl", {"class": "readings"},
             h("div", {"class": "reading-row source-row"},
               h("dt", None, "Source"),
               h("dd", None, context_line(item.context, item.source, "source"))),
             h("div", {"class": "reading-row edition-row"},
               h("dt", None, "Edition" if item.kind != "flag" else "Edition now"),
               h("dd", None, context_line(item.reading_context, item.reading, "reading"))))


def context_line(context: tuple[str, str], words: str, cls: str) -> etree._Element:
    marked = h("mark", {"class": cls, "id": f"{cls}-reading"}, words) if words.strip() else \
        h("mark", {"class": f"{cls} nothing", "id": f"{cls}-reading", "title": "nothing: the text is removed"}, "∅")
    return h("span", {"class": "context"}, "…" if context[0] else None, context[0], marked, context[1],
             "…" if context[1] else None)


def hidden(view: View, action: str | None = None) -> list[etree._Element]:
    fields = [h("input", {"type": "hidden", "name": "token", "value": view.token}),
              h("input", {"type": "hidden", "name": "item", "value": view.item.ident}),
              h("input", {"type": "hidden", "name": "only", "value": view.only})]
    if action:
        fields.append(h("input", {"type": "hidden", "name": "action", "value": action}))
    return fields


def quick_actions(view: View) -> etree._Element:
    """One click (or key) each: accept and reject a change; check a question."""
    item = view.item
    buttons = []
    if item.kind != "flag":
        buttons += [button("accept", "a", "Accept", "the edition's reading stands, confirmed by you"),
                    button("reject", "r", "Reject", "keep the source's reading")]
    if "check" in item.settles:
        buttons.append(button("check", "c", "Checked, leave as it is", "close the question; the text stays as it is"))
    return h("form", {"class": "quick", "method": "post", "action": "/action"}, *hidden(view), *buttons,
             h("span", {"class": "who"}, f"deciding as {view.who}"),
             h("p", {"class": "hint"}, quick_hint(item)))


def quick_hint(item: Item) -> list:
    """What each one-key action will make the edition read."""
    if item.kind == "flag":
        return ["Checked closes the question and leaves the text as it is; or correct the reading below."]
    return ["Accept keeps the edition's ", reading_words(item.reading), "; Reject restores the source's ",
            reading_words(item.source), "."]


def reading_words(words: str) -> etree._Element:
    return h("q", None, words) if words.strip() else h("span", {"class": "nothing"}, "nothing (removed)")


def button(action: str, key: str, label: str, hint: str) -> etree._Element:
    return h("button", {"type": "submit", "name": "action", "value": action, "class": f"act {action}",
                        "data-key": key, "title": hint}, label, " ", h("kbd", None, key))


def more_actions(view: View) -> list[etree._Element]:
    """The actions that need a value: a reading; folded below it, the document's title
    and date and a note's call (open where the question is about one of them, or where a
    value the editor gave there was refused)."""
    item, refill = view.item, view.refill
    if item.kind == "document":
        return []
    correct = value_form(view, "correct", "Correct the reading", "Correct",
                         entry(refill, "correct", "value", "Reading", item.reading, wide=True),
                         entry(refill, "correct", "evidence", "Evidence (optional)"))
    about_document = bool({"title", "date", "link", "name"} & (set(item.settles) | {refill.get("action")}))
    return [h("section", {"class": "more", "aria-label": "Correct the reading"}, correct),
            h("details", {"class": "document-actions", "open": "open" if about_document else None},
              h("summary", None, "The document: title, date, a note's call, a name"),
              h("div", {"class": "document-forms"}, *document_forms(view)))]


def document_forms(view: View) -> list[etree._Element]:
    item, doc, refill = view.item, view.document, view.refill
    return [value_form(view, "title", "Title", "Set title",
                       entry(refill, "title", "value", "Title", doc.title if doc else "", wide=True),
                       entry(refill, "title", "evidence", "Evidence (optional)", wide=True)),
            value_form(view, "date", "Date", "Set date",
                       entry(refill, "date", "date", "Date", placeholder="YYYY-MM-DD", wide=True),
                       entry(refill, "date", "not_before", "or not before", placeholder="YYYY-MM-DD"),
                       entry(refill, "date", "not_after", "not after", placeholder="YYYY-MM-DD"),
                       entry(refill, "date", "evidence", "Evidence (optional)", wide=True),
                       note=f"now: {doc.date}" if doc and doc.date else "now: no date"),
            value_form(view, "link", "A note's call", "Link",
                       entry(refill, "link", "note", "Note number", item.key),
                       entry(refill, "link", "call", "Words where the call stands", wide=True,
                             placeholder="as printed, e.g. “the peace 5 of”"),
                       note="with the number printed, that number is the call; without it, the call "
                            "goes after the words"),
            value_form(view, "name", "A name", "Name",
                       entry(refill, "name", "words", "The name as printed", wide=True,
                             placeholder="e.g. “Kerenskys”, with a word around it if it stands twice"),
                       entry(refill, "name", "ref", "Register key", placeholder="e.g. kerensky, or none"),
                       note="tags the words with the register entry (a key of editorial/register.toml); "
                            "“none” takes the tag they have away")]


def entry(refill: dict, action: str, name: str, label: str, value: str = "", **options) -> etree._Element:
    """A text field of ``action``'s form: what the editor typed when it was refused, else ``value``."""
    given = refill.get(name, value) if refill.get("action") == action else value
    return text_field(name, label, given, **options)


def value_form(view: View, action: str, legend: str, label: str, *fields, note: str = "") -> etree._Element:
    return h("form", {"class": f"value-form {action}", "method": "post", "action": "/action", "id": f"form-{action}"},
             *hidden(view, action),
             h("fieldset", None, h("legend", None, legend), *fields,
               h("button", {"type": "submit", "class": f"act {action}"}, label),
               h("p", {"class": "form-note"}, note) if note else None))


def text_field(name: str, label: str, value: str = "", placeholder: str = "", wide: bool = False) -> etree._Element:
    return h("label", {"class": "field wide" if wide else "field"},
             h("span", None, label),
             h("input", {"type": "text", "name": name, "value": value, "placeholder": placeholder or None,
                         "autocomplete": "off", "spellcheck": "false"}))


def document_frame(view: View) -> etree._Element | None:
    if not view.frame:
        return None
    heading = "The rebuilt document" if view.message and view.status != "refused" else "The document"
    return h("section", {"class": "document-view"},
             h("h2", None, heading, " ", h("a", {"href": view.frame, "class": "open"}, "open on its own")),
             h("iframe", {"src": view.frame, "title": heading, "id": "document-frame"}))


def key_help() -> etree._Element:
    keys = (("j", "next"), ("k", "previous"), ("a", "accept"), ("r", "reject"), ("c", "check a question"),
            ("l", "the documents list"))
    return h("footer", {"class": "keys"}, "Keys: ",
             *[[h("kbd", None, key), f" {what}", " · " if k < len(keys) - 1 else ""]
               for k, (key, what) in enumerate(keys)],
             " (also ← →). In the document below, ", h("kbd", None, "d"), " switches the reading and the source.")
