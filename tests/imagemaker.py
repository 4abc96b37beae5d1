"""Small image files for tests, made with Pillow (and by hand where Pillow would refuse)."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image, ImageDraw

ORIENTATION = 0x0112


def picture(width: int = 600, height: int = 400, mode: str = "RGB", colour: object = None) -> Image.Image:
    """A picture whose top-left quarter is red, so its orientation can be seen in the pixels."""
    im = Image.new("RGB", (width, height), (40, 90, 200))
    ImageDraw.Draw(im).rectangle([0, 0, width // 2, height // 2], fill=(220, 30, 30))
    if colour is not None:
        im = Image.new("RGB", (width, height), colour)
    return im.convert(mode)


def jpeg(width: int = 600, height: int = 400, mode: str = "RGB", orientation: int | None = None,
         dpi: int = 300) -> bytes:
    im = picture(width, height, mode)
    out = io.BytesIO()
    extra = {}
    if orientation is not None:
        exif = Image.Exif()
        exif[ORIENTATION] = orientation
        extra["exif"] = exif.tobytes()
    im.save(out, "JPEG", quality=85, dpi=(dpi, dpi), **extra)
    return out.getvalue()


def png(width: int = 600, height: int = 400, mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    picture(width, height, mode).save(out, "PNG")
    return out.getvalue()


def truncated_jpeg() -> bytes:
    data = jpeg(800, 600)
    return data[: len(data) // 2]


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header says width × height: what a decompression bomb looks like to a reader."""
    data = bytearray(png(8, 8))
    ihdr = data.index(b"IHDR")
    data[ihdr + 4 : ihdr + 12] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[ihdr : ihdr + 17]))
    data[ihdr + 17 : ihdr + 21] = struct.pack(">I", crc)
    return bytes(data)


def heic_header() -> bytes:
    """The start of an iPhone photo (ISO base media file, brand heic): Pillow cannot open it."""
    return struct.pack(">I", 24) + b"ftypheic" + b"\0\0\0\0" + b"mif1heic" + b"\0" * 64


def webp() -> bytes:
    out = io.BytesIO()
    picture(64, 64).save(out, "WEBP")
    return out.getvalue()
