"""The inline encoder on short passages of the book: each kind of record becomes the TEI
the README and the header's editorial declarations promise (``pc`` and ``lb`` for
line-end hyphens, ``pb`` inside a word that runs over a page, ``ref`` for a call,
``choice`` for a correction, ``seg`` for a rejected one, an ``anchor`` for a removal), and
dropping the ``corr`` side always gives back the raw characters.
"""

from __future__ import annotations

from lxml import etree

from pipeline.encode.inline import Marks, fill, page_ids, tei
from pipeline.model import Change, NoteCall, PageBreak
from pipeline.teitext import source_characters

TEI_NS = "http://www.tei-c.org/ns/1.0"


def xml(el) -> str:
    return etree.tostring(el, encoding="unicode").replace(f' xmlns="{TEI_NS}"', "")


def hyphen(text: str, at: str, decision: str, revision: str = "", occurrence: int = 0) -> Change:
    """The hyphen decision for the mark (``¬`` or ``-``) and line break that follow ``at``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(at, start + 1)
    start += len(at)
    end = start + 1
    while end < len(text) and text[end] in " \n":
        end += 1
    after = "-" if decision == "keep" else ""
    return Change(f"line-end-hyphen:{decision}", start, end, text[start:end], after, 0.9, kind="hyphen",
                  decision=decision, resp=("pipeline", "editor:ed") if revision else ("pipeline",),
                  revision=revision)


def span(text: str, word: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


def raw_of(p) -> str:
    """The source's characters a paragraph keeps (the ``corr`` side dropped)."""
    text = tei("text")
    text.append(p)
    return "".join(source_characters(text).split())


def encode(text: str, *, changes=(), calls=(), pages=(), lined=True, holes=(), call_ids=None, note_ids=None,
           start=0, end=None):
    marks = Marks(text, sorted(changes, key=lambda c: c.start), calls, pages, call_ids, note_ids, "d")
    p = tei("p")
    fill(p, start, len(text) if end is None else end, marks, lined=lined, holes=holes)
    return p, marks


def test_line_end_hyphens_by_decision():
    text = "the pain¬\nful class-\nconsciousness of the ill-\nclad and Anti¬\nSocialist excel\nlently done"
    changes = [hyphen(text, "pain", "no"), hyphen(text, "class", "keep"), hyphen(text, "ill", "maybe"),
               hyphen(text, "Anti", "keep", revision="h1"),
               Change("line-end-break-without-mark", *span(text, "\n", 4), "\n", "", 0.85, kind="hyphen",
                      decision="no")]
    p, _ = encode(text, changes=changes)
    assert xml(p) == (
        '<p>the <choice><reg>painful</reg><orig>pain<pc force="weak" type="hyphen">¬</pc><lb break="no"/>ful'
        '</orig></choice> <choice><reg>class-consciousness</reg><orig>class-<lb break="no"/>consciousness</orig>'
        '</choice> of the <choice><reg>ill-clad</reg><orig>ill<pc force="inter" type="hyphen">-</pc>'
        '<lb break="maybe"/>clad</orig></choice> and <choice><reg>Anti-Socialist</reg><orig>Anti<choice>'
        '<corr resp="#d-pipeline #d-editor-ed" cert="high" type="line-end-hyphen:keep" change="#d-rev-h1">-</corr>'
        '<sic>¬</sic></choice><lb break="no" change="#d-rev-h1"/>Socialist</orig></choice> <choice><reg>excellently'
        '</reg><orig>excel<lb break="no"/>lently</orig></choice> done</p>')
    assert raw_of(p) == "".join(text.split())


def test_a_rejected_join_and_an_editors_break_carry_the_decision():
    text = "in Lon¬\ndon and Pa-\nris"
    changes = [hyphen(text, "Lon", "no", revision="r1"), hyphen(text, "Pa", "maybe", revision="r2")]
    p, _ = encode(text, changes=changes)
    assert xml(p) == ('<p>in <choice><reg>London</reg><orig>Lon<pc force="weak" type="hyphen">¬</pc>'
                      '<lb break="no" change="#d-rev-r1"/>don</orig></choice> and <choice><reg>Pa-ris</reg><orig>'
                      'Pa<pc force="inter" type="hyphen">-</pc><lb break="maybe" change="#d-rev-r2"/>ris</orig>'
                      '</choice></p>')
    blank = Change("line-end-hyphen", *span(text, "¬\n"), "¬\n", "", 0.7, kind="hyphen", decision="")
    assert xml(encode(text, changes=[blank])[0]).startswith(
        '<p>in <choice><reg>London</reg><orig>Lon<pc force="weak" type="hyphen">¬</pc><lb break="no"/>don')


def test_lines_and_blank_lines():
    text = "  Comrades,\n  the war   is over.\n\n\n\nThe peace \n  begins.  "
    p, _ = encode(text)
    assert xml(p) == "<p>Comrades,\n<lb/>the war is over.\n<lb/>The peace \n<lb/>begins.</p>"
    p, _ = encode(text, lined=False)
    assert xml(p) == "<p>Comrades, the war is over. The peace begins.</p>"


