"""A ready decision for every open flag: what the ``flags`` command prints, the build
report keeps and review mode offers, made in one place so that all three quote alike.

A template is *ready to paste*: as printed (with ``who`` and ``when`` filled in) it loads,
applies and settles its flag, never a conflict, a placeholder or a moot decision. Where the
pipeline has a proposal of its own (the page the numbering gives a line), the template
makes it; where it has none (a reading it could not decide, a title it supplied), the
template is a ``check`` ("seen, left as it is"), and the decision that would change the
edition follows as TOML comments, with the current values filled in, for the editor to
complete.
"""

from __future__ import annotations

import regex

from pipeline.context import context_of
from pipeline.editorial.anchors import make_quote
from pipeline.editorial.decisions import SETTLES, format_decision

#: a quote an editor can read: a long flagged span is cut to its first words
QUOTE_WORDS = 8


def whole_words(text: str, start: int, end: int, words: int = QUOTE_WORDS) -> tuple[int, int]:
    """A flag's span widened to whole words, and a long one cut to its first ``words``
    words: a quote an editor can read.

    >>> text = "the woTkers of Britain"
    >>> whole_words(text, 6, 8)
    (4, 11)
    """
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    pieces = list(regex.finditer(r"\S+", text[start:end]))
    if len(pieces) > words:
        end = start + pieces[words - 1].end()
    return start, end


def flag_entry(source, doc, flag, anchor_text, changes, page_at=None, context=None) -> dict:
    """A flag as the ``flags`` command and the build report show it: where, the text
    around it, and a decision to paste (``who`` and ``when`` are filled in when printed).
    ``page_at(offset)`` gives the printed page the numbering puts a raw offset on;
    ``context`` is the source's ``SourceContext`` (its table of line starts)."""
    start, end = whole_words(source.text, flag.start, max(flag.end, flag.start + 1))
    quote = make_quote(anchor_text, start, end)
    line = context_of(source, context).line_number(flag.start)
    anchor = {"exact": quote.exact, "prefix": quote.prefix, "suffix": quote.suffix, "at": quote.at}
    fields, alternative = proposal(flag, doc, source, changes, page_at)
    decision = format_decision({"kind": fields.pop("kind"), **anchor, **fields})
    if alternative:
        decision += "".join(f"# {line}\n" for line in alternative)
    return {"document": doc.ident, "kind": flag.kind, "line": line, "message": flag.message,
            "context": f"{quote.prefix}[{quote.exact}]{quote.suffix}", "decision": decision,
            "settles": list(SETTLES.get(flag.kind, ("check",)))}


def proposal(flag, doc, source, changes, page_at=None) -> tuple[dict, list[str]]:
    """The fields (beyond the anchor) of the ready decision for ``flag``, and the lines of
    the decision that would change the edition instead, for the editor to complete."""
    if flag.kind == "page-conflict" and page_at is not None and page_at(flag.start):
        page = page_at(flag.start)
        return {"kind": "page", "page": page}, [
            "the numbering puts this line on that page; change page if the print says otherwise,",
            "or make it kind = \"check\" with flag = \"page-conflict\" to leave the numbering as it is"]
    return {"kind": "check", "flag": flag.kind}, alternative_lines(flag, doc, source, changes)


def alternative_lines(flag, doc, source, changes) -> list[str]:
    """What to write instead of the check to change the edition, with today's values."""
    from pipeline.editorial.apply import date_string
    from pipeline.repair import repaired_slice
    other = next((kind for kind in SETTLES.get(flag.kind, ()) if kind != "check"), None)
    if other is None:
        return []
    head = f"to change the edition instead: kind = \"{other}\""
    if other == "title":
        return [head, f"expect = {toml_string(doc.meta.title)}", "value = \"the title\"",
                "evidence = \"where the title comes from\""]
    if other == "date":
        return [head, f"expect = {toml_string(date_string(doc.meta.date))}", "date = \"YYYY-MM-DD\"",
                "(or not_before / not_after), evidence = \"where the date comes from\""]
    if other == "kind":
        return [head, f"expect = {toml_string(doc.meta.doc_type)}",
                "value = \"letter\" (or telegram, note, speech, decree, …)"]
    if other == "correct":
        current = " ".join(repaired_slice(source.text, changes, flag.start, flag.end).split())
        return [head, f"expect = {toml_string(current)}", "value = \"the right reading\""]
    if other == "link":
        number = f"\"{flag.key}\"" if flag.key else "\"the note's number\""
        return [head, f"note = {number}", "and exact/prefix/suffix quoting the call where it stands in the text"]
    if other == "page":
        return [head, "page = the printed page this line stands on"]
    return [head]


def toml_string(value: str) -> str:
    """A value as it would stand in the file (for the commented alternative)."""
    return format_decision({"v": value or ""}).split("=", 1)[1].strip().splitlines()[0]
