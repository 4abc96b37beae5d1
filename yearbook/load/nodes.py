"""Strict YAML reading: text to located, untyped nodes.

YAML 1.1 resolvers turn `no` into False, `09:30` into 570 and `2022-02-28` into a
date before the schema can say what a field means. Here every scalar stays text;
the schema types it. Only the YAML composer runs (no constructor), so no tag can
build an object. Duplicate keys, anchors and aliases, and explicit tags are
errors; `{include: file}` is replaced by that file's content, within the data
folder. libyaml's C parser does the scanning when it is installed; positions are
computed from the text (see guard.Lines), so they do not depend on which parser ran.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from yearbook.diagnostics import Diagnostic, Location, Severity, display_path
from yearbook.i18n import register
from yearbook.load.guard import Lines, Problem, check_escapes, decode, invisible_breaks, raw_controls
from yearbook.load.yaml_errors import explain

register(
    {
        "yaml.unreadable": ("无法读取文件：{reason}", "cannot read the file: {reason}"),
        "yaml.syntax": ("YAML 格式错误：{problem}", "YAML syntax error: {problem}"),
        "yaml.multiple_documents": (
            "一个文件只能有一个文档（去掉多余的 ---）",
            "a file may hold only one document (remove the extra ---)",
        ),
        "yaml.duplicate_key": (
            "键“{key}”重复，第一次出现在第 {line} 行",
            "duplicate key '{key}', first given on line {line}",
        ),
        "yaml.alias": (
            "不支持锚点和别名（& 和 *），请直接写出内容",
            "anchors and aliases (& and *) are not supported; write the content out",
        ),
        "yaml.tag": (
            "不支持标签“{tag}”：数据只能是文字、列表和键值",
            "tag '{tag}' is not allowed: data is text, lists and mappings only",
        ),
        "yaml.key_not_text": ("键必须是文字", "a key must be text"),
        "yaml.comment_in_value": (
            "“{dropped}”没有进入年鉴：文字中间的“ #”（空格加井号）在 YAML 里开始一个注释，"
            "本行其后的文字都被略去；如果它们是内容，请给整个值加引号，如 \"{example}\"",
            "'{dropped}' is not in the yearbook: ' #' (a space and a hash) inside a value starts a "
            "YAML comment, and the rest of the line is left out; if it is content, quote the "
            "whole value, e.g. \"{example}\"",
        ),
        "include.outside": (
            "引用的文件“{target}”不在数据文件夹内",
            "included file '{target}' is outside the data folder",
        ),
        "include.missing": ("引用的文件“{target}”不存在", "included file '{target}' does not exist"),
        "include.cycle": ("文件循环引用：{chain}", "include cycle: {chain}"),
        "include.too_deep": (
            "文件层层引用超过 {limit} 层：请检查 include 是否引用错了文件",
            "files include each other more than {limit} levels deep: check the includes",
        ),
        "include.not_text": (
            "include 的值应为文件路径", "the value of include must be a file path"
        ),
        "yaml.empty": ("文件是空的", "the file is empty"),
        "yaml.too_deep": (
            "嵌套超过 {limit} 层，数据不会有这么深：多半是括号“[”或“{{”没有配对，或缩进不断加深",
            "nested deeper than {limit} levels, which no data needs: probably an unclosed "
            "'[' or '{{', or ever deeper indentation",
        ),
    }
)

INCLUDE_KEYS = ("include", "包含")

# A comment right after a plain value whose text starts at the hash (`完成 #2机组检修`) is
# almost always content the user meant: comments are written "# 注释", with a space.
_COMMENT_AFTER_VALUE = re.compile(r"[ \t]+#(?=[^\s#])[^\r\n]*")


@dataclass
class Node:
    loc: Location


@dataclass
class Scalar(Node):
    value: str
    # The YAML scalar style (None plain, "'" '"' "|" ">") and the source lines,
    # so a position inside the text can be mapped back to the file.
    style: str | None = None
    source_lines: list[str] | None = field(default=None, repr=False)
    end_line: int = 0  # the line the scalar ends on; 0 when not known


@dataclass
class Sequence(Node):
    items: list[Node]


@dataclass
class Mapping(Node):
    items: list[tuple[Scalar, Node]]

    def get(self, key: str) -> Node | None:
        for k, v in self.items:
            if k.value == key:
                return v
        return None


MAX_DEPTH = 100  # nesting levels in one file; real data needs fewer than ten
MAX_INCLUDE_DEPTH = 30  # files including files; a book with unit folders needs four or five

_PLAIN_TAGS = {
    None,
    "!",
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}

try:  # libyaml's parser when PyYAML was built with it; the same events, in C
    from yaml._yaml import CParser as _CParser
except ImportError:  # pragma: no cover - depends on how PyYAML was installed
    _CParser = None


class _PyParser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    """PyYAML's pure-Python parser: events only, no composer or constructor."""

    def __init__(self, stream: str):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)


