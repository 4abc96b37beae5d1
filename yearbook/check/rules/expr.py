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


_NOT_A_SLIP = re.compile(r"[\s，。、；：]")  # a mark or a space is never the added or changed character


def _one_edit(window: str, expression: str) -> bool:
    """`window` is `expression`, or one character missing, changed or added inside it."""
    n, m = len(window), len(expression)
    head = 0
    while head < min(n, m) and window[head] == expression[head]:
        head += 1
    if n == m:
        if head == n:
            return True
        return window[head + 1 :] == expression[head + 1 :] and not _NOT_A_SLIP.match(window[head])
    if n == m - 1:  # one character missing, anywhere
        return window[head:] == expression[head + 1 :]
    if n == m + 1:  # one character added, between two of the expression's
        # Where an added character fits at all, it fits at the first difference.
        fits = 0 < head < m and window[head + 1 :] == expression[head:]
        return fits and not _NOT_A_SLIP.match(window[head])
    return False


class _NearMisses:
    """Where in a text `expression`, or a string one edit away from it, stands.

    One edit leaves one half of the expression whole, so windows are tried only at
    the places a half is found: a few string searches instead of a regular
    expression of every edit (compiling those cost more than checking a book)."""

    def __init__(self, expression: str) -> None:
        self.expression = expression
        half = len(expression) // 2
        self.first, self.second = expression[:half], expression[half:]

    def windows(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every near miss or exact occurrence, leftmost first; at one
        start the longest."""
        size = len(self.expression)
        starts: set[int] = set()
        at = text.find(self.first)
        while at >= 0:
            starts.add(at)
            at = text.find(self.first, at + 1)
        at = text.find(self.second)
        while at >= 0:
            end = at + len(self.second)
            starts.update(s for s in (end - size - 1, end - size, end - size + 1) if s >= 0)
            at = text.find(self.second, at + 1)
        found = []
        for start in sorted(starts):
            for length in (size + 1, size, size - 1):
                window = text[start : start + length]
                if len(window) == length and _one_edit(window, self.expression):
                    found.append((start, start + length))
                    break
        return found


@dataclass
class _Expressions:
    """The word list prepared once: each expression's finder, and each expression
    under its two halves, to pick candidates (one edit leaves one half whole)."""

    finders: dict[str, _NearMisses]
    by_end: dict[str, list[str]]
    # Any half anywhere: one scan tells the texts without a candidate (most) from the rest.
    any_half: re.Pattern[str] | None


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
        halves = "|".join(re.escape(h) for h in sorted(by_end, key=len, reverse=True))
        cached = res.__dict__["_near_miss"] = _Expressions(
            {e: _NearMisses(e) for e in exprs}, by_end, re.compile(halves) if halves else None
        )
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
        if compiled.any_half is None or compiled.any_half.search(text) is None:
            return
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
        for expression, finder in compiled.finders.items():
            if expression not in candidates:
                continue
            exact = exacts[expression]
            pos = 0
            for start, end in finder.windows(text):
                if start < pos:
                    continue
                pos = start + 1
                span = text[start:end]
                if span == expression or any(s < end and start < e for s, e in exact):
                    continue
                # The expression, longer, also fits here (党的二十大精神 inside 党的二十大精神的): fine.
                if text.startswith(expression, start):
                    continue
                pos = end
                # One slip counts once: a shorter expression inside a longer one that has
                # already reported here (新时代中国特色社会主义思想 in 习近平新时代…) stays quiet.
                if any(s < end and start < e for s, e in reported):
                    continue
                # Inside another expression written right (a longer form that holds this one).
                if any(s <= start and end <= e for s, e in exact_any):
                    continue
                reported.append((start, end))
                yield Hit(start, end, "expr.near_miss", {"span": span, "expression": expression})


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
