"""The document encoder on documents made by hand (no segmenter in between): where each
block, note, call, page break and removal of a printed book's document goes in its TEI,
and the parts of a letter. The expected TEI is written out in full for each part.
"""

from __future__ import annotations

from dataclasses import replace

from lxml import etree

from pipeline.encode.document import encode_document
from pipeline.encode.ids import assign_ids, source_key
from pipeline.model import Bibl, Block, Change, DateValue, Document, Meta, Note, NoteCall, PageBreak, Source

TEI_NS = "http://www.tei-c.org/ns/1.0"
NS = {"tei": TEI_NS}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

BOOK = ("14 LENIN\n"
        "V. I. LENIN\n"
        "REPORT ON PEACE\n"
        "October 26 (November 8), 1917\n"
        "Comrades, the woTkers 1 of Britain\n"
        "and France. \\\n"
        "THE TREATY\n"
        "was signed 2 in Brest. 1\n"
        "Pravda No. 52,\n"
        "1 The letter was written in London. p. 14\n"
        "2 The treaty of Brest. p. 15\n"
        "i4 ° Not called. p. 15\n"
        "4 Not called either. p. 99\n")


def at(text: str, piece: str, occurrence: int = 0) -> int:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(piece, start + 1)
    return start


def line(text: str, piece: str) -> tuple[int, int]:
    """Offsets of the line that starts with ``piece``, without its newline."""
    start = at(text, piece)
    return start, text.index("\n", start)


def xml(el) -> str:
    return etree.tostring(el, encoding="unicode").replace(f' xmlns="{TEI_NS}"', "")


def part(root, path: str) -> str:
    return xml(root.find(path, NS))


def book_document(**meta) -> Document:
    text = BOOK
    source = Source("raw/book.txt", "book.txt", text, "ia-ocr", "0" * 64, "utf-8")

    def note(n, first, label, **kw):
        start, end = line(text, first)
        label_end = start + len(label)
        return Note(n, start, end, label_end, (Block("p", label_end + 1, end, part="note", lined=True),),
                    page_ref=kw.pop("page_ref"), **kw)
    notes = (note("1", "1 The letter", "1", page_ref="14"), note("2", "2 The treaty", "2", page_ref="15"),
             note("3", "i4 °", "i4 °", page_ref="15"), note("4", "4 Not called", "4", page_ref="99"))
    calls = (NoteCall(at(text, " 1 of") + 1, at(text, " 1 of") + 2, "1"),
             NoteCall(at(text, " 2 in") + 1, at(text, " 2 in") + 2, "2"),
             NoteCall(at(text, "Brest. 1") + 7, at(text, "Brest. 1") + 8, "1"))
    changes = (Change("running-head", 0, 9, "14 LENIN\n", "", 0.9, kind="removal"),
               Change("ocr-confusion", at(text, "woTkers"), at(text, "woTkers") + 7, "woTkers", "workers", 0.95),
               Change("margin-mark", at(text, " \\"), at(text, " \\") + 2, " \\", "", 0.85, kind="removal"),
               Change("note-number-from-sequence", at(text, "i4 °"), at(text, "i4 °") + 4, "i4 °", "3", 0.7,
                      kind="removal"))
    body = (Block("head", *line(text, "REPORT")),
            Block("p", at(text, "Comrades"), at(text, "THE TREATY") - 1, lined=True),
            Block("head", *line(text, "THE TREATY")),
            Block("p", *line(text, "was signed"), lined=True),
            Block("bibl", *line(text, "Pravda"), part="source"))
    front = (Block("docDate", *line(text, "October"), part="front"),
             Block("docAuthor", *line(text, "V. I. LENIN"), part="front"))
    fields = {"title": "Report on Peace", "date": DateValue("October 26 (November 8), 1917", when="1917-11-08",
                                                            when_julian="1917-10-26"),
              "doc_type": "report", "author": "V. I. Lenin", **meta}
    return Document(source, 9, len(text), Meta(**fields), front=front, body=body, notes=notes, calls=calls,
                    changes=changes, pages=(PageBreak(at(text, "THE TREATY"), "15"),), first_page="14",
                    last_page="15")


