"""Data against text: counts in the prose against the records, totals against their parts."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from yearbook import model as m
from yearbook.check.chars import MASK, sentences
from yearbook.check.resources import Resources
from yearbook.check.rules.base import Env, Hit, Rule
from yearbook.check.site import PROSE, Site
from yearbook.dates import Day
from yearbook.diagnostics import Severity
from yearbook.i18n import register
from yearbook.text import Text

register(
    {
        "data.count": (
            "正文写“{span}”，本类目记录中的{noun}有{count}条；可改用 {{{{{fact}}}}} 引用",
            "the text says '{span}' but this chapter records {count} {noun}; use {{{{{fact}}}}}",
        ),
        "data.total": (
            "分项之和{sum}{unit}（{parts}）与总数{total}{unit}不符",
            "the parts add up to {sum}{unit} ({parts}), not the stated total {total}{unit}",
        ),
        "data.total_short": (
            "“其中”所列分项之和{sum}{unit}（{parts}）少于总数{total}{unit}，请核对是否列全",
            "the items after 其中 add up to {sum}{unit} ({parts}), less than the total "
            "{total}{unit}; check the list is complete",
        ),
    }
)


def _example_chapter() -> m.Chapter:
    day = Day(dt.date(2022, 3, 1))
    meetings = [m.Meeting(Text("主席会议"), m.MeetingKind.CHAIR, day) for _ in range(11)]
    meetings += [m.Meeting(Text("常委会会议"), m.MeetingKind.STANDING, day) for _ in range(5)]
    trainings = [m.Training(day, Text("培训班")) for _ in range(2)]
    proposals = [m.Proposal(n, Text("案由"), Text("提案人"), Text("承办单位")) for n in (1, 2)]
    records = m.Records(meetings=meetings, trainings=trainings, proposals=proposals)
    return m.Chapter(Text("类目"), records=records)


@dataclass
class _Noun:
    source: str
    kind: str | None
    themed: bool | None
    fact: str

    def count(self, records: m.Records) -> int:
        items = getattr(records, self.source, [])
        if self.kind is not None:
            items = [r for r in items if r.kind.value == self.kind]
        if self.themed is not None:
            items = [r for r in items if r.themed == self.themed]
        return len(items)


def _build(counts: dict) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, _Noun]]:
    nouns: dict[str, _Noun] = {}
    for spec in counts["nouns"]:
        kind = spec.get("kind")
        fact = f"{spec['records']}.{kind}.count" if kind else f"{spec['records']}.count"
        for name in spec["names"]:
            nouns[name] = _Noun(spec["records"], kind, spec.get("themed"), fact)

    def alt(words: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    item = rf"(?P<noun>{alt(list(nouns))})(?P<n>\d+)(?:{alt(counts['units'])})"
    qualifier = counts.get("qualifier") or ""
    # 召开常委会会议5次、主席会议11次: the items after 、 share the verb; the items after
    # 其中 break a total down (共召开会议16次，其中主席会议11次、常委会会议5次).
    head = re.compile(rf"(?:(?:{alt(counts['verbs'])}){qualifier}|其中[：:]?){item}")
    return head, re.compile(rf"[、和及]{item}"), nouns


def _grammar_for(res: Resources) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, _Noun]]:
    # Built once per word list: the resources object carries it.
    grammar = res.__dict__.get("_count_grammar")
    if grammar is None:
        grammar = res.__dict__["_count_grammar"] = _build(res.counts)
    return grammar


class CountMismatch(Rule):
    id = "data.count-mismatch"
    description = "正文“召开主席会议N次”“确定重点提案N件”之类的计数与本类目记录条数不符（短语表可由编辑补充）"
    description_en = "a count in the text disagrees with the records it speaks of"
    roles = PROSE
    catches: ClassVar[list[str]] = [
        "全年召开主席会议13次。",
        "全年召开常务委员会会议6次。",
        "开展委员培训3次。",
        "全年召开常委会会议5次、主席会议12次。",
        "全年召开区政协九届常委会会议3次。",
        "确定重点提案7件，由市级领导领衔督办。",
        "全年共召开会议16次，其中主席会议12次、常委会会议4次。",
    ]
    passes: ClassVar[list[str]] = [
        "全年召开主席会议11次。",
        "全年召开主席会议{{meetings.chair.count}}次。",
        "全年召开常委会会议5次。",
        "组织各党派团体开展联合调研视察12次。",
        "全年召开专题议政性常委会会议和专题协商会议17次。",
        "召开党组理论学习中心组学习会25次。",
        "全年召开常委会会议5次、主席会议11次。",
        "全年召开区政协九届常委会会议5次。",
        "确定重点提案2件，由市级领导领衔督办。",
        "共提出提案183件，其中立案提案75件。",
        "全年共召开会议16次，其中主席会议11次、常委会会议5次。",
    ]
    example_chapter = staticmethod(_example_chapter)

    def check(self, site: Site, env: Env) -> Iterator[Hit]:
        if site.chapter is None:
            return
        head, tail, nouns = _grammar_for(env.resources)
        text = site.masked
        for first in head.finditer(text):
            mt: re.Match[str] | None = first
            while mt is not None:
                noun = nouns[mt.group("noun")]
                count = noun.count(site.chapter.records)
                if count and int(mt.group("n")) != count:
                    args = {"span": mt.group(), "noun": mt.group("noun"), "count": count, "fact": noun.fact}
                    yield Hit(mt.start("n"), mt.end("n"), "data.count", args)
                mt = tail.match(text, mt.end())


_UNITS = sorted(
    [
        "人次",
        "场次",
        "批次",
        "件次",
        "个",
        "件",
        "篇",
        "次",
        "名",
        "项",
        "条",
        "期",
        "幅",
        "场",
        "人",
        "家",
        "户",
        "所",
        "批",
        "套",
        "部",
        "本",
        "册",
        "份",
        "元",
        "天",
        "处",
        "座",
        "支",
        "位",
        "株",
        "亩",
        "公顷",
        "万元",
        "亿元",
    ],
    key=len,
    reverse=True,
)
_NUM = re.compile(rf"(?<![\d.])(\d+(?:\.\d+)?)(万|亿)?(余|多)?({'|'.join(_UNITS)})")
_TOTAL = re.compile(
    r"(?<![中公总])(?:共计|合计|总计|累计|总共|共)(?![同识产建享商话谋治创进赢振鸣谱襄筑绘])"
    r"[^，。；：,;:\d]{0,20}?(?=\d)"
)
_OTHER = ("其他", "其余", "其它", "另有")


def _may_state_total(text: str) -> bool:
    """Every word of _TOTAL holds 共 or 计: looked for first, as fast as str.find (_TOTAL
    starts with a look-behind, which the regex engine tries at every character)."""
    return "共" in text or "计" in text


@dataclass
class _Num:
    value: float
    unit: str
    approx: bool
    start: int
    end: int
    label: str  # the few characters before the number


def _numbers(text: str, offset: int) -> list[_Num]:
    out = []
    for mt in _NUM.finditer(text):
        approx = bool(mt.group(2) or mt.group(3)) or text[max(0, mt.start() - 1) : mt.start()] == "约"
        label = text[max(0, mt.start() - 4) : mt.start()]
        out.append(
            _Num(float(mt.group(1)), mt.group(4), approx, offset + mt.start(), offset + mt.end(), label)
        )
    return out


def _fmt(x: float) -> str:
    return str(int(x)) if x == int(x) else str(x)


class TotalMismatch(Rule):
    id = "data.total-mismatch"
    description = "“共/合计N…”与随后列出的分项之和不符"
    description_en = "a stated total that its listed parts do not add up to"
    roles = PROSE
    catches: ClassVar[list[str]] = [
        "共提出提案183件，提案审查委员会审查立案提案75件，作为建议处理40件，作为委员来信转有关部门参阅39件。",
        "共选登稿件103篇，图片163幅，其中学习思考10篇、卷首语5篇、其他12篇。",
        "合计审查立案提案79件，其中政府部门承办74件、市委部门承办6件。",
    ]
    passes: ClassVar[list[str]] = [
        "合计审查立案提案79件，作为建议处理43件，其中：政府部门承办提案74件、建议42件，"
        "市委部门及酒钢公司承办提案5件、建议1件。",
        "市政协十届一次会议闭幕后共审查立案提案4件，作为建议处理3件。",
        "共提出提案183件，其中立案提案75件。",
        "共征集社情民意信息97条，编报社情民意信息29期。",
        "坚持共同发展，凝聚共识12条。",
        "共选登稿件103篇，26万余字，其中学习思考100篇、卷首语3篇。",
        "共有委员{{members}}名，其中常委30名、委员146名。",
    ]

    def check(self, site: Site, env: Env) -> Iterator[Hit]:
        text = site.masked
        if not _may_state_total(text) or _TOTAL.search(text) is None:
            return  # no stated total anywhere in the text
        for s_start, s_end in sentences(text):
            sentence = text[s_start:s_end]
            if MASK in sentence:
                continue  # a figure given by a reference cannot be summed here
            found = _TOTAL.search(sentence) if _may_state_total(sentence) else None
            if not found:
                continue
            rest_start = found.start()
            rest = sentence[rest_start:]
            qi = rest.find("其中")
            if qi >= 0:
                totals = _numbers(rest[:qi], s_start + rest_start)
                parts = _numbers(rest[qi:], s_start + rest_start + qi)
                yield from self._explicit(totals, parts)
            else:
                nums = _numbers(rest, s_start + rest_start)
                if nums and nums[0].start - (s_start + rest_start) <= 22:
                    yield from self._implicit(nums[0], nums[1:])

    def _explicit(self, totals: list[_Num], parts: list[_Num]) -> Iterator[Hit]:
        for unit in dict.fromkeys(p.unit for p in parts):
            t = [n for n in totals if n.unit == unit]
            p = [n for n in parts if n.unit == unit]
            if not t or len(p) < 2 or any(n.approx for n in t + p):
                continue
            total_sum = sum(n.value for n in p)
            if total_sum in [n.value for n in t] or total_sum == sum(n.value for n in t):
                continue
            total = t[0]
            has_other = any(any(o in n.label for o in _OTHER) for n in p)
            message = "data.total"
            severity = None
            if total_sum < total.value and not has_other and len(t) == 1:
                message, severity = "data.total_short", Severity.WARNING
            yield self._hit(total, p, total_sum, message, severity)

    def _implicit(self, total: _Num, rest: list[_Num]) -> Iterator[Hit]:
        parts = [n for n in rest if n.unit == total.unit]
        if len(parts) < 2 or total.approx or any(n.approx for n in parts):
            return
        if any(n.value >= total.value for n in parts):
            return  # not a breakdown of the total
        total_sum = sum(n.value for n in parts)
        if total_sum != total.value:
            # Two parts short of the total may be a selection; three or more read as the whole.
            short = len(parts) == 2 and total_sum < total.value
            severity = Severity.WARNING if short else None
            yield self._hit(total, parts, total_sum, "data.total", severity)

    @staticmethod
    def _hit(
        total: _Num, parts: list[_Num], total_sum: float, message: str, severity: Severity | None
    ) -> Hit:
        args = {
            "sum": _fmt(total_sum),
            "unit": total.unit,
            "parts": "+".join(_fmt(n.value) for n in parts),
            "total": _fmt(total.value),
        }
        return Hit(total.start, total.end, message, args, severity=severity)


RULES = [CountMismatch, TotalMismatch]
