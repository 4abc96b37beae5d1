"""Table column widths, decided once for both writers.

Widths follow the columns' weights (assembly estimates them from content), but a
column of short cells (dates, names, numbers) is never narrower than its widest
short cell, so 2月28日 or 王　林 never wraps; long text columns give way.
"""

from __future__ import annotations

from collections.abc import Callable

from yearbook.doctree import Table

# Cells this short (characters) should not wrap.
SHORT_CELL = 10
# A column's floor never exceeds this share of an equal split, so one column of
# short but wide cells cannot squeeze the others to nothing.
FLOOR_SHARE = 1.5


def column_widths(
    table: Table,
    width: float,
    cell_width: Callable[[str], float],
    header_width: Callable[[str], float],
    padding: float,
) -> list[float]:
    """Widths adding up to `width`; `cell_width`/`header_width` measure a text as set."""
    columns = table.columns
    if not columns:
        return [width]
    weights = [max(c.weight, 0.01) for c in columns]
    floors = []
    for i, col in enumerate(columns):
        texts = [r[i].text for r in table.rows if i < len(r) and len(r[i].text) <= SHORT_CELL]
        widest = max((cell_width(t) for t in texts), default=0.0)
        if len(col.title) <= SHORT_CELL:
            widest = max(widest, header_width(col.title))
        floors.append(min(widest + 2 * padding + 0.5, width / len(columns) * FLOOR_SHARE))
    widths = [width * w / sum(weights) for w in weights]
    short = [i for i, w in enumerate(widths) if w < floors[i]]
    if not short:
        return widths
    spare = width - sum(floors[i] for i in short)
    rest = [i for i in range(len(widths)) if i not in short]
    rest_weight = sum(weights[i] for i in rest) or 1.0
    return [floors[i] if i in short else spare * weights[i] / rest_weight for i in range(len(widths))]


def em_width(text: str, size: float) -> float:
    """An estimate for faces we cannot measure (Word's 宋体 on the reader's machine):
    full-width characters one em, others half."""
    return size * sum(1.0 if ord(ch) > 0x2E7F else 0.55 for ch in text)
