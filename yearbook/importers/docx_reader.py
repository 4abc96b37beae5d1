"""Front end for .docx as Word and WPS write them: paragraphs and tables in body order.

Headings are known by style (Heading N, 标题 N, WPS's own names, or any style based on
one of them) or by outline level, which WPS sets on direct formatting. Bold and
centring are read through the style chain, since clerks set them either way.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.styles.style import BaseStyle
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from yearbook.i18n import register
from yearbook.importers.patterns import short
from yearbook.importers.source import Block, Para, Place, Source, Span, TableBlock

register(
    {
        "import.image": (
            "{where}这里有一幅图片（或图形），导入不了，请在数据中另行添加插图",
            "{where}an image (or drawing) here cannot be imported; add the figure to the data by hand",
        ),
        "import.text_box": (
            "{where}文本框中的文字“{text}”已作为普通段落放在这一段之后，请核对位置",
            "{where}the text box text '{text}' is kept as a plain paragraph after this one; check its place",
        ),
        "import.footnote": (
            "{where}脚注“{text}”已作为普通段落放在这一段之后（年鉴正文不用脚注），请核对",
            "{where}the footnote '{text}' is kept as a plain paragraph after this one "
            "(yearbook text has no footnotes); please check",
        ),
        "import.merged_cells": (
            "{where}表格有合并单元格，已拆成普通单元格（文字只保留在合并区域的第一格），请核对",
            "{where}the table has merged cells; they were split (the text stays in the first cell "
            "of each merged area), please check",
        ),
        "import.nested_table": (
            "{where}表格中套有表格，内层表格的文字已并入所在单元格",
            "{where}a table inside a table: the inner table's text was put into its cell",
        ),
    }
)

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_TITLE_STYLES = {"Title", "标题"}  # Word's Title style (WPS names it 标题)
_SPACE = " \t\u3000\u00a0"


def _style_chain(style: BaseStyle | None) -> Iterator[BaseStyle]:
    seen = 0
    while style is not None and seen < 20:
        yield style
        style = style.base_style
        seen += 1


def _heading_level(p: Paragraph) -> int:
    ppr = p._p.pPr
    outline = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
    for style in _style_chain(p.style):
        m = _HEADING_STYLE.match(style.name or "")
        if m:
            return int(m[1])
        if (style.name or "") in _TITLE_STYLES:
            return 1
        if outline is None:
            spr = style.element.pPr
            outline = spr.find(qn("w:outlineLvl")) if spr is not None else None
    if outline is not None:
        level = int(outline.get(qn("w:val"), "9"))
        return level + 1 if level < 9 else 0
    return 0


def _style_bold(style: BaseStyle | None) -> bool:
    for s in _style_chain(style):
        font = getattr(s, "font", None)
        if font is not None and font.bold is not None:
            return bool(font.bold)
    return False


def _centred(p: Paragraph) -> bool:
    if p.alignment is not None:
        return p.alignment == WD_ALIGN_PARAGRAPH.CENTER
    for s in _style_chain(p.style):
        fmt = getattr(s, "paragraph_format", None)
        if fmt is not None and fmt.alignment is not None:
            return fmt.alignment == WD_ALIGN_PARAGRAPH.CENTER
    return False


# Runs that are not part of the text as it reads now: deleted revisions, and text boxes
# (read separately, since Word anchors them anywhere).
_NOT_TEXT = {qn("w:del"), qn("w:moveFrom"), qn("w:txbxContent")}


def _runs(p: Paragraph) -> Iterator[Run]:
    """Every run of the paragraph as it reads, including those inside hyperlinks, tracked
    insertions, smart tags and content controls, which `Paragraph.runs` leaves out."""
    for r in p._p.iter(qn("w:r")):
        parent = r.getparent()
        inside = False
        while parent is not None and parent is not p._p:
            if parent.tag in _NOT_TEXT:
                inside = True
                break
            parent = parent.getparent()
        if not inside:
            yield Run(r, p)


def _auto_numbered(p: Paragraph) -> bool:
    """Word list numbering (一、二、 made by Word, not typed): the number is not in the text."""
    for source in (p._p.pPr, *(s.element.pPr for s in _style_chain(p.style))):
        if source is not None and source.find(qn("w:numPr")) is not None:
            num = source.find(qn("w:numPr")).find(qn("w:numId"))
            return num is None or num.get(qn("w:val")) != "0"
    return False


class _Reader:
    def __init__(self, doc: DocxDocument, source: Source):
        self.doc = doc
        self.source = source
        self.blocks: list[Block] = []
        self.paragraphs = 0
        self.tables = 0
        self.footnotes = self._footnotes()

    def _footnotes(self) -> dict[str, str]:
        part = self.doc.part
        for rel in part.rels.values():
            if rel.reltype.endswith("/footnotes") and not rel.is_external:
                root = etree.fromstring(rel.target_part.blob)
                return {
                    fn.get(qn("w:id")): "".join(t.text or "" for t in fn.iter(qn("w:t"))).strip(_SPACE)
                    for fn in root.iter(qn("w:footnote"))
                }
        return {}

    def read(self) -> list[Block]:
        self.body(self.doc.element.body)
        return self.blocks

    def body(self, element: etree._Element) -> None:
        for child in element.iterchildren():
            if child.tag == qn("w:p"):
                self.paragraph(Paragraph(child, self.doc))
            elif child.tag == qn("w:tbl"):
                self.table(Table(child, self.doc))
            elif child.tag == qn("w:sdt"):  # content controls (WPS, templates) hold ordinary blocks
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self.body(content)
            elif child.tag == qn("w:customXml"):  # smart tags around whole paragraphs
                self.body(child)

    def paragraph(self, p: Paragraph) -> None:
        self.paragraphs += 1
        place = Place("paragraph", self.paragraphs)
        para_bold = _style_bold(p.style)
        spans: list[Span] = []
        for run in _runs(p):
            text = run.text
            if not text:
                continue
            bold = run.bold if run.bold is not None else (
                _style_bold(run.style) if run.style is not None and run.style.name != "Default Paragraph Font"
                else para_bold)
            style = run.style.name if run.style is not None else ""
            if spans and spans[-1].bold == bold and spans[-1].style == style:
                spans[-1].text += text
            else:
                spans.append(Span(text, bool(bold), style or ""))
        text = "".join(s.text for s in spans)
        visible = [s for s in spans if s.text.strip(_SPACE)]
        extras = self.unplaceable(p, place)
        # A soft line break (Shift+Enter) is how many clerks end a paragraph.
        for line in text.split("\n"):
            if not line.strip(_SPACE):
                continue
            line_spans = spans if "\n" not in text else [Span(line)]
            self.blocks.append(Para(
                line.strip(_SPACE), place,
                heading=_heading_level(p),
                bold=bool(visible) and all(s.bold for s in visible),
                centred=_centred(p),
                style=p.style.name if p.style is not None else "",
                numbered=_auto_numbered(p),
                spans=line_spans,
            ))
        for extra in extras:
            self.blocks.append(Para(extra, place, literal=True))

    def unplaceable(self, p: Paragraph, place: Place) -> list[str]:
        """Images, text boxes and footnotes: warned about; their text kept as paragraphs."""
        out: list[str] = []
        el = p._p
        # A shape comes twice where Word adds a VML fallback; read its first form only.
        boxes = [
            b for b in el.iter(qn("w:txbxContent")) if not any(a.tag == _FALLBACK for a in b.iterancestors())
        ]
        for box in boxes:
            text = "".join(t.text or "" for t in box.iter(qn("w:t"))).strip(_SPACE)
            if text:
                out.append(text)
                self.source.warn("import.text_box", place, text=short(text))
        if _has_image(el):
            self.source.warn("import.image", place)
        for ref in el.iter(qn("w:footnoteReference")):
            text = self.footnotes.get(ref.get(qn("w:id")), "")
            if text:
                out.append(text)
                self.source.warn("import.footnote", place, text=short(text))
        return out

    def table(self, table: Table) -> None:
        self.tables += 1
        place = Place("table", self.tables)
        rows: list[list[str]] = []
        places: list[list[Place]] = []
        merged = False
        trs = table._tbl.tr_lst
        grid = len(table._tbl.tblGrid.gridCol_lst)
        # A first row that is one cell across the table is the table's title, typed inside it.
        title_row = len(trs) > 1 and len(trs[0].tc_lst) == 1 and trs[0].tc_lst[0].grid_span == grid > 1
        for r, tr in enumerate(trs, start=1):
            row: list[str] = []
            for tc in tr.tc_lst:
                span = tc.grid_span
                vmerge = tc.vMerge
                merged = merged or ((span > 1 or vmerge is not None) and not (title_row and r == 1))
                if next(tc.iter(qn("w:tbl")), None) is not None:
                    self.source.warn("import.nested_table", place)
                if _has_image(tc):
                    self.source.warn("import.image", Place("cell", self.tables, r, len(row) + 1))
                row.append("" if vmerge == "continue" else _cell_text(tc))
                row.extend([""] * (span - 1))
            rows.append(row)
            places.append([Place("cell", self.tables, r, c) for c in range(1, len(row) + 1)])
        if merged:
            self.source.warn("import.merged_cells", place)
        self.blocks.append(TableBlock(rows, place, places, title_row=title_row))


def _has_image(el: etree._Element) -> bool:
    """A picture or drawing that is not a text box (text boxes are read as text)."""
    for tag in ("w:drawing", "w:pict"):
        for shape in el.iter(qn(tag)):
            if next(shape.iter(qn("w:txbxContent")), None) is None:
                return True
    return False


def _cell_text(tc: etree._Element) -> str:
    """The cell's paragraphs, one a line; each paragraph's own text only (a text box inside
    one is a paragraph of its own, not twice)."""
    lines = []
    for p in tc.iter(qn("w:p")):
        own = [t.text or "" for t in p.iter(qn("w:t")) if _nearest_p(t) is p]
        lines.append("".join(own))
    return "\n".join(lines).strip(_SPACE + "\n")


def _nearest_p(el: etree._Element) -> etree._Element | None:
    parent = el.getparent()
    while parent is not None and parent.tag != qn("w:p"):
        parent = parent.getparent()
    return parent


def _edition(subject: str) -> int | None:
    m = re.search(r"[（(](\d{4})[）)]\s*$", subject or "")
    return int(m[1]) if m else None


class DamagedDocx(Exception):
    """The package opened as a zip but python-docx could not read it as a document."""


def read_docx(data: bytes, file: str) -> Source:
    try:
        doc = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx reports damaged parts with many exception types
        raise DamagedDocx(str(exc)) from exc
    source = Source(file, [])
    source.blocks = _Reader(doc, source).read()
    props = doc.core_properties
    # Only our own build names the book in the properties (subject 书名（卷次）); a clerk's
    # file says 'Administrator'.
    edition = _edition(props.subject or "")
    if props.title and "年鉴" in props.title and edition is not None:
        source.title = props.title.strip()
        source.unit = (props.author or "").strip() or None
        source.edition = edition
    return source
