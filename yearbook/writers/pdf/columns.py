"""Column bands: body text in N columns inside one full-width page frame.

The page has a single frame as wide as the text block. A `ColumnBand` fills its
columns one after another and, when its content ends on a page (before a
full-width table or at the end of the chapter), balances the columns so the text
above a table or at a chapter's end is level, as in a printed yearbook. The part
of a band that does not fit a page is returned as a new band for the next page,
sharing the content list (no copying, so the cost stays linear in pages).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from yearbook.writers.pdf.layout import Flowable

_FUZZ = 1e-3
# Balanced columns are searched to this precision (points).
_BALANCE_TOLERANCE = 0.5
_BALANCE_STEPS = 16
# A heading at a column foot needs this many lines of its text under it, else it moves on.
_LINES_AFTER_HEADING = 2


@dataclass(frozen=True)
class Cursor:
    """Where the band's content resumes: pieces of a split item, then items[index:]."""

    index: int
    heads: tuple[Flowable, ...] = ()


@dataclass
class Placed:
    flowable: Flowable
    y: float  # from the column top to the flowable's top
    height: float


@dataclass
class ColumnLayout:
    placed: list[Placed] = field(default_factory=list)
    used: float = 0.0


def _keep_with_next(f: Flowable) -> bool:
    return bool(f.getKeepWithNext())


def _zero_size(f: Flowable) -> bool:
    return bool(getattr(f, "_ZEROSIZE", False))


def _visible(placed: list[Placed]) -> bool:
    return any(p.height > 0 for p in placed)


def _lines(part: Flowable, canv, width: float, room: float) -> int:
    """Lines in the first part of a split paragraph (a non-paragraph counts as enough)."""
    leading = getattr(part, "leading", None)
    if not leading:
        return _LINES_AFTER_HEADING
    _, h = part.wrapOn(canv, width, max(room, 0.0))
    return int(h / leading + _FUZZ)


class _Floats:
    """Figures that float in a column (their flowable's `placement`): `here` stays where it
    stands when it fits, else moves to the next column's top while the text after it fills
    this column; `top` always starts a column; `bottom` is set at the column's foot. Floats
    keep their order: once one has moved on, the ones after it follow it."""

    def __init__(self, height: float):
        self.full = self.height = height  # `height`: what is left for the rest above a foot float
        self.moved: list[Flowable] = []
        self.foot: tuple[Flowable, float] | None = None

    def take(
        self, f: Flowable, placement: str, canv, width: float, col: ColumnLayout, started: bool,
        prev_after: float,
    ) -> bool:
        """Whether `f` is dealt with here (moved on or set at the foot) rather than set in the flow."""
        if self.moved:
            self.moved.append(f)
            return True
        if not _visible(col.placed) or placement == "here":
            if placement == "here" and _visible(col.placed):
                gap = max(prev_after, f.getSpaceBefore()) if started else 0.0
                _, h = f.wrapOn(canv, width, self.height)
                if h <= self.height - col.used - gap + _FUZZ:
                    return False
                self.moved.append(f)
                return True
            if placement != "bottom":
                return False  # a column top: `top` is where it belongs, `here` fits or never will
        if placement == "top":
            self.moved.append(f)
            return True
        _, h = f.wrapOn(canv, width, self.height)
        room = self.height - col.used - f.getSpaceBefore()
        if self.foot is None and h <= room + _FUZZ:
            self.foot = (f, h)
            self.height -= h + f.getSpaceBefore()
            return True
        if _visible(col.placed):
            self.moved.append(f)
            return True
        return False

    def finish(self, col: ColumnLayout, cur: Cursor) -> tuple[ColumnLayout, Cursor]:
        if self.foot is not None:
            f, h = self.foot
            col.placed.append(Placed(f, self.full - h, h))
            col.used = self.full
        if self.moved:
            cur = Cursor(cur.index, (*self.moved, *cur.heads))
        return col, cur


