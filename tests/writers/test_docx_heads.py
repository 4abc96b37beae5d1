"""The DOCX's odd-page running heads: which field each 类目 gets, and the result it caches
for readers that show cached results, checked against the heads the PDF prints."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree
from pypdf import PdfReader

from tests.ooxml import assert_valid_docx
from tests.writers.book_sample import FILLER, make_book
from yearbook.assemble.book import set_anchors
from yearbook.doctree import Block, Document, Heading, Metadata, OutlineItem, Paragraph, ParaRole, Run
from yearbook.pagemap import PageMap
from yearbook.writers.docx import write_docx
from yearbook.writers.docx.heads import odd_heads
from yearbook.writers.docx.page import BY_LEVEL, BY_MARK, LITERAL
from yearbook.writers.pdf import write_pdf

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
MARK = 'STYLEREF "年鉴书眉文字" \\l'


def h(level: int, text: str, running: str | None = None, **kw) -> Heading:
    return Heading(level, text, running or text, outline=OutlineItem(level - 1, text), **kw)


def body(text: str = "正文。") -> Paragraph:
    return Paragraph([Run(text)])


def article(title: str, length: int = 30) -> list[Block]:
    return [Paragraph([Run(title)], ParaRole.ARTICLE_TITLE, heading_level=2), body(FILLER * length)]


def chapter_blocks() -> list[Block]:
    """专文 (no 分目), 大事记 (months keep 大事记), a 类目 that opens with its 分目, and one
    whose article comes before its 分目."""
    blocks: list[Block] = [h(1, "专文", new_page=True), *article("文章一"),
                           h(1, "大事记", new_page=True), h(2, "1月", "大事记"), body(), h(2, "2月", "大事记"), body(),
                           h(1, "政协", new_page=True), h(2, "综述"), body(), h(2, "提案"), body(), h(2, "视察"), body(),
                           h(1, "统战", new_page=True), *article("文章二"), h(2, "民主党派"), body(), h(2, "工商联")]
    set_anchors(blocks)
    return blocks


def test_each_category_gets_the_head_that_cannot_find_a_wrong_heading() -> None:
    blocks = chapter_blocks()
    chosen = odd_heads(blocks)
    starts = {blocks[i].text: head for i, head in chosen.heads.items()}
    assert (starts["专文"].kind, starts["专文"].text) == (LITERAL, "专文")
    # The months are level-2 headings whose running head is 大事记: no field shows "1月".
    assert (starts["大事记"].kind, starts["大事记"].text) == (LITERAL, "大事记")
    # Without the PDF's page map, the guess is the first 分目 ...
    assert (starts["政协"].kind, starts["政协"].text) == (BY_LEVEL, "综述")
    # ... or, where an article comes first, the 类目 itself, found by its head mark.
    assert (starts["统战"].kind, starts["统战"].text) == (BY_MARK, "统战")
    marked = [blocks[i].text for i in sorted(chosen.marked)]
    assert marked == ["统战", "民主党派", "工商联"]


def test_cached_result_is_the_pdfs_head_on_the_first_odd_page_after_the_opening() -> None:
    blocks = chapter_blocks()
    at = {b.text: b.anchor for b in blocks if isinstance(b, Heading)}
    # 政协 opens on page 8 (left-hand): page 9 ends after 提案, the last 分目 there.
    # 统战 opens on page 11: its article runs over page 13, where 民主党派 begins.
    landed = {"专文": 1, "大事记": 6, "1月": 6, "2月": 6, "政协": 8, "综述": 8, "提案": 9, "视察": 10,
              "统战": 11, "民主党派": 13, "工商联": 14}
    page_map = PageMap(anchors={at[name]: str(page) for name, page in landed.items()})
    starts = {blocks[i].text: head for i, head in odd_heads(blocks, page_map).heads.items()}
    assert starts["政协"].text == "提案"
    assert starts["统战"].text == "民主党派"
    landed["民主党派"] = 15  # the article fills page 13: Word finds the 类目's own heading
    page_map = PageMap(anchors={at[name]: str(page) for name, page in landed.items()})
    assert odd_heads(blocks, page_map).heads[blocks.index(next(b for b in blocks if b.text == "统战"))].text == "统战"


def test_cached_result_falls_back_where_the_category_has_no_later_odd_page() -> None:
    blocks = chapter_blocks()
    at = {b.text: b.anchor for b in blocks if isinstance(b, Heading)}
    landed = {"政协": 9, "综述": 9, "提案": 9, "视察": 10, "统战": 11}  # page 11 is the next opening
    page_map = PageMap(anchors={at[name]: str(page) for name, page in landed.items()})
    starts = {blocks[i].text: head for i, head in odd_heads(blocks, page_map).heads.items()}
    assert starts["政协"].text == "综述"


def _headers(data: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
        return {r.get("Id"): etree.fromstring(z.read("word/" + r.get("Target")))
                for r in rels if r.get("Type").endswith("/header")}


def _odd_heads(data: bytes) -> list[tuple[str, str]]:
    """(instruction, shown text) of each section's own odd-page head, in document order."""
    headers = _headers(data)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        doc = etree.fromstring(z.read("word/document.xml"))
    out = []
    for sect_pr in doc.iter(f"{W}sectPr"):
        for ref in sect_pr.findall(f"{W}headerReference[@{W}type='default']"):
            part = headers[ref.get(f"{R}id")]
            out.append(("".join(t.text for t in part.iter(f"{W}instrText")).strip(),
                        "".join(t.text for t in part.iter(f"{W}t"))))
    return out


