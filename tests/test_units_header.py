"""The teiHeader and the corpus files, on documents and builds made by hand: every part of
the header a reader or a harvester (CMIF, TEI Publisher) reads, written out in full.
"""

from __future__ import annotations

from collections import Counter

from lxml import etree

from pipeline import __version__
from pipeline.build import BuiltDocument, FileBuild
from pipeline.edition import EditionFacts
from pipeline.encode.corpus import encode_corpus, standalone_corpus
from pipeline.encode.document import encode_document
from pipeline.encode.header import CORRECTION_POLICY, HYPHENATION_POLICY, NORMALISATION_POLICY, build_header
from pipeline.model import Bibl, DateValue, Document, Meta, Note, Publication, Revision, Source

TEI_NS = "http://www.tei-c.org/ns/1.0"
NS = {"tei": TEI_NS}
TEXT = "Comrade Chicherin,\nthe workers of Britain.\n"
SHA = "ab" * 32


def xml(el) -> str:
    return etree.tostring(el, encoding="unicode").replace(f' xmlns="{TEI_NS}"', "")


def letter(**meta) -> Document:
    source = Source("raw/l.txt", "l.txt", TEXT, "mia", SHA, "windows-1252",
                    ("decoded as windows-1252 (not UTF-8)",))
    fields = {"title": "Letter to G. V. Chicherin", "author": "V. I. Lenin", "doc_type": "letter",
              "date": DateValue("March 3, 1921", when="1921-03-03"), "sender": "V. I. Lenin",
              "addressee": "G. V. Chicherin", "place": "Moscow", **meta}
    return Document(source, 0, len(TEXT), Meta(**fields))


def header(doc: Document, rules=()):
    return build_header(doc, "l", Counter(rules))


def test_title_statement_with_every_responsibility():
    doc = letter(translator="Yuri Sdobnikov", transcriber="Tim Delaney", title_supplied=True,
                 source=Bibl("Collected Works, Vol. 45"), decided=(("title", "t1", "ed", "the contents"),))
    doc = Document(doc.source, 0, len(TEXT), doc.meta, notes=(Note("1", 0, 5, 1, (), resp="editors"),),
                   revisions=(Revision("t1", "ed", "2026-11-22", "title", "title set to “Letter”",
                                       "editorial/l.toml:3", "A. Editor"),
                              Revision("d1", "sfp", "2026-11-23", "date", "date set to 1921-03-03", "",
                                       "S. F. P."),
                              Revision("k1", "ed", "2026-11-24", "kind", "kind set", "editorial/l.toml:9",
                                       "A. Editor")))
    root = header(doc)
    assert xml(root.find("tei:fileDesc/tei:titleStmt", NS)) == (
        '<titleStmt><title type="supplied" resp="#l-editor-ed" change="#l-rev-t1" source="#l-source">Letter to '
        'G. V. Chicherin</title><author>V. I. Lenin</author><respStmt xml:id="l-translator"><resp>translation'
        '</resp><name>Yuri Sdobnikov</name></respStmt><respStmt xml:id="l-transcriber"><resp>transcription and '
        'markup</resp><name>Tim Delaney</name></respStmt><respStmt xml:id="l-editors"><resp>notes signed “—Ed.” '
        'or supplied by the source edition\'s editors</resp><name>Editors of the source edition</name></respStmt>'
        f'<respStmt xml:id="l-pipeline"><resp>automatic repair, segmentation and TEI encoding</resp><name>'
        f'sfp-edition pipeline {__version__}</name></respStmt><respStmt xml:id="l-editor-ed"><resp>editorial '
        'decisions (editorial/*.toml)</resp><name>A. Editor</name></respStmt><respStmt xml:id="l-editor-sfp">'
        '<resp>editorial decisions (editorial/*.toml)</resp><name>S. F. P.</name></respStmt></titleStmt>')
    assert xml(root.find("tei:revisionDesc", NS)) == (
        '<revisionDesc><listChange><change xml:id="l-rev-t1" who="#l-editor-ed" when="2026-11-22" type="title" '
        'source="editorial/l.toml">title set to “Letter”</change><change xml:id="l-rev-d1" who="#l-editor-sfp" '
        'when="2026-11-23" type="date">date set to 1921-03-03</change><change xml:id="l-rev-k1" '
        'who="#l-editor-ed" when="2026-11-24" type="kind" source="editorial/l.toml">kind set</change>'
        '</listChange></revisionDesc>')


