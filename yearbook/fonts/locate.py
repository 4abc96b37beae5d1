"""Find installed font files: by file name in the operating system's font folders, or
by family name through fontconfig (Linux, and macOS where it is installed)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

from yearbook.fonts.facts import face_facts

COLLECTION_SUFFIXES = (".ttc", ".otc")


def system_font_dirs() -> list[Path]:
    """Folders the OS keeps fonts in, the user's own first."""
    home = Path.home()
    if os.name == "nt":
        dirs = []
        if os.environ.get("LOCALAPPDATA"):
            dirs.append(Path(os.environ["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
        dirs.append(Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts")
        return dirs
    if sys.platform == "darwin":
        return [
            home / "Library" / "Fonts",
            Path("/Library/Fonts"),
            Path("/System/Library/Fonts"),
            Path("/System/Library/Fonts/Supplemental"),
            # Kaiti SC and friends are downloadable assets on recent macOS.
            Path("/System/Library/AssetsV2"),
        ]
    data_home = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return [data_home / "fonts", home / ".fonts", Path("/usr/local/share/fonts"), Path("/usr/share/fonts")]


@cache
def _files_by_name(dirs: tuple[Path, ...]) -> dict[str, str]:
    """Lower-cased file name → first path with that name under `dirs` (searched recursively).

    Paths as strings: a Path for each of a system's thousands of font files cost more
    than the walk itself, and only the one asked for is needed.
    """
    found: dict[str, str] = {}
    for d in dirs:
        if not d.is_dir():
            continue
        for root, _subdirs, files in os.walk(d):
            for name in files:
                found.setdefault(name.lower(), os.path.join(root, name))
    return found


def find_file(name: str, dirs: list[Path] | None = None) -> Path | None:
    found = _files_by_name(tuple(dirs if dirs is not None else system_font_dirs())).get(name.lower())
    return Path(found) if found is not None else None


@cache
def _fontconfig_faces() -> tuple[tuple[str, int, tuple[str, ...], str], ...]:
    """(file, index, families, style) for every face fontconfig knows; empty without fc-list."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return ()
    try:
        out = subprocess.run(
            [fc_list, "--format", "%{file}\t%{index}\t%{family}\t%{style}\n"],
            capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=30, check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    faces = []
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) == 4 and parts[1].isdigit():
            families = tuple(f.strip() for f in parts[2].split(","))
            faces.append((parts[0], int(parts[1]), families, parts[3]))
    return tuple(sorted(faces))


def fontconfig_lookup(family: str) -> list[tuple[Path, int]]:
    """Faces fontconfig lists under `family`, regular weights first."""
    wanted = family.casefold()
    hits = [f for f in _fontconfig_faces() if wanted in (n.casefold() for n in f[2])]
    regular = ("regular", "book", "normal", "roman", "light", "w3", "medium")

    def rank(face: tuple[str, int, tuple[str, ...], str]) -> int:
        styles = [s.strip().casefold() for s in face[3].split(",")]
        return next((i for i, r in enumerate(regular) if r in styles), len(regular))

    return [(Path(f[0]), f[1]) for f in sorted(hits, key=rank)]


def pick_index(path: Path, family: str | None) -> int | None:
    """The face in `path` named `family` (regular preferred); 0 for a single face or no name."""
    if path.suffix.lower() not in COLLECTION_SUFFIXES:
        return 0
    if not family:
        return 0
    try:
        faces = face_facts(path)
    except Exception:  # an unreadable file is just not a candidate
        return None
    wanted = family.casefold()
    matches = [i for i, f in enumerate(faces) if wanted in f.names]
    if not matches:
        return None
    for i in matches:
        if faces[i].subfamily.casefold() in ("regular", "book", "normal"):
            return i
    return matches[0]


def fontconfig_chinese() -> list[tuple[Path, int]]:
    """Faces fontconfig would use for simplified Chinese, best match first."""
    fc_match = shutil.which("fc-match")
    if not fc_match:
        return []
    try:
        out = subprocess.run(
            [fc_match, "--sort", "--format", "%{file}\t%{index}\t%{lang}\n", ":lang=zh-cn"],
            capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=30, check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    faces = []
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[1].isdigit() and "zh-cn" in parts[2].split("|"):
            faces.append((Path(parts[0]), int(parts[1])))
    return faces


def scan_family(family: str, dirs: list[Path] | None = None) -> list[tuple[Path, int]]:
    """Faces named `family` found by reading every font file's names: the slow way, for
    machines without fontconfig (Windows) when a style names a face by family."""
    wanted = family.casefold()
    out = []
    files = _files_by_name(tuple(dirs if dirs is not None else system_font_dirs()))
    for path in sorted(map(Path, files.values())):
        suffix = path.suffix.lower()
        if suffix not in (".ttf", ".otf", *COLLECTION_SUFFIXES):
            continue
        try:
            faces = face_facts(path)
        except Exception:  # unreadable files are skipped
            continue
        out.extend((path, i) for i, face in enumerate(faces) if wanted in face.names)
    return out
