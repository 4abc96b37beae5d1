"""Font faces registered with ReportLab, and a per-character fallback for rare characters.

Each role's Face is registered once per process under `Face.key`; ReportLab embeds the
glyphs used as subsets. A character the role's face lacks (a 生僻字 in a name) is set in
the first other face that has it, so it prints and stays searchable instead of
becoming an empty box.
"""

from __future__ import annotations

from collections.abc import Mapping
from fnmatch import fnmatch
from weakref import WeakKeyDictionary, ref

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, TTFontFace

from yearbook.fonts import GLYPH_FALLBACK, Face
from yearbook.fonts.metrics import face_metrics
from yearbook.style import CharStyle


def _utf16_hex(code: int) -> str:
    return "".join(f"{unit:04X}" for unit in _utf16_units(code))


def _utf16_units(code: int) -> tuple[int, ...]:
    if code < 0x10000:
        return (code,)
    code -= 0x10000
    return (0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF))


def _bfchar(code: int, char: int) -> str:
    # The BMP, nearly every character, formatted directly: 1,500 a chapter.
    return f"<{code:02X}> <{char:04X}>" if char < 0x10000 else f"<{code:02X}> <{_utf16_hex(char)}>"


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap, with characters beyond the BMP written as UTF-16.

    ReportLab writes U+20BB7 as <20BB7>, which readers reject, so 𠮷 could not be
    copied or searched; the PDF specification wants the surrogate pair <D842DFB7>.
    """
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(_bfchar(i, v) for i, v in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


ttfonts.makeToUnicodeCMap = _to_unicode_cmap


class CachedTTFont(TTFont):
    """ReportLab's TTFont over an already parsed face (fonts.metrics caches the parse).

    The attributes are exactly those TTFont.__init__ sets; a test compares them with a
    TTFont made the usual way, so a ReportLab change cannot pass unnoticed.
    """

    def __init__(self, name: str, face: TTFontFace):
        self.fontName = name
        self.face = face
        self.encoding = TTEncoding()
        self.state = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = not any(fnmatch(name, glob) for glob in rl_config.unShapedFontGlob)


class Codes(dict[str, int]):
    """A character's code in one font's subsets of one PDF document: subset << 8 | byte.

    ReportLab's splitString assigns each new character the next free code of the font's
    subsets and then encodes the string; it is called for every few characters drawn, and
    per call its fixed cost was higher than the lookups. Codes asks splitString once per
    distinct character, in the order characters are first drawn, so the subsets and the
    bytes stay exactly those splitString makes; a code never changes once assigned.
    """

    def __init__(self, font: TTFont, doc: object):
        super().__init__()
        self._font = font
        self._doc = ref(doc)  # the document owns ReportLab's state; do not keep it alive
        self._names: dict[int, str] = {}
        # Tables that drawing code derives from these codes, kept with them (same document).
        self.tables: dict[object, dict[str, object]] = {}

    def __missing__(self, char: str) -> int:
        ((subset, byte),) = self._font.splitString(char, self._doc())
        code = self[char] = subset << 8 | byte[0]
        return code

    def subset_name(self, subset: int) -> str:
        """The PDF font name of a subset ("/F3+2"), named by ReportLab on first use."""
        name = self._names.get(subset)
        if name is None:
            name = self._names[subset] = self._font.getSubsetInternalName(subset, self._doc())
        return name


_CODES: WeakKeyDictionary[object, dict[str, Codes]] = WeakKeyDictionary()


def codes_for(font: TTFont, doc: object) -> Codes:
    """The codes of `font` in the PDF document `doc` (a Canvas's `_doc`)."""
    per_doc = _CODES.get(doc)
    if per_doc is None:
        per_doc = _CODES[doc] = {}
    found = per_doc.get(font.fontName)
    if found is None or found._font is not font:
        found = per_doc[font.fontName] = Codes(font, doc)
    return found


class FontSet:
    """The registered face name for each role, and which characters each face has."""

    def __init__(self, faces: Mapping[str, Face], characters: Mapping[str, CharStyle] | None = None):
        # Character styles (entry_title, runin_title) name the role their runs are set in.
        self.char_roles = {name: cs.font for name, cs in (characters or {}).items()}
        self.names: dict[str, str] = {}
        self._coverage: dict[str, set[int] | dict[int, int]] = {}
        self._covered: dict[str, set[str]] = {}  # characters met in spans() that the face has
        for role, face in faces.items():
            if face.key not in pdfmetrics.getRegisteredFontNames():
                metrics = face_metrics(face.path, face.subfont_index)
                pdfmetrics.registerFont(CachedTTFont(face.key, metrics))
            font = pdfmetrics.getFont(face.key)
            self.names[role] = face.key
            self._coverage[role] = font.face.charToGlyph
            self._covered[role] = set()

    def name(self, role: str) -> str:
        return self.names[role]

    def has(self, role: str, char: str) -> bool:
        return ord(char) in self._coverage[role]

    def face_for(self, role: str, char: str) -> str:
        """The role whose face prints `char`: the role itself, else a fallback that has it."""
        if self.has(role, char) or not char.strip():
            return role
        for other in GLYPH_FALLBACK.get(role, ()):
            if other in self._coverage and self.has(other, char):
                return other
        return role

    def spans(self, role: str, text: str) -> list[tuple[str, str]]:
        """`text` cut into (role, text) spans so each character is set in a face that has it."""
        known = self._covered[role]
        if known.issuperset(text):
            return [(role, text)]
        coverage = self._coverage[role]
        if all(map(coverage.__contains__, map(ord, text))):
            known.update(text)
            return [(role, text)]
        out: list[tuple[str, str]] = []
        for char in text:
            r = role if self.has(role, char) else self.face_for(role, char)
            if out and out[-1][0] == r:
                out[-1] = (r, out[-1][1] + char)
            else:
                out.append((r, char))
        return out

    def missing(self, role: str, text: str) -> set[str]:
        """Characters no registered face can print."""
        return {c for c in text if c.strip() and not self.has(self.face_for(role, c), c)}
