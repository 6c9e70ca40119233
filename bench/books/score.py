"""Score the edition the pipeline builds from the bench books against their truth.

    .venv/bin/python -m bench.books.score [--set dev|heldout] [--only NAME] [--json]

Why it reads only the TEI: a reader of the edition gets the TEI, not the pipeline's records, so
every figure is measured on what the build wrote (lxml only; the reading text comes from
``bench.edition_text``, the benches' one definition of it). Each book is built alone into a
temporary folder with no editorial decisions (they are anchored in the project's own raw files).

Figures, per book and per set:
* documents: F1 of the edition's document starts against the truth's (a start matches within
  2 lines of the OCR text; the front matter is not a document);
* titles, dates, first pages: right among the matched documents (titles compared normalised:
  case, punctuation and spacing ignored; a date is right when @when, or @notBefore/@notAfter,
  equal the truth's ISO fields);
* notes: the truth's notes that the edition gives (text found, fuzzy) in the matched document,
  linked by @target to a call on the truth's call page;
* CER: each truth paragraph found in the edition's reading text of the book, against the same
  for a naive cleaning of the OCR text (ftfy, line-end hyphens joined), both per character;
* furniture: running heads (fuzzy) and bare folios left in the reading text, beyond those the
  truth's own text contains.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

import regex
from lxml import etree
from rapidfuzz import fuzz

from bench.edition_text import Score, best_infix, document_starts, edition_readings, naive_clean
from pipeline.runner import run_build

from .corpus import HERE

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
OUT = HERE / "out"


def normal(text: str) -> str:
    """Case, punctuation and spacing ignored: ``Note to G. V. Chicherin`` == ``NOTE TO G.V. CHICHERIN``."""
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def build(txt: Path, out: Path) -> None:
    raw = Path(tempfile.mkdtemp(prefix="books-raw-"))
    try:
        shutil.copy(txt, raw / txt.name)
        run_build(raw, out, editorial_dir=None, cache_dir=None)
    finally:
        shutil.rmtree(raw)


def edition_documents(out: Path, raw_name: str, raw_text: str) -> list[dict]:
    """Each built document of the raw file: start line, title, date, pages, notes with call pages."""
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    docs = []
    for ident in manifest["raw"].get(raw_name, {}).get("documents", []):
        root = etree.parse(str(out / f"{ident}.xml")).getroot()
        kind = root.findtext(f".//{TEI}profileDesc//{TEI}term") or ""
        if kind == "frontMatter" or ident.endswith("-front"):
            continue
        span = root.findtext(f".//{TEI}bibl[@type='rawFile']/{TEI}citedRange") or "0-0"
        start = int(span.split("-")[0])
        while start < len(raw_text) and raw_text[start].isspace():
            start += 1
        date = root.find(f"{TEI}teiHeader/{TEI}profileDesc/{TEI}creation/{TEI}date")
        body = root.find(f"{TEI}text")
        pages = [pb.get("n") for pb in body.iter(f"{TEI}pb")] if body is not None else []
        docs.append({"id": ident, "line": raw_text.count("\n", 0, start) + 1,
                     "title": " ".join((root.findtext(f"{TEI}teiHeader//{TEI}titleStmt/{TEI}title") or "").split()),
                     "when": date.get("when") if date is not None else None,
                     "notBefore": date.get("notBefore") if date is not None else None,
                     "notAfter": date.get("notAfter") if date is not None else None,
                     "first_page": next((p for p in pages if p), None),
                     "notes": notes_with_call_pages(body) if body is not None else []})
    return docs


def notes_with_call_pages(text_el) -> list[dict]:
    """Every note and the printed page (last pb/@n before it) of the ref its @target names."""
    page_of, current = {}, None
    for el in text_el.iter():
        if el.tag == f"{TEI}pb" and el.get("n"):
            current = el.get("n")
        elif el.tag == f"{TEI}ref" and el.get(XML_ID):
            page_of[el.get(XML_ID)] = current
    notes = []
    for note in text_el.iter(f"{TEI}note"):
        if note.get("type") == "removal":
            continue
        label = note.findtext(f"{TEI}label") or ""
        body = " ".join("".join(t for t in note.itertext()).split())
        body = body[len(label):].strip() if label and body.startswith(label) else body
        target = (note.get("target") or "").lstrip("#")
        notes.append({"text": body, "target": target or None,
                      "call_page": page_of.get(target) if target else None})
    return notes


def date_right(found: dict, truth: dict) -> bool:
    if truth["when"]:
        return bool(found["when"]) and found["when"] == truth["when"]
    return found["notBefore"] == truth["notBefore"] and found["notAfter"] == truth["notAfter"]


def match_documents(found: list[dict], truth: list[dict]) -> list[tuple[dict, dict]]:
    """Pairs (truth, found) whose starts are within 2 lines, each used once, nearest first."""
    pairs, used = [], set()
    for t in truth:
        if not t["first_line"]:
            continue
        best = min((f for f in found if f["id"] not in used and abs(f["line"] - t["first_line"]) <= 2),
                   key=lambda f: abs(f["line"] - t["first_line"]), default=None)
        if best:
            used.add(best["id"])
            pairs.append((t, best))
    return pairs


def note_linked(note: dict, found: dict) -> bool:
    """The truth note is in the found document, linked to a call printed on the right page."""
    want = normal(note["text"])
    for n in found["notes"]:
        if fuzz.partial_ratio(want[:120], normal(n["text"])) >= 80:
            return bool(n["target"]) and str(n["call_page"]) == str(note["call_page"])
    return False


def furniture_left(reading: str, truth: dict) -> int:
    """Running heads (fuzzy, as OCR'd) and bare folios found in the reading text, beyond the
    number of times the truth's own text holds the same string."""
    own = " ".join(p for d in truth["documents"] for p in d["paragraphs"] + [n["text"] for n in d["notes"]]
                   + [d["title"]])
    count = 0
    by_words: dict[str, int] = {}
    folios: list[str] = []
    for f in truth["furniture"]:
        words = " ".join(w for w in f["text"].split() if not w.isdigit())
        if words:
            by_words[words] = by_words.get(words, 0) + 1
        else:
            folios.append(f["text"])
    for words, printed in by_words.items():
        errors = max(1, len(words) // 8)
        pattern = f"(?:{regex.escape(words)}){{e<={errors}}}"
        found = len(regex.findall(pattern, reading, flags=regex.BESTMATCH))
        known = len(regex.findall(pattern, own, flags=regex.BESTMATCH))
        count += min(printed, max(0, found - known))
    for folio in set(folios):
        pattern = rf"(?<![\d.,/-]){folio}(?![\d,/-])"
        printed = folios.count(folio)
        count += min(printed, max(0, len(re.findall(pattern, reading)) - len(re.findall(pattern, own))))
    return count


def score_book(txt: Path, truth_path: Path) -> dict:
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    raw_text = txt.read_text(encoding="utf-8")
    out = Path(tempfile.mkdtemp(prefix="books-tei-"))
    try:
        build(txt, out)
        found = edition_documents(out, txt.name, raw_text)
        readings = edition_readings(out, txt.name)
    finally:
        shutil.rmtree(out)
    pairs = match_documents(found, truth["documents"])
    tp = len(pairs)
    result = {"book": truth["name"], "set": truth["set"], "layout": truth["layout"],
              "documents_truth": len(truth["documents"]), "documents_found": len(found), "matched": tp,
              "titles_right": sum(normal(f["title"]) == normal(t["title"]) for t, f in pairs),
              "dates_right": sum(date_right(f, t["date"]) for t, f in pairs),
              "first_pages_right": sum(str(f["first_page"]) == str(t["first_page"]) for t, f in pairs),
              "notes_truth": sum(len(t["notes"]) for t in truth["documents"]),
              "notes_linked_right": sum(note_linked(n, f) for t, f in pairs for n in t["notes"])}
    reading = "\n".join(r for _, r in readings)
    naive = naive_clean(raw_text.split("\n"))
    edition, baseline = Score(), Score()
    for doc in truth["documents"]:
        for paragraph in doc["paragraphs"]:
            gold = " ".join(paragraph.split())
            edition.add(gold, best_infix(gold, reading))
            baseline.add(gold, best_infix(gold, naive))
    result.update({"chars": edition.chars, "edition_char_errors": edition.char_errors,
                   "naive_char_errors": baseline.char_errors,
                   "furniture_lines": len(truth["furniture"]),
                   "furniture_left": furniture_left(reading, truth)})
    return result


def totals(rows: list[dict]) -> dict:
    keys = [k for k in rows[0] if isinstance(rows[0][k], int)] if rows else []
    total = {k: sum(r[k] for r in rows) for k in keys}
    return derived(total)


def derived(t: dict) -> dict:
    p = t["matched"] / t["documents_found"] if t.get("documents_found") else 0.0
    r = t["matched"] / t["documents_truth"] if t.get("documents_truth") else 0.0
    t["doc_f1"] = round(2 * p * r / (p + r), 3) if p + r else 0.0
    for k in ("titles_right", "dates_right", "first_pages_right"):
        t[k.replace("_right", "_rate")] = round(t[k] / t["matched"], 3) if t.get("matched") else 0.0
    t["notes_rate"] = round(t["notes_linked_right"] / t["notes_truth"], 3) if t.get("notes_truth") else 0.0
    t["cer_edition"] = round(t["edition_char_errors"] / t["chars"], 4) if t.get("chars") else 0.0
    t["cer_naive"] = round(t["naive_char_errors"] / t["chars"], 4) if t.get("chars") else 0.0
    return t


ROWS = [("documents truth/found/matched", "counts"), ("documents found (F1)", "doc_f1"), ("titles right", "titles_rate"), ("dates right", "dates_rate"),
        ("first pages right", "first_pages_rate"), ("notes linked, right page", "notes_rate"),
        ("CER edition", "cer_edition"), ("CER naive cleaning", "cer_naive"),
        ("furniture left / printed", None)]


def table(sets: dict[str, dict]) -> str:
    names = list(sets)
    lines = [f"{'':28}" + "".join(f"{n:>14}" for n in names)]
    for label, key in ROWS:
        cells = []
        for n in names:
            t = sets[n]
            if key == "counts":
                cells.append(f"{t['documents_truth']}/{t['documents_found']}/{t['matched']}")
            else:
                cells.append(f"{t['furniture_left']}/{t['furniture_lines']}" if key is None else f"{t[key]}")
        lines.append(f"{label:28}" + "".join(f"{c:>14}" for c in cells))
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=("dev", "heldout"))
    parser.add_argument("--only", action="append")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    rows = []
    for which in ("dev", "heldout"):
        if args.set and which != args.set:
            continue
        for txt in sorted((args.out / which).glob("*.txt")):
            name = txt.name[:-4]
            if args.only and name not in args.only:
                continue
            rows.append(derived(score_book(txt, txt.with_name(f"{name}.truth.json"))))
    sets = {w: totals([r for r in rows if r["set"] == w]) for w in ("dev", "heldout")
            if any(r["set"] == w for r in rows)}
    if args.json:
        print(json.dumps({"sets": sets, "books": rows}, indent=1))
        return 0
    print(table(sets))
    print()
    for layout in ("seed", "degras", "bulletin", "excerpt"):
        per = {w: totals([r for r in rows if r["set"] == w and r["layout"] == layout]) for w in sets
               if any(r["set"] == w and r["layout"] == layout for r in rows)}
        if per:
            print(f"-- layout {layout}")
            print(table(per))
    return 0


if __name__ == "__main__":
    sys.exit(main())
