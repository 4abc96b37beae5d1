"""大事记 (chronicle) to blocks: items sorted by date, a heading per month.

Each item is a paragraph whose first run is its day (RunRole.DATE, 9日), then a
full-width space and the event. Month-only items (是月) close their month.
"""

from __future__ import annotations

from collections.abc import Callable

from yearbook import dates
from yearbook.diagnostics import Diagnostic
from yearbook.doctree import Block, Heading, OutlineItem, Paragraph, ParaRole, Run, RunRole
from yearbook.i18n import register
from yearbook.model import Chronicle, ChronicleItem
from yearbook.text import Text

register(
    {
        "chronicle.outside_year": (
            "大事记日期“{date}”不在记述年度 {year} 年内；如确需记入本卷，请在该条加上“年度外: 是”"
            "（outside_year: true）",
            "the chronicle date '{date}' is outside the recorded year {year}; if it belongs in this "
            "volume, mark the item with 'outside_year: true'",
        ),
    }
)

DEFAULT_TITLE = "大事记"
MONTH_ONLY = "是月"


def _sort_key(item: ChronicleItem) -> tuple[int, int, int, int]:
    """By first day; an item dated by month only comes after that month's days."""
    start = dates.first_day(item.date)
    month_only = isinstance(item.date, dates.Month | dates.MonthRange)
    return start.year, start.month, int(month_only), start.day


def day_label(value: dates.DateValue) -> str:
    """The date as set at the head of the item: 9日, 9日至11日, 8日、14日, 是月."""
    if isinstance(value, dates.Day):
        return f"{value.date.day}日"
    if isinstance(value, dates.DayRange):
        s, e = value.start, value.end
        end = f"{e.day}日" if (s.year, s.month) == (e.year, e.month) else dates.format_value(
            dates.Day(e), with_year=s.year != e.year
        )
        return f"{s.day}日至{end}"
    if isinstance(value, dates.Month):
        return MONTH_ONLY
    if isinstance(value, dates.MonthRange):
        return f"{MONTH_ONLY}至{dates.format_value(dates.Month(value.end.year, value.end.month), False)}"
    first = value.days[0]
    if all((d.year, d.month) == (first.year, first.month) for d in value.days):
        return "、".join(f"{d.day}日" for d in value.days)
    return dates.format_value(value, with_year=False)


def chronicle_blocks(
    chronicle: Chronicle,
    year: int,
    runs: Callable[[Text], list[Run]],
    problems: list[Diagnostic],
) -> tuple[list[Block], list[Heading]]:
    """The chronicle's blocks, and its month headings (the 目录 leaves them out)."""
    title = str(chronicle.title or DEFAULT_TITLE)
    source = chronicle.title.loc if chronicle.title else chronicle.loc
    blocks: list[Block] = [
        Heading(1, title, title, new_page=True, outline=OutlineItem(0, title), source=source)
    ]
    months: list[Heading] = []
    for item in chronicle.items:
        if not item.outside_year and dates.years(item.date) != {year}:
            loc = item.field_locs.get("date", item.loc)
            args = {"date": dates.format_value(item.date), "year": year}
            problems.append(Diagnostic("chronicle.outside_year", args, loc))
    current: tuple[int, int] | None = None
    for item in sorted(chronicle.items, key=_sort_key):
        start = dates.first_day(item.date)
        if (start.year, start.month) != current:
            current = (start.year, start.month)
            name = f"{start.month}月" if start.year == year else f"{start.year}年{start.month}月"
            heading = Heading(2, name, title, outline=OutlineItem(1, name), source=item.loc)
            months.append(heading)
            blocks.append(heading)
        date_run = Run(day_label(item.date), RunRole.DATE, item.field_locs.get("date", item.loc))
        blocks.append(Paragraph([date_run, Run("\u3000"), *runs(item.text)], ParaRole.BODY))
    return blocks, months
