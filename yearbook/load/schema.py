"""A small declarative schema: located nodes to typed values, every error collected.

Each field has an English key and a Chinese alias. Values are typed here, by what
the field means, never by how YAML would guess them.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from yearbook import dates
from yearbook.diagnostics import Diagnostic, Location
from yearbook.i18n import register
from yearbook.load.nodes import Mapping, Node, Scalar, Sequence
from yearbook.text import Text

register(
    {
        "schema.expected_text": ("应为文字", "expected text"),
        "schema.expected_list": ("应为列表（每项以“- ”开头）", "expected a list (items starting with '- ')"),
        "schema.expected_mapping": ("应为“键: 值”形式的内容", "expected 'key: value' entries"),
        "schema.expected_int": ("应为整数，而不是“{value}”", "expected a whole number, not '{value}'"),
        "schema.int_range": (
            "数值 {value} 超出范围（{low}—{high}）",
            "{value} is out of range ({low}–{high})",
        ),
        "schema.expected_bool": (
            "应为 true 或 false（是 或 否），而不是“{value}”",
            "expected true or false, not '{value}'",
        ),
        "schema.empty": ("不能为空", "must not be empty"),
        "schema.missing": ("缺少必填字段“{key}”（{alias}）", "missing required field '{key}' ({alias})"),
        "schema.unknown_key": ("未知字段“{key}”", "unknown field '{key}'"),
        "schema.bad_choice": (
            "“{value}”不是可选值；可选：{choices}",
            "'{value}' is not one of: {choices}",
        ),
        "schema.bad_date": (
            "日期“{value}”无法识别；请写成 2022-02-28、2022-02-21/23、2022-06-08, 2022-06-14 或 2022-09",
            "cannot read the date '{value}'; write 2022-02-28, 2022-02-21/23, "
            "2022-06-08, 2022-06-14 or 2022-09",
        ),
        "schema.date_order": (
            "日期“{value}”的先后顺序不对（结束早于开始，或列表未按时间排列）",
            "the date '{value}' is out of order (ends before it starts, or a list not in order)",
        ),
        "schema.both_keys": (
            "“{a}”和“{b}”只能写一个",
            "give either '{a}' or '{b}', not both",
        ),
    }
)


class Invalid:
    """Marker for a value that failed; the error is already recorded."""


INVALID = Invalid()


class Context:
    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []

    def error(self, message: str, loc: Location | None, path: str, **args: object) -> Invalid:
        self.diagnostics.append(Diagnostic(message, dict(args), loc, path))
        return INVALID


class Kind:
    def convert(self, node: Node, ctx: Context, path: str) -> Any:
        raise NotImplementedError


def _scalar(node: Node, ctx: Context, path: str) -> Scalar | Invalid:
    if isinstance(node, Scalar):
        return node
    return ctx.error("schema.expected_text", node.loc, path)


class TextKind(Kind):
    def __init__(self, allow_empty: bool = False):
        self.allow_empty = allow_empty

    def convert(self, node: Node, ctx: Context, path: str) -> Text | Invalid:
        s = _scalar(node, ctx, path)
        if isinstance(s, Invalid):
            return s
        if not s.value.strip() and not self.allow_empty:
            return ctx.error("schema.empty", s.loc, path)
        # Block scalars end with a newline the user did not mean as text.
        value = s.value.rstrip("\n") if s.style in ("|", ">") else s.value
        return Text(value, s)


class IntKind(Kind):
    def __init__(self, low: int = 0, high: int = 10**9):
        self.low, self.high = low, high

    def convert(self, node: Node, ctx: Context, path: str) -> int | Invalid:
        s = _scalar(node, ctx, path)
        if isinstance(s, Invalid):
            return s
        raw = s.value.strip()
        if not raw.isascii() or not raw.isdigit():
            return ctx.error("schema.expected_int", s.loc, path, value=s.value)
        value = int(raw)
        if not self.low <= value <= self.high:
            return ctx.error("schema.int_range", s.loc, path, value=value, low=self.low, high=self.high)
        return value


class BoolKind(Kind):
    TRUE = frozenset({"true", "是"})
    FALSE = frozenset({"false", "否"})

    def convert(self, node: Node, ctx: Context, path: str) -> bool | Invalid:
        s = _scalar(node, ctx, path)
        if isinstance(s, Invalid):
            return s
        raw = s.value.strip().lower()
        if raw in self.TRUE:
            return True
        if raw in self.FALSE:
            return False
        return ctx.error("schema.expected_bool", s.loc, path, value=s.value)


class ChoiceKind(Kind):
    """One of an Enum's values, written in English or by its Chinese name."""

    def __init__(self, enum: type[Enum], chinese: dict[str, str]):
        self.enum = enum
        self.lookup = {m.value: m for m in enum}
        self.lookup.update({zh: enum(en) for en, zh in chinese.items()})
        self.shown = "、".join(f"{en}（{zh}）" for en, zh in chinese.items())

    def convert(self, node: Node, ctx: Context, path: str) -> Enum | Invalid:
        s = _scalar(node, ctx, path)
        if isinstance(s, Invalid):
            return s
        member = self.lookup.get(s.value.strip())
        if member is None:
            return ctx.error("schema.bad_choice", s.loc, path, value=s.value, choices=self.shown)
        return member


