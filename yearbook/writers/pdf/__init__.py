"""The PDF writer: the document tree laid out with ReportLab as a printed yearbook chapter.

Modules: page (page templates, 书眉, page numbers, metadata), story (blocks to
flowables), columns (column bands, balanced), table (三线表 with 续表), text
(paragraphs: the one place paragraphs are made), fonts (faces, fallback, ToUnicode),
marks (bookmarks and running-head marks).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import BinaryIO

from yearbook.doctree import Document
from yearbook.fonts import Face
from yearbook.style import Style
from yearbook.writers.pdf.fonts import FontSet
from yearbook.writers.pdf.marks import PageMarks
from yearbook.writers.pdf.page import YearbookDocTemplate
from yearbook.writers.pdf.story import StoryBuilder

__all__ = ["write_pdf"]


def write_pdf(doc: Document, style: Style, faces: Mapping[str, Face], out: BinaryIO) -> None:
    fonts = FontSet(faces, style.characters)
    marks = PageMarks()
    template = YearbookDocTemplate(out, style, doc.meta, fonts, marks)
    story = StoryBuilder(style, fonts, marks).build(doc.blocks)
    template.build(story)
