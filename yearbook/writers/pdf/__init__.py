"""The PDF writer: the document tree laid out with ReportLab as a printed yearbook chapter.

Modules: page (page templates, 书眉, page numbers, metadata), story (blocks to
flowables), columns (column bands, balanced), table (三线表 with 续表), text
(paragraphs: the one place paragraphs are made), fonts (faces, fallback, ToUnicode),
marks (bookmarks and running-head marks).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import BinaryIO

from reportlab import rl_config

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
    story = StoryBuilder(style, fonts, marks).build([*doc.front, *doc.blocks])
    # Binary (Flate only) streams instead of ASCII85 over Flate: a fifth smaller and faster
    # to write; nobody mails these PDFs through 7-bit channels any more. Set for this build
    # only, so other ReportLab users in the process keep their setting.
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        template.build(story)
    finally:
        rl_config.useA85 = saved
