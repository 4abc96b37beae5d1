"""CFF → TrueType conversion: cached once, rebuilt when damaged, same bytes every time."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from fontmaker import make_otf
from fontTools.ttLib import TTFont

from yearbook.fonts import convert
from yearbook.fonts.config import Candidate, FontConfig, RoleConfig
from yearbook.fonts.resolve import Resolver
from yearbook.style import FONT_ROLES

CHARS = "政协年鉴𠮷A"


@pytest.fixture
def otf(tmp_path: Path) -> Path:
    return make_otf(tmp_path / "src" / "Serif.otf", "Test Serif", CHARS)


def test_conversion_gives_truetype_with_the_same_characters(tmp_path: Path, otf: Path) -> None:
    messages: list[str] = []
    ttf = convert.truetype_for(otf, 0, "Test Serif", messages.append, tmp_path / "cache")
    font = TTFont(str(ttf))
    assert "glyf" in font and "CFF " not in font
    assert {chr(c) for c in font.getBestCmap()} == set(CHARS)
    glyph = font["glyf"][font.getBestCmap()[ord("政")]]
    assert glyph.numberOfContours == 1 and len(glyph.coordinates) > 4  # the curve survived as quadratics
    assert ttf.is_relative_to(tmp_path / "cache")
    assert "Test Serif" in messages[0]  # the user is told while it runs


def test_second_call_reuses_the_cache(tmp_path: Path, otf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = convert.truetype_for(otf, 0, "Test Serif", lambda m: None, tmp_path / "cache")
    calls: list[Path] = []
    monkeypatch.setattr(convert, "convert", lambda *args: calls.append(args[0]))
    second = convert.truetype_for(otf, 0, "Test Serif", lambda m: None, tmp_path / "cache")
    assert second == first and calls == []


def test_damaged_cache_is_rebuilt(tmp_path: Path, otf: Path) -> None:
    ttf = convert.truetype_for(otf, 0, "Test Serif", lambda m: None, tmp_path / "cache")
    good = ttf.read_bytes()
    ttf.write_bytes(good[: len(good) // 2])  # as if a build was killed mid-write without the rename
    assert not convert.is_valid(ttf)
    again = convert.truetype_for(otf, 0, "Test Serif", lambda m: None, tmp_path / "cache")
    assert again == ttf and again.read_bytes() == good


def test_conversion_is_deterministic(tmp_path: Path, otf: Path) -> None:
    a = tmp_path / "a.ttf"
    b = tmp_path / "b.ttf"
    convert.convert(otf, 0, a, "Test Serif", lambda m: None)
    convert.convert(otf, 0, b, "Test Serif", lambda m: None)
    assert a.read_bytes() == b.read_bytes()


def test_concurrent_conversions_leave_one_whole_file(tmp_path: Path, otf: Path) -> None:
    results: list[Path] = []
    threads = [threading.Thread(target=lambda: results.append(
        convert.truetype_for(otf, 0, "Test Serif", lambda m: None, tmp_path / "cache"))) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(results)) == 1 and convert.is_valid(results[0])
    assert not list((tmp_path / "cache" / "fonts").glob(".*.tmp"))


def test_cache_dir_follows_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("YEARBOOK_CACHE", str(tmp_path / "yc"))
    assert convert.cache_dir() == tmp_path / "yc"
    monkeypatch.delenv("YEARBOOK_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if convert.os.name != "nt":
        assert convert.cache_dir() == tmp_path / "xdg" / "yearbook"


def test_resolver_converts_a_cff_face_from_the_fonts_dir(tmp_path: Path, otf: Path) -> None:
    user = tmp_path / "user"
    user.mkdir()
    (user / "song.otf").write_bytes(otf.read_bytes())
    cfg = FontConfig({r: RoleConfig((Candidate(file="song.*"),)) for r in FONT_ROLES})
    faces, _ = Resolver(cfg, user_dir=user, use_fontconfig=False, cache=tmp_path / "cache",
                        progress=lambda m: None).resolve_all(None)
    song = faces["song"]
    assert song.source == user / "song.otf"
    assert song.path.suffix == ".ttf" and song.path.is_relative_to(tmp_path / "cache")
    assert song.has("𠮷") and not song.has("宋")
