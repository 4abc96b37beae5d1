"""Figures from data to document tree: keys and aliases, paths, numbering, references, plates."""

from __future__ import annotations

import pytest

from tests import imagemaker as mk
from yearbook.assemble import assemble
from yearbook.diagnostics import YearbookError
from yearbook.doctree import Figure, Paragraph, Plates, Table
from yearbook.load.book import load_book

CHAPTER = """\
title: 政协测试市委员会
sections:
  - title: 重要会议
    entries:
      - title: 全体会议
        text: 会场见{{figure.hall}}，议程见{{table.agenda}}，视察见{{figure.visit}}。
        table:
          caption: 会议议程
          id: agenda
          columns: [项目, 时间]
          rows: [[开幕, 上午]]
        figure:
          file: images/hall.jpg
          caption: 全体会议会场
          photographer: 张三
          id: hall
      - title: 视察
        text: 视察活动。
        图片组:
          - 文件: images/visit.jpg
            图题: 委员视察
            供图: 市政协办公室
            宽度: 通栏
            编号: visit
          - file: images/hall.jpg
            caption: 同一会场（再次使用）
"""


def folder_with_images(make_data, chapter: str = CHAPTER, **files: bytes):
    folder = make_data({"chapter.yaml": chapter})
    (folder / "images").mkdir(exist_ok=True)
    images = {"hall.jpg": mk.jpeg(1200, 800), "visit.jpg": mk.jpeg(2000, 1000)} | files
    for name, data in images.items():
        (folder / "images" / name).write_bytes(data)
    return folder


def errors(folder) -> list[str]:
    with pytest.raises(YearbookError) as caught:
        assemble(load_book(folder).book)
    return [d.render() for d in caught.value.diagnostics]


def test_figures_numbered_in_order_with_caption_and_credit(make_data):
    doc = assemble(load_book(folder_with_images(make_data)).book)
    figures = [b for b in doc.blocks if isinstance(b, Figure)]
    assert [f.number for f in figures] == [1, 2, 3]
    assert figures[0].caption == "图1\u3000全体会议会场（张三\u3000摄）"
    assert figures[1].caption == "图2\u3000委员视察（市政协办公室\u3000供图）"
    assert figures[1].page_width and not figures[0].page_width
    assert figures[0].source is not None and figures[0].source.line == 13
    assert figures[2].picture is figures[0].picture  # the same file: one picture


def test_references_to_figures_and_tables(make_data):
    doc = assemble(load_book(folder_with_images(make_data)).book)
    text = next(b for b in doc.blocks if isinstance(b, Paragraph) and "会场见" in b.text).text
    assert text.endswith("会场见图1，议程见表1，视察见图2。")  # 图2 comes later in the text: still known


def test_figures_and_tables_number_on_their_own_counters(make_data):
    book = load_book(folder_with_images(make_data)).book
    book.first_table_number = 6
    doc = assemble(book)
    assert [b.number for b in doc.blocks if isinstance(b, Table)] == [6]
    assert [b.number for b in doc.blocks if isinstance(b, Figure)] == [1, 2, 3]


def test_figures_in_articles_continue_the_numbering(make_data):
    chapter = CHAPTER.replace("sections:", """\
articles:
  - title: 工作综述
    body:
      - 开篇一段。
      - figure: {file: images/visit.jpg, caption: 综述配图}
      - 结尾一段。
sections:""")
    doc = assemble(load_book(folder_with_images(make_data, chapter)).book)
    figures = [b for b in doc.blocks if isinstance(b, Figure)]
    assert [(f.number, f.title) for f in figures][:2] == [(1, "综述配图"), (2, "全体会议会场")]
    index = doc.blocks.index(figures[0])
    assert doc.blocks[index - 1].text == "开篇一段。" and doc.blocks[index + 1].text == "结尾一段。"


def test_unknown_reference_is_located(make_data):
    folder = folder_with_images(make_data, CHAPTER.replace("{{figure.visit}}", "{{figure.visti}}"))
    (message,) = errors(folder)
    assert "chapter.yaml:6:" in message and "引用的图“visti”不存在；有编号的图：hall、visit" in message


