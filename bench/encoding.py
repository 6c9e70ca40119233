"""Encoding defects a default TEI consumer (CETEIcean, the TEI Stylesheets, TEI Simple
Print) shows a reader, counted in the TEI the build wrote (issue 9's list; every count
should be 0), and what the TEI Consortium's own default conversions show: the words of
their HTML and plain-text output that differ from the edition's reading text.

    .venv/bin/python bench/encoding.py [TEI_DIR] [--json]   # one folder
    .venv/bin/python bench/encoding.py --heldout             # dev (raw/) and held-out side by side

The conversions are TEIC/Stylesheets' ``profiles/default/html`` and ``txt`` run with Saxon-HE
(``saxonche``), fetched at a pinned commit by ``public_sources`` (``fetch_stylesheets``;
without one these figures are left out, said so). The exports (``pipeline.publish.export``)
are validated against TEI Simple Print (TEIC/TEI-Simple, with jing); TEI Lite has no grammar
in the pinned repositories, so it is not counted.
"""

from __future__ import annotations

import difflib
import json
import subprocess
import shutil
import sys
import tempfile
from pathlib import Path

import regex
from lxml import etree, html

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "bench"):  # run as a script or imported as bench.encoding
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from pipeline.publish.textview import removal_records, removed_text  # noqa: E402
from pipeline.teitext import reading_text  # noqa: E402
from public_sources import SourceUnavailable, repository  # noqa: E402

STYLESHEETS = ROOT / ".cache" / "tei-stylesheets"
STYLESHEETS_REPO = "https://github.com/TEIC/Stylesheets"
#: what a conversion needs of the Stylesheets (the rest of the repository is large)
STYLESHEET_PARTS = ("common", "html", "txt", "profiles/default/html", "profiles/default/txt", "i18n.xml")
#: what the default HTML adds around the text, not the text: the generated title, table of
#: contents, heading numbers, footer, the notes' generated labels and back-links, page markers
HTML_DECORATION = ("//div[contains(@class,'stdheader')] | //div[contains(@class,'stdfooter')]"
                   " | //ul[contains(@class,'toc')] | //h2[. = 'Table of contents']"
                   " | //span[@class='headingNumber'] | //span[@class='noteLabel'] | //div[@class='noteHeading']"
                   " | //div[a[@class='notelink']]")
#: the default HTML's page markers ("[Page 12]"): a page turn between two words is no defect
HTML_PAGE_MARKERS = "//*[contains(concat(' ', @class, ' '), ' pagebreak ')]"
#: the brackets the default HTML puts round an editor's correction or supplement (they mark
#: the edition's hand, as they should)
HTML_BRACKETED = "//span[@class='corr' or @class='supplied']"
HTML_BLOCKS = ("p", "div", "section", "header", "h1", "h2", "h3", "h4", "li", "td", "blockquote", "dt", "dd")
#: the plain-text conversion writes each text node on a line of its own, so punctuation after an
#: element stands apart ("diplomacy ,"): a property of the format, counted apart
#: the plain-text conversion writes each text node on a line of its own, so a name or a
#: correction next to punctuation gets a space there: not a difference of the text
SPACE_BEFORE_PUNCTUATION = regex.compile(r" +(?=[,.;:!?)\]”’\[—–])|(?<=[(\[“‘—–]) +")
WORD_WITH_MARK = regex.compile(r"\w¬|¬\w")
TEI = "http://www.tei-c.org/ns/1.0"
NS = {"tei": TEI}


def squash(text: str) -> str:
    return "".join(text.split())


def text_of(element) -> str:
    return "".join(element.itertext()) if element is not None else ""


