"""A book in the DOCX: the 目录 is a TOC field and the 索引 an INDEX field whose shown results
already carry the PDF's page numbers; XE fields mark the terms; the file validates."""

from __future__ import annotations

import importlib.util
import io
import json
import re
import subprocess
import sys
import zipfile

import pytest
from lxml import etree
from pypdf import PdfReader

from tests.libreoffice import SOFFICE, convert, squeeze
from tests.writers.book_sample import TITLE, make_book
from yearbook.doctree import Heading, Index, TableOfContents
from yearbook.writers.docx import write_docx
from yearbook.writers.docx.index import entry_text
from yearbook.writers.pdf import write_pdf

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


@pytest.fixture(scope="module")
def book(style, faces):
    doc, terms = make_book(2)
    page_map = write_pdf(doc, style, faces, io.BytesIO())
    out = io.BytesIO()
    write_docx(doc, style, out, page_map)
    data = out.getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = etree.fromstring(z.read("word/document.xml")).find(f"{W}body")
        styles = etree.fromstring(z.read("word/styles.xml"))
    return doc, terms, page_map, data, body, styles


def _text(el) -> str:
    return "".join(t.text or "" for t in el.iter(f"{W}t"))


def _instructions(el) -> list[str]:
    return [t.text.strip() for t in el.iter(f"{W}instrText")]


def _paragraphs(body, style_id: str) -> list:
    return [p for p in body.iter(f"{W}p") if p.find(f"{W}pPr/{W}pStyle[@{W}val='{style_id}']") is not None]


def test_toc_field_shows_the_entries_with_the_pdf_page_numbers(book):
    doc, _, page_map, _, body, _ = book
    toc = next(b for b in doc.front if isinstance(b, TableOfContents))
    codes = _instructions(body)
    assert 'TOC \\o "1-2" \\h \\z \\u' in codes
    shown = [p for level in (1, 2, 3) for p in _paragraphs(body, f"TOC{level}")]
    shown.sort(key=lambda p: list(body.iter(f"{W}p")).index(p))
    assert [_text(p) for p in shown] == [e.text + page_map.anchors[e.anchor] for e in toc.entries]
    # Every entry links to a bookmark that stands at its heading.
    bookmarks = {b.get(f"{W}name"): b.getparent() for b in body.iter(f"{W}bookmarkStart")}
    for p, entry in zip(shown, toc.entries, strict=True):
        link = p.find(f"{W}hyperlink")
        target = bookmarks[link.get(f"{W}anchor")]
        assert _text(target) == entry.text
        assert f"PAGEREF {link.get(f'{W}anchor')} \\h" in _instructions(p)
    # The field begins in the first entry and ends in the last.
    kinds = [c.get(f"{W}fldCharType") for p in shown for c in p.iter(f"{W}fldChar")]
    assert kinds[0] == "begin" and kinds[-1] == "end"
    assert kinds.count("begin") == kinds.count("end")


def test_xe_fields_mark_every_term(book):
    doc, terms, _, _, body, _ = book
    codes = _instructions(body)
    marked = [re.fullmatch(r'XE "(.*)"', c)[1] for c in codes if c.startswith("XE") and "\\t" not in c]
    assert sorted(marked) == sorted(terms)
    # A heading's term is marked in the heading's paragraph.
    h = next(b for b in doc.blocks if isinstance(b, Heading) and b.index)
    p = next(p for p in body.iter(f"{W}p") if _text(p) == h.text)
    assert f'XE "{h.index[0]}"' in _instructions(p)


def test_index_field_shows_the_pdf_index(book):
    doc, _, page_map, _, body, _ = book
    index = next(b for b in doc.blocks if isinstance(b, Index))
    codes = _instructions(body)
    assert any(c.startswith('INDEX \\h "A"') for c in codes)
    letters = [_text(p) for p in _paragraphs(body, "IndexHeading")]
    assert letters == [g.letter for g in index.groups]
    entries = [_text(p) for p in _paragraphs(body, "Index1")]
    expected = [entry_text(e, page_map.index[e.term]) for g in index.groups for e in g.entries]
    assert entries == expected
    assert all(re.search(r"\d+[ab]", e) for e in entries if "参见" not in e)
    see = next(e for g in index.groups for e in g.entries if e.see_also)
    assert f'XE "{see.term}" \\t "参见 {see.see_also[0]}"' in codes


