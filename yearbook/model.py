"""What the user writes, as plain typed objects. No formatting lives here.

Glossary: 类目 chapter, 分目 section, 条目 entry, 供稿 contributor,
专文 article (work-summary form), records: 会议 meetings, 提案 proposals,
调研视察 activities, 委员变动 member changes, 培训 trainings.
A whole book: 单位 unit (a data folder the book includes), 特载 special,
大事记 chronicle, 附录 appendix, 索引 index, 参见 see also, 编辑说明 notes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from yearbook.dates import DateValue
from yearbook.diagnostics import Location
from yearbook.text import Text


class MeetingKind(StrEnum):
    PLENARY = "plenary"  # 全体会议
    STANDING = "standing"  # 常委会会议 (themed sessions included)
    CHAIR = "chair"  # 主席会议
    OTHER = "other"


class ChangeKind(StrEnum):
    ADDED = "added"  # 增补
    RESIGNED = "resigned"  # 辞去
    REMOVED = "removed"  # 撤销


class RecordSource(StrEnum):
    MEETINGS = "meetings"
    PROPOSALS = "proposals"
    ACTIVITIES = "activities"
    TRAININGS = "trainings"
    MEMBER_CHANGES = "member_changes"


@dataclass
class Meeting:
    name: Text
    kind: MeetingKind
    date: DateValue
    content: Text | None = None
    themed: bool = False
    expected: int | None = None  # 应到
    present: int | None = None  # 实到
    id: Text | None = None
    loc: Location | None = None
    # Where each field was written, for messages about values that are not text (dates).
    field_locs: dict[str, Location] = field(default_factory=dict, repr=False)


@dataclass
class Proposal:
    number: int
    subject: Text  # 案由
    proposer: Text
    handler: Text  # 承办单位
    supervisor: Text | None = None  # 领衔督办领导
    id: Text | None = None
    loc: Location | None = None
    # Where each field was written, for messages about values that are not text (dates).
    field_locs: dict[str, Location] = field(default_factory=dict, repr=False)


@dataclass
class Activity:
    date: DateValue
    topic: Text
    outcome: Text | None = None
    id: Text | None = None
    loc: Location | None = None
    # Where each field was written, for messages about values that are not text (dates).
    field_locs: dict[str, Location] = field(default_factory=dict, repr=False)


@dataclass
class MemberChange:
    change: ChangeKind
    names: list[Text]
    date: DateValue | None = None
    note: Text | None = None
    id: Text | None = None
    loc: Location | None = None
    # Where each field was written, for messages about values that are not text (dates).
    field_locs: dict[str, Location] = field(default_factory=dict, repr=False)


@dataclass
class Training:
    date: DateValue
    title: Text
    days: int | None = None
    id: Text | None = None
    loc: Location | None = None
    # Where each field was written, for messages about values that are not text (dates).
    field_locs: dict[str, Location] = field(default_factory=dict, repr=False)


Record = Meeting | Proposal | Activity | MemberChange | Training


@dataclass
class Records:
    meetings: list[Meeting] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    member_changes: list[MemberChange] = field(default_factory=list)
    trainings: list[Training] = field(default_factory=list)
    loc: Location | None = None

    def all(self) -> list[Record]:
        return [
            *self.meetings,
            *self.proposals,
            *self.activities,
            *self.member_changes,
            *self.trainings,
        ]


@dataclass
class GeneratedTable:
    """A table whose rows come from records (`from: meetings`)."""

    caption: Text
    source: RecordSource
    kind: MeetingKind | None = None
    id: Text | None = None  # for `{{table.<id>}}` in text
    loc: Location | None = None


@dataclass
class FreeTable:
    caption: Text
    columns: list[Text]
    rows: list[list[Text]]
    id: Text | None = None  # for `{{table.<id>}}` in text
    loc: Location | None = None


TableSpec = GeneratedTable | FreeTable


class FigureWidth(StrEnum):
    COLUMN = "column"  # 栏宽
    PAGE = "page"  # 通栏


class Placement(StrEnum):
    HERE = "here"  # 随文: where it stands in the text
    TOP = "top"  # 栏顶 (通栏图: 页顶)
    BOTTOM = "bottom"  # 栏底 (通栏图: 页底)


class CreditKind(StrEnum):
    PHOTO = "photo"  # 摄影: （张三　摄）
    SUPPLIED = "supplied"  # 供图: （市政协　供图）


@dataclass
class Credit:
    kind: CreditKind
    name: Text
    loc: Location | None = None


@dataclass
class Figure:
    """图: an image file in the data folder with its caption (图题) and credit."""

    file: Text  # as written, relative to the file that names it
    caption: Text
    credit: Credit | None = None
    width: FigureWidth = FigureWidth.COLUMN
    placement: Placement = Placement.HERE
    id: Text | None = None
    # The file resolved by the loader, checked to lie inside the data folder.
    path: Path | None = None
    loc: Location | None = None


@dataclass
class PlatePage:
    """One page of 彩页: one to four photos, each with its caption."""

    photos: list[Figure] = field(default_factory=list)
    loc: Location | None = None


@dataclass
class Part:
    """A run-in sub-part of an entry: its title is set before its first paragraph."""

    title: Text
    paragraphs: list[Text] = field(default_factory=list)
    loc: Location | None = None


@dataclass
class Entry:
    title: Text
    paragraphs: list[Text] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    tables: list[TableSpec] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    loc: Location | None = None
    # 索引 terms the data gives for this entry, besides its title.
    index: list[Text] = field(default_factory=list)


@dataclass
class Section:
    title: Text
    entries: list[Entry] = field(default_factory=list)
    loc: Location | None = None


@dataclass
class ArticleHeading:
    text: Text
    loc: Location | None = None


@dataclass
class Article:
    title: Text
    body: list[Text | ArticleHeading | Figure] = field(default_factory=list)
    subtitle: Text | None = None
    byline: Text | None = None
    numbered: bool = False
    loc: Location | None = None


@dataclass
class Contributor:
    unit: Text
    person: Text | None = None
    loc: Location | None = None


@dataclass
class Chapter:
    title: Text
    contributor: Contributor | None = None
    sections: list[Section] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    records: Records = field(default_factory=Records)
    loc: Location | None = None
    # In a whole book: the unit folder this chapter came from, and the chapters of
    # units placed under this 类目 as its 分目 (their 分目 become 次分目).
    unit: Unit | None = None
    included: list[Chapter] = field(default_factory=list)

    def with_included(self) -> list[Chapter]:
        """This chapter and every chapter placed under it, in book order."""
        out = [self]
        for chapter in self.included:
            out.extend(chapter.with_included())
        return out


@dataclass
class Unit:
    """A unit's data folder included in a book: where its chapters came from."""

    name: Text  # the unit's 编纂单位
    folder: str  # the folder as messages show it
    title: Text  # the title the unit gives its own chapter book
    year: int  # the year its data records
    loc: Location | None = None  # where the book includes it
    path: Path | None = None  # the folder on disk (its own 校对.yaml is read from there)


