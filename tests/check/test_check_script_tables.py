"""OpenCC's tables for the traditional-character rule, kept in the cache between checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from yearbook.check.rules import script


@pytest.fixture
def cache_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("YEARBOOK_CACHE", str(tmp_path))
    script._tables.cache_clear()
    yield tmp_path / "opencc-tables.json"
    script._tables.cache_clear()


def _derived() -> tuple[dict[str, str], frozenset[str]]:
    simple_of, simplified = script._derive()
    return simple_of, frozenset(simplified)


def test_the_kept_tables_are_opencc_s(cache_file: Path) -> None:
    expected = _derived()
    for attempt in ("derived", "from the cache file"):
        tables = script._tables()
        assert cache_file.exists(), attempt
        assert (tables.simple_of, tables.simplified) == expected, attempt
        assert tables.traditional == frozenset(expected[0]), attempt
        assert tables.simple_of["後"] == "后" and "发" in tables.simplified, attempt
        script._tables.cache_clear()


def test_other_opencc_files_are_read_again(cache_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script._tables()
    cache_file.write_text(cache_file.read_text(encoding="utf-8").replace('"後": "后"', '"後": "X"'),
                          encoding="utf-8")
    script._tables.cache_clear()
    assert script._tables().simple_of["後"] == "X"  # the same files: the kept answer is used
    script._tables.cache_clear()
    real = script._data_dir
    other = cache_file.parent / "opencc"
    other.mkdir()
    for name in ("TSCharacters.txt", "STCharacters.txt"):
        (other / name).write_bytes((real() / name).read_bytes())
    monkeypatch.setattr(script, "_data_dir", lambda: other)
    assert script._tables().simple_of["後"] == "后"


def test_a_damaged_cache_file_is_replaced(cache_file: Path) -> None:
    cache_file.write_text("{", encoding="utf-8")
    assert script._tables().simple_of["後"] == "后"
    script._tables.cache_clear()
    assert '"source"' in cache_file.read_text(encoding="utf-8")
