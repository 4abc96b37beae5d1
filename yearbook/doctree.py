"""The format-neutral document tree that both writers read.

Assembly decides everything that does not depend on the output format (numbers,
captions, formatted dates, computed text, running heads, outline levels); the
DOCX and PDF writers only lay this tree out. Nothing here knows YAML or the model.

Glossary: 类目 category (heading level 1), 分目 section (level 2), 条目 entry
(its title is a run-in 【…】), 书眉 running head, 续表 continued table,
三线表 three-line table, 供稿 contributor line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from yearbook.diagnostics import Location


class RunRole(StrEnum):
    """What a run of text is, so each writer can pick its character style."""

    TEXT = "text"
    ENTRY_TITLE = "entry_title"  # 【十届二次会议】, run into the paragraph
    RUNIN_TITLE = "runin_title"  # 第一次全体会议, a sub-part title run into its text
    DATE = "date"  # 大事记: the day (9日) run into the event's text


class ParaRole(StrEnum):
    """Paragraph styles; names match the keys of the style file's `paragraphs`."""

    BODY = "body"
    ARTICLE_TITLE = "article_title"
    SUBTITLE = "subtitle"
    BYLINE = "byline"
    ARTICLE_HEADING = "article_heading"
    CREDIT = "credit"  # （……供稿）


@dataclass(frozen=True)
class Run:
    text: str
    role: RunRole = RunRole.TEXT
    # Where the text was written, so a writer's warning (a missing glyph) can
    # point at the YAML; None for text the compiler made (captions, numbers).
    source: Location | None = None
    # 索引 terms that point at this run: each writer reports where the run's first
    # character lands (PDF: page and column, 123a/123b; DOCX: an XE field).
    index: tuple[str, ...] = ()


@dataclass(frozen=True)
class OutlineItem:
    """A bookmark / navigation entry: level 0 类目, 1 分目 or article, 2 条目."""

    level: int
    title: str


@dataclass
class Heading:
    """类目 (level 1), 分目 (level 2) or 次分目 (level 3) heading.

    `running_head` is the text the odd-page 书眉 shows from here on. Front and back
    matter titles (编辑说明, 目录, 大事记, 附录, 索引) are level-1 headings too.
    """

    level: int
    text: str
    running_head: str
    new_page: bool = False
    outline: OutlineItem | None = None
    source: Location | None = None
    # A book's 类目 opens on a right-hand (odd) page; a blank left page is added before it
    # where needed, with no running head and no page number.
    odd_page: bool = False
    # A stable id, unique in the document: the 目录 points here.
    anchor: str | None = None
    # 索引 terms that point at this heading (see Run.index).
    index: tuple[str, ...] = ()


@dataclass
class Paragraph:
    runs: list[Run]
    role: ParaRole = ParaRole.BODY
    outline: OutlineItem | None = None
    # Articles use their own heading levels; writers map them to Word heading 2/3.
    heading_level: int | None = None

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class Cell:
    text: str
    source: Location | None = None


@dataclass
class Column:
    title: str
    # Relative share of the table width; assembly estimates it from content.
    weight: float = 1.0
    align: str = "left"  # left | center | right


@dataclass
class Table:
    """A numbered three-line table: caption `表{number} {title}` above it."""

    number: int
    title: str
    columns: list[Column]
    rows: list[list[Cell]]
    outline: OutlineItem | None = None
    source: Location | None = None  # where the caption was written

    @property
    def label(self) -> str:
        return f"表{self.number}"

    @property
    def caption(self) -> str:
        return f"{self.label}\u3000{self.title}"

    @property
    def continued_label(self) -> str:
        return f"续表{self.number}"


@dataclass
class TitlePage:
    """书名页: the book's title and the lines under it (卷次, 编纂单位, 出版者…), a page alone."""

    title: str
    lines: list[str] = field(default_factory=list)


@dataclass
class TocEntry:
    level: int  # 1 类目, 2 分目, 3 次分目
    text: str
    anchor: str  # the Heading.anchor this entry points to


