"""The reader of printed collections, by kind of evidence: what repeats on the pages
(``layout``), headings with their date and source lines (``headings``), the documents those
make with their certainty (``documents``), and the book's own facts from its title page and
imprint (``metadata``). Each module reads evidence any printed book gives; none names a book.
"""
