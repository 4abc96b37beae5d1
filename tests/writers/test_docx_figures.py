"""Figures and plates in the DOCX: real pictures (w:drawing) with their media parts, the
PDF's size, a caption paragraph in the Caption style, one media file per distinct picture."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from tests import imagemaker as mk
from yearbook.doctree import (
    Document,
    Figure,
    Heading,
    Metadata,
    OutlineItem,
    Paragraph,
    PlatePhoto,
    Plates,
    Run,
)
from yearbook.images import figure_size, make_picture
from yearbook.style import Style, load_style
from yearbook.writers.docx import write_docx

ROOT = Path(__file__).resolve().parents[2]
NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
EMU_PER_POINT = 12700
HALL = make_picture(mk.jpeg(1200, 800), "hall.jpg")
CHART = make_picture(mk.png(2400, 1200), "chart.png")


@pytest.fixture(scope="module")
def style() -> Style:
    return load_style("yearbook", ROOT / "data")


def build(blocks, style: Style) -> zipfile.ZipFile:
    doc = Document(Metadata("测试年鉴", "测试单位", edition=2023), list(blocks))
    out = io.BytesIO()
    write_docx(doc, style, out)
    return zipfile.ZipFile(io.BytesIO(out.getvalue()))


def body(package: zipfile.ZipFile) -> etree._Element:
    return etree.fromstring(package.read("word/document.xml"))


def blocks_with_figures() -> list:
    return [
        Heading(1, "政协测试市委员会", "政协测试市委员会", True, OutlineItem(0, "政协测试市委员会")),
        Paragraph([Run("正文一段。")]),
        Figure(1, "全体会议会场", HALL, "（张三\u3000摄）"),
        Paragraph([Run("正文二段。")]),
        Figure(2, "提案承办情况", CHART, page_width=True),
        Figure(3, "会场（再次使用）", HALL),
    ]


def test_pictures_are_drawings_with_media(style):
    package = build(blocks_with_figures(), style)
    root = body(package)
    drawings = root.findall(".//w:drawing", NS)
    assert len(drawings) == 3
    media = sorted(n for n in package.namelist() if n.startswith("word/media/"))
    assert len(media) == 2  # the hall is one file however often it is shown
    assert package.read(next(m for m in media if m.endswith(".jpg"))) == HALL.data
    rels = etree.fromstring(package.read("word/_rels/document.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    embeds = [b.get(f"{{{NS['r']}}}embed") for b in root.findall(".//a:blip", NS)]
    assert embeds[0] == embeds[2] and all(targets[e].startswith("media/") for e in embeds)
    ids = [d.get("id") for d in root.findall(".//wp:docPr", NS)]
    assert len(set(ids)) == 3  # drawing ids unique in the document


def test_picture_size_matches_the_pdf(style):
    root = body(build(blocks_with_figures(), style))
    extents = [(int(e.get("cx")), int(e.get("cy"))) for e in root.findall(".//wp:extent", NS)]
    for (cx, cy), figure in zip(extents, [b for b in blocks_with_figures() if isinstance(b, Figure)], strict=True):
        width, height = figure_size(figure, style)
        assert cx / EMU_PER_POINT == pytest.approx(width, abs=0.05)
        assert cy / EMU_PER_POINT == pytest.approx(height, abs=0.05)


def test_caption_paragraph_under_its_picture(style):
    package = build(blocks_with_figures(), style)
    root = body(package)
    picture_p = root.find(".//w:drawing/../..", NS)
    style_id = picture_p.find("w:pPr/w:pStyle", NS).get(f"{{{NS['w']}}}val")
    styles = etree.fromstring(package.read("word/styles.xml"))
    (picture_style,) = [s for s in styles.findall("w:style", NS) if s.get(f"{{{NS['w']}}}styleId") == style_id]
    assert picture_style.find("w:pPr/w:keepNext", NS) is not None  # kept with the caption
    spacing = picture_style.find("w:pPr/w:spacing", NS)
    assert spacing.get(f"{{{NS['w']}}}lineRule") == "auto"  # an exact line height would crop it
    caption = picture_p.getnext()
    assert caption.find("w:pPr/w:pStyle", NS).get(f"{{{NS['w']}}}val") == "Caption"
    assert "".join(caption.itertext()) == "图1\u3000全体会议会场（张三\u3000摄）"


def test_page_width_figure_sits_in_a_one_column_section(style):
    root = body(build(blocks_with_figures(), style))
    chart_p = root.findall(".//w:drawing/../..", NS)[1]
    following = chart_p.itersiblings()
    section = next(p.find("w:pPr/w:sectPr", NS) for p in following if p.find("w:pPr/w:sectPr", NS) is not None)
    cols = section.find("w:cols", NS)
    assert cols is None or cols.get(f"{{{NS['w']}}}num") in (None, "1")


def test_plates_are_tables_of_pictures(style):
    plates = Plates([[PlatePhoto("开幕", HALL)], [PlatePhoto(f"视察{i}", HALL) for i in range(4)]])
    package = build([plates, *blocks_with_figures()], style)
    root = body(package)
    tables = root.findall(".//w:tbl", NS)[:2]
    assert [len(t.findall(".//w:drawing", NS)) for t in tables] == [1, 4]
    assert len(tables[1].findall("w:tr", NS)) == 2  # 2 × 2
    assert len([n for n in package.namelist() if n.startswith("word/media/")]) == 2


def test_example_has_its_pictures_once_each(style):
    from yearbook.build import prepare

    prepared = prepare(ROOT / "data")
    out = io.BytesIO()
    write_docx(prepared.document, style, out)
    package = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    drawings = body(package).findall(".//w:drawing", NS)
    assert len(drawings) == 5  # 2 plate photos and 3 figures
    media = [n for n in package.namelist() if n.startswith("word/media/")]
    assert len(media) == 3  # the plates show two of the figures' files again
    captions = ["".join(p.itertext()) for p in body(package).iter(f"{{{NS['w']}}}p")]
    assert [c[:2] for c in captions if c.startswith("图") and "\u3000" in c[:4]] == ["图1", "图2", "图3"]


def _headers_by_section(package: zipfile.ZipFile) -> list[dict[str, etree._Element]]:
    """Each section's own header references: type → the header part's root."""
    rels = etree.fromstring(package.read("word/_rels/document.xml.rels"))
    parts = {r.get("Id"): etree.fromstring(package.read("word/" + r.get("Target"))) for r in rels
             if r.get("Type").endswith("/header")}
    w, r = f"{{{NS['w']}}}", f"{{{NS['r']}}}"
    return [
        {ref.get(f"{w}type"): parts[ref.get(f"{r}id")] for ref in sect.findall(f"{w}headerReference")}
        for sect in body(package).iter(f"{w}sectPr")
    ]


def _shows(header: etree._Element) -> tuple[str, bool]:
    """A header's text (field results included) and whether it draws the head rule."""
    text = "".join(header.itertext()).strip()
    return text, header.find(f".//{{{NS['w']}}}pBdr") is not None


