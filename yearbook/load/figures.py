"""The schema of figures (图) and colour plates (彩页), and where their image files are.

An image path is read like an `include`: relative to the YAML file that names it,
and it must stay inside the data folder. Whether the file is a usable image is
decided later, by yearbook.images, which opens it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from yearbook import model as m
from yearbook.diagnostics import Diagnostic, Location, display_path
from yearbook.i18n import register
from yearbook.load.schema import ChoiceKind, Field, ListKind, ObjectKind, TextKind
from yearbook.text import Text

register(
    {
        "figure.outside": (
            "图片文件“{target}”不在数据文件夹内；请把图片放进数据文件夹（例如 images/ 子文件夹）",
            "image file '{target}' is outside the data folder; put images inside it (for example in images/)",
        ),
        "figure.missing": ("图片文件“{target}”不存在", "image file '{target}' does not exist"),
        "figure.plate_count": (
            "彩页每页放一至四幅照片，这一页有 {count} 幅",
            "a colour-plate page holds one to four photos; this one has {count}",
        ),
    }
)

TEXT = TextKind()
MAX_PLATES_PER_PAGE = 4


def _figure(
    file: Text,
    caption: Text,
    photographer: Text | None = None,
    supplied_by: Text | None = None,
    loc: Location | None = None,
    **kw: Any,
) -> m.Figure:
    credit = None
    if photographer is not None:
        credit = m.Credit(m.CreditKind.PHOTO, photographer, photographer.loc)
    elif supplied_by is not None:
        credit = m.Credit(m.CreditKind.SUPPLIED, supplied_by, supplied_by.loc)
    return m.Figure(file, caption, credit, loc=loc, **kw)


FIGURE_FIELDS = [
    Field("file", "文件", TEXT, required=True,
          doc="图片文件（JPEG 或 PNG），路径相对于本 YAML 文件，须在数据文件夹内"),
    Field("caption", "图题", TEXT, required=True, doc="图题：只写“图N”后面的文字，图号自动编排"),
    Field("photographer", "摄影", TEXT, doc="摄影者姓名，排成“（某某 摄）”；与“供图”二选一"),
    Field("supplied_by", "供图", TEXT, doc="供图单位或个人，排成“（某某 供图）”；与“摄影”二选一"),
    Field(
        "width",
        "宽度",
        ChoiceKind(m.FigureWidth, {"column": "栏宽", "page": "通栏"}),
        doc="宽度：column（栏宽，默认）或 page（通栏）",
    ),
    Field(
        "placement",
        "位置",
        ChoiceKind(m.Placement, {"here": "随文", "top": "栏顶", "bottom": "栏底"}),
        doc="位置：here（随文，默认）、top（栏顶）、bottom（栏底）",
    ),
    Field("id", "编号", TEXT, doc="图片编号：正文中用 {{figure.编号}} 引用本图的图号"),
]
FIGURE = ObjectKind(_figure, FIGURE_FIELDS, exclusive=("photographer", "supplied_by"))

# A plate carries a caption and credit but no number, width or placement: the page decides.
PLATE_PHOTO = ObjectKind(
    _figure,
    [f for f in FIGURE_FIELDS if f.key in ("file", "caption", "photographer", "supplied_by")],
    exclusive=("photographer", "supplied_by"),
)
PLATE_PAGE = ObjectKind(
    m.PlatePage,
    [Field("photos", "照片", ListKind(PLATE_PHOTO), required=True, doc="这一页彩页的照片，一至四幅")],
)
PLATES = ListKind(PLATE_PAGE)


def book_figures(book: m.Book) -> list[m.Figure]:
    """Every figure and plate photo the book names, in reading order."""
    out = [photo for page in book.plates for photo in page.photos]
    for chapter in book.chapters:
        for article in chapter.articles:
            out.extend(item for item in article.body if isinstance(item, m.Figure))
        for section in chapter.sections:
            for entry in section.entries:
                out.extend(entry.figures)
    return out


def resolve_figures(book: m.Book, data_dir: Path, files: Iterable[Path]) -> list[Diagnostic]:
    """Set each figure's `path`, relative to the YAML file that names it (one of the
    `files` the reader read); report files missing or outside the data folder."""
    root = data_dir.resolve()
    # A location names its file as shown to the user; the reader knows the real path.
    read = {display_path(path): path for path in files}
    problems: list[Diagnostic] = []
    for page in book.plates:
        if not 1 <= len(page.photos) <= MAX_PLATES_PER_PAGE:
            problems.append(Diagnostic("figure.plate_count", {"count": len(page.photos)}, page.loc))
    for figure in book_figures(book):
        written = figure.file.strip().replace("\\", "/")  # Windows users write images\a.jpg
        loc = figure.file.loc
        yaml_file = read.get(loc.file, root / "book.yaml") if loc is not None else root / "book.yaml"
        path = (yaml_file.parent / written).resolve()
        if not path.is_relative_to(root):
            problems.append(Diagnostic("figure.outside", {"target": str(figure.file)}, loc))
        elif not path.is_file():
            problems.append(Diagnostic("figure.missing", {"target": str(figure.file)}, loc))
        else:
            figure.path = path
    return problems
