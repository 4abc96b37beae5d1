"""Pictures in imported documents: photos with a 图N caption become figures, a 彩页
photo table becomes the book's plates, and what cannot become a figure is named."""

from __future__ import annotations

import io
import shutil
import struct
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.shared import Cm
from import_helpers import build_docx, docx_content
from PIL import Image

from tests.imagemaker import jpeg, png
from yearbook.i18n import set_language
from yearbook.importers import import_file
from yearbook.importers.command import run_import
from yearbook.load.book import load_book
from yearbook.load.figures import book_figures
from yearbook.model import CreditKind, FigureWidth


@pytest.fixture(autouse=True)
def chinese():
    set_language("zh")
    yield
    set_language(None)


PHOTO = jpeg(900, 600)
CHART = png(640, 480)


def photo_document(path: Path) -> Path:
    """A chapter typed the way a clerk types it: photos pasted in, captions typed under them."""
    d = docx.Document()
    d.add_heading("政协某某市委员会", 1)
    d.add_heading("重要会议", 2)
    d.add_paragraph("【十届二次会议】2023年1月9日至11日，十届二次会议召开（图1）。")
    d.add_paragraph().add_run().add_picture(io.BytesIO(PHOTO), width=Cm(12))
    d.add_paragraph("图1　十届二次会议会场（张三 摄）")
    d.add_paragraph("【提案工作】全年立案提案79件。")
    run = d.add_paragraph().add_run()  # picture and caption in one paragraph, after a line break
    run.add_picture(io.BytesIO(CHART), width=Cm(10))
    run.add_break()
    run.add_text("图2 提案办理情况（供图：市政协提案委员会）")
    d.add_paragraph("【调研视察】组织调研12次。")
    d.add_paragraph().add_run().add_picture(io.BytesIO(PHOTO), width=Cm(12))  # the same photo again
    d.add_paragraph("图3　委员视察重点项目　市政协办公室 摄")
    d.add_paragraph("（政协某某市委员会办公室　张三供稿）")
    d.save(str(path))
    return path


def test_clerk_photos_become_figures(tmp_path):
    imported = import_file(photo_document(tmp_path / "chapter.docx"), year=2022)
    assert [w.code for w in imported.warnings] == []
    entries = imported.book.chapters[0].sections[0].entries
    figures = [f for e in entries for f in e.figures]
    assert [len(e.figures) for e in entries] == [1, 1, 1]
    assert [str(f.caption) for f in figures] == ["十届二次会议会场", "提案办理情况", "委员视察重点项目"]
    assert [(f.credit.kind, str(f.credit.name)) for f in figures] == [
        (CreditKind.PHOTO, "张三"), (CreditKind.SUPPLIED, "市政协提案委员会"), (CreditKind.PHOTO, "市政协办公室")]
    assert all(f.width is FigureWidth.COLUMN for f in figures)  # a one-column document
    # The caption is not left behind as text; the text naming the figure is kept as typed.
    assert [str(p) for p in entries[0].paragraphs] == ["2023年1月9日至11日，十届二次会议召开（图1）。"]
    assert [str(p) for p in entries[1].paragraphs] == ["全年立案提案79件。"]
    # The same photo twice is one file; the files are the document's own bytes.
    assert figures[0].file == figures[2].file
    assert imported.images == {figures[0].file: PHOTO, figures[1].file: CHART}


def test_imported_photos_build(tmp_path):
    assert run_import(photo_document(tmp_path / "chapter.docx"), tmp_path / "data", 2022, False) == 0
    assert sorted(p.name for p in (tmp_path / "data" / "images").iterdir()) == ["image1.jpg", "image2.png"]
    text = (tmp_path / "data" / "chapter1.yaml").read_text(encoding="utf-8")
    assert "# 图片：排在条目末尾，图号自动编排" in text and "# 摄影：排成“（张三　摄）”" in text
    book = load_book(tmp_path / "data").book
    assert [f.path.read_bytes() for f in book_figures(book)] == [PHOTO, CHART, PHOTO]
    paragraphs, _ = docx_content(build_docx(tmp_path / "data", tmp_path / "out"))
    assert "图1　十届二次会议会场（张三　摄）" in paragraphs
    assert "图2　提案办理情况（市政协提案委员会　供图）" in paragraphs
    assert paragraphs.index("图3　委员视察重点项目（市政协办公室　摄）") > paragraphs.index(
        "【调研视察】组织调研12次。")


