"""The PDF writer: the document tree laid out with ReportLab as a printed yearbook chapter or book.

Modules: layout (the page loop: flowables, the frame, page breaks, keep-with-next), page
(text blocks, 书眉, page numbers, metadata, right-hand openings), story
(blocks to flowables), columns (column bands, balanced), table (三线表 with 续表), text
(paragraphs: the one place paragraphs are made), fonts (faces, fallback, ToUnicode),
marks (bookmarks, running-head marks, where anchors and index terms land), titlepage
(书名页), toc (目录 with page numbers set after layout), index (索引 with 123a/123b).
"""

from __future__ import annotations

import gc
import io
from collections.abc import Mapping
from typing import BinaryIO

from reportlab import rl_config

from yearbook.doctree import Document
from yearbook.fonts import Face
from yearbook.pagemap import PageMap
from yearbook.style import Style
from yearbook.writers.pdf.fonts import FontSet
from yearbook.writers.pdf.index import IndexBand, references
from yearbook.writers.pdf.layout import Flowable
from yearbook.writers.pdf.marks import PageMarks
from yearbook.writers.pdf.numbers import fast_fp_str
from yearbook.writers.pdf.page import OddPageBreak, YearbookPages
from yearbook.writers.pdf.story import StoryBuilder
from yearbook.writers.pdf.streams import StreamingCanvas
from yearbook.writers.pdf.toc import TocNumbers

__all__ = ["write_pdf"]

# Index references are set from the marks drawn before the index; marks behind it (an
# appendix after the 索引) need the book set again with the first pass's references.
_MAX_PASSES = 3


def write_pdf(doc: Document, style: Style, faces: Mapping[str, Face], out: BinaryIO) -> PageMap:
    """Lay `doc` out into `out`; return where its anchors and index terms landed."""
    # Layout makes millions of short-lived objects and almost no reference cycles: the
    # cyclic collector walking the whole document again and again cost an eighth of the
    # writer's time, and freed nothing that reference counting would not.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _write(doc, style, faces, out)
    finally:
        if collecting:
            gc.enable()


def _write(doc: Document, style: Style, faces: Mapping[str, Face], out: BinaryIO) -> PageMap:
    fonts = FontSet(faces, style.characters)
    preset: dict[str, list[str]] | None = None
    for _ in range(_MAX_PASSES):
        marks = PageMarks()
        buffer = io.BytesIO()
        template, numbers, bands = _build(doc, style, fonts, marks, buffer, preset)
        final = {
            term: references(marks, term, style.page.columns)
            for band in bands
            for term in (band.refs or {})
        }
        if all(band.refs == {t: final[t] for t in band.refs or {}} for band in bands):
            break
        preset = final
    out.write(buffer.getvalue())
    return _page_map(marks, numbers, template, final)


def _build(
    doc: Document,
    style: Style,
    fonts: FontSet,
    marks: PageMarks,
    out: BinaryIO,
    preset: dict[str, list[str]] | None,
) -> tuple[YearbookPages, TocNumbers, list[IndexBand]]:
    if not doc.front:
        marks.body_start = 1
    template = YearbookPages(out, style, doc.meta, fonts, marks)
    numbers = TocNumbers(marks, fonts)
    template.finishers.append(numbers.finish)
    story: list[Flowable] = []
    bands: list[IndexBand] = []
    if doc.front:
        front = StoryBuilder(style, fonts, marks, numbers, preset)
        story += front.build(doc.front)
        bands += front.index_bands
        # The front ends on a left-hand page: the body's page 1 is a right-hand page.
        story.append(OddPageBreak(start_body=True))
    body = StoryBuilder(style, fonts, marks, numbers, preset)
    story += body.build(doc.blocks)
    bands += body.index_bands
    # Binary (Flate only) streams instead of ASCII85 over Flate: a fifth smaller and faster
    # to write; nobody mails these PDFs through 7-bit channels any more. Set for this build
    # only, so other ReportLab users in the process keep their setting.
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        with fast_fp_str():
            template.build(story)
    finally:
        rl_config.useA85 = saved
        canvas = getattr(template, "canv", None)
        if isinstance(canvas, StreamingCanvas):  # a failed build leaves no thread behind
            canvas.end_streams()
    return template, numbers, bands


def _page_map(
    marks: PageMarks, numbers: TocNumbers, template: YearbookPages, index: dict[str, list[str]]
) -> PageMap:
    start = marks.body_start or 1
    return PageMap(
        anchors={name: marks.folio(page) for name, page in marks.anchors.items()},
        index=index,
        pages=template.canv.getPageNumber() - 1,
        front_pages=start - 1,
        unresolved=list(dict.fromkeys(numbers.unresolved)),
    )
