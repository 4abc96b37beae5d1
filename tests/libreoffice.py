"""Converting our DOCX with LibreOffice headless, as an editor's machine would open it."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from pypdf import PdfReader

from yearbook.doctree import Document, Heading
from yearbook.fonts import resolve_faces
from yearbook.style import Style

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


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


def pdf_body_text(pdf: Path, doc: Document, style: Style | None = None) -> tuple[str, int]:
    """All pages' text without running heads and page numbers, squeezed.

    With `style`, text outside the type area (heads, folios) is dropped by its position,
    wherever the converter put it in the page's content stream; without, the first line
    is dropped when it reads like a head and the last when it reads like a folio.
    """
    heads = {squeeze(doc.meta.title)} | {
        squeeze(b.running_head) for b in doc.blocks if isinstance(b, Heading) and b.level >= 2
    }
    pages = PdfReader(pdf).pages
    out = []
    for page in pages:
        if style is not None:
            out.append(squeeze(_inside_type_area(page, style)))
            continue
        lines = [squeeze(line) for line in page.extract_text().splitlines()]
        lines = [line for line in lines if line]
        if lines and lines[0] in heads:
            lines = lines[1:]
        if lines and re.fullmatch(r"[—\-]*\d+[—\-]*", lines[-1]):
            lines = lines[:-1]
        out.extend(lines)
    return "".join(out), len(pages)


def _inside_type_area(page, style: Style) -> str:
    top = style.page.height - style.page.margin_top + 2
    bottom = style.page.margin_bottom - 2
    chunks: list[str] = []

    def visit(text, cm, tm, font, size) -> None:
        y = tm[5] * cm[3] + cm[5]
        if bottom <= y <= top:
            chunks.append(text)

    page.extract_text(visitor_text=visit)
    return "".join(chunks)
