"""Figures and 彩页 written as YAML read back as the same model, with their image files."""

from __future__ import annotations

from tests.imagemaker import jpeg, png
from yearbook import model as m
from yearbook.dump import write_folder
from yearbook.dump.yaml_book import Origin
from yearbook.load.book import load_book
from yearbook.text import Text

PHOTO, CHART = jpeg(900, 600), png(640, 480)


def _figure(file: str, caption: str, credit: m.Credit | None = None, wide: bool = False) -> m.Figure:
    width = m.FigureWidth.PAGE if wide else m.FigureWidth.COLUMN
    return m.Figure(Text(file), Text(caption), credit, width=width)


def _book() -> m.Book:
    photo = m.Credit(m.CreditKind.PHOTO, Text("张三"))
    supplied = m.Credit(m.CreditKind.SUPPLIED, Text("市政协 办公室"))
    entry = m.Entry(Text("十届二次会议"), [Text("会议召开（图1）。")], figures=[
        _figure("images/a.jpg", "会场", photo), _figure("images/b.png", "提案办理情况：“承办”", supplied, True)])
    placed = _figure("images/a.jpg", "调研")
    placed.placement, placed.id = m.Placement.TOP, Text("diaoyan")
    other = m.Entry(Text("调研视察"), [Text("组织调研{{figure.diaoyan}}次。")], figures=[placed])
    article = m.Article(Text("团结奋斗谱新篇"), [Text("第一段。"), _figure("images/b.png", "示意图"), Text("第二段。")])
    chapter = m.Chapter(Text("政协某某市委员会"), sections=[m.Section(Text("重要会议"), [entry, other])],
                        articles=[article])
    plates = [m.PlatePage([_figure("images/a.jpg", "开幕", photo)]),
              m.PlatePage([_figure("images/b.png", "合影"), _figure("images/a.jpg", "视察", supplied)])]
    return m.Book(Text("政协某某市委员会年鉴"), 2023, 2022, Text("政协某某市委员会"), [chapter], plates=plates)


def _shape(f: m.Figure) -> tuple:
    credit = (f.credit.kind, str(f.credit.name)) if f.credit else None
    ident = str(f.id) if f.id is not None else None
    return str(f.file), str(f.caption), credit, f.width, f.placement, ident, f.path.read_bytes() if f.path else None


def test_figures_and_plates_read_back(tmp_path):
    book = _book()
    origin = Origin("去年.docx", None, [], False, set())
    written = write_folder(book, origin, tmp_path / "data", images={"images/a.jpg": PHOTO, "images/b.png": CHART})
    assert tmp_path / "data" / "images" / "a.jpg" in written
    back = load_book(tmp_path / "data").book
    data = {"images/a.jpg": PHOTO, "images/b.png": CHART}
    for f in [*(f for p in book.plates for f in p.photos), *(f for s in book.chapters[0].sections
                                                             for e in s.entries for f in e.figures)]:
        f.path = tmp_path / "data" / str(f.file)
        assert f.path.read_bytes() == data[str(f.file)]
    assert [[_shape(f) for f in p.photos] for p in back.plates] == [[_shape(f) for f in p.photos] for p in book.plates]
    sections, back_sections = book.chapters[0].sections, back.chapters[0].sections
    assert [[_shape(f) for f in e.figures] for e in back_sections[0].entries] == [
        [_shape(f) for f in e.figures] for e in sections[0].entries]
    body = back.chapters[0].articles[0].body
    assert [type(x).__name__ for x in body] == ["Text", "Figure", "Text"]
    assert str(body[1].caption) == "示意图"


def test_figure_keys_are_commented_in_chinese(tmp_path):
    origin = Origin("去年.docx", None, [], False, set())
    write_folder(_book(), origin, tmp_path / "data", images={"images/a.jpg": PHOTO, "images/b.png": CHART})
    chapter = (tmp_path / "data" / "chapter1.yaml").read_text(encoding="utf-8")
    assert "figures:" in chapter and "# 图片组：排在条目末尾，图号自动编排" in chapter
    assert "# 摄影：排成“（张三　摄）”" in chapter and "# 通栏：图片与版心同宽" in chapter
    assert "- figure:" in chapter and "# 图片：排在前后两段之间" in chapter
    book = (tmp_path / "data" / "book.yaml").read_text(encoding="utf-8")
    assert "plates:" in book and "# 彩页：" in book and "# 供图：排成“（市政协 办公室　供图）”" in book
