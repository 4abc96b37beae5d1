"""The page: mirrored margins, 书眉 (running heads) and page numbers, PDF metadata.

Odd pages are right-hand pages: the binding (inside) margin is on the left; even
pages swap. The text block is one full-width frame; columns are laid out inside
it by ColumnBand. Running heads: even pages show the book title, odd pages the
running head of the latest heading drawn by the end of that page; a page where a
chapter (a new-page heading) opens carries no running head, as in printed
yearbooks, but keeps its page number.

A book adds: front matter numbered on its own (Roman folios, none on the 书名页),
ending on an even page so that the body's page 1 is a right-hand page; headings that
open on a right-hand page, after a blank left page where needed (no 书眉, no folio);
and texts drawn once the whole book is laid out (the 目录's page numbers), as PDF
forms referenced where they appear and defined at the end.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import time
from collections.abc import Callable
from typing import BinaryIO

from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from yearbook.doctree import Metadata
from yearbook.style import Style
from yearbook.writers.pdf.fonts import FontSet
from yearbook.writers.pdf.layout import ActionFlowable, Flowable, Frame, PageLoop
from yearbook.writers.pdf.marks import PageMarks
from yearbook.writers.pdf.streams import StreamingCanvas

# The rule sits this far below the running head's baseline, in points.
_RULE_DROP = 3.0


def timestamp(meta: Metadata) -> TimeStamp:
    """SOURCE_DATE_EPOCH if set; otherwise 1 January of the edition year, never the clock."""
    stamp = TimeStamp(invariant=True)
    if os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        return stamp
    year = meta.edition or meta.year
    if year:
        t = calendar.timegm(dt.date(year, 1, 1).timetuple())
        stamp.t = t
        stamp.lt = time.gmtime(t)
        stamp.YMDhms = tuple(stamp.lt)[:6]
    return stamp


class YearbookPages(PageLoop):
    """The chapter or book laid out page by page into `out`: mirrored text blocks, 书眉 and
    folios drawn as each page ends, right-hand openings, the 目录's numbers at the end."""

    def __init__(self, out: BinaryIO, style: Style, meta: Metadata, fonts: FontSet, marks: PageMarks):
        page = style.page
        self._frames = (self._frame(style, odd=True), self._frame(style, odd=False))
        super().__init__(self._frame_of, self._decorate)
        self.out = out
        self.style = style
        self.meta = meta
        self.fonts = fonts
        self.marks = marks
        marks.column_of = self.column_of
        # Drawn after the last page, when every page number is known (the 目录's numbers).
        self.finishers: list[Callable[[Canvas], None]] = []
        self.pagesize = (page.width, page.height)

    def _frame_of(self, page_number: int) -> Frame:
        # Odd pages are right-hand pages: the inside (binding) margin on the left.
        return self._frames[0 if page_number % 2 == 1 else 1]

    @staticmethod
    def _frame(style: Style, odd: bool) -> Frame:
        page = style.page
        left = page.margin_inside if odd else page.margin_outside
        return Frame(left, page.margin_bottom, page.frame_width, page.frame_height)

    def build(self, story: list[Flowable]) -> None:
        """Lay `story` out and write the PDF."""
        self.canv = self._canvas()
        self.lay_out(self.canv, story)
        for finish in self.finishers:
            finish(self.canv)
        self.canv.save()

    def _canvas(self) -> Canvas:
        meta = self.meta
        canv = StreamingCanvas(
            self.out,
            pagesize=self.pagesize,
            invariant=1,
            pageCompression=1,
            # Without this ReportLab names Helvetica in every page, an unembedded font.
            initialFontName=self.fonts.name("song"),
            lang=meta.language,
        )
        canv.setEncrypt(None)
        canv.setAuthor(meta.author)
        canv.setTitle(meta.title)
        canv.setSubject(meta.subject or meta.title)
        canv.setCreator("yearbook")
        canv.setProducer(None)
        canv.setKeywords([])
        canv._doc._timeStamp = timestamp(meta)
        return canv

    def column_of(self, page_number: int, x: float) -> int:
        """The column (0 = left) that the absolute x on a physical page falls in."""
        page = self.style.page
        left = page.margin_inside if page_number % 2 == 1 else page.margin_outside
        pitch = page.column_width + page.column_gap
        column = int((x - left + page.column_gap / 2) // pitch) if pitch > 0 else 0
        return max(0, min(page.columns - 1, column))

    def odd_page_break(self, start_body: bool = False) -> None:
        """End the page; if the next one is a left-hand page, leave it blank."""
        if not self.page_pending:
            self.end_page()
        if self.canv.getPageNumber() % 2 == 0:
            self.marks.blank.add(self.canv.getPageNumber())
            self.begin_page()
            self.end_page()
        if start_body:
            self.marks.body_start = self.canv.getPageNumber()

    def _decorate(self, canv: Canvas) -> None:
        page = self.style.page
        n = canv.getPageNumber()
        if n in self.marks.blank or n in self.marks.bare:
            self.marks.opening = False
            return
        odd = n % 2 == 1
        left = page.margin_inside if odd else page.margin_outside
        right = left + page.frame_width
        canv.saveState()
        heads = self.style.heads
        if heads.running_heads and not self.marks.opening:
            text = self.marks.running_head if odd else self.meta.title
            if text:  # before the first heading (彩页): no head, and no rule alone
                self._running_head(canv, text, left, right)
        self.marks.opening = False
        self._page_number(canv, n, odd, left, right)
        canv.restoreState()

    def _running_head(self, canv: Canvas, text: str, left: float, right: float) -> None:
        ps = self.style.para("running_head")
        y = self.style.page.height - self.style.page.header_distance
        # Set like body text: a character the running head's face lacks (a 生僻字 in a
        # 分目 title) comes from the fallback face instead of printing as a blank.
        spans = [(self.fonts.name(role), part) for role, part in self.fonts.spans(ps.font, text)]
        width = sum(stringWidth(part, font, ps.size) for font, part in spans)
        if ps.align == "left":
            x = left
        elif ps.align == "right":
            x = right - width
        else:
            x = (left + right - width) / 2
        for font, part in spans:
            canv.setFont(font, ps.size)
            canv.drawString(x, y, part)
            x += stringWidth(part, font, ps.size)
        rule = self.style.heads.rule
        if rule > 0:
            canv.setLineWidth(rule)
            canv.line(left, y - _RULE_DROP, right, y - _RULE_DROP)

    def _page_number(self, canv: Canvas, n: int, odd: bool, left: float, right: float) -> None:
        ps = self.style.para("page_number")
        heads = self.style.heads
        text = heads.page_number_format.format(n=self.marks.folio(n))
        y = self.style.page.footer_distance
        canv.setFont(self.fonts.name(ps.font), ps.size)
        # The style's first indent sets an outer page number in from the text block's edge:
        # GB/T 9704 7.5 puts it one character in (单页码居右空一字，双页码居左空一字).
        indent = ps.first_indent * ps.size
        if heads.page_number_position == "center":
            canv.drawCentredString((left + right) / 2, y, text)
        elif odd:
            canv.drawRightString(right - indent, y, text)
        else:
            canv.drawString(left + indent, y, text)


class OddPageBreak(ActionFlowable):
    """A page break to the next right-hand page; `start_body` makes that page the body's 1."""

    def __init__(self, start_body: bool = False):
        super().__init__()
        self.start_body = start_body

    def apply(self, loop: PageLoop) -> None:
        assert isinstance(loop, YearbookPages)
        loop.odd_page_break(self.start_body)
