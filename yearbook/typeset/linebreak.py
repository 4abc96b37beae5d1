"""Chinese line breaking (GB/T 15834-2011 §5.1) and justification, independent of any output format.

The rule, written once:

- no line starts with a 点号 。，、；：？！ or the full-width stop ．(GB/T 15834 allows ．as the
  句号 of scientific texts), a closing mark ”’）》〉】」』〕〗］｝, ％ ‰ ℃ (they belong to their number,
  GB/T 15835), a 间隔号 · or a 连接号 — ～ －; nor with ASCII ) ] } , . ; : ? ! %;
- no line ends with an opening mark “‘（《〈【「『〔〖［｛ ( [ { or a currency sign ￥ $;
- 分隔号 ／ starts no line and ends none (§5.1.9);
- the dash —— and the ellipsis …… (any run of — ― … ⋯) are never split (§5.1.4, §5.1.5). We also
  keep them off a line start: the standard only forbids splitting them, but Word's default
  kinsoku list for simplified Chinese has … and ― as "cannot start a line", and a dash opening a
  line inside a paragraph reads as a new speaker; keeping PDF and DOCX alike wins;
- a number is one unit with its decimal point, thousands comma, percent sign or unit, and with a
  following magnitude and measure word (98%, 3.5万元, 2023年, 4000余, 30多名);
- a run of Latin letters and digits (any non-CJK, non-space characters) breaks only at spaces or
  where it meets CJK text.

Whether a break is allowed between two characters depends only on a few characters around
them (`can_break`), so `Measure.fit` finds each line's end from prefix widths and looks only at
the characters near it. It fills lines greedily, the way yearbook typesetters do: when the
next unit does not fit (a unit carries the marks that may not start a line, so the character
before such a mark goes down with it: 推出), the line is first squeezed if its full-width
punctuation gives enough room (挤进: a closing mark gives up to half its em on the right, an
opening mark on the left). Punctuation is never hung in the margin; only the empty half of a
squeezed closing mark at the line end may pass the edge, its ink stays inside.
`Measure.place` then justifies: the leftover width is spread over the gaps between characters
(never inside a Latin word or a number), and the last line of a paragraph is set flush left.

Squeezing assumes mainland (GB) glyph positions, where 。，、；：sit in the left half of the em.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate, pairwise

DASHES = "—―…⋯"  # runs of these are 破折号 / 省略号: one unit, never at a line start
NO_START = (
    "。，、；：？！．"
    "”’）》〉】」』〕〗〙〛］｝〞"
    "％‰℃°′″"
    "·・‧"  # 间隔号
    "～－〜"  # 连接号 (a single — is in DASHES)
    "／"  # 分隔号
    ")]},.;:?!%"
    + DASHES
)
NO_END = "“‘（《〈【「『〔〖〘〚［｛〝" "([{" "￥＄$£€¥" "／"

# Full-width marks whose empty half may be squeezed away: ink on the left (the empty half is
# on the right) for closing marks and 点号, ink on the right for opening marks.
SQUEEZE_RIGHT = "。，、；：”’）》〉】」』〕〗"
SQUEEZE_LEFT = "“‘（《〈【「『〔〖"

# CJK and full-width characters; everything else that is not white space is "narrow" (Latin,
# digits, ASCII punctuation) and is kept in unbreakable runs. “”‘’—…· are ambiguous-width in
# Unicode but full-width in Chinese text.
_WIDE = (
    "\u1100-\u115f\u2e80-\u303e\u3040-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f\uff00-\uff60\uffe0-\uffe6"
    "\U00020000-\U0003fffd"
    "“”‘’—―…⋯·•※○●"
)
_SPACE = " \t\n\r\f\v"
_NARROW = f"[^{_SPACE}{_WIDE}]"
# A number binds a following magnitude and/or measure word: 3.5万元, 4000余, 30多名, 2023年.
_MAGNITUDE = frozenset("万亿千百余多")
_MEASURE = frozenset("年月日时分秒个名件次人项位元岁天周户家所篇条份部届期批场座台辆套吨亩倍米页号版章节款")

# One pattern for runs and single characters: compiling a class this wide costs milliseconds.
_NARROW_RUN = re.compile(f"{_NARROW}+")
_SQUEEZABLE = re.compile(f"[{re.escape(SQUEEZE_RIGHT + SQUEEZE_LEFT)}]")
_SQUEEZE_RIGHT = frozenset(SQUEEZE_RIGHT)
_SPACES = frozenset(_SPACE)
_BAD_START = frozenset(NO_START + _SPACE)
_BAD_END = frozenset(NO_END)
_EPS = 1e-6


def can_break(text: str, p: int, narrow: bytes | bytearray | None = None) -> bool:
    """Whether a line may end before text[p] (0 < p < len(text)).

    Never before white space: spaces stay at the end of the line they follow, so that a
    closing mark after a space (`word ）`) is not a break either. `narrow`, if given, flags
    the narrow characters of `text` (Measure has them), sparing a pattern match per side.
    """
    c = text[p]
    b = text[p - 1]
    if c in _BAD_START or b in _BAD_END:
        return False
    if b in _SPACES:  # after spaces, the last visible character decides
        q = p - 1
        while q > 0 and text[q - 1] in _SPACES:
            q -= 1
        return q == 0 or text[q - 1] not in _BAD_END
    if narrow is not None:
        if narrow[p - 1] and narrow[p]:
            return False  # inside a Latin word or a number
    elif _NARROW_RUN.match(b) and _NARROW_RUN.match(c):
        return False
    if c.isdecimal() and (b.isdecimal() or (b == "．" and p > 1 and text[p - 2].isdecimal())):
        return False  # full-width digits: １２．５
    if c in _MEASURE or c in _MAGNITUDE:
        j = p - 1
        mags = 0
        while j >= 0 and text[j] in _MAGNITUDE and mags < 2:
            j -= 1
            mags += 1
        if j >= 0 and text[j].isdecimal() and (c in _MEASURE or mags < 2):
            return False
    return True


def break_opportunities(text: str) -> list[int]:
    """Offsets p (0 < p < len) where a line may break before text[p]."""
    return [p for p in range(1, len(text)) if can_break(text, p)]


def segments(text: str) -> list[str]:
    """The unbreakable units of `text`, in order; they join back to `text`."""
    cuts = [0, *break_opportunities(text), len(text)]
    return [text[a:b] for a, b in pairwise(cuts) if b > a]


class Line:
    """One line: characters [start, end) of the paragraph, of which [start, content_end) are
    set in the measure (trailing spaces hang past the end, invisible). `left` is the indent
    from the column's left edge and `width` the measure available to the line."""

    __slots__ = ("content_end", "end", "left", "natural", "start", "width")

    def __init__(
        self, start: int, content_end: int, end: int, left: float, width: float, natural: float
    ):
        self.start = start
        self.content_end = content_end
        self.end = end
        self.left = left
        self.width = width
        self.natural = natural

    def __repr__(self) -> str:
        ends = f"{self.start}, {self.content_end}, {self.end}"
        return f"Line({ends}, natural={self.natural:.2f}/{self.width:.2f})"


