"""Every kind of DOCX the project builds passes openxml-audit with zero errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE
from yearbook.build import build, prepare


@pytest.fixture(scope="module", params=["yearbook", "gongwen"])
def example_docx(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(EXAMPLE, data)
    book = data / "book.yaml"
    book.write_text(book.read_text(encoding="utf-8").replace("style: yearbook", f"style: {request.param}"),
                    encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    result = build(data, out, prepare(data))
    return next(p for p in result.outputs if p.suffix == ".docx")


def test_example_docx_has_no_validation_error(example_docx: Path, valid_docx) -> None:
    valid_docx(example_docx)
