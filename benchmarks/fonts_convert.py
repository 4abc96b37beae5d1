"""Time the one-time CFF → TrueType conversion of the installed Noto CJK faces (run by hand).

    python benchmarks/fonts_convert.py

Converts into a temporary folder, so the real cache is left alone.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from yearbook.fonts import locate
from yearbook.fonts.convert import convert


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for family in ("Noto Serif CJK SC", "Noto Sans CJK SC"):
            found = locate.fontconfig_lookup(family)
            if not found:
                print(f"{family}: not installed")
                continue
            source, index = found[0]
            target = Path(tmp) / f"{family}.ttf"
            started = time.perf_counter()
            convert(source, index, target, family, lambda message: None)
            seconds = time.perf_counter() - started
            print(f"{family}: {seconds:.1f} s, {target.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
