"""A small declarative schema: located nodes to typed values, every error collected.

Each field has an English key and a Chinese alias. Values are typed here, by what
the field means, never by how YAML would guess them.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from yearbook import dates
from yearbook.diagnostics import Diagnostic, Location
from yearbook.i18n import register
from yearbook.load.nodes import Mapping, Node, Scalar, Sequence, position_in
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
    def __init__(self, allow_empty: bool = False, references: bool = True):
        self.allow_empty = allow_empty
        # False where text prints as written (records, tables): a `{{name}}` there would
        # reach the page literally.
        self.references = references

    def convert(self, node: Node, ctx: Context, path: str) -> Text | Invalid:
        s = _scalar(node, ctx, path)
        if isinstance(s, Invalid):
            return s
        if not s.value.strip() and not self.allow_empty:
            return ctx.error("schema.empty", s.loc, path)
        if not self.references and "{{" in s.value:
            at = s.value.index("{{")
            end = s.value.find("}}", at)
            shown = s.value[at : end + 2] if end >= 0 else s.value[at : at + 12]
            return ctx.error("schema.reference_not_here", position_in(s, at), path, ref=shown)
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
    def __init__(self, item: Kind, split_text: str | None = None, min_items: int = 0):
        self.item = item
        self.split_text = split_text  # a scalar may list items separated by this mark
        self.min_items = min_items

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
        if len(node.items) < self.min_items:
            return ctx.error("schema.list_too_short", node.loc, path, n=self.min_items)
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
            return _not_a_mapping(node, ctx, path)
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
        if key.value[:1] in ("\u3000", "\t"):  # indentation PyYAML took for part of the key
            ctx.error("schema.key_indented_wrongly", key.loc, path, key=key.value.strip("\u3000\t "))
            return
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


register(
    {
        "schema.reference_not_here": (
            "这里不能使用数据引用“{ref}”：引用只在正文（text、正文）中换成数字，记录和表格里的文字照原样排印；"
            "请直接写出内容",
            "the reference '{ref}' cannot be used here: references are replaced only in running "
            "text (text); records and tables print as written, so write the content out",
        ),
        "schema.list_too_short": (
            "至少要有 {n} 项（以“- ”开头），空表格会排出一个没有内容的表题",
            "needs at least {n} item(s) (starting with '- '); an empty table prints a caption "
            "over nothing",
        ),
        "schema.key_indented_wrongly": (
            "字段“{key}”前面是全角空格（U+3000）或 Tab：缩进只能用半角空格，请切换到英文输入法，"
            "删掉行首的空白后用空格键重新缩进",
            "the field '{key}' is preceded by a full-width space (U+3000) or a Tab: indent with "
            "ordinary spaces only",
        ),
        "schema.expected_mapping_fullwidth_colon": (
            "应为“键: 值”形式的内容；这里“{key}”后面是全角冒号“：”，请改为半角冒号加空格“: ”",
            "expected 'key: value'; '{key}' is followed by a full-width colon '：', use ': '",
        ),
        "schema.expected_mapping_no_space": (
            "应为“键: 值”形式的内容；这里“{key}:”的冒号后面缺少空格，请在冒号后空一格",
            "expected 'key: value'; the colon after '{key}' needs a space after it",
        ),
    }
)

_FULLWIDTH_COLON_KEY = re.compile(r"^([A-Za-z_]+|[\u4e00-\u9fff]{1,8})：")
_TIGHT_COLON_KEY = re.compile(r"^([A-Za-z_]+|[\u4e00-\u9fff]{1,8}):(?=\S)")


def _not_a_mapping(node: Node, ctx: Context, path: str) -> Invalid:
    """`key: value` expected; say so, and name the typing slip when that is what it was."""
    if isinstance(node, Scalar):
        value = node.value.strip()
        for pattern, code in (
            (_FULLWIDTH_COLON_KEY, "schema.expected_mapping_fullwidth_colon"),
            (_TIGHT_COLON_KEY, "schema.expected_mapping_no_space"),
        ):
            found = pattern.match(value)
            if found:
                return ctx.error(code, node.loc, path, key=found.group(1))
    return ctx.error("schema.expected_mapping", node.loc, path)


def forbid_references(*kinds: Kind) -> None:
    """Make every text field under these kinds refuse `{{name}}`: text that prints as
    written (records, table cells) would otherwise show the braces on the page."""
    for kind in kinds:
        if isinstance(kind, ObjectKind):
            for spec in kind.fields:
                if isinstance(spec.kind, TextKind):
                    spec.kind = TextKind(spec.kind.allow_empty, references=False)
                else:
                    forbid_references(spec.kind)
        elif isinstance(kind, ListKind):
            if isinstance(kind.item, TextKind):
                kind.item = TextKind(kind.item.allow_empty, references=False)
            else:
                forbid_references(kind.item)