def test_plate_pages_have_no_running_head_and_the_pages_after_them_do(style):
    plates = Plates([[PlatePhoto("开幕", HALL)], [PlatePhoto("视察", HALL)]])
    package = build([plates, *blocks_with_figures()], style)
    sections = _headers_by_section(package)
    # The 彩页' own section: every page's header is empty and has no rule, as in the PDF.
    assert {kind: _shows(h) for kind, h in sections[0].items()} == {
        "default": ("", False), "even": ("", False), "first": ("", False)
    }
    # The next section names its headers again instead of inheriting the blank ones.
    after = sections[1]
    assert set(after) == {"default", "even", "first"}
    assert _shows(after["even"]) == ("测试年鉴", True)
    assert _shows(after["first"]) == ("", False)  # the 类目's opening page
    assert _shows(after["default"])[1]


def test_a_title_page_before_plates_leaves_them_their_own_page(style):
    from yearbook.doctree import TitlePage

    doc = Document(
        Metadata("测试年鉴", "测试单位", edition=2023),
        blocks_with_figures(),
        front=[TitlePage("测试年鉴", ["2023"]), Plates([[PlatePhoto("开幕", HALL)]])],
    )
    out = io.BytesIO()
    write_docx(doc, style, out)
    package = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    w = f"{{{NS['w']}}}"
    breaks = [br for br in body(package).iter(f"{w}br") if br.get(f"{w}type") == "page"]
    assert breaks == []  # the plates open a section of their own: a break too would leave a blank page
    sections = _headers_by_section(package)
    assert {kind: _shows(h)[0] for kind, h in sections[1].items()} == {"default": "", "even": "", "first": ""}