def test_caption_above_the_picture(tmp_path):
    d = docx.Document()
    d.add_heading("政协某某市委员会", 1)
    d.add_heading("重要会议", 2)
    d.add_paragraph("【甲】正文。")
    d.add_paragraph("图1　会场")
    d.add_paragraph().add_run().add_picture(io.BytesIO(PHOTO))
    d.add_paragraph("图2　合影（李四　摄）")
    d.add_paragraph().add_run().add_picture(io.BytesIO(CHART))
    d.add_paragraph("后面的正文。")
    d.save(str(tmp_path / "above.docx"))
    entry = import_file(tmp_path / "above.docx", year=2022).book.chapters[0].sections[0].entries[0]
    assert [str(f.caption) for f in entry.figures] == ["会场", "合影"]
    assert [str(p) for p in entry.paragraphs] == ["正文。", "后面的正文。"]


def test_picture_without_caption_warns_and_keeps_its_neighbours(tmp_path):
    d = docx.Document()
    d.add_heading("政协某某市委员会", 1)
    d.add_heading("重要会议", 2)
    d.add_paragraph("【甲】正文。")
    d.add_paragraph().add_run().add_picture(io.BytesIO(PHOTO))
    d.add_paragraph("全年组织活动12次。")
    d.save(str(tmp_path / "bare.docx"))
    imported = import_file(tmp_path / "bare.docx", year=2022)
    [warning] = [w for w in imported.warnings if w.code == "import.image_no_caption"]
    assert "第4段" in warning.render() and "图题" in warning.render()
    entry = imported.book.chapters[0].sections[0].entries[0]
    assert entry.figures == [] and [str(p) for p in entry.paragraphs] == ["正文。", "全年组织活动12次。"]
    assert imported.images == {}


def _emf() -> bytes:
    """The header record of an Enhanced Metafile: what Word keeps for a pasted Visio drawing."""
    header = struct.pack("<II4i4i", 1, 108, 0, 0, 100, 100, 0, 0, 2540, 2540)
    header += b" EMF" + struct.pack("<IIIHHIIIii ii", 0x10000, 108, 1, 1, 0, 0, 0, 0, 1024, 768, 320, 240)
    return header


def _replace_media(path: Path, old: str, new: str, data: bytes) -> None:
    """Swap a picture of a saved document for another file (python-docx will not add EMF)."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    del parts[f"word/media/{old}"]
    parts[f"word/media/{new}"] = data
    rels = "word/_rels/document.xml.rels"
    parts[rels] = parts[rels].replace(f"media/{old}".encode(), f"media/{new}".encode())
    ext = new.rsplit(".", 1)[1].encode()
    types = parts["[Content_Types].xml"]
    if b'Extension="' + ext + b'"' not in types:
        default = b'<Default Extension="' + ext + b'" ContentType="image/x-' + ext + b'"/>'
        parts["[Content_Types].xml"] = types.replace(b"<Default ", default + b"<Default ", 1)
    with zipfile.ZipFile(path, "w") as z:
        for name, content in parts.items():
            z.writestr(name, content)


def test_unsupported_and_converted_pictures(tmp_path):
    gif = io.BytesIO()
    Image.new("P", (300, 200), 3).save(gif, "GIF")
    d = docx.Document()
    d.add_heading("政协某某市委员会", 1)
    d.add_heading("重要会议", 2)
    d.add_paragraph("【甲】正文。")
    d.add_paragraph().add_run().add_picture(io.BytesIO(CHART))
    d.add_paragraph("图1　组织结构示意图（市政协办公室　供图）")
    d.add_paragraph().add_run().add_picture(gif)
    d.add_paragraph("图2　动态图")
    path = tmp_path / "metafile.docx"
    d.save(str(path))
    _replace_media(path, "image1.png", "image1.emf", _emf())
    imported = import_file(path, year=2022)
    [warning] = [w for w in imported.warnings if w.code == "import.image_format"]
    assert "第4段" in warning.render() and "EMF" in warning.render() and "另存为图片" in warning.render()
    entry = imported.book.chapters[0].sections[0].entries[0]
    # The metafile's caption stays as text; the GIF is converted to PNG and becomes a figure.
    assert [str(p) for p in entry.paragraphs] == ["正文。", "图1　组织结构示意图（市政协办公室　供图）"]
    [figure] = entry.figures
    assert (str(figure.file), str(figure.caption)) == ("images/image2.png", "动态图")
    with Image.open(io.BytesIO(imported.images["images/image2.png"])) as im:
        assert (im.format, im.size) == ("PNG", (300, 200))
    assert run_import(path, tmp_path / "data", 2022, False) == 0
    build_docx(tmp_path / "data", tmp_path / "out")


def test_caption_typed_in_text_stays_text_with_a_warning(tmp_path):
    source = tmp_path / "c.txt"
    source.write_text(
        "政协某某市委员会\n重要会议\n【十届二次会议】2023年1月9日，十届二次会议召开。\n"
        "图1　十届二次会议会场（市政协办公室　供图）\n【提案工作】全年立案提案79件。\n",
        encoding="utf-8",
    )
    imported = import_file(source, year=2022)
    [warning] = [w for w in imported.warnings if w.code == "import.caption_only"]
    assert warning.location is not None and warning.location.line == 4
    section = imported.book.chapters[0].sections[0]
    assert [str(s.title) for s in imported.book.chapters[0].sections] == ["重要会议"]  # not a heading
    assert [str(p) for p in section.entries[0].paragraphs] == [
        "2023年1月9日，十届二次会议召开。", "图1　十届二次会议会场（市政协办公室　供图）"]


PLATES = """
plates:
  - photos:
      - {file: images/huichang.jpg, caption: 政协第十届委员会第二次会议开幕, photographer: 张三}
  - photos:
      - {file: images/diaoyan.jpg, caption: 委员视察重点项目, supplied_by: 市政协办公室}
      - {file: images/tian.png, caption: 提案办理情况}
      - {file: images/huichang.jpg, caption: 会场}
  - photos:
      - {file: images/diaoyan.jpg, caption: 视察一, photographer: 李四}
      - {file: images/tian.png, caption: 视察二}
      - {file: images/huichang.jpg, caption: 视察三}
      - {file: images/diaoyan.jpg, caption: 视察四, supplied_by: 市政协办公室}
