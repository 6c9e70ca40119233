"""Applying editors' decisions, case by case, on the synthetic book of test_editorial.py
with one of its calls lost: a note kept in the wrong document is brought to the call an
editor links (with its corrections and flags); each outcome's status, detail and line.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from test_editorial import DOCS, doc_holding, quote_of, run
from pipeline.editorial.anchors import Quote
from pipeline.editorial.apply import (Outcome, add_note, apply_document_decisions, bring_note, changes_revisions,
                                      check_flag, close_page_flags, correct, link_call, page_outcomes, reading,
                                      reject, set_date, set_meta, short)
from pipeline.editorial.anchors import Resolution
from pipeline.editorial.decisions import Decision, Editor, Editorial, default_key
from pipeline.encode import encode_document
from pipeline.model import Change, DateValue, Document, Flag, Meta, Note, NoteCall, PageBreak, Source
from pipeline.teitext import reading_text
from synthetic_book import lay_out

NS = {"tei": "http://www.tei-c.org/ns/1.0"}


@pytest.fixture(scope="module")
def lost_call():
    """The book with note 1's call lost and its "p. 11" misread as "p. 15": the note is kept in
    the third document, whose page that is."""
    text = lay_out(DOCS).text.replace("negotiations in London.", "negotiations in Lon¬\ndon.", 1)
    text = text.replace("without exception. The 1\n", "without exception. The\n", 1)
    text = text.replace("Lon¬\ndon. p. 11", "Lon¬\ndon. p. 15", 1)
    return Source("book.txt", "book.txt", text, "ia-ocr", "", "utf-8")


def notes_of(processed):
    return {d.ident: [n.n for n in d.notes] for d in processed.documents}


def test_a_linked_note_is_brought_to_its_call_with_its_record(lost_call):
    plain, _ = run(lost_call)
    assert notes_of(plain) == {"book-front": [], "book-d1": [], "book-d2": ["2", "3"], "book-d3": ["1", "4"]}
    d3 = plain.documents[3]
    assert [(f.kind, f.key) for f in d3.flags] == [("note-unlinked", "1")]
    assert [c.rule for c in d3.changes] == ["line-end-hyphen:no"]
    link = {"key": "l1", "kind": "link", **quote_of(lost_call, "without exception. The"), "note": "1"}
    processed, outcomes = run(lost_call, link)
    assert (outcomes["l1"].status, outcomes["l1"].document) == ("applied", "book-d1")
    assert notes_of(processed) == {"book-front": [], "book-d1": ["1"], "book-d2": ["2", "3"], "book-d3": ["4"]}
    d1, d3 = processed.documents[1], processed.documents[3]
    assert d3.flags == () and d3.changes == () and [p.n for p in d3.pages] == [p.n for p in plain.documents[3].pages]
    assert [c.rule for c in d1.changes] == ["ocr-confusion", "ocr-confusion", "line-end-hyphen:no"]
    assert [c.start for c in d1.changes] == sorted(c.start for c in d1.changes)
    assert [(c.n, c.lost, c.revision) for c in d1.calls] == [("1", True, "l1")]
    root = encode_document(d1, d1.ident)
    note = root.find(".//tei:back//tei:note[@n='1']", NS)
    assert note.get("target") == "#book-d1-r1" and "Lon-don" not in reading_text(note)
    assert note.find(".//tei:pc[@type='hyphen']", NS) is not None
    assert len(root.xpath("//tei:body//tei:ref[@xml:id='book-d1-r1']", namespaces=NS)) == 1
    assert "negotiations" not in reading_text(encode_document(d3, d3.ident).find(".//tei:back", NS))


def test_an_editors_note_stands_first_among_the_notes(lost_call):
    note = {"key": "n1", "kind": "note", **quote_of(lost_call, "secret diplomacj^ must go."), "text": "Editor."}
    link = {"key": "l1", "kind": "link", **quote_of(lost_call, "without exception. The"), "note": "1"}
    processed, outcomes = run(lost_call, note, link)
    assert [o.status for o in outcomes.values()] == ["applied", "applied"]
    d1 = processed.documents[1]
    assert [(n.n, n.type) for n in d1.notes] == [("e1", "editorial"), ("1", "endnote")]


def test_a_split_is_a_revision_of_the_new_document_only_also_when_its_anchor_moved(lost_call):
    """The split is listed in the revisionDesc of the document it made, and of no other; a
    split whose position hint is stale (moved) is recorded just the same."""
    split = {"key": "s1", "kind": "split", **quote_of(lost_call, "In the fourth place"), "value": "A second part"}
    for table, status in ((split, "applied"), ({**split, "at": split["at"] + 3}, "moved")):
        processed, outcomes = run(lost_call, table)
        assert (outcomes["s1"].status, outcomes["s1"].document) == (status, "book-d3-2")
        assert {d.ident: [r.key for r in d.revisions] for d in processed.documents} == {
            "book-front": [], "book-d1": [], "book-d2": [], "book-d3": [], "book-d3-2": ["s1"]}, status
        # a moved anchor says where it was found, as every other kind of decision does
        assert (outcomes["s1"].detail.startswith("found at offset")) == (status == "moved"), outcomes["s1"].detail


def test_a_link_to_a_note_the_document_lacks(lost_call):
    link = {"key": "l9", "kind": "link", **quote_of(lost_call, "without exception. The"), "note": "9"}
    _, outcomes = run(lost_call, link)
    assert (outcomes["l9"].status, outcomes["l9"].detail) == ("conflict", "the document has no note 9")
    assert outcomes["l9"].line() == ("editorial/book.toml:1: conflict: link “without exception. The” in book-d1: "
                                     "the document has no note 9")


# ------------------------------------------------------------------ one handler at a time


SOURCE = Source("p.txt", "p.txt", "Comrade Krasin, read note 2 and note 3 again.", "mia", "", "utf-8")


def decision(kind: str, exact: str, **values) -> Decision:
    return Decision(key="k1", kind=kind, who="ed", when="2026-11-22", quote=Quote(exact), origin="e/p.toml:4",
                    expect=values.pop("expect", None), values=tuple(values.items()))


def placed(exact: str, occurrence: int = 0) -> Resolution:
    start = -1
    for _ in range(occurrence + 1):
        start = SOURCE.text.index(exact, start + 1)
    return Resolution("found", start, start + len(exact))


def page_doc(**fields) -> Document:
    notes = (Note("2", 100, 110, 101, ()), Note("3", 110, 120, 111, ()), Note("e1", 46, 46, 46, (), type="editorial",
                                                                          key="en1", text="x"))
    return Document(SOURCE, 0, len(SOURCE.text), Meta("A Note"), notes=notes, **fields)


def test_linking_a_printed_call():
    doc = page_doc(calls=(NoteCall(1, 2, "2"),), flags=(Flag("note-unlinked", 100, 110, "note 2", "2"),
                                                         Flag("call-without-note", 26, 27, "call 2", "2"),
                                                         Flag("note-unlinked", 110, 120, "note 3", "3")))
    new, status, detail, words = link_call(doc, decision("link", "2", note="2"), placed("2"), SOURCE.text)
    assert (status, detail, words) == ("applied", "", "linked note 2 to the call “2”")
    assert [(c.start, c.end, c.n, c.lost, c.revision) for c in new.calls] == [(26, 27, "2", False, "k1")]
    assert [f.key for f in new.flags] == ["3"]
    again, status, detail, _ = link_call(new, decision("link", "2", note="2"), placed("2"), SOURCE.text)
    assert (status, detail) == ("moot", "the pipeline now links this call itself") and again is new
    lost, status, _, words = link_call(doc, decision("link", "read note", note="3"), placed("read note"),
                                       SOURCE.text)
    assert status == "applied" and words == "linked note 3 to a call the source lost, after “read note”"
    assert [(c.start, c.end, c.n, c.lost) for c in lost.calls] == [(1, 2, "2", False), (25, 25, "3", True)]
    _, status, detail, _ = link_call(doc, decision("link", "2", note="e1"), placed("2"), SOURCE.text)
    assert (status, detail) == ("conflict", "the document has no note e1"), "an editor's note has no printed call"


def test_checking_a_flag():
    flags = (Flag("ocr-unclear", 8, 14, "“Krasin” may be misread", "a"), Flag("page-conflict", 15, 15, "page", ""),
             Flag("ocr-unclear", 26, 27, "“2”", "b"))
    doc = page_doc(flags=flags)
    new, status, detail, words = check_flag(doc, decision("check", "Krasin", flag="ocr-unclear"), placed("Krasin"),
                                            SOURCE.text)
    assert (status, detail, words) == ("applied", "", "checked: “Krasin” may be misread")
    assert new.flags == flags[1:]
    for exact in ("Comrade", ", read"):
        _, status, detail, _ = check_flag(doc, decision("check", exact, flag="ocr-unclear"), placed(exact),
                                          SOURCE.text)
        assert (status, detail) == ("moot", "no “ocr-unclear” flag stands there now"), exact
    point, status, _, _ = check_flag(doc, decision("check", " ", flag="page-conflict"), placed(" ", 1), SOURCE.text)
    assert status == "applied" and point.flags == (flags[0], flags[2]), "a flag at a point is hit by a quote there"
    _, status, _, _ = check_flag(doc, decision("check", "r", flag="page-conflict"), Resolution("found", 16, 17),
                                 SOURCE.text)
    assert status == "moot", "a quote just after a point misses it"
    witness, status, detail, words = check_flag(doc, decision("check", "note 2 and note 3", flag="witness-difference"),
                                                Resolution("moved", 21, 38, "found at offset 21, not 3"), SOURCE.text)
    assert (witness, status, detail, words) == (doc, "moved", "", "checked the witnesses' reading at “note 2 and "
                                                                  "note 3”")


EDITORIAL = Editorial(editors=(Editor("ed", "A. Editor"),))


def test_an_editors_note_is_numbered_after_the_others_and_called_at_a_point():
    """An editor's note has no printed mark: its call is a lost (empty) point after the quote,
    and it is numbered e2, id en2, after the editor's note e1 the document has."""
    new, status, detail, words = add_note(page_doc(), decision("note", "Krasin", text="L. B. Krasin."),
                                          placed("Krasin"), SOURCE.text)
    assert (status, detail, words) == ("applied", "", "added an editor’s note after “Krasin”")
    note, call = new.notes[-1], new.calls[-1]
    assert (note.n, note.note_key, note.start, note.end, note.type, note.text, note.who) == (
        "e2", "en2", 14, 14, "editorial", "L. B. Krasin.", "ed")
    assert (call.start, call.end, call.n, call.note_key, call.lost, call.revision) == (14, 14, "e2", "en2", True, "k1")


