"""Nothing is lost silently: the build checks, for every file it builds, that every
character of the raw file is in its TEI, in a recorded correction, or in a recorded
removal, and fails that file, naming what went missing, when one is not.

White space is not counted: the edition normalises it and declares so.
"""

from __future__ import annotations

from collections import Counter

from pipeline.errors import AccountingError
from pipeline.teitext import source_characters


def visible(text: str) -> Counter:
    """The characters of ``text`` but white space, counted."""
    counts = Counter(text)
    for ch in [ch for ch in counts if ch.isspace()]:
        del counts[ch]
    return counts


def check_accounting(source, elements, characters=source_characters, counted=visible) -> None:
    """Raise ``AccountingError`` unless the TEI elements of ``source`` hold exactly its
    characters (``characters`` and ``counted``: the two steps, which a build may pass)."""
    check_counts(source, [counted(characters(element)) for element in elements], counted)


def check_counts(source, counts, counted=visible) -> None:
    """The same check from each element's counted characters (``counts``), which a build
    that drops each tree as soon as it is written keeps instead of the trees."""
    kept = Counter()
    for each in counts:
        kept.update(each)
    raw = counted(source.text)
    missing, extra = raw - kept, kept - raw
    if missing or extra:
        raise AccountingError(source.path, describe(missing, extra))


def describe(missing: Counter, extra: Counter) -> str:
    """``12 × "a", 3 × "¬" missing; 1 × "x" more than the raw file has``."""
    def listing(counter: Counter) -> str:
        items = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
        shown = ", ".join(f"{n} × {ch!r}" for ch, n in items[:8])
        return shown + (f" and {len(items) - 8} more" if len(items) > 8 else "")
    parts = []
    if missing:
        parts.append(f"{sum(missing.values())} missing ({listing(missing)})")
    if extra:
        parts.append(f"{sum(extra.values())} more than the raw file has ({listing(extra)})")
    return "; ".join(parts)
