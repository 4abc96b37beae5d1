"""书名页: the book's title, large and centred in the upper third, its lines in the lower part.

The page stands alone (the flowable takes the whole frame) and carries no 书眉 and no folio.
"""

from __future__ import annotations

from yearbook.doctree import TitlePage
from yearbook.style import Style
from yearbook.writers.pdf.fonts import FontSet
from yearbook.writers.pdf.layout import Flowable
from yearbook.writers.pdf.marks import PageMarks
from yearbook.writers.pdf.text import make_text

# Where the title's first line and the block of lines start, as fractions of the frame
# height from its top.
_TITLE_AT = 0.22
_LINES_AT = 0.62


class TitlePageFlowable(Flowable):
    def __init__(self, page: TitlePage, style: Style, fonts: FontSet, marks: PageMarks):
        super().__init__()
        self.marks = marks
        self.title = make_text(page.title, style.para("title_page"), fonts, align="center")
        line_style = style.para("title_page_line")
        self.lines = [make_text(line, line_style, fonts, align="center") for line in page.lines]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = availWidth, availHeight
        return availWidth, availHeight

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        self.marks.bare.add(self.canv.getPageNumber())
        y = self.height * (1 - _TITLE_AT)
        _, h = self.title.wrapOn(self.canv, self.width, self.height)
        self.title.drawOn(self.canv, 0, y - h)
        y = min(y - h, self.height * (1 - _LINES_AT))
        for line in self.lines:
            _, h = line.wrapOn(self.canv, self.width, self.height)
            y -= h
            line.drawOn(self.canv, 0, y)
