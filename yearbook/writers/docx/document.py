"""The body: blocks of the document tree as Word paragraphs, tables and sections.

A section starts only where the page layout changes: at a 类目 that opens a page
(nextPage, or oddPage for a book's 类目), and where the column count changes
(a 类目 heading or an article title across the columns, then the text in the style's
columns). A table that reads well in one column is set in the column, so only
wide tables need a full-width section; consecutive full-width blocks share one.
Elements are appended in one pass before the body's sectPr, so building is linear.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from lxml import etree

from yearbook.doctree import (
    Block,
    Document,
    Heading,
    Index,
    Paragraph,
    ParaRole,
    Plates,
    Run,
    RunRole,
    Table,
    TableOfContents,
    TitlePage,
)
from yearbook.style import Style
from yearbook.writers.docx import oxml
from yearbook.writers.docx.book import BookParts
from yearbook.writers.docx.figure import FIGURE_BLOCKS, PictureWriter
from yearbook.writers.docx.heads import OddHeads, odd_heads
from yearbook.writers.docx.index import xe_runs
from yearbook.writers.docx.page import Furniture, OddHead, set_section
from yearbook.writers.docx.styles import (
    CHARACTER_STYLES,
    HEAD_MARK_ID,
    PARAGRAPH_STYLES,
    head_mark_style,
    heading_style_id,
)
from yearbook.writers.docx.tables import build_table, fits_column

_RUN_STYLES = {
    RunRole.ENTRY_TITLE: CHARACTER_STYLES["entry_title"].style_id,
    RunRole.RUNIN_TITLE: CHARACTER_STYLES["runin_title"].style_id,
}

_P = qn("w:p")


@dataclass
class _Group:
    wide: bool
    start: str  # continuous | nextPage | oddPage
    opening: bool  # a 类目's opening page: no running head
    head: OddHead | None = None  # the odd head from here on
    blocks: list[Block] = field(default_factory=list)


def make_blocks(
    document: WordDocument, doc: Document, style: Style, book: BookParts | None = None
) -> dict[int, list[etree._Element]]:
    """The elements of every block but a book's 书名页, 目录 and 索引 (by block id): all that
    does not wait for the PDF's page numbers, so a book's DOCX can be made beside its PDF."""
    blocks = [*doc.front, *doc.blocks]
    restarts = _seq_restarts(blocks)
    pictures = PictureWriter(document)
    return {
        id(b): _block(b, style, _is_wide(b, style), restarts, pictures, book)
        for b in blocks
        if not isinstance(b, TitlePage | TableOfContents | Index)
    }


def write_body(
    document: WordDocument,
    doc: Document,
    style: Style,
    furniture: Furniture,
    book: BookParts | None = None,
    made: dict[int, list[etree._Element]] | None = None,
) -> None:
    """The body in sections; `made`: the blocks' elements from make_blocks, else made here."""
    body = document.element.body
    body_sect_pr = body.sectPr
    page = style.page
    blocks = [*doc.front, *doc.blocks]  # a book's 书名页, 编辑说明 and 目录 first
    if made is None:
        made = make_blocks(document, doc, style, book)
    heads = odd_heads(blocks, book.page_map if book is not None else None)
    groups = _group(blocks, style, heads, body_start=len(doc.front))
    own_heads = style.heads.running_heads and furniture.own_heads  # not a template's own headers
    marked = {id(blocks[i]) for i in heads.marked} if own_heads else set()
    if marked:
        head_mark_style(document)
    line_grid = _line_grid_groups(groups, len(doc.front))
    body_group = _body_group(groups, len(doc.front))
    for index, group in enumerate(groups):
        elements = []
        for b in group.blocks:
            mine = made.get(id(b))
            if mine is None:  # a book's own part, with the page numbers now known
                mine = (book.elements(b) if book is not None else None) or []
            if id(b) in marked:
                _head_mark(mine[0])
            elements += mine
        last = index == len(groups) - 1
        cols = 1 if group.wide else page.columns
        title_page = isinstance(group.blocks[0], TitlePage)
        # 彩页 carry no running head on any of their pages, as in the PDF; the folio stays.
        bare = all(isinstance(b, Plates) for b in group.blocks)
        sect_pr = furniture.sect_pr(
            body_sect_pr if last else None, index == 0, group.head, group.opening, title_page, bare
        )
        # The first section starts the document: LibreOffice takes its page numbering
        # format only from a section that starts a page, so it is not continuous.
        set_section(sect_pr, cols, page.column_gap, "nextPage" if index == 0 else group.start)
        if doc.front and index <= body_group:
            # Front matter in Roman numerals, the body from 1, as the PDF numbers them. The
            # format is each section's own (Word takes decimal where none is given).
            number = oxml.el("w:pgNumType", fmt="upperRoman" if index < body_group else "decimal")
            if index in (0, body_group):
                number.set(qn("w:start"), "1")
            oxml.insert_ordered(sect_pr, number, oxml.SECTPR_ORDER)
        if index in line_grid:
            _line_grid_only(sect_pr)
        if not last:
            if elements[-1].tag != _P:
                elements.append(_section_mark())
            oxml.insert_ordered(_ppr(elements[-1]), sect_pr, oxml.PPR_ORDER)
        for element in elements:
            body_sect_pr.addprevious(element)
    if not groups:
        furniture.sect_pr(body_sect_pr, True, OddHead(""), False)
        body_sect_pr.addprevious(oxml.el("w:p"))


