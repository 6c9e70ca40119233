"""The edition's schema: each Schematron rule is tripped by a small fragment; the
grammar rejects what TEI would not have and what the edition does not use."""

from __future__ import annotations

import pytest
from lxml import etree

from pipeline.validate import check_tree, edition_grammar

GOOD = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="d1" xml:lang="en">
 <teiHeader><fileDesc>
  <titleStmt><title>T</title><respStmt xml:id="d1-pipeline"><resp>r</resp><name>n</name></respStmt></titleStmt>
  <publicationStmt><publisher>P</publisher><idno>d1</idno></publicationStmt>
  <sourceDesc><bibl>B</bibl></sourceDesc></fileDesc>
  <profileDesc>{calendar}<creation><date {date}>d</date></creation></profileDesc></teiHeader>
 <text><body><div><p>{body}</p></div></body>
  <back><div type="notes">{notes}</div></back></text>
</TEI>"""
NOTE = '<note xml:id="d1-n{n}" n="{n}" type="endnote"><p>note {n}</p></note>'
CALL = '<ref type="noteAnchor" n="{n}" target="#d1-n{n}" xml:id="d1-r{n}">[{n}]</ref>'


def fragment(body="text", notes=(1,), date='when="1919-09-26"', calendar=""):
    xml = GOOD.format(body=body, notes="".join(NOTE.format(n=n) for n in notes), date=date, calendar=calendar)
    return etree.ElementTree(etree.fromstring(xml))


def rule_ids(tree):
    return sorted({message.split("]")[0].split()[-1] for _, message in check_tree(tree)})


def test_the_good_fragment_passes():
    assert check_tree(fragment(body="see" + CALL.format(n=1))) == []


def test_a_printed_note_number_kept_as_printed_is_no_raw_marker():
    """A note's printed "[1]" kept in its label's choice/orig (beside the @n that consumers
    print) is the note's number, not a call left in the text."""
    tree = fragment(body="see" + CALL.format(n=1))
    note = tree.find(".//{http://www.tei-c.org/ns/1.0}note")
    note.insert(0, etree.fromstring('<label xmlns="http://www.tei-c.org/ns/1.0"><choice><reg/><orig>[1]</orig>'
                                    '</choice></label>'))
    assert check_tree(tree) == []


def test_duplicate_ids_are_caught():
    """libxml2 refuses duplicate ids when parsing; an edited tree can still have them."""
    tree = fragment(body="see" + CALL.format(n=1))
    ref = tree.getroot().find(".//{http://www.tei-c.org/ns/1.0}ref")
    ref.set("{http://www.w3.org/XML/1998/namespace}id", "d1-n1")
    assert "id-unique" in rule_ids(tree)


TRIPS = {
    "id-prefix": dict(body='a<ref type="x" xml:id="other-r1">x</ref>'),
    "target-resolves": dict(body='see<ref type="noteAnchor" n="1" target="#d1-n9">[1]</ref>'),
    "resp-resolves": dict(body='a<choice><sic>x</sic><corr resp="#nobody" cert="high" type="r">y</corr></choice>'),
    "calendar-declared": dict(date='when="1917-11-08" when-custom="1917-10-26" datingMethod="#d1-julian"'),
    "call-number-matches": dict(body='see<ref type="noteAnchor" n="2" target="#d1-n1" xml:id="d1-r2">[2]</ref>'),
    "call-has-note": dict(body='see<ref type="noteAnchor" n="4">[4]</ref>'),
    "notes-in-order": dict(notes=(2, 1)),
    "no-soft-hyphen-mark": dict(body="pain¬ful"),
    "no-raw-note-marker": dict(body="a leftover call[12] here"),
    "corr-differs": dict(body='a<choice><sic>x</sic><corr resp="#d1-pipeline" cert="high" type="r">x</corr></choice>'),
    "corr-has-cert": dict(body='a<choice><sic>x</sic><corr resp="#d1-pipeline">y</corr></choice>'),
    "date-range-order": dict(date='notBefore="1919-09-30" notAfter="1919-09-26"'),
}


@pytest.mark.parametrize("rule", sorted(TRIPS))
def test_each_rule_is_tripped_by_its_fragment(rule):
    assert rule in rule_ids(fragment(**TRIPS[rule]))


EDITOR = '<respStmt xml:id="d1-editor-ed"><resp>r</resp><name>n</name></respStmt>'
TWO_POINTERS = 'a<choice><sic>x</sic><corr resp="{resp}" cert="high" type="r">y</corr></choice>'


def with_editor(tree):
    stmt = tree.getroot().find(".//{http://www.tei-c.org/ns/1.0}titleStmt")
    stmt.append(etree.fromstring(EDITOR.replace("<respStmt", '<respStmt xmlns="http://www.tei-c.org/ns/1.0"')))
    return tree


@pytest.mark.parametrize("resp", ["#d1-pipeline #d1-editor-ed", "#d1-editor-ed  #d1-pipeline", " #d1-editor-ed "])
def test_a_resp_of_several_pointers_that_all_resolve_passes(resp):
    """An accepted correction is the pipeline's proposal and the editor's decision: both
    are named in @resp, and each pointer resolves on its own."""
    assert check_tree(with_editor(fragment(body=TWO_POINTERS.format(resp=resp)))) == []


@pytest.mark.parametrize("resp", ["#d1-pipeline #nobody", "#nobody #d1-pipeline", "#d1-pipeline d1-editor-ed",
                                  "#d1-pipeline #d1-editor"])
