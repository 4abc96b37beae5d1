"""Three-line tables (三线表) as Word tables.

The rows are written as one XML string and parsed once: python-docx's
`table.add_row` recomputes the grid for every row, so a 2,000-row table would take
quadratic time (see benchmarks/bench_docx.py).

续表 (continued-table) labels: Word has no field or table property that prints text
only on a table's continuation pages, so the DOCX relies on the repeated header
row (w:tblHeader); editors add 续表 by hand at final make-up if the house wants it.
"""

from __future__ import annotations

from lxml import etree

from yearbook.doctree import Cell, Column, Table
from yearbook.style import Style
from yearbook.typeset.table_widths import SHORT_CELL, column_widths, em_width
from yearbook.writers.docx import oxml
from yearbook.writers.docx.styles import PARAGRAPH_STYLES, TABLE_STYLE_ID

_CELL_JC = {"center": "center", "right": "right"}  # left: the cell style's own justification


# A column of running text set in the column keeps at least this many characters a line.
_MIN_TEXT_CHARS = 6


def fits_column(table: Table, style: Style) -> bool:
    """Whether the table reads well in one text column: short cells (dates, names) on one
    line and every column of running text at least six characters wide.

    The DOCX sets such a table in the column even where the style sets tables across
    the columns: a full-width table in Word needs a pair of continuous section breaks,
    and LibreOffice's time to lay out a document grows with the square of their count
    (benchmarks/bench_docx_libreoffice.py).
    """
    cell, head = style.para("table_cell"), style.para("table_header")
    pad = 2 * style.table.cell_padding + 0.5
    need = 0.0
    for i, col in enumerate(table.columns):
        texts = [r[i].text for r in table.rows if i < len(r)]
        short = [t for t in texts if len(t) <= SHORT_CELL]
        widest = max((em_width(t, cell.size) for t in short), default=0.0)
        if len(col.title) <= SHORT_CELL:
            widest = max(widest, em_width(col.title, head.size))
        if len(short) < len(texts):
            widest = max(widest, _MIN_TEXT_CHARS * cell.size)
        need += widest + pad
    return need <= style.page.column_width


def build_table(table: Table, style: Style, width: float) -> etree._Element:
    """A w:tbl `width` points wide: thick top and bottom rules, a thin rule under the header."""
    ts = style.table
    total = oxml.twips(width)
    columns = table.columns or [Column("")]
    cell, head = style.para("table_cell"), style.para("table_header")
    points = column_widths(
        table,
        width,
        lambda t: em_width(t, cell.size),
        lambda t: em_width(t, head.size),
        style.table.cell_padding,
    )
    widths = _split(total, points)
    # The rules and cell margins come from the named table style (三线表, see table_style);
    # the table itself says only its width, layout and column grid.
    parts = [
        f'<w:tbl {oxml.W_DECL}><w:tblPr><w:tblStyle w:val="{TABLE_STYLE_ID}"/>',
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>',
        # Fixed layout: widths as given, long text wraps instead of widening its column.
        '<w:tblLayout w:type="fixed"/>',
        '<w:tblLook w:val="0020" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0"'
        ' w:noHBand="1" w:noVBand="1"/>',
        "</w:tblPr><w:tblGrid>",
        *(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
    ]
    # The rule under the header row is also written on its cells: LibreOffice 7.4 does not
    # apply a table style's first-row borders.
    thin = oxml.eighths(ts.rule_thin)
    header_rule = (
        f'<w:tcBorders><w:bottom w:val="single" w:sz="{thin}" w:space="0" w:color="000000"/></w:tcBorders>'
    )
    head_id = PARAGRAPH_STYLES["table_header"].style_id
    parts.append("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>")
    for col, w in zip(columns, widths, strict=True):
        parts.append(_cell(col.title, w, head_id, None, header_rule, "center"))
    parts.append("</w:tr>")
    cell_id = PARAGRAPH_STYLES["table_cell"].style_id
    aligns = [_CELL_JC.get(c.align) for c in columns]
    for row in table.rows:
        # A row stays on one page, as in print: a date cell split "11月 / 23日" reads badly.
        parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        for i, w in enumerate(widths):
            cell = row[i] if i < len(row) else Cell("")
            parts.append(_cell(cell.text, w, cell_id, aligns[i], "", ts.cell_valign.value))
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return oxml.parse("".join(parts))


def _split(total: int, weights: list[float]) -> list[int]:
    """Integer widths in proportion to weights that add up to `total` exactly."""
    whole = sum(weights)
    widths = [int(total * w / whole) for w in weights]
    widths[-1] += total - sum(widths)
    return widths


def _cell(value: str, width: int, style_id: str, jc: str | None, borders: str, valign: str) -> str:
    ppr = f'<w:pStyle w:val="{style_id}"/>' + (f'<w:jc w:val="{jc}"/>' if jc else "")
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{borders}<w:vAlign w:val="{valign}"/></w:tcPr>'
        f"<w:p><w:pPr>{ppr}</w:pPr>{_runs(value)}</w:p></w:tc>"
    )


def _runs(value: str) -> str:
    if not value:
        return ""
    lines = value.split("\n")
    inner = "<w:br/>".join(f'<w:t xml:space="preserve">{oxml.xml_text(line)}</w:t>' for line in lines)
    return f"<w:r>{inner}</w:r>"
