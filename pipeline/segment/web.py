"""Segment web-page copies (Marxists Internet Archive, Documents on Soviet Foreign
Policy, and unknown pages) into one ``Document`` each.

A web page copy has one paragraph per line. The page is read in zones, top down:
author and title, the header block (``Label: value`` lines) or a date line and a
source reference, the body, and the notes (from the first ``[n]`` label line).
Navigation lines were already removed by ``repair`` and are skipped here.
"""

from __future__ import annotations

import statistics
from dataclasses import replace

import regex

from pipeline.dates import parse_date
from pipeline.ingest import DSFP_DATE_LINE
from pipeline.lines import Line, split_lines
from pipeline.model import Block, Change, Document, Flag, Meta, Note, NoteCall, Source
from pipeline.repair import repaired_slice
from pipeline.segment import letters
from pipeline.segment.letters import addressee_from_salute, mark_letter_parts
from pipeline.segment.webheader import read_date, read_header_block, read_source_note, refine_date
from pipeline.segment.text import (NOTE_CALL, doc_type_of, is_capitals, is_date_line, parse_bibl,
                                   removed_lines, squash, strip_calls)

NOTE_LABEL = regex.compile(r"^\s*\[(?P<n>\d{1,3})\]\s*(?=\S)")
#: a notes section's heading; a wiki prints its edit link after it ("Notes[edit]", removed as chrome)
NOTES_HEADING = regex.compile(r"^\s*(Notes|Footnotes|Editorial Notes|References)\s*(?:\[\s*edit\s*\])?\s*$", regex.I)
#: notes written as a list under their heading: "1. The decision …", "1) …", "¹ …"; a wiki's
#: back-link arrow after the number ("1. ↑ …") belongs to the label
LIST_NOTE_LABEL = regex.compile(r"^\s*(?:(?P<n>\d{1,3})[.)]|(?P<sup>[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3}))\s*(?:[↑^]\s*)?(?=\S)")
SUPERSCRIPTS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")
#: a call printed as a superscript number glued to the word or the stop before it
SUPERSCRIPT_CALL = regex.compile(r"(?<=[\w.,;:!?”’)\]])[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3}")
#: a volume's number of the document before its title ("467 To: G. V. CHICHERIN"); a date is no number
DOCUMENT_NUMBER = regex.compile(
    r"^\s*(?:No\.\s*)?(?P<n>\d{1,4})\.?\s+(?=\p{Lu}|“|\")(?!(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b)(?=.*\p{L}{2})")
#: how far down a page without header block a numbered title may stand (under a collection's heading)
NUMBERED_TITLE_ZONE = 3
#: a wiki's line under the title that names the author ("by Leon Trotsky")
BYLINE = regex.compile(r"^\s*by\s+(?P<who>(?:\p{Lu}[\p{L}.\-’']*\s*){1,5})$")
EDITORS_MARK = regex.compile(r"[—–-]\s*Ed\.?\s*\)?\s*$")
PERSON_NAME = regex.compile(r"^(?:[A-Z]\.\s*){1,3}[A-Z][a-z]+(?:-[A-Z][a-z]+)?$|^(?:[A-Z][a-z]+\s+){1,2}[A-Z][a-z]+$")
SOURCE_REFERENCE = regex.compile(r"\bpp?\.\s*\d|\b[ivxl]+,\s*\d|\bVol(?:ume)?\.?\s*\w", regex.I)


def segment_web_page(source: Source, changes: tuple[Change, ...]) -> Document:
    """Read a whole web-page copy as one document."""
    removed = removed_lines(source.text, changes)
    lines = join_broken_lines([line for line in split_lines(source.text)
                               if not line.is_blank and line.content_start not in removed], changes)
    read = Reader(source.text, changes)
    notes_at = notes_start(lines, read)
    top, notes_zone = lines[:notes_at], lines[notes_at:]
    read_top = read_dsfp_top if source.kind == "dsfp" else read_mia_top
    meta, front, body_lines, header_lines, extra = read_top(top, read)
    changes = tuple(sorted(changes + extra + header_block_removals(header_lines, source, changes),
                           key=lambda c: c.start))
    body = classify_body(body_lines, letter=doc_type_of(meta.title) in LETTER_KINDS
                         or bool(regex.match(r"\s*To\b", meta.title)))
    notes, notes_head = read_notes(notes_zone, read)
    changes = tuple(sorted(changes + backlink_removals(notes, source), key=lambda c: c.start))
    meta = finish_meta(meta, body, source)
    calls = tuple(find_calls(source.text, front + body))
    flags = unlinked_call_flags(calls, notes)
    if source.kind == "unknown":
        first = next(iter(front + body), None)
        at = (first.start, first.end) if first else (0, min(1, len(source.text)))
        flags = (Flag("unknown-kind", *at, "unknown kind of source; encoded as plain paragraphs"),) + flags
    return Document(source=source, start=0, end=len(source.text), meta=meta, front=front + notes_head,
                    body=body, notes=notes, calls=calls, changes=changes, flags=flags)


