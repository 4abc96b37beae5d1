"""Text that remembers where the user wrote it."""

from __future__ import annotations

from yearbook.diagnostics import Location
from yearbook.load.nodes import Scalar, position_in


class Text(str):
    """A str from the data, carrying its YAML scalar and its offset within it.

    It behaves as a plain string everywhere; `loc` and `position` let checks and
    warnings point at the exact file, line and column.
    """

    scalar: Scalar | None
    offset: int

    def __new__(cls, value: str, scalar: Scalar | None = None, offset: int = 0) -> Text:
        obj = super().__new__(cls, value)
        obj.scalar = scalar
        obj.offset = offset
        return obj

    @property
    def loc(self) -> Location | None:
        return self.position(0)

    def position(self, index: int) -> Location | None:
        if self.scalar is None:
            return None
        return position_in(self.scalar, self.offset + index)

    def part(self, start: int, end: int) -> Text:
        """A slice that still knows where it came from."""
        return Text(str.__getitem__(self, slice(start, end)), self.scalar, self.offset + start)

    def lines(self) -> list[Text]:
        """Non-empty lines, stripped: the paragraphs of a `text` field."""
        out: list[Text] = []
        start = 0
        for raw in str(self).split("\n"):
            end = start + len(raw)
            lead = len(raw) - len(raw.lstrip())
            stripped = raw.strip()
            if stripped:
                out.append(self.part(start + lead, start + lead + len(stripped)))
            start = end + 1
        return out
