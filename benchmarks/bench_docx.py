"""How DOCX build time grows with table rows: our writer against python-docx's table.add_row.

Run by hand: `python benchmarks/bench_docx.py`. Our time per row should stay flat as
rows grow (linear build); python-docx's add_row gets slower per row.
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

import docx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "writers"))

from docx_sample import sample_document  # noqa: E402

from yearbook.style import load_style  # noqa: E402
from yearbook.writers.docx import write_docx  # noqa: E402


def ours(rows: int) -> float:
    style = load_style("yearbook", ROOT / "data")
    doc = sample_document(table_rows=rows, repeat=1)
    start = time.perf_counter()
    write_docx(doc, style, io.BytesIO())
    return time.perf_counter() - start


def python_docx_add_row(rows: int) -> float:
    document = docx.Document()
    start = time.perf_counter()
    table = document.add_table(rows=1, cols=3)
    for i in range(rows):
        cells = table.add_row().cells
        for j, cell in enumerate(cells):
            cell.text = f"{i}-{j}"
    document.save(io.BytesIO())
    return time.perf_counter() - start


def main() -> None:
    print(f"{'rows':>6} {'ours s':>8} {'µs/row':>8} {'add_row s':>10} {'µs/row':>8}")
    for rows in (250, 500, 1000, 2000, 4000):
        a, b = ours(rows), python_docx_add_row(rows)
        print(f"{rows:>6} {a:>8.3f} {a / rows * 1e6:>8.0f} {b:>10.3f} {b / rows * 1e6:>8.0f}")


if __name__ == "__main__":
    main()
