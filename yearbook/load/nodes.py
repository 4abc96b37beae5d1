"""Strict YAML reading: text to located, untyped nodes.

YAML 1.1 resolvers turn `no` into False, `09:30` into 570 and `2022-02-28` into a
date before the schema can say what a field means. Here every scalar stays text;
the schema types it. Only the YAML composer runs (no constructor), so no tag can
build an object. Duplicate keys, anchors and aliases, and explicit tags are
errors; `{include: file}` is replaced by that file's content, within the data
folder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from yearbook.diagnostics import Diagnostic, Location, display_path
from yearbook.i18n import register

register(
    {
        "yaml.unreadable": ("无法读取文件：{reason}", "cannot read the file: {reason}"),
        "yaml.encoding": (
            "文件不是 UTF-8 编码，请在编辑器中另存为 UTF-8",
            "the file is not UTF-8; save it as UTF-8 in your editor",
        ),
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
        "include.outside": (
            "引用的文件“{target}”不在数据文件夹内",
            "included file '{target}' is outside the data folder",
        ),
        "include.missing": ("引用的文件“{target}”不存在", "included file '{target}' does not exist"),
        "include.cycle": ("文件循环引用：{chain}", "include cycle: {chain}"),
        "include.not_text": (
            "include 的值应为文件路径", "the value of include must be a file path"
        ),
        "yaml.empty": ("文件是空的", "the file is empty"),
    }
)

INCLUDE_KEYS = ("include", "包含")


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


class _ComposeOnly(yaml.SafeLoader):
    """A loader whose resolver gives every plain scalar the str tag, and which
    records aliases instead of sharing nodes (no alias bombs, exact positions)."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self.alias_marks: list[yaml.Mark] = []

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        if self.check_event(yaml.AliasEvent):
            event = self.get_event()
            self.alias_marks.append(event.start_mark)
            return yaml.ScalarNode("tag:yaml.org,2002:str", "", event.start_mark, event.end_mark)
        return super().compose_node(parent, index)


_ComposeOnly.yaml_implicit_resolvers = {}

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


class Reader:
    """Reads a root file and its includes, collecting every problem found."""

    def __init__(self, root_dir: Path):
        self.root_dir = root_dir.resolve()
        self.diagnostics: list[Diagnostic] = []
        self.files: dict[Path, str] = {}  # every file read, for fixers and checks

    def name(self, path: Path) -> str:
        return display_path(path, self.root_dir)

    def error(self, message: str, loc: Location | None, **args: object) -> None:
        self.diagnostics.append(Diagnostic(message, dict(args), loc))

    def read(self, path: Path, chain: tuple[Path, ...] = ()) -> Node | None:
        path = path.resolve()
        file_loc = Location(self.name(path), 1, 1)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            self.error("yaml.unreadable", file_loc, reason=exc.strerror or str(exc))
            return None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            self.error("yaml.encoding", file_loc)
            return None
        self.files[path] = text
        try:
            loader = _ComposeOnly(text)
            try:
                root = loader.get_single_node()
                for mark in loader.alias_marks:
                    self.error("yaml.alias", self._mark(path, mark))
            finally:
                loader.dispose()
        except yaml.composer.ComposerError as exc:
            if "single document" in str(exc.problem or ""):
                mark = exc.problem_mark
                self.error("yaml.multiple_documents", self._mark(path, mark))
            else:
                self._syntax(path, exc)
            return None
        except yaml.MarkedYAMLError as exc:
            self._syntax(path, exc)
            return None
        if root is None:
            self.error("yaml.empty", file_loc)
            return None
        lines = text.splitlines()
        return self._convert(root, path, lines, (*chain, path))

    def _syntax(self, path: Path, exc: yaml.MarkedYAMLError) -> None:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "?"
        self.error("yaml.syntax", self._mark(path, mark), problem=problem)

    def _mark(self, path: Path, mark: yaml.Mark | None) -> Location:
        if mark is None:
            return Location(self.name(path), 1, 1)
        return Location(self.name(path), mark.line + 1, mark.column + 1)

    def _convert(
        self,
        node: yaml.Node,
        path: Path,
        lines: list[str],
        chain: tuple[Path, ...],
    ) -> Node | None:
        loc = self._mark(path, node.start_mark)
        if node.tag not in _PLAIN_TAGS:
            self.error("yaml.tag", loc, tag=node.tag.replace("tag:yaml.org,2002:", "!!"))
            return None
        if isinstance(node, yaml.ScalarNode):
            return Scalar(loc, node.value, node.style, lines)
        if isinstance(node, yaml.SequenceNode):
            items = [self._convert(n, path, lines, chain) for n in node.value]
            return Sequence(loc, [i for i in items if i is not None])
        pairs: list[tuple[Scalar, Node]] = []
        first_line: dict[str, int] = {}
        for k_node, v_node in node.value:
            key = self._convert(k_node, path, lines, chain)
            if key is None:
                continue
            if not isinstance(key, Scalar):
                self.error("yaml.key_not_text", key.loc)
                continue
            if key.value in first_line:
                self.error("yaml.duplicate_key", key.loc, key=key.value, line=first_line[key.value])
                continue
            first_line[key.value] = key.loc.line
            value = self._convert(v_node, path, lines, chain)
            if value is not None:
                pairs.append((key, value))
        mapping = Mapping(loc, pairs)
        if len(pairs) == 1 and pairs[0][0].value in INCLUDE_KEYS:
            return self._include(pairs[0][1], path, chain)
        return mapping

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
        if not resolved.is_file():
            self.error("include.missing", target.loc, target=target.value)
            return None
        return self.read(resolved, chain)


def position_in(scalar: Scalar, offset: int) -> Location:
    """Where character `offset` of a scalar's value stands in its file.

    Exact for plain and quoted one-line scalars and for literal blocks (`|`),
    which is how text is written; other styles give the scalar's start.
    """
    loc = scalar.loc
    value = scalar.value
    if scalar.style in (None, "'", '"') and "\n" not in value:
        quote = 1 if scalar.style else 0
        return Location(loc.file, loc.line, loc.column + quote + offset)
    if scalar.style == "|" and scalar.source_lines is not None:
        line_index = value.count("\n", 0, offset)
        line_start = value.rfind("\n", 0, offset) + 1
        src_line = loc.line + line_index  # loc is the indicator line (1-based)
        if src_line < len(scalar.source_lines):
            text = scalar.source_lines[src_line]
            indent = len(text) - len(text.lstrip(" "))
            return Location(loc.file, src_line + 1, indent + 1 + offset - line_start)
    return loc
