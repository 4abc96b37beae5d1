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
from yearbook.importers.source import Block, ImageBlock, Para, Place, Source, Span, TableBlock

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
        # Each picture with its drawn width (EMU), to tell 通栏 from 栏宽 at the end.
        self.widths: list[tuple[ImageBlock, int | None]] = []

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
        self.set_widths()
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
        self.blocks.extend(self.paragraph_blocks(p, place))

    def paragraph_blocks(self, p: Paragraph, place: Place, table: int = 0) -> list[Block]:
        """The paragraph's lines, with its pictures where they stand between them."""
        para_bold = _style_bold(p.style)
        groups: list[list[Span]] = [[]]  # text between pictures
        pictures: list[list[ImageBlock]] = []  # the pictures after groups[k]
        for run in _runs(p):
            text = run.text
            if text:
                bold = run.bold if run.bold is not None else (
                    _style_bold(run.style) if run.style is not None
                    and run.style.name != "Default Paragraph Font" else para_bold)
                style = run.style.name if run.style is not None else ""
                spans = groups[-1]
                if spans and spans[-1].bold == bold and spans[-1].style == style:
                    spans[-1].text += text
                else:
                    spans.append(Span(text, bool(bold), style or ""))
            found = self.pictures(run._r, place, table)
            if found:
                pictures.append(found)
                groups.append([])
        extras = self.unplaceable(p, place, table)
        out: list[Block] = []
        for k, spans in enumerate(groups):
            out.extend(self.lines(p, spans, place))
            if k < len(pictures):
                out.extend(pictures[k])
        return out + extras

    def lines(self, p: Paragraph, spans: list[Span], place: Place) -> list[Para]:
        text = "".join(s.text for s in spans)
        visible = [s for s in spans if s.text.strip(_SPACE)]
        out: list[Para] = []
        # A soft line break (Shift+Enter) is how many clerks end a paragraph.
        for line in text.split("\n"):
            if not line.strip(_SPACE):
                continue
            line_spans = spans if "\n" not in text else [Span(line)]
            out.append(Para(
                line.strip(_SPACE), place,
                heading=_heading_level(p),
                bold=bool(visible) and all(s.bold for s in visible),
                centred=_centred(p),
                style=p.style.name if p.style is not None else "",
                numbered=_auto_numbered(p),
                spans=line_spans,
            ))
        return out

    def pictures(self, r: etree._Element, place: Place, table: int) -> list[ImageBlock]:
        """The pictures drawn in a run, each with its image file's bytes. A drawing that is
        not a picture (a chart, a shape, SmartArt) is warned about: it cannot be imported."""
        out: list[ImageBlock] = []
        # w:object: an embedded object (an Excel chart, a Visio drawing) shown by its preview picture
        for shape in r.iter(qn("w:drawing"), qn("w:pict"), qn("w:object")):
            if _inside(shape, r, (_FALLBACK, qn("w:txbxContent"), qn("w:object"))):
                continue  # the VML copy Word keeps for old readers; a text box's own content
            found = _picture_ref(shape)
            if next(shape.iter(qn("w:txbxContent")), None) is not None and found is None:
                continue  # a text box: read with the paragraph's text boxes
            if found is None:
                self.source.warn("import.image", place)
                continue
            rid, linked, width = found
            data, name = self.image_part(rid, linked)
            block = ImageBlock(data, name, place, table=table)
            self.widths.append((block, width))
            out.append(block)
        return out

    def image_part(self, rid: str, linked: bool) -> tuple[bytes | None, str]:
        part = self.doc.part
        rel = part.rels.get(rid)
        if rel is None:
            return None, ""
        if rel.is_external or linked:
            return None, rel.target_ref.replace("\\", "/").rsplit("/", 1)[-1]
        target = rel.target_part
        return target.blob, str(target.partname).rsplit("/", 1)[-1]

    def set_widths(self) -> None:
        """A picture drawn wider than a column of the document's multi-column pages is
        a page-width (通栏) figure; in a one-column document every picture is column width."""
        columns = [_column_width(s) for s in self.doc.element.body.iter(qn("w:sectPr"))]
        narrow = min((w for w, n in columns if n > 1), default=None)
        if narrow is None:
            return
        for block, width in self.widths:
            block.page_width = width is not None and width > narrow * 1.1

    def unplaceable(self, p: Paragraph, place: Place, table: int) -> list[Block]:
        """Text boxes and footnotes: warned about; their text kept as paragraphs. A text box
        holding a picture is a photo frame: its picture and caption are read as they stand."""
        out: list[Block] = []
        el = p._p
        # A shape comes twice where Word adds a VML fallback; read its first form only.
        boxes = [
            b for b in el.iter(qn("w:txbxContent")) if not any(a.tag == _FALLBACK for a in b.iterancestors())
        ]
        for box in boxes:
            if _has_image(box) or _grouped_with_picture(box):
                for inner in box.iterchildren(qn("w:p")):
                    out.extend(self.paragraph_blocks(Paragraph(inner, self.doc), place, table))
                continue
            text = "".join(t.text or "" for t in box.iter(qn("w:t"))).strip(_SPACE)
            if text:
                out.append(Para(text, place, literal=True))
                self.source.warn("import.text_box", place, text=short(text))
        for ref in el.iter(qn("w:footnoteReference")):
            text = self.footnotes.get(ref.get(qn("w:id")), "")
            if text:
                out.append(Para(text, place, literal=True))
                self.source.warn("import.footnote", place, text=short(text))
        return out

    def table(self, table: Table) -> None:
        self.tables += 1
        place = Place("table", self.tables)
        if _photo_table(table._tbl):
            self.photo_table(table)
            return
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


    def photo_table(self, table: Table) -> None:
        """Photos laid out in a table (as 彩页 pages are, and as clerks set photos side by
        side): each cell's picture and caption, read like paragraphs, cell by cell; where
        the captions have a row of their own under the photos, each photo's with it."""
        rows = table._tbl.tr_lst
        captions = _caption_rows(rows)
        for r, tr in enumerate(rows, start=1):
            if r in captions:
                continue
            photos, under = tr.tc_lst, rows[r].tc_lst if r + 1 in captions else []
            for c in range(1, max(len(photos), len(under)) + 1):  # each photo, then its caption
                for row, cells in ((r, photos), (r + 1, under)):
                    if c > len(cells):
                        continue
                    place = Place("cell", self.tables, row, c)
                    for p in _cell_paragraphs(cells[c - 1]):
                        self.blocks.extend(self.paragraph_blocks(Paragraph(p, self.doc), place, self.tables))


