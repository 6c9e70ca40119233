"""How right the structure of the edition is, read out of the TEI the build writes.

For the real book (gold lists in bench/gold/structure) the edition is built twice, with and
without the editors' decisions (editorial/), and for the generated books (bench/synth/dev
and bench/synth/heldout, exact truth) without. Figures:

    documents found, boundaries (start within 6 lines; end exact and within 2 lines)
    titles right (>= 60% of the true title's words, dates and numbers left out), dates right
    notes kept, linked calls whose note is the true one (the call stands on the true call line)
    linked calls on the page their note names, by the page breaks the TEI prints
    gaps and repeats in the printed page sequence, documents' first pages right
    decisions by status, flags open, and the time the decisions add to a build

    .venv/bin/python bench/structure.py [--json]
"""

from __future__ import annotations

import csv
import json
import sys
import tempfile
import time
from pathlib import Path

import regex
from lxml import etree

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from edition_text import ROOT, build_edition  # noqa: E402

from pipeline.teitext import reading_text  # noqa: E402

TEI = "{http://www.tei-c.org/ns/1.0}"
NS = {"tei": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
BOOK = ROOT / "raw" / "001_57a5e7fdb55d5ea9.txt"
GOLD = ROOT / "bench" / "gold" / "structure"
START_TOLERANCE = 6
PAGE_REF = regex.compile(r"\bp[.,-]\s*(\d{1,3})\s*\.?\s*$")
MONTHS = r"january|february|march|april|may|june|july|august|september|october|november|december"


# ------------------------------------------------------------------ reading the edition


def edition_documents(out: Path, raw_name: str) -> list[dict]:
    """Each document built from ``raw_name``, with what the benches compare."""
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    raw = (ROOT / "raw" / raw_name) if (ROOT / "raw" / raw_name).exists() else None
    docs = []
    for ident in manifest["raw"][raw_name]["documents"]:
        root = etree.parse(str(out / f"{ident}.xml")).getroot()
        span = root.findtext(".//tei:bibl[@type='rawFile']/tei:citedRange", namespaces=NS) or ""
        date = root.find(".//tei:profileDesc/tei:creation/tei:date", NS)
        scope = root.find(".//tei:bibl[@type='printedBook']/tei:biblScope[@unit='page']", NS)
        docs.append({"id": ident, "root": root, "span": tuple(int(x) for x in span.split("-")) if span else None,
                     "title": root.findtext(".//tei:titleStmt/tei:title", namespaces=NS) or "",
                     "date": {k: date.get(k) for k in ("when", "notBefore", "notAfter")} if date is not None else {},
                     "kind": root.findtext(".//tei:textClass//tei:term", namespaces=NS) or "",
                     "pages": (scope.get("from"), scope.get("to")) if scope is not None else None,
                     "front": ident.endswith("-front")})
    return docs


def in_order(root) -> list:
    """The page breaks and note calls of a document's text, in reading order."""
    return root.xpath(".//tei:text//tei:pb | .//tei:text//tei:ref[@type='noteAnchor']", namespaces=NS)


def call_pages(docs) -> tuple[int, int]:
    """(calls on the page their note's "p. N" names, linked calls with such a note), by
    the page breaks the TEI prints before each call."""
    right = total = 0
    for doc in docs:
        notes = {n.get(XML_ID): n for n in doc["root"].iter(f"{TEI}note") if n.get(XML_ID)}
        page = None
        for el in in_order(doc["root"]):
            if el.tag == f"{TEI}pb":
                page = el.get("n") or page
                continue
            note = notes.get((el.get("target") or "#")[1:])
            if note is None or note.get("type") != "endnote":
                continue
            wanted = PAGE_REF.search(reading_text(note))
            if wanted:
                total += 1
                right += page == wanted.group(1)
    return right, total


def page_sequence(docs) -> dict:
    """Gaps and repeats in the printed page numbers of the documents' texts, through the
    book (a document that begins on the page where another ends opens with that page
    again: not a repeat). The endnotes' pages, which the edition moves into the documents
    their calls are in, are not part of this sequence."""
    gaps = repeats = 0
    previous = None
    for doc in docs:
        first = True
        for pb in doc["root"].xpath(".//tei:body//tei:pb[@n] | .//tei:back/tei:div[@type='source']//tei:pb[@n]",
                                    namespaces=NS):
            n = int(pb.get("n")) if pb.get("n", "").isdigit() else None
            if n is None:
                continue
            if previous is not None:
                if n > previous + 1:
                    gaps += 1
                elif n < previous or (n == previous and not first):
                    repeats += 1
            previous, first = n, False
    return {"gaps": gaps, "repeats": repeats}


# ------------------------------------------------------------------ comparing


def title_words(title: str) -> set[str]:
    """A title's words without its date and numbers (a reader's "same title")."""
    title = regex.sub(rf"\b(?:{MONTHS})\b[^.;]*?\d{{4}}|\((?:{MONTHS})[^)]*\)|\b\d+\b", " ", title, flags=regex.I)
    return set(regex.findall(r"[a-z]+", title.lower())) - {"the", "of", "a", "an", "and", "to", "on", "in", "at"}


def main_title(title: str) -> str:
    """A title without its subtitle: up to the first sentence break or bracket
    ("The home and foreign policy of the Republic. From the report of …")."""
    return regex.split(r"\.\s+(?=[A-Z(])|\s+\(", title, maxsplit=1)[0]


def same_title(found: str, wanted: str) -> bool:
    """A reader's "same title": 60% of the true title's words, or 80% of its main title's
    words (a subtitle left out) with no more than a few words of the found title foreign to it."""
    words, main, got = title_words(wanted), title_words(main_title(wanted)), title_words(found)
    if not words:
        return False
    if len(got & words) >= 0.6 * len(words):
        return True
    return bool(main) and len(got & main) >= 0.8 * len(main) and len(got - words) <= max(2, len(got) // 2)


def same_date(found: dict, when: str, not_before: str, not_after: str, strict: bool = False) -> bool | None:
    """The same date; unless ``strict``, a day inside the true range counts too (an editor
    who knows the day a congress adopted a resolution is not wrong), and so does an honest
    one-sided bound where the book no longer prints the date (a lost heading)."""
    if not (when or not_before or not_after):
        return None
    if when:
        return found.get("when") == when or (not strict and honest_bound(found, when, not_before, not_after))
    same = (found.get("notBefore") or "") == (not_before or "") and (found.get("notAfter") or "") == (not_after or "")
    day = found.get("when") or ""
    inside = bool(day) and (not not_before or day >= not_before) and (not not_after or day <= not_after)
    return same or (not strict and (inside or honest_bound(found, when, not_before, not_after)))


def honest_bound(found: dict, when: str, not_before: str, not_after: str) -> bool:
    """A one-sided date the truth keeps to ("not after its publication, …" for a document
    written before it) is honest, if less than the day."""
    if found.get("when"):
        return False
    earliest, latest = when or not_before, when or not_after
    if found.get("notAfter") and not found.get("notBefore"):
        return bool(latest) and latest <= found["notAfter"]
    if found.get("notBefore") and not found.get("notAfter"):
        return bool(earliest) and earliest >= found["notBefore"]
    return False


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def match_starts(found: list[int], gold: list[int]) -> dict[int, int]:
    """Gold index -> found index, nearest first, one to one, within the tolerance."""
    pairs = sorted((abs(f - g), gi, fi) for gi, g in enumerate(gold) for fi, f in enumerate(found)
                   if abs(f - g) <= START_TOLERANCE)
    used_g, used_f, matched = set(), set(), {}
    for _, gi, fi in pairs:
        if gi not in used_g and fi not in used_f:
            matched[gi] = fi
            used_g.add(gi)
            used_f.add(fi)
    return matched


def structure_figures(docs, text: str, gold_docs: list[dict]) -> dict:
    """Boundaries, titles, dates, kinds and first pages of the edition's documents against
    a gold list (dicts with first_line, last_line, title, when, not_before, not_after, kind, page)."""
    body = [d for d in docs if not d["front"]]
    starts = [line_of(text, d["span"][0]) for d in body]
    ends = [line_of(text, d["span"][1] - 1) for d in body]
    matched = match_starts(starts, [g["first_line"] for g in gold_docs])
    exact_ends = sum(1 for gi, fi in matched.items() if ends[fi] == gold_docs[gi]["last_line"])
    near_ends = sum(1 for gi, fi in matched.items() if abs(ends[fi] - gold_docs[gi]["last_line"]) <= 2)
    titles = [same_title(body[fi]["title"], gold_docs[gi]["title"]) for gi, fi in matched.items()]
    dates = [same_date(body[fi]["date"], gold_docs[gi]["when"], gold_docs[gi]["not_before"],
                       gold_docs[gi]["not_after"]) for gi, fi in matched.items()]
    dates = [d for d in dates if d is not None]
    strict = [same_date(body[fi]["date"], gold_docs[gi]["when"], gold_docs[gi]["not_before"],
                        gold_docs[gi]["not_after"], strict=True) for gi, fi in matched.items()]
    strict = [d for d in strict if d is not None]
    pages = [body[fi]["pages"] and body[fi]["pages"][0] == str(gold_docs[gi]["page"])
             for gi, fi in matched.items() if gold_docs[gi].get("page")]
    n = len(gold_docs)
    return {"documents_gold": n, "documents_found": len(body),
            "boundary_starts_matched": len(matched), "boundary_ends_exact": exact_ends,
            "boundary_ends_within_2_lines": near_ends,
            "titles_right": round(sum(titles) / n, 3), "dates_right": round(sum(dates) / len(dates), 3) if dates else None,
            "dates_right_strict": round(sum(strict) / len(strict), 3) if strict else None,
            "first_pages_right": round(sum(pages) / len(pages), 3) if pages else None}


def wrong_metadata(docs, text: str, gold_docs: list[dict]) -> list[str]:
    """Each document whose title or date differs from the gold, with the editors'
    decisions that set it (``revisionDesc/change`` of that kind): what a failing gold test
    names, so the editor sees which decision made the edition worse."""
    body = [d for d in docs if not d["front"]]
    starts = [line_of(text, d["span"][0]) for d in body]
    lines = []
    for gi, fi in sorted(match_starts(starts, [g["first_line"] for g in gold_docs]).items()):
        doc, gold = body[fi], gold_docs[gi]
        checks = {"title": (same_title(doc["title"], gold["title"]), doc["title"], gold["title"]),
                  "date": (same_date(doc["date"], gold["when"], gold["not_before"], gold["not_after"]) is not False,
                           doc["date"], gold["when"] or f"{gold['not_before']}/{gold['not_after']}")}
        for field_name, (right, ours, theirs) in checks.items():
            if right:
                continue
            decided = [f"{c.get('source', '')} key {c.get(XML_ID, '').rsplit('-rev-', 1)[-1]}"
                       for c in doc["root"].iterfind(".//tei:revisionDesc//tei:change", NS) if c.get("type") == field_name]
            lines.append(f"{doc['id']}: {field_name} {ours!r}, gold {theirs!r}"
                         + (f" (set by {', '.join(decided)})" if decided else " (the pipeline's own)"))
    return lines


# ------------------------------------------------------------------ the real book


def read_tsv(name: str) -> list[dict]:
    with open(GOLD / name, encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def book_gold() -> list[dict]:
    return [{"first_line": int(r["first_line"]), "last_line": int(r["last_line"]), "title": r["title"],
             "when": r["when"], "not_before": r["not_before"], "not_after": r["not_after"], "kind": r["kind"],
             "page": r["page"]} for r in read_tsv("documents.tsv")]


def gold_links(docs, text: str) -> dict:
    """Linked calls against the gold's call lines: a call is right when the words before it
    in the edition stand on the gold's call line of its note."""
    gold = {r["n"]: int(r["call_line"]) for r in read_tsv("notes.tsv") if r["call_line"]}
    lines = text.split("\n")
    right = linked = 0
    for doc in docs:
        notes = {n.get(XML_ID): n.get("n") for n in doc["root"].iter(f"{TEI}note") if n.get("type") == "endnote"}
        for ref in doc["root"].iter(f"{TEI}ref"):
            number = notes.get((ref.get("target") or "#")[1:])
            if number is None or ref.get("type") != "noteAnchor":
                continue
            linked += 1
            if number in gold and words_before(ref) in squash(" ".join(lines[gold[number] - 2:gold[number]])):
                right += 1
    return {"endnotes_gold": len(read_tsv("notes.tsv")), "calls_linked": linked, "calls_linked_right": right,
            "gold_notes_with_a_call": len(gold)}


def squash(text: str) -> str:
    return " ".join(regex.sub(r"[¬-]\s*$", "", text).split())


def words_before(ref) -> str:
    """The last few characters of text before a call, as the raw line holds them (the text
    of the elements before it too: a name tagged right before a call, a correction's source
    reading)."""
    from pipeline.teitext import collect_source
    parts, el = [], ref
    while el is not None and sum(len(p) for p in parts) < 40:
        previous = el.getprevious()
        if previous is None:
            parts.append(el.getparent().text or "")
            break
        printed: list[str] = []
        collect_source(previous, printed)  # its source reading, with its tail
        parts.append("".join(printed))
        el = previous
    text = squash("".join(reversed(parts)))
    return " ".join(text.split()[-2:])[-14:]


def book_figures(out: Path, with_editorial: bool) -> dict:
    docs = edition_documents(out, BOOK.name)
    text = BOOK.read_text(encoding="utf-8")
    figures = structure_figures(docs, text, book_gold())
    figures.update(gold_links(docs, text))
    right, total = call_pages(docs)
    figures["linked_calls_on_their_notes_page"] = f"{right}/{total}"
    figures.update(page_sequence(docs))
    report = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    entry = next(f for f in report["files"] if f["name"] == BOOK.name)
    statuses: dict[str, int] = {}
    for decision in entry.get("decisions", ()):
        statuses[decision["status"]] = statuses.get(decision["status"], 0) + 1
    figures["flags_open"] = len(entry.get("flags", ()))
    figures["decisions"] = statuses if with_editorial else None
    return figures


# ------------------------------------------------------------------ generated books


#: bibl types of the edition's publication events, by the column of the source block they come from
LEFT_TYPES, RIGHT_TYPES = ("published", "firstPublished"), ("collectedWorks", "copyText", "verifiedWith")
CREATION_LINE = regex.compile(r"^(?:Written|Dictated|Delivered|Signed)\b")
DATE_LINE = regex.compile(r"^\W*\w+\s+\d{1,2}(?:\s*\(\w+(?:\s+\d+)?\))?,?\s+1\d{3}\W*$")


def block_words(texts) -> set[str]:
    return set(regex.findall(r"[a-z]{3,}", " ".join(texts).lower()))


def source_blocks_right(root, block: dict) -> bool:
    """Whether the edition's publication events hold the source block's columns: the words
    of its left column (without the lines that date or sign the document, which date it
    instead) in its publications, those of its right column in its references; 85% either
    way, so that an OCR error the edition kept is no miss."""
    events = root.findall(".//tei:sourceDesc/tei:listBibl[@type='publications']/tei:bibl", NS)
    printed = {kind: [e.findtext("tei:note[@type='asPrinted']", namespaces=NS) or "" for e in events
                      if e.get("type") in kinds] for kind, kinds in (("left", LEFT_TYPES), ("right", RIGHT_TYPES))}
    left = [line for line in block["left"] if not CREATION_LINE.search(line.strip())]
    while left and DATE_LINE.search(left[0].strip()):  # the document's own date line, above the block
        left = left[1:]
    for side, wanted in (("left", block_words(left)), ("right", block_words(block["right"]))):
        found = block_words(printed[side])
        if wanted and len(found & wanted) < 0.85 * max(len(wanted), len(found)):
            return False
        if not wanted and found:
            return False
    return True


def synthetic_figures(folder: Path, scratch: Path) -> dict:
    totals: dict = {}
    for raw in sorted(p for p in folder.glob("*.txt") if not p.name.endswith(".gold.txt")):
        truth = json.loads(raw.with_name(raw.stem + ".truth.json").read_text(encoding="utf-8"))
        out = scratch / raw.stem
        build_edition([raw], out, editorial=None)
        docs = edition_documents(out, raw.name)
        gold = [{"first_line": d["first_line"], "last_line": d["last_line"], "title": d["title"],
                 "when": d["date"].get("when") or "", "not_before": d["date"].get("notBefore") or "",
                 "not_after": d["date"].get("notAfter") or "", "kind": d["kind"], "page": d["first_page"]}
                for d in truth["documents"]]
        figures = structure_figures(docs, raw.read_text(encoding="utf-8"), gold)
        body = [d for d in docs if not d["front"]]
        text = raw.read_text(encoding="utf-8")
        matched = match_starts([line_of(text, d["span"][0]) for d in body], [g["first_line"] for g in gold])
        blocks = [source_blocks_right(body[fi]["root"], truth["documents"][gi]["source_block"])
                  for gi, fi in matched.items() if truth["documents"][gi].get("source_block")]
        figures.update(source_blocks=len(blocks), source_blocks_right=sum(blocks))
        right, total = call_pages(docs)
        figures.update(calls_right=right, calls_with_page=total, **page_sequence(docs))
        for key, value in figures.items():
            if isinstance(value, (int, float)) and value is not None:
                totals.setdefault(key, []).append(value)
    return {key: round(sum(v) / len(v), 3) if isinstance(v[0], float) else sum(v) for key, v in totals.items()}


def main() -> None:
    results = {}
    with tempfile.TemporaryDirectory(prefix="bench-structure-") as scratch:
        scratch = Path(scratch)
        timings = {}
        for label, editorial in (("book, with decisions", ROOT / "editorial"), ("book, no decisions", None)):
            started = time.perf_counter()
            build_edition([BOOK], scratch / label.replace(" ", "-").replace(",", ""), editorial=editorial)
            timings[label] = time.perf_counter() - started
            results[label] = book_figures(scratch / label.replace(" ", "-").replace(",", ""), editorial is not None)
        results["book, with decisions"]["seconds_decisions_add"] = round(
            timings["book, with decisions"] - timings["book, no decisions"], 2)
        results["synthetic dev"] = synthetic_figures(ROOT / "bench" / "synth" / "dev", scratch / "dev")
        results["synthetic held-out"] = synthetic_figures(ROOT / "bench" / "synth" / "heldout", scratch / "held")
    if "--json" in sys.argv:
        print(json.dumps(results, indent=1))
        return
    keys = list(dict.fromkeys(k for r in results.values() for k in r))
    print(f"{'':38}" + "".join(f"{name:>24}" for name in results))
    for key in keys:
        print(f"{key:38}" + "".join(f"{str(results[name].get(key, '')):>24}" for name in results))


if __name__ == "__main__":
    main()
