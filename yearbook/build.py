"""The pipeline: load → assemble → write; the outputs are replaced together (see output.py)."""

from __future__ import annotations

import contextlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from yearbook.background import Background, Handoff
from yearbook.diagnostics import Diagnostic
from yearbook.doctree import Document, Index, TableOfContents
from yearbook.load.book import Loaded, load_book
from yearbook.output import write_together
from yearbook.pagemap import PageMap
from yearbook.style import Style, load_style, template_path

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


def prepare(data_dir: Path, loaded: Loaded | None = None) -> Prepared:
    """`loaded`: the folder already read (the checks may have started on it meanwhile)."""
    # Imported here: the checks, forked as soon as the data is read, need none of it.
    from yearbook.assemble.book import assemble_with_warnings
    from yearbook.images import resolution_warnings

    loaded = loaded or load_book(data_dir)
    book = loaded.book
    style_name = str(book.style) if book.style else DEFAULT_STYLE
    style = load_style(style_name, data_dir, book.style.loc if book.style else None)
    if book.template:  # the book's Word template wins over the style's
        style.template = template_path(str(book.template), [data_dir], book.template.loc)
        style.template_loc = book.template.loc
    document, warnings = assemble_with_warnings(book)
    warnings = [*loaded.warnings, *warnings, *resolution_warnings(document, style)]
    return Prepared(loaded, style, document, warnings)


def output_stem(prepared: Prepared) -> str:
    """The files' base name: `output`, else the title, safe on Windows."""
    book = prepared.loaded.book
    name = str(book.output or book.title)
    return _UNSAFE_IN_NAMES.sub("_", name).strip(" .") or "yearbook"


def needs_page_map(doc: Document) -> bool:
    """Whether the DOCX shows where the PDF set things (a 目录 or a 索引)."""
    return any(isinstance(b, TableOfContents | Index) for b in [*doc.front, *doc.blocks])


def _docx_bytes(doc: Document, style: Style, pages: Handoff[PageMap] | None) -> bytes:
    # Imported here: the DOCX is made in a child process, which then pays for
    # python-docx's import on the second core instead of this one.
    from yearbook.writers.docx import draft_docx, finish_docx

    draft = draft_docx(doc, style)
    out = io.BytesIO()
    # A book's 目录, 索引 and running heads show where the PDF, laid out meanwhile in the
    # parent, set things: everything else is made before they are handed over.
    finish_docx(draft, out, pages.take() if pages is not None else None)
    return out.getvalue()


def _template_warnings(style: Style) -> list[Diagnostic]:
    if style.template is None:
        return []
    from yearbook.writers.docx.template import template_warnings

    return template_warnings(style)


def build(data_dir: Path, out_dir: Path, prepared: Prepared | None = None) -> BuildResult:
    prepared = prepared or prepare(data_dir)
    # The DOCX is made on the second core from here on, while this process resolves the
    # fonts and writes the PDF; a book's page numbers (a PageMap) follow from the PDF.
    pages: Handoff[PageMap] | None = Handoff() if needs_page_map(prepared.document) else None
    try:
        return _build(prepared, out_dir, pages)
    finally:
        if pages is not None:
            pages.close()


def _build(prepared: Prepared, out_dir: Path, pages: Handoff[PageMap] | None) -> BuildResult:
    doc, style = prepared.document, prepared.style
    # Where the page numbers cannot reach a child, a book's DOCX is made after the PDF.
    early = pages is None or pages.reaches_children
    docx = Background(lambda: _docx_bytes(doc, style, pages)) if early else None
    with docx or contextlib.nullcontext():
        from yearbook.fonts import font_warnings, missing_glyphs, resolve_faces
        from yearbook.writers.pdf import write_pdf

        faces = resolve_faces(style)
        # The scan of every character (0.15 s at 1,000 pages) only warns: after the DOCX.
        glyphs = Background(lambda: missing_glyphs(doc, faces, style))
        stem = output_stem(prepared)
        docx_path, pdf_path = out_dir / f"{stem}.docx", out_dir / f"{stem}.pdf"

        def pdf(stream: BinaryIO) -> None:
            layout = write_pdf(doc, style, faces, stream)
            if pages is not None:
                pages.give(layout)
            # Asked now, while the second core may still make the DOCX: a scan that has
            # not begun there is done here (Background), instead of after the DOCX.
            glyphs.result()

        pdf_job = (pdf_path, pdf)
        docx_job = (docx_path, lambda s: s.write(docx.result() if docx else _docx_bytes(doc, style, pages)))
        with glyphs:
            write_together(out_dir, [pdf_job, docx_job])
            warnings = [
                *prepared.warnings,
                *font_warnings(faces, style),
                *glyphs.result(),
                *_template_warnings(style),
            ]
    return BuildResult([docx_path, pdf_path], warnings)
