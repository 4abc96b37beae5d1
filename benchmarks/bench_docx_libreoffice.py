"""How long LibreOffice takes to open and convert our DOCX of a whole book, against
pandoc's DOCX of the same content (one section, pandoc's default styles).

Run by hand: `python benchmarks/bench_docx_libreoffice.py [--pages 1000]` (several sizes,
`--pages 250 500 1000`, show how the time grows with the pages).
Prerequisites: LibreOffice (`soffice`) and pandoc on PATH (Debian:
`apt-get install -y libreoffice-writer pandoc`). Both files are converted to PDF in
the same run with the same private profile, so on a busy machine read the ratio,
not the seconds. Target: ours / pandoc ≤ 2.
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
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
    ParaRole,
    Run,
    RunRole,
    Table,
)

SENTENCE = (
    "市政协及其常委会紧扣市委部署要求和全市中心工作，全年召开专题议政性常委会会议和专题协商会议17次。"
    "贯彻落实《中共嘉峪关市委关于进一步加强和完善基层协商民主的实施意见》，创新开展“嘉事好商量”活动，"
    "协商解决群众关心关注的操心事、烦心事、难心事113件，占全年任务的98.6%。"
)
ENTRIES_PER_PAGE = 5.0  # with a table every 10 entries, about this many entries fill a page


def synthetic(pages: int) -> Document:
    """A book of about `pages` pages: 类目 of 150 entries in 分目 of 30, a 12-row table
    every 10 entries (as many tables as a city yearbook has), a 专文 every 5 类目."""
    doc = Document(Metadata("嘉峪关年鉴-2023", "嘉峪关年鉴编辑部", edition=2023))
    entries = int(pages * ENTRIES_PER_PAGE)
    tables = 0
    for i in range(entries):
        if i % 150 == 0:
            n = i // 150 + 1
            doc.blocks.append(Heading(1, f"类目{n}", f"类目{n}", True, OutlineItem(0, f"类目{n}")))
            if n % 5 == 0:
                doc.blocks.append(Paragraph([Run(f"专文标题{n}")], ParaRole.ARTICLE_TITLE,
                                            OutlineItem(1, f"专文{n}"), heading_level=2))
                doc.blocks.append(Paragraph([Run("——工作综述")], ParaRole.SUBTITLE))
                doc.blocks.append(Paragraph([Run("编辑部")], ParaRole.BYLINE))
                doc.blocks += [Paragraph([Run(SENTENCE * 2)]) for _ in range(20)]
        if i % 30 == 0:
            title = f"分目{i // 30 + 1}"
            doc.blocks.append(Heading(2, title, title, False, OutlineItem(1, title)))
        if i % 10 == 9:
            tables += 1
            rows = [[Cell(f"十届{j}次会议"), Cell(f"{j % 12 + 1}月{j % 28 + 1}日"), Cell(SENTENCE[: 30 + j])]
                    for j in range(12)]
            cols = [Column("会议名称", 2), Column("会议时间", 1, "center"), Column("会议内容", 5)]
            doc.blocks.append(Table(tables, "会议一览表", cols, rows, OutlineItem(2, f"表{tables}")))
        doc.blocks.append(Paragraph([Run(f"【条目{i}】", RunRole.ENTRY_TITLE), Run(SENTENCE * (1 + i % 3))],
                                    outline=OutlineItem(2, f"条目{i}")))
    return doc


def markdown(doc: Document) -> str:
    """The same content as pandoc Markdown: headings, paragraphs, pipe tables with captions."""
    out: list[str] = []
    for b in doc.blocks:
        if isinstance(b, Heading):
            out.append("#" * b.level + " " + b.text)
        elif isinstance(b, Paragraph):
            out.append(b.text)
        elif isinstance(b, Table):
            out.append("| " + " | ".join(c.title for c in b.columns) + " |")
            out.append("|" + "|".join("---" for _ in b.columns) + "|")
            out += ["| " + " | ".join(c.text for c in row) + " |" for row in b.rows]
            out.append("")
            out.append(f"Table: {b.caption}")
        out.append("")
    return "\n".join(out)


def ours(doc: Document, path: Path) -> None:
    from yearbook.style import load_style
    from yearbook.writers.docx import write_docx

    out = io.BytesIO()
    write_docx(doc, load_style("yearbook", ROOT / "data"), out)
    path.write_bytes(out.getvalue())


def pandoc(doc: Document, path: Path) -> None:
    source = path.with_suffix(".md")
    source.write_text(markdown(doc), encoding="utf-8")
    subprocess.run(["pandoc", str(source), "-o", str(path)], check=True)


def sections(path: Path) -> int:
    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml").count(b"<w:sectPr")


def convert(path: Path, work: Path) -> tuple[float, int]:
    """Seconds for docx → pdf in a private profile, and the PDF's page count."""
    from pypdf import PdfReader

    outdir = work / "pdf"
    cmd = [shutil.which("soffice") or "soffice", f"-env:UserInstallation=file://{work}/profile",
           "--headless", "--convert-to", "pdf", "--outdir", str(outdir), str(path)]
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, timeout=3600)
    seconds = time.perf_counter() - start
    return seconds, len(PdfReader(outdir / (path.stem + ".pdf")).pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, nargs="+", default=[1000])
    args = parser.parse_args()
    for tool in ("soffice", "pandoc"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is not on PATH; see the prerequisites at the top of this file")
    for pages in args.pages:
        print(f"--- about {pages} pages")
        run(pages)


def run(pages: int) -> None:
    doc = synthetic(pages)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        files = {"yearbook": work / "yearbook.docx", "pandoc": work / "pandoc.docx"}
        ours(doc, files["yearbook"])
        pandoc(doc, files["pandoc"])
        # A first, small conversion creates LibreOffice's profile and warms its caches for both.
        warm = work / "warm.docx"
        pandoc(synthetic(2), warm)
        convert(warm, work)
        results = {name: convert(path, work) for name, path in files.items()}
        for name, path in files.items():
            seconds, pages = results[name]
            print(f"{name:>9}: {sections(path):5d} sections, {pages:5d} pages, "
                  f"LibreOffice {seconds:7.1f} s ({pages / seconds:5.1f} pages/s)")
        ratio = results["yearbook"][0] / results["pandoc"][0]
        print(f"ours / pandoc: {ratio:.2f} (target ≤ 2)")


if __name__ == "__main__":
    main()
