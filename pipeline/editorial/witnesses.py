"""One document in two raw files: a web-page copy and the printed book often hold the
same text. The two are recognised from their texts, not their names: each document
carries a sample of its word 5-grams (``fingerprint``), and an OCR'd document and a
transcribed one (a web page) whose samples overlap enough are two witnesses of one text.
Two transcriptions that share all but a few of their samples (a Marxists Internet
Archive page and a mirror of it) are two copies of one text, linked too. Two OCRs of one
print are not compared: they are copies, not witnesses with authority over each other.
An index of the transcriptions' hashes finds the partners without comparing every
document with every other; an OCR'd document keeps its best partner in each other raw
file, a transcription its one best copy, so the links grow with the copies, not with
their pairs (twenty copies of one page: nineteen links, not 190).

Linked witnesses point to each other in their ``sourceDesc`` (``listWit/witness``); the
one whose metadata is richer supplies what the other lacks (a title the OCR lost, a date
of writing), marked as taken from that witness. Their texts are compared without what is
not text: note calls and notes, removal records, headings an editor supplied, and a
copy's chrome or notes section left standing in its text. Each difference is either an
OCR error or a variant reading:

* an OCR error: the OCR's reading is no word (or has junk marks, a capital inside a
  word, a number run together) and the witness's reading is reached from it by the
  confusions of the OCR channel (``pipeline.repair.channel``: ``rn``/``m``, ``T``/``r``,
  ``j^``/``y``, a space lost or added, at most one letter lost or misread), priced as the
  book's own channel prices them. It becomes a flag on the OCR'd witness with a ready
  ``correct`` decision whose evidence is the other witness, and says why, with a
  confidence;
* a variant: another word or order (``connected``/``tied in``), another spelling or
  transliteration (``Batumi``/``Batum``, ``Rumania``/``Romania``), text only in one of the
  two. It is reported (a terminal line with both readings) and recorded in both
  documents' ``standOff`` (``listAnnotation type="variants"``: one ``note`` per variant,
  pointing to the ``witness``), never proposed as a correction.

Nothing of the OCR's text is changed without an editor.
"""

from __future__ import annotations

import difflib
import zlib
from copy import deepcopy
from dataclasses import dataclass

import regex
from lxml import etree

from pipeline.editorial.anchors import make_quote
from pipeline.editorial.decisions import format_decision
from pipeline.editorial.ocrjudge import Judge, OcrError

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
SHINGLE = 5
SAMPLE = 4          # keep one 5-gram in four (by hash): enough to recognise a text, small to carry
MIN_SHARED = 0.5    # the share of the shorter text's sample the two must have in common
MIN_COPY_SHARED = 0.9  # two transcriptions: the share of the longer one's sample (copies share ~all)
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
    """Pairs of documents of one text, through an index of the transcriptions' hashes
    (each document looks up its own hashes: linear in the documents, not quadratic):

    * an OCR'd document and a transcription that share enough of their samples (of the
      shorter one's); each keeps only its best partner in each other raw file, and a pair
      is made when each is the other's best;
    * two transcriptions in two raw files that share ~all of their samples (of the longer
      one's): copies of one text. Each keeps its one best copy, so that n copies of a page
      make at most n links, not n(n-1)/2.

    Two OCR'd documents are never paired."""
    index: dict[int, list[int]] = {}
    for k, entry in enumerate(entries):
        if not entry.ocr and len(entry.sample) >= MIN_SAMPLE:
            for h in entry.sample:
                index.setdefault(h, []).append(k)
    best: dict[tuple[int, str], tuple[float, int]] = {}
    copies: dict[int, tuple[float, int]] = {}
    for a, entry in enumerate(entries):
        if len(entry.sample) < MIN_SAMPLE:
            continue
        common: dict[int, int] = {}
        for h in entry.sample:
            for b in index.get(h, ()):
                common[b] = common.get(b, 0) + 1
        for b, count in sorted(common.items()):
            other = entries[b]
            if other.raw_name == entry.raw_name:
                continue
            if not entry.ocr:  # two transcriptions: copies only when (almost) all is shared
                shared = count / max(len(entry.sample), len(other.sample))
                if shared >= MIN_COPY_SHARED and (a not in copies or shared > copies[a][0]):
                    copies[a] = (shared, b)
                continue
            shared = count / min(len(entry.sample), len(other.sample))
            if shared < MIN_SHARED:
                continue
            for side, partner in ((a, b), (b, a)):  # best partner of each side, per raw file
                key = (side, entries[partner].raw_name)
                if key not in best or shared > best[key][0]:
                    best[key] = (shared, partner)
    pairs = set()
    for (side, _), (shared, other) in best.items():
        if best.get((other, entries[side].raw_name), (0, None))[1] == side:  # each the other's best
            first, second = sorted((side, other))
            pairs.add((first, second, round(shared, 2)))
    for side, (shared, other) in copies.items():
        first, second = sorted((side, other))
        pairs.add((first, second, round(shared, 2)))
    return [Pair(entries[a].ident, entries[b].ident, shared) for a, b, shared in sorted(pairs)]


