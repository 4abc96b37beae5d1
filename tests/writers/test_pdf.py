"""The PDF writer, checked by reading the produced PDF back (pypdf, pdffonts)."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests import pdfread
from yearbook.doctree import (
    Cell,
    Column,
    Document,
    Heading,
    Metadata,
    OutlineItem,
    Paragraph,
    ParaRole,
    Run,
    RunRole,
    Table,
)
from yearbook.fonts import resolve_faces
from yearbook.style import load_style
from yearbook.writers.pdf import write_pdf

MM = 72 / 25.4
TITLE = "政协嘉峪关市委员会年鉴-2023"
BODY = (
    "市政协及其常委会紧扣市委部署要求和全市中心工作，全年召开专题议政性常委会会议和专题协商会议17次。"
    "贯彻落实《中共嘉峪关市委关于进一步加强和完善基层协商民主的实施意见》，创新开展“嘉事好商量”活动，"
    "协商解决群众关心关注的操心事、烦心事、难心事113件。"
)


def entry(title: str, text: str) -> Paragraph:
    return Paragraph(
        [Run(f"【{title}】", RunRole.ENTRY_TITLE), Run(text)], outline=OutlineItem(2, title)
    )


def meeting_table(number: int, rows: int, long_cell: str | None = None) -> Table:
    body = [
        [Cell(f"十届第{i + 1}次主席会议"), Cell(f"{i % 12 + 1}月{i % 28 + 1}日"), Cell(BODY[: 30 + i % 60])]
        for i in range(rows)
    ]
    if long_cell is not None:
        body.insert(1, [Cell("特别会议"), Cell("6月30日"), Cell(long_cell)])
    return Table(
        number,
        "2022年嘉峪关市政协十届主席会议一览表",
        [Column("会议名称", 2), Column("会议时间", 1, "center"), Column("会议内容", 5)],
        body,
        OutlineItem(2, f"表{number}"),
    )


def sample_document() -> Document:
    doc = Document(Metadata(TITLE, "政协嘉峪关市委员会办公室", edition=2023, year=2022))
    doc.blocks += [
        Heading(1, "政协嘉峪关市委员会", "政协嘉峪关市委员会", True, OutlineItem(0, "政协嘉峪关市委员会")),
        Heading(2, "综述", "综述", False, OutlineItem(1, "综述")),
    ]
    doc.blocks += [entry(f"协商民主{i}", BODY * (1 + i % 3)) for i in range(8)]
    doc.blocks += [
        Heading(2, "政协重要会议", "政协重要会议", False, OutlineItem(1, "政协重要会议")),
        entry("十届二次会议", "2023年1月9日至11日，会议在市级机关会议中心召开。"),
        Paragraph([Run("第一次全体会议", RunRole.RUNIN_TITLE), Run("　1月9日上午开幕。" + BODY)]),
        Paragraph([Run("关于上报<关于深入实施“四强”行动>的报告 & 附件，吉𠮷野家")]),
        meeting_table(1, 70),
    ]
    doc.blocks += [entry(f"调研视察{i}", BODY * 2) for i in range(10)]
    doc.blocks.append(Paragraph([Run("（政协嘉峪关市委员会办公室 杨永民供稿）")], ParaRole.CREDIT))
    return doc


def build(doc: Document, style, faces) -> bytes:
    out = io.BytesIO()
    write_pdf(doc, style, faces, out)
    return out.getvalue()


@pytest.fixture(scope="module")
def pdf(style, faces) -> bytes:
    return build(sample_document(), style, faces)


@pytest.fixture(scope="module")
def reader(pdf) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_lines(reader: PdfReader) -> list[list[str]]:
    return [[ln.strip() for ln in p.extract_text().splitlines() if ln.strip()] for p in reader.pages]


def body_text(reader: PdfReader) -> str:
    """The pages' text without running heads and page numbers (drawn last on each page)."""
    heads = {TITLE, "综述", "政协重要会议", "政协嘉峪关市委员会"}
    out = []
    for lines in page_lines(reader):
        lines = lines[:-1]  # page number
        if lines and lines[-1] in heads:
            lines = lines[:-1]
        out.append("".join(lines))
    return squeeze("".join(out))


def test_page_size_is_zhengdu_16k(reader):
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(185 * MM, abs=0.05)
        assert float(page.mediabox.height) == pytest.approx(260 * MM, abs=0.05)


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_all_fonts_embedded(pdf, tmp_path):
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    fonts = rows.splitlines()[2:]
    assert fonts
    for row in fonts:
        emb, sub = row.split()[-5:-3]
        assert (emb, sub) == ("yes", "yes"), row


def test_every_paragraph_and_cell_is_in_the_text(reader):
    text = body_text(reader)
    for block in sample_document().text_blocks():
        assert squeeze(block) in text, block


def test_markup_characters_and_astral_characters_come_out_literally(reader):
    text = body_text(reader)
    assert "关于上报<关于深入实施“四强”行动>的报告&附件" in text
    assert "吉𠮷野家" in text


