"""DOCX writer: the document tree as an editable Word file built from real Word structures.

Modules: `styles` (Word styles from the style sheet), `page` (geometry, sections,
running heads and page numbers), `document` (the body), `tables` (三线表),
`oxml` (raw WordprocessingML python-docx lacks), `clean` (what the built-in
template leaves behind), `template` (the editors' own Word template), `package`
(properties and a reproducible zip); a book's parts: `book` (书名页, dispatch), `toc`
(目录 field), `index` (XE and INDEX fields), `fieldcode` (fields and styles they share);
`figure` (pictures and 彩页).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO

import docx
from docx.document import Document as WordDocument
from lxml import etree

from yearbook.doctree import Document
from yearbook.pagemap import PageMap
from yearbook.style import Style
from yearbook.writers.docx.book import BookParts
from yearbook.writers.docx.clean import (
    app_properties,
    drop_unused_parts,
    font_table,
    furniture_parts,
    prune_styles,
    used_style_ids,
)
from yearbook.writers.docx.document import make_blocks, odd_openings, write_body
from yearbook.writers.docx.package import drop_template_parts, save_reproducible, set_properties
from yearbook.writers.docx.page import Furniture, setup_page
from yearbook.writers.docx.styles import install_styles, own_style_ids
from yearbook.writers.docx.template import open_template, rename_styles, resolve, styleref


@dataclass
class Draft:
    """A DOCX with every block made, waiting only for the PDF's page numbers (a book's
    目录, 索引 and cached running heads) to be put together and written."""

    doc: Document
    style: Style
    document: WordDocument
    furniture: Furniture
    book: BookParts
    made: dict[int, list[etree._Element]]
    template_ids: dict[str, str] | None


def draft_docx(doc: Document, style: Style) -> Draft:
    template_ids: dict[str, str] | None = None
    if style.template is not None:
        document = open_template(style)
        template_ids, _ = resolve(document, style)
    else:
        document = docx.Document()
    drop_template_parts(document)
    install_styles(document, style, template_ids)
    furniture = setup_page(document, style, doc.meta.title, odd_openings(doc, style),
                           template=template_ids is not None)
    if template_ids is not None:
        furniture.styleref = styleref(document, template_ids)
    book = BookParts(document, doc, style, None)
    made = make_blocks(document, doc, style, book)
    return Draft(doc, style, document, furniture, book, made, template_ids)


def finish_docx(draft: Draft, out: BinaryIO, page_map: PageMap | None = None) -> None:
    """`page_map`: where the PDF writer set the book's anchors and index terms, for the shown
    results of the 目录 and 索引 fields (without it they show no page numbers)."""
    document, doc, style = draft.document, draft.doc, draft.style
    draft.book.page_map = page_map
    write_body(document, doc, style, draft.furniture, draft.book, draft.made)
    if draft.template_ids is None:
        prune_styles(document, used_style_ids(document) | own_style_ids())
        font_table(document, style)
        drop_unused_parts(document)
    else:
        rename_styles(document, draft.template_ids, [document.element, *furniture_parts(document)])
    app_properties(document)
    set_properties(document, doc.meta)
    out.write(save_reproducible(document, doc.meta))


def write_docx(doc: Document, style: Style, out: BinaryIO, page_map: PageMap | None = None) -> None:
    """`page_map`: where the PDF writer set the book's anchors and index terms, for the shown
    results of the 目录 and 索引 fields (without it they show no page numbers)."""
    finish_docx(draft_docx(doc, style), out, page_map)