def notes_start(lines: list[Line], read) -> int:
    """Where the notes begin: the first ``[n]`` note, or a notes heading over a numbered
    list ("Notes" / "1. The decision …"); a list in the text without that heading is text."""
    labelled = next((i for i, line in enumerate(lines) if NOTE_LABEL.match(line.text)), len(lines))
    if 0 < labelled < len(lines) and NOTES_HEADING.match(read(lines[labelled - 1])):
        return labelled - 1
    listed = next((i for i in range(len(lines) - 2, 0, -1) if NOTES_HEADING.match(read(lines[i]))
                   and LIST_NOTE_LABEL.match(read(lines[i + 1]))), len(lines))
    return min(labelled, listed)


def join_broken_lines(lines: list[Line], changes) -> list[Line]:
    """Lines a line-end hyphen decision joins (an unknown text's "pain¬ / ful") are read as one."""
    joins = {c.start for c in changes if c.kind == "hyphen"}
    joined: list[Line] = []
    for line in lines:
        previous = joined[-1] if joined else None
        if previous is not None and any(previous.start <= j < previous.end for j in joins) \
                and previous.end < line.start:
            gap = line.start - previous.end
            joined[-1] = Line(previous.number, previous.start, line.end, previous.text + "\n" * gap + line.text)
        else:
            joined.append(line)
    return joined


class Reader:
    """The repaired text of a line: what metadata is read from."""

    def __init__(self, text: str, changes):
        self.text, self.changes = text, changes

    def __call__(self, line: Line) -> str:
        return squash(repaired_slice(self.text, self.changes, line.start, line.end))


def read_mia_top(lines: list[Line], read: Reader):
    """Author, title and header block of a Marxists Internet Archive page (and of copies
    of it from mirrors, in any layout of the header)."""
    block = header_leaving_text(lines, read)
    pre = lines[:block.first] if block else opening_lines(lines, read)
    author_line = pre[0] if len(pre) > 1 and PERSON_NAME.match(read(pre[0])) else None
    bylines = [line for line in pre if BYLINE.match(read(line))]
    date_lines = [line for line in pre[1:] if is_date_line(read(line).strip("()[] "))]
    title_lines = [line for line in pre if line is not author_line and line not in date_lines + bylines] \
        or ([] if block and block.value("title") else lines[:1])
    front = []
    if author_line:
        front.append(Block("docAuthor", author_line.content_start, author_line.content_end, part="front"))
    front += [Block("docAuthor", line.content_start, line.content_end, part="front") for line in bylines]
    front += [Block("docDate", line.content_start, line.content_end, part="front") for line in date_lines]
    front += [Block("titlePart", line.content_start, line.content_end, part="front") for line in title_lines]
    rest = lines[block.last + 1:] if block else lines[len(pre):]
    numbered, extra = numbered_title(title_lines, read)
    title = strip_calls(numbered or block and block.value("title") or title_of(title_lines, read))
    author = read(author_line) if author_line else BYLINE.match(read(bylines[0])).group("who").strip() \
        if bylines else ""
    note = read_source_note(rest, read)
    if note is not None:
        rest, note_lines = rest[:note.first], tuple(rest[note.first:])
    meta = meta_from_block(title, author, block, note)
    if meta.date is None and date_lines:
        meta = replace(meta, date=read_date(read(date_lines[0])))
    header_lines = tuple(lines[block.first:block.last + 1]) if block else ()
    header_lines += note_lines if note is not None else ()
    return meta, tuple(front), rest, header_lines, extra


