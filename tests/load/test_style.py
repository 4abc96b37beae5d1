"""Styles: read once from YAML, strict like the data, copyable into a data folder."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT
from yearbook.build import prepare
from yearbook.diagnostics import YearbookError
from yearbook.style import available_styles, load_style, parse_length


def test_builtin_styles_load():
    assert {"yearbook", "gongwen"} <= set(available_styles())
    yearbook = load_style("yearbook", ROOT / "data")
    assert round(yearbook.page.width / 72 * 25.4) == 185 and round(yearbook.page.height / 72 * 25.4) == 260
    assert yearbook.page.columns == 2 and yearbook.para("body").size == 9  # 小五
    gongwen = load_style("gongwen", ROOT / "data")
    assert gongwen.page.columns == 1 and gongwen.heads.page_number_format == "— {n} —"


@pytest.mark.parametrize(("text", "points"), [("小五", 9), ("三号", 16), ("10pt", 10), ("25.4mm", 72), ("1in", 72)])
def test_lengths(text, points):
    assert parse_length(text) == pytest.approx(points)


def test_a_copied_style_in_the_data_folder_takes_effect(make_data):
    folder = make_data()
    copied = (ROOT / "yearbook" / "styles" / "yearbook.yaml").read_text(encoding="utf-8")
    (folder / "我的版式.yaml").write_text(copied.replace("margin_top: 22mm", "margin_top: 30mm"), encoding="utf-8")
    book = (folder / "book.yaml").read_text(encoding="utf-8") + "style: 我的版式.yaml\n"
    (folder / "book.yaml").write_text(book, encoding="utf-8")
    assert round(prepare(folder).style.page.margin_top / 72 * 25.4) == 30


def test_bad_style_values_are_located(make_data):
    folder = make_data()
    copied = (ROOT / "yearbook" / "styles" / "yearbook.yaml").read_text(encoding="utf-8")
    copied = copied.replace("margin_top: 22mm", "margin_top: 22").replace("font: song, size: 小五", "font: ming, size: 小五")
    (folder / "坏版式.yaml").write_text(copied, encoding="utf-8")
    (folder / "book.yaml").write_text((folder / "book.yaml").read_text(encoding="utf-8") + "style: 坏版式.yaml\n", encoding="utf-8")
    with pytest.raises(YearbookError) as info:
        prepare(folder)
    found = [d.render() for d in info.value.diagnostics]
    assert any("坏版式.yaml:" in e and "长度“22”无法识别" in e for e in found)
    assert any("字体角色“ming”无效" in e for e in found)


def test_unknown_style_name_lists_the_available_ones(make_data):
    folder = make_data()
    (folder / "book.yaml").write_text((folder / "book.yaml").read_text(encoding="utf-8") + "style: nianjian\n", encoding="utf-8")
    with pytest.raises(YearbookError) as info:
        prepare(folder)
    message = info.value.diagnostics[0].render()
    assert "找不到版式“nianjian”" in message and "yearbook" in message and "book.yaml:7:" in message