# ------------------------------------------------------------------ the join


@dataclass(frozen=True)
class Difference:
    """A stretch where two witnesses read differently: ``ours`` is the base witness's
    reading (the OCR's, when one of the two is OCR'd), ``theirs`` the other's."""

    kind: str                 # "reads otherwise", "only in the base", "only in the witness"
    ours: str
    theirs: str
    ocr_error: "OcrError | None" = None


def link_witnesses(files, raw_text=None):
    """The final XML of every document (witnesses linked), lines for the terminal, and the
    flags the witnesses raise, by raw file name. ``raw_text(name)`` gives a raw file's
    decoded text (to quote the OCR's readings and to price its confusions); differences
    an editor checked are not raised again."""
    documents = {d.ident: (f, d) for f in files for d in f.documents}
    xml = {ident: d.xml for ident, (_, d) in documents.items()}
    entries = [Entry(d.ident, f.name, f.kind == "ia-ocr", tuple(d.summary.get("fingerprint", ())))
               for f in files for d in f.documents if d.summary.get("part") != "front"]
    pairs = find_pairs(entries)
    texts: dict[str, str] = {}      # each raw file decoded once, however many pairs it holds,
    judges: dict[str, Judge] = {}   # its OCR channel learned once, both dropped after its last pair
    last_pair = {}
    for k, pair in enumerate(pairs):
        for ident in (pair.first, pair.second):
            last_pair[documents[ident][0].name] = k
    lines, flags = [], {}
    raised: set[tuple[str, str]] = set()
    for k, pair in enumerate(pairs):
        first_is_ocr = documents[pair.first][0].kind == "ia-ocr"
        second_is_ocr = documents[pair.second][0].kind == "ia-ocr"
        base, other = (pair.second, pair.first) if second_is_ocr and not first_is_ocr else (pair.first, pair.second)
        ocr = first_is_ocr or second_is_ocr
        root_base, root_other = parse(xml[base]), parse(xml[other])
        supplied = supply_metadata(root_base, root_other, other) + supply_metadata(root_other, root_base, base)
        wit_in_base = add_witness(root_base, other, root_other, pair.shared)
        wit_in_other = add_witness(root_other, base, root_base, pair.shared)
        found_here: list[dict] = []
        proposals: list[dict] = []
        if ocr:
            raw_name = documents[base][0].name
            if raw_text and raw_name not in texts:
                texts[raw_name] = raw_text(raw_name)
            if raw_name not in judges:
                judges[raw_name] = Judge(texts.get(raw_name, ""))
            checked = {d.get("exact") for d in documents[base][0].report.get("decisions", ())
                       if d.get("flag") == "witness-difference"}
            span = (documents[base][1].summary.get("start", 0), documents[base][1].summary.get("end", 0))
            found = differences(root_base, root_other, judges[raw_name])
            proposals = propose(found, texts.get(raw_name, ""), span, base, other, judges[raw_name].anchor_text)
            for flag in proposals:
                if flag["exact"] not in checked and (base, flag["exact"]) not in raised:
                    raised.add((base, flag["exact"]))
                    found_here.append(flag)
            flags.setdefault(raw_name, []).extend(found_here)
            if last_pair[raw_name] == k:
                texts.pop(raw_name, None)
                judges.pop(raw_name, None)
        else:
            found = differences(root_base, root_other, None)
        variants = [d for d in found if d.ocr_error is None]
        record_variants(root_base, wit_in_base, other, variants, ours_first=True)
        record_variants(root_other, wit_in_other, base, variants, ours_first=False)
        xml[base], xml[other] = serialise(root_base, xml[base]), serialise(root_other, xml[other])
        errors = len(found) - len(variants)
        if ocr:
            head = (f"witnesses: {base} and {other} hold one text ({int(pair.shared * 100)}% shared); "
                    f"{len(found)} difference(s): {errors} OCR error(s), {len(found_here)} proposed as "
                    f"corrections; {len(variants)} variant(s)")
        else:
            head = (f"witnesses: {base} and {other} are copies of one text ({int(pair.shared * 100)}% shared); "
                    f"{len(variants)} variant(s)")
        lines.append(head + (f"; {', '.join(supplied)} supplied" if supplied else ""))
        proposed = {flag["expect"] for flag in found_here}
        earlier = {flag["expect"] for flag in proposals} - proposed
        reader = "the OCR" if ocr else base
        for d in found:
            kind = d.kind.replace("the base", "the OCR" if ocr else base)
            if d.ocr_error is None:
                lines.append(f"  {base}: variant ({kind}): {reader} reads “{d.ours}”, {other} reads “{d.theirs}”")
            else:
                state = ("proposed as a correction" if d.ours in proposed
                         else "already proposed or checked" if d.ours in earlier
                         else "not proposed (its reading does not stand once in the raw text)")
                lines.append(f"  {base}: OCR error, {state} (confidence {d.ocr_error.confidence:.2f}: "
                             f"{d.ocr_error.why}): {reader} reads “{d.ours}”, {other} reads “{d.theirs}”")
    return xml, lines, flags