def test_a_quote_outside_every_document_is_an_orphan():
    title = decision("title", "again", expect="A Note", value="New")
    docs, (outcome,) = apply_document_decisions([page_doc(ident="p")], [(title, Resolution("found", 60, 65))],
                                                EDITORIAL, SOURCE.text)
    assert (outcome.decision, outcome.status, outcome.detail, outcome.document) == (
        title, "orphan", "the quote is outside every document", "")
    assert docs == (page_doc(ident="p"),)


def test_a_moved_title_decision_is_applied_recorded_and_says_where_it_was_found():
    title = decision("title", "Krasin", expect="A Note", value="Note to L. B. Krasin")
    moved = Resolution("moved", 8, 14, "found at offset 8, not 3")
    docs, (outcome,) = apply_document_decisions([page_doc(ident="p")], [(title, moved)], EDITORIAL, SOURCE.text)
    assert (outcome.status, outcome.detail, outcome.document) == ("moved", "found at offset 8, not 3", "p")
    assert docs[0].meta.title == "Note to L. B. Krasin"
    assert [(r.key, r.kind, r.text, r.who_name) for r in docs[0].revisions] == [
        ("k1", "title", "title set to “Note to L. B. Krasin”", "A. Editor")]


def test_a_title_decision_closes_the_supplied_title_flag_unless_it_conflicts():
    """An applied or a moot title decision settles the "title-supplied" flag (the title is
    the editor's now); a conflicting one settles nothing. Other flags stay."""
    flags = (Flag("title-supplied", 0, 0, "no title is printed"), Flag("ocr-unclear", 8, 14, "“Krasin”", "a"))
    cases = {"applied": ("A Note", "Note to L. B. Krasin"), "moot": ("Something", "A Note"),
             "conflict": ("Something", "Another title")}
    for status, (expect, value) in cases.items():
        title = decision("title", "Krasin", expect=expect, value=value)
        docs, (outcome,) = apply_document_decisions([page_doc(ident="p", flags=flags)], [(title, placed("Krasin"))],
                                                    EDITORIAL, SOURCE.text)
        assert outcome.status == status
        assert [f.kind for f in docs[0].flags] == (["title-supplied", "ocr-unclear"] if status == "conflict"
                                                   else ["ocr-unclear"]), status


