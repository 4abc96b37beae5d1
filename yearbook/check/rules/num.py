"""Numerals (GB/T 15835-2011; conventions §6)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from yearbook.check.chars import Gated
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
        "num.short_year_edge": (
            "年份应写全（如2024年底）：“{span}”",
            "write the year in full (2024年底): '{span}'",
        ),
        "num.space": (
            "数字{where}有空格：“{span}”",
            "a space {where_en}: '{span}'",
        ),
        "num.percent": (
            "百分比与文中数字不符：{part}÷{whole}={right}%，文中为{given}%",
            "the percentage disagrees with the figures: {part}/{whole} = {right}%, the text says {given}%",
        ),
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

    _PATTERNS: ClassVar[list[Gated]] = [
        Gated(
            r"第?\d+届(?:委员会|人大|政协|全国|中央|全会|会议|常委|代表大会|[\d一二三四五六七八九十]+(?:次|中))",
            r"届(?<=\d届)",
        ),
        Gated(rf"[{_CN}]+届\d+(?:次|中)", r"届\d"),
        Gated(r"(?<![\d至到])\d+中全会", r"中全会(?<=\d中全会)"),
        Gated(r"届(?:委员会)?第\d+次", r"届(?:委员会)?第\d"),
    ]

    def check(self, site: Site, env: Env) -> Iterator[Hit]:
        if "届" not in site.masked and "中全会" not in site.masked:
            return  # every pattern names a 届 or a 中全会
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

    _PATTERNS: ClassVar[list[Gated]] = [
        Gated(rf"[{_CN_YEAR}]{{2,4}}年\s*\d{{1,2}}月", rf"年(?<=[{_CN_YEAR}]{{2}}年)"),
        Gated(rf"\d{{4}}年\s*[{_CN}]{{1,2}}月", rf"年(?<=\d年)\s*[{_CN}]"),
        Gated(rf"\d{{1,2}}月[{_CN}]{{1,3}}日", rf"月(?<=\d月)[{_CN}]"),
        Gated(rf"(?<![第统唯同单])[{_CN}]{{1,2}}月\d{{1,2}}日", rf"月(?<=[{_CN}]月)\d"),
    ]

    def check(self, site: Site, env: Env) -> Iterator[Hit]:
        if "月" not in site.masked:
            return  # every pattern names a month
        for pattern in self._PATTERNS:
            for m in pattern.finditer(site.masked):
                yield Hit(m.start(), m.end(), "num.mixed_date", {"span": m.group()})


class ShortYear(Rule):
    id = "num.short-year"
    description = "年份简写（22年5月、二二年五月、24年底、23年初），应写全"
    description_en = "abbreviated year"
    catches: ClassVar[list[str]] = [
        "22年5月召开。",
        "二二年五月召开。",
        "于’22年举办。",
        "计划24年底前完成。",
        "23年初，市政协启动调研。",
        "项目于21年下半年开工。",
    ]
    passes: ClassVar[list[str]] = [
        "2022年5月召开。",
        "工作20年，成绩显著。",
        "二〇二二年五月召开。",
        "2024年底前完成。",
        "经过近20年初步形成体系。",
        "连续15年末位淘汰。",
        "建设30年底蕴深厚。",
        "坚持20年以来，成效显著。",
    ]

    _PATTERNS: ClassVar[list[Gated]] = [
        Gated(r"(?<![\d.\-/])\d{2}年(?=\d{1,2}月)", r"年(?<=(?<![\d.\-/])\d\d年)\d"),
        Gated(
            rf"(?<![{_CN_YEAR}十])[{_CN_YEAR}]{{2}}年(?=[{_CN}]{{1,2}}月)",
            rf"年(?<=[{_CN_YEAR}]年)[{_CN}]",
        ),
        Gated(r"[’']\d{2}年?", r"’\d|'\d", ("’", "'")),
    ]
    # 24年底, 23年初 with no month after: only two-digit numbers that read as this
    # century's years (00–29) or the 1990s, and never after 近/约/连续 (a duration).
    _EDGE = Gated(
        r"(?<![\d.\-/近约余多连续第这过去])(?:[0-2]\d|9\d)年"
        r"(?:底|初(?![步见心衷次级中])|末(?![位期尾])|上半年|下半年|年中|春季|夏季|秋季|冬季)",
        r"年(?<=\d\d年)(?:[底初末]|上半年|下半年|年中|[春夏秋冬]季)",
    )

    def check(self, site: Site, env: Env) -> Iterator[Hit]:
        text = site.masked
        if "年" not in text and "’" not in text and "'" not in text:
            return  # every pattern names a year
        for pattern in self._PATTERNS:
            for m in pattern.finditer(text):
                yield Hit(m.start(), m.end(), "num.short_year", {"span": m.group()})
        for m in self._EDGE.finditer(text):
            yield Hit(m.start(), m.end(), "num.short_year_edge", {"span": m.group()})


_SPACES = " \u00a0\u2009\u3000"
_SPACE = f"[{_SPACES}]+"
# Units a Chinese text writes right after the figure (GB/T 15835): no space between.
_UNIT_AFTER = "年月日时%％‰万亿元件次个项名人场期篇条份家所座户亩吨"


class SpaceInNumber(Rule):
    id = "num.space"
    description = "数字内部或数字与单位之间有空格（6.9 %、2004 年、1 000）"
    description_en = "a space inside a number or between a number and its unit"
    catches: ClassVar[list[str]] = [
        "增长6.9 %。",
        "2004 年成立。",
        "投资1 000万元。",
        "2022年 5月召开。",
        "提出提案183 件。",
    ]
    passes: ClassVar[list[str]] = [
        "增长6.9%。",
        "2004年成立。",
        "投资1000万元。",
        "参照 GB/T 15834 执行。",
        "气温25~30 ℃。",
        "会议于9:30开始。",
        "2022年5月召开。",
    ]

    _PATTERNS: ClassVar[list[tuple[re.Pattern[str], str, str]]] = [
        # 1 000: groups of three digits set apart by a space
        (re.compile(rf"(?<![\d.])\d{{1,3}}(?:{_SPACE}\d{{3}})+(?![\d.])"), "中间", "inside a number"),
        # 6.9 %, 2004 年
        (re.compile(rf"\d+(?:\.\d+)?{_SPACE}[{_UNIT_AFTER}]"), "与单位之间", "between a number and its unit"),
        # 2022年 5月
        (re.compile(rf"\d+[年月]{_SPACE}\d+[月日]?"), "与日期之间", "inside a date"),
    ]
    _GAP = re.compile(_SPACE)

    def check(self, site: Site, env: Env) -> Iterator[Hit]:
        text = site.masked
        if not any(space in text for space in _SPACES):
            return  # no space at all: the usual case in Chinese text (str.find is faster than _GAP)
        for pattern, where, where_en in self._PATTERNS:
            for m in pattern.finditer(text):
                args = {"span": m.group(), "where": where, "where_en": where_en}
                gaps = list(self._GAP.finditer(m.group()))
                if len(gaps) == 1:  # one gap: removing it is the safe fix
                    g = gaps[0]
                    yield Hit(m.start() + g.start(), m.start() + g.end(), "num.space", args, "")
                else:
                    yield Hit(m.start(), m.end(), "num.space", args)


_PERCENT = re.compile(r"占(?:[^，。；;：:\d]{0,10}?)(\d+(?:\.\d+)?) ?[%％]")
_COUNT = re.compile(r"(?<![\d.])(\d+)(余|多)?([名人件个项次家所条篇份场期户])")
_TOTAL_WORD = re.compile(r"(?:共有|现有|共计|合计|总计|总数|共|全部|全体|总共)[^，。；;\d]{0,12}?$")


def _fits(part: int, whole: int, given: float, places: int) -> bool:
    """part/whole, rounded to the places the text gives, is the percentage it states."""
    return abs(round(part * 100 / whole, places) - given) <= 10**-places / 2 + 1e-9


def _decimals(number: str) -> int:
    return len(number.split(".")[1]) if "." in number else 0


class Percentage(Rule):
    id = "num.percent"
    description = "百分比与文中给出的部分数、总数不符（15÷205应为7.3%）"
    description_en = "a percentage that disagrees with the part and the whole the text gives"
    catches: ClassVar[list[str]] = [
        "本届委员共有205名，其中女委员15名，占6.7%。",
        "共提出提案183件，立案75件，占立案总数的45.0%。",
        "全市共有委员220名，其中党外委员132名，占委员总数的62%。",
    ]
    passes: ClassVar[list[str]] = [
        "本届委员共有205名，其中女委员15名，占7.3%。",
        "共提出提案183件，立案75件，占41.0%。",
        "全市共有委员220名，其中党外委员132名，占委员总数的60%。",
        "委员15名，占6.7%。",
        "增长6.9%，占全省的12%。",
        "本届委员共有205名，其中女委员约15名，占7.3%。",
        "共收到提案326件，立案提案281件，其中个人提案238件，占84.7%。",
    ]

    def check(self, site: Site, env: Env) -> Iterator[Hit]:
        text = site.masked
        if "%" not in text and "％" not in text:
            return
        for pm in _PERCENT.finditer(text):
            head = text[: pm.start()]
            parts = list(_COUNT.finditer(head[-16:]))
            if not parts:
                continue
            part = parts[-1]
            offset = len(head) - len(head[-16:])
            if part.group(2) or text[max(0, offset + part.start() - 1) : offset + part.start()] == "约":
                continue  # an approximate part
            given = float(pm.group(1))
            places = _decimals(pm.group(1))
            value = int(part.group(1))
            # Candidate wholes: earlier figures in the same unit, at least the part.
            wholes = [
                w
                for w in _COUNT.finditer(head[: offset + part.start()])
                if w.group(3) == part.group(3) and not w.group(2) and int(w.group(1)) >= value > 0
            ]
            if not wholes or any(_fits(value, int(w.group(1)), given, places) for w in wholes):
                continue
            # Only a whole the text marks as the total (共有205名) is sure enough to report.
            totals = [w for w in wholes if _TOTAL_WORD.search(head[max(0, w.start() - 14) : w.start()])]
            if not totals:
                continue
            whole = int(totals[-1].group(1))
            right = value * 100 / whole
            shown = f"{right:.{max(places, 1)}f}"
            args = {"part": value, "whole": whole, "right": shown, "given": pm.group(1)}
            yield Hit(pm.start(1), pm.end(), "num.percent", args)


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
        "全年共27余。",
    ]

    # A Chinese character (U+4E00–U+9FFF) must follow: tested on that one character, not
    # by a class in the pattern (a class of 20,000 characters costs a millisecond to compile).
    _PATTERN = re.compile(r"(?<![\d.])(\d+)(余|多)")

    def check(self, site: Site, env: Env) -> Iterator[Hit]:
        text = site.masked
        if "余" not in text and "多" not in text:
            return
        for m in self._PATTERN.finditer(text):
            if not "\u4e00" <= text[m.end() : m.end() + 1] <= "\u9fff":
                continue
            number, mark = m.group(1), m.group(2)
            # 多功能、多元、多方: 多 starts a word here, the figure is an ordinal or a label.
            if mark == "多" and text[m.end()] in "功元样方种媒层部":
                continue
            if number.endswith("0"):
                continue
            end = m.end() + 1
            yield Hit(m.start(), end, "num.approx", {"mark": mark, "span": text[m.start() : end]})


RULES = [SessionArabic, MixedDate, ShortYear, SpaceInNumber, Percentage, ApproxNonRound]
