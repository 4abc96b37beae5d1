"""A book's front matter: 书名页, 编辑说明 with figures counted from the book, 目录."""

from __future__ import annotations

from dataclasses import dataclass

from yearbook.assemble.book import chinese_ordinal
from yearbook.assemble.facts import Facts, substitute
from yearbook.diagnostics import Diagnostic
from yearbook.doctree import (
    Block,
    Heading,
    OutlineItem,
    Paragraph,
    ParaRole,
    Run,
    TableOfContents,
    TitlePage,
    TocEntry,
)
from yearbook.model import Book

NOTES_TITLE = "编辑说明"
TOC_TITLE = "目录"


@dataclass
class Figures:
    """What the 编辑说明 states about the book, counted from the assembled tree."""

    categories: int  # 类目
    sections: int  # 分目
    entries: int  # 条目
    tables: int
    figures: int
    units: int  # contributing units

    def facts(self) -> Facts:
        """The same numbers as `{{book.…}}` references for the editors' own notes."""
        facts = Facts()
        for name, value in vars(self).items():
            facts[f"book.{name}"] = str(value)
        return facts


def title_page(book: Book) -> TitlePage:
    lines = [str(book.edition), f"{book.unit}\u3000编"]
    if book.publisher:
        lines.append(str(book.publisher))
    return TitlePage(str(book.title), lines)


def _parts(book: Book, has_index: bool) -> str:
    names = [name for name, present in (
        ("特载", book.special), ("大事记", book.chronicle), ("附录", book.appendix), ("索引", has_index)
    ) if present]
    return "、".join(names[:-1]) + ("和" if len(names) > 1 else "") + names[-1] if names else ""


def notes(book: Book, figures: Figures, has_index: bool, problems: list[Diagnostic]) -> list[Block]:
    """The 编辑说明: what the book holds, in numbers counted, never typed."""
    outside = book.chronicle is not None and any(i.outside_year for i in book.chronicle.items)
    said = [
        f"《{book.title}（{book.edition}）》由{book.unit}编纂，记述{book.year}年1月1日至12月31日的情况"
        + ("，个别事项依记述需要适当下延。" if outside else "。"),
    ]
    parts = _parts(book, has_index)
    said.append(
        (f"本卷除{parts}外，" if parts else "本卷")
        + f"设类目{figures.categories}个、分目{figures.sections}个、条目{figures.entries}个，"
        + f"随文编排表格{figures.tables}张、图片{figures.figures}幅；表格、图片全书连续编号。"
    )
    credited = any(c.contributor for c in book.every_chapter())
    if figures.units:  # a book the office wrote itself names no contributing units
        said.append(
            f"本卷资料由{figures.units}个单位提供"
            + ("，各单位供稿署于所供类目或分目之末。" if credited else "。")
        )
    if book.chronicle is not None:
        said.append("大事记按时间顺序排列，以月为单位分组；仅知月份的事项以“是月”记于当月之末。")
    if has_index:
        said.append(
            "卷末设索引，索引词按汉语拼音音序排列；索引词后的数字为其所在页码，"
            "字母a、b分别表示该页的左栏、右栏。"
        )
    facts = figures.facts()
    blocks: list[Block] = [
        Heading(1, NOTES_TITLE, NOTES_TITLE, new_page=True, outline=OutlineItem(0, NOTES_TITLE))
    ]
    for n, text in enumerate(said, 1):
        blocks.append(Paragraph([Run(f"{chinese_ordinal(n)}、{text}")], ParaRole.BODY))
    for n, text in enumerate(book.notes, len(said) + 1):
        shown = substitute(text, facts, problems)
        blocks.append(Paragraph([Run(f"{chinese_ordinal(n)}、{shown}", source=text.loc)], ParaRole.BODY))
    return blocks


def contents(blocks: list[Block], depth: int, leave_out: list[Heading]) -> TableOfContents:
    """目录: every heading down to `depth` (1 类目, 2 分目, 3 次分目), pointing at its anchor."""
    skip = {id(h) for h in leave_out}
    entries = [
        TocEntry(b.level, b.text, b.anchor or "")
        for b in blocks
        if isinstance(b, Heading) and b.level <= depth and id(b) not in skip
    ]
    return TableOfContents(TOC_TITLE, entries)