def test_a_page_break_inside_a_word_and_between_words():
    text = "the prolonged, persist¬\n\n\n\nent and heroic struggle against the\n\n\nAnti-Socialist Law"
    word_page = text.index("ent and")
    line_page = text.index("Anti-")
    pages = [PageBreak(word_page, "14"), PageBreak(line_page, "15")]
    p, _ = encode(text, changes=[hyphen(text, "persist", "no")], pages=pages)
    assert xml(p) == ('<p>the prolonged, <choice><reg>persistent</reg><orig>persist<pc force="weak" type="hyphen">¬'
                      '</pc><lb break="no"/><pb n="14" xml:id="d-pg14" break="no"/>ent</orig></choice> and heroic '
                      'struggle against the\n'
                      '<lb/>\n<pb n="15" xml:id="d-pg15"/>Anti-Socialist Law</p>')
    maybe = hyphen(text, "persist", "maybe")
    assert '<lb break="maybe"/><pb n="14" xml:id="d-pg14" break="maybe"/>' in xml(
        encode(text, changes=[maybe], pages=pages)[0])
    ended = "the end of a page\n"
    p, _ = encode(ended + "next", pages=[PageBreak(len(ended), "")])
    assert xml(p) == '<p>the end of a page\n<lb/>\n<pb xml:id="d-pb1"/>next</p>'
    p, _ = encode("text", pages=[PageBreak(0, "3")])
    assert xml(p) == '<p><pb n="3" xml:id="d-pg3"/>text</p>'


def test_page_ids_are_unique():
    pages = [PageBreak(0, "13"), PageBreak(10, ""), PageBreak(20, "13"), PageBreak(30, "14")]
    assert page_ids("d", pages) == {0: "d-pg13", 10: "d-pb2", 20: "d-pb3", 30: "d-pg14"}


def test_note_calls():
    text = "the Anti-Socialist Law 5 and the secret treaties 12. The treaty"
    five, twelve = span(text, "5"), span(text, "12")
    calls = [NoteCall(*five, "5"), NoteCall(*twelve, "12", revision="l1"),
             NoteCall(len(text), len(text), "e1", key="en1", lost=True)]
    call_ids = dict(zip(calls, ("d-r5", "d-r12", "d-ren1")))
    p, marks = encode(text, calls=calls, call_ids=call_ids, note_ids={"n5": "d-n5", "en1": "d-en1"})
    assert xml(p) == ('<p>the Anti-Socialist Law <ref type="noteAnchor" n="5" target="#d-n5" xml:id="d-r5">5</ref>'
                      ' and the secret treaties <ref type="noteAnchor" n="12" xml:id="d-r12" change="#d-rev-l1">12'
                      '</ref>. The treaty<ref type="noteAnchor" n="e1" target="#d-en1" xml:id="d-ren1"/></p>')
    assert marks.rendered_calls == {"d-r5", "d-r12", "d-ren1"}
    assert raw_of(p) == "".join(text.split())


def test_a_lost_call_at_a_place_with_a_correction_stands_after_it():
    text = "the woTkers of Britain"
    word = span(text, "woTkers")
    fix = Change("ocr-confusion", *word, "woTkers", "workers", 0.95)
    lost = NoteCall(word[1], word[1], "e1", key="en1", lost=True)
    page = PageBreak(word[1], "7")
    p, _ = encode(text, changes=[fix], calls=[lost], pages=[page], call_ids={lost: "d-ren1"}, end=word[1])
    assert xml(p) == ('<p>the <choice><corr resp="#d-pipeline" cert="high" type="ocr-confusion">'
                      'workers</corr><sic>woTkers</sic></choice><ref type="noteAnchor" n="e1" xml:id="d-ren1"/></p>')


def test_a_call_an_editor_placed_where_a_printed_call_begins_is_written_too():
    """An editor's quote may end right where a printed call number begins: the editor's call
    closes the text before it and both calls are written, in reading order."""
    text = "the secret treaties 12. The treaty"
    twelve = span(text, "12")
    calls = [NoteCall(*twelve, "12"), NoteCall(twelve[0], twelve[0], "e1", key="en1", lost=True)]
    p, marks = encode(text, calls=calls, call_ids=dict(zip(calls, ("d-r12", "d-ren1"))), note_ids={"n12": "d-n12"})
    refs = p.findall("{http://www.tei-c.org/ns/1.0}ref")
    assert [(r.get("n"), r.text, r.get("{http://www.w3.org/XML/1998/namespace}id")) for r in refs] == \
        [("e1", None, "d-ren1"), ("12", "12", "d-r12")]
    assert marks.rendered_calls == {"d-r12", "d-ren1"}


