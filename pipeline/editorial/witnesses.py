"""One document in two raw files: a web-page copy and the printed book often hold the
same text. The two are recognised from their texts, not their names: each document
carries a sample of its word 5-grams (``fingerprint``), and an OCR'd document and a
transcribed one (a web page) whose samples overlap enough are two witnesses of one text.
Two copies of one kind are not compared: two OCRs of one print are copies, not witnesses
with authority over each other, and comparing every copy with every other would make the
join quadratic in the number of copies (twenty books: 190 pairs per document).

Linked witnesses point to each other in their ``sourceDesc`` (``listWit/witness``); the
one whose metadata is richer supplies what the other lacks (a title the OCR lost, a date
of writing), marked as taken from that witness; and their textual differences are
reported, each as a flag on the OCR'd witness with a ready ``correct`` decision whose
evidence is the other witness. Nothing of the OCR's text is changed without an editor.
"""

from __future__ import annotations

import difflib
import zlib
from dataclasses import dataclass

import regex
from lxml import etree

from pipeline.editorial.anchors import anchoring_text, make_quote
from pipeline.editorial.decisions import format_decision

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
SHINGLE = 5
SAMPLE = 4          # keep one 5-gram in four (by hash): enough to recognise a text, small to carry
MIN_SHARED = 0.5    # the share of the shorter text's sample the two must have in common
MIN_SAMPLE = 8
WORDS = regex.compile(r"[^\W\d_]+")


def fingerprint(reading: str) -> tuple[int, ...]:
    """A sample of the word 5-grams of a reading text, as stable hashes (the same in every
    process: no ``hash()``)."""
    words = [w.lower() for w in WORDS.findall(reading)]
    hashes = {zlib.crc32(" ".join(words[k:k + SHINGLE]).encode()) for k in range(len(words) - SHINGLE + 1)}
    return tuple(sorted(h for h in hashes if h % SAMPLE == 0))


@dataclass(frozen=True)
class Pair:
    first: str   # document ids, first from the earlier raw file
    second: str
    shared: float


@dataclass(frozen=True)
class Entry:
    ident: str
    raw_name: str
    ocr: bool                 # from an OCR'd source (else a transcription)
    sample: tuple[int, ...]   # its ``fingerprint``


def find_pairs(entries: list[Entry]) -> list[Pair]:
    """Pairs of an OCR'd document and a transcribed one that share enough of their
    samples; a document keeps only its best partner in each other raw file. An index of
    the transcriptions' hashes keeps it linear in the number of OCR'd documents."""
    index: dict[int, list[int]] = {}
    for k, entry in enumerate(entries):
        if not entry.ocr:
            for h in entry.sample:
                index.setdefault(h, []).append(k)
    best: dict[tuple[int, str], tuple[float, int]] = {}
    for a, entry in enumerate(entries):
        if not entry.ocr or len(entry.sample) < MIN_SAMPLE:
            continue
        common: dict[int, int] = {}
        for h in entry.sample:
            for b in index.get(h, ()):
                common[b] = common.get(b, 0) + 1
        for b, count in sorted(common.items()):
            smaller = min(len(entry.sample), len(entries[b].sample))
            shared = count / smaller
            if smaller < MIN_SAMPLE or shared < MIN_SHARED:
                continue
            for side, other in ((a, b), (b, a)):  # best partner of each side, per raw file
                key = (side, entries[other].raw_name)
                if key not in best or shared > best[key][0]:
                    best[key] = (shared, other)
    pairs = set()
    for (side, _), (shared, other) in best.items():
        if best.get((other, entries[side].raw_name), (0, None))[1] == side:  # each the other's best
            first, second = sorted((side, other))
            pairs.add((first, second, round(shared, 2)))
    return [Pair(entries[a].ident, entries[b].ident, shared) for a, b, shared in sorted(pairs)]


# ------------------------------------------------------------------ the join


