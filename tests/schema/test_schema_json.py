"""The JSON Schema generated from the loader's schema: the example data validates,
unknown keys are rejected, every field has a Chinese description."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from yearbook.load.book import BOOK
from yearbook.load.nodes import INCLUDE_KEYS
from yearbook.load.schema import Field, Kind, ListKind, ObjectKind, TextKind
from yearbook.schema_json import SchemaWriter, data_schema, undocumented_fields

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"


def _read(path: Path) -> Any:
    # BaseLoader keeps every scalar a string, as the project's loader does.
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def _messages(errors: Any) -> list[str]:
    out = []
    for e in errors:
        out.append(e.message)
        out.extend(_messages(e.context))
    return out


def _files_and_kinds(book_file: Path) -> list[tuple[Path, Kind]]:
    """Every file of a data folder with the Kind it must follow, found by walking
    book.yaml and its includes alongside the loader's schema."""
    found: list[tuple[Path, Kind]] = [(book_file, BOOK)]

    def walk(value: Any, kind: Kind, here: Path) -> None:
        if isinstance(value, dict) and len(value) == 1 and next(iter(value)) in INCLUDE_KEYS:
            target = (here.parent / next(iter(value.values()))).resolve()
            found.append((target, kind))
            walk(_read(target), kind, target)
        elif isinstance(kind, ObjectKind) and isinstance(value, dict):
            for key, sub in value.items():
                if key in kind.by_name:
                    walk(sub, kind.by_name[key].kind, here)
        elif isinstance(kind, ListKind) and isinstance(value, list):
            for item in value:
                walk(item, kind.item, here)

    walk(_read(book_file), BOOK, book_file)
    return found


def _validator(writer: SchemaWriter, full: dict, kind: Kind) -> jsonschema.Draft202012Validator:
    schema = {"$schema": full["$schema"], "$defs": full["$defs"], **writer.schema_for(kind)}
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_example_data_validates_file_by_file() -> None:
    writer = SchemaWriter()
    full = writer.document(BOOK, "", "book")
    files = _files_and_kinds(DATA / "book.yaml")
    assert {p.name for p, _ in files} >= {"book.yaml", "jiayuguan.yaml", "jiayuguan-records.yaml", "zhuanwen.yaml"}
    for path, kind in files:
        errors = [f"{path.name}: {'/'.join(map(str, e.absolute_path))}: {e.message[:200]}"
                  for e in _validator(writer, full, kind).iter_errors(_read(path))]
        assert not errors, "\n".join(errors)


def test_unknown_key_is_rejected_in_every_file() -> None:
    writer = SchemaWriter()
    full = writer.document(BOOK, "", "book")
    for path, kind in _files_and_kinds(DATA / "book.yaml"):
        data = _read(path)
        data["标题错字"] = "x"
        errors = list(_validator(writer, full, kind).iter_errors(data))
        assert errors, path.name


def test_unknown_key_deep_inside_and_alias_keys() -> None:
    validator = jsonschema.Draft202012Validator(data_schema("chapter"))
    good = {"标题": "综述", "分目": [{"title": "综述", "条目": [{"标题": "概况", "正文": "全年召开会议5次。"}]}]}
    assert not list(validator.iter_errors(good))
    bad = {"title": "综述", "sections": [{"title": "综述", "entries": [{"title": "概况", "txet": "x"}]}]}
    messages = _messages(validator.iter_errors(bad))
    assert any("'txet' was unexpected" in m for m in messages), messages


def test_missing_required_key_is_rejected() -> None:
    validator = jsonschema.Draft202012Validator(data_schema("book"))
    book = _read(DATA / "book.yaml")
    del book["unit"]
    assert list(validator.iter_errors(book))


def test_every_field_has_a_chinese_description() -> None:
    missing = undocumented_fields()
    assert not missing, (
        "These fields of the data schema have no Chinese description. Add doc=\"…\" (Chinese text: "
        "what the field means, its values) to their Field(...) in yearbook/load/: " + "、".join(missing)
    )


def test_a_field_without_description_is_found() -> None:
    inner = ObjectKind(dict, [Field("name", "名称", TextKind(), doc="名称"), Field("note", "说明", TextKind())])
    outer = ObjectKind(dict, [Field("items", "各项", ListKind(inner), doc="各项内容")])
    assert undocumented_fields(outer) == ["items.note（说明）"]


def test_descriptions_name_the_alias() -> None:
    book = data_schema("book")["$defs"]["book"]["properties"]
    assert "书名" in book and "title" in book
    assert "中文键：书名" in book["title"]["description"]
    assert "英文键：title" in book["书名"]["description"]


@pytest.mark.parametrize("part", ["book", "chapter", "records"])
def test_cli_writes_the_schema(tmp_path: Path, part: str) -> None:
    out = tmp_path / "s.json"
    done = subprocess.run(
        [sys.executable, "-m", "yearbook", "schema", "--for", part, "-o", str(out)],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text(encoding="utf-8")) == data_schema(part)
