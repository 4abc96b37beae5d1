"""Fixed official expressions (规范表述) and common wrong characters (错别字)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from yearbook.check.resources import Resources
from yearbook.check.rules.base import Env, Hit, Rule
from yearbook.check.site import Site
from yearbook.i18n import register

register(
    {
        "expr.near_miss": (
            "“{span}”疑为规范表述“{expression}”之误",
            "'{span}' looks like a slip for '{expression}'",
        ),
        "expr.typo": ("“{wrong}”应为“{right}”", "'{wrong}' should be '{right}'"),
    }
)

MIN_LENGTH = 6  # shorter expressions have too many right neighbours one character away


def _near_miss_pattern(expression: str) -> re.Pattern[str]:
    """Every string one edit away from `expression`: one character missing, added or changed."""
    alts: set[str] = set()
    chars = [re.escape(c) for c in expression]
    any_char = "[^\\s，。、；：]"
    for i in range(len(chars)):
        alts.add("".join(chars[:i] + chars[i + 1 :]))  # missing
        alts.add("".join([*chars[:i], any_char, *chars[i + 1 :]]))  # changed
    for i in range(1, len(chars)):
        alts.add("".join([*chars[:i], any_char, *chars[i:]]))  # added
    return re.compile("|".join(sorted(alts, key=len, reverse=True)))


def _patterns(res: Resources) -> list[tuple[str, re.Pattern[str]]]:
    cached = res.__dict__.get("_near_miss")
    if cached is None:
        exprs = [e for e in dict.fromkeys(res.expressions) if len(e) >= MIN_LENGTH]
        cached = res.__dict__["_near_miss"] = [(e, _near_miss_pattern(e)) for e in exprs]
    return cached


class NearMiss(Rule):
    id = "expr.near-miss"
    description = "规范表述少字、多字或错字（党的二十精神 → 党的二十大精神）"
    description_en = "a near miss of a fixed official expression"
    catches: ClassVar[list[str]] = [
        "深入学习贯彻党的二十精神。",
        "坚持以习近平新时代中国特色社会主意思想为指导。",
        "认真践行全过程人民主。",
        "铸牢中华民族共同体意志。",
    ]
    passes: ClassVar[list[str]] = [
        "深入学习贯彻党的二十大精神。",
        "坚持以习近平新时代中国特色社会主义思想为指导。",
        "认真践行全过程人民民主。",
        "学习党的二十届三中全会精神。",
        "推进中国式现代化酒泉实践。",
    ]

    def check(self, site: Site, env: Env) -> Iterator[Hit]:
        text = site.masked
        for expression, pattern in _patterns(env.resources):
            if expression[:2] not in text and expression[-2:] not in text:
                continue  # quick reject: a near miss keeps at least one end
            exact = [(mt.start(), mt.end()) for mt in re.finditer(re.escape(expression), text)]
            pos = 0
            while True:
                mt = pattern.search(text, pos)
                if not mt:
                    break
                pos = mt.start() + 1
                if mt.group() == expression or any(s < mt.end() and mt.start() < e for s, e in exact):
                    continue
                # The expression, longer, also fits here (党的二十大精神 inside 党的二十大精神的): fine.
                if text.startswith(expression, mt.start()):
                    continue
                yield Hit(
                    mt.start(), mt.end(), "expr.near_miss", {"span": mt.group(), "expression": expression}
                )
                pos = mt.end()


class CommonTypo(Rule):
    id = "typo.common"
    description = "常见错别字（山植 → 山楂），词表可由编辑补充"
    description_en = "a common wrong character, from an editable list"
    catches: ClassVar[list[str]] = ["种植山植、云杉等苗木。", "年鉴编篡工作。", "再接再励，再创佳绩。"]
    passes: ClassVar[list[str]] = ["种植山楂、云杉等苗木。", "年鉴编纂工作。", "按装修标准施工。"]

    def check(self, site: Site, env: Env) -> Iterator[Hit]:
        text = site.masked
        for wrong, right in env.resources.typos.items():
            start = text.find(wrong)
            while start >= 0:
                yield Hit(start, start + len(wrong), "expr.typo", {"wrong": wrong, "right": right})
                start = text.find(wrong, start + len(wrong))


RULES = [NearMiss, CommonTypo]
