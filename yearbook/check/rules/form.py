"""Yearbook form: entry titles, and dates outside the year recorded (conventions §1)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from yearbook import dates
from yearbook.check.chars import MASK, key_text
from yearbook.check.finding import Finding
from yearbook.check.rules.base import BookRule, Env, Hit, Rule
from yearbook.check.site import ENTRY_TITLE, PARAGRAPH, RECORD, Site
from yearbook.diagnostics import Severity
from yearbook.i18n import register

register(
    {
        "form.title_length": (
            "条目标题有{count}个字，宜不超过{limit}个字",
            "entry title has {count} characters; keep it to {limit}",
        ),
        "form.title_punct": (
            "条目标题中不宜有标点“{mark}”",
            "an entry title should not contain '{mark}'",
        ),
        "form.date_text": (
            "日期“{span}”不在记述年度{year}年内，请确认应记入本卷",
            "date '{span}' is outside the recorded year {year}; confirm it belongs here",
        ),
        "form.date_record": (
            "记录日期{date}不在记述年度{year}年内，请确认应记入本卷",
            "record date {date} is outside the recorded year {year}; confirm it belongs here",
        ),
    }
)

TITLE_LIMIT = 15


class EntryTitleLength(Rule):
    id = "form.entry-title-length"
    description = f"条目标题超过{TITLE_LIMIT}个字（标点不计）"
    description_en = f"entry title longer than {TITLE_LIMIT} characters (marks not counted)"
    severity = Severity.WARNING
    roles = frozenset({ENTRY_TITLE})
    catches: ClassVar[list[str]] = ["围绕三地两点功能定位广泛凝聚共识专题议政协商"]
    passes: ClassVar[list[str]] = ["“酒嘉双城经济圈”建设专题议政协商", "十届二次会议", "政协协商向基层延伸"]

    def check(self, site: Site, env: Env) -> Iterator[Hit]:
        count = len(key_text(site.masked)) + site.masked.count(MASK)
        if count > TITLE_LIMIT:
            yield Hit(0, len(site.text), "form.title_length", {"count": count, "limit": TITLE_LIMIT})


class EntryTitlePunct(Rule):
    id = "form.entry-title-punct"
    description = "条目标题中有点号（，、；：。？！），标题内不用标点"
    description_en = "punctuation inside an entry title"
    roles = frozenset({ENTRY_TITLE})
    catches: ClassVar[list[str]] = [
        "“围绕‘三地两点’功能定位，广泛凝聚共识”专题议政协商",
        "提案建议征集、办理",
        "委员培训。",
    ]
    passes: ClassVar[list[str]] = ["“酒嘉双城经济圈”建设专题议政协商", "《嘉峪关政协》改版", "十届二次会议"]

    _MARKS = re.compile(r"[，、；：。？！,;:?!]")

    def check(self, site: Site, env: Env) -> Iterator[Hit]:
        for m in self._MARKS.finditer(site.masked):
            yield Hit(m.start(), m.end(), "form.title_punct", {"mark": m.group()})


def _days(value: dates.DateValue) -> list[tuple[int, str]]:
    """(year, ISO text) of each day or month a record's date names."""
    if isinstance(value, dates.Day):
        return [(value.date.year, value.date.isoformat())]
    if isinstance(value, dates.Month):
        return [(value.year, f"{value.year}-{value.month:02d}")]
    if isinstance(value, dates.DayRange):
        return [(d.year, d.isoformat()) for d in (value.start, value.end)]
    if isinstance(value, dates.MonthRange):
        return [(mo.year, f"{mo.year}-{mo.month:02d}") for mo in (value.start, value.end)]
    if isinstance(value, dates.DayList):
        return [(d.year, d.isoformat()) for d in value.days]
    return []


class DateOutsideYear(BookRule):
    id = "form.date-outside-year"
    description = "日期不在记述年度内（提示：可能属实，由编辑确认）"
    description_en = "a date outside the recorded year (a warning: the editor decides)"
    severity = Severity.WARNING
    roles = frozenset({PARAGRAPH, RECORD})
    catches: ClassVar[list[str]] = ["2021年12月6日，市政协办公室印发通知。", "2023年1月9日至11日召开。"]
    passes: ClassVar[list[str]] = [
        "2022年3月29日，经主席会议审议确定。",
        "2021年政协协商向基层延伸工作进行总结。",
    ]

    _DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)年\d{1,2}月(?:\d{1,2}日)?")

    def check(self, site: Site, env: Env) -> Iterator[Hit]:
        for m in self._DATE.finditer(site.masked):
            if int(m.group(1)) != site.year:
                yield Hit(m.start(), m.end(), "form.date_text", {"span": m.group(), "year": site.year})

    def check_book(self, sites: list[Site], env: Env) -> Iterator[Finding]:
        year = env.book.year
        for chapter in env.book.every_chapter():
            for record in chapter.records.all():
                value = getattr(record, "date", None)
                if value is None:
                    continue
                outside = [iso for y, iso in _days(value) if y != year]
                if outside:
                    args = {"date": outside[0], "year": year}
                    yield Finding(
                        self.id, self.severity, "form.date_record", args,
                        record.field_locs.get("date", record.loc), outside[0],
                    )


RULES = [EntryTitleLength, EntryTitlePunct, DateOutsideYear]
