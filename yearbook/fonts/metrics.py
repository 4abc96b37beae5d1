"""What the PDF writer needs of a font file, parsed once per machine and cached.

ReportLab parses a TrueType file's tables (cmap, hmtx, loca, names) on every build:
about 0.15 s for each Chinese face, three faces a build. The parsed state depends only
on the file, so it is kept in the user's cache under a name derived from the file's
path, size and mtime and ReportLab's and Python's versions.

The entry is one `marshal` record, after its CRC-32: the face's small attributes as
they are, and each large table (character map, widths, glyph positions, metrics) as
the bytes of an `array`. Reading it back is a file read and a few copies, not the
unpickling of 100,000 objects; a table becomes the dict or list ReportLab uses only
when something asks for it (the missing-glyph scan and the PDF writer share the
character map; the metrics are read per glyph at subsetting). The font file's bytes
are not read until the PDF's subsets are made, and then only the glyphs used (see
`CachedFace.makeSubset`).

The cache holds plain data written by this module into the user's own cache folder;
a damaged, truncated or foreign entry is ignored and the file parsed again.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import mmap
import os
import sys
import tempfile
import zlib
from array import array
from collections.abc import Callable, Iterable, Sequence, Set
from functools import cache
from pathlib import Path
from typing import Any

import reportlab
from reportlab.pdfbase.ttfonts import TTFNameBytes, TTFontFace

from yearbook.fonts.convert import cache_dir

# Bump when what is stored changes, so older caches are rebuilt.
FORMAT = "rl-face-3"
# Smaller files parse in milliseconds: not worth a cache entry (test fonts, Latin faces).
MIN_CACHED_SIZE = 1 << 20
# Attributes not stored: the file's bytes (read when subsetting) and a scaling function.
_NOT_STORED = ("_ttf_data", "_pdfScale")
# Large attributes stored as arrays and rebuilt on first use.
_PACKED = ("charToGlyph", "charWidths", "glyphToChar", "hmetrics", "glyphPos")


def _uints(values: Iterable[int]) -> tuple[str, bytes]:
    """Code points, glyph numbers, offsets: all below 2**32 (OverflowError otherwise)."""
    return "I", array("I", values).tobytes()


def _ints_or_floats(values: Iterable[Any]) -> tuple[str, bytes]:
    """An array's type code and bytes; ints stay ints (ReportLab writes 500, not 500.0)."""
    values = list(values)
    if all(type(v) is int for v in values):
        return "i", array("i", values).tobytes()
    return "d", array("d", values).tobytes()


def _array(packed: tuple[str, bytes]) -> array:
    code, data = packed
    out = array(code)
    out.frombytes(data)
    return out


def _pack(face: TTFontFace) -> dict[str, Any]:
    """The face's state as marshal can store it; raises ValueError for what it cannot."""
    state: dict[str, Any] = {}
    names: dict[str, str] = {}
    for key, value in face.__dict__.items():
        if key in _NOT_STORED or key in _PACKED:
            continue
        if isinstance(value, TTFNameBytes):
            names[key] = value.ustr
        else:
            state[key] = value
    c2g, widths = face.charToGlyph, face.charWidths
    pairs = [(g, c) for g, chars in face.glyphToChar.items() for c in chars]
    packed = {
        "codes": _uints(c2g),
        "glyphs": _uints(c2g.values()),
        "width_codes": _uints(widths),
        "widths": _ints_or_floats(widths.values()),
        "g2c_glyphs": _uints(g for g, _ in pairs),
        "g2c_codes": _uints(c for _, c in pairs),
        "advances": _ints_or_floats(aw for aw, _ in face.hmetrics),
        "bearings": _uints(lsb for _, lsb in face.hmetrics),
        "glyph_pos": _uints(face.glyphPos),
    }
    entry = {"format": FORMAT, "state": state, "names": names, "packed": packed}
    return entry