def test_a_title_set_by_an_editor_is_a_supplied_title_and_a_place_is_not():
    title = decision("title", "Krasin", expect="A Note", value="Note to L. B. Krasin", evidence="the index")
    new, status, detail, words = set_meta(page_doc(), title, placed("Krasin"), SOURCE.text)
    assert (new.meta.title, new.meta.title_supplied, status, detail) == ("Note to L. B. Krasin", True, "applied", "")
    assert words == "title set to “Note to L. B. Krasin” (from the index)"
    place = decision("place", "Krasin", expect="", value="Moscow")
    new, status, _, _ = set_meta(page_doc(), place, placed("Krasin"), SOURCE.text)
    assert (new.meta.place, new.meta.title_supplied, status) == ("Moscow", False, "applied")


def test_a_date_decision_sets_a_range_with_its_evidence():
    dated = decision("date", "Krasin", expect="", not_before="1919-09-26", not_after="1920-02", evidence="the postmark")
    new, status, detail, words = set_date(page_doc(), dated, placed("Krasin"), SOURCE.text)
    assert new.meta.date == DateValue("1919-09-26/1920-02", not_before="1919-09-26", not_after="1920-02")
    assert (status, detail, words) == ("applied", "", "date set to 1919-09-26/1920-02 (from the postmark)")
    assert new.meta.decided == (("date", "k1", "ed", "the postmark"),)


