"""A report made in one process renders the same in another (a build runs the checks
on the second core), even where the rules that register its messages were never imported."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from yearbook import i18n
from yearbook.check import run_checks
from yearbook.load.book import load_book

DATA = Path(__file__).resolve().parents[2] / "data"

READ_BACK = """
import pickle, sys
from yearbook import i18n
i18n.set_language(sys.argv[2])
with open(sys.argv[1], "rb") as f:
    report = pickle.load(f)
assert "yearbook.check.rules" not in sys.modules, "the rules were imported to read a report"
sys.stdout.write(report.render())
"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_report_renders_alike_in_a_fresh_process(lang: str, tmp_path: Path) -> None:
    report = run_checks(load_book(DATA))
    assert report.findings
    saved = tmp_path / "report.pickle"
    saved.write_bytes(pickle.dumps(report, pickle.HIGHEST_PROTOCOL))
    i18n.set_language(lang)
    try:
        expected = report.render()
    finally:
        i18n.set_language(None)
    out = subprocess.run(
        [sys.executable, "-c", READ_BACK, str(saved), lang], capture_output=True, text=True, encoding="utf-8"
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout == expected
    assert "[rep.doubled] rep.doubled" not in out.stdout  # a message id instead of its text
