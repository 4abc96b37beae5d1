"""The shipped word lists, kept as JSON in the user's cache: the same lists as the YAML."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from yearbook.check import resources


def _parsed() -> dict:
    return {name: resources._read(resources.DATA_DIR / f"{name}.yaml") for name in resources._SHIPPED}


def test_cached_lists_are_the_yaml_lists(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YEARBOOK_CACHE", str(tmp_path))
    first = resources._shipped()  # parsed, then kept
    assert (tmp_path / "word-lists.json").is_file()
    second = resources._shipped()  # read back
    assert first == second == _parsed()
    assert resources.load_resources() == resources.load_resources()


def test_a_stale_or_damaged_cache_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YEARBOOK_CACHE", str(tmp_path))
    resources._shipped()
    cache = tmp_path / "word-lists.json"
    saved = json.loads(cache.read_text(encoding="utf-8"))
    saved["lists"]["typos"] = {"typos": {"错": "对"}}
    saved["source"][0][1] -= 1  # an older expressions.yaml
    cache.write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")
    assert resources._shipped() == _parsed()
    cache.write_text("{not json", encoding="utf-8")
    assert resources._shipped() == _parsed()


def test_without_a_home_folder_the_lists_are_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(resources, "cache_dir", no_home)
    assert resources._shipped() == _parsed()
