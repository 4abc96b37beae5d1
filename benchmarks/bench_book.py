"""Whole-book benchmark: time and peak memory of each stage for books of N units.

Run by hand: `python benchmarks/bench_book.py [--units 10 30 60]`. Each book is made
by make_book.py and measured in its own process (so peak memory is its own):
load, assemble, check, and the whole `yearbook build` (DOCX + PDF). The reference,
measured in the same run on the same files, is PyYAML's own safe_load of every file
(no positions, no schema): the floor any YAML-based loader stands on.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MEASURE = r"""
import json, resource, sys, time, traceback
from pathlib import Path
import yaml
folder, out = Path(sys.argv[1]), Path(sys.argv[2])
row = {}
t = time.perf_counter()
for path in sorted(folder.rglob("*.yaml")):
    yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
row["reference"] = time.perf_counter() - t
from yearbook.assemble.book import assemble_with_warnings
from yearbook.build import build, prepare
from yearbook.check import run_checks
from yearbook.load.book import load_book
t = time.perf_counter(); loaded = load_book(folder); row["load"] = time.perf_counter() - t
t = time.perf_counter(); assemble_with_warnings(loaded.book); row["assemble"] = time.perf_counter() - t
t = time.perf_counter(); report = run_checks(loaded); row["check"] = time.perf_counter() - t
row["characters"] = report.characters
t = time.perf_counter()
try:
    build(folder, out, prepare(folder))
    row["build"] = time.perf_counter() - t
except Exception as exc:
    row["build_error"] = f"{type(exc).__name__}: {exc}"
# Units may be read in forked processes: the peak is the larger of ours and theirs.
peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
row["peak_mb"] = peak / 1024
print(json.dumps(row))
"""


def measure(units: int, work: Path) -> dict:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from make_book import make_book

    folder = work / f"book{units}"
    make_book(units, folder)
    env_cmd = [sys.executable, "-c", MEASURE, str(folder), str(work / f"out{units}")]
    done = subprocess.run(env_cmd, capture_output=True, text=True, cwd=ROOT, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, nargs="+", default=[10, 30, 60])
    args = parser.parse_args()
    print(f"{'units':>5} {'chars':>9} {'ref s':>6} {'load s':>7} {'×ref':>5} {'asm s':>6} "
          f"{'check s':>8} {'build s':>8} {'ms/unit':>8} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for units in args.units:
            r = measure(units, Path(tmp))
            total = r["load"] + r["assemble"] + r["check"]
            build = f"{r['build']:>8.2f}" if "build" in r else f"{'—':>8}"
            print(f"{units:>5} {r['characters']:>9} {r['reference']:>6.2f} {r['load']:>7.2f} "
                  f"{r['load'] / r['reference']:>5.1f} {r['assemble']:>6.2f} {r['check']:>8.2f} "
                  f"{build} {1000 * total / units:>8.0f} {r['peak_mb']:>8.0f}")
            if "build_error" in r:
                print(f"      build failed: {r['build_error'][:120]}")


if __name__ == "__main__":
    main()