def link_witnesses(files, raw_text=None):
    """The final XML of every document (witnesses linked), lines for the terminal, and the
    flags the witnesses raise, by raw file name. ``raw_text(name)`` gives a raw file's
    decoded text (to quote the OCR's readings); differences an editor checked are not
    raised again."""
    documents = {d.ident: (f, d) for f in files for d in f.documents}
    xml = {ident: d.xml for ident, (_, d) in documents.items()}
    entries = [Entry(d.ident, f.name, f.kind == "ia-ocr", tuple(d.summary.get("fingerprint", ())))
               for f in files for d in f.documents if d.summary.get("part") != "front"]
    pairs = find_pairs(entries)
    texts: dict[str, str] = {}  # each raw file decoded once, however many pairs it holds
    lines, flags = [], {}
    for pair in pairs:
        first_is_ocr = documents[pair.first][0].kind == "ia-ocr"
        ocr, web = (pair.first, pair.second) if first_is_ocr else (pair.second, pair.first)
        root_ocr, root_web = parse(xml[ocr]), parse(xml[web])
        supplied = supply_metadata(root_ocr, root_web, web) + supply_metadata(root_web, root_ocr, ocr)
        add_witness(root_ocr, web, root_web, pair.shared)
        add_witness(root_web, ocr, root_ocr, pair.shared)
        xml[ocr], xml[web] = serialise(root_ocr, xml[ocr]), serialise(root_web, xml[web])
        raw_name = documents[ocr][0].name
        checked = {d.get("exact") for d in documents[ocr][0].report.get("decisions", ())
                   if d.get("flag") == "witness-difference"}
        span = (documents[ocr][1].summary.get("start", 0), documents[ocr][1].summary.get("end", 0))
        if raw_text and raw_name not in texts:
            texts[raw_name] = raw_text(raw_name)
        stretches, proposals = differences(root_ocr, root_web, texts.get(raw_name, ""), span, ocr, web)
        found = [flag for flag in proposals if flag["exact"] not in checked]
        flags.setdefault(raw_name, []).extend(found)
        lines.append(f"witnesses: {ocr} and {web} hold one text ({int(pair.shared * 100)}% shared); "
                     f"{len(stretches)} difference(s), {len(found)} proposed as corrections"
                     + (f"; {', '.join(supplied)} supplied" if supplied else ""))
        lines += [f"  {ocr}: {kind}: the OCR reads “{ours}”, {web} reads “{theirs}”" for kind, ours, theirs in stretches]
    return xml, lines, flags


def parse(xml: str):
    return etree.fromstring(xml.encode("utf-8"))


def serialise(root, original: str) -> str:
    head = original[:original.index("<TEI")]
    return head + etree.tostring(root, encoding="unicode") + "\n"


def add_witness(root, other_id: str, other_root, shared: float) -> None:
    """``sourceDesc/listWit/witness`` pointing to the other witness's file."""
    desc = root.find(f"{TEI}teiHeader/{TEI}fileDesc/{TEI}sourceDesc")
    listing = desc.find(f"{TEI}listWit")
    if listing is None:
        listing = etree.SubElement(desc, f"{TEI}listWit")
        listing.tail, listing.text = "\n", "\n"
    ident = f"{root.get(XML_ID)}-wit{len(listing) + 1}"
    witness = etree.SubElement(listing, f"{TEI}witness", {XML_ID: ident, "corresp": f"{other_id}.xml"})
    kind = other_root.findtext(f".//{TEI}bibl[@type='rawFile']/{TEI}title") or ""
    title = other_root.findtext(f".//{TEI}titleStmt/{TEI}title") or other_id
    witness.text = f"{title} ({kind}; {int(shared * 100)}% of the sampled text shared)"
    witness.tail = "\n"


