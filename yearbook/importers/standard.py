"""The standard table columns, taken from the assembler so import and build agree."""

from __future__ import annotations

from yearbook.assemble.tables import COLUMNS
from yearbook.model import RecordSource

HEADERS: dict[RecordSource, tuple[str, ...]] = {
    source: tuple(c.title for c in columns) for source, columns in COLUMNS.items()
}
STANDARD_HEADERS: list[tuple[str, ...]] = sorted(HEADERS.values(), key=len, reverse=True)
