"""A book's parts in the DOCX: 书名页, 目录 (TOC field), 索引 (INDEX field), heading bookmarks.

`BookParts` is what document.py asks about the blocks it does not lay out itself; it holds
the PDF's page map (see yearbook.pagemap) that the fields' shown results use.
"""

from __future__ import annotations

from itertools import pairwise

from docx.document import Document as WordDocument
from lxml import etree

from yearbook.doctree import Block, Document, Heading, Index, Plates, TableOfContents, TitlePage
from yearbook.pagemap import PageMap
from yearbook.style import Style
from yearbook.writers.docx import fieldcode, index, oxml, toc

TITLE_STYLE = "YearbookTitlePage"
TITLE_LINE_STYLE = "YearbookTitlePageLine"
# The title sits this far down the text block, as in the PDF (fraction of its height).
_TITLE_AT = 0.22


class BookParts:
    def __init__(self, document: WordDocument, doc: Document, style: Style, page_map: PageMap | None):
        self.style = style
        self.page_map = page_map
        self.bookmarks = toc.Bookmarks()
        blocks = [*doc.front, *doc.blocks]
        self.has_toc = any(isinstance(b, TableOfContents) for b in blocks)
        self.titled = toc.heading_titles(blocks)
        self.after = {id(a): b for a, b in pairwise(blocks)}
        if any(isinstance(b, TitlePage | TableOfContents | Index) for b in blocks):
            self._install_styles(document)

    def _install_styles(self, document: WordDocument) -> None:
        style = self.style
        title = style.para("title_page")
        fieldcode.add_style(document, style, TITLE_STYLE, "年鉴书名", title, builtin=False)
        fieldcode.add_style(
            document, style, TITLE_LINE_STYLE, "年鉴书名页文字", style.para("title_page_line"), builtin=False
        )
        toc.install_styles(document, style)
        index.install_styles(document, style)

    @staticmethod
    def is_wide(block: Block) -> bool | None:
        """Whether a book block is set across the columns; None for other blocks."""
        if isinstance(block, TitlePage | TableOfContents):
            return True
        if isinstance(block, Index):
            return False
        return None

    def heading(self, p: etree._Element, heading: Heading) -> None:
        if self.has_toc:
            self.bookmarks.wrap(p, heading.anchor)

    def elements(self, block: Block) -> list[etree._Element] | None:
        if isinstance(block, TitlePage):
            return self._title_page(block)
        if isinstance(block, TableOfContents):
            return toc.toc_elements(block, self.page_map, self.bookmarks, id(block) not in self.titled)
        if isinstance(block, Index):
            title = None if id(block) in self.titled else toc.TITLE_STYLE
            return index.index_elements(block, self.style, self.page_map, title)
        return None

    def _title_page(self, page: TitlePage) -> list[etree._Element]:
        title = fieldcode.paragraph(TITLE_STYLE)
        ppr = title[0]
        down = self.style.page.frame_height * _TITLE_AT
        oxml.insert_ordered(ppr, oxml.el("w:spacing", before=oxml.twips(down)), oxml.PPR_ORDER)
        title.append(fieldcode.text_run(page.title))
        out = [title]
        for n, line in enumerate(page.lines):
            p = fieldcode.paragraph(TITLE_LINE_STYLE)
            if n == 0:
                gap = self.style.page.frame_height * 0.3
                oxml.insert_ordered(p[0], oxml.el("w:spacing", before=oxml.twips(gap)), oxml.PPR_ORDER)
            p.append(fieldcode.text_run(line))
            out.append(p)
        following = self.after.get(id(page))
        # 彩页 and a new-page heading open their own section on a new page.
        opens_page = isinstance(following, Plates) or (isinstance(following, Heading) and (
            following.odd_page or following.new_page
            or (following.level <= 1 and self.style.para("heading1").new_page)
        ))
        if following is not None and not opens_page:
            out[-1].append(fieldcode.run(oxml.el("w:br", type="page")))
        return out
