"""Per-machine font caches: ReportLab's parse and the resolver's facts, read back the same."""

from __future__ import annotations

import io
import json
import marshal
import os
from pathlib import Path

import pytest
from fontmaker import make_ttf
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from yearbook.fonts import convert, facts, metrics
from yearbook.writers.pdf.fonts import CachedTTFont

CHARS = "政协年鉴𠮷A"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("YEARBOOK_CACHE", str(folder))
    monkeypatch.setattr(metrics, "MIN_CACHED_SIZE", 0)  # the test face is tiny
    metrics.clear_caches()
    yield folder
    metrics.clear_caches()


@pytest.fixture
def ttf(tmp_path: Path) -> Path:
    return make_ttf(tmp_path / "fonts" / "Song.ttf", "Test Song", CHARS)


def _pdf(font: TTFont) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    from reportlab.pdfbase import pdfmetrics

    pdfmetrics.registerFont(font)
    canvas.setFont(font.fontName, 12)
    canvas.drawString(10, 10, "政协年鉴𠮷A")
    canvas.save()
    return out.getvalue()


def test_restored_face_matches_a_fresh_parse(cache: Path, ttf: Path) -> None:
    metrics.face_metrics(ttf, 0)  # parses and stores
    metrics.clear_caches()
    restored = metrics.face_metrics(ttf, 0)
    assert isinstance(restored, metrics.CachedFace), "the second build must read the cache"
    fresh = TTFont("fresh", str(ttf)).face
    for attr in ("charToGlyph", "charWidths", "glyphPos", "ascent", "descent", "bbox", "name", "unitsPerEm"):
        assert getattr(restored, attr) == getattr(fresh, attr), attr
    assert list(restored.hmetrics) == fresh.hmetrics and restored.glyphToChar == fresh.glyphToChar
    assert {chr(c) for c in metrics.face_codepoints(ttf, 0)} >= set(CHARS)


def test_cached_font_has_exactly_the_attributes_reportlab_sets(cache: Path, ttf: Path) -> None:
    ours = CachedTTFont("ours", metrics.face_metrics(ttf, 0))
    theirs = TTFont("theirs", str(ttf))
    assert set(vars(ours)) == set(vars(theirs))
    assert ours.shapable == theirs.shapable and ours._asciiReadable == theirs._asciiReadable


def test_pdf_from_the_cache_is_byte_identical(cache: Path, ttf: Path) -> None:
    metrics.face_metrics(ttf, 0)
    metrics.clear_caches()
    cached = CachedTTFont("SameName", metrics.face_metrics(ttf, 0))
    assert isinstance(cached.face, metrics.CachedFace)
    from reportlab.pdfbase import pdfmetrics

    with_cache = _pdf(cached)
    pdfmetrics._fonts.pop("SameName", None)
    assert with_cache == _pdf(TTFont("SameName", str(ttf)))


def test_a_damaged_cache_entry_is_parsed_again(cache: Path, ttf: Path) -> None:
    metrics.face_metrics(ttf, 0)
    for entry in (cache / "metrics").iterdir():
        entry.write_bytes(b"not a pickle")
    metrics.clear_caches()
    face = metrics.face_metrics(ttf, 0)
    assert not isinstance(face, metrics.CachedFace)
    assert ord("政") in face.charToGlyph


def test_a_changed_font_file_is_not_taken_from_the_cache(cache: Path, ttf: Path) -> None:
    metrics.face_metrics(ttf, 0)
    make_ttf(ttf, "Test Song", "政协")  # same path, other characters
    os.utime(ttf, ns=(ttf.stat().st_atime_ns, ttf.stat().st_mtime_ns + 10**9))
    metrics.clear_caches()
    assert ord("鉴") not in metrics.face_codepoints(ttf, 0)


def test_facts_cache_answers_like_the_font(cache: Path, ttf: Path) -> None:
    store = facts.FactsCache(cache / "facts.json")
    first = store.faces(ttf)
    assert first[0].family == "Test Song" and "test song" in first[0].names and first[0].glyf
    again = facts.FactsCache(cache / "facts.json").faces(ttf)
    assert again == first
    make_ttf(ttf, "Other Song", "政")
    os.utime(ttf, ns=(ttf.stat().st_atime_ns, ttf.stat().st_mtime_ns + 10**9))
    assert facts.FactsCache(cache / "facts.json").faces(ttf)[0].family == "Other Song"
    assert len(json.loads((cache / "facts.json").read_text(encoding="utf-8"))) == 1, "the old entry is dropped"


def test_facts_of_removed_fonts_are_dropped(cache: Path, ttf: Path, tmp_path: Path) -> None:
    store = facts.FactsCache(cache / "facts.json")
    store.faces(ttf)
    ttf.unlink()
    store.faces(make_ttf(tmp_path / "other" / "Kai.ttf", "Test Kai", "政"))
    (key,) = json.loads((cache / "facts.json").read_text(encoding="utf-8"))
    assert "Kai.ttf" in key


def test_converted_font_checked_by_hash_once_then_by_size_and_time(tmp_path: Path) -> None:
    ttf = make_ttf(tmp_path / "c" / "x.ttf", "X", "政")
    sidecar = ttf.with_suffix(".json")
    sidecar.write_text(json.dumps({"sha256": convert._sha256(ttf)}), encoding="utf-8")
    assert convert.is_valid(ttf)
    assert '"checked"' in sidecar.read_text(encoding="utf-8")
    with ttf.open("ab") as f:  # damaged: longer than the file found whole
        f.write(b"\0")
    assert not convert.is_valid(ttf)


def test_a_truncated_or_foreign_cache_entry_is_parsed_again(cache: Path, ttf: Path) -> None:
    metrics.face_metrics(ttf, 0)
    (entry,) = (cache / "metrics").iterdir()
    whole = entry.read_bytes()
    entry.write_bytes(whole[: len(whole) // 2])
    metrics.clear_caches()
    assert not isinstance(metrics.face_metrics(ttf, 0), metrics.CachedFace)
    flipped = bytearray(whole)
    flipped[len(whole) // 2] ^= 0x01  # one bit of a table: whole to marshal, wrong to the PDF
    entry.write_bytes(bytes(flipped))
    metrics.clear_caches()
    assert not isinstance(metrics.face_metrics(ttf, 0), metrics.CachedFace)
    entry.write_bytes(marshal.dumps({"format": metrics.FORMAT, "state": {"filename": "other.ttf"}}))
    metrics.clear_caches()
    face = metrics.face_metrics(ttf, 0)
    assert not isinstance(face, metrics.CachedFace) and ord("政") in face.charToGlyph


def test_tables_are_built_only_when_asked(cache: Path, ttf: Path) -> None:
    metrics.face_metrics(ttf, 0)
    metrics.clear_caches()
    codes = metrics.face_codepoints(ttf, 0)
    face = metrics.face_metrics(ttf, 0)
    assert ord("鉴") in codes
    assert not {"charWidths", "glyphToChar", "hmetrics", "glyphPos", "_ttf_data"} & set(vars(face))
    face.makeSubset([ord(c) for c in CHARS])
    assert "_ttf_data" not in vars(face), "the subset reads the file through a map, then lets it go"


def test_cached_subset_is_reportlabs_subset(cache: Path, ttf: Path) -> None:
    metrics.face_metrics(ttf, 0)
    metrics.clear_caches()
    cached = metrics.face_metrics(ttf, 0)
    fresh = TTFont("fresh", str(ttf)).face
    subset = [ord(c) for c in CHARS] + [0x4E00]  # one the face lacks: glyph 0
    assert cached.makeSubset(subset) == fresh.makeSubset(subset)
