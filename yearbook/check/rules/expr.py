"""Fixed official expressions (规范表述) and common wrong characters (错别字)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
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


@dataclass
class _Expressions:
    """The word list compiled once: per expression its near-miss pattern, and each
    expression under its two halves, to pick candidates (one edit leaves one half whole)."""

    patterns: dict[str, re.Pattern[str]]
    by_end: dict[str, list[str]]


def _patterns(res: Resources) -> _Expressions:
    cached = res.__dict__.get("_near_miss")
    if cached is None:
        # Longest first: where a longer and a shorter form overlap, the longer reports.
        exprs = [e for e in dict.fromkeys(res.expressions) if len(e) >= MIN_LENGTH]
        exprs.sort(key=len, reverse=True)
        by_end: dict[str, list[str]] = {}
        for e in exprs:
            half = len(e) // 2
            for end in dict.fromkeys((e[:half], e[half:])):
                by_end.setdefault(end, []).append(e)
        patterns = {e: _near_miss_pattern(e) for e in exprs}
        cached = res.__dict__["_near_miss"] = _Expressions(patterns, by_end)
    return cached


def _typo_pattern(res: Resources) -> re.Pattern[str] | None:
    cached = res.__dict__.get("_typos")
    if cached is None and res.typos:
        words = sorted(res.typos, key=len, reverse=True)
        cached = res.__dict__["_typos"] = re.compile("|".join(re.escape(w) for w in words))
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
        "坚持以习近平新时代中国特色社会主意思想为指导。深入学习贯彻党的二十精神。",
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
        compiled = _patterns(env.resources)
        # A near miss keeps one half of the expression whole: only those are tried.
        candidates = {e for half, exprs in compiled.by_end.items() if half in text for e in exprs}
        reported: list[tuple[int, int]] = []
        exact_any: list[tuple[int, int]] = []
        exacts: dict[str, list[tuple[int, int]]] = {}
        for expression in candidates:
            spans = exacts[expression] = []
            at = text.find(expression)
            while at >= 0:
                spans.append((at, at + len(expression)))
                at = text.find(expression, at + 1)
            exact_any += spans
        for expression, pattern in compiled.patterns.items():
            if expression not in candidates:
                continue
            exact = exacts[expression]
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
                pos = mt.end()
                # One slip counts once: a shorter expression inside a longer one that has
                # already reported here (新时代中国特色社会主义思想 in 习近平新时代…) stays quiet.
                if any(s < mt.end() and mt.start() < e for s, e in reported):
                    continue
                # Inside another expression written right (a longer form that holds this one).
                if any(s <= mt.start() and mt.end() <= e for s, e in exact_any):
                    continue
                reported.append((mt.start(), mt.end()))
                yield Hit(
                    mt.start(), mt.end(), "expr.near_miss", {"span": mt.group(), "expression": expression}
                )


class CommonTypo(Rule):
    id = "typo.common"
    description = "常见错别字（山植 → 山楂），词表可由编辑补充"
    description_en = "a common wrong character, from an editable list"
    catches: ClassVar[list[str]] = ["种植山植、云杉等苗木。", "年鉴编篡工作。", "再接再励，再创佳绩。"]
    passes: ClassVar[list[str]] = ["种植山楂、云杉等苗木。", "年鉴编纂工作。", "按装修标准施工。"]

    def check(self, site: Site, env: Env) -> Iterator[Hit]:
        pattern = _typo_pattern(env.resources)
        if pattern is None:
            return
        typos = env.resources.typos
        for mt in pattern.finditer(site.masked):
            yield Hit(mt.start(), mt.end(), "expr.typo", {"wrong": mt.group(), "right": typos[mt.group()]})


RULES = [NearMiss, CommonTypo]