class CachedFace(TTFontFace):
    """A ReportLab face restored from the cache: tables built on first use, the file's
    bytes read only where a subset needs them."""

    _packed: dict[str, tuple[str, bytes]]

    @classmethod
    def restore(cls, entry: dict[str, Any]) -> CachedFace:
        face = cls.__new__(cls)
        face.__dict__.update(entry["state"])
        for key, ustr in entry["names"].items():
            name = bytes.__new__(TTFNameBytes, ustr.encode("utf-8"))
            name.ustr = ustr
            setattr(face, key, name)
        face._packed = entry["packed"]
        face._pdfScale = _scale(face.unitsPerEm)
        return face

    def __getattr__(self, name: str) -> Any:
        # Only called for attributes not set yet: the large tables and the file's bytes.
        if name.startswith("__") or name == "_packed":
            raise AttributeError(name)
        build = _BUILDERS.get(name)
        if build is None:
            raise AttributeError(name)
        value = build(self)
        setattr(self, name, value)
        return value

    def _char_to_glyph(self) -> dict[int, int]:
        return dict(zip(_array(self._packed["codes"]), _array(self._packed["glyphs"]), strict=True))

    def _char_widths(self) -> dict[int, float]:
        return dict(zip(_array(self._packed["width_codes"]), _array(self._packed["widths"]), strict=True))

    def _glyph_to_char(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        glyphs, codes = _array(self._packed["g2c_glyphs"]), _array(self._packed["g2c_codes"])
        for glyph, code in zip(glyphs, codes, strict=True):
            out.setdefault(glyph, []).append(code)
        return out

    def _hmetrics(self) -> _Metrics:
        return _Metrics(_array(self._packed["advances"]), _array(self._packed["bearings"]))

    def _glyph_pos(self) -> list[int]:
        return _array(self._packed["glyph_pos"]).tolist()

    def _file_bytes(self) -> bytes:
        # The whole file, collections too: their table offsets count from its start.
        # Only for uses other than subsetting (shaping hands the bytes to HarfBuzz).
        return Path(self.filename).read_bytes()

    def get_table(self, tag: str) -> Any:
        if tag == "glyf":
            # makeSubset only slices the glyph table per glyph: copying all of it (10+ MB
            # for a Chinese face) for each 256-glyph subset was most of the PDF's save.
            pos, length = self.get_table_pos(tag)
            return _Region(self._ttf_data, pos, length)
        return super().get_table(tag)

    def makeSubset(self, subset: list[int]) -> bytes:
        """ReportLab's subset, reading the file through a map: only the pages of the
        glyphs used and the small tables are read, not the whole 10+ MB file."""
        if "_ttf_data" in self.__dict__:
            return super().makeSubset(subset)
        with open(self.filename, "rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data:
            self._ttf_data = data  # type: ignore[assignment]  # sliced like bytes, slices are bytes
            try:
                return super().makeSubset(subset)
            finally:
                del self._ttf_data


class _Metrics(Sequence[tuple[float, int]]):
    """hmtx as (advance, left side bearing) pairs, made when read: makeSubset reads a few
    hundred of a face's 30,000 or more."""

    def __init__(self, advances: array, bearings: array):
        self.advances, self.bearings = advances, bearings

    def __len__(self) -> int:
        return len(self.advances)

    def __getitem__(self, glyph: int) -> tuple[float, int]:  # type: ignore[override]
        return self.advances[glyph], self.bearings[glyph]


class _Region:
    """A table of the file that is only sliced: each slice is read from the file's bytes."""

    def __init__(self, data: Any, start: int, length: int):
        self.data, self.start, self.length = data, start, length

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, key: slice) -> bytes:
        start, stop, step = key.indices(self.length)
        if step != 1:
            raise ValueError("only plain slices")
        return self.data[self.start + start : self.start + max(start, stop)]


_BUILDERS: dict[str, Callable[[CachedFace], Any]] = {
    "charToGlyph": CachedFace._char_to_glyph,
    "charWidths": CachedFace._char_widths,
    "glyphToChar": CachedFace._glyph_to_char,
    "hmetrics": CachedFace._hmetrics,
    "glyphPos": CachedFace._glyph_pos,
    "_ttf_data": CachedFace._file_bytes,
}


def _scale(units_per_em: int) -> Callable[[float], float]:
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000.0 / units_per_em
    return lambda x: x * factor


def _cache_file(path: Path, index: int) -> Path:
    st = path.stat()
    python = f"{sys.version_info[0]}.{sys.version_info[1]}"  # marshal's format is Python's
    key = f"{FORMAT}|{reportlab.Version}|{python}|{path.resolve()}|{index}|{st.st_size}|{st.st_mtime_ns}"
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
    return cache_dir() / "metrics" / f"{path.stem}-{index}-{digest}.face"


def _store(target: Path, entry: dict[str, Any]) -> None:
    """Writes the entry whole or not at all, its CRC-32 first (a flipped bit in a glyph
    number would otherwise make a wrong subset, or a traceback, long after)."""
    payload = marshal.dumps(entry)  # ValueError for a type marshal cannot hold: not stored
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".metrics.", dir=target.parent)
        with os.fdopen(fd, "wb") as stream:
            stream.write(zlib.crc32(payload).to_bytes(4, "big"))
            stream.write(payload)
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except OSError:
        # A read-only or full cache only costs the next build the parse again.
        pass


