"""Column bands after a full-width table: a 分目 heading and its text fill the room left on the
page, read back from the PDF's character and rule positions (pdfminer.six)."""

from __future__ import annotations

import io

from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTCurve

from tests import pdfread
from yearbook.doctree import (
    Cell,
    Column,
    Document,
    Heading,
    Metadata,
    OutlineItem,
    Paragraph,
    Run,
    RunRole,
    Table,
)
from yearbook.writers.pdf import write_pdf

HEADING = "参政议政"
BODY = (
    "市政协围绕推进“酒嘉双城经济圈”建设开展常委会专题议政协商。市政协常委会组成人员和各民主党派、"
    "工商联负责人赴酒泉经开区、中以绿色生态产业园调研，提出意见建议。"
)


def document(rows: int) -> Document:
    table = Table(
        7,
        "2022年嘉峪关市政协十届主席会议一览表",
        [Column("会议名称", 2), Column("会议时间", 1, "center"), Column("会议内容", 5)],
        [[Cell(f"十届第{i + 1}次主席会议"), Cell("2月14日"), Cell("审议通过年度工作要点")] for i in range(rows)],
        OutlineItem(1, "表7"),
    )
    return Document(
        Metadata("政协嘉峪关市委员会年鉴", "办公室", edition=2023),
        [
            table,
            Heading(2, HEADING, HEADING, False, OutlineItem(1, HEADING)),
            Paragraph([Run("【专题议政协商】", RunRole.ENTRY_TITLE), Run(BODY * 6)], outline=OutlineItem(2, "专题")),
        ],
    )


def pages(pdf: bytes) -> list[tuple[list[LTChar], list[LTCurve]]]:
    out = []
    for page in pdfread.pages(pdf):
        items = list(pdfread.leaves(page))
        # LTLine and LTRect are curves too
        out.append(([o for o in items if isinstance(o, LTChar)], [o for o in items if isinstance(o, LTCurve)]))
    return out


def test_heading_after_a_full_width_table_starts_on_the_same_page_when_it_and_two_lines_fit(style, faces):
    page = style.page
    head, body = style.para("heading2"), style.para("body")
    table_after = style.para("caption").space_before  # the table's space after
    # At the top of a column band the heading's space before is dropped.
    need = head.line_height + head.space_after + 2 * body.line_height
    column_split = page.margin_inside + page.frame_width / 2
    outcomes = set()
    for rows in range(33, 40):
        out = io.BytesIO()
        write_pdf(document(rows), style, faces, out)
        read = pages(out.getvalue())
        last_row = f"十届第{rows}次主席会议"
        table_page = next(
            i for i, (chars, _) in enumerate(read) if last_row in "".join(c.get_text() for c in chars)
        )
        chars, rules = read[table_page]
        table_bottom = min(r.y0 for r in rules)
        room = table_bottom - table_after - page.margin_bottom
        head_page = next(
            i for i, (chars, _) in enumerate(read)
            if HEADING in "".join(c.get_text() for c in chars if c.size > body.size + 1)
        )
        if room >= need + 0.5:
            assert head_page == table_page, (rows, room, need)
            outcomes.add("same page")
        else:
            outcomes.add("moved on" if head_page == table_page + 1 else "same page")
        # Wherever it is set, the heading has at least two lines of its text under it in its column.
        chars, _ = read[head_page]
        heading_chars = [c for c in chars if c.get_text() == HEADING[0] and c.size > body.size + 1]
        hx, hy = heading_chars[0].x0, heading_chars[0].y0
        left_column = hx < column_split
        under = {
            round(c.y0, 1)
            for c in chars
            if c.y0 < hy and (c.x0 < column_split) == left_column and abs(c.size - body.size) < 0.1
        }
        assert len(under) >= 2, (rows, sorted(under))
    assert outcomes == {"same page", "moved on"}  # both sides of the threshold were exercised


def test_an_item_nothing_can_break_overflows_instead_of_failing(style, faces):
    from yearbook.writers.pdf.columns import ColumnBand
    from yearbook.writers.pdf.fonts import FontSet
    from yearbook.writers.pdf.layout import Flowable
    from yearbook.writers.pdf.marks import Marker, PageMarks
    from yearbook.writers.pdf.page import YearbookPages

    fonts, marks = FontSet(faces, style.characters), PageMarks()
    out = io.BytesIO()
    template = YearbookPages(out, style, Metadata("年鉴", "办公室", edition=2023), fonts, marks)
    page = style.page
    tall = Flowable()  # cannot split
    tall.width, tall.height = 10, page.frame_height * 2
    band = ColumnBand([Marker(marks, OutlineItem(0, "条目")), tall], page.columns, page.column_gap, page.frame_height)
    template.build([band])
    assert len(list(extract_pages(io.BytesIO(out.getvalue())))) == 1
