"""The Chinese manual page on the checks lists every rule, and its word-list sample is valid."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from yearbook.check.resources import load_resources
from yearbook.check.rules import RULE_CLASSES

PAGE = Path(__file__).resolve().parents[2] / "docs" / "手册" / "校对.md"


def _page() -> str:
    if not PAGE.is_file():
        pytest.skip("no manual page")
    return PAGE.read_text(encoding="utf-8")


def test_every_rule_is_in_the_manual_table() -> None:
    rows = {m.group(1) for m in re.finditer(r"^\| `([a-z.\-]+)` \|", _page(), re.M)}
    assert rows == {rule.id for rule in RULE_CLASSES}


def test_word_list_sample_is_a_working_checks_file(tmp_path: Path) -> None:
    sample = re.search(r"```yaml\n(.*?)```", _page(), re.S)
    assert sample
    (tmp_path / "校对.yaml").write_text(sample.group(1), encoding="utf-8")
    res = load_resources(tmp_path)
    assert "張三丰" in res.script_allow
    assert any("委员读书班" in spec["names"] for spec in res.counts["nouns"])
    assert any(body["简称"] == "市人大常委会" for body in res.names["bodies"])
