"""The ordered candidate faces for each role, read from the package's fonts.yaml."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from yearbook.diagnostics import Diagnostic, Location, YearbookError
from yearbook.i18n import register
from yearbook.style import FONT_ROLES

register(
    {
        "fonts.bad_config": (
            "字体配置文件有误：{reason}",
            "the font configuration is wrong: {reason}",
        ),
    }
)


# The shipped candidate list is package data, so an installed wheel finds it.
PACKAGED_CONFIG = Path(__file__).resolve().parent / "data" / "fonts.yaml"
_CHECKOUT_FONTS = Path(__file__).resolve().parents[2] / "fonts"


def fonts_dir() -> Path:
    """The folder for the user's own font files (宋体.ttf …) and an optional fonts.yaml.

    $YEARBOOK_FONTS_DIR, else the checkout's fonts/ folder when running from source,
    else a per-user folder (%APPDATA%\\yearbook\\fonts, ~/.local/share/yearbook/fonts).
    """
    env = os.environ.get("YEARBOOK_FONTS_DIR")
    if env:
        return Path(env).expanduser()
    if (_CHECKOUT_FONTS / "README.md").is_file():
        return _CHECKOUT_FONTS
    if os.name == "nt" and os.environ.get("APPDATA"):
        return Path(os.environ["APPDATA"]) / "yearbook" / "fonts"
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home) / "yearbook" / "fonts"


def config_path() -> Path:
    """The user's fonts.yaml in fonts_dir() when there is one, else the shipped list."""
    user = fonts_dir() / "fonts.yaml"
    return user if user.is_file() else PACKAGED_CONFIG


@dataclass(frozen=True)
class Candidate:
    """A file (in fonts/, or absolute; "#n" picks a face of a collection), or an installed family."""

    file: str | None = None
    family: str | None = None
    files: tuple[str, ...] = ()
    licence: str | None = None

    def describe(self) -> str:
        return self.file or self.family or "?"


@dataclass(frozen=True)
class RoleConfig:
    candidates: tuple[Candidate, ...] = ()
    fallback: tuple[str, ...] = ()


@dataclass(frozen=True)
class FontConfig:
    roles: dict[str, RoleConfig] = field(default_factory=dict)
    source: Path | None = None


def _fail(path: Path, reason: str, line: int = 1) -> YearbookError:
    return YearbookError([Diagnostic("fonts.bad_config", {"reason": reason}, Location(str(path), line, 1))])


def _as_list(value: object) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


# libyaml's parser where PyYAML has it (the same data, several times faster); the list
# is read on every build and needs no source positions.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_config(path: Path | None = None) -> FontConfig:
    path = path or config_path()
    if not path.is_file():
        return FontConfig({role: RoleConfig() for role in FONT_ROLES}, None)
    try:
        text = path.read_text(encoding="utf-8")
        try:
            data = yaml.load(text, Loader=_FAST_LOADER) or {}
        except yaml.YAMLError:
            data = yaml.safe_load(text) or {}  # raises again, with PyYAML's own wording
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        raise _fail(path, str(getattr(exc, "problem", None) or exc), (mark.line + 1) if mark else 1) from exc
    roles_data = data.get("roles") if isinstance(data, dict) else None
    if not isinstance(roles_data, dict):
        raise _fail(path, "roles: ?")
    roles: dict[str, RoleConfig] = {}
    for role in FONT_ROLES:
        entry = roles_data.get(role) or {}
        if not isinstance(entry, dict):
            raise _fail(path, f"roles.{role}")
        candidates = []
        for item in _as_list(entry.get("candidates")):
            if isinstance(item, str):
                item = {"file": item}
            if not isinstance(item, dict) or not (item.get("file") or item.get("family")):
                raise _fail(path, f"roles.{role}.candidates: file / family ?")
            candidates.append(Candidate(
                file=str(item["file"]) if item.get("file") else None,
                family=str(item["family"]) if item.get("family") else None,
                files=tuple(str(f) for f in _as_list(item.get("files"))),
                licence=str(item["licence"]) if item.get("licence") else None,
            ))
        fallback = tuple(str(r) for r in _as_list(entry.get("fallback")) if str(r) in FONT_ROLES)
        roles[role] = RoleConfig(tuple(candidates), fallback)
    return FontConfig(roles, path)
