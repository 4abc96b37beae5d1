"""Assembly: numbering, generated tables, computed text and formatted dates."""

from __future__ import annotations

import pytest

from yearbook.assemble import assemble
from yearbook.assemble.book import chinese_ordinal
from yearbook.diagnostics import YearbookError
from yearbook.doctree import Heading, Paragraph, ParaRole, RunRole, Table
from yearbook.load.book import load_book


def build(folder):
    return assemble(load_book(folder).book)


def test_structure_and_facts(make_data):
    doc = build(make_data())
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == ["Heading", "Heading", "Paragraph", "Paragraph", "Table", "Paragraph"]
    first = doc.blocks[2]
    assert isinstance(first, Paragraph)
    assert first.runs[0].text == "【主席会议】" and first.runs[0].role is RunRole.ENTRY_TITLE
    assert first.runs[1].text == "全年召开主席会议2次。"  # from the records, not typed by hand
    assert first.outline is not None and first.outline.level == 2
    credit = doc.blocks[-1]
    assert credit.role is ParaRole.CREDIT and credit.text == "（政协测试市委员会办公室\u3000张三供稿）"


def test_generated_table_columns_and_dates(make_data):
    table = next(b for b in build(make_data()).blocks if isinstance(b, Table))
    assert table.caption == "表1\u30002022年主席会议一览表"
    assert [c.title for c in table.columns] == ["会议名称", "会议时间", "会议内容"]
    assert [r[1].text for r in table.rows] == ["2月14日", "2月25日"]  # caption names the year
    assert table.rows[1][2].text == "审议通过<草案>&附件"
    assert table.columns[2].weight >= table.columns[1].weight


def test_dates_keep_the_year_when_the_caption_does_not_name_it(make_data):
    chapter = (make_data() / "chapter.yaml").read_text(encoding="utf-8")
    folder = make_data({"chapter.yaml": chapter.replace("caption: 2022年主席会议一览表", "caption: 主席会议一览表")})
    table = next(b for b in build(folder).blocks if isinstance(b, Table))
    assert table.rows[0][1].text == "2022年2月14日"


def test_tables_numbered_continuously_from_first_number(make_data):
    book = (make_data() / "book.yaml").read_text(encoding="utf-8") + "first_table_number: 6\n"
    chapter = (make_data() / "chapter.yaml").read_text(encoding="utf-8")
    extra = "      - title: 另一条\n        table:\n          caption: 自由表\n          columns: [甲, 乙]\n"
    extra += "          rows:\n            - [1, 2]\n"
    chapter = chapter.replace("records:", extra + "records:")
    doc = build(make_data({"book.yaml": book, "chapter.yaml": chapter}))
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert [t.label for t in tables] == ["表6", "表7"]
    assert tables[1].rows == [[tables[1].rows[0][0], tables[1].rows[0][1]]]
    assert [c.text for c in tables[1].rows[0]] == ["1", "2"]


def test_unknown_fact_is_located(make_data):
    chapter = (make_data() / "chapter.yaml").read_text(encoding="utf-8")
    folder = make_data({"chapter.yaml": chapter.replace("meetings.chair.count", "meetings.chiar.count")})
    with pytest.raises(YearbookError) as info:
        build(folder)
    (d,) = info.value.diagnostics
    assert d.location.line == 8 and d.location.column == 19
    assert "meetings.chiar.count" in d.render() and "meetings.chair.count" in d.render()


def test_ragged_free_table_row_is_an_error(make_data):
    chapter = (make_data() / "chapter.yaml").read_text(encoding="utf-8")
    extra = "      - title: 另一条\n        table:\n          caption: 自由表\n          columns: [甲, 乙]\n"
    extra += "          rows:\n            - [1, 2, 3]\n"
    with pytest.raises(YearbookError) as info:
        build(make_data({"chapter.yaml": chapter.replace("records:", extra + "records:")}))
    assert "3 格" in info.value.diagnostics[0].render()


def test_empty_generated_table_is_an_error(make_data):
    chapter = (make_data() / "chapter.yaml").read_text(encoding="utf-8")
    with pytest.raises(YearbookError) as info:
        build(make_data({"chapter.yaml": chapter.replace("          kind: chair\n", "          kind: plenary\n", 1)}))
    assert "没有可列出的记录" in info.value.diagnostics[0].render()


def test_article_headings_numbered(make_data):
    chapter = """\
    title: 专文
    articles:
      - title: 标题
        subtitle: ——副标题
        byline: □　通讯员　张　花
        numbered: true
        body:
          - 导语。
          - heading: 第一部分
          - 正文一。
          - heading: 第二部分
          - 正文二。
    """
    doc = build(make_data({"chapter.yaml": chapter}))
    roles = [(b.role, b.text) for b in doc.blocks if isinstance(b, Paragraph)]
    assert roles[0] == (ParaRole.ARTICLE_TITLE, "标题")
    assert (ParaRole.ARTICLE_HEADING, "一、第一部分") in roles
    assert (ParaRole.ARTICLE_HEADING, "二、第二部分") in roles
    assert isinstance(doc.blocks[0], Heading) and doc.blocks[0].new_page


@pytest.mark.parametrize(("n", "text"), [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (23, "二十三")])
def test_chinese_ordinal(n, text):
    assert chinese_ordinal(n) == text


def test_record_in_no_table_and_no_text_is_a_warning(make_data):
    from yearbook.assemble.book import assemble_with_warnings

    chapter = (make_data() / "chapter.yaml").read_text(encoding="utf-8")
    chapter += "  trainings:\n    - {date: 2022-05-30, title: 履职能力提升培训班}\n"
    chapter += "  member_changes:\n    - {change: added, names: [王建新, 李建华], id: added}\n"
    chapter = chapter.replace("第二段。", "增补{{added.names}}。")
    doc, warnings = assemble_with_warnings(load_book(make_data({"chapter.yaml": chapter})).book)
    assert [w.args["name"] for w in warnings] == ["履职能力提升培训班"]
    assert warnings[0].location.line == 25
    assert "增补王建新、李建华。" in doc.text_blocks()
