"""JSON Schema for the data files, generated from the loader's own schema objects.

One source of truth: the Kind objects in yearbook/load/ (ObjectKind, ListKind, …)
are walked, so a field added there appears here with no second list to keep. Every
mapping becomes a definition in `definitions`, named by the key path under which it is
first reached (`chapters`, `chapters.records`, …); an included file is a fragment
and points at its definition (`.yearbook/chapter.schema.json`). Both the English key
and its Chinese alias are accepted, and `{include: file}` is accepted wherever a
value is. Values are as an editor's YAML parser sees them: `2023` may arrive as a
number, so text accepts numbers too; the loader stays the judge of meaning.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import yaml

from yearbook.load.nodes import INCLUDE_KEYS
from yearbook.load.schema import (
    BoolKind,
    ChoiceKind,
    DateKind,
    IntKind,
    Kind,
    ListKind,
    ObjectKind,
    TextKind,
)

# Draft 7: what VS Code's YAML extension (yaml-language-server) fully supports.
DRAFT = "http://json-schema.org/draft-07/schema#"
DEFS = "definitions"
INCLUDE_DEF = "include"
# The files a data folder is made of, and the definition each one follows.
ROOTS = {"book": "book", "chapter": "chapters", "records": "chapters.records"}
_SCALAR = ["string", "number", "integer", "boolean"]


class SchemaWriter:
    """Walks Kind objects into JSON Schema, one definition per ObjectKind."""

    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}
        self.names: dict[int, str] = {}

    # -- entry points --------------------------------------------------------------

    def document(self, root: ObjectKind, root_name: str, title: str) -> dict[str, Any]:
        ref = self.object_ref(root, "", root_name)
        self.defs[INCLUDE_DEF] = _include_schema()
        return {
            "$schema": DRAFT,
            "title": title,
            "$ref": ref["$ref"],
            DEFS: dict(sorted(self.defs.items())),
        }

    def schema_for(self, kind: Kind, path: str = "") -> dict[str, Any]:
        """One Kind's schema; call after `document` so the definitions are shared."""
        return self._bare(kind, path)

    # -- kinds -----------------------------------------------------------------------

    def kind(self, kind: Kind, path: str) -> dict[str, Any]:
        """The schema of one value, `{include: …}` allowed in its place."""
        schema = self._bare(kind, path)
        return {"anyOf": [schema, {"$ref": f"#/{DEFS}/{INCLUDE_DEF}"}]}

    def _bare(self, kind: Kind, path: str) -> dict[str, Any]:
        if isinstance(kind, ObjectKind):
            return self.object_ref(kind, path)
        if isinstance(kind, ListKind):
            items = {"type": "array", "items": self.kind(kind.item, path)}
            if kind.split_text is not None:
                return {"anyOf": [items, {"type": "string"}]}
            return items
        if isinstance(kind, ChoiceKind):
            return {"enum": list(kind.lookup)}
        if isinstance(kind, BoolKind):
            return {"anyOf": [{"type": "boolean"}, {"enum": sorted(BoolKind.TRUE | BoolKind.FALSE)}]}
        if isinstance(kind, IntKind):
            return {
                "anyOf": [
                    {"type": "integer", "minimum": kind.low, "maximum": kind.high},
                    {"type": "string", "pattern": r"^\s*[0-9]+\s*$"},
                ]
            }
        if isinstance(kind, DateKind):
            day = {"type": "string", "pattern": r"^\s*[0-9]{4}-[0-9]{1,2}"}
            return {"anyOf": [day, {"type": "array", "items": day}]}
        if isinstance(kind, TextKind):
            return {"type": _SCALAR} if kind.allow_empty else {"type": _SCALAR, "minLength": 1}
        if hasattr(kind, "json_schema"):  # a Kind that knows its own schema
            return kind.json_schema(self, path)
        return self._composite(kind, path)

    def _composite(self, kind: Kind, path: str) -> dict[str, Any]:
        """A Kind of its own making (a table that is generated or free, an article
        body item): any of the Kinds it delegates to, found on the instance and
        its class, or a scalar; unknown keys inside those are still rejected."""
        parts: list[Kind] = []
        for source in (vars(kind), *(vars(c) for c in type(kind).__mro__)):
            for value in source.values():
                if isinstance(value, Kind) and all(value is not p for p in parts):
                    parts.append(value)
        variants = [self._bare(p, f"{path}.{i + 1}" if len(parts) > 1 else path) for i, p in enumerate(parts)]
        return {"anyOf": [*variants, {"type": _SCALAR}]}

    def object_ref(self, kind: ObjectKind, path: str, name: str | None = None) -> dict[str, Any]:
        known = self.names.get(id(kind))
        if known is None:
            name = name or path or "root"
            while name in self.defs:
                name += "_"
            self.names[id(kind)] = name
            self.defs[name] = {}  # reserve: a kind may contain itself
            self.defs[name] = self._object(kind, path)
            known = name
        return {"$ref": f"#/{DEFS}/{known}"}

    def _object(self, kind: ObjectKind, path: str) -> dict[str, Any]:
        properties: dict[str, Any] = {}
        for f in kind.fields:
            sub = f"{path}.{f.key}" if path else f.key
            value = self.kind(f.kind, sub)
            required = "（必填）" if f.required else ""
            if f.alias == f.key:  # a fixed name with no Chinese alias (style paragraph names)
                properties[f.key] = {"description": f"{f.doc}{required}", **value}
                continue
            properties[f.key] = {"description": f"{f.doc}{required}（中文键：{f.alias}）", **value}
            properties[f.alias] = {"description": f"{f.doc}{required}（英文键：{f.key}）", **value}
        schema: dict[str, Any] = {
            "type": "object",
            "properties": properties,
            "additionalProperties": False,
        }
        rules = [
            {"anyOf": [{"required": [f.key]}, {"required": [f.alias]}]} for f in kind.fields if f.required
        ]
        if kind.exclusive:
            a, b = (kind.by_name[k] for k in kind.exclusive)
            both = [{"required": [x, y]} for x in (a.key, a.alias) for y in (b.key, b.alias)]
            rules.append({"not": {"anyOf": both}})
        if rules:
            schema["allOf"] = rules
        return schema


