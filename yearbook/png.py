"""PNG files read at the chunk level: what Pillow decodes the whole image to learn.

Pillow reads a PNG's chunks only up to the image data when it opens it; to find an
EXIF block it decodes every pixel, since the block may follow the data. Walking the
chunk headers answers that without decoding, checking that the data inflates to a
whole image costs a third of decoding it, and the PDF can take the compressed data
as it is (FlateDecode with the PNG predictors) instead of decoded pixels deflated anew.
"""

from __future__ import annotations

import struct
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Chunks Pillow reads the EXIF orientation from (eXIf, and text chunks holding EXIF or XMP).
_METADATA = (b"eXIf", b"tEXt", b"zTXt", b"iTXt")
_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}  # colour type → samples per pixel
_INFLATE_STEP = 1 << 14  # small pieces stay in the processor cache: fastest


NOT_PLAIN = "not a plain PNG"


class PngError(ValueError):
    """The file is not a whole PNG; the message says what is wrong, for the user."""


class Png:
    """A PNG's header fields and image data (a plain class: imported on every build)."""

    __slots__ = ("bit_depth", "colour_type", "data", "height", "interlaced", "metadata_after_data", "width")

    def __init__(self, width: int, height: int, bit_depth: int, colour_type: int, interlaced: bool,
                 data: bytes, metadata_after_data: bool):
        self.width, self.height = width, height
        self.bit_depth = bit_depth
        self.colour_type = colour_type  # 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA
        self.interlaced = interlaced
        self.data = data  # the IDAT chunks' contents joined: one zlib stream
        self.metadata_after_data = metadata_after_data  # an eXIf or text chunk after the image data

    @property
    def channels(self) -> int:
        return _CHANNELS.get(self.colour_type, 0)

    @property
    def row_bytes(self) -> int:
        """Bytes of one filtered row, its filter-type byte included."""
        return 1 + (self.width * self.channels * self.bit_depth + 7) // 8


def read(raw: bytes) -> Png:
    """The header and image data of a PNG file; a file cut short keeps what it has
    (`check_data` then says whether that is a whole image, as Pillow would)."""
    if not raw.startswith(SIGNATURE):
        raise PngError("not a PNG file")
    pos, end = len(SIGNATURE), len(raw)
    header: tuple[int, ...] | None = None
    parts: list[bytes] = []
    after_data = False
    while pos + 8 <= end:
        length, kind = struct.unpack(">I4s", raw[pos : pos + 8])
        start = pos + 8
        stop = min(start + length, end)
        if kind == b"IHDR":
            if length < 13 or stop - start < 13:
                raise PngError("IHDR chunk too short")
            header = struct.unpack(">IIBBBBB", raw[start : start + 13])
        elif kind == b"IDAT":
            parts.append(raw[start:stop])
        elif kind in _METADATA and parts:
            after_data = True
        elif kind == b"IEND":
            break
        pos = start + length + 4  # data and CRC
    if header is None:
        raise PngError("no IHDR chunk")
    width, height, depth, colour, _compression, _filter, interlace = header
    return Png(width, height, depth, colour, interlace != 0, b"".join(parts), after_data)


def check_data(png: Png) -> None:
    """Raises PngError unless the image data inflate to every row of a non-interlaced
    image with valid filter types: the file is whole, as a full decode would find."""
    if png.interlaced or not png.channels or png.bit_depth not in (1, 2, 4, 8, 16):
        raise PngError(NOT_PLAIN)  # callers decode these instead
    stride = png.row_bytes
    need = stride * png.height
    inflater = zlib.decompressobj()
    got = 0
    pending = png.data
    try:
        while got < need:
            piece = inflater.decompress(pending, _INFLATE_STEP) if pending else inflater.flush()
            pending = inflater.unconsumed_tail
            if not piece:
                break
            # The filter-type byte that starts each row is 0 to 4.
            if max(piece[(-got) % stride :: stride], default=0) > 4:
                raise PngError("broken data stream: invalid filter type")
            got += len(piece)
    except zlib.error as exc:
        raise PngError(f"broken data stream: {exc}") from exc
    if got < need:
        raise PngError("image file is truncated")
