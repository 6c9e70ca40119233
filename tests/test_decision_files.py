"""Decision files are never broken nor erased by the tools that write them (issue "The
editor's work never breaks or erases the edition", findings 8 and 10).

Through the public functions only (``format_decision``, ``load_decisions``,
``write_decision``) and the review page: any character an editor may quote either comes
back as it was or is refused with the field named; a character XML cannot hold is refused
when it is typed and when a file holding it is loaded; a byte-order mark is read; two
writers at once lose nothing and double nothing; a hand edit stays byte for byte; a write
that fails half-way leaves the old file as it was.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import threading
import time
from pathlib import Path

import pytest

import pipeline.review.writer as writer_module
from pipeline.editorial.decisions import Editor, format_decision, load_decisions, read_editorial
from pipeline.errors import DecisionFileError, PipelineError
from pipeline.review.page import View, review_page
from pipeline.review.queue import DocumentInfo, Item
from pipeline.review.writer import write_decision

EDITORS = (Editor("sfp", "S. F. P."), Editor("ed", "A. Editor"))
EDITORS_TOML = '[editors.sfp]\nname = "S. F. P."\n\n[editors.ed]\nname = "A. Editor"\n'
#: characters XML 1.0 cannot hold: C0 controls but tab, newline and carriage return; U+FFFE,
#: U+FFFF; lone surrogates
NOT_XML = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\ufffe", "\uffff", "\ud800", "\udfff"]
#: odd characters an editor may quote, all of which XML holds
ODD = ["\t", "\n", "\r", "\r\n", "\x7f", "\x85", "\x9f", "\u2028", "\u2029", "\ufeff", "\u00ad", "\u00a0",
       '"', "\\", "'''", '"""', "\\u0041", "#", "[[decision]]", "\n[[decision]]\nkind = \"x\"", "¬", "😀",
       "\U0010fffd"]


def editorial(tmp_path: Path) -> Path:
    folder = tmp_path / "editorial"
    folder.mkdir()
    (folder / "editors.toml").write_text(EDITORS_TOML, encoding="utf-8")
    return folder


def fields(kind: str = "correct", exact: str = "woTkers", who: str = "sfp", **more) -> dict:
    base = {"kind": kind, "who": who, "when": "2026-11-23", "exact": exact, "prefix": "appeal to the ",
            "suffix": " of Britain", "at": 120, "expect": exact}
    if kind == "correct":
        base["value"] = "workers"
    return {**base, **more}


def loaded(folder: Path, name: str = "book.toml"):
    path = folder / name
    return load_decisions(path.read_text(encoding="utf-8"), str(path), EDITORS)


def codepoint(character: str) -> str:
    return f"U+{ord(character):04X}"


# ------------------------------------------------------------------ characters


@pytest.mark.parametrize("odd", ODD, ids=[codepoint(c[0]) + f"x{len(c)}" for c in ODD])
def test_an_odd_character_in_a_quote_comes_back_as_it_was(tmp_path, odd):
    """format_decision -> load_decisions, and write_decision -> the file -> the loader."""
    exact = f"wo{odd}Tkers"
    table = fields(exact=exact, prefix=f"the {odd}", value=f"wor{odd}kers", evidence=odd, key="c-1")
    text = format_decision(table)
    assert text.startswith("[[decision]]\nkey = \"c-1\"\nkind = \"correct\"\n")
    (decision,) = load_decisions(text, "b.toml", EDITORS)
    assert (decision.quote.exact, decision.quote.prefix, decision.get("value"), decision.get("evidence")) == \
        (exact, f"the {odd}", f"wor{odd}kers", odd)
    assert len(text.split("\n")) == len(table) + 2  # one line a field: nothing breaks a line
    folder = editorial(tmp_path)
    written = write_decision(folder, "book.txt", fields(exact=exact, value=f"wor{odd}kers"), EDITORS, "abcdef123456")
    (back,) = loaded(folder)
    assert (back.key, back.quote.exact, back.get("value")) == (written.key, exact, f"wor{odd}kers")


def test_an_invisible_character_is_written_as_an_escape_a_diff_shows():
    text = format_decision(fields(exact="a\u00adb\u2028c\x85d\ufeffe\tf\rg"))
    assert 'exact = "a\\u00adb\\u2028c\\u0085d\\ufeffe\\tf\\rg"' in text.split("\n")


