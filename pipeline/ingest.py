"""Stage 1: read a raw file, decode it, and recognise what kind of source it is.

The kind is read from the content, never from the file name:

``mia``     a Marxists Internet Archive page copy (header block of ``Label: value``
            lines, ``[n]`` notes, "Works Index" navigation), with or without header;
``dsfp``    a "Documents on Soviet Foreign Policy" page copy (title in capitals,
            date line, source reference, "[Subject] [Author] [Date]");
``ia-ocr``  an Internet Archive OCR full text of a printed book (hard line breaks,
            page breaks as runs of blank lines, "Full text of ..." chrome);
``unknown`` anything else; it still becomes one TEI document, with a warning.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import ftfy
import regex

from pipeline.errors import BinaryInputError, EmptyInputError, UnreadableInputError
from pipeline.model import Source

MIA_HEADER_LABEL = regex.compile(
    r"^(Written|Dictated|Delivered|First Published|Published|Source|Translated|"
    r"Transcription\\Markup|Transcribed|HTML Markup|Markup|Public Domain|Copyleft|Proofread"
    r"|Online Version)\s*:", regex.M | regex.I)
MIA_NAVIGATION = regex.compile(r"Works Index|L\.I\.A\. Index|<\s*backward|forward\s*>|Lenin Internet Archive")
MIA_NOTE_LABEL = regex.compile(r"^\[\d{1,3}\]\s+\S", regex.M)
MIA_GLUED_CALL = regex.compile(r"[\w.,;:”’)]\[\d{1,3}\]")  # "Politbureau[1]": a web-page note call
MIA_NOTES_HEADING = regex.compile(r"^\s*(Notes|Footnotes)\s*$", regex.M)
DSFP_MARKERS = regex.compile(r"Documents on Soviet Foreign Policy|\[Subject\]\s*\[Author\]\s*\[Date\]")
DSFP_DATE_LINE = regex.compile(
    r"^\s*\d{1,2}\s+(January|February|March|April|May|June|July|August|September|October|"
    r"November|December)(\s*\[[^\]]*\])?\s+\d{4}\s*$", regex.M)
IA_CHROME = regex.compile(r"^(Full text of \"|See other formats|Skip to main content)", regex.M)


def read_source(path: str | Path) -> Source:
    """Read ``path`` and return its decoded, classified ``Source``.

    Raises a ``PipelineError`` subclass with a one-line message for empty,
    binary or unreadable files.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise UnreadableInputError(path, err.strerror or str(err)) from err
    return source_from_bytes(path, data)


def source_from_bytes(path: str | Path, data: bytes) -> Source:
    """The ``Source`` of a raw file's bytes (``path`` names it in messages and in the TEI)."""
    path = Path(path)
    text, encoding, notes = decode_bytes(path, data)
    return Source(path=str(path), name=path.name, text=text, kind=detect_kind(text),
                  sha256=hashlib.sha256(data).hexdigest(), encoding=encoding, decode_notes=notes)


def decode_bytes(path: Path, data: bytes) -> tuple[str, str, tuple[str, ...]]:
    """Decode raw bytes to text with normalised line ends.

    UTF-8 (with or without BOM) is taken as it is; anything else goes through
    ftfy's ``guess_bytes`` (UTF-16, MacRoman, Windows-1252/Latin-1), and the
    guess is recorded, since a wrong guess changes characters.
    """
    if not data.strip():
        raise EmptyInputError(path)
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BinaryInputError(path, "it contains NUL bytes")
    notes = []
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as err:
        if err.reason == "unexpected end of data" and err.start >= len(data) - 3:
            text, encoding = data[:err.start].decode("utf-8-sig"), "utf-8"  # a file cut off mid-character
            notes.append(f"the file ends inside a UTF-8 character; its last {len(data) - err.start} byte(s) "
                         "were not decoded")
        else:
            text, encoding = ftfy.guess_bytes(data)
            notes.append(f"not valid UTF-8; decoded as {encoding} (ftfy.guess_bytes)")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        notes.append("line ends normalised to LF")
    reject_control_characters(path, text)
    text, dropped = drop_non_xml_characters(text)
    if dropped:
        notes.append(f"{dropped} control character(s) XML cannot hold were dropped; a form feed became a page break")
    if not text.strip():
        raise EmptyInputError(path)
    return text, encoding, tuple(notes)


