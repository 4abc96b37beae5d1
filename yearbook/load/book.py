"""The schema of a yearbook's data, and `load_book`: data folder to model."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yearbook import model as m
from yearbook.diagnostics import Diagnostic, Location, YearbookError
from yearbook.i18n import register
from yearbook.load.nodes import Mapping, Node, Reader
from yearbook.load.schema import (
    BoolKind,
    ChoiceKind,
    Context,
    DateKind,
    Field,
    IntKind,
    Invalid,
    Kind,
    ListKind,
    ObjectKind,
    TextKind,
)
from yearbook.text import Text

register(
    {
        "book.no_book": (
            "数据文件夹中没有 book.yaml",
            "the data folder has no book.yaml",
        ),
        "book.not_folder": ("“{path}”不是文件夹", "'{path}' is not a folder"),
    }
)

BOOK_FILE = "book.yaml"

TEXT = TextKind()
DATE = DateKind()


def _paragraphs(text: Text | None) -> list[Text]:
    return text.lines() if text is not None else []


def _entry(
    title: Text,
    text: Text | None = None,
    parts: list[m.Part] | None = None,
    table: m.TableSpec | None = None,
    tables: list[m.TableSpec] | None = None,
    loc: Location | None = None,
) -> m.Entry:
    all_tables = ([table] if table is not None else []) + (tables or [])
    return m.Entry(title, _paragraphs(text), parts or [], all_tables, loc)


def _part(title: Text, text: Text | None = None, loc: Location | None = None) -> m.Part:
    return m.Part(title, _paragraphs(text), loc)


class TableKind(Kind):
    """A generated table (`from:` records) or a free one (`columns:` and `rows:`)."""

    SOURCE_KEYS = ("from", "来源")

    generated = ObjectKind(
        m.GeneratedTable,
        [
            Field("caption", "表题", TEXT, required=True),
            Field(
                "from",
                "来源",
                ChoiceKind(
                    m.RecordSource,
                    {
                        "meetings": "会议",
                        "proposals": "提案",
                        "activities": "调研视察",
                        "trainings": "培训",
                        "member_changes": "委员变动",
                    },
                ),
                required=True,
                attr="source",
            ),
            Field("kind", "类别", ChoiceKind(m.MeetingKind, {
                "plenary": "全体会议", "standing": "常委会会议", "chair": "主席会议", "other": "其他",
            })),
        ],
    )
    free = ObjectKind(
        m.FreeTable,
        [
            Field("caption", "表题", TEXT, required=True),
            Field("columns", "列", ListKind(TEXT), required=True),
            Field("rows", "行", ListKind(ListKind(TextKind(allow_empty=True))), required=True),
        ],
    )

    def convert(self, node: Node, ctx: Context, path: str) -> Any:
        if isinstance(node, Mapping) and any(node.get(k) for k in self.SOURCE_KEYS):
            return self.generated.convert(node, ctx, path)
        return self.free.convert(node, ctx, path)


MEETING_KIND = ChoiceKind(
    m.MeetingKind,
    {"plenary": "全体会议", "standing": "常委会会议", "chair": "主席会议", "other": "其他"},
)
ID = Field("id", "编号", TEXT)

RECORDS = ObjectKind(
    m.Records,
    [
        Field("meetings", "会议", ListKind(ObjectKind(m.Meeting, [
            Field("name", "名称", TEXT, required=True),
            Field("kind", "类别", MEETING_KIND, required=True),
            Field("date", "日期", DATE, required=True),
            Field("content", "内容", TEXT),
            Field("themed", "专题议政", BoolKind()),
            Field("expected", "应到", IntKind()),
            Field("present", "实到", IntKind()),
            ID,
        ]))),
        Field("proposals", "提案", ListKind(ObjectKind(m.Proposal, [
            Field("number", "序号", IntKind(low=1), required=True),
            Field("subject", "案由", TEXT, required=True),
            Field("proposer", "提案者", TEXT, required=True),
            Field("handler", "承办单位", TEXT, required=True),
            Field("supervisor", "领衔督办领导", TEXT),
            ID,
        ]))),
        Field("activities", "调研视察", ListKind(ObjectKind(m.Activity, [
            Field("date", "日期", DATE, required=True),
            Field("topic", "调研内容", TEXT, required=True),
            Field("outcome", "调研成果", TEXT),
            ID,
        ]))),
        Field("member_changes", "委员变动", ListKind(ObjectKind(m.MemberChange, [
            Field("change", "类别", ChoiceKind(
                m.ChangeKind, {"added": "增补", "resigned": "辞去", "removed": "撤销"}
            ), required=True),
            Field("names", "姓名", ListKind(TEXT, split_text="、"), required=True),
            Field("date", "日期", DATE),
            Field("note", "说明", TEXT),
            ID,
        ]))),
        Field("trainings", "培训", ListKind(ObjectKind(m.Training, [
            Field("date", "日期", DATE, required=True),
            Field("title", "名称", TEXT, required=True),
            Field("days", "天数", IntKind(low=1)),
            ID,
        ]))),
    ],
)

ENTRY = ObjectKind(
    _entry,
    [
        Field("title", "标题", TEXT, required=True),
        Field("text", "正文", TEXT),
        Field("parts", "分项", ListKind(ObjectKind(_part, [
            Field("title", "标题", TEXT, required=True),
            Field("text", "正文", TEXT),
        ]))),
        Field("table", "表格", TableKind()),
        Field("tables", "表格组", ListKind(TableKind())),
    ],
)

SECTION = ObjectKind(
    m.Section,
    [
        Field("title", "标题", TEXT, required=True),
        Field("entries", "条目", ListKind(ENTRY)),
    ],
)


class ArticleBodyKind(Kind):
    """Article body items: a paragraph (text) or `{heading: …}`."""

    heading = ObjectKind(m.ArticleHeading, [Field("heading", "小标题", TEXT, required=True, attr="text")])

    def convert(self, node: Node, ctx: Context, path: str) -> Any:
        if isinstance(node, Mapping):
            return self.heading.convert(node, ctx, path)
        value = TEXT.convert(node, ctx, path)
        return value if isinstance(value, Invalid) else value.lines()


def _article(body: list[Any] | None = None, **kw: Any) -> m.Article:
    flat: list[Text | m.ArticleHeading] = []
    for item in body or []:
        flat.extend(item if isinstance(item, list) else [item])
    return m.Article(body=flat, **kw)


ARTICLE = ObjectKind(
    _article,
    [
        Field("title", "标题", TEXT, required=True),
        Field("subtitle", "副标题", TEXT),
        Field("byline", "署名", TEXT),
        Field("numbered", "编号", BoolKind()),
        Field("body", "正文", ListKind(ArticleBodyKind()), required=True),
    ],
)

CHAPTER = ObjectKind(
    m.Chapter,
    [
        Field("title", "标题", TEXT, required=True),
        Field("contributor", "供稿", ObjectKind(m.Contributor, [
            Field("unit", "单位", TEXT, required=True),
            Field("person", "供稿人", TEXT),
        ])),
        Field("sections", "分目", ListKind(SECTION)),
        Field("articles", "文章", ListKind(ARTICLE)),
        Field("records", "记录", RECORDS),
    ],
)

BOOK = ObjectKind(
    m.Book,
    [
        Field("title", "书名", TEXT, required=True),
        Field("edition", "卷次", IntKind(low=1900, high=2200), required=True),
        Field("year", "记述年度", IntKind(low=1900, high=2200), required=True),
        Field("unit", "编纂单位", TEXT, required=True),
        Field("style", "版式", TEXT),
        Field("template", "模板", TEXT),
        Field("output", "文件名", TEXT),
        Field("first_table_number", "起始表号", IntKind(low=1)),
        Field("chapters", "类目", ListKind(CHAPTER), required=True),
    ],
)


@dataclass
class Loaded:
    book: m.Book
    data_dir: Path
    files: dict[Path, str]  # every file read, path → text


def load_book(data_dir: Path) -> Loaded:
    """Read and type a data folder; raise YearbookError with every problem found."""
    if not data_dir.is_dir():
        raise YearbookError([Diagnostic("book.not_folder", {"path": str(data_dir)})])
    book_file = data_dir / BOOK_FILE
    if not book_file.is_file():
        loc = Location(str(data_dir), 1, 1)
        raise YearbookError([Diagnostic("book.no_book", {}, loc)])
    reader = Reader(data_dir)
    root = reader.read(book_file)
    ctx = Context()
    book = BOOK.convert(root, ctx, "") if root is not None else None
    schema_problems = ctx.diagnostics
    if reader.diagnostics:
        # A file that could not be read leaves its fields absent; saying so again
        # as "missing field" would only bury the real error.
        schema_problems = [d for d in schema_problems if d.code != "schema.missing"]
    problems = reader.diagnostics + schema_problems
    if problems or book is None or isinstance(book, Invalid):
        raise YearbookError(problems)
    return Loaded(book, data_dir, reader.files)
