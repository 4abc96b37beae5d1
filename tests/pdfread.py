"""Reading our PDFs back for tests: characters and rules with their positions."""

from __future__ import annotations

import io
from collections.abc import Iterator

from pdfminer.converter import PDFPageAggregator
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTCurve, LTPage
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage


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


def pages_in_drawing_order(pdf: bytes) -> list[LTPage]:
    """Pages without layout analysis: characters as drawn (a column's lines one after another;
    the analysis would join lines of neighbouring columns that share a baseline)."""
    manager = PDFResourceManager()
    device = PDFPageAggregator(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    out = []
    for page in PDFPage.get_pages(io.BytesIO(pdf)):
        interpreter.process_page(page)
        out.append(device.get_result())
    return out


def chars(page: LTPage) -> list[LTChar]:
    return [obj for obj in leaves(page) if isinstance(obj, LTChar)]


def baseline_rows(page: LTPage) -> list[list[LTChar]]:
    """Characters grouped by baseline, top to bottom, each row left to right."""
    return baseline_rows_of(chars(page))


def baseline_rows_of(found: list[LTChar]) -> list[list[LTChar]]:
    rows: dict[float, list[LTChar]] = {}
    for c in found:
        rows.setdefault(round(c.matrix[5], 1), []).append(c)
    return [sorted(rows[y], key=lambda c: c.x0) for y in sorted(rows, reverse=True)]
