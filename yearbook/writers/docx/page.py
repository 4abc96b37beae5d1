"""Page geometry, sections and the page furniture (书眉 running heads, page numbers).

The last section's sectPr (the body's) is set up first, with the headers and
footers; every earlier section is a copy of it with its own column count and start
type, so all sections share one set of header and footer parts.
"""

from __future__ import annotations

import copy

from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Pt
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from yearbook.style import Style
from yearbook.writers.docx import oxml
from yearbook.writers.docx.styles import PARAGRAPH_STYLES

# Word's header distance is to the top of the header's line, the style's to its baseline.
_ASCENT = 0.8


def setup_page(document: WordDocument, style: Style, even_head: str, odd_head_cached: str) -> None:
    """Geometry, mirrored margins and headers/footers on the body's (last) section."""
    page = style.page
    section = document.sections[0]
    section.page_width = Pt(page.width)
    section.page_height = Pt(page.height)
    section.top_margin = Pt(page.margin_top)
    section.bottom_margin = Pt(page.margin_bottom)
    # With mirrorMargins, Word reads left as inside and right as outside.
    section.left_margin = Pt(page.margin_inside)
    section.right_margin = Pt(page.margin_outside)
    section.gutter = Pt(0)
    head = style.para("running_head")
    foot = style.para("page_number")
    if page.header_distance:
        section.header_distance = Pt(max(0.0, page.header_distance - _ASCENT * head.line_height))
    if page.footer_distance:
        section.footer_distance = Pt(max(0.0, page.footer_distance - (1 - _ASCENT) * foot.line_height))
    sect_pr = section._sectPr
    oxml.insert_ordered(sect_pr, oxml.columns(page.columns, page.column_gap), oxml.SECTPR_ORDER)
    _plain_grid(sect_pr, style.para("body").line_height)
    settings = document.settings
    oxml.set_setting(settings.element, "mirrorMargins")
    _current_word_layout(settings.element)
    settings.odd_and_even_pages_header_footer = True
    _furniture(section, style, even_head, odd_head_cached)


def section_break(body_sect_pr: etree._Element, columns: int, gap: float, start: str,
                  title_page: bool) -> etree._Element:
    """A sectPr ending an earlier section: a copy of the body's with its own columns and start."""
    sect_pr = copy.deepcopy(body_sect_pr)
    set_section(sect_pr, columns, gap, start, title_page)
    return sect_pr


def set_section(sect_pr: etree._Element, columns: int, gap: float, start: str, title_page: bool) -> None:
    """Columns, start type (nextPage, continuous) and first-page furniture of one section."""
    oxml.insert_ordered(sect_pr, oxml.section_type(start), oxml.SECTPR_ORDER)
    oxml.insert_ordered(sect_pr, oxml.columns(columns, gap), oxml.SECTPR_ORDER)
    set_title_page(sect_pr, title_page)


def set_title_page(sect_pr: etree._Element, on: bool) -> None:
    """A chapter's opening page uses the first-page header: no running head."""
    for old in sect_pr.findall(qn("w:titlePg")):
        sect_pr.remove(old)
    if on:
        oxml.insert_ordered(sect_pr, oxml.el("w:titlePg"), oxml.SECTPR_ORDER)


def _current_word_layout(settings: etree._Element) -> None:
    """Word 2013+ layout rules (mode 15): the template's mode 14 opens as 兼容模式 in today's Word."""
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")


def _plain_grid(sect_pr: etree._Element, pitch: float) -> None:
    """No character or line grid: a grid would snap the exact leading to its own pitch."""
    oxml.insert_ordered(sect_pr, oxml.el("w:docGrid", linePitch=oxml.twips(pitch)), oxml.SECTPR_ORDER)


def _furniture(section: Section, style: Style, even_head: str, odd_head_cached: str) -> None:
    heads = style.heads
    header_id = PARAGRAPH_STYLES["running_head"].style_id
    footer_id = PARAGRAPH_STYLES["page_number"].style_id
    # A chapter's opening page (titlePg) carries no running head, only its page number.
    section.different_first_page_header_footer = True
    _clear(section.first_page_header.paragraphs[0], header_id)
    if heads.running_heads:
        odd = _clear(section.header.paragraphs[0], header_id)
        # The 分目 on the page: Word fills STYLEREF when it lays out the page.
        for run in oxml.field_runs('STYLEREF "heading 2"', odd_head_cached):
            odd.append(run)
        even = _clear(section.even_page_header.paragraphs[0], header_id)
        even.append(_run(even_head))
        for p in (odd, even):
            if heads.rule > 0:
                oxml.insert_ordered(p.find(qn("w:pPr")), oxml.bottom_border(heads.rule), oxml.PPR_ORDER)
    else:
        _clear(section.header.paragraphs[0], header_id)
        _clear(section.even_page_header.paragraphs[0], header_id)
    outer = heads.page_number_position == "outer"
    number = style.para("page_number")
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left"),
                          (section.first_page_footer, "right")):
        p = _clear(footer.paragraphs[0], footer_id)
        if outer:
            ppr = p.find(qn("w:pPr"))
            oxml.insert_ordered(ppr, oxml.el("w:jc", val=align), oxml.PPR_ORDER)
            if align == "right" and number.first_indent:
                # The style's first-line indent sets an even page's number in from the
                # left edge; an odd page's number needs the same distance on the right.
                indent = oxml.el(
                    "w:ind",
                    rightChars=round(number.first_indent * 100),
                    right=oxml.twips(number.first_indent * number.size),
                    firstLineChars=0,
                    firstLine=0,
                )
                oxml.insert_ordered(ppr, indent, oxml.PPR_ORDER)
        _page_number(p, heads.page_number_format)


def _page_number(p: etree._Element, fmt: str) -> None:
    before, _, after = fmt.partition("{n}")
    if before:
        p.append(_run(before))
    for run in oxml.field_runs("PAGE", "1"):
        p.append(run)
    if after:
        p.append(_run(after))


def _clear(paragraph: DocxParagraph, style_id: str) -> etree._Element:
    p = paragraph._p
    for child in list(p):
        p.remove(child)
    ppr = oxml.el("w:pPr")
    ppr.append(oxml.el("w:pStyle", val=style_id))
    p.append(ppr)
    return p


def _run(value: str) -> etree._Element:
    r = oxml.el("w:r")
    r.append(oxml.text(value))
    return r