def header_leaving_text(lines: list[Line], read):
    """The header block, read so that it never takes the whole document: where its wrapped
    values would leave no line of text, only the lines the field names call for are read."""
    block = read_header_block(lines, read)
    if block is not None and block.last >= len(lines) - 1:
        block = read_header_block(lines, read, strict=True)
    return block


def opening_lines(lines: list[Line], read) -> list[Line]:
    """The title zone of a page without header block: the title line, or a collection's
    heading and a numbered title under it, then a wiki's repeated title, its byline and
    its date line."""
    numbered = next((i for i, line in enumerate(lines[:NUMBERED_TITLE_ZONE]) if DOCUMENT_NUMBER.match(read(line))
                     and len(read(line).split()) <= 16), 0)
    end = numbered + 1
    title = squash(strip_calls(read(lines[numbered]))) if lines else ""
    while end < min(len(lines), numbered + 4):
        text = squash(strip_calls(read(lines[end])))
        repeated = text.startswith(title) and len(text) <= len(title) + 8
        if not (repeated or BYLINE.match(text) or is_date_line(text.strip("()[] "))):
            break
        end += 1
    return lines[:end]


def title_of(title_lines: list[Line], read) -> str:
    """The title the title lines give; a wiki's repeated title ("… (1917)") is read once."""
    texts = [squash(read(line)) for line in title_lines]
    kept = [t for k, t in enumerate(texts) if not (k and texts[0] and t.startswith(texts[0]))]
    return " ".join(kept[-1:] if any(DOCUMENT_NUMBER.match(t) for t in kept) else kept)


def numbered_title(title_lines: list[Line], read) -> tuple[str, tuple[Change, ...]]:
    """A title that carries the volume's number of the document: the title without it, and
    the number recorded as removed from the reading (rule ``document-number``)."""
    for line in title_lines:
        text = read(line)
        match = DOCUMENT_NUMBER.match(text)
        if match and len(text.split()) <= 16:
            start = line.start + match.start("n")
            end = line.start + match.end()
            number = Change("document-number", start, start + len(match.group("n")), match.group("n"), "", 0.9,
                            kind="removal")
            return squash(text[match.end():]), (number,) if end <= line.end else ()
    return "", ()


def backlink_removals(notes, source: Source) -> tuple[Change, ...]:
    """A wiki's back-link arrow in a note's label ("1. ↑ …"): link chrome, recorded as removed."""
    changes = []
    for note in notes:
        label = source.text[note.start:note.label_end]
        for match in regex.finditer(r"[↑^]", label):
            at = note.start + match.start()
            changes.append(Change("site-link-label", at, at + 1, match.group(), "", 0.9, kind="removal"))
    return tuple(changes)


def header_block_removals(header_lines, source: Source, changes) -> tuple[Change, ...]:
    """The lines of the page's header block: their content moves to the teiHeader, and the
    lines themselves are recorded as removed (rule ``page-header-field``)."""
    taken = sorted((c.start, c.end) for c in changes if c.kind == "removal")
    return tuple(Change("page-header-field", start, end, source.text[start:end], "", 0.95, kind="removal")
                 for line in header_lines
                 for start, end in uncovered(line.content_start, line.content_end, taken))


def uncovered(start: int, end: int, taken) -> list[tuple[int, int]]:
    """The parts of [start, end) that no span in ``taken`` covers (spaces trimmed off)."""
    pieces, pos = [], start
    for t_start, t_end in taken:
        if t_end <= pos or t_start >= end:
            continue
        pieces.append((pos, t_start))
        pos = max(pos, t_end)
    pieces.append((pos, end))
    return [(a, b) for a, b in pieces if b > a]


def meta_from_block(title: str, author: str, block, note=None) -> Meta:
    """Map the page's header fields (the block above the text, and the source note under
    it) to header metadata."""
    blocks = [b for b in (block, note) if b is not None]
    if not blocks:
        return Meta(title=title, author=author)

    def value(name):
        return next((b.value(name) for b in blocks if b.value(name)), "")

    def values(name):
        return [v for b in blocks for v in b.values(name)]
    date_text, source_text = value("written"), value("source")
    fields = tuple((label, text) for b in blocks for _, label, text in b.fields)
    return Meta(
        title=title, author=author or value("author"),
        date=read_date(date_text) if date_text else None,
        source=parse_bibl(source_text) if source_text else None,
        first_published=value("published"),
        translator=regex.sub(r"^Translated\s+by\s+", "", value("translated")),
        transcriber="; ".join(values("transcribed")),
        licence=" ".join(f"{label}: {text}" for b in blocks for name, label, text in b.fields if name == "licence"),
        addressee=value("addressee"),
        fields=fields,
    )