def _valid(entry: Any, source: Path) -> bool:
    """Whether an entry read back is whole and of this file (a foreign or damaged one is not)."""
    try:
        if entry.get("format") != FORMAT or entry["state"].get("filename") != str(source):
            return False
        packed = entry["packed"]
        arrays = {key: _array(packed[key]) for key in packed}
        same = [("codes", "glyphs"), ("width_codes", "widths")]
        same += [("g2c_glyphs", "g2c_codes"), ("advances", "bearings")]
        return (
            isinstance(entry["names"], dict)
            and all(len(arrays[a]) == len(arrays[b]) for a, b in same)
            and len(arrays["glyph_pos"]) == len(arrays["advances"]) + 1
            and isinstance(entry["state"].get("unitsPerEm"), int)
        )
    except (AttributeError, KeyError, TypeError, ValueError):
        return False


@cache
def _restore(source: Path, index: int) -> dict[str, Any] | None:
    """The cached entry of a face, or None: none yet, stale, damaged or foreign."""
    try:
        stored = _cache_file(source, index).read_bytes()
        payload = stored[4:]
        if len(stored) < 4 or zlib.crc32(payload) != int.from_bytes(stored[:4], "big"):
            return None
        entry = marshal.loads(payload)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return entry if _valid(entry, source) else None


def _worth_caching(path: Path) -> bool:
    return path.stat().st_size >= MIN_CACHED_SIZE


@cache
def face_metrics(path: Path, index: int) -> TTFontFace:
    """The parsed ReportLab face of face `index` of `path`, from the cache when it can be."""
    worth_caching = _worth_caching(path)
    entry = _restore(path, index) if worth_caching else None
    if entry is not None:
        return CachedFace.restore(entry)
    face = TTFontFace(str(path), validate=0, subfontIndex=index)
    if worth_caching:
        # A state marshal or the arrays cannot hold: later builds parse, as without a cache.
        with contextlib.suppress(ValueError, TypeError, OverflowError):
            _store(_cache_file(path, index), _pack(face))
    return face


@cache
def face_codepoints(path: Path, index: int) -> Set[int]:
    """The characters the face maps, as ReportLab will set them.

    The keys of the face's own character map: the PDF writer builds that map in the same
    process anyway, so the missing-glyph scan and the writer share one.
    """
    return face_metrics(path, index).charToGlyph.keys()


def clear_caches() -> None:
    """Forget what this process read (tests that rewrite a font or its cache entry)."""
    for cached in (_restore, face_metrics, face_codepoints):
        cached.cache_clear()