def test_a_book_documents_front_body_and_opening_page():
    root = encode_document(book_document(), "d1")
    assert part(root, "tei:text/tei:front") == (
        "<front><docAuthor>V. I. LENIN</docAuthor><docDate when=\"1917-11-08\">October 26 (November 8), 1917"
        "</docDate></front>")
    assert part(root, "tei:text/tei:body") == (
        '<body><pb n="14" xml:id="d1-pg14-open"/><div type="report" xml:id="d1-text"><head>REPORT ON PEACE</head>'
        '<p n="1">Comrades, the <choice><corr resp="#d1-pipeline" cert="high" type="ocr-confusion">'
        'workers</corr><sic>woTkers</sic></choice> <ref type="noteAnchor" n="1" target="#d1-n1" xml:id="d1-r1">1</ref> of Britain\n'
        '<lb/>and France.<anchor xml:id="d1-x2-at" type="removal"/></p>'
        '<label type="heading"><pb n="15" xml:id="d1-pg15"/>THE TREATY</label><p n="2">was signed <ref type="noteAnchor" n="2" target="#d1-n2" '
        'xml:id="d1-r2">2</ref> in Brest. <ref type="noteAnchor" n="1" target="#d1-n1" xml:id="d1-r1b">1</ref>'
        '</p></div></body>')


def test_a_book_documents_source_block_and_notes():
    root = encode_document(book_document(), "d1")
    back = root.find("tei:text/tei:back", NS)
    assert xml(back[0]) == '<div type="source"><bibl type="source">Pravda No. 52,</bibl></div>'
    assert [xml(n) for n in back[1]] == [
        '<note xml:id="d1-n1" n="1" type="endnote" place="end" target="#d1-r1"><label><choice><reg/><orig>1</orig></choice></label>'
        '<p>The letter was written in London. p. 14</p></note>',
        '<note xml:id="d1-n2" n="2" type="endnote" place="end" target="#d1-r2"><label><choice><reg/><orig>2</orig></choice></label>'
        '<p>The treaty of Brest. p. 15</p></note>',
        '<note xml:id="d1-n3" n="3" type="endnote" subtype="call-lost" place="end" target="#d1-pg15">'
        '<p>Not called. p. 15</p></note>',
        '<note xml:id="d1-n4" n="4" type="endnote" subtype="uncalled" place="end" target="#d1-text">'
        '<label><choice><reg/><orig>4</orig></choice></label><p>Not called either. p. 99</p></note>']
    assert back[1].get("type") == "notes"


def test_a_book_documents_removals_point_where_they_stood():
    root = encode_document(book_document(), "d1")
    assert [xml(n) for n in root.find("tei:standOff/tei:spanGrp[@type='removals']", NS)] == [
        '<span xml:id="d1-x1" type="removal" subtype="running-head" resp="#d1-pipeline" target="#d1-pg15" '
        'rend="bottom"><choice><reg/><orig>14 LENIN\n</orig></choice></span>',
        '<span xml:id="d1-x2" type="removal" subtype="margin-mark" resp="#d1-pipeline" target="#d1-x2-at" '
        'rend="inline"><choice><reg/><orig> \\</orig></choice></span>',
        '<span xml:id="d1-x3" type="removal" subtype="note-number-from-sequence" resp="#d1-pipeline" '
        'target="#d1-n3" rend="inline"><choice><reg/><orig>i4 °</orig></choice></span>']


