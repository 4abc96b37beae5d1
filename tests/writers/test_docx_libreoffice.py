"""DOCX writer in a real client: convert with LibreOffice headless and read the PDF back."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx_sample import sample_document
from pypdf import PdfReader

from yearbook.doctree import Document, Heading
from yearbook.fonts import resolve_faces
from yearbook.style import Style, load_style
from yearbook.writers.docx import write_docx

ROOT = Path(__file__).resolve().parents[2]
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def fontconfig_aliases(style: Style, folder: Path) -> Path:
    """A fonts.conf that maps the DOCX's Windows face names (宋体…) to the fonts our PDF uses,
    so LibreOffice lays the file out with the same metrics rather than a random fallback."""
    faces = resolve_faces(style)
    aliases = "".join(
        f"<alias binding=\"same\"><family>{style.word_fonts[role]}</family>"
        f"<prefer><family>{faces[role].family}</family></prefer></alias>"
        for role in faces
        if role in style.word_fonts
    )
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f'<include ignore_missing="yes">/etc/fonts/fonts.conf</include>{aliases}</fontconfig>',
        encoding="utf-8",
    )
    return conf


def convert(docx_path: Path, style: Style, work: Path) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """docx → pdf with a private LibreOffice profile, so parallel runs do not share a lock."""
    outdir = work / "pdf"
    env = {"HOME": str(work), "PATH": "/usr/bin:/bin", "FONTCONFIG_FILE": str(fontconfig_aliases(style, work))}
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{work}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(outdir), str(docx_path)],
        capture_output=True, text=True, timeout=180, env=env, check=False,
    )
    return outdir / (docx_path.stem + ".pdf"), result


# LibreOffice 7.4 hangs a line-end comma into the margin whatever w:overflowPunct says, and its
# PDF then loses it; the comparison ignores these marks so that bug does not hide real losses.
_HANGING = str.maketrans("", "", "，。、；：")


def squeeze(text: str) -> str:
    return "".join(text.split()).translate(_HANGING)


def pdf_body_text(pdf: Path, doc: Document) -> tuple[str, int]:
    """All pages' text without running heads and page numbers, squeezed."""
    heads = {squeeze(doc.meta.title)} | {
        squeeze(b.running_head) for b in doc.blocks if isinstance(b, Heading) and b.level >= 2
    }
    pages = PdfReader(pdf).pages
    out = []
    for page in pages:
        lines = [squeeze(line) for line in page.extract_text().splitlines()]
        lines = [line for line in lines if line]
        if lines and lines[0] in heads:
            lines = lines[1:]
        if lines and re.fullmatch(r"[—\-]*\d+[—\-]*", lines[-1]):
            lines = lines[:-1]
        out.extend(lines)
    return "".join(out), len(pages)


@pytest.fixture(scope="module", params=["yearbook", "gongwen"])
def converted(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    style = load_style(request.param, ROOT / "data")
    doc = sample_document(table_rows=60)
    work = tmp_path_factory.mktemp(f"lo-{request.param}")
    path = work / "chapter.docx"
    out = io.BytesIO()
    write_docx(doc, style, out)
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