def read_dsfp_top(lines: list[Line], read: Reader):
    """Title in capitals (over one or more lines), date line and source references of a
    DSFP page; the issuer the title names is the author."""
    front, i = [], 0
    while i < len(lines) and is_capitals(lines[i].stripped) and not DSFP_DATE_LINE.match(lines[i].text):
        i += 1
    title_lines = lines[:max(i, 1)]
    front += [Block("titlePart", line.content_start, line.content_end, part="front") for line in title_lines]
    i = max(i, 1)
    date, sources = None, []
    dated_at, previous_number = None, -1
    while i < len(lines) and len(lines[i].stripped) < 120:
        line = lines[i]
        if date is None and is_date_line(line.stripped):
            date = parse_date(line.stripped)
            dated_at = line.number
            front.append(Block("docDate", line.content_start, line.content_end, part="front"))
        elif SOURCE_REFERENCE.search(line.stripped) or (dated_at is not None and line.number == previous_number + 1):
            # the lines right under the date line are the page's references ("Izvestia, 9 November 1917")
            sources += [parse_bibl(part) for part in split_references(read(line))]
            front.append(Block("bibl", line.content_start, line.content_end, part="front"))
        else:
            break
        previous_number = line.number
        i += 1
    title = strip_calls(" ".join(read(line) for line in title_lines))
    meta = Meta(title=title, author=issuer_in_title(title), date=date, source=sources[0] if sources else None,
                other_sources=tuple(sources[1:]))
    return meta, tuple(front), lines[i:], (), ()


def split_references(text: str) -> list[str]:
    """``Izvestia, 9 November 1917; Degras, i, p. 1``: two references on one line."""
    return [part.strip() for part in text.split("; ") if part.strip()]


ISSUER = regex.compile(r"\b(?:(?:ADOPTED|ISSUED|SIGNED|MADE)\s+)?BY\s+(?:THE\s+)?(?P<by>.+?)(?=\s+(?:AT|ON|TO|IN|FOR|"
                       r"CONCERNING|REGARDING|ABOUT)\b|,|$)|\bFROM\s+(?:THE\s+)?(?P<from>.+?)(?=\s+(?:TO|ON|IN|"
                       r"CONCERNING|REGARDING|ABOUT|AT)\b|,|$)|^(?:DECREE|RESOLUTION|APPEAL|STATEMENT|DECLARATION|"
                       r"ORDER|PROCLAMATION|NOTE|MESSAGE|REPLY|TELEGRAM|MEMORANDUM|MANIFESTO|ADDRESS|RADIOGRAM|"
                       r"WIRELESS\s+MESSAGE)\s+OF\s+THE\s+(?P<of>.+?)(?=\s+(?:ON|TO|CONCERNING|REGARDING)\b|,|$)")


def issuer_in_title(title: str) -> str:
    """The person or body a DSFP title names as the document's issuer, as a name is
    written: ``REPLY FROM TROTSKY, COMMISSAR …`` -> ``Trotsky``; ``DECREE … ADOPTED BY
    THE SECOND ALL-RUSSIAN CONGRESS OF SOVIETS`` -> ``Second All-Russian Congress of Soviets``.

    >>> issuer_in_title("STATEMENT BY LITVINOV AT THE HAGUE CONFERENCE ON CREDITS")
    'Litvinov'
    """
    match = ISSUER.search(title.upper() if title.isupper() else title)
    if not match:
        return ""
    who = next(group for group in (match.group("by"), match.group("from"), match.group("of")) if group)
    return " ".join(letters.name_case(word) if word.isupper() else word for word in who.split())


#: kinds of document laid out as letters (opener, closer) even without a salutation
LETTER_KINDS = {"letter", "telegram", "note"}


