"""The decision files' loader and writer, and the quote anchors, on small inputs: what an
editor types, what they are told when it is wrong (the whole message: it is what they
read), and where a quote lands in the raw text.
"""

from __future__ import annotations

import pytest

from pipeline.editorial.anchors import Quote, anchoring_text, make_quote, resolve, squash_quote
from pipeline.editorial.decisions import (Editor, default_key, editorial_path, format_decision, load_decisions,
                                          load_editors, read_editorial, toml_string)
from pipeline.errors import DecisionFileError

EDITORS = (Editor("ed", "A. Editor"), Editor("sfp", "S. F. P.", "proof-reader"))
HEAD = '[[decision]]\nwho = "ed"\nwhen = 2026-11-22\n'


def problem(text: str) -> str:
    """The one message of a decision file with one bad decision."""
    with pytest.raises(DecisionFileError) as caught:
        load_decisions(text, "editorial/b.toml", EDITORS)
    return str(caught.value)


# ------------------------------------------------------------------ loading


def test_a_decision_of_each_shape_loads_with_its_fields():
    text = ("# the book\n\n" + HEAD + 'kind = "title"\nexact = "REPLY FROM TROTSKY"\nprefix = "\\n"\n'
            'suffix = ", COMMISSAR"\nat = 120\nexpect = "Reply"\nvalue = "Reply from Trotsky"\n'
            'evidence = "Collected Works"\ncomment = "from the contents"\n\n'
            "[[decision]]  # a page\n" + 'who = "sfp"\nwhen = "2026-11-23"\nkind = "page"\nexact = "The workers"\n'
            'page = 14\nkey = "p-14"\n')
    title, page = load_decisions(text, "editorial/b.toml", EDITORS)
    assert (title.kind, title.who, title.when, title.expect) == ("title", "ed", "2026-11-22", "Reply")
    assert title.quote == Quote("REPLY FROM TROTSKY", "\n", ", COMMISSAR", 120)
    assert title.values == (("value", "Reply from Trotsky"), ("evidence", "Collected Works"))
    assert title.origin == "editorial/b.toml:3" and page.origin == "editorial/b.toml:16"
    assert title.get("value") == "Reply from Trotsky" and title.get("missing", "none") == "none"
    assert title.key == default_key("title", title.quote) and title.key.startswith("title-")
    assert (page.key, page.when, page.get("page"), page.expect) == ("p-14", "2026-11-23", 14, None)
    assert page.quote == Quote("The workers", "", "", None)


def test_the_default_key_depends_on_kind_and_quote_only():
    quote = Quote("woTkers", "the ", " of")
    key = default_key("reject", quote)
    assert key == default_key("reject", Quote("woTkers", "the ", " of", at=99))
    assert len(key) == len("reject-") + 7 and key[7:].isalnum()
    assert len({key, default_key("accept", quote), default_key("reject", Quote("woTkers", "the ", " on")),
                default_key("reject", Quote("woTkers", "thee", " of")), default_key("reject", Quote("wo", "the ", " of"))
                }) == 5


