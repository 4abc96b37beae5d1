"""No silent tofu: a character the face lacks is reported with its code point and YAML line."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontmaker import make_ttf

from yearbook.diagnostics import Location, Severity
from yearbook.doctree import (
    Cell,
    Column,
    Document,
    Heading,
    Metadata,
    Paragraph,
    ParaRole,
    Run,
    RunRole,
    Table,
)
from yearbook.fonts.glyphs import missing_glyphs
from yearbook.fonts.resolve import Face
from yearbook.style import load_style

ROOT = Path(__file__).resolve().parents[2]
BASIC = "测试年鉴政协会议张祥表1\u3000标题续人数【】，。"


def face(tmp_path: Path, role: str, family: str, chars: str) -> Face:
    return Face(role, make_ttf(tmp_path / f"{family}.ttf", family, chars), 0, family)


@pytest.fixture
def faces(tmp_path: Path) -> dict[str, Face]:
    return {
        "song": face(tmp_path, "song", "Song", BASIC),
        "hei": face(tmp_path, "hei", "Hei", BASIC),
        "kai": face(tmp_path, "kai", "Kai", BASIC + "𠮷"),
        "fangsong": face(tmp_path, "fangsong", "Fang", BASIC),
    }


def doc(*blocks) -> Document:
    return Document(Metadata(title="测试年鉴", author="政协"), list(blocks))


def test_private_use_character_reported_with_code_point_and_location(faces: dict[str, Face]) -> None:
    loc = Location("data/会议.yaml", 12, 9)
    document = doc(Paragraph([Run("张\ue000祥会议", source=loc)]))
    [warning] = missing_glyphs(document, faces, load_style("yearbook", ROOT))
    assert warning.severity is Severity.WARNING
    assert warning.location == loc
    assert warning.code == "fonts.glyph_missing"
    text = warning.render()
    assert "\ue000" in text and "U+E000" in text and "data/会议.yaml:12" in text


def test_ext_b_character_another_face_has_is_reported_as_borrowed(faces: dict[str, Face]) -> None:
    loc = Location("data/人物.yaml", 3, 7)
    document = doc(Paragraph([Run("张𠮷", source=loc)]))
    [warning] = missing_glyphs(document, faces, load_style("yearbook", ROOT))
    assert warning.code == "fonts.glyph_borrowed"
    assert warning.location == loc
    assert "U+20BB7" in warning.render() and "Kai" in warning.render()


def test_run_roles_and_tables_use_their_own_faces(tmp_path: Path, faces: dict[str, Face]) -> None:
    # 鉴 only in the song face: fine in body text, missing where the style sets 黑体.
    faces = dict(faces, hei=face(tmp_path, "hei", "Hei2", BASIC.replace("鉴", "")))
    title_loc, cell_loc, body_loc = Location("a.yaml", 1, 1), Location("a.yaml", 2, 1), Location("a.yaml", 3, 1)
    document = doc(
        Heading(level=1, text="年鉴", running_head="年鉴"),
        Paragraph([Run("【年鉴】", RunRole.ENTRY_TITLE, title_loc), Run("年鉴", source=body_loc)]),
        Paragraph([Run("年鉴", source=body_loc)], ParaRole.ARTICLE_TITLE),
        Table(1, "人数", [Column("年鉴")], [[Cell("年鉴", cell_loc)]]),
    )
    warnings = missing_glyphs(document, faces, load_style("yearbook", ROOT))
    places = [w.location for w in warnings]
    # heading1 (hei), the entry title (hei), the article title (hei); the column header (hei, no
    # location) repeats the heading's report. Body text and the cell are 宋体, which has 鉴.
    assert places == [None, title_loc, body_loc]
    assert all(w.args["char"] == "鉴" for w in warnings)


def test_each_character_reported_once_per_place_and_spaces_ignored(faces: dict[str, Face]) -> None:
    loc = Location("a.yaml", 5, 1)
    document = doc(Paragraph([Run("\ue000 \ue000\n\t", source=loc)]), Paragraph([Run("\ue000", source=loc)]))
    assert len(missing_glyphs(document, faces, load_style("yearbook", ROOT))) == 1


def test_nothing_reported_when_every_face_has_every_character(faces: dict[str, Face]) -> None:
    document = doc(Paragraph([Run("政协会议", source=Location("a.yaml", 1, 1))]))
    assert missing_glyphs(document, faces, load_style("gongwen", ROOT)) == []
