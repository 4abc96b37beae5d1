"""What the PDF writer needs of a font file, parsed once per machine and cached.

ReportLab parses a TrueType file's tables (cmap, hmtx, names) on every build: about
0.15 s for each Chinese face, three faces a build. The parsed state (character map,
widths, glyph positions) depends only on the file, so it is kept in the user's cache
under a name derived from the file's path, size and mtime and ReportLab's version,
and read back in a few milliseconds. The file's bytes themselves are read only when
the PDF's subsets are made. The character map also answers "which characters does
this face have" for the missing-glyph scan, without fontTools.

The cache holds plain data (dicts, lists, numbers, bytes) written by this module
into the user's own cache folder; a damaged or foreign file is ignored and rebuilt.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import reportlab
from reportlab.pdfbase.ttfonts import TTFontFace

from yearbook.fonts.convert import cache_dir

# Bump when what is stored changes, so older caches are rebuilt.
FORMAT = "rl-face-1"
# Smaller files parse in milliseconds: not worth a cache entry (test fonts, Latin faces).
MIN_CACHED_SIZE = 1 << 20
# Attributes not stored: the file's bytes (read lazily) and a scaling function.
_NOT_STORED = ("_ttf_data", "_pdfScale")


class CachedFace(TTFontFace):
    """A ReportLab face restored from the cache; reads the file's bytes on first use."""

    def __getattr__(self, name: str) -> Any:
        # Only called for attributes not set: the bytes, wanted when subsets are written.
        if name == "_ttf_data":
            # The whole file, collections too: their table offsets count from its start.
            data = Path(self.filename).read_bytes()
            self._ttf_data = data
            return data
        raise AttributeError(name)


def _scale(units_per_em: int) -> Callable[[float], float]:
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000.0 / units_per_em
    return lambda x: x * factor


def _cache_file(path: Path, index: int) -> Path:
    st = path.stat()
    key = f"{FORMAT}|{reportlab.Version}|{path.resolve()}|{index}|{st.st_size}|{st.st_mtime_ns}"
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
    return cache_dir() / "metrics" / f"{path.stem}-{index}-{digest}.pickle"


def _store(target: Path, state: dict[str, Any]) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".metrics.", dir=target.parent)
        with os.fdopen(fd, "wb") as stream:
            pickle.dump(state, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except OSError:
        # A read-only or full cache only costs the next build the parse again.
        pass


def _restore(source: Path, index: int) -> CachedFace | None:
    target = _cache_file(source, index)
    try:
        with target.open("rb") as stream:
            state = pickle.load(stream)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        return None
    if not isinstance(state, dict) or state.get("filename") != str(source):
        return None
    face = CachedFace.__new__(CachedFace)
    face.__dict__.update(state)
    face._pdfScale = _scale(face.unitsPerEm)
    return face


@cache
def face_metrics(path: Path, index: int) -> TTFontFace:
    """The parsed ReportLab face of face `index` of `path`, from the cache when it can be."""
    worth_caching = path.stat().st_size >= MIN_CACHED_SIZE
    restored = _restore(path, index) if worth_caching else None
    if restored is not None:
        return restored
    face = TTFontFace(str(path), validate=0, subfontIndex=index)
    if worth_caching:
        state = {k: v for k, v in face.__dict__.items() if k not in _NOT_STORED}
        _store(_cache_file(path, index), state)
    return face


@cache
def face_codepoints(path: Path, index: int) -> frozenset[int]:
    """The characters the face maps, as ReportLab will set them."""
    return frozenset(face_metrics(path, index).charToGlyph)
