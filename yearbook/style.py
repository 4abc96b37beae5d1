"""Page, type and table settings, read once from yearbook/styles/ and shared by both writers.

A style file is YAML in the same strict form as the data. Lengths are written with
units (185mm, 9pt, 0.5cm); type sizes also by their Chinese names (小五, 三号);
indents in characters (2字 or 2em). Everything here is in points.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from yearbook.diagnostics import Diagnostic, Location, YearbookError
from yearbook.i18n import register
from yearbook.load.nodes import Node, Reader, Scalar
from yearbook.load.schema import (
    BoolKind,
    ChoiceKind,
    Context,
    Field,
    Invalid,
    Kind,
    ListKind,
    ObjectKind,
    TextKind,
)

STYLES_DIR = Path(__file__).resolve().parent / "styles"  # package data: the built-in styles

register(
    {
        "style.bad_length": (
            "长度“{value}”无法识别；请写成 185mm、9pt、0.5cm 或字号名（如 小五）",
            "cannot read the length '{value}'; write 185mm, 9pt, 0.5cm or a size name such as 小五",
        ),
        "style.not_found": (
            "找不到版式“{name}”；可用的版式：{available}",
            "no style named '{name}'; available: {available}",
        ),
        "style.template_missing": (
            "找不到 Word 模板“{name}”；模板路径相对于版式文件所在的文件夹或数据文件夹，已查找：{tried}",
            "cannot find the Word template '{name}'; a template path is relative to the style file's "
            "folder or the data folder; looked in: {tried}",
        ),
        "style.template_not_docx": (
            "“{name}”不是 Word 文档（.docx 是 zip 包，此文件不是）。"
            "请在 Word 中用“另存为 → Word 文档 (*.docx)”保存模板后再试",
            "'{name}' is not a Word document (a .docx is a zip package, this file is not). "
            "Save the template in Word with Save As → Word Document (*.docx) and try again",
        ),
        "style.template_incomplete": (
            "“{name}”不是完整的 Word 文档，缺少 {parts}。"
            "请在 Word 中用“另存为 → Word 文档 (*.docx)”保存模板后再试",
            "'{name}' is not a complete Word document: {parts} missing. "
            "Save the template in Word with Save As → Word Document (*.docx) and try again",
        ),
        "style.bad_role": (
            "字体角色“{value}”无效；可选：{roles}",
            "unknown font role '{value}'; use one of {roles}",
        ),
    }
)

# Chinese type sizes (号) in points, as the conventions guide lists them.
SIZE_NAMES = {
    "初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18,
    "三号": 16, "小三": 15, "四号": 14, "小四": 12, "五号": 10.5, "小五": 9,
    "六号": 7.5, "小六": 6.5, "七号": 5.5,
}
_UNITS = {"pt": 1.0, "mm": 72 / 25.4, "cm": 720 / 25.4, "in": 72.0}
_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(pt|mm|cm|in)\s*$")
FONT_ROLES = ("song", "hei", "kai", "fangsong")


def parse_length(text: str) -> float | None:
    text = text.strip()
    if text in SIZE_NAMES:
        return float(SIZE_NAMES[text])
    m = _LENGTH.match(text)
    return float(m[1]) * _UNITS[m[2]] if m else None


class LengthKind(Kind):
    def convert(self, node: Node, ctx: Context, path: str) -> float | Invalid:
        if isinstance(node, Scalar):
            value = parse_length(node.value)
            if value is not None:
                return value
            return ctx.error("style.bad_length", node.loc, path, value=node.value)
        return ctx.error("schema.expected_text", node.loc, path)


class NumberKind(Kind):
    """A plain decimal (character counts, line multiples); `2字` and `2em` too."""

    def convert(self, node: Node, ctx: Context, path: str) -> float | Invalid:
        if isinstance(node, Scalar):
            raw = node.value.strip().removesuffix("字").removesuffix("em").strip()
            try:
                return float(raw)
            except ValueError:
                pass
        return ctx.error("schema.expected_int", node.loc, path, value=getattr(node, "value", ""))


class RoleKind(Kind):
    def json_schema(self, writer: Any, path: str) -> dict:
        return {"enum": list(FONT_ROLES)}

    def convert(self, node: Node, ctx: Context, path: str) -> str | Invalid:
        if isinstance(node, Scalar) and node.value.strip() in FONT_ROLES:
            return node.value.strip()
        return ctx.error(
            "style.bad_role", node.loc, path, value=getattr(node, "value", ""), roles="、".join(FONT_ROLES)
        )


ALIGN_CHOICES = {"left": "左", "center": "居中", "right": "右", "justify": "两端"}


class AlignKind(Kind):
    def json_schema(self, writer: Any, path: str) -> dict:
        return {"enum": [name for pair in ALIGN_CHOICES.items() for name in pair]}

    def convert(self, node: Node, ctx: Context, path: str) -> str | Invalid:
        if isinstance(node, Scalar):
            raw = node.value.strip()
            for en, zh in ALIGN_CHOICES.items():
                if raw in (en, zh):
                    return en
        shown = "、".join(f"{en}（{zh}）" for en, zh in ALIGN_CHOICES.items())
        return ctx.error("schema.bad_choice", node.loc, path, value=getattr(node, "value", ""), choices=shown)


@dataclass
class ParaStyle:
    """A paragraph style. Sizes and spaces in points; `first_indent` in characters."""

    font: str = "song"
    size: float = 9.0
    leading: float | None = None  # None: 1.5 × size
    first_indent: float = 0.0
    align: str = "justify"
    space_before: float = 0.0
    space_after: float = 0.0
    bold: bool = False
    new_page: bool = False  # start on a new page (chapter headings)
    full_width: bool = False  # span all columns
    loc: Location | None = None

    @property
    def line_height(self) -> float:
        return self.leading if self.leading is not None else round(self.size * 1.5, 2)


@dataclass
class CharStyle:
    font: str = "hei"
    bold: bool = False
    loc: Location | None = None


@dataclass
class PageStyle:
    width: float
    height: float
    margin_top: float
    margin_bottom: float
    margin_inside: float  # binding side: left on odd pages, right on even
    margin_outside: float
    columns: int = 1
    column_gap: float = 0.0
    header_distance: float = 0.0  # from the top edge to the running head baseline
    footer_distance: float = 0.0  # from the bottom edge to the page number baseline
    loc: Location | None = None

    @property
    def frame_width(self) -> float:
        return self.width - self.margin_inside - self.margin_outside

    @property
    def frame_height(self) -> float:
        return self.height - self.margin_top - self.margin_bottom

    @property
    def column_width(self) -> float:
        return (self.frame_width - (self.columns - 1) * self.column_gap) / self.columns


class NumberPosition(StrEnum):
    OUTER = "outer"  # outer corner: right on odd pages, left on even
    CENTER = "center"


class VAlign(StrEnum):
    TOP = "top"
    CENTER = "center"


@dataclass
class TableStyle:
    full_width: bool = True  # tables span all columns, or sit in one column
    rule_thick: float = 1.0
    rule_thin: float = 0.5
    cell_padding: float = 2.0
    cell_valign: VAlign = VAlign.CENTER  # body cells: vertically centred, or at the top
    loc: Location | None = None


@dataclass
class HeadStyle:
    """书眉 and page numbers."""

    running_heads: bool = True
    rule: float = 0.5  # the thin rule under the running head; 0 for none
    page_number_format: str = "{n}"  # gongwen: "— {n} —"
    page_number_position: NumberPosition = NumberPosition.OUTER
    loc: Location | None = None


@dataclass
class TemplateStyles:
    """Which style of the Word template each role takes: role → the template's style name."""

    names: dict[str, str] = field(default_factory=dict)
    loc: Location | None = None
    field_locs: dict[str, Location] = field(default_factory=dict)


