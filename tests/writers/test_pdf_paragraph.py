"""CJKParagraph in a real PDF: the line-breaking rule and justification read back from the
characters' positions (pdfminer.six), and the text extracted in order (pypdf)."""

from __future__ import annotations

import io
import random
from itertools import pairwise
from pathlib import Path

import pytest
from pdfminer.high_level import extract_text
from pdfminer.layout import LAParams, LTChar
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from tests import pdfread
from yearbook.fonts import resolve_faces
from yearbook.style import ParaStyle, load_style
from yearbook.typeset.linebreak import NO_END, NO_START, SQUEEZE_RIGHT
from yearbook.writers.pdf.layout import Flowable, Frame, PageLoop
from yearbook.writers.pdf.paragraph import CJKParagraph, paragraph_from_runs

SIZE = 9.0
LEADING = 14.0
LEFT, BOTTOM, WIDTH, HEIGHT = 50.0, 50.0, 12.3 * SIZE, 600.0  # a narrow column, not a whole number of em
PAGE = (WIDTH + 2 * LEFT, HEIGHT + 2 * BOTTOM)


@pytest.fixture(scope="module")
def fonts() -> tuple[str, str]:
    faces = resolve_faces(load_style("yearbook", Path(".")))
    names = []
    for role in ("song", "hei"):
        face = faces[role]
        if face.key not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(face.key, str(face.path), subfontIndex=face.subfont_index))
        names.append(face.key)
    return names[0], names[1]


PIECES = [
    "政协", "委员", "会议", "提案", "，", "。", "、", "；", "：", "？", "！", "“", "”", "《", "》",
    "（", "）", "【", "】", "——", "……", "98%", "2023年", "4000余", "3.5万元", "GB/T 15834",
    "ReportLab", "第十届", "嘉峪关市", "中", "文", "“两个全覆盖”。", "（第1次）。",
]


def punctuated_texts(n: int, seed: int = 15834) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(n):
        body = "".join(rng.choice(PIECES) for _ in range(rng.randint(8, 60)))
        texts.append(body.strip() + "。")
    return texts


def build(flowables: list, width: float = WIDTH) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=PAGE, invariant=1)
    frame = Frame(LEFT, BOTTOM, width, HEIGHT)
    PageLoop(lambda page: frame).lay_out(canvas, flowables)
    canvas.save()
    return out.getvalue()


def read_lines(pdf: bytes) -> list[list[LTChar]]:
    """Characters grouped into lines (same baseline), top to bottom, page by page."""
    return [row for page in pdfread.pages(pdf) for row in pdfread.baseline_rows(page)]


def test_no_forbidden_marks_at_line_ends_and_justified_lines_reach_both_edges(fonts: tuple[str, str]) -> None:
    song, hei = fonts
    texts = punctuated_texts(120)
    story = [
        CJKParagraph([("【十届二次会议】", hei, SIZE), (t, song, SIZE)], LEADING, first_indent=2) for t in texts
    ]
    lines = read_lines(build(story))
    line_texts = ["".join(c.get_text() for c in line) for line in lines]
    sources = ["【十届二次会议】" + t for t in texts]
    # every character drawn once, in order; a space where a line breaks stays at its end
    assert "".join(line_texts) == "".join(sources)
    assert not any(t.startswith(" ") for t in line_texts)
    line_texts = [t.replace(" ", "") for t in line_texts]
    lines = [[c for c in line if c.get_text() != " "] for line in lines]

    # map lines back to paragraphs
    para_ends = []
    pos = 0
    for s in sources:
        pos += len(s.replace(" ", ""))
        para_ends.append(pos)
    right = LEFT + WIDTH
    pos = 0
    checked = 0
    first_line = True
    for chars, text in zip(lines, line_texts, strict=True):
        pos += len(text)
        last_of_para = pos in para_ends
        if not first_line:
            assert text[0] not in NO_START, text
        if not last_of_para:
            assert text[-1] not in NO_END, text
        # left edge: the first line is indented by two characters
        assert chars[0].x0 == pytest.approx(LEFT + (2 * SIZE if first_line else 0.0), abs=0.5), text
        if not last_of_para:
            x1 = chars[-1].x1
            if text[-1] in SQUEEZE_RIGHT:
                # a squeezed closing mark may pass the edge by its empty half only
                assert right - 0.5 <= x1 <= right + SIZE / 2 + 0.5, text
            else:
                assert x1 == pytest.approx(right, abs=0.5), text
            checked += 1
        else:
            slack = SIZE / 2 if text[-1] in SQUEEZE_RIGHT else 0.0
            assert chars[-1].x1 <= right + slack + 0.5, text
        first_line = last_of_para
    assert checked > 200


