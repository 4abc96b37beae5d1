"""A book in the PDF, read back: 目录 numbers, 索引 references, right-hand openings, blank
versos, front-matter folios, running heads and bookmarks are where the text really is."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pytest
from pypdf import PdfReader

from tests import pdfread
from tests.writers.book_sample import TITLE, make_book
from yearbook.doctree import Heading, Index, Paragraph, TableOfContents
from yearbook.writers.pdf import write_pdf
from yearbook.writers.pdf.marks import roman

_BODY_SIZE = 9.0


@dataclass
class Page:
    number: int  # physical, from 1
    chars: list  # LTChar inside the text block, in drawing order
    head: str  # the running head
    folio: str  # the printed page number
    text: str


@pytest.fixture(scope="module")
def book(style, faces):
    doc, terms = make_book(4)
    out = io.BytesIO()
    page_map = write_pdf(doc, style, faces, out)
    pdf = out.getvalue()
    pages = []
    top = style.page.height - style.page.margin_top + 1
    bottom = style.page.margin_bottom - 1
    for n, lt in enumerate(pdfread.pages_in_drawing_order(pdf), start=1):
        chars = pdfread.chars(lt)
        inside = [c for c in chars if bottom <= c.y0 and c.y1 <= top]
        head = "".join(c.get_text() for c in chars if c.y0 > top)
        folio = "".join(c.get_text() for c in chars if c.y1 < bottom)
        pages.append(Page(n, inside, head, folio.strip(), "".join(c.get_text() for c in inside)))
    return doc, terms, page_map, pdf, pages


def column_of(style, page: int, x: float) -> str:
    p = style.page
    left = p.margin_inside if page % 2 else p.margin_outside
    return "a" if x < left + p.frame_width / 2 else "b"


def heading_rows(page: Page) -> list[tuple[str, float]]:
    """Lines set larger than the body (headings), as (text, x of the first character)."""
    rows: dict[float, list] = {}
    for c in page.chars:
        if c.size > _BODY_SIZE + 0.5:
            rows.setdefault(round(c.matrix[5], 1), []).append(c)
    out = []
    for y in sorted(rows, reverse=True):
        # Two columns may have headings on one baseline: split where the gap is wide.
        part: list = []
        for c in sorted(rows[y], key=lambda c: c.x0):
            if part and c.x0 - part[-1].x1 > 3 * c.size:
                out.append(("".join(ch.get_text() for ch in part), part[0].x0))
                part = []
            part.append(c)
        out.append(("".join(ch.get_text() for ch in part), part[0].x0))
    return out


def headings(doc) -> list[Heading]:
    return [b for b in doc.blocks if isinstance(b, Heading)]


def where_headings_are(pages: list[Page], front: int) -> dict[str, Page]:
    found: dict[str, Page] = {}
    for page in pages[front:]:
        for text, _ in heading_rows(page):
            found.setdefault(text, page)
    return found


def test_front_matter_has_its_own_folios_and_the_body_starts_at_1(book):
    _, _, page_map, _, pages = book
    front = page_map.front_pages
    assert front % 2 == 0 and front >= 4
    assert pages[0].folio == "" and pages[0].head == ""  # 书名页
    assert TITLE in pages[0].text
    for page in pages[1:front]:
        assert page.folio in ("", roman(page.number))
    assert any(page.folio == roman(page.number) for page in pages[1:front])
    assert pages[front].folio == "1"
    assert pages[front].number % 2 == 1
    for page in pages[front:]:
        if page.folio:
            assert page.folio == str(page.number - front)


def test_toc_numbers_are_the_pages_where_headings_land(book):
    doc, _, page_map, _, pages = book
    toc = next(b for b in doc.front if isinstance(b, TableOfContents))
    front = page_map.front_pages
    toc_rows = [
        "".join(c.get_text() for c in row).replace(" ", "")
        for page in pages[:front]
        for row in pdfread.baseline_rows_of(page.chars)
    ]
    placed = where_headings_are(pages, front)
    checked = 0
    for entry in toc.entries:
        text = entry.text.replace("\u3000", "").replace(" ", "")
        row = next(r for r in toc_rows if re.fullmatch(re.escape(text) + r"\d+", r.replace("\u3000", "")))
        number = re.search(r"(\d+)$", row)[1]
        target = placed[entry.text]
        assert number == target.folio == str(target.number - front), entry
        assert page_map.anchors[entry.anchor] == number
        checked += 1
    assert checked == len(toc.entries) > 20


def test_every_index_reference_points_where_the_term_is(book, style):
    doc, terms, page_map, _, pages = book
    front = page_map.front_pages
    index_start = next(p for p in pages[front:] if any(t == "索引" for t, _ in heading_rows(p)))
    body = [p for p in pages[front:] if p.number < index_start.number]
    marked_headings = {h.index[0]: h for h in headings(doc) if h.index}
    placed = where_headings_are(pages, front)
    located = [(p, c) for p in body for c in p.chars]
    text = "".join(c.get_text() for _, c in located)
    real: dict[str, str] = {}
    for term in terms:
        if term in marked_headings:
            h = marked_headings[term]
            page = placed[h.text]
            x = next(x for t, x in heading_rows(page) if t == h.text)
            # A heading across the columns (类目) is filed under the left column.
            col = "a" if h.level == 1 else column_of(style, page.number, x)
            real[term] = f"{page.folio}{col}"
            continue
        # A term may begin at the foot of one page and end on the next.
        i = text.find(term)
        assert i >= 0 and text.find(term, i + 1) < 0, term
        page, char = located[i]
        real[term] = f"{page.folio}{column_of(style, page.number, char.x0)}"
    assert {t: refs for t, refs in page_map.index.items()} == {t: [real[t]] for t in terms}
    # The printed index says the same.
    printed = "".join(p.text for p in pages[index_start.number - 1 :]).replace(" ", "").replace("\u3000", "")
    for term in terms:
        assert f"{term}{real[term]}" in printed
    # Marks inside one long paragraph land in different columns and pages.
    long_paras = [b for b in doc.blocks if isinstance(b, Paragraph) and sum(bool(r.index) for r in b.runs) > 6]
    spread = [len({real[r.index[0]] for r in p.runs if r.index}) for p in long_paras]
    assert max(spread) >= 2
    assert {r[-1] for r in real.values()} == {"a", "b"}


def test_see_also_is_printed(book):
    doc, _, _, _, pages = book
    index = next(b for b in doc.blocks if isinstance(b, Index))
    entry = next(e for g in index.groups for e in g.entries if e.see_also)
    text = "".join(p.text for p in pages[-4:]).replace(" ", "")
    assert f"参见{entry.see_also[0]}" in text


def test_odd_page_headings_open_right_hand_pages_after_blank_versos(book):
    doc, _, page_map, _, pages = book
    front = page_map.front_pages
    placed = where_headings_are(pages, front)
    openers = [h for h in headings(doc) if h.odd_page]
    for h in openers:
        page = placed[h.text]
        assert page.number % 2 == 1 and int(page.folio) % 2 == 1, h.text
        assert page.head == ""  # an opening page has no running head
    blanks = [p for p in pages if not p.text and not p.head and not p.folio]
    assert blanks, "the sample must need blank versos"
    for blank in blanks:
        assert blank.number % 2 == 0
        following = pages[blank.number]  # the page after it
        assert any(t in {h.text for h in openers} | {"编辑说明", "目录"} for t, _ in heading_rows(following)) or (
            following.number == front + 1
        )


def test_running_heads_follow_the_headings(book):
    doc, _, page_map, _, pages = book
    front = page_map.front_pages
    running = {h.text: h.running_head for h in headings(doc)}
    current = ""
    checked = 0
    for page in pages[front:]:
        for text, _ in heading_rows(page):
            current = running.get(text, current)
        if not page.head:
            continue
        expected = current if page.number % 2 else TITLE
        assert page.head.replace(" ", "") == expected.replace(" ", "").replace("\u3000", ""), page.number
        checked += 1
    assert checked > 10


def test_bookmarks_cover_front_matter_and_third_level(book):
    *_, pdf, _ = book
    reader = PdfReader(io.BytesIO(pdf))

    def walk(items, depth=0):
        for item in items:
            if isinstance(item, list):
                yield from walk(item, depth + 1)
            else:
                yield depth, item.title

    marks = list(walk(reader.outline))
    titles = [t for _, t in marks]
    assert titles[:3] == [TITLE, "编辑说明", "目录"]
    assert (2, "专题（1-2）") in marks
    assert (0, "索引") in marks


def test_chronicle_dates_are_set_in_their_character_style(book, style):
    *_, page_map, _, pages = book
    assert style.char("date").font == style.para("heading1").font != style.para("body").font
    page = next(p for p in pages[page_map.front_pages :] if any(t == "大事记" for t, _ in heading_rows(p)))
    heading_font = page.chars[page.text.index("大事记")].fontname
    i = page.text.index("3日")
    date_fonts = {c.fontname for c in page.chars[i : i + 2]}
    text_fonts = {c.fontname for c in page.chars[i + 3 : i + 8]}
    assert date_fonts == {heading_font} and heading_font not in text_fonts