@pytest.mark.parametrize("body,message", [
    ('kind = "titel"\nexact = "x"\n',
     "editorial/b.toml:1: kind = 'titel' is not a decision kind; use one of title, date, kind, place, sender, "
     "addressee, accept, reject, correct, link, boundary, split, merge, check, note, page, name"),
    ('kind = "reject"\nexact = "x"\nexpect = "y"\nvalue = "z"\n',
     "editorial/b.toml:1: a “reject” decision has no field value; its fields are at, comment, exact, expect, "
     "key, kind, prefix, suffix, when, who"),
    ('kind = "title"\nexact = "x"\n', "editorial/b.toml:1: a “title” decision needs value, expect"),
    ('kind = "correct"\nexpect = "x"\n', "editorial/b.toml:1: a “correct” decision needs exact, value"),
    ('kind = "page"\nexact = "x"\npage = -3\n', "editorial/b.toml:1: page = -3 must be a whole number"),
    ('kind = "page"\nexact = "x"\npage = 3\nat = "12"\n', "editorial/b.toml:1: at = '12' must be a whole number"),
    ('kind = "note"\nexact = "x"\ntext = 5\n', "editorial/b.toml:1: text = 5 must be a string in quotes"),
    ('kind = "date"\nexact = "x"\nexpect = ""\ndate = "1917-11"\njulian = "26 Oct"\n',
     "editorial/b.toml:1: julian = '26 Oct' is not an ISO date (YYYY, YYYY-MM, YYYY-MM-DD)"),
    ('kind = "date"\nexact = "x"\nexpect = ""\nnot_before = "autumn 1919"\n',
     "editorial/b.toml:1: not_before = 'autumn 1919' is not an ISO date (YYYY, YYYY-MM, YYYY-MM-DD)"),
    ('kind = "date"\nexact = "x"\nexpect = ""\ntext = "autumn"\n',
     "editorial/b.toml:1: a “date” decision needs date, or not_before and/or not_after"),
    ('kind = "check"\nexact = "  "\nflag = "ocr-unclear"\n',
     "editorial/b.toml:1: exact must quote some text of the source"),
    ('kind = "check"\nexact = "x"\nflag = "ocr-unclear"\nkey = "K1"\n',
     "editorial/b.toml:1: key = 'K1' must be lower-case letters, digits and hyphens"),
])
def test_each_mistake_is_named_with_its_file_and_line(body, message):
    assert problem(HEAD + body) == message


def test_a_date_decision_takes_bounds_or_a_date():
    for fields in ('date = "1917"\n', 'not_before = "1919-09-26"\n', 'not_after = "1920-02"\n', 'date = "--09-26"\n'):
        (decision,) = load_decisions(HEAD + 'kind = "date"\nexact = "x"\nexpect = ""\n' + fields, "b.toml", EDITORS)
        assert decision.kind == "date"


def test_who_and_when_are_checked():
    body = 'kind = "reject"\nexact = "x"\nexpect = "y"\n'
    assert problem('[[decision]]\nwho = "nobody"\nwhen = 2026-11-22\n' + body) == \
        "editorial/b.toml:1: who = 'nobody' is not in editorial/editors.toml (known: ed, sfp)"
    with pytest.raises(DecisionFileError) as caught:
        load_decisions('[[decision]]\nwho = "ed"\nwhen = 2026-11-22\n' + body, "b.toml", ())
    assert str(caught.value) == "b.toml:1: who = 'ed' is not in editorial/editors.toml (known: none)"
    assert problem('[[decision]]\nwho = "ed"\nwhen = "22.11.2026"\n' + body) == \
        "editorial/b.toml:1: when = '22.11.2026' must be the date of the decision, e.g. when = 2026-11-22"


def test_every_problem_of_a_file_is_reported_each_on_its_line():
    good = HEAD + 'kind = "reject"\nkey = "r1"\nexact = "x"\nexpect = "y"\n'
    text = good + "\n" + good + "\n" + HEAD + 'kind = "nothing"\n'
    with pytest.raises(DecisionFileError) as caught:
        load_decisions(text, "editorial/b.toml", EDITORS)
    assert str(caught.value).split("\n") == [
        "editorial/b.toml:9: key “r1” is used again (first at line 1); give the decision a key of its own",
        "editorial/b.toml:17: kind = 'nothing' is not a decision kind; use one of title, date, kind, place, sender, "
        "addressee, accept, reject, correct, link, boundary, split, merge, check, note, page, name"]


def test_the_file_itself_must_be_toml_of_decisions():
    assert problem('[[decision]]\nkind = "title"\nvalue = \n') == \
        "editorial/b.toml:3: not valid TOML: Invalid value (at line 3, column 9) (fix the syntax there)"
    assert problem('[decisions]\nkind = "title"\n') == \
        "editorial/b.toml:1: unknown top-level table(s) decisions; decisions are [[decision]] tables"
    assert load_decisions('[source]\nname = "the book"\n', "b.toml", EDITORS) == ()