# A piece of a placed line: characters [start, end) drawn from x with `spacing` added after
# each character (PDF Tc). Pieces never mix Latin runs with CJK text.
Piece = tuple[int, int, float, float]


class Measure:
    """A paragraph's text with the advance width of each character, ready to fit and place.

    `widths[i]` is the advance of text[i] in points; `ems` the type size (one number, or one
    per character) used to tell full-width punctuation, which alone may be squeezed.
    """

    def __init__(
        self, text: str, widths: Sequence[float], ems: float | Sequence[float], *, squeeze: bool = True
    ):
        if len(widths) != len(text):
            raise ValueError("one width per character is needed")
        self.text = text
        self.cum: list[float] = [0.0, *accumulate(widths)]
        self.ems = ems
        self.squeeze = squeeze
        # Found on first use and kept: a paragraph is fitted and placed line by line.
        self._marks: list[int] | None = None  # offsets of full-width marks that may be squeezed
        self._amounts: dict[int, float] = {}  # what each of those gives
        self._runs: tuple[list[int], list[int], bytearray] | None = None  # narrow runs

    def _mark_offsets(self) -> list[int]:
        if self._marks is None:
            self._marks = [m.start() for m in _SQUEEZABLE.finditer(self.text)]
            ems = self.ems
            if isinstance(ems, (int, float)):  # squeeze_amount inlined: one size, many marks
                cum = self.cum
                half, full = 0.5 * ems, 0.9 * ems
                amounts = self._amounts
                for k in self._marks:
                    w = cum[k + 1] - cum[k]
                    amounts[k] = w - half if w >= full else 0.0
            else:
                self._amounts = {k: self.squeeze_amount(k) for k in self._marks}
        return self._marks

    def _narrow_runs(self) -> tuple[list[int], list[int], bytearray]:
        """Starts and ends of the runs of narrow characters, and a flag per character."""
        if self._runs is None:
            starts: list[int] = []
            ends: list[int] = []
            flags = bytearray(len(self.text))
            for m in _NARROW_RUN.finditer(self.text):
                a, b = m.span()
                starts.append(a)
                ends.append(b)
                flags[a:b] = b"\x01" * (b - a)
            self._runs = (starts, ends, flags)
        return self._runs

    def squeeze_amount(self, i: int) -> float:
        """How much the empty half of the full-width mark text[i] may give (0 if none)."""
        em = self.ems if isinstance(self.ems, (int, float)) else self.ems[i]
        w = self.cum[i + 1] - self.cum[i]
        # proportional quotes (some hei/kai faces) have no empty half to give
        return w - 0.5 * em if w >= 0.9 * em else 0.0

    def squeezable(self, start: int, end: int) -> float:
        """The total that squeezing may take from characters [start, end)."""
        if not self.squeeze:
            return 0.0
        marks = self._squeeze_marks(start, end)
        return sum(map(self._amounts.__getitem__, marks)) if marks else 0

    def _squeeze_marks(self, start: int, end: int) -> list[int]:
        marks = self._mark_offsets()
        i = bisect_left(marks, start)
        j = bisect_left(marks, end, i)
        if i == j:
            return []
        # An opening mark that starts the line keeps its empty half, so the line's left edge
        # stays where the indent puts it.
        if marks[i] == start and self.text[start] not in _SQUEEZE_RIGHT:
            i += 1
        return marks[i:j]

    # -- line filling ---------------------------------------------------------------------------

    def _content_end(self, s: int, p: int) -> int:
        text = self.text
        while p > s and text[p - 1] in _SPACES:
            p -= 1
        return p

    def fit(
        self, width: float, first_indent: float = 0.0, start: int = 0, stop: int | None = None
    ) -> list[Line]:
        """Fill lines of `width` points with characters [start, stop) (both line boundaries, by
        default the whole text); the first line is indented by `first_indent` points."""
        text, cum = self.text, self.cum
        n = len(text) if stop is None else stop
        lines: list[Line] = []
        narrow = (self._runs or self._narrow_runs())[2]
        marks = self._mark_offsets() if self.squeeze else []
        amounts = self._amounts
        s = start
        while s < n:
            left = first_indent if not lines else 0.0
            maxw = width - left
            base = cum[s]
            limit = base + maxw + _EPS
            k = bisect_right(cum, limit, s + 1, n + 1) - 1  # [s, k) fits as it stands
            while k < n and text[k] in _SPACES:  # spaces at the end of a line cost nothing
                k += 1
            if k >= n:
                end = n
            else:
                p = max(k, s + 1)
                while p > s and not can_break(text, p, narrow):
                    p -= 1
                # 挤进: would the next unit fit if the line's punctuation gave up its empty halves?
                q = k + 1 if k > s else s + 1
                while q < n and not can_break(text, q, narrow):
                    q += 1
                cq = self._content_end(s, q)
                # self.squeezable(s, cq), inlined: it is asked once a line
                i = bisect_left(marks, s)
                j = bisect_left(marks, cq, i)
                if i < j and marks[i] == s and text[s] not in _SQUEEZE_RIGHT:
                    i += 1  # an opening mark that starts the line keeps its empty half
                give = sum(map(amounts.__getitem__, marks[i:j])) if i < j else 0
                if cum[cq] - give <= limit:
                    end = q
                elif p > s:
                    end = p  # 推出: the unit that does not fit, with its marks, goes down
                else:
                    # A unit wider than the line (a long Latin word or number, a run of marks):
                    # cut it where the width runs out, avoiding a forbidden start or end if possible.
                    end = max(k, s + 1)
                    while end > s + 1 and (text[end] in NO_START or text[end - 1] in NO_END):
                        end -= 1
            ce = self._content_end(s, end)
            lines.append(Line(s, ce, end, left, maxw, cum[ce] - base))
            s = end
        return lines

    # -- placing --------------------------------------------------------------------------------

    def place(self, line: Line, align: str = "justify", boundaries: Sequence[int] = ()) -> list[Piece]:
        """Positions for the characters of `line`, x measured from the column's left edge.

        `align` is justify, left, center or right; the last line of the paragraph (its end is
        the end of the text) is set flush left when justified. `boundaries` are sorted offsets
        where a piece must start (font changes).
        """
        text, cum = self.text, self.cum
        s, ce = line.start, line.content_end
        if ce <= s:
            return []
        natural = cum[ce] - cum[s]
        after: dict[int, float] = {}  # gap after index reduced by
        before: dict[int, float] = {}  # gap before index reduced by
        used = 0.0
        if natural > line.width + _EPS and self.squeeze:
            found = self._squeeze_marks(s, ce)
            amounts = self._amounts
            avail = sum(map(amounts.__getitem__, found))
            if avail > 0:
                ratio = min(1.0, (natural - line.width) / avail)
                for k in found:
                    amount = amounts[k]
                    if amount:
                        d = amount * ratio
                        if text[k] in _SQUEEZE_RIGHT:
                            after[k] = d
                        else:
                            before[k] = d
                        used += d
        width = natural - used
        narrow_pairs = 0
        run_starts, run_ends, narrow_at = self._runs or self._narrow_runs()
        r = bisect_right(run_ends, s)  # the first run that ends after s
        i = bisect_right(boundaries, s) if boundaries else 0
        j = bisect_left(boundaries, ce, i) if boundaries else 0
        plain = not after and not before and i == j and (r == len(run_starts) or run_starts[r] >= ce)
        if not plain:  # the line is cut where spacing or the font changes
            cuts = {s, ce}
            while r < len(run_starts) and run_starts[r] < ce:
                a = max(run_starts[r], s)
                b = min(run_ends[r], ce)
                cuts.add(a)
                cuts.add(b)
                narrow_pairs += b - a - 1
                r += 1
            cuts.update(boundaries[i:j])
            cuts.update(map((1).__add__, after))  # the gap after a squeezed mark
            cuts.update(before)

        last = line.end >= len(text)
        stretch = 0.0
        narrow_stretch = 0.0  # letters of a Latin word or number are spaced only as a last resort
        x = line.left
        if align == "justify" and not last:
            gaps = ce - s - 1 - narrow_pairs
            if gaps > 0:
                stretch = max(0.0, (line.width - width) / gaps)
            elif ce - s > 1:  # one long Latin word or number fills the line
                stretch = narrow_stretch = max(0.0, (line.width - width) / (ce - s - 1))
        elif align == "center":
            x += (line.width - width) / 2
        elif align == "right":
            x += line.width - width

        if plain:  # one piece: the common justified line of Chinese text
            pieces: list[Piece] = [(s, ce, x, stretch)]
            if line.end > ce:
                x += cum[ce] - cum[s] + (ce - s - 1) * stretch + stretch
                pieces.append((ce, line.end, x, 0.0))
            return pieces
        pieces = []
        order = sorted(cuts)
        squeezed = bool(after or before)
        for a, b in pairwise(order):
            narrow = narrow_at[a]
            cs = narrow_stretch if narrow else stretch
            pieces.append((a, b, x, cs))
            gap = narrow_stretch if narrow and b < ce and narrow_at[b] else stretch
            if squeezed:
                x += cum[b] - cum[a] + (b - a - 1) * cs + gap - after.get(b - 1, 0.0) - before.get(b, 0.0)
            else:  # the same sum: subtracting 0.0 changes no float
                x += cum[b] - cum[a] + (b - a - 1) * cs + gap
        if line.end > ce:
            # Spaces where the line breaks are drawn past its end, where they are invisible, so
            # that text extracted from the page keeps them ("GB/T 15834" broken after "GB/T").
            pieces.append((ce, line.end, x, 0.0))
        return pieces


def break_lines(text: str, widths: Sequence[float], width: float, first_indent: float = 0.0,
                em: float | None = None) -> list[str]:
    """The text of each line (trailing spaces dropped): a convenience for tests and checks.

    `em` defaults to the widest character, i.e. the type size for CJK text."""
    m = Measure(text, widths, em if em is not None else max(widths, default=1.0))
    return [text[ln.start : ln.content_end] for ln in m.fit(width, first_indent)]
