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
from pipeline.segment.webheader import read_header_block
from pipeline.segment.text import (NOTE_CALL, doc_type_of, is_capitals, is_date_line, parse_bibl,
                                   removed_lines, squash, strip_calls)

NOTE_LABEL = regex.compile(r"^\s*\[(?P<n>\d{1,3})\]\s*(?=\S)")
NOTES_HEADING = regex.compile(r"^\s*(Notes|Footnotes|Editorial Notes)\s*$", regex.I)
EDITORS_MARK = regex.compile(r"[—–-]\s*Ed\.?\s*\)?\s*$")
PERSON_NAME = regex.compile(r"^(?:[A-Z]\.\s*){1,3}[A-Z][a-z]+(?:-[A-Z][a-z]+)?$|^(?:[A-Z][a-z]+\s+){1,2}[A-Z][a-z]+$")
SOURCE_REFERENCE = regex.compile(r"\bpp?\.\s*\d|\b[ivxl]+,\s*\d|\bVol(?:ume)?\.?\s*\w", regex.I)


def segment_web_page(source: Source, changes: tuple[Change, ...]) -> Document:
    """Read a whole web-page copy as one document."""
    removed = removed_lines(source.text, changes)
    lines = join_broken_lines([line for line in split_lines(source.text)
                               if not line.is_blank and line.content_start not in removed], changes)
    notes_at = next((i for i, line in enumerate(lines) if NOTE_LABEL.match(line.text)), len(lines))
    if notes_at > 0 and NOTES_HEADING.match(lines[notes_at - 1].text):
        notes_at -= 1
    top, notes_zone = lines[:notes_at], lines[notes_at:]
    read_top = read_dsfp_top if source.kind == "dsfp" else read_mia_top
    meta, front, body_lines, header_lines = read_top(top, Reader(source.text, changes))
    changes = tuple(sorted(changes + header_block_removals(header_lines, source, changes), key=lambda c: c.start))
    body = classify_body(body_lines, letter=doc_type_of(meta.title) in LETTER_KINDS
                         or bool(regex.match(r"\s*To\b", meta.title)))
    notes, notes_head = read_notes(notes_zone)
    meta = finish_meta(meta, body, source)
    calls = tuple(find_calls(source.text, front + body))
    flags = unlinked_call_flags(calls, notes)
    if source.kind == "unknown":
        first = next(iter(front + body), None)
        at = (first.start, first.end) if first else (0, min(1, len(source.text)))
        flags = (Flag("unknown-kind", *at, "unknown kind of source; encoded as plain paragraphs"),) + flags
    return Document(source=source, start=0, end=len(source.text), meta=meta, front=front + notes_head,
                    body=body, notes=notes, calls=calls, changes=changes, flags=flags)


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
    block = read_header_block(lines, read)
    pre = lines[:block.first] if block else lines[:1]
    author_line = pre[0] if len(pre) > 1 and PERSON_NAME.match(read(pre[0])) else None
    date_lines = [line for line in pre[1:] if is_date_line(read(line).strip("()[] "))]
    title_lines = [line for line in pre if line is not author_line and line not in date_lines] or lines[:1]
    front = []
    if author_line:
        front.append(Block("docAuthor", author_line.content_start, author_line.content_end, part="front"))
    front += [Block("docDate", line.content_start, line.content_end, part="front") for line in date_lines]
    front += [Block("titlePart", line.content_start, line.content_end, part="front") for line in title_lines]
    rest = lines[block.last + 1:] if block else lines[len(pre):]
    title = strip_calls(" ".join(read(line) for line in title_lines))
    meta = meta_from_block(title, read(author_line) if author_line else "", block)
    if meta.date is None and date_lines:
        meta = replace(meta, date=parse_date(read(date_lines[0])))
    header_lines = tuple(lines[block.first:block.last + 1]) if block else ()
    return meta, tuple(front), rest, header_lines


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


def meta_from_block(title: str, author: str, block) -> Meta:
    """Map the page's header fields to header metadata."""
    if block is None:
        return Meta(title=title, author=author)
    date_text, source_text = block.value("written"), block.value("source")
    return Meta(
        title=title, author=author,
        date=parse_date(date_text) if date_text else None,
        source=parse_bibl(source_text) if source_text else None,
        first_published=block.value("published"),
        translator=regex.sub(r"^Translated\s+by\s+", "", block.value("translated")),
        transcriber="; ".join(block.values("transcribed")),
        licence=" ".join(f"{label}: {value}" for name, label, value in block.fields if name == "licence"),
        fields=tuple((label, value) for _, label, value in block.fields),
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
    return meta, tuple(front), lines[i:], ()


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


def read_notes(lines: list[Line]):
    """Split the notes zone into numbered notes; a note runs to the next label."""
    head, notes, current = (), [], []
    if lines and NOTES_HEADING.match(lines[0].text):
        head = (Block("notesHead", lines[0].content_start, lines[0].content_end, part="back"),)
        lines = lines[1:]
    for line in lines:
        if NOTE_LABEL.match(line.text) and current:
            notes.append(make_note(current))
            current = []
        current.append(line)
    if current:
        notes.append(make_note(current))
    return tuple(notes), head


def make_note(lines: list[Line]) -> Note:
    label = NOTE_LABEL.match(lines[0].text)
    label_end = lines[0].start + label.end()
    blocks = [Block("p", label_end, lines[0].content_end, part="note")]
    blocks += [Block("p", line.content_start, line.content_end, part="note") for line in lines[1:]]
    signed_by_editors = bool(EDITORS_MARK.search(lines[-1].stripped))
    return Note(n=label.group("n"), start=lines[0].content_start, end=lines[-1].content_end,
                label_end=label_end, blocks=tuple(blocks),
                type="footnote" if signed_by_editors else "endnote",
                resp="editors" if signed_by_editors else "")


def find_calls(text: str, blocks) -> list[NoteCall]:
    calls = []
    for block in blocks:
        for match in NOTE_CALL.finditer(text, block.start, block.end):
            calls.append(NoteCall(match.start(), match.end(), match.group("n")))
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
    addressee = letters.addressee_from_title(meta.title)
    if not addressee:
        salute = next((b for b in body if b.kind == "salute" and b.part == "opener"), None)
        if salute is not None:
            addressee = addressee_from_salute(source.text[salute.start:salute.end])
    signer = next((squash(strip_calls(source.text[b.start:b.end])).rstrip(",")
                   for b in body if b.kind == "signed"), "")
    datelines = [squash(source.text[b.start:b.end]) for b in body if b.kind == "dateline"]
    date = meta.date
    if (date is None or date.is_empty()) and datelines:
        date = parse_date(datelines[0])
    place = next((line.split(",")[0] for line in datelines
                  if "," in line and not regex.match(r"\s*\d", line)), "")
    sender = meta.author or letters.sender_from_title(meta.title) or signer
    return replace(meta, doc_type=doc_type, addressee=addressee, sender=sender, date=date, place=place)


