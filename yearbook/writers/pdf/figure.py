"""Figures (图N) and colour plates (彩页) in the PDF.

A figure is one flowable: the picture at its printed size (yearbook.images, the
same size the DOCX uses), then `图N　title（credit）` centred under it. It never
splits, so no column or page break can part a picture from its caption. A column
figure sits in the column band and may float (`placement`): to the top of the
next column when it does not fit where it stands, or to the top or the foot of a
column when asked. A page-width figure is set across the columns like a full-width
table. Each picture is embedded once however often it is drawn: ReportLab names
an image XObject by a digest of its data and draws the same object again. A JPEG
goes into the PDF as it is (DCTDecode); so does the compressed data of an 8-bit grey
or RGB PNG (FlateDecode with the PNG predictors), and only other PNGs are decoded
and deflated anew.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from reportlab.lib.utils import ImageReader, _digester
from reportlab.pdfbase import pdfdoc

from yearbook import png
from yearbook.doctree import Figure, Picture, PlatePhoto, Plates
from yearbook.images import figure_size, fit, plate_boxes, plate_caption_room
from yearbook.style import Style
from yearbook.writers.pdf.fonts import FontSet
from yearbook.writers.pdf.layout import Flowable, PageBreak
from yearbook.writers.pdf.text import make_text

if TYPE_CHECKING:
    from yearbook.writers.pdf.marks import PageMarks
    from yearbook.writers.pdf.story import StoryBuilder

# Space between the picture and its caption, and around the whole figure, in points.
_CAPTION_GAP = 3.0
_AROUND = 6.0


class _KeyedReader(ImageReader):
    """A picture named by its key. ReportLab names an image by a digest of its decoded
    pixels (getRGBData); decoding a large photo only to name it would cost time and
    tens of megabytes a photo. A JPEG's own bytes are then embedded; a PNG's object is
    made beforehand (`_register_png`), so ReportLab finds it by that name and only draws."""

    def __init__(self, picture: Picture):
        super().__init__(io.BytesIO(picture.data))
        self._key = picture.key.encode()

    def getRGBData(self) -> bytes:
        self._dataA = None  # no transparency mask: read by drawImage beside the data
        return self._key


class _PngImage(pdfdoc.PDFImageXObject):
    """An image XObject holding a PNG's compressed data as it is: FlateDecode with the
    PNG predictors (PDF 1.2) undoes the PNG's row filters, so nothing is decoded here."""

    def __init__(self, name: str, image: png.Png):
        self.name = name
        self.width, self.height = image.width, image.height
        self.bitsPerComponent = image.bit_depth
        self.colorSpace = "DeviceRGB" if image.channels == 3 else "DeviceGray"
        self.streamContent = image.data
        self.mask = None
        self._colours = image.channels

    def format(self, document: pdfdoc.PDFDocument) -> bytes:
        stream = pdfdoc.PDFStream(content=self.streamContent)
        d = stream.dictionary
        d["Type"] = pdfdoc.PDFName("XObject")
        d["Subtype"] = pdfdoc.PDFName("Image")
        d["Width"] = self.width
        d["Height"] = self.height
        d["BitsPerComponent"] = self.bitsPerComponent
        d["ColorSpace"] = pdfdoc.PDFName(self.colorSpace)
        # One filter, its parameters beside it (an array of filters wants an array of them).
        d["Filter"] = pdfdoc.PDFName("FlateDecode")
        d["DecodeParms"] = pdfdoc.PDFDictionary(
            {"Predictor": 15, "Colors": self._colours, "BitsPerComponent": self.bitsPerComponent,
             "Columns": self.width}
        )
        d["Length"] = len(self.streamContent)
        return stream.format(document)


def _passthrough_png(picture: Picture) -> png.Png | None:
    """The PNG's parts when PDF can take its data as it is: 8-bit grey or RGB, not interlaced
    (what yearbook.images makes of every PNG it changes, and most PNGs it keeps)."""
    try:
        image = png.read(picture.data)
    except png.PngError:
        return None
    plain = image.bit_depth == 8 and image.colour_type in (0, 2) and not image.interlaced
    return image if plain and image.data else None


