"""OCR word repairs for printed-book text (filled in by the OCR repair)."""

from __future__ import annotations

from pipeline.model import Change, Source


def fix_ocr_words(source: Source, _done=()) -> list[Change]:
    """Correct OCR letter errors where one candidate clearly wins."""
    return []
