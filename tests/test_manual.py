"""The Chinese manual (docs/手册/) stays true: every example folder builds, every
fragment parses, every message and every data field is documented, every link works."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT
from yearbook.build import build, prepare
from yearbook.load.book import BOOK
from yearbook.load.schema import Kind, ObjectKind

MANUAL = ROOT / "docs" / "手册"
BLOCK = re.compile(r"^```ya?ml[^\n]*\n(.*?)^```", re.M | re.S)
EXAMPLE = re.compile(r"^# 示例：([^/\n]+)/([^\n]+?)\s*$")


def _pages() -> list[Path]:
    return sorted(MANUAL.glob("*.md"))


def _blocks() -> list[tuple[Path, int, str]]:
    found = []
    for page in _pages():
        text = page.read_text(encoding="utf-8")
        for match in BLOCK.finditer(text):
            line = text.count("\n", 0, match.start()) + 2
            found.append((page, line, match.group(1)))
    return found


def _examples() -> dict[str, dict[str, str]]:
    folders: dict[str, dict[str, str]] = {}
    for page, line, block in _blocks():
        first = block.split("\n", 1)[0]
        match = EXAMPLE.match(first)
        if match:
            name, file = match.groups()
            files = folders.setdefault(name, {})
            assert file not in files, f"{page.name}:{line}: 示例 {name}/{file} 写了两次"
            files[file] = block
    return folders


def test_the_manual_has_examples_and_fragments() -> None:
    assert {"README.md", "安装.md", "工作流程.md", "数据格式.md", "版式.md", "提示信息.md"} <= {
        p.name for p in _pages()
    }
    assert {"最小类目", "政协类目", "专文", "自定版式"} <= set(_examples())


@pytest.mark.parametrize("name", sorted(_examples()))
def test_example_folder_builds(name: str, tmp_path: Path) -> None:
    folder = tmp_path / name
    for file, text in _examples()[name].items():
        path = folder / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert (folder / "book.yaml").is_file(), f"示例 {name} 缺少 book.yaml"
    prepared = prepare(folder)  # raises with every located problem if the example is wrong
    result = build(folder, tmp_path / "out", prepared)
    assert all(p.stat().st_size > 1000 for p in result.outputs)
    unused = [d.render() for d in prepared.warnings if d.code == "assemble.unused_record"]
    assert not unused, unused


def test_every_fragment_parses() -> None:
    problems = []
    for page, line, block in _blocks():
        try:
            yaml.load(block, Loader=yaml.BaseLoader)
        except yaml.YAMLError as exc:
            problems.append(f"{page.name}:{line}: {exc}")
    assert not problems, "\n".join(problems)


def _messages_page_module():
    spec = importlib.util.spec_from_file_location("messages_page", ROOT / "scripts" / "messages_page.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_message_is_documented() -> None:
    module = _messages_page_module()
    page = (MANUAL / "提示信息.md").read_text(encoding="utf-8")
    missing = module.missing_codes(page)
    assert not missing, (
        "docs/手册/提示信息.md does not document these messages: " + ", ".join(missing)
        + ". Add a row `| `code` | 提示 | 含义和处理办法 |` for each (python scripts/messages_page.py "
        "prints the rows with their Chinese text)."
    )


def _fields(kind: Kind, seen: set[int], out: list[tuple[str, str]]) -> list[tuple[str, str]]:
    if id(kind) in seen:
        return out
    seen.add(id(kind))
    if isinstance(kind, ObjectKind):
        for f in kind.fields:
            out.append((f.key, f.alias))
            _fields(f.kind, seen, out)
        return out
    for source in (vars(kind), *(vars(c) for c in type(kind).__mro__)):
        for value in source.values():
            if isinstance(value, Kind):
                _fields(value, seen, out)
    return out


def test_every_data_field_is_in_the_manual() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in _pages())
    missing = sorted({f"{key}（{alias}）" for key, alias in _fields(BOOK, set(), [])
                      if f"`{key}`" not in text or f"`{alias}`" not in text})
    assert not missing, (
        "These data fields are not described in docs/手册/ (write both keys in backticks, "
        "with an example, in 数据格式.md or the feature's own page): " + "、".join(missing)
    )


def test_links_point_to_existing_pages() -> None:
    broken = []
    for page in _pages():
        for target in re.findall(r"\]\(([^)#]+\.md)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            if not (page.parent / target).is_file():
                broken.append(f"{page.name} → {target}")
    assert not broken, broken