def test_a_plain_title_statement_and_publication():
    root = header(letter(title="", author=""))
    assert xml(root.find("tei:fileDesc/tei:titleStmt", NS)).startswith(
        '<titleStmt><title>Untitled document</title><respStmt xml:id="l-pipeline">')
    assert xml(root.find("tei:fileDesc/tei:publicationStmt", NS)) == (
        '<publicationStmt><publisher>The editors of this edition</publisher><idno type="edition">'
        'l</idno><availability><licence target="https://creativecommons.org/licenses/by/4.0/">An unpublished TEI '
        'edition is published under the licence CC BY 4.0.</licence></availability></publicationStmt>')
    assert root.find("tei:revisionDesc", NS) is None
    published = build_header(letter(licence="Public Domain: Marxists Internet Archive (2003)."), "l", Counter(),
                             EditionFacts("E", "P", "https://example.org/e/", "CC0", "https://cc0.example/"))
    assert xml(published.find("tei:fileDesc/tei:publicationStmt", NS)) == (
        '<publicationStmt><publisher>P</publisher><idno type="edition">l</idno><idno type="URI">'
        'https://example.org/e/l</idno><availability><licence target="https://cc0.example/">E is published under the '
        'licence CC0.</licence><licence>The source: Public Domain: Marxists Internet Archive (2003).</licence>'
        '</availability></publicationStmt>')


def test_sources_of_a_page_copy():
    doc = letter(source=Bibl("Lenin’s Collected Works, 1st English Edition, Progress Publishers, Moscow, 1970, "
                             "Volume 45, pages 80a-81a.", title="Lenin’s Collected Works", edition="1st English",
                             publisher="Progress Publishers", pub_place="Moscow", date="1970", volume="45",
                             pages="80a-81a"),
                 other_sources=(Bibl("Degras, Vol. I, p. 12", title="Degras"), Bibl("Izvestia, 3 March 1921")),
                 first_published="First published in 1959")
    root = header(doc)
    assert xml(root.find(".//tei:sourceDesc", NS)) == (
        '<sourceDesc><bibl type="source" xml:id="l-source"><title>Lenin’s Collected Works</title><edition>1st '
        'English</edition><publisher>Progress Publishers</publisher><pubPlace>Moscow</pubPlace><date>1970</date>'
        '<biblScope unit="volume">45</biblScope><biblScope unit="page">80a-81a</biblScope><note type="asPrinted">'
        'Lenin’s Collected Works, 1st English Edition, Progress Publishers, Moscow, 1970, Volume 45, pages 80a-81a.'
        '</note></bibl><bibl type="source" xml:id="l-source2"><title>Degras</title><note type="asPrinted">Degras, '
        'Vol. I, p. 12</note></bibl><bibl type="source" xml:id="l-source3"><note type="asPrinted">Izvestia, 3 March '
        '1921</note></bibl><bibl type="firstPublished">First published in 1959</bibl><bibl type="rawFile"><title>'
        'Marxists Internet Archive page copy</title><idno type="file">raw/l.txt</idno><idno type="sha256">'
        f'{SHA}</idno><note type="decoding">decoded as windows-1252 (not UTF-8)</note></bibl></sourceDesc>')


