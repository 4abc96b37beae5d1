"""Book to document tree."""

from __future__ import annotations

from yearbook.assemble.facts import Facts, compute_facts, is_used, substitute
from yearbook.assemble.figures import FigureMaker
from yearbook.assemble.marks import split_marks
from yearbook.assemble.numbering import Numbering, resolve
from yearbook.assemble.tables import free_table, generated_table, select
from yearbook.diagnostics import Diagnostic, Severity, YearbookError
from yearbook.doctree import (
    Block,
    Document,
    Heading,
    Metadata,
    OutlineItem,
    Paragraph,
    ParaRole,
    Run,
    RunRole,
)
from yearbook.i18n import register
from yearbook.model import Article, ArticleHeading, Book, Chapter, Entry, Figure, FreeTable, Records
from yearbook.text import Text

register(
    {
        "assemble.empty_table": (
            "表格“{caption}”没有可列出的记录",
            "table '{caption}' has no records to list",
        ),
        "assemble.kind_needs_meetings": (
            "只有会议表格（from: meetings）可以按类别筛选",
            "only meeting tables (from: meetings) can be filtered by kind",
        ),
        "assemble.unused_record": (
            "记录“{name}”既不在任何表格中，也没有被正文引用，不会出现在输出中",
            "the record '{name}' is in no table and no text refers to it: it will not appear in the output",
        ),
        "assemble.ragged_row": (
            "这一行有 {cells} 格，表头有 {columns} 列",
            "this row has {cells} cells but the table has {columns} columns",
        ),
    }
)

CHINESE_NUMERALS = "一二三四五六七八九十"


