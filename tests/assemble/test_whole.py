"""A whole book's document tree: front matter, levels, anchors, numbering, 大事记, 索引."""

from __future__ import annotations

import pytest

from tests.book_fixtures import BOOK, make_book, unit_files
from yearbook.assemble import assemble
from yearbook.assemble.book import assemble_with_warnings
from yearbook.diagnostics import YearbookError
from yearbook.doctree import (
    Heading,
    Index,
    Paragraph,
    RunRole,
    Table,
    TableOfContents,
    TitlePage,
)
from yearbook.load.book import load_book


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    # Messages name files relative to the working folder: run where a user would.
    monkeypatch.chdir(tmp_path)


def tree(folder):
    return assemble(load_book(folder).book)


def problems(folder) -> list[str]:
    with pytest.raises(YearbookError) as info:
        tree(folder)
    return [d.render() for d in info.value.diagnostics]


def headings(doc):
    return [(b.level, b.text) for b in doc.blocks if isinstance(b, Heading)]


def test_body_order_and_levels(tmp_path):
    doc = tree(make_book(tmp_path))
    assert headings(doc) == [
        (1, "大事记"), (2, "1月"), (2, "3月"), (2, "2023年1月"),
        (1, "政协"), (2, "政协测试市委员会"), (3, "重要会议"), (2, "乙区政协"), (3, "概况"),
        (1, "丙单位"), (2, "重要会议"),
        (1, "索引"),
    ]
    assert isinstance(doc.blocks[-1], Index)


def test_every_category_opens_on_an_odd_page_and_every_heading_has_an_anchor(tmp_path):
    doc = tree(make_book(tmp_path))
    heads = [b for b in [*doc.front, *doc.blocks] if isinstance(b, Heading)]
    assert all(h.odd_page for h in heads if h.level == 1 and h in doc.blocks)
    assert not any(h.odd_page for h in heads if h.level > 1)
    anchors = [h.anchor for h in heads]
    assert all(anchors) and len(set(anchors)) == len(anchors)
    again = tree(make_book(tmp_path))  # stable: the same data gives the same ids
    assert anchors == [h.anchor for h in [*again.front, *again.blocks] if isinstance(h, Heading)]


def test_running_heads_follow_category_and_section(tmp_path):
    doc = tree(make_book(tmp_path))
    heads = {(b.level, b.text): b.running_head for b in doc.blocks if isinstance(b, Heading)}
    assert heads[(1, "政协")] == "政协"
    assert heads[(2, "乙区政协")] == "乙区政协"
    assert heads[(3, "概况")] == "乙区政协"  # a 次分目 keeps its 分目's head
    assert heads[(2, "3月")] == "大事记"


def test_tables_numbered_through_the_book_whatever_the_units_start_from(tmp_path):
    files = unit_files("units/a", "甲", "甲单位")
    files["units/a/book.yaml"] += "first_table_number: 6\n"
    doc = tree(make_book(tmp_path, **files))
    assert [t.label for t in doc.blocks if isinstance(t, Table)] == ["表1", "表2", "表3"]
    assert [t.label for t in tree(tmp_path / "book" / "units" / "a").blocks if isinstance(t, Table)] == ["表6"]


def test_front_matter_title_page_notes_and_contents(tmp_path):
    doc = tree(make_book(tmp_path))
    title, notes_heading, *rest = doc.front
    assert isinstance(title, TitlePage) and title.title == "测试市年鉴"
    assert title.lines == ["2023", "测试市地方志办公室\u3000编"]
    assert isinstance(notes_heading, Heading) and notes_heading.text == "编辑说明"
    notes = "".join(p.text for p in rest if isinstance(p, Paragraph))
    assert "设类目2个、分目3个、条目4个，随文编排表格3张、图片0幅" in notes
    assert "本卷资料由3个单位提供" in notes
    assert "个别事项依记述需要适当下延" in notes  # an item is marked outside the year
    toc = doc.front[-1]
    assert isinstance(toc, TableOfContents)
    assert [(e.level, e.text) for e in toc.entries] == [
        (1, "大事记"), (1, "政协"), (2, "政协测试市委员会"), (2, "乙区政协"),
        (1, "丙单位"), (2, "重要会议"), (1, "索引"),
    ]
    anchors = {b.anchor for b in doc.blocks if isinstance(b, Heading)}
    assert all(e.anchor in anchors for e in toc.entries)


def test_figures_in_the_notes_are_counted_not_typed(tmp_path):
    extra = "  - title: 附加\n    sections:\n      - title: 新分目\n        entries:\n          - title: 新条目\n            text: 正文。\n"
    doc = tree(make_book(tmp_path, BOOK.replace("  - unit: units/c\n", "  - unit: units/c\n" + extra)))
    notes = "".join(p.text for p in doc.front if isinstance(p, Paragraph))
    assert "设类目3个、分目4个、条目5个" in notes


def test_contents_depth_is_configurable(tmp_path):
    doc = tree(make_book(tmp_path, BOOK + "toc_depth: 3\n"))
    toc = doc.front[-1]
    assert (3, "概况") in [(e.level, e.text) for e in toc.entries]
    doc = tree(make_book(tmp_path, BOOK + "目录层级: 1\n"))
    assert {e.level for e in doc.front[-1].entries} == {1}