NON_XML = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\ufffe\uffff]")


def drop_non_xml_characters(text: str) -> tuple[str, int]:
    """XML 1.0 cannot hold most C0 controls: a form feed (an OCR page separator) becomes
    the blank lines of a page break, the others go. Returns the text and how many went."""
    dropped = text.count("\f") + len(NON_XML.findall(text))
    return NON_XML.sub("", text.replace("\f", "\n\n\n")), dropped


CONTROLS = regex.compile(r"[^\P{Cc}\n\t\f]")  # category Cc (C0, DEL, C1) but line ends, tabs, form feeds


def reject_control_characters(path: Path, text: str) -> None:
    """Refuse text that is mostly control characters: it is a binary file."""
    controls = len(CONTROLS.findall(text))
    if controls > max(8, len(text) // 50):
        raise BinaryInputError(path, f"{controls} control characters in {len(text)}")


def detect_kind(text: str) -> str:
    r"""Return the kind of source ``text`` is, by weighing evidence of each kind.

    The evidence does not depend on the text's length or on one title line: a printed
    page's text is hard-wrapped, breaks words at line ends with "¬" or "-", and breaks
    pages with runs of blank lines, whether it is one page or a book; a web page copy
    opens with its header block and ends with the site's navigation.

    >>> detect_kind("Written: 1919\nSource: Collected Works, Volume 42\n\nText.\n")
    'mia'
    >>> detect_kind("A NOTE TO THE BRITISH GOVERNMENT\n\n4 March 1918\nDegras, i, p. 51\n\nText")
    'dsfp'
    >>> detect_kind("just some words")
    'unknown'
    >>> page = "\n".join(["the government of the republic holds that to con¬", "tinue this war is a crime"] * 6)
    >>> detect_kind(page)
    'ia-ocr'
    """
    scores = {"ia-ocr": printed_page_evidence(text), "mia": web_page_evidence(text),
              "dsfp": 4 * len(DSFP_MARKERS.findall(text[-3000:])) + 3 * bool(DSFP_DATE_LINE.search(text[:1500]))}
    kind, score = max(scores.items(), key=lambda item: (item[1], item[0]))
    return kind if score >= 3 else "unknown"


LINE_END_BREAK = regex.compile(r"[^\W\d_][¬-][ \t]*\n[ \t]*[^\W\d_]")
PAGE_GAP = regex.compile(r"\n[ \t]*\n[ \t]*\n(?=[ \t]*\S)")


def printed_page_evidence(text: str) -> int:
    """Hard wrapping, words broken at line ends, page breaks, the Internet Archive's chrome."""
    head = text[:6000]
    broken = len(LINE_END_BREAK.findall(text))
    wrapped = hard_wrapped_share(text)
    return (3 * len(IA_CHROME.findall(head)) + (4 if wrapped >= 0.6 else 2 if wrapped >= 0.4 else 0)
            + min(3, broken) + (2 if len(PAGE_GAP.findall(text)) >= 2 and wrapped >= 0.4 else 0))


def web_page_evidence(text: str) -> int:
    """A header block of ``Label: value`` lines near the top, the site's navigation at the
    end, ``[n]`` notes and calls glued to words."""
    top = "\n".join([line for line in text.split("\n") if line.strip()][:40])
    return (2 * len(MIA_HEADER_LABEL.findall(top)) + 2 * len(MIA_NAVIGATION.findall(text[-3000:]))
            + min(len(MIA_NOTE_LABEL.findall(text)), 2) + 2 * bool(MIA_GLUED_CALL.search(text))
            + bool(MIA_NOTES_HEADING.search(text)))


def hard_wrapped_share(text: str) -> float:
    """The share of text lines that are of a printed line's length and run on into the next
    (0 for fewer than eight text lines: too little to tell)."""
    lines = text.split("\n")
    filled = [line for line in lines if line.strip()]
    if len(filled) < 8:
        return 0.0
    run_on = sum(1 for a, b in zip(lines, lines[1:]) if 25 <= len(a.strip()) <= 80 and b.strip())
    return run_on / len(filled)
