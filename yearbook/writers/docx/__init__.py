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

from typing import BinaryIO

import docx

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
from yearbook.writers.docx.document import odd_openings, write_body
from yearbook.writers.docx.package import drop_template_parts, save_reproducible, set_properties
from yearbook.writers.docx.page import setup_page
from yearbook.writers.docx.styles import install_styles, own_style_ids
from yearbook.writers.docx.template import open_template, rename_styles, resolve, styleref


def write_docx(doc: Document, style: Style, out: BinaryIO, page_map: PageMap | None = None) -> None:
    """`page_map`: where the PDF writer set the book's anchors and index terms, for the shown
    results of the 目录 and 索引 fields (without it they show no page numbers)."""
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
    write_body(document, doc, style, furniture, BookParts(document, doc, style, page_map))
    if template_ids is None:
        prune_styles(document, used_style_ids(document) | own_style_ids())
        font_table(document, style)
        drop_unused_parts(document)
    else:
        rename_styles(document, template_ids, [document.element, *furniture_parts(document)])
    app_properties(document)
    set_properties(document, doc.meta)
    out.write(save_reproducible(document, doc.meta))
