"""The page loop (yearbook.writers.pdf.layout): where items land, page by page, and that a
build never loads reportlab.platypus (its import cost a sixth of a chapter build)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from yearbook.writers.pdf.layout import (
    ActionFlowable,
    CondPageBreak,
    Flowable,
    Frame,
    LayoutError,
    PageBreak,
    PageLoop,
)

ROOT = Path(__file__).resolve().parents[2]
HEIGHT = 100.0
FRAME = Frame(20.0, 30.0, 200.0, HEIGHT)


class Box(Flowable):
    """A block of fixed height that records where it is drawn: (page, bottom y)."""

    def __init__(self, log: list, name: str, height: float, before: float = 0, after: float = 0,
                 keep: bool = False, lines: int = 0):
        super().__init__()
        self.log, self.name = log, name
        self.height = height
        self.spaceBefore, self.spaceAfter = before, after
        self.keepWithNext = keep
        self.lines = lines  # > 0: splits between lines of height / lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        if not self.lines:
            return []
        leading = self.height / self.lines
        fit = int(availHeight // leading)
        if fit < 1 or fit >= self.lines:
            return []
        return [
            Box(self.log, self.name + "/1", fit * leading, self.spaceBefore, 0, lines=fit),
            Box(self.log, self.name + "/2", (self.lines - fit) * leading, 0, self.spaceAfter,
                lines=self.lines - fit),
        ]

    def draw(self) -> None:
        self.log.append((self.name, self.canv.getPageNumber(), round(self.canv._currentMatrix[5], 3)))


class Mark(Flowable):
    _ZEROSIZE = True
    keepWithNext = True

    def __init__(self, log: list, name: str):
        super().__init__()
        self.log, self.name = log, name

    def draw(self) -> None:
        self.log.append((self.name, self.canv.getPageNumber(), round(self.canv._currentMatrix[5], 3)))


def lay_out(story: list[Flowable]) -> int:
    """Pages made."""
    canvas = Canvas(io.BytesIO(), pagesize=(240, 160), invariant=1)
    ends: list[int] = []
    PageLoop(lambda page: FRAME, lambda canv: ends.append(canv.getPageNumber())).lay_out(canvas, story)
    assert ends == list(range(1, len(ends) + 1))  # every page ended once, in order
    return len(ends)


TOP = 30.0 + HEIGHT


def test_items_stack_from_the_top_with_spaces_that_overlap():
    log: list = []
    pages = lay_out([Box(log, "a", 20, before=7, after=5), Box(log, "b", 10, before=8), Box(log, "c", 10, before=3)])
    # No space before the first item at the top; 8 after a 5: 8 in all; 3 after 0: 3.
    assert log == [("a", 1, TOP - 20), ("b", 1, TOP - 20 - 8 - 10), ("c", 1, TOP - 38 - 3 - 10)]
    assert pages == 1


def test_an_item_that_does_not_fit_moves_on_and_its_space_before_vanishes_at_the_top():
    log: list = []
    lay_out([Box(log, "a", 80), Box(log, "b", 30, before=6)])
    assert log == [("a", 1, TOP - 80), ("b", 2, TOP - 30)]


def test_a_splittable_item_fills_the_page_and_goes_on():
    log: list = []
    lay_out([Box(log, "a", 75), Box(log, "b", 50, lines=5)])
    assert log == [("a", 1, TOP - 75), ("b/1", 1, TOP - 95), ("b/2", 2, TOP - 30)]


def test_kept_with_next_moves_on_with_the_next_item():
    log: list = []
    lay_out([Box(log, "a", 60), Mark(log, "m"), Box(log, "h", 20, keep=True), Box(log, "p", 30)])
    # h fits under a, p does not: the marker, h and p start the next page together.
    assert [(n, p) for n, p, _ in log] == [("a", 1), ("m", 2), ("h", 2), ("p", 2)]


def test_a_kept_group_too_tall_for_any_page_starts_a_page_and_is_set_anyway():
    log: list = []
    lay_out([Box(log, "a", 10), Box(log, "h", 20, keep=True), Box(log, "p", 150, lines=15)])
    assert [(n, p) for n, p, _ in log] == [("a", 1), ("h", 2), ("p/1", 2), ("p/2", 3)]


def test_a_marker_takes_no_room_even_at_the_page_foot():
    log: list = []
    m = Mark(log, "m")
    m.keepWithNext = False
    lay_out([Box(log, "a", HEIGHT), m, Box(log, "b", 10)])
    assert [(n, p) for n, p, _ in log] == [("a", 1), ("m", 1), ("b", 2)]


def test_cond_page_break_breaks_only_when_the_room_is_short():
    log: list = []
    pages = lay_out([Box(log, "a", 50), CondPageBreak(45), Box(log, "b", 10), CondPageBreak(45), Box(log, "c", 10)])
    assert [(n, p) for n, p, _ in log] == [("a", 1), ("b", 1), ("c", 2)]
    assert pages == 2


def test_page_breaks_and_no_empty_page_at_the_end():
    log: list = []
    pages = lay_out([Box(log, "a", 10), PageBreak(), Box(log, "b", 10), PageBreak()])
    assert [(n, p) for n, p, _ in log] == [("a", 1), ("b", 2)]
    assert pages == 2


def test_actions_run_in_turn():
    seen: list[int] = []

    class Note(ActionFlowable):
        def apply(self, loop: PageLoop) -> None:
            seen.append(loop.canv.getPageNumber())

    log: list = []
    lay_out([Box(log, "a", 90), Note(), Box(log, "b", 20), Note()])
    assert seen == [1, 2]


def test_an_item_too_tall_for_any_page_that_cannot_break_is_an_error():
    log: list = []
    with pytest.raises(LayoutError, match="too large"):
        lay_out([Box(log, "a", 10), Box(log, "b", 2 * HEIGHT)])


def test_a_forced_item_is_told_it_was_postponed():
    log: list = []
    seen: list[bool] = []

    class Stubborn(Box):
        def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
            seen.append(self.postponed)
            if not self.postponed:
                return []
            return [Box(self.log, "s/1", availHeight), Box(self.log, "s/2", self.height - availHeight)]

    lay_out([Box(log, "a", 10), Stubborn(log, "s", 150)])
    assert seen == [False, True]
    assert [(n, p) for n, p, _ in log] == [("a", 1), ("s/1", 2), ("s/2", 3)]


def test_a_build_never_imports_platypus(tmp_path):
    # One process (YEARBOOK_JOBS=1): the checks and the DOCX run in it too.
    code = (
        "import sys\n"
        "from yearbook.cli import main\n"
        f"code = main(['build', {str(ROOT / 'data')!r}, '-o', {str(tmp_path)!r}])\n"
        "print(sorted(m for m in sys.modules if m.startswith('reportlab.platypus')))\n"
        "sys.exit(code)\n"
    )
    env = {**os.environ, "YEARBOOK_JOBS": "1"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
    assert list(tmp_path.glob("*.pdf")), "no PDF was written"
