"""Document-tree blocks to the flowables of the page frame.

The story alternates full-width pieces (new-page headings, full-width tables, article
titles when the style sets them across the columns) with column bands holding
everything between them.
"""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, Flowable, PageBreak

from yearbook.doctree import Block, Figure, Heading, Paragraph, Plates, Table
from yearbook.style import ParaStyle, Style
from yearbook.writers.pdf import figure
from yearbook.writers.pdf.columns import ColumnBand
from yearbook.writers.pdf.fonts import FontSet
from yearbook.writers.pdf.marks import Marker, PageMarks
from yearbook.writers.pdf.table import RuledTable, TableContent
from yearbook.writers.pdf.text import make_paragraph, make_text

# Lines of text a full-width title needs under it on its page (as for a heading in a column).
_LINES_AFTER_TITLES = 2


def heading_style(style: Style, heading: Heading) -> ParaStyle:
    return style.para("heading1" if heading.level <= 1 else "heading2")


def paragraph_style(style: Style, para: Paragraph) -> ParaStyle:
    return style.para(para.role.value)


class StoryBuilder:
    def __init__(self, style: Style, fonts: FontSet, marks: PageMarks):
        self.style = style
        self.fonts = fonts
        self.marks = marks
        self.story: list[Flowable] = []
        self.band: list[Flowable] = []
        # Before a run of full-width titles: the room they and the first lines of their text
        # need, else they start the next page (keep-with-next cannot bind a whole band).
        self.keep: CondPageBreak | None = None

    def build(self, blocks: list[Block]) -> list[Flowable]:
        for block in blocks:
            if isinstance(block, Heading):
                self.heading(block)
            elif isinstance(block, Paragraph):
                self.paragraph(block)
            elif isinstance(block, (Figure, Plates)):
                figure.place(self, block)
            else:
                self.table(block)
        self.flush()
        return self.story

    def flush(self) -> None:
        if self.band:
            page = self.style.page
            self.story.append(ColumnBand(self.band, page.columns, page.column_gap, page.frame_height))
            self.band = []
            self.keep = None

    def full_width(self, items: list[Flowable], para: Flowable) -> None:
        """Full-width `items` ending in `para`, kept on a page with the start of what follows."""
        self.flush()
        if self.keep is None:
            self.keep = CondPageBreak(_LINES_AFTER_TITLES * self.style.para("body").line_height)
            self.story.append(self.keep)
        _, h = para.wrap(self.style.page.frame_width, self.style.page.frame_height)
        self.keep.height += para.getSpaceBefore() + h + para.getSpaceAfter()
        # No keep-with-next: it would bind the whole band after it.
        para.keepWithNext = False
        self.story += [*items, para]

    def heading(self, h: Heading) -> None:
        ps = heading_style(self.style, h)
        para = make_text(h.text, ps, self.fonts)
        para.keepWithNext = True
        marker = Marker(self.marks, h.outline, h.running_head, opening=ps.new_page)
        if ps.new_page:
            self.flush()
            if self.story:
                self.story.append(PageBreak())
            self.keep = None
        if ps.new_page or ps.full_width:
            self.full_width([marker], para)
        else:
            self.band += [marker, para]

    def paragraph(self, p: Paragraph) -> None:
        ps = paragraph_style(self.style, p)
        para = make_paragraph(p.runs, ps, self.fonts)
        if p.role.value in ("article_title", "subtitle", "byline", "article_heading"):
            para.keepWithNext = True
        marker = [Marker(self.marks, p.outline)] if p.outline is not None else []
        if ps.full_width and self.style.page.columns > 1:
            # A style may set article titles across the columns, like 类目 headings.
            self.full_width(marker, para)
        else:
            self.band += [*marker, para]

    def table(self, t: Table) -> None:
        content = TableContent(t, self.style, self.fonts, self.style.page.frame_height)
        marker = Marker(self.marks, t.outline) if t.outline else None
        table = RuledTable(content, marker=marker)
        if self.style.table.full_width and self.style.page.columns > 1:
            self.flush()
            self.keep = None
            self.story.append(table)
        else:
            self.band.append(table)
