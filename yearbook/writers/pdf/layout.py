"""The page loop: flowables placed into the text block of one page after another.

ReportLab's platypus does this job, but importing it costs a sixth of a chapter build
(every platypus module is loaded, and its Paragraph compiles large Unicode patterns we
never use); the writer needs only a small part of it. This module is that part, over
`reportlab.pdfgen.canvas.Canvas`: a `Flowable` base (wrap, split, draw, space before and
after, keep-with-next), one frame per page, page breaks and the page-end callback. It
follows platypus (BaseDocTemplate.build, Frame.add/split, KeepTogether) operation for
operation, including its arithmetic, so the PDF is the same byte for byte; what our
flowables never use (several frames a page, page templates, indenters, frame
backgrounds, multi-pass builds) is left out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.pdfgen.canvas import Canvas

# Layout arithmetic tolerance, as platypus's (rl_config._FUZZ).
_FUZZ = 1e-6
# Heights a keep-together group reports so that the frame always asks it to split, and
# gives its members to measure their own height (platypus's values).
_MUST_SPLIT = 0xFFFFFF
_UNBOUNDED = 0xFFFFFFF
# Pages in a row with nothing placed on them before the layout gives up: an item that
# moves on from page to page forever (platypus's limit).
_EMPTY_PAGES_ALLOWED = 10


class LayoutError(Exception):
    """An item that fits no page and cannot be broken."""


class Flowable:
    """Something placed in the frame: `wrap` says its size for the room offered, `split`
    breaks it into parts that fit (or returns [] when it cannot), `draw` paints it with its
    bottom-left corner at the origin of `self.canv`."""

    spaceBefore: float = 0
    spaceAfter: float = 0
    keepWithNext: bool = False
    # Takes no room: set even where no room is left, and never given space before.
    _ZEROSIZE = False
    # Set when it did not fit and moved on once: on a fresh page it must go in somehow.
    postponed = False
    # A page or frame change: never kept together with its neighbours.
    locChanger = False

    def __init__(self) -> None:
        self.width = 0
        self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        pass

    def wrapOn(self, canv: Canvas, aW: float, aH: float) -> tuple[float, float]:
        self.canv = canv
        w, h = self.wrap(aW, aH)
        del self.canv
        return w, h

    def splitOn(self, canv: Canvas, aW: float, aH: float) -> list[Flowable]:
        self.canv = canv
        parts = self.split(aW, aH)
        del self.canv
        return parts

    def _drawOn(self, canv: Canvas) -> None:
        self.canv = canv
        self.draw()
        del self.canv

    def drawOn(self, canv: Canvas, x: float, y: float) -> None:
        canv.saveState()
        canv.translate(x, y)
        self._drawOn(canv)
        canv.restoreState()

    def getKeepWithNext(self) -> bool:
        return self.keepWithNext

    def getSpaceBefore(self) -> float:
        return self.spaceBefore

    def getSpaceAfter(self) -> float:
        return self.spaceAfter


class PageBreak(Flowable):
    """The rest of the page stays empty."""

    locChanger = True


class CondPageBreak(Flowable):
    """A page break unless `height` points are left on the page. Drawn (as nothing) either way,
    like platypus's, so the page's operators stay the same."""

    locChanger = True

    def __init__(self, height: float):
        self.height = height
        self.breaks = False

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.breaks = availHeight < self.height
        return 0, 0


class ActionFlowable(Flowable):
    """Not placed: applied to the page loop when its turn comes."""

    def apply(self, loop: PageLoop) -> None:
        raise NotImplementedError


class _FrameBreak(ActionFlowable):
    locChanger = True

    def apply(self, loop: PageLoop) -> None:
        loop.end_page()


class _Nothing(ActionFlowable):
    def apply(self, loop: PageLoop) -> None:
        pass


class Frame:
    """The text block of a page, filled from the top. Its numbers are computed as platypus's
    Frame computes them (x1 + width - x1 need not be width), so positions match to the bit."""

    def __init__(self, x1: float, y1: float, width: float, height: float):
        self.width = width
        self.height = height
        self.x = x1
        self.top = y1 + height
        self.bottom = y1
        self.avail_width = (x1 + width) - x1
        self.y = self.top
        self.at_top = True
        self.prev_after: float = 0  # space after the last item, which a space before overlaps

    def reset(self) -> None:
        self.y = self.top
        self.at_top = True
        self.prev_after = 0

    def add(self, f: Flowable, canv: Canvas) -> bool:
        """Draw `f` at the current position if it fits; False (nothing drawn) if not."""
        f.canv = canv
        try:
            y = self.y
            p = self.bottom
            s: float = 0
            zero = f._ZEROSIZE
            if not self.at_top:
                s = self.prev_after if zero else f.getSpaceBefore()
                s = max(s - self.prev_after, 0)
            h = y - p - s
            if h > 0 or zero:
                _, h = f.wrap(self.avail_width, h)
            else:
                return False
            h += s
            y -= h
            if y < p - _FUZZ:
                return False
            after = f.getSpaceAfter()
            f.drawOn(canv, self.x, y)
            y -= after
            self.prev_after = after
            if y != self.y:
                self.at_top = False
            self.y = y
            return True
        finally:
            if hasattr(f, "canv"):
                del f.canv

    def split(self, f: Flowable, canv: Canvas) -> list[Flowable]:
        """`f` broken so that its first part fits the room left ([] if it cannot be)."""
        s: float = 0
        if not self.at_top:
            s = max(f.getSpaceBefore() - self.prev_after, 0)
        h = self.y - self.bottom - s
        if h <= 0 and not f._ZEROSIZE:
            return []
        f.canv = canv
        try:
            return f.split(self.avail_width, h)
        finally:
            if hasattr(f, "canv"):
                del f.canv


class _KeepTogether(Flowable):
    """Items kept with the next one, and that one: if they do not all fit the room left,
    the page ends first (unless it is fresh). Never drawn itself: it always asks to be
    split, and its parts are the items, set one by one."""

    def __init__(self, content: list[Flowable], loop: PageLoop):
        super().__init__()
        self.content = content
        self.loop = loop
        self._wrapped: tuple[float, float] | None = None
        self._total = 0.0
        self._first = 0.0

    def getSpaceBefore(self) -> float:
        return self.content[0].getSpaceBefore()

    def getSpaceAfter(self) -> float:
        return self.content[-1].getSpaceAfter()

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # The items' height stacked, spaces between them overlapping (platypus _listWrapOn).
        total: float = 0
        prev_after: float = 0
        first = None
        started = False
        for f in self.content:
            _, h = f.wrapOn(self.canv, availWidth, _UNBOUNDED)
            if first is None:
                first = h
            if h <= _FUZZ:
                continue
            total += h
            if started:
                total += max(f.getSpaceBefore() - prev_after, 0)
            started = True
            prev_after = f.getSpaceAfter()
            total += prev_after
        self._total = total - prev_after
        self._first = first or 0
        self._wrapped = (availWidth, availHeight)
        return availWidth, _MUST_SPLIT

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        if self._wrapped != (availWidth, availHeight):
            self.wrap(availWidth, availHeight)
        parts: list[Flowable] = list(self.content)
        frame = self.loop.frame
        at_top = frame.at_top
        too_tall = self._total > availHeight
        first_too_tall = self._first > availHeight or (too_tall and at_top)
        if too_tall or first_too_tall:
            following = self.loop.next_frame()
            if too_tall:
                # A fresh page no smaller than the next: it stays (and the items split).
                roomier = frame.width >= following.width and frame.height >= following.height
                page_end = not (at_top and roomier)
            else:
                # Only the first item is too tall for the room left: the next page, if it
                # holds the whole group, takes it.
                page_end = following.width >= frame.width and following.height >= self._total
            parts.insert(0, _FrameBreak() if page_end else _Nothing())
        return parts


def _may_keep(f: Flowable) -> bool:
    return not (f.locChanger or isinstance(f, _KeepTogether))


class PageLoop:
    """Lays a story out page by page on `canv`: `frame_of(n)` gives the text block of page n
    (from 1); `on_page_end(canv)` draws what belongs to a finished page (running heads, page
    numbers) before it is shown."""

    def __init__(self, frame_of: Callable[[int], Frame], on_page_end: Callable[[Canvas], None] | None = None):
        self.frame_of = frame_of
        self.on_page_end = on_page_end
        self.canv: Canvas
        self.frame = frame_of(1)
        self.page_pending = True  # a page is due but not begun (nothing drawn on it yet)
        self._placed = 0  # items placed on this page
        self._empty_pages = 0

    def next_frame(self) -> Frame:
        """The frame of the page after this one."""
        return self.frame_of(self.canv.getPageNumber() + 1)

    def begin_page(self) -> None:
        self.page_pending = False
        self.frame = self.frame_of(self.canv.getPageNumber())
        self.frame.reset()
        self._placed = 0

    def end_page(self) -> None:
        if self._placed == 0:
            self._empty_pages += 1
        else:
            self._empty_pages = 0
        if self._empty_pages >= _EMPTY_PAGES_ALLOWED:
            raise LayoutError(
                f"more than {_EMPTY_PAGES_ALLOWED} pages without content: an item fits no page"
            )
        if self.on_page_end is not None:
            self.on_page_end(self.canv)
        self.canv.setPageRotation(0)
        self.canv.showPage()
        self.page_pending = True

    def lay_out(self, canv: Canvas, story: Sequence[Flowable]) -> None:
        """Place the whole story; the last page is shown, the canvas is not saved."""
        self.canv = canv
        pending = list(reversed(story))  # a stack: the next item last
        while pending:
            if self.page_pending:
                self.begin_page()
            self._place_next(pending)
        if not self.page_pending:
            self.end_page()
        self.page_pending = False  # a page break at the very end opens no empty page

    def _place_next(self, pending: list[Flowable]) -> None:
        n = len(pending)
        kept = 0
        while kept < n and pending[-1 - kept].getKeepWithNext() and _may_keep(pending[-1 - kept]):
            kept += 1
        if kept:
            if kept < n and _may_keep(pending[-1 - kept]):
                kept += 1
            content = [pending.pop() for _ in range(kept)]
            for f in content[:-1]:
                f.keepWithNext = False  # the group decides; its parts then go one by one
            f = _KeepTogether(content, self)
        else:
            f = pending.pop()
        if isinstance(f, PageBreak):
            self.end_page()
            return
        if isinstance(f, ActionFlowable):
            f.apply(self)
            return
        frame, canv = self.frame, self.canv
        if frame.add(f, canv):
            self._placed += 1
            if isinstance(f, CondPageBreak) and f.breaks:
                pending.append(_FrameBreak())
            return
        parts = frame.split(f, canv)
        if parts:
            first = parts[0]
            if isinstance(first, (PageBreak, ActionFlowable)):
                pending.extend(reversed(parts))
                return
            if not frame.add(first, canv):
                raise LayoutError(f"{type(f).__name__}: its first part does not fit where it was split")
            self._placed += 1
            pending.extend(reversed(parts[1:]))
            if isinstance(first, CondPageBreak) and first.breaks:
                pending.append(_FrameBreak())
            return
        if f.postponed:
            raise LayoutError(
                f"{type(f).__name__} is too large for page {canv.getPageNumber()} and cannot be broken"
            )
        # Not a part of it fits: try again on the next page, where it may be forced in.
        f.postponed = True
        pending.append(f)
        self.end_page()
