"""Running numbers through a whole document: 表1…表N (and, the same way, 图1…图N)."""

from __future__ import annotations


class Numbering:
    """Hands out consecutive numbers from `start`; one per kind of numbered block."""

    def __init__(self, start: int = 1):
        self.start = start
        self.next = start

    def take(self) -> int:
        number = self.next
        self.next += 1
        return number

    @property
    def count(self) -> int:
        """How many numbers were handed out."""
        return self.next - self.start
