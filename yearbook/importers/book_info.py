"""书名, 编纂单位 and 记述年度 when the source does not say them outright."""

from __future__ import annotations

import re
from collections import Counter

from yearbook import model as m
from yearbook.importers.patterns import BOOK_TITLE, NO_UNIT
from yearbook.importers.records import caption_year
from yearbook.importers.source import Block, Para, Source, TableBlock


def book_names(source: Source, title_line: str | None, chapters: list[m.Chapter]) -> tuple[str, str]:
    """书名 and 编纂单位: from the document's properties or its title line, else from the
    first chapter named for a unit; a book of articles alone gets placeholders
    (BOOK_TITLE, NO_UNIT) to fill in."""
    title = source.title or title_line
    first = str(chapters[0].title)
    if title is None and first and chapters[0].sections:
        title = f"{first}年鉴"
    if title is None:
        return BOOK_TITLE, NO_UNIT
    return title, source.unit or re.sub(r"年鉴$", "", title) or first


def guess_year(chapters: list[m.Chapter], blocks: list[Block]) -> int | None:
    """The recorded year as the source implies it: the year table captions name (weighted,
    a caption names the year its table records), else the year the text names most."""
    years: Counter[int] = Counter()
    for chapter in chapters:
        for spec in (t for s in chapter.sections for e in s.entries for t in e.tables):
            y = caption_year(str(spec.caption))
            if y:
                years[y] += 10
    for b in blocks:
        texts = [b.text] if isinstance(b, Para) else (
            [c for r in b.rows for c in r] if isinstance(b, TableBlock) else [])
        for text in texts:
            for y in re.findall(r"((?:19|20)\d\d)年", text):
                years[int(y)] += 1
    return years.most_common(1)[0][0] if years else None