def test_running_heads(reader):
    pages = page_lines(reader)
    assert len(pages) >= 4
    assert TITLE not in pages[0] and pages[0][0] == "政协嘉峪关市委员会"  # opening page: no 书眉
    for n, lines in enumerate(pages, start=1):
        assert lines[-1] == str(n)
        if n % 2 == 0:
            assert lines[-2] == TITLE
        elif n > 1:
            assert lines[-2] in {"综述", "政协重要会议"}


def test_table_continues_with_label_and_header(reader):
    pages = page_lines(reader)
    first = next(i for i, p in enumerate(pages) if any(ln.startswith("表1") for ln in p))
    cont = [i for i, p in enumerate(pages) if "续表1" in p]
    assert cont and cont[0] == first + 1
    for i in cont:
        lines = pages[i]
        k = lines.index("续表1")
        assert squeeze("".join(lines[k + 1 :])).startswith("会议名称会议时间会议内容")


def test_bookmarks(reader):
    def titles(items):
        for it in items:
            if isinstance(it, list):
                yield from titles(it)
            else:
                yield it.title

    found = list(titles(reader.outline))
    assert found[:3] == ["政协嘉峪关市委员会", "综述", "协商民主0"]
    assert {"政协重要会议", "十届二次会议", "表1", "调研视察9"} <= set(found)


def test_metadata(reader):
    meta = reader.metadata
    assert meta.title == TITLE
    assert meta.author == "政协嘉峪关市委员会办公室"
    assert reader.trailer["/Root"]["/Lang"] == "zh-CN"
    assert meta["/CreationDate"].startswith("D:20230101")


def test_output_is_byte_identical(pdf, style, faces):
    assert build(sample_document(), style, faces) == pdf


def test_source_date_epoch(style, faces, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    meta = PdfReader(io.BytesIO(build(sample_document(), style, faces))).metadata
    assert meta["/CreationDate"].startswith("D:20231114")


def test_two_thousand_row_table(style, faces):
    doc = Document(Metadata(TITLE, "办公室"), [meeting_table(1, 2000)])
    reader = PdfReader(io.BytesIO(build(doc, style, faces)))
    pages = page_lines(reader)
    assert len(pages) > 20
    assert all("续表1" in p for p in pages[1:])
    assert "十届第2000次主席会议" in body_text(reader)


def test_cell_taller_than_a_page_is_split(style, faces):
    giant = "".join(f"第{i}项议程审议通过。" for i in range(1500))
    doc = Document(Metadata(TITLE, "办公室"), [meeting_table(3, 3, long_cell=giant)])
    reader = PdfReader(io.BytesIO(build(doc, style, faces)))
    assert len(reader.pages) >= 3
    text = body_text(reader)
    assert text.count("续表3会议名称会议时间会议内容") == len(reader.pages) - 1
    assert squeeze(giant) in text.replace("续表3会议名称会议时间会议内容", "")


def test_table_inside_a_column(style, faces):
    column_style = dataclasses.replace(style, table=dataclasses.replace(style.table, full_width=False))
    doc = sample_document()
    doc.blocks.append(meeting_table(2, 40, long_cell=BODY * 12))
    pdf = build(doc, column_style, faces)
    reader = PdfReader(io.BytesIO(pdf))
    text = body_text(reader).replace("续表1会议名称会议时间会议内容", "")
    text = text.replace("续表2会议名称会议时间会议内容", "")
    for block in doc.text_blocks():
        assert squeeze(block) in text, block
    assert any("续表2" in p for p in page_lines(reader))


def test_gongwen_page_numbers(faces):
    gongwen = load_style("gongwen", Path("."))
    reader = PdfReader(io.BytesIO(build(sample_document(), gongwen, resolve_faces(gongwen))))
    assert float(reader.pages[0].mediabox.width) == pytest.approx(210 * MM, abs=0.05)
    for n, lines in enumerate(page_lines(reader), start=1):
        assert lines[-1] == f"— {n} —"


def test_running_head_prints_a_character_its_face_lacks(style, faces):
    """A 分目 title with a character the running head's face lacks: the fallback face sets it."""

    rare = "\U0002123C"  # 𡈼: in the song face, not in the kai face
    kai_heads = dataclasses.replace(
        style, paragraphs={**style.paragraphs, "running_head": dataclasses.replace(style.para("running_head"), font="kai")}
    )
    fonts_doc = Document(Metadata(TITLE, "办公室", edition=2023))
    title = f"{rare}城调研"
    fonts_doc.blocks += [Heading(2, title, title, False, OutlineItem(1, title))]
    fonts_doc.blocks += [entry(f"调研{i}", BODY * 3) for i in range(12)]
    pdf = build(fonts_doc, kai_heads, faces)
    baseline = style.page.height - style.page.header_distance
    pages = pdfread.pages(pdf)
    assert len(pages) >= 3
    # page 3: an odd page, its 书眉 is the 分目 title
    head = sorted((c for c in pdfread.chars(pages[2]) if abs(c.matrix[5] - baseline) < 1), key=lambda c: c.x0)
    assert "".join(c.get_text() for c in head) == title
    assert "NotoSerif" in head[0].fontname or "Song" in head[0].fontname, head[0].fontname
    assert all("WenKai" in c.fontname or "Kai" in c.fontname for c in head[1:])
