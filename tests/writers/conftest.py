"""Fixtures the writer tests share: the yearbook style and its resolved faces."""

from __future__ import annotations

from pathlib import Path

import pytest

from yearbook.diagnostics import YearbookError
from yearbook.fonts import resolve_faces
from yearbook.style import load_style


@pytest.fixture(scope="module")
def style():
    return load_style("yearbook", Path("."))


@pytest.fixture(scope="module")
def faces(style):
    try:
        return resolve_faces(style)
    except YearbookError as exc:  # pragma: no cover - a machine without CJK fonts
        pytest.skip(str(exc))
