"""A justified Chinese paragraph for ReportLab, broken by yearbook.typeset.linebreak.

ReportLab's own Paragraph(wordWrap='CJK') lets 。，》” start lines and opening marks end them;
this flowable takes its line breaks from the GB/T 15834 rule in yearbook.typeset and draws each
line as a few text pieces whose character spacing (PDF Tc) makes justified lines reach both
edges, so the text extracts from the PDF in order and without inserted spaces.

Build one from runs of (text, registered TTFont name, size), e.g. the entry title 【…】 in hei
followed by the body in song; `paragraph_from_runs` does it from a style's ParaStyle.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from operator import itemgetter

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas as canvas_module
from reportlab.pdfgen.canvas import Canvas

from yearbook.style import ParaStyle
from yearbook.typeset.linebreak import Line, Measure
from yearbook.writers.pdf.fonts import Codes, codes_for
from yearbook.writers.pdf.layout import Flowable
from yearbook.writers.pdf.numbers import number as _fp_str
from yearbook.writers.pdf.streams import StreamingCanvas

ALIGNS = ("justify", "left", "center", "right")
# Where the baseline sits in a line: the ideographic em box (0.88 em above the baseline,
# 0.12 em below in the Chinese faces we use) is centred in the leading.
_EM_ABOVE_BASELINE = 0.88
_FAKE_BOLD = 0.03  # stroke width in em for styles marked bold (CJK faces rarely have a bold)


class _Widths(dict[str, float]):
    """Advance widths in points of one font at one size, filled on first use.

    ReportLab's stringWidth per character is slow; this reads the face's width table once per
    distinct character."""

    def __init__(self, font_name: str, size: float):
        super().__init__()
        font = pdfmetrics.getFont(font_name)
        face = getattr(font, "face", None)
        self._font = font
        self._char_widths = getattr(face, "charWidths", None)
        self._default = getattr(face, "defaultWidth", 1000)
        self._scale = size / 1000.0
        self._size = size

    def __missing__(self, ch: str) -> float:
        if self._char_widths is not None:
            w = self._char_widths.get(ord(ch), self._default) * self._scale
        else:  # a standard Type 1 font
            w = self._font.stringWidth(ch, self._size)
        self[ch] = w
        return w


_WIDTH_CACHE: dict[tuple[str, float], _Widths] = {}


def char_widths(font_name: str, size: float) -> _Widths:
    key = (font_name, size)
    w = _WIDTH_CACHE.get(key)
    if w is None:
        w = _WIDTH_CACHE[key] = _Widths(font_name, size)
    return w


class _Text:
    """The measured text of a whole paragraph, shared by the parts a page break splits it into."""

    def __init__(self, runs: Sequence[tuple[str, str, float]]):
        runs = [r for r in runs if r[0]]
        self.text = "".join(r[0] for r in runs)
        self.fonts = [(r[1], float(r[2])) for r in runs]
        self.starts: list[int] = []
        widths: list[float] = []
        for text, font, size in runs:
            self.starts.append(len(widths))
            widths.extend(map(char_widths(font, float(size)).__getitem__, text))
        sizes = {size for _, size in self.fonts}
        ems: float | list[float]
        if len(sizes) <= 1:
            ems = sizes.pop() if sizes else 1.0
        else:
            ems = [size for text, _, size in runs for _ in text]
        self.measure = Measure(self.text, widths, ems)


_OWN_STATE = (
    "_t", "leading", "base_size", "indent", "align", "bold", "orphans", "widows", "marks", "on_mark",
)


class CJKParagraph(Flowable):
    """A paragraph of Chinese (and mixed Latin) text, broken per GB/T 15834 and justified.

    runs: (text, font_name, font_size) with font_name a registered ReportLab font.
    leading: line distance in points. first_indent: in characters of `base_size` (default:
    the first run's size). align: justify, left, center or right (justified paragraphs end with
    a flush-left line). orphans: the fewest lines left at the foot of a column when the
    paragraph breaks there; widows: the fewest carried to the head of the next (1 allows a
    lone line).

    marks: (character offset, payload) pairs; the part of the paragraph that draws the
    character calls `on_mark(canvas, payload)`, so a 索引 term is placed in the column
    and on the page where its first character really lands.
    """

    marks: tuple[tuple[int, object], ...] = ()
    on_mark: Callable[[object, object], None] | None = None
    _mark_from = 0  # the first character this part owns (the parts of a paragraph tile it)

    def __init__(
        self,
        runs: Sequence[tuple[str, str, float]],
        leading: float,
        first_indent: float = 0.0,
        align: str = "justify",
        space_before: float = 0.0,
        space_after: float = 0.0,
        *,
        base_size: float | None = None,
        bold: bool = False,
        orphans: int = 2,
        widows: int = 2,
    ):
        super().__init__()
        if align not in ALIGNS:
            raise ValueError(f"align must be one of {ALIGNS}, not {align!r}")
        self._t = _Text(runs)
        self.leading = float(leading)
        size = base_size if base_size is not None else (self._t.fonts[0][1] if self._t.fonts else leading)
        self.base_size = float(size)
        self.indent = first_indent * self.base_size
        self.align = align
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self.bold = bold
        self.orphans = max(1, orphans)
        self.widows = max(1, widows)
        # The characters of this part: a split paragraph's parts share `_t`.
        self._start = 0
        self._stop: int | None = None
        self._lines: list[Line] | None = None
        self._laid_width: float | None = None

    @property
    def text(self) -> str:
        return self._t.text[self._start : self._stop]

    # -- layout ---------------------------------------------------------------------------------

    def lines(self, width: float) -> list[Line]:
        """The lines of this part at `width` points (cached for the last width asked)."""
        if self._lines is None or self._laid_width != width:
            indent = self.indent if self._start == 0 else 0.0
            self._lines = self._t.measure.fit(width, indent, self._start, self._stop)
            self._laid_width = width
        return self._lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = len(self.lines(availWidth)) * self.leading
        return self.width, self.height

    def _part(self, lines: list[Line], width: float, first: bool) -> CJKParagraph:
        # A fresh flowable: copying __dict__ would carry the page loop's bookkeeping
        # (`postponed`) over to the part and make it fail where it should just move on.
        part = CJKParagraph.__new__(CJKParagraph)
        Flowable.__init__(part)
        for name in _OWN_STATE:
            setattr(part, name, getattr(self, name))
        part._start = lines[0].start
        part._stop = lines[-1].end if first else self._stop
        part._lines = lines
        part._laid_width = width
        part._mark_from = self._mark_from if first else lines[0].start
        part.spaceBefore = self.spaceBefore if first else 0.0
        part.spaceAfter = 0.0 if first else self.spaceAfter
        return part

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        lines = self.lines(availWidth)
        n = len(lines)
        fit = int((availHeight + 1e-6) // self.leading)
        if fit >= n:
            return []  # it fits in height, so only the space before or after did not: move on
        if n - fit < self.widows:  # keep a widow company
            fit = n - self.widows
        if fit < self.orphans:
            return []
        return [self._part(lines[:fit], availWidth, True), self._part(lines[fit:], availWidth, False)]

    # -- drawing --------------------------------------------------------------------------------

    def drawOn(self, canvas, x: float, y: float) -> None:
        """Flowable.drawOn, the same operators (q, the translation, the text, Q) written directly.

        ReportLab copies the canvas's whole graphics state around every flowable and formats
        the translation's six numbers afresh each time; `draw` changes no canvas state but
        the code, so only the transform (which index marks read) is saved and restored.
        """
        if type(canvas) not in _DIRECT or not canvas_module.ENABLE_TRACKING:
            super().drawOn(canvas, x, y)
            return
        code = canvas._code
        matrix = canvas._currentMatrix
        a0, b0, c0, d0, e0, f0 = matrix
        # Canvas.translate(x, y) is Canvas.transform(1, 0, 0, 1, x, y): the same arithmetic.
        canvas._currentMatrix = (
            a0 * 1 + c0 * 0, b0 * 1 + d0 * 0, a0 * 0 + c0 * 1, b0 * 0 + d0 * 1,
            a0 * x + c0 * y + e0, b0 * x + d0 * y + f0,
        )
        code.append("q")
        code.append(f"1 0 0 1 {_fp_str(x)} {_fp_str(y)} cm")
        self._drawOn(canvas)
        code.append("Q")
        canvas._currentMatrix = matrix

    def draw(self) -> None:
        if self.marks and self.on_mark is not None:
            stop = len(self._t.text) if self._stop is None else self._stop
            for offset, payload in self.marks:
                if self._mark_from <= offset < stop:
                    self.on_mark(self.canv, payload)
        lines = self.lines(self.width)
        if not lines:
            return
        canv = self.canv
        doc = canv._doc  # ReportLab's font subsets are kept per document
        t = self._t
        text, fonts, starts, measure = t.text, t.fonts, t.starts, t.measure
        boundaries = starts[1:]
        # The text operators are written directly: ReportLab's text object formats every
        # number through a slow pure-Python fp_str and measures every string again, which
        # made drawing cost three times the layout.
        #
        # Each line is one text position (Tm) with one character spacing (Tc, the justifying
        # stretch); where a gap must be narrower (inside a Latin word or number, a squeezed
        # mark) a positive TJ adjustment pulls the next glyph back. Extractors insert a space
        # where the pen jumps forward, never where it steps back, so the text comes out as set.
        out = ["BT"]
        emit = out.append
        if self.bold:
            emit(f"{_num(self.base_size * _FAKE_BOLD)} w 2 Tr")
        y = self.height - self.leading / 2 - (_EM_ABOVE_BASELINE - 0.5) * self.base_size
        cum = measure.cum
        place = measure.place
        current_cs = 0.0
        names: dict[tuple[int, int], str] = {}  # (run, subset) -> "/F1+0 9 Tf"
        runs = _DrawRuns(fonts, starts, len(text), doc)
        # The run being drawn; a line's pieces never cross a run boundary.
        run, run_lo, run_hi, codes, size, tf = runs.at(lines[0].start)
        for line in lines:
            pieces = place(line, self.align, boundaries)
            if not pieces:
                y -= self.leading
                continue
            stretch = max(map(_SPACING, pieces))
            if stretch != current_cs:
                emit(f"{_num(stretch)} Tc")
                current_cs = stretch
            pen = pieces[0][2]
            emit(f"1 0 0 1 {_num(pen)} {_num(y)} Tm")
            subset = -1  # each line names its font again
            arr: list[str] = []  # the TJ array being built
            continued = False  # a TJ of this line has been written
            back = 0.0  # points to step back before the next glyph
            for a, b, x, cs in pieces:
                if not run_lo <= a < run_hi:
                    run, run_lo, run_hi, codes, size, tf = runs.at(a)
                    subset = -1
                back += pen - x
                inner = stretch - cs  # step back between the glyphs of a Latin run or number
                if inner:  # a Latin run or number in a stretched line: the general case
                    arr, subset, continued, back = _chunks_stepping_back(
                        text[a:b], inner, stretch, arr, subset, continued, back, emit,
                        codes, size, names, run, tf,
                    )
                    pen = x + (cum[b] - cum[a]) + (b - a - 1) * cs + stretch
                    continue
                # The piece in chunks of one subset each; a new chunk names its subset's font.
                # Subsets hold 256 characters each in the order they were first drawn, so
                # Chinese text changes subset every few characters: the glyph table gives
                # each character's hex digits and, for a change, the operators that go first.
                glyphs = _Glyphs.of(codes, tf, stretch)
                sub, hexed, _ = glyphs[text[a]]
                arr, subset, continued, back = _begin_chunk(
                    sub, arr, subset, continued, back, stretch, emit, codes, size, names, run, tf
                )
                if b - a > 1:
                    acc = [hexed]
                    add = acc.append
                    current = sub
                    for char in text[a + 1 : b]:
                        sub, hexed, change = glyphs[char]
                        if sub == current:
                            add(hexed)
                        else:
                            add(change)
                            current = sub
                    hexed = "".join(acc)
                    first_end = hexed.find(">")
                    if first_end >= 0:
                        # hexed: "4f51>] TJ\n/F1+2 9 Tf\n[0 <6f71>] TJ\n/F1+0 9 Tf\n[0 <1b";
                        # the last chunk's array stays open for the next piece of the line.
                        arr.append(f"<{hexed[:first_end]}>")
                        emit(f"[{' '.join(arr)}] TJ")
                        last = hexed.rfind("\n[")
                        emit(hexed[first_end + _CLOSE : last])
                        arr = [f"{hexed[last + 2 :]}>"]
                        subset = current
                        continued = True
                        pen = x + (cum[b] - cum[a]) + (b - a - 1) * cs + stretch
                        continue
                arr.append(f"<{hexed}>")
                pen = x + (cum[b] - cum[a]) + (b - a - 1) * cs + stretch
            if arr:
                emit(f"[{' '.join(arr)}] TJ")
            y -= self.leading
        # Tc and Tr are graphics state that outlives BT/ET: leave them as ReportLab expects.
        if current_cs:
            emit("0 Tc")
        if self.bold:
            emit("0 Tr")
        emit("ET")
        canv.drawText(_Code("\n".join(out)))


class _Glyphs(dict[str, tuple[int, str, str]]):
    """Per character of one font at one size in one document: its subset, its code's two hex
    digits, and what a line adds where the subset changes to it inside a piece: the end of
    the TJ so far, the subset's font and a new TJ, opened with a 0 (see `draw`) when the
    line is stretched."""

    def __init__(self, codes: Codes, tf: str, stretched: bool):
        super().__init__()
        self._codes = codes
        self._tf = tf
        self._open = "[0 <" if stretched else "[<"

    @classmethod
    def of(cls, codes: Codes, tf: str, stretch: float) -> _Glyphs:
        key = (tf, stretch != 0)
        table = codes.tables.get(key)
        if table is None:
            table = codes.tables[key] = cls(codes, tf, stretch != 0)
        return table  # type: ignore[return-value]

    def __missing__(self, char: str) -> tuple[int, str, str]:
        code = self._codes[char]
        sub, hexed = code >> 8, _HEX[code & 0xFF]
        change = f">] TJ\n{self._codes.subset_name(sub)}{self._tf}\n{self._open}{hexed}"
        found = self[char] = (sub, hexed, change)
        return found


def _begin_chunk(
    sub: int, arr: list[str], subset: int, continued: bool, back: float, stretch: float,
    emit: Callable[[str], None], codes: Codes, size: float,
    names: dict[tuple[int, int], str], run: int, tf: str,
) -> tuple[list[str], int, bool, float]:
    """What goes before a chunk of glyphs of subset `sub`: the TJ so far closed and the
    subset's font named where the subset changes, then the pen's step back if any.
    Returns the line's state (the TJ array, subset, whether a TJ was written, step back)."""
    if sub != subset:
        if arr:
            emit(f"[{' '.join(arr)}] TJ")
            arr = []
            continued = True
        name = names.get((run, sub))
        if name is None:
            name = names[run, sub] = codes.subset_name(sub) + tf
        emit(name)
        subset = sub
    if back > 1e-4 or back < -1e-4:
        arr.append(_num(back * 1000 / size))
        back = 0.0
    elif not arr and continued and stretch:
        # The PDF spec adds Tc after every glyph, the last of a TJ too; pdfminer adds it
        # only between glyphs, or after a number. A 0 that opens a TJ continuing the line
        # makes both place the glyph alike.
        arr.append("0")
    return arr, subset, continued, back


