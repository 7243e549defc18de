"""Dates in text -> ISO dates, with the year carried over from context ("July 17" after 1975).

>>> parse_date("July 15, 1975")
'1975-07-15'
>>> parse_date("17 July", year=1975)
'1975-07-17'
>>> parse_date("November") is None
True
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], 1)}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
_M = r"(?P<m>[A-Za-z]{3,9})\.?"
_PATTERNS = [
    re.compile(r"(?P<y>\d{4})-(?P<mn>\d{2})-(?P<d>\d{2})"),
    re.compile(_M + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:\s*,\s*|\s+)(?P<y>\d{4})"),
    re.compile(r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _M + r",?\s+(?P<y>\d{4})"),
    re.compile(_M + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b"),
    re.compile(r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _M + r"\b"),
]
YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
RELATIVE = {"today": 0, "yesterday": -1, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
            "earlier today": 0, "last night": -1}


def relative_date(text: str, *, today: str | None) -> str | None:
    """A weekday or 'yesterday' in a report dated `today`: the day on or before it (news tells
    what happened; the future is left alone by the modality check of the facts).

    >>> relative_date("on Monday", today="2032-03-03")  # a Wednesday
    '2032-03-01'
    >>> relative_date("yesterday", today="2032-03-03")
    '2032-03-02'
    >>> relative_date("This morning", today="2032-03-03")
    '2032-03-03'
    >>> relative_date("last night", today="2032-03-03")
    '2032-03-02'
    """
    if not today:
        return None
    try:
        ref = dt.date.fromisoformat(today[:10])
    except ValueError:
        return None
    low = re.sub(r"^(?:on|early|late)\s+", "", text.lower().strip())
    if low in RELATIVE:  # "this morning", "last night" as a whole
        return (ref + dt.timedelta(days=RELATIVE[low])).isoformat()
    low = re.sub(r"^(?:last|this)\s+", "", low)
    low = re.sub(r"\s+(?:morning|afternoon|evening|night)$", "", low)
    if low in RELATIVE:
        return (ref + dt.timedelta(days=RELATIVE[low])).isoformat()
    if low in WEEKDAYS:
        back = (ref.weekday() - WEEKDAYS.index(low)) % 7
        return (ref - dt.timedelta(days=back)).isoformat()
    return None


def parse_date(text: str, *, year: int | None = None) -> str | None:
    """The ISO date a text names to the day, or None. `year` completes a month and day."""
    for pat in _PATTERNS:
        m = pat.search(text)
        if not m:
            continue
        g = m.groupdict()
        month = int(g["mn"]) if g.get("mn") else MONTHS.get(g["m"].lower()) if g.get("m") else None
        y = int(g["y"]) if g.get("y") else year
        if month is None or y is None:
            continue
        try:
            return dt.date(y, month, int(g["d"])).isoformat()
        except ValueError:
            continue
    return None


def find_year(text: str) -> int | None:
    m = YEAR.search(text)
    return int(m.group(1)) if m else None