def classify_body(lines: list[Line], letter: bool = True) -> tuple[Block, ...]:
    """Give each body line its TEI role: paragraph, quotation, or a letter part."""
    if not lines:
        return ()
    texts = [line.stripped for line in lines]
    usual_indent = statistics.median(line.indent for line in lines)
    kinds = ["p"] * len(lines)
    parts = ["body"] * len(lines)
    for i, line in enumerate(lines):
        if line.indent >= usual_indent + 4:
            kinds[i] = "quote"
        elif is_capitals(texts[i]) and len(texts[i].split()) <= 14 and i < len(lines) - 1:
            kinds[i] = "head"
    mark_letter_parts(texts, kinds, parts, letter)
    return tuple(Block(kind, line.content_start, line.content_end, part=part)
                 for line, kind, part in zip(lines, kinds, parts))


def read_notes(lines: list[Line], read=None):
    """Split the notes zone into numbered notes; a note runs to the next label. Under a
    notes heading, notes may be a numbered list ("1. …", "¹ …") instead of ``[n]``."""
    head, notes, current = (), [], []
    listed = False
    if lines and NOTES_HEADING.match(read(lines[0]) if read else lines[0].text):
        head = (Block("notesHead", lines[0].content_start, lines[0].content_end, part="back"),)
        lines = lines[1:]
        listed = bool(lines) and not NOTE_LABEL.match(lines[0].text) and bool(LIST_NOTE_LABEL.match(lines[0].text))
    label = LIST_NOTE_LABEL if listed else NOTE_LABEL
    for line in lines:
        if label.match(line.text) and current:
            notes.append(make_note(current, label, read))
            current = []
        current.append(line)
    if current:
        notes.append(make_note(current, label, read))
    return tuple(notes), head


def make_note(lines: list[Line], pattern=NOTE_LABEL, read=None) -> Note:
    label = pattern.match(lines[0].text)
    label_end = lines[0].start + label.end()
    blocks = [Block("p", label_end, lines[0].content_end, part="note")]
    blocks += [Block("p", line.content_start, line.content_end, part="note") for line in lines[1:]]
    signed_by_editors = bool(EDITORS_MARK.search(read(lines[-1]) if read else lines[-1].stripped))
    number = label.group("n") or label.group("sup").translate(SUPERSCRIPTS)
    return Note(n=number, start=lines[0].content_start, end=lines[-1].content_end,
                label_end=label_end, blocks=tuple(blocks),
                type="footnote" if signed_by_editors else "endnote",
                resp="editors" if signed_by_editors else "")


def find_calls(text: str, blocks) -> list[NoteCall]:
    calls = []
    for block in blocks:
        for match in NOTE_CALL.finditer(text, block.start, block.end):
            calls.append(NoteCall(match.start(), match.end(), match.group("n")))
        for match in SUPERSCRIPT_CALL.finditer(text, block.start, block.end):
            calls.append(NoteCall(match.start(), match.end(), match.group().translate(SUPERSCRIPTS)))
    return calls


def unlinked_call_flags(calls, notes) -> tuple[Flag, ...]:
    numbers = {note.n for note in notes}
    return tuple(Flag("call-without-note", call.start, call.end, f"note call [{call.n}] has no note", key=call.n)
                 for call in calls if call.n not in numbers)


def finish_meta(meta: Meta, body, source: Source) -> Meta:
    """Document type, correspondents and place, from the title and letter parts."""
    doc_type = doc_type_of(meta.title)
    has_letter_parts = any(b.kind == "salute" for b in body)
    if has_letter_parts and doc_type in {"document", "note"}:
        doc_type = "letter" if doc_type == "document" else doc_type
    addressee = meta.addressee or letters.addressee_from_title(meta.title)
    if not addressee:
        salute = next((b for b in body if b.kind == "salute" and b.part == "opener"), None)
        if salute is not None:
            addressee = addressee_from_salute(source.text[salute.start:salute.end])
    signer = next((squash(strip_calls(source.text[b.start:b.end])).rstrip(",")
                   for b in body if b.kind == "signed"), "")
    datelines = [squash(source.text[b.start:b.end]) for b in body if b.kind == "dateline"]
    date = refine_date(meta.date, parse_date(datelines[0]) if datelines else None)
    place = next((line.split(",")[0] for line in datelines
                  if "," in line and not regex.match(r"\s*\d", line)), "")
    sender = meta.author or letters.sender_from_title(meta.title) or signer
    return replace(meta, doc_type=doc_type, addressee=addressee, sender=sender, date=date, place=place)