def _chunks_stepping_back(
    piece: str, inner: float, stretch: float, arr: list[str], subset: int, continued: bool,
    back: float, emit: Callable[[str], None], codes: Codes, size: float,
    names: dict[tuple[int, int], str], run: int, tf: str,
) -> tuple[list[str], int, bool, float]:
    """The glyphs of a piece set closer than the line's spacing (a Latin run or number):
    between two glyphs of a chunk, "> -120 <" steps back. Returns the line's state."""
    between = f"> {_num(inner * 1000 / size)} <"
    sub = -1
    hexed = ""  # the glyphs of the chunk being read, all of subset `sub`
    for char in piece:
        code = codes[char]
        if code >> 8 == sub:
            hexed += between + _HEX[code & 0xFF]
            continue
        if hexed:  # a chunk ends where the subset changes
            arr.append(f"<{hexed}>")
            back += inner
        sub = code >> 8
        arr, subset, continued, back = _begin_chunk(
            sub, arr, subset, continued, back, stretch, emit, codes, size, names, run, tf
        )
        hexed = _HEX[code & 0xFF]
    arr.append(f"<{hexed}>")  # a piece holds at least one character
    return arr, subset, continued, back


_CLOSE = len(">] TJ\n")
_HEX = [f"{i:02x}" for i in range(256)]
_DIRECT = (Canvas, StreamingCanvas)  # canvases whose state drawOn knows (not subclasses at large)
_SPACING = itemgetter(3)  # of a Piece