def parse(xml: str):
    return etree.fromstring(xml.encode("utf-8"))


def serialise(root, original: str) -> str:
    head = original[:original.index("<TEI")]
    return head + etree.tostring(root, encoding="unicode") + "\n"


def add_witness(root, other_id: str, other_root, shared: float) -> str:
    """``sourceDesc/listWit/witness`` pointing to the other witness's file; its id."""
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
    return ident


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


# ------------------------------------------------------------------ only the text

#: what is in a body but not the document's text: note calls and notes, the anchors of
#: removal records, page furniture kept in place
NOT_TEXT = {f"{TEI}note", f"{TEI}anchor", f"{TEI}fw"}
#: the blocks of a body whose whole text may be a copy's chrome
BLOCKS = {f"{TEI}{name}" for name in ("p", "head", "seg", "salute", "signed", "dateline", "label", "quote")}
#: a copy's notes section left standing in its text (a heading the importer did not read as one)
NOTES_HEADING = regex.compile(r"^\s*(?:notes?|foot\s*notes?|end\s*notes?|notes and references|references)\s*:?\s*$",
                              regex.I)
#: a link label standing alone ("Top of page")
LINK_LABEL = regex.compile(r"^\s*(?:README|Top of (?:the )?page|Back to (?:the )?top|Home|Contents)\s*$", regex.I)
CHROME_LENGTH = 160


def text_words(root) -> list[str]:
    """The words of a document's text as a reader reads it (``corr`` for ``sic``, joined
    hyphens), without what is not its text: note calls and notes, removal anchors, page
    furniture, headings an editor supplied, a copy's chrome lines (navigation, link bars,
    the site's name) and a notes section the copy's import left in the text. Tokens with
    no letter or digit (a lone ``+`` or dash) are left out: they say nothing of a reading."""
    from pipeline.teitext import reading_text
    body = root.find(f"{TEI}text/{TEI}body")
    if body is None:
        return []
    body = deepcopy(body)
    for el in list(body.iter()):
        if el.tag in NOT_TEXT or (el.tag == f"{TEI}ref" and el.get("type") == "noteAnchor") \
                or (el.tag == f"{TEI}head" and el.get("type") == "supplied"):
            drop(el)
    blocks = [el for el in body.iter() if el.tag in BLOCKS and not any(child.tag in BLOCKS for child in el)]
    for k, block in enumerate(blocks):
        text = reading_text(block)
        if k > 0 and NOTES_HEADING.match(text):  # the rest is the copy's notes (and chrome)
            for rest in blocks[k:]:
                drop(rest)
            break
        if is_chrome(text):
            drop(block)
    return [word for word in reading_text(body).replace("—", "— ").split() if normal(word)]


def is_chrome(text: str) -> bool:
    """A block that is a web site's chrome, as the importer's furniture rules know it."""
    from pipeline.repair.furniture import SITE_CHROME, SITE_FOOTERS, is_link_bar, is_navigation
    text = text.strip()
    if not text or len(text) > CHROME_LENGTH:
        return False
    return bool(SITE_CHROME.match(text) or SITE_FOOTERS.match(text) or LINK_LABEL.match(text)
                or is_navigation(text) or is_link_bar(text))


