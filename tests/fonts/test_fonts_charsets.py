"""The character lists coverage is measured against."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from yearbook.fonts.charsets import (
    GB2312_HANZI_COUNT,
    TONGYONG_COUNT,
    gb2312_hanzi,
    repertoire,
    tongyong_from_unihan,
    tongyong_hanzi,
)

UNIHAN = Path("/usr/share/unicode/Unihan_OtherMappings.txt.bz2")


def is_ideograph(char: str) -> bool:
    return unicodedata.name(char, "").startswith("CJK UNIFIED IDEOGRAPH")


def test_gb2312_has_6763_distinct_hanzi() -> None:
    chars = gb2312_hanzi()
    assert len(chars) == len(set(chars)) == GB2312_HANZI_COUNT == 6763
    assert all(is_ideograph(c) for c in chars)
    assert chars[0] == "啊" and chars[-1] == "齄"  # first of level 1, last of level 2


def test_tongyong_has_8105_distinct_hanzi_in_list_order() -> None:
    chars = tongyong_hanzi()
    assert len(chars) == len(set(chars)) == TONGYONG_COUNT == 8105
    assert all(is_ideograph(c) for c in chars)
    assert chars[:3] == "一乙二"
    # Level 1 (the 3,500 common characters) is almost all in GB 2312; level 3 reaches beyond the BMP.
    assert sum(c in set(gb2312_hanzi()) for c in chars[:3500]) > 3450
    assert any(ord(c) > 0xFFFF for c in chars[6500:])


@pytest.mark.skipif(not UNIHAN.is_file(), reason="Debian unicode-data not installed")
def test_tongyong_file_matches_unihan() -> None:
    assert tongyong_from_unihan(UNIHAN) == tongyong_hanzi()


def test_repertoire_keeps_what_a_yearbook_needs_and_drops_the_rest() -> None:
    cmap = {ord(c) for c in "A，。①㎡℃あ政𠮷䶮한ก"}
    kept = {chr(c) for c in repertoire(cmap)}
    assert kept == set("A，。①㎡℃あ政𠮷䶮")  # Hangul and Thai, in no Chinese standard, go
