"""Repetition: words doubled by mistake, sentences said twice."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from yearbook.check.chars import cjk_count, sentence_keys, sentences
from yearbook.check.finding import Finding
from yearbook.check.rules.base import BookRule, Env, Hit, Rule
from yearbook.check.site import PROSE, Site
from yearbook.diagnostics import Severity
from yearbook.i18n import register

register(
    {
        "rep.doubled": ("“{word}”重复：“{span}”", "'{word}' is doubled: '{span}'"),
        "rep.sentence_same": (
            "句子重复：“{sentence}”",
            "sentence repeated: '{sentence}'",
        ),
        "rep.sentence_elsewhere": (
            "句子与 {where} 处完全相同：“{sentence}”",
            "sentence identical to the one at {where}: '{sentence}'",
        ),
    }
)

_WORD_TWICE = re.compile(r"([\u4e00-\u9fff]{2,4})\1")
# Overlapping pairs (a lookahead), so 的的的 yields both and the three-in-a-row test sees them.
_CHAR_TWICE = re.compile(r"(?=([\u4e00-\u9fff])\1)")


class Doubled(Rule):
    id = "rep.doubled"
    description = "字词误重（政协政协、关于关于、及及时、的的），真正的叠字叠词不报"
    description_en = "a character or word doubled by mistake"
    catches: ClassVar[list[str]] = [
        "市政协政协专题议政性常委会。",
        "中共嘉峪关市政协党组关于关于上报调研报告。",
        "重要工作及及时向市委作汇报。",
        "这是我们的的工作。",
        "会议听取了了工作汇报。",
    ]
    passes: ClassVar[list[str]] = [
        "常常深入基层，人人参与，天天坚持，年年开展，层层落实。",
        "一一落实，家家户户，点点滴滴，谢谢大家，看看成效。",
        "研究研究再说。确保与市委同心同德、同心同向、同心同行。",
        "认真践行全过程人民民主，审议会议议程。",
        "为了了解情况，以及及时反馈。达到目的的手段。",
        "一个一个地落实，苟日新，日日新，又日新。",
        "嘉峪关市市委、市政府。",
    ]

    def check(self, site: Site, env: Env) -> Iterator[Hit]:
        text = site.masked
        allowed = env.resources.reduplication
        words: list[tuple[int, int]] = []
        for m in _WORD_TWICE.finditer(text):
            word = m.group(1)
            if m.group() in allowed or word.startswith("一") or len(set(word)) == 1:
                continue
            words.append((m.start(), m.end()))
            yield Hit(m.start(), m.end(), "rep.doubled", {"word": word, "span": m.group()})
        doubling = env.resources.doubling
        for pair in _CHAR_TWICE.finditer(text):
            i, ch = pair.start() + 1, pair.group(1)
            if ch not in doubling or any(s <= i < e for s, e in words):
                continue
            if i >= 2 and text[i - 2] == ch:
                continue  # three in a row: reported at the first pair
            rule = doubling[ch]
            before = text[max(0, i - 5) : i]
            after = text[i : i + 5]
            if any(before.endswith(w) for w in rule.get("before", [])):
                continue
            if any(after.startswith(w) for w in rule.get("after", [])):
                continue
            span = text[max(0, i - 2) : i + 3]
            yield Hit(i - 1, i + 1, "rep.doubled", {"word": ch, "span": span})


# CJK characters. Shorter sentences recur legitimately: 会议指出。 in one entry, a set
# phrase such as 事成于和睦，力生于团结。 in two authors' articles.
_MIN_SAME = 10
_MIN_ELSEWHERE = 20


class RepeatedSentence(BookRule):
    id = "rep.sentence"
    description = "句子或段落重复：同一条目内为差错，不同条目间为提示"
    description_en = "a sentence or paragraph said twice"
    roles = PROSE
    catches: ClassVar[list[str]] = [
        "会议听取了市政府关于经济社会发展情况的通报。会议听取了市政府关于经济社会发展情况的通报。"
    ]
    passes: ClassVar[list[str]] = [
        "会议听取了市政府关于经济社会发展情况的通报。会议审议通过了市政协常委会工作报告。"
    ]

    def check_book(self, sites: list[Site], env: Env) -> Iterator[Finding]:
        first: dict[str, tuple[Site, int]] = {}
        for site in sites:
            if site.role not in self.roles:
                continue
            keys = sentence_keys(site.masked, site.keyed)
            for (start, end), key in zip(sentences(site.masked), keys, strict=True):
                if len(key) < _MIN_SAME:
                    continue  # fewer characters still
                length = cjk_count(key)
                if length < _MIN_SAME:
                    continue
                if key not in first:
                    first[key] = (site, start)
                    continue
                other, other_start = first[key]
                if other.group != site.group and length < _MIN_ELSEWHERE:
                    continue
                lead = len(site.masked[start:end]) - len(site.masked[start:end].lstrip())
                shown = site.masked[start:end].strip()
                shown = shown if len(shown) <= 30 else shown[:28] + "……"
                if other.group == site.group:
                    message, severity, args = "rep.sentence_same", Severity.ERROR, {"sentence": shown}
                else:
                    where = other.text.position(other_start)
                    message, severity = "rep.sentence_elsewhere", Severity.WARNING
                    args = {"sentence": shown, "where": f"{where.line}:{where.column}" if where else "?"}
                    if where and site.text.loc and where.file != site.text.loc.file:
                        args["where"] = str(where)
                yield Finding(self.id, severity, message, args, site.text.position(start + lead), shown)


RULES = [Doubled, RepeatedSentence]
