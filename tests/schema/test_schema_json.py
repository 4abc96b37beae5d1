"""The JSON Schema generated from the loader's schema: the example data validates,
unknown keys are rejected, every field has a Chinese description."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from yearbook.build import prepare
from yearbook.load.book import BOOK
from yearbook.load.schema import Field, Kind, ListKind, ObjectKind, TextKind
from yearbook.new import new_folder
from yearbook.schema_json import (
    SCHEMA_COMMENT,
    SchemaWriter,
    data_schema,
    file_kinds,
    link_folder,
    undocumented_fields,
)

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


def _validator(writer: SchemaWriter, full: dict, kind: Kind) -> jsonschema.Draft7Validator:
    schema = {"$schema": full["$schema"], "definitions": full["definitions"], **writer.schema_for(kind)}
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def test_example_data_validates_file_by_file() -> None:
    writer = SchemaWriter()
    full = writer.document(BOOK, "book", "book")
    files = file_kinds(DATA / "book.yaml")
    assert {p.name for p, _ in files} >= {"book.yaml", "jiayuguan.yaml", "jiayuguan-records.yaml", "zhuanwen.yaml"}
    for path, kind in files:
        errors = [f"{path.name}: {'/'.join(map(str, e.absolute_path))}: {e.message[:200]}"
                  for e in _validator(writer, full, kind).iter_errors(_read(path))]
        assert not errors, "\n".join(errors)


def test_unknown_key_is_rejected_in_every_file() -> None:
    writer = SchemaWriter()
    full = writer.document(BOOK, "book", "book")
    for path, kind in file_kinds(DATA / "book.yaml"):
        data = _read(path)
        data["标题错字"] = "x"
        errors = list(_validator(writer, full, kind).iter_errors(data))
        assert errors, path.name


def test_unknown_key_deep_inside_and_alias_keys() -> None:
    validator = jsonschema.Draft7Validator(data_schema("chapter"))
    good = {"标题": "综述", "分目": [{"title": "综述", "条目": [{"标题": "概况", "正文": "全年召开会议5次。"}]}]}
    assert not list(validator.iter_errors(good))
    bad = {"title": "综述", "sections": [{"title": "综述", "entries": [{"title": "概况", "txet": "x"}]}]}
    messages = _messages(validator.iter_errors(bad))
    assert any("'txet' was unexpected" in m for m in messages), messages


def test_missing_required_key_is_rejected() -> None:
    validator = jsonschema.Draft7Validator(data_schema("book"))
    book = _read(DATA / "book.yaml")
    del book["unit"]
    assert list(validator.iter_errors(book))


def test_every_field_has_a_chinese_description() -> None:
    missing = undocumented_fields()
    assert not missing, (
        "These fields of the data or style schema have no Chinese description. Add doc=\"…\" (Chinese "
        "text: what the field means, its values) to their Field(...) in yearbook/load/ or yearbook/style.py: "
        + "、".join(missing)
    )


def test_a_field_without_description_is_found() -> None:
    inner = ObjectKind(dict, [Field("name", "名称", TextKind(), doc="名称"), Field("note", "说明", TextKind())])
    outer = ObjectKind(dict, [Field("items", "各项", ListKind(inner), doc="各项内容")])
    assert undocumented_fields(outer) == ["items.note（说明）"]


def test_descriptions_name_the_alias() -> None:
    book = data_schema("book")["definitions"]["book"]["properties"]
    assert "书名" in book and "title" in book
    assert "中文键：书名" in book["title"]["description"]
    assert "英文键：title" in book["书名"]["description"]


def test_builtin_styles_validate_against_the_style_schema() -> None:
    schema = data_schema("style")
    jsonschema.Draft7Validator.check_schema(schema)
    for path in sorted((ROOT / "yearbook" / "styles").glob("*.yaml")):
        data = _read(path)
        errors = [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(data)]
        assert not errors, (path.name, errors)
        data["page"]["margn_top"] = "20mm"
        data["paragraphs"]["body"]["align"] = "中间"
        messages = _messages(jsonschema.Draft7Validator(schema).iter_errors(data))
        assert any("margn_top" in m for m in messages) and any("中间" in m for m in messages), messages


def test_link_covers_the_folders_own_style_file(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    new_folder(folder, "某单位", 2024, "通用")
    shutil.copy(ROOT / "yearbook" / "styles" / "yearbook.yaml", folder / "我的版式.yaml")
    book = folder / "book.yaml"
    book.write_text(book.read_text(encoding="utf-8").replace("style: yearbook", "style: 我的版式.yaml"),
                    encoding="utf-8")
    changed = link_folder(folder)
    assert [p.name for p in changed] == ["我的版式.yaml"]  # the others already point at theirs
    first = (folder / "我的版式.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == SCHEMA_COMMENT + ".yearbook/style.schema.json"
    assert prepare(folder).style.name == "yearbook"


@pytest.mark.parametrize("part", ["book", "chapter", "records", "style"])
def test_cli_writes_the_schema(tmp_path: Path, part: str) -> None:
    out = tmp_path / "s.json"
    done = subprocess.run(
        [sys.executable, "-m", "yearbook", "schema", "--for", part, "-o", str(out)],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text(encoding="utf-8")) == data_schema(part)


def test_link_points_an_existing_folder_at_the_schema(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    before = {p.name: p.read_bytes() for p in folder.glob("*.yaml")}
    done = subprocess.run([sys.executable, "-m", "yearbook", "schema", "--link", str(folder)],
                          capture_output=True, text=True, check=False, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "已为 4 个文件加上编辑器提示" in done.stdout
    for path in sorted(folder.glob("*.yaml")):
        first, rest = path.read_bytes().split(b"\n", 1)
        assert rest == before[path.name]  # the file itself is untouched
        comment = first.decode("utf-8")
        assert comment.startswith(SCHEMA_COMMENT)
        schema = json.loads((folder / comment.removeprefix(SCHEMA_COMMENT)).read_text(encoding="utf-8"))
        errors = list(jsonschema.Draft7Validator(schema).iter_errors(_read(path)))
        assert not errors, (path.name, [e.message for e in errors])
        bad = _read(path)
        bad["未知键"] = "x"
        assert list(jsonschema.Draft7Validator(schema).iter_errors(bad)), path.name
    names = sorted(p.name for p in (folder / ".yearbook").iterdir())
    assert names == ["book.schema.json", "chapter.schema.json", "records.schema.json"]
    again = subprocess.run([sys.executable, "-m", "yearbook", "schema", "--link", str(folder)],
                           capture_output=True, text=True, check=False, cwd=tmp_path)
    assert "已为 0 个文件" in again.stdout  # idempotent
    assert prepare(folder).loaded.book.edition == 2023