def _body_group(groups: list[_Group], front: int) -> int:
    """The index of the group where the body (the block after the front matter) begins."""
    seen = 0
    for index, group in enumerate(groups):
        if seen >= front:
            return index
        seen += len(group.blocks)
    return len(groups)


def odd_openings(doc: Document, style: Style) -> bool:
    """Whether every 类目 after the first opens on an odd page."""
    return all(b.odd_page for b in doc.blocks[1:] if _starts_page(b, style))


def _starts_page(block: Block, style: Style) -> bool:
    return isinstance(block, Heading) and (
        block.new_page or block.odd_page or (block.level == 1 and style.para("heading1").new_page)
    )


def _group(blocks: list[Block], style: Style, chosen: OddHeads, body_start: int = 0) -> list[_Group]:
    """Sections by layout; the body after front matter (彩页, a book's 书名页 to 目录)
    starts a new page."""
    groups: list[_Group] = []
    heads = chosen.heads
    running = style.heads.running_heads
    pending: OddHead | None = None  # a 类目's head, for the first group after its opening
    for index, block in enumerate(blocks):
        wide = _is_wide(block, style)
        body_opens = body_start > 0 and index == body_start
        part = _part_opening(block, blocks[index - 1] if index else None)
        # 彩页 are pages of their own, a section without running heads.
        new_page = _starts_page(block, style) or body_opens or part or isinstance(block, Plates)
        head = heads.get(index)
        pending = head or pending
        opening = running and new_page and ((isinstance(block, Heading) and block.level == 1) or part)
        prev = groups[-1] if groups else None
        if prev is None or new_page or prev.wide != wide:
            start = "continuous"
            if new_page and groups:
                odd = (isinstance(block, Heading) and block.odd_page) or part
                start = "oddPage" if odd else "nextPage"
            group = _Group(wide, start, opening)
            if pending is not None and (start != "continuous" or not groups):
                group.head, pending = pending, None  # heads change where a page starts
            groups.append(group)
        groups[-1].blocks.append(block)
    return groups


def _part_opening(block: Block, before: Block | None) -> bool:
    """A 目录 or 索引 without its title heading right before it opens a right-hand page
    under its own title, as in the PDF."""
    if not isinstance(block, TableOfContents | Index):
        return False
    return not (isinstance(before, Heading) and before.text == block.title)


def _is_wide(block: Block, style: Style) -> bool:
    if style.page.columns <= 1:
        return False
    if (wide := BookParts.is_wide(block)) is not None:  # 书名页, 目录, 索引
        return wide
    if isinstance(block, FIGURE_BLOCKS):
        return getattr(block, "page_width", True)  # plates: always the whole text block
    if isinstance(block, Table):
        return style.table.full_width and not fits_column(block, style)
    if isinstance(block, Heading):
        return style.para(f"heading{min(block.level, 2)}").full_width
    return style.para(block.role.value).full_width


