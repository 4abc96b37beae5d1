"""Whole-command benchmark: `yearbook build` as a user runs it, against Typst on the same content.

Run by hand (`pip install -e '.[bench]'` brings Typst's Python package):

    python benchmarks/bench_build.py                 # example + 100/300/1,000-page chapters
    python benchmarks/bench_build.py --pages 100 --runs 3

Each figure is a whole process (interpreter start, imports, load, checks, DOCX and
PDF), the median of `--runs` runs after one warm-up, with the peak memory of the
largest process. The reference is Typst compiling the same text (the document
tree's headings, paragraphs and tables, exported as Typst markup) to a two-column
16开 PDF in the same Chinese faces, run in turn with ours (A B A B …) in the same
run, so the ratios hold on a busy machine where the seconds do not. `yearbook check`
on the example is timed too.

Both run as a user has them: the wheel built from this checkout and Typst's package
installed in a new virtual environment (pip compiles the bytecode as it installs), so
neither pays for a development setup (an editable install's import hook, start-up
files of the machine's own Python). `--checkout` times this checkout with the
current interpreter instead (no network needed).
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_chapter import write_chapter  # noqa: E402

from yearbook.build import prepare  # noqa: E402
from yearbook.doctree import Heading, Paragraph, Table  # noqa: E402

TYPST_FONT_DIRS = ["/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/lxgw"]


def _typst_text(text: str) -> str:
    return '#"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def typst_source(data_dir: Path) -> str:
    """The document tree's content as Typst markup in the yearbook page layout."""
    doc = prepare(data_dir).document
    out = [
        "#set page(width: 185mm, height: 260mm, margin: (top: 22mm, bottom: 18mm, inside: 18mm,"
        " outside: 16mm), columns: 2, numbering: \"1\")",
        "#set columns(gutter: 6mm)",
        '#set text(font: ("Noto Serif CJK SC",), size: 9pt, lang: "zh", region: "cn")',
        "#set par(justify: true, first-line-indent: (amount: 2em, all: true), leading: 5pt)",
        '#show heading: set text(font: "Noto Sans CJK SC")',
    ]
    for block in doc.blocks:
        if isinstance(block, Heading):
            out.append(f"{'=' * block.level} {_typst_text(block.text)}")
        elif isinstance(block, Paragraph):
            out.append(_typst_text(block.text))
        elif isinstance(block, Table):
            cells = [_typst_text(c.title) for c in block.columns]
            cells += [_typst_text(cell.text) for row in block.rows for cell in row]
            out.append(f"#align(center)[{_typst_text(block.caption)}]")
            out.append(
                f"#table(columns: {len(block.columns)}, stroke: none, {', '.join(f'[{c}]' for c in cells)})"
            )
        out.append("")
    return "\n".join(out)


def installed(work: Path) -> Path:
    """A new virtual environment holding the wheel of this checkout and Typst; its python."""
    # Built from a copy of the checkout's files: setuptools leaves a build/ folder behind,
    # whose stale modules would end up in later wheels.
    source = work / "source"
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, check=True, capture_output=True,
    ).stdout.decode().split("\0")
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    dist = work / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(source)],
        check=True, stdout=subprocess.DEVNULL,
    )
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    wheel = next(dist.glob("yearbook-*.whl"))
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(wheel), "typst"],
        check=True,
    )
    return python


def _run(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and the peak memory (MB) of one whole process (its largest process)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}")
    return wall, usage.ru_maxrss / 1024


def _measure_pair(ours: list[str], theirs: list[str], runs: int) -> tuple[float, float, float, float]:
    """Medians of wall time and the largest peaks, the two commands run in turn (A B A B …),
    so a drift in the machine's speed touches both alike."""
    _run(ours)  # warm-up: font caches, page cache
    _run(theirs)
    a, b = [], []
    for _ in range(runs):
        a.append(_run(ours))
        b.append(_run(theirs))
    return (
        statistics.median(w for w, _ in a), max(p for _, p in a),
        statistics.median(w for w, _ in b), max(p for _, p in b),
    )


def _measure(cmd: list[str], runs: int) -> tuple[float, float]:
    _run(cmd)
    walls, peaks = zip(*(_run(cmd) for _ in range(runs)), strict=True)
    return statistics.median(walls), max(peaks)


def _pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def bench(name: str, data_dir: Path, work: Path, runs: int, python: str) -> dict[str, float | str]:
    out_dir = work / f"{name}-out"
    ours = [python, "-m", "yearbook", "build", str(data_dir), "-o", str(out_dir)]
    _run(ours)
    pdf = next(out_dir.glob("*.pdf"))
    typ = work / f"{name}.typ"
    typ.write_text(typst_source(data_dir), encoding="utf-8")
    fonts = ",".join(d for d in TYPST_FONT_DIRS if os.path.isdir(d))
    theirs = [
        python, "-c",
        "import sys, typst; "
        "typst.compile(sys.argv[1], output=sys.argv[2], font_paths=sys.argv[3].split(','))",
        str(typ), str(work / f"{name}-typst.pdf"), fonts,
    ]
    wall, peak, t_wall, t_peak = _measure_pair(ours, theirs, runs)
    return {
        "name": name, "pages": _pages(pdf), "wall": wall, "peak": peak,
        "typst_pages": _pages(work / f"{name}-typst.pdf"), "typst_wall": t_wall, "typst_peak": t_peak,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, nargs="*", default=[100, 300, 1000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--checkout", action="store_true", help="time this checkout, not the wheel")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.checkout:
            # As an installed package is: pip compiles the bytecode when it installs. A run
            # with PYTHONDONTWRITEBYTECODE set would otherwise compile every module every time.
            compileall.compile_dir(ROOT / "yearbook", quiet=1)
            python = sys.executable
        else:
            os.environ.pop("PYTHONPATH", None)  # nothing of the checkout may stand in for the wheel
            python = str(installed(work))
        # From the work folder, so `python -m yearbook` cannot pick up the checkout.
        os.chdir(work)
        rows.append(bench("example", ROOT / "data", work, args.runs, python))
        check = _measure([python, "-m", "yearbook", "check", str(ROOT / "data")], args.runs)
        for pages in args.pages:
            data = work / f"chapter-{pages}"
            write_chapter(pages, data)
            rows.append(bench(f"{pages}p", data, work, args.runs, python))
    print()
    print("| content | pages | yearbook build (DOCX+PDF+checks) | peak | ms/page | Typst → PDF | ratio |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        per_page = 1000 * r["wall"] / r["pages"]
        print(
            f"| {r['name']} | {r['pages']} | {r['wall']:.2f} s | {r['peak']:.0f} MB | {per_page:.1f} |"
            f" {r['typst_wall']:.2f} s ({r['typst_pages']} p, {r['typst_peak']:.0f} MB) |"
            f" {r['wall'] / r['typst_wall']:.2f}× |"
        )
    print(f"\nyearbook check (example, whole process): {check[0]:.2f} s, {check[1]:.0f} MB")


if __name__ == "__main__":
    main()
