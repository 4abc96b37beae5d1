"""The example data (the seed chapter, errors kept as published): every known error is found."""

from __future__ import annotations

from pathlib import Path

import pytest

from yearbook.check import run_checks
from yearbook.load.book import load_book

DATA = Path(__file__).resolve().parents[2] / "data"

# (rule, characters the finding points at) for the seed texts' real errors
KNOWN = [
    ("rep.doubled", "政协政协"),
    ("rep.doubled", "关于关于"),
    ("rep.doubled", "及及"),
    ("expr.near-miss", "党的二十精神"),
    ("num.approx-nonround", "113余件"),
    ("data.count-mismatch", "13"),
    ("data.total-mismatch", "183件"),
    ("punct.pairs", "《"),
    ("punct.pairs", "‘"),
    ("punct.halfwidth", "<关于深入实施“四强”行动，加快推动经济社会高质量发展的调研报告>"),
    ("typo.common", "山植"),
    ("form.entry-title-punct", "，"),
]


@pytest.fixture(scope="module")
def report():
    if not (DATA / "book.yaml").is_file():
        pytest.skip("no example data")
    return run_checks(load_book(DATA))


@pytest.mark.parametrize(("rule", "excerpt"), KNOWN)
def test_known_error_found(report, rule: str, excerpt: str) -> None:
    assert any(f.rule == rule and f.excerpt == excerpt for f in report.findings), (rule, excerpt)


def test_long_entry_title_warned(report) -> None:
    titles = [f for f in report.findings if f.rule == "form.entry-title-length"]
    assert len(titles) == 1 and titles[0].excerpt.startswith("“围绕‘三地两点’")


def test_example_fails_the_pass_line(report) -> None:
    assert report.rate > 1 and not report.passed
