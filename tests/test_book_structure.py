"""The printed book's structure is found from general cues (contents, source blocks,
note sequence and page references), on books laid out from documents in any order,
and on the seed book."""

from __future__ import annotations


import pytest

from conftest import NS, documents_of
from pipeline.model import Source
from pipeline.repair import run_repair
from pipeline.segment import run_segment
from synthetic_book import Doc, lay_out, prose

DOCS = [
    Doc("LETTER TO G. V. CHICHERIN", "March 3, 1921", prose(1, 6),
        ["Pravda No. 52,", "March 8, 1921", "", "Collected Works, Vol. 32,", "pp. 150-52"],
        ["The letter was written during the negotiations in London.", "Krasin had reported on the talks."]),
    Doc("SPEECH AT A MEETING OF METALWORKERS", "May 2, 1921", prose(2, 12),
        ["Pravda No. 96,", "May 5, 1921", "", "Collected Works, Vol. 32,", "pp. 330-41"],
        ["The meeting was held in the Bolshoi Theatre.", "This refers to the Genoa proposals."]),
    Doc("TELEGRAM TO THE DELEGATION IN RIGA", "October 5, 1920", prose(3, 3),
        ["First published in 1959", "Published according to the", "text of the Miscellany"],
        ["The delegation was headed by A. A. Joffe."]),
    Doc("REPORT ON THE INTERNATIONAL SITUATION", "July 19, 1920", prose(4, 20),
        ["Pravda No. 162,", "July 24, 1920", "", "Collected Works, Vol. 31,", "pp. 215-34"],
        ["The Second Congress of the Communist International.", "The Versailles Treaty was signed in 1919.",
         "The Third International was founded in March 1919."]),
]


def segment(text: str):
    source = Source("book.txt", "book.txt", text, "ia-ocr", "", "utf-8")
    return run_segment(source, run_repair(source))


@pytest.mark.parametrize("order", [[0, 1, 2, 3], [3, 1, 0, 2], [2, 3, 1, 0]], ids=str)
def test_documents_titles_dates_pages_and_notes_in_any_order(order):
    docs = [DOCS[i] for i in order]
    laid = lay_out(docs)
    front, *found = segment(laid.text)
    assert len(found) == len(docs)
    for doc, got, page in zip(docs, found, laid.doc_pages):
        assert doc.title in got.meta.title and got.meta.title_supplied
        assert got.meta.date is not None and not got.meta.date.is_empty()
        pages = [int(p.n) for p in got.pages if p.n and got.start <= p.start < got.end]
        if pages:
            assert pages[0] == page + 1, f"{doc.title}: the page after its first"
    linked = {call.n: (got, call) for got in found for call in got.calls}
    for number, line, page in laid.calls:
        got, call = linked[str(number)]
        assert laid.text[call.start:call.end] == str(number)
        assert line.strip() in laid.text[laid.text.rfind("\n", 0, call.start):laid.text.find("\n", call.end)]
        assert any(note.n == str(number) and note.page_ref == str(page) for note in got.notes)
    stats = dict(front.stats)
    assert stats["endnotes"] == stats["endnotes_linked"] == len(laid.calls)


def test_a_note_whose_call_is_lost_is_kept_and_reported():
    laid = lay_out(DOCS)
    number, line, _ = laid.calls[2]
    text = laid.text.replace(line, line.replace(f" {number} ", " "), 1)
    front, *found = segment(text)
    notes = [note for doc in found for note in doc.notes if note.n == str(number)]
    assert len(notes) == 1
    assert any(f.kind == "note-unlinked" and f.key == str(number) for doc in found for f in doc.flags)


def test_mangled_note_numbers_are_repaired_from_the_sequence():
    laid = lay_out(DOCS)
    assert "\n5 The delegation was headed" in laid.text
    text = laid.text.replace("\n5 The delegation was headed", "\n} The delegation was headed")
    front, *found = segment(text)
    note = next(n for doc in found for n in doc.notes if n.n == "5")
    repairs = [c for doc in found for c in doc.changes if c.rule == "note-number-from-sequence"]
    assert "Joffe" in text[note.start:note.end]
    assert [(c.before, c.after) for c in repairs] == [("}", "5")]