def test_a_title_the_text_lost_is_supplied_in_the_body():
    by_pipeline = encode_document(book_document(title_supplied=True), "d1")
    assert part(by_pipeline, ".//tei:div[@type='report']/tei:head") == \
        '<head type="supplied"><supplied reason="heading-lost-in-source" resp="#d1-pipeline">Report on Peace' \
        '</supplied></head>'
    decided = book_document(title_supplied=True, source=Bibl("Collected Works, Vol. 26"),
                            decided=(("title", "t1", "ed", "Collected Works"),))
    root = encode_document(decided, "d1")
    heads = root.findall(".//tei:div[@type='report']/tei:head", NS)
    assert xml(heads[0]) == ('<head type="supplied"><supplied reason="heading-lost-in-source" resp="#d1-editor-ed" '
                             'source="#d1-source" change="#d1-rev-t1">Report on Peace</supplied></head>')
    assert xml(heads[1]) == "<head>REPORT ON PEACE</head>"
    no_source = encode_document(book_document(title_supplied=True, decided=(("title", "t1", "ed", ""),)), "d1")
    assert part(no_source, ".//tei:head/tei:supplied").startswith(
        '<supplied reason="heading-lost-in-source" resp="#d1-editor-ed" change="#d1-rev-t1">')


def test_removals_outside_the_text_of_a_page_copy():
    text = "Source: Collected Works\nDear Comrade, the note.\nTranscribed by: X\n"
    source = Source("raw/p.txt", "p.txt", text, "mia", "0" * 64, "utf-8")
    changes = (Change("site-header-field", 0, 24, text[:24], "", 1.0, kind="removal"),
               Change("site-header-field", at(text, "Transcribed"), len(text), text[at(text, "Transcribed"):], "",
                      1.0, kind="removal"))
    body = (Block("p", *line(text, "Dear")),)
    doc = Document(source, 0, len(text), Meta("A Note", doc_type="note"), body=body, changes=changes)
    root = encode_document(doc, "p")
    assert [(n.get("target"), n.get("rend")) for n in root.iterfind(".//tei:standOff//tei:span", NS)] == [
        (None, "top"), (None, "end")]
    empty = Document(source, 0, len(text), Meta("A Note"), changes=changes[:1])
    root = encode_document(empty, "p")
    assert part(root, "tei:text/tei:body") == '<body><div type="document" xml:id="p-text"><p n="1"/></div></body>'
    assert root.find(".//tei:standOff//tei:span", NS).get("rend") == "top"
    assert root.find("tei:text/tei:back", NS) is None and root.find("tei:text/tei:front", NS) is None
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_a_letters_parts():
    text = ("Moscow, March 3, 1921\nComrade Chicherin,\nThe workers of Britain.\n"
            "A quoted proposal.\nWith communist greetings,\nLenin\nP.S. Reply at once.\n")
    source = Source("raw/l.txt", "l.txt", text, "mia", "0" * 64, "utf-8")
    body = (Block("dateline", *line(text, "Moscow"), part="opener"),
            Block("salute", *line(text, "Comrade"), part="opener"),
            Block("p", *line(text, "The workers")),
            Block("quote", *line(text, "A quoted")),
            Block("salute", *line(text, "With"), part="closer"),
            Block("signed", *line(text, "Lenin"), part="closer"),
            Block("line", *line(text, "P.S."), part="closer"),
            Block("p", *line(text, "P.S."), part="postscript"))
    doc = Document(source, 0, len(text), Meta("Letter to G. V. Chicherin", doc_type="letter"), body=body)
    root = encode_document(doc, "l")
    assert part(root, ".//tei:body/tei:div") == (
        '<div type="letter" xml:id="l-text"><opener><dateline>Moscow, March 3, 1921</dateline><salute>Comrade '
        'Chicherin,</salute></opener><p n="1">The workers of Britain.</p><quote>A quoted proposal.</quote><closer>'
        '<salute>With communist greetings,</salute><signed>Lenin</signed><seg>P.S. Reply at once.</seg></closer>'
        '<postscript><p n="2">P.S. Reply at once.</p></postscript></div>')


