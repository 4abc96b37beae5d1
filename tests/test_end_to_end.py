"""The example chapter end to end: every sentence and every table cell of the data
appears in the text read back from both the DOCX and the PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document as read_docx
from pypdf import PdfReader

from tests.conftest import EXAMPLE
from tests.libreoffice import SOFFICE, convert, pdf_body_text, squeeze
from yearbook.build import build, prepare

SENTENCE_END = re.compile(r"(?<=[。；！？])")


def normalise(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path, object]:
    out = tmp_path_factory.mktemp("out")
    prepared = prepare(EXAMPLE)
    result = build(EXAMPLE, out, prepared)
    docx_path, pdf_path = result.outputs
    return docx_path, pdf_path, prepared


def expected_pieces(prepared) -> list[str]:
    pieces: list[str] = []
    for text in prepared.document.text_blocks():
        pieces.extend(s for s in SENTENCE_END.split(normalise(text)) if s)
    return pieces


def body_text_of_pdf(path: Path, style) -> str:
    """The text inside the text block (no running heads or page numbers), in the
    order it was drawn, which is the order a reader copies it in."""
    top = style.page.height - style.page.margin_top + 1
    bottom = style.page.margin_bottom - 1
    chunks: list[str] = []

    def visit(text, cm, tm, font, size) -> None:
        y = tm[5] * cm[3] + cm[5]
        if bottom <= y <= top:
            chunks.append(text)

    for page in PdfReader(str(path)).pages:
        page.extract_text(visitor_text=visit)
    return normalise("".join(chunks))


def docx_text(path: Path) -> str:
    doc = read_docx(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return normalise("".join(parts))


def test_every_sentence_and_cell_in_docx(built):
    docx_path, _, prepared = built
    text = docx_text(docx_path)
    missing = [p for p in expected_pieces(prepared) if p not in text]
    assert not missing, missing[:5]


def test_every_sentence_and_cell_in_pdf(built):
    _, pdf_path, prepared = built
    text = body_text_of_pdf(pdf_path, prepared.style)
    missing = [p for p in expected_pieces(prepared) if p not in text]
    assert not missing, missing[:5]


def test_markup_characters_come_out_literally(built):
    docx_path, pdf_path, prepared = built
    literal = "<关于深入实施“四强”行动，加快推动经济社会高质量发展的调研报告>"
    assert literal in docx_text(docx_path)
    assert literal in body_text_of_pdf(pdf_path, prepared.style)


def test_seed_content_is_all_in_the_data():
    """The data holds the seed chapter: spot checks across every section and table."""
    text = normalise("".join(prepare(EXAMPLE).document.text_blocks()))
    for piece in [
        "【思想政治建设】以市政协党组理论学习中心组学习为引领",
        "大会应到市政协委员176名，实到135名。",
        "全年召开常务委员会会议5次。",
        "表62022年嘉峪关市政协十届常委会会议一览表",
        "表7", "表8", "表9",
        "市政协党组(扩大)会议暨十届十次主席会议".replace("(", "（").replace(")", "）"),
        "王\u3000林".replace("\u3000", ""),
        "6月8日、14日",
        "2月21日至23日",
        "（政协嘉峪关市委员会办公室杨永民供稿）",
        "——酒泉市政协2023年工作综述",
        "一、坚持政协之“政”把准方向筑根基",
    ]:
        assert piece in text, piece


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_docx_opens_in_libreoffice_with_all_text_and_similar_length(built, tmp_path):
    docx_path, pdf_path, prepared = built
    converted, result = convert(docx_path, prepared.style, tmp_path)
    assert result.returncode == 0 and converted.is_file(), result.stderr
    assert "Error" not in result.stdout + result.stderr
    text, pages = pdf_body_text(converted, prepared.document, prepared.style)
    missing = [p for p in prepared.document.text_blocks() if squeeze(p) not in text]
    assert not missing, missing[:5]
    ours = len(PdfReader(str(pdf_path)).pages)
    assert abs(pages - ours) <= 0.25 * ours, (pages, ours)