def test_a_date_decision_keeps_the_old_style_date_and_the_printed_words():
    dated = decision("date", "Krasin", expect="", date="1917-11-08", julian="1917-10-26", text="8 November 1917")
    new, status, detail, words = set_date(page_doc(), dated, Resolution("moved", 8, 14, "found at offset 8, not 3"),
                                          SOURCE.text)
    assert new.meta.date == DateValue("8 November 1917", when="1917-11-08", when_julian="1917-10-26")
    assert (status, detail, words) == ("moved", "", "date set to 1917-11-08")
    assert new.meta.decided == (("date", "k1", "ed", ""),)


def test_page_outcomes_say_the_page_the_line_is_on_and_the_document():
    page = decision("page", "read note", page=12)
    placed_pages = [(page, placed("read note")), (page, Resolution("moved", 16, 25, "found at offset 16, not 2")),
                    (page, Resolution("found", 60, 65))]
    agreed = page_outcomes(placed_pages, [page_doc(ident="p")], lambda offset: 12)
    assert [(o.status, o.detail, o.document) for o in agreed] == [
        ("applied", "", "p"), ("moved", "found at offset 16, not 2", "p"), ("applied", "", "")]
    other = page_outcomes(placed_pages, [page_doc(ident="p")], lambda offset: 11)
    conflict = "another page decision or the text puts this line on page 11"
    assert [(o.status, o.detail, o.document) for o in other] == [
        ("conflict", conflict, "p"), ("conflict", conflict, "p"), ("conflict", conflict, "")]


def test_a_page_decision_closes_the_page_conflicts_of_its_line_only():
    """A page-conflict flag anywhere on the decided line (its first character too) is settled;
    one on another line, and other flags on the line, stay."""
    text = "first line\nsecond line\nthird line"
    at = text.index("second")
    flags = (Flag("page-conflict", at, at, "page?"), Flag("page-conflict", at + 7, at + 7, "page?"),
             Flag("ocr-unclear", at, at + 6, "“second”"), Flag("page-conflict", 0, 0, "page?"),
             Flag("page-conflict", text.index("third"), text.index("third"), "page?"))
    doc = Document(Source("t.txt", "t.txt", text, "mia", "", "utf-8"), 0, len(text), Meta("T"), flags=flags)
    (closed,) = close_page_flags([doc], [(decision("page", "line", page=3), Resolution("found", at + 7, at + 11))],
                                 text)
    assert closed.flags == flags[2:]


def test_a_rejection_is_a_revision_of_the_document_holding_the_change():
    rejected = decision("reject", "Krasin", expect="Krassin")
    change = Change("ocr-confusion", 8, 14, "Krasin", "Krassin", 0.9, kind="rejected", resp=("editor:ed",),
                    revision="k1")
    docs, (outcome,) = changes_revisions([page_doc(ident="p", changes=(change,))], [Outcome(rejected, "applied")],
                                         EDITORIAL, SOURCE.text)
    assert outcome == Outcome(rejected, "applied", "", "p")
    assert [r.text for r in docs[0].revisions] == [
        "rejected the pipeline’s reading “Krassin” for “Krasin”: the source’s reading stands"]
    docs, (outcome,) = changes_revisions([page_doc(ident="p")], [Outcome(rejected, "applied")], EDITORIAL,
                                         SOURCE.text)
    assert (outcome.decision, outcome.status, outcome.detail) == (
        rejected, "orphan", "the changed text is in no document (removed furniture?)")
    assert docs == (page_doc(ident="p"),)