def test_front_matter_title_and_bibliography():
    text = "COLLECTED WORKS\nVOLUME 26\nPublished 1964\n"
    source = Source("raw/b.txt", "b.txt", text, "ia-ocr", "0" * 64, "utf-8")
    front = (Block("bibl", *line(text, "Published"), part="front"), Block("titlePart", *line(text, "VOLUME"),
                                                                             part="front"),
             Block("titlePart", *line(text, "COLLECTED"), part="front"),
             Block("docDate", *line(text, "Published"), part="front"),
             Block("head", *line(text, "VOLUME"), part="back"))
    doc = Document(source, 0, len(text), Meta("Collected Works", title_supplied=True), front=front, part="front")
    root = encode_document(doc, "b-front")
    assert part(root, "tei:text/tei:front") == (
        "<front><docTitle><titlePart>COLLECTED WORKS</titlePart><titlePart>VOLUME 26</titlePart></docTitle>"
        "<docDate>Published 1964</docDate><listBibl><bibl>Published 1964</bibl></listBibl></front>")
    assert root.find(".//tei:body//tei:supplied", NS) is None
    assert part(root, "tei:text/tei:back") == '<back><div type="notes"><head>VOLUME 26</head></div></back>'


def test_note_and_call_ids_stay_unique():
    """A number printed twice gives each note its own id (``-n2``, ``-n2-2``); each call of
    a note its own (``-r2``, ``-r2b``, in text order, whatever order the calls come in);
    a footnote's key names its ids; an editor's call placed where a printed call begins
    keeps its own id. Every call points to its note and every note to its first call."""
    body = "Call 1 here, 2 there, 2 again 2 and more text.\n"
    text = body + "1 First.\n2 Second.\n2 Again.\n2 Third.\n* Foot.\n"
    source = Source("raw/b.txt", "b.txt", text, "ia-ocr", "", "utf-8")

    def note(n, piece, key=""):
        start = text.index(piece, len(body))
        return Note(n, start, start + len(piece), start + 1, (Block("p", start + 2, start + len(piece)),), key=key)

    def call(n, k, key=""):
        start = [i for i, ch in enumerate(body) if ch == n][k]
        return NoteCall(start, start + 1, n, key=key)

    notes = (note("1", "1 First."), note("2", "2 Second."), note("2", "2 Again."), note("2", "2 Third."),
             note("*", "* Foot.", key="fn1"))
    doc = Document(source, 0, len(text), Meta("t"), body=(Block("p", 0, len(body) - 1),), notes=notes,
                   calls=(call("2", 2), call("2", 0), call("2", 1), call("1", 0, key="fn1")))
    assert ids_and_targets(encode_document(doc, "d")) == [
        ("ref", "d-rfn1", "#d-fn1"), ("ref", "d-r2", "#d-n2"), ("ref", "d-r2b", "#d-n2"), ("ref", "d-r2c", "#d-n2"),
        ("note", "d-n1", "#d-text"), ("note", "d-n2", "#d-r2"), ("note", "d-n2-2", "#d-r2"),
        ("note", "d-n2-3", "#d-r2"), ("note", "d-fn1", "#d-rfn1")]
    at = doc.calls[1].start  # an editor's call (and note) where the printed "2" begins
    beside = NoteCall(at, at, "e1", key="en1", revision="l1", lost=True)
    editors = Note("e1", at, at, at, (), type="editor", key="en1", text="An editor's note.", who="ed", revision="l1")
    found = ids_and_targets(encode_document(replace(doc, calls=doc.calls + (beside,), notes=notes + (editors,)), "d"))
    assert ("ref", "d-ren1", "#d-en1") in found and ("ref", "d-r2", "#d-n2") in found
    assert ("note", "d-en1", "#d-ren1") in found and len({ident for _, ident, _ in found}) == len(found)


def ids_and_targets(root) -> list[tuple[str, str, str]]:
    """(element, xml:id, target) of every note and call, in document order."""
    return [(etree.QName(el).localname, el.get(XML_ID), el.get("target")) for el in root.iter()
            if etree.QName(el).localname in ("note", "ref") and el.get(XML_ID)]