@dataclass
class Style:
    name: str
    page: PageStyle
    paragraphs: dict[str, ParaStyle]
    characters: dict[str, CharStyle]
    table: TableStyle = field(default_factory=TableStyle)
    heads: HeadStyle = field(default_factory=HeadStyle)
    # Font file candidates per role, overriding fonts.yaml for this style.
    fonts: dict[str, list[str]] = field(default_factory=dict)
    # The face names a Chinese Windows machine has, written into the DOCX.
    word_fonts: dict[str, str] = field(default_factory=dict)
    source: Path | None = None
    # A Word document whose styles, fonts, page setup, headers and numbering the DOCX takes
    # (like pandoc's --reference-doc); `template_loc` is where the style file names it.
    template: Path | None = None
    template_loc: Location | None = None
    template_styles: TemplateStyles = field(default_factory=TemplateStyles)

    def para(self, name: str) -> ParaStyle:
        found = self.paragraphs.get(name)
        if found is None and name in OPTIONAL_PARA_NAMES:
            found = self.paragraphs[name] = derived_para(name, self.paragraphs)
        if found is None:
            raise KeyError(name)
        return found

    def char(self, name: str) -> CharStyle:
        found = self.characters.get(name)
        if found is None and name in OPTIONAL_CHAR_NAMES:
            found = self.characters[name] = CharStyle(font="hei")
        if found is None:
            raise KeyError(name)
        return found