def test_editors_notes_use_the_counted_figures(tmp_path):
    doc = tree(make_book(tmp_path, BOOK + "notes: 本卷共收{{book.units}}个单位、{{book.tables}}张表。\n"))
    assert any(p.text.endswith("本卷共收3个单位、3张表。") for p in doc.front if isinstance(p, Paragraph))
    assert "引用的数据“book.nope”不存在" in problems(make_book(tmp_path, BOOK + "notes: 共{{book.nope}}个。\n"))[0]


def test_chronicle_sorted_grouped_by_month_with_date_runs(tmp_path):
    doc = tree(make_book(tmp_path))
    paras = [b for b in doc.blocks if isinstance(b, Paragraph) and b.runs[0].role is RunRole.DATE]
    assert [(p.runs[0].text, p.runs[1].text) for p in paras] == [
        ("9日", "\u3000"), ("是月", "\u3000"), ("5日", "\u3000"), ("10日", "\u3000"),
    ]
    assert paras[0].text == "9日\u3000甲单位召开全体会议。"
    toc = [e.text for e in doc.front[-1].entries]
    assert "1月" not in toc  # month headings stay out of the 目录


def test_chronicle_date_outside_the_year_is_an_error_unless_marked(tmp_path):
    (msg,) = problems(make_book(tmp_path, BOOK.replace("    outside_year: true\n", "")))
    assert msg.startswith("book/book.yaml:12:11") and "不在记述年度 2022 年内" in msg


def test_index_terms_from_entry_titles_entry_keys_and_inline_marks(tmp_path):
    doc = tree(make_book(tmp_path))
    entry = next(b for b in doc.blocks if isinstance(b, Paragraph) and b.runs[0].text == "【协商议事】")
    assert entry.runs[0].index == ("协商议事", "协商民主", "议事室")
    texts = [(r.text, r.index) for r in entry.runs[1:]]
    assert texts == [
        ("全年开展", ()), ("社区协商", ("社区协商",)), ("12场次，参与", ()),
        ("委员工作室", ("委员之家",)), ("活动。", ()),
    ]
    assert "[[" not in "".join(doc.text_blocks())


def test_index_sorted_by_pinyin_grouped_with_see_also(tmp_path):
    doc = tree(make_book(tmp_path))
    index = doc.blocks[-1]
    groups = {g.letter: [e.term for e in g.entries] for g in index.groups}
    assert [g.letter for g in index.groups] == sorted(groups)
    assert groups["X"] == ["协商", "协商民主", "协商议事"]
    see = {e.term: e.see_also for g in index.groups for e in g.entries}
    assert see["协商"] == ["社区协商", "协商民主"]


def test_see_also_to_a_missing_term(tmp_path):
    (msg,) = problems(make_book(tmp_path, BOOK.replace("see: 社区协商、协商民主", "see: 社区协商、无此词")))
    assert msg.startswith("book/book.yaml:21:15") and "参见的索引词“无此词”在全书中没有出现" in msg


@pytest.mark.parametrize("mark", ["[[]]", "[[ |社区]]", "[[社区| ]]"])
def test_index_mark_on_nothing(tmp_path, mark):
    (msg,) = problems(make_book(tmp_path, BOOK.replace("乙区召开[[社区协商]]推进会", f"乙区召开{mark}推进会")))
    assert msg.startswith("book/book.yaml:7:15") and "索引标记" in msg and "没有内容" in msg


def test_unclosed_index_mark(tmp_path):
    (msg,) = problems(make_book(tmp_path, BOOK.replace("[[社区协商]]推进会", "[[社区协商推进会")))
    assert msg.startswith("book/book.yaml:7:15") and "不成对" in msg


def test_all_assembly_problems_in_one_run(tmp_path):
    book = BOOK.replace("    outside_year: true\n", "").replace("see: 社区协商、协商民主", "see: 无此词")
    assert len(problems(make_book(tmp_path, book))) == 2


def test_a_unit_alone_has_no_front_matter_and_no_index_terms(tmp_path):
    make_book(tmp_path)
    doc, _ = assemble_with_warnings(load_book(tmp_path / "book" / "units" / "b").book)
    assert doc.front == []
    assert not any(r.index for b in doc.blocks if isinstance(b, Paragraph) for r in b.runs)
    assert "[[" not in "".join(doc.text_blocks())
    assert all(h.anchor for h in doc.blocks if isinstance(h, Heading))


def test_contributing_units_include_credits_of_the_books_own_chapters(tmp_path):
    own = "  - title: 自撰\n    contributor: {unit: 编辑部}\n    sections:\n      - title: 分\n        entries:\n          - title: 条\n            text: 文。\n"
    doc = tree(make_book(tmp_path, BOOK.replace("  - unit: units/c\n", "  - unit: units/c\n" + own)))
    notes = "".join(p.text for p in doc.front if isinstance(p, Paragraph))
    assert "本卷资料由4个单位提供" in notes