class DateKind(Kind):
    def convert(self, node: Node, ctx: Context, path: str) -> dates.DateValue | Invalid:
        if isinstance(node, Sequence):
            parts = [_scalar(n, ctx, path) for n in node.items]
            if any(isinstance(p, Invalid) for p in parts):
                return INVALID
            raw = ", ".join(p.value for p in parts)
        else:
            s = _scalar(node, ctx, path)
            if isinstance(s, Invalid):
                return s
            raw = s.value
        try:
            return dates.parse(raw)
        except dates.DateOrderError:
            return ctx.error("schema.date_order", node.loc, path, value=raw)
        except dates.DateSyntaxError:
            return ctx.error("schema.bad_date", node.loc, path, value=raw)


class ListKind(Kind):
    def __init__(self, item: Kind, split_text: str | None = None):
        self.item = item
        self.split_text = split_text  # a scalar may list items separated by this mark

    def convert(self, node: Node, ctx: Context, path: str) -> list | Invalid:
        if isinstance(node, Scalar) and self.split_text is not None:
            text = Text(node.value, node)
            out, start = [], 0
            for piece in node.value.split(self.split_text):
                if piece.strip():
                    lead = len(piece) - len(piece.lstrip())
                    out.append(text.part(start + lead, start + lead + len(piece.strip())))
                start += len(piece) + len(self.split_text)
            return out
        if not isinstance(node, Sequence):
            return ctx.error("schema.expected_list", node.loc, path)
        values = [self.item.convert(n, ctx, f"{path}[{i}]") for i, n in enumerate(node.items)]
        return [v for v in values if not isinstance(v, Invalid)]


@dataclass
class Field:
    key: str
    alias: str
    kind: Kind
    required: bool = False
    attr: str | None = None  # model attribute, when it differs from the key
    doc: str = ""  # Chinese description: the JSON Schema, editor hints and the manual show it


class ObjectKind(Kind):
    """A mapping with declared fields, built into `build(**values, loc=...)`."""

    def __init__(
        self,
        build: Callable[..., Any],
        fields: list[Field],
        exclusive: tuple[str, str] | None = None,
    ):
        self.build = build
        self.fields = fields
        self.by_name = {f.key: f for f in fields} | {f.alias: f for f in fields}
        self.exclusive = exclusive

    def convert(self, node: Node, ctx: Context, path: str) -> Any:
        if not isinstance(node, Mapping):
            return ctx.error("schema.expected_mapping", node.loc, path)
        values: dict[str, Any] = {}
        locs: dict[str, Location] = {}
        given: dict[str, Scalar] = {}
        failed = False
        for key, value_node in node.items:
            spec = self.by_name.get(key.value)
            sub = f"{path}.{key.value}" if path else key.value
            if spec is None:
                self._unknown(key, ctx, sub)
                failed = True
                continue
            if spec.key in given:
                ctx.error("yaml.duplicate_key", key.loc, sub, key=key.value, line=given[spec.key].loc.line)
                failed = True
                continue
            given[spec.key] = key
            value = spec.kind.convert(value_node, ctx, sub)
            if isinstance(value, Invalid):
                failed = True
            else:
                values[spec.attr or spec.key] = value
                locs[spec.attr or spec.key] = value_node.loc
        for spec in self.fields:
            if spec.required and spec.key not in given:
                ctx.error("schema.missing", node.loc, path, key=spec.key, alias=spec.alias)
                failed = True
        if self.exclusive and all(k in given for k in self.exclusive):
            a, b = self.exclusive
            ctx.error("schema.both_keys", given[b].loc, path, a=a, b=b)
            failed = True
        if failed:
            return INVALID
        built = self.build(**values, loc=node.loc)
        if hasattr(built, "field_locs"):
            built.field_locs = locs
        return built

    def _unknown(self, key: Scalar, ctx: Context, path: str) -> None:
        names = list(self.by_name)
        close = difflib.get_close_matches(key.value, names, n=1, cutoff=0.6)
        if not close:
            lowered = {n.lower(): n for n in names}
            close = [lowered[key.value.lower()]] if key.value.lower() in lowered else []
        if close:
            ctx.error("schema.unknown_key_hint", key.loc, path, key=key.value, suggestion=close[0])
        else:
            ctx.error("schema.unknown_key", key.loc, path, key=key.value)


register(
    {
        "schema.unknown_key_hint": (
            "未知字段“{key}”，是否应为“{suggestion}”？",
            "unknown field '{key}'; did you mean '{suggestion}'?",
        )
    }
)
