"""DOCX writer: the document tree as an editable Word file built from real Word structures.

Modules: `styles` (Word styles from the style sheet), `page` (geometry, sections,
running heads and page numbers), `document` (the body), `tables` (三线表),
`oxml` (raw WordprocessingML python-docx lacks), `clean` (what the built-in
template leaves behind), `package` (properties and a reproducible zip).
"""

from __future__ import annotations

from typing import BinaryIO

import docx

from yearbook.doctree import Document
from yearbook.style import Style
from yearbook.writers.docx.clean import (
    app_properties,
    drop_unused_parts,
    font_table,
    prune_styles,
    used_style_ids,
)
from yearbook.writers.docx.document import odd_openings, write_body
from yearbook.writers.docx.package import drop_template_parts, save_reproducible, set_properties
from yearbook.writers.docx.page import setup_page
from yearbook.writers.docx.styles import install_styles, own_style_ids


def write_docx(doc: Document, style: Style, out: BinaryIO) -> None:
    document = docx.Document()
    drop_template_parts(document)
    install_styles(document, style)
    furniture = setup_page(document, style, doc.meta.title, odd_openings(doc, style))
    write_body(document, doc, style, furniture)
    prune_styles(document, used_style_ids(document) | own_style_ids())
    font_table(document, style)
    app_properties(document)
    drop_unused_parts(document)
    set_properties(document, doc.meta)
    out.write(save_reproducible(document, doc.meta))
