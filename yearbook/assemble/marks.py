"""Index marks written in text: `[[term]]`, or `[[shown text|term]]`.

Double square brackets never occur in Chinese prose and cannot be mistaken for a
`{{fact}}` reference. The mark is removed from the printed text; the characters it
shows become a run of their own carrying the term, so the term's page and column
are those of its first character.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from yearbook.diagnostics import Diagnostic
from yearbook.i18n import register
from yearbook.text import Text

register(
    {
        "index.empty_mark": (
            "索引标记“{mark}”没有内容：写成 [[索引词]] 或 [[正文文字|索引词]]",
            "the index mark '{mark}' is empty: write [[term]] or [[shown text|term]]",
        ),
        "index.unclosed": (
            "“[[”与“]]”不成对：索引标记写成 [[索引词]] 或 [[正文文字|索引词]]",
            "unmatched '[[' or ']]': write an index mark as [[term]] or [[shown text|term]]",
        ),
    }
)

MARK = re.compile(r"\[\[([^\[\]]*)\]\]")


@dataclass
class Piece:
    """A stretch of printed text and the index terms anchored at its first character."""

    text: Text
    terms: tuple[str, ...] = ()


def split_marks(text: Text, problems: list[Diagnostic]) -> list[Piece]:
    """The text as printed, in pieces; every mark problem is reported where it was written."""
    if "[[" not in text and "]]" not in text:
        return [Piece(text)]
    pieces: list[Piece] = []
    at = 0
    for match in MARK.finditer(text):
        if match.start() > at:
            pieces.append(Piece(text.part(at, match.start())))
        inner = match[1]
        shown_start = match.start() + 2
        shown, bar, term = inner.partition("|")
        if not bar:
            term = inner
        if not shown.strip() or not term.strip():
            problems.append(Diagnostic("index.empty_mark", {"mark": match[0]}, text.position(match.start())))
        pieces.append(Piece(text.part(shown_start, shown_start + len(shown)), (term.strip(),)))
        at = match.end()
    if at < len(text):
        pieces.append(Piece(text.part(at, len(text))))
    spans = [m.span() for m in MARK.finditer(text)]
    for needle in ("[[", "]]"):
        i = text.find(needle)
        while i >= 0:
            if not any(a <= i < b for a, b in spans):
                problems.append(Diagnostic("index.unclosed", {}, text.position(i)))
                return pieces
            i = text.find(needle, i + 1)
    return pieces