def test_duplicate_figure_id(make_data):
    folder = folder_with_images(make_data, CHAPTER.replace("编号: visit", "编号: hall").replace(
        "{{figure.visit}}", "{{figure.hall}}"))
    (message,) = errors(folder)
    assert "编号“hall”重复" in message


def test_credit_is_photographer_or_supplier_not_both(make_data):
    folder = folder_with_images(make_data, CHAPTER.replace("photographer: 张三", "photographer: 张三\n          供图: 李四"))
    (message,) = errors(folder)
    assert "“photographer”和“supplied_by”只能写一个" in message


@pytest.mark.parametrize(
    ("file", "says"),
    [
        ("images/none.jpg", "图片文件“images/none.jpg”不存在"),
        ("../outside.jpg", "不在数据文件夹内"),
        ("/etc/hostname", "不在数据文件夹内"),
    ],
)
def test_missing_or_outside_file_is_located(make_data, file, says):
    folder = folder_with_images(make_data, CHAPTER.replace("file: images/hall.jpg", f"file: {file}", 1))
    (folder.parent / "outside.jpg").write_bytes(mk.jpeg())
    with pytest.raises(YearbookError) as caught:
        load_book(folder)
    (message,) = [d.render() for d in caught.value.diagnostics]
    assert "chapter.yaml:13:17" in message and says in message


def test_backslashes_as_windows_users_write_them(make_data):
    folder = folder_with_images(make_data, CHAPTER.replace("file: images/hall.jpg", "file: images\\hall.jpg", 1))
    assert len([b for b in assemble(load_book(folder).book).blocks if isinstance(b, Figure)]) == 3


def test_bad_image_is_located(make_data):
    folder = folder_with_images(make_data, **{"hall.jpg": b"not a picture at all"})
    messages = errors(folder)
    assert len(messages) == 2  # used twice: each place is named
    assert "chapter.yaml:13:17" in messages[0] and "不是图片文件" in messages[0]


PLATES = """\
彩页:
  - 照片:
      - {文件: images/hall.jpg, 图题: 全体会议开幕, 摄影: 张三}
  - photos:
      - {file: images/visit.jpg, caption: 视察一}
      - {file: images/visit.jpg, caption: 视察二}
      - {file: images/hall.jpg, caption: 视察三}
      - {file: images/hall.jpg, caption: 视察四}
"""


def test_plates_go_to_the_front_unnumbered(make_data):
    folder = folder_with_images(make_data)
    book_yaml = (folder / "book.yaml").read_text(encoding="utf-8")
    (folder / "book.yaml").write_text(book_yaml + PLATES, encoding="utf-8")
    doc = assemble(load_book(folder).book)
    (plates,) = doc.front
    assert isinstance(plates, Plates) and [len(p) for p in plates.pages] == [1, 4]
    assert plates.pages[0][0].caption == "全体会议开幕（张三\u3000摄）"
    assert [b.number for b in doc.blocks if isinstance(b, Figure)] == [1, 2, 3]  # plates take no 图N


def test_a_plate_page_holds_one_to_four_photos(make_data):
    folder = folder_with_images(make_data)
    five = "\n".join(f"      - {{file: images/hall.jpg, caption: 第{i}幅}}" for i in range(5))
    (folder / "book.yaml").write_text(
        (folder / "book.yaml").read_text(encoding="utf-8") + f"plates:\n  - photos:\n{five}\n", encoding="utf-8"
    )
    with pytest.raises(YearbookError) as caught:
        load_book(folder)
    assert "彩页每页放一至四幅照片，这一页有 5 幅" in caught.value.diagnostics[0].render()


def test_captions_and_credits_are_proofread(make_data):
    from yearbook.check import run_checks

    chapter = CHAPTER.replace("caption: 全体会议会场", "caption: 全体会议会场,委员出席")
    report = run_checks(load_book(folder_with_images(make_data, chapter)))
    (finding,) = [f for f in report.findings if f.rule == "punct.halfwidth"]
    assert finding.location is not None and finding.location.line == 14


def test_unknown_table_reference_is_located(make_data):
    folder = folder_with_images(make_data, CHAPTER.replace("{{table.agenda}}", "{{table.agnda}}"))
    (message,) = errors(folder)
    assert "chapter.yaml:6:" in message and "引用的表格“agnda”不存在；有编号的表格：agenda" in message