@dataclass
class TableOfContents:
    """目录: the writer sets each entry with the page number where its heading lands."""

    title: str
    entries: list[TocEntry] = field(default_factory=list)


@dataclass
class IndexEntry:
    term: str  # as marked (Run.index / Heading.index)
    see_also: list[str] = field(default_factory=list)  # 参见


@dataclass
class IndexGroup:
    letter: str  # A, B, C… (Hanyu Pinyin initial)
    entries: list[IndexEntry] = field(default_factory=list)


@dataclass
class Index:
    """索引, already sorted (pinyin, tone, strokes) and grouped by assembly; the writer
    adds each term's references from where its marks land (123a, 123b)."""

    title: str
    groups: list[IndexGroup] = field(default_factory=list)


@dataclass(frozen=True, eq=False)
class Picture:
    """An image as both writers embed it: JPEG or PNG bytes, upright, RGB or greyscale.

    Figures showing the same file share one Picture; writers embed each `key` once.
    """

    key: str  # digest of the image file
    format: str  # "jpeg" | "png"
    width: int  # pixels of `data`
    height: int
    name: str  # the file as the user wrote it, for messages
    # Makes `data`: the output bytes are made when a writer first needs them.
    render: Callable[[], bytes] = field(repr=False)

    @cached_property
    def data(self) -> bytes:
        return self.render()


@dataclass
class Figure:
    """图N: a picture scaled to the column (or, `page_width`, the text block) width,
    with `图N　title` and the credit under it, never parted from them."""

    number: int
    title: str
    picture: Picture
    credit: str = ""  # （张三　摄） or （市政协　供图）
    page_width: bool = False  # 通栏
    placement: str = "here"  # here | top | bottom of a column (page-width figures stand where written)
    source: Location | None = None  # where the image file was named
    outline: OutlineItem | None = None  # figures are not bookmarked; the field every block has

    @property
    def label(self) -> str:
        return f"图{self.number}"

    @property
    def caption(self) -> str:
        return f"{self.label}\u3000{self.title}{self.credit}"


@dataclass
class PlatePhoto:
    title: str
    picture: Picture
    credit: str = ""
    source: Location | None = None

    @property
    def caption(self) -> str:
        return f"{self.title}{self.credit}"


@dataclass
class Plates:
    """彩页: pages of one to four photos with captions, each page a page of its own."""

    pages: list[list[PlatePhoto]] = field(default_factory=list)
    outline: OutlineItem | None = None


Block = Heading | Paragraph | Table | TitlePage | TableOfContents | Index | Figure | Plates


@dataclass
class Metadata:
    title: str  # book title, also the even-page running head
    author: str  # the compiling unit
    subject: str = ""
    language: str = "zh-CN"
    edition: int | None = None
    year: int | None = None


@dataclass
class Document:
    meta: Metadata
    # The body, its pages numbered from 1.
    blocks: list[Block] = field(default_factory=list)
    # A book's front matter (书名页, 编辑说明, 目录), paginated on its own so that the
    # 目录's length cannot shift the body's page numbers. Empty for a single chapter.
    front: list[Block] = field(default_factory=list)

    def text_blocks(self) -> list[str]:
        """All text in reading order: for tests and checks that read the tree."""
        out: list[str] = []
        for b in [*self.front, *self.blocks]:
            if isinstance(b, (Heading, Paragraph)):
                out.append(b.text)
            elif isinstance(b, Table):
                out.append(b.caption)
                out.extend(c.title for c in b.columns)
                out.extend(cell.text for row in b.rows for cell in row)
            elif isinstance(b, TitlePage):
                out.extend([b.title, *b.lines])
            elif isinstance(b, TableOfContents):
                out.append(b.title)
                out.extend(e.text for e in b.entries)
            elif isinstance(b, Figure):
                out.append(b.caption)
            elif isinstance(b, Plates):
                out.extend(photo.caption for page in b.pages for photo in page)
            else:
                out.append(b.title)
                out.extend(e.term for g in b.groups for e in g.entries)
        return out
