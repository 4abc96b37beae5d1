"""Paragraphs: doctree runs to flowables.

Every paragraph the PDF writer makes goes through `make_paragraph`, which lays it
out with the GB/T 15834 line breaker (CJKParagraph), each run in its own face and
characters a face lacks in the fallback face that has them.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable

from yearbook.doctree import Run, RunRole
from yearbook.style import ParaStyle
from yearbook.writers.pdf.fonts import FontSet
from yearbook.writers.pdf.paragraph import paragraph_from_runs


def run_role(run: Run, base_role: str, fonts: FontSet) -> str:
    if run.role is RunRole.TEXT:
        return base_role
    return fonts.char_roles.get(run.role.value, base_role)


def make_paragraph(
    runs: Sequence[Run], para_style: ParaStyle, fonts: FontSet, align: str | None = None
) -> Flowable:
    """One paragraph flowable in `para_style`, entry and run-in titles in their own faces."""
    spans = [
        (text, fonts.name(role), para_style.size)
        for run in runs
        for role, text in fonts.spans(run_role(run, para_style.font, fonts), run.text)
    ]
    # A lone first line at a column foot is acceptable in CJK setting; a lone
    # last line at a column head is not.
    return paragraph_from_runs(spans, para_style, align=align, orphans=1, widows=2)


def make_text(text: str, para_style: ParaStyle, fonts: FontSet, align: str | None = None) -> Flowable:
    return make_paragraph([Run(text)], para_style, fonts, align)