def test_ids_of_sources_and_book_parts():
    assert source_key("_Lenin to Krasin_.TXT") == "lenin-to-krasin"
    assert source_key("v2 letter.txt") == "v2-letter" and source_key("2nd letter.txt") == "s2nd-letter"
    assert source_key("---.txt") == "source"
    source = Source("raw/b.txt", "b.txt", "x", "ia-ocr", "", "utf-8")
    doc = Document(source, 0, 1, Meta("t"))
    front = Document(source, 0, 1, Meta("t"), part="front")
    assert [d.ident for d in assign_ids([doc], "001_book.txt")] == ["s001-book"]
    assert [d.ident for d in assign_ids([front], "001_book.txt")] == ["s001-book-front"]
    assert [d.ident for d in assign_ids([front, doc, doc, doc], "001_book.txt")] == [
        "s001-book-front", "s001-book-d1", "s001-book-d2", "s001-book-d3"]
    assert [d.ident for d in assign_ids([doc, doc], "b.txt")] == ["b-d1", "b-d2"]


def test_a_footnote_inside_a_paragraph_is_left_out_of_it():
    """A paragraph that runs on around a footnote printed inside it: the footnote's span
    (a hole) is encoded elsewhere, so the paragraph holds only its own words."""
    text = "The workers * of Britain\n* A footnote at the foot.\nhave risen.\n"
    source = Source("raw/b.txt", "b.txt", text, "ia-ocr", "0" * 64, "utf-8")
    hole = (at(text, "* A footnote"), at(text, "have risen"))
    body = (Block("p", 0, len(text) - 1, lined=True, holes=(hole,)),)
    root = encode_document(Document(source, 0, len(text), Meta("t"), body=body), "d")
    assert part(root, ".//tei:body/tei:div/tei:p") == "<p n=\"1\">The workers * of Britain\n<lb/>have risen.</p>"


NOTES_TEXT = ("The treaty 1 was signed.\n"
              "1 The letter.\n"
              "2 ° The treaty.\n"
              "The Allies' note.\n")


def notes_document(*notes, changes=()) -> Document:
    source = Source("raw/b.txt", "b.txt", NOTES_TEXT, "ia-ocr", "0" * 64, "utf-8")
    body = (Block("p", *line(NOTES_TEXT, "The treaty")),)
    return Document(source, 0, len(NOTES_TEXT), Meta("t"), body=body, notes=notes, changes=changes,
                    calls=(NoteCall(at(NOTES_TEXT, " 1 was") + 1, at(NOTES_TEXT, " 1 was") + 2, "1"),),
                    pages=(PageBreak(0, "7"), PageBreak(at(NOTES_TEXT, "The Allies"), "8")))


def test_notes_place_change_and_a_lost_number():
    """An editor's note records the decision that added it (@change) and is placed at the
    end; a note of a type with no place of its own is placed at the end too; a note whose
    printed number is lost (its label is empty) has its number as @n alone, no label that
    default consumers would print after the @n they print."""
    first, first_end = line(NOTES_TEXT, "1 The letter")
    lost, lost_end = line(NOTES_TEXT, "2 °")
    editors = Note("e1", first_end, first_end, first_end, (), type="editorial", key="en1",
                   text="The treaty of Brest.", who="ed", revision="n1")
    odd = Note("1", first, first_end, first + 1, (Block("p", first + 2, first_end, part="note"),), type="translator")
    unlabelled = Note("2", lost, lost_end, lost, (Block("p", lost + 4, lost_end, part="note"),))
    root = encode_document(notes_document(odd, unlabelled, editors), "d")
    notes = root.find("tei:text/tei:back/tei:div[@type='notes']", NS)
    assert [xml(n) for n in notes] == [
        '<note xml:id="d-n1" n="1" type="translator" place="end" target="#d-r1"><label><choice><reg/><orig>1</orig></choice></label>'
        '<p>The letter.</p></note>',
        '<note xml:id="d-n2" n="2" type="endnote" subtype="uncalled" place="end" target="#d-text">'
        '<p>The treaty.</p></note>',
        '<note xml:id="d-en1" n="e1" type="editorial" subtype="uncalled" place="end" resp="#d-editor-ed" '
        'target="#d-text" change="#d-rev-n1"><p>The treaty of Brest.</p></note>']