class _DrawRuns:
    """The runs of a paragraph as drawing needs them: font, codes, size and Tf operand."""

    def __init__(self, fonts: list[tuple[str, float]], starts: list[int], length: int, doc: object):
        self._fonts = fonts
        self._starts = starts
        self._ends = [*starts[1:], length]
        self._doc = doc
        self._found: dict[int, tuple[int, int, int, Codes, float, str]] = {}

    def at(self, offset: int) -> tuple[int, int, int, Codes, float, str]:
        """(run, its first character, its end, codes, size, " 9 Tf") of the run at `offset`."""
        r = bisect_right(self._starts, offset) - 1
        found = self._found.get(r)
        if found is None:
            name, size = self._fonts[r]
            font = pdfmetrics.getFont(name)
            found = (r, self._starts[r], self._ends[r], codes_for(font, self._doc), size, f" {_num(size)} Tf")
            self._found[r] = found
        return found


class _Code:
    """Ready-made text operators, in the shape Canvas.drawText expects of a text object."""

    def __init__(self, code: str):
        self.code = code

    def getCode(self) -> str:
        return self.code


_NUMS: dict[float, str] = {}  # line positions, spacings and sizes recur on every page


def _num(v: float) -> str:
    """A PDF number: 3 decimals (1/1000 pt), no trailing zeros, never -0."""
    s = _NUMS.get(v)
    if s is None:
        if len(_NUMS) >= 65536:
            _NUMS.clear()
        s = f"{v:.3f}".rstrip("0").rstrip(".")
        s = _NUMS[v] = "0" if s in ("-0", "") else s
    return s


def paragraph_from_runs(
    runs: Sequence[tuple[str, str, float]],
    para: ParaStyle,
    *,
    align: str | None = None,
    orphans: int = 2,
    widows: int = 2,
) -> CJKParagraph:
    """A CJKParagraph for runs of (text, registered font name, size) in the paragraph style
    `para`; `align` overrides the style's (table columns)."""
    return CJKParagraph(
        runs,
        leading=para.line_height,
        first_indent=para.first_indent,
        align=align or para.align,
        space_before=para.space_before,
        space_after=para.space_after,
        base_size=para.size,
        bold=para.bold,
        orphans=orphans,
        widows=widows,
    )
