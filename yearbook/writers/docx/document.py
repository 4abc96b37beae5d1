"""The body: blocks of the document tree as Word paragraphs, tables and sections.

Blocks are grouped into sections by layout: the 类目 heading (and full-width
tables, when the style sets them so) sit in single-column sections, the rest in
the style's text columns. A 类目 that starts a new page starts a new section.
Elements are appended in one pass before the body's sectPr, so building is linear.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from lxml import etree

from yearbook.doctree import Block, Document, Heading, Paragraph, ParaRole, Run, RunRole, Table
from yearbook.style import Style
from yearbook.writers.docx import oxml
from yearbook.writers.docx.figure import FIGURE_BLOCKS, PictureWriter
from yearbook.writers.docx.page import section_break, set_section
from yearbook.writers.docx.styles import CHARACTER_STYLES, PARAGRAPH_STYLES, heading_style_id
from yearbook.writers.docx.tables import build_table

_RUN_STYLES = {
    RunRole.ENTRY_TITLE: CHARACTER_STYLES["entry_title"].style_id,
    RunRole.RUNIN_TITLE: CHARACTER_STYLES["runin_title"].style_id,
}

_P = qn("w:p")


@dataclass
class _Group:
    wide: bool
    new_page: bool
    opening: bool  # a 类目's opening page: no running head
    blocks: list[Block] = field(default_factory=list)


def write_body(document: WordDocument, doc: Document, style: Style) -> None:
    body = document.element.body
    body_sect_pr = body.sectPr
    page = style.page
    groups = _group([*doc.front, *doc.blocks], style)
    pictures = PictureWriter(document)
    for index, group in enumerate(groups):
        elements = [e for b in group.blocks for e in _block(b, style, group.wide, pictures)]
        last = index == len(groups) - 1
        cols = 1 if group.wide else page.columns
        start = "nextPage" if group.new_page and index > 0 else "continuous"
        if last:
            set_section(body_sect_pr, cols, page.column_gap, start, group.opening)
        else:
            if elements[-1].tag != _P:
                elements.append(_section_mark())
            sect_pr = section_break(body_sect_pr, cols, page.column_gap, start, group.opening)
            oxml.insert_ordered(_ppr(elements[-1]), sect_pr, oxml.PPR_ORDER)
        for element in elements:
            body_sect_pr.addprevious(element)
    if not groups:
        body_sect_pr.addprevious(oxml.el("w:p"))


def first_section_head(doc: Document) -> str:
    """The first 分目's text: the cached STYLEREF result a reader without fields shows."""
    return next((b.text for b in doc.blocks if isinstance(b, Heading) and b.level == 2), "")


def _group(blocks: list[Block], style: Style) -> list[_Group]:
    groups: list[_Group] = []
    for block in blocks:
        wide = _is_wide(block, style)
        new_page = isinstance(block, Heading) and (
            block.new_page or (block.level == 1 and style.para("heading1").new_page)
        )
        if not groups or new_page or groups[-1].wide != wide:
            opening = new_page and isinstance(block, Heading) and block.level == 1
            groups.append(_Group(wide, new_page, opening))
        groups[-1].blocks.append(block)
    return groups


def _is_wide(block: Block, style: Style) -> bool:
    if style.page.columns <= 1:
        return False
    if isinstance(block, Table):
        return style.table.full_width
    if isinstance(block, FIGURE_BLOCKS):
        return getattr(block, "page_width", True)  # plates: always the whole text block
    if isinstance(block, Heading):
        return style.para(f"heading{min(block.level, 2)}").full_width
    return style.para(block.role.value).full_width


def _block(block: Block, style: Style, wide: bool, pictures: PictureWriter) -> list[etree._Element]:
    if isinstance(block, FIGURE_BLOCKS):
        return pictures.elements(block, style)
    if isinstance(block, Heading):
        return [_paragraph(f"Heading{min(block.level, 9)}", [Run(block.text)])]
    if isinstance(block, Paragraph):
        return [_paragraph(_paragraph_style(block), block.runs)]
    width = style.page.frame_width if wide or style.page.columns <= 1 else style.page.column_width
    return _table_with_caption(block, style, width)


def _paragraph_style(p: Paragraph) -> str:
    if p.role == ParaRole.ARTICLE_TITLE:
        return PARAGRAPH_STYLES["article_title"].style_id
    if p.heading_level is not None:
        return heading_style_id(p.heading_level)
    if p.role == ParaRole.ARTICLE_HEADING:
        return heading_style_id(3)
    return PARAGRAPH_STYLES[p.role.value].style_id


def _table_with_caption(table: Table, style: Style, width: float) -> list[etree._Element]:
    caption = _paragraph(PARAGRAPH_STYLES["caption"].style_id, [Run(table.caption)])
    return [caption, build_table(table, style, width)]


def _paragraph(style_id: str, runs: list[Run]) -> etree._Element:
    p = oxml.el("w:p")
    ppr = oxml.el("w:pPr")
    ppr.append(oxml.el("w:pStyle", val=style_id))
    p.append(ppr)
    for run in runs:
        if run.text:
            p.append(_run(run))
    return p


def _run(run: Run) -> etree._Element:
    r = oxml.el("w:r")
    char_style = _RUN_STYLES.get(run.role)
    if char_style:
        rpr = oxml.el("w:rPr")
        rpr.append(oxml.el("w:rStyle", val=char_style))
        r.append(rpr)
    for i, line in enumerate(run.text.split("\n")):
        if i:
            r.append(oxml.el("w:br"))
        for j, piece in enumerate(line.split("\t")):
            if j:
                r.append(oxml.el("w:tab"))
            if piece:
                r.append(oxml.text(piece))
    return r


def _section_mark() -> etree._Element:
    """An all-but-invisible paragraph to carry a section break after a table."""
    p = oxml.el("w:p")
    ppr = oxml.el("w:pPr")
    ppr.append(oxml.el("w:spacing", before=0, after=0, line=20, lineRule="exact"))
    rpr = oxml.el("w:rPr")
    rpr.append(oxml.el("w:sz", val=2))
    rpr.append(oxml.el("w:szCs", val=2))
    ppr.append(rpr)
    p.append(ppr)
    return p


def _ppr(p: etree._Element) -> etree._Element:
    return p.find(qn("w:pPr"))
