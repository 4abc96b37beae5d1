"""The faces this machine really resolves to (skipped where the Debian fonts are missing):
all four roles resolve, and a CJK Extension B name prints and reads back from the PDF."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pdfminer.high_level import extract_text
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

import yearbook.writers.pdf.fonts  # noqa: F401 - installs the ToUnicode fix for characters beyond the BMP
from yearbook.diagnostics import YearbookError
from yearbook.fonts import resolve_faces
from yearbook.fonts.charsets import gb2312_hanzi
from yearbook.style import FONT_ROLES, load_style

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def faces():
    try:
        return resolve_faces(load_style("yearbook", ROOT))
    except YearbookError as exc:
        pytest.skip(f"no Chinese fonts installed: {exc}")


def test_every_role_has_a_truetype_face_covering_gb2312(faces) -> None:
    assert set(faces) == set(FONT_ROLES)
    for face in faces.values():
        assert face.path.is_file()
        assert all(face.has(c) for c in gb2312_hanzi()), face


def test_extension_b_name_renders_and_extracts(faces) -> None:
    face = next((f for f in faces.values() if f.has("𠮷")), None)
    if face is None:
        pytest.skip("no installed face has 𠮷")
    pdfmetrics.registerFont(TTFont(face.key, str(face.path), subfontIndex=face.subfont_index))
    out = io.BytesIO()
    c = canvas.Canvas(out, initialFontName=face.key)
    c.setFont(face.key, 12)
    c.drawString(72, 700, "张𠮷祥")
    c.save()
    assert "张𠮷祥" in extract_text(io.BytesIO(out.getvalue()))


def test_subsets_from_the_cache_are_reportlabs(faces) -> None:
    """The cached face subsets a real Chinese face (collections, 30,000+ glyphs) to the same bytes."""
    from yearbook.fonts.charsets import gb2312_hanzi
    from yearbook.fonts.metrics import face_metrics

    face = faces["song"]
    cached = face_metrics(face.path, face.subfont_index)
    fresh = TTFont("fresh-song", str(face.path), subfontIndex=face.subfont_index).face
    chars = [ord(c) for c in gb2312_hanzi()[:200]] + [ord(c) for c in "，。“”（）0123456789AZaz"]
    assert cached.makeSubset(chars) == fresh.makeSubset(chars)
