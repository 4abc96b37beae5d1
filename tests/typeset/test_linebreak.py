"""The GB/T 15834 line-breaking rule and justification, on their own (no fonts, no PDF)."""

from __future__ import annotations

import random

import pytest

from yearbook.typeset.linebreak import (
    NO_END,
    NO_START,
    Measure,
    break_lines,
    break_opportunities,
    segments,
)

EM = 9.0
CLOSING = "。，、；：？！”’）》〉】」』〕．％"
OPENING = "“‘（《〈【「『〔"


def widths(text: str) -> list[float]:
    """Full-width CJK at 9 pt, half-width Latin, digits, ASCII punctuation and spaces."""
    return [EM / 2 if ord(c) < 0x2000 and c not in "·" else EM for c in text]


def lines_of(text: str, chars_per_line: float = 10, first_indent: float = 0.0) -> list[str]:
    return break_lines(text, widths(text), chars_per_line * EM, first_indent)


def assert_well_broken(text: str, lines: list[str]) -> None:
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for i, line in enumerate(lines):
        if i > 0:
            assert line[0] not in NO_START, lines
        if i < len(lines) - 1:
            assert line[-1] not in NO_END, lines


@pytest.mark.parametrize("mark", list(CLOSING))
def test_closing_mark_never_starts_a_line(mark: str) -> None:
    # Set naively, the mark would be the 11th character: the first of line 2.
    text = "中" * 10 + mark + "文" * 3
    lines = lines_of(text)
    assert_well_broken(text, lines)
    # 推出: the character before the mark goes down with it
    assert lines[1].startswith("中" + mark)


@pytest.mark.parametrize("mark", list(OPENING))
def test_opening_mark_never_ends_a_line(mark: str) -> None:
    text = "中" * 9 + mark + "文" * 4
    lines = lines_of(text)
    assert_well_broken(text, lines)
    assert lines[0] == "中" * 9
    assert lines[1].startswith(mark + "文")


@pytest.mark.parametrize("mark", ["——", "……"])
@pytest.mark.parametrize("before", [7, 8, 9, 10])
def test_dash_and_ellipsis_are_not_split_nor_start_a_line(mark: str, before: int) -> None:
    text = "中" * before + mark + "文" * 5
    lines = lines_of(text)
    assert_well_broken(text, lines)
    assert any(mark in line for line in lines)
    assert not any(line.startswith(mark[0]) for line in lines)


def test_a_dash_may_begin_a_paragraph() -> None:
    text = "——摘自《政协工作报告》"
    assert segments(text)[0] == "——"


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("中" * 9 + "增长98%以上", "98%"),
        ("中" * 9 + "增长98％以上", "98％"),
        ("中" * 8 + "于2023年召开", "2023年"),
        ("中" * 8 + "共4000余人", "4000余人"),
        ("中" * 9 + "计3.5万元", "3.5万元"),
        ("中" * 9 + "约30多名", "30多名"),
        ("中" * 9 + "１２３４年", "１２３４年"),
        ("中" * 7 + "用ReportLab排版", "ReportLab"),
        ("中" * 8 + "据GB/T 15834-2011执行", "15834-2011"),
        ("中" * 9 + "共1,234,567.89元", "1,234,567.89元"),
        ("中" * 9 + "需￥100", "￥100"),
    ],
)
def test_numbers_and_latin_words_are_not_split(text: str, unit: str) -> None:
    lines = lines_of(text)
    assert_well_broken(text, lines)
    assert any(unit in line for line in lines), lines


def test_segments_of_a_mixed_sentence() -> None:
    assert segments("增长98%，共2023年12月召开") == ["增", "长", "98%，", "共", "2023年", "12月", "召", "开"]
    assert segments("《人民日报》（第1版）") == ["《人", "民", "日", "报》", "（第", "1版）"]
    assert segments("GB/T 15834 标准") == ["GB/T ", "15834 ", "标", "准"]
    assert segments("他说——好……走。") == ["他", "说——", "好……", "走。"]
    assert segments("A B2B C") == ["A ", "B2B ", "C"]


def test_latin_breaks_at_spaces_only() -> None:
    text = "中" * 3 + "the quick brown fox jumps over the lazy dog" + "中" * 3
    lines = lines_of(text, 8)
    assert_well_broken(text, lines)
    words = set(text.replace("中", " ").split())
    for line in lines:
        for w in line.replace("中", " ").split():
            assert w in words, (w, lines)


def test_no_space_before_a_closing_mark_is_a_break() -> None:
    # "word ）" must not leave the ） at the start of the next line
    text = "Hello （World ）"
    assert break_opportunities(text) == [6]  # before （, not before the space or ）


def test_long_number_wider_than_the_line_is_cut_to_fit() -> None:
    text = "编号" + "1234567890" * 5 + "号"
    lines = lines_of(text, 10)
    assert "".join(lines) == text
    for line in lines:
        assert sum(widths(line)) <= 10 * EM + 1e-6


def test_string_of_closing_marks_at_a_line_end() -> None:
    for n in range(6, 12):
        text = "中" * n + "。”）》" + "文" * 6
        lines = lines_of(text)
        assert_well_broken(text, lines)
        assert any("中。”）》" in line for line in lines)


