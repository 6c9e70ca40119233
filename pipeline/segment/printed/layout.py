"""The page model of a printed book's OCR text: where a page's edges are, the folio printed
there, and the running heads that repeat from page to page.

Why: what is furniture differs from book to book (the book's title over the versos and the
document's over the rectos, a year beside the folio, only a folio at the foot, roman folios
in the front matter, small capitals that the OCR reads as lower case), so nothing here names
a book's words. It reads the shapes any printed book gives:

* a page's **edges**: an IA full text ends a page with a run of blank lines (a page holds at
  most one blank line in a row), so a page's first and last text lines are its head and foot;
* a **folio**: a page number at either end of an edge line, arabic or roman, read through the
  OCR's usual confusions (``l`` or ``I`` for 1, ``O`` for 0, ``iti`` for iii);
* a running head's **shape**: its words without the folio, compared loosely, so that the same
  head read a little differently on every page is still one head; a head that is only a year
  (``1918 9``, ``10 1918``) has the shape of a year, whichever year it names.

The repair (``pipeline.repair.pageheads``) reads the edges and weighs the evidence, since it
runs before segmentation and removes what it finds as recorded removals: a line is furniture
only when the page-number sequence or the repetition of its shape says so. Here the page model
of segmentation reads what those removals print, with the same readers, for the numbering of
the pages (``pipeline.segment.pages``).
"""

from __future__ import annotations

from pipeline.repair.pageheads import head_parts

#: page numbers the numbering counts in: the front matter's roman folios are not in its count
COUNTED_STYLE = "arabic"


def printed_folio(head: str) -> int | None:
    """The page number a removed running head or folio prints, read as the repair read it
    (at its start or its end, through OCR damage: ``24. NOTES``, ``1918 9``, ``10 1918``);
    None for a roman folio, which the arabic count of pages does not hold.

    >>> printed_folio("24. NOTES"), printed_folio("10 1918"), printed_folio("TO G. V. CHICHERIN l7")
    (24, 10, 17)
    >>> printed_folio("iti"), printed_folio("SOVIET PEACE POLICY")
    (None, None)
    """
    for part in head_parts(head.strip()):
        if part.folio is not None:
            return part.folio.value if part.folio.style == COUNTED_STYLE else None
    return None