def test_a_file_cut_off_at_its_end_is_reported_as_invalid_toml():
    """A file that ends inside a string (a half-saved edit) has no line in the TOML error:
    the editor is still told the file and that its syntax is wrong."""
    assert problem(HEAD + 'kind = "title"\nexact = "REPLY FROM') == \
        "editorial/b.toml:1: not valid TOML: Unterminated string (at end of document) (fix the syntax there)"


def test_every_bad_decision_is_reported_not_only_the_first():
    """Two decisions the loader rejects: the editor sees both in one run, not one per build,
    and the error names the decision file it is about."""
    text = HEAD + 'kind = "titel"\nexact = "x"\n\n' + HEAD + 'kind = "page"\nexact = "x"\npage = "two"\n'
    with pytest.raises(DecisionFileError) as caught:
        load_decisions(text, "editorial/b.toml", EDITORS)
    assert str(caught.value).split("\n") == [
        "editorial/b.toml:1: kind = 'titel' is not a decision kind; use one of title, date, kind, place, sender, "
        "addressee, accept, reject, correct, link, boundary, split, merge, check, note, page, name",
        "editorial/b.toml:7: page = 'two' must be a whole number"]
    assert caught.value.path == "editorial/b.toml"


def test_editors_file():
    text = '# who decides\n[editors.sfp]\nname = "S. F. P."\nrole = "proof-reader"\n\n[editors.ed]\nname = "A. Editor"\n'
    assert load_editors(text, "editorial/editors.toml") == (Editor("ed", "A. Editor", "editor"),
                                                            Editor("sfp", "S. F. P.", "proof-reader"))
    for bad in ('\n[editors.Ed]\nname = "E"\n', '\n[editors.ed]\nrole = "x"\n', '\n[ editors.ed ]\nname = 5\n'):
        with pytest.raises(DecisionFileError) as caught:
            load_editors(bad, "editorial/editors.toml")
        key = "Ed" if "Ed" in bad else "ed"
        assert str(caught.value) == f"editorial/editors.toml:2: editor “{key}” needs a lower-case key and a name = \"…\""
    with pytest.raises(DecisionFileError) as caught:
        load_editors('editors = 1\n[editors.x]\nname = "X"\n', "e.toml")
    assert str(caught.value).startswith("e.toml:2: not valid TOML")
    assert load_editors("# no editor yet\n", "e.toml") == ()
    with pytest.raises(DecisionFileError) as caught:
        load_editors('\neditors = { ed = { role = "x" } }\n', "e.toml")
    assert str(caught.value) == 'e.toml:1: editor “ed” needs a lower-case key and a name = "…"', "no table line: 1"


def test_reading_the_editorial_folder(tmp_path):
    assert read_editorial(None, "book.txt").decisions == ()
    assert read_editorial(tmp_path / "missing", "book.txt").editors == ()
    assert editorial_path(tmp_path, "raw/001_book.txt") == tmp_path / "001_book.toml"
    (tmp_path / "editors.toml").write_text('[editors.ed]\nname = "A. Editor"\n', encoding="utf-8")
    assert read_editorial(tmp_path, "book.txt").editors == (Editor("ed", "A. Editor"),)
    (tmp_path / "book.toml").write_text(HEAD + 'kind = "reject"\nexact = "x"\nexpect = "y"\n', encoding="utf-8")
    editorial = read_editorial(tmp_path, "book.txt")
    assert editorial.path == str(tmp_path / "book.toml") and editorial.editor("ed").name == "A. Editor"
    assert [d.origin for d in editorial.decisions] == [f"{tmp_path / 'book.toml'}:1"]
    (tmp_path / "editors.toml").write_text('[editors.Ed]\nname = "A. Editor"\n', encoding="utf-8")
    with pytest.raises(DecisionFileError) as caught:
        read_editorial(tmp_path, "book.txt")
    assert str(caught.value).startswith(f"{tmp_path / 'editors.toml'}:1: editor “Ed”")
    (tmp_path / "editors.toml").unlink()
    with pytest.raises(DecisionFileError) as caught:
        read_editorial(tmp_path, "book.txt")
    assert "(known: none)" in str(caught.value)