def _cell_paragraphs(tc: etree._Element) -> list[etree._Element]:
    """A cell's paragraphs, also those in content controls; a text box's come with its own."""
    return [p for p in tc.iter(qn("w:p")) if not _inside(p, tc, (qn("w:txbxContent"),))]


def _caption_rows(rows: list) -> set[int]:
    """Rows (numbered from 1) of text only, each under a row of photos: their captions."""
    return {
        r for r in range(2, len(rows) + 1)
        if not any(_has_image(tc) for tc in rows[r - 1].tc_lst)
        and any(_has_image(tc) for tc in rows[r - 2].tc_lst)
    }


def _inside(el: etree._Element, top: etree._Element, tags: tuple[str, ...]) -> bool:
    """Whether an element lies within one of `tags` below `top`."""
    parent = el.getparent()
    while parent is not None and parent is not top:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


def _photo_table(tbl: etree._Element) -> bool:
    """Every cell holding anything holds a picture (but for rows of captions under
    photos), and no cell a table."""
    if any(t is not tbl for t in tbl.iter(qn("w:tbl"))):  # a table inside
        return False
    captions = _caption_rows(tbl.tr_lst)
    cells = [tc for r, tr in enumerate(tbl.tr_lst, start=1) if r not in captions for tc in tr.tc_lst]
    filled = [tc for tc in cells if _has_image(tc) or _cell_text(tc).strip()]
    return bool(filled) and all(_has_image(tc) for tc in filled)


def _has_image(el: etree._Element) -> bool:
    """A picture or drawing that is not a text box (text boxes are read as text)."""
    for tag in ("w:drawing", "w:pict"):
        for shape in el.iter(qn(tag)):
            if next(shape.iter(qn("w:txbxContent")), None) is None:
                return True
    return False


_VML = "urn:schemas-microsoft-com:vml"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_EMU_PER_TWIP = 635
_EMU_PER_PT = 12700


def _loose(shape: etree._Element, tag: str) -> etree._Element | None:
    """The first `tag` in a shape that is not inside one of its text boxes."""
    return next((el for el in shape.iter(tag) if not _inside(el, shape, (qn("w:txbxContent"),))), None)


def _grouped_with_picture(box: etree._Element) -> bool:
    """A text box grouped with a picture (Word's 组合: a photo and its caption box)."""
    shape = next((a for a in box.iterancestors(qn("w:drawing"), qn("w:pict"))), None)
    return shape is not None and _picture_ref(shape) is not None


def _picture_ref(shape: etree._Element) -> tuple[str, bool, int | None] | None:
    """(relationship id, linked rather than embedded, drawn width in EMU) of a picture."""
    if shape.tag == qn("w:drawing"):
        blip = _loose(shape, qn("a:blip"))
        if blip is None:
            return None
        rid, linked = blip.get(qn("r:embed")), False
        if not rid:
            rid, linked = blip.get(qn("r:link")), True
        extent = next(shape.iter(qn("wp:extent")), None)
        width = int(extent.get("cx", "0")) if extent is not None else None
        return (rid, linked, width) if rid else None
    data = _loose(shape, f"{{{_VML}}}imagedata")
    if data is None or not data.get(f"{{{_R}}}id"):
        return None
    width = None
    style = next((s.get("style", "") for s in shape.iter(f"{{{_VML}}}shape")), "")
    m = re.search(r"(?:^|;)\s*width:\s*([\d.]+)pt", style)
    if m:
        width = int(float(m[1]) * _EMU_PER_PT)
    return data.get(f"{{{_R}}}id"), False, width


def _column_width(sect: etree._Element) -> tuple[int, int]:
    """(column width in EMU, number of columns) of a section."""
    size, margins, cols = sect.find(qn("w:pgSz")), sect.find(qn("w:pgMar")), sect.find(qn("w:cols"))

    def twips(el: etree._Element | None, attr: str, default: int) -> int:
        try:
            return int(float(el.get(qn(attr), default))) if el is not None else default
        except ValueError:
            return default

    frame = twips(size, "w:w", 11906) - twips(margins, "w:left", 1800) - twips(margins, "w:right", 1800)
    n = max(1, twips(cols, "w:num", 1))
    gap = twips(cols, "w:space", 425)
    return (frame - gap * (n - 1)) * _EMU_PER_TWIP // n, n


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
