"""Printed forms of a document's date, one per house style.

Why: the pipeline must read dates as printers set them, and each collection sets them its own
way (Progress: "October 26 (November 8), 1917"; Degras: "26 October [8 November] 1917" or
"Petrograd, 5 December 1917"; a bulletin: "Moscow, March 14, 1922"). The truth keeps the ISO
date and the printed form side by side.
"""

from __future__ import annotations

import datetime

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def parts(iso: str) -> tuple[int, str, int]:
    d = datetime.date.fromisoformat(iso)
    return d.day, MONTHS[d.month - 1], d.year


def whole_month(low: str, high: str) -> bool:
    a, b = datetime.date.fromisoformat(low), datetime.date.fromisoformat(high)
    following = (b + datetime.timedelta(days=1))
    return a.day == 1 and following.day == 1 and (a.year, a.month) == (b.year, b.month)


def american(text) -> str:
    """Month first, the Progress and bulletin form.

    >>> from types import SimpleNamespace as T
    >>> american(T(when="1917-11-08", julian="1917-10-26", not_before=None, not_after=None))
    'October 26 (November 8), 1917'
    >>> american(T(when=None, julian=None, not_before="1919-09-26", not_after="1919-09-30"))
    'Not earlier than September 26, 1919'
    """
    if text.when and text.julian:
        jd, jm, _ = parts(text.julian)
        d, m, y = parts(text.when)
        return f"{jm} {jd} ({m} {d}), {y}" if jm != m else f"{jm} {jd} ({d}), {y}"
    if text.when:
        d, m, y = parts(text.when)
        return f"{m} {d}, {y}"
    if whole_month(text.not_before, text.not_after):
        _, m, y = parts(text.not_before)
        return f"{m} {y}"
    d1, m1, y = parts(text.not_before)
    d2, m2, _ = parts(text.not_after)
    if d2 >= 28 and m1 == m2:
        return f"Not earlier than {m1} {d1}, {y}"
    return f"Between {m1} {d1} and {d2}, {y}" if m1 == m2 else f"Between {m1} {d1} and {m2} {d2}, {y}"


def british(text, place: str | None = None) -> str:
    """Day first, the Degras form, with the place before it when asked.

    >>> from types import SimpleNamespace as T
    >>> british(T(when="1917-11-08", julian="1917-10-26", not_before=None, not_after=None))
    '26 October [8 November] 1917'
    >>> british(T(when="1917-12-05", julian=None, not_before=None, not_after=None), "Petrograd")
    'Petrograd, 5 December 1917'
    """
    if text.when and text.julian:
        jd, jm, _ = parts(text.julian)
        d, m, y = parts(text.when)
        core = f"{jd} {jm} [{d} {m}] {y}"
    elif text.when:
        d, m, y = parts(text.when)
        core = f"{d} {m} {y}"
    elif whole_month(text.not_before, text.not_after):
        _, m, y = parts(text.not_before)
        core = f"{m} {y}"
    else:
        d1, m1, y = parts(text.not_before)
        d2, m2, _ = parts(text.not_after)
        core = f"{d1}-{d2} {m1} {y}" if m1 == m2 else f"{d1} {m1}-{d2} {m2} {y}"
    return f"{place}, {core}" if place else core


def truth(text, printed: str) -> dict:
    """The date as the truth records it: ISO fields and the printed form."""
    return {"when": text.when, "notBefore": text.not_before, "notAfter": text.not_after,
            "julian": text.julian, "printed": printed}
