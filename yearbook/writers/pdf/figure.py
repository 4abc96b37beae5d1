"""Figures (图N) and colour plates (彩页) in the PDF.

A figure is one flowable: the picture at its printed size (yearbook.images, the
same size the DOCX uses), then `图N　title（credit）` centred under it. It never
splits, so no column or page break can part a picture from its caption. A column
figure sits in the column band and may float (`placement`): to the top of the
next column when it does not fit where it stands, or to the top or the foot of a
column when asked. A page-width figure is set across the columns like a full-width
table. Each picture is embedded once however often it is drawn: ReportLab names
an image XObject by a digest of its data and draws the same object again. A JPEG
goes into the PDF as it is (DCTDecode), a PNG is deflated.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, PageBreak

from yearbook.doctree import Figure, Picture, PlatePhoto, Plates
from yearbook.images import figure_size, fit, plate_boxes, plate_caption_room
from yearbook.style import Style
from yearbook.writers.pdf.fonts import FontSet
from yearbook.writers.pdf.text import make_text

if TYPE_CHECKING:
    from yearbook.writers.pdf.story import StoryBuilder

# Space between the picture and its caption, and around the whole figure, in points.
_CAPTION_GAP = 3.0
_AROUND = 6.0


class _JpegReader(ImageReader):
    """A JPEG named by its picture's key. ReportLab names an image by a digest of its decoded
    pixels (getRGBData) and then embeds a JPEG's own bytes; decoding a large photo only to
    name it would cost time and tens of megabytes a photo."""

    def __init__(self, picture: Picture):
        super().__init__(io.BytesIO(picture.data))
        self._key = picture.key.encode()

    def getRGBData(self) -> bytes:
        self._dataA = None  # no transparency mask: read by drawImage beside the data
        return self._key


def draw_picture(canv, picture: Picture, x: float, y: float, width: float, height: float) -> None:
    # A reader per drawing, dropped after it, so no decoded pixels stay for the whole build;
    # the embedded image object is shared all the same, by name.
    reader = _JpegReader(picture) if picture.format == "jpeg" else ImageReader(io.BytesIO(picture.data))
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

    def __init__(self, photos: list[PlatePhoto], style: Style, fonts: FontSet):
        super().__init__()
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
            builder.story.append(PlatePage(photos, builder.style, builder.fonts))
        return
    box = FigureBox(block, builder.style, builder.fonts)
    if block.page_width and builder.style.page.columns > 1:
        builder.flush()
        builder.keep = None
        builder.story.append(box)
    else:
        builder.band.append(box)
