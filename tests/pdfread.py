"""Reading our PDFs back for tests: characters and rules with their positions."""

from __future__ import annotations

import io
from collections.abc import Iterator

from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTCurve, LTPage


def leaves(page: LTPage) -> Iterator[object]:
    """Every leaf item of a page (characters, lines, rectangles), in drawing order."""
    stack = list(page)[::-1]
    while stack:
        obj = stack.pop()
        if isinstance(obj, LTChar | LTCurve) or not hasattr(obj, "__iter__"):
            yield obj
        else:
            stack.extend(list(obj)[::-1])


def pages(pdf: bytes) -> list[LTPage]:
    return list(extract_pages(io.BytesIO(pdf)))


def chars(page: LTPage) -> list[LTChar]:
    return [obj for obj in leaves(page) if isinstance(obj, LTChar)]


def baseline_rows(page: LTPage) -> list[list[LTChar]]:
    """Characters grouped by baseline, top to bottom, each row left to right."""
    rows: dict[float, list[LTChar]] = {}
    for c in chars(page):
        rows.setdefault(round(c.matrix[5], 1), []).append(c)
    return [sorted(rows[y], key=lambda c: c.x0) for y in sorted(rows, reverse=True)]