def _include_schema() -> dict[str, Any]:
    path = {"type": "string", "minLength": 1, "description": "要引入的文件，相对于本文件所在文件夹"}
    return {
        "description": "引入另一个文件的内容：include: 文件名.yaml（或 包含: 文件名.yaml）",
        "type": "object",
        "properties": {key: path for key in INCLUDE_KEYS},
        "minProperties": 1,
        "maxProperties": 1,
        "additionalProperties": False,
    }


def style_schema() -> dict[str, Any]:
    """The schema of a style file (a copy of yearbook/styles/yearbook.yaml, say)."""
    from yearbook.style import STYLE

    return SchemaWriter().document(STYLE, "style", "年鉴版式文件（yearbook）")


def data_schema(root: str = "book") -> dict[str, Any]:
    """The schema for one kind of data file: book, chapter or records (see ROOTS),
    a style file ("style"), or any definition name; every definition is included
    so a file can use them."""
    from yearbook.load.book import BOOK

    if root == "style":
        return style_schema()

    writer = SchemaWriter()
    full = writer.document(BOOK, "book", "年鉴数据文件（yearbook）")
    target = ROOTS.get(root, root)
    if target not in full[DEFS]:
        raise KeyError(root)
    full["$ref"] = f"#/{DEFS}/{target}"
    full["title"] = f"年鉴数据文件：{root}"
    return full


def definition_names() -> list[str]:
    return sorted(data_schema()[DEFS])


