"""Document-tree blocks to the flowables of the page frame.

The story alternates full-width pieces (new-page headings, full-width tables, article
titles when the style sets them across the columns) with column bands holding
everything between them.
"""

from __future__ import annotations

from yearbook.doctree import (
    Block,
    Figure,
    Heading,
    Index,
    OutlineItem,
    Paragraph,
    Plates,
    Table,
    TableOfContents,
    TitlePage,
)
from yearbook.style import ParaStyle, Style
from yearbook.writers.pdf import figure
from yearbook.writers.pdf.columns import ColumnBand
from yearbook.writers.pdf.fonts import FontSet
from yearbook.writers.pdf.index import IndexBand
from yearbook.writers.pdf.layout import CondPageBreak, Flowable, PageBreak
from yearbook.writers.pdf.marks import Marker, PageMarks
from yearbook.writers.pdf.page import OddPageBreak
from yearbook.writers.pdf.table import RuledTable, TableContent
from yearbook.writers.pdf.text import make_paragraph, make_text
from yearbook.writers.pdf.titlepage import TitlePageFlowable
from yearbook.writers.pdf.toc import TocLine, TocNumbers

# Lines of text a full-width title needs under it on its page (as for a heading in a column).
_LINES_AFTER_TITLES = 2


def heading_style(style: Style, heading: Heading) -> ParaStyle:
    return style.para(f"heading{min(max(heading.level, 1), 3)}")


def paragraph_style(style: Style, para: Paragraph) -> ParaStyle:
    return style.para(para.role.value)


class StoryBuilder:
    def __init__(
        self,
        style: Style,
        fonts: FontSet,
        marks: PageMarks,
        numbers: TocNumbers | None = None,
        index_preset: dict[str, list[str]] | None = None,
    ):
        self.style = style
        self.fonts = fonts
        self.marks = marks
        self.numbers = numbers or TocNumbers(marks, fonts)
        self.index_preset = index_preset
        self.index_bands: list[IndexBand] = []
        self.last: Block | None = None
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
            elif isinstance(block, TitlePage):
                self.title_page(block)
            elif isinstance(block, TableOfContents):
                self.contents(block)
            elif isinstance(block, Index):
                self.index(block)
            elif isinstance(block, (Figure, Plates)):
                figure.place(self, block)
            else:
                self.table(block)
            self.last = block
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
        new_page = ps.new_page or h.odd_page
        marker = Marker(
            self.marks, h.outline, h.running_head, opening=new_page, anchor=h.anchor, index=h.index
        )
        if new_page:
            self.flush()
            if self.story:
                self.story.append(OddPageBreak() if h.odd_page else PageBreak())
            self.keep = None
        if new_page or ps.full_width:
            self.full_width([marker], para)
        else:
            self.band += [marker, para]

    def paragraph(self, p: Paragraph) -> None:
        ps = paragraph_style(self.style, p)
        para = make_paragraph(p.runs, ps, self.fonts, marks=self.marks)
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

    # -- a book's parts --------------------------------------------------------

    def title_page(self, t: TitlePage) -> None:
        self.flush()
        if self.story:
            self.story.append(PageBreak())
        self.keep = None
        page = TitlePageFlowable(t, self.style, self.fonts, self.marks)
        self.story += [Marker(self.marks, OutlineItem(0, t.title)), page]

    def part_title(self, title: str) -> None:
        """The 目录's or 索引's title as a 类目-level heading on a right-hand page, unless the
        block right before already is that heading."""
        if isinstance(self.last, Heading) and self.last.text == title:
            return
        self.heading(Heading(1, title, title, outline=OutlineItem(0, title), odd_page=True))

    def contents(self, toc: TableOfContents) -> None:
        self.part_title(toc.title)
        self.flush()
        self.keep = None
        self.story += [TocLine(entry, self.style, self.fonts, self.numbers) for entry in toc.entries]

    def index(self, index: Index) -> None:
        self.part_title(index.title)
        self.flush()
        self.keep = None
        band = IndexBand(index, self.style, self.fonts, self.marks, self.index_preset)
        self.index_bands.append(band)
        self.story.append(band)
