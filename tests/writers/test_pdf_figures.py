"""Figures and plates in the PDF, read back: where each picture lands, its size, its caption,
floats in a column, and one embedded image per distinct picture."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from pdfminer.layout import LTCurve, LTImage, LTPage
from PIL import Image, ImageChops
from pypdf import PdfReader

from tests import imagemaker as mk
from tests import pdfread
from yearbook import png
from yearbook.doctree import (
    Document,
    Figure,
    Heading,
    Metadata,
    OutlineItem,
    Paragraph,
    PlatePhoto,
    Plates,
    Run,
)
from yearbook.images import figure_size, make_picture
from yearbook.writers.pdf import write_pdf

BODY = "市政协围绕全市中心工作开展协商议政，提出意见建议，推动各项工作落实见效。" * 6
HALL = make_picture(mk.jpeg(1200, 800), "hall.jpg")
CHART = make_picture(mk.png(2400, 1200), "chart.png")


def build(blocks, style, faces) -> bytes:
    doc = Document(Metadata("测试年鉴", "测试单位", edition=2023), list(blocks))
    out = io.BytesIO()
    write_pdf(doc, style, faces, out)
    return out.getvalue()


def opening() -> list:
    return [Heading(1, "政协测试市委员会", "政协测试市委员会", True, OutlineItem(0, "政协测试市委员会"))]


def images(page: LTPage) -> list[LTImage]:
    return [o for o in pdfread.leaves(page) if isinstance(o, LTImage)]


def text_below(page: LTPage, image: LTImage) -> str:
    """The characters right under a picture, within its width: its caption."""
    rows = pdfread.baseline_rows(page)
    under = [r for r in rows if image.y0 - 30 < r[0].matrix[5] < image.y0]
    return "".join(c.get_text() for r in under for c in r if image.x0 - 1 <= c.x0 <= image.x1 + 1)


def image_xobjects(pdf: bytes) -> int:
    reader = PdfReader(io.BytesIO(pdf))
    seen = set()
    for page in reader.pages:
        for obj in page["/Resources"].get("/XObject", {}).values():
            if obj.get_object()["/Subtype"] == "/Image":
                seen.add(obj.idnum)
    return len(seen)


def test_column_figure_size_and_caption(style, faces):
    figure = Figure(1, "全体会议会场", HALL, "（张三\u3000摄）")
    pdf = build([*opening(), Paragraph([Run(BODY)]), figure, Paragraph([Run(BODY)])], style, faces)
    page = pdfread.pages(pdf)[0]
    (image,) = images(page)
    width, height = figure_size(figure, style)
    assert image.width == pytest.approx(style.page.column_width, abs=0.1) == pytest.approx(width, abs=0.1)
    assert image.height == pytest.approx(height, abs=0.1)
    assert image.srcsize == (1200, 800)
    assert "图1全体会议会场（张三摄）" in text_below(page, image).replace("\u3000", "").replace(" ", "")


def test_page_width_figure_spans_the_text_block(style, faces):
    figure = Figure(2, "提案承办情况", CHART, page_width=True)
    pdf = build([*opening(), Paragraph([Run(BODY)]), figure, Paragraph([Run(BODY)])], style, faces)
    (image,) = images(pdfread.pages(pdf)[0])
    assert image.width == pytest.approx(style.page.frame_width, abs=0.1)
    assert image.height == pytest.approx(style.page.frame_width / 2, abs=0.1)


def test_a_picture_used_twice_is_embedded_once(style, faces):
    blocks = [*opening(), Figure(1, "一", HALL), Paragraph([Run(BODY)]), Figure(2, "二", HALL), Figure(3, "三", CHART)]
    pdf = build(blocks, style, faces)
    assert sum(len(images(p)) for p in pdfread.pages(pdf)) == 3
    assert image_xobjects(pdf) == 2


def test_caption_never_parts_from_its_picture(style, faces):
    """Figures at every position down a column: each caption is on the picture's page, under it."""
    for lead in range(8, 16):
        blocks = [*opening(), Paragraph([Run(BODY * lead)]), Figure(1, "会场全景", HALL), Paragraph([Run(BODY)])]
        for page in pdfread.pages(build(blocks, style, faces)):
            for image in images(page):
                assert "会场全景" in text_below(page, image)


def test_a_figure_that_does_not_fit_floats_to_the_next_column(style, faces):
    """The text after the figure fills the foot of the column instead of leaving it blank."""
    column_x = style.page.margin_inside + style.page.column_width + style.page.column_gap
    short = "协商议政，建言献策。" * 5
    for lead in range(6, 20):
        after = Paragraph([Run("此后正文" + BODY * 8)])  # runs on to the next page: no balancing
        blocks = [*opening(), *[Paragraph([Run(short)])] * lead, Figure(1, "浮动图", HALL), after]
        page = pdfread.pages(build(blocks, style, faces))[0]
        found = images(page)
        if not found or found[0].x0 < column_x - 1:
            continue  # it fitted in the first column
        first = [c for c in pdfread.chars(page) if c.x0 < column_x - 1]
        text = "".join(c.get_text() for c in first)
        assert "此后正文" in text, lead  # the text after the figure went up into the first column
        second = [c for c in pdfread.chars(page) if c.x0 >= column_x - 1 and c.size < 10]  # not the heading
        assert found[0].y1 > max(c.y1 for c in second)  # the figure tops column 2
        return
    pytest.fail("no case where the figure floated")


