"""Character classes of the checks."""

from __future__ import annotations

import re

from yearbook.check import chars


def test_chinese_context_is_cjk_full_width_marks_and_masked_references() -> None:
    """Every code point: CJK, a full-width mark of GB/T 15834 or a masked reference."""
    marks = "".join(chars.FULLWIDTH_PUNCT)
    one_class = re.compile(f"[{chars._CJK_CLASS}{re.escape(marks)}{chars.MASK}]").fullmatch
    differ = [c for c in map(chr, range(0x110000)) if (one_class(c) is not None) != chars.is_chinese_context(c)]
    assert differ == []
    assert chars.is_chinese_context("，") and chars.is_chinese_context("中") and chars.is_chinese_context(chars.MASK)
    assert not chars.is_chinese_context("") and not chars.is_chinese_context(",")
    assert not chars.is_chinese_context("中文")  # one character at a time
