"""The schema of a yearbook's data, and `load_book`: data folder to model."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yearbook import model as m
from yearbook.diagnostics import Diagnostic, Location, YearbookError
from yearbook.i18n import register
from yearbook.load.figures import FIGURE, PLATES
from yearbook.load.nodes import Mapping, Node, Sequence
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
    forbid_references,
)
from yearbook.load.units import ChapterItemKind, UnitsKind, flatten, read_folder
from yearbook.text import Text

register(
    {
        "book.no_book": (
            "数据文件夹中没有 book.yaml",
            "the data folder has no book.yaml",
        ),
        "book.not_folder": ("“{path}”不是文件夹", "'{path}' is not a folder"),
        "book.no_terms": (
            "索引词为空：写出要进索引的词，多个词用顿号分隔",
            "no index terms given: list the terms, separated by 、",
        ),
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
    index: list[Text] | None = None,
    figure: m.Figure | None = None,
    figures: list[m.Figure] | None = None,
    loc: Location | None = None,
) -> m.Entry:
    all_tables = ([table] if table is not None else []) + (tables or [])
    all_figures = ([figure] if figure is not None else []) + (figures or [])
    return m.Entry(
        title, _paragraphs(text), parts or [], all_tables, all_figures, loc=loc, index=index or []
    )


class TermsKind(ListKind):
    """Index terms: a list, or one text with terms separated by 、; never empty."""

    def __init__(self) -> None:
        super().__init__(TEXT, split_text="、")

    def convert(self, node: Node, ctx: Context, path: str) -> Any:
        terms = super().convert(node, ctx, path)
        if isinstance(terms, list) and not terms:
            return ctx.error("book.no_terms", node.loc, path)
        return terms


def _part(title: Text, text: Text | None = None, loc: Location | None = None) -> m.Part:
    return m.Part(title, _paragraphs(text), loc)


class TableKind(Kind):
    """A generated table (`from:` records) or a free one (`columns:` and `rows:`)."""

    SOURCE_KEYS = ("from", "来源")

    generated = ObjectKind(
        m.GeneratedTable,
        [
            Field("caption", "表题", TEXT, required=True, doc='表题：只写“表N”后面的文字，表号自动编排'),
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
                doc=(
                    '表格行的来源：meetings（会议）、proposals（提案）、ac'
                    'tivities（调研视察）、trainings（培训）、member_'
                    'changes（委员变动）'
                ),
            ),
            Field("kind", "类别", ChoiceKind(m.MeetingKind, {
                "plenary": "全体会议", "standing": "常委会会议", "chair": "主席会议", "other": "其他",
            }),
                doc=(
                    '只取某一类会议：plenary（全体会议）、standing（常委会会议'
                    '）、chair（主席会议）、other（其他）'
                )),
            Field("id", "编号", TEXT, doc="表格编号：正文中用 {{table.编号}} 引用本表的表号"),
        ],
    )
    free = ObjectKind(
        m.FreeTable,
        [
            Field("caption", "表题", TEXT, required=True, doc='表题：只写“表N”后面的文字，表号自动编排'),
            Field("columns", "列", ListKind(TEXT, min_items=1), required=True,
                doc='列标题，按从左到右的顺序'),
            Field("rows", "行", ListKind(ListKind(TextKind(allow_empty=True)), min_items=1), required=True,
                doc="各行内容：每行是一个列表，格数与列数相同；空格子写 ''"),
            Field("id", "编号", TEXT, doc="表格编号：正文中用 {{table.编号}} 引用本表的表号"),
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
         doc='记录编号（英文字母、数字），正文用 {{编号.字段}} 引用本条记录，如 {{plenary1.present}}')

RECORDS = ObjectKind(
    m.Records,
    [
        Field("meetings", "会议", ListKind(ObjectKind(m.Meeting, [
            Field("name", "名称", TEXT, required=True, doc='会议名称（全称）'),
            Field("kind", "类别", MEETING_KIND, required=True,
                doc=(
                    '会议类别：plenary（全体会议）、standing（常委会会议）、c'
                    'hair（主席会议）、other（其他）'
                )),
            Field("date", "日期", DATE, required=True, doc='会议日期，如 2022-02-28 或 2022-02-21/23'),
            Field("content", "内容", TEXT, doc='会议内容：审议、通过、听取的事项'),
            Field("themed", "专题议政", BoolKind(), doc='是否为专题议政性会议：true（是）或 false（否）'),
            Field("expected", "应到", IntKind(), doc='应到人数'),
            Field("present", "实到", IntKind(), doc='实到人数'),
            ID,
        ])), doc='会议记录：全体会议、常委会会议、主席会议等'),
        Field("proposals", "提案", ListKind(ObjectKind(m.Proposal, [
            Field("number", "序号", IntKind(low=1), required=True, doc='提案序号（从 1 起的整数）'),
            Field("subject", "案由", TEXT, required=True, doc='案由：提案的题目'),
            Field("proposer", "提案者", TEXT, required=True, doc='提案者：委员姓名或党派团体、界别名称'),
            Field("handler", "承办单位", TEXT, required=True, doc='承办单位'),
            Field("supervisor", "领衔督办领导", TEXT, doc='领衔督办领导'),
            ID,
        ])), doc='提案记录：每件提案一条'),
        Field("activities", "调研视察", ListKind(ObjectKind(m.Activity, [
            Field("date", "日期", DATE, required=True, doc='调研视察日期'),
            Field("topic", "调研内容", TEXT, required=True, doc='调研内容'),
            Field("outcome", "调研成果", TEXT, doc='调研成果：形成的报告、建议等'),
            ID,
        ])), doc='调研视察记录'),
        Field("member_changes", "委员变动", ListKind(ObjectKind(m.MemberChange, [
            Field("change", "类别", ChoiceKind(
                m.ChangeKind, {"added": "增补", "resigned": "辞去", "removed": "撤销"}
            ), required=True, doc='变动类别：added（增补）、resigned（辞去）、removed（撤销）'),
            Field("names", "姓名", ListKind(TEXT, split_text="、"), required=True,
                doc='姓名：列表，或用顿号“、”隔开的一行'),
            Field("date", "日期", DATE, doc='变动日期'),
            Field("note", "说明", TEXT, doc='说明：依据的会议、决定等'),
            ID,
        ])), doc='委员变动记录：增补、辞去、撤销'),
        Field("trainings", "培训", ListKind(ObjectKind(m.Training, [
            Field("date", "日期", DATE, required=True, doc='培训日期'),
            Field("title", "名称", TEXT, required=True, doc='培训班名称'),
            Field("days", "天数", IntKind(low=1), doc='培训天数'),
            ID,
        ])), doc='培训记录'),
    ],
)

# Records and tables print as written: `{{name}}` is refused there, not printed.
forbid_references(RECORDS, TableKind.generated, TableKind.free)

ENTRY = ObjectKind(
    _entry,
    [
        Field("title", "标题", TEXT, required=True, doc='条目标题，排成【标题】'),
        Field("text", "正文", TEXT, doc='正文：每一行是一个自然段，可用 {{…}} 引用由记录算出的数字'),
        Field("parts", "分项", ListKind(ObjectKind(_part, [
            Field("title", "标题", TEXT, required=True, doc='分项的小标题'),
            Field("text", "正文", TEXT, doc='分项的正文：每一行是一个自然段'),
        ])), doc='分项：有小标题的几段内容，小标题加粗，紧接正文'),
        Field("table", "表格", TableKind(),
            doc='正文后的一张表：由记录生成（from）或逐格填写（columns、rows）'),
        Field("tables", "表格组", ListKind(TableKind()), doc='正文后的几张表，每项写法同“表格”'),
        Field("index", "索引", TermsKind(),
            doc="索引词：全书索引中指向本条目的词语（条目标题自动收入），多个用“、”分隔"),
        Field("figure", "图片", FIGURE, doc="正文和表格后的一幅图片：图片文件、图题、摄影或供图者"),
        Field("figures", "图片组", ListKind(FIGURE), doc="正文和表格后的几幅图片，每项写法同“图片”"),
    ],
)

SECTION = ObjectKind(
    m.Section,
    [
        Field("title", "标题", TEXT, required=True, doc='分目标题'),
        Field("entries", "条目", ListKind(ENTRY), doc='本分目的条目，按书中顺序排列'),
    ],
)


class ArticleBodyKind(Kind):
    """Article body items: a paragraph (text), `{heading: …}` or `{figure: {…}}`."""

    heading = ObjectKind(m.ArticleHeading, [Field("heading", "小标题", TEXT, required=True, attr="text",
                                                doc='文中的小标题')])
    figure = ObjectKind(lambda figure, loc: figure, [Field("figure", "图片", FIGURE, required=True,
        doc="文中的一幅图片：图片文件、图题、摄影或供图者")])

    def convert(self, node: Node, ctx: Context, path: str) -> Any:
        if isinstance(node, Mapping) and (node.get("figure") or node.get("图片")):
            return self.figure.convert(node, ctx, path)
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
        Field("title", "标题", TEXT, required=True, doc='文章标题'),
        Field("subtitle", "副标题", TEXT, doc='副标题，如“——××市政协2023年工作综述”'),
        Field("byline", "署名", TEXT, doc='署名，如“□\u3000通讯员\u3000张\u3000花”'),
        Field("numbered", "编号", BoolKind(),
            doc='小标题是否自动编号（一、二、三、……）：true（是）或 false（否）'),
        Field("body", "正文", ListKind(ArticleBodyKind()), required=True,
            doc='正文：每项是一个自然段，或“- heading: 小标题”'),
    ],
)

CHAPTER = ObjectKind(
    m.Chapter,
    [
        Field("title", "标题", TEXT, required=True, doc='类目标题'),
        Field("contributor", "供稿", ObjectKind(m.Contributor, [
            Field("unit", "单位", TEXT, required=True, doc='供稿单位'),
            Field("person", "供稿人", TEXT, doc='供稿人姓名'),
        ]), doc='供稿：排成类目末尾的“（单位\u3000供稿人供稿）”'),
        Field("sections", "分目", ListKind(SECTION), doc='分目：本类目的各分目，按书中顺序排列'),
        Field("articles", "文章", ListKind(ARTICLE), doc='文章（专文）：照原文刊登的工作综述等'),
        Field("records", "记录", RECORDS,
            doc='记录：会议、提案、调研视察、委员变动、培训；表格和正文中的数字由此生成'),
        Field("units", "收录单位", UnitsKind(), attr="included",
            doc="全书中本类目收录的单位文件夹：各单位的类目作为本类目下的分目"),
    ],
)
CHAPTER_ITEM = ChapterItemKind(CHAPTER)


class ChronicleKind(Kind):
    """大事记: a list of items, or `{title: …, items: […]}`."""

    item = ObjectKind(m.ChronicleItem, [
        Field("date", "日期", DATE, required=True, doc="大事记日期：2022-03-05，或只写月份 2022-03"),
        Field("text", "内容", TEXT, required=True, doc="大事记事项的内容"),
        Field("outside_year", "年度外", BoolKind(),
            doc="日期不在记述年度内而确需收录时写 true（否则报错）"),
    ])
    whole = ObjectKind(m.Chronicle, [
        Field("title", "标题", TEXT, doc="大事记的标题（默认“大事记”）"),
        Field("items", "事项", ListKind(item), required=True, doc="大事记事项：按日期自动排序、按月分组"),
    ])

    def convert(self, node: Node, ctx: Context, path: str) -> Any:
        if isinstance(node, Sequence):
            items = ListKind(self.item).convert(node, ctx, path)
            return items if isinstance(items, Invalid) else m.Chronicle(items, None, node.loc)
        return self.whole.convert(node, ctx, path)


SEE_ALSO = ObjectKind(m.SeeAlso, [
    Field("term", "词条", TEXT, required=True, doc="索引中的词条"),
    Field("see", "参见", TermsKind(), required=True,
        doc="参见：同一索引中的其他词条，多个用“、”分隔"),
])


def _book(
    chapters: list[Any],
    special: list[Any] | None = None,
    appendix: list[Any] | None = None,
    notes: Text | None = None,
    **kw: Any,
) -> m.Book:
    return m.Book(
        chapters=flatten(chapters),
        special=flatten(special),
        appendix=flatten(appendix),
        notes=_paragraphs(notes),
        **kw,
    )

BOOK = ObjectKind(
    _book,
    [
        Field("title", "书名", TEXT, required=True, doc='书名：排在偶数页书眉'),
        Field("edition", "卷次", IntKind(low=1900, high=2200), required=True,
            doc='卷次：如 2023 表示 2023 卷'),
        Field("year", "记述年度", IntKind(low=1900, high=2200), required=True,
            doc='记述年度：通常为卷次减一'),
        Field("unit", "编纂单位", TEXT, required=True, doc='编纂单位：也是 DOCX、PDF 的作者'),
        Field("style", "版式", TEXT,
            doc='版式：yearbook（年鉴版式）、gongwen（公文版式），或数据文件夹中的版式文件（.yaml）'),
        Field("template", "模板", TEXT,
            doc="Word 模板（.docx）：DOCX 套用其样式、字体、页面和页眉页脚；路径相对于数据文件夹"),
        Field("output", "文件名", TEXT, doc='输出文件名（不含扩展名）；不写时用书名'),
        Field("first_table_number", "起始表号", IntKind(low=1),
            doc='起始表号：本书第一张表的表号，其后各表连续编号'),
        Field("plates", "彩页", PLATES, doc="彩页：书前的彩色照片页，每页一至四幅"),
        Field("chapters", "类目", ListKind(CHAPTER_ITEM), required=True,
            doc='类目：按书中顺序排列，通常每个类目一个文件（- include: 文件名.yaml）'),
        # A whole book: the parts around the 类目, and what its front matter says.
        Field("special", "特载", ListKind(CHAPTER_ITEM), doc="特载、专文：排在大事记和各类目之前"),
        Field("chronicle", "大事记", ChronicleKind(), doc="大事记：日期和事项，排在各类目之前"),
        Field("appendix", "附录", ListKind(CHAPTER_ITEM), doc="附录：排在各类目之后、索引之前"),
        Field("index", "索引", ListKind(SEE_ALSO), attr="see_also", doc="索引的参见关系：词条和参见的词条"),
        Field("publisher", "出版者", TEXT, doc="出版者：排在书名页"),
        Field("notes", "编辑说明", TEXT, doc="编辑说明的补充文字；类目、条目、表格等数字由数据自动算出"),
        Field("toc_depth", "目录层级", IntKind(low=1, high=3),
            doc="目录收到第几级：1 类目，2 分目（默认），3 次分目"),
    ],
)


@dataclass
class Loaded:
    book: m.Book
    data_dir: Path
    files: dict[Path, str]  # every file read, path → text
    warnings: list[Diagnostic] = field(default_factory=list)  # read, but something may be amiss


def load_book(data_dir: Path) -> Loaded:
    """Read and type a data folder; raise YearbookError with every problem found."""
    if not data_dir.is_dir():
        raise YearbookError([Diagnostic("book.not_folder", {"path": str(data_dir)})])
    book_file = data_dir / BOOK_FILE
    if not book_file.is_file():
        loc = Location(str(data_dir), 1, 1)
        raise YearbookError([Diagnostic("book.no_book", {}, loc)])
    folder = data_dir.resolve()
    result = read_folder(folder, data_dir, (folder,), {})
    if result.diagnostics or result.book is None:
        raise YearbookError(result.diagnostics)
    return Loaded(result.book, data_dir, result.files, result.warnings)