"""


def test_plates_round_trip(tmp_path):
    data = tmp_path / "data"
    shutil.copytree("data", data)
    # The example's own 彩页 give way to these three pages of one, three and four photos.
    book_yaml = data / "book.yaml"
    text = book_yaml.read_text(encoding="utf-8")
    start = text.find("\nplates:")
    if start >= 0:
        text = text[:start + 1] + text[text.index("\nchapters:", start) + 1:]
    book_yaml.write_text(text + PLATES, encoding="utf-8")
    first = build_docx(data, tmp_path / "first")
    assert run_import(first, tmp_path / "imported", None, False) == 0
    book_text = (tmp_path / "imported" / "book.yaml").read_text(encoding="utf-8")
    assert "# 彩页：" in book_text
    original, imported = load_book(data).book, load_book(tmp_path / "imported").book

    def plates(book):
        return [[(str(p.caption), p.credit and (p.credit.kind, str(p.credit.name)), p.path.read_bytes())
                 for p in page.photos] for page in book.plates]

    assert plates(imported) == plates(original)
    assert [len(p.photos) for p in imported.plates] == [1, 3, 4]
    assert len(list((tmp_path / "imported" / "images").iterdir())) == 3  # huichang.jpg once
    second = build_docx(tmp_path / "imported", tmp_path / "second")
    assert docx_content(second) == docx_content(first)


def _vml_picture(rid: str) -> str:
    """A picture as older Word and WPS write it: a VML shape with v:imagedata."""
    return (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<w:pict><v:shape style="width:300pt;height:200pt"><v:imagedata r:id="{rid}"/></v:shape></w:pict></w:r>'
    )


def test_vml_picture_in_an_article(tmp_path):
    d = docx.Document()
    d.add_heading("专文", 1)
    d.add_paragraph().add_run("团结奋斗谱新篇").bold = True
    d.add_paragraph("——某市政协2023年工作综述")
    d.add_paragraph("第一段正文。")
    rid, _ = d.part.get_or_add_image(io.BytesIO(PHOTO))
    d.add_paragraph()._p.append(parse_xml(_vml_picture(rid)))
    d.add_paragraph("图1　专题协商会现场（某市政协办公室　供图）")
    d.add_paragraph("第二段正文。")
    d.save(str(tmp_path / "article.docx"))
    imported = import_file(tmp_path / "article.docx", year=2022)
    assert [w.code for w in imported.warnings] == ["import.no_book_title"]
    body = imported.book.chapters[0].articles[0].body
    assert [type(x).__name__ for x in body] == ["Text", "Figure", "Text"]
    assert (str(body[1].caption), str(body[1].credit.name)) == ("专题协商会现场", "某市政协办公室")
    assert imported.images == {str(body[1].file): PHOTO}


def test_photo_and_caption_in_a_text_box(tmp_path):
    d = docx.Document()
    d.add_heading("政协某某市委员会", 1)
    d.add_heading("重要会议", 2)
    d.add_paragraph("【甲】正文。")
    rid, _ = d.part.get_or_add_image(io.BytesIO(PHOTO))
    picture = _vml_picture(rid)  # the picture's run, inside the frame's first paragraph
    frame = (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        "<w:pict><v:shape><v:textbox><w:txbxContent>"
        f"<w:p>{picture}</w:p><w:p><w:r><w:t>图1　会场（张三　摄）</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )
    d.add_paragraph("正文第二段。")._p.append(parse_xml(frame))
    d.save(str(tmp_path / "frame.docx"))
    imported = import_file(tmp_path / "frame.docx", year=2022)
    assert not [w for w in imported.warnings if w.code.startswith(("import.text_box", "import.image"))]
    entry = imported.book.chapters[0].sections[0].entries[0]
    assert [str(p) for p in entry.paragraphs] == ["正文。", "正文第二段。"]
    [figure] = entry.figures
    assert (str(figure.caption), str(figure.credit.name)) == ("会场", "张三")


def test_text_after_a_figure_is_named(tmp_path):
    d = docx.Document()
    d.add_heading("政协某某市委员会", 1)
    d.add_heading("重要会议", 2)
    d.add_paragraph("【甲】正文。")
    d.add_paragraph().add_run().add_picture(io.BytesIO(PHOTO))
    d.add_paragraph("图1　会场")
    d.add_paragraph("图后的正文。")
    d.add_paragraph("【乙】下一条目。")
    d.save(str(tmp_path / "after.docx"))
    imported = import_file(tmp_path / "after.docx", year=2022)
    [warning] = [w for w in imported.warnings if w.code == "import.after_figure"]
    assert "第6段" in warning.render()
    first, second = imported.book.chapters[0].sections[0].entries
    assert [str(p) for p in first.paragraphs] == ["正文。", "图后的正文。"] and len(first.figures) == 1
    assert [str(p) for p in second.paragraphs] == ["下一条目。"]


def test_figure_numbers_the_build_changes_are_named(tmp_path):
    d = docx.Document()
    d.add_heading("政协某某市委员会", 1)
    d.add_heading("重要会议", 2)
    d.add_paragraph("【甲】正文（见图5）。")
    d.add_paragraph().add_run().add_picture(io.BytesIO(PHOTO))
    d.add_paragraph("图5　会场")
    d.add_paragraph().add_run().add_picture(io.BytesIO(CHART))
    d.add_paragraph("图6")  # a number without a caption
    d.save(str(tmp_path / "numbers.docx"))
    imported = import_file(tmp_path / "numbers.docx", year=2022)
    messages = {w.code: w.render() for w in imported.warnings}
    assert "第5段" in messages["import.figure_number"] and "图5" in messages["import.figure_number"]
    assert "图1" in messages["import.figure_number"]
    assert "第6段" in messages["import.image_no_caption"]
    entry = imported.book.chapters[0].sections[0].entries[0]
    assert [str(f.caption) for f in entry.figures] == ["会场"]
    assert [str(p) for p in entry.paragraphs] == ["正文（见图5）。", "图6"]
    assert list(imported.images) == ["images/image1.jpg"]  # nothing written for the uncaptioned one


def test_photo_grouped_with_its_caption_box(tmp_path):
    """Word's 组合: a picture and a text box holding its caption, grouped into one shape."""
    d = docx.Document()
    d.add_heading("政协某某市委员会", 1)
    d.add_heading("重要会议", 2)
    d.add_paragraph("【甲】正文。")
    rid, _ = d.part.get_or_add_image(io.BytesIO(PHOTO))
    group = (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<w:pict><v:group><v:shape style="width:300pt;height:200pt"><v:imagedata r:id="{rid}"/></v:shape>'
        "<v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>图1　会场（李四　摄）</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></v:shape></v:group></w:pict></w:r>"
    )
    d.add_paragraph()._p.append(parse_xml(group))
    d.add_paragraph("正文第二段。")
    d.save(str(tmp_path / "group.docx"))
    imported = import_file(tmp_path / "group.docx", year=2022)
    assert not [w for w in imported.warnings if w.code.startswith(("import.text_box", "import.image"))]
    entry = imported.book.chapters[0].sections[0].entries[0]
    [figure] = entry.figures
    assert (str(figure.caption), str(figure.credit.name)) == ("会场", "李四")
    assert [str(p) for p in entry.paragraphs] == ["正文。", "正文第二段。"]


