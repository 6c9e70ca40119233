"""Editors' decisions: every kind applies, every status comes from a case made for it,
decisions survive an unrelated change of the pipeline, and ids never move."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.build import process_source
from pipeline.editorial.anchors import anchoring_text, make_quote
from pipeline.editorial.apply import date_string
from pipeline.editorial.decisions import Editor, Editorial, format_decision, load_decisions, load_editors
from pipeline.encode import encode_document
from pipeline.errors import DecisionFileError
from pipeline.model import Source
from pipeline.repair import RepairConfig
from pipeline.teitext import reading_text
from synthetic_book import EDITORIAL_DOCS, lay_out

EDITORS = (Editor("ed", "A. Editor"),)
NS = {"tei": "http://www.tei-c.org/ns/1.0"}

DOCS = EDITORIAL_DOCS


@pytest.fixture(scope="module")
def book():
    laid = lay_out(DOCS)
    text = laid.text.replace("negotiations in London.", "negotiations in Lon¬\ndon.", 1)
    return Source("book.txt", "book.txt", text, "ia-ocr", "", "utf-8")


def run(source, *tables, config=None):
    """Process ``source`` with decisions given as dicts; returns (processed, outcomes by key)."""
    text = "".join(format_decision({"who": "ed", "when": "2026-11-22", **t}) + "\n" for t in tables)
    editorial = Editorial(load_decisions(text, "editorial/book.toml", EDITORS), EDITORS)
    processed = process_source(source, editorial, config)
    return processed, {o.decision.key: o for o in processed.outcomes}


def quote_of(source, phrase: str, occurrence: int = 0) -> dict:
    """A ready anchor for a phrase of the raw text (as the flags command writes it)."""
    start = -1
    for _ in range(occurrence + 1):
        start = source.text.index(phrase, start + 1)
    return quote_at(source, start, start + len(phrase))


def quote_at(source, start: int, end: int) -> dict:
    q = make_quote(anchoring_text(source.text), start, end)
    return {"exact": q.exact, "prefix": q.prefix, "suffix": q.suffix, "at": q.at}


def doc_holding(processed, phrase):
    offset = processed.source.text.index(phrase)
    return next(d for d in processed.documents if d.start <= offset < d.end)


def test_title_and_date_apply_with_the_editors_responsibility(book):
    plain, _ = run(book)
    doc = doc_holding(plain, "Comrade Chicherin, the")
    title = {"key": "t1", "kind": "title", **quote_of(book, "Comrade Chicherin, the"), "expect": doc.meta.title,
             "value": "Letter to G. V. Chicherin", "evidence": "Collected Works, Vol. 32, pp. 150-52"}
    date = {"key": "d1", "kind": "date", **quote_of(book, "Comrade Chicherin, the"),
            "expect": date_string(doc.meta.date), "date": "1921-03-04"}
    processed, outcomes = run(book, title, date)
    assert outcomes["t1"].status == "applied" and outcomes["d1"].status == "applied"
    doc = doc_holding(processed, "Comrade Chicherin, the")
    assert doc.meta.title == "Letter to G. V. Chicherin" and doc.meta.date.when == "1921-03-04"
    root = encode_document(doc, doc.ident)
    title_el = root.find(".//tei:titleStmt/tei:title", NS)
    assert title_el.get("resp") == f"#{doc.ident}-editor-ed" and title_el.get("change") == f"#{doc.ident}-rev-t1"
    assert title_el.get("source") == f"#{doc.ident}-source"
    change = root.find(f".//tei:revisionDesc//tei:change[@{{http://www.w3.org/XML/1998/namespace}}id='{doc.ident}-rev-t1']", NS)
    assert change is not None and change.get("who") == f"#{doc.ident}-editor-ed" and change.get("when") == "2026-11-22"
    assert "Collected Works, Vol. 32" in change.text
    head = root.find(".//tei:body//tei:head[@type='supplied']/tei:supplied", NS)
    assert head.text == "Letter to G. V. Chicherin" and head.get("resp") == f"#{doc.ident}-editor-ed"


@pytest.mark.parametrize("kind,field,value", [("kind", "doc_type", "letter"), ("place", "place", "Moscow"),
                                              ("sender", "sender", "V. I. Lenin"),
                                              ("addressee", "addressee", "G. V. Chicherin")])
def test_each_metadata_kind_applies(book, kind, field, value):
    plain, _ = run(book)
    doc = doc_holding(plain, "Comrade Chicherin, the")
    decision = {"key": "m1", "kind": kind, **quote_of(book, "Comrade Chicherin, the"),
                "expect": getattr(doc.meta, field), "value": value}
    processed, outcomes = run(book, decision)
    assert outcomes["m1"].status == ("moot" if getattr(doc.meta, field) == value else "applied")
    assert getattr(doc_holding(processed, "Comrade Chicherin, the").meta, field) == value


def test_reject_keeps_the_source_reading_and_the_proposal_on_record(book):
    decision = {"key": "r1", "kind": "reject", **quote_of(book, "woTkers"), "expect": "workers"}
    processed, outcomes = run(book, decision)
    assert outcomes["r1"].status == "applied"
    doc = doc_holding(processed, "woTkers")
    root = encode_document(doc, doc.ident)
    seg = root.find(".//tei:seg[@type='rejected-ocr-confusion']", NS)
    assert seg is not None and seg.text == "woTkers" and seg.get("change") == f"#{doc.ident}-rev-r1"
    assert "the woTkers of Britain" in reading_text(root.find(".//tei:body", NS))
    assert "“workers”" in root.find(".//tei:revisionDesc//tei:change", NS).text


def test_accept_names_pipeline_and_editor(book):
    decision = {"key": "a1", "kind": "accept", **quote_of(book, "diplomacj^"), "expect": "diplomacy"}
    processed, outcomes = run(book, decision)
    assert outcomes["a1"].status == "applied"
    doc = doc_holding(processed, "diplomacj^")
    corr = encode_document(doc, doc.ident).find(".//tei:corr[@change]", NS)
    assert corr.text == "diplomacy"
    assert corr.get("resp").split() == [f"#{doc.ident}-pipeline", f"#{doc.ident}-editor-ed"]


def test_correct_a_reading_the_pipeline_missed(book):
    decision = {"key": "c1", "kind": "correct", **quote_of(book, "Bolshoi Theatre"), "expect": "Bolshoi Theatre",
                "value": "Bolshoi Theater", "evidence": "a test"}
    processed, outcomes = run(book, decision)
    assert outcomes["c1"].status == "applied"
    doc = next(d for d in processed.documents if any(c.revision == "c1" for c in d.changes))
    corr = encode_document(doc, doc.ident).find(".//tei:corr[@change]", NS)
    assert corr.text == "Bolshoi Theater" and corr.get("resp") == f"#{doc.ident}-editor-ed"
    assert corr.getparent().find("tei:sic", NS).text == "Bolshoi Theatre"


def test_reject_of_a_hyphen_join_keeps_the_printed_hyphen(book):
    decision = {"key": "h1", "kind": "reject", **quote_of(book, "Lon¬\ndon"), "expect": "London"}
    processed, outcomes = run(book, decision)
    assert outcomes["h1"].status == "applied"
    doc = next(d for d in processed.documents if any(c.revision == "h1" for c in d.changes))
    note = encode_document(doc, doc.ident).find(".//tei:note[@n='1']", NS)
    assert "Lon-don" in reading_text(note)


def test_link_a_note_to_a_call_and_note_at_a_place(book):
    plain, _ = run(book)
    second = plain.documents[2]
    assert [c.n for c in second.calls] == ["2", "3"], "the pipeline links notes 2 and 3 itself"
    call_at = book.text.index("exception. The 1") + len("exception. The ")
    link = {"key": "l1", "kind": "link", "exact": "1", "prefix": "exception. The ", "suffix": " imperialist",
            "note": "1"}
    lost = {"key": "l2", "kind": "link", **quote_of(book, "delegation will put"), "note": "1"}
    note = {"key": "n1", "kind": "note", **quote_of(book, "secret diplomacj^ must go."),
            "text": "The editor's note on secret diplomacy."}
    processed, outcomes = run(book, link, note)
    assert outcomes["l1"].status == "applied" and outcomes["n1"].status == "applied"
    doc = doc_holding(processed, "Comrade Chicherin, the")
    call = next(c for c in doc.calls if c.revision == "l1")
    assert (call.start, call.n, call.lost) == (call_at, "1", False)
    assert not any(f.kind == "note-unlinked" for f in doc.flags)
    _, outcomes = run(book, lost)
    assert outcomes["l2"].status == "applied"
    root = encode_document(doc, doc.ident)
    assert root.find(".//tei:note[@n='1']", NS).get("target") == f"#{doc.ident}-r1"
    editor_note = root.find(".//tei:note[@type='editorial']", NS)
    assert editor_note.findtext("tei:p", namespaces=NS) == "The editor's note on secret diplomacy."
    ref = root.find(f".//tei:ref[@target='#{editor_note.get('{http://www.w3.org/XML/1998/namespace}id')}']", NS)
    assert ref is not None and ref.text is None


def test_split_merge_and_boundary_keep_ids_and_text(book):
    plain, _ = run(book)
    ids = [d.ident for d in plain.documents]
    last = plain.documents[3]
    assert book.text[last.body[0].start:].startswith("In the first place")
    split = {"key": "s1", "kind": "split", **quote_of(book, "In the fourth place"), "value": "A second part"}
    processed, outcomes = run(book, split)
    assert outcomes["s1"].status == "applied"
    assert [d.ident for d in processed.documents] == ids + [ids[3] + "-2"]
    assert processed.documents[4].meta.title == "A second part"
    assert processed.documents[4].start == book.text.index("In the fourth place")
    merge = {"key": "g1", "kind": "merge", **quote_of(book, "In the first place")}
    processed, outcomes = run(book, merge)
    assert outcomes["g1"].status == "applied" and len(processed.documents) == len(plain.documents) - 1
    assert outcomes["g1"].detail == f"{ids[3]} now redirects to {ids[2]}"  # the report tells the editor
    assert processed.redirects == ((ids[3], ids[2]),)
    assert processed.documents[2].end == last.end
    boundary = {"key": "b1", "kind": "boundary", **quote_of(book, "In the second place"),
                "expect": "In the first place"}
    processed, outcomes = run(book, boundary)
    assert outcomes["b1"].status == "applied"
    assert [d.ident for d in processed.documents] == ids
    assert processed.documents[3].start == book.text.index("In the second place")
    assert processed.documents[3].meta.title == last.meta.title
    assert "In the first place" in book.text[processed.documents[2].body[-1].start:processed.documents[2].end]


def test_check_settles_a_flag_and_page_sets_a_page(book):
    plain, _ = run(book)
    flagged = next(d for d in plain.documents if d.flags)
    flag = flagged.flags[0]
    check = {"key": "k1", "kind": "check", **quote_of(book, book.text[flag.start:max(flag.end, flag.start + 1)]),
             "flag": flag.kind}
    first = plain.documents[1]
    page = {"key": "p1", "kind": "page", **quote_of(book, "Comrade Chicherin, the"), "page": 12}
    processed, outcomes = run(book, check, page)
    assert outcomes["k1"].status == "applied" and outcomes["p1"].status == "applied"
    assert flag not in next(d for d in processed.documents if d.ident == flagged.ident).flags
    assert processed.documents[1].first_page == "12" and first.first_page == "11"


def test_every_status_has_its_case(book):
    plain, _ = run(book)
    doc = doc_holding(plain, "Comrade Chicherin, the")
    anchor = quote_of(book, "Comrade Chicherin, the")
    cases = {
        "applied": {"kind": "title", **anchor, "expect": doc.meta.title, "value": "New"},
        "moved": {"kind": "title", **anchor, "at": anchor["at"] + 5, "expect": doc.meta.title, "value": "New 2"},
        "moot": {"kind": "title", **anchor, "expect": "whatever it was", "value": doc.meta.title},
        "conflict": {"kind": "title", **anchor, "expect": "not what the pipeline gives", "value": "New 3"},
        "ambiguous": {"kind": "title", "exact": "The workers and peasants", "expect": "x", "value": "y"},
        "orphan": {"kind": "title", "exact": "words that are nowhere", "expect": "x", "value": "y"},
    }
    for status, table in cases.items():
        _, outcomes = run(book, {"key": "x1", **table})
        assert outcomes["x1"].status == status, (status, outcomes["x1"].detail)


@pytest.mark.parametrize("kind, value", [("accept", None), ("reject", None), ("correct", "Bolshoi")])
def test_a_change_decided_on_another_reading_is_a_conflict_not_applied(book, kind, value):
    """``expect`` is what the editor saw: where the pipeline now reads otherwise, the decision
    is not applied (neither to the old nor to the new reading) and says what it reads now."""
    exact, seen = ("woTkers", "workers") if kind != "correct" else ("Bolshoi Theatre", "Bolshoi Theatre")
    decided = {"key": "e1", "kind": kind, **quote_of(book, exact), **({"value": value} if value else {})}
    processed, outcomes = run(book, {**decided, "expect": seen})
    assert outcomes["e1"].status == "applied", outcomes["e1"].detail
    stale, outcomes = run(book, {**decided, "expect": "what the pipeline read once"})
    assert outcomes["e1"].status == "conflict"
    assert f"now reads “{seen}”" in outcomes["e1"].detail
    plain, _ = run(book)
    assert [d.changes for d in stale.documents] == [d.changes for d in plain.documents]


def test_decisions_survive_an_unrelated_change_of_the_pipeline(book):
    plain, _ = run(book)
    doc = doc_holding(plain, "Comrade Chicherin, the")
    decisions = [
        {"key": "t1", "kind": "title", **quote_of(book, "Comrade Chicherin, the"), "expect": doc.meta.title,
         "value": "Letter"},
        {"key": "r1", "kind": "reject", **quote_of(book, "woTkers"), "expect": "workers"},
        {"key": "n1", "kind": "note", **quote_of(book, "must go."), "text": "A note."},
        {"key": "c1", "kind": "correct", **quote_of(book, "Bolshoi Theatre"), "expect": "Bolshoi Theatre",
         "value": "Bolshoi"},
    ]
    _, before = run(book, *decisions)
    _, after = run(book, *decisions, config=RepairConfig(decide_line_end_hyphens=False))
    assert {k: o.status for k, o in before.items()} == {k: o.status for k, o in after.items()}
    assert all(o.status == "applied" for o in after.values())


def test_setting_a_title_leaves_every_id_unchanged(book):
    plain, _ = run(book)
    decisions = [{"key": f"t{k}", "kind": "title", **quote_at(book, d.start, d.start + 30),
                  "expect": d.meta.title, "value": f"Title {k}"} for k, d in enumerate(plain.documents[1:])]
    processed, outcomes = run(book, *decisions)
    assert all(o.status == "applied" for o in outcomes.values())
    assert [d.ident for d in processed.documents] == [d.ident for d in plain.documents]


@pytest.mark.parametrize("text,message", [
    ('[[decision]]\nkind = "title"\nwho = "ed"\nwhen = 2026-11-22\nexact = "x"\nexpect = "y"\n', "needs value"),
    ('[[decision]]\nkind = "titel"\n', "is not a decision kind"),
    ('[[decision]]\nkind = "reject"\nwho = "someone"\nwhen = 2026-11-22\nexact = "x"\nexpect = "y"\n',
     "is not in editorial/editors.toml"),
    ('\n\n[[decision]]\nkind = "page"\nwho = "ed"\nwhen = 2026-11-22\nexact = "x"\npage = "twelve"\n',
     "must be a whole number"),
    ('[[decision]]\nkind = "title"\nwho = "ed"\nwhen = "yesterday"\nexact = "x"\nexpect = "y"\nvalue = "z"\n',
     "must be the date of the decision"),
    ('[[decision]]\nkind = "title"\nwho = "ed"\nwhen = 2026-11-22\nexact = "x"\nexpect = "y"\nvalue = "z"\n'
     'colour = "red"\n', "has no field colour"),
    ('[[decision]\nkind = "title"\n', "not valid TOML"),
])
def test_bad_decision_files_say_file_line_and_what_is_wrong(text, message):
    with pytest.raises(DecisionFileError) as caught:
        load_decisions(text, "editorial/x.toml", EDITORS)
    line = str(caught.value).split("\n")[0]
    assert line.startswith("editorial/x.toml:") and message in line
    number = int(line.split(":")[1])
    assert text.split("\n")[number - 1].startswith("[[decision]") or "TOML" in message


def test_editors_file_is_checked():
    assert load_editors('[editors.ed]\nname = "A. Editor"\n', "e.toml") == EDITORS
    with pytest.raises(DecisionFileError):
        load_editors('[editors.Ed]\nrole = "x"\n', "e.toml")


def test_a_stale_decision_fails_the_build_with_its_file_and_line(tmp_path):
    from pipeline.runner import run_build
    raw, editorial = tmp_path / "raw", tmp_path / "editorial"
    raw.mkdir(), editorial.mkdir()
    (raw / "page.txt").write_text("A Note to Comrade Krasin\n\n26.IX.\n\nComrade Krasin, read the note.\n",
                                  encoding="utf-8")
    (editorial / "editors.toml").write_text('[editors.ed]\nname = "A. Editor"\n', encoding="utf-8")
    (editorial / "page.toml").write_text(
        '# decisions\n\n[[decision]]\nkind = "title"\nwho = "ed"\nwhen = 2026-11-22\nexact = "Krasin, read"\n'
        'expect = "something else"\nvalue = "Note to L. B. Krasin"\n', encoding="utf-8")
    report = run_build(raw, tmp_path / "tei", editorial)
    assert not report.ok and len(report.stale) == 1
    where, _, message = report.stale[0].partition(": ")
    assert where.endswith("editorial/page.toml:3")
    assert message == "conflict: title “Krasin, read” in page: the pipeline now gives “A Note to Comrade Krasin”, " \
                      "not “something else”"
    assert (tmp_path / "tei" / "page.xml").exists()


def test_the_readme_shows_a_worked_example_of_every_kind_that_the_loader_accepts():
    """The README's examples are what an editor copies: they must load as written, and
    cover every kind the loader knows."""
    import regex
    from conftest import ROOT
    from pipeline.editorial.decisions import KINDS
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = next(b for b in regex.findall(r"```toml\n(.*?)```", readme, flags=regex.S) if "[[decision]]" in b)
    decisions = load_decisions(block, "README.md", (Editor("sfp", "The editors"),))
    assert {d.kind for d in decisions} == set(KINDS)
