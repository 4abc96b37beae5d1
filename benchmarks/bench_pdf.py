"""PDF writer benchmark: build time, pages per second and peak memory.

Run by hand: `python benchmarks/bench_pdf.py [--pages 1000]`. Each measurement runs
in its own process so peak memory (ru_maxrss) is its own. The reference is
ReportLab's plain Paragraph (wordWrap='CJK') in two plain column frames on the
same text, measured in the same run, so the figures can be read as ratios.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from yearbook.doctree import (  # noqa: E402
    Cell,
    Column,
    Document,
    Heading,
    Metadata,
    OutlineItem,
    Paragraph,
    Run,
    RunRole,
    Table,
)

SENTENCE = (
    "市政协及其常委会紧扣市委部署要求和全市中心工作，全年召开专题议政性常委会会议和专题协商会议17次。"
    "贯彻落实《中共嘉峪关市委关于进一步加强和完善基层协商民主的实施意见》，创新开展“嘉事好商量”活动，"
    "协商解决群众关心关注的操心事、烦心事、难心事113件，占全年任务的98.6%。"
)
# Calibrated on this style: about this many entries fill one page.
ENTRIES_PER_PAGE = 6.75


def synthetic(pages: int) -> Document:
    """A chapter of about `pages` pages: 分目 of 40 entries, a 30-row table every 5 分目."""
    doc = Document(Metadata("政协嘉峪关市委员会年鉴-2023", "政协嘉峪关市委员会办公室", edition=2023))
    doc.blocks.append(Heading(1, "政协嘉峪关市委员会", "政协嘉峪关市委员会", True, OutlineItem(0, "政协")))
    entries = int(pages * ENTRIES_PER_PAGE)
    for i in range(entries):
        if i % 40 == 0:
            title = f"分目{i // 40 + 1}"
            doc.blocks.append(Heading(2, title, title, False, OutlineItem(1, title)))
        if i % 200 == 199:
            rows = [[Cell(f"十届{j}次会议"), Cell(f"{j % 12 + 1}月{j % 28 + 1}日"), Cell(SENTENCE[: 40 + j])]
                    for j in range(30)]
            cols = [Column("会议名称", 2), Column("会议时间", 1, "center"), Column("会议内容", 5)]
            n = i // 200 + 1
            doc.blocks.append(Table(n, "会议一览表", cols, rows, OutlineItem(2, f"表{n}")))
        text = SENTENCE * (1 + i % 3)
        doc.blocks.append(Paragraph([Run(f"【条目{i}】", RunRole.ENTRY_TITLE), Run(text)],
                                    outline=OutlineItem(2, f"条目{i}")))
    return doc


def run_yearbook(doc: Document, style_name: str = "yearbook") -> tuple[float, bytes]:
    from yearbook.fonts import resolve_faces
    from yearbook.style import load_style
    from yearbook.writers.pdf import write_pdf

    style = load_style(style_name, ROOT / "data")
    faces = resolve_faces(style)
    write_pdf(Document(doc.meta, []), style, faces, io.BytesIO())  # font loading is start-up
    out = io.BytesIO()
    start = time.perf_counter()
    write_pdf(doc, style, faces, out)
    return time.perf_counter() - start, out.getvalue()


def run_reference(doc: Document) -> tuple[float, bytes]:
    """Plain ReportLab: Paragraphs in two fixed column frames, tables skipped."""
    from xml.sax.saxutils import escape

    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
    from reportlab.platypus import Paragraph as RLParagraph

    from yearbook.fonts import resolve_faces
    from yearbook.style import load_style

    style = load_style("yearbook", ROOT / "data")
    face = resolve_faces(style)["song"]
    pdfmetrics.registerFont(TTFont("ref", str(face.path), subfontIndex=face.subfont_index))
    page = style.page
    ps = ParagraphStyle("b", fontName="ref", fontSize=9, leading=14, firstLineIndent=18, wordWrap="CJK")
    out = io.BytesIO()
    start = time.perf_counter()
    tpl = BaseDocTemplate(out, pagesize=(page.width, page.height), invariant=1)
    cw = page.column_width
    frames = [
        Frame(page.margin_inside + i * (cw + page.column_gap), page.margin_bottom, cw, page.frame_height,
              leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        for i in range(2)
    ]
    tpl.addPageTemplates([PageTemplate("p", frames)])
    story = [RLParagraph(escape(b.text), ps) for b in doc.blocks if isinstance(b, Paragraph | Heading)]
    tpl.build(story)
    return time.perf_counter() - start, out.getvalue()


def child(kind: str, pages: int) -> None:
    if kind == "example":
        from yearbook.build import prepare

        prepared = prepare(ROOT / "data")
        seconds, pdf = run_yearbook(prepared.document, prepared.style.name)
    elif kind == "reference":
        seconds, pdf = run_reference(synthetic(pages))
    else:
        seconds, pdf = run_yearbook(synthetic(pages))
    from pypdf import PdfReader

    n = len(PdfReader(io.BytesIO(pdf)).pages)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"kind": kind, "seconds": seconds, "pages": n, "peak_mb": peak_mb}))


def measure(kind: str, pages: int) -> dict:
    cmd = [sys.executable, __file__, "--child", kind, "--pages", str(pages)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--child", choices=["synthetic", "reference", "example"])
    args = parser.parse_args()
    if args.child:
        child(args.child, args.pages)
        return
    kinds = ["synthetic", "reference"] + (["example"] if (ROOT / "data" / "book.yaml").is_file() else [])
    results = {k: measure(k, args.pages) for k in kinds}
    for r in results.values():
        rate = r["pages"] / r["seconds"] if r["seconds"] else float("inf")
        print(f"{r['kind']:>10}: {r['pages']:5d} pages in {r['seconds']:7.2f} s  "
              f"({rate:6.1f} pages/s, peak {r['peak_mb']:.0f} MB)")
    ref, ours = results["reference"], results["synthetic"]
    print(f"yearbook writer / plain ReportLab, per page: "
          f"{(ours['seconds'] / ours['pages']) / (ref['seconds'] / ref['pages']):.2f}")


if __name__ == "__main__":
    main()
