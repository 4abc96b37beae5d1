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

import contextlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from yearbook.cachedir import cache_dir
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
        "check.words_invalid": (
            "校对词表格式有误：{reason}",
            "the proofreading word list is malformed: {reason}",
        ),
    }
)

DATA_DIR = Path(__file__).parent / "data"
USER_FILES = ("校对.yaml", "checks.yaml")
_KEYS = {
    "expressions": ("expressions", "规范表述"),
    "typos": ("typos", "错别字"),
    "allow": ("allow", "放行"),
    "counts": ("count_phrases", "计数短语"),
    "bodies": ("bodies", "机构简称"),
    "script_allow": ("traditional_allow", "繁体放行"),
}
_RECORD_KINDS = {"meetings", "proposals", "activities", "trainings", "member_changes"}
_MEETING_KINDS = {"chair", "standing", "plenary", "other"}


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
    # bodies that need their full name first: see data/names.yaml
    names: dict[str, Any] = field(default_factory=dict)
    # traditional characters a simplified text may hold (names: 於 as a surname)
    script_allow: list[str] = field(default_factory=list)
    allow: list[str] = field(default_factory=list)


# libyaml's parser when it is there: the word lists are read on every run.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read(path: Path) -> Any:
    with path.open(encoding="utf-8-sig") as fh:
        return yaml.load(fh, Loader=_LOADER) or {}


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
        elif kind == "counts":
            _collect(problems, _merge_counts, res, _plain(value), value.loc)
        elif kind == "bodies":
            _collect(problems, _merge_bodies, res, _plain(value), value.loc)
        else:
            words = _words(value, problems)
            target = {"expressions": res.expressions, "allow": res.allow, "script_allow": res.script_allow}
            target[kind].extend(words)
    if problems:
        raise YearbookError(problems)


def _plain(node: Node) -> Any:
    """A node as plain text, lists and dicts, for the sections with nested entries."""
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Sequence):
        return [_plain(item) for item in node.items]
    if isinstance(node, Mapping):
        return {key.value: _plain(value) for key, value in node.items}
    return None


def _collect(problems: list[Diagnostic], merge: Any, res: Resources, value: Any, loc: Location) -> None:
    try:
        merge(res, value, loc)
    except YearbookError as exc:
        problems.extend(exc.diagnostics)


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


def _malformed(reason: str, loc: Location) -> YearbookError:
    return YearbookError([Diagnostic("check.words_invalid", {"reason": reason}, loc)])


def _merge_counts(res: Resources, extra: Any, loc: Location) -> None:
    """计数短语: more verbs, units and record names for data.count-mismatch."""
    if extra is None:
        return
    if not isinstance(extra, dict):
        raise _malformed("计数短语应为键值表（verbs、units、nouns）", loc)
    for key in ("verbs", "units"):
        words = extra.get(key) or []
        if not isinstance(words, list):
            raise _malformed(f"计数短语的 {key} 应为列表", loc)
        res.counts[key] = [*res.counts.get(key, []), *(str(w) for w in words)]
    nouns = extra.get("nouns") or []
    if not isinstance(nouns, list):
        raise _malformed("计数短语的 nouns 应为列表", loc)
    for spec in nouns:
        if not isinstance(spec, dict) or not isinstance(spec.get("names"), list):
            raise _malformed("计数短语的 nouns 每项应有 names 列表和 records", loc)
        records, kind = spec.get("records"), spec.get("kind")
        if records not in _RECORD_KINDS:
            raise _malformed(f"records 应为 {'、'.join(sorted(_RECORD_KINDS))} 之一：{records}", loc)
        if kind is not None and kind not in _MEETING_KINDS:
            raise _malformed(f"kind 应为 {'、'.join(sorted(_MEETING_KINDS))} 之一：{kind}", loc)
        noun = dict(spec, names=[str(n) for n in spec["names"]])
        res.counts["nouns"] = [*res.counts.get("nouns", []), noun]


def _merge_bodies(res: Resources, extra: Any, loc: Location) -> None:
    """机构简称: more bodies whose first mention must be the full name."""
    if extra is None:
        return
    def valid(body: Any) -> bool:
        return (
            isinstance(body, dict)
            and bool(body.get("简称") or body.get("short"))
            and isinstance(body.get("全称") or body.get("full"), list)
        )

    if not isinstance(extra, list) or not all(valid(b) for b in extra):
        raise _malformed("机构简称应为列表，每项有“简称”和“全称”（列表）", loc)
    res.names["bodies"] = [*res.names.get("bodies", []), *extra]


_SHIPPED = ("expressions", "typos", "repetition", "counts", "names", "script")


def _shipped() -> dict[str, Any]:
    """The word lists that ship in data/, by name. Kept as JSON in the user's cache, by
    the files' times and sizes: parsing the YAML costs some 5 ms on every check."""
    paths = [DATA_DIR / f"{name}.yaml" for name in _SHIPPED]
    try:
        source = [[p.name, p.stat().st_mtime_ns, p.stat().st_size] for p in paths]
        cache = cache_dir() / "word-lists.json"
    except (OSError, RuntimeError):  # _read says what is missing; no home folder for a cache
        return {name: _read(path) for name, path in zip(_SHIPPED, paths, strict=True)}
    try:
        saved = json.loads(cache.read_text(encoding="utf-8"))
        if saved["source"] == source and set(saved["lists"]) == set(_SHIPPED):
            return saved["lists"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    lists = {name: _read(path) for name, path in zip(_SHIPPED, paths, strict=True)}
    text = json.dumps({"source": source, "lists": lists}, ensure_ascii=False)
    if json.loads(text)["lists"] != lists:
        return lists  # something JSON does not give back the same (a date, a number as key)
    tmp = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, cache)
    except OSError:  # a read-only cache only costs the next check the YAML again
        with contextlib.suppress(OSError):
            tmp.unlink()
    return lists


def load_resources(data_dir: Path | None = None) -> Resources:
    lists = _shipped()
    expressions, typos, repetition = lists["expressions"], lists["typos"], lists["repetition"]
    counts, names, script = lists["counts"], lists["names"], lists["script"]
    res = Resources(
        expressions=list(expressions["expressions"]),
        typos=dict(typos["typos"]),
        doubling={k: dict(v) for k, v in repetition["doubling"].items()},
        reduplication=list(repetition["reduplication"]),
        counts=counts,
        names=names,
        script_allow=list(script.get("allow") or []),
    )
    if data_dir is not None:
        merge_word_lists(res, data_dir)
    return res


def merge_word_lists(res: Resources, folder: Path) -> list[str]:
    """Adds a folder's `校对.yaml` (or `checks.yaml`) to `res`; returns its 放行 entries."""
    before = len(res.allow)
    for name in USER_FILES:
        if (folder / name).is_file():
            _merge_user(res, folder / name, folder)
    return res.allow[before:]


def merge_unit_word_lists(res: Resources, units: list[tuple[object, Path]]) -> dict[int, list[str]]:
    """A whole book: each unit folder's own word list joins the book's. Its expressions,
    typos, count phrases and bodies hold for the whole book; its 放行 entries only for the
    unit's own text, so they are taken out of `res.allow` and returned by id(unit)."""
    allow: dict[int, list[str]] = {}
    for unit, folder in units:
        before = len(res.allow)
        own = merge_word_lists(res, folder)
        del res.allow[before:]
        if own:
            allow[id(unit)] = own
    return allow
