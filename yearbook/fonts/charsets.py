"""Character lists a Chinese yearbook face is measured against, and the set a converted face keeps.

GB 2312 (6,763 hanzi) comes from Python's own codec; the 通用规范汉字表 (8,105)
ships as data/tongyong.txt, derived from Unihan's kTGH field (see that file's header).
"""

from __future__ import annotations

import bz2
import sys
from functools import cache
from pathlib import Path

TONGYONG_FILE = Path(__file__).resolve().parent / "data" / "tongyong.txt"
GB2312_HANZI_COUNT = 6763
TONGYONG_COUNT = 8105

# Blocks a yearbook's text draws on besides hanzi: punctuation, ①, ℃, ㎡, Ⅳ, full-width forms.
SYMBOL_BLOCKS = (
    (0x0020, 0x007E), (0x00A0, 0x00FF),  # ASCII, Latin-1
    (0x2000, 0x206F),  # general punctuation: — … ‰ ※
    (0x2100, 0x218F),  # letterlike symbols and number forms: ℃ № Ⅳ
    (0x2190, 0x21FF),  # arrows
    (0x2460, 0x24FF),  # enclosed alphanumerics: ① ⑴ ⒈
    (0x2500, 0x257F),  # box drawing
    (0x25A0, 0x25FF),  # geometric shapes: ■ ○ ◆
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3200, 0x33FF),  # enclosed CJK, CJK compatibility: ㈠ ㎡ ㎏
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # full-width forms
)
# Every ideograph the face maps is kept: rare characters in names are why a yearbook needs them.
IDEOGRAPH_BLOCKS = (
    (0x3400, 0x4DBF),  # Extension A
    (0x4E00, 0x9FFF),  # URO
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0x20000, 0x3134F),  # Extensions B–G
)


@cache
def gb2312_hanzi() -> str:
    """The 6,763 hanzi of GB 2312 levels 1 and 2 (rows 16–87), in code order."""
    out = []
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.append(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:  # the five unassigned codes at the end of row 55
                continue
    return "".join(out)


@cache
def gbk_all() -> frozenset[int]:
    """Every GBK character: the traditional and rare forms old records and names use."""
    out = set()
    for hi in range(0x81, 0xFF):
        for lo in range(0x40, 0xFF):
            try:
                out.add(ord(bytes((hi, lo)).decode("gbk")))
            except UnicodeDecodeError:
                continue
    return frozenset(out)


@cache
def tongyong_hanzi() -> str:
    """The 8,105 characters of the 通用规范汉字表, in list order."""
    text = TONGYONG_FILE.read_text(encoding="utf-8")
    return "".join(line.strip() for line in text.splitlines() if line and not line.startswith("#"))


def repertoire(cmap: set[int] | frozenset[int]) -> set[int]:
    """What a converted face keeps of the code points `cmap` maps."""
    wanted = set(gbk_all()) | {ord(c) for c in tongyong_hanzi()}
    for first, last in SYMBOL_BLOCKS:
        wanted.update(range(first, last + 1))
    keep = {c for c in cmap if c in wanted}
    keep.update(c for c in cmap if any(first <= c <= last for first, last in IDEOGRAPH_BLOCKS))
    return keep


def tongyong_from_unihan(path: Path) -> str:
    """The list rebuilt from Unihan_OtherMappings.txt(.bz2): kTGH gives each character's position."""
    opener = bz2.open if path.suffix == ".bz2" else open
    positions: dict[int, str] = {}
    with opener(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3 and parts[1] == "kTGH":
                for item in parts[2].split():
                    positions[int(item.split(":")[1])] = chr(int(parts[0][2:], 16))
    return "".join(positions[i] for i in sorted(positions))


if __name__ == "__main__":  # regenerate data/tongyong.txt's body (the header is kept by hand)
    chars = tongyong_from_unihan(Path(sys.argv[1]))
    print("\n".join(chars[i : i + 50] for i in range(0, len(chars), 50)))