def test_sources_of_a_book_document():
    source = Source("raw/b.txt", "b.txt", "x" * 100, "ia-ocr", SHA, "utf-8")
    book = Bibl("", title="Lenin on Foreign Policy", publisher="Progress", date="1970")
    for first, last, scope in (("13", "15", 'from="13" to="15"'), ("13", "", 'from="13" to="13"')):
        doc = Document(source, 10, 60, Meta("Report", author="V. I. Lenin", container=book), first_page=first,
                       last_page=last)
        assert xml(build_header(doc, "b-d1", Counter()).find(".//tei:sourceDesc", NS)) == (
            '<sourceDesc><bibl type="printedBook"><author>V. I. Lenin</author><title>Lenin on Foreign Policy</title>'
            f'<publisher>Progress</publisher><date>1970</date><biblScope unit="page" {scope}/></bibl>'
            '<bibl type="rawFile"><title>Internet Archive OCR full text of a printed book</title><idno type="file">'
            f'raw/b.txt</idno><idno type="sha256">{SHA}</idno><citedRange unit="char">10-60</citedRange></bibl>'
            '</sourceDesc>')
    untitled = Document(source, 0, 100, Meta("Report", container=Bibl("")))
    assert xml(build_header(untitled, "b", Counter()).find(".//tei:sourceDesc", NS)).startswith(
        '<sourceDesc><bibl type="printedBook"/><bibl type="rawFile">')
    odd = Document(Source("raw/o.txt", "o.txt", "x", "odd-kind", SHA, "utf-8"), 0, 1, Meta("t"))
    assert build_header(odd, "o", Counter()).findtext(".//tei:bibl[@type='rawFile']/tei:title",
                                                       namespaces=NS) == "odd-kind"


def test_encoding_description_lists_the_rules_applied():
    root = header(letter(), ["ocr-confusion", "margin-mark", "ocr-confusion"])
    assert xml(root.find("tei:encodingDesc", NS)) == (
        f'<encodingDesc><appInfo><application ident="sfp-edition-pipeline" version="{__version__}"><label>'
        'sfp-edition pipeline (ingest, repair, segment, encode, validate)</label><p n="margin-mark">margin-mark: 1'
        '</p><p n="ocr-confusion">ocr-confusion: 2</p></application></appInfo><editorialDecl><correction '
        f'method="markup"><p>{CORRECTION_POLICY}</p></correction><normalization method="silent"><p>'
        f'{NORMALISATION_POLICY}</p></normalization><hyphenation eol="some"><p>{HYPHENATION_POLICY}</p>'
        '</hyphenation></editorialDecl><refsDecl n="passages" default="true"><citeStructure unit="paragraph" '
        'match="/TEI/text/body//p" use="@n"/><citeStructure unit="note" match="/TEI/text/back//note[@xml:id]" '
        'use="substring-after(@xml:id, concat(/TEI/@xml:id, \'-\'))"/></refsDecl><refsDecl n="pages" default="false">'
        '<citeStructure unit="page" match="/TEI/text/body//pb[@n]" use="@n"/></refsDecl><tagsDecl><rendition '
        'scheme="css" selector="teiHeader, standOff, fw">display: none;</rendition><rendition scheme="css" '
        'selector="choice &gt; sic, choice &gt; orig">display: none;</rendition></tagsDecl></encodingDesc>')


def test_profile_of_a_letter_with_editors_decisions():
    decided = tuple((name, f"{name[0]}1", "ed", "") for name in ("sender", "place", "addressee", "date", "kind"))
    doc = letter(date=DateValue("October 26 (November 8), 1917", when="1917-11-08", when_julian="1917-10-26"),
                 decided=decided)
    assert xml(header(doc).find("tei:profileDesc", NS)) == (
        '<profileDesc><calendarDesc><calendar xml:id="l-julian"><p>Julian calendar (Old Style), used in Russia '
        'until 1 (14) February 1918.</p></calendar></calendarDesc><creation><date when="1917-11-08" '
        'when-custom="1917-10-26" datingMethod="#l-julian" resp="#l-editor-ed" change="#l-rev-d1">October 26 '
        '(November 8), 1917</date></creation><correspDesc><correspAction type="sent"><persName resp="#l-editor-ed" '
        'change="#l-rev-s1">V. I. Lenin</persName><placeName resp="#l-editor-ed" change="#l-rev-p1">Moscow'
        '</placeName><date when="1917-11-08" when-custom="1917-10-26" datingMethod="#l-julian"/></correspAction>'
        '<correspAction type="received"><persName resp="#l-editor-ed" change="#l-rev-a1">G. V. Chicherin'
        '</persName></correspAction></correspDesc><textClass><keywords scheme="#document-types"><term '
        'resp="#l-editor-ed" change="#l-rev-k1">letter</term></keywords></textClass></profileDesc>')


