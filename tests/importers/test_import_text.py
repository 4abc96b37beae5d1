"""The text front end and the recogniser on the usual variations offices type."""

from __future__ import annotations

from pathlib import Path

import pytest

from yearbook.dates import parse
from yearbook.dump.scalars import iso, quoted, text_block
from yearbook.importers import import_file
from yearbook.importers.cn_dates import parse_cn
from yearbook.importers.text_reader import column_count, read_text
from yearbook.model import FreeTable, GeneratedTable, RecordSource


def _import(tmp_path: Path, text: str, year: int | None = 2022, name: str = "c.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return import_file(path, year)


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("2月28日", "2022-02-28"),
        ("2月21日至23日", "2022-02-21/23"),
        ("2月21日至3月2日", "2022-02-21/2022-03-02"),
        ("6月8日、14日", "2022-06-08, 2022-06-14"),
        ("6月30日、7月2日", "2022-06-30, 2022-07-02"),
        ("2023年1月9日", "2023-01-09"),
        ("9月", "2022-09"),
        ("2—3月", "2022-02/2022-03"),
    ],
)
def test_printed_dates_back_to_iso(printed, expected):
    value = parse_cn(printed, 2022)
    assert iso(value) == expected
    assert parse(expected) == value


def test_not_dates():
    assert parse_cn("全年", 2022) is None
    assert parse_cn("2月30日", 2022) is None
    assert parse_cn("6月14日、8日", 2022) is None  # out of order


def test_tab_separated_table_with_caption(tmp_path):
    text = ("综述\n【调研】开展调研2次。\n表3　2022年调研活动一览表\n"
            "调研日期\t调研内容\t调研成果\n3月30日\t开展专题调研\t调研报告\n6月9日至10日\t开展视察\t\n")
    imported = _import(tmp_path, text)
    table = imported.book.chapters[0].sections[0].entries[0].tables[0]
    assert isinstance(table, GeneratedTable) and table.source is RecordSource.ACTIVITIES
    activities = imported.book.chapters[0].records.activities
    assert [iso(a.date) for a in activities] == ["2022-03-30", "2022-06-09/10"]
    assert activities[1].outcome is None
    assert imported.book.first_table_number == 3


def test_markdown_pipe_table_is_free(tmp_path):
    text = "综述\n【分布】如下。\n表1　委员分布\n| 界别 | 人数 |\n|---|---|\n| 中共 | 40 |\n| 民革 | 5 |\n"
    table = _import(tmp_path, text).book.chapters[0].sections[0].entries[0].tables[0]
    assert isinstance(table, FreeTable)
    assert table.columns == ["界别", "人数"] and table.rows == [["中共", "40"], ["民革", "5"]]


def test_standard_table_with_a_cell_that_is_not_a_date_stays_free(tmp_path):
    text = "综述\n【会议】召开。\n表1　2022年常委会会议一览表\n会议名称\t会议时间\t会议内容\n甲会议\t上半年\t学习\n"
    imported = _import(tmp_path, text)
    assert isinstance(imported.book.chapters[0].sections[0].entries[0].tables[0], FreeTable)
    message = imported.warnings[0].render()
    assert "上半年" in message and "不是可识别的日期" in message and ":5:1:" in message


def test_entry_title_variants(tmp_path):
    text = "综述\n【 甲 】正文一。\n[乙] 正文二。\n〔丙〕正文三。\n［丁］正文四。\n"
    entries = _import(tmp_path, text).book.chapters[0].sections[0].entries
    assert [(e.title, e.paragraphs) for e in entries] == [
        ("甲", ["正文一。"]), ("乙", ["正文二。"]), ("丙", ["正文三。"]), ("丁", ["正文四。"])]


@pytest.mark.parametrize(
    ("line", "unit", "person"),
    [
        ("（政协某某市委员会办公室　张三供稿）", "政协某某市委员会办公室", "张三"),
        ("(政协某某市委员会办公室 张三供稿)", "政协某某市委员会办公室", "张三"),
        ("（政协某某市委员会办公室供稿）", "政协某某市委员会办公室", None),
        ("（供稿：政协某某市委员会办公室　李　四）", "政协某某市委员会办公室", "李　四"),
        ("供稿人：王五", "王五", None),
    ],
)
def test_credit_line_forms(tmp_path, line, unit, person):
    chapter = _import(tmp_path, f"综述\n【甲】正文。\n{line}\n").book.chapters[0]
    assert (chapter.contributor.unit, chapter.contributor.person) == (unit, person)


def test_paragraph_before_any_entry_is_kept_with_a_warning(tmp_path):
    imported = _import(tmp_path, "综述\n本单位概况如下，共有干部20名。\n【甲】正文。\n")
    entries = imported.book.chapters[0].sections[0].entries
    assert entries[0].paragraphs == ["本单位概况如下，共有干部20名。"]
    assert any(w.code == "import.no_entry" and ":2:1:" in w.render() for w in imported.warnings)


def test_cells_without_a_column_count_are_kept_as_paragraphs(tmp_path):
    text = "综述\n【甲】正文。\n第一格内容很长很长很长很长 |\n第二格 |\n第三格 |\n"
    imported = _import(tmp_path, text)
    assert imported.book.chapters[0].sections[0].entries[0].paragraphs == [
        "正文。", "第一格内容很长很长很长很长", "第二格", "第三格"]
    assert any(w.code == "import.cells_unplaced" for w in imported.warnings)


def test_column_count():
    assert column_count(["会议名称", "会议时间", "会议内容", "甲", "1月1日", "乙"]) == 3
    assert column_count(["界别", "人数", "中共", "40"]) == 2
    assert column_count(["很长的一段文字，不是表头", "1"]) is None


