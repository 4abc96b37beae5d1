"""`yearbook new`: every chapter type gives a folder that builds and checks clean
at once, whose YAML follows the JSON Schema it points to."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.conftest import ROOT
from yearbook.build import build, prepare
from yearbook.check import run_checks
from yearbook.new import TYPES, new_folder


class _Yaml12(yaml.SafeLoader):
    """Numbers and booleans typed, dates left as text, as YAML 1.2 editors read them."""


_Yaml12.yaml_implicit_resolvers = {
    k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"] for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

SCHEMA_MARK = "# yaml-language-server: $schema="


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "LANG": "zh_CN.UTF-8", "PYTHONPATH": str(ROOT)}
    env.pop("LC_ALL", None)
    return subprocess.run([sys.executable, "-m", "yearbook", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, check=False)


@pytest.mark.parametrize("chapter_type", list(TYPES))
def test_new_folder_builds_and_checks_clean(tmp_path: Path, chapter_type: str) -> None:
    folder = tmp_path / "临河"
    written = new_folder(folder, "政协临河区委员会", 2024, chapter_type)
    assert Path("book.yaml") in written
    prepared = prepare(folder)
    assert prepared.loaded.book.year == 2024 and prepared.loaded.book.edition == 2025
    assert str(prepared.loaded.book.unit) == "政协临河区委员会"
    report = run_checks(prepared.loaded)
    assert report.findings == [], report.render()
    assert prepared.warnings == []
    result = build(folder, tmp_path / "out", prepared)
    assert [p.name for p in result.outputs] == ["政协临河区委员会年鉴-2025.docx", "政协临河区委员会年鉴-2025.pdf"]
    assert all(p.stat().st_size > 1000 for p in result.outputs)


@pytest.mark.parametrize("chapter_type", list(TYPES))
def test_every_yaml_file_points_to_a_schema_it_follows(tmp_path: Path, chapter_type: str) -> None:
    folder = tmp_path / "d"
    new_folder(folder, "某单位", 2024, chapter_type)
    yaml_files = sorted(folder.glob("*.yaml"))
    assert len(yaml_files) >= 2
    for path in yaml_files:
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0]
        assert first.startswith(SCHEMA_MARK), path.name
        schema_path = folder / first.removeprefix(SCHEMA_MARK)
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        data = yaml.load(text, Loader=yaml.BaseLoader)
        errors = [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(data)]
        assert not errors, (path.name, errors)
        # An editor's YAML 1.2 parser types 2024 as a number: still valid.
        assert not list(jsonschema.Draft7Validator(schema).iter_errors(yaml.load(text, Loader=_Yaml12)))


def test_comments_are_chinese_and_facts_survive(tmp_path: Path) -> None:
    new_folder(tmp_path / "d", "政协临河区委员会", 2024, "政协")
    chapter = (tmp_path / "d" / "类目.yaml").read_text(encoding="utf-8")
    assert "{{meetings.standing.count}}" in chapter and "@" not in chapter
    assert "# 写法提示" in chapter


def test_cli_new_then_build(tmp_path: Path) -> None:
    done = cli("new", "临河", "--unit", "政协临河区委员会", "--year", "2024", "--type", "generic", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "已新建数据文件夹：临河" in done.stdout and "yearbook build 临河" in done.stdout
    built = cli("build", "临河", "-o", "out", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "out" / "政协临河区委员会年鉴-2025.pdf").is_file()


def test_unit_defaults_to_the_folder_name(tmp_path: Path) -> None:
    assert cli("new", "临河区", cwd=tmp_path).returncode == 0
    assert "unit: 临河区\n" in (tmp_path / "临河区" / "book.yaml").read_text(encoding="utf-8")


def test_refuses_a_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "临河").mkdir()
    (tmp_path / "临河" / "笔记.txt").write_text("keep", encoding="utf-8")
    done = cli("new", "临河", cwd=tmp_path)
    assert done.returncode == 1
    assert "已存在且不是空的" in done.stderr and "Traceback" not in done.stderr
    assert sorted(p.name for p in (tmp_path / "临河").iterdir()) == ["笔记.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["临河"]  # no temporary folder left


def test_an_empty_folder_is_filled(tmp_path: Path) -> None:
    (tmp_path / "临河").mkdir()
    assert cli("new", "临河", cwd=tmp_path).returncode == 0
    assert (tmp_path / "临河" / "book.yaml").is_file()


def test_bad_type_and_year_are_told_in_chinese(tmp_path: Path) -> None:
    done = cli("new", "临河", "--type", "县志", cwd=tmp_path)
    assert done.returncode == 2 and "invalid choice" not in done.stderr
    assert "县志" in done.stderr and "政协" in done.stderr
    done = cli("new", "临河", "--year", "二〇二四", cwd=tmp_path)
    assert done.returncode == 2 and "超出范围" not in done.stdout
    assert not (tmp_path / "临河").exists()
