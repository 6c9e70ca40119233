"""Read the dates of documents of 1917-1923 as ISO values.

Russia used the Julian calendar (Old Style) until February 1918, so editions print
both dates: "October 26 (November 8), 1917" is Old Style first, New Style in
brackets. TEI gets the Gregorian date in ``@when`` and the Julian one in
``@when-custom`` (see ``encode``). Vague dates become ``@notBefore``/``@notAfter``.

>>> parse_date("Written in September, not before 26, 1919")
DateValue(text='Written in September, not before 26, 1919', when='', not_before='1919-09-26', not_after='1919-09-30', when_julian='')
>>> parse_date("October 26 (November 8), 1917").when, parse_date("October 26 (November 8), 1917").when_julian
('1917-11-08', '1917-10-26')
>>> parse_date("26 October [8 November] 1917").when
'1917-11-08'
>>> parse_date("26.IX.").when
'--09-26'
"""

from __future__ import annotations

import calendar
import datetime

import regex

from pipeline.model import DateValue

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower()[:3]: number for name, number in list(MONTHS.items())})
MONTHS["sept"] = 9
MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
        r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
ROMAN_MONTHS = {r: i for i, r in enumerate(
    ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"], start=1)}
DAY = r"\d{1,2}"
YEAR = r"(?:1[89]\d\d|20\d\d)"
DASH = r"\s*[-–—]\s*"

PATTERNS = [
    # October 25-26 (November 7-8), 1917 ; March 29-April 5, 1920
    ("range_dual", rf"(?P<m1>{MONTH})\s+(?P<d1>{DAY}){DASH}(?:(?P<m2>{MONTH})\s+)?(?P<d2>{DAY})"
                   rf"\s*\((?:(?P<nm1>{MONTH})\s+)?(?P<nd1>{DAY}){DASH}(?:(?P<nm2>{MONTH})\s+)?(?P<nd2>{DAY})\)"
                   rf"[,.]?\s*(?P<y>{YEAR})"),
    # December 22, 1917 (January 4, 1918) ; October 26 (November 8), 1917 ; November 9 (22). 1917
    ("dual", rf"(?P<m1>{MONTH})\s+(?P<d1>{DAY})(?:,\s*(?P<y1>{YEAR}))?\s*[(\[]\s*(?:(?P<m2>{MONTH})\s+)?"
             rf"(?P<d2>{DAY})(?:,\s*(?P<y2>{YEAR}))?\s*[)\]][,.]?\s*(?P<y>{YEAR})?"),
    # 21 January/3 February 1918 (Old Style / New Style)
    ("dual_slash", rf"(?P<d1>{DAY})\s+(?P<m1>{MONTH})\s*/\s*(?P<d2>{DAY})\s+(?P<m2>{MONTH}),?\s*(?P<y>{YEAR})"),
    # 26 October [8 November] 1917
    ("dual_dm", rf"(?P<d1>{DAY})\s+(?P<m1>{MONTH})\s*[(\[]\s*(?P<d2>{DAY})(?:\s+(?P<m2>{MONTH}))?\s*[)\]]"
                rf"\s*(?P<y>{YEAR})"),
    ("not_before_in_month", rf"(?P<m1>{MONTH}),?\s+not\s+(?:before|earlier\s+than)\s+(?P<d1>{DAY}),?\s*(?P<y>{YEAR})"),
    ("not_after_in_month", rf"(?P<m1>{MONTH}),?\s+not\s+(?:after|later\s+than)\s+(?P<d1>{DAY}),?\s*(?P<y>{YEAR})"),
    ("not_before", rf"not\s+(?:before|earlier\s+than)\s+(?P<m1>{MONTH})\s+(?P<d1>{DAY}),?\s*(?P<y>{YEAR})"),
    ("not_after", rf"not\s+(?:after|later\s+than)\s+(?P<m1>{MONTH})\s+(?P<d1>{DAY}),?\s*(?P<y>{YEAR})"),
    ("between", rf"[Bb]etween\s+(?P<m1>{MONTH})\s+(?P<d1>{DAY})\s+and\s+(?:(?P<m2>{MONTH})\s+)?(?P<d2>{DAY}),?"
                rf"\s*(?P<y>{YEAR})"),
    ("range", rf"(?P<m1>{MONTH})\s+(?P<d1>{DAY}){DASH}(?:(?P<m2>{MONTH})\s+)?(?P<d2>{DAY}),?\s*(?P<y>{YEAR})"),
    ("range_dm", rf"(?P<d1>{DAY}){DASH}(?P<d2>{DAY})\s+(?P<m1>{MONTH})\s+(?P<y>{YEAR})"),
    ("single", rf"(?P<m1>{MONTH})\s+(?P<d1>{DAY})(?:st|nd|rd|th)?[,.]?\s*(?P<y>{YEAR})"),  # "May 14. 1918" too
    ("single_dm", rf"(?P<d1>{DAY})(?:st|nd|rd|th)?\s+(?P<m1>{MONTH}),?\s+(?P<y>{YEAR})"),
    ("roman", rf"(?P<d1>{DAY})\.(?P<rm>XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)\.(?:(?P<y>{YEAR}|\d\d)\b)?"),
    ("month_year", rf"(?P<m1>{MONTH}),?\s+(?P<y>{YEAR})"),
    ("month_day", rf"(?P<m1>{MONTH})\s+(?P<d1>{DAY})(?!\d)"),
    ("year", rf"(?<!\d)(?P<y>{YEAR})(?!\d)"),
]
COMPILED = [(name, regex.compile(rf"\b{pattern}", regex.I)) for name, pattern in PATTERNS]


def parse_date(text: str) -> DateValue:
    """Return the first date expression found in ``text`` as a ``DateValue``.

    A text with no recognisable date gives an empty ``DateValue`` (``is_empty``).
    """
    for name, pattern in COMPILED:
        match = pattern.search(text)
        if match:
            value = BUILDERS[name](match.groupdict())
            if value is not None:
                return DateValue(text=text.strip(), **value)
    return DateValue(text=text.strip())


def find_date(text: str) -> tuple[DateValue, tuple[int, int]] | None:
    """Return the first full date in ``text`` (day, month and year) and its span."""
    for name, pattern in COMPILED:
        if name in {"month_year", "month_day", "year", "roman"}:
            continue
        match = pattern.search(text)
        if match:
            value = BUILDERS[name](match.groupdict())
            if value is not None:
                return DateValue(text=match.group(0), **value), match.span()
    return None


def month_number(name: str | None) -> int | None:
    return MONTHS.get(name.lower().rstrip(".")) if name else None


def iso(year, month, day=None) -> str | None:
    """ISO date string, or None when the day does not exist in that month."""
    year, month = int(year), int(month)
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    day = int(day)
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def month_end(year, month) -> str:
    return iso(year, month, calendar.monthrange(int(year), int(month))[1])


def build_dual(g):
    """A date in both calendars. Russian texts print the Old Style first ("October 26
    (November 8)") or the New Style first ("November 10 (October 28)"); the reading in which
    the New Style day is the calendars' gap (13 days from 1900, 12 before) after the Old
    Style day wins, else Old Style first.

    >>> build_dual({"m1": "October", "d1": "26", "m2": "November", "d2": "8", "y": "1917"})
    {'when': '1917-11-08', 'when_julian': '1917-10-26'}
    >>> build_dual({"m1": "November", "d1": "10", "m2": "October", "d2": "28", "y": "1917"})
    {'when': '1917-11-10', 'when_julian': '1917-10-28'}
    >>> build_dual({"m1": "November", "d1": "22", "d2": "9", "y": "1917"})
    {'when': '1917-11-22', 'when_julian': '1917-11-09'}
    >>> build_dual({"m1": "December", "d1": "29", "d2": "11", "y": "1917"})
    {'when': '1918-01-11', 'when_julian': '1917-12-29'}
    """
    first_month = month_number(g["m1"])
    second_month = month_number(g.get("m2"))
    year = g.get("y2") or g.get("y") or g.get("y1")
    first_year = g.get("y1") or g.get("y") or year
    if not year:
        return None
    readings = []
    for month_step in (1, -1):  # parenthesised day in the next month (Old Style first) or the last
        month, second_year = second_month, year
        if not second_month:
            month = first_month
            if (month_step == 1 and int(g["d2"]) < int(g["d1"])) or (month_step == -1 and int(g["d2"]) > int(g["d1"])):
                month = (first_month - 1 + month_step) % 12 + 1
                if not g.get("y2") and month_step == 1 and month == 1:
                    second_year = str(int(first_year) + 1)
                elif not g.get("y2") and month_step == -1 and month == 12:
                    second_year = str(int(first_year) - 1)
        first, second = iso(first_year, first_month, g["d1"]), iso(second_year, month, g["d2"])
        if first and second:
            readings.append((first, second) if month_step == 1 else (second, first))
    for julian, when in readings:  # (Old Style, New Style)
        if calendar_gap(julian, when):
            return {"when": when, "when_julian": julian}
    if readings:  # the gap is off (a misprint, an OCR digit): read as printed, Old Style first
        return {"when": readings[0][1], "when_julian": readings[0][0]}
    return None


#: the Julian calendar kept 29 February 1900, which the Gregorian dropped, so from Julian 1 March
#: 1900 (Gregorian 14 March) the gap is 13 days, before it 12 (a Julian day is compared as the
#: date object of its own numbers; Julian 29 February 1900 has none and never stands in a source)
JULIAN_GAP_GREW = datetime.date(1900, 3, 1)
#: the calendars' gap in days, from that day on and before it
GAP_SINCE_1900, GAP_BEFORE_1900 = 13, 12


def calendar_gap(julian: str, gregorian: str) -> bool:
    """Whether two ISO days are the same day in the Julian and the Gregorian calendar.

    >>> calendar_gap("1917-10-25", "1917-11-07"), calendar_gap("1917-10-25", "1917-11-06")
    (True, False)
    """
    old, new = datetime.date.fromisoformat(julian), datetime.date.fromisoformat(gregorian)
    return (new - old).days == (GAP_SINCE_1900 if old >= JULIAN_GAP_GREW else GAP_BEFORE_1900)


def build_range_dual(g):
    year = g["y"]
    first = iso(year, month_number(g.get("nm1")) or month_number(g["m1"]), g["nd1"])
    last = iso(year, month_number(g.get("nm2")) or month_number(g.get("nm1")) or month_number(g["m1"]), g["nd2"])
    return {"not_before": first, "not_after": last} if first and last else None


def build_range(g):
    first = iso(g["y"], month_number(g["m1"]), g["d1"])
    last = iso(g["y"], month_number(g.get("m2")) or month_number(g["m1"]), g["d2"])
    return {"not_before": first, "not_after": last} if first and last and first <= last else None


def build_single(g):
    when = iso(g["y"], month_number(g["m1"]), g["d1"])
    return {"when": when} if when else None


def build_bound(side):
    def build(g):
        day = iso(g["y"], month_number(g["m1"]), g["d1"])
        return {side: day} if day else None
    return build


def build_bound_in_month(side):
    def build(g):
        month = month_number(g["m1"])
        day = iso(g["y"], month, g["d1"])
        if not day:
            return None
        if side == "not_before":
            return {"not_before": day, "not_after": month_end(g["y"], month)}
        return {"not_before": iso(g["y"], month, 1), "not_after": day}
    return build


def build_roman(g):
    month, day, year = ROMAN_MONTHS[g["rm"].upper()], int(g["d1"]), g.get("y")
    if year:
        year = year if len(year) == 4 else "19" + year
        when = iso(year, month, day)
        return {"when": when} if when else None
    if not 1 <= day <= 31:
        return None
    return {"when": f"--{month:02d}-{day:02d}"}


def build_month_year(g):
    month = month_number(g["m1"])
    return {"not_before": iso(g["y"], month, 1), "not_after": month_end(g["y"], month)}


BUILDERS = {
    "range_dual": build_range_dual,
    "dual": build_dual,
    "dual_dm": build_dual,
    "dual_slash": build_dual,
    "not_before_in_month": build_bound_in_month("not_before"),
    "not_after_in_month": build_bound_in_month("not_after"),
    "not_before": build_bound("not_before"),
    "not_after": build_bound("not_after"),
    "between": build_range,
    "range": build_range,
    "range_dm": build_range,
    "single": build_single,
    "single_dm": build_single,
    "roman": build_roman,
    "month_year": build_month_year,
    "month_day": lambda g: ({"when": f"--{month_number(g['m1']):02d}-{int(g['d1']):02d}"}
                            if 1 <= int(g["d1"]) <= 31 else None),
    "year": lambda g: {"when": g["y"]},
}