@pytest.mark.integration
def test_the_seed_book(built_seeds):
    out, report = built_seeds
    trees = documents_of(out, "001_57a5e7fdb55d5ea9.txt")
    assert 60 <= len(trees) <= 70  # the front matter and some sixty documents
    notes = [n for t in trees for n in t.getroot().xpath("//tei:back//tei:note[@type='endnote']",
                                                          namespaces=NS)]
    assert sorted(int(n.get("n")) for n in notes) == list(range(1, 145))  # every endnote kept, once
    linked = [n for n in notes if n.get("target")]
    assert len(linked) >= 0.75 * len(notes)
    in_book_order = sorted(trees, key=lambda t: int((t.getroot().xpath(
        "//tei:bibl[@type='rawFile']/tei:citedRange/text()", namespaces=NS) or ["0-0"])[0].split("-")[0]))
    pages = [int(pb.get("n")) for t in in_book_order for pb in t.getroot().xpath("//tei:body//tei:pb[@n]",
                                                                                   namespaces=NS)]
    assert pages == sorted(pages) and 400 < max(pages) < 440
    structure = next(f.report["structure"] for f in report.files if f.name == "001_57a5e7fdb55d5ea9.txt")
    assert structure["endnotes"] == 144


def test_footnote_moves_to_a_note_at_its_call():
    doc = Doc("LETTER TO THE BRITISH WORKERS", "May 30, 1920",
              ["I said so in the theses of January 8, 1918,* and I repeat it here. " + prose(5, 1)[0],
               "* See Collected Works, Vol. 26, pp. 442-50.— Ed."],
              ["Pravda No. 130,", "June 17, 1920", "", "Collected Works, Vol. 31,", "pp. 139-43"])
    laid = lay_out([doc, DOCS[0]])
    text = laid.text.replace("442-50.— Ed.\n", "442-50.— Ed.\n\n\n\n", 1)
    front, first, second = segment(text)
    footnote = next(n for n in first.notes if n.n == "*")
    assert footnote.resp == "editors" and footnote.type == "footnote"
    call = next(c for c in first.calls if c.n == "*")
    assert text[call.start:call.end] == "*"


def test_running_heads_and_page_numbers_are_removed_and_recorded():
    laid = lay_out(DOCS)
    pages = laid.text.split("\n\n\n\n")
    with_heads = [pages[0]] + [f"ON FOREIGN POLICY {10 + k}\n{page}\n\n{10 + k}" for k, page in enumerate(pages[1:], 1)]
    text = "\n\n\n\n".join(with_heads)
    front, *found = segment(text)
    rules = [c.rule for c in front.changes + tuple(c for d in found for c in d.changes) if c.kind == "removal"]
    assert rules.count("running-head") >= len(pages) - 2
    assert rules.count("page-number") >= len(pages) - 2
    assert len(found) == len(DOCS)


@pytest.mark.parametrize("mangled", ["Collected Wor/cs, Vol. 32,", "Collected Works, Vo!. 32,",
                                     "Collected WcrA’s, Vol. 32,", "Collected Works , VoL 32,"])
def test_source_blocks_are_found_through_ocr_errors(mangled):
    laid = lay_out(DOCS)
    text = laid.text.replace("Collected Works, Vol. 32,", mangled)
    assert mangled in text
    front, *found = segment(text)
    assert len(found) == len(DOCS)


@pytest.mark.integration
@pytest.mark.xdist_group("tei_all")  # one worker compiles tei_all (about 9 s), not each
def test_a_synthetic_book_builds_into_a_valid_edition_that_loses_nothing(tmp_path, tei_all):
    from collections import Counter

    from pipeline.runner import run_build
    from pipeline.validate import check_tree, parse_tei, tei_files
    from pipeline.teitext import source_characters
    raw = tmp_path / "raw"
    raw.mkdir()
    laid = lay_out([DOCS[2], DOCS[0], DOCS[3], DOCS[1]])
    text = laid.text.replace("the situation has changed", "the situaiion has chan¬\nged", 1)
    (raw / "book.txt").write_text(text, encoding="utf-8")
    report = run_build(raw, tmp_path / "tei")
    assert not report.failed and report.files[0].kind == "ia-ocr"
    kept = Counter()
    for path in tei_files([tmp_path / "tei"]):
        tree = parse_tei(path)
        assert check_tree(tree) == [], path.name
        assert tei_all.validate(tree), tei_all.error_log.last_error
        if path.name not in ("corpus.xml", "edition.xml"):
            kept.update(ch for ch in source_characters(tree) if not ch.isspace())
    assert kept == Counter(ch for ch in text if not ch.isspace())
