"""Copied passages: a run of clauses said twice inside different sentences of one entry or article.

Whole identical sentences are rep.sentence's; this rule finds the copy-paste that
lands inside another sentence (…报送协商成果7份，提出意见建议50余条，为市委…提供了有益参考。
twice in one article, each time in a different sentence).

Clauses are split at ，；。：！？ and compared by their characters (marks ignored), so a
copy is found whatever its surrounding words. Each clause is hashed once: the work is
linear in the length of the text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from yearbook.check.chars import CLAUSE_END, CLAUSE_MARKS, cjk_count, key_text
from yearbook.check.finding import Finding
from yearbook.check.rules.base import BookRule, Env
from yearbook.check.site import PROSE, Site
from yearbook.i18n import register

register(
    {
        "rep.copied": (
            "与 {where} 处文字重复（疑为复制粘贴）：“{passage}”",
            "repeats the text at {where} (a copy-paste?): '{passage}'",
        ),
    }
)

_SENTENCE_END = frozenset("。！？!?；;")
# A copied piece counts from this many characters (CJK, letters, digits): long enough
# that set phrases (知情明政，建言资政) and short formulas never fire.
MIN_PIECE = 16
# Of which this many must be the piece's own words, not a fixed expression from the
# word list (坚持以习近平新时代中国特色社会主义思想为指导 may recur in a long summary).
MIN_OWN = 8


@dataclass
class _Clause:
    key: str
    site: int  # index into the group's sites
    start: int
    end: int  # mark included
    sentence: int  # running number of the sentence in the group
    sentence_first: bool  # the clause opens its sentence
    sentence_last: bool  # the clause closes its sentence


def _clause_keys(site: Site) -> list[str]:
    """key_text of each clause of the site's text (each up to and with its mark, and the rest)."""
    keys = CLAUSE_END.split(site.keyed)
    if len(keys) > 1 and site.masked[-1] in CLAUSE_MARKS:
        keys.pop()  # the text ends with a mark: no clause after it
    return keys


def _clauses(sites: list[Site]) -> list[_Clause]:
    out: list[_Clause] = []
    sentence = 0
    for n, site in enumerate(sites):
        text = site.masked
        start = 0
        opens = True
        bounds = [m.end() for m in CLAUSE_END.finditer(text)]
        if not bounds or bounds[-1] < len(text):
            bounds.append(len(text))
        for end, key in zip(bounds, _clause_keys(site), strict=True):
            closes = end == len(text) or text[end - 1] in _SENTENCE_END
            out.append(_Clause(key, n, start, end, sentence, opens, closes))
            opens = closes
            if closes:
                sentence += 1
            start = end
    return out


def _shown(text: str) -> str:
    text = text.strip().rstrip("，,；;：:")
    return text if len(text) <= 40 else text[:18] + "……" + text[-18:]


class CopiedPassage(BookRule):
    id = "rep.copied"
    description = "同一条目或文章中，一段文字（整句以外的连续分句）在不同句子里重复出现，疑为复制粘贴"
    description_en = "a passage of clauses repeated inside different sentences of one entry or article"
    roles = PROSE
    catches: ClassVar[list[str]] = [
        "市政协九届二次会议期间，组织委员集中建言，梳理上报协商成果7份，提出意见建议50余条，"
        "为市委科学决策和相关职能部门研究制定工作举措提供了有益参考。谋划制定年度协商计划，"
        "开展调研协商活动12项，报送协商成果7份，提出意见建议50余条，"
        "为市委科学决策和相关职能部门研究制定工作举措提供了有益参考，推动问题解决。",
        "聚焦全市重点任务和关键制约，组织驻省政协委员提交提案25件，在省政协常委会会议上发言。"
        "围绕中心工作，聚焦全市重点任务和关键制约，组织驻省政协委员提交提案25件，争取政策支持。",
    ]
    passes: ClassVar[list[str]] = [
        "会议指出，要知情明政，建言资政。会议强调，要知情明政，建言资政，凝心聚力。",
        "坚持以习近平新时代中国特色社会主义思想为指导，召开全体会议。年内，"
        "坚持以习近平新时代中国特色社会主义思想为指导，开展专题学习。",
        "研究研究再说。常常深入基层，人人参与。常常深入基层。",
        "会议听取了市政府关于经济社会发展情况的通报。会议听取了市政府关于经济社会发展情况的通报。",
    ]

    def check_book(self, sites: list[Site], env: Env) -> Iterator[Finding]:
        groups: dict[tuple[int, str], list[Site]] = {}
        for site in sites:
            if site.role in self.roles and site.group:
                groups.setdefault((id(site.chapter), site.group), []).append(site)
        expression_keys = [key_text(e) for e in env.resources.expressions if len(e) >= 6]
        for group in groups.values():
            yield from self._group(group, expression_keys)

    def _group(self, sites: list[Site], expression_keys: list[str]) -> Iterator[Finding]:
        clauses = _clauses(sites)
        first: dict[str, int] = {}
        source: list[int | None] = []
        for i, clause in enumerate(clauses):
            j = first.get(clause.key) if clause.key else None
            source.append(j if j is not None and clauses[j].sentence != clause.sentence else None)
            if clause.key and j is None:
                first[clause.key] = i
        i = 0
        while i < len(clauses):
            j = source[i]
            if j is None:
                i += 1
                continue
            # The piece: consecutive copied clauses in one sentence here, and consecutive there.
            k = i + 1
            while (
                k < len(clauses)
                and source[k] == j + (k - i)
                and clauses[k].sentence == clauses[i].sentence
                and clauses[j + k - i].sentence == clauses[j].sentence
            ):
                k += 1
            piece = clauses[i:k]
            i = k
            key = "".join(c.key for c in piece)
            if len(key) < MIN_PIECE:
                continue
            origin = clauses[j : j + len(piece)]
            if piece[0].sentence_first and piece[-1].sentence_last and (
                origin[0].sentence_first and origin[-1].sentence_last
            ):
                continue  # a whole sentence said twice: rep.sentence reports it
            own = key
            for expression in expression_keys:
                own = own.replace(expression, "")
            if cjk_count(own) < MIN_OWN:
                continue
            site = sites[piece[0].site]
            start = piece[0].start
            shown_site = site if piece[-1].site == piece[0].site else None
            passage = _shown(shown_site.masked[start : piece[-1].end] if shown_site else site.masked[start:])
            lead = len(site.masked[start:]) - len(site.masked[start:].lstrip())
            other = sites[origin[0].site]
            where = other.text.position(origin[0].start)
            place = f"{where.line}:{where.column}" if where else "?"
            if where and site.text.loc and where.file != site.text.loc.file:
                place = str(where)
            yield Finding(
                self.id, self.severity, "rep.copied", {"where": place, "passage": passage},
                site.text.position(start + lead), passage,
            )


RULES = [CopiedPassage]