def supply_metadata(root, donor, donor_id: str) -> list[str]:
    """What ``donor`` has and ``root`` lacks: a title where root's is the pipeline's own
    (supplied, not an editor's), a date of writing where root has none or only a bound;
    each marked as taken from the witness."""
    supplied = []
    title = root.find(f".//{TEI}titleStmt/{TEI}title")
    donor_title = donor.find(f".//{TEI}titleStmt/{TEI}title")
    if title is not None and donor_title is not None and title.get("type") == "supplied" \
            and not title.get("resp") and donor_title.get("type") != "supplied":
        title.text = donor_title.text
        title.set("source", f"{donor_id}.xml")
        head = root.find(f".//{TEI}body//{TEI}head[@type='supplied']/{TEI}supplied")
        if head is not None:
            head.text = donor_title.text
            head.set("source", f"{donor_id}.xml")
        supplied.append("title")
    date = root.find(f".//{TEI}profileDesc/{TEI}creation/{TEI}date")
    donor_date = donor.find(f".//{TEI}profileDesc/{TEI}creation/{TEI}date")
    if donor_date is not None and donor_date.get("when") and (date is None or (not date.get("when") and not date.get("resp"))):
        if date is None:
            return supplied  # the profileDesc lays out its parts in order: a date is only replaced
        for name in ("when", "notBefore", "notAfter", "when-custom", "datingMethod"):
            date.attrib.pop(name, None)
        date.set("when", donor_date.get("when"))
        date.text = f"{donor_date.text} (from the witness {donor_id})"
        date.set("source", f"{donor_id}.xml")
        supplied.append("date")
    return supplied


def body_words(root) -> list[str]:
    """The words of a document's text as printed (a heading an editor supplied aside)."""
    from copy import deepcopy

    from pipeline.teitext import reading_text
    body = root.find(f"{TEI}text/{TEI}body")
    if body is None:
        return []
    body = deepcopy(body)
    for head in body.iter(f"{TEI}head"):
        if head.get("type") == "supplied":
            head.getparent().remove(head)
    return reading_text(body).split()


def differences(ocr_root, web_root, raw_text: str, span: tuple[int, int], ocr_id: str, web_id: str):
    """Every stretch where the two witnesses read differently, as (kind, OCR's words,
    witness's words); and, for a short replacement whose OCR reading stands once in the
    document's raw text, a flag with a ready ``correct`` decision."""
    ocr_words, web_words = body_words(ocr_root), body_words(web_root)
    matcher = difflib.SequenceMatcher(None, [normal(w) for w in ocr_words], [normal(w) for w in web_words],
                                      autojunk=False)
    stretches, flags = [], []
    anchor_text = anchoring_text(raw_text) if raw_text else None
    start, end = span if span[1] > span[0] else (0, len(raw_text))
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        ours, theirs = " ".join(ocr_words[i1:i2]), " ".join(web_words[j1:j2])
        stretches.append(({"replace": "reads otherwise", "delete": "only in the OCR",
                           "insert": "only in the witness"}[tag], ours, theirs))
        if tag != "replace" or i2 - i1 > 3 or j2 - j1 > 3 or not raw_text:
            continue
        where = raw_text.find(ours, start, end)
        if where < 0 or raw_text.find(ours, where + 1, end) >= 0:
            continue  # the OCR's reading must stand once in the document's raw text to be quoted
        quote = make_quote(anchor_text, where, where + len(ours))
        decision = format_decision({"kind": "correct", "exact": quote.exact, "prefix": quote.prefix,
                                    "suffix": quote.suffix, "at": quote.at, "expect": ours, "value": theirs,
                                    "evidence": f"the witness {web_id}"})
        flags.append({"document": ocr_id, "kind": "witness-difference", "line": raw_text.count("\n", 0, where) + 1,
                      "exact": quote.exact,
                      "message": f"the witness {web_id} reads “{theirs}” where the OCR reads “{ours}”",
                      "context": f"{quote.prefix}[{quote.exact}]{quote.suffix}", "decision": decision,
                      "settles": ["correct", "check"]})
    return stretches, flags


def normal(word: str) -> str:
    return "".join(WORDS.findall(word.lower()))
