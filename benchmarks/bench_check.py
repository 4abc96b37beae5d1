"""Proofreading checks benchmark: milliseconds per page, linear in pages.

Run by hand: `python benchmarks/bench_check.py [--pages 100 300 1000]`. The example
chapter's sections (data/jiayuguan.yaml) are repeated into one chapter of about the
asked number of pages (1,485 characters a page, the example's own ratio) in a
temporary folder. The reference, measured in the same run on the same text, is one
compiled regular expression finding every CJK character (the least any check can do),
so the figures read as ratios. CPU time of the best of three runs; loading not counted.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from yearbook.check import run_checks  # noqa: E402
from yearbook.check.site import walk  # noqa: E402
from yearbook.load.book import load_book  # noqa: E402

CHARS_PER_PAGE = 1485
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def make_chapter(folder: Path, pages: int) -> None:
    data = ROOT / "data"
    source = (data / "jiayuguan.yaml").read_text(encoding="utf-8")
    head, sections = source.split("\nsections:\n", 1)
    copies = max(1, round(pages * CHARS_PER_PAGE / 5350))  # one copy is about 5,350 characters
    (folder / "jiayuguan.yaml").write_text(head + "\nsections:\n" + sections * copies, encoding="utf-8")
    records = (data / "jiayuguan-records.yaml").read_text(encoding="utf-8")
    (folder / "jiayuguan-records.yaml").write_text(records, encoding="utf-8")
    book = (data / "book.yaml").read_text(encoding="utf-8")
    book = "\n".join(line for line in book.splitlines() if "zhuanwen.yaml" not in line)
    (folder / "book.yaml").write_text(book + "\n", encoding="utf-8")


def best_of(fn, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[100, 300, 1000])
    args = parser.parse_args()
    header = ("pages", "chars", "checks ms", "ms/page", "reference ms", "ratio")
    print(" ".join(f"{h:>{w}}" for h, w in zip(header, (6, 9, 10, 8, 13, 6), strict=True)), "findings")
    for pages in args.pages:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            make_chapter(folder, pages)
            loaded = load_book(folder)
            report = run_checks(loaded)  # word lists and tables read once, as in a real run
            checks = best_of(lambda loaded=loaded: run_checks(loaded))
            texts = [site.masked for site in walk(loaded.book)]
            reference = best_of(lambda texts=texts: [CJK.findall(t) for t in texts])
            real_pages = report.characters / CHARS_PER_PAGE
            print(
                f"{real_pages:6.0f} {report.characters:9d} {checks * 1000:10.0f} "
                f"{checks * 1000 / real_pages:8.2f} {reference * 1000:13.1f} {checks / reference:6.1f} "
                f"{len(report.findings)}"
            )


if __name__ == "__main__":
    main()