def test_a_line_of_punctuation_only() -> None:
    text = "，。、；：？！" * 5
    lines = lines_of(text)
    assert "".join(lines) == text
    m = Measure(text, widths(text), EM)
    for line in m.fit(10 * EM):
        assert line.natural - m.squeezable(line.start, line.content_end) <= line.width + 1e-6


def test_empty_text() -> None:
    assert segments("") == []
    assert break_lines("", [], 90.0) == []
    assert Measure("", [], EM).fit(90.0) == []


def test_first_line_indent_shortens_the_first_line() -> None:
    text = "中" * 30
    lines = lines_of(text, 10, first_indent=2 * EM)
    assert [len(x) for x in lines] == [8, 10, 10, 2]


def test_squeeze_takes_in_a_comma_rather_than_push_a_character_down() -> None:
    text = "中" * 9 + "，" + "文" * 4
    # 10 em do not fit in 9.6 em, but squeezing the comma's empty half does (挤进)
    lines = lines_of(text, 9.6)
    assert lines[0] == "中" * 9 + "，"
    m = Measure(text, widths(text), EM)
    first = m.fit(9.6 * EM)[0]
    pieces = m.place(first)
    a, b, x, cs = pieces[-1]
    ink_end = x + (m.cum[b] - m.cum[a]) + (b - a - 1) * cs - EM / 2  # the comma's empty half
    assert ink_end <= 9.6 * EM + 1e-6


def _line_end(m: Measure, pieces: list[tuple[int, int, float, float]]) -> float:
    """Where the ink of the line ends: a squeezed closing mark's empty half may pass the edge."""
    a, b, x, cs = pieces[-1]
    end = x + (m.cum[b] - m.cum[a]) + (b - a - 1) * cs
    amount = m.squeeze_amount(b - 1)
    if end > 10 * EM + 1e-6:
        assert end - 10 * EM <= amount + 1e-6
        end = 10 * EM
    return end


def test_justified_lines_reach_both_edges_and_the_last_is_flush_left() -> None:
    text = "中文ReportLab中文，中文" * 3 + "结束。"
    m = Measure(text, widths(text), EM)
    lines = m.fit(10 * EM)
    assert len(lines) > 2
    for line in lines[:-1]:
        pieces = m.place(line)
        assert pieces[0][2] == pytest.approx(0.0)
        assert _line_end(m, pieces) == pytest.approx(10 * EM)
        # letters of a Latin word are never spaced out
        for a, b, _, cs in pieces:
            if text[a:b].isascii():
                assert cs == 0.0
    last = m.place(lines[-1])
    assert all(cs == 0.0 for *_, cs in last)
    assert _line_end(m, last) == pytest.approx(lines[-1].natural)


@pytest.mark.parametrize(("align", "x0"), [("left", 0.0), ("center", 2.5 * EM), ("right", 5 * EM)])
def test_other_alignments(align: str, x0: float) -> None:
    text = "年鉴编辑部"
    m = Measure(text, widths(text), EM)
    (line,) = m.fit(10 * EM)
    pieces = m.place(line, align)
    assert pieces[0][2] == pytest.approx(x0)
    assert all(cs == 0.0 for *_, cs in pieces)


def test_font_boundaries_start_new_pieces() -> None:
    text = "【十届二次会议】2023年1月9日至11日召开"
    m = Measure(text, widths(text), EM)
    (line,) = m.fit(40 * EM)
    starts = [a for a, *_ in m.place(line, "left", boundaries=[8])]
    assert 8 in starts


def test_random_paragraphs_keep_every_rule() -> None:
    rng = random.Random(15834)
    alphabet = list("中华人民共和国政协委员会议") * 4 + list(CLOSING + OPENING) + ["——", "……", "2023年", "98%", "ab", " "]
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 80)))
        n = rng.uniform(6, 20)
        lines = lines_of(text, n)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        for i, line in enumerate(lines):
            starts_ok = i == 0 or line[0] not in NO_START
            ends_ok = i == len(lines) - 1 or line[-1] not in NO_END
            # only a unit wider than the line (a run of marks) may be cut against the rule
            if not (starts_ok and ends_ok):
                assert all(c in NO_START + NO_END for c in line[:2] + line[-2:]), (text, lines)


def test_a_line_holding_one_latin_word_is_letter_spaced_to_justify() -> None:
    text = "ReportLab-GB/T15834 " + "中" * 12  # 19 narrow characters: 8.5 em
    m = Measure(text, widths(text), EM)
    first = m.fit(10 * EM)[0]
    assert text[first.start : first.content_end] == "ReportLab-GB/T15834"
    pieces = m.place(first)
    assert pieces[0][3] > 0  # no other gap to stretch: the letters are spaced
    assert _line_end(m, pieces[:1]) == pytest.approx(10 * EM)


def test_placing_needs_no_fitting_by_the_same_measure() -> None:
    # A Measure keeps the marks and narrow runs it finds; the first call may be any of them.
    rng = random.Random(15835)
    alphabet = list("中华人民共和国政协委员会议") * 4 + list(CLOSING + OPENING) + ["2023年", "98.6%", "GB/T 15834 "]
    for _ in range(100):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 120)))
        fitted = Measure(text, widths(text), EM)
        lines = fitted.fit(rng.uniform(6, 20) * EM, EM * 2)
        fresh = Measure(text, widths(text), EM)
        for line in lines:
            assert fresh.place(line) == fitted.place(line)
            assert fresh.squeezable(line.start, line.end) == fitted.squeezable(line.start, line.end)
