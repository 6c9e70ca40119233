"""Make an OCR full text of a printed book, laid out the way the Internet Archive
gives it (hard line breaks, pages as runs of blank lines, no page numbers, headings
lost), from documents given in any order. Tests use it to check the segmentation on
books other than the seed: every expected fact (pages, notes, calls) is known."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

LINES_PER_PAGE = 40
PAGE_GAP = "\n\n\n\n"


@dataclass
class Doc:
    title: str           # as the contents print it, in capitals
    date: str            # as the contents print it
    paragraphs: list[str]
    source: list[str]    # the source block's lines
    notes: list[str] = field(default_factory=list)  # one endnote text per call, called in paragraph order


@dataclass
class Laid:
    text: str
    doc_pages: list[int]                      # first page of each document
    calls: list[tuple[int, str, int]] = field(default_factory=list)  # (note number, line text, page)


def lay_out(docs: list[Doc], first_page: int = 11) -> Laid:
    """The book as OCR text: contents, documents (each from a new page), endnotes."""
    pages: list[list[str]] = []
    doc_pages, calls, note_texts = [], [], []
    note_number = 0
    for doc in docs:
        pages.append([])
        doc_pages.append(first_page + len(pages) - 1)
        pending = list(doc.notes)
        for paragraph in doc.paragraphs:
            if pending:
                note_number += 1
                note_texts.append((note_number, pending.pop(0)))
                words = paragraph.split()
                middle = len(words) // 2
                paragraph = " ".join(words[:middle] + [str(note_number)] + words[middle:])
                marker = (note_number, words[middle - 1])
            else:
                marker = None
            for line in textwrap.wrap(paragraph, 58) + [""]:
                if len(pages[-1]) >= LINES_PER_PAGE:
                    pages.append([])
                pages[-1].append(line)
                if marker and f" {marker[0]} " in f" {line} ":
                    calls.append((marker[0], line, first_page + len(pages) - 1))
                    marker = None
        pages[-1].extend(doc.source)
    call_pages = {n: page for n, _, page in calls}
    notes_page = []
    for number, text in note_texts:
        lines = textwrap.wrap(f"{number} {text}", 62)
        lines[-1] += f" p. {call_pages[number]}"
        notes_page += lines + [""]
    contents = [f"{doc.title}. {doc.date} . . . {page}" for doc, page in zip(docs, doc_pages)]
    front = ['Full text of "A Book of Documents"', "", "See other formats", "", "V. I. Lenin", "",
             "A Book of Documents", "", "Progress Publishers", "Moscow", "", "Third printing 1973", "", "", "", ""]
    body = PAGE_GAP.join("\n".join(page) for page in pages)
    text = "\n".join(front) + "\n" + "\n\n".join(contents) + PAGE_GAP + body + PAGE_GAP + "\n".join(notes_page)
    return Laid(text, doc_pages, calls)


SENTENCES = [
    "The workers and peasants of our republic have shown that they are able to defend the revolution",
    "The imperialist governments tried once more to bring about an economic blockade of the country",
    "We have always said that we are in favour of peace with all nations without exception",
    "The delegation will put forward the proposals of the Soviet Government at the conference",
    "Our foreign policy rests on the alliance of the working people of all countries",
    "The capitalists of Europe and America will have to trade with us whether they like it or not",
    "The question of concessions must be decided with the greatest care and caution",
    "Nobody can deny that the situation has changed in our favour during the past year",
]


def prose(seed: int, paragraphs: int, sentences: int = 5) -> list[str]:
    """Paragraphs of plain prose, different for each seed."""
    out = []
    for p in range(paragraphs):
        picked = [SENTENCES[(seed * 3 + p * 5 + s * 7) % len(SENTENCES)] for s in range(sentences)]
        out.append(". ".join(picked) + ".")
    return out


#: three documents with what editors decide on (OCR confusions, a note whose call is lost, a
#: long report): the editorial tests and review mode's tests use them
EDITORIAL_DOCS = [
    Doc("LETTER TO G. V. CHICHERIN", "March 3, 1921",
        ["Comrade Chicherin, the woTkers of Britain will help us, and secret diplomacj^ must go. " + prose(1, 1)[0],
         *prose(2, 4)],
        ["Pravda No. 52,", "March 8, 1921", "", "Collected Works, Vol. 32,", "pp. 150-52"],
        ["The letter was written during the negotiations in London."]),
    Doc("SPEECH AT A MEETING OF METALWORKERS", "May 2, 1921", prose(3, 8),
        ["Pravda No. 96,", "May 5, 1921", "", "Collected Works, Vol. 32,", "pp. 330-41"],
        ["The meeting was held in the Bolshoi Theatre.", "This refers to the Genoa proposals."]),
    Doc("REPORT ON THE INTERNATIONAL SITUATION", "July 19, 1920",
        [f"In the {word} place, {text}" for word, text in zip(
            "first second third fourth fifth sixth seventh eighth ninth tenth".split(), prose(4, 10))],
        ["Pravda No. 162,", "July 24, 1920", "", "Collected Works, Vol. 31,", "pp. 215-34"],
        ["The Second Congress of the Communist International."]),
]

