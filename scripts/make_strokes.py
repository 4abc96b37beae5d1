"""Write yearbook/assemble/data/strokes.txt: the total stroke count of each CJK character
in the Basic Multilingual Plane, from the Unicode Consortium's Unihan database.

Run by hand when Unihan changes: `python scripts/make_strokes.py [Unihan_IRGSources.txt(.bz2)]`.
The default source is Debian's `unicode-data` package (apt-get install unicode-data).
The index sorts characters of the same pinyin and tone by this count (kTotalStrokes,
its first value: the count for the simplified form used in China).
"""

from __future__ import annotations

import bz2
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = Path("/usr/share/unicode/Unihan_IRGSources.txt.bz2")
TARGET = ROOT / "yearbook" / "assemble" / "data" / "strokes.txt"


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    opener = bz2.open if source.suffix == ".bz2" else open
    by_count: dict[int, list[str]] = defaultdict(list)
    with opener(source, "rt", encoding="utf-8") as lines:
        for line in lines:
            if "\tkTotalStrokes\t" not in line or line.startswith("#"):
                continue
            code, _, values = line.rstrip("\n").split("\t")
            point = int(code[2:], 16)
            if point <= 0xFFFF:
                by_count[int(values.split()[0])].append(chr(point))
    header = (
        "# 汉字总笔画数（Unicode Unihan 数据库 kTotalStrokes，取第一个值），"
        "由 scripts/make_strokes.py 生成，请勿手改。\n"
        "# 每行：笔画数<TAB>该笔画数的全部汉字。索引中同音同调的字按笔画数排序。\n"
    )
    body = "".join(f"{n}\t{''.join(chars)}\n" for n, chars in sorted(by_count.items()))
    TARGET.write_text(header + body, encoding="utf-8")
    print(f"{TARGET}: {sum(map(len, by_count.values()))} characters")


if __name__ == "__main__":
    main()
