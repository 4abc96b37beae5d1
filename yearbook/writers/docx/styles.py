"""Word styles from the style sheet: which Word style each role uses, and its look.

Headings use Word's built-in Heading styles so the navigation pane and TOC fields
see 类目 (Heading 1) > 分目 and articles (Heading 2 level) > article headings
(Heading 3). An article title gets its own style based on Heading 2: same outline
level, its own look, and it stays out of the odd-page running head, which is a
STYLEREF to "heading 2" (the 分目). Other roles get named styles in Chinese (the
editors' Word is Chinese) with ASCII style ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.styles import BabelFish
from lxml import etree

from yearbook.style import CharStyle, ParaStyle, Style
from yearbook.writers.docx import oxml

DEFAULT_FACES = {"song": "宋体", "hei": "黑体", "kai": "楷体", "fangsong": "仿宋"}


@dataclass(frozen=True)
class WordStyle:
    style_id: str
    name: str  # the name Word shows (built-ins: their English names, shown localized)
    base: str | None = None  # style id
    builtin: bool = False
    outline: int | None = None  # 0-based outline level
    keep_next: bool = False


PARAGRAPH_STYLES: dict[str, WordStyle] = {
    "heading1": WordStyle("Heading1", "heading 1", builtin=True, outline=0, keep_next=True),
    "heading2": WordStyle("Heading2", "heading 2", builtin=True, outline=1, keep_next=True),
    "article_heading": WordStyle("Heading3", "heading 3", builtin=True, outline=2, keep_next=True),
    "article_title": WordStyle("YearbookArticleTitle", "年鉴文章标题", "Heading2", outline=1, keep_next=True),
    "body": WordStyle("YearbookBody", "年鉴正文", "Normal"),
    "subtitle": WordStyle("YearbookSubtitle", "年鉴副题", "YearbookBody", keep_next=True),
    "byline": WordStyle("YearbookByline", "年鉴署名", "YearbookBody", keep_next=True),
    "credit": WordStyle("YearbookCredit", "年鉴供稿", "YearbookBody"),
    "caption": WordStyle("Caption", "caption", builtin=True, keep_next=True),
    "table_header": WordStyle("YearbookTableHeader", "年鉴表头", "Normal"),
    "table_cell": WordStyle("YearbookTableCell", "年鉴表格", "Normal"),
    "running_head": WordStyle("Header", "header", builtin=True),
    "page_number": WordStyle("Footer", "footer", builtin=True),
}
CHARACTER_STYLES: dict[str, WordStyle] = {
    "entry_title": WordStyle("YearbookEntryTitle", "年鉴条目标题"),
    "runin_title": WordStyle("YearbookRuninTitle", "年鉴小题"),
}
# The character style on the headings a 类目's odd head finds where text precedes its
# first 分目 (the 类目's and its 分目', see heads.py).
HEAD_MARK_ID, HEAD_MARK_NAME = "YearbookHeadMark", "年鉴书眉文字"
# Text set in the body's measure snaps to the document grid (see page.py).
_GRID_ROLES = frozenset({"body", "credit", "article_heading"})
_THEME_ATTRS = [qn(f"w:{a}") for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")]


def heading_style_id(level: int) -> str:
    """Word heading style for an article heading at document outline `level` (1-based).

    Levels 1 and 2 belong to 类目 and 分目 (and the article title's own style), so an article
    heading never goes above Heading 3: a Heading 2 would take over the odd-page running head.
    """
    return f"Heading{min(max(level, 3), 9)}"


TABLE_STYLE_ID = "YearbookThreeLine"


def table_style(style: Style) -> etree._Element:
    """三线表 as a named Word table style: thick rules above and below, a thin one under
    the header row, no vertical rules; an editor restyles every table by changing it."""
    ts = style.table
    thick, thin = oxml.eighths(ts.rule_thick), oxml.eighths(ts.rule_thin)
    pad, vpad = oxml.twips(ts.cell_padding), oxml.twips(ts.cell_padding / 2)
    return oxml.parse(
        f'<w:style {oxml.W_DECL} w:type="table" w:customStyle="1" w:styleId="{TABLE_STYLE_ID}">'
        '<w:name w:val="三线表"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/>'
        '<w:tblPr><w:jc w:val="center"/><w:tblBorders>'
        f'<w:top w:val="single" w:sz="{thick}" w:space="0" w:color="000000"/>'
        '<w:left w:val="nil"/>'
        f'<w:bottom w:val="single" w:sz="{thick}" w:space="0" w:color="000000"/>'
        '<w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/>'
        "</w:tblBorders>"
        f'<w:tblCellMar><w:top w:w="{vpad}" w:type="dxa"/><w:left w:w="{pad}" w:type="dxa"/>'
        f'<w:bottom w:w="{vpad}" w:type="dxa"/><w:right w:w="{pad}" w:type="dxa"/></w:tblCellMar>'
        "</w:tblPr>"
        '<w:tblStylePr w:type="firstRow"><w:tcPr><w:tcBorders>'
        f'<w:bottom w:val="single" w:sz="{thin}" w:space="0" w:color="000000"/>'
        "</w:tcBorders></w:tcPr></w:tblStylePr>"
        "</w:style>"
    )


def own_style_ids() -> set[str]:
    """The styles of our roles: kept in the gallery even where this document has no such text."""
    return {ws.style_id for ws in [*PARAGRAPH_STYLES.values(), *CHARACTER_STYLES.values()]} | {TABLE_STYLE_ID}


def face(style: Style, role: str) -> str:
    return style.word_fonts.get(role) or DEFAULT_FACES[role]


def install_styles(document: WordDocument, style: Style,
                   template_ids: dict[str, str] | None = None) -> None:
    """Define every style the body and the page furniture use.

    With a Word template (`template_ids`: our style id → the template's, for the roles it
    has), the template's defaults, theme and styles stay as they are and only the roles
    it lacks get our own styles.
    """
    styles_el = document.styles.element
    styles = _Styles(document)
    taken = template_ids or {}
    if template_ids is None:
        _scrub_theme_fonts(styles_el)
        _set_doc_defaults(styles_el, style)
        normal = styles.ensure(WordStyle("Normal", "Normal", builtin=True), WD_STYLE_TYPE.PARAGRAPH)
        _style_paragraph(normal, style.para("body"), style, None, False, indent=False)
    body_id = PARAGRAPH_STYLES["body"].style_id
    for role, ws in PARAGRAPH_STYLES.items():
        if ws.style_id in taken:
            continue
        element = styles.ensure(ws, WD_STYLE_TYPE.PARAGRAPH)
        _style_paragraph(element, style.para(role), style, ws.outline, ws.keep_next,
                         grid=role in _GRID_ROLES)
        if ws.keep_next:  # titles and captions: Enter after one gives body text
            element.get_or_add_next().val = body_id
    for n in range(4, 10):
        ws = WordStyle(f"Heading{n}", f"heading {n}", builtin=True, outline=n - 1, keep_next=True)
        if ws.style_id in taken:
            continue
        element = styles.ensure(ws, WD_STYLE_TYPE.PARAGRAPH)
        _style_paragraph(element, style.para("article_heading"), style, ws.outline, True)
        element.get_or_add_next().val = body_id
    for role, ws in CHARACTER_STYLES.items():
        if ws.style_id not in taken:
            _style_character(styles.ensure(ws, WD_STYLE_TYPE.CHARACTER), style.characters[role], style)
    document.styles.element.append(table_style(style))
    if template_ids is not None:
        return
    _fix_theme(document, style)
    settings = document.settings.element
    # Word picks the theme's East Asian face by this language: ja-JP in the default template.
    oxml.set_setting(settings, "themeFontLang", val="en-US", eastAsia="zh-CN")


class _Styles:
    """The document's styles by id and their names, read once. python-docx finds a style
    by wrapping every style in a proxy object and comparing, on every lookup."""

    def __init__(self, document: WordDocument):
        self._element = document.styles.element
        self._by_id: dict[str, etree._Element] = {}
        self._names: set[str] = set()
        for existing in self._element.style_lst:
            self._by_id.setdefault(existing.styleId, existing)  # the first, as a scan finds
            self._names.add(existing.name_val)

    def ensure(self, ws: WordStyle, kind: WD_STYLE_TYPE) -> etree._Element:
        """The style with ws's id; a new one as python-docx's `add_style` makes it if none."""
        existing = self._by_id.get(ws.style_id)
        if existing is not None:
            return existing
        name = BabelFish.ui2internal(ws.name)
        if name in self._names:
            raise ValueError(f"document already contains style '{ws.name}'")
        new = self._element.add_style_of_type(name, kind, ws.builtin)
        new.styleId = ws.style_id
        if ws.base:
            new.basedOn_val = ws.base
        new.qFormat_val = True
        self._by_id[ws.style_id] = new
        self._names.add(name)
        return new


def _style_paragraph(element: etree._Element, ps: ParaStyle, style: Style, outline: int | None,
                     keep_next: bool, indent: bool = True, grid: bool = False) -> None:
    ppr = _fresh(element, "w:pPr")
    children = []
    if keep_next:
        children += [oxml.el("w:keepNext"), oxml.el("w:keepLines")]
    # No punctuation hanging into the margin (标点不出版心), as in the PDF; LibreOffice also drops
    # a hanging comma from its output. The line-start/end rules (kinsoku) stay on.
    children.append(oxml.el("w:overflowPunct", val=0))
    # No extra gap between Chinese and Latin letters or digits (2023年, 176名), as the
    # PDF and printed yearbooks set them; Word and LibreOffice add one by default.
    children += [oxml.el("w:autoSpaceDE", val=0), oxml.el("w:autoSpaceDN", val=0)]
    # Headings, captions and table text keep their own size and leading off the body's grid.
    children.append(oxml.el("w:snapToGrid", val=int(grid)))
    children.append(oxml.spacing(ps.space_before, ps.space_after, ps.line_height))
    if indent:
        children.append(oxml.first_line_indent(ps.first_indent, ps.size))
    children.append(oxml.el("w:jc", val=oxml.JC[ps.align]))
    if outline is not None:
        children.append(oxml.outline_level(outline))
    for child in children:
        ppr.append(child)
    rpr = _fresh(element, "w:rPr")
    for child in oxml.run_props(face(style, ps.font), ps.size, ps.bold):
        rpr.append(child)


def _style_character(element: etree._Element, cs: CharStyle, style: Style) -> None:
    rpr = _fresh(element, "w:rPr")
    for child in oxml.run_props(face(style, cs.font), None, cs.bold):
        rpr.append(child)


def _fresh(style_el: etree._Element, tag: str) -> etree._Element:
    """Replace the style's pPr or rPr with an empty one in its schema place."""
    for old in style_el.findall(qn(tag)):
        style_el.remove(old)
    new = oxml.el(tag)
    if tag == "w:pPr":
        rpr = style_el.find(qn("w:rPr"))
        if rpr is not None:
            rpr.addprevious(new)
            return new
    style_el.append(new)
    return new


def _scrub_theme_fonts(styles_el: etree._Element) -> None:
    """Theme font references override explicit names; drop them so nothing falls to the theme."""
    for rfonts in styles_el.iter(qn("w:rFonts")):
        for attr in _THEME_ATTRS:
            rfonts.attrib.pop(attr, None)
        if not rfonts.attrib:
            rfonts.getparent().remove(rfonts)


def _set_doc_defaults(styles_el: etree._Element, style: Style) -> None:
    body = style.para("body")
    rpr = styles_el.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    for child in list(rpr):
        rpr.remove(child)
    song = face(style, "song")
    for child in [oxml.fonts(song), oxml.el("w:sz", val=oxml.half_points(body.size)),
                  oxml.el("w:szCs", val=oxml.half_points(body.size)),
                  oxml.el("w:lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA")]:
        rpr.append(child)
    ppr = styles_el.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}")
    for child in list(ppr):
        ppr.remove(child)
    ppr.append(oxml.el("w:spacing", after=0))