def drop(el) -> None:
    """Remove an element, keeping its tail (the text after it)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def normal(word: str) -> str:
    """A word as the comparison sees it: its letters and digits, in lower case."""
    return "".join(ALNUM.findall(word.lower()))


ALNUM = regex.compile(r"[^\W_]+")


def differences(base_root, other_root, judge: "Judge | None") -> list[Difference]:
    """Every stretch where the two witnesses' texts differ; with a ``judge`` (the base is
    OCR'd), each short replacement is judged as an OCR error or a variant."""
    ours_words, theirs_words = text_words(base_root), text_words(other_root)
    matcher = difflib.SequenceMatcher(None, [normal(w) for w in ours_words], [normal(w) for w in theirs_words],
                                      autojunk=False)
    found = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        ours, theirs = " ".join(ours_words[i1:i2]), " ".join(theirs_words[j1:j2])
        error = None
        if judge is not None and tag == "replace" and i2 - i1 <= MAX_WORDS and j2 - j1 <= MAX_WORDS:
            error = judge.ocr_error(ours, theirs)
        found.append(Difference({"replace": "reads otherwise", "delete": "only in the base",
                                 "insert": "only in the witness"}[tag], ours, theirs, error))
    return found


MAX_WORDS = 3


def propose(found: list[Difference], raw_text: str, span: tuple[int, int], ocr_id: str, web_id: str,
            anchor_text) -> list[dict]:
    """A flag with a ready ``correct`` decision for each OCR error whose reading stands
    once in the document's raw text (to be quoted in ``anchor_text``, that text's
    anchoring text)."""
    flags = []
    if not raw_text:
        return flags
    start, end = span if span[1] > span[0] else (0, len(raw_text))
    for d in found:
        if d.ocr_error is None:
            continue
        ours, theirs, error = d.ours, d.theirs, d.ocr_error
        where = raw_text.find(ours, start, end)
        if where < 0 or raw_text.find(ours, where + 1, end) >= 0:
            continue  # the OCR's reading must stand once in the document's raw text to be quoted
        quote = make_quote(anchor_text, where, where + len(ours))
        why = f"an OCR error ({error.why}), confidence {error.confidence:.2f}"
        decision = format_decision({"kind": "correct", "exact": quote.exact, "prefix": quote.prefix,
                                    "suffix": quote.suffix, "at": quote.at, "expect": ours, "value": theirs,
                                    "evidence": f"the witness {web_id}: {why}"})
        flags.append({"document": ocr_id, "kind": "witness-difference", "line": raw_text.count("\n", 0, where) + 1,
                      "exact": quote.exact, "expect": ours, "value": theirs, "confidence": error.confidence,
                      "why": error.why,
                      "message": f"the witness {web_id} reads “{theirs}” where the OCR reads “{ours}”: {why}",
                      "context": f"{quote.prefix}[{quote.exact}]{quote.suffix}", "decision": decision,
                      "settles": ["correct", "check"]})
    return flags


# ------------------------------------------------------------------ variants in the TEI


def record_variants(root, witness_id: str, other_id: str, variants: list[Difference], ours_first: bool) -> None:
    """The variant readings of the other witness, in ``standOff/listAnnotation
    type="variants"``: one ``note`` each (``type="editorial"``: the edition's words, not
    the source's characters, so the accounting of the raw file does not count them),
    pointing to the ``witness`` entry of the other document."""
    if not variants:
        return
    stand_off = root.find(f"{TEI}standOff")
    if stand_off is None:
        stand_off = etree.SubElement(root, f"{TEI}standOff")
        stand_off.text, stand_off.tail = "\n", "\n"
        previous = stand_off.getprevious()
        if previous is not None and not (previous.tail or "").strip():
            previous.tail = "\n"
    listing = etree.SubElement(stand_off, f"{TEI}listAnnotation", type="variants")
    listing.text, listing.tail = "\n", "\n"
    pipeline = root.find(f"{TEI}teiHeader//{TEI}respStmt[@{XML_ID}='{root.get(XML_ID)}-pipeline']")
    for d in variants:
        ours, theirs = (d.ours, d.theirs) if ours_first else (d.theirs, d.ours)
        if ours and theirs:
            text = f"The witness {other_id} reads “{theirs}” where this text reads “{ours}”."
        elif ours:
            text = f"The witness {other_id} lacks “{ours}”."
        else:
            text = f"The witness {other_id} has “{theirs}” here, which this text lacks."
        attrs = {"type": "editorial", "subtype": "variant", "target": f"#{witness_id}"}
        if pipeline is not None:
            attrs["resp"] = f"#{pipeline.get(XML_ID)}"
        note = etree.SubElement(listing, f"{TEI}note", attrs)
        note.text, note.tail = text, "\n"
