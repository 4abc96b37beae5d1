"""Resolution order: style override, then fonts/ files, then OS faces, then a borrowed role."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from fontmaker import make_ttf

from yearbook.diagnostics import Severity
from yearbook.fonts.config import Candidate, FontConfig, RoleConfig, load_config
from yearbook.fonts.resolve import Resolver, font_warnings
from yearbook.style import FONT_ROLES, load_style

ROOT = Path(__file__).resolve().parents[2]
HAN = "宋黑楷仿年鉴"


def config(**roles: RoleConfig) -> FontConfig:
    return FontConfig({role: roles.get(role, RoleConfig()) for role in FONT_ROLES})


@pytest.fixture
def system(tmp_path: Path) -> Path:
    """A stand-in for the OS font folder with one face per role except 仿宋."""
    d = tmp_path / "system"
    make_ttf(d / "sys-song.ttf", "Sys Song", HAN)
    make_ttf(d / "sys-hei.ttf", "Sys Hei", HAN)
    make_ttf(d / "sys-kai.ttf", "Sys Kai", HAN)
    return d


def standard_config() -> FontConfig:
    def role(name: str, fallback: tuple[str, ...] = ()) -> RoleConfig:
        return RoleConfig((Candidate(file=f"{name}.*"),
                           Candidate(family=f"Sys {name.title()}", files=(f"sys-{name}.ttf",))), fallback)
    return config(song=role("song"), hei=role("hei"), kai=role("kai"), fangsong=role("fangsong", ("kai",)))


def resolver(tmp_path: Path, system: Path, cfg: FontConfig | None = None) -> Resolver:
    return Resolver(cfg or standard_config(), user_dir=tmp_path / "user", system_dirs=[system],
                    use_fontconfig=False, cache=tmp_path / "cache")


def test_system_face_found_by_file_name(tmp_path: Path, system: Path) -> None:
    faces, errors = resolver(tmp_path, system).resolve_all(None)
    assert not errors
    assert faces["song"].path == system / "sys-song.ttf"
    assert faces["song"].family == "Sys Song"


def test_file_in_fonts_dir_wins_over_system(tmp_path: Path, system: Path) -> None:
    mine = make_ttf(tmp_path / "user" / "song.ttf", "My Song", HAN)
    faces, _ = resolver(tmp_path, system).resolve_all(None)
    assert faces["song"].path == mine
    assert faces["hei"].path == system / "sys-hei.ttf"


def test_style_override_wins(tmp_path: Path, system: Path) -> None:
    make_ttf(tmp_path / "user" / "song.ttf", "My Song", HAN)
    styled = make_ttf(tmp_path / "data" / "书宋.ttf", "Style Song", HAN)
    style = replace(load_style("yearbook", ROOT), fonts={"song": ["书宋.ttf"]},
                    source=tmp_path / "data" / "my-style.yaml")
    faces, _ = resolver(tmp_path, system).resolve_all(style)
    assert faces["song"].path == styled
    assert faces["song"].warnings == ()


def test_style_override_by_family_name(tmp_path: Path, system: Path) -> None:
    style = replace(load_style("yearbook", ROOT), fonts={"song": ["Sys Kai"]})
    faces, _ = resolver(tmp_path, system).resolve_all(style)
    assert faces["song"].family == "Sys Kai"


def test_missing_override_warns_and_falls_back_to_list(tmp_path: Path, system: Path) -> None:
    style = replace(load_style("yearbook", ROOT), fonts={"song": ["不存在.ttf"]})
    faces, _ = resolver(tmp_path, system).resolve_all(style)
    assert faces["song"].family == "Sys Song"
    [warning] = faces["song"].warnings
    assert warning.code == "fonts.override_missing"
    assert warning.severity is Severity.WARNING
    assert "不存在.ttf" in warning.render()


def test_missing_role_borrows_fallback_with_warning(tmp_path: Path, system: Path) -> None:
    faces, errors = resolver(tmp_path, system).resolve_all(None)
    assert not errors
    fangsong = faces["fangsong"]
    assert fangsong.borrowed_from == "kai"
    assert fangsong.path == faces["kai"].path
    [warning] = fangsong.warnings
    assert warning.code == "fonts.borrowed" and warning.severity is Severity.WARNING
    assert "仿宋" in warning.render() and "Sys Kai" in warning.render()


def test_borrow_warning_shown_only_for_styles_that_use_the_role(tmp_path: Path, system: Path) -> None:
    faces, _ = resolver(tmp_path, system).resolve_all(None)
    assert font_warnings(faces, load_style("yearbook", ROOT)) == []  # no 仿宋 text in the yearbook style
    assert [w.code for w in font_warnings(faces, load_style("gongwen", ROOT))] == ["fonts.borrowed"]


def test_no_face_at_all_is_an_error_naming_what_was_tried(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    faces, errors = resolver(tmp_path, empty).resolve_all(None)
    assert faces == {}
    assert {e.args["role"] for e in errors} == set(FONT_ROLES)
    assert all(e.severity is Severity.ERROR for e in errors)
    assert "song.*" in errors[0].render()


def test_face_that_forbids_embedding_is_skipped(tmp_path: Path, system: Path) -> None:
    make_ttf(tmp_path / "user" / "song.ttf", "Locked Song", HAN, fs_type=0x0002)
    faces, _ = resolver(tmp_path, system).resolve_all(None)
    assert faces["song"].family == "Sys Song"
    assert [w.code for w in faces["song"].warnings] == ["fonts.not_embeddable"]


def test_collection_face_picked_by_family(tmp_path: Path) -> None:
    from fontTools.ttLib import TTCollection, TTFont

    a = make_ttf(tmp_path / "a.ttf", "Face A", HAN)
    b = make_ttf(tmp_path / "b.ttf", "Face B", HAN)
    collection = TTCollection()
    collection.fonts = [TTFont(str(a)), TTFont(str(b))]
    system = tmp_path / "sys"
    system.mkdir()
    collection.save(str(system / "both.ttc"))
    cfg = config(song=RoleConfig((Candidate(family="Face B", files=("both.ttc",)),)))
    faces, _ = Resolver(cfg, user_dir=tmp_path / "u", system_dirs=[system], use_fontconfig=False).resolve_all(None)
    assert (faces["song"].path.name, faces["song"].subfont_index, faces["song"].family) == ("both.ttc", 1, "Face B")


def test_shipped_configuration_lists_every_role_with_licences() -> None:
    cfg = load_config(ROOT / "yearbook" / "fonts" / "data" / "fonts.yaml")
    for role in FONT_ROLES:
        candidates = cfg.roles[role].candidates
        assert candidates[0].file, role  # a file the user drops into fonts/ comes first
        assert all(c.licence for c in candidates if c.family), role
    assert cfg.roles["fangsong"].fallback[0] == "kai"