PARA_NAMES = (
    "body", "heading1", "heading2", "article_title", "subtitle", "byline",
    "article_heading", "credit", "caption", "table_header", "table_cell",
    "running_head", "page_number",
)
CHAR_NAMES = ("entry_title", "runin_title")
# Book styles (次分目, 书名页, 目录, 索引, 大事记 dates): optional, so a style file written
# for a single chapter keeps loading; a missing one is derived from the styles above.
OPTIONAL_PARA_NAMES = (
    "heading3", "title_page", "title_page_line", "toc1", "toc2", "toc3", "index_letter", "index_entry",
)
OPTIONAL_CHAR_NAMES = ("date",)
# What each name stands for (shown by the JSON Schema in the editor).
NAME_DOCS = {
    "body": "正文", "heading1": "类目标题", "heading2": "分目标题", "article_title": "文章标题",
    "subtitle": "副标题", "byline": "署名", "article_heading": "文中小标题", "credit": "供稿",
    "caption": "表题", "table_header": "表头", "table_cell": "表格内容", "running_head": "书眉",
    "page_number": "页码", "entry_title": "条目标题【…】", "runin_title": "分项小标题",
    "heading3": "次分目标题", "title_page": "书名页书名", "title_page_line": "书名页其他各行",
    "toc1": "目录一级（类目）", "toc2": "目录二级（分目）", "toc3": "目录三级（次分目）",
    "index_letter": "索引字母标题", "index_entry": "索引词条", "date": "大事记日期",
    "song": "宋体", "hei": "黑体", "kai": "楷体", "fangsong": "仿宋",
}


def derived_para(name: str, paragraphs: dict[str, ParaStyle]) -> ParaStyle:
    """The default of an optional paragraph style, made from the required ones."""
    body, h1, h2 = paragraphs["body"], paragraphs["heading1"], paragraphs["heading2"]
    plain = {"new_page": False, "full_width": False, "space_before": 0.0, "space_after": 0.0, "loc": None}
    if name == "heading3":
        return replace(h2, **{**plain, "align": "left", "size": body.size, "leading": h2.leading})
    if name == "title_page":
        return replace(h1, **{**plain, "size": h1.size * 1.5, "leading": h1.size * 2.0, "align": "center"})
    if name == "title_page_line":
        return replace(h2, **{**plain, "font": "song", "align": "center"})
    if name.startswith("toc"):
        level = int(name[3:])
        font = "hei" if level == 1 else body.font
        return replace(body, **{**plain, "font": font, "first_indent": 2.0 * (level - 1), "align": "left"})
    if name == "index_letter":
        return replace(h2, **{**plain, "align": "left", "space_before": body.line_height / 2})
    return replace(body, **{**plain, "first_indent": 0.0, "align": "left"})  # index_entry

LENGTH = LengthKind()
PARA = ObjectKind(ParaStyle, [
    Field("font", "字体", RoleKind(),
        doc='字体角色：song（宋体）、hei（黑体）、kai（楷体）、fangsong（仿宋）'),
    Field("size", "字号", LENGTH, doc='字号：如 小五、五号、9pt'),
    Field("leading", "行距", LENGTH, doc='行距：相邻两行基线的距离，如 14pt'),
    Field("first_indent", "首行缩进", NumberKind(), doc='首行缩进的字数，如 2'),
    Field("align", "对齐", AlignKind(),
        doc='对齐：left（左）、center（居中）、right（右）、justify（两端）'),
    Field("space_before", "段前", LENGTH, doc='段前距离，如 6pt'),
    Field("space_after", "段后", LENGTH, doc='段后距离，如 6pt'),
    Field("bold", "加粗", BoolKind(), doc='是否加粗（PDF 不用粗体字形，DOCX 中加粗）'),
    Field("new_page", "另起页", BoolKind(), doc='是否另起一页'),
    Field("full_width", "通栏", BoolKind(), doc='是否通栏（跨越各栏排）'),
])
CHAR = ObjectKind(CharStyle, [
    Field("font", "字体", RoleKind(),
        doc='字体角色：song（宋体）、hei（黑体）、kai（楷体）、fangsong（仿宋）'),
    Field("bold", "加粗", BoolKind(), doc='是否加粗（PDF 不用粗体字形，DOCX 中加粗）'),
])


