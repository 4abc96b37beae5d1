"""Find installed font files: by file name in the operating system's font folders, or
by family name through fontconfig (Linux, and macOS where it is installed)."""

from __future__ import annotations

import contextlib
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


Face = tuple[str, int, tuple[str, ...], str]  # file, index, families, style

# What fc-list's answer depends on besides the font files: fontconfig's configuration
# and the folders it keeps its caches in (fc-cache, run whenever fonts are installed
# by a package, rewrites them).
_FONTCONFIG_ENV = ("FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT", "HOME",
                   "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")
_FACES_VERSION = 1  # change with any change to what the cache file holds


def _fontconfig_places() -> list[str]:
    home = Path.home()
    config = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config") / "fontconfig"
    caches = Path(os.environ.get("XDG_CACHE_HOME") or home / ".cache") / "fontconfig"
    places = [Path("/etc/fonts"), Path("/etc/fonts/conf.d"), config, config / "conf.d",
              home / ".fonts.conf.d", Path("/var/cache/fontconfig"), caches, home / ".fontconfig"]
    if os.environ.get("FONTCONFIG_FILE"):
        places.append(Path(os.environ["FONTCONFIG_FILE"]))
    return [str(p) for p in places]


def _watched(faces: tuple[Face, ...]) -> list[str]:
    """Folders whose change may change fc-list's answer: the system's font folders (one
    made anew counts too), fontconfig's own, those holding the fonts it listed and the
    folders between them and a system font folder (a new subfolder changes its parent)."""
    roots = {str(d) for d in system_font_dirs()}
    dirs: set[str] = {*roots, *_fontconfig_places()}
    for folder in {os.path.dirname(f[0]) for f in faces}:
        if not any(folder.startswith(root + os.sep) for root in roots):
            dirs.update((folder, os.path.dirname(folder)))  # a folder fontconfig's configuration adds
            continue
        while folder not in dirs:
            dirs.add(folder)
            folder = os.path.dirname(folder)
    return sorted(dirs)


def _stamps(paths: list[str]) -> list[int | None]:
    out: list[int | None] = []
    for path in paths:
        try:
            out.append(os.stat(path).st_mtime_ns)
        except OSError:
            out.append(None)
    return out


def _run_fc_list(fc_list: str) -> tuple[Face, ...] | None:
    try:
        out = subprocess.run(
            [fc_list, "--format", "%{file}\t%{index}\t%{family}\t%{style}\n"],
            capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=30, check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    faces = []
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) == 4 and parts[1].isdigit():
            families = tuple(f.strip() for f in parts[2].split(","))
            faces.append((parts[0], int(parts[1]), families, parts[3]))
    return tuple(sorted(faces))


@cache
def _fontconfig_faces() -> tuple[Face, ...]:
    """(file, index, families, style) for every face fontconfig knows; empty without fc-list.

    fc-list takes 12–20 ms, on every build: its answer is kept in the user's cache
    with the modification times of the folders it depends on (`_watched`), and asked
    again when any of them, fontconfig's environment or fc-list itself has changed.
    """
    import json

    from yearbook.cachedir import cache_dir

    fc_list = shutil.which("fc-list")
    if not fc_list:
        return ()
    context = [_FACES_VERSION, fc_list, *_stamps([fc_list]), *(os.environ.get(k) for k in _FONTCONFIG_ENV)]
    try:
        path = cache_dir() / "fontconfig-faces.json"
    except RuntimeError:  # no home folder to keep a cache in
        return _run_fc_list(fc_list) or ()
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
        if saved["context"] == context and saved["stamps"] == _stamps(saved["watched"]):
            return tuple((f, i, tuple(fam), st) for f, i, fam, st in saved["faces"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    before = _stamps(_watched(()))
    faces = _run_fc_list(fc_list)
    if faces is None:
        return ()
    watched = _watched(faces)
    stamps = _stamps(watched)
    if _stamps(_watched(())) == before:  # kept only when no font folder changed while fc-list ran
        data = {"context": context, "watched": watched, "stamps": stamps, "faces": faces}
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, path)
        except OSError:  # a read-only cache only costs the next build fc-list again
            with contextlib.suppress(OSError):
                tmp.unlink()
    return faces


def fontconfig_lookup(family: str) -> list[tuple[Path, int]]:
    """Faces fontconfig lists under `family`, regular weights first."""
    wanted = family.casefold()
    hits = [f for f in _fontconfig_faces() if wanted in (n.casefold() for n in f[2])]
    regular = ("regular", "book", "normal", "roman", "light", "w3", "medium")

    def rank(face: Face) -> int:
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
