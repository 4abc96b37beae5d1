"""Numerals (GB/T 15835-2011; conventions §6)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from yearbook.check.rules.base import Env, Hit, Rule
from yearbook.check.site import Site
from yearbook.i18n import register

register(
    {
        "num.session": (
            "届次、会次是固定名称，应用汉字数字：“{span}”",
            "session names keep Chinese numerals: '{span}'",
        ),
        "num.mixed_date": (
            "同一日期中汉字数字和阿拉伯数字混用：“{span}”",
            "one date mixes Chinese and Arabic numerals: '{span}'",
        ),
        "num.short_year": ("年份应写全（如2022年）：“{span}”", "write the year in full (2022年): '{span}'"),
        "num.approx": (
            "“{mark}”表示约数，前面应为整数（如110余件），“{span}”请核实",
            "'{mark}' marks a round approximate figure; check '{span}'",
        ),
    }
)

_CN = "一二三四五六七八九十"
_CN_YEAR = "〇○零一二三四五六七八九"


class SessionArabic(Rule):
    id = "num.session-arabic"
    description = "届次、会次用了阿拉伯数字（应为“十届二次会议”）"
    description_en = "Arabic numerals in a session name"
    catches: ClassVar[list[str]] = [
        "市政协10届2次会议召开。",
        "政协嘉峪关市第10届委员会。",
        "十届2次主席会议。",
        "学习党的十九届6中全会精神。",
        "政协嘉峪关市第十届委员会第2次会议。",
    ]
    passes: ClassVar[list[str]] = [
        "市政协十届二次会议召开。",
        "第19届亚运会在杭州举行。",
        "1至5次常委会常委参会率平均达87.3%。",
        "召开主席会议11次。",
    ]

    _PATTERNS: ClassVar[list[re.Pattern[str]]] = [
        re.compile(
            r"第?\d+届(?:委员会|人大|政协|全国|中央|全会|会议|常委|代表大会|[\d一二三四五六七八九十]+(?:次|中))"
        ),
        re.compile(rf"[{_CN}]+届\d+(?:次|中)"),
        re.compile(r"(?<![\d至到])\d+中全会"),
        re.compile(r"届(?:委员会)?第\d+次"),
    ]

    def check(self, site: Site, env: Env) -> Iterator[Hit]:
        seen: list[tuple[int, int]] = []
        for pattern in self._PATTERNS:
            for m in pattern.finditer(site.masked):
                if any(s <= m.start() < e for s, e in seen):
                    continue
                seen.append((m.start(), m.end()))
                yield Hit(m.start(), m.end(), "num.session", {"span": m.group()})


class MixedDate(Rule):
    id = "num.mixed-date"
    description = "同一日期中汉字数字和阿拉伯数字混用（二〇〇八年8月8日）"
    description_en = "Chinese and Arabic numerals mixed in one date"
    catches: ClassVar[list[str]] = [
        "二〇〇八年8月8日开幕。",
        "2008年八月八日开幕。",
        "8月八日开幕。",
        "十一月5日召开。",
    ]
    passes: ClassVar[list[str]] = [
        "2008年8月8日开幕。",
        "二〇〇八年八月八日开幕。",
        "统一月度考核。",
        "第三月5日",
    ]

    _PATTERNS: ClassVar[list[re.Pattern[str]]] = [
        re.compile(rf"[{_CN_YEAR}]{{2,4}}年\s*\d{{1,2}}月"),
        re.compile(rf"\d{{4}}年\s*[{_CN}]{{1,2}}月"),
        re.compile(rf"\d{{1,2}}月[{_CN}]{{1,3}}日"),
        re.compile(rf"(?<![第统唯同单])[{_CN}]{{1,2}}月\d{{1,2}}日"),
    ]

    def check(self, site: Site, env: Env) -> Iterator[Hit]:
        for pattern in self._PATTERNS:
            for m in pattern.finditer(site.masked):
                yield Hit(m.start(), m.end(), "num.mixed_date", {"span": m.group()})


class ShortYear(Rule):
    id = "num.short-year"
    description = "年份简写（22年5月、二二年五月），应写全"
    description_en = "abbreviated year"
    catches: ClassVar[list[str]] = ["22年5月召开。", "二二年五月召开。", "于’22年举办。"]
    passes: ClassVar[list[str]] = ["2022年5月召开。", "工作20年，成绩显著。", "二〇二二年五月召开。"]

    _PATTERNS: ClassVar[list[re.Pattern[str]]] = [
        re.compile(r"(?<![\d.\-/])\d{2}年(?=\d{1,2}月)"),
        re.compile(rf"(?<![{_CN_YEAR}十])[{_CN_YEAR}]{{2}}年(?=[{_CN}]{{1,2}}月)"),
        re.compile(r"[’']\d{2}年?"),
    ]

    def check(self, site: Site, env: Env) -> Iterator[Hit]:
        for pattern in self._PATTERNS:
            for m in pattern.finditer(site.masked):
                yield Hit(m.start(), m.end(), "num.short_year", {"span": m.group()})


class ApproxNonRound(Rule):
    id = "num.approx-nonround"
    description = "“余”“多”前面是非整数（113余件），约数应为整数"
    description_en = "余/多 after a figure that is not round"
    catches: ClassVar[list[str]] = ["解决问题113余件。", "参加活动5余次。", "收到来信27多封。"]
    passes: ClassVar[list[str]] = [
        "提出意见建议150余条。",
        "苗木4000余株。",
        "26万余字。",
        "70多场次。",
        "1.5万余人。",
        "第3多功能厅",
    ]

    _PATTERN = re.compile(r"(?<![\d.])(\d+)(余|多)(?=[\u4e00-\u9fff])")

    def check(self, site: Site, env: Env) -> Iterator[Hit]:
        text = site.masked
        for m in self._PATTERN.finditer(text):
            number, mark = m.group(1), m.group(2)
            # 多功能、多元、多方: 多 starts a word here, the figure is an ordinal or a label.
            if mark == "多" and text[m.end()] in "功元样方种媒层部":
                continue
            if number.endswith("0"):
                continue
            end = m.end() + 1
            yield Hit(m.start(), end, "num.approx", {"mark": mark, "span": text[m.start() : end]})


RULES = [SessionArabic, MixedDate, ShortYear, ApproxNonRound]
