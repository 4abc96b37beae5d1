"""DOCX as clerks type them: all Normal style, bold or centred lines as headings,
tables with a caption paragraph above; and what cannot be placed."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from import_helpers import build_docx, docx_content
from PIL import Image

from yearbook.diagnostics import YearbookError
from yearbook.i18n import set_language
from yearbook.importers import import_file
from yearbook.importers.command import run_import
from yearbook.load.book import load_book
from yearbook.model import FreeTable, GeneratedTable, MeetingKind


@pytest.fixture(autouse=True)
def chinese():
    set_language("zh")
    yield
    set_language(None)


def _table(d, rows):
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    return t


def clerk_document(path: Path, caption_year: str = "2022年") -> Path:
    d = docx.Document()
    p = d.add_paragraph()
    p.add_run("政协某某市委员会").bold = True
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph().add_run("综述").bold = True
    d.add_paragraph("【思想政治建设】全年召开学习会25次。")
    d.add_paragraph("建立联系制度。")
    d.add_paragraph("[ 协商民主 ] 全年协商17次。")
    d.add_paragraph("〔调研视察〕组织调研12次。")
    centred = d.add_paragraph("重要会议")
    centred.alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph("【十届二次会议】2023年1月9日至11日，十届二次会议召开。")
    p = d.add_paragraph()
    p.add_run("第一次全体会议").bold = True
    p.add_run("1月9日上午开幕。")
    p = d.add_paragraph()
    p.add_run("第二次全体会议").bold = True
    p.add_run("1月11日下午闭幕。")
    d.add_paragraph("【常务委员会会议】全年召开常务委员会会议2次。")
    d.add_paragraph(f"表1　{caption_year}某某市政协常委会会议一览表")
    _table(d, [["会议名称", "会议时间", "会议内容"],
               ["十届一次常委会会议", "2月28日", "学习章程"],
               ["十届二次常委会会议", "6月8日、14日", "协商人事事项"]])
    d.add_paragraph("【委员分布】委员分布如下。")
    d.add_paragraph("表2　委员界别分布")
    _table(d, [["界别", "人数"], ["中共", "40"], ["民革", "5"]])
    d.add_paragraph("（政协某某市委员会办公室　张三供稿）")
    d.save(str(path))
    return path


def test_clerk_document_structure(tmp_path):
    source = clerk_document(tmp_path / "chapter.docx")
    imported = import_file(source)
    assert [w.code for w in imported.warnings] == ["import.year_guessed"]  # nothing else to check
    chapter = imported.book.chapters[0]
    assert chapter.title == "政协某某市委员会"
    assert [s.title for s in chapter.sections] == ["综述", "重要会议"]
    overview, meetings = chapter.sections
    assert [e.title for e in overview.entries] == ["思想政治建设", "协商民主", "调研视察"]
    assert overview.entries[0].paragraphs == ["全年召开学习会25次。", "建立联系制度。"]
    assert overview.entries[1].paragraphs == ["全年协商17次。"]
    session = meetings.entries[0]
    assert [(p.title, p.paragraphs) for p in session.parts] == [
        ("第一次全体会议", ["1月9日上午开幕。"]), ("第二次全体会议", ["1月11日下午闭幕。"])]
    generated = meetings.entries[1].tables[0]
    assert isinstance(generated, GeneratedTable) and generated.kind is MeetingKind.STANDING
    assert [str(m.date) for m in chapter.records.meetings] == [
        "Day(date=datetime.date(2022, 2, 28))",
        "DayList(days=(datetime.date(2022, 6, 8), datetime.date(2022, 6, 14)))"]
    free = meetings.entries[2].tables[0]
    assert isinstance(free, FreeTable)
    assert free.caption == "委员界别分布" and free.columns == ["界别", "人数"]
    assert free.rows == [["中共", "40"], ["民革", "5"]]
    assert (chapter.contributor.unit, chapter.contributor.person) == ("政协某某市委员会办公室", "张三")
    assert (imported.book.title, imported.book.unit) == ("政协某某市委员会年鉴", "政协某某市委员会")
    assert imported.book.year == 2022  # guessed from the table caption


def test_clerk_document_builds_with_every_word(tmp_path):
    source = clerk_document(tmp_path / "chapter.docx")
    assert run_import(source, tmp_path / "data", None, False) == 0
    paragraphs, tables = docx_content(build_docx(tmp_path / "data", tmp_path / "out"))
    text = "\n".join(paragraphs)
    for piece in ("【思想政治建设】全年召开学习会25次。", "建立联系制度。", "【协商民主】全年协商17次。",
                  "第一次全体会议1月9日上午开幕。", "表1\u30002022年某某市政协常委会会议一览表",
                  "（政协某某市委员会办公室\u3000张三供稿）"):
        assert piece in text
    assert tables[0][2] == ["十届二次常委会会议", "6月8日、14日", "协商人事事项"]
    assert tables[1] == [["界别", "人数"], ["中共", "40"], ["民革", "5"]]


def test_word_headings_and_outline_levels(tmp_path):
    d = docx.Document()
    d.add_heading("政协某某市委员会", 1)
    d.add_heading("综述", 2)
    d.add_paragraph("【甲】正文。")
    # WPS marks headings by outline level on a Normal paragraph.
    p = d.add_paragraph("委员工作")
    p._p.get_or_add_pPr().append(parse_xml(
        '<w:outlineLvl xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:val="1"/>'))
    d.add_paragraph("【乙】正文。")
    d.save(str(tmp_path / "h.docx"))
    chapter = import_file(tmp_path / "h.docx", year=2022).book.chapters[0]
    assert chapter.title == "政协某某市委员会"
    assert [(s.title, [e.title for e in s.entries]) for s in chapter.sections] == [
        ("综述", ["甲"]), ("委员工作", ["乙"])]


def test_dates_without_a_year_need_year(tmp_path):
    source = clerk_document(tmp_path / "chapter.docx", caption_year="")
    with pytest.raises(YearbookError) as exc:
        import_file(source)
    message = exc.value.diagnostics[0].render()
    assert "--year" in message and "第1个表格" in message and "2月28日" in message
    imported = import_file(source, year=2022)
    assert str(imported.book.chapters[0].records.meetings[0].date) == "Day(date=datetime.date(2022, 2, 28))"
    assert any("2022年2月28日" in w.render() for w in imported.warnings)  # printed with its year now


def _png() -> io.BytesIO:
    buf = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(buf, "PNG")
    buf.seek(0)
    return buf


TEXT_BOX = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox><w:txbxContent>'
    "<w:p><w:r><w:t>文本框里的说明</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
)


def test_what_cannot_be_placed_is_kept_and_located(tmp_path):
    d = docx.Document()
    d.add_heading("政协某某市委员会", 1)
    d.add_heading("综述", 2)
    d.add_paragraph("【甲】正文。")
    d.add_paragraph().add_run().add_picture(_png())
    p = d.add_paragraph("【乙】正文二。")
    p._p.append(parse_xml(TEXT_BOX))
    d.add_paragraph("表1　合并表")
    t = _table(d, [["项目", "数量", "备注"], ["甲", "1", "无"]])
    t.cell(1, 1).merge(t.cell(1, 2))
    d.save(str(tmp_path / "odd.docx"))
    imported = import_file(tmp_path / "odd.docx", year=2022)
    messages = [w.render() for w in imported.warnings]
    assert any("第4段" in m and "图片" in m for m in messages)
    assert any("第5段" in m and "文本框里的说明" in m for m in messages)
    assert any("第1个表格" in m and "合并" in m for m in messages)
    entry = imported.book.chapters[0].sections[0].entries[1]
    assert entry.paragraphs == ["正文二。", "文本框里的说明"]
    table = entry.tables[0]
    assert isinstance(table, FreeTable)
    assert [str(c) for c in table.rows[0]] == ["甲", "1\n无", ""]  # merged text once, never twice
    assert run_import(tmp_path / "odd.docx", tmp_path / "data", 2022, False) == 0
    assert load_book(tmp_path / "data").book.chapters[0].sections[0].entries[1].paragraphs[1] == "文本框里的说明"


NUMBERING = '<w:numPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
HYPERLINK = (
    '<w:hyperlink xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:anchor="x">'
    "<w:r><w:t>《链接里的文件》</w:t></w:r></w:hyperlink>"
)
INSERTED = (
    '<w:ins xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:id="1" w:author="a">'
    "<w:r><w:t>修订插入的字</w:t></w:r></w:ins>"
)
DELETED = (
    '<w:del xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:id="2" w:author="a">'
    "<w:r><w:delText>已删除的字</w:delText></w:r></w:del>"
)


def test_hyperlinks_revisions_and_word_numbering(tmp_path):
    d = docx.Document()
    d.add_heading("专文", 1)
    d.add_paragraph().add_run("团结奋斗谱新篇").bold = True
    d.add_paragraph("——某市政协2023年工作综述")
    d.add_paragraph("□　通讯员　张三")
    p = d.add_paragraph("学习")
    p._p.append(parse_xml(HYPERLINK))
    p._p.append(parse_xml(INSERTED))
    p._p.append(parse_xml(DELETED))
    for title in ("坚持政协之“政”", "彰显政协之“协”"):
        h = d.add_paragraph()
        h.add_run(title).bold = True
        h._p.get_or_add_pPr().append(parse_xml(NUMBERING))
        d.add_paragraph("正文。")
    d.save(str(tmp_path / "a.docx"))
    article = import_file(tmp_path / "a.docx", year=2023).book.chapters[0].articles[0]
    assert article.body[0] == "学习《链接里的文件》修订插入的字"
    assert article.numbered  # Word's own 一、二、 numbering, kept as numbering
    assert [str(b.text) for b in article.body if not isinstance(b, str)] == ["坚持政协之“政”", "彰显政协之“协”"]


def test_a_cell_that_keeps_a_table_from_records_is_named(tmp_path):
    d = docx.Document()
    d.add_heading("政协某某市委员会", 1)
    d.add_heading("综述", 2)
    d.add_paragraph("【会议】召开会议。")
    d.add_paragraph("表1　2022年某某市政协主席会议一览表")
    _table(d, [["会议名称", "会议时间", "会议内容"], ["十届一次主席会议", "2月14日", "学习"],
               ["十届二次主席会议", "上旬", "审议"]])
    d.save(str(tmp_path / "t.docx"))
    imported = import_file(tmp_path / "t.docx")
    assert isinstance(imported.book.chapters[0].sections[0].entries[0].tables[0], FreeTable)
    message = next(w.render() for w in imported.warnings if w.code == "import.not_records")
    assert "第1个表格第3行第2列" in message and "上旬" in message


def test_bold_run_in_titles_without_brackets_are_entries(tmp_path):
    d = docx.Document()
    d.add_paragraph().add_run("综述").bold = True
    for title, text in (("思想政治建设", "全年学习25次。"), ("协商民主", "全年协商17次。")):
        p = d.add_paragraph()
        p.add_run(title).bold = True
        p.add_run(text)
    d.add_paragraph("另起一段。")
    d.save(str(tmp_path / "b.docx"))
    imported = import_file(tmp_path / "b.docx", year=2022)
    section = imported.book.chapters[0].sections[0]
    assert section.title == "综述"
    assert [(e.title, e.paragraphs) for e in section.entries] == [
        ("思想政治建设", ["全年学习25次。"]), ("协商民主", ["全年协商17次。", "另起一段。"])]


def test_a_title_row_inside_the_table_is_its_caption(tmp_path):
    d = docx.Document()
    d.add_heading("政协某某市委员会", 1)
    d.add_heading("提案", 2)
    d.add_paragraph("【重点提案】共2件。")
    t = _table(d, [["表3　重点提案督办一览表", "", "", "", ""],
                   ["序号", "案由", "提案者", "承办单位", "领衔督办领导"],
                   ["1", "关于甲的提案", "民建", "市教育局", "王 林"],
                   ["2", "关于乙的提案", "民革", "市农业农村局", ""]])
    title = t.cell(0, 0).merge(t.cell(0, 4))
    title.text = "表3　重点提案督办一览表"
    d.save(str(tmp_path / "p.docx"))
    imported = import_file(tmp_path / "p.docx", year=2022)
    assert [w.code for w in imported.warnings] == []
    table = imported.book.chapters[0].sections[0].entries[0].tables[0]
    assert isinstance(table, GeneratedTable) and table.caption == "重点提案督办一览表"
    proposals = imported.book.chapters[0].records.proposals
    assert [(p.number, p.subject, p.supervisor) for p in proposals] == [
        (1, "关于甲的提案", "王 林"), (2, "关于乙的提案", None)]
    assert imported.book.first_table_number == 3


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def test_footnote_text_is_kept_after_its_paragraph(tmp_path):
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    d = docx.Document()
    d.add_heading("政协某某市委员会", 1)
    d.add_heading("综述", 2)
    p = d.add_paragraph("【甲】正文。")
    p._p.append(parse_xml(f'<w:r xmlns:w="{W}"><w:footnoteReference w:id="1"/></w:r>'))
    xml = (f'<w:footnotes xmlns:w="{W}"><w:footnote w:id="1"><w:p><w:r><w:t>据市统计局数据。</w:t>'
           "</w:r></w:p></w:footnote></w:footnotes>").encode()
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml", xml, d.part.package)
    d.part.relate_to(part, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes")
    d.save(str(tmp_path / "f.docx"))
    imported = import_file(tmp_path / "f.docx", year=2022)
    assert imported.book.chapters[0].sections[0].entries[0].paragraphs == ["正文。", "据市统计局数据。"]
    message = next(w.render() for w in imported.warnings if w.code == "import.footnote")
    assert "第3段" in message and "据市统计局数据。" in message


MC_TEXT_BOX = (
    f'<w:r xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    "<mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>框中文字</w:t>"
    "</w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>"
    "<w:txbxContent><w:p><w:r><w:t>框中文字</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict>"
    "</mc:Fallback></mc:AlternateContent></w:r>"
)


def test_text_box_with_fallback_is_read_once_and_smart_tags_are_read(tmp_path):
    d = docx.Document()
    d.add_heading("政协某某市委员会", 1)
    d.add_heading("综述", 2)
    p = d.add_paragraph("【甲】正文。")
    p._p.append(parse_xml(MC_TEXT_BOX))
    smart = parse_xml(f'<w:customXml xmlns:w="{W}" w:element="x"><w:p><w:r><w:t>智能标记中的段落。</w:t></w:r></w:p></w:customXml>')
    d.element.body.insert(len(d.element.body) - 1, smart)
    d.save(str(tmp_path / "m.docx"))
    entry = import_file(tmp_path / "m.docx", year=2022).book.chapters[0].sections[0].entries[0]
    assert entry.paragraphs == ["正文。", "框中文字", "智能标记中的段落。"]
