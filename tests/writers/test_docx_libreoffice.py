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
    return doc, pdf, result, style


def test_libreoffice_converts_without_error(converted) -> None:
    _, pdf, result, _ = converted
    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stdout + result.stderr, result.stdout + result.stderr
    assert pdf.is_file() and pdf.stat().st_size > 0


def test_all_text_comes_through(converted) -> None:
    doc, pdf, _, style = converted
    text, pages = pdf_body_text(pdf, doc, style)
    assert pages >= 2
    missing = [t for t in doc.text_blocks() if squeeze(t) not in text]
    assert not missing, missing[:5]
    assert "<草案>&附件" in text


def test_page_furniture_is_rendered(converted) -> None:
    doc, pdf, _, _ = converted
    pages = PdfReader(pdf).pages
    last_lines = [page.extract_text().strip().splitlines()[-1] for page in pages]
    expected = [f"— {n} —" if "gongwen" in str(pdf.parent.parent) else str(n) for n in range(1, len(pages) + 1)]
    assert [squeeze(x) for x in last_lines] == [squeeze(x) for x in expected]
    if "yearbook" in str(pdf.parent.parent):
        # Even pages carry the book title; the chapter's opening page carries no running head.
        assert pages[1].extract_text().splitlines()[0] == doc.meta.title
        assert pages[0].extract_text().splitlines()[0] == "政协嘉峪关市委员会"


@pytest.fixture(scope="module")
def example_converted(tmp_path_factory: pytest.TempPathFactory):
    from tests.conftest import EXAMPLE
    from yearbook.build import build, prepare

    prepared = prepare(EXAMPLE)
    out = tmp_path_factory.mktemp("example")
    docx_path, pdf_path = build(EXAMPLE, out, prepared).outputs
    pdf, result = convert(docx_path, prepared.style, tmp_path_factory.mktemp("lo-example"))
    assert result.returncode == 0, result.stderr
    return prepared.document, pdf, pdf_path


def test_example_odd_page_heads_name_the_right_category(example_converted) -> None:
    doc, pdf, _ = example_converted
    pages = [p.extract_text().splitlines() for p in PdfReader(pdf).pages]
    # Odd or even by the folio printed at the foot: LibreOffice leaves the blank page an
    # odd-page section break inserts out of its PDF, so counting pages would be off by one.
    folios = [int(lines[-1]) if lines and lines[-1].isdigit() else None for lines in pages]
    openings = [i for i, lines in enumerate(pages) if lines and lines[0] in ("专文", "政协嘉峪关市委员会")]
    zhuanwen, jiayuguan = openings[0], openings[-1]
    sections = {b.text for b in doc.blocks if getattr(b, "level", 0) == 2}
    odd = [i for i, n in enumerate(folios) if n and n % 2 and i not in openings]
    even = [i for i, n in enumerate(folios) if n and not n % 2 and i not in openings]
    assert all(pages[i][0] == "专文" for i in odd if zhuanwen < i < jiayuguan), [pages[i][0] for i in odd]
    later = [pages[i][0] for i in odd if i > jiayuguan]
    assert later and all(head in sections for head in later), later
    assert all(pages[i][0] == doc.meta.title for i in even if i > zhuanwen)


def test_example_page_count_within_ten_percent_of_the_pdf(example_converted) -> None:
    _, pdf, ours = example_converted
    theirs, mine = len(PdfReader(pdf).pages), len(PdfReader(ours).pages)
    assert abs(theirs - mine) <= 0.1 * mine, (theirs, mine)