def test_a_resp_with_one_pointer_that_names_nothing_is_caught(resp):
    assert "resp-resolves" in rule_ids(with_editor(fragment(body=TWO_POINTERS.format(resp=resp))))


def test_problems_carry_a_line_number():
    problems = check_tree(fragment(**TRIPS["no-soft-hyphen-mark"]))
    assert problems and all(line > 0 for line, _ in problems)


#: names in the text tagged from the register: a name may hold a broken word or a correction
NAMES = ('<persName ref="register.xml#register-chicherin" cert="high">Chi<pc force="weak" type="hyphen">¬</pc>'
         '<lb break="no"/>cherin</persName> in <placeName ref="register.xml#register-moscow" cert="medium">Moscow'
         '</placeName> and the <orgName ref="register.xml#register-sovnarkom" cert="high">Council of People’s '
         'Commissars</orgName>')


@pytest.mark.parametrize("body", ['<hi rend="bold">b</hi>', 'a<pc force="weak" type="hyphen">¬</pc><lb break="no"/>b',
                                  'a<choice><sic>x</sic><corr resp="#d1-pipeline" cert="low" type="r">y</corr></choice>',
                                  NAMES])
def test_grammar_accepts_edition_markup(body):
    assert edition_grammar().validate(fragment(body=body))


@pytest.mark.parametrize("body", ['<table/>', '<lb break="perhaps"/>',
                                  'a<choice><sic>x</sic><corr cert="certain">y</corr></choice>',
                                  '<persName ref="register.xml#register-lenin" cert="certain">Lenin</persName>',
                                  '<rsName ref="register.xml#register-lenin">Lenin</rsName>'])
def test_grammar_rejects_what_the_edition_does_not_use(body):
    assert not edition_grammar().validate(fragment(body=body))


REMOVAL = ('<span xml:id="d1-x1" type="removal" subtype="running-head" resp="#d1-pipeline" target="#d1-x1-at" '
           'rend="{rend}">{content}</span>')
REMOVED = "<choice><reg/><orig>14 LENIN</orig></choice>"


def with_removal(rend="inline", content=REMOVED):
    """The good fragment with an anchor and its removal record in ``standOff``."""
    tree = fragment(body='a<anchor xml:id="d1-x1-at" type="removal"/>b')
    tree.getroot().append(etree.fromstring(
        '<standOff xmlns="http://www.tei-c.org/ns/1.0"><spanGrp type="removals">'
        + REMOVAL.format(rend=rend, content=content) + "</spanGrp></standOff>"))
    return tree


def test_grammar_accepts_the_css_renditions_of_the_header():
    tree = fragment()
    encoding = etree.fromstring('<encodingDesc xmlns="http://www.tei-c.org/ns/1.0"><tagsDecl><rendition scheme="css" '
                                'selector="choice &gt; sic">display: none;</rendition></tagsDecl></encodingDesc>')
    tree.getroot().find("{http://www.tei-c.org/ns/1.0}teiHeader/{http://www.tei-c.org/ns/1.0}fileDesc").addnext(encoding)
    assert edition_grammar().validate(tree)


def test_grammar_accepts_the_removal_record():
    assert edition_grammar().validate(with_removal())
    assert check_tree(with_removal()) == []


@pytest.mark.parametrize("rend, content", [("inline", "14 LENIN"), ("middle", REMOVED),
                                           ("top", "<choice><reg>x</reg><orig>14 LENIN</orig></choice>")])
def test_grammar_rejects_a_removal_record_a_default_consumer_would_show(rend, content):
    """Removed characters outside ``choice/orig`` (the TEI Stylesheets print them), a ``reg``
    that reads something, or a place the site cannot put back are refused."""
    assert not edition_grammar().validate(with_removal(rend, content))


@pytest.mark.integration
@pytest.mark.xdist_group("tei_all")  # one worker compiles tei_all (about 9 s), not each
def test_the_removal_record_is_valid_tei(tei_all):
    assert tei_all.validate(with_removal()), tei_all.error_log


@pytest.mark.integration
@pytest.mark.xdist_group("tei_all")  # one worker compiles tei_all (about 9 s), not each
def test_fragments_that_pass_are_valid_tei(tei_all):
    """The grammar is a subset of TEI: what it accepts, tei_all accepts."""
    for body in ['<hi rend="bold">b</hi>', 'a<pc force="weak" type="hyphen">¬</pc><lb break="no"/>b',
                 "see" + CALL.format(n=1), NAMES]:
        tree = fragment(body=body)
        assert edition_grammar().validate(tree)
        assert tei_all.validate(tree), tei_all.error_log


def with_introduction():
    """The good fragment with a printed editor's introduction in ``front``, the editors' words."""
    xml = etree.tostring(fragment().getroot(), encoding="unicode").replace(
        "<text><body>", '<text><front><div type="editorialIntroduction" resp="#d1-pipeline"><p>The decree printed '
        "below was issued by the Congress.</p></div></front><body>")
    return etree.ElementTree(etree.fromstring(xml))


def test_grammar_accepts_a_printed_editors_introduction_with_its_resp():
    assert edition_grammar().validate(with_introduction()), edition_grammar().error_log
    assert check_tree(with_introduction()) == []


@pytest.mark.integration
@pytest.mark.xdist_group("tei_all")  # one worker compiles tei_all (about 9 s), not each
def test_a_printed_editors_introduction_is_valid_tei(tei_all):
    assert tei_all.validate(with_introduction()), tei_all.error_log
