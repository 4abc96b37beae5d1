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
            Field("caption", "表题", TEXT, required=True, doc="表题：只写“表N”后面的文字，表号自动编排"),
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
                doc="表格行的来源：meetings（会议）、proposals（提案）、activities（调研视察）、"
                "trainings（培训）、member_changes（委员变动）",
            ),
            Field("kind", "类别", ChoiceKind(m.MeetingKind, {
                "plenary": "全体会议", "standing": "常委会会议", "chair": "主席会议", "other": "其他",
            }),
                doc="只取某一类会议：plenary（全体会议）、standing（常委会会议）、chair（主席会议）、"
                "other（其他）"),
        ],
    )
    free = ObjectKind(
        m.FreeTable,
        [
            Field("caption", "表题", TEXT, required=True, doc="表题：只写“表N”后面的文字，表号自动编排"),
            Field("columns", "列", ListKind(TEXT), required=True, doc="列标题，按从左到右的顺序"),
            Field("rows", "行", ListKind(ListKind(TextKind(allow_empty=True))), required=True,
                doc="各行内容：每行是一个列表，格数与列数相同；空格子写 ''"),
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
ID = Field("id", "编号", TEXT,
    doc="记录编号（英文字母、数字），正文用 {{编号.字段}} 引用本条记录，如 {{plenary1.present}}")

RECORDS = ObjectKind(
    m.Records,
    [
        Field("meetings", "会议", ListKind(ObjectKind(m.Meeting, [
            Field("name", "名称", TEXT, required=True, doc="会议名称（全称）"),
            Field("kind", "类别", MEETING_KIND, required=True,
                doc="会议类别：plenary（全体会议）、standing（常委会会议）、chair（主席会议）、"
                "other（其他）"),
            Field("date", "日期", DATE, required=True, doc="会议日期，如 2022-02-28 或 2022-02-21/23"),
            Field("content", "内容", TEXT, doc="会议内容：审议、通过、听取的事项"),
            Field("themed", "专题议政", BoolKind(), doc="是否为专题议政性会议：true（是）或 false（否）"),
            Field("expected", "应到", IntKind(), doc="应到人数"),
            Field("present", "实到", IntKind(), doc="实到人数"),
            ID,
        ])), doc="会议记录：全体会议、常委会会议、主席会议等"),
        Field("proposals", "提案", ListKind(ObjectKind(m.Proposal, [
            Field("number", "序号", IntKind(low=1), required=True, doc="提案序号（从 1 起的整数）"),
            Field("subject", "案由", TEXT, required=True, doc="案由：提案的题目"),
            Field("proposer", "提案者", TEXT, required=True, doc="提案者：委员姓名或党派团体、界别名称"),
            Field("handler", "承办单位", TEXT, required=True, doc="承办单位"),
            Field("supervisor", "领衔督办领导", TEXT, doc="领衔督办领导"),
            ID,
        ])), doc="提案记录：每件提案一条"),
        Field("activities", "调研视察", ListKind(ObjectKind(m.Activity, [
            Field("date", "日期", DATE, required=True, doc="调研视察日期"),
            Field("topic", "调研内容", TEXT, required=True, doc="调研内容"),
            Field("outcome", "调研成果", TEXT, doc="调研成果：形成的报告、建议等"),
            ID,
        ])), doc="调研视察记录"),
        Field("member_changes", "委员变动", ListKind(ObjectKind(m.MemberChange, [
            Field("change", "类别", ChoiceKind(
                m.ChangeKind, {"added": "增补", "resigned": "辞去", "removed": "撤销"}
            ), required=True, doc="变动类别：added（增补）、resigned（辞去）、removed（撤销）"),
            Field("names", "姓名", ListKind(TEXT, split_text="、"), required=True,
                doc="姓名：列表，或用顿号“、”隔开的一行"),
            Field("date", "日期", DATE, doc="变动日期"),
            Field("note", "说明", TEXT, doc="说明：依据的会议、决定等"),
            ID,
        ])), doc="委员变动记录：增补、辞去、撤销"),
        Field("trainings", "培训", ListKind(ObjectKind(m.Training, [
            Field("date", "日期", DATE, required=True, doc="培训日期"),
            Field("title", "名称", TEXT, required=True, doc="培训班名称"),
            Field("days", "天数", IntKind(low=1), doc="培训天数"),
            ID,
        ])), doc="培训记录"),
    ],
)

ENTRY = ObjectKind(
    _entry,
    [
        Field("title", "标题", TEXT, required=True, doc="条目标题，排成【标题】"),
        Field("text", "正文", TEXT, doc="正文：每一行是一个自然段，可用 {{…}} 引用由记录算出的数字"),
        Field("parts", "分项", ListKind(ObjectKind(_part, [
            Field("title", "标题", TEXT, required=True, doc="分项的小标题"),
            Field("text", "正文", TEXT, doc="分项的正文：每一行是一个自然段"),
        ])), doc="分项：有小标题的几段内容，小标题加粗，紧接正文"),
        Field("table", "表格", TableKind(),
            doc="正文后的一张表：由记录生成（from）或逐格填写（columns、rows）"),
        Field("tables", "表格组", ListKind(TableKind()), doc="正文后的几张表，每项写法同“表格”"),
    ],
)

SECTION = ObjectKind(
    m.Section,
    [
        Field("title", "标题", TEXT, required=True, doc="分目标题"),
        Field("entries", "条目", ListKind(ENTRY), doc="本分目的条目，按书中顺序排列"),
    ],
)


class ArticleBodyKind(Kind):
    """Article body items: a paragraph (text) or `{heading: …}`."""

    heading = ObjectKind(m.ArticleHeading, [Field("heading", "小标题", TEXT, required=True, attr="text",
        doc="文中的小标题")])

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
        Field("title", "标题", TEXT, required=True, doc="文章标题"),
        Field("subtitle", "副标题", TEXT, doc="副标题，如“——××市政协2023年工作综述”"),
        Field("byline", "署名", TEXT, doc="署名，如“□　通讯员　张　花”"),
        Field("numbered", "编号", BoolKind(),
            doc="小标题是否自动编号（一、二、三、……）：true（是）或 false（否）"),
        Field("body", "正文", ListKind(ArticleBodyKind()), required=True,
            doc="正文：每项是一个自然段，或“- heading: 小标题”"),
    ],
)

