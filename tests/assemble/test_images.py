"""Image files to print-ready pictures: orientation, colour, size, sharing, bad files, resolution."""

from __future__ import annotations

import io
import os
import struct
import zlib
from pathlib import Path

import PIL
import pytest
from PIL import Image, PngImagePlugin

from tests import imagemaker as mk
from yearbook import imagecache, images
from yearbook.diagnostics import Diagnostic, Severity
from yearbook.doctree import Document, Figure, Metadata, Picture, PlatePhoto, Plates
from yearbook.images import (
    MAX_SIDE,
    ImageProblem,
    PictureLoader,
    figure_size,
    make_picture,
    plate_boxes,
    resolution_warnings,
)
from yearbook.style import load_style

MM = 72 / 25.4


def decoded(picture: Picture) -> Image.Image:
    im = Image.open(io.BytesIO(picture.data))
    im.load()
    return im


def is_red(pixel: tuple[int, ...]) -> bool:
    r, g, b = pixel[:3]
    return r > 150 and g < 90 and b < 90


def test_a_plain_jpeg_is_embedded_byte_for_byte():
    raw = mk.jpeg(600, 400)
    picture = make_picture(raw, "a.jpg")
    assert picture.data == raw and picture.format == "jpeg" and (picture.width, picture.height) == (600, 400)


@pytest.mark.parametrize(
    ("orientation", "size", "red_corner"),
    [
        (6, (400, 600), (399, 0)),  # camera turned right: shown turned back, red top-left goes top-right
        (8, (400, 600), (0, 599)),  # camera turned left
        (3, (600, 400), (599, 399)),  # upside down
    ],
)
def test_exif_orientation_is_honoured(orientation, size, red_corner):
    picture = make_picture(mk.jpeg(600, 400, orientation=orientation), "rotated.jpg")
    im = decoded(picture)
    assert (picture.width, picture.height) == size == im.size
    x, y = red_corner
    assert is_red(im.getpixel((x - 5 if x else 5, y - 5 if y else 5)))
    assert im.getexif().get(mk.ORIENTATION, 1) == 1  # the output is upright, not tagged


def test_cmyk_jpeg_becomes_rgb_with_its_colours():
    picture = make_picture(mk.jpeg(600, 400, mode="CMYK"), "cmyk.jpg")
    im = decoded(picture)
    assert im.mode == "RGB" and picture.format == "jpeg"
    assert is_red(im.getpixel((20, 20)))  # red stays red: not inverted
    r, _, b = im.getpixel((580, 380))
    assert b > 150 and r < 100  # blue stays blue


def test_greyscale_jpeg_stays_greyscale_and_untouched():
    raw = mk.jpeg(300, 200, mode="L")
    picture = make_picture(raw, "grey.jpg")
    assert picture.data == raw and decoded(picture).mode == "L"


def test_transparent_png_is_set_on_white():
    im = Image.new("RGBA", (100, 100), (0, 0, 0, 0))
    out = io.BytesIO()
    im.save(out, "PNG")
    picture = make_picture(out.getvalue(), "clear.png")
    shown = decoded(picture)
    assert picture.format == "png" and shown.mode == "RGB" and shown.getpixel((50, 50)) == (255, 255, 255)


def test_sixteen_bit_greyscale_png_is_scaled_not_clipped():
    im = Image.new("I;16", (50, 50), 32768)  # mid grey in 16 bits
    out = io.BytesIO()
    im.save(out, "PNG")
    shown = decoded(make_picture(out.getvalue(), "deep.png"))
    assert shown.mode == "L" and 120 <= shown.getpixel((10, 10)) <= 135


def test_huge_image_is_downsampled_and_the_file_left_alone(tmp_path: Path):
    path = tmp_path / "big.jpg"
    path.write_bytes(mk.jpeg(8000, 6000, mode="L"))
    before = path.read_bytes()
    picture = PictureLoader().load(path, "big.jpg", None)
    assert isinstance(picture, Picture)
    assert max(picture.width, picture.height) == MAX_SIDE and picture.width / picture.height == pytest.approx(4 / 3, 0.01)
    assert decoded(picture).size == (picture.width, picture.height)
    assert path.read_bytes() == before


def test_the_same_file_is_one_picture(tmp_path: Path):
    raw = mk.jpeg()
    (tmp_path / "a.jpg").write_bytes(raw)
    (tmp_path / "copy.jpg").write_bytes(raw)
    loader = PictureLoader()
    first = loader.load(tmp_path / "a.jpg", "a.jpg", None)
    assert loader.load(tmp_path / "a.jpg", "a.jpg", None) is first
    assert loader.load(tmp_path / "copy.jpg", "copy.jpg", None) is first


