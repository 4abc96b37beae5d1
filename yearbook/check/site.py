"""Every text of a book, with what a rule needs to know about where it stands."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from yearbook import model as m
from yearbook.check.chars import keys_and_marks, mask_references
from yearbook.dates import first_day
from yearbook.text import Text

# Roles: what a text is in the book. Rules say which roles they read.
BOOK_FIELD = "book_field"
TITLE = "title"  # chapter, section, article titles, article headings
ENTRY_TITLE = "entry_title"
PART_TITLE = "part_title"
PARAGRAPH = "paragraph"  # entry and article paragraphs: running prose
CAPTION = "caption"
CELL = "cell"  # free table header and cells
RECORD = "record"  # text fields of records (they print in generated tables)
BYLINE = "byline"

PROSE = frozenset({PARAGRAPH})
ALL = frozenset({BOOK_FIELD, TITLE, ENTRY_TITLE, PART_TITLE, PARAGRAPH, CAPTION, CELL, RECORD, BYLINE})

_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d\d)年")


@dataclass
class Site:
    text: Text
    role: str
    year: int  # the year this text records (dates outside it are worth a warning)
    chapter: m.Chapter | None = None
    group: str = ""  # the entry or article it belongs to, for repeated sentences
    masked: str = field(init=False)

    def __post_init__(self) -> None:
        self.masked = mask_references(str(self.text))

    @cached_property
    def keyed(self) -> str:
        """keys_and_marks of the masked text: the clauses' and sentences' keys, for the
        rules that compare them."""
        return keys_and_marks(self.masked)


def _article_year(article: m.Article, default: int) -> int:
    """A work summary says which year it covers (——酒泉市政协2023年工作综述)."""
    for text in (article.subtitle, article.title):
        if text:
            found = _YEAR_IN_TITLE.search(text)
            if found:
                return int(found.group(1))
    return default


def _record_texts(records: m.Records) -> Iterator[Text]:
    for rec in records.all():
        for value in vars(rec).values():
            if isinstance(value, Text):
                yield value
            elif isinstance(value, list):
                yield from (v for v in value if isinstance(v, Text))


def _figure(figure: m.Figure, year: int, chapter: m.Chapter | None, group: str) -> Iterator[Site]:
    yield Site(figure.caption, CAPTION, year, chapter, group)
    if figure.credit is not None:
        yield Site(figure.credit.name, BYLINE, year, chapter, group)


def walk(book: m.Book) -> Iterator[Site]:
    """Book → chapters → sections → entries → paragraphs, parts, tables; articles; records."""
    year = book.year
    for text in (book.title, book.unit):
        yield Site(text, BOOK_FIELD, year)
    for page in book.plates:
        for photo in page.photos:
            yield from _figure(photo, year, None, "plates")
    for ci, chapter in enumerate(book.every_chapter()):
        yield Site(chapter.title, TITLE, year, chapter)
        if chapter.contributor:
            for text in (chapter.contributor.unit, chapter.contributor.person):
                if text:
                    yield Site(text, BYLINE, year, chapter)
        for si, section in enumerate(chapter.sections):
            yield Site(section.title, TITLE, year, chapter)
            for ei, entry in enumerate(section.entries):
                group = f"c{ci}s{si}e{ei}"
                yield Site(entry.title, ENTRY_TITLE, year, chapter, group)
                for para in entry.paragraphs:
                    yield Site(para, PARAGRAPH, year, chapter, group)
                for part in entry.parts:
                    yield Site(part.title, PART_TITLE, year, chapter, group)
                    for para in part.paragraphs:
                        yield Site(para, PARAGRAPH, year, chapter, group)
                for table in entry.tables:
                    yield Site(table.caption, CAPTION, year, chapter, group)
                    if isinstance(table, m.FreeTable):
                        for cell in [*table.columns, *(c for row in table.rows for c in row)]:
                            if cell:
                                yield Site(cell, CELL, year, chapter, group)
                for figure in entry.figures:
                    yield from _figure(figure, year, chapter, group)
        for ai, article in enumerate(chapter.articles):
            group = f"c{ci}a{ai}"
            a_year = _article_year(article, year)
            yield Site(article.title, TITLE, a_year, chapter, group)
            if article.subtitle:
                yield Site(article.subtitle, TITLE, a_year, chapter, group)
            if article.byline:
                yield Site(article.byline, BYLINE, a_year, chapter, group)
            for item in article.body:
                if isinstance(item, m.ArticleHeading):
                    yield Site(item.text, TITLE, a_year, chapter, group)
                elif isinstance(item, m.Figure):
                    yield from _figure(item, a_year, chapter, group)
                else:
                    yield Site(item, PARAGRAPH, a_year, chapter, group)
        for text in _record_texts(chapter.records):
            yield Site(text, RECORD, year, chapter, f"c{ci}records")
    yield from _book_parts(book)


def _book_parts(book: m.Book) -> Iterator[Site]:
    """A whole book's own texts: publisher, 编辑说明, 大事记, 参见."""
    year = book.year
    if book.publisher:
        yield Site(book.publisher, BOOK_FIELD, year)
    for para in book.notes:
        yield Site(para, PARAGRAPH, year, None, "notes")
    if book.chronicle is not None:
        if book.chronicle.title:
            yield Site(book.chronicle.title, TITLE, year)
        for i, item in enumerate(book.chronicle.items):
            # An item marked outside the year records the year it is dated in.
            item_year = first_day(item.date).year if item.outside_year else year
            yield Site(item.text, PARAGRAPH, item_year, None, f"chronicle{i}")
    for see in book.see_also:
        for text in (see.term, *see.see):
            yield Site(text, TITLE, year)
