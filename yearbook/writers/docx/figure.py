"""Figures (图N) and colour plates (彩页) as Word pictures.

A figure is an inline picture (w:drawing, through python-docx's image parts) in a
centred paragraph of its own, kept with the caption paragraph under it (Word's
Caption style, like table captions). It has the printed size yearbook.images
computes, the size the PDF uses. python-docx stores an image part once per
distinct image (by digest), so a picture shown twice is one file in word/media/.
Plate pages are borderless tables, one cell per photo, each on a page of its own.
"""

from __future__ import annotations

import io

from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from docx.oxml.shape import CT_Inline
from docx.shared import Pt
from lxml import etree

from yearbook.doctree import Figure, Picture, PlatePhoto, Plates
from yearbook.images import figure_size, fit, plate_boxes
from yearbook.style import Style
from yearbook.writers.docx import oxml
from yearbook.writers.docx.styles import PARAGRAPH_STYLES

_CAPTION = PARAGRAPH_STYLES["caption"].style_id
FIGURE_BLOCKS = (Figure, Plates)
# The paragraph a picture stands in has a style of its own, so an editor's template can
# restyle every picture paragraph at once. Single line spacing: an exact line height
# would crop the picture to one line.
PICTURE_STYLE = "YearbookFigure"
_PICTURE_STYLE_XML = (
    f'<w:style {oxml.W_DECL} w:type="paragraph" w:customStyle="1" w:styleId="{PICTURE_STYLE}">'
    '<w:name w:val="年鉴图片"/><w:basedOn w:val="Normal"/><w:next w:val="Caption"/><w:qFormat/>'
    '<w:pPr><w:keepNext/><w:snapToGrid w:val="0"/>'
    '<w:spacing w:before="120" w:after="0" w:line="240" w:lineRule="auto"/>'
    '<w:ind w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="center"/></w:pPr></w:style>'
)


class PictureWriter:
    """Makes picture paragraphs for one document, numbering their drawing ids."""

    def __init__(self, document: WordDocument):
        self.part = document.part
        self._style_added = False
        self._styles = document.styles.element
        # Drawing ids must be unique in the document; count on from what the body has.
        self.next_id = self.part.next_id

    def elements(self, block: Figure | Plates, style: Style) -> list[etree._Element]:
        if isinstance(block, Plates):
            return self.plates(block, style)
        width, height = figure_size(block, style)
        return [
            self.picture_paragraph(block.picture, width, height),
            caption_paragraph(block.caption, keep_next=False),
        ]

    def inline(self, picture: Picture, width: float, height: float) -> etree._Element:
        r_id, image = self.part.get_or_add_image(io.BytesIO(picture.data))
        shape_id, self.next_id = self.next_id, self.next_id + 1
        return CT_Inline.new_pic_inline(shape_id, r_id, image.filename, Pt(width), Pt(height))

    def picture_paragraph(self, picture: Picture, width: float, height: float) -> etree._Element:
        """A centred paragraph holding only the picture, kept with the caption after it."""
        if not self._style_added:
            if not any(s.get(qn("w:styleId")) == PICTURE_STYLE for s in self._styles):
                self._styles.append(oxml.parse(_PICTURE_STYLE_XML))
            self._style_added = True
        p = oxml.el("w:p")
        ppr = oxml.el("w:pPr")
        ppr.append(oxml.el("w:pStyle", val=PICTURE_STYLE))
        p.append(ppr)
        r = oxml.el("w:r")
        drawing = oxml.el("w:drawing")
        drawing.append(self.inline(picture, width, height))
        r.append(drawing)
        p.append(r)
        return p

    def plates(self, plates: Plates, style: Style) -> list[etree._Element]:
        out: list[etree._Element] = []
        for index, photos in enumerate(plates.pages):
            # Plate pages are parted by page breaks; what follows the last one opens its own page
            # (a new section), where one more break would leave a blank page.
            out += [_page_break()] if index else []
            out.append(self.plate_table(photos, style))
        return out

    def plate_table(self, photos: list[PlatePhoto], style: Style) -> etree._Element:
        boxes = plate_boxes(len(photos), style)
        cols = 2 if len(photos) == 4 else 1
        cell_width = oxml.twips(boxes[0].width)
        tbl = oxml.parse(
            f'<w:tbl {oxml.W_DECL}><w:tblPr><w:tblW w:w="{cell_width * cols}" w:type="dxa"/>'
            '<w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
            '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>'
            '</w:tblPr><w:tblGrid>'
            + f'<w:gridCol w:w="{cell_width}"/>' * cols
            + "</w:tblGrid></w:tbl>"
        )
        for start in range(0, len(photos), cols):
            tr = oxml.el("w:tr")
            trpr = oxml.el("w:trPr")
            trpr.append(oxml.el("w:cantSplit"))
            tr.append(trpr)
            for photo, box in zip(photos[start : start + cols], boxes[start : start + cols], strict=True):
                tc = oxml.el("w:tc")
                tcpr = oxml.el("w:tcPr")
                tcpr.append(oxml.el("w:tcW", w=cell_width, type="dxa"))
                tc.append(tcpr)
                width, height = fit(photo.picture, box.width, box.height)
                tc.append(self.picture_paragraph(photo.picture, width, height))
                tc.append(caption_paragraph(photo.caption, keep_next=False))
                tr.append(tc)
            tbl.append(tr)
        return tbl


def caption_paragraph(text: str, keep_next: bool) -> etree._Element:
    """`图N　title（credit）` in the Caption style; Caption keeps with next for tables above
    their table, so a figure's caption, under its picture, turns that off."""
    p = oxml.el("w:p")
    ppr = oxml.el("w:pPr")
    ppr.append(oxml.el("w:pStyle", val=_CAPTION))
    if not keep_next:
        ppr.append(oxml.el("w:keepNext", val=0))
    p.append(ppr)
    r = oxml.el("w:r")
    r.append(oxml.text(text))
    p.append(r)
    return p


def _page_break() -> etree._Element:
    p = oxml.el("w:p")
    p.append(oxml.el("w:pPr"))
    r = oxml.el("w:r")
    r.append(oxml.el("w:br", type="page"))
    p.append(r)
    return p