class ColumnBand(Flowable):
    """Flowables set in `columns` columns separated by `gap`."""

    def __init__(
        self,
        items: list[Flowable],
        columns: int,
        gap: float,
        full_height: float,
        cursor: Cursor | None = None,
        balance: bool = True,
    ):
        super().__init__()
        self.items = items
        self.columns = columns
        self.gap = gap
        self.cursor = cursor or Cursor(0)
        self.balance = balance
        self.full_height = full_height
        # True when the band starts a fresh frame: an item too big to move on is
        # then broken or set anyway, since no later frame has more room.
        self._may_force = False
        self._cache: tuple[float, float, list[ColumnLayout], Cursor] | None = None

    # -- filling -----------------------------------------------------------

    def _next(self, cur: Cursor) -> tuple[Flowable | None, Cursor]:
        if cur.heads:
            return cur.heads[0], Cursor(cur.index, cur.heads[1:])
        if cur.index < len(self.items):
            return self.items[cur.index], Cursor(cur.index + 1)
        return None, cur

    def _fill(self, canv, cur: Cursor, width: float, height: float) -> tuple[ColumnLayout, Cursor]:
        """Fill one column from `cur`; keep-with-next chains (markers, headings) never
        end a column unless they already start it, and a heading takes at least
        `_LINES_AFTER_HEADING` lines of the paragraph after it along."""
        col = ColumnLayout()
        prev_after = 0.0
        started = False  # something visible is in the column: spaces before count from here
        group: tuple[int, Cursor, float, float, bool] | None = None  # rollback point for a chain
        headed = False  # the chain being built holds a visible heading
        floats = _Floats(height)
        while True:
            f, after = self._next(cur)
            if f is None:
                return floats.finish(col, cur)
            placement = getattr(f, "placement", None)
            if placement is not None and floats.take(f, placement, canv, width, col, started, prev_after):
                # A float moved on or reserved for the foot: no chain may roll back across it.
                height = floats.height
                group, headed = None, False
                cur = after
                continue
            if _zero_size(f):
                # Markers take no room and no space: a space after the heading before
                # them must not count twice, a space before the heading after them
                # must still vanish at the column top.
                f.wrapOn(canv, width, max(height - col.used, 0.0))
                if _keep_with_next(f) and group is None:
                    group = (len(col.placed), cur, col.used, prev_after, started)
                col.placed.append(Placed(f, col.used, 0.0))
                cur = after
                continue
            gap = max(prev_after, f.getSpaceBefore()) if started else 0.0
            room = height - col.used - gap
            _, h = f.wrapOn(canv, width, max(room, 0.0))
            if h <= room + _FUZZ:
                if _keep_with_next(f):
                    if group is None:
                        group = (len(col.placed), cur, col.used, prev_after, started)
                    headed = headed or h > 0
                else:
                    group, headed = None, False
                col.placed.append(Placed(f, col.used + gap, h))
                col.used += gap + h
                if h > 0 or f.getSpaceAfter():
                    prev_after = f.getSpaceAfter()
                    started = True
                cur = after
                continue
            parts = f.splitOn(canv, width, room) if room > 0 else []
            if parts and headed and _lines(parts[0], canv, width, room) < _LINES_AFTER_HEADING:
                parts = []  # a heading over a single line at the column foot: move both on
            if not _visible(col.placed) and not parts and self._may_force:
                # Only markers above: no later column has more room, so break it anyway.
                parts = self._forced(canv, f, width, height)
                if not parts:
                    # Nothing can break this item: set it alone, overflowing, rather than fail.
                    col.placed.append(Placed(f, 0.0, h))
                    col.used = h
                    return floats.finish(col, after)
            if not parts:
                if group is not None and (_visible(col.placed[: group[0]]) or not self._may_force):
                    start, cur, col.used, prev_after, started = group
                    del col.placed[start:]
                return floats.finish(col, cur)
            first, rest = parts[0], tuple(parts[1:])
            _, h = first.wrapOn(canv, width, max(room, 0.0))
            col.placed.append(Placed(first, col.used + gap, h))
            col.used += gap + h
            return floats.finish(col, Cursor(after.index, rest + after.heads))

    @staticmethod
    def _forced(canv, f: Flowable, width: float, height: float) -> list[Flowable]:
        force = getattr(f, "force_split", None)
        return force(canv, width, height) if force else f.splitOn(canv, width, height)

    def _done(self, cur: Cursor) -> bool:
        return not cur.heads and cur.index >= len(self.items)

    def _fill_all(self, canv, width: float, height: float) -> tuple[list[ColumnLayout], Cursor]:
        cur = self.cursor
        cols = []
        for _ in range(self.columns):
            col, cur = self._fill(canv, cur, width, height)
            cols.append(col)
        return cols, cur

    def _layout(self, canv, aW: float, aH: float) -> tuple[list[ColumnLayout], Cursor]:
        if self._cache and self._cache[:2] == (aW, aH):
            return self._cache[2], self._cache[3]
        width = self.column_width(aW)
        self._may_force = aH >= self.full_height - 1 or self.postponed
        cols, cur = self._fill_all(canv, width, aH)
        if self._done(cur) and self.balance and self.columns > 1:
            cols = self._balanced(canv, width, cols, aH)
        self._cache = (aW, aH, cols, cur)
        return cols, cur

    def _balanced(self, canv, width: float, cols: list[ColumnLayout], aH: float) -> list[ColumnLayout]:
        """The shortest column height that still holds everything left in the band."""
        best = cols
        lo = sum(c.used for c in cols) / self.columns - _FUZZ
        hi = max(c.used for c in cols)
        for _ in range(_BALANCE_STEPS):
            if hi - lo <= _BALANCE_TOLERANCE:
                break
            mid = (lo + hi) / 2
            trial, cur = self._fill_all(canv, width, mid)
            if self._done(cur) and max(c.used for c in trial) <= mid + _FUZZ:
                best, hi = trial, mid
            else:
                lo = mid
        if best is not cols:
            # Trial layouts split paragraphs afresh; wrap the winners again so their
            # state matches what is drawn.
            for col in best:
                for p in col.placed:
                    p.flowable.wrapOn(canv, width, aH)
        return best

    def column_width(self, aW: float) -> float:
        return (aW - self.gap * (self.columns - 1)) / self.columns

    # -- Flowable protocol --------------------------------------------------

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        cols, cur = self._layout(self.canv, aW, aH)
        if not self._done(cur):
            return aW, aH + 1  # does not fit: the frame will ask for a split
        return aW, max(c.used for c in cols)

    def split(self, aW: float, aH: float) -> list[Flowable]:
        cols, cur = self._layout(self.canv, aW, aH)
        if not any(c.placed for c in cols):
            return []
        page = PlacedColumns(cols, self.column_width(aW), self.gap)
        # An item nothing could break overflows the frame rather than fail the build.
        page.height = min(page.height, aH)
        if self._done(cur):
            return [page]
        return [page, ColumnBand(self.items, self.columns, self.gap, self.full_height, cur, self.balance)]

    def draw(self) -> None:
        assert self._cache is not None, "drawn before wrap"
        aW, _, cols, _ = self._cache
        PlacedColumns(cols, self.column_width(aW), self.gap).drawOn(self.canv, 0, 0)


class PlacedColumns(Flowable):
    """One page's share of a band, already laid out."""

    def __init__(self, cols: list[ColumnLayout], col_width: float, gap: float):
        super().__init__()
        self.cols = cols
        self.col_width = col_width
        self.gap = gap
        self.height = max((c.used for c in cols), default=0.0)
        self.width = col_width * len(cols) + gap * (len(cols) - 1)

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        for i, col in enumerate(self.cols):
            x = i * (self.col_width + self.gap)
            for p in col.placed:
                p.flowable.drawOn(self.canv, x, self.height - p.y - p.height)
