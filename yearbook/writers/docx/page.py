"""Page geometry, sections and the page furniture (书眉 running heads, page numbers).

The body's (last) sectPr is set up first, with the page-number footers; their
references are then taken off into `Furniture`, and each section gets a copy of the
plain geometry. Only the first section carries every reference; a later section
carries a header reference only where its head changes (a 类目's opening page, and
the 类目's own head after it), so sections inherit one set of parts and an editor
who corrects a head or a folio corrects it everywhere it applies.

Odd-page heads (chosen in heads.py): a 类目 whose pages all show one head (专文, 大事记)
gets it as plain text; a 类目 with 分目 gets `STYLEREF 2 \\l` (the built-in heading 2 by
its level, so it works in a Word of any UI language), or a STYLEREF to the head-mark
character style where text precedes its first 分目. `\\l` takes the last heading on the
page, else the latest before it: the PDF's rule (the latest heading drawn by the page's end).
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field

from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Pt
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from yearbook.style import Style
from yearbook.writers.docx import oxml
from yearbook.writers.docx.styles import HEAD_MARK_NAME, PARAGRAPH_STYLES

# Word's header distance is to the top of the header's line, the style's to its baseline.
_ASCENT = 0.8
_REFS = (qn("w:headerReference"), qn("w:footerReference"))


# How an odd head finds its text: literal, STYLEREF to the 分目 style, or to the head mark.
LITERAL, BY_LEVEL, BY_MARK = "", "level", "mark"
# The last paragraph of the style on the page, else the latest before it (ECMA-376
# 17.16.5.59; Word's help: "searches the page from bottom to top").
LAST = " \\l"


@dataclass(frozen=True)
class OddHead:
    """What a 类目's odd pages show: a STYLEREF (with its cached result) or a literal text."""

    text: str  # the literal head, or the field's cached result
    kind: str = LITERAL  # LITERAL, BY_LEVEL or BY_MARK


_BLANK = OddHead("\0blank")  # a 类目's opening page (first-page header): no running head
_TITLE = OddHead("\0title")  # even pages: the book title