@pytest.mark.parametrize("bad", NOT_XML, ids=[codepoint(c) for c in NOT_XML])
@pytest.mark.parametrize("field", ["value", "exact", "evidence"])
def test_a_character_xml_cannot_hold_is_refused_when_typed_with_the_field_named(tmp_path, bad, field):
    folder = editorial(tmp_path)
    before = write_decision(folder, "book.txt", fields(kind="check", exact="Comrade", flag="ocr-unclear"), EDITORS,
                            "000000000000")
    old = before.path.read_bytes()
    with pytest.raises(PipelineError) as caught:
        write_decision(folder, "book.txt", fields(**{field: f"wor{bad}kers"}), EDITORS, "abcdef123456")
    message = caught.value.one_line()
    assert f'the field "{field}" holds {codepoint(bad)}, which XML cannot hold' in message, message
    assert message.startswith(str(folder / "book.toml") + ": ")
    assert before.path.read_bytes() == old  # nothing written
    with pytest.raises(PipelineError, match=re.escape(f'the field "{field}" holds {codepoint(bad)}')):
        format_decision(fields(**{field: f"wor{bad}kers"}))


@pytest.mark.parametrize("spelled, shown", [
    ('"A\uffff"', "U+FFFF"), ('"A\\uFFFF"', "U+FFFF"), ('"A\\uFFFE"', "U+FFFE"), ('"A\\u0001"', "U+0001"),
    ("'A\uffff'", "U+FFFF"), ('"A\\u001B"', "U+001B"), ('"A\\u000C"', "U+000C"),
])
def test_a_file_holding_a_character_xml_cannot_hold_is_refused_at_its_line(spelled, shown):
    text = ("# hand-written\n\n[[decision]]\nkind = \"title\"\nwho = \"sfp\"\nwhen = 2026-11-23\n"
            f"exact = \"Dear Mr. Robins:\"\nexpect = \"\"\nvalue = {spelled}\n")
    with pytest.raises(DecisionFileError) as caught:
        load_decisions(text, "editorial/page.toml", EDITORS)
    assert caught.value.one_line() == \
        f'editorial/page.toml:9: the field "value" holds {shown}, which XML cannot hold; remove it'


def test_every_problem_of_a_file_is_listed_characters_included():
    text = ('[[decision]]\nkind = "accept"\nwho = "sfp"\nwhen = 2026-11-23\nexact = "a\\u0002b"\nexpect = "x"\n\n'
            '[[decision]]\nkind = "reject"\nwho = "nobody"\nwhen = 2026-11-23\nexact = "c"\nexpect = "d"\n')
    with pytest.raises(DecisionFileError) as caught:
        load_decisions(text, "b.toml", EDITORS)
    lines = caught.value.one_line().split("\n")
    assert lines[0] == 'b.toml:5: the field "exact" holds U+0002, which XML cannot hold; remove it'
    assert lines[1].startswith("b.toml:8: who = 'nobody' is not in editorial/editors.toml")


def test_an_editors_name_xml_cannot_hold_is_refused(tmp_path):
    folder = tmp_path / "editorial"
    folder.mkdir()
    (folder / "editors.toml").write_text('[editors.sfp]\nrole = "editor"\nname = "S. F.\\uFFFF P."\n',
                                         encoding="utf-8")
    with pytest.raises(DecisionFileError) as caught:
        read_editorial(folder, "book.txt")
    assert caught.value.one_line() == \
        f'{folder / "editors.toml"}:3: the field "name" holds U+FFFF, which XML cannot hold; remove it'


# ------------------------------------------------------------------ the byte-order mark


def test_a_decision_file_with_a_byte_order_mark_loads_with_its_lines_right(tmp_path):
    folder = editorial(tmp_path)
    (folder / "editors.toml").write_text(EDITORS_TOML, encoding="utf-8-sig")
    text = ("[[decision]]\nkind = \"accept\"\nwho = \"sfp\"\nwhen = 2026-11-23\nexact = \"woTkers\"\n"
            "expect = \"workers\"\n\n[[decision]]\nkind = \"reject\"\nwho = \"ed\"\nwhen = 2026-11-23\n"
            "exact = \"diplomacj^\"\nexpect = \"diplomacy\"\n")
    (folder / "book.toml").write_text(text, encoding="utf-8-sig")
    found = read_editorial(folder, "book.txt")
    assert [(d.kind, d.origin) for d in found.decisions] == [
        ("accept", f"{folder / 'book.toml'}:1"), ("reject", f"{folder / 'book.toml'}:8")]
    assert [e.key for e in found.editors] == ["ed", "sfp"]
    bad = "\ufeff" + text.replace('who = "ed"', 'who = "nobody"')
    with pytest.raises(DecisionFileError, match=r"^b\.toml:8: who = 'nobody'"):
        load_decisions(bad, "b.toml", EDITORS)
    # review mode appends to it: the mark stays, and the file still loads
    written = write_decision(folder, "book.txt", fields(), EDITORS, "abcdef123456")
    data = (folder / "book.toml").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + text.encode()) and written.origin == f"{folder / 'book.toml'}:15"
    assert [d.kind for d in read_editorial(folder, "book.txt").decisions] == ["accept", "reject", "correct"]


