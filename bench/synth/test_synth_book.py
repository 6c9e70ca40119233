"""Checks of bench/synth_book.py: the synthetic book, its gold and its truth agree exactly.

Run: /work/main/.venv/bin/python -m pytest /work/main/bench/synth -q
"""

from __future__ import annotations

import doctest
import json
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import synth_book as sb  # noqa: E402

WEB = ROOT / "tests" / "fixtures" / "web"
LAYOUTS = ROOT / "tests" / "fixtures" / "web_layouts"
HELDOUT_PAGES = BENCH / "heldout" / "web"
PAGE_FOLDERS = (WEB, LAYOUTS, HELDOUT_PAGES)
EXPECTED = sorted(path for folder in PAGE_FOLDERS for path in folder.glob("*.expected.json"))
# The header field names of the page copies: a printed book never has a line that starts so.
FIELD_NAMES = ("Written:", "Delivered:", "Dictated:", "Source:", "Published:", "First Published:",
               "Originally Published:", "Public Domain:", "Copyleft:", "Other Formats:", "Translated:",
               "Translated by:", "Transcription", "Transcribed:", "HTML Markup:", "Proofread:",
               "Online Version:")
CHROME_WORDS = re.compile(r"Internet Archive|marxists\.org|\bMIA\b|\bREADME\b|Last updated|Works Index|"
                          r"L\.I\.A\.|< backward|forward >|Table of Contents|Other Formats|Previous:|Next:|"
                          r"\bmirror\b|Search the|Home \||Creative Commons|freely copy|Copyleft|Public Domain|"
                          r"\[Subject\]|\[ Subject")
RAW_PAGES = sorted(p for n in ("000", "002", "003", "004") for p in (ROOT / "raw").glob(f"{n}_*.txt"))
CASES = [(1, "typical"), (2, "typical"), (3, "heavy"), (4, "clean"), (5, "heavy")]


@pytest.fixture(scope="module")
def docs():
    return sb.load_documents([WEB] + RAW_PAGES)


@pytest.fixture(scope="module")
def books(docs, tmp_path_factory):
    """Books written to disk and read back, as a scorer would see them."""
    out = tmp_path_factory.mktemp("books")
    made = []
    for seed, profile in CASES:
        name = f"t{seed}_{profile}"
        sb.write_book(sb.generate_book(docs, seed, profile, name), out)
        raw = (out / f"{name}.txt").read_text(encoding="utf-8").split("\n")[:-1]
        gold = (out / f"{name}.gold.txt").read_text(encoding="utf-8").split("\n")[:-1]
        truth = json.loads((out / f"{name}.truth.json").read_text(encoding="utf-8"))
        made.append((raw, gold, truth))
    return made


def text_damages(truth):
    by_line = defaultdict(list)
    for d in truth["damages"]:
        if d["scope"] == "text":
            by_line[d["line"]].append(d)
    return by_line


def furniture_text(truth):
    return {f["line"]: f["text"] for f in truth["furniture"]}


def page_of(truth, line):
    """The printed page a line of NAME.txt is on, from the truth's page starts."""
    page = None
    for p in truth["pages"]:
        if p["first_line"] is not None and p["first_line"] <= line:
            page = p["n"]
    return page


# ------------------------------------------------------------------------------ determinism ----

def test_same_seed_same_bytes(docs, tmp_path):
    for run in ("a", "b"):
        sb.write_book(sb.generate_book(docs, 7, "typical", "same"), tmp_path / run)
    for suffix in (".txt", ".gold.txt", ".truth.json"):
        assert (tmp_path / "a" / f"same{suffix}").read_bytes() == (tmp_path / "b" / f"same{suffix}").read_bytes()
    other = sb.generate_book(docs, 8, "typical", "same")
    assert other.raw_text() != (tmp_path / "a" / "same.txt").read_text(encoding="utf-8")


def test_damage_rates_do_not_move_the_layout(docs):
    """Layout and damage draw from separate streams: the clean book is the typical book's print."""
    clean = sb.generate_book(docs, 11, "clean").truth
    typical = sb.generate_book(docs, 11, "typical").truth
    assert [d["key"] for d in clean["documents"]] == [d["key"] for d in typical["documents"]]
    assert [d["first_page"] for d in clean["documents"]] == [d["first_page"] for d in typical["documents"]]
    assert [n["page_ref"] for n in clean["notes"]] == [n["page_ref"] for n in typical["notes"]]


