"""The examples of docs/手册/全书.md: the named blocks form a book that assembles as
the page says; every other YAML block at least parses."""

from __future__ import annotations

import re

import yaml

from tests.conftest import ROOT
from yearbook.assemble import assemble
from yearbook.doctree import Heading, Index, Table
from yearbook.load.book import load_book

PAGE = ROOT / "docs" / "手册" / "全书.md"
BLOCK = re.compile(r"```yaml\n(.*?)```", re.S)
NAMED = re.compile(r"# 示例：([^/\n]+)/(\S+)")


def blocks() -> list[str]:
    return BLOCK.findall(PAGE.read_text(encoding="utf-8"))


def test_named_blocks_form_a_book_that_assembles(tmp_path):
    written = 0
    for text in blocks():
        found = NAMED.match(text)
        if found:
            path = tmp_path / found[1] / found[2]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written += 1
    assert written == 5
    doc = assemble(load_book(tmp_path / "最小全书").book)
    heads = [(b.level, b.text) for b in doc.blocks if isinstance(b, Heading)]
    assert heads == [
        (1, "大事记"), (2, "1月"), (2, "3月"), (1, "政协"), (2, "政协示例市委员会"), (3, "重要会议"),
        (2, "东区政协"), (3, "协商议事"), (1, "索引"),
    ]
    assert [t.label for t in doc.blocks if isinstance(t, Table)] == ["表1"]
    terms = [e.term for g in doc.blocks[-1].groups for e in g.entries]
    assert isinstance(doc.blocks[-1], Index) and {"协商", "议事室", "基层协商", "专题协商"} <= set(terms)
    alone = assemble(load_book(tmp_path / "最小全书" / "单位稿" / "东区政协").book)
    assert alone.front == []


def test_fragments_parse():
    for text in blocks():
        if not NAMED.match(text):
            assert yaml.safe_load(text) is not None