def _block(
    block: Block,
    style: Style,
    wide: bool,
    restarts: set[int],
    pictures: PictureWriter,
    book: BookParts | None = None,
) -> list[etree._Element]:
    if book is not None and (parts := book.elements(block)) is not None:  # 书名页, 目录, 索引
        return parts
    if isinstance(block, FIGURE_BLOCKS):
        return pictures.elements(block, style)
    if isinstance(block, Heading):
        p = _paragraph(f"Heading{min(block.level, 9)}", [Run(block.text, index=block.index)])
        if book is not None:
            book.heading(p, block)  # the bookmark the 目录 links to
        return [p]
    if isinstance(block, Paragraph):
        return [_paragraph(_paragraph_style(block), block.runs)]
    width = style.page.frame_width if wide or style.page.columns <= 1 else style.page.column_width
    return _table_with_caption(block, style, width, block.number in restarts)


def _paragraph_style(p: Paragraph) -> str:
    if p.role == ParaRole.ARTICLE_TITLE:
        return PARAGRAPH_STYLES["article_title"].style_id
    if p.heading_level is not None:
        return heading_style_id(p.heading_level)
    if p.role == ParaRole.ARTICLE_HEADING:
        return heading_style_id(3)
    return PARAGRAPH_STYLES[p.role.value].style_id


def _seq_restarts(blocks: list[Block]) -> set[int]:
    """Table numbers where Word's count must be reset (the first, and any jump), so that
    `SEQ 表` computes the number we print: a book's tables continue across chapters."""
    restarts, previous = set(), 0
    for block in blocks:
        if isinstance(block, Table):
            if block.number != previous + 1:
                restarts.add(block.number)
            previous = block.number
    return restarts


def _table_with_caption(table: Table, style: Style, width: float, restart: bool) -> list[etree._Element]:
    caption = _paragraph(PARAGRAPH_STYLES["caption"].style_id, [])
    # 表 + a SEQ field (what Word's Insert Caption writes, so an added table renumbers the
    # rest) whose cached result is our number + the title.
    number = str(table.number)
    prefix = table.label.removesuffix(number)
    instruction = f"SEQ {prefix} \\* ARABIC" + (f" \\r {number}" if restart else "")
    caption.append(_run(Run(prefix)))
    for run in oxml.field_runs(instruction, number):
        caption.append(run)
    caption.append(_run(Run(table.caption.removeprefix(table.label))))
    return [caption, build_table(table, style, width)]


def _paragraph(style_id: str, runs: list[Run]) -> etree._Element:
    p = oxml.el("w:p")
    ppr = oxml.el("w:pPr")
    ppr.append(oxml.el("w:pStyle", val=style_id))
    p.append(ppr)
    for run in runs:
        if run.index:
            p.extend(xe_runs(run.index))  # 索引 marks
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


def _line_grid_groups(groups: list[_Group], front_blocks: int) -> set[int]:
    """The sections of the front matter (with the 目录) and of the 索引 with its heading.

    They keep the line grid but not the character grid: on a character grid LibreOffice
    drops a one-digit page number after a right-aligned dot leader. LibreOffice takes a
    page's grid from the section that starts the page, so the whole front matter and the
    索引's opening section go without it."""
    out = set(range(_body_group(groups, front_blocks)))
    for i, group in enumerate(groups):
        if any(isinstance(b, TableOfContents | Index) for b in group.blocks):
            out.update({i - 1, i} if i else {i})
    return out


def _line_grid_only(sect_pr: etree._Element) -> None:
    """A line grid without the character grid (see _line_grid_groups)."""
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is not None:
        grid.set(qn("w:type"), "lines")
        grid.attrib.pop(qn("w:charSpace"), None)


def _head_mark(p: etree._Element) -> None:
    """The head-mark character style on a heading's text runs (not on its XE fields)."""
    for r in p.iter(qn("w:r")):
        if r.find(qn("w:t")) is not None:
            rpr = oxml.el("w:rPr")
            rpr.append(oxml.el("w:rStyle", val=HEAD_MARK_ID))
            r.insert(0, rpr)


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