# ------------------------------------------------------------------ two writers at once


def write_in_a_process(folder, table, item, barrier, results):
    barrier.wait()
    try:
        written = write_decision(folder, "book.txt", table, EDITORS, item)
        results.put(("ok", written.key))
    except Exception as err:  # noqa: BLE001 - the parent says what went wrong
        results.put(("error", repr(err)))


def slow_loader(monkeypatch):
    """The strict loader, slowed down: whatever a writer does between reading the file and
    writing it takes long enough for the other writers to do the same (a race, if there is
    no lock, happens every time)."""
    real = writer_module.load_decisions

    def slow(*args, **kwargs):
        time.sleep(0.05)
        return real(*args, **kwargs)
    monkeypatch.setattr(writer_module, "load_decisions", slow)


def race(folder: Path, tables: list[tuple[dict, str]]) -> list[str]:
    """Each (decision, item) written by a process of its own, all at once; their keys."""
    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(len(tables)), context.Queue()
    processes = [context.Process(target=write_in_a_process, args=(folder, table, item, barrier, results))
                 for table, item in tables]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=60) for _ in processes]
    for process in processes:
        process.join(timeout=60)
    assert all(status == "ok" for status, _ in outcomes), outcomes
    return [key for _, key in outcomes]


def test_two_sessions_deciding_the_same_item_write_it_once(tmp_path, monkeypatch):
    folder = editorial(tmp_path)
    slow_loader(monkeypatch)
    keys = race(folder, [(fields(), "abcdef123456")] * 4)
    decisions = loaded(folder)  # the file loads: no key twice
    assert [d.kind for d in decisions] == ["correct"]
    assert set(keys) == {decisions[0].key}  # each session is told the decision's key
    assert (folder / "book.toml").read_text(encoding="utf-8").count("[[decision]]") == 1


def test_two_sessions_deciding_different_items_lose_nothing(tmp_path, monkeypatch):
    folder = editorial(tmp_path)
    slow_loader(monkeypatch)
    words = ["woTkers", "diplomacj^", "Chicherm", "Rapalo"]
    keys = race(folder, [(fields(exact=word), f"{n:06d}abcdef") for n, word in enumerate(words)])
    decisions = loaded(folder)
    assert sorted(d.quote.exact for d in decisions) == sorted(words)
    assert sorted(keys) == sorted(d.key for d in decisions) and len(set(keys)) == 4
    assert (folder / "book.toml").read_text(encoding="utf-8").count("# Editorial decisions for") == 1


def test_two_sessions_deciding_one_item_differently_keep_both_under_keys_of_their_own(tmp_path, monkeypatch):
    """A disagreement is not the same decision: both are kept (the build then reports the
    later one as stale, and the editors settle it)."""
    folder = editorial(tmp_path)
    slow_loader(monkeypatch)
    keys = race(folder, [(fields(value="workers"), "abcdef123456"), (fields(value="workmen"), "abcdef123456")])
    decisions = loaded(folder)
    assert sorted(d.get("value") for d in decisions) == ["workers", "workmen"]
    assert sorted(keys) == ["correct-abcdef12", "correct-abcdef12-2"]


def test_threads_of_one_process_take_turns_too(tmp_path, monkeypatch):
    folder = editorial(tmp_path)
    slow_loader(monkeypatch)
    barrier, keys, errors = threading.Barrier(3), [], []

    def session(table, item):
        barrier.wait()
        try:
            keys.append(write_decision(folder, "book.txt", table, EDITORS, item).key)
        except Exception as err:  # noqa: BLE001
            errors.append(err)
    tables = [(fields(), "abcdef123456"), (fields(), "abcdef123456"), (fields(exact="Rapalo"), "999999abcdef")]
    threads = [threading.Thread(target=session, args=pair) for pair in tables]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    decisions = loaded(folder)
    assert sorted(d.quote.exact for d in decisions) == ["Rapalo", "woTkers"]
    assert sorted(set(keys)) == sorted(d.key for d in decisions)


