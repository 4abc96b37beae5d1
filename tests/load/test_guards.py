"""Bad characters, bytes, nesting and syntax: each a located Chinese message.

Each test here is one of the causes found by hostile testing; before the loader's
guards they ended in a traceback, an English message at 1:1, or silent damage.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE
from yearbook.check.resources import load_resources
from yearbook.diagnostics import YearbookError
from yearbook.load import nodes
from yearbook.load.book import load_book

BOOK = "title: 测试年鉴\nedition: 2023\nyear: 2022\nunit: 测试单位\nchapters:\n  - include: chapter.yaml\n"


def errors(folder: Path) -> list[str]:
    with pytest.raises(YearbookError) as info:
        load_book(folder)
    return [d.render() for d in info.value.diagnostics]


def chapter(make_data, text: str | bytes) -> Path:
    folder = make_data({"book.yaml": BOOK})
    path = folder / "chapter.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(("char", "name"), [("\x00", "U+0000（NUL）"), ("\x07", "U+0007（BEL）"), ("\x1b", "U+001B（ESC）")])
def test_raw_control_character_is_located(make_data, char, name):
    folder = chapter(make_data, f"title: 政协\nsections:\n  - title: 会议{char}纪要\n")
    (message,) = errors(folder)
    assert "data/chapter.yaml:3:14" in message and "控制字符" in message and name in message
    assert "ReaderError" not in message and "special characters" not in message


@pytest.mark.parametrize("text", ["x: " + "[" * 10000 + "]" * 10000, "- " * 10000 + "x"], ids=["flow", "block"])
def test_deep_nesting_stops_with_a_message(make_data, text):
    found = errors(chapter(make_data, text + "\n"))
    assert any("data/chapter.yaml:1:" in e and "嵌套超过 100 层" in e for e in found)


def test_lone_surrogate_escape_is_located(make_data):
    folder = chapter(make_data, 'title: 政协\nsections:\n  - title: "会议\\ud800纪要"\n')
    (message,) = errors(folder)
    assert "data/chapter.yaml:3:15" in message and "\\ud800" in message and "半个字符" in message


def test_surrogate_pair_escape_is_one_character(make_data):
    folder = chapter(make_data, 'title: "政协\\ud83d\\ude00"\nsections: []\n')
    assert str(load_book(folder).book.chapters[0].title) == "政协😀"


@pytest.mark.parametrize(("escape", "column"), [("\\x00", 15), ("\\a", 15), ("\\v", 15), ("\\e", 15)])
def test_control_character_escapes_are_located(make_data, escape, column):
    folder = chapter(make_data, f'title: 政协\nsections:\n  - title: "会议{escape}纪要"\n')
    (message,) = errors(folder)
    assert f"data/chapter.yaml:3:{column}" in message and escape in message and "控制字符" in message


def test_tab_and_newline_escapes_are_still_text(make_data):
    folder = chapter(make_data, 'title: "政协\\t委员会"\nsections: []\n')
    assert str(load_book(folder).book.chapters[0].title) == "政协\t委员会"


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"], ids=["LS", "PS", "NEL"])
def test_lines_after_an_invisible_line_separator_stay_right(make_data, separator):
    # Editors do not break lines at U+2028, U+2029 or U+0085; PyYAML does. The
    # separator itself is named, and the later error keeps its line.
    text = f"title: '政协{separator}委员会'\nsections:\n  - title: 会议\n    titel: x\n"
    separator_message, later = sorted(errors(chapter(make_data, text)))
    assert "data/chapter.yaml:1:11" in separator_message and "看不见的换行符" in separator_message
    assert "data/chapter.yaml:4:5" in later and "titel" in later


def test_invisible_separator_in_a_text_block_is_named_not_a_riddle(make_data):
    text = "title: 政协\nsections:\n  - title: 会议\n    entries:\n      - title: 条目\n        text: |\n          第一句。\u2028第二句。\n"
    (message,) = errors(chapter(make_data, text))
    assert "data/chapter.yaml:7:15" in message and "U+2028（LS）" in message


def test_invalid_utf8_is_located_where_it_stands(make_data):
    lines = [f"# 第{i}行" for i in range(1, 28)] + ["title: 政协", "sections: []"]
    raw = "\n".join(lines).encode("utf-8").replace("title: 政协".encode(), b"title: \xff\xfe")
    (message,) = errors(chapter(make_data, raw))
    assert "data/chapter.yaml:28:8" in message and "FF" in message and "UTF-8" in message


def test_word_list_syntax_error_is_located_in_chinese(make_data, monkeypatch):
    folder = make_data()
    (folder / "校对.yaml").write_text("错别字:\n  按装: 安装\n  \t安培: 安倍\n", encoding="utf-8")
    monkeypatch.chdir(folder.parent)
    with pytest.raises(YearbookError) as info:
        load_resources(folder)
    (message,) = [d.render() for d in info.value.diagnostics]
    assert message.startswith("data/校对.yaml:3:3: ") and "Tab" in message
    assert str(folder.parent) not in message


def test_word_list_shape_errors_are_located(make_data):
    folder = make_data()
    (folder / "校对.yaml").write_text("错别字:\n  - 按装\n放心: []\n", encoding="utf-8")
    with pytest.raises(YearbookError) as info:
        load_resources(folder)
    found = sorted(d.render() for d in info.value.diagnostics)
    assert found[0].startswith("data/校对.yaml:2:3: ") and "错的写法: 对的写法" in found[0]
    assert found[1].startswith("data/校对.yaml:3:1: ") and "“放心”" in found[1]


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("title: 政协\nsections:\n\t- title: 会议\n", "3:1", "Tab"),
        ("title: 政协\ncontributor:\n  unit: 办公室\n\tperson: 张三\n", "4:1", "Tab"),
        ("title: 政协\nsections: []\ncontributor：\n  unit: x\n", "3:12", "全角冒号"),
        ("title: 政协\nsections:\n  - title: 会议\n    entries：\n      - title: x\n", "4:12", "全角冒号"),
        ("title: 政协\ncontent: 会议: 通过\n", "2:12", "中文冒号"),
        ('title: "政协"委员会\n', "1:12", "单引号"),
        ('title: "政协\nsections: []\n', "3:1", "引号"),
        ("title: *号\n", "1:9", "“*”"),
        ("title: @号\n", "1:8", "“@”"),
        ("title: | 政协\n  x\n", "1:10", "“|”"),
        ("title: [政协\nsections: x\n", "2:", "方括号"),
        ('title: "C:\\盘"\n', "1:12", "反斜杠"),
        ("title: 政协\nsections:\n  - title: 会议\n   entries: []\n", "4:", "缩进"),
    ],
)
def test_syntax_errors_explained_in_chinese_with_a_hint(make_data, text, where, words):
    found = errors(chapter(make_data, text))
    assert any(f"data/chapter.yaml:{where}" in e and "YAML 格式错误" in e and words in e for e in found), found


def test_full_width_space_indentation_is_named(make_data):
    # U+3000 is no indentation to YAML: the line becomes a key of the level above.
    folder = chapter(make_data, "title: 政协\ncontributor:\n  unit: 办公室\n\u3000\u3000person: 张三\n")
    (message,) = errors(folder)
    assert "data/chapter.yaml:4:1" in message and "全角空格" in message and "person" in message


def test_full_width_colon_in_a_list_of_mappings_is_named(make_data):
    folder = chapter(make_data, "title: 政协\nsections:\n  - 标题：会议\n")
    (message,) = errors(folder)
    assert "data/chapter.yaml:3:5" in message and "全角冒号" in message


def test_libyaml_and_pure_python_give_the_same_nodes(monkeypatch):
    """The C parser is only faster: every node and position is the same."""

    def dump(node):
        if isinstance(node, nodes.Scalar):
            return (node.loc, node.value, node.style)
        if isinstance(node, nodes.Sequence):
            return (node.loc, [dump(i) for i in node.items])
        return (node.loc, [(dump(k), dump(v)) for k, v in node.items])

    assert nodes._CParser is not None, "PyYAML here has libyaml; the comparison needs it"
    fast = dump(nodes.Reader(EXAMPLE).read(EXAMPLE / "book.yaml"))
    monkeypatch.setattr(nodes, "_CParser", None)
    slow = dump(nodes.Reader(EXAMPLE).read(EXAMPLE / "book.yaml"))
    assert fast == slow


def test_chinese_columns_count_characters_not_bytes(make_data):
    folder = chapter(make_data, "title: 政协委员会\nsections:\n  - title: 会议\n    标题二: x\n")
    (message,) = errors(folder)
    assert "data/chapter.yaml:4:5" in message


RECORD_CHAPTER = """\
title: 政协
sections:
  - title: 会议
    entries:
      - title: 主席会议
        text: 全年召开主席会议{{meetings.chair.count}}次。
        table: {caption: 主席会议一览表, from: meetings, kind: chair}
