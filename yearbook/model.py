"""What the user writes, as plain typed objects. No formatting lives here.

Glossary: 类目 chapter, 分目 section, 条目 entry, 供稿 contributor,
专文 article (work-summary form), records: 会议 meetings, 提案 proposals,
调研视察 activities, 委员变动 member changes, 培训 trainings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

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
    loc: Location | None = None


@dataclass
class FreeTable:
    caption: Text
    columns: list[Text]
    rows: list[list[Text]]
    loc: Location | None = None


TableSpec = GeneratedTable | FreeTable


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
    loc: Location | None = None


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
    body: list[Text | ArticleHeading] = field(default_factory=list)
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
    loc: Location | None = None