def test_text_extracts_exactly_and_in_order(fonts: tuple[str, str]) -> None:
    song, hei = fonts
    texts = punctuated_texts(30, seed=9704)
    story = [CJKParagraph([("【调研视察】", hei, SIZE), (t, song, SIZE)], LEADING, 2) for t in texts]
    pdf = build(story)
    source = "".join("【调研视察】" + t for t in texts)
    extracted = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert extracted.replace("\n", "") == source


REAL_TEXT = [
    ("【十届二次会议】", "2023年1月9日至11日，政协嘉峪关市第十届委员会第二次会议在市级机关会议中心召开。"
     "会议应到市政协委员176名，实到135名。会议听取并审议《政协嘉峪关市第十届委员会常务委员会工作报告》"
     "《政协嘉峪关市第十届委员会常务委员会关于十届一次会议以来提案工作情况的报告》，"
     "列席市第十一届人大二次会议第一次全体会议，听取并讨论《政府工作报告》。"),
    ("【调研视察】", "坚持团结民主两大主题，组织各党派团体开展联合调研视察12次，各党派团体参加专题议政性常委会"
     "并进行发言29人次。推动“五链”融合促进科技成果就地转化、对冲疫情影响促进消费发展等调研视察活动10次，"
     "提出意见建议150余条，全年累计增长98.5%，协调解决群众“急难愁盼”问题113件。"),
]


def test_body_text_in_the_yearbook_column_extracts_exactly_with_pdfminer(fonts: tuple[str, str]) -> None:
    # pdfminer's layout analysis inserts a space where two characters stand more than 0.1 em
    # apart; in the yearbook's 22-character column the justifying stretch stays below that
    song, hei = fonts
    column = load_style("yearbook", Path(".")).page.column_width
    story = [CJKParagraph([(title, hei, SIZE), (body, song, SIZE)], LEADING, 2) for title, body in REAL_TEXT]
    pdf = build(story, width=column)
    mined = extract_text(io.BytesIO(pdf), laparams=LAParams())
    assert mined.replace("\n", "").replace("\x0c", "") == "".join(t + b for t, b in REAL_TEXT)


def test_split_keeps_lines_together_and_parts_continue_the_text(fonts: tuple[str, str]) -> None:
    song, _ = fonts
    text = "".join(punctuated_texts(4, seed=1))
    p = CJKParagraph([(text, song, SIZE)], LEADING, first_indent=2, space_before=6, space_after=4)
    _, h = p.wrap(WIDTH, 10_000)
    n = round(h / LEADING)
    assert n >= 6
    first, second = p.split(WIDTH, 3.5 * LEADING)
    assert first.wrap(WIDTH, 1000)[1] == 3 * LEADING
    assert second.wrap(WIDTH, 1000)[1] == (n - 3) * LEADING
    assert first.text + second.text == text
    assert (first.getSpaceBefore(), first.getSpaceAfter()) == (6, 0)
    assert (second.getSpaceBefore(), second.getSpaceAfter()) == (0, 4)
    # an orphan (1 line) is not left at the bottom; a widow (1 line) is not carried over
    assert p.split(WIDTH, 1.5 * LEADING) == []
    _, rest = p.split(WIDTH, (n - 1) * LEADING)
    assert rest.wrap(WIDTH, 1000)[1] == 2 * LEADING
    # with orphans allowed, one line may stay at the foot
    lone = CJKParagraph([(text, song, SIZE)], LEADING, first_indent=2, orphans=1)
    foot, _ = lone.split(WIDTH, 1.5 * LEADING)
    assert foot.wrap(WIDTH, 1000)[1] == LEADING
    # the second part set in a different width re-breaks its own text
    narrower = second.wrap(WIDTH / 2, 1000)[1]
    assert narrower > (n - 3) * LEADING


def test_paragraphs_flow_across_pages_without_loss(fonts: tuple[str, str]) -> None:
    song, _ = fonts
    texts = punctuated_texts(200, seed=7)
    pdf = build([CJKParagraph([(t, song, SIZE)], LEADING, 2) for t in texts])
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) > 3
    extracted = "".join(page.extract_text() for page in reader.pages)
    assert extracted.replace("\n", "") == "".join(texts)


@pytest.mark.parametrize("align", ["left", "center", "right"])
def test_alignments(fonts: tuple[str, str], align: str) -> None:
    song, _ = fonts
    p = CJKParagraph([("年鉴编辑部", song, SIZE)], LEADING, align=align)
    (line,) = read_lines(build([p]))
    width = 5 * SIZE
    expected = {"left": LEFT, "center": LEFT + (WIDTH - width) / 2, "right": LEFT + WIDTH - width}[align]
    assert line[0].x0 == pytest.approx(expected, abs=0.5)