# ----------------------------------------------------------------------------- line files ----

def test_raw_and_gold_have_the_same_lines(books):
    for raw, gold, truth in books:
        assert len(raw) == len(gold) == truth["lines"]
        for r, g in zip(raw, gold):
            assert (r.strip() == "") == (g == "")


def test_gold_equals_raw_where_nothing_was_damaged(books):
    for raw, gold, truth in books:
        damaged = text_damages(truth)
        furniture = furniture_text(truth)
        for k, (r, g) in enumerate(zip(raw, gold), 1):
            if k in furniture:
                assert g == sb.FURNITURE
            elif k not in damaged:
                assert r.rstrip(" ") == g, k


def test_undoing_every_damage_gives_the_gold(books):
    for raw, gold, truth in books:
        damaged = text_damages(truth)
        furniture = furniture_text(truth)
        for k, (r, g) in enumerate(zip(raw, gold), 1):
            restored = sb.undo_damages(r.rstrip(" "), damaged.get(k, []))
            assert restored == (furniture[k] if k in furniture else g), k


def test_gold_follows_the_ocr_gold_conventions(books):
    for raw, gold, truth in books:
        for line in gold:
            assert line == line.rstrip()
            assert not line.endswith((" \\", " /", " J"))
        assert truth["running_heads"] == sorted(truth["running_heads"])
        for k in truth["running_heads"]:
            assert gold[k - 1] == sb.FURNITURE


# ------------------------------------------------------------------------------ structure ----

def test_pages_start_right_after_a_page_break(books):
    for raw, gold, truth in books:
        starts = [p["first_line"] for p in truth["pages"] if p["first_line"] is not None]
        assert starts == sorted(starts)
        for first in starts:
            assert raw[first - 1].strip()
            assert first == 1 or raw[first - 2] == ""


def test_documents_start_at_their_heading_or_first_words(books):
    for raw, gold, truth in books:
        for doc in truth["documents"]:
            kept = [h for h in doc["heading"] if h["line"]]
            first = doc["first_line"]
            if kept:
                assert first == kept[0]["line"]
                assert gold[first - 1] == kept[0]["text"]
            else:
                assert first == doc["first_body_line"]["line"]
                assert gold[first - 1] == doc["first_body_line"]["text"]
                assert gold[first - 1].startswith(doc["first_words"].split()[0])
            last = doc["source_block"]["lines"][-1]
            assert doc["last_line"] == last["line"] and gold[last["line"] - 1] == last["text"]
            assert doc["first_page"] == page_of(truth, first)
            assert doc["last_page"] == page_of(truth, doc["last_line"])


def test_documents_are_in_date_order(books):
    for _, _, truth in books:
        keys = [d["date"]["when"] or d["date"]["notBefore"] or d["date"]["notAfter"] for d in truth["documents"]]
        assert keys == sorted(keys)


def test_call_lines_hold_the_note_number(books):
    for raw, gold, truth in books:
        for note in truth["notes"]:
            if note["call_line"] is None:
                assert note["call_in"] in ("title", "date"), note   # lost with its heading
                continue
            tokens = gold[note["call_line"] - 1].split()
            assert str(note["n"]) in tokens, note


def test_page_refs_are_the_pages_of_the_calls(books):
    for raw, gold, truth in books:
        docs = {d["n"]: d for d in truth["documents"]}
        for note in truth["notes"]:
            if note["call_line"] is not None:
                assert page_of(truth, note["call_line"]) == note["page_ref"], note
            else:
                assert note["page_ref"] == docs[note["document"]]["first_page"]
            first = gold[note["first_line"] - 1]
            assert first.startswith(f"{note['n']} ")
            last = note["lines"][-1]
            assert last["text"].endswith(f"p. {note['page_ref']}")
            assert last["line"] is None or gold[last["line"] - 1] == last["text"]
            assert note["last_line"] == max(ref["line"] for ref in note["lines"] if ref["line"])


def test_note_numbers_run_through_the_book(books):
    for _, _, truth in books:
        assert [n["n"] for n in truth["notes"]] == list(range(1, len(truth["notes"]) + 1))
        calls = [n["call_line"] for n in truth["notes"] if n["call_line"]]
        assert calls == sorted(calls)


