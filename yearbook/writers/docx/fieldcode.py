"""Complex fields and paragraph styles the 目录 and 索引 share.

A field is begin, instruction, (separate, shown result,) end; the result can span
paragraphs, which is how Word stores a TOC or INDEX field: the begin in the first
paragraph of the result, the end in the last.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from lxml import etree

from yearbook.style import ParaStyle, Style
from yearbook.writers.docx import oxml
from yearbook.writers.docx.styles import face

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def run(*children: etree._Element) -> etree._Element:
    r = oxml.el("w:r")
    for child in children:
        r.append(child)
    return r


def char(kind: str) -> etree._Element:
    return run(oxml.el("w:fldChar", fldCharType=kind))


def instruction(code: str) -> etree._Element:
    instr = oxml.el("w:instrText")
    instr.set(_XML_SPACE, "preserve")
    instr.text = f" {code} "
    return run(instr)


def quoted(text: str) -> str:
    """A field argument in quotes: quotes and backslashes escaped."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def text_run(value: str) -> etree._Element:
    return run(oxml.text(value))


def paragraph(style_id: str) -> etree._Element:
    p = oxml.el("w:p")
    ppr = oxml.el("w:pPr")
    ppr.append(oxml.el("w:pStyle", val=style_id))
    p.append(ppr)
    return p


def add_style(
    document: WordDocument,
    style: Style,
    style_id: str,
    name: str,
    ps: ParaStyle,
    *,
    left_indent: float = 0.0,
    right_tab: float | None = None,
    keep_next: bool = False,
    page_break_before: bool = False,
    builtin: bool = True,
) -> None:
    """A paragraph style in styles.xml, replacing one of the same id."""
    styles = document.styles.element
    for old in styles.findall(qn("w:style")):
        if old.get(qn("w:styleId")) == style_id:
            styles.remove(old)
    element = oxml.el("w:style", type="paragraph", styleId=style_id)
    if not builtin:
        element.set(qn("w:customStyle"), "1")
    element.append(oxml.el("w:name", val=name))
    element.append(oxml.el("w:basedOn", val="Normal"))
    element.append(oxml.el("w:next", val="Normal"))
    element.append(oxml.el("w:uiPriority", val=39))
    element.append(oxml.el("w:unhideWhenUsed"))
    ppr = oxml.el("w:pPr")
    if keep_next:
        ppr.append(oxml.el("w:keepNext"))
    if page_break_before:
        ppr.append(oxml.el("w:pageBreakBefore"))
    if right_tab is not None:
        tabs = oxml.el("w:tabs")
        tabs.append(oxml.el("w:tab", val="right", leader="dot", pos=oxml.twips(right_tab)))
        ppr.append(tabs)
    ppr.append(oxml.el("w:autoSpaceDE", val=0))
    ppr.append(oxml.el("w:autoSpaceDN", val=0))
    # Off the body's character grid, like headings and captions: on it, a 目录 line's
    # characters and leader are spread to the grid and its page number is pushed out.
    ppr.append(oxml.el("w:snapToGrid", val=0))
    ppr.append(oxml.spacing(ps.space_before, ps.space_after, ps.line_height))
    ppr.append(oxml.el("w:ind", left=oxml.twips(left_indent), firstLine=0))
    ppr.append(oxml.el("w:jc", val=oxml.JC[ps.align]))
    element.append(ppr)
    rpr = oxml.el("w:rPr")
    for child in oxml.run_props(face(style, ps.font), ps.size, ps.bold):
        rpr.append(child)
    element.append(rpr)
    styles.append(element)
