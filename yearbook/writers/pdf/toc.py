"""目录: one line per entry, indented by level, dot leaders to the page number.

The 目录 stands before the body, so its page numbers are unknown when it is drawn. Each
line draws its text and places a PDF form (XObject) where the leader starts; the forms,
holding the leader dots and the right-aligned page number, are defined once the whole
book is laid out (`TocNumbers.finish`). The layout is made once: the 目录's length cannot
move the body, and the body is never laid out twice for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from yearbook.doctree import TocEntry
from yearbook.style import ParaStyle, Style
from yearbook.writers.pdf.fonts import FontSet
from yearbook.writers.pdf.layout import Flowable
from yearbook.writers.pdf.marks import PageMarks
from yearbook.writers.pdf.paragraph import CJKParagraph
from yearbook.writers.pdf.text import make_text

# Room kept at the right of every line for the leader's end and the page number, in ems.
_NUMBER_ROOM = 3.5
_DOT_PITCH = 0.5  # ems between leader dots
_DOT_RADIUS = 0.055  # ems
_DOT_RISE = 0.12  # ems above the baseline, where a full stop sits
_EM_ABOVE_BASELINE = 0.88  # as in paragraph.py: the baseline in a line


def toc_style(style: Style, level: int) -> ParaStyle:
    return style.para(f"toc{min(max(level, 1), 3)}")


@dataclass
class _Slot:
    name: str
    anchor: str
    width: float
    para: ParaStyle


@dataclass
class TocNumbers:
    """The forms the 目录 lines reference, defined when every anchor's page is known."""

    marks: PageMarks
    fonts: FontSet
    slots: list[_Slot] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)

    def add(self, anchor: str, width: float, para: ParaStyle) -> str:
        name = f"yb-toc-{len(self.slots) + 1}"
        self.slots.append(_Slot(name, anchor, width, para))
        return name

    def finish(self, canv: Canvas) -> None:
        for slot in self.slots:
            page = self.marks.anchors.get(slot.anchor)
            if page is None:
                self.unresolved.append(slot.anchor)
            folio = self.marks.folio(page) if page is not None else ""
            self._form(canv, slot, folio)

    def _form(self, canv: Canvas, slot: _Slot, folio: str) -> None:
        size = slot.para.size
        font = self.fonts.name(slot.para.font)
        canv.beginForm(slot.name, 0, -size, slot.width, size)
        number_width = stringWidth(folio, font, size)
        # Dots on a grid counted from the right edge, so that leaders line up down the page.
        pitch = _DOT_PITCH * size
        stop = slot.width - number_width - pitch * 0.8
        last = slot.width - pitch * (int((slot.width - stop) / pitch) + 1)
        first = last - pitch * int((last - pitch * 0.5) / pitch)
        if last >= first >= pitch * 0.5:
            # One dashed line with round caps and zero-length dashes draws the dots: a circle
            # each would be a hundred path operators per entry.
            canv.setLineCap(1)
            canv.setLineWidth(2 * _DOT_RADIUS * size)
            canv.setDash([0, pitch])
            y = _DOT_RISE * size
            canv.line(first, y, last + 0.001, y)
        canv.setFont(font, size)
        canv.drawRightString(slot.width, 0, folio)
        canv.endForm()


class TocLine(Flowable):
    """One 目录 entry across the text block."""

    def __init__(self, entry: TocEntry, style: Style, fonts: FontSet, numbers: TocNumbers):
        super().__init__()
        ps = toc_style(style, entry.level)
        self.entry = entry
        self.ps = ps
        self.numbers = numbers
        self.indent = ps.first_indent * ps.size  # the whole entry is indented, not its first line
        self.para: CJKParagraph = make_text(entry.text, replace(ps, first_indent=0.0), fonts, align="left")  # type: ignore[assignment]
        self.spaceBefore = ps.space_before
        self.spaceAfter = ps.space_after
        self.keepWithNext = entry.level <= 1

    def _text_width(self) -> float:
        return max(self.width - self.indent - _NUMBER_ROOM * self.ps.size, self.ps.size)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        _, self.height = self.para.wrap(self._text_width(), availHeight)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        canv = self.canv
        self.para.drawOn(canv, self.indent, 0)
        lines = self.para.lines(self._text_width())
        leading, size = self.para.leading, self.para.base_size
        if lines:
            last = lines[-1]
            end = self.indent + last.left + last.natural
        else:
            end = self.indent
        # The last line's baseline, measured from the flowable's bottom.
        y = leading / 2 - (_EM_ABOVE_BASELINE - 0.5) * size
        start = end + 0.25 * size
        name = self.numbers.add(self.entry.anchor, max(self.width - start, 0.0), self.ps)
        canv.saveState()
        canv.translate(start, y)
        canv.doForm(name)
        canv.restoreState()
