"""Codes: the per-document character codes paragraphs are drawn with must be exactly the
codes ReportLab's splitString assigns, so the subsets embedded at save time hold them."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from yearbook.writers.pdf.fonts import codes_for

# More than 256 distinct characters (several subsets), ASCII, a no-break space (ReportLab
# sets it as a space), a character the face lacks (U+E000, private use) and repeats.
TEXT = (
    "政协嘉峪关市委员会全年召开专题议政性常委会会议和专题协商会议17次，"
    "GB/T 15834-2011\u00a0（第1次）。\ue000"
    + "".join(chr(0x4E00 + i * 7) for i in range(400))
    + "政协委员提案办理“嘉事好商量”98.6%"
)


@pytest.fixture(scope="module")
def font(faces) -> TTFont:
    face = faces["song"]
    name = face.key + "-encoding-test"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(face.path), subfontIndex=face.subfont_index))
    return pdfmetrics.getFont(name)


def _split(font: TTFont, text: str, doc) -> list[tuple[int, bytes]]:
    return font.splitString(text, doc)


def _chunks(codes, text: str) -> list[tuple[int, bytes]]:
    out: list[tuple[int, bytearray]] = []
    for char in text:
        code = codes[char]
        if out and out[-1][0] == code >> 8:
            out[-1][1].append(code & 0xFF)
        else:
            out.append((code >> 8, bytearray([code & 0xFF])))
    return [(sub, bytes(b)) for sub, b in out]


def test_codes_are_the_codes_splitstring_assigns(font: TTFont) -> None:
    ours, theirs = Canvas(io.BytesIO())._doc, Canvas(io.BytesIO())._doc
    codes = codes_for(font, ours)
    half = len(TEXT) // 2
    # Read in two goes, as pieces of lines are, against one splitString call per piece.
    got = _chunks(codes, TEXT[:half]) + _chunks(codes, TEXT[half:])
    want = _split(font, TEXT[:half], theirs) + _split(font, TEXT[half:], theirs)
    assert _merge(got) == _merge(want)
    assert font.state[ours].subsets == font.state[theirs].subsets
    assert font.state[ours].assignments == font.state[theirs].assignments
    assert len(font.state[ours].subsets) > 1
    assert codes["\ue000"] == 0 and codes["\u00a0"] == codes[" "]


def test_codes_agree_with_text_the_canvas_draws_in_between(font: TTFont) -> None:
    canvas = Canvas(io.BytesIO())
    doc = canvas._doc
    codes = codes_for(font, doc)
    assert codes_for(font, doc) is codes  # one table per font and document
    _chunks(codes, TEXT[:100])
    canvas.setFont(font.fontName, 9)
    canvas.drawString(0, 0, TEXT[50:200])  # assigns through ReportLab directly
    again = _chunks(codes, TEXT[:300])
    assert _merge(again) == _merge(_split(font, TEXT[:300], doc))
    assert codes_for(font, Canvas(io.BytesIO())._doc) is not codes  # a new document starts afresh


def _merge(chunks: list[tuple[int, bytes]]) -> list[tuple[int, bytes]]:
    """Adjacent chunks of one subset joined (two calls may cut a run of one subset)."""
    out: list[tuple[int, bytes]] = []
    for sub, data in chunks:
        if out and out[-1][0] == sub:
            out[-1] = (sub, out[-1][1] + data)
        else:
            out.append((sub, data))
    return out