READ_IN_ANOTHER_LOCALE = """
import sys
from pipeline.editorial.decisions import read_editorial
editorial = read_editorial(sys.argv[1], "book.txt")
print(editorial.editor("ed").name, "|", editorial.decisions[0].quote.exact)
"""


def test_decision_files_are_read_as_utf8_whatever_the_locale(tmp_path):
    """Decision files quote the source, curly quotes and "¬" included: they read the same on a
    machine whose locale is plain ASCII (LC_ALL=C) as on any other."""
    import os
    import subprocess
    import sys
    from pathlib import Path
    import pipeline
    (tmp_path / "editors.toml").write_text('[editors.ed]\nname = "Š. Editor"\n', encoding="utf-8")
    (tmp_path / "book.toml").write_text(HEAD + 'kind = "reject"\nexact = "Lon¬ don “"\nexpect = "y"\n',
                                        encoding="utf-8")
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0",
           "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([sys.executable, "-c", READ_IN_ANOTHER_LOCALE, str(tmp_path)], env=env,
                          cwd=Path(pipeline.__file__).parent.parent, capture_output=True, encoding="utf-8")
    assert (done.returncode, done.stdout) == (0, "Š. Editor | Lon¬ don “\n"), done.stderr


# ------------------------------------------------------------------ writing


def test_a_written_decision_reads_back_the_same():
    fields = {"comment": "seen in the scan", "kind": "correct", "who": "ed", "when": "2026-11-22",
              "exact": 'the "woTkers"\tof\\', "prefix": "appeal to\n", "suffix": " of Britain", "at": 0,
              "expect": "woTkers", "value": "workers", "evidence": None, "key": "c-1"}
    text = format_decision(fields)
    assert text.split("\n")[:4] == ["[[decision]]", 'key = "c-1"', 'kind = "correct"', 'who = "ed"']
    assert text.split("\n")[4:] == ["when = 2026-11-22", 'exact = "the \\"woTkers\\"\\tof\\\\"',
                                    'prefix = "appeal to\\n"', 'suffix = " of Britain"', "at = 0",
                                    'expect = "woTkers"', 'comment = "seen in the scan"', 'value = "workers"', ""]
    (decision,) = load_decisions(text, "b.toml", EDITORS)
    assert decision.quote == Quote('the "woTkers"\tof\\', "appeal to\n", " of Britain", 0)
    assert (decision.key, decision.get("value"), decision.get("evidence")) == ("c-1", "workers", None)
    assert toml_string("a\nb") == '"a\\nb"'


# ------------------------------------------------------------------ anchors


def test_offsets_map_both_ways_across_runs_of_white_space():
    raw = "  The pain¬\nful \t war\n\nof 1918 "
    a = anchoring_text(raw)
    assert a.text == " The pain¬ ful war of 1918 "
    for word in ("The", "pain¬", "ful", "war", "of", "1918"):
        flat, at = a.text.index(word), raw.index(word)
        assert a.to_raw(flat) == at and a.to_flat(at) == flat
        assert a.span_to_raw(flat, flat + len(word)) == (at, at + len(word))
    assert a.to_flat(raw.index("\t")) == a.text.index(" war")  # inside a run: the run's one space
    assert a.span_to_raw(a.text.index("ful "), a.text.index("war")) == (raw.index("ful"), raw.index("war"))
    assert a.span_to_raw(3, 3) == (4, 4)  # the "e" of "The"
    b = anchoring_text("war")
    assert (b.to_raw(2), b.to_flat(2), b.span_to_raw(0, 3)) == (2, 2, (0, 3))