@pytest.mark.parametrize(
    ("data", "code", "says"),
    [
        (b"", "image.empty", ""),
        ("会议纪要：……".encode() * 20, "image.not_image", "JPEG"),
        (mk.truncated_jpeg(), "image.broken", "truncated"),
        (mk.heic_header(), "image.unsupported", "HEIC"),
        (mk.webp(), "image.unsupported", "WEBP"),
        (mk.png_claiming(0, 0), "image.zero_size", "0"),
        (mk.png_claiming(30000, 30000), "image.too_large", "900,000,000"),
    ],
    ids=["empty", "text", "truncated", "heic", "webp", "zero-size", "bomb"],
)
def test_bad_files(data, code, says):
    with pytest.raises(ImageProblem) as caught:
        make_picture(data, "x.jpg")
    assert caught.value.code == code
    assert says in " ".join(str(v) for v in caught.value.args_.values())


def test_bad_file_message_is_located_chinese(tmp_path: Path):
    path = tmp_path / "x.jpg"
    path.write_bytes(mk.heic_header())
    found = PictureLoader().load(path, "images/x.jpg", None)
    assert isinstance(found, Diagnostic)
    message = found.render()
    assert "images/x.jpg" in message and "HEIC" in message and "JPEG（.jpg .jpeg）、PNG（.png）" in message


@pytest.fixture(scope="module")
def style():
    return load_style("yearbook", Path("."))


def test_printed_size_is_the_column_or_the_text_block(style):
    picture = make_picture(mk.jpeg(1200, 800), "a.jpg")
    w, h = figure_size(Figure(1, "t", picture), style)
    assert w == pytest.approx(style.page.column_width) and h == pytest.approx(w * 800 / 1200)
    w, h = figure_size(Figure(1, "t", picture, page_width=True), style)
    assert w == pytest.approx(style.page.frame_width)


def test_a_tall_picture_is_kept_inside_the_column(style):
    picture = make_picture(mk.jpeg(300, 3000), "tall.jpg")
    w, h = figure_size(Figure(1, "t", picture), style)
    assert h < style.page.frame_height and w / h == pytest.approx(0.1)


def test_low_resolution_warning_says_dpi_and_largest_size(style):
    picture = make_picture(mk.jpeg(400, 300), "small.jpg")
    doc = Document(Metadata("t", "u"), [Figure(1, "t", picture)])
    (warning,) = resolution_warnings(doc, style)
    assert warning.severity is Severity.WARNING
    dpi = 400 / (style.page.column_width / 72)
    assert warning.args["dpi"] == int(dpi)
    assert (warning.args["max_width"], warning.args["max_height"]) == (34, 25)  # 400 × 300 px at 300 dpi
    assert "dpi" in warning.render() and "最大只能印 34 × 25 毫米" in warning.render()


def test_sharp_enough_pictures_give_no_warning(style):
    width = round(style.page.column_width / 72 * 300) + 1
    picture = make_picture(mk.jpeg(width, 600), "ok.jpg")
    assert resolution_warnings(Document(Metadata("t", "u"), [Figure(1, "t", picture)]), style) == []


def test_plate_pages_are_checked_at_their_cell_size(style):
    picture = make_picture(mk.jpeg(900, 600), "p.jpg")  # fine in a column, too small for a whole page
    one = Plates([[PlatePhoto("a", picture)]])
    four = Plates([[PlatePhoto(str(i), picture) for i in range(4)]])
    assert len(resolution_warnings(Document(Metadata("t", "u"), [one]), style)) == 1
    assert resolution_warnings(Document(Metadata("t", "u"), [four]), style) == []
    boxes = plate_boxes(4, style)
    assert len({(b.x, b.y) for b in boxes}) == 4 and boxes[0].width < style.page.frame_width / 2


def _png_with_exif(orientation: int, after_data: bool) -> bytes:
    """A PNG whose eXIf chunk says `orientation`, before the image data or after it."""
    exif = Image.Exif()
    exif[mk.ORIENTATION] = orientation
    chunk = exif.tobytes()
    body = struct.pack(">I", len(chunk)) + b"eXIf" + chunk + struct.pack(">I", zlib.crc32(b"eXIf" + chunk))
    raw = mk.png(600, 400)
    at = raw.index(b"IEND") - 4 if after_data else raw.index(b"IDAT") - 4
    return raw[:at] + body + raw[at:]


@pytest.mark.parametrize("after_data", [False, True], ids=["exif-first", "exif-last"])
def test_png_exif_orientation_is_honoured_wherever_the_block_stands(after_data):
    picture = make_picture(_png_with_exif(6, after_data), "turned.png")
    im = decoded(picture)
    assert (picture.width, picture.height) == (400, 600) == im.size
    assert is_red(im.getpixel((394, 5)))