class _MultipleDocuments(Exception):
    def __init__(self, mark: yaml.Mark):
        self.mark = mark


class _TooDeep(Exception):
    def __init__(self, mark: yaml.Mark):
        self.mark = mark


def _events(parser: object) -> list[yaml.Event]:
    """The events of the first document; a second document is an error."""
    get = parser.get_event  # type: ignore[attr-defined]
    out = []
    documents = 0
    try:
        while True:
            event = get()
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise _MultipleDocuments(event.start_mark)
            out.append(event)
            if isinstance(event, yaml.StreamEndEvent):
                return out
    finally:
        parser.dispose()  # type: ignore[attr-defined]


def parse_events(text: str) -> list[yaml.Event]:
    """libyaml's events when it is there and reads the text; otherwise PyYAML's own,
    whose errors (and only those) the messages are written for. Both give positions
    as character indexes into `text`, which is what `Lines` maps."""
    if _CParser is not None:
        try:
            return _events(_CParser(text))
        except yaml.YAMLError:
            pass  # parse again below, for PyYAML's message and position
    return _events(_PyParser(text))


class Reader:
    """Reads a root file and its includes, collecting every problem found."""

    def __init__(self, root_dir: Path):
        self.root_dir = root_dir.resolve()
        self.diagnostics: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []  # the data is read, but something may be amiss
        self.files: dict[Path, str] = {}  # every file read, for fixers and checks

    def name(self, path: Path) -> str:
        return display_path(path, self.root_dir)

    def error(self, message: str, loc: Location | None, **args: object) -> None:
        self.diagnostics.append(Diagnostic(message, dict(args), loc))

    def read(self, path: Path, chain: tuple[Path, ...] = ()) -> Node | None:
        path = path.resolve()
        name = self.name(path)
        file_loc = Location(name, 1, 1)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            self.error("yaml.unreadable", file_loc, reason=exc.strerror or str(exc))
            return None
        text = decode(raw)
        if isinstance(text, Problem):
            line, column = text.position or (1, 1)
            self.error(text.code, Location(name, line, column), **text.args)
            return None
        self.files[path] = text
        lines = Lines(text)
        controls = raw_controls(text)
        if controls:
            for problem in controls:
                self._problem(name, lines, problem)
            return None
        breaks = invisible_breaks(text)
        for problem in breaks:
            self._problem(name, lines, problem)
        try:
            events = parse_events(text)
        except _MultipleDocuments as exc:
            self.error("yaml.multiple_documents", self._at(name, lines, exc.mark.index))
            return None
        except yaml.MarkedYAMLError as exc:
            problem = explain(exc, lines)
            if not any(b.index == problem.index for b in breaks):  # said already
                self._problem(name, lines, problem)
            return None
        if len(events) <= 2:  # stream start and end: nothing but comments
            self.error("yaml.empty", file_loc)
            return None
        composer = _Composer(self, path, name, text, lines, (*chain, path), iter(events[2:]))
        try:
            return composer.node(next(composer.events), 0)
        except _TooDeep as exc:
            self.error("yaml.too_deep", self._at(name, lines, exc.mark.index), limit=MAX_DEPTH)
            return None

    def _at(self, name: str, lines: Lines, index: int) -> Location:
        line, column = lines.position(index)
        return Location(name, line, column)

    def _problem(self, name: str, lines: Lines, problem: Problem) -> None:
        self.error(problem.code, self._at(name, lines, problem.index), **problem.args)

    def _include(self, target: Node, path: Path, chain: tuple[Path, ...]) -> Node | None:
        if not isinstance(target, Scalar) or not target.value.strip():
            self.error("include.not_text", target.loc)
            return None
        resolved = (path.parent / target.value.strip()).resolve()
        if not resolved.is_relative_to(self.root_dir):
            self.error("include.outside", target.loc, target=target.value)
            return None
        if resolved in chain:
            names = " → ".join(self.name(p) for p in (*chain, resolved))
            self.error("include.cycle", target.loc, chain=names)
            return None
        if len(chain) >= MAX_INCLUDE_DEPTH:
            self.error("include.too_deep", target.loc, limit=MAX_INCLUDE_DEPTH)
            return None
        if not resolved.is_file():
            self.error("include.missing", target.loc, target=target.value)
            return None
        return self.read(resolved, chain)