def test_photos_side_by_side_in_a_table_with_a_caption_row(tmp_path):
    d = docx.Document()
    d.add_heading("政协某某市委员会", 1)
    d.add_heading("重要会议", 2)
    d.add_paragraph("【甲】正文。")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).paragraphs[0].add_run().add_picture(io.BytesIO(PHOTO), width=Cm(6))
    t.cell(0, 1).paragraphs[0].add_run().add_picture(io.BytesIO(CHART), width=Cm(6))
    t.cell(1, 0).text = "图1　会场（张三　摄）"
    t.cell(1, 1).text = "图2　提案办理情况"
    d.add_paragraph("正文第二段。")
    d.save(str(tmp_path / "side.docx"))
    imported = import_file(tmp_path / "side.docx", year=2022)
    assert not [w for w in imported.warnings if w.code.startswith("import.image")]
    entry = imported.book.chapters[0].sections[0].entries[0]
    assert [str(f.caption) for f in entry.figures] == ["会场", "提案办理情况"]
    assert [str(p) for p in entry.paragraphs] == ["正文。", "正文第二段。"]
    assert entry.tables == []


def test_embedded_object_is_named_and_its_caption_kept(tmp_path):
    """An embedded Excel chart or Visio drawing shows a metafile preview: it cannot be imported."""
    d = docx.Document()
    d.add_heading("政协某某市委员会", 1)
    d.add_heading("重要会议", 2)
    d.add_paragraph("【甲】正文。")
    rid, _ = d.part.get_or_add_image(io.BytesIO(CHART))
    obj = _vml_picture(rid).replace("<w:pict>", "<w:object>").replace("</w:pict>", "</w:object>")
    d.add_paragraph()._p.append(parse_xml(obj))
    d.add_paragraph("图1　提案统计图")
    path = tmp_path / "object.docx"
    d.save(str(path))
    _replace_media(path, "image1.png", "image1.emf", _emf())
    imported = import_file(path, year=2022)
    assert [w.code for w in imported.warnings if w.code.startswith("import.image")] == ["import.image_format"]
    entry = imported.book.chapters[0].sections[0].entries[0]
    assert entry.figures == [] and [str(p) for p in entry.paragraphs] == ["正文。", "图1　提案统计图"]


