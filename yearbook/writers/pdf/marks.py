"""Bookmarks and running-head marks, set when the marked block is drawn.

Content inside a column band is drawn by the band, not by the document template,
so the template's afterFlowable hook never sees it; a zero-size `Marker` placed
just before its block records the outline entry and the 书眉 text as it is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import Flowable

from yearbook.doctree import OutlineItem


@dataclass
class PageMarks:
    """What the page being drawn needs for its 书眉, and the outline so far."""

    running_head: str = ""  # the latest heading's running head, carried across pages
    opening: bool = False  # a chapter starts on this page: no running head
    _outline_level: int = -1
    _keys: int = 0

    def next_key(self) -> str:
        self._keys += 1
        return f"yb{self._keys}"

    def outline_level(self, wanted: int) -> int:
        # PDF outlines cannot skip a level (ReportLab raises); a 条目 directly under
        # a 类目 becomes a child of the 类目.
        level = max(0, min(wanted, self._outline_level + 1))
        self._outline_level = level
        return level


class Marker(Flowable):
    """Zero-size: records a bookmark and/or a new running head where it is drawn."""

    _ZEROSIZE = 1

    def __init__(
        self,
        marks: PageMarks,
        outline: OutlineItem | None = None,
        running_head: str | None = None,
        opening: bool = False,
    ):
        super().__init__()
        self.marks = marks
        self.outline = outline
        self.running_head = running_head
        self.opening = opening
        self.keepWithNext = True
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        marks = self.marks
        if self.opening:
            marks.opening = True
        if self.running_head is not None:
            marks.running_head = self.running_head
        if self.outline is not None:
            key = marks.next_key()
            self.canv.bookmarkHorizontal(key, 0, 0)
            level = marks.outline_level(self.outline.level)
            self.canv.addOutlineEntry(self.outline.title, key, level=level, closed=level >= 1)
