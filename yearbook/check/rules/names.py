"""Names of bodies: full name first, then one abbreviation, used only after it is introduced.

A yearbook introduces a body by its full name (政协嘉峪关市委员会), optionally followed by
（以下简称“市政协”）, and calls it one way through the chapter after that. An article
stands on its own: each is its own scope, as it is printed under its own author.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import ClassVar

from yearbook import model as m
from yearbook.check.finding import Finding
from yearbook.check.resources import Resources
from yearbook.check.rules.base import BookRule, Env
from yearbook.check.site import BOOK_FIELD, PARAGRAPH, TITLE, Site
from yearbook.diagnostics import Severity
from yearbook.i18n import register
from yearbook.text import Text

register(
    {
        "names.before_full": (
            "简称“{short}”在 {where} 处才引出全称，此处之前不应先用简称",
            "the abbreviation '{short}' is used before its full name is introduced at {where}",
        ),
        "names.first_mention": (
            "“{short}”第一次出现，前面没有全称（如“{full}”），机构第一次出现应写全称",
            "first mention of '{short}' without its full name (such as '{full}') before it",
        ),
        "names.full_again": (
            "前面已简称为“{short}”，此处又用全称“{full}”，同一机构宜统一称呼",
            "'{full}' was abbreviated to '{short}' earlier; call it one way",
        ),
        "names.two_shorts": (
            "“{full}”前面已简称为“{first}”，此处又简称为“{short}”，同一机构宜只用一个简称",
            "'{full}' was abbreviated to '{first}' earlier, here to '{short}'; use one abbreviation",
        ),
    }
)

_DEFINE = r"（(?:以下)?简称(?:为)?[“\"‘]?([\u4e00-\u9fffA-Za-z0-9·]{2,16})[”\"’]?）"
_RUN_BEFORE = r"[\u4e00-\u9fff·]+$"
_CLAUSE_START = re.compile(r"[，。；：、！？,;:!?]")
_PLACE = "[\u4e00-\u9fff]{2,4}?"
_ARTICLE_GROUP = re.compile(r"c\d+a\d+")  # site.group of an article's texts


def _definitions(text: str) -> Iterator[re.Match[str]]:
    """Every （以下简称…） of a text. The patterns with a class of Chinese characters are
    compiled where a text needs them (each such class costs a millisecond to compile)."""
    return re.finditer(_DEFINE, text) if "简称" in text else iter(())


@dataclass
class _Body:
    short: str
    full: str  # a pattern: any of its full names
    example: str
    # Each full name's fixed words (政协, 市委员会): a text holding all of one name's is
    # the only kind `full` can match in, told by str.find before the pattern runs.
    words: list[list[str]]

    def find_full(self, text: str) -> re.Match[str] | None:
        if any(all(w in text for w in words) for words in self.words):
            return re.search(self.full, text)
        return None


@dataclass
class _Names:
    bodies: list[_Body]
    longer: re.Pattern[str]
    starts: list[str]
    not_after: str


def _compile(res: Resources) -> _Names:
    cached = res.__dict__.get("_names")
    if cached is None:
        data = res.names or {}
        bodies = []
        for spec in data.get("bodies") or []:
            fulls = [str(f) for f in spec.get("全称") or spec.get("full") or []]
            short = str(spec.get("简称") or spec.get("short") or "")
            if not short or not fulls:
                continue
            alts = "|".join(re.escape(f).replace(re.escape("{地名}"), _PLACE) for f in fulls)
            words = [[w for w in f.split("{地名}") if w] for f in fulls]
            bodies.append(_Body(short, alts, fulls[0].replace("{地名}", "××"), words))
        longer = [str(w) for w in data.get("longer_names") or []]
        pattern = re.compile("|".join(re.escape(w) for w in sorted(longer, key=len, reverse=True)) or "(?!)")
        starts = [str(s) for s in data.get("full_starts") or []]
        not_after = "".join(str(c) for c in data.get("not_after") or [])
        cached = res.__dict__["_names"] = _Names(bodies, pattern, starts, not_after)
    return cached


def _scopes(sites: list[Site]) -> list[list[Site]]:
    """Sites by chapter; each article apart (its group starts with the chapter's a<n>)."""
    scopes: dict[tuple[int, str], list[Site]] = {}
    for site in sites:
        if site.role not in (PARAGRAPH, TITLE, BOOK_FIELD) or site.chapter is None:
            continue
        article = site.group if _ARTICLE_GROUP.fullmatch(site.group) else ""
        scopes.setdefault((id(site.chapter), article), []).append(site)
    return list(scopes.values())


def _where(site: Site, at: int, other: Site) -> str:
    pos = site.text.position(at)
    if pos is None:
        return "?"
    if other.text.loc and pos.file != other.text.loc.file:
        return str(pos)
    return f"{pos.line}:{pos.column}"


def _full_before(text: str, at: int, starts: list[str]) -> str:
    """The full name a （以下简称…） follows: the run of characters before it, from its
    organisation prefix (政协, 中共…) when there is one."""
    run = re.search(_RUN_BEFORE, text[:at])
    if not run:
        return ""
    name = run.group()
    cuts = [name.find(s) for s in starts if s in name]
    return name[min(cuts) :] if cuts else name


def _part_of_full(text: str, at: int, short: str, full: str) -> bool:
    """The abbreviation's characters here begin the rest of the full name (经济委|员会)."""
    j = full.find(short)
    return j >= 0 and len(full) > j + len(short) and text.startswith(full[j : j + len(short) + 2], at)


class _NameRule(BookRule):
    """The three name rules read the same definitions; each reports its own messages."""

    severity = Severity.WARNING
    messages: ClassVar[frozenset[str]] = frozenset()
    example_chapter = staticmethod(lambda: m.Chapter(Text("类目")))

    def check_book(self, sites: list[Site], env: Env) -> Iterator[Finding]:
        # The three rules share one reading of the names: made once per run.
        cached = env.__dict__.get("_names_found")
        if cached is None or cached[0] is not sites:
            names = _compile(env.resources)
            found: list[Finding] = []
            for scope in _scopes(sites):
                found += [*self._defined(scope, names), *self._first_mention(scope, names)]
            cached = env.__dict__["_names_found"] = (sites, found)
        yield from (replace(f, rule=self.id) for f in cached[1] if f.message in self.messages)

    def _defined(self, scope: list[Site], names: _Names) -> Iterator[Finding]:
        # Every （以下简称X） of the scope, in order.
        defs: list[tuple[int, Site, re.Match[str], str]] = []
        for n, site in enumerate(scope):
            for d in _definitions(site.masked):
                defs.append((n, site, d, _full_before(site.masked, d.start(), names.starts)))
        shorts_of: dict[str, tuple[str, int, Site]] = {}
        for n, site, d, full in defs:
            short = d.group(1)
            clause = max((c.end() for c in _CLAUSE_START.finditer(site.masked, 0, d.start())), default=0)
            # Used before: in an earlier text of the scope, or earlier in this one.
            for k in range(n + 1):
                earlier = scope[k]
                if earlier.role != PARAGRAPH:
                    continue
                end = clause if k == n else len(earlier.masked)
                at = earlier.masked.find(short, 0, end)
                # 自治区政协 is not 区政协, nor is 经济委员会 the abbreviation 经济委 of it
                while at >= 0 and (
                    (at > 0 and earlier.masked[at - 1] in names.not_after)
                    or _part_of_full(earlier.masked, at, short, full)
                ):
                    at = earlier.masked.find(short, at + 1, end)
                if at >= 0:
                    args = {"short": short, "where": _where(site, d.start(), earlier)}
                    yield self._finding(earlier, at, "names.before_full", args, Severity.ERROR, short)
                    break
            if full and len(full) >= 4:
                if full in shorts_of and shorts_of[full][0] != short:
                    args = {"full": full, "first": shorts_of[full][0], "short": short}
                    yield self._finding(site, d.start(), "names.two_shorts", args, None, d.group())
                shorts_of.setdefault(full, (short, n, site))
        # The full name again, after it was abbreviated.
        for full, (short, n, def_site) in shorts_of.items():
            seen_def = False
            for k in range(n, len(scope)):
                site = scope[k]
                if site.role != PARAGRAPH:
                    continue
                text = site.masked
                at = text.find(full)
                while at >= 0:
                    after = at + len(full)
                    if site is def_site and not seen_def and text.startswith("（", after):
                        seen_def = True  # the definition itself
                    elif not names.longer.match(text, after) and not text.startswith("（", after):
                        args = {"full": full, "short": short}
                        yield self._finding(site, at, "names.full_again", args, None, full)
                        break
                    at = text.find(full, after)

    def _first_mention(self, scope: list[Site], names: _Names) -> Iterator[Finding]:
        defined = {d.group(1) for site in scope for d in _definitions(site.masked)}
        for body in names.bodies:
            if body.short in defined:
                continue  # introduced with 以下简称: the other name rules judge it
            introduced = False
            for site in scope:
                text = site.masked
                first_full = body.find_full(text)
                first_short = text.find(body.short)
                while first_short > 0 and text[first_short - 1] in names.not_after:
                    first_short = text.find(body.short, first_short + 1)
                if (
                    site.role == PARAGRAPH
                    and first_short >= 0
                    and not introduced
                    and (first_full is None or first_short < first_full.start())
                ):
                    args = {"short": body.short, "full": body.example}
                    yield self._finding(site, first_short, "names.first_mention", args, None, body.short)
                    break
                if first_full is not None:
                    introduced = True
                if site.role != PARAGRAPH and first_short >= 0:
                    introduced = True  # a title (——酒泉市政协2023年工作综述) names the body

    def _finding(
        self, site: Site, at: int, message: str, args: dict, severity: Severity | None, excerpt: str
    ) -> Finding:
        # The rule id is set by the rule that reports it (check_book); the severity here.
        return Finding("", severity or Severity.WARNING, message, args, site.text.position(at), excerpt)


class AbbreviationFirst(_NameRule):
    id = "names.before-full"
    description = "简称在引出它的全称（以下简称…）之前就已使用"
    description_en = "an abbreviation used before its full name introduces it"
    severity = Severity.ERROR
    messages = frozenset({"names.before_full"})
    catches: ClassVar[list[str]] = [
        "市政协召开主席会议。2022年，政协嘉峪关市委员会（以下简称“市政协”）召开全体会议。",
        "提案委审查提案。政协嘉峪关市委员会提案委员会（以下简称“提案委”）成立。",
    ]
    passes: ClassVar[list[str]] = [
        "2022年，政协嘉峪关市委员会（以下简称“市政协”）召开全体会议。市政协主席会议审议通过工作要点。",
        "中国人民政治协商会议第十四届全国委员会（以下简称“全国政协”）召开会议，全国政协委员参加。",
    ]


class OneName(_NameRule):
    id = "names.one-name"
    description = "同一机构定了简称又用全称，或先后用了两个简称（一个类目内统一称呼）"
    description_en = "one body called two ways in a chapter after its abbreviation is set"
    messages = frozenset({"names.full_again", "names.two_shorts"})
    catches: ClassVar[list[str]] = [
        "政协嘉峪关市委员会（以下简称“市政协”）召开常委会会议。会议期间，政协嘉峪关市委员会组织委员视察。",
        "政协嘉峪关市委员会（以下简称“市政协”）召开会议。政协嘉峪关市委员会（简称“嘉峪关市政协”）开展视察。",
    ]
    passes: ClassVar[list[str]] = [
        "政协嘉峪关市委员会（以下简称“市政协”）召开会议。政协嘉峪关市委员会办公室印发通知。",
        "政协嘉峪关市委员会（以下简称“市政协”）召开会议。市政协主席会议审议通过工作要点。",
        "审议《政协嘉峪关市委员会（以下简称“市政协”）工作规则》。",
    ]


class FirstMention(_NameRule):
    id = "names.first-mention"
    description = "机构第一次出现用了简称（市政协），此前没有全称（政协××市委员会），词表见 names.yaml"
    description_en = "a body first named by its abbreviation, with no full name before it"
    messages = frozenset({"names.first_mention"})
    catches: ClassVar[list[str]] = ["2022年，市政协召开全体会议。", "全年，区政协围绕中心工作协商议政。"]
    passes: ClassVar[list[str]] = [
        "政协嘉峪关市委员会召开全体会议。市政协常委会听取报告。",
        "2022年，中国人民政治协商会议酒泉市委员会召开全体会议，市政协委员参加。",
        "市委、市政府高度重视，全国政协、省政协领导调研指导。",
    ]


RULES = [AbbreviationFirst, OneName, FirstMention]
