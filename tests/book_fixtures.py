"""A small whole book for tests: two unit folders and the book's own parts."""

from __future__ import annotations

import textwrap
from pathlib import Path

from tests.conftest import MINIMAL_BOOK, MINIMAL_CHAPTER

UNIT_B_CHAPTER = """\
title: 乙区政协
contributor: {unit: 乙区政协办公室}
sections:
  - title: 概况
    entries:
      - title: 协商议事
        index: 协商民主、议事室
        text: |
          全年开展[[社区协商]]12场次，参与[[委员工作室|委员之家]]活动。
      - title: 提案工作
        text: 办理提案9件。
        table:
          caption: 提案统计表
          columns: [类别, 件数]
          rows:
            - [立案, 9]
"""

BOOK = """\
title: 测试市年鉴
edition: 2023
year: 2022
unit: 测试市地方志办公室
chronicle:
  - date: 2022-03-05
    text: 乙区召开[[社区协商]]推进会。
  - date: 2022-01-09
    text: 甲单位召开全体会议。
  - date: 2022-01
    text: 甲单位完成换届。
  - date: 2023-01-10
    text: 十届二次会议召开。
    outside_year: true
chapters:
  - title: 政协
    units: [units/a, units/b]
  - unit: units/c
index:
  - term: 协商
    see: 社区协商、协商民主
"""


def write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def unit_files(prefix: str, title: str, unit: str, chapter: str = MINIMAL_CHAPTER) -> dict[str, str]:
    book = MINIMAL_BOOK.replace("测试年鉴", title).replace("测试单位", unit)
    return {f"{prefix}/book.yaml": book, f"{prefix}/chapter.yaml": chapter}


def make_book(root: Path, book: str = BOOK, **overrides: str) -> Path:
    """The book folder `root/book` with units a (the minimal chapter), b and c."""
    folder = root / "book"
    files = {
        "book.yaml": book,
        **unit_files("units/a", "甲单位年鉴稿", "甲单位"),
        **unit_files("units/b", "乙区年鉴稿", "乙区政协", UNIT_B_CHAPTER),
        **unit_files(
            "units/c", "丙单位年鉴稿", "丙单位",
            MINIMAL_CHAPTER.replace("政协测试市委员会", "丙单位").replace("主席会议】", "】"),
        ),
    }
    files.update(overrides)
    return write(folder, files)
