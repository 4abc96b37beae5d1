"""Reading built DOCX files back for the import tests."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from yearbook.build import build


def docx_content(path: Path) -> tuple[list[str], list[list[list[str]]]]:
    """Non-empty paragraph texts, and each table as rows of cell texts, in body order."""
    d = docx.Document(str(path))
    paragraphs: list[str] = []
    tables: list[list[list[str]]] = []
    for el in d.element.body.iterchildren():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(el, d).text
            if text:
                paragraphs.append(text)
        elif tag == "tbl":
            tables.append([[c.text for c in row.cells] for row in Table(el, d).rows])
    return paragraphs, tables


def build_docx(data: Path, out: Path) -> Path:
    result = build(data, out)
    return next(p for p in result.outputs if p.suffix == ".docx")