class LocatedTextKind(Kind):
    """A text and where it was written, for messages about what it names (a file)."""

    def convert(self, node: Node, ctx: Context, path: str) -> tuple[str, Location] | Invalid:
        value = TextKind().convert(node, ctx, path)
        return value if isinstance(value, Invalid) else (str(value), node.loc)


class NamedKind(Kind):
    """A mapping from a fixed set of names to one kind of value."""

    def __init__(self, names: tuple[str, ...], item: Kind, required: bool, optional: tuple[str, ...] = ()):
        fields = [Field(n, n, item, required=required, doc=NAME_DOCS.get(n, "")) for n in names]
        fields += [Field(n, n, item, required=False, doc=NAME_DOCS.get(n, "")) for n in optional]
        self.mapping = ObjectKind(lambda loc, **kw: kw, fields)

    def convert(self, node: Node, ctx: Context, path: str) -> dict | Invalid:
        return self.mapping.convert(node, ctx, path)


class FontListKind(Kind):
    """One font file or a list of candidates, tried in order."""

    def convert(self, node: Node, ctx: Context, path: str) -> list[str] | Invalid:
        if isinstance(node, Scalar):
            return [node.value]
        values = ListKind(TextKind()).convert(node, ctx, path)
        return values if isinstance(values, Invalid) else [str(v) for v in values]


STYLE = ObjectKind(
    lambda loc, **kw: kw,
    [
        Field("name", "名称", TextKind(), required=True, doc='版式名称'),
        Field("page", "页面", ObjectKind(PageStyle, [
            Field("width", "宽", LENGTH, required=True, doc='纸张宽度，如 185mm'),
            Field("height", "高", LENGTH, required=True, doc='纸张高度，如 260mm'),
            Field("margin_top", "上边距", LENGTH, required=True, doc='上边距（含书眉），如 22mm'),
            Field("margin_bottom", "下边距", LENGTH, required=True, doc='下边距（含页码），如 18mm'),
            Field("margin_inside", "内边距", LENGTH, required=True, doc='内边距（订口），如 18mm'),
            Field("margin_outside", "外边距", LENGTH, required=True, doc='外边距（切口），如 16mm'),
            Field("columns", "栏数", NumberKind(), doc='栏数：1 为单栏，2 为双栏'),
            Field("column_gap", "栏间距", LENGTH, doc='栏间距，如 6mm'),
            Field("header_distance", "书眉距", LENGTH, doc='书眉距：页顶到书眉文字基线，如 14mm'),
            Field("footer_distance", "页码距", LENGTH, doc='页码距：页底到页码基线，如 10mm'),
        ]), required=True, doc='页面：纸张大小、边距、分栏'),
        Field(
            "paragraphs", "段落", NamedKind(PARA_NAMES, PARA, required=True, optional=OPTIONAL_PARA_NAMES),
            required=True, doc='段落：正文、各级标题、表题、书眉、页码等各种段落的格式',
        ),
        Field(
            "characters", "字符", NamedKind(CHAR_NAMES, CHAR, required=True, optional=OPTIONAL_CHAR_NAMES),
            required=True, doc='字符：条目标题【…】和分项小标题的字体',
        ),
        Field("table", "表格", ObjectKind(TableStyle, [
            Field("full_width", "通栏", BoolKind(), doc='表格是否通栏排（false 则排在栏内）'),
            Field("rule_thick", "粗线", LENGTH, doc='三线表上下粗线的粗细，如 1pt'),
            Field("rule_thin", "细线", LENGTH, doc='栏目线（细线）的粗细，如 0.5pt'),
            Field("cell_padding", "单元格边距", LENGTH, doc='单元格边距，如 2pt'),
            Field("cell_valign", "垂直对齐", ChoiceKind(VAlign, {"top": "顶端", "center": "居中"}),
                doc='单元格垂直对齐：top（顶端）、center（居中）'),
        ]), doc='表格：通栏、表格线粗细、单元格边距和对齐'),
        Field("heads", "书眉", ObjectKind(HeadStyle, [
            Field("running_heads", "书眉", BoolKind(), doc='是否排书眉'),
            Field("rule", "眉线", LENGTH, doc='眉线粗细，如 0.5pt'),
            Field("page_number_format", "页码格式", TextKind(),
                doc='页码格式，{n} 为页码，如 {n} 或 — {n} —'),
            Field(
                "page_number_position",
                "页码位置",
                ChoiceKind(NumberPosition, {"outer": "外侧", "center": "居中"}),
                doc='页码位置：outer（外侧）、center（居中）',
            ),
        ]), doc='书眉和页码'),
        Field("fonts", "字体文件", NamedKind(FONT_ROLES, FontListKind(), required=False),
            doc='字体文件：为各字体角色指定优先使用的字体文件或已安装字体名'),
        Field("word_fonts", "Word字体", NamedKind(FONT_ROLES, TextKind(), required=False),
            doc='Word字体：各字体角色写入 DOCX 的字体名，如 宋体、黑体'),
        Field("template", "模板", LocatedTextKind(),
            doc="Word 模板（.docx）：DOCX 套用其样式、字体、页面和页眉页脚；路径相对于版式文件或数据文件夹"),
        Field("template_styles", "模板样式", ObjectKind(
            lambda loc, **kw: TemplateStyles({k: str(v) for k, v in kw.items()}, loc),
            [Field(n, n, TextKind(), doc=f"“{NAME_DOCS.get(n, n)}”所用的模板样式名")
             for n in (*PARA_NAMES, *CHAR_NAMES)],
        ), doc="模板样式：各段落、字符角色在模板中对应的样式名，如 body: 正文"),
    ],
)


