"""What the resolver needs to know of a font file, read once per file version and cached.

Choosing a face reads each candidate's name, OS/2 and outline tables with fontTools:
about 0.3 s a build for the usual three roles, most of it importing and decoding the
name table. The answers depend only on the file, so they are kept in one small JSON
file in the user's cache, keyed by the file's path, size and mtime.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from yearbook.fonts.convert import cache_dir

FORMAT = 1
COLLECTION_SUFFIXES = (".ttc", ".otc")


@dataclass(frozen=True)
class FaceFacts:
    names: tuple[str, ...]  # every family and full name, casefolded, in every language
    family: str  # the best family name
    subfamily: str  # Regular, Bold…
    fs_type: int  # OS/2 embedding permissions
    glyf: bool  # TrueType outlines
    convertible: bool  # CFF outlines the converter can turn into TrueType
    licence: str  # the name table's licence text, first line


def _read(path: Path) -> list[FaceFacts]:
    from fontTools.ttLib import TTCollection, TTFont

    if path.suffix.lower() in COLLECTION_SUFFIXES:
        fonts = TTCollection(str(path), lazy=True).fonts
    else:
        fonts = [TTFont(str(path), lazy=True)]
    return [_facts(font) for font in fonts]


def _facts(font: object) -> FaceFacts:
    name = font["name"]  # type: ignore[index]
    names = set()
    for record in name.names:
        if record.nameID in (1, 16, 4):
            try:
                names.add(record.toUnicode().strip().casefold())
            except UnicodeDecodeError:
                continue
    licence = ""
    for name_id in (13, 14):
        text = name.getDebugName(name_id)
        if text:
            first = text.strip().split("\n")[0]
            licence = first if len(first) <= 100 else first[:97] + "..."
            break
    has = font.__contains__  # type: ignore[attr-defined]
    return FaceFacts(
        names=tuple(sorted(names)),
        family=name.getBestFamilyName() or "",
        subfamily=name.getBestSubFamilyName() or "",
        fs_type=font["OS/2"].fsType if has("OS/2") else 0,  # type: ignore[index]
        glyf=has("glyf"),
        convertible=not has("glyf") and (has("CFF ") or has("CFF2")),
        licence=licence,
    )


class FactsCache:
    """The JSON file of facts, loaded on first use and written back when it grew."""

    def __init__(self, file: Path | None = None):
        self.file = file or cache_dir() / f"font-facts-{FORMAT}.json"
        self._entries: dict[str, list[dict]] | None = None

    def _load(self) -> dict[str, list[dict]]:
        if self._entries is None:
            try:
                data = json.loads(self.file.read_text(encoding="utf-8"))
                self._entries = data if isinstance(data, dict) else {}
            except (OSError, ValueError):
                self._entries = {}
        return self._entries

    def faces(self, path: Path) -> list[FaceFacts]:
        """The facts of every face in `path`; raises what fontTools raises on a bad file."""
        st = path.stat()
        key = f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}"
        entries = self._load()
        cached = entries.get(key)
        if isinstance(cached, list):
            try:
                return [FaceFacts(**{**e, "names": tuple(e["names"])}) for e in cached]
            except (TypeError, KeyError):
                pass
        facts = _read(path)
        entries[key] = [asdict(f) for f in facts]
        self._save()
        return facts

    def _save(self) -> None:
        # Entries of files since removed or changed are dropped: every build reads this file.
        self._entries = {k: v for k, v in (self._entries or {}).items() if _current(k)}
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=".font-facts.", dir=self.file.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as stream:
                json.dump(self._entries, stream, ensure_ascii=False, sort_keys=True)
            os.chmod(temp, 0o644)
            os.replace(temp, self.file)
        except OSError:
            pass  # a read-only cache only means reading the fonts again next time


def _current(key: str) -> bool:
    """Whether an entry's key (path|size|mtime) still describes the file at that path."""
    path, size, mtime = key.rsplit("|", 2)
    try:
        st = os.stat(path)
    except OSError:
        return False
    return size == str(st.st_size) and mtime == str(st.st_mtime_ns)


_shared: FactsCache | None = None


def face_facts(path: Path) -> list[FaceFacts]:
    global _shared
    if _shared is None or _shared.file != cache_dir() / f"font-facts-{FORMAT}.json":
        _shared = FactsCache()
    return _shared.faces(path)