def test_the_same_decision_made_again_is_not_written_twice(tmp_path):
    folder = editorial(tmp_path)
    first = write_decision(folder, "book.txt", fields(), EDITORS, "abcdef123456")
    data = first.path.read_bytes()
    again = write_decision(folder, "book.txt", fields(who="ed", at=7), EDITORS, "abcdef123456")
    assert (again.key, again.origin) == (first.key, first.origin) and getattr(again, "already", None) is True
    assert first.path.read_bytes() == data


# ------------------------------------------------------------------ hand edits and failures


HAND = ("# Hand-written notes on the book, Windows line ends, tabs, no final newline\r\n\r\n"
        "[[decision]]\t# by hand\r\nkind = 'check'\r\nwho   =   \"ed\"\r\nwhen = 2026-11-20\r\n"
        "exact = \"Comrade\\tChicherin\"\r\nflag = \"ocr-unclear\"\r\ncomment = \"\"\"nothing\r\nthere\"\"\"")


def test_a_hand_edit_between_two_writes_is_kept_byte_for_byte(tmp_path):
    """The editor opens the file review mode made, adds a decision in an editor that saves
    with a byte-order mark and Windows line ends, and makes it group-writable."""
    folder = editorial(tmp_path)
    path = folder / "book.toml"
    old_umask = os.umask(0o022)
    try:
        first = write_decision(folder, "book.txt", fields(), EDITORS, "abcdef123456")
    finally:
        os.umask(old_umask)
    assert path.stat().st_mode & 0o777 == 0o644
    edited = b"\xef\xbb\xbf" + path.read_bytes().replace(b"# Editorial", b"#  Editorial") + HAND.encode("utf-8")
    path.write_bytes(edited)
    path.chmod(0o664)
    second = write_decision(folder, "book.txt", fields(exact="Rapalo"), EDITORS, "999999abcdef")
    data = path.read_bytes()
    assert data.startswith(edited) and data != edited and path.stat().st_mode & 0o777 == 0o664
    decisions = loaded(folder)
    assert [d.kind for d in decisions] == ["correct", "check", "correct"]
    assert (decisions[0].key, decisions[2].key) == (first.key, second.key)
    assert decisions[1].quote.exact == "Comrade\tChicherin"
    added = data[len(edited):]
    assert added.startswith(b"\r\n\r\n[[decision]]\r\n") and b"\n" not in added.replace(b"\r\n", b"")


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_a_write_that_fails_leaves_the_old_file_as_it_was(tmp_path, monkeypatch, failing):
    folder = editorial(tmp_path)
    path = folder / "book.toml"
    write_decision(folder, "book.txt", fields(), EDITORS, "abcdef123456")
    path.write_bytes(path.read_bytes() + HAND.encode("utf-8"))
    old, listing = path.read_bytes(), sorted(p.name for p in folder.iterdir())

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, failing, disk_full)
    with pytest.raises(PipelineError) as caught:
        write_decision(folder, "book.txt", fields(exact="Rapalo"), EDITORS, "999999abcdef")
    monkeypatch.undo()
    assert "No space left on device" in caught.value.one_line() and "nothing was written" in caught.value.one_line()
    assert path.read_bytes() == old
    assert sorted(p.name for p in folder.iterdir()) == listing  # no temporary file left behind
    assert len(loaded(folder)) == 2


# ------------------------------------------------------------------ the review page


def test_the_review_page_shows_a_refused_value_xml_cannot_hold():
    item = Item(ident="abcdef123456", raw="book.txt", kind="flag", rule="title-supplied", document="s001-d1",
                certainty=0.0, start=0, end=7, source="Comrade", reading="Comrade", context=("", " Chicherin"),
                reading_context=("", " Chicherin"), line=1, message="the title was supplied",
                settles=("title", "check"))
    doc = DocumentInfo("s001-d1", "A \x02title\uffff", "1918-01-01", 0, 100)
    view = View(queue=(item,), counts={"": 1}, item=item, document=doc, token="t", who="sfp", status="refused",
                message="Nothing was written: the title \x01 \ufffe was refused",
                refill={"action": "title", "value": "Note\x01 to \uffffKrasin", "evidence": "\x1b[31m"})
    html = review_page(view).decode("utf-8")
    assert 'value="Note\u2401 to \ufffdKrasin"' in html and 'value="\u241b[31m"' in html
    assert "the title \u2401 \ufffd was refused" in html and "A \u2402title\ufffd" in html
