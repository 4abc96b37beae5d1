"""YAML loader benchmark: time to read and type a large data folder, per page.

Run by hand: `python benchmarks/bench_load.py [--copies 27] [--runs 5]`. The data
folder is the example's chapters repeated `copies` times as separate files (the
example is about 11 pages, so 27 copies make about 300). The reference, measured in
the same run, is PyYAML's own `yaml.load` with libyaml (CSafeLoader) on the same
files: the least a YAML loader could cost.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from yearbook.load.book import load_book  # noqa: E402

EXAMPLE = ROOT / "data"
EXAMPLE_PAGES = 11


def make_folder(target: Path, copies: int) -> None:
    """book.yaml including `copies` renamed copies of each example chapter file."""
    book = (EXAMPLE / "book.yaml").read_text(encoding="utf-8")
    head, _, _ = book.partition("chapters:")
    lines = [head + "chapters:"]
    for k in range(copies):
        for name in ("zhuanwen", "jiayuguan"):
            lines.append(f"  - include: {name}-{k}.yaml")
        chapter = (EXAMPLE / "jiayuguan.yaml").read_text(encoding="utf-8")
        chapter = chapter.replace("jiayuguan-records.yaml", f"jiayuguan-records-{k}.yaml")
        (target / f"jiayuguan-{k}.yaml").write_text(chapter, encoding="utf-8")
        for name in ("zhuanwen", "jiayuguan-records"):
            text = (EXAMPLE / f"{name}.yaml").read_text(encoding="utf-8")
            (target / f"{name}-{k}.yaml").write_text(text, encoding="utf-8")
    (target / "book.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def median_time(func, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=27)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        folder.mkdir()
        make_folder(folder, args.copies)
        files = sorted(folder.glob("*.yaml"))
        pages = EXAMPLE_PAGES * args.copies

        def reference() -> None:
            for f in files:
                yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

        ours = median_time(lambda: load_book(folder), args.runs)
        ref = median_time(reference, args.runs)
    print(f"pages (estimated): {pages}, files: {len(files)}")
    print(f"load_book:            {ours * 1000:8.1f} ms  {ours / pages * 1000:6.2f} ms/page")
    print(f"yaml.load (libyaml):  {ref * 1000:8.1f} ms  {ref / pages * 1000:6.2f} ms/page")
    print(f"ratio: {ours / ref:.2f}")


if __name__ == "__main__":
    main()
