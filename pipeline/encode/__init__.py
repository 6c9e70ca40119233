"""Stage 4: write TEI. ``encode_document`` makes one TEI file's element,
``encode_corpus`` the corpus file that includes them all."""

from pipeline.encode.corpus import encode_corpus
from pipeline.encode.document import encode_document
from pipeline.encode.ids import document_id, unique_ids

__all__ = ["encode_corpus", "encode_document", "document_id", "unique_ids"]
