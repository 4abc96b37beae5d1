"""The manual page's example is what `yearbook import` really writes for its input."""

from __future__ import annotations

import re
from pathlib import Path

from yearbook.importers.command import run_import

PAGE = Path(__file__).resolve().parents[2] / "docs" / "手册" / "导入.md"


def _without_header(text: str) -> list[str]:
    lines = text.splitlines()
    i = 0
    while i < len(lines) and (lines[i].startswith("#") or not lines[i].strip()):
        i += 1
    return lines[i:]


def test_manual_example_is_the_real_output(tmp_path):
    page = PAGE.read_text(encoding="utf-8")
    source = re.search(r"```text\n(.*?)```", page, re.S)[1]
    (tmp_path / "去年.txt").write_text(source, encoding="utf-8")
    assert run_import(tmp_path / "去年.txt", tmp_path / "数据", None, False) == 0
    blocks = re.findall(r"```yaml\n# 示例：导入结果/(.+?)\n(.*?)```", page, re.S)
    assert {name for name, _ in blocks} == {p.name for p in (tmp_path / "数据").iterdir()}
    for name, block in blocks:
        written = (tmp_path / "数据" / name).read_text(encoding="utf-8")
        assert _without_header(block) == _without_header(written), name