@dataclass
class Furniture:
    """The header and footer parts, and which section references which.

    A 类目's opening page has no running head: its section has a first page
    (titlePg) with a blank header. Its folio sits at the outer edge whichever side the
    page falls on: the first-page footer's number is a frame aligned "outside".
    The odd-page head changes only at a section that starts a page: LibreOffice
    ignores header changes at continuous section breaks.
    """

    document: WordDocument
    style: Style
    base: etree._Element  # geometry only, no references
    footer_refs: list[etree._Element]  # odd, even and first-page folios, for the first section
    parts: dict[OddHead, str] = field(default_factory=dict)  # header content → rId
    current: OddHead | None = None  # the odd head in force
    title: str = ""  # the even-page head
    own_heads: bool = True  # False: a Word template's own headers and footers are used as they are
    styleref: str = "STYLEREF 2" + LAST  # the field that finds the 分目 on the page
    _folios_back: bool = False  # the section after a 书名页 names the folio footers again
    _heads_back: bool = False  # the section after 彩页 names every header again
    _after_bare: OddHead | None = None  # the odd head in force when 彩页 began
    _blank_footer_id: str | None = None

    def sect_pr(self, target: etree._Element | None, first: bool, head: OddHead | None,
                opening: bool, title_page: bool = False, bare: bool = False) -> etree._Element:
        """The sectPr of one section; `target` is the body's own (last) one, else a new copy.

        `head`: the odd head from this section on, None to inherit the one in force.
        `title_page`: the section opens with a 书名页, which has neither head nor folio.
        `bare`: no running head on any page of the section (彩页); folios stay.
        """
        sect_pr = target if target is not None else copy.deepcopy(self.base)
        for ref in [*sect_pr.findall(_REFS[0]), *sect_pr.findall(_REFS[1])]:
            sect_pr.remove(ref)
        refs = [copy.deepcopy(r) for r in self.footer_refs] if first or self._folios_back else []
        self._folios_back = False
        if not self.own_heads:
            for ref in reversed(refs):
                sect_pr.insert(0, ref)
            return sect_pr
        if title_page:
            # A blank first-page footer here; the next section names the folios again, as
            # it would otherwise inherit this one.
            refs = [r for r in refs if r.get(qn("w:type")) != "first"]
            refs.append(_footer_ref("first", self._blank_footer()))
            self._folios_back = True
        running = self.style.heads.running_heads
        # After a bare section every header is named again: each would inherit the blank one.
        again = first or self._heads_back
        if bare and running:
            blank = self._part(_BLANK)
            refs[:0] = [_header_ref(kind, blank) for kind in ("default", "even", "first")]
            self._heads_back = True
            head = head if head is not None else self.current
            self.current = None
            self._after_bare = head  # the odd head the next section takes up
        elif again and running:
            refs[:0] = [_header_ref("even", self._part(_TITLE)), _header_ref("first", self._part(_BLANK))]
        elif title_page:
            refs[:0] = [_header_ref("first", self._part(_BLANK))]
        if running and not bare and (again or (head is not None and head != self.current)):
            if head is None and self._heads_back:
                head = self._after_bare
            odd = head if head is not None else OddHead("")
            refs[:0] = [_header_ref("default", self._part(odd))]
            self.current = odd
        if not bare:
            self._heads_back = False
        for ref in reversed(refs):
            sect_pr.insert(0, ref)  # references lead the sectPr (schema order)
        for old in sect_pr.findall(qn("w:titlePg")):
            sect_pr.remove(old)
        if opening or title_page:
            oxml.insert_ordered(sect_pr, oxml.el("w:titlePg"), oxml.SECTPR_ORDER)
        return sect_pr

    def _blank_footer(self) -> str:
        if self._blank_footer_id is None:
            part, r_id = self.document.part.add_footer_part()
            ftr = part.element
            for child in list(ftr):
                ftr.remove(child)
            ftr.append(oxml.el("w:p"))
            self._blank_footer_id = r_id
        return self._blank_footer_id

    def _part(self, head: OddHead) -> str:
        if head not in self.parts:
            part, r_id = self.document.part.add_header_part()
            hdr = part.element
            for child in list(hdr):
                hdr.remove(child)
            hdr.append(self._head(head))
            self.parts[head] = r_id
        return self.parts[head]

    def _head(self, head: OddHead) -> etree._Element:
        p = _head_paragraph(self.style, head != _BLANK)
        if head == _TITLE:
            p.append(_run(self.title))
        elif head.kind:
            code = self.styleref if head.kind == BY_LEVEL else f'STYLEREF "{HEAD_MARK_NAME}"{LAST}'
            for run in oxml.field_runs(code, head.text):
                p.append(run)
        elif head != _BLANK and head.text:
            p.append(_run(head.text))
        return p


def setup_page(document: WordDocument, style: Style, even_head: str, odd_openings: bool,
               template: bool = False) -> Furniture:
    """Geometry, mirrored margins, settings and the page-number footers.

    `odd_openings`: every 类目 opens on an odd page, so an opening page's folio sits right.
    `template`: the document is a Word template's copy; its page size, margins, grid and
    settings stay, and its headers and footers too where it has any.
    """
    page = style.page
    section = document.sections[0]
    sect_pr = section._sectPr
    if template:
        oxml.insert_ordered(sect_pr, oxml.columns(page.columns, page.column_gap), oxml.SECTPR_ORDER)
        refs = [r for tag in _REFS for r in sect_pr.findall(tag)]
        for ref in refs:
            sect_pr.remove(ref)
        if refs:
            return Furniture(document, style, copy.deepcopy(sect_pr), refs, title=even_head, own_heads=False)
        document.settings.odd_and_even_pages_header_footer = True
        _footers(section, style, odd_openings)
        refs = [r for tag in _REFS for r in sect_pr.findall(tag)]
        for ref in refs:
            sect_pr.remove(ref)
        return Furniture(document, style, copy.deepcopy(sect_pr), refs, title=even_head)
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
    oxml.insert_ordered(sect_pr, oxml.columns(page.columns, page.column_gap), oxml.SECTPR_ORDER)
    _grid(sect_pr, style)
    settings = document.settings
    oxml.set_setting(settings.element, "mirrorMargins")
    # Chinese Word's default (只压缩标点符号): two marks in a row take less than two ems.
    oxml.set_setting(settings.element, "characterSpacingControl", val="compressPunctuation")
    _current_word_layout(settings.element)
    settings.odd_and_even_pages_header_footer = True
    _footers(section, style, odd_openings)
    refs = [r for tag in _REFS for r in sect_pr.findall(tag)]
    for ref in refs:
        sect_pr.remove(ref)
    return Furniture(document, style, copy.deepcopy(sect_pr), refs, title=even_head)