def test_paragraph_from_runs_uses_the_paragraph_style(fonts: tuple[str, str]) -> None:
    song, hei = fonts
    para = ParaStyle(font="song", size=9, leading=14, first_indent=2, align="justify", space_before=3, space_after=5)
    p = paragraph_from_runs([("【十届二次会议】", hei, 9), ("2023年1月9日至11日召开。", song, 9)], para)
    assert (p.leading, p.indent, p.align) == (14, 18, "justify")
    assert (p.getSpaceBefore(), p.getSpaceAfter()) == (3, 5)
    assert p.text == "【十届二次会议】2023年1月9日至11日召开。"
    assert paragraph_from_runs([("序号", hei, 9)], para, align="center").align == "center"


def test_bold_style_strokes_the_glyphs_and_resets_the_state(fonts: tuple[str, str]) -> None:
    _, hei = fonts
    pdf = build([CJKParagraph([("政协嘉峪关市委员会", hei, SIZE)], LEADING, bold=True)])
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    code = page.get_contents().get_data().decode("latin-1")
    assert " 2 Tr" in code and "0 Tr" in code
    assert page.extract_text() == "政协嘉峪关市委员会"


def test_empty_paragraph_takes_no_room(fonts: tuple[str, str]) -> None:
    song, _ = fonts
    p = CJKParagraph([("", song, SIZE)], LEADING)
    assert p.wrap(WIDTH, 100) == (WIDTH, 0)
    build([p])  # and draws nothing without failing


def test_draw_on_writes_what_reportlab_writes_and_leaves_the_canvas_as_it_was(fonts: tuple[str, str]) -> None:
    song, _ = fonts
    hits: list[tuple[float, float]] = []

    def canvases() -> tuple[Canvas, CJKParagraph]:
        canvas = Canvas(io.BytesIO())
        canvas.translate(12.5, 700.25)  # a frame's offset, as a page template gives
        canvas.setFont(song, 9)
        para = CJKParagraph([("政协嘉峪关市委员会全年召开专题议政性常委会会议17次。" * 3, song, SIZE)], LEADING)
        para.marks, para.on_mark = ((0, "t"),), lambda canv, _: hits.append(canv._currentMatrix[4:])
        para.wrap(WIDTH, HEIGHT)
        return canvas, para

    ours, para = canvases()
    theirs, same = canvases()
    before = dict(vars(ours))
    para.drawOn(ours, 33.3333, -120.0625)
    Flowable.drawOn(same, theirs, 33.3333, -120.0625)
    assert ours._code == theirs._code
    assert "q" in ours._code and ours._code[-1] == "Q"
    assert {k: v for k, v in vars(ours).items() if k != "_code"} == {
        k: v for k, v in before.items() if k != "_code"
    }
    assert hits[0] == hits[1]  # an index mark sees the translated origin either way


def test_text_in_many_font_subsets_extracts_exactly_and_lines_reach_both_edges(fonts: tuple[str, str]) -> None:
    # 600 distinct rare characters fill three 256-glyph subsets, so lines change subset
    # (font) every few characters, also inside Latin runs and numbers and at the indent.
    song, hei = fonts
    rare = [chr(0x4E00 + i * 7) for i in range(600)]
    rng = random.Random(256)
    texts = [
        "".join(rng.choice(rare) if rng.random() < 0.7 else rng.choice(PIECES) for _ in range(rng.randint(20, 90)))
        + "。"
        for _ in range(60)
    ]
    story = [CJKParagraph([("【条目】", hei, SIZE), (t, song, SIZE)], LEADING, 2) for t in texts]
    pdf = build(story)
    source = "".join("【条目】" + t for t in texts)
    extracted = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert extracted.replace("\n", "") == source
    lines = read_lines(pdf)
    assert "".join(c.get_text() for line in lines for c in line) == source
    assert sum(len({c.fontname for c in line}) > 2 for line in lines) > 20
    right = LEFT + WIDTH
    reached = 0
    for line in lines:
        chars = [c for c in line if c.get_text() != " "]
        assert all(a.x0 < b.x0 for a, b in pairwise(chars))
        if chars[-1].get_text() not in SQUEEZE_RIGHT and chars[-1].x1 == pytest.approx(right, abs=0.5):
            reached += 1
    assert reached > len(lines) / 2  # justified lines (all but each paragraph's last)