def test_top_and_bottom_placement(style, faces):
    blocks = [
        *opening(),
        Paragraph([Run(BODY * 2)]),
        Figure(1, "栏顶图", HALL, placement="top"),
        Paragraph([Run(BODY)]),
        Figure(2, "栏底图", HALL, placement="bottom"),
        Paragraph([Run("栏底图后的正文" + BODY)]),
    ]
    page = pdfread.pages(build(blocks, style, faces))[0]
    top, bottom = sorted(images(page), key=lambda i: i.x0 + 1000 * (i.y0 < 300))
    column2 = style.page.margin_inside + style.page.column_width
    assert top.x0 > column2  # moved on to the top of the next column
    texts = [c for c in pdfread.chars(page) if bottom.x0 - 1 <= c.x0 <= bottom.x1 and c.y0 < bottom.y0]
    assert "栏底图" in "".join(c.get_text() for c in texts)  # its caption at the very foot
    assert bottom.y0 < style.page.margin_bottom + 40


def test_plate_pages(style, faces):
    plates = Plates([
        [PlatePhoto("全体会议开幕", HALL, "（张三\u3000摄）")],
        [PlatePhoto(f"视察{i}", CHART if i % 2 else HALL) for i in range(4)],
    ])
    pdf = build([plates, *opening(), Paragraph([Run(BODY)])], style, faces)
    pages = pdfread.pages(pdf)
    assert [len(images(p)) for p in pages[:3]] == [1, 4, 0]
    (one,) = images(pages[0])
    assert one.width == pytest.approx(style.page.frame_width, abs=0.5)
    four = images(pages[1])
    assert len({round(i.x0) for i in four}) == 2  # two columns
    upper, lower = sorted(four, key=lambda i: -i.y1)[:2], sorted(four, key=lambda i: -i.y1)[2:]
    assert min(i.y0 for i in upper) > max(i.y1 for i in lower)  # two rows
    assert all(i.width < style.page.frame_width / 2 for i in four)
    assert "全体会议开幕" in text_below(pages[0], one)
    assert image_xobjects(pdf) == 2
    # 彩页 pages carry no running head (nor its rule), odd or even; their folio stays.
    top = style.page.height - style.page.margin_top
    for page in pages[:2]:
        assert not [o for o in pdfread.leaves(page) if isinstance(o, LTCurve) and o.y0 > top]
        assert not [c for c in pdfread.chars(page) if c.y0 > top]
    assert [c for c in pdfread.chars(pages[1]) if c.y1 < style.page.margin_bottom]  # the folio


def test_jpeg_goes_in_as_it_is_greyscale_too(style, faces):
    """A JPEG is embedded byte for byte (DCTDecode), a greyscale one as DeviceGray."""
    grey = make_picture(mk.jpeg(900, 600, mode="L"), "grey.jpg")
    pdf = build([*opening(), Figure(1, "灰度图", grey), Figure(2, "彩色图", HALL)], style, faces)
    objects = [o.get_object() for o in PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/XObject"].values()]
    by_space = {o["/ColorSpace"]: o for o in objects}
    assert by_space["/DeviceGray"]._data == grey.data and by_space["/DeviceRGB"]._data == HALL.data
    assert all([str(f) for f in o["/Filter"]] == ["/DCTDecode"] for o in objects)


def _decoded(obj) -> Image.Image:
    """An image XObject's pixels, decoded by pypdf (predictors included)."""
    return obj.decode_as_image()


@pytest.mark.parametrize("mode", ["RGB", "L"])
def test_png_data_goes_in_as_it_is(style, faces, mode):
    """An 8-bit PNG's compressed data is the image's stream (FlateDecode with the PNG
    predictors): nothing decoded or deflated anew, and the pixels read back the same."""
    picture = make_picture(mk.png(640, 360, mode), f"chart-{mode}.png")
    pdf = build([*opening(), Figure(1, "示意图", picture, page_width=True)], style, faces)
    (obj,) = [o.get_object() for o in PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/XObject"].values()]
    assert obj["/Filter"] == "/FlateDecode" and obj["/DecodeParms"]["/Predictor"] == 15
    assert obj["/ColorSpace"] == ("/DeviceRGB" if mode == "RGB" else "/DeviceGray")
    assert obj._data == png.read(picture.data).data
    shown = _decoded(obj).convert(mode)
    assert ImageChops.difference(shown, Image.open(io.BytesIO(picture.data)).convert(mode)).getbbox() is None


def _png_48_bit(im: Image.Image) -> bytes:
    """An RGB PNG of 16 bits a sample (Pillow writes none): each sample its 8 bits twice."""
    rows = b"".join(
        b"\0" + bytes(v for px in (im.getpixel((x, y)) for x in range(im.width)) for c in px for v in (c, c))
        for y in range(im.height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", im.width, im.height, 16, 2, 0, 0, 0)
    return png.SIGNATURE + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def test_a_png_the_pdf_cannot_take_as_it_is_is_decoded_and_shown_right(style, faces):
    """A PNG of 16 bits a sample is kept as the user's file (Pillow reads it as 8-bit RGB)
    and set in the PDF from its decoded pixels."""
    source = mk.picture(90, 60)
    picture = make_picture(_png_48_bit(source), "deep.png")
    assert png.read(picture.data).bit_depth == 16
    pdf = build([*opening(), Figure(1, "深色图", picture, page_width=True)], style, faces)
    (obj,) = [o.get_object() for o in PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/XObject"].values()]
    assert "/DecodeParms" not in obj and obj["/BitsPerComponent"] == 8
    assert ImageChops.difference(_decoded(obj).convert("RGB"), source).getbbox() is None