CHAPTER = ObjectKind(
    m.Chapter,
    [
        Field("title", "标题", TEXT, required=True, doc="类目标题"),
        Field("contributor", "供稿", ObjectKind(m.Contributor, [
            Field("unit", "单位", TEXT, required=True, doc="供稿单位"),
            Field("person", "供稿人", TEXT, doc="供稿人姓名"),
        ]), doc="供稿：排成类目末尾的“（单位　供稿人供稿）”"),
        Field("sections", "分目", ListKind(SECTION), doc="分目：本类目的各分目，按书中顺序排列"),
        Field("articles", "文章", ListKind(ARTICLE), doc="文章（专文）：照原文刊登的工作综述等"),
        Field("records", "记录", RECORDS,
            doc="记录：会议、提案、调研视察、委员变动、培训；表格和正文中的数字由此生成"),
    ],
)

BOOK = ObjectKind(
    m.Book,
    [
        Field("title", "书名", TEXT, required=True, doc="书名：排在偶数页书眉"),
        Field("edition", "卷次", IntKind(low=1900, high=2200), required=True,
            doc="卷次：如 2023 表示 2023 卷"),
        Field("year", "记述年度", IntKind(low=1900, high=2200), required=True,
            doc="记述年度：通常为卷次减一"),
        Field("unit", "编纂单位", TEXT, required=True, doc="编纂单位：也是 DOCX、PDF 的作者"),
        Field("style", "版式", TEXT,
            doc="版式：yearbook（年鉴版式）、gongwen（公文版式），或数据文件夹中的版式文件（.yaml）"),
        Field("output", "文件名", TEXT, doc="输出文件名（不含扩展名）；不写时用书名"),
        Field("first_table_number", "起始表号", IntKind(low=1),
            doc="起始表号：本书第一张表的表号，其后各表连续编号"),
        Field("chapters", "类目", ListKind(CHAPTER), required=True,
            doc="类目：按书中顺序排列，通常每个类目一个文件（- include: 文件名.yaml）"),
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