def test_corrections_rejections_normalisations_removals_and_flags():
    text = "We appeal to the woTkers ( and diplomacj^ ) of Britain , the Cbartists. \\\nthe 1S20 programme"
    changes = [
        Change("ocr-confusion", *span(text, "woTkers"), "woTkers", "workers", 0.95),
        Change("space-inside-bracket", *span(text, "( "), "( ", "(", 0.9, kind="normalisation"),
        Change("ocr-confusion", *span(text, "diplomacj^"), "diplomacj^", "diplomacy", 0.7,
               resp=("pipeline", "editor:ed"), revision="a1"),
        Change("space-before-punctuation", *span(text, " )"), " )", ")", 0.9, kind="normalisation"),
        Change("editor-correction", *span(text, "Britain ,"), "Britain ,", "Britain,", 1.0, resp=("editor:ed",)),
        Change("ocr-confusion", *span(text, "Cbartists"), "Cbartists", "Chartists", 0.9, kind="rejected",
               resp=("editor:ed",), revision="r1"),
        Change("margin-mark", *span(text, " \\"), " \\", "", 0.85, kind="removal"),
        Change("ocr-unclear", *span(text, "1S20"), "1S20", "1S20", 0.5, kind="flag"),
    ]
    p, marks = encode(text, changes=changes, lined=False)
    assert xml(p) == (
        '<p>We appeal to the <choice><corr resp="#d-pipeline" cert="high" type="ocr-confusion">'
        'workers</corr><sic>woTkers</sic></choice> (and <choice><corr resp="#d-pipeline #d-editor-ed" '
        'cert="medium" type="ocr-confusion" change="#d-rev-a1">diplomacy</corr><sic>diplomacj^</sic></choice>) of <choice><corr resp="#d-editor-ed" cert="high" type="editor-correction">Britain,</corr><sic>'
        'Britain ,</sic></choice> '
        'the <seg type="rejected-ocr-confusion" change="#d-rev-r1">Cbartists</seg>.<anchor xml:id="d-x1-at" '
        'type="removal"/> the 1S20 programme</p>')
    removal = changes[6]
    assert marks.anchored == {removal: "d-x1-at"} and marks.removal_ids == {removal: "d-x1"}
    low = Change("ocr-confusion", 0, 2, "Wc", "We", 0.5)
    assert '<corr resp="#d-pipeline" cert="low" type="ocr-confusion">We</corr>' in xml(encode(text, changes=[low])[0])


def test_removed_furniture_lines_leave_no_anchor():
    text = "the end of a page\n14 LENIN\nthe next page"
    head = Change("running-head", *span(text, "14 LENIN\n"), "14 LENIN\n", "", 0.9, kind="removal")
    p, marks = encode(text, changes=[head])
    assert xml(p) == "<p>the end of a page\n<lb/>the next page</p>" and marks.anchored == {}


def test_holes_are_left_out_and_edges_trimmed():
    text = "  The workers * of Britain\n* A footnote at the foot.\nhave risen.  "
    hole = span(text, "* A footnote at the foot.\n")
    p, _ = encode(text, lined=False, holes=(hole,))
    assert xml(p) == "<p>The workers * of Britain have risen.</p>"
    p, _ = encode("word ", changes=[Change("ocr-confusion", 0, 4, "word", "Word", 0.9)])
    assert xml(p) == '<p><choice><corr resp="#d-pipeline" cert="high" type="ocr-confusion">Word</corr><sic>word</sic></choice></p>'


def test_tei_elements():
    root = tei("date", when="1917-11-08", when_custom="1917-10-26", notAfter="", xml_id="d-date")
    assert xml(root) == '<date when="1917-11-08" when-custom="1917-10-26" xml:id="d-date"/>'
    assert root.nsmap == {None: TEI_NS}
    child = tei("p", root, "text", n=3)
    assert child.getparent() is root and xml(child) == '<p n="3">text</p>'


def test_without_lines_a_line_break_is_a_space():
    """Unless told the text is laid out in printed lines, ``fill`` joins lines with a
    space and writes no ``lb`` (a heading or title set over two lines of a page copy)."""
    text = "REPORT ON\nPEACE"
    p = tei("p")
    fill(p, 0, len(text), Marks(text, doc_id="d"))
    assert xml(p) == "<p>REPORT ON PEACE</p>"


def test_the_marks_within_a_span():
    """``within`` gives the marks that fall inside a span: not a correction before it, nor
    one that runs past its end; a page break at its very end belongs to the next span."""
    text = "the woTkers of Britain and the Cbartists"
    before = Change("ocr-confusion", *span(text, "woTkers"), "woTkers", "workers", 0.95)
    inside = Change("ocr-confusion", *span(text, "Cbartists"), "Cbartists", "Chartists", 0.9)
    page = PageBreak(span(text, "and")[0], "7")
    marks = Marks(text, [before, inside], (), [page], doc_id="d")
    assert marks.within(span(text, "of")[0], len(text)) == [page, inside]
    assert marks.within(span(text, "of")[0], span(text, "Cbartists")[0] + 3) == [page]
    assert marks.within(span(text, "of")[0], page.start) == []