def test_profile_of_a_telegram_with_little_known():
    doc = letter(doc_type="telegram", sender="", addressee="", place="",
                 date=DateValue("September 1919", not_before="1919-09-01", not_after="1919-09-30"))
    assert xml(header(doc).find("tei:profileDesc", NS)) == (
        '<profileDesc><creation><date notBefore="1919-09-01" notAfter="1919-09-30">September 1919</date>'
        '</creation><correspDesc><correspAction type="sent"><persName>unknown</persName><date '
        'notBefore="1919-09-01" notAfter="1919-09-30"/></correspAction><correspAction type="received"><persName>'
        'unknown</persName></correspAction></correspDesc><textClass><keywords scheme="#document-types"><term>'
        'telegram</term></keywords></textClass></profileDesc>')
    undated = letter(doc_type="speech", addressee="", date=DateValue("", ""))
    assert xml(header(undated).find("tei:profileDesc", NS)) == (
        '<profileDesc><textClass><keywords scheme="#document-types"><term>speech</term></keywords></textClass>'
        '</profileDesc>')
    to_someone = letter(doc_type="speech", date=None)
    assert xml(header(to_someone).find(".//tei:correspDesc", NS)) == (
        '<correspDesc><correspAction type="sent"><persName>V. I. Lenin</persName><placeName>Moscow</placeName>'
        '</correspAction><correspAction type="received"><persName>G. V. Chicherin</persName></correspAction>'
        '</correspDesc>')


def test_the_header_stands_first_in_the_document():
    root = encode_document(letter(), "l")
    assert [etree.QName(child).localname for child in root] == ["teiHeader", "text"]
    assert root.get("{http://www.w3.org/XML/1998/namespace}id") == "l"


# ------------------------------------------------------------------ the corpus files


def builds():
    one = FileBuild("000_page.txt", "mia", SHA, [BuiltDocument("s000-page", "", {})])
    book = FileBuild("001_book.txt", "ia-ocr", "cd" * 32,
                     [BuiltDocument("s001-book-front", "", {}), BuiltDocument("s001-book-d1", "", {})])
    bad = FileBuild("002_bad.txt", error="raw/002_bad.txt: the file is empty (add the page's text)")
    return [one, book, bad]


CORPUS_HEADER = (
    '<teiHeader><fileDesc><titleStmt><title>An unpublished TEI edition</title><respStmt '
    'xml:id="corpus-pipeline"><resp>automatic repair, segmentation and TEI encoding</resp><name>sfp-edition '
    f'pipeline {__version__}</name></respStmt></titleStmt><publicationStmt><publisher>The editors of this edition'
    '</publisher><idno type="edition">corpus</idno><availability><licence target="https://creativecommons.org/'
    'licenses/by/4.0/">An unpublished TEI edition is published under the licence CC BY 4.0.</licence>'
    '</availability></publicationStmt><sourceDesc><listBibl>'
    '<bibl type="rawFile"><title>Marxists Internet Archive page copy</title><idno type="file">raw/000_page.txt'
    f'</idno><idno type="sha256">{SHA}</idno><note type="documents">1 document(s): s000-page</note></bibl><bibl '
    'type="rawFile"><title>Internet Archive OCR full text of a printed book</title><idno type="file">'
    f'raw/001_book.txt</idno><idno type="sha256">{"cd" * 32}</idno><note type="documents">2 document(s): '
    's001-book-front s001-book-d1</note></bibl><bibl type="rawFile"><title>unreadable file</title><idno '
    'type="file">raw/002_bad.txt</idno><note type="buildError">raw/002_bad.txt: the file is empty (add the '
    "page's text)</note></bibl></listBibl>{redirects}</sourceDesc></fileDesc></teiHeader>")


