"""Shared fixtures: messages in Chinese unless a test asks otherwise, and a way to
write small data folders."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.ooxml import assert_valid_docx
from yearbook import i18n

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "data"


@pytest.fixture(autouse=True)
def chinese_messages():
    i18n.set_language("zh")
    yield
    i18n.set_language(None)


MINIMAL_BOOK = """\
title: 测试年鉴
edition: 2023
year: 2022
unit: 测试单位
chapters:
  - include: chapter.yaml
"""

MINIMAL_CHAPTER = """\
title: 政协测试市委员会
contributor: {unit: 政协测试市委员会办公室, person: 张三}
sections:
  - title: 重要会议
    entries:
      - title: 主席会议
        text: |
          全年召开主席会议{{meetings.chair.count}}次。
          第二段。
        table:
          caption: 2022年主席会议一览表
          from: meetings
          kind: chair
records:
  meetings:
    - name: 十届一次主席会议
      kind: chair
      date: 2022-02-14
      content: 学习《章程》
    - name: 十届二次主席会议
      kind: chair
      date: 2022-02-25
      content: 审议通过<草案>&附件
"""


@pytest.fixture
def make_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    """Write files (name → YAML text) into a fresh data folder and return it.

    The tests run in the folder's parent, as a user would, so messages name the
    files `data/…` (paths in messages are relative to the current folder)."""
    monkeypatch.chdir(tmp_path)

    def make(files: dict[str, str] | None = None, **extra: str) -> Path:
        folder = tmp_path / "data"
        folder.mkdir(exist_ok=True)
        contents = {"book.yaml": MINIMAL_BOOK, "chapter.yaml": MINIMAL_CHAPTER}
        contents.update(files or {})
        contents.update(extra)
        for name, text in contents.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return folder

    return make


@pytest.fixture
def valid_docx() -> Callable[[bytes | Path], None]:
    """Assert that a DOCX (bytes or path) has no openxml-audit error."""
    return assert_valid_docx