def choice_defects(root) -> dict:
    """``choice``s a reader sees twice: spacing repairs that should be a declared
    normalisation, empty ``corr``. A word the OCR split with a space (``interventi on``) is
    an OCR error corrected, not spacing: counted apart, for information."""
    spacing = empty = split = 0
    for choice in root.iterfind(".//tei:text//tei:choice", NS):
        sic, corr = choice.find("tei:sic", NS), choice.find("tei:corr", NS)
        if corr is not None and not text_of(corr):
            empty += 1
        elif sic is not None and corr is not None and text_of(sic) != text_of(corr) and \
                squash(text_of(sic)) == squash(text_of(corr)):
            if corr.get("type") == "split-word":
                split += 1
            else:
                spacing += 1
    return {"spacing_only_choice": spacing, "empty_corr": empty, "split_words_corrected (information)": split}


def break_defects(root) -> dict:
    """A word broken at a page turn read with a space: anything but a ``pb`` between
    ``lb break="no"`` and the next text; a hyphen kept only in ``lb/@rend``."""
    spaced = 0
    for lb in root.iterfind(".//tei:text//tei:lb[@break='no']", NS):
        following = lb.getnext()
        if (lb.tail or "").strip() == "" and following is not None and following.tag == f"{{{TEI}}}pb" \
                and (lb.tail or "") != "":
            spaced += 1
        if following is not None and following.tag == f"{{{TEI}}}pb" and following.get("break") != "no":
            spaced += 1
    rend_only = sum(1 for _ in root.iterfind(".//tei:text//tei:lb[@rend]", NS))
    return {"word_broken_by_space_at_page_turn": spaced, "hyphen_only_in_lb_rend": rend_only}


def note_defects(root) -> dict:
    """Notes a reader cannot place: no call (``@target`` or an anchor pointing at it) and no
    reason given, neither ``@n`` nor a ``label``, a ``label`` holding markup other than the
    printed number kept as printed (``choice/orig`` beside ``@n``, which consumers print),
    no ``@place``; and notes whose number a default consumer prints twice (``@n`` and a
    ``label`` that says no more than it)."""
    calls = {p.lstrip("#") for ref in root.iterfind(".//tei:text//tei:ref[@target]", NS)
             for p in ref.get("target").split()}
    unplaced = unlabelled = marked_labels = no_place = twice = 0
    for note in root.iterfind(".//tei:text//tei:note", NS):
        if note.get("type") not in ("endnote", "footnote", "editorial"):
            continue
        ident = note.get("{http://www.w3.org/XML/1998/namespace}id")
        if not note.get("target") and ident not in calls and not note.get("subtype"):
            unplaced += 1
        label = note.find("tei:label", NS)
        unlabelled += label is None and not note.get("n")
        printed_form = label is not None and len(label) == 1 and label[0].tag == f"{{{TEI}}}choice" \
            and not text_of(label.find("tei:choice/tei:reg", NS))
        marked_labels += label is not None and len(label) > 0 and not printed_form
        twice += label is not None and not printed_form and bool(note.get("n")) and \
            text_of(label).strip().strip("[]().: ") == note.get("n")
        no_place += not note.get("place")
    return {"note_without_call_or_reason": unplaced, "note_without_label": unlabelled,
            "label_with_markup": marked_labels, "note_without_place": no_place, "note_number_printed_twice": twice}


def flow_defects(root) -> dict:
    """The removal record shown as text: removals inside ``text`` instead of ``standOff``."""
    inside = sum(1 for _ in root.iterfind(".//tei:text//tei:*[@type='removal'][tei:choice]", NS))
    return {"removal_record_in_reading_flow": inside}


def fetch_stylesheets() -> Path | None:
    """The TEI Consortium's Stylesheets at their pinned commit (``public_sources``), or None
    when they cannot be had (no mirror, no network)."""
    try:
        return repository("TEIC/Stylesheets")
    except SourceUnavailable:
        return None


def compile_conversions(stylesheets: Path) -> dict:
    """The default HTML and plain-text conversions, compiled once with Saxon-HE."""
    from saxonche import PySaxonProcessor
    processor = PySaxonProcessor(license=False)
    xslt = processor.new_xslt30_processor()
    conversions = {fmt: xslt.compile_stylesheet(stylesheet_file=str(stylesheets / "profiles" / "default" / fmt / "to.xsl"))
                   for fmt in ("html", "txt")}
    conversions["_processor"] = processor  # kept alive while the executables are used
    return conversions