def _fix_theme(document: WordDocument, style: Style) -> None:
    """Give the theme's East Asian slots Chinese faces (python-docx issue 1601)."""
    theme = document.part.part_related_by(RT.THEME)
    xml = theme.blob.decode("utf-8")
    for slot, role in (("majorFont", "hei"), ("minorFont", "song")):
        name = face(style, role)

        def fix(m: re.Match[str], name: str = name) -> str:
            block = re.sub(r'<a:ea typeface="[^"]*"/>', f'<a:ea typeface="{name}"/>', m[0])
            return re.sub(r'<a:font script="Hans" typeface="[^"]*"/>',
                          f'<a:font script="Hans" typeface="{name}"/>', block)

        xml = re.sub(rf"<a:{slot}>.*?</a:{slot}>", fix, xml, flags=re.S)
    # A plain Part keeps its bytes in _blob; python-docx has no setter for it.
    theme._blob = xml.encode("utf-8")


def head_mark_style(document: WordDocument) -> None:
    """The character style a 类目's odd-page head finds where text precedes its first 分目
    (see heads.py). It changes nothing in the look: the heading's style sets that."""
    _Styles(document).ensure(WordStyle(HEAD_MARK_ID, HEAD_MARK_NAME), WD_STYLE_TYPE.CHARACTER)
