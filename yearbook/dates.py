"""Dates as the user writes them (ISO) and as a yearbook prints them (GB/T 15835).

A value is one day, one month, a range or a list of days. Each date goes through
babel's zh_CN patterns (2022年2月28日, 2022年9月); ranges and lists are joined here
by the yearbook rules, 2月21日至23日 and 6月8日、14日, leaving out what the first
part already says. CLDR's own interval patterns are not used: they have changed
between releases (2月21日至23日, later 2月21日 – 23日) and a yearbook's form must not.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale

LOCALE = "zh_CN"  # the forms of GB/T 15835 as CLDR writes them


@functools.cache
def _locale() -> Locale:
    """zh_CN as babel resolves it (a test compares), made directly: parsing the name
    lists babel's thousand locale files on first use. babel itself is imported here,
    once a date is printed, not by everything that only reads dates."""
    from babel import Locale

    return Locale("zh", territory="CN", script="Hans")


# The skeletons this module prints with. babel's first date costs about 30 ms (its
# modules and the zh locale's CLDR data); so the patterns babel resolves them to, and
# the month names they use, are kept in the user's cache beside the babel files they
# came from, and a date is then printed from them without importing babel.
SKELETONS = ("yMMMd", "MMMd", "yMMM", "MMM", "d")
# Fields printed here exactly as babel's DateTimeFormat does; a pattern with any
# other field is left to babel.
_FIELD = re.compile(r"y+|[ML]{1,5}|d{1,2}")
_KEY = re.compile(r"%\((\w+)\)s")
_PATTERNS_VERSION = 1  # change with any change to what the cache file holds
_BABEL_FILES = (
    "__init__.py",
    "global.dat",
    *(f"locale-data/{name}.dat" for name in ("root", "zh", "zh_Hans", "zh_Hans_CN")),
)


class _Pattern:
    """A babel date pattern as a %-format over its fields, month names by field."""

    __slots__ = ("format", "months")

    def __init__(self, format: str, months: dict[str, list[str]]) -> None:
        self.format = format
        self.months = months

    def apply(self, day: dt.date) -> str:
        return self.format % {name: _field(name, day, self.months) for name in _KEY.findall(self.format)}


def _field(name: str, day: dt.date, months: dict[str, list[str]]) -> str:
    """babel's DateTimeFormat for y, M, L and d."""
    char, num = name[0], len(name)
    if char == "y":
        year = f"{day.year:0{num}d}"
        return year[-2:] if num == 2 else year
    if char == "d":
        return f"{day.day:0{num}d}"
    return f"{day.month:0{num}d}" if num <= 2 else months[name][day.month - 1]


def _babel_source() -> list[list[object]] | None:
    """Path, mtime and size of the babel files the patterns come from (a new babel
    or new locale data changes them); None when babel is not found as files."""
    import importlib.util
    import os

    spec = importlib.util.find_spec("babel")
    if spec is None or not spec.origin:
        return None
    root = os.path.dirname(spec.origin)
    out: list[list[object]] = []
    for name in _BABEL_FILES:
        try:
            st = os.stat(os.path.join(root, name))
        except OSError:
            return None
        out.append([name, st.st_mtime_ns, st.st_size])
    return [[_PATTERNS_VERSION, LOCALE, root], *out]


def _resolve() -> dict[str, _Pattern]:
    """The skeletons' patterns as babel's format_skeleton resolves them."""
    from babel.dates import get_month_names, match_skeleton, parse_pattern

    loc = _locale()
    skeletons = loc.datetime_skeletons
    out: dict[str, _Pattern] = {}
    for skeleton in SKELETONS:
        key = skeleton if skeleton in skeletons else match_skeleton(skeleton, skeletons) or skeleton
        fmt = parse_pattern(skeletons[key]).format
        names = _KEY.findall(fmt)
        if not all(_FIELD.fullmatch(n) for n in names):
            continue
        months: dict[str, list[str]] = {}
        for n in names:
            if n[0] in "ML" and len(n) >= 3:
                width = {3: "abbreviated", 4: "wide", 5: "narrow"}[len(n)]
                table = get_month_names(width, {"M": "format", "L": "stand-alone"}[n[0]], loc)
                months[n] = [table[m] for m in range(1, 13)]
        out[skeleton] = _Pattern(fmt, months)
    return out