def test_the_corpus_includes_every_document_in_order():
    root = encode_corpus(builds(), [("s001-book-d2", "s001-book-d1")])
    assert root.nsmap == {None: TEI_NS, "xi": "http://www.w3.org/2001/XInclude"}
    assert root.tag == f"{{{TEI_NS}}}teiCorpus" and root.get("{http://www.w3.org/XML/1998/namespace}id") == "corpus"
    redirects = ('<listRelation type="redirects"><relation name="redirect" active="#s001-book-d2" '
                 'passive="#s001-book-d1"/></listRelation>')
    assert xml(root[0]).replace(' xmlns:xi="http://www.w3.org/2001/XInclude"', "") == \
        CORPUS_HEADER.format(redirects=redirects)
    assert [(etree.QName(x).localname, x.get("href")) for x in root[1:]] == [
        ("include", "s000-page.xml"), ("include", "s001-book-front.xml"), ("include", "s001-book-d1.xml")]
    assert len(encode_corpus(builds()).findall(".//tei:listRelation", NS)) == 0


def test_the_standalone_corpus_holds_the_documents_themselves():
    documents = {ident: f'<?xml version="1.0" encoding="UTF-8"?>\n<?xml-model href="x.rng"?>\n<TEI xml:id="{ident}"/>\n'
                 for ident in ("s000-page", "s001-book-front", "s001-book-d1")}
    text = standalone_corpus(builds(), documents)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<teiCorpus xmlns="http://www.tei-c.org/ns/1.0" '
                           'xml:id="edition">\n  <teiHeader>')
    assert text.endswith('<TEI xml:id="s000-page"/>\n<TEI xml:id="s001-book-front"/>\n'
                         '<TEI xml:id="s001-book-d1"/>\n</teiCorpus>\n')
    root = etree.fromstring(text.encode("utf-8"), etree.XMLParser(remove_blank_text=True))
    assert xml(root[0]) == CORPUS_HEADER.format(redirects="")
    assert [child.get("{http://www.w3.org/XML/1998/namespace}id") for child in root[1:]] == list(documents)
    assert text.count("<?xml") == 1
    redirected = etree.fromstring(standalone_corpus(builds(), documents, [("a", "b")]).encode("utf-8"))
    assert redirected.find(".//tei:relation", NS).get("active") == "#a"


def test_a_publication_event_with_its_place_and_qualifier():
    """A source block's "First published in full in Pravda No. 52, Moscow, 1918": the
    event's bibl names the place of publication in pubPlace and keeps "in full" in a note
    of type "qualifier", beside the words as printed."""
    event = Publication("first-published", "First published in full in Pravda No. 52, Moscow, 1918",
                        qualifier="in full", title="Pravda", level="j", issue="No. 52", pub_place="Moscow",
                        date=DateValue("1918", when="1918"))
    root = header(letter(publications=(event,)))
    assert xml(root.find(".//tei:sourceDesc/tei:listBibl[@type='publications']", NS)) == (
        '<listBibl type="publications"><bibl type="firstPublished" xml:id="l-pub1"><title level="j">Pravda</title>'
        '<biblScope unit="issue">No. 52</biblScope><pubPlace>Moscow</pubPlace><date when="1918">1918</date>'
        '<note type="qualifier">in full</note><note type="asPrinted">First published in full in Pravda No. 52, '
        'Moscow, 1918</note></bibl></listBibl>')
    first = root.find(".//tei:listBibl[@type='publications']/tei:bibl[@type='firstPublished']", NS)
    assert first.findtext("tei:pubPlace", namespaces=NS) == "Moscow"
    assert first.findtext("tei:note[@type='qualifier']", namespaces=NS) == "in full"


def test_a_decisions_source_keeps_a_colon_in_its_file_path():
    """change/@source names the editorial file a decision is written in: only the line
    number after the last colon is dropped, a colon inside the path stays."""
    doc = letter()
    doc = Document(doc.source, 0, len(TEXT), doc.meta,
                   revisions=(Revision("t1", "ed", "2026-11-22", "title", "title set",
                                       "archive:2026/editorial/l.toml:3", "A. Editor"),))
    assert header(doc).find("tei:revisionDesc/tei:listChange/tei:change", NS).get("source") == \
        "archive:2026/editorial/l.toml"
