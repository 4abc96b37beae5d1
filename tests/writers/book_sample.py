"""A synthetic book as a document tree: 书名页, 编辑说明 and 目录 in the front, 类目 on right-hand
pages with 分目 and 次分目, 条目 with 索引 marks (some inside long paragraphs, so that they
land anywhere in a column), tables, a 大事记 and the 索引 at the back.

Every marked term begins a run whose text is unique in the book (`term_text`), so a test can
find where the term really is in the PDF and compare it with the index's reference.
"""

from __future__ import annotations

from yearbook.doctree import (
    Block,
    Cell,
    Column,
    Document,
    Heading,
    Index,
    IndexEntry,
    IndexGroup,
    Metadata,
    OutlineItem,
    Paragraph,
    ParaRole,
    Run,
    RunRole,
    Table,
    TableOfContents,
    TitlePage,
    TocEntry,
)

TITLE = "嘉峪关年鉴（2023）"
FILLER = (
    "全年召开专题议政性常委会会议和专题协商会议，围绕全市中心工作建言资政，"
    "组织委员深入基层开展调研视察，形成调研报告并报送市委市政府参阅，"
    "推动解决群众关心关注的操心事、烦心事、难心事。"
)
CATEGORY_NAMES = ("综合", "政治", "经济", "城市建设", "农业农村", "工业", "商贸", "财政金融", "教育", "科技")
SECTION_NAMES = ("综述", "重要会议", "专项工作", "队伍建设", "交流合作")
# Pinyin initials the synthetic terms are filed under, with a word to make each term from.
LETTERS = (("B", "边防"), ("C", "城建"), ("D", "党建"), ("G", "工业"), ("J", "教育"), ("K", "科技"),
           ("N", "农业"), ("S", "商贸"), ("W", "文化"), ("Z", "政协"))


def term_text(n: int) -> str:
    """The n-th term, as written in the text: unique in the book."""
    _, word = LETTERS[n % len(LETTERS)]
    return f"{word}第{n}项"


def category_title(c: int) -> str:
    return f"第{c + 1}编　{CATEGORY_NAMES[c % len(CATEGORY_NAMES)]}"


def section_title(c: int, s: int) -> str:
    return f"{SECTION_NAMES[s % len(SECTION_NAMES)]}（{c + 1}-{s + 1}）"


class BookMaker:
    def __init__(self, categories: int, sections: int = 3, entries: int = 6, long_every: int = 3):
        self.categories = categories
        self.sections = sections
        self.entries = entries
        self.long_every = long_every
        self.terms: list[str] = []
        self.toc: list[TocEntry] = []
        self.table_number = 0

    def term(self) -> tuple[str, ...]:
        t = term_text(len(self.terms))
        self.terms.append(t)
        return (t,)

    def heading(self, level: int, text: str, running: str, anchor: str, **kw) -> Heading:
        self.toc.append(TocEntry(level, text, anchor))
        return Heading(level, text, running, outline=OutlineItem(level - 1, text), anchor=anchor, **kw)

    def entry(self, c: int, s: int, e: int) -> Paragraph:
        title = f"条目{c + 1}-{s + 1}-{e + 1}"
        runs = [Run(f"【{title}】", RunRole.ENTRY_TITLE), Run(FILLER)]
        # A long paragraph with marks spread through it, so that some fall after a column or
        # page break inside the paragraph.
        n = 1 + (e % self.long_every) * 4
        for _ in range(n):
            terms = self.term()
            runs += [Run(terms[0], index=terms), Run(FILLER)]
        return Paragraph(runs, outline=OutlineItem(2, title))

    def table(self, c: int) -> Table:
        self.table_number += 1
        rows = [[Cell(f"项目{i + 1}"), Cell(f"{i + 3}月"), Cell(FILLER[: 20 + i * 3])] for i in range(8)]
        cols = [Column("项目", 2), Column("时间", 1, "center"), Column("内容", 5)]
        return Table(self.table_number, f"{CATEGORY_NAMES[c % len(CATEGORY_NAMES)]}工作一览表", cols, rows)

    def category(self, c: int) -> list[Block]:
        title = category_title(c)
        blocks: list[Block] = [self.heading(1, title, title, f"c{c}", odd_page=True, index=self.term())]
        for s in range(self.sections):
            stitle = section_title(c, s)
            blocks.append(self.heading(2, stitle, stitle, f"c{c}s{s}", index=self.term()))
            if s == 1:
                sub = f"专题（{c + 1}-{s + 1}）"
                blocks.append(self.heading(3, sub, stitle, f"c{c}s{s}x"))
            blocks += [self.entry(c, s, e) for e in range(self.entries)]
            if s == 0 and c % 2 == 0:
                blocks.append(self.table(c))
        blocks.append(Paragraph([Run(f"（{title}编写组供稿）")], ParaRole.CREDIT))
        return blocks

    def chronicle(self) -> list[Block]:
        blocks: list[Block] = [self.heading(1, "大事记", "大事记", "chronicle", odd_page=True)]
        for month in range(1, 13):
            blocks.append(self.heading(2, f"{month}月", "大事记", f"m{month}"))
            for day in (3, 15, 27):
                blocks.append(Paragraph([Run(f"{day}日", RunRole.DATE), Run("\u3000" + FILLER[:60])]))
        return blocks

    def index(self) -> Index:
        groups: dict[str, list[IndexEntry]] = {}
        for n, term in enumerate(self.terms):
            see = [self.terms[n - 1]] if n % 7 == 3 else []
            groups.setdefault(LETTERS[n % len(LETTERS)][0], []).append(IndexEntry(term, see))
        return Index("索引", [IndexGroup(letter, groups[letter]) for letter in sorted(groups)])

    def document(self, front: bool = True, chronicle: bool = True) -> Document:
        doc = Document(Metadata(TITLE, "嘉峪关市地方志办公室", edition=2023, year=2022))
        for c in range(self.categories):
            doc.blocks += self.category(c)
        if chronicle:
            doc.blocks += self.chronicle()
        doc.blocks.append(Heading(1, "索引", "索引", outline=OutlineItem(0, "索引"), odd_page=True, anchor="index"))
        doc.blocks.append(self.index())
        if front:
            body_toc = [e for e in self.toc if e.level <= 2]
            doc.front = [
                TitlePage(TITLE, ["嘉峪关市地方志办公室　编", "甘肃人民出版社"]),
                Heading(1, "编辑说明", "编辑说明", outline=OutlineItem(0, "编辑说明"), odd_page=True,
                        anchor="notes"),
                Paragraph([Run(f"本卷共设{self.categories}个类目。" + FILLER * 3)]),
                TableOfContents("目录", [*body_toc, TocEntry(1, "索引", "index")]),
            ]
        return doc


def make_book(categories: int = 6, **kw) -> tuple[Document, list[str]]:
    """A book Document and its marked terms in order."""
    maker = BookMaker(categories, **kw)
    doc = maker.document()
    return doc, maker.terms