def test_png_without_exif_is_kept_without_decoding(monkeypatch: pytest.MonkeyPatch):
    raw = mk.png(600, 400)

    def no_decode(*args, **kwargs):
        raise AssertionError("decoded the whole PNG to look for EXIF")

    monkeypatch.setattr(PngImagePlugin.PngImageFile, "load", no_decode)
    picture = make_picture(raw, "chart.png")
    assert picture.data == raw


@pytest.mark.parametrize(
    "damage",
    [lambda raw: raw[: len(raw) // 2], lambda raw: raw[:60] + bytes(b ^ 0x5A for b in raw[60:120]) + raw[120:]],
    ids=["truncated", "garbled"],
)
def test_damaged_png_is_refused(damage):
    raw = mk.png(600, 400)
    raw = raw[:33] + raw[33:]  # IHDR stays whole
    with pytest.raises(ImageProblem) as caught:
        make_picture(damage(raw), "broken.png")
    assert caught.value.code == "image.broken"


def test_a_file_decoded_whole_once_is_not_decoded_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("YEARBOOK_CACHE", str(tmp_path / "cache"))
    checked: list[str] = []
    real = images._check_whole
    monkeypatch.setattr(images, "_check_whole", lambda im, layout: checked.append(im.format) or real(im, layout))
    raw = mk.jpeg(640, 480)
    make_picture(raw, "a.jpg")
    make_picture(raw, "again.jpg")
    assert checked == ["JPEG"]
    with pytest.raises(ImageProblem):
        make_picture(raw[: len(raw) // 2], "cut.jpg")  # other content: decoded, and refused
    assert checked == ["JPEG", "JPEG"]


def test_a_picture_made_once_is_read_back_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A turned or downsampled picture is made once per machine: later builds read the bytes."""
    monkeypatch.setenv("YEARBOOK_CACHE", str(tmp_path / "cache"))
    raw = mk.jpeg(600, 400, orientation=6)
    first = make_picture(raw, "turned.jpg").data
    made = list((tmp_path / "cache" / "images" / "rendered").iterdir())
    assert len(made) == 1

    def no_decode(*args, **kwargs):
        raise AssertionError("made the picture again")

    with monkeypatch.context() as m:
        m.setattr(images, "_upright", no_decode)
        assert make_picture(raw, "again.jpg").data == first
    made[0].write_bytes(made[0].read_bytes()[:-1] + b"?")  # damaged: made again, same bytes
    assert make_picture(raw, "third.jpg").data == first


def test_rendered_pictures_are_dropped_oldest_first_past_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("YEARBOOK_CACHE", str(tmp_path / "cache"))
    for n in range(4):
        imagecache.store_rendered(f"k{n}", bytes(1000))
        entry = imagecache._rendered_path(f"k{n}")
        os.utime(entry, ns=(n * 10**9, n * 10**9))
    imagecache._prune(entry.parent, limit=2100)
    assert [imagecache.rendered(f"k{n}") is not None for n in range(4)] == [False, False, True, True]


@pytest.mark.parametrize(
    "raw",
    [mk.jpeg(1200, 800), mk.jpeg(600, 400, orientation=6), mk.jpeg(5000, 300, mode="L"), mk.png(640, 360, "RGBA")],
    ids=["jpeg", "turned", "grey-oversized", "png-rgba"],
)
def test_a_file_seen_before_is_not_opened_again(raw: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The header facts recorded with the first build give the same picture without Pillow."""
    monkeypatch.setenv("YEARBOOK_CACHE", str(tmp_path / "cache"))
    first = make_picture(raw, "a")
    with monkeypatch.context() as m:
        m.setattr(images, "_open", lambda raw: pytest.fail("opened the file again"))
        again = make_picture(raw, "a")
        assert (again.format, again.width, again.height) == (first.format, first.width, first.height)
    assert again.data == first.data


def test_facts_of_another_pillow_are_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("YEARBOOK_CACHE", str(tmp_path / "cache"))
    raw = mk.jpeg(600, 400, orientation=6)
    make_picture(raw, "a")
    digest = images._digest(raw)
    record = imagecache.facts(digest)
    assert record is not None
    imagecache.remember_facts(digest, record.replace(f"\t{PIL.__version__}\t", "\t0.0\t"))
    opened: list[bytes] = []
    real = images._open
    monkeypatch.setattr(images, "_open", lambda raw: opened.append(raw) or real(raw))
    assert (make_picture(raw, "a").width, len(opened)) == (400, 1)