def test_a_mark_removed_right_after_a_notes_number_is_not_its_label():
    """Note 2's number is printed ("2"); a stray "°" right after it, removed by the note
    number rule, is not part of the number: the label stays as printed, and the removal's
    record points to the page break nearest to it, not into the note."""
    start, end = line(NOTES_TEXT, "2 °")
    stray = Change("note-number-from-sequence", start + 1, start + 3, " °", "", 0.7, kind="removal")
    note = Note("2", start, end, start + 1, (Block("p", start + 4, end, part="note"),))
    root = encode_document(notes_document(note, changes=(stray,)), "d")
    assert part(root, ".//tei:note[@n='2']/tei:label") == "<label><choice><reg/><orig>2</orig></choice></label>"
    record = root.find("tei:standOff/tei:spanGrp/tei:span", NS)
    assert (record.get("target"), record.get("rend")) == ("#d-pg8", "bottom")


def test_removed_furniture_points_to_the_nearest_page_break():
    """Each removed line of page furniture points to the page break nearest to where it
    stood, with @rend saying on which side of it: "bottom" for the running head just
    before page 16's break, "top" for the printer's mark after it."""
    text = "THE TREATY\nwas signed in Brest\n16 LENIN\nand ratified at once.\n2*\n"
    source = Source("raw/b.txt", "b.txt", text, "ia-ocr", "0" * 64, "utf-8")
    head = Change("running-head", at(text, "16 LENIN"), at(text, "and ratified"), "16 LENIN\n", "", 0.9,
                  kind="removal")
    mark = Change("printer-signature-mark", at(text, "2*"), len(text), "2*\n", "", 0.9, kind="removal")
    body = (Block("head", *line(text, "THE TREATY")),
            Block("p", at(text, "was signed"), at(text, "2*") - 1, lined=True))
    doc = Document(source, 0, len(text), Meta("t"), body=body, changes=(head, mark),
                   pages=(PageBreak(0, "15"), PageBreak(at(text, "and ratified"), "16")))
    root = encode_document(doc, "d")
    assert [(n.get("subtype"), n.get("target"), n.get("rend"))
            for n in root.iterfind("tei:standOff/tei:spanGrp/tei:span", NS)] == [
        ("running-head", "#d-pg16", "bottom"), ("printer-signature-mark", "#d-pg16", "top")]


def test_a_removal_in_a_books_front_matter_points_to_its_page():
    """In a book's front matter, even a removal that is no page furniture (a stray mark
    between title lines) points to the page break nearest to it, whatever the source's kind."""
    text = "COLLECTED WORKS\n~\nVOLUME 26\n"
    source = Source("raw/b.txt", "b.txt", text, "unknown", "0" * 64, "utf-8")
    stray = Change("margin-mark", at(text, "~"), at(text, "VOLUME"), "~\n", "", 0.85, kind="removal")
    front = (Block("titlePart", *line(text, "COLLECTED"), part="front"),
             Block("titlePart", *line(text, "VOLUME"), part="front"))
    doc = Document(source, 0, len(text), Meta("Collected Works", title_supplied=True), front=front,
                   changes=(stray,), part="front", pages=(PageBreak(at(text, "VOLUME"), ""),))
    record = encode_document(doc, "b-front").find("tei:standOff/tei:spanGrp/tei:span", NS)
    assert (record.get("target"), record.get("rend")) == ("#b-front-pb1", "bottom")
