"""Word lists the rules use, kept as data that editors can extend.

The lists ship in yearbook/check/data/. A data folder may add its own entries in
`校对.yaml` (or `checks.yaml`) next to book.yaml:

    规范表述:            # expressions — fixed official expressions
      - 铸牢中华民族共同体意识
    错别字:              # typos — wrong form: right form
      按装: 安装
    放行:                # allow — text that is right here although a rule flags it
      - 常委常委会议
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from yearbook.diagnostics import Diagnostic, Location, YearbookError
from yearbook.i18n import register
from yearbook.load.nodes import Mapping, Node, Reader, Scalar, Sequence

register(
    {
        "check.words_not_mapping": (
            "校对词表应为“规范表述:”“错别字:”“放行:”几段键值内容",
            "the word list should hold the sections expressions:, typos: and allow:",
        ),
        "check.words_unknown_key": (
            "校对词表中没有“{key}”这一段；可用：{keys}",
            "the word list has no section '{key}'; use: {keys}",
        ),
        "check.words_expected_list": (
            "这里应为词语列表，每行一个，以“- ”开头",
            "expected a list of words, one per line starting with '- '",
        ),
        "check.words_expected_word": ("这里应为一个词语（文字）", "expected a word (text)"),
        "check.words_expected_pairs": (
            "错别字应写成“错的写法: 对的写法”，每行一对",
            "typos are written 'wrong: right', one pair per line",
        ),
    }
)

DATA_DIR = Path(__file__).parent / "data"
USER_FILES = ("校对.yaml", "checks.yaml")
_KEYS = {
    "expressions": ("expressions", "规范表述"),
    "typos": ("typos", "错别字"),
    "allow": ("allow", "放行"),
}


@dataclass
class Resources:
    expressions: list[str] = field(default_factory=list)
    # wrong form → right form
    typos: dict[str, str] = field(default_factory=dict)
    # per character c: {before: words ending in c, after: words starting with c}, so "cc"
    # across a word boundary is right
    doubling: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    # ABAB that is real reduplication (研究研究)
    reduplication: list[str] = field(default_factory=list)
    # counts of records named in text: see data/counts.yaml
    counts: dict[str, Any] = field(default_factory=dict)
    allow: list[str] = field(default_factory=list)


def _read(path: Path) -> Any:
    with path.open(encoding="utf-8-sig") as fh:
        return yaml.safe_load(fh) or {}


def _merge_user(res: Resources, path: Path, data_dir: Path) -> None:
    """An editors' word list, read like the data (located messages, no YAML typing)."""
    reader = Reader(data_dir)
    root = reader.read(path)
    if [d.code for d in reader.diagnostics] == ["yaml.empty"]:
        return  # a list not yet filled in (or all comments) adds nothing
    if reader.diagnostics:
        raise YearbookError(reader.diagnostics)
    if root is None:
        return
    if not isinstance(root, Mapping):
        raise YearbookError([_invalid("check.words_not_mapping", root.loc)])
    problems: list[Diagnostic] = []
    names = {name: key for key, names in _KEYS.items() for name in names}
    for key, value in root.items:
        kind = names.get(key.value)
        if kind is None:
            shown = "、".join(f"{zh}（{en}）" for en, zh in _KEYS.values())
            problems.append(_invalid("check.words_unknown_key", key.loc, key=key.value, keys=shown))
        elif kind == "typos":
            pairs = _typo_pairs(value, problems)
            res.typos.update(pairs)
        else:
            words = _words(value, problems)
            (res.expressions if kind == "expressions" else res.allow).extend(words)
    if problems:
        raise YearbookError(problems)


def _invalid(code: str, loc: Location, **args: object) -> Diagnostic:
    return Diagnostic(code, dict(args), loc)


def _words(node: Node, problems: list[Diagnostic]) -> list[str]:
    if not isinstance(node, Sequence):
        problems.append(_invalid("check.words_expected_list", node.loc))
        return []
    out = []
    for item in node.items:
        if isinstance(item, Scalar) and item.value.strip():
            out.append(item.value.strip())
        else:
            problems.append(_invalid("check.words_expected_word", item.loc))
    return out


def _typo_pairs(node: Node, problems: list[Diagnostic]) -> dict[str, str]:
    if not isinstance(node, Mapping):
        problems.append(_invalid("check.words_expected_pairs", node.loc))
        return {}
    out = {}
    for wrong, right in node.items:
        if isinstance(right, Scalar) and wrong.value.strip() and right.value.strip():
            out[wrong.value.strip()] = right.value.strip()
        else:
            problems.append(_invalid("check.words_expected_pairs", wrong.loc))
    return out


def load_resources(data_dir: Path | None = None) -> Resources:
    expressions = _read(DATA_DIR / "expressions.yaml")
    typos = _read(DATA_DIR / "typos.yaml")
    repetition = _read(DATA_DIR / "repetition.yaml")
    counts = _read(DATA_DIR / "counts.yaml")
    res = Resources(
        expressions=list(expressions["expressions"]),
        typos=dict(typos["typos"]),
        doubling={k: dict(v) for k, v in repetition["doubling"].items()},
        reduplication=list(repetition["reduplication"]),
        counts=counts,
    )
    if data_dir is not None:
        for name in USER_FILES:
            if (data_dir / name).is_file():
                _merge_user(res, data_dir / name, data_dir)
    return res
