"""Find a TrueType face for each font role from an ordered candidate list.

Order, per role: the style's own choice (style.fonts[role]), then fonts.yaml's
candidates (files in the user's fonts folder, then the OS's faces: Windows, macOS, then the Debian
ones), then the role's fallback roles (仿宋 → 楷体 on Linux, with a warning), then any
Chinese face fontconfig knows (with a warning). A CFF face is converted to
TrueType once and cached (convert.py), since ReportLab embeds only TrueType.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass, field, replace
from pathlib import Path

from yearbook.diagnostics import Diagnostic, Severity, YearbookError
from yearbook.fonts import locate
from yearbook.fonts.config import Candidate, FontConfig, fonts_dir, load_config
from yearbook.fonts.convert import Progress, truetype_for
from yearbook.fonts.facts import face_facts
from yearbook.i18n import register, tr
from yearbook.style import FONT_ROLES, Style

register(
    {
        "fonts.role.song": ("宋体", "Song (serif)"),
        "fonts.role.hei": ("黑体", "Hei (sans-serif)"),
        "fonts.role.kai": ("楷体", "Kai (brush)"),
        "fonts.role.fangsong": ("仿宋", "FangSong"),
        "fonts.none": (
            "找不到{role_name}字体：试过 {tried}。请运行 README 中的安装命令，或把字体文件放到 fonts 文件夹",
            "no {role_name} font found: tried {tried}. Run the README's set-up, or put a font file in fonts/",
        ),
        "fonts.borrowed": (
            "没有找到{role_name}字体（试过 {tried}），暂用{other_name}“{family}”代替；"
            "要用真正的{role_name}，请把字体文件放到 fonts 文件夹，命名为 {role_name}.ttf",
            "no {role_name} font found (tried {tried}); using the {other_name} face '{family}' instead. "
            "For a real {role_name} face, put its file in fonts/ named {role}.ttf",
        ),
        "fonts.last_resort": (
            "没有找到{role_name}字体（试过 {tried}），暂用系统中文字体“{family}”代替",
            "no {role_name} font found (tried {tried}); using the system Chinese face '{family}' instead",
        ),
        "fonts.override_missing": (
            "版式指定的{role_name}字体“{wanted}”找不到，改用“{family}”",
            "the style's {role_name} font '{wanted}' was not found; using '{family}'",
        ),
        "fonts.not_embeddable": (
            "字体“{family}”（{path}）的授权不允许嵌入 PDF，已跳过",
            "the font '{family}' ({path}) does not allow embedding in a PDF; skipped",
        ),
        "fonts.licence_unknown": ("未知（请自行确认授权）", "unknown (check the font's licence)"),
    }
)

FONT_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")
# The role names a Chinese Windows machine knows, for the DOCX (style.word_fonts overrides).
DEFAULT_WORD_FONTS = {"song": "宋体", "hei": "黑体", "kai": "楷体", "fangsong": "仿宋"}
# When a role's face lacks a character, the PDF writer sets it in these roles' faces, in order.
GLYPH_FALLBACK = {
    "song": ("fangsong", "kai", "hei"),
    "fangsong": ("song", "kai", "hei"),
    "kai": ("fangsong", "song", "hei"),
    "hei": ("song", "fangsong", "kai"),
}


def role_name(role: str) -> str:
    return tr(f"fonts.role.{role}")


def word_font(style: Style, role: str) -> str:
    """The face name the DOCX gives for `role` (w:eastAsia), e.g. 宋体."""
    return style.word_fonts.get(role) or DEFAULT_WORD_FONTS[role]


@dataclass(frozen=True)
class Face:
    role: str
    path: Path  # the TrueType file to embed: a cached conversion when the face was CFF
    subfont_index: int
    family: str
    source: Path | None = None  # the installed file a conversion was made from
    licence: str = ""
    borrowed_from: str | None = None  # the role whose face this is, when this role had none
    warnings: tuple[Diagnostic, ...] = field(default=(), compare=False)

    @property
    def key(self) -> str:
        """A name unique to this file and face, for registering with a PDF library."""
        digest = hashlib.sha1(str(self.path).encode("utf-8")).hexdigest()[:8]
        return f"{self.path.stem}-{self.subfont_index}-{digest}"

    @property
    def original(self) -> Path:
        return self.source or self.path

    def codepoints(self) -> Set[int]:
        from yearbook.fonts.metrics import face_codepoints  # ReportLab, only when asked

        return face_codepoints(self.path, self.subfont_index)

    def has(self, char: str) -> bool:
        return ord(char) in self.codepoints()


class Resolver:
    """Resolves roles against one configuration; tests give it their own folders."""

    def __init__(
        self,
        config: FontConfig | None = None,
        user_dir: Path | None = None,
        system_dirs: list[Path] | None = None,
        use_fontconfig: bool = True,
        cache: Path | None = None,
        progress: Progress | None = None,
    ):
        self.config = config or load_config()
        self.user_dir = user_dir or fonts_dir()
        self.system_dirs = system_dirs
        self.use_fontconfig = use_fontconfig
        self.cache = cache
        self.progress = progress
        self.notes: list[Diagnostic] = []  # skipped faces (not embeddable), reported once

    # -- finding files -------------------------------------------------------------------

    def _file_candidates(self, spec: str, base_dirs: Iterable[Path]) -> list[tuple[Path, int | None]]:
        text, _, index = spec.partition("#")
        idx = int(index) if index.isdigit() else None
        pattern = Path(text).expanduser()
        dirs = [Path("/")] if pattern.is_absolute() else list(base_dirs)
        out = []
        for d in dirs:
            matches = sorted(d.glob(str(pattern))) if not pattern.is_absolute() else (
                [pattern] if pattern.is_file() else [])
            out.extend((m, idx) for m in matches if m.is_file() and m.suffix.lower() in FONT_SUFFIXES)
        return out

    def _family_candidates(self, cand: Candidate) -> Iterator[tuple[Path, int | None]]:
        """Files by name, then fontconfig's faces of the family: lazily, as asking
        fontconfig runs fc-list (12–20 ms), which a face found by name spares."""
        found_any = False
        for name in cand.files:
            found = locate.find_file(name, self.system_dirs)
            if found:
                found_any = True
                yield found, None
        if self.use_fontconfig and cand.family:
            for hit in locate.fontconfig_lookup(cand.family):
                found_any = True
                yield hit
        if not found_any and cand.family and not cand.files:
            yield from locate.scan_family(cand.family, self.system_dirs)

    def _load(self, role: str, path: Path, index: int | None, cand: Candidate) -> Face | None:
        if index is None:
            index = locate.pick_index(path, cand.family)
            if index is None:
                return None
        try:
            facts = face_facts(path)[index]
        except Exception:  # an unreadable or odd file is just not a candidate
            return None
        # A file found by name must really hold the family asked for (collections were
        # matched by family in pick_index already).
        single = path.suffix.lower() not in locate.COLLECTION_SUFFIXES
        if cand.family and single and cand.family.casefold() not in facts.names:
            return None
        family = facts.family or path.stem
        fs_type, glyf, convertible = facts.fs_type, facts.glyf, facts.convertible
        licence = cand.licence or facts.licence or tr("fonts.licence_unknown")
        if fs_type & 0x000F == 0x0002:  # "restricted licence embedding": must not be embedded
            self.notes.append(Diagnostic("fonts.not_embeddable", {"family": family, "path": str(path)},
                                         severity=Severity.WARNING))
            return None
        if glyf:
            return Face(role, path, index, family, None, licence)
        if convertible:
            converted = truetype_for(path, index, family, self.progress, self.cache)
            return Face(role, converted, 0, family, path, licence)
        return None

    def _try(self, role: str, cand: Candidate, base_dirs: list[Path]) -> Face | None:
        places: Iterable[tuple[Path, int | None]] = (
            self._file_candidates(cand.file, base_dirs) if cand.file else self._family_candidates(cand)
        )
        seen = set()
        for path, index in places:
            if (path, index) in seen:
                continue
            seen.add((path, index))
            face = self._load(role, path, index, cand)
            if face:
                return face
        return None

    # -- roles ---------------------------------------------------------------------------

    @staticmethod
    def _override_candidate(spec: str) -> Candidate:
        """A style's font entry: a file when it looks like one, else an installed family name."""
        looks_like_file = "/" in spec or "\\" in spec or "#" in spec or spec.lower().endswith(FONT_SUFFIXES)
        return Candidate(file=spec) if looks_like_file else Candidate(family=spec)

    def own_face(self, role: str, style: Style | None) -> tuple[Face | None, list[str]]:
        """The role's face from the style and the configuration, without borrowing; the names tried."""
        tried: list[str] = []
        first_note = len(self.notes)
        style_dirs = [style.source.parent] if style and style.source else []
        overrides = list(style.fonts.get(role, [])) if style else []
        role_config = self.config.roles.get(role)
        candidates = [self._override_candidate(spec) for spec in overrides]
        candidates += list(role_config.candidates) if role_config else []
        for n, cand in enumerate(candidates):
            tried.append(cand.describe())
            base_dirs = [*style_dirs, self.user_dir] if n < len(overrides) else [self.user_dir]
            face = self._try(role, cand, base_dirs)
            if face:
                warnings = list(self.notes[first_note:])
                if overrides and n >= len(overrides):
                    warnings.append(Diagnostic(
                        "fonts.override_missing",
                        {"role_name": role_name(role), "wanted": "、".join(overrides), "family": face.family},
                        severity=Severity.WARNING))
                return replace(face, warnings=tuple(warnings)), tried
        return None, tried

    def last_resort(self, role: str) -> Face | None:
        """Any Chinese face fontconfig can name: better a plain face than no PDF."""
        if not self.use_fontconfig:
            return None
        for path, index in locate.fontconfig_chinese():
            face = self._load(role, path, index, Candidate(file=str(path)))
            if face:
                return face
        return None

    def resolve_all(self, style: Style | None) -> tuple[dict[str, Face], list[Diagnostic]]:
        """Faces for every role that has one, and the errors for those that have none."""
        own: dict[str, Face] = {}
        tried: dict[str, list[str]] = {}
        for role in FONT_ROLES:
            face, tried[role] = self.own_face(role, style)
            if face:
                own[role] = face
        faces = dict(own)
        errors: list[Diagnostic] = []
        for role in FONT_ROLES:
            if role in faces:
                continue
            names = "、".join(tried[role]) or "-"
            other = next((r for r in self.config.roles[role].fallback if r in own), None) \
                if role in self.config.roles else None
            if other:
                lent = own[other]
                warn = Diagnostic("fonts.borrowed", {
                    "role": role, "role_name": role_name(role), "tried": names,
                    "other_name": role_name(other), "family": lent.family}, severity=Severity.WARNING)
                faces[role] = replace(lent, role=role, borrowed_from=other, warnings=(warn,))
                continue
            face = self.last_resort(role)
            if face:
                warn = Diagnostic("fonts.last_resort", {
                    "role_name": role_name(role), "tried": names, "family": face.family},
                    severity=Severity.WARNING)
                faces[role] = replace(face, warnings=(warn,))
                continue
            args = {"role": role, "role_name": role_name(role), "tried": names}
            errors.append(Diagnostic("fonts.none", args))
        return faces, errors


def resolve_faces(style: Style, progress: Progress | None = None) -> dict[str, Face]:
    """A TrueType face for each role (song, hei, kai, fangsong); YearbookError when one has none.

    Warnings (a borrowed or substituted face) ride on each Face's `.warnings`;
    `font_warnings(faces, style)` gives those of the roles the style uses.
    A CFF face is converted on first use, printing progress to stderr (or `progress`).
    """
    faces, errors = Resolver(progress=progress).resolve_all(style)
    if errors:
        raise YearbookError(errors)
    return faces


def used_roles(style: Style) -> set[str]:
    return {p.font for p in style.paragraphs.values()} | {c.font for c in style.characters.values()}


def font_warnings(faces: dict[str, Face], style: Style) -> list[Diagnostic]:
    """The resolution warnings worth showing for `style`: only roles it sets text in."""
    used = used_roles(style)
    return [w for role, face in faces.items() if role in used for w in face.warnings]
