"""A book's DOCX made beside its PDF: the page numbers the PDF hands over arrive
whichever way the work runs, and the file is the same."""

from __future__ import annotations

import io
import os
import re
import zipfile

import pytest

from tests.book_fixtures import make_book
from yearbook import background
from yearbook.build import build, needs_page_map, prepare


def _docx(tmp_path, name: str) -> bytes:
    folder = make_book(tmp_path / name)
    result = build(folder, tmp_path / f"{name}-out")
    return next(p for p in result.outputs if p.suffix == ".docx").read_bytes()


@pytest.fixture
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    if not hasattr(os, "fork"):
        pytest.skip("no fork on this system")
    monkeypatch.setenv("YEARBOOK_JOBS", "0")
    monkeypatch.setattr(os, "cpu_count", lambda: 2)


def test_the_book_docx_is_the_same_made_beside_the_pdf_or_after_it(tmp_path, two_cores, monkeypatch):
    assert needs_page_map(prepare(make_book(tmp_path / "probe")).document)
    beside = _docx(tmp_path, "beside")  # made in a child, the page numbers handed over
    monkeypatch.setenv("YEARBOOK_JOBS", "1")
    after = _docx(tmp_path, "after")  # made in this process once the PDF is laid out
    assert beside == after
    # The 目录's page references show the numbers the PDF set, not blanks.
    with zipfile.ZipFile(io.BytesIO(beside)) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    shown = re.findall(r"PAGEREF _Toc\d+ \\h </w:instrText>.*?<w:t[^>]*>([^<]*)</w:t>", xml)
    assert shown and all(s.strip().isdigit() for s in shown), shown


def test_where_no_file_can_carry_the_page_numbers_the_docx_follows_the_pdf(tmp_path, two_cores, monkeypatch):
    beside = _docx(tmp_path, "beside")

    def nowhere() -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(background, "_anonymous_file", nowhere)
    assert _docx(tmp_path, "nowhere") == beside
