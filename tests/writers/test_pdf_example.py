"""The example chapter (data/) built to PDF in both styles and checked page by page from what
the PDF holds: character positions (pdfminer.six LTChar), fonts, text and outline (pypdf).

Each style is built once for the module; the checks read the same build.
"""

from __future__ import annotations

import io
import itertools
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from pdfminer.layout import LTChar, LTImage
from pypdf import PdfReader

from tests import pdfread
from yearbook.build import prepare
from yearbook.diagnostics import YearbookError
from yearbook.doctree import Document, Figure, Heading, Paragraph, Plates, Table
from yearbook.fonts import resolve_faces
from yearbook.images import figure_size
from yearbook.style import Style, load_style
from yearbook.typeset.linebreak import NO_END, NO_START
from yearbook.writers.pdf import write_pdf

DATA = Path(__file__).resolve().parents[2] / "data"
MM = 72 / 25.4
# Characters on one baseline further apart than this belong to different lines (columns,
# table cells); justification never opens a gap this wide between two characters.
_SEGMENT_GAP = 3.0


@dataclass
class Line:
    """Characters on one baseline with no wide gap: one line of one paragraph or cell."""

    chars: list[LTChar]

    @property
    def text(self) -> str:
        return "".join(c.get_text() for c in self.chars)

    @property
    def y(self) -> float:
        return self.chars[0].matrix[5]

    @property
    def size(self) -> float:
        return round(self.chars[0].size, 1)


@dataclass
class Built:
    document: Document
    style: Style
    pdf: bytes
    reader: PdfReader
    pages: list[list[Line]]  # lines top to bottom, left to right, page by page


def read_lines(pdf: bytes) -> list[list[Line]]:
    pages = []
    for page in pdfread.pages(pdf):
        lines = []
        for row in pdfread.baseline_rows(page):
            current = [row[0]]
            for a, b in itertools.pairwise(row):
                if b.x0 - a.x1 > _SEGMENT_GAP:
                    lines.append(Line(current))
                    current = []
                current.append(b)
            lines.append(Line(current))
        pages.append([ln for ln in lines if ln.text.strip()])
    return pages


def build(style_name: str) -> Built:
    prepared = prepare(DATA)
    style = load_style(style_name, DATA)
    try:
        faces = resolve_faces(style)
    except YearbookError as exc:  # pragma: no cover - a machine without CJK fonts
        pytest.skip(str(exc))
    out = io.BytesIO()
    write_pdf(prepared.document, style, faces, out)
    pdf = out.getvalue()
    return Built(prepared.document, style, pdf, PdfReader(io.BytesIO(pdf)), read_lines(pdf))


@pytest.fixture(scope="module")
def yearbook() -> Built:
    return build("yearbook")


@pytest.fixture(scope="module")
def gongwen() -> Built:
    return build("gongwen")


@pytest.fixture(scope="module", params=["yearbook", "gongwen"])
def built(request) -> Built:
    return request.getfixturevalue(request.param)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def text_starts(doc: Document) -> set[str]:
    """How every paragraph, heading and cell begins: a line that starts one may start with
    anything its text starts with (a dash opening a 副题 ——酒泉市政协…)."""
    return {squeeze(t)[:6] for t in doc.text_blocks() if t.strip()}


def in_text_block(style: Style, line: Line) -> bool:
    page = style.page
    return page.margin_bottom - 1 < line.y < page.height - page.margin_top + 1


def test_no_line_starts_or_ends_with_a_forbidden_mark(built):
    starts = text_starts(built.document)
    checked = 0
    for n, lines in enumerate(built.pages, start=1):
        for line in filter(lambda ln: in_text_block(built.style, ln), lines):
            text = squeeze(line.text)
            opens_a_text = any(s.startswith(text[:6]) or text.startswith(s) for s in starts)
            if not opens_a_text:
                assert text[0] not in NO_START, (n, line.text)
            assert text[-1] not in NO_END, (n, line.text)
            checked += 1
    assert checked > 300


def test_page_size(built):
    page = built.style.page
    for p in built.reader.pages:
        assert float(p.mediabox.width) == pytest.approx(page.width, abs=0.05)
        assert float(p.mediabox.height) == pytest.approx(page.height, abs=0.05)


def test_yearbook_page_is_zhengdu_16k(yearbook):
    assert yearbook.style.page.width == pytest.approx(185 * MM, abs=0.05)
    assert yearbook.style.page.height == pytest.approx(260 * MM, abs=0.05)


