"""DOCX writer: the document tree as an editable Word file built from real Word structures.

Modules: `styles` (Word styles from the style sheet), `page` (geometry, sections,
running heads and page numbers), `document` (the body), `tables` (三线表),
`oxml` (raw WordprocessingML python-docx lacks), `package` (properties and a
reproducible zip); a book's parts: `book` (书名页, dispatch), `toc` (目录 field), `index`
(XE and INDEX fields), `fieldcode` (fields and styles they share).
"""

from __future__ import annotations

from typing import BinaryIO

import docx

from yearbook.doctree import Document
from yearbook.pagemap import PageMap
from yearbook.style import Style
from yearbook.writers.docx.book import BookParts
from yearbook.writers.docx.document import first_section_head, write_body
from yearbook.writers.docx.package import drop_template_parts, save_reproducible, set_properties
from yearbook.writers.docx.page import setup_page
from yearbook.writers.docx.styles import install_styles


def write_docx(doc: Document, style: Style, out: BinaryIO, page_map: PageMap | None = None) -> None:
    """`page_map`: where the PDF writer set the book's anchors and index terms, for the shown
    results of the 目录 and 索引 fields (without it they show no page numbers)."""
    document = docx.Document()
    drop_template_parts(document)
    install_styles(document, style)
    setup_page(document, style, doc.meta.title, first_section_head(doc))
    write_body(document, doc, style, BookParts(document, doc, style, page_map))
    set_properties(document, doc.meta)
    out.write(save_reproducible(document, doc.meta))