@functools.cache
def _patterns() -> dict[str, _Pattern]:
    """The resolved patterns, from the cache file while babel's files are unchanged."""
    import json
    import os

    from yearbook.cachedir import cache_dir

    source = _babel_source()
    try:
        path = cache_dir() / "date-patterns.json"
    except RuntimeError:  # no home folder to keep a cache in
        return _resolve()
    if source is not None:
        try:
            saved = json.loads(path.read_text(encoding="utf-8"))
            if saved["source"] == source:
                return {k: _Pattern(v["format"], v["months"]) for k, v in saved["patterns"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass
    patterns = _resolve()
    if source is not None:
        saved_patterns = {k: {"format": p.format, "months": p.months} for k, p in patterns.items()}
        data = {"source": source, "patterns": saved_patterns}
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, path)
        except OSError:  # a read-only cache only costs the next run the same time
            with contextlib.suppress(OSError):
                tmp.unlink()
    return patterns


def _format(skeleton: str, day: dt.date) -> str:
    pattern = _patterns().get(skeleton)
    if pattern is not None:
        return pattern.apply(day)
    return _babel_format(skeleton, day)


def _babel_format(skeleton: str, day: dt.date) -> str:
    from babel.dates import format_skeleton as babel_format

    return babel_format(skeleton, day, locale=_locale())


@dataclass(frozen=True)
class Day:
    date: dt.date


@dataclass(frozen=True)
class Month:
    year: int
    month: int


@dataclass(frozen=True)
class DayRange:
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class MonthRange:
    start: Month
    end: Month


@dataclass(frozen=True)
class DayList:
    days: tuple[dt.date, ...]


DateValue = Day | Month | DayRange | MonthRange | DayList

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_SHORT_END = re.compile(r"^(?:(\d{2})-)?(\d{2})$")  # 2022-02-21/23 or /03-02


class DateSyntaxError(ValueError):
    pass


class DateOrderError(ValueError):
    pass


def _day(text: str) -> dt.date:
    m = _DAY.match(text)
    if not m:
        raise DateSyntaxError(text)
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError as exc:
        raise DateSyntaxError(text) from exc


def _month(text: str) -> Month:
    m = _MONTH.match(text)
    if not m or not 1 <= int(m[2]) <= 12:
        raise DateSyntaxError(text)
    return Month(int(m[1]), int(m[2]))


def parse(text: str) -> DateValue:
    """Parse `2022-02-28`, `2022-09`, `2022-02-21/2022-02-23`, `2022-02-21/23`,
    `2022-02/2022-03` or `2022-06-08, 2022-06-14` (、 and ， also separate)."""
    text = text.strip()
    parts = [p.strip() for p in re.split(r"[,，、]", text)]
    if len(parts) > 1:
        days = tuple(_day(p) for p in parts)
        if list(days) != sorted(set(days)):
            raise DateOrderError(text)
        return DayList(days)
    if "/" in text:
        left, right = (p.strip() for p in text.split("/", 1))
        if _MONTH.match(left):
            start_m, end_m = _month(left), _month(right)
            if (end_m.year, end_m.month) <= (start_m.year, start_m.month):
                raise DateOrderError(text)
            return MonthRange(start_m, end_m)
        start = _day(left)
        short = _SHORT_END.match(right)
        if short:
            month = int(short[1]) if short[1] else start.month
            try:
                end = dt.date(start.year, month, int(short[2]))
            except ValueError as exc:
                raise DateSyntaxError(text) from exc
        else:
            end = _day(right)
        if end <= start:
            raise DateOrderError(text)
        return DayRange(start, end)
    if _MONTH.match(text):
        return _month(text)
    return Day(_day(text))


def years(value: DateValue) -> set[int]:
    if isinstance(value, Day):
        return {value.date.year}
    if isinstance(value, Month):
        return {value.year}
    if isinstance(value, DayRange):
        return {value.start.year, value.end.year}
    if isinstance(value, MonthRange):
        return {value.start.year, value.end.year}
    return {d.year for d in value.days}


def first_day(value: DateValue) -> dt.date:
    """A sort key: the earliest day the value names."""
    if isinstance(value, Day):
        return value.date
    if isinstance(value, Month):
        return dt.date(value.year, value.month, 1)
    if isinstance(value, DayRange):
        return value.start
    if isinstance(value, MonthRange):
        return dt.date(value.start.year, value.start.month, 1)
    return value.days[0]


# babel builds its pattern on every call; a book repeats the same dates many times.
@functools.lru_cache(maxsize=8192)
def format_value(value: DateValue, with_year: bool = True) -> str:
    """The printed form; `with_year=False` inside a table captioned with the year
    (a value spanning two years keeps its years, or it would be ambiguous)."""
    if len(years(value)) > 1:
        with_year = True
    y = "y" if with_year else ""
    if isinstance(value, Day):
        return _format(f"{y}MMMd", value.date)
    if isinstance(value, Month):
        return _format(f"{y}MMM", dt.date(value.year, value.month, 1))
    if isinstance(value, DayRange):
        return "至".join(_days([value.start, value.end], y))
    if isinstance(value, MonthRange):
        start = dt.date(value.start.year, value.start.month, 1)
        end = dt.date(value.end.year, value.end.month, 1)
        second = "yMMM" if end.year != start.year else "MMM"
        return "至".join([_format(f"{y}MMM", start), _format(second, end)])
    return "、".join(_days(value.days, y))


def _days(days: list[dt.date], y: str) -> list[str]:
    """Each day with only what differs from the one before: 6月8日, 14日, 7月1日."""
    out: list[str] = []
    prev: dt.date | None = None
    for day in days:
        if prev is None:
            out.append(_format(f"{y}MMMd", day))
        elif (day.year, day.month) == (prev.year, prev.month):
            out.append(_format("d", day))
        elif day.year == prev.year:
            out.append(_format("MMMd", day))
        else:
            out.append(_format("yMMMd", day))
        prev = day
    return out