def dumps(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def undocumented_fields(root: Kind | None = None) -> list[str]:
    """Fields reachable from the data and style schemas (or from `root`) with no
    Chinese `doc`, as 'path (alias)'."""
    from yearbook.load.book import BOOK
    from yearbook.style import STYLE

    missing: list[str] = []
    seen: set[int] = set()

    def walk(kind: Any, path: str) -> None:
        if id(kind) in seen:
            return
        seen.add(id(kind))
        if isinstance(kind, ObjectKind):
            for f in kind.fields:
                sub = f"{path}.{f.key}" if path else f.key
                if not _is_chinese(f.doc):
                    missing.append(f"{sub}（{f.alias}）")
                walk(f.kind, sub)
            return
        if isinstance(kind, Kind):
            for source in (vars(kind), *(vars(c) for c in type(kind).__mro__)):
                for value in source.values():
                    if isinstance(value, Kind):
                        walk(value, path)

    for start in [root] if root is not None else [BOOK, STYLE]:
        walk(start, "" if start is not STYLE else "style")
    return missing


def _is_chinese(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


# -- linking an existing data folder to the schema ------------------------------------

SCHEMA_DIR = ".yearbook"
SCHEMA_COMMENT = "# yaml-language-server: $schema="


def file_kinds(book_file: Path) -> list[tuple[Path, Kind]]:
    """Every file of a data folder with the Kind it must follow, found by walking
    book.yaml and its includes alongside the loader's schema."""
    from yearbook.load.book import BOOK

    found: list[tuple[Path, Kind]] = [(book_file.resolve(), BOOK)]

    def read(path: Path) -> Any:
        return yaml.load(path.read_text(encoding="utf-8-sig"), Loader=yaml.BaseLoader)

    def walk(value: Any, kind: Kind, here: Path) -> None:
        # A wrapper around one Kind (a 类目 that may also be `unit: folder`) is that Kind.
        while not isinstance(kind, ObjectKind | ListKind):
            inner = [v for v in vars(kind).values() if isinstance(v, Kind)]
            if len(inner) != 1:
                break
            kind = inner[0]
        if isinstance(value, dict) and len(value) == 1 and next(iter(value)) in INCLUDE_KEYS:
            target = (here.parent / str(next(iter(value.values())))).resolve()
            if target.is_file() and all(target != p for p, _ in found):
                found.append((target, kind))
                walk(read(target), kind, target)
        elif isinstance(kind, ObjectKind) and isinstance(value, dict):
            for key, sub in value.items():
                if key in kind.by_name:
                    walk(sub, kind.by_name[key].kind, here)
        elif isinstance(kind, ListKind) and isinstance(value, list):
            for item in value:
                walk(item, kind.item, here)

    walk(read(book_file), BOOK, book_file)
    return found


def link_folder(data_dir: Path) -> list[Path]:
    """Write .yearbook/*.schema.json into a data folder and point each YAML file at
    its schema with a first-line comment; return the YAML files changed. The data
    must load (every problem is reported first, as `yearbook build` would)."""
    from yearbook.load.book import BOOK, BOOK_FILE, load_book

    load_book(data_dir)
    writer = SchemaWriter()
    full = writer.document(BOOK, "book", "年鉴数据文件（yearbook）")
    by_def = {target: name for name, target in ROOTS.items()}
    schema_dir = data_dir.resolve() / SCHEMA_DIR
    schema_dir.mkdir(exist_ok=True)
    changed = []
    linked = file_kinds(data_dir / BOOK_FILE)
    style = _own_style_file(data_dir)
    if style is not None:
        (schema_dir / "style.schema.json").write_text(dumps(style_schema()), encoding="utf-8", newline="\n")
        relative = Path(os.path.relpath(schema_dir / "style.schema.json", style.parent)).as_posix()
        if _set_comment(style, SCHEMA_COMMENT + relative):
            changed.append(style)
    for path, kind in linked:
        known = writer.names.get(id(kind))
        name = by_def.get(known or "", known) if known else path.stem
        schema_file = schema_dir / f"{name}.schema.json"
        body = writer.schema_for(kind)
        schema = {"$schema": DRAFT, "title": f"年鉴数据文件：{name}", **body, DEFS: full[DEFS]}
        schema_file.write_text(dumps(schema), encoding="utf-8", newline="\n")
        relative = Path(os.path.relpath(schema_file, path.parent)).as_posix()
        if _set_comment(path, SCHEMA_COMMENT + relative):
            changed.append(path)
    return changed


def _own_style_file(data_dir: Path) -> Path | None:
    """The style file in the data folder that book.yaml names, if any."""
    from yearbook.load.book import load_book

    style = load_book(data_dir).book.style
    if style is None or not str(style).endswith((".yaml", ".yml")):
        return None
    path = (data_dir / str(style)).resolve()
    return path if path.is_file() and path.is_relative_to(data_dir.resolve()) else None


def _set_comment(path: Path, comment: str) -> bool:
    """Put `comment` on the first line, replacing an earlier one; keep everything
    else byte for byte (BOM, line endings)."""
    raw = path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    newline = "\r\n" if "\r\n" in text else "\n"
    first, sep, rest = text.partition(newline)
    if first.startswith(SCHEMA_COMMENT):
        if first == comment:
            return False
        text = comment + sep + rest
    else:
        text = comment + newline + text
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return True