def test_contents_give_the_document_pages(books):
    for raw, gold, truth in books:
        docs = {d["n"]: d for d in truth["documents"]}
        for entry in truth["contents"]:
            if entry["document"]:
                assert entry["page"] == docs[entry["document"]]["first_page"]
            last = entry["lines"][-1]["text"]
            assert re.search(rf"\b{entry['page']}$", last)


def test_lost_lines_are_accounted_for(books):
    for raw, gold, truth in books:
        losses = [d for d in truth["damages"] if d["scope"] == "loss"]
        assert len(losses) == len(truth["lost_lines"])
        for lost in truth["lost_lines"]:
            assert 1 <= lost["before_line"] <= truth["lines"] + 1
        assert sum(truth["damage_counts"].values()) == len(truth["damages"])


def test_clean_profile_damages_nothing(books):
    raw, gold, truth = books[3]
    assert truth["profile"] == "clean"
    assert truth["damages"] == [] and truth["lost_lines"] == []


def test_heavy_profile_shows_most_kinds(books):
    kinds = set()
    for _, _, truth in books:
        if truth["profile"] == "heavy":
            kinds |= set(truth["damage_counts"])
    expected = {"soft_hyphen_as_dash", "letter_confusion", "split_word", "heading_lost", "date_line_lost",
                "running_head_lost", "contents_first_line_lost", "note_gap_inserted", "digit_confusion",
                "page_break_shortened", "note_label_mangled"}
    assert expected <= kinds, expected - kinds


# ------------------------------------------------------------------------------ the inputs ----

def norm(text: str) -> str:
    """Whitespace runs (no-break spaces and line breaks too) as one space."""
    return " ".join(text.replace("\u00a0", " ").split())


def expected_id(path: Path) -> str:
    return str(path.relative_to(ROOT))[:-len(".expected.json")]


@pytest.fixture(scope="module")
def page_docs():
    """Every page copy of the three folders, read folder by folder as the CLI reads them."""
    return {(folder, doc.key): doc for folder in PAGE_FOLDERS for doc in sb.read_page_copies(folder)}


@pytest.mark.parametrize("expected_file", EXPECTED, ids=expected_id)
def test_page_copies_read_as_the_expected_json_says(page_docs, expected_file):
    """Title, author, date, notes, body phrases and removed phrases of every page copy in
    tests/fixtures/web, tests/fixtures/web_layouts and bench/heldout/web agree with its
    .expected.json (the reader itself never looks at the JSON)."""
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    key = expected_file.name[:-len(".expected.json")]
    doc = page_docs[(expected_file.parent, key)]
    assert doc.origin == expected["kind"]
    assert norm(doc.title) == norm(expected["title"])
    if expected["author"]:
        assert (doc.author or "").lower() == expected["author"].lower()
    date = expected["date"]
    wanted = (date["when"], date["notBefore"], date["notAfter"], date["when_julian"])
    got = (doc.date.when, doc.date.not_before, doc.date.not_after, doc.date.julian)
    if any(wanted):
        assert got == wanted
    else:                                   # no date on the page: none from anywhere else
        assert not any(got), got
    assert [n.n for n in doc.notes] == [n["n"] for n in expected["notes"]]
    called = {c.n for c in doc.calls}
    assert [n.n in called for n in doc.notes] == [n["called"] for n in expected["notes"]]
    body = norm(" ".join(doc.paragraphs))
    for phrase in expected["body_contains"]:
        assert norm(phrase) in body, phrase
    for note, want in zip(doc.notes, expected["notes"]):
        assert norm(want["contains"]) in norm(note.text)
    everything = [norm(p) for p in doc.paragraphs] + [norm(n.text) for n in doc.notes]
    for phrase in expected["removed_contains"]:
        assert not any(norm(phrase) in text for text in everything), phrase
    # also across paragraph boundaries (a licence or a wrapped value kept as two paragraphs)
    joined = norm(" ".join(doc.paragraphs + tuple(n.text for n in doc.notes)))
    for phrase in expected["removed_contains"]:
        assert norm(phrase) not in joined, phrase