def test_title_page_and_styles(book):
    _, _, _, _, body, styles = book
    first = next(body.iter(f"{W}p"))
    assert _text(first) == TITLE
    names = {s.find(f"{W}name").get(f"{W}val") for s in styles.iter(f"{W}style")}
    # Styles the document uses (toc 3 only where the 目录 goes three levels deep).
    assert {"toc 1", "toc 2", "index 1", "index heading"} <= names


def _sections(body) -> list:
    return [*body.iter(f"{W}sectPr")]


def test_front_matter_numbered_in_roman_and_the_toc_on_a_right_hand_page(book):
    doc, _, _, _, body, _ = book
    sections = _sections(body)
    numbering = [s.find(f"{W}pgNumType") for s in sections]
    formats = [n.get(f"{W}fmt") if n is not None else None for n in numbering]
    body_at = formats.index("decimal")
    # Every front section says Roman (Word takes decimal where a section names no format).
    assert body_at > 0 and formats[:body_at] == ["upperRoman"] * body_at
    assert numbering[0].get(f"{W}start") == "1" and numbering[body_at].get(f"{W}start") == "1"
    assert all(f is None for f in formats[body_at + 1:])  # the body's sections go on counting
    # The first section starts a page (LibreOffice reads the format only from such a one).
    assert sections[0].find(f"{W}type").get(f"{W}val") == "nextPage"
    # The 书名页 has neither head nor folio; the next section names the folio footers again.
    assert sections[0].find(f"{W}titlePg") is not None
    footers = [{r.get(f"{W}type"): r.get(R_ID) for r in s.iter(f"{W}footerReference")} for s in sections[:2]]
    assert footers[0]["first"] != footers[1]["first"] and footers[0]["default"] == footers[1]["default"]
    with zipfile.ZipFile(io.BytesIO(book[3])) as z:
        rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
        target = {r.get("Id"): r.get("Target") for r in rels}
        blank = etree.fromstring(z.read("word/" + target[footers[0]["first"]]))
        folio = etree.fromstring(z.read("word/" + target[footers[1]["first"]]))
    assert not _instructions(blank) and _instructions(folio) == ["PAGE"]
    # The 目录 opens a right-hand page, as in the PDF.
    paragraphs = list(body.iter(f"{W}p"))
    toc_title = next(b for b in doc.front if isinstance(b, TableOfContents)).title
    at = next(i for i, p in enumerate(paragraphs) if _text(p) == toc_title)
    before = [p.find(f"{W}pPr/{W}sectPr") for p in paragraphs[:at]]
    last_break = [s for s in before if s is not None][-1]
    following = sections[sections.index(last_break) + 1]
    assert following.find(f"{W}type").get(f"{W}val") == "oddPage"


@pytest.mark.skipif(importlib.util.find_spec("openxml_audit") is None, reason="openxml-audit not installed")
def test_book_docx_validates(book, tmp_path):
    *_, data, _, _ = book
    path = tmp_path / "book.docx"
    path.write_bytes(data)
    result = subprocess.run(
        [sys.executable, "-m", "openxml_audit", "-o", "json", "-q", str(path)],
        capture_output=True, text=True, check=False,
    )
    report = json.loads(result.stdout)
    assert report[0]["error_count"] == 0, report[0]["errors"]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_shows_the_fields_results_before_any_update(book, style, tmp_path):
    doc, _, page_map, data, _, _ = book
    path = tmp_path / "book.docx"
    path.write_bytes(data)
    pdf, result = convert(path, style, tmp_path)
    assert result.returncode == 0 and pdf.is_file(), result.stderr
    # The TOC's dot leaders come out as full stops.
    lines = [
        re.sub(r"[.·…]{3,}", "", squeeze(line))
        for page in PdfReader(pdf).pages
        for line in page.extract_text().splitlines()
    ]
    toc = next(b for b in doc.front if isinstance(b, TableOfContents))
    for entry in toc.entries:
        assert squeeze(entry.text) + page_map.anchors[entry.anchor] in lines, entry.text
    # Folios: Roman in the front matter, the body from 1 (the last line of a page is its folio).
    folios = [squeeze(page.extract_text().splitlines()[-1]) for page in PdfReader(pdf).pages]
    toc_page = next(i for i, page in enumerate(PdfReader(pdf).pages) if toc.title in page.extract_text())
    assert re.fullmatch(r"[IVX]+", folios[toc_page]), folios[: toc_page + 1]
    assert folios[toc_page + 1] == "1", folios[toc_page + 1 :]
    index = next(b for b in doc.blocks if isinstance(b, Index))
    text = "".join(lines)
    for group in index.groups:
        for entry in group.entries:
            assert squeeze(entry_text(entry, page_map.index[entry.term])) in text, entry.term
