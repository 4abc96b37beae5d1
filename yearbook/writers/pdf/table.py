"""三线表: the numbered three-line table, split across pages and columns.

ReportLab's Table cannot split a row, so a cell taller than a page raises
LayoutError, and it has no 续表 label. This flowable lays the table out itself:
caption (表N　title) centred above, thick top and bottom rules, a thin rule under
the header, no vertical rules; each continuation repeats the header under a
centred 续表N; a row taller than the space left is split cell by cell.
Cells are wrapped once per width and shared by all continuation parts, so a
2,000-row table costs one pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.pdfbase.pdfmetrics import stringWidth

from yearbook.doctree import Table
from yearbook.style import Style
from yearbook.typeset.table_widths import column_widths
from yearbook.writers.pdf.fonts import FontSet
from yearbook.writers.pdf.layout import Flowable
from yearbook.writers.pdf.marks import Marker
from yearbook.writers.pdf.text import make_text

_FUZZ = 1e-3
# A row that would fit on a fresh page moves there whole; only a row taller than
# this share of a page is split where it starts.
_SPLIT_ROW_SHARE = 0.5
# Space between the caption and the top rule, in points.
_CAPTION_GAP = 1.5


@dataclass
class Row:
    cells: list[Flowable]
    heights: list[float] = field(default_factory=list)
    height: float = 0.0


@dataclass
class Layout:
    """The table at one width: column widths, wrapped header and rows."""

    width: float
    col_widths: list[float]
    caption_height: float
    continued_height: float
    header: Row
    rows: list[Row]


class TableContent:
    """Everything the parts of one table share."""

    def __init__(self, table: Table, style: Style, fonts: FontSet, page_height: float):
        self.table = table
        self.style = style
        self.fonts = fonts
        self.page_height = page_height
        self.pad = style.table.cell_padding
        self.thick = style.table.rule_thick
        self.thin = style.table.rule_thin
        cap = style.para("caption")
        self.caption = make_text(table.caption, cap, fonts, "center")
        self.continued = make_text(table.continued_label, cap, fonts, "center")
        head, cell = style.para("table_header"), style.para("table_cell")
        self.header_cells = [make_text(c.title, head, fonts, "center") for c in table.columns]
        aligns = [None if c.align == "left" else c.align for c in table.columns]
        self.rows = [
            [make_text(c.text, cell, fonts, aligns[i] if i < len(aligns) else None) for i, c in enumerate(r)]
            for r in table.rows
        ]
        self.cell_leading = cell.line_height
        self._layouts: dict[float, Layout] = {}

    def col_widths(self, width: float) -> list[float]:
        cell, head = self.style.para("table_cell"), self.style.para("table_header")
        return column_widths(
            self.table,
            width,
            lambda t: stringWidth(t, self.fonts.name(cell.font), cell.size),
            lambda t: stringWidth(t, self.fonts.name(head.font), head.size),
            self.pad,
        )

    def measure(self, canv, cells: list[Flowable], widths: list[float]) -> Row:
        heights = []
        for f, w in zip(cells, widths, strict=False):
            heights.append(f.wrapOn(canv, w - 2 * self.pad, 1e9)[1])
        return Row(cells, heights, max(heights, default=0.0) + 2 * self.pad)

    def layout(self, canv, width: float) -> Layout:
        cached = self._layouts.get(width)
        if cached is None:
            widths = self.col_widths(width)
            cached = self._layouts[width] = Layout(
                width,
                widths,
                self.caption.wrapOn(canv, width, 1e9)[1] + self.caption.getSpaceAfter(),
                self.continued.wrapOn(canv, width, 1e9)[1] + self.continued.getSpaceAfter(),
                self.measure(canv, self.header_cells, widths),
                [self.measure(canv, cells, widths) for cells in self.rows],
            )
        return cached


class RuledTable(Flowable):
    """A part of a table: rows [start, end) of its content, optionally preceded by
    `lead`, the lower half of a row split on the previous page."""

    def __init__(
        self,
        content: TableContent,
        start: int = 0,
        lead: Row | None = None,
        continued: bool = False,
        marker: Marker | None = None,
    ):
        super().__init__()
        self.content = content
        self.start = start
        self.lead = lead
        self.continued = continued
        self.marker = marker  # bookmark drawn with the first part only
        self.end = len(content.rows)
        self.tail: Row | None = None  # the top of a row split at the foot of this part
        cap = content.style.para("caption")
        self.spaceBefore = 0.0 if continued else cap.space_before
        self.spaceAfter = cap.space_before

    def _rows(self, lay: Layout) -> list[Row]:
        rows = lay.rows[self.start : self.end]
        return [self.lead, *rows] if self.lead else rows

    def _shown(self, lay: Layout) -> list[Row]:
        rows = self._rows(lay)
        return [*rows, self.tail] if self.tail else rows

    def _fixed_height(self, lay: Layout) -> float:
        c = self.content
        label = lay.continued_height if self.continued else lay.caption_height
        return label + _CAPTION_GAP + c.thick + lay.header.height + c.thin + c.thick

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        lay = self.content.layout(self.canv, aW)
        self._lay = lay
        self.width = aW
        self.height = self._fixed_height(lay) + sum(r.height for r in self._shown(lay))
        return aW, self.height

    def split(self, aW: float, aH: float) -> list[Flowable]:
        return self._split(aW, aH, forced=self.postponed)

    def force_split(self, canv, aW: float, aH: float) -> list[Flowable]:
        """Split even a row that would fit a fresh page: the caller has no fresher one."""
        self.canv = canv
        try:
            return self._split(aW, aH, forced=True)
        finally:
            del self.canv

    def _split(self, aW: float, aH: float, forced: bool) -> list[Flowable]:
        lay = self.content.layout(self.canv, aW)
        room = aH - self._fixed_height(lay)
        rows = self._rows(lay)
        fit = 0
        while fit < len(rows) and rows[fit].height <= room + _FUZZ:
            room -= rows[fit].height
            fit += 1
        if fit == len(rows):
            return [self]
        row = rows[fit]
        tall = row.height > _SPLIT_ROW_SHARE * self.content.page_height
        pieces = self._split_row(row, lay, room) if tall or (forced and fit == 0) else None
        if fit == 0 and pieces is None:
            return []
        # rows[k] is the lead when there is one, else content row start + k.
        offset = 1 if self.lead else 0
        first = self._part(self.lead if fit and self.lead else None, self.start, self.start + fit - offset)
        first.continued, first.marker = self.continued, self.marker
        if fit == 0:
            first.end = first.start  # only the top of the split lead
        after = self.start + fit - offset + 1  # content index just past the row being cut
        if pieces:
            first.tail = pieces[0]
            rest = self._part(pieces[1], after, self.end)
        else:
            rest = self._part(None, after - 1, self.end)
        rest.continued = True
        return [first, rest]

    def _part(self, lead: Row | None, start: int, end: int) -> RuledTable:
        part = RuledTable(self.content, start, lead)
        part.end = max(end, start)
        return part

    def _split_row(self, row: Row, lay: Layout, room: float) -> tuple[Row, Row] | None:
        """The row cut so its top fits `room`: each cell split at that height."""
        c = self.content
        inner = room - 2 * c.pad
        if inner < c.cell_leading:
            return None
        top: list[Flowable] = []
        bottom: list[Flowable] = []
        for f, h, w in zip(row.cells, row.heights, lay.col_widths, strict=False):
            if h <= inner + _FUZZ:
                top.append(f)
                bottom.append(_Blank())
                continue
            parts = f.splitOn(self.canv, w - 2 * c.pad, inner)
            if len(parts) < 2:
                return None
            top.append(parts[0])
            bottom.append(parts[1] if len(parts) == 2 else _Stack(parts[1:]))
        return c.measure(self.canv, top, lay.col_widths), c.measure(self.canv, bottom, lay.col_widths)

    def draw(self) -> None:
        c = self.content
        lay = self._lay
        canv = self.canv
        if self.marker is not None and not self.continued:
            self.marker.drawOn(canv, 0, self.height)
        y = self.height
        label = c.continued if self.continued else c.caption
        h = label.wrapOn(canv, lay.width, 1e9)[1]
        label.drawOn(canv, 0, y - h)
        y -= (lay.continued_height if self.continued else lay.caption_height) + _CAPTION_GAP
        self._rule(y, c.thick)
        y -= c.thick
        y = self._draw_row(lay.header, lay, y, center=True)
        self._rule(y, c.thin)
        y -= c.thin
        for row in self._shown(lay):
            y = self._draw_row(row, lay, y, center=self.content.style.table.cell_valign == "center")
        self._rule(y, c.thick)

    def _rule(self, y_top: float, weight: float) -> None:
        self.canv.setLineWidth(weight)
        mid = y_top - weight / 2
        self.canv.line(0, mid, self.width, mid)

    def _draw_row(self, row: Row, lay: Layout, y: float, center: bool = False) -> float:
        pad = self.content.pad
        x = 0.0
        for f, h, w in zip(row.cells, row.heights, lay.col_widths, strict=False):
            offset = (row.height - 2 * pad - h) / 2 if center else 0.0
            f.drawOn(self.canv, x + pad, y - pad - offset - h)
            x += w
        return y - row.height


class _Blank(Flowable):
    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


class _Stack(Flowable):
    """Several flowables stacked: what is left of a cell split more than once."""

    def __init__(self, parts: list[Flowable]):
        super().__init__()
        self.parts = parts

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        self._sizes = [p.wrapOn(self.canv, aW, aH)[1] for p in self.parts]
        return aW, sum(self._sizes)

    def split(self, aW: float, aH: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        y = sum(self._sizes)
        for p, h in zip(self.parts, self._sizes, strict=True):
            y -= h
            p.drawOn(self.canv, 0, y)