@pytest.mark.parametrize("folder", PAGE_FOLDERS, ids=lambda f: str(f.relative_to(ROOT)))
def test_every_page_copy_is_read_without_header_or_chrome(folder):
    docs = sb.read_page_copies(folder)
    assert len(docs) == len(list(folder.glob("*.expected.json")))
    for doc in docs:
        assert doc.title and doc.paragraphs and doc.source_block.left and doc.source_block.right
        for text in list(doc.paragraphs) + [n.text for n in doc.notes]:
            for line in text.split("\n"):
                assert not line.startswith(FIELD_NAMES), (doc.key, line)
                assert not CHROME_WORDS.search(line), (doc.key, line)
                assert not sb.is_chrome(line), (doc.key, line)


def page(text: str, tmp_path, name: str = "mia_x") -> sb.Document:
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return sb.read_page_copy(path)


def test_header_is_read_by_field_names_in_any_layout(tmp_path):
    """Values on the next line, wrapped values, blank lines between fields, a licence over
    several lines, an Other Formats list, chrome above the author line, navigation below."""
    doc = page("\n".join([
        "You are reading a mirror of the Marxists Internet Archive, see www.example.org",
        "MIA: Library: Lenin: Works: 1920",
        "< backward   forward >",
        "",
        "V. I.\u00a0 Lenin",
        "",
        "Telegram to Somebody[1]",
        "",
        "Source: Lenin Collected Works, Progress Publishers,",
        "Moscow, Volume\u00a044, page\u00a0123.",
        "",
        "Written:",
        "Written on May 3, 1920",
        "Translated by: Somebody Else",
        "Proofread: A. Reader",
        "Public Domain: Lenin Internet Archive (2001). You may freely copy,",
        "distribute, display and perform this work.README",
        "Other Formats:",
        "Text",
        "README",
        "",
        "To Somebody, Moscow",
        "",
        "Question: is this a header field? No, it is text.[2]",
        "",
        "Lenin",
        "",
        "[1] A note.—Ed.",
        "",
        "[2] Another note,",
        "",
        "over two paragraphs.",
        "",
        "Previous: Letter to Somebody",
        "Next: Telegram to Somebody Else",
        "Last updated on: 1.1.2020",
    ]), tmp_path)
    assert (doc.author, doc.title, doc.date.when) == ("V. I. Lenin", "Telegram to Somebody", "1920-05-03")
    assert doc.paragraphs == ("To Somebody, Moscow", "Question: is this a header field? No, it is text.", "Lenin")
    assert [(n.n, n.text) for n in doc.notes] == [("1", "A note.—Ed."), ("2", "Another note,\nover two paragraphs.")]
    assert doc.source_block.right == ("Collected Works, Vol. 44,", "p. 123")


def test_a_page_without_a_date_gets_none_and_the_book_assumes_one(tmp_path):
    doc = page("\n".join([
        "Maxim Litvinov", "", "A Chapter", "",
        "First Published: The Party, London, 1918.",
        "Source: Maxim Litvinov, A Book, London, 1918, pages 49-55.",
        "", "The armistice of 1917 and the peace of 1918 and the war of 1918.", "",
    ]), tmp_path)
    assert doc.date.to_json() == {"text": "", "when": None, "notBefore": None, "notAfter": None, "julian": None}
    assert doc.source_block == sb.SourceBlock(("First published in 1918",),
                                              ("Published according to the", "text in A Book, p. 49"))
    dated = page("V. I. Lenin\n\nA Letter\n\nWritten: May 1, 1919\n\nText of 1919.\n", tmp_path, "mia_y")
    truth = sb.generate_book([doc, dated], 1, "clean").truth
    by_key = {d["key"]: d for d in truth["documents"]}
    assumed = by_key["mia_x"]["date"]
    assert (assumed["date_source"], assumed["notBefore"], assumed["notAfter"], assumed["text"]) == \
           ("assumed", "1918-01-01", "1918-12-31", "1918")
    assert assumed["page_text"] == "" and assumed["year_inferred"]
    assert by_key["mia_y"]["date"]["date_source"] == "page"
    assert [d["key"] for d in truth["documents"]] == ["mia_x", "mia_y"]       # date order