@dataclass
class ChronicleItem:
    """One 大事记 item: a date and what happened."""

    date: DateValue
    text: Text
    # A date outside the recorded year is an error unless the item is marked as such
    # (a meeting held in January of the next year, recorded in this volume).
    outside_year: bool = False
    loc: Location | None = None
    field_locs: dict[str, Location] = field(default_factory=dict, repr=False)


@dataclass
class Chronicle:
    """大事记: dated items, printed sorted by date and grouped by month."""

    items: list[ChronicleItem] = field(default_factory=list)
    title: Text | None = None
    loc: Location | None = None


@dataclass
class SeeAlso:
    """An index cross-reference: `term` 参见 each of `see`."""

    term: Text
    see: list[Text] = field(default_factory=list)
    loc: Location | None = None


@dataclass
class Book:
    title: Text
    edition: int
    year: int
    unit: Text
    chapters: list[Chapter] = field(default_factory=list)
    style: Text | None = None
    template: Text | None = None  # a Word template for the DOCX, overriding the style's
    output: Text | None = None
    first_table_number: int = 1
    plates: list[PlatePage] = field(default_factory=list)  # 彩页, at the front of the book
    loc: Location | None = None
    # A whole book (年鉴): parts around the 类目, the units it includes, front matter.
    special: list[Chapter] = field(default_factory=list)  # 特载、专文
    chronicle: Chronicle | None = None  # 大事记
    appendix: list[Chapter] = field(default_factory=list)  # 附录
    see_also: list[SeeAlso] = field(default_factory=list)  # 索引 参见
    units: list[Unit] = field(default_factory=list)
    publisher: Text | None = None  # 出版者, on the title page
    notes: list[Text] = field(default_factory=list)  # 编辑说明 paragraphs the editors add
    toc_depth: int = 2  # 目录 to 分目 level by default

    @property
    def whole(self) -> bool:
        """A whole book (front matter, 目录, 索引) rather than one unit's chapters."""
        return bool(self.units or self.special or self.chronicle or self.appendix or self.see_also)

    def every_chapter(self) -> list[Chapter]:
        """Every chapter in book order, units' chapters placed under a 类目 included."""
        out: list[Chapter] = []
        for chapter in [*self.special, *self.chapters, *self.appendix]:
            out.extend(chapter.with_included())
        return out
