"""The header block of a web-page copy, read by its field names in any layout.

Copies of the archive, of its mirrors and of other sites print the same fields in other
ways: the value after the colon, or on the line(s) below it (``Written:`` / ``Written on
October 18, 1918``), a value wrapped over several lines (a ``Source:`` ending ``Moscow,``,
a licence paragraph), blank lines between fields, fields in another order, other
wordings (``Translated by:``, ``Originally Published:``, ``Transcription/HTML Markup:``),
a table (``Author | V. I. Lenin``), or the printed edition's source note under the text
(``Written on April 13, 1922`` / ``First published in 1959 …``).

A field runs from its name to the next field name. A value runs on to the next line only
where it is visibly unfinished (it ends in a comma, or the next line is a short
continuation such as ``Volume 44, page 389a.``), or where the field is a paragraph
(a licence) or a list (``Other Formats:``): a document's first line after a complete
field is never taken into the header.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from pipeline.dates import MONTH, month_number, parse_date
from pipeline.lines import Line
from pipeline.model import DateValue

#: field names as the pages print them -> the field they give
FIELD_NAMES = {
    "written": "written", "dictated": "written", "delivered": "written", "date": "written",
    "first published": "published", "originally published": "published", "published": "published",
    "source": "source", "translated": "translated", "translated by": "translated", "translator": "translated",
    "transcription\\markup": "transcribed", "transcription/markup": "transcribed",
    "transcription/html markup": "transcribed", "transcribed": "transcribed", "transcribed by": "transcribed",
    "html markup": "markup", "markup": "markup", "public domain": "licence", "copyleft": "licence",
    "copyright": "licence", "proofread": "proofread", "proofread by": "proofread",
    "online version": "online", "other formats": "formats",
    # the labels of a catalogue's table ("Author | V. I. Lenin")
    "author": "author", "sender": "author", "from": "author", "recipient": "addressee", "addressee": "addressee",
    "to": "addressee", "document": "title", "title": "title", "language": "language", "archive": "archive",
    "collection": "archive", "place": "place", "type": "type", "document type": "type",
    "document number": "number", "number": "number", "no.": "number",
}
FIELD = regex.compile(
    r"^\s*(?P<label>Written|Dictated|Delivered|First\s+Published|Originally\s+Published|Published|Source|"
    r"Translated(?:\s+by)?|Translator|Transcription\s*[\\/]\s*(?:HTML\s+)?Markup|Transcribed(?:\s+by)?|"
    r"HTML\s+Markup|Markup|Public\s+Domain|Copyleft|Copyright|Proofread(?:\s+by)?|Online\s+Version|"
    r"Other\s+Formats)\s*:\s*(?P<value>.*)$", regex.I)
#: a catalogue's header as a table of two columns: the label, a bar or a tab, the value
TABLE_FIELD = regex.compile(
    r"^\s*(?P<label>Author|Sender|From|Recipient|Addressee|To|Document(?:\s+(?:type|number))?|Title|Date|Written|"
    r"Published|Source|Language|Archive|Collection|Place|Type|Number|No\.|Translated(?:\s+by)?|Translator|"
    r"Transcribed(?:\s+by)?|Copyright)\s*(?:\||\t)\s*(?P<value>.*\S)\s*$", regex.I)
#: the printed edition's source note: sentences that name their field themselves
SOURCE_NOTE = regex.compile(
    r"^\s*(?P<label>(?:Written|Dictated|Delivered|Sent|Dated)(?=\s+(?:on|in|at|between|not|before|after|late|"
    r"early|the|\d))|First\s+published|Published(?=\s+(?:in|according|for))|Printed\s+from)\b(?P<value>.*)$",
    regex.I)
SOURCE_NOTE_FIELDS = {"written": "written", "dictated": "written", "delivered": "written", "sent": "written",
                      "dated": "written", "first published": "published", "published": "published",
                      "printed from": "copy-text"}
#: how far down the page (text lines) the header block may begin
HEADER_ZONE = 20
#: fields whose value is a paragraph (a licence) or a list of short items (the formats)
PARAGRAPH_FIELDS = {"licence"}
LIST_FIELDS = {"formats"}
#: a value that ends so is visibly unfinished: its next line goes on with it
UNFINISHED = regex.compile(r"(?:[,;:&(\-–—]|\b(?:and|of|in|the|by|at|on|No\.|pp?\.|Vol\.))\s*$")
#: the start of a short line that continues a reference (``Volume 44, page 389a.``)
CONTINUATION = regex.compile(r"^\s*(?:[a-z\d(]|Vol(?:ume)?\b|pages?\b|pp?\.|No\.)")
#: words of a licence paragraph, which may wrap after a full stop
LICENCE_WORDS = regex.compile(r"\b(?:cop(?:y|ied|ying)|distribut\w*|licen[cs]e\w*|permission|permitted|credit|"
                              r"Creative\s+Commons|README|rights|derivative|attribution)\b", regex.I)
#: a continuation line of a wrapped value is short; a longer one is the document's text
CONTINUATION_WORDS = 20


@dataclass(frozen=True)
class HeaderBlock:
    """The fields of a page's header block, and where it stands."""

    fields: tuple[tuple[str, str, str], ...]  # (field, label as printed, value)
    first: int  # index of its first line among the page's text lines
    last: int   # index of its last line

    def value(self, field: str) -> str:
        return next((value for name, _, value in self.fields if name == field), "")

    def values(self, field: str) -> list[str]:
        return [value for name, _, value in self.fields if name == field]