class _Composer:
    """Events of one file to nodes. Only the YAML composer's work is done (no
    constructor), so no tag can build an object; aliases are reported, not followed."""

    def __init__(
        self,
        reader: Reader,
        path: Path,
        name: str,
        text: str,
        lines: Lines,
        chain: tuple[Path, ...],
        events: Iterator[yaml.Event],
    ):
        self.reader, self.path, self.name, self.text = reader, path, name, text
        self.lines, self.chain, self.events = lines, chain, events
        self.source_lines = lines.source_lines()

    def loc(self, mark: yaml.Mark) -> Location:
        line, column = self.lines.position(mark.index)
        return Location(self.name, line, column)

    def loc_at(self, index: int) -> Location:
        line, column = self.lines.position(index)
        return Location(self.name, line, column)

    def node(self, event: yaml.Event, depth: int) -> Node | None:
        if depth > MAX_DEPTH:
            raise _TooDeep(event.start_mark)
        kind = type(event)
        loc = self.loc(event.start_mark)
        if kind is yaml.ScalarEvent:
            node: Node | None = self.scalar(event, loc)
        elif kind is yaml.SequenceStartEvent:
            node = self.sequence(loc, depth)
        elif kind is yaml.MappingStartEvent:
            node = self.mapping(loc, depth)
        else:  # an alias: the only other event inside a document
            self.reader.error("yaml.alias", loc)
            return Scalar(loc, "")
        if event.tag not in _PLAIN_TAGS:
            self.reader.error("yaml.tag", loc, tag=event.tag.replace("tag:yaml.org,2002:", "!!"))
            return None
        return node

    def scalar(self, event: yaml.ScalarEvent, loc: Location) -> Scalar:
        value, style = event.value, event.style or None
        if style == '"':
            value, problems = check_escapes(self.text, event.start_mark.index, value)
            for problem in problems:
                self.reader._problem(self.name, self.lines, problem)
        end = event.end_mark.index
        end_line = self.lines.position(end)[0]
        if style is None:
            comment = _COMMENT_AFTER_VALUE.match(self.text, end)
            if comment is not None:
                self._comment_after_value(value, comment)
        return Scalar(loc, value, style, self.source_lines, end_line)

    def _comment_after_value(self, value: str, comment: re.Match[str]) -> None:
        dropped = comment.group().strip()
        example = f"{value}{comment.group()}".strip().replace('"', '\\"')
        hash_at = comment.start() + comment.group().index("#")
        self.reader.warnings.append(
            Diagnostic(
                "yaml.comment_in_value", {"dropped": dropped, "example": example},
                self.loc_at(hash_at), severity=Severity.WARNING,
            )
        )

    def sequence(self, loc: Location, depth: int) -> Sequence:
        items = []
        get = self.events.__next__
        while True:
            event = get()
            if type(event) is yaml.SequenceEndEvent:
                return Sequence(loc, items)
            item = self.node(event, depth + 1)
            if item is not None:
                items.append(item)

    def mapping(self, loc: Location, depth: int) -> Node | None:
        pairs: list[tuple[Scalar, Node]] = []
        first_line: dict[str, int] = {}
        get = self.events.__next__
        while True:
            event = get()
            if type(event) is yaml.MappingEndEvent:
                break
            key = self.node(event, depth + 1)
            value = self.node(get(), depth + 1)
            if key is None:
                continue
            if not isinstance(key, Scalar):
                self.reader.error("yaml.key_not_text", key.loc)
                continue
            if key.value in first_line:
                self.reader.error(
                    "yaml.duplicate_key", key.loc, key=key.value, line=first_line[key.value]
                )
                continue
            first_line[key.value] = key.loc.line
            if value is not None:
                pairs.append((key, value))
        if len(pairs) == 1 and pairs[0][0].value in INCLUDE_KEYS:
            return self.reader._include(pairs[0][1], self.path, self.chain)
        return Mapping(loc, pairs)


