"""`yearbook fonts`: each role, its file, its coverage and its licence, in Chinese or English."""

from __future__ import annotations

from pathlib import Path

from fontmaker import make_ttf

from yearbook import i18n
from yearbook.fonts.charsets import gb2312_hanzi, tongyong_hanzi
from yearbook.fonts.config import Candidate, FontConfig, RoleConfig
from yearbook.fonts.report import fonts_report
from yearbook.fonts.resolve import Resolver
from yearbook.style import load_style

ROOT = Path(__file__).resolve().parents[2]


def resolver(tmp_path: Path) -> Resolver:
    make_ttf(tmp_path / "song.ttf", "Full Song", gb2312_hanzi() + tongyong_hanzi()[:8000])
    make_ttf(tmp_path / "hei.ttf", "Tiny Hei", "黑体")
    cfg = FontConfig({
        "song": RoleConfig((Candidate(file="song.ttf", licence="测试授权"),)),
        "hei": RoleConfig((Candidate(file="hei.ttf"),)),
        "kai": RoleConfig((), ("song",)),
        "fangsong": RoleConfig(),
    })
    return Resolver(cfg, user_dir=tmp_path, use_fontconfig=False, cache=tmp_path / "cache")


def test_report_lists_roles_files_coverage_and_licence(tmp_path: Path) -> None:
    report = fonts_report(load_style("gongwen", ROOT), resolver=resolver(tmp_path))
    song = report.split("\n\n")[1]
    assert "宋体（song）" in song and "Full Song" in song and str(tmp_path / "song.ttf") in song
    assert "GB 2312 汉字：6763/6763（100%）" in song
    has = set(gb2312_hanzi()) | set(tongyong_hanzi()[:8000])
    count = sum(c in has for c in tongyong_hanzi())
    assert f"通用规范汉字表：{count}/8105（{100 * count / 8105:.1f}%）" in song
    assert "测试授权" in song
    assert "DOCX 中的字体名：宋体" in song
    hei = report.split("\n\n")[2]
    assert "GB 2312 汉字：2/6763（0.0%）" in hei
    assert "缺：" in hei
    kai = report.split("\n\n")[3]
    assert "借用宋体" in kai and "警告" in kai
    fangsong = report.split("\n\n")[4]
    assert "未找到字体" in fangsong and "错误" in fangsong  # reported, not raised


def test_report_in_english(tmp_path: Path) -> None:
    i18n.set_language("en")
    report = fonts_report(load_style("yearbook", ROOT), resolver=resolver(tmp_path))
    assert "GB 2312 hanzi: 6763/6763 (100%)" in report
    assert "FangSong (fangsong) - not used by this style" in report
    assert "宋体" in report  # the DOCX face name stays Chinese: it is what Word looks up