def test_chapter_docx_fields_marks_and_cached_texts(style) -> None:
    doc = Document(Metadata(title="政协年鉴", author="办公室", edition=2023, year=2022), chapter_blocks())
    out = io.BytesIO()
    write_docx(doc, style, out)
    data = out.getvalue()
    assert_valid_docx(data)
    heads = _odd_heads(data)
    assert heads == [("", "专文"), ("", "大事记"), ("STYLEREF 2 \\l", "综述"), (MARK, "统战")]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        document = etree.fromstring(z.read("word/document.xml"))
        styles = etree.fromstring(z.read("word/styles.xml"))
    marked = [p for p in document.iter(f"{W}p") if p.find(f".//{W}rStyle[@{W}val='YearbookHeadMark']") is not None]
    assert ["".join(t.text for t in p.iter(f"{W}t")) for p in marked] == ["统战", "民主党派", "工商联"]
    # The mark is a character style of its own, with nothing that changes the heading's look.
    mark = styles.find(f"{W}style[@{W}styleId='YearbookHeadMark']")
    assert mark.get(f"{W}type") == "character" and mark.find(f"{W}name").get(f"{W}val") == "年鉴书眉文字"
    assert mark.find(f"{W}rPr") is None or len(mark.find(f"{W}rPr")) == 0


def test_no_head_mark_where_no_category_needs_it(style) -> None:
    blocks = [h(1, "政协", new_page=True), h(2, "综述"), body()]
    out = io.BytesIO()
    write_docx(Document(Metadata(title="政协年鉴", author="办公室", edition=2023, year=2022), blocks), style, out)
    assert b"YearbookHeadMark" not in zipfile.ZipFile(out).read("word/styles.xml")


def _pdf_odd_heads(pdf: bytes, top: float) -> dict[int, str]:
    """Physical page → the text printed above `top` (the running head) on odd pages."""
    out = {}
    for n, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, start=1):
        parts: list[str] = []

        def head(text: str, cm, tm, *_, parts: list[str] = parts) -> None:
            if tm[5] > top:
                parts.append(text)

        page.extract_text(visitor_text=head)
        if n % 2:
            out[n] = "".join(parts).strip()
    return out


@pytest.fixture(scope="module")
def book(style, faces):
    doc, _ = make_book(3)
    # The second 类目 opens with an article long enough to fill its opening page and more.
    start = next(i for i, b in enumerate(doc.blocks) if isinstance(b, Heading) and b.level == 1 and i)
    doc.blocks[start + 1:start + 1] = article("关于政协工作的报告", length=90)
    pdf = io.BytesIO()
    page_map = write_pdf(doc, style, faces, pdf)
    out = io.BytesIO()
    write_docx(doc, style, out, page_map)
    return doc, page_map, pdf.getvalue(), out.getvalue()


def test_book_cached_heads_are_what_the_pdf_prints(book, style) -> None:
    doc, page_map, pdf, data = book
    assert_valid_docx(data)
    printed = _pdf_odd_heads(pdf, style.page.height - style.page.margin_top)
    categories = [b for b in doc.blocks if isinstance(b, Heading) and b.level == 1]
    heads = _odd_heads(data)[-len(categories):]
    body_start = page_map.front_pages + 1
    checked = []
    for category, (code, shown) in zip(categories, heads, strict=True):
        opening = int(page_map.anchors[category.anchor]) + body_start - 1
        first_odd = opening + 2
        if code and first_odd in printed and printed[first_odd]:
            assert shown == printed[first_odd], (category.text, first_odd)
            checked.append((category.text, code, shown))
    # Each kind of field is checked, and a cached result that is neither the first 分目 nor
    # (for the marked 类目) a 分目 at all: the PDF prints the 类目's name over its article.
    assert [code for _, code, _ in checked] == ["STYLEREF 2 \\l", MARK, "STYLEREF 2 \\l"], checked
    start = next(i for i, b in enumerate(doc.blocks) if b is categories[0])
    first = next(b.text for b in doc.blocks[start:] if isinstance(b, Heading) and b.level == 2)
    assert checked[0][2] != first
    assert checked[1][2] == checked[1][0]
