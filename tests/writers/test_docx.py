"""DOCX writer: build from a hand-made document tree and read the file back with python-docx."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx_sample import LITERAL, meeting_table, sample_document
from lxml import etree

from tests.ooxml import assert_valid_docx
from yearbook.doctree import Cell, Column, Document, Heading, Metadata, Paragraph, ParaRole, Run, Table
from yearbook.style import Style, load_style
from yearbook.writers.docx import write_docx

ROOT = Path(__file__).resolve().parents[2]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


@pytest.fixture(scope="module")
def yearbook_style() -> Style:
    return load_style("yearbook", ROOT / "data")


@pytest.fixture(scope="module")
def gongwen_style() -> Style:
    return load_style("gongwen", ROOT / "data")


def build(doc: Document, style: Style) -> bytes:
    out = io.BytesIO()
    write_docx(doc, style, out)
    assert_valid_docx(out.getvalue())
    return out.getvalue()


@pytest.fixture(scope="module")
def sample_bytes(yearbook_style: Style) -> bytes:
    return build(sample_document(), yearbook_style)


@pytest.fixture(scope="module")
def word(sample_bytes: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(sample_bytes))


def part_xml(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(name))


def style_of(word: docx.document.Document, text: str) -> str:
    return next(p.style.name for p in word.paragraphs if p.text == text)


# --- headings and styles --------------------------------------------------------------


def test_headings_map_to_word_heading_styles(word: docx.document.Document) -> None:
    assert style_of(word, "政协嘉峪关市委员会") == "Heading 1"
    assert style_of(word, "综述") == "Heading 2"
    assert style_of(word, "一、坚持党的领导，政治引领更加有力") == "Heading 3"
    assert style_of(word, "（一）强化理论武装") == "Heading 4"


def test_article_title_sits_at_heading_2_outline_level_without_being_heading_2(
    word: docx.document.Document,
) -> None:
    title = next(p for p in word.paragraphs if p.text.startswith("凝心聚力"))
    assert title.style.name == "年鉴文章标题"
    assert title.style.base_style.name == "Heading 2"
    outline = title.style.element.find(f"{W}pPr/{W}outlineLvl")
    assert outline.get(f"{W}val") == "1"


def test_article_headings_never_become_heading_2(yearbook_style: Style) -> None:
    doc = Document(Metadata("书", "单位"), [
        Paragraph([Run("一、小标题")], ParaRole.ARTICLE_HEADING, heading_level=2),
        Paragraph([Run("二、小标题")], ParaRole.ARTICLE_HEADING),
    ])
    word = docx.Document(io.BytesIO(build(doc, yearbook_style)))
    assert [p.style.name for p in word.paragraphs] == ["Heading 3", "Heading 3"]


def test_body_roles_use_named_styles(word: docx.document.Document) -> None:
    assert style_of(word, "（政协嘉峪关市委员会办公室　杨永民供稿）") == "年鉴供稿"
    assert style_of(word, "市政协办公室") == "年鉴署名"
    assert style_of(word, "——2022年市政协工作综述") == "年鉴副题"
    entry = next(p for p in word.paragraphs if p.text.startswith("【十届二次会议】"))
    assert entry.style.name == "年鉴正文"
    assert entry.runs[0].text == "【十届二次会议】"
    assert entry.runs[0].style.name == "年鉴条目标题"
    assert entry.runs[1].style.name == "Default Paragraph Font"
    runin = next(p for p in word.paragraphs if p.text.startswith("第一次全体会议"))
    assert runin.runs[0].style.name == "年鉴小题"


def test_every_style_names_east_asian_fonts_and_none_falls_to_the_theme(sample_bytes: bytes) -> None:
    styles = part_xml(sample_bytes, "word/styles.xml")
    for rfonts in styles.iter(f"{W}rFonts"):
        assert not any(a.endswith("Theme") or a.endswith("theme") for a in rfonts.attrib), rfonts.attrib
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert defaults.find(f"{W}rFonts").get(f"{W}eastAsia") == "宋体"
    assert defaults.find(f"{W}lang").get(f"{W}eastAsia") == "zh-CN"
    faces = {}
    for s in styles.iter(f"{W}style"):
        rfonts = s.find(f"{W}rPr/{W}rFonts")
        if rfonts is not None:
            faces[s.get(f"{W}styleId")] = rfonts.get(f"{W}eastAsia")
    assert faces["Heading1"] == faces["Heading2"] == faces["YearbookEntryTitle"] == "黑体"
    assert faces["YearbookBody"] == faces["Normal"] == faces["YearbookTableCell"] == "宋体"
    assert faces["YearbookByline"] == faces["YearbookCredit"] == "楷体"


def test_theme_and_settings_do_not_pick_a_japanese_face(sample_bytes: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(sample_bytes)) as z:
        theme = z.read("word/theme/theme1.xml").decode()
    assert '<a:ea typeface=""/>' not in theme
    assert '<a:font script="Hans" typeface="黑体"/>' in theme
    settings = part_xml(sample_bytes, "word/settings.xml")
    assert settings.find(f"{W}themeFontLang").get(f"{W}eastAsia") == "zh-CN"


def test_body_is_justified_with_two_character_indent_and_kinsoku_left_on(sample_bytes: bytes) -> None:
    styles = part_xml(sample_bytes, "word/styles.xml")
    body = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == "YearbookBody")
    assert body.find(f"{W}pPr/{W}ind").get(f"{W}firstLineChars") == "200"
    assert body.find(f"{W}pPr/{W}jc").get(f"{W}val") == "both"
    spacing = body.find(f"{W}pPr/{W}spacing")
    assert (spacing.get(f"{W}line"), spacing.get(f"{W}lineRule")) == ("280", "exact")
    for name in ("word/styles.xml", "word/document.xml"):
        for k in part_xml(sample_bytes, name).iter(f"{W}kinsoku"):
            assert k.get(f"{W}val") not in ("0", "false", "off")


# --- text -----------------------------------------------------------------------------


def test_all_text_is_present_including_xml_specials(word: docx.document.Document) -> None:
    texts = [p.text for p in word.paragraphs]
    texts += [c.text for t in word.tables for row in t.rows for c in row.cells]
    doc = sample_document()
    for expected in doc.text_blocks():
        assert expected in texts, expected
    assert any(LITERAL in t for t in texts)


def test_control_characters_are_dropped_not_written(yearbook_style: Style) -> None:
    doc = Document(Metadata("书", "单位"), [Paragraph([Run("甲\x01乙\x0b丙")])])
    word = docx.Document(io.BytesIO(build(doc, yearbook_style)))
    assert word.paragraphs[0].text == "甲乙丙"


# --- tables ---------------------------------------------------------------------------


def test_table_is_three_line_by_a_named_style_with_repeating_header(
    word: docx.document.Document, sample_bytes: bytes
) -> None:
    table = word.tables[0]
    tbl = table._tbl
    assert tbl.find(f"{W}tblPr/{W}tblStyle").get(f"{W}val") == "YearbookThreeLine"
    assert table.style.name == "三线表"
    style = next(s for s in part_xml(sample_bytes, "word/styles.xml").iter(f"{W}style")
                 if s.get(f"{W}styleId") == "YearbookThreeLine")
    borders = style.find(f"{W}tblPr/{W}tblBorders")
    assert borders.find(f"{W}top").get(f"{W}val") == "single"
    assert borders.find(f"{W}bottom").get(f"{W}val") == "single"
    assert borders.find(f"{W}top").get(f"{W}sz") == "8"  # 1 pt
    for side in ("left", "right", "insideH", "insideV"):
        assert borders.find(f"{W}{side}").get(f"{W}val") == "nil"
    first_row = style.find(f"{W}tblStylePr[@{W}type='firstRow']/{W}tcPr/{W}tcBorders/{W}bottom")
    assert (first_row.get(f"{W}val"), first_row.get(f"{W}sz")) == ("single", "4")  # 0.5 pt
    assert tbl.find(f"{W}tblPr/{W}tblBorders") is None  # nothing overrides the style
    rows = tbl.findall(f"{W}tr")
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert all(r.find(f"{W}trPr/{W}tblHeader") is None for r in rows[1:])
    rule = rows[0].find(f"{W}tc/{W}tcPr/{W}tcBorders/{W}bottom")
    assert (rule.get(f"{W}val"), rule.get(f"{W}sz")) == ("single", "4")
    assert [c.text for c in table.rows[0].cells] == ["会议名称", "会议时间", "会议内容"]


def test_table_caption_is_above_and_kept_with_the_table(word: docx.document.Document) -> None:
    body = word.element.body
    tbl = word.tables[0]._tbl
    caption = tbl.getprevious()
    assert "".join(t.text for t in caption.iter(f"{W}t")) == "表7\u30002022年嘉峪关市政协十届主席会议一览表"
    # The number is Word's caption field, reset to 7 here since this is the first table.
    assert instr(caption).strip() == "SEQ 表 \\* ARABIC \\r 7"
    assert caption.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "Caption"
    assert word.styles["Caption"].paragraph_format.keep_with_next
    assert body.index(caption) + 1 == body.index(tbl)


def test_table_column_widths_follow_weights_and_fill_the_column(
    word: docx.document.Document, yearbook_style: Style
) -> None:
    # Three columns read well in one text column, so the DOCX sets the table there.
    grid = [int(g.get(f"{W}w")) for g in word.tables[0]._tbl.iter(f"{W}gridCol")]
    assert sum(grid) == round(yearbook_style.page.column_width * 20)
    assert grid[2] > grid[0] > grid[1]  # weights 4 : 2 : 1, the date column kept on one line
    layout = word.tables[0]._tbl.find(f"{W}tblPr/{W}tblLayout")
    assert layout.get(f"{W}type") == "fixed"


def test_a_wide_table_spans_the_columns_in_its_own_section(yearbook_style: Style) -> None:
    doc = sample_document(table_rows=3, repeat=1)
    table = next(b for b in doc.blocks if isinstance(b, Table))
    table.columns = [Column(f"第{i}栏标题文字", 1.0) for i in range(6)]
    table.rows = [[Cell("较长的单元格文字内容" * 2) for _ in range(6)] for _ in range(3)]
    word = docx.Document(io.BytesIO(build(doc, yearbook_style)))
    grid = [int(g.get(f"{W}w")) for g in word.tables[0]._tbl.iter(f"{W}gridCol")]
    assert sum(grid) == round(yearbook_style.page.frame_width * 20)
    sect_prs = list(word.element.body.iter(f"{W}sectPr"))
    cols = [s.find(f"{W}cols").get(f"{W}num") for s in sect_prs]
    # heading | text | the table across the columns | text | article title | article text
    assert cols == [None, "2", None, "2", None, "2"]


def test_two_thousand_row_table_builds(yearbook_style: Style) -> None:
    data = build(sample_document(table_rows=2000, repeat=1), yearbook_style)
    table = docx.Document(io.BytesIO(data)).tables[0]
    assert len(table.rows) == 2001
    assert table.rows[2000].cells[0].text == "十届2000次主席会议"


# --- page, sections, furniture --------------------------------------------------------


def test_sections_only_where_the_layout_changes(word: docx.document.Document) -> None:
    sect_prs = list(word.element.body.iter(f"{W}sectPr"))
    cols = [s.find(f"{W}cols").get(f"{W}num") for s in sect_prs]
    # heading (1 col) | text and the table in the column (2)
    # | article title, subtitle and byline across the columns (1) | article text (2)
    assert cols == [None, "2", None, "2"]
    first = sect_prs[0]
    assert first.find(f"{W}titlePg") is not None
    assert all(s.find(f"{W}titlePg") is None for s in sect_prs[1:])
    assert [s.find(f"{W}type").get(f"{W}val") for s in sect_prs[1:]] == ["continuous"] * 3
    assert sect_prs[1].find(f"{W}cols").get(f"{W}space") == str(round(6 * 72 / 25.4 * 20))


def refs(sect_pr: etree._Element) -> dict[str, str]:
    return {f"{etree.QName(r).localname[:6]} {r.get(f'{W}type')}": r.get(f"{R}id")
            for r in sect_pr if etree.QName(r).localname.endswith("Reference")}


def test_header_references_only_where_the_head_changes(yearbook_style: Style) -> None:
    doc = sample_document(table_rows=2, repeat=1)
    doc.blocks += [Heading(1, "专文", "专文", new_page=True),
                   Paragraph([Run("文章标题")], ParaRole.ARTICLE_TITLE, heading_level=2),
                   Paragraph([Run("正文。" * 300)])]
    data = build(doc, yearbook_style)
    word = docx.Document(io.BytesIO(data))
    sect_prs = list(word.element.body.iter(f"{W}sectPr"))
    assert len(sect_prs) == 6
    first, *rest = [refs(s) for s in sect_prs]
    assert set(first) == {"header default", "header even", "header first",
                          "footer default", "footer even", "footer first"}
    # Only the 专文 类目's opening section names a new odd-page head; the rest inherit.
    assert rest == [{}, {}, {}, {"header default": rest[3].get("header default")}, {}]
    assert rest[3]["header default"] != first["header default"]
    odd = word.part.related_parts[first["header default"]].element
    assert instr(odd).strip() == "STYLEREF 2 \\l"
    assert "".join(t.text for t in odd.iter(f"{W}t")) == "综述"  # what Word shows on the first odd page
    zhuanwen = word.part.related_parts[rest[3]["header default"]].element
    assert instr(zhuanwen) == ""
    assert "".join(t.text for t in zhuanwen.iter(f"{W}t")) == "专文"


def test_odd_page_heading_starts_an_odd_page_section(yearbook_style: Style) -> None:
    doc = sample_document(table_rows=2, repeat=1)
    doc.blocks += [Heading(1, "第二类目", "第二类目", new_page=True, odd_page=True), Paragraph([Run("正文。")])]
    word = docx.Document(io.BytesIO(build(doc, yearbook_style)))
    second = list(word.element.body.iter(f"{W}sectPr"))[-2]
    assert second.find(f"{W}type").get(f"{W}val") == "oddPage"
    assert second.find(f"{W}titlePg") is not None
    # Every 类目 opens on an odd page: the opening page's folio sits right, like odd pages'.
    first_footer = word.sections[0].first_page_footer._element.find(f"{W}p")
    assert first_footer.find(f"{W}pPr/{W}jc").get(f"{W}val") == "right"
    assert first_footer.find(f"{W}pPr/{W}framePr") is None


def test_page_geometry_and_mirrored_margins(word: docx.document.Document, sample_bytes: bytes) -> None:
    section = word.sections[-1]
    assert round(section.page_width.mm) == 185 and round(section.page_height.mm) == 260
    assert round(section.left_margin.mm) == 18 and round(section.right_margin.mm) == 16
    settings = part_xml(sample_bytes, "word/settings.xml")
    assert settings.find(f"{W}mirrorMargins") is not None
    assert settings.find(f"{W}evenAndOddHeaders") is not None
    assert settings.find(f"{W}updateFields") is None  # no field here needs it
    mode = next(c for c in settings.iter(f"{W}compatSetting") if c.get(f"{W}name") == "compatibilityMode")
    assert mode.get(f"{W}val") == "15"


def test_chapter_heading_on_new_page_starts_a_new_section(yearbook_style: Style) -> None:
    doc = sample_document(table_rows=2, repeat=1)
    doc.blocks.append(Heading(1, "第二类目", "第二类目", new_page=True))
    doc.blocks.append(Paragraph([Run("正文。")]))
    word = docx.Document(io.BytesIO(build(doc, yearbook_style)))
    sect_prs = list(word.element.body.iter(f"{W}sectPr"))
    second_chapter = sect_prs[-2]  # the one-column section holding 第二类目
    assert second_chapter.find(f"{W}type").get(f"{W}val") == "nextPage"
    assert second_chapter.find(f"{W}titlePg") is not None
    # It may open on an even page: the opening folio is a frame at the outer edge.
    frame = word.sections[0].first_page_footer._element.find(f"{W}p/{W}pPr/{W}framePr")
    assert (frame.get(f"{W}xAlign"), frame.get(f"{W}hAnchor")) == ("outside", "margin")
    assert instr(word.sections[0].first_page_footer._element).strip() == "PAGE"


def instr(part_el: etree._Element) -> str:
    return "".join(t.text for t in part_el.iter(f"{W}instrText"))


def test_running_heads_odd_styleref_even_title_with_rule(word: docx.document.Document) -> None:
    section = word.sections[0]
    odd = section.header._element
    # The heading level, not the style's name: Chinese Word calls it 标题 2.
    assert instr(odd).strip() == "STYLEREF 2 \\l"
    assert "综述" in "".join(t.text for t in odd.iter(f"{W}t"))  # cached result for readers without fields
    even = section.even_page_header
    assert even.paragraphs[0].text == "政协嘉峪关市委员会年鉴-2023"
    rule = even._element.find(f"{W}p/{W}pPr/{W}pBdr/{W}bottom")
    assert rule.get(f"{W}sz") == "4"
    assert section.first_page_header.paragraphs[0].text == ""


def test_page_numbers_at_outer_corners(word: docx.document.Document) -> None:
    section = word.sections[0]
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        p = footer._element.find(f"{W}p")
        assert instr(p).strip() == "PAGE"
        assert p.find(f"{W}pPr/{W}jc").get(f"{W}val") == align


def test_gongwen_page_number_between_dashes_and_no_running_heads(gongwen_style: Style) -> None:
    word = docx.Document(io.BytesIO(build(sample_document(table_rows=3, repeat=1), gongwen_style)))
    section = word.sections[0]
    footer_text = "".join(t.text for t in section.footer._element.iter(f"{W}t"))
    assert footer_text == "— 1 —"
    assert section.header.paragraphs[0].text == ""
    assert "STYLEREF" not in instr(section.header._element)
    # One column: one section only, no column changes.
    assert len(list(word.element.body.iter(f"{W}sectPr"))) == 1
    assert section._sectPr.find(f"{W}cols").get(f"{W}num") is None


# --- properties and reproducibility ---------------------------------------------------


def test_core_properties(word: docx.document.Document) -> None:
    props = word.core_properties
    assert props.title == "政协嘉峪关市委员会年鉴-2023"
    assert props.author == "政协嘉峪关市委员会办公室"
    assert props.language == "zh-CN"
    assert props.created.year == 2023 and props.created.month == 1
    assert props.comments == ""


def test_identical_input_gives_identical_bytes(yearbook_style: Style, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = build(sample_document(), yearbook_style)
    assert build(sample_document(), yearbook_style) == first
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(2023, 1, 1, 0, 0, 0)}
        names = z.namelist()
    assert names[0] == "[Content_Types].xml"
    assert "docProps/thumbnail.jpeg" not in names and "word/stylesWithEffects.xml" not in names


def test_source_date_epoch_sets_the_dates(yearbook_style: Style, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    data = build(sample_document(), yearbook_style)
    assert build(sample_document(), yearbook_style) == data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {i.date_time for i in z.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    created = docx.Document(io.BytesIO(data)).core_properties.created
    assert (created.month, created.day, created.hour) == (11, 14, 22)


def test_line_fitting_like_the_pdf(sample_bytes: bytes, yearbook_style: Style, gongwen_style: Style) -> None:
    settings = part_xml(sample_bytes, "word/settings.xml")
    assert settings.find(f"{W}characterSpacingControl").get(f"{W}val") == "compressPunctuation"
    document = part_xml(sample_bytes, "word/document.xml")
    for grid in document.iter(f"{W}docGrid"):
        assert grid.get(f"{W}type") == "linesAndChars"
        assert grid.get(f"{W}linePitch") == "280"  # the body's 14 pt leading
        # 22 characters of 9 pt in a 205.5 pt column: a pitch of 9.34 pt.
        pitch = 9 + int(grid.get(f"{W}charSpace")) / 4096
        assert 9.33 < pitch <= yearbook_style.page.column_width / 22
    styles = part_xml(sample_bytes, "word/styles.xml")
    snap = {s.get(f"{W}styleId"): s.find(f"{W}pPr/{W}snapToGrid").get(f"{W}val")
            for s in styles.iter(f"{W}style") if s.find(f"{W}pPr/{W}snapToGrid") is not None}
    assert snap["YearbookBody"] == "1" and snap["Heading1"] == snap["YearbookTableCell"] == snap["Caption"] == "0"
    # 公文: 28 characters a line in the 156 mm measure, a 15.79 pt pitch for 16 pt type (GB/T 9704).
    gongwen = part_xml(build(sample_document(table_rows=3, repeat=1), gongwen_style), "word/document.xml")
    grid = next(gongwen.iter(f"{W}docGrid"))
    pitch = 16 + int(grid.get(f"{W}charSpace")) / 4096
    assert int(156 * 72 / 25.4 / pitch) == 28


def test_caption_numbers_continue_without_reset_and_restart_after_a_jump(yearbook_style: Style) -> None:
    doc = sample_document(table_rows=2, repeat=1)
    first = next(b for b in doc.blocks if isinstance(b, Table))
    doc.blocks += [meeting_table(8, 2), meeting_table(12, 2)]
    assert first.number == 7
    word = docx.Document(io.BytesIO(build(doc, yearbook_style)))
    captions = [p for p in word.paragraphs if p.style.style_id == "Caption"]
    assert [p.text.split("\u3000")[0] for p in captions] == ["表7", "表8", "表12"]
    assert [instr(p._p).strip() for p in captions] == [
        "SEQ 表 \\* ARABIC \\r 7", "SEQ 表 \\* ARABIC", "SEQ 表 \\* ARABIC \\r 12"]


def test_clean_package(sample_bytes: bytes, word: docx.document.Document) -> None:
    styles = part_xml(sample_bytes, "word/styles.xml")
    ids = {s.get(f"{W}styleId") for s in styles.iter(f"{W}style")}
    assert not any(i.endswith("Char") for i in ids), ids
    assert not list(styles.iter(f"{W}link"))
    assert not ids & {"ListBullet3", "LightShading-Accent4", "Title", "MacroText", "TableGrid"}
    # Only the deepest article heading level used here (4) is defined beyond heading 3.
    assert "Heading4" in ids and "Heading5" not in ids
    for heading in ("Heading1", "Heading2", "Heading3", "YearbookArticleTitle", "Caption"):
        style = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == heading)
        assert style.find(f"{W}next").get(f"{W}val") == "YearbookBody", heading
    fonts = part_xml(sample_bytes, "word/fontTable.xml")
    assert [f.get(f"{W}name") for f in fonts.iter(f"{W}font")] == ["宋体", "黑体", "楷体", "仿宋"]
    app = part_xml(sample_bytes, "docProps/app.xml")
    assert app.find("{*}Application").text == "yearbook"
    with zipfile.ZipFile(io.BytesIO(sample_bytes)) as z:
        names = z.namelist()
    assert not any(n.startswith("customXml/") for n in names)
    assert "word/numbering.xml" not in names