def test_markdown_headings_and_bold(tmp_path):
    text = "# 政协某某市委员会\n\n## 综述\n\n【甲】正文。\n\n**委员工作**\n\n【乙】正文。\n"
    chapter = _import(tmp_path, text, name="c.md").book.chapters[0]
    assert chapter.title == "政协某某市委员会"
    assert [s.title for s in chapter.sections] == ["综述", "委员工作"]


def test_text_reader_names_places():
    source = read_text("综述\n\n【甲】正文。\n".encode(), "x.txt")
    assert [b.place.n for b in source.blocks] == [1, 3]


@pytest.mark.parametrize("value", ["09:30", "no", "2022-02-28", 'say "hi"', "a\\b", "tab\there", "bell\x07", "\u2028"])
def test_quoted_scalars_read_back_exactly(value):
    import yaml

    assert yaml.safe_load(f"v: {quoted(value)}")["v"] == value


def test_text_block_falls_back_to_quotes():
    assert text_block(["甲。", "乙。"], 4) == "|\n    甲。\n    乙。"
    assert text_block(["控制\x0b字符"], 4).startswith('"')


def test_a_credit_line_inside_the_chapter_stays_text(tmp_path):
    text = "综述\n【甲】正文。\n（市政协办公室　张三供稿）\n委员工作\n【乙】正文。\n（政协某某市委员会办公室　李四供稿）\n"
    chapter = _import(tmp_path, text).book.chapters[0]
    assert chapter.sections[0].entries[0].paragraphs == ["正文。", "（市政协办公室　张三供稿）"]
    assert (chapter.contributor.unit, chapter.contributor.person) == ("政协某某市委员会办公室", "李四")


PDF_TEXT = """政协某某市委员会
综述
【思想政治建设】以市政协党组理论学习中心组学习为引领，全面落
实“第一议题”学习制度，全年召开党组理论学习中心组学习会25次，
党组会、常委会、主席会等专题学习19次，团结引领各党派团体和各
族各界人士。
【协商民主】市政协及其常委会紧扣市委部署要求和全市中心工作，
全年召开专题议政性常委会会议和专题协商会议17次。贯彻落实《中
共嘉峪关市委关于进一步加强和完善基层协商民主的实施意见》。
【调研视察】坚持团结民主两大主题，加强与各党派团体和各族各界
人士联系协作。
"""


def test_text_copied_from_a_pdf_is_joined_into_paragraphs(tmp_path):
    imported = _import(tmp_path, PDF_TEXT)
    entries = imported.book.chapters[0].sections[0].entries
    assert entries[0].paragraphs == [
        "以市政协党组理论学习中心组学习为引领，全面落实“第一议题”学习制度，全年召开党组理论学习中心组学习会25次，"
        "党组会、常委会、主席会等专题学习19次，团结引领各党派团体和各族各界人士。"]
    assert entries[1].paragraphs == [
        "市政协及其常委会紧扣市委部署要求和全市中心工作，全年召开专题议政性常委会会议和专题协商会议17次。"
        "贯彻落实《中共嘉峪关市委关于进一步加强和完善基层协商民主的实施意见》。"]
    assert entries[2].paragraphs == ["坚持团结民主两大主题，加强与各党派团体和各族各界人士联系协作。"]
    assert any(w.code == "import.unwrapped" for w in imported.warnings)


def test_paragraph_lines_are_not_joined(tmp_path):
    imported = _import(tmp_path, "综述\n【甲】第一段写完了。\n第二段也写完了，而且比较长一些。\n第三段\n")
    assert not any(w.code == "import.unwrapped" for w in imported.warnings)


def test_full_dates_under_a_captioned_year_stay_as_written(tmp_path):
    text = "综述\n【会议】召开。\n表1　2022年常委会会议一览表\n会议名称\t会议时间\t会议内容\n甲会议\t2022年2月28日\t学习\n"
    imported = _import(tmp_path, text)
    table = imported.book.chapters[0].sections[0].entries[0].tables[0]
    assert isinstance(table, FreeTable) and table.rows == [["甲会议", "2022年2月28日", "学习"]]
    assert "印成“2月28日”" in imported.warnings[0].render()


def test_utf16_text(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes(b"\xff\xfe" + "综述\n【甲】正文。\n".encode("utf-16-le"))
    imported = import_file(path, 2022)
    assert imported.source.encoding == "UTF-16"
    assert imported.book.chapters[0].sections[0].entries[0].paragraphs == ["正文。"]


def test_pdf_page_furniture_and_continued_tables(tmp_path):
    text = (
        "政协某某市委员会年鉴-2023\n综述\n【会议】召开会议。\n表6　2022年常委会会议一览表\n"
        "会议名称 |\n会议时间 |\n会议内容 |\n甲会议 |\n2月28日 |\n学习 |\n"
        "23\n政协某某市委员会年鉴\n续表\n会议名称 |\n会议时间 |\n会议内容 |\n乙会议 |\n6月30日 |\n协商 |\n"
        "【其他】正文。\n- 24 -\n"
    )
    imported = _import(tmp_path, text, year=None)
    chapter = imported.book.chapters[0]
    assert [m.name for m in chapter.records.meetings] == ["甲会议", "乙会议"]
    assert [e.title for e in chapter.sections[0].entries] == ["会议", "其他"]
    assert [s.title for s in chapter.sections] == ["综述"]
    codes = [w.code for w in imported.warnings]
    assert codes.count("import.page_line") == 3 and "import.continued" in codes