def field_name(label: str) -> str:
    return FIELD_NAMES[" ".join(label.lower().split()).replace(" /", "/").replace("/ ", "/")]


def match_field(text: str):
    """``(label, value)`` when the line names a header field, in the colon or the table form."""
    match = FIELD.match(text) or TABLE_FIELD.match(text)
    return (" ".join(match.group("label").split()), match.group("value").strip()) if match else None


def read_header_block(lines: list[Line], read, strict: bool = False) -> HeaderBlock | None:
    """The header block among the page's text lines (blank lines are not in ``lines``:
    two lines are contiguous when their numbers follow). ``read`` gives a line's repaired
    text. ``strict`` takes no wrapped continuation lines at all: a value is its label's
    line, or the one line below a label that stands alone.

    >>> from pipeline.lines import split_lines
    >>> page = [l for l in split_lines("Written:\\nAugust 3, 1919\\nComrade Chicherin,\\nThe text.") if l.text]
    >>> read_header_block(page, lambda line: line.text).fields
    (('written', 'Written', 'August 3, 1919'),)
    """
    start = next((i for i, line in enumerate(lines[:HEADER_ZONE]) if match_field(read(line))), None)
    if start is None:
        return None
    fields: list[list] = []
    last = start
    for i in range(start, len(lines)):
        text = read(lines[i])
        found = match_field(text)
        if found:
            fields.append([field_name(found[0]), found[0], [found[1]] if found[1] else []])
            last = i
            continue
        contiguous = lines[i].number == lines[i - 1].number + 1
        if not fields[-1][2] or (not strict and contiguous and (continues(fields[-1], text)
                                                                or field_follows(lines, i, read))):
            fields[-1][2].append(text.strip())
            last = i
            continue
        break
    return HeaderBlock(tuple((name, label, " ".join(" ".join(parts).split())) for name, label, parts in fields),
                       start, last)


#: how many lines a field's value may run on before another field name closes it
FIELD_LOOKAHEAD = 3


def field_follows(lines: list[Line], i: int, read) -> bool:
    """Whether another field name follows line ``i`` closely with no blank line between:
    the line is inside the block (a value's second sentence), not the document's text."""
    for j in range(i + 1, min(len(lines), i + 1 + FIELD_LOOKAHEAD)):
        if lines[j].number != lines[j - 1].number + 1:
            return False
        if match_field(read(lines[j])):
            return True
    return False


