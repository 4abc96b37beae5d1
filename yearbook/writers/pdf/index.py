"""索引: the terms under their letters, each with the pages and columns where it lands.

The index stands after the text it refers to, so when its band is first laid out every
mark before it has been drawn and recorded (`PageMarks.hits`); the band makes its
paragraphs then, from the real positions, in the usual yearbook form `123a` / `123b`
(a the left column, b the right). Marks after the index (an appendix behind it) are
found missing after the build, and `write_pdf` sets the book again with the references
of the first pass (`preset`).
"""

from __future__ import annotations

from yearbook.doctree import Index, IndexEntry, Run
from yearbook.style import Style
from yearbook.writers.pdf.columns import ColumnBand
from yearbook.writers.pdf.fonts import FontSet
from yearbook.writers.pdf.layout import Flowable
from yearbook.writers.pdf.marks import PageMarks
from yearbook.writers.pdf.text import make_paragraph

SEE_ALSO = "参见"
_COLUMN_LETTERS = "abcdefgh"


def index_columns(style: Style) -> int:
    """The index is set in one column more than the text: smaller type, short lines."""
    return style.page.columns + 1


def references(marks: PageMarks, term: str, columns: int) -> list[str]:
    """`123a`-style references of a term, in page order, each page and column once."""
    seen: list[tuple[int, int]] = []
    for hit in sorted(marks.hits.get(term, ())):
        if hit not in seen:
            seen.append(hit)
    letters = columns > 1
    return [marks.folio(page) + (_COLUMN_LETTERS[col] if letters else "") for page, col in seen]


def entry_text(entry: IndexEntry, refs: list[str]) -> list[Run]:
    runs = [Run(entry.term)]
    if refs:
        runs.append(Run("\u3000" + "，".join(refs)))
    if entry.see_also:
        runs.append(Run(("；" if refs else "\u3000") + SEE_ALSO + " " + "、".join(entry.see_also)))
    return runs


class IndexBand(ColumnBand):
    """The index's column band, its content made when it is first laid out."""

    def __init__(
        self,
        index: Index,
        style: Style,
        fonts: FontSet,
        marks: PageMarks,
        preset: dict[str, list[str]] | None = None,
    ):
        page = style.page
        super().__init__([], index_columns(style), page.column_gap, page.frame_height)
        self.index = index
        self.style = style
        self.fonts = fonts
        self.marks = marks
        self.preset = preset
        self.refs: dict[str, list[str]] | None = None  # what was set, to compare after the build

    def _layout(self, canv, aW: float, aH: float):
        if self.refs is None:
            self.items[:] = self._items()
        return super()._layout(canv, aW, aH)

    def _items(self) -> list[Flowable]:
        letter_style = self.style.para("index_letter")
        entry_style = self.style.para("index_entry")
        self.refs = {}
        items: list[Flowable] = []
        for group in self.index.groups:
            head = make_paragraph([Run(group.letter)], letter_style, self.fonts)
            head.keepWithNext = True
            items.append(head)
            for entry in group.entries:
                if self.preset is not None:
                    refs = self.preset.get(entry.term, [])
                else:
                    refs = references(self.marks, entry.term, self.style.page.columns)
                self.refs[entry.term] = refs
                items.append(make_paragraph(entry_text(entry, refs), entry_style, self.fonts))
        return items
