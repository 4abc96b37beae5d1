"""Paragraphs: doctree runs to flowables.

Every paragraph the PDF writer makes goes through `make_paragraph`, which lays it
out with the GB/T 15834 line breaker (CJKParagraph), each run in its own face and
characters a face lacks in the fallback face that has them.
"""

from __future__ import annotations

from collections.abc import Sequence

from yearbook.doctree import Run, RunRole
from yearbook.style import ParaStyle
from yearbook.writers.pdf.fonts import FontSet
from yearbook.writers.pdf.layout import Flowable
from yearbook.writers.pdf.marks import PageMarks
from yearbook.writers.pdf.paragraph import CJKParagraph, paragraph_from_runs


def run_role(run: Run, base_role: str, fonts: FontSet) -> str:
    if run.role is RunRole.TEXT:
        return base_role
    return fonts.char_roles.get(run.role.value, base_role)


def make_paragraph(
    runs: Sequence[Run],
    para_style: ParaStyle,
    fonts: FontSet,
    align: str | None = None,
    marks: PageMarks | None = None,
) -> Flowable:
    """One paragraph flowable in `para_style`, entry and run-in titles in their own faces;
    with `marks`, each run's 索引 terms are recorded where the run's first character lands."""
    spans = [
        (text, fonts.name(role), para_style.size)
        for run in runs
        for role, text in fonts.spans(run_role(run, para_style.font, fonts), run.text)
    ]
    # A lone first line at a column foot is acceptable in CJK setting; a lone
    # last line at a column head is not.
    para = paragraph_from_runs(spans, para_style, align=align, orphans=1, widows=2)
    if marks is not None and any(run.index for run in runs):
        _index_marks(para, runs, marks)
    return para


def _index_marks(para: CJKParagraph, runs: Sequence[Run], marks: PageMarks) -> None:
    total = sum(len(run.text) for run in runs)
    found: list[tuple[int, object]] = []
    offset = 0
    for run in runs:
        if run.index:
            # A mark on an empty run at the end still lands with the last character.
            found.append((max(0, min(offset, total - 1)), run.index))
        offset += len(run.text)
    para.marks = tuple(found)
    para.on_mark = lambda canv, terms: marks.hit(terms, canv)  # type: ignore[arg-type]


def make_text(text: str, para_style: ParaStyle, fonts: FontSet, align: str | None = None) -> Flowable:
    return make_paragraph([Run(text)], para_style, fonts, align)