def html_visible_text(page: str) -> str:
    """The words a reader sees in the default HTML of one document, without what it adds
    around them (title, contents, numbers, page markers, brackets round corrections)."""
    body = html.fromstring(page.encode("utf-8")).find("body")
    for el in body.xpath(HTML_DECORATION):
        el.drop_tree()
    for el in body.xpath(HTML_PAGE_MARKERS):
        el.tail = " " + (el.tail or "")
        el.drop_tree()
    for el in body.xpath(HTML_BRACKETED):
        shown = el.text_content()
        if len(shown) >= 2 and shown[0] in "[{⟨<" and shown[-1] in "]}⟩>":
            for child in list(el):
                el.remove(child)
            el.text = shown[1:-1]
    for el in body.iter(*HTML_BLOCKS, "br"):
        el.tail = " " + (el.tail or "")
        if el.tag != "br":
            el.text = " " + (el.text or "")
    for el in body.xpath("//span[@class='head']"):
        el.tail = " " + (el.tail or "")
    return " ".join(body.text_content().split())


def txt_visible_text(text: str) -> str:
    """The words of the default plain-text output, punctuation closed up to its word."""
    return SPACE_BEFORE_PUNCTUATION.sub("", " ".join(text.split()))


def word_differences(expected: str, shown: str) -> list[tuple[str, str]]:
    """The runs of words where ``shown`` differs from ``expected``."""
    a, b = expected.split(), shown.split()
    return [(" ".join(a[i1:i2]), " ".join(b[j1:j2]))
            for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
            if op != "equal"]


def differing_words(differences) -> int:
    return sum(max(len(a.split()), len(b.split())) for a, b in differences)


def consumer_defects(path: Path, conversions: dict) -> dict:
    """What the default HTML and plain-text conversions of one document show a reader that
    the edition's reading text does not hold."""
    root = etree.parse(str(path)).getroot()
    reading = reading_text(root.find("tei:text", NS))
    shown_html = html_visible_text(conversions["html"].transform_to_string(source_file=str(path)))
    raw_txt = conversions["txt"].transform_to_string(source_file=str(path))
    removed = [" ".join(removed_text(record).split()) for record in removal_records(root)]
    return {
        "html_words_differing": differing_words(word_differences(reading, shown_html)),
        "html_hyphen_marks_in_words": len(WORD_WITH_MARK.findall(shown_html)),
        "html_removal_records_shown": sum(1 for r in removed if len(r) > 3 and r in shown_html),
        "txt_words_differing": differing_words(word_differences(SPACE_BEFORE_PUNCTUATION.sub("", reading),
                                                                txt_visible_text(raw_txt))),
        "txt_hyphen_marks_in_words": len(WORD_WITH_MARK.findall(raw_txt)),
        "txt_removal_records_shown": sum(1 for r in removed if len(r) > 3 and r in " ".join(raw_txt.split())),
        "txt_space_before_punctuation (format, information)": len(SPACE_BEFORE_PUNCTUATION.findall(
            " ".join(raw_txt.split()))),
    }


def count(tei_dir: Path, conversions: dict | None = None) -> dict:
    totals: dict[str, int] = {}
    documents = 0
    for path in sorted(tei_dir.glob("*.xml")):
        root = etree.parse(str(path)).getroot()
        if root.tag != f"{{{TEI}}}TEI":
            continue
        documents += 1
        found = [choice_defects(root), break_defects(root), note_defects(root), flow_defects(root)]
        if conversions:
            found.append(consumer_defects(path, conversions))
        for figures in found:
            for key, value in figures.items():
                totals[key] = totals.get(key, 0) + int(value)
    corpus = tei_dir / "edition.xml"
    standalone = corpus.exists() and not etree.parse(str(corpus)).getroot().findall(
        ".//{http://www.w3.org/2001/XInclude}include")
    return {"documents": documents, **totals, "self_contained_corpus_file": bool(standalone),
            **export_errors(tei_dir)}


