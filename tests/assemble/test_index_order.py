"""索引 order: pinyin, then tone, then character; punctuation ignored; A–Z groups."""

from __future__ import annotations

from yearbook.assemble.chronicle import day_label
from yearbook.assemble.index import group_letter, sort_key
from yearbook.dates import parse


def ordered(*terms: str) -> list[str]:
    return sorted(terms, key=sort_key)


def test_pinyin_before_tone_before_character():
    assert ordered("政协", "安全", "提案", "大事记") == ["安全", "大事记", "提案", "政协"]
    assert ordered("是非", "时间", "诗歌") == ["诗歌", "时间", "是非"]  # shī, shí, shì


def test_first_character_decides_before_the_second():
    assert ordered("事业", "十届二次会议", "诗歌朗诵") == ["诗歌朗诵", "十届二次会议", "事业"]
    assert ordered("政协委员", "政协") == ["政协", "政协委员"]
    assert ordered("协商议事", "协商民主") == ["协商民主", "协商议事"]  # mín before yì


def test_polyphones_read_by_word():
    # 重庆 reads chóng (not zhòng): it sorts with ch, after cháng and chéng.
    assert ordered("重庆", "常委会", "城关") == ["常委会", "城关", "重庆"]
    assert ordered("银行", "行政") == ["行政", "银行"]  # 行 xíng here, 银 yín


def test_quotation_marks_do_not_count_and_groups_follow_the_order():
    terms = ordered("“酒嘉双城经济圈”建设", "会议", "GDP核算", "2022年会议", "安全")
    assert terms == ["2022年会议", "安全", "GDP核算", "会议", "“酒嘉双城经济圈”建设"]
    assert [group_letter(t) for t in terms] == ["0—9", "A", "G", "H", "J"]


def test_chronicle_day_labels():
    assert day_label(parse("2022-03-09")) == "9日"
    assert day_label(parse("2022-03-09/11")) == "9日至11日"
    assert day_label(parse("2022-03-30/04-02")) == "30日至4月2日"
    assert day_label(parse("2022-03")) == "是月"
    assert day_label(parse("2022-06-08, 2022-06-14")) == "8日、14日"


def test_same_reading_and_tone_by_stroke_count():
    # 长 (cháng, 4 strokes) before 常 (cháng, 11) before 偿 (cháng, 11: then Unicode order).
    assert ordered("常务委员会", "长城", "偿还") == ["长城", "偿还", "常务委员会"]
    # 十 (shí, 2) before 石 (5) before 实 (8) before 食 (9).
    assert ordered("食品安全", "实事", "石化", "十大") == ["十大", "石化", "实事", "食品安全"]


def test_stroke_counts_come_from_unihan():
    from yearbook.assemble.index import strokes

    counts = strokes()
    assert counts["一"] == 1 and counts["长"] == 4 and counts["常"] == 11 and counts["鬱"] == 29
    assert len(counts) > 20000
