"""Encoding defects a default TEI consumer (CETEIcean, the TEI Stylesheets, TEI Simple
Print) shows a reader, counted in the TEI the build wrote (issue 9's list; every count
should be 0).

    .venv/bin/python bench/encoding.py [TEI_DIR] [--json]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
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
    reason given, no ``label``, a ``label`` holding markup, no ``@place``."""
    calls = {p.lstrip("#") for ref in root.iterfind(".//tei:text//tei:ref[@target]", NS)
             for p in ref.get("target").split()}
    unplaced = unlabelled = marked_labels = no_place = 0
    for note in root.iterfind(".//tei:text//tei:note", NS):
        if note.get("type") not in ("endnote", "footnote", "editorial"):
            continue
        ident = note.get("{http://www.w3.org/XML/1998/namespace}id")
        if not note.get("target") and ident not in calls and not note.get("subtype"):
            unplaced += 1
        label = note.find("tei:label", NS)
        unlabelled += label is None
        marked_labels += label is not None and len(label) > 0
        no_place += not note.get("place")
    return {"note_without_call_or_reason": unplaced, "note_without_label": unlabelled,
            "label_with_markup": marked_labels, "note_without_place": no_place}


def flow_defects(root) -> dict:
    """The removal record shown as text: removals inside ``text`` instead of ``standOff``."""
    inside = sum(1 for _ in root.iterfind(".//tei:text//tei:note[@type='removal']", NS))
    return {"removal_record_in_reading_flow": inside}


def count(tei_dir: Path) -> dict:
    totals: dict[str, int] = {}
    documents = 0
    for path in sorted(tei_dir.glob("*.xml")):
        root = etree.parse(str(path)).getroot()
        if root.tag != f"{{{TEI}}}TEI":
            continue
        documents += 1
        for figures in (choice_defects(root), break_defects(root), note_defects(root), flow_defects(root)):
            for key, value in figures.items():
                totals[key] = totals.get(key, 0) + int(value)
    corpus = tei_dir / "edition.xml"
    standalone = corpus.exists() and not etree.parse(str(corpus)).getroot().findall(
        ".//{http://www.w3.org/2001/XInclude}include")
    return {"documents": documents, **totals, "self_contained_corpus_file": bool(standalone)}


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    figures = count(Path(args[0]) if args else ROOT / "tei")
    if "--json" in sys.argv:
        print(json.dumps(figures, indent=1))
        return
    for key, value in figures.items():
        print(f"{key:38}{value:>8}")


if __name__ == "__main__":
    main()
