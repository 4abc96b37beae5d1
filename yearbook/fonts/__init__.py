"""Font roles (song 宋体, hei 黑体, kai 楷体, fangsong 仿宋) resolved to font files.

`resolve_faces(style)` gives, for each role, the TrueType face the PDF embeds;
`fonts_report(style)` is what `yearbook fonts` prints; `missing_glyphs(doc, faces,
style)` warns about every character a face lacks; `prepare_fonts()` does the
one-time conversion at set-up. The DOCX names faces by `word_font(style, role)`
instead, since Word resolves them on the reader's machine.
"""

from yearbook.fonts.glyphs import missing_glyphs
from yearbook.fonts.report import fonts_report
from yearbook.fonts.resolve import (
    DEFAULT_WORD_FONTS,
    GLYPH_FALLBACK,
    Face,
    font_warnings,
    resolve_faces,
    role_name,
    used_roles,
    word_font,
)
from yearbook.fonts.setup import prepare_fonts

__all__ = [
    "DEFAULT_WORD_FONTS",
    "GLYPH_FALLBACK",
    "Face",
    "font_warnings",
    "fonts_report",
    "missing_glyphs",
    "prepare_fonts",
    "resolve_faces",
    "role_name",
    "used_roles",
    "word_font",
]