def test_rejecting_what_the_pipeline_no_longer_changes_is_moot():
    changes, status, detail = reject(SOURCE.text, [], decision("reject", "Krasin", expect="Krassin"),
                                     placed("Krasin"))
    assert (changes, status, detail) == ([], "moot", "the pipeline no longer changes this text")


def test_rejecting_a_line_end_hyphen_flips_what_the_reader_sees():
    """Rejecting a join keeps the printed hyphen ("Lon-don"); rejecting a kept hyphen joins."""
    text = "in Lon¬\ndon."
    joined = Change("line-end-hyphen:no", 6, 8, "¬\n", "", 0.9, kind="hyphen", decision="no")
    kept = replace(joined, rule="line-end-hyphen:keep", after="-", decision="keep")
    whole = Resolution("found", 3, 11)
    for change, before, after in ((joined, "London.", "Lon-don."), (kept, "Lon-don.", "London.")):
        assert reading(text, [change], 3, 12) == before
        changes, status, _ = reject(text, [change], decision("reject", "Lon¬\ndon", expect=before[:-1]), whole)
        assert status == "applied" and reading(text, changes, 3, 12) == after
        assert changes[0].decision == ("keep" if change is joined else "no")


def test_a_correction_cutting_through_a_change_is_a_conflict():
    changes = [Change("ocr-confusion", 8, 14, "Krasin", "Krassin", 0.9)]
    result = correct(SOURCE.text, changes, decision("correct", "Comrade Kra", expect="Comrade Kra", value="x"),
                     placed("Comrade Kra"))
    assert result == (changes, "conflict", "the quote cuts through a change of the pipeline; quote the whole word")


def test_a_correction_settles_the_flags_inside_its_quote_only():
    """The editor's correction replaces the flag on the word it corrects; a flag on another
    word stays for the editor to settle."""
    here = Change("ocr-unclear", 8, 14, "Krasin", "Krasin", 0.5, kind="flag")
    there = Change("ocr-unclear", 21, 27, "note 2", "note 2", 0.5, kind="flag")
    changes, status, detail = correct(SOURCE.text, [here, there],
                                      decision("correct", "Krasin", expect="Krasin", value="Krassin"),
                                      placed("Krasin"))
    assert (status, detail) == ("applied", "")
    assert changes == [there, Change("editor-correction", 8, 14, "Krasin", "Krassin", 1.0, resp=("editor:ed",),
                                     revision="k1")]


def test_a_brought_note_takes_its_pages_but_not_the_page_after_it():
    """An endnote moved to its call's document takes the page breaks inside it (in page
    order among the document's own); a page beginning where the note ends stays."""
    note = Note("5", 100, 130, 102, ())
    owner = Document(SOURCE, 60, 140, Meta("Other"), ident="o", notes=(note,),
                     pages=(PageBreak(90, "14"), PageBreak(110, "15"), PageBreak(130, "16")))
    doc = Document(SOURCE, 0, 60, Meta("A"), ident="d", pages=(PageBreak(5, "11"), PageBreak(40, "12")))
    documents, new_doc = bring_note([doc, owner], doc, "5")
    assert documents == [new_doc, replace(owner, notes=(), pages=(PageBreak(90, "14"), PageBreak(130, "16")))]
    assert new_doc.notes == (note,)
    assert [p.n for p in new_doc.pages] == ["11", "12", "15"]


def test_outcome_lines_and_short_quotes():
    d = decision("title", "Comrade Krasin, read note 2 and note 3 again, and again, and again")
    assert Outcome(d, "applied").line() == \
        "e/p.toml:4: applied: title “Comrade Krasin, read note 2 and note 3 …”"
    assert Outcome(d, "moot", "the pipeline now gives this value itself", "s000").line() == \
        "e/p.toml:4: moot: title “Comrade Krasin, read note 2 and note 3 …” in s000: the pipeline now gives this " \
        "value itself"
    assert short(" a\n  b ") == "a b" and short("x" * 40) == "x" * 40 and short("x" * 41) == "x" * 39 + "…"


def test_default_decision_keys_are_stable():
    """A decision written without a key is named by a hash of its kind and quote; the key
    names its revision in the TEI (``-rev-<key>``), so it must not change between versions."""
    assert default_key("reject", Quote("woTkers", "the ", " of")) == "reject-8a1372f"
    assert default_key("title", Quote("REPLY FROM TROTSKY")) == "title-c117440"
