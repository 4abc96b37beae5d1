"""The .docx zip container, written member by member with deflated bytes from outside.

The package is a plain zip: for each member a local header, the deflated bytes, and
at the end the central directory. Written here rather than through zipfile so that a
picture's deflated bytes can come from the user's cache (yearbook.imagecache):
deflating a phone photo costs more than writing the rest of a chapter's package, and
the same photo is deflated to the same bytes on every build. The layout is the one
zipfile writes for `writestr` into a seekable file (tests compare the two byte for
byte), so a package is the same file whichever way its members were deflated.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable

LEVEL = 6  # deflate level of every member
_VERSION = 20  # "2.0": deflate, what zipfile writes for members under 2 GB
_PERMISSIONS = 0o600 << 16  # zipfile's default for a member without attributes (rw-------)
_UTF8_NAME = 0x800
_DEFLATED = 8  # compression method
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
# Past this, zipfile switches to zip64 records; a Word package never comes near it.
_LIMIT = int(((1 << 31) - 1) / 1.05)


def deflate(data: bytes) -> bytes:
    """Raw deflate at LEVEL, as zipfile compresses a member."""
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def write_zip(members: Iterable[tuple[str, bytes, bytes | None]],
              date_time: tuple[int, int, int, int, int, int]) -> bytes:
    """(name, data, deflated data or None to deflate here) in order; every member stamped
    with `date_time`."""
    year, month, day, hour, minute, second = date_time
    dosdate = (year - 1980) << 9 | month << 5 | day
    dostime = hour << 11 | minute << 5 | second // 2
    out = bytearray()
    central = bytearray()
    count = 0
    for name, data, packed in members:
        if len(data) > _LIMIT:
            raise ValueError(f"{name}: {len(data)} bytes is beyond a zip without zip64")
        packed = deflate(data) if packed is None else packed
        try:
            raw_name, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            raw_name, flags = name.encode("utf-8"), _UTF8_NAME
        crc = zlib.crc32(data)
        fields = (flags, _DEFLATED, dostime, dosdate, crc, len(packed), len(data), len(raw_name))
        offset = len(out)
        out += _LOCAL.pack(b"PK\x03\x04", _VERSION, 0, *fields, 0)
        out += raw_name
        out += packed
        central += _CENTRAL.pack(b"PK\x01\x02", _VERSION, 0, _VERSION, 0, *fields, 0, 0, 0, 0,
                                 _PERMISSIONS, offset)
        central += raw_name
        count += 1
    start = len(out)
    out += central
    out += _END.pack(b"PK\x05\x06", 0, 0, count, count, len(central), start, 0)
    return bytes(out)

