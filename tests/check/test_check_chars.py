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


def _gated_patterns() -> list[chars.Gated]:
    from yearbook.check.rules import RULE_CLASSES

    found: list[chars.Gated] = []
    for cls in RULE_CLASSES:
        for value in vars(cls).values():
            items = value if isinstance(value, list) else [value]
            found += [g for g in items if isinstance(g, chars.Gated)]
    return found


def _texts() -> list[str]:
    from pathlib import Path

    from yearbook.check.rules import RULE_CLASSES

    texts = [t for cls in RULE_CLASSES for t in [*cls.catches, *cls.passes]]
    corpus = Path(__file__).parent / "clean_corpus"
    texts += [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    # Near and actual slips around every gate's anchor (届, 中全会, 年, 月, ’).
    texts += [
        "第10届委员会", "十届2次会议", "十届二次会议", "届委员会第2次会议", "九届第3次", "19届6中全会",
        "至6中全会", "二〇〇八年8月", "二〇〇八年 8月", "〇八年8月", "2008年 八月", "2008年十二月",
        "8月八日", "12月十五日", "十一月5日", "统一月5日", "22年5月", "1.22年5月", "二二年五月",
        "二〇二二年五月", "’22年", "'22", "24年底", "23年初", "21年下半年", "99年末", "09年冬季", "近20年底",
    ]
    return texts


def test_every_gate_finds_what_its_pattern_finds() -> None:
    """A gate only saves work: with it, a pattern finds exactly what it finds alone."""
    gated = _gated_patterns()
    assert len(gated) >= 10  # every pattern of num.session-arabic, num.mixed-date, num.short-year
    texts = _texts()
    for g in gated:
        hits = 0
        for text in texts:
            alone = [m.span() for m in g.pattern.finditer(text)]
            hits += bool(alone)
            assert [m.span() for m in g.finditer(text)] == alone, (g.pattern.pattern, text)
        assert hits, g.pattern.pattern  # each pattern is exercised by some text


_EDGES = [
    "", "。", "，", "会议", "会议。", "会议。”", "“会议。”他说", "甲，乙；丙。丁", "甲，，乙。。", "a1,b2;c3.",
    "ＡＢ１２，中文：English! 好？", "第一句。第二句！第三句？第四；", "\ue000\ue000。说", " 前后空白 。 ",
]


def test_sentence_keys_are_key_text_of_each_sentence() -> None:
    for text in [*_EDGES, *_texts()]:
        keyed = chars.keys_and_marks(text)
        expected = [chars.key_text(text[s:e]) for s, e in chars.sentences(text)]
        assert chars.sentence_keys(text, keyed) == expected, text


def test_clause_keys_are_key_text_of_each_clause() -> None:
    from yearbook.check.rules.copied import _clauses
    from yearbook.check.site import PARAGRAPH, Site
    from yearbook.text import Text

    for text in [*_EDGES, *_texts()]:
        site = Site(Text(text), PARAGRAPH, 2022)
        clauses = _clauses([site])
        masked = site.masked
        assert [c.key for c in clauses] == [chars.key_text(masked[c.start : c.end]) for c in clauses], text
        assert "".join(c.key for c in clauses) == chars.key_text(masked)


def test_has_cjk_is_a_search_for_the_cjk_class() -> None:
    search = re.compile(f"[{chars._CJK_CLASS}]").search
    for text in [*_EDGES, *_texts(), "abc", "１２３", "\u33ff\u4dc0\ufb00", "\U00020000", "a\U0002ffffb"]:
        assert chars.has_cjk(text) == (search(text) is not None), text
    assert not chars.is_cjk("") and not chars.is_cjk("中文") and chars.is_cjk("中")