#: the validator TEI Simple Print's grammar needs: lxml (libxml2) did not finish compiling
#: teisimple.rng in ten minutes, where jing (Debian's ``jing``) validates the seeds in 3 s
JING = "jing"
#: a schema error line of jing: ``file:line:column: error: message``
JING_ERROR = regex.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?:fatal )?error: (?P<message>.*)$")


def simple_print_schema() -> Path | None:
    """TEI Simple Print's grammar (TEIC/TEI-Simple ``teisimple.rng`` at its pinned commit),
    or None when it cannot be had."""
    try:
        return repository("TEIC/TEI-Simple") / "teisimple.rng"
    except SourceUnavailable:
        return None


def schema_errors(schema: Path, paths: list[Path]) -> list[str]:
    """The errors jing finds in ``paths`` against ``schema`` (``file:line:column: message``);
    empty for valid files. Raises FileNotFoundError where jing is not installed."""
    if not paths:
        return []
    run = subprocess.run([JING, str(schema), *map(str, paths)], capture_output=True, text=True)
    return [line for line in run.stdout.splitlines() if JING_ERROR.match(line)]


def export_errors(tei_dir: Path) -> dict:
    """Errors of the exports (``pipeline.publish.export``) of the documents in ``tei_dir``
    against TEI Simple Print. TEI Lite has no RELAX NG grammar in the repositories we pin
    (TEIC/Stylesheets holds only a 2011 DTD without namespaces): it is not counted."""
    from pipeline.publish.export import SIMPLE_SUFFIX, write_exports
    schema = simple_print_schema()
    if schema is None or shutil.which(JING) is None:
        return {}
    with tempfile.TemporaryDirectory() as tmp:
        copies = [p for p in write_exports(tei_dir, Path(tmp)) if p.name.endswith(SIMPLE_SUFFIX)]
        errors = schema_errors(schema, copies)
    return {"simple_print_exports (information)": len(copies), "simple_print_errors": len(errors)}


def build_into(raw_files: list[Path], out: Path) -> Path:
    """Build ``raw_files`` with the pipeline into ``out`` (a scratch folder)."""
    raw = out.parent / f"{out.name}-raw"
    raw.mkdir(parents=True, exist_ok=True)
    for path in raw_files:
        shutil.copy(path, raw / path.name)
    subprocess.run([sys.executable, "-m", "pipeline", "build", "--raw", str(raw), "--out", str(out)],
                   cwd=ROOT, check=True, capture_output=True)
    return out


def heldout_raw() -> list[Path]:
    """The held-out inputs: page copies of other layouts and the held-out books."""
    return sorted((ROOT / "bench" / "heldout" / "web").glob("*.txt")) + \
        sorted((ROOT / "bench" / "books" / "out" / "heldout").glob("*.txt"))


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    stylesheets = fetch_stylesheets()
    conversions = compile_conversions(stylesheets) if stylesheets else None
    if conversions is None:
        print("(no copy of TEIC/Stylesheets and no network: the conversions' figures are left out)")
    if "--heldout" in sys.argv:
        with tempfile.TemporaryDirectory() as tmp:
            dev = count(ROOT / "tei", conversions)
            held = count(build_into(heldout_raw(), Path(tmp) / "heldout"), conversions)
        figures = {key: {"dev": dev.get(key), "heldout": held.get(key)} for key in {**dev, **held}}
        if "--json" in sys.argv:
            print(json.dumps(figures, indent=1))
            return
        print(f"{'figure':52}{'dev':>8}{'held-out':>10}")
        for key, pair in figures.items():
            print(f"{key:52}{pair['dev']!s:>8}{pair['heldout']!s:>10}")
        return
    figures = count(Path(args[0]) if args else ROOT / "tei", conversions)
    if "--json" in sys.argv:
        print(json.dumps(figures, indent=1))
        return
    for key, value in figures.items():
        print(f"{key:52}{value!s:>8}")


if __name__ == "__main__":
    main()
