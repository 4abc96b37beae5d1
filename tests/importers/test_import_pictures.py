"""Image files taken out of a document: names, duplicates, formats the build does not take."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from tests.imagemaker import jpeg, png, truncated_jpeg
from yearbook.importers.pictures import ImageFiles, Unusable, usable


def _saved(fmt: str, mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, (120, 80), 7 if mode == "P" else (10, 20, 30)).save(out, fmt)
    return out.getvalue()


def test_names_are_unique_and_bytes_stored_once():
    files = ImageFiles()
    a, b = png(40, 30), png(50, 30)
    assert files.add(a, "image1.png") == "images/image1.png"
    assert files.add(a, "image7.png") == "images/image1.png"  # same bytes: one file
    assert files.add(b, "Image1.PNG") == "images/Image1-2.png"  # another picture, same name
    assert files.add(jpeg(), "照片 (1).jpg") == "images/照片_1_.jpg"
    assert list(files.files) == ["images/image1.png", "images/Image1-2.png", "images/照片_1_.jpg"]


@pytest.mark.parametrize(("fmt", "mode"), [("GIF", "P"), ("BMP", "RGB"), ("TIFF", "CMYK")])
def test_other_formats_become_png(fmt, mode):
    data, name = usable(_saved(fmt, mode), f"image3.{fmt.lower()}")
    assert name == "image3.png"
    with Image.open(io.BytesIO(data)) as im:
        assert (im.format, im.size) == ("PNG", (120, 80))


def test_jpeg_and_png_are_kept_byte_for_byte():
    photo = jpeg()
    assert usable(photo, "image1.jpeg") == (photo, "image1.jpg")


@pytest.mark.parametrize(("data", "code"), [
    (truncated_jpeg(), "import.image_broken"),
    (b"not an image at all", "import.image_format"),
])
def test_unusable_pictures(data, code):
    with pytest.raises(Unusable) as exc:
        usable(data, "image1.jpg")
    assert exc.value.code == code
