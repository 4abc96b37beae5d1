"""Dates as a yearbook prints them (2月21日至23日, 6月8日、14日) back to DateValues."""

from __future__ import annotations

import datetime as dt
import re

from yearbook.dates import DateValue, Day, DayList, DayRange, Month, MonthRange

_DAY = r"(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日"
_TO = r"\s*(?:至|到|—|－|-|~|～|–)+\s*"
_RANGE = re.compile(rf"^{_DAY}{_TO}{_DAY}$")
_MONTH = re.compile(r"^(?:(\d{4})年)?(\d{1,2})月$")
_MONTHS = re.compile(rf"^(?:(\d{{4}})年)?(\d{{1,2}})月?{_TO}(?:(\d{{4}})年)?(\d{{1,2}})月$")


def _date(y: str | None, m: str | None, d: str, year: int | None, month: int | None) -> dt.date:
    yy = int(y) if y else year
    mm = int(m) if m else month
    if yy is None or mm is None:
        raise ValueError("no year")
    return dt.date(yy, mm, int(d))


def needs_year(text: str) -> bool:
    """Whether the text names a date but not its year."""
    return bool(re.search(r"\d{1,2}月", text)) and not re.search(r"\d{4}年", text)


def parse_cn(text: str, year: int | None) -> DateValue | None:
    """The DateValue a printed date means, or None; `year` fills a date written without one."""
    s = re.sub(r"[\s\u3000]", "", text)
    try:
        m = _RANGE.match(s)
        if m:
            start = _date(m[1], m[2], m[3], year, None)
            end = _date(m[4] or str(start.year), m[5], m[6], None, start.month)
            return DayRange(start, end) if end > start else None
        if "、" in s:
            days: list[dt.date] = []
            for piece in s.split("、"):
                d = re.fullmatch(_DAY, piece)
                if not d:
                    return None
                prev = days[-1] if days else None
                days.append(_date(d[1] or (str(prev.year) if prev else None), d[2], d[3], year,
                                  prev.month if prev else None))
            return DayList(tuple(days)) if days == sorted(set(days)) else None
        d = re.fullmatch(_DAY, s)
        if d and d[2]:
            return Day(_date(d[1], d[2], d[3], year, None))
        m = _MONTH.match(s)
        if m:
            y = int(m[1]) if m[1] else year
            return Month(y, int(m[2])) if y is not None and 1 <= int(m[2]) <= 12 else None
        m = _MONTHS.match(s)
        if m:
            y1 = int(m[1]) if m[1] else (int(m[3]) if m[3] else year)
            y2 = int(m[3]) if m[3] else y1
            if y1 is None or y2 is None:
                return None
            a, b = Month(y1, int(m[2])), Month(y2, int(m[4]))
            ok = all(1 <= x.month <= 12 for x in (a, b)) and (b.year, b.month) > (a.year, a.month)
            return MonthRange(a, b) if ok else None
    except ValueError:
        return None
    return None
