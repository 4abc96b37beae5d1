"""Book parts in unusual places: marks behind the 索引, an empty 索引, a one-column style,
a 目录 entry whose heading is missing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests import pdfread
from tests.writers.book_sample import FILLER, BookMaker
from yearbook.doctree import Heading, Index, OutlineItem, Paragraph, Run, TableOfContents, TocEntry
from yearbook.fonts import resolve_faces
from yearbook.style import load_style
from yearbook.writers.pdf import write_pdf


def _text(pdf: bytes) -> str:
    return "".join(
        c.get_text() for page in pdfread.pages_in_drawing_order(pdf) for c in pdfread.chars(page)
    ).replace(" ", "")


def test_marks_behind_the_index_are_found_by_a_second_pass(style, faces):
    maker = BookMaker(1, sections=1, entries=2)
    doc = maker.document(front=False, chronicle=False)
    term = maker.terms[0]
    doc.blocks += [
        Heading(1, "附录", "附录", outline=OutlineItem(0, "附录"), odd_page=True, anchor="appendix"),
        Paragraph([Run(FILLER * 12), Run("附录所记", index=(term,)), Run(FILLER)]),
    ]
    out = io.BytesIO()
    page_map = write_pdf(doc, style, faces, out)
    refs = page_map.index[term]
    assert len(refs) == 2 and int(refs[1][:-1]) > int(refs[0][:-1])
    assert f"{term}\u3000{'，'.join(refs)}".replace("\u3000", "") in _text(out.getvalue()).replace("\u3000", "")


def test_an_empty_index_and_a_missing_anchor(style, faces):
    maker = BookMaker(1, sections=1, entries=1)
    doc = maker.document(chronicle=False)
    index = next(b for b in doc.blocks if isinstance(b, Index))
    index.groups = []
    toc = next(b for b in doc.front if isinstance(b, TableOfContents))
    toc.entries.append(TocEntry(2, "不存在的分目", "nowhere"))
    page_map = write_pdf(doc, style, faces, io.BytesIO())
    assert page_map.index == {}
    assert page_map.unresolved == ["nowhere"]


@pytest.fixture(scope="module")
def gongwen():
    style = load_style("gongwen", Path("."))
    try:
        return style, resolve_faces(style)
    except Exception as exc:  # pragma: no cover - a machine without CJK fonts
        pytest.skip(str(exc))


def test_one_column_references_are_page_numbers(gongwen):
    style, faces = gongwen
    maker = BookMaker(2, sections=1, entries=2)
    doc = maker.document(chronicle=False)
    out = io.BytesIO()
    page_map = write_pdf(doc, style, faces, out)
    refs = [r for rs in page_map.index.values() for r in rs]
    assert refs and all(r.isdigit() for r in refs)
    assert page_map.front_pages % 2 == 0
    # The folios carry the style's format: Roman in the front, arabic in the body.
    text = _text(out.getvalue())
    assert "—III—" in text and "—1—" in text
