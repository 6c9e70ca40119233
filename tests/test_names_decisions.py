"""The editors' decisions on names (kind ``name``) on the real book: one of each form (take a
tag away, add one, confirm the annotator's), settled in the annotate stage with the statuses
of every decision, and the edition stays valid with them."""

from __future__ import annotations

import shutil

import pytest

from conftest import EDITORIAL, RAW, TEST_CACHE
from pipeline.build import RawFile, process_source, read_editorial, read_register
from pipeline.ingest import source_from_bytes
from pipeline.runner import run_build
from pipeline.validate import check_tree, parse_tei, tei_files

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("tei_all")]

BOOK = "001_57a5e7fdb55d5ea9.txt"
COMMON = 'who = "sfp"\nwhen = 2026-12-02\n'
#: one decision of each form, each at a mention of the book
REJECT = f'[[decision]]\nkey = "name-reject"\nkind = "name"\n{COMMON}exact = "Wilson"\nprefix = "approved by "\n' \
         'expect = "wilson"\nref = "none"\n'
ADD = f'[[decision]]\nkey = "name-add"\nkind = "name"\n{COMMON}exact = "Kerenskys"\nprefix = "there are Ukrainian "\n' \
      'expect = "none"\nref = "kerensky"\n'
CONFIRM = f'[[decision]]\nkey = "name-confirm"\nkind = "name"\n{COMMON}exact = "Georgia"\nprefix = "in Tiflis, "\n' \
          'expect = "georgia"\nref = "georgia"\n'
#: stale ones: the annotator gives otherwise than the editor saw; a key the register lacks
STALE_EXPECT = f'[[decision]]\nkey = "name-stale"\nkind = "name"\n{COMMON}exact = "Wilson"\n' \
               'prefix = "I am not surprised that "\nexpect = "lenin"\nref = "none"\n'
UNKNOWN_KEY = f'[[decision]]\nkey = "name-unknown"\nkind = "name"\n{COMMON}exact = "Chernovs"\n' \
              'prefix = "there are Ukrainian Kerenskys, Ukrainian "\nexpect = "none"\nref = "tseretelli"\n'


def processed_with(decisions: str):
    data = (RAW / BOOK).read_bytes()
    own = (EDITORIAL / "001_57a5e7fdb55d5ea9.toml").read_text(encoding="utf-8")
    raw = RawFile(BOOK, data, decisions=own + "\n" + decisions, decisions_path="editorial/book.toml",
                  editors=(EDITORIAL / "editors.toml").read_text(encoding="utf-8"), editors_path="editors.toml",
                  register=(EDITORIAL / "register.toml").read_text(encoding="utf-8"),
                  register_path="editorial/register.toml")
    return process_source(source_from_bytes(BOOK, data), read_editorial(raw), register=read_register(raw))


def mention_at(processed, word: str, prefix: str):
    text = processed.source.text
    start = text.index(prefix + word) + len(prefix)
    return next((t for d in processed.documents for t in d.names
                 if t.role == "mention" and t.start <= start < t.end), None), start


@pytest.fixture(scope="module")
def decided():
    return processed_with(REJECT + ADD + CONFIRM + STALE_EXPECT + UNKNOWN_KEY)


def status(processed, key: str) -> str:
    return next(str(o.status) for o in processed.outcomes if o.decision.key == key)


def test_a_name_decision_takes_a_tag_away(decided):
    tag, _ = mention_at(decided, "Wilson", "approved by ")
    assert tag is None
    assert status(decided, "name-reject") == "applied"
    holder = next(d for d in decided.documents if any(r.key == "name-reject" for r in d.revisions))
    assert "names no entry" in next(r.text for r in holder.revisions if r.key == "name-reject")


def test_a_name_decision_adds_a_tag_that_names_its_editor(decided):
    tag, start = mention_at(decided, "Kerenskys", "there are Ukrainian ")
    assert (tag.key, tag.start, tag.end, tag.who, tag.revision) == \
        ("kerensky", start, start + len("Kerenskys"), "sfp", "name-add")
    assert status(decided, "name-add") == "applied"


def test_a_name_decision_the_annotator_already_gives_is_moot(decided):
    tag, _ = mention_at(decided, "Georgia", "in Tiflis, ")
    assert tag.key == "georgia" and tag.who == ""
    assert status(decided, "name-confirm") == "moot"


def test_a_name_decision_on_another_reading_or_an_unknown_entry_is_stale(decided):
    assert status(decided, "name-stale") == "conflict"
    tag, _ = mention_at(decided, "Wilson", "I am not surprised that ")
    assert tag is not None and tag.key == "wilson"  # a stale decision changes nothing
    assert status(decided, "name-unknown") == "conflict"
    assert "no entry “tseretelli”" in next(o.detail for o in decided.outcomes if o.decision.key == "name-unknown")


def test_name_decisions_leave_the_book_valid(tmp_path, monkeypatch, tei_all):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(RAW, tmp_path / "raw")
    shutil.copytree(EDITORIAL, tmp_path / "editorial")
    path = tmp_path / "editorial" / "001_57a5e7fdb55d5ea9.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + REJECT + ADD + CONFIRM, encoding="utf-8")
    report = run_build(tmp_path / "raw", tmp_path / "tei", tmp_path / "editorial", cache_dir=TEST_CACHE)
    assert report.ok, report.summary_lines()
    book = [p for p in tei_files([tmp_path / "tei"]) if p.name.startswith("s001")]
    added = []
    for path in book:
        tree = parse_tei(path)
        assert [p for p in check_tree(tree) if "[warning " not in p[1]] == [], path.name
        assert tei_all.validate(tree), f"{path.name}: {tei_all.error_log.last_error}"
        added += tree.xpath("//tei:persName[@change]", namespaces={"tei": "http://www.tei-c.org/ns/1.0"})
    assert [(el.text, el.get("ref"), el.get("resp").rsplit("-", 1)[1]) for el in added] == \
        [("Kerenskys", "register.xml#register-kerensky", "sfp")]