def test_dsfp_pages_in_other_layouts(tmp_path):
    doc = page("\n".join([
        "APPEAL OF THE COUNCIL OF PEOPLE'S COMMISSARS", "TO THE WORKING PEOPLE", "", "", "",
        "20 November/3 December 1917", "Izvestia, 22 November 1917; Klyuchnikov and Sabanin, ii, p. 94", "",
        "Comrades!", "", "\u00a0 \u00a0 Text.", "", "", "Documents on Soviet Foreign Policy, Vol. I", "",
        "[ Subject | Author | Date ]",
    ]), tmp_path, "dsfp_x")
    assert doc.origin == "dsfp"
    assert doc.title == "APPEAL OF THE COUNCIL OF PEOPLE'S COMMISSARS TO THE WORKING PEOPLE"
    assert doc.author == "Council of People's Commissars"
    assert (doc.date.when, doc.date.julian) == ("1917-12-03", "1917-11-20")
    assert doc.paragraphs == ("Comrades!", "Text.")


def test_books_from_all_page_folders_print_no_header_or_chrome(tmp_path):
    docs = sb.load_documents(list(PAGE_FOLDERS) + RAW_PAGES)
    book = sb.generate_book(docs, 9, "clean", documents=len(docs))
    assert len(book.truth["documents"]) == len(docs)
    for line in book.gold_lines:
        assert not line.startswith(FIELD_NAMES), line
        assert not CHROME_WORDS.search(line), line
    sources = Counter(d["date"]["date_source"] for d in book.truth["documents"])
    assert sources["assumed"] == 1 and sources["year_inferred"] == 2       # Litvinov; 16.III., 26.IX.
    entries = {e["document"]: e["title"] for e in book.truth["contents"]}
    for doc in book.truth["documents"]:                 # a title broken at "SECRETARY-" stays one word
        assert not re.search(r"\w- \w", doc["printed_title"]), doc["printed_title"]
        assert entries[doc["n"]] == f"{doc['printed_title']}. {doc['date']['text']}"


def test_calls_point_into_the_paragraphs(docs):
    for doc in docs:
        for call in doc.calls:
            host = doc.title if call.paragraph < 0 else doc.paragraphs[call.paragraph]
            assert 0 < call.offset <= len(host)
        assert doc.source_block.left and doc.source_block.right


def test_ocr_book_is_not_a_page_copy():
    assert sb.read_page_copy(ROOT / "raw" / "001_57a5e7fdb55d5ea9.txt") is None


def test_documents_json_round_trip(docs, tmp_path):
    path = tmp_path / "docs.json"
    sb.write_documents_json(docs, path)
    again = sb.read_documents_json(path)
    assert [d.to_json() for d in again] == [d.to_json() for d in docs]
    assert sb.generate_book(again, 3).raw_text() == sb.generate_book(docs, 3).raw_text()


def test_hyphenation_keeps_compounds_and_marks_soft_breaks():
    rng = random.Random(0)
    text = "the class-consciousness of the workers and non-intervention " * 20
    lines = sb.wrap_text(text, 40, rng, 1.0)
    for line, nxt in zip(lines, lines[1:]):
        if line.endswith("-"):
            assert (line.split()[-1] + nxt.split()[0]) in ("class-consciousness", "non-intervention")
        if line.endswith(sb.SOFT):
            joined = line.split()[-1][:-1] + nxt.split()[0]
            assert joined in text.split()
    assert any(line.endswith(sb.SOFT) for line in lines)


def test_corpus_and_gold_samples(docs, tmp_path):
    summaries = sb.make_corpus(docs, [1, 2], tmp_path, samples=True)
    assert [s["name"] for s in summaries] == ["book_s1", "book_s2"]
    index = json.loads((tmp_path / "index.json").read_text(encoding="utf-8"))
    assert len(index["books"]) == 2
    import ocr_gold
    samples = ocr_gold.load_samples(tmp_path / "book_s1.samples")
    assert samples and all(len(s.raw_lines) == len(s.gold_lines) for s in samples)


def test_cli(tmp_path):
    code = sb.main(["--pages-from", str(WEB), "--seed", "5", "--out", str(tmp_path), "--name", "cli",
                    "--documents", "4", "--profile", "heavy", "--rate", "heading_lost=1"])
    assert code == 0
    truth = json.loads((tmp_path / "cli.truth.json").read_text(encoding="utf-8"))
    assert len(truth["documents"]) == 4 and truth["rates"]["heading_lost"] == 1.0
    assert all(h["line"] is None for d in truth["documents"] for h in d["heading"] if h["role"] == "heading")


def test_doctests():
    result = doctest.testmod(sb)
    assert result.failed == 0 and result.attempted > 5