def chinese_ordinal(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (heading numbers 一、二、…)."""
    if n <= 10:
        return CHINESE_NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CHINESE_NUMERALS[tens - 1]
    return head + "十" + (CHINESE_NUMERALS[ones - 1] if ones else "")


class _Assembler:
    """Chapters to blocks. `indexing` (a whole book) puts 索引 terms on the runs."""

    def __init__(self, book: Book, indexing: bool = False):
        self.book = book
        self.problems: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []
        self.indexing = indexing
        # One numbering of tables and of figures through the whole document, units included.
        self.numbers = {"table": Numbering("表", book.first_table_number), "figure": Numbering("图")}
        self.references: dict[str, list] = {}  # `{{figure.x}}` written in text, filled in at the end
        self.figures = FigureMaker(self.numbers["figure"], self.problems)
        self.tabled: set[int] = set()  # ids of records shown in a table
        self.blocks: list[Block] = []

    def runs(self, text: Text, facts: Facts) -> list[Run]:
        """Printed runs of a text: facts filled in, index marks taken out."""
        out = []
        for piece in split_marks(text, self.problems):
            terms = piece.terms if self.indexing else ()
            shown = substitute(piece.text, facts, self.problems)
            if shown or terms:
                out.append(Run(shown, RunRole.TEXT, piece.text.loc, terms))
        return out or [Run("", RunRole.TEXT, text.loc)]

    def chapter(self, chapter: Chapter, level: int = 1, running_head: str | None = None) -> None:
        """A chapter as a 类目 (level 1), or re-levelled as a 分目 (level 2) whose
        分目 become 次分目 (level 3); 次分目 keep the running head of their 分目."""
        facts, problems = compute_facts(chapter.records)
        self.problems.extend(problems)
        facts.references = self.references
        title = str(chapter.title)
        head = title if level <= 2 else (running_head or title)
        self.blocks.append(
            Heading(
                level,
                title,
                head,
                new_page=level == 1,
                outline=OutlineItem(level - 1, title),
                source=chapter.title.loc,
            )
        )
        for article in chapter.articles:
            self.article(article, facts, level)
        for section in chapter.sections:
            heading = str(section.title)
            sub = min(level + 1, 3)
            outline = OutlineItem(sub - 1, heading)
            section_head = heading if sub <= 2 else head
            self.blocks.append(Heading(sub, heading, section_head, outline=outline, source=section.title.loc))
            for entry in section.entries:
                self.entry(entry, facts, chapter.records, sub)
        self.unused(chapter.records, facts)
        if chapter.contributor is not None:
            c = chapter.contributor
            who = f"{c.unit}\u3000{c.person}" if c.person else str(c.unit)
            self.blocks.append(Paragraph([Run(f"（{who}供稿）", RunRole.TEXT, c.loc)], ParaRole.CREDIT))
        for included in chapter.included:
            self.chapter(included, min(level + 1, 3), head)

    def unused(self, records: Records, facts: Facts) -> None:
        for record in records.all():
            if id(record) not in self.tabled and not is_used(record, facts):
                labels = ("name", "subject", "topic", "title")
                name = next(
                    (str(getattr(record, a)) for a in labels if hasattr(record, a)),
                    "、".join(getattr(record, "names", [])),
                )
                warning = Diagnostic("assemble.unused_record", {"name": name}, record.loc)
                warning.severity = Severity.WARNING
                self.warnings.append(warning)

    def entry(self, entry: Entry, facts: Facts, records: Records, level: int = 2) -> None:
        terms = (str(entry.title), *(str(t) for t in entry.index)) if self.indexing else ()
        title = Run(f"【{entry.title}】", RunRole.ENTRY_TITLE, entry.title.loc, tuple(dict.fromkeys(terms)))
        outline = OutlineItem(level, str(entry.title))
        paragraphs = [self.runs(p, facts) for p in entry.paragraphs]
        for part in entry.parts:
            head = Run(str(part.title), RunRole.RUNIN_TITLE, part.title.loc)
            texts = [self.runs(p, facts) for p in part.paragraphs] or [[]]
            texts[0].insert(0, head)
            paragraphs.extend(texts)
        if not paragraphs:
            paragraphs = [[]]
        paragraphs[0].insert(0, title)
        for i, runs in enumerate(paragraphs):
            self.blocks.append(Paragraph(runs, ParaRole.BODY, outline=outline if i == 0 else None))
        for spec in entry.tables:
            number = self.numbers["table"].take(spec.id, self.problems)
            if isinstance(spec, FreeTable):
                for row in spec.rows:
                    if len(row) != len(spec.columns):
                        loc = row[0].loc if row else spec.loc
                        args = {"cells": len(row), "columns": len(spec.columns)}
                        self.problems.append(Diagnostic("assemble.ragged_row", args, loc))
                table = free_table(number, spec)
            else:
                if spec.kind is not None and spec.source.value != "meetings":
                    self.problems.append(Diagnostic("assemble.kind_needs_meetings", {}, spec.loc))
                self.tabled.update(id(r) for r in select(records, spec))
                if not select(records, spec):
                    self.problems.append(
                        Diagnostic("assemble.empty_table", {"caption": spec.caption}, spec.caption.loc)
                    )
                table = generated_table(number, spec, records)
            self.blocks.append(table)
        self.blocks += self.figures.figures(entry.figures)

    def article(self, article: Article, facts: Facts, level: int = 1) -> None:
        title = str(article.title)
        self.blocks.append(
            Paragraph(
                [Run(title, RunRole.TEXT, article.title.loc)],
                ParaRole.ARTICLE_TITLE,
                outline=OutlineItem(level, title),
                heading_level=min(level + 1, 3),
            )
        )
        for role, value in ((ParaRole.SUBTITLE, article.subtitle), (ParaRole.BYLINE, article.byline)):
            if value is not None:
                self.blocks.append(Paragraph([Run(str(value), RunRole.TEXT, value.loc)], role))
        number = 0
        for item in article.body:
            if isinstance(item, ArticleHeading):
                number += 1
                prefix = f"{chinese_ordinal(number)}、" if article.numbered else ""
                text = prefix + str(item.text)
                self.blocks.append(
                    Paragraph(
                        [Run(text, RunRole.TEXT, item.text.loc)],
                        ParaRole.ARTICLE_HEADING,
                        outline=OutlineItem(level + 1, text),
                        heading_level=3,
                    )
                )
            elif isinstance(item, Figure):
                self.blocks += self.figures.figures([item])
            else:
                self.blocks.append(Paragraph(self.runs(item, facts), ParaRole.BODY))


def assemble(book: Book) -> Document:
    """The document tree of a book; raises YearbookError listing every problem."""
    return assemble_with_warnings(book)[0]


def assemble_with_warnings(book: Book) -> tuple[Document, list[Diagnostic]]:
    """The document tree, and warnings about what the user wrote that it leaves out."""
    if book.whole:
        from yearbook.assemble.whole import assemble_whole

        return assemble_whole(book)
    a = _Assembler(book)
    front = a.figures.plates(book.plates)
    for chapter in book.chapters:
        a.chapter(chapter)
    resolve(a.blocks, a.numbers, a.references, a.problems)
    if a.problems:
        raise YearbookError(a.problems)
    set_anchors(a.blocks)
    return Document(metadata(book), a.blocks, front), a.warnings


def metadata(book: Book) -> Metadata:
    return Metadata(
        title=str(book.title),
        author=str(book.unit),
        subject=f"{book.title}（{book.edition}）",
        edition=book.edition,
        year=book.year,
    )


def set_anchors(blocks: list[Block], prefix: str = "h") -> None:
    """A stable id for every heading, from its place in the outline: h3, h3-2, h3-2-1."""
    counts = [0, 0, 0]
    for block in blocks:
        if isinstance(block, Heading):
            depth = min(max(block.level, 1), 3)
            counts[depth - 1] += 1
            counts[depth:] = [0] * (3 - depth)
            block.anchor = prefix + "-".join(str(n) for n in counts[:depth])