def continues(field: list, text: str) -> bool:
    """Whether ``text``, the line right under a field's value, goes on with that value.

    >>> continues(["source", "Source", ["Collected Works, Progress Publishers, Moscow,"]], "Volume 44, page 389a.")
    True
    >>> continues(["translated", "Translated", ["Clemens Dutt"]], "Comrade Chicherin,")
    False
    """
    name, _, parts = field
    previous = parts[-1]
    if len(text.split()) > CONTINUATION_WORDS and name not in PARAGRAPH_FIELDS:
        return False
    if name in LIST_FIELDS:
        return len(text.split()) <= 3
    if name in PARAGRAPH_FIELDS:
        return bool(UNFINISHED.search(previous) or not previous.endswith((".", "!", "?"))
                    or LICENCE_WORDS.search(text))
    return bool(UNFINISHED.search(previous)) or (not previous.endswith((".", "!", "?", ")", "”", '"'))
                                                 and CONTINUATION.match(text) is not None)


def read_source_note(lines: list[Line], read) -> HeaderBlock | None:
    """The printed edition's source note under a document (``Written on April 13, 1922`` /
    ``First published in 1959 …`` / ``Printed from the original``): the run of such
    lines that ends ``lines``. Returns its fields with ``first``/``last`` as indices."""
    first = len(lines)
    while first > 0 and SOURCE_NOTE.match(read(lines[first - 1])) and len(read(lines[first - 1]).split()) <= 30:
        first -= 1
    if first == len(lines):
        return None
    fields = []
    for line in lines[first:]:
        text = read(line)
        label = " ".join(SOURCE_NOTE.match(text).group("label").split())
        fields.append((SOURCE_NOTE_FIELDS[label.lower()], label, text.strip().rstrip(".")))
    return HeaderBlock(tuple(fields), first, len(lines) - 1)


#: "August 3 or 4, 1919" / "3 or 4 August 1919": a date with two possible days
OR_DAYS = regex.compile(rf"\b(?:(?P<m>{MONTH})\s+(?P<d1>\d{{1,2}})\s+or\s+(?P<d2>\d{{1,2}})|(?P<e1>\d{{1,2}})\s+or\s+"
                        rf"(?P<e2>\d{{1,2}})\s+(?P<n>{MONTH})),?\s+(?P<y>1[89]\d\d)\b", regex.I)


def read_date(text: str) -> DateValue:
    """A header's date, with the forms the general reader takes for something else: a date
    with two possible days is the range of both (not one day without its year).

    >>> d = read_date("Written on August 3 or 4, 1919")
    >>> d.when, d.not_before, d.not_after
    ('', '1919-08-03', '1919-08-04')
    """
    match = OR_DAYS.search(text)
    if match:
        month = month_number(match.group("m") or match.group("n"))
        first, second = sorted(int(match.group(k)) for k in (("d1", "d2") if match.group("m") else ("e1", "e2")))
        year = int(match.group("y"))
        return DateValue(text=text.strip(), not_before=f"{year}-{month:02d}-{first:02d}",
                         not_after=f"{year}-{month:02d}-{second:02d}")
    return parse_date(text)


def refine_date(coarse: DateValue | None, line: DateValue | None) -> DateValue | None:
    """A day without its year (a date line ``16.IX.``) takes the year of the header's
    coarser date (``Written: 1921``) when it falls inside it; else the more precise stands.

    >>> refine_date(parse_date("1921"), parse_date("16.IX.")).when
    '1921-09-16'
    """
    if line is None or line.is_empty():
        return coarse
    if coarse is None or coarse.is_empty():
        return line
    if not line.when.startswith("--") or coarse.when.startswith("--") or len(coarse.when) == 10:
        return coarse
    year = (coarse.when or coarse.not_before)[:4]
    when = f"{year}-{line.when[2:]}"
    low, high = coarse.not_before or coarse.when, coarse.not_after or coarse.when
    inside = low[:len(when)] <= when[:len(low)] and when[:len(high)] <= high
    return DateValue(text=f"{line.text} ({coarse.text})", when=when) if inside else coarse