def _register_png(canv, picture: Picture, name: str) -> bool:
    """Adds the picture's XObject under the name drawImage gives it; False where the PNG
    must be decoded (ReportLab's own path then)."""
    doc = canv._doc
    reg_name = doc.getXObjectName(name)
    if doc.idToObject.get(reg_name) is not None:
        return True
    image = _passthrough_png(picture)
    if image is None:
        return False
    # As drawImage registers an image it makes.
    obj = _PngImage(name, image)
    canv._setXObjects(obj)
    doc.Reference(obj, reg_name)
    doc.addForm(name, obj)
    return True


def draw_picture(canv, picture: Picture, x: float, y: float, width: float, height: float) -> None:
    # A reader per drawing, dropped after it, so no decoded pixels stay for the whole build;
    # the embedded image object is shared all the same, by name.
    reader = _KeyedReader(picture)
    if picture.format == "png" and not _register_png(canv, picture, _digester(reader.getRGBData() + b"None")):
        reader = ImageReader(io.BytesIO(picture.data))
    canv.drawImage(reader, x, y, width, height)


class FigureBox(Flowable):
    """A picture with its caption under it, centred in the width it is given."""

    def __init__(self, figure: Figure, style: Style, fonts: FontSet):
        super().__init__()
        self.figure = figure
        self.image_width, self.image_height = figure_size(figure, style)
        self.caption = make_text(figure.caption, style.para("caption"), fonts, "center")
        self.spaceBefore = self.spaceAfter = _AROUND
        # Read by ColumnBand: where in a column the figure may stand.
        self.placement = figure.placement
        self._caption_height = 0.0

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        self.width = aW
        self._caption_height = self.caption.wrap(aW, 1e9)[1]
        self.height = self.image_height + _CAPTION_GAP + self._caption_height
        return aW, self.height

    def split(self, aW: float, aH: float) -> list[Flowable]:
        return []  # a picture is never parted from its caption

    def draw(self) -> None:
        x = (self.width - self.image_width) / 2
        y = self.height - self.image_height
        draw_picture(self.canv, self.figure.picture, x, y, self.image_width, self.image_height)
        self.caption.drawOn(self.canv, 0, 0)


class PlatePage(Flowable):
    """One 彩页 page: its photos in the cells of yearbook.images.plate_boxes, captions under them."""

    def __init__(
        self, photos: list[PlatePhoto], style: Style, fonts: FontSet, marks: PageMarks | None = None
    ):
        super().__init__()
        self.marks = marks  # a 彩页 page carries no running head (its folio stays)
        self.photos = photos
        self.boxes = plate_boxes(len(photos), style)
        cap = style.para("caption")
        self.captions = [make_text(p.caption, cap, fonts, "center") for p in photos]
        self.caption_gap = cap.space_before
        self.caption_room = plate_caption_room(style)
        self.frame_height = style.page.frame_height

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        self.width, self.height = aW, min(aH, self.frame_height)
        return self.width, self.height

    def split(self, aW: float, aH: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        if self.marks is not None:
            self.marks.opening = True
        for photo, box, caption in zip(self.photos, self.boxes, self.captions, strict=True):
            w, h = fit(photo.picture, box.width, box.height)
            _, ch = caption.wrap(box.width, 1e9)
            # Photo and caption centred in the cell, so a page of wide photos is not top-heavy.
            spare = box.height + self.caption_room - (h + self.caption_gap + ch)
            top = self.frame_height - box.y - max(spare, 0.0) / 2
            draw_picture(self.canv, photo.picture, box.x + (box.width - w) / 2, top - h, w, h)
            caption.drawOn(self.canv, box.x, top - h - self.caption_gap - ch)


def place(builder: StoryBuilder, block: Figure | Plates) -> None:
    """Add a figure or the plates to the story being built."""
    if isinstance(block, Plates):
        builder.flush()
        builder.keep = None
        for photos in block.pages:
            if builder.story and not isinstance(builder.story[-1], PageBreak):
                builder.story.append(PageBreak())
            # A plate page fills the frame, so what follows starts on a page of its own.
            builder.story.append(PlatePage(photos, builder.style, builder.fonts, builder.marks))
        return
    box = FigureBox(block, builder.style, builder.fonts)
    if block.page_width and builder.style.page.columns > 1:
        builder.flush()
        builder.keep = None
        builder.story.append(box)
    else:
        builder.band.append(box)