def test_a_quote_is_found_moved_ambiguous_or_orphan():
    raw = "the woTkers of Britain and\nthe woTkers of  France, and the peasants"
    a = anchoring_text(raw)
    found = resolve(Quote("woTkers of France", "the ", ",", raw.index("woTkers of  F")), a)
    assert (found.status, found.detail, raw[found.start:found.end]) == ("found", "", "woTkers of  France")
    assert found.placed
    moved = resolve(Quote("woTkers of France", "the ", ",", 3), a)
    assert (moved.status, moved.detail) == ("moved", f"found at offset {raw.index('woTkers of  F')}, not 3")
    changed = resolve(Quote("peasants", "the rich ", ""), a)
    assert (changed.status, changed.detail, changed.start) == ("moved", "found once, but its context has changed",
                                                               raw.index("peasants"))
    ambiguous = resolve(Quote("woTkers"), a)
    assert (ambiguous.status, ambiguous.detail, ambiguous.placed) == (
        "ambiguous", "the quote stands 2 times; lengthen prefix or suffix", False)
    both_fit = resolve(Quote("woTkers", "the ", " of"), a)
    assert both_fit.detail == "the quote stands 2 times; lengthen prefix or suffix"
    assert resolve(Quote(" \n"), a).detail == "the quote is empty"
    assert resolve(Quote(" \n"), a).status == "orphan"
    unfitting = resolve(Quote("woTkers", "the rich ", ""), a)
    assert (unfitting.status, unfitting.detail) == ("ambiguous", "the quote stands 2 times; lengthen prefix or suffix")
    orphan = resolve(Quote("the peasanst"), a)
    assert (orphan.status, orphan.detail) == ("orphan", "the quote is nowhere in the source; nearest reading "
                                                        "“the peasant” at line 2")
    assert resolve(Quote("Versailles"), a).detail == "the quote is nowhere in the source"


def test_a_made_quote_is_unique_and_reads_from_whole_words():
    raw = "We appeal to the workers of Britain; we appeal to the workers of France; and to you."
    a = anchoring_text(raw)
    start = raw.index("workers of France")
    quote = make_quote(a, start, start + len("workers"), context=8)
    assert quote.exact == "workers" and quote.at == start
    assert quote.suffix.startswith(" of France") and not quote.prefix.startswith(("ppeal", "eal"))
    assert resolve(quote, a).status == "found" and resolve(quote, a).start == start
    whole = make_quote(a, 0, len(raw), context=8)
    assert (whole.exact, whole.prefix, whole.suffix) == (raw, "", "")
    short = make_quote(a, 3, 9)
    assert (short.exact, short.prefix, short.suffix) == ("appeal", "We ", " to the workers of Britain; we")
    empty = make_quote(a, 3, 3)
    assert empty.exact == "" and empty.at == 3
    crowded = make_quote(anchoring_text("ab " * 200), 300, 302)  # never unique: the context stops growing
    assert resolve(crowded, anchoring_text("ab " * 200)).status == "ambiguous" and 128 < len(crowded.prefix) <= 256
    assert squash_quote(" a \n\t b ") == " a b "


def test_an_orphans_nearest_reading_names_its_own_line():
    """The line an editor is sent to is the line of the nearest reading, not the last line of
    the source."""
    a = anchoring_text("Comrade Krasin,\nread the note\nagain.\n\nMoscow\n")
    assert resolve(Quote("read the nite"), a).detail == \
        "the quote is nowhere in the source; nearest reading “read the note” at line 2"


def test_a_span_ending_in_a_space_ends_where_its_run_of_white_space_ends():
    """A span whose last character is a run's one space covers the whole run in the raw text,
    also when a one-letter word follows and another run comes right after it."""
    raw = "a  b  c"
    a = anchoring_text(raw)
    assert a.text == "a b c"
    assert a.span_to_raw(0, 2) == (0, 3)
    assert a.span_to_raw(2, 4) == (3, 6)


def test_an_empty_span_after_a_run_of_white_space_stands_at_the_next_word():
    """A point (an empty span) just after a run of white space is the raw position of the
    next word, not a position inside the run."""
    raw = "ful \t war"
    a = anchoring_text(raw)
    at = a.text.index("war")
    assert a.span_to_raw(at, at) == (raw.index("war"), raw.index("war"))