records:
  meetings:
    - name: 十届一次主席会议
      kind: chair
      date: 2022-02-14
      content: 通报{{meetings.count}}次会议情况
"""


def test_reference_in_a_record_field_is_located(make_data):
    # Records print as written in their table; the braces would reach the page.
    (message,) = errors(chapter(make_data, RECORD_CHAPTER))
    assert "data/chapter.yaml:13:18" in message and "{{meetings.count}}" in message
    assert "记录和表格" in message


def test_reference_in_a_free_table_cell_is_located(make_data):
    text = RECORD_CHAPTER.replace(
        "table: {caption: 主席会议一览表, from: meetings, kind: chair}",
        "table: {caption: 统计, columns: [项目, 次数], rows: [[会议, '{{meetings.count}}']]}",
    ).replace("通报{{meetings.count}}次会议情况", "通报")
    (message,) = errors(chapter(make_data, text))
    assert "data/chapter.yaml:7:" in message and "{{meetings.count}}" in message


@pytest.mark.parametrize(("table", "column"), [("columns: [], rows: [[a]]", 39), ("columns: [a], rows: []", 50)])
def test_empty_free_table_is_an_error(make_data, table, column):
    text = RECORD_CHAPTER.replace(
        "table: {caption: 主席会议一览表, from: meetings, kind: chair}", f"table: {{caption: 统计, {table}}}"
    ).replace("通报{{meetings.count}}次会议情况", "通报")
    found = errors(chapter(make_data, text))
    assert any(f"data/chapter.yaml:7:{column}" in e and "至少要有 1 项" in e for e in found), found


BROKEN = [
    "a: [1, 2", "a: {b: 1", "a: ]", "a: ,b", "a: b\n- c", "- a\nb: c", "a:\n  - b\n  c: d",
    "%YAML 1.1\n%YAML 1.1\n---\na", "a: !x!y b", "a: 'b", "a: |2x\n  b", "a: \"\\x4\"", "a: &\n",
    "[a]: b: c", "a: b\n  c: d", "a: - b", "a:\tb\n\tc: d", "{a: b}}", "- - a\n - b", "a: `b`",
    "'a' b: c", 'a: "b" c', "a: b\n...\nc", "a: [b, c]d", "a: *",
]


@pytest.mark.parametrize("text", BROKEN, ids=range(len(BROKEN)))
def test_every_syntax_error_is_explained_in_chinese_first(make_data, text):
    (message,) = errors(chapter(make_data, text + "\n"))
    head, _, detail = message.partition("（解析器原文：")
    assert detail, message  # PyYAML's English only as the detail
    explanation = head.split("YAML 格式错误：", 1)[1]
    assert "无法读懂" not in explanation, message  # a specific explanation, not the fallback
    assert not re.search(r"[a-z]{4,}", explanation.replace("Tab", "")), message


def test_include_chains_have_a_limit(make_data):
    files = {f"f{i}.yaml": f"include: f{i + 1}.yaml\n" for i in range(200)}
    files["chapter.yaml"] = "include: f0.yaml\n"
    (message,) = errors(make_data({"book.yaml": BOOK, **files}))
    assert "data/f27.yaml:1:10" in message and "超过 30 层" in message


def test_libyaml_positions_count_characters_also_beyond_the_bmp():
    # Names with Extension B characters (𠀀) and emoji: one position each, as in Python.
    text = 'a: 𠀀𠀁x\nb: [𠀀, 中]\nc: "😀"\nd: y\n'
    fast = [e.start_mark.index for e in nodes._events(nodes._CParser(text))]
    slow = [e.start_mark.index for e in nodes._events(nodes._PyParser(text))]
    assert fast == slow and fast[-5] == text.index("d")


def test_positions_inside_a_plain_scalar_folded_over_lines(make_data):
    from yearbook.load.nodes import Reader

    folder = chapter(make_data, "title: 政协委员会\n  第二行，还有\n\n  第四行：完\nsections: []\n")
    title = Reader(folder).read(folder / "chapter.yaml").get("title")
    assert title.value == "政协委员会 第二行，还有\n第四行：完"
    from yearbook.text import Text

    text = Text(title.value, title)
    where = [(loc.line, loc.column) for loc in (text.position(title.value.index(c)) for c in "政第，四完")]
    assert where == [(1, 8), (2, 3), (2, 6), (4, 4), (4, 7)]


def test_positions_inside_a_literal_block_with_deeper_lines(make_data):
    from yearbook.load.nodes import Reader
    from yearbook.text import Text

    folder = chapter(make_data, "title: |\n  第一\n    缩进的，行\n  末\nsections: []\n")
    title = Reader(folder).read(folder / "chapter.yaml").get("title")
    text = Text(title.value, title)
    where = [(loc.line, loc.column) for loc in (text.position(title.value.index(c)) for c in "第缩，末")]
    assert where == [(2, 3), (3, 5), (3, 8), (4, 3)]


def test_positions_inside_a_folded_block(make_data):
    from yearbook.load.nodes import Reader
    from yearbook.text import Text

    source = "title: >\n  第一行，\n  第二行\n\n  新段落\n    缩进行\n  末\nsections: []\n"
    folder = chapter(make_data, source)
    title = Reader(folder).read(folder / "chapter.yaml").get("title")
    assert title.value == "第一行， 第二行\n新段落\n  缩进行\n末\n"
    text = Text(title.value, title)
    where = [(loc.line, loc.column) for loc in (text.position(title.value.index(c)) for c in "第，二新缩末")]
    assert where == [(2, 3), (2, 6), (3, 4), (5, 3), (6, 5), (7, 3)]


def test_an_empty_word_list_is_no_error(make_data):
    folder = make_data()
    (folder / "校对.yaml").write_text("# 以后再填\n", encoding="utf-8")
    assert load_resources(folder).typos