def test_every_font_is_embedded_as_a_subset(built):
    seen = set()
    for p in built.reader.pages:
        for font in p["/Resources"]["/Font"].values():
            font = font.get_object()
            name = str(font["/BaseFont"])
            assert re.match(r"^/[A-Z]{6}\+", name), name
            descriptor = font["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), name
            seen.add(name)
    assert len(seen) >= 3  # song, hei and kai at least


def chapter_openings(built: Built) -> set[int]:
    size = built.style.para("heading1").size
    return {n for n, lines in enumerate(built.pages, start=1) if any(ln.size == size for ln in lines)}


def front_page_count(doc) -> int:
    """Physical pages before the body: the 彩页, a page each, made even by a blank page."""
    plates = sum(len(b.pages) for b in doc.front if isinstance(b, Plates))
    return plates + plates % 2


def test_running_heads_on_every_page_but_a_chapters_first(yearbook):
    style, doc = yearbook.style, yearbook.document
    baseline = style.page.height - style.page.header_distance
    heads = {b.running_head for b in doc.blocks if isinstance(b, Heading)}
    openings = chapter_openings(yearbook)
    # The 彩页 come first, a page each, as front matter with its own pagination that ends
    # on a left-hand page: the body opens on a right-hand page.
    front_pages = front_page_count(doc)
    assert openings and front_pages + 1 in openings
    for n, lines in enumerate(yearbook.pages, start=1):
        head = [ln.text.strip() for ln in lines if abs(ln.y - baseline) < 1]
        if n <= front_pages:
            continue
        if n in openings:
            assert head == [], n
        elif n % 2 == 0:
            assert head == [doc.meta.title], n
        else:
            assert len(head) == 1 and head[0] in heads, (n, head)


def table_pages(built: Built, table: Table, caption_page: int) -> list[int]:
    """The pages each row of `table` starts and ends on, found in the text in drawing order."""
    texts = [squeeze(p.extract_text()) for p in built.reader.pages]
    pages = []
    page = caption_page - 1
    for row in table.rows:
        longest = squeeze(max((c.text for c in row), key=len))
        for key in (longest[:12], longest[-12:]):  # where the row starts and where it ends
            while key not in texts[page]:
                page += 1
            pages.append(page + 1)
    return pages


def test_continued_tables_repeat_label_and_header(yearbook, gongwen):
    continued = 0
    for built in (yearbook, gongwen):
        texts = [squeeze(p.extract_text()) for p in built.reader.pages]
        for table in (b for b in built.document.blocks if isinstance(b, Table)):
            caption_page = next(i for i, t in enumerate(texts, start=1) if squeeze(table.caption) in t)
            pages = sorted(set(table_pages(built, table, caption_page)))
            header = "".join(squeeze(c.title) for c in table.columns)
            for n in range(caption_page + 1, pages[-1] + 1):
                assert table.continued_label + header in texts[n - 1], (table.number, n)
                continued += 1
            assert not any(
                table.continued_label in t for n, t in enumerate(texts, start=1)
                if not caption_page < n <= pages[-1]
            )
    assert continued  # some table does continue, so the check above ran


def test_bookmarks_for_categories_sections_and_entries(built):
    def titles(items):
        for it in items:
            if isinstance(it, list):
                yield from titles(it)
            else:
                yield it.title

    expected = [
        b.outline.title
        for b in built.document.blocks
        if isinstance(b, (Heading, Paragraph, Table)) and b.outline is not None
    ]
    assert list(titles(built.reader.outline)) == expected
    levels = {b.outline.level for b in built.document.blocks if b.outline is not None}
    assert {0, 1, 2} <= levels


def test_gongwen_lines_per_page_and_characters_per_line(gongwen):
    """GB/T 9704-2012 5.2.2: 22 lines of 28 characters fill the 156 × 225 mm text block."""
    body = gongwen.style.para("body")
    page = gongwen.style.page
    full_pages = full_lines = 0
    for lines in gongwen.pages:
        body_lines = [ln for ln in lines if in_text_block(gongwen.style, ln) and ln.size == round(body.size, 1)]
        if len(body_lines) < 22:
            continue
        full_pages += 1
        assert len(body_lines) == 22
        gaps = [a.y - b.y for a, b in itertools.pairwise(body_lines)]
        assert all(g == pytest.approx(body.line_height, abs=0.05) for g in gaps)
        # The text block's left edge, where unindented lines start (inside or outside margin).
        left = min(ln.chars[0].x0 for ln in body_lines)
        assert left == pytest.approx(page.margin_inside, abs=0.5) or left == pytest.approx(page.margin_outside, abs=0.5)
        for ln in body_lines:
            # A line of Chinese characters set solid (not stretched, not squeezed) from edge to
            # edge of the text block holds 28: the character pitch is the 28-character grid.
            solid = all(abs(b.x0 - a.x1) < 0.05 for a, b in zip(ln.chars, ln.chars[1:], strict=False))
            wide = all("\u4e00" <= c.get_text() <= "\u9fff" for c in ln.chars[1:-1])
            if solid and wide and ln.chars[0].x0 == pytest.approx(left, abs=0.5) and \
                    ln.chars[-1].x1 == pytest.approx(left + page.frame_width, abs=0.5):
                assert len(ln.chars) == 28, ln.text
                full_lines += 1
    assert full_pages >= 1 and full_lines >= 2


def dash_stroke_top(style: Style) -> float:
    """How far above the baseline the 一字线 — of the page number font is inked, in em."""
    from fontTools.pens.boundsPen import BoundsPen
    from fontTools.ttLib import TTFont

    face = resolve_faces(style)[style.para("page_number").font]
    font = TTFont(str(face.path), fontNumber=face.subfont_index, lazy=True)
    glyphs = font.getGlyphSet()
    pen = BoundsPen(glyphs)
    glyphs[font.getBestCmap()[ord("—")]].draw(pen)
    return pen.bounds[3] / font["head"].unitsPerEm


def test_gongwen_page_numbers(gongwen):
    """GB/T 9704-2012 7.5: — 1 — in 四号 宋体, the 一字线 7 mm below the text block,
    odd pages right and even pages left, one character in from the text block's edge."""
    style = gongwen.style
    page = style.page
    ps = style.para("page_number")
    assert ps.size == 14.0
    stroke = dash_stroke_top(style) * ps.size
    front = front_page_count(gongwen.document)  # the 彩页, numbered on their own
    for n, lines in enumerate(gongwen.pages, start=1):
        if n <= front:
            continue
        below = [ln for ln in lines if ln.y < page.margin_bottom]
        assert [ln.text.strip() for ln in below] == [f"— {n - front} —"], n
        number = below[0]
        assert number.size == 14.0
        assert "NotoSerif" in number.chars[0].fontname or "Song" in number.chars[0].fontname
        assert page.margin_bottom - (number.y + stroke) == pytest.approx(7 * MM, abs=0.3 * MM)
        if n % 2:
            edge = page.width - page.margin_outside
            assert number.chars[-1].x1 == pytest.approx(edge - ps.size, abs=0.5), n
        else:
            assert number.chars[0].x0 == pytest.approx(page.margin_outside + ps.size, abs=0.5), n


def test_article_titles_span_the_text_block_on_one_line(yearbook):
    """专文 titles, subtitles and bylines are set across both columns, centred, unbroken."""
    style, page = yearbook.style, yearbook.style.page
    roles = ("article_title", "subtitle", "byline")
    paragraphs = [b for b in yearbook.document.blocks if isinstance(b, Paragraph) and b.role.value in roles]
    assert paragraphs
    all_lines = [(n, ln) for n, lines in enumerate(yearbook.pages, start=1) for ln in lines]
    for para in paragraphs:
        text = squeeze(para.text)
        found = [(n, ln) for n, ln in all_lines if squeeze(ln.text) == text]
        assert len(found) == 1, para.text  # the whole title on one line
        n, line = found[0]
        left = page.margin_inside if n % 2 else page.margin_outside
        middle = (line.chars[0].x0 + line.chars[-1].x1) / 2
        assert middle == pytest.approx(left + page.frame_width / 2, abs=style.para(para.role.value).size)


def test_example_figures_at_their_size_and_resolution(yearbook):
    """The example's pictures are in the PDF at the column or text-block width, at 300 dpi or more."""
    figures = [b for b in yearbook.document.blocks if isinstance(b, Figure)]
    assert [f.number for f in figures] == [1, 2, 3]
    pages = pdfread.pages(yearbook.pdf)
    (plates,) = yearbook.document.front
    assert isinstance(plates, Plates)
    on_plates = [o for page in pages[: len(plates.pages)] for o in pdfread.leaves(page) if isinstance(o, LTImage)]
    assert len(on_plates) == 2 and all(o.srcsize[0] / (o.width / 72) >= 300 for o in on_plates)
    drawn = [o for page in pages[len(plates.pages) :] for o in pdfread.leaves(page) if isinstance(o, LTImage)]
    assert len(drawn) == len(figures)
    for image, figure in zip(drawn, figures, strict=True):
        width, height = figure_size(figure, yearbook.style)
        assert (image.width, image.height) == (pytest.approx(width, abs=0.1), pytest.approx(height, abs=0.1))
        assert image.srcsize[0] / (image.width / 72) >= 300
    lines = [ln.text.replace(" ", "") for page in yearbook.pages for ln in page]
    for figure in figures:
        assert any(line.startswith(figure.label) for line in lines), figure.label


def test_text_stays_in_the_mirrored_text_block(built):
    # Odd pages are right-hand pages, the inside margin on the left; even pages swap. Every
    # line starts at or right of the block's left edge and its last glyph starts inside it
    # (a squeezed mark's box may reach past the edge).
    page = built.style.page
    for n, lines in enumerate(built.pages, start=1):
        left = page.margin_inside if n % 2 == 1 else page.margin_outside
        right = left + page.frame_width
        for line in filter(lambda ln: in_text_block(built.style, ln), lines):
            assert line.chars[0].x0 >= left - 0.5, (n, line.text)
            assert line.chars[-1].x0 < right, (n, line.text)
