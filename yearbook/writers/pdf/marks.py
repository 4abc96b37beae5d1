"""Bookmarks, running-head marks and where anchors and index terms land, set when drawn.

Content inside a column band is drawn by the band, not by the page loop, so nothing
outside the band sees where it lands; a zero-size `Marker` placed
just before its block records the outline entry, the 书眉 text, the heading's
anchor (for the 目录) and its 索引 terms as it is drawn. Index terms inside a
paragraph are recorded by the paragraph part that draws the term's first character.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from yearbook.doctree import OutlineItem
from yearbook.writers.pdf.layout import Flowable


@dataclass
class PageMarks:
    """What the page being drawn needs for its 书眉, and the outline so far."""

    running_head: str = ""  # the latest heading's running head, carried across pages
    opening: bool = False  # a chapter starts on this page: no running head
    _outline_level: int = -1
    _keys: int = 0
    # A book: the physical page where the body's page 1 is (None while the front matter is
    # set), pages left blank before a right-hand opening, pages with no 书眉 and no folio.
    body_start: int | None = None
    blank: set[int] = field(default_factory=set)
    bare: set[int] = field(default_factory=set)
    # Physical page of each heading anchor, and (physical page, column) of each index term.
    anchors: dict[str, int] = field(default_factory=dict)
    hits: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    # The column an absolute x falls in on a physical page, set by the page layout (page.py).
    column_of: Callable[[int, float], int] = lambda page, x: 0

    def hit(self, terms: Iterable[str], canv, x: float = 0.0) -> None:
        """Index `terms` land here: the canvas's current page, the column at local `x`."""
        page = canv.getPageNumber()
        m = canv._currentMatrix  # ReportLab keeps the transform; drawOn only translates
        column = self.column_of(page, m[0] * x + m[4])
        for term in terms:
            self.hits.setdefault(term, []).append((page, column))

    def anchor(self, name: str, canv) -> None:
        self.anchors.setdefault(name, canv.getPageNumber())

    def in_front(self, page: int) -> bool:
        return self.body_start is None or page < self.body_start

    def folio(self, page: int) -> str:
        """The number printed on physical `page`: arabic from the body's page 1, Roman before."""
        if self.in_front(page):
            return roman(page)
        return str(page - self.body_start + 1)  # type: ignore[operator]

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
        anchor: str | None = None,
        index: tuple[str, ...] = (),
    ):
        super().__init__()
        self.marks = marks
        self.outline = outline
        self.running_head = running_head
        self.opening = opening
        self.anchor = anchor
        self.index = index
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
        if self.anchor is not None:
            marks.anchor(self.anchor, self.canv)
        if self.index:
            marks.hit(self.index, self.canv)
        if self.outline is not None:
            key = marks.next_key()
            self.canv.bookmarkHorizontal(key, 0, 0)
            level = marks.outline_level(self.outline.level)
            self.canv.addOutlineEntry(self.outline.title, key, level=level, closed=level >= 1)


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(n: int) -> str:
    """Roman numerals, the usual folios of a book's front matter."""
    out = []
    for value, digits in _ROMAN:
        count, n = divmod(n, value)
        out.append(digits * count)
    return "".join(out)
