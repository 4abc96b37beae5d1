"""fontconfig's list of faces, kept between builds: asked again when fonts come or go."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.fonts.fontmaker import make_ttf
from yearbook.fonts import locate

pytestmark = pytest.mark.skipif(shutil.which("fc-list") is None, reason="fontconfig is not installed")

FAMILY = "Yearbook Test Face"


@pytest.fixture
def runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """fc-list's runs, with a user font folder and caches of the test's own."""
    monkeypatch.setenv("YEARBOOK_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    counted: list[int] = []
    real = locate._run_fc_list
    monkeypatch.setattr(locate, "_run_fc_list", lambda fc_list: counted.append(1) or real(fc_list))
    locate._fontconfig_faces.cache_clear()
    yield counted
    locate._fontconfig_faces.cache_clear()


def _faces() -> tuple[locate.Face, ...]:
    locate._fontconfig_faces.cache_clear()  # as a new build would
    return locate._fontconfig_faces()


def test_the_answer_is_kept_and_a_new_or_removed_font_is_seen(runs: list[int], tmp_path: Path) -> None:
    first = _faces()
    assert _faces() == first and len(runs) == 1  # the second build did not run fc-list

    font = make_ttf(tmp_path / "data" / "fonts" / "testface.ttf", FAMILY, "中文")
    assert [p for p, _ in locate.fontconfig_lookup(FAMILY)] == []  # this build's answer is kept
    assert [p for p, _ in _lookup()] == [font] and len(runs) == 2
    _settle(runs)

    font.unlink()
    before = len(runs)
    assert _lookup() == [] and len(runs) == before + 1
    _settle(runs)


def _settle(runs: list[int]) -> None:
    """fc-list writes fontconfig's own cache for a changed folder: that answer is not
    kept (a folder changed while it ran), the next one is."""
    _lookup()
    settled = len(runs)
    assert _lookup() == _lookup() and len(runs) == settled


def _lookup() -> list[tuple[Path, int]]:
    locate._fontconfig_faces.cache_clear()
    return locate.fontconfig_lookup(FAMILY)


def test_a_damaged_cache_file_is_replaced(runs: list[int], tmp_path: Path) -> None:
    first = _faces()
    (tmp_path / "cache" / "fontconfig-faces.json").write_text("[", encoding="utf-8")
    assert _faces() == first and len(runs) == 2
    assert _faces() == first and len(runs) == 2