def position_in(scalar: Scalar, offset: int) -> Location:
    """Where character `offset` of a scalar's value stands in its file.

    Exact for plain and quoted one-line scalars and for literal blocks (`|`),
    which is how text is written; close for plain and quoted scalars and folded
    blocks (`>`) over several lines (never outside them).
    """
    loc = scalar.loc
    value = scalar.value
    one_line = scalar.end_line in (0, loc.line)
    if scalar.style in (None, "'", '"') and "\n" not in value and one_line:
        quote = 1 if scalar.style else 0
        return Location(loc.file, loc.line, loc.column + quote + offset)
    if scalar.style in (None, "'", '"') and scalar.source_lines is not None:
        return _in_folded_lines(scalar, offset)
    if scalar.style == "|" and scalar.source_lines is not None:
        line_index = value.count("\n", 0, offset)
        line_start = value.rfind("\n", 0, offset) + 1
        src_line = loc.line + line_index  # loc is the indicator line (1-based)
        if src_line < len(scalar.source_lines):
            text = scalar.source_lines[src_line]
            line_end = value.find("\n", line_start)
            in_value = value[line_start : line_end if line_end >= 0 else len(value)]
            # The source line is the block's indentation followed by the value's line
            # (which keeps any deeper indentation as text).
            if text.endswith(in_value):
                indent = len(text) - len(in_value)
            else:
                indent = len(text) - len(text.lstrip(" "))
            return Location(loc.file, src_line + 1, indent + 1 + offset - line_start)
    if scalar.style == ">" and scalar.source_lines is not None:
        return _in_folded_block(scalar, offset)
    return loc


def _in_folded_block(scalar: Scalar, offset: int) -> Location:
    """A folded block (`>`): its lines start below the indicator, less the block's
    indentation (a more-indented line keeps the rest as text); joined as below."""
    lines = scalar.source_lines or []
    last = min(scalar.end_line or len(lines), len(lines))
    row = scalar.loc.line + 1  # 1-based: the first line under the indicator
    while row < last and not lines[row - 1].strip():
        row += 1
    if row > len(lines):
        return scalar.loc
    first = lines[row - 1]
    indent = len(first) - len(first.lstrip(" "))
    return _walk_lines(scalar, offset, row, last, indent, block_indent=indent)


def _in_folded_lines(scalar: Scalar, offset: int) -> Location:
    """A plain or quoted scalar over several lines, the indentation dropped."""
    lines = scalar.source_lines or []
    loc = scalar.loc
    last = min(scalar.end_line or loc.line, len(lines))
    start = loc.column - 1 + (1 if scalar.style else 0)
    return _walk_lines(scalar, offset, loc.line, last, start)


def _walk_lines(
    scalar: Scalar, offset: int, row: int, last: int, start: int, block_indent: int | None = None
) -> Location:
    """Finds character `offset` of a value YAML joined from source lines `row`..`last`
    (1-based; the first read from column `start`): a break became one character (a
    space, or a newline kept in a block), a break and n blank lines n newlines. Later
    lines lose their indentation, or only `block_indent` of it in a folded block."""
    lines = scalar.source_lines or []
    segment = lines[row - 1][start:].rstrip() if row <= len(lines) else ""
    remaining = offset
    while remaining > len(segment) and row < last:
        row += 1
        blank = 0
        while row < last and not lines[row - 1].strip():
            row, blank = row + 1, blank + 1
        text = lines[row - 1]
        if not text.strip():
            break  # the value ended in blank lines
        remaining -= len(segment) + max(1, blank)
        start = block_indent if block_indent is not None else len(text) - len(text.lstrip())
        segment = text[start:].rstrip()
    column = start + max(0, min(remaining, len(segment))) + 1
    return Location(scalar.loc.file, row, column)
