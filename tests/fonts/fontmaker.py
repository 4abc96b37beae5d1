"""Tiny fonts made on the spot, so font tests need no installed face."""

from __future__ import annotations

from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.ttGlyphPen import TTGlyphPen


def _names(chars: str) -> list[str]:
    return [".notdef"] + [f"u{ord(c):04X}" for c in _unique(chars)]


def _unique(chars: str) -> str:
    return "".join(dict.fromkeys(chars))


def _setup(fb: FontBuilder, family: str, chars: str, fs_type: int) -> None:
    names = _names(chars)
    fb.setupCharacterMap({ord(c): n for c, n in zip(_unique(chars), names[1:], strict=True)})
    fb.setupHorizontalMetrics({n: (1000, 100) for n in names})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": family, "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=880, usWinAscent=880, usWinDescent=120, fsType=fs_type)
    fb.setupPost()


def make_ttf(path: Path, family: str, chars: str, fs_type: int = 0) -> Path:
    """A TrueType face with a square glyph for each of `chars`."""
    fb = FontBuilder(1000, isTTF=True)
    names = _names(chars)
    fb.setupGlyphOrder(names)
    glyphs = {}
    for n in names:
        pen = TTGlyphPen(None)
        pen.moveTo((100, 0))
        pen.lineTo((100, 800))
        pen.lineTo((900, 800))
        pen.lineTo((900, 0))
        pen.closePath()
        glyphs[n] = pen.glyph()
    fb.setupGlyf(glyphs)
    _setup(fb, family, chars, fs_type)
    path.parent.mkdir(parents=True, exist_ok=True)
    fb.save(str(path))
    return path


def make_otf(path: Path, family: str, chars: str) -> Path:
    """A CFF (PostScript-outline) face with a curved glyph for each of `chars`."""
    fb = FontBuilder(1000, isTTF=False)
    names = _names(chars)
    fb.setupGlyphOrder(names)
    charstrings = {}
    for n in names:
        pen = T2CharStringPen(1000, None)
        pen.moveTo((100, 0))
        pen.curveTo((100, 500), (400, 800), (900, 800))
        pen.lineTo((900, 0))
        pen.closePath()
        charstrings[n] = pen.getCharString()
    fb.setupCFF(family.replace(" ", ""), {"FullName": family}, charstrings, {})
    _setup(fb, family, chars, 0)
    path.parent.mkdir(parents=True, exist_ok=True)
    fb.save(str(path))
    return path
