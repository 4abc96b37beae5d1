"""The pipeline: load → assemble → write, with atomic output files."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from yearbook.assemble.book import assemble_with_warnings
from yearbook.diagnostics import Diagnostic, Location, YearbookError
from yearbook.doctree import Document
from yearbook.i18n import register
from yearbook.load.book import Loaded, load_book
from yearbook.style import Style, load_style, template_path

register(
    {
        "build.cannot_write": (
            "无法写入“{path}”：{reason}。如果文件正在 Word 或 WPS 中打开，请先关闭",
            "cannot write '{path}': {reason}. If the file is open in Word or WPS, close it first",
        ),
        "build.cannot_create_dir": (
            "无法创建输出文件夹“{path}”：{reason}",
            "cannot create the output folder '{path}': {reason}",
        ),
    }
)

DEFAULT_STYLE = "yearbook"
_UNSAFE_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


@dataclass
class Prepared:
    """Everything a writer or a check needs, made once."""

    loaded: Loaded
    style: Style
    document: Document
    warnings: list[Diagnostic] = field(default_factory=list)


@dataclass
class BuildResult:
    outputs: list[Path]
    warnings: list[Diagnostic] = field(default_factory=list)


def prepare(data_dir: Path) -> Prepared:
    loaded = load_book(data_dir)
    book = loaded.book
    style_name = str(book.style) if book.style else DEFAULT_STYLE
    style = load_style(style_name, data_dir, book.style.loc if book.style else None)
    if book.template:  # the book's Word template wins over the style's
        style.template = template_path(str(book.template), [data_dir], book.template.loc)
        style.template_loc = book.template.loc
    document, warnings = assemble_with_warnings(book)
    return Prepared(loaded, style, document, warnings)


def output_stem(prepared: Prepared) -> str:
    """The files' base name: `output`, else the title, safe on Windows."""
    book = prepared.loaded.book
    name = str(book.output or book.title)
    return _UNSAFE_IN_NAMES.sub("_", name).strip(" .") or "yearbook"


def _write_atomically(jobs: list[tuple[Path, Callable[[BinaryIO], None]]]) -> None:
    """Write every file to a temporary name first and rename only when all
    succeeded, so a failed build leaves the earlier outputs as they were."""
    temps: list[tuple[str, Path]] = []
    try:
        for target, write in jobs:
            fd, temp = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".tmp", dir=target.parent)
            temps.append((temp, target))
            with os.fdopen(fd, "wb") as stream:
                write(stream)
        for temp, target in temps:
            try:
                os.replace(temp, target)
            except OSError as exc:
                loc = Location(str(target), 1, 1)
                args = {"path": str(target), "reason": exc.strerror or str(exc)}
                raise YearbookError([Diagnostic("build.cannot_write", args, loc)]) from exc
    finally:
        for temp, _ in temps:
            if os.path.exists(temp):
                os.unlink(temp)


def build(data_dir: Path, out_dir: Path, prepared: Prepared | None = None) -> BuildResult:
    from yearbook.fonts import font_warnings, missing_glyphs, resolve_faces
    from yearbook.writers.docx import write_docx
    from yearbook.writers.docx.template import template_warnings
    from yearbook.writers.pdf import write_pdf

    prepared = prepared or prepare(data_dir)
    faces = resolve_faces(prepared.style)
    warnings = [
        *prepared.warnings,
        *font_warnings(faces, prepared.style),
        *missing_glyphs(prepared.document, faces, prepared.style),
        *template_warnings(prepared.style),
    ]
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        args = {"path": str(out_dir), "reason": exc.strerror or str(exc)}
        raise YearbookError([Diagnostic("build.cannot_create_dir", args)]) from exc
    stem = output_stem(prepared)
    docx_path, pdf_path = out_dir / f"{stem}.docx", out_dir / f"{stem}.pdf"
    doc, style = prepared.document, prepared.style
    _write_atomically(
        [
            (docx_path, lambda s: write_docx(doc, style, s)),
            (pdf_path, lambda s: write_pdf(doc, style, faces, s)),
        ]
    )
    return BuildResult([docx_path, pdf_path], warnings)
