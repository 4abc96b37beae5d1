"""Punctuation (GB/T 15834-2011; conventions §5)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from yearbook.check.chars import has_cjk, is_chinese_context
from yearbook.check.rules.base import Env, Hit, Rule
from yearbook.check.site import Site
from yearbook.i18n import register

register(
    {
        "punct.halfwidth": (
            "中文里用了半角“{mark}”，应为全角“{full}”",
            "half-width '{mark}' in Chinese text; use '{full}'",
        ),
        "punct.halfwidth_angle": (
            "中文里用了半角尖括号“<…>”，书名应用“《》”",
            "half-width '<…>' in Chinese text; titles take '《》'",
        ),
        "punct.halfwidth_quote": (
            '中文里用了半角引号“"”，应为“”或‘’',
            "half-width '\"' in Chinese text; use “” or ‘’",
        ),
        "punct.unclosed": ("“{mark}”没有对应的“{close}”", "'{mark}' is never closed by '{close}'"),
        "punct.unopened": ("“{mark}”前面没有对应的“{open}”", "'{mark}' has no opening '{open}'"),
        "punct.single_outside": (
            "单引号‘’只用于双引号“”内的引语，这里应为双引号",
            "single quotes ‘’ belong inside double quotes “”; use double quotes here",
        ),
        "punct.double_inside": (
            "双引号内再用引号应为单引号‘’",
            "a quotation inside double quotes takes single quotes ‘’",
        ),
        "punct.title_inside": (
            "书名号内再用书名号应为〈〉",
            "a title inside 《》 takes 〈〉",
        ),
        "punct.dunhao": (
            "并列的{kind}之间不用顿号",
            "no enumeration comma between adjacent {kind_en}",
        ),
        "punct.span_mark": (
            "时间段“{span}”应使用“—”或“至”连接",
            "time span '{span}' takes '—' or '至'",
        ),
        "punct.range_units": (
            "数值范围“{span}”两端的单位都应写出（如 15%~30%）",
            "numeric range '{span}' needs its unit on both ends (15%~30%)",
        ),
    }
)

FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")
_ASCII_MARK = re.compile(r'[,;:?!()"<>]')


def _neighbours(text: str, i: int) -> tuple[str, str]:
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    return prev, nxt


class HalfWidth(Rule):
    id = "punct.halfwidth"
    description = '中文之间用了半角标点（, ; : ? ! ( ) < > "），应为全角'
    description_en = "half-width punctuation between Chinese characters"
    catches: ClassVar[list[str]] = [
        "2022年,市政协召开会议。",
        "审议通过《工作规则》;协商通过人事事项。",
        "会议决定(草案)已印发。",
        "关于上报<关于深入实施“四强”行动的调研报告>的报告",
        "主要内容:学习会议精神。",
    ]
    passes: ClassVar[list[str]] = [
        "会议于9:30开始。",
        "共计1,200人参加。",
        "网址为www.example.com，欢迎访问。",
        "2022年，市政协召开会议。",
        "参照 GB/T 15834 (2011) 执行。",
    ]

    _PARENS = re.compile(r"\(([^()]*)\)")
    _ANGLE = re.compile(r"<([^<>]*)>")

    def check(self, site: Site, env: Env) -> Iterator[Hit]:
        text = site.masked
        done: set[int] = set()
        for m in self._PARENS.finditer(text):
            prev, _ = _neighbours(text, m.start())
            _, nxt = _neighbours(text, m.end() - 1)
            inner = m.group(1)
            if (
                (prev and is_chinese_context(prev))
                or (nxt and is_chinese_context(nxt))
                or has_cjk(inner)
            ):
                for i, mark in ((m.start(), "("), (m.end() - 1, ")")):
                    done.add(i)
                    yield Hit(i, i + 1, "punct.halfwidth", {"mark": mark, "full": FULL[mark]}, FULL[mark])
            else:
                done.update((m.start(), m.end() - 1))
        for m in self._ANGLE.finditer(text):
            if has_cjk(m.group(1)):
                done.update((m.start(), m.end() - 1))
                yield Hit(m.start(), m.end(), "punct.halfwidth_angle")
        for mark in _ASCII_MARK.finditer(text):
            i, ch = mark.start(), mark.group()
            if i in done:
                continue
            prev, nxt = _neighbours(text, i)
            if not (is_chinese_context(prev) or is_chinese_context(nxt)):
                continue
            if ch == '"':
                yield Hit(i, i + 1, "punct.halfwidth_quote")
            elif ch in FULL:
                # Between a Chinese character and anything but an ASCII letter or
                # digit the full-width mark is certain: the fix is safe.
                safe = not (_ASCII_ALNUM.match(prev or " ") and _ASCII_ALNUM.match(nxt or " "))
                yield Hit(
                    i, i + 1, "punct.halfwidth", {"mark": ch, "full": FULL[ch]}, FULL[ch] if safe else None
                )
            elif ch in "<>":
                yield Hit(i, i + 1, "punct.halfwidth", {"mark": ch, "full": "《》" if ch == "<" else "》"})


OPEN_TO_CLOSE = {"《": "》", "“": "”", "‘": "’", "（": "）", "【": "】", "〈": "〉"}
CLOSE_TO_OPEN = {v: k for k, v in OPEN_TO_CLOSE.items()}
_PAIR_MARK = re.compile("[" + re.escape("".join(OPEN_TO_CLOSE) + "".join(CLOSE_TO_OPEN)) + "]")
# Each pair closed before the next opens, none of them ‘’ (only right inside “”).
_FLAT_PAIRS = re.compile("(?:" + "|".join(o + c for o, c in OPEN_TO_CLOSE.items() if o != "‘") + ")*")


class Pairs(Rule):
    id = "punct.pairs"
    description = "成对标点《》“”‘’（）【】〈〉不配对或套用错误"
    description_en = "paired marks unbalanced or wrongly nested"
    catches: ClassVar[list[str]] = [
        "审议《考核评价办法《关于机构设置的决定》《名单》",
        "聚焦“酒嘉双城经济圈”建设、‘三地两点’功能定位。",
        "会议通过了工作报告》。",
        "他说：“要抓好“三抓三促”行动。”",
        "（草案",
        "学习《关于《决定》的说明》",
    ]
    passes: ClassVar[list[str]] = [
        "协商通过《“围绕‘三地两点’功能定位，广泛凝聚共识”建议案》。",
        "他说：“要抓好‘三抓三促’行动。”",
        "制定《〈人文甘肃·酒泉卷〉编纂大纲》。",
        "编印《酒泉人文历史故事专辑（三）——酒泉长城故事》。",
        "“三有（有事多商量、有事好商量）在基层”活动",
    ]

    def check(self, site: Site, env: Env) -> Iterator[Hit]:
        text = site.masked
        if _FLAT_PAIRS.fullmatch("".join(_PAIR_MARK.findall(text))):
            return  # no marks, or pairs one after another (《》“”): nothing to report
        stack: list[tuple[str, int]] = []
        for mark in _PAIR_MARK.finditer(text):
            i, ch = mark.start(), mark.group()
            if ch in OPEN_TO_CLOSE:
                yield from self._nesting(text, i, ch, stack)
                stack.append((ch, i))
            elif ch in CLOSE_TO_OPEN:
                want = CLOSE_TO_OPEN[ch]
                if any(o == want for o, _ in stack):
                    while stack:
                        o, j = stack.pop()
                        if o == want:
                            break
                        yield Hit(j, j + 1, "punct.unclosed", {"mark": o, "close": OPEN_TO_CLOSE[o]})
                else:
                    yield Hit(i, i + 1, "punct.unopened", {"mark": ch, "open": want})
        for o, j in stack:
            yield Hit(j, j + 1, "punct.unclosed", {"mark": o, "close": OPEN_TO_CLOSE[o]})

    def _nesting(self, text: str, i: int, ch: str, stack: list[tuple[str, int]]) -> Iterator[Hit]:
        marks = [o for o, _ in stack if o in "“‘《〈"]
        innermost = marks[-1] if marks else ""
        if ch == "‘" and "“" not in marks:
            yield Hit(i, i + 1, "punct.single_outside")
        elif ch == "“" and innermost == "“":
            yield Hit(i, i + 1, "punct.double_inside")
        elif ch == "《" and "《" in marks:
            if self._nested_title(text, i):
                yield Hit(i, i + 1, "punct.title_inside")
            else:
                # 《A《B》: the outer title was never closed; report it there and
                # let B be an ordinary title.
                k = max(n for n, (o, _) in enumerate(stack) if o == "《")
                _, j = stack.pop(k)
                yield Hit(j, j + 1, "punct.unclosed", {"mark": "《", "close": "》"})

    @staticmethod
    def _nested_title(text: str, i: int) -> bool:
        """《A《B》…》: after the inner title closes, does the outer close before a new one opens?"""
        close = text.find("》", i)
        if close < 0:
            return False
        for ch in text[close + 1 :]:
            if ch == "》":
                return True
            if ch == "《":
                return False
        return False


class DunhaoBetweenTitles(Rule):
    id = "punct.dunhao-between-titles"
    description = "直接相连的《》《》或“”“”之间不用顿号"
    description_en = "no 、 between directly adjacent 《》 or “” items"
    catches: ClassVar[list[str]] = ["学习《宪法》、《政协章程》。", "开展“四强”、“三抓三促”行动。"]
    passes: ClassVar[list[str]] = [
        "学习《宪法》《政协章程》。",
        "开展“四强”“三抓三促”行动。",
        "《宪法》（2018年修正）、《政协章程》",
    ]

    # From the 、 (a literal is found as fast as str.find), looking back at the mark before it.
    _PATTERN = re.compile(r"、(?<=[》”]、)[《“]")

    def check(self, site: Site, env: Env) -> Iterator[Hit]:
        text = site.masked
        for m in self._PATTERN.finditer(text):
            kind, kind_en = ("书名", "titles") if text[m.start() - 1] == "》" else ("引语", "quotations")
            yield Hit(m.start(), m.start() + 1, "punct.dunhao", {"kind": kind, "kind_en": kind_en})


_DASH = r"[~～\-－–]"


class RangeMark(Rule):
    id = "punct.range-mark"
    description = "时间段用了“~”或“-”（应为“—”或“至”），数值范围两端单位不全"
    description_en = "wrong range mark in a time span, or a numeric range missing a unit"
    catches: ClassVar[list[str]] = [
        "2016~2020年，全市共完成投资。",
        "10月1日-7日放假。",
        "2-3月开展调研。",
        "增长15~30%。",
        "投资9~16亿元。",
    ]
    passes: ClassVar[list[str]] = [
        "2011年2月3日—10日召开。",
        "1月9日至11日召开。",
        "2—3月开展调研。",
        "增长15%~30%。",
        "见表2-8。",
        "日期为2011-02-15。",
        "气温25~30 ℃。",
    ]

    _SPANS: ClassVar[list[re.Pattern[str]]] = [
        re.compile(rf"(?<![\d\-])\d{{4}}年?\s*{_DASH}\s*\d{{4}}年"),
        re.compile(rf"\d{{1,2}}月(?:\d{{1,2}}日)?\s*{_DASH}\s*\d{{1,2}}[月日]"),
        re.compile(rf"(?<![\d\-－./])\d{{1,2}}\s*{_DASH}\s*\d{{1,2}}月"),
        re.compile(rf"\d{{1,2}}日\s*{_DASH}\s*\d{{1,2}}日"),
    ]
    _ANY_DASH = re.compile(_DASH)
    _UNITS = re.compile(r"(?<![\d.])\d+(?:\.\d+)?\s*[~～]\s*\d+(?:\.\d+)?\s*(?:%|‰|万|亿|千米|公里|公顷|吨)")

    def check(self, site: Site, env: Env) -> Iterator[Hit]:
        if self._ANY_DASH.search(site.masked) is None:
            return  # most texts have no range at all
        seen: set[int] = set()
        for pattern in self._SPANS:
            for m in pattern.finditer(site.masked):
                if m.start() not in seen:
                    seen.add(m.start())
                    yield Hit(m.start(), m.end(), "punct.span_mark", {"span": m.group()})
        for m in self._UNITS.finditer(site.masked):
            yield Hit(m.start(), m.end(), "punct.range_units", {"span": m.group()})


RULES = [HalfWidth, Pairs, DunhaoBetweenTitles, RangeMark]
