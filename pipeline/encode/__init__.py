"""Stage 4: write TEI. ``encode_document`` makes one TEI file's element,
``encode_corpus`` the corpus files that hold them all."""

from pipeline.encode.document import encode_document

__all__ = ["encode_document"]