def set_section(sect_pr: etree._Element, columns: int, gap: float, start: str) -> None:
    """Columns and start type (nextPage, oddPage, continuous) of one section."""
    oxml.insert_ordered(sect_pr, oxml.section_type(start), oxml.SECTPR_ORDER)
    oxml.insert_ordered(sect_pr, oxml.columns(columns, gap), oxml.SECTPR_ORDER)


def _header_ref(kind: str, r_id: str) -> etree._Element:
    ref = oxml.el("w:headerReference", type=kind)
    ref.set(qn("r:id"), r_id)
    return ref


def _footer_ref(kind: str, r_id: str) -> etree._Element:
    ref = oxml.el("w:footerReference", type=kind)
    ref.set(qn("r:id"), r_id)
    return ref


def _current_word_layout(settings: etree._Element) -> None:
    """Word 2013+ layout rules (mode 15): the template's mode 14 opens as 兼容模式 in today's Word."""
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")


def _grid(sect_pr: etree._Element, style: Style) -> None:
    """A line and character grid, as Chinese Word documents have: the body fits as many
    characters a line as the PDF sets (the text width over the body size, rounded down),
    spread evenly across the line. Only the body style snaps to it (see styles.py).

    `charSpace` is the pitch's difference from the default font size in 1/4096 pt, rounded
    down so that rounding can never lose a character from the line.
    """
    body = style.para("body")
    page = style.page
    width = page.column_width if page.columns > 1 else page.frame_width
    per_line = max(1, int(width / body.size + 0.01))
    default_size = oxml.half_points(body.size) / 2  # what docDefaults says, in whole half-points
    char_space = math.floor((width / per_line - default_size) * 4096)
    grid = oxml.el("w:docGrid", type="linesAndChars", linePitch=oxml.twips(body.line_height),
                   charSpace=char_space)
    oxml.insert_ordered(sect_pr, grid, oxml.SECTPR_ORDER)


def _head_paragraph(style: Style, rule: bool) -> etree._Element:
    p = oxml.el("w:p")
    ppr = oxml.el("w:pPr")
    ppr.append(oxml.el("w:pStyle", val=PARAGRAPH_STYLES["running_head"].style_id))
    if rule and style.heads.rule > 0:
        oxml.insert_ordered(ppr, oxml.bottom_border(style.heads.rule), oxml.PPR_ORDER)
    p.append(ppr)
    return p


def _footers(section: Section, style: Style, odd_openings: bool) -> None:
    footer_id = PARAGRAPH_STYLES["page_number"].style_id
    outer = style.heads.page_number_position == "outer"
    number = style.para("page_number")
    footers = [(section.footer, "right"), (section.even_page_footer, "left")]
    if style.heads.running_heads:  # opening pages without a head need a first-page footer
        section.different_first_page_header_footer = True
        footers.append((section.first_page_footer, "outside"))
    for footer, align in footers:
        p = _clear(footer.paragraphs[0], footer_id)
        ppr = p.find(qn("w:pPr"))
        if outer and align == "outside" and not odd_openings:
            # Word's own outside page number: a frame at the outer margin edge, right on
            # an odd page, left on an even one (LibreOffice 7.4 centres it).
            frame = oxml.el("w:framePr", wrap="around", vAnchor="text", hAnchor="margin",
                            xAlign="outside", y=1)
            oxml.insert_ordered(ppr, frame, oxml.PPR_ORDER)
        elif outer:
            align = "right" if align == "outside" else align
            oxml.insert_ordered(ppr, oxml.el("w:jc", val=align), oxml.PPR_ORDER)
            if align == "right" and number.first_indent:
                # The style's first-line indent sets an even page's number in from the
                # left edge; an odd page's number needs the same distance on the right.
                indent = oxml.el("w:ind", rightChars=round(number.first_indent * 100),
                                 right=oxml.twips(number.first_indent * number.size),
                                 firstLineChars=0, firstLine=0)
                oxml.insert_ordered(ppr, indent, oxml.PPR_ORDER)
        _page_number(p, style.heads.page_number_format)


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
