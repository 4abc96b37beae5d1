"""DOCX writer in a real client: convert with LibreOffice headless and read the PDF back."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx_sample import sample_document
from pypdf import PdfReader

from tests.libreoffice import SOFFICE, convert, pdf_body_text, squeeze
from tests.ooxml import assert_valid_docx
from yearbook.style import load_style
from yearbook.writers.docx import write_docx

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


@pytest.fixture(scope="module", params=["yearbook", "gongwen"])
def converted(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    style = load_style(request.param, ROOT / "data")
    doc = sample_document(table_rows=60)
    work = tmp_path_factory.mktemp(f"lo-{request.param}")
    path = work / "chapter.docx"
    out = io.BytesIO()
    write_docx(doc, style, out)
    assert_valid_docx(out.getvalue())
    path.write_bytes(out.getvalue())
    pdf, result = convert(path, style, work)
    return doc, pdf, result


def test_libreoffice_converts_without_error(converted) -> None:
    _, pdf, result = converted
    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stdout + result.stderr, result.stdout + result.stderr
    assert pdf.is_file() and pdf.stat().st_size > 0


def test_all_text_comes_through(converted) -> None:
    doc, pdf, _ = converted
    text, pages = pdf_body_text(pdf, doc)
    assert pages >= 2
    missing = [t for t in doc.text_blocks() if squeeze(t) not in text]
    assert not missing, missing[:5]
    assert "<草案>&附件" in text


def test_page_furniture_is_rendered(converted) -> None:
    doc, pdf, _ = converted
    pages = PdfReader(pdf).pages
    last_lines = [page.extract_text().strip().splitlines()[-1] for page in pages]
    expected = [f"— {n} —" if "gongwen" in str(pdf.parent.parent) else str(n) for n in range(1, len(pages) + 1)]
    assert [squeeze(x) for x in last_lines] == [squeeze(x) for x in expected]
    if "yearbook" in str(pdf.parent.parent):
        # Even pages carry the book title; the chapter's opening page carries no running head.
        assert pages[1].extract_text().splitlines()[0] == doc.meta.title
        assert pages[0].extract_text().splitlines()[0] == "政协嘉峪关市委员会"