CHART_DRAWING = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<w:drawing><wp:inline><wp:extent cx="5000000" cy="3000000"/><wp:docPr id="9" name="Chart 1"/>'
    '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"/></a:graphic>'
    "</wp:inline></w:drawing></w:r>"
)


def test_a_chart_is_named_and_its_caption_kept_as_text(tmp_path):
    d = docx.Document()
    d.add_heading("政协某某市委员会", 1)
    d.add_heading("重要会议", 2)
    d.add_paragraph("【甲】正文。")
    d.add_paragraph()._p.append(parse_xml(CHART_DRAWING))
    d.add_paragraph("图1　提案数量统计")
    d.save(str(tmp_path / "chart.docx"))
    imported = import_file(tmp_path / "chart.docx", year=2022)
    codes = [w.code for w in imported.warnings]
    assert "import.image" in codes and "import.caption_only" in codes
    entry = imported.book.chapters[0].sections[0].entries[0]
    assert entry.figures == [] and [str(p) for p in entry.paragraphs] == ["正文。", "图1　提案数量统计"]


def test_markdown_pictures(tmp_path):
    (tmp_path / "照片").mkdir()
    (tmp_path / "照片" / "会场.jpg").write_bytes(PHOTO)
    source = tmp_path / "c.md"
    source.write_text(
        "# 政协某某市委员会\n\n## 重要会议\n\n【十届二次会议】2023年1月9日，十届二次会议召开。\n\n"
        "![十届二次会议会场（张三 摄）](照片/会场.jpg)\n\n"
        "![图2　不在的图](照片/没有.jpg)\n\n【提案工作】全年立案提案79件。\n",
        encoding="utf-8",
    )
    imported = import_file(source, year=2022)
    [warning] = [w for w in imported.warnings if w.code.startswith("import.image")]
    assert warning.code == "import.image_linked" and warning.location.line == 9
    first, second = imported.book.chapters[0].sections[0].entries
    [figure] = first.figures
    assert (str(figure.caption), str(figure.credit.name)) == ("十届二次会议会场", "张三")
    assert imported.images == {str(figure.file): PHOTO}
    assert [str(p) for p in first.paragraphs] == ["2023年1月9日，十届二次会议召开。", "图2　不在的图"]
    assert [str(p) for p in second.paragraphs] == ["全年立案提案79件。"]