def available_styles() -> list[str]:
    return sorted(p.stem for p in STYLES_DIR.glob("*.yaml"))


def resolve_style_path(name: str, data_dir: Path) -> Path | None:
    """A built-in style name (yearbook/styles/), or a file path relative to the data folder."""
    candidate = data_dir / name
    if name.endswith((".yaml", ".yml")) and candidate.is_file():
        return candidate
    builtin = STYLES_DIR / f"{name}.yaml"
    return builtin if builtin.is_file() else None


def load_style(name: str, data_dir: Path, loc: Location | None = None) -> Style:
    path = resolve_style_path(name, data_dir)
    if path is None:
        available = "、".join(available_styles())
        raise YearbookError([Diagnostic("style.not_found", {"name": name, "available": available}, loc)])
    reader = Reader(path.parent)
    root = reader.read(path)
    ctx = Context()
    values: Any = STYLE.convert(root, ctx, "") if root is not None else None
    problems = reader.diagnostics + ctx.diagnostics
    if problems or values is None or isinstance(values, Invalid):
        raise YearbookError(problems)
    page = values["page"]
    page.columns = int(page.columns)
    template, template_loc = None, None
    if values.get("template"):
        name, template_loc = values["template"]
        template = template_path(name, [path.parent, data_dir], template_loc)
    style = Style(
        name=str(values["name"]),
        page=page,
        paragraphs=values["paragraphs"],
        characters=values["characters"],
        table=values.get("table") or TableStyle(),
        heads=values.get("heads") or HeadStyle(),
        fonts=values.get("fonts") or {},
        word_fonts={k: str(v) for k, v in (values.get("word_fonts") or {}).items()},
        source=path,
        template=template,
        template_loc=template_loc,
        template_styles=values.get("template_styles") or TemplateStyles(),
    )
    for name in OPTIONAL_PARA_NAMES:
        style.para(name)
    for name in OPTIONAL_CHAR_NAMES:
        style.char(name)
    return style


def template_path(name: str, folders: list[Path], loc: Location) -> Path:
    """The template file, checked to be a Word document before anything is written."""
    import zipfile

    given = Path(name)
    candidates = [given] if given.is_absolute() else [folder / given for folder in dict.fromkeys(folders)]
    found = next((c for c in candidates if c.is_file()), None)
    if found is None:
        tried = "、".join(str(c) for c in candidates)
        raise YearbookError([Diagnostic("style.template_missing", {"name": name, "tried": tried}, loc)])
    try:
        with zipfile.ZipFile(found) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise YearbookError([Diagnostic("style.template_not_docx", {"name": name}, loc)]) from exc
    missing = [n for n in ("[Content_Types].xml", "word/document.xml", "word/styles.xml") if n not in names]
    if missing:
        args = {"name": name, "parts": "、".join(missing)}
        raise YearbookError([Diagnostic("style.template_incomplete", args, loc)])
    return found
