"""What this machine has learnt about image files, kept in the user's cache by content.

Two things, both named by the SHA-256 of the file's bytes, so an edited file is a new
name and never meets an old answer:
- `images/<digest>.ok`: the file decoded whole once (a damaged file gets no record);
  beside it `<digest>.facts`, what Pillow read from its header (format, size, mode,
  EXIF orientation, and Pillow's version), so a later build need not open it;
- `images/rendered/<key>.bin`: the print-ready bytes made from a file that needed
  turning, converting or downsampling: a 12-megapixel phone photo takes about half a
  second to decode, resize and encode, on every build and in each writer's process.
  The bytes end with their own SHA-256, so a damaged entry is made again, not used.
  The DOCX writer keeps its pictures' deflated zip members here too (writers/docx/package.py).
Rendered entries are dropped oldest first past `MAX_RENDERED_BYTES`; deleting the
folder only costs the next build the work again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

from yearbook.cachedir import cache_dir

MAX_RENDERED_BYTES = 2 << 30
_CHECK = 32  # bytes of the trailing SHA-256


def _folder() -> Path:
    return cache_dir() / "images"


def known_whole(digest: str) -> bool:
    """Whether a file of this content has decoded whole on this machine."""
    try:
        return (_folder() / f"{digest}.ok").is_file()
    except OSError:
        return False


def remember_whole(digest: str) -> None:
    target = _folder() / f"{digest}.ok"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.touch()
    except OSError:
        pass  # a read-only cache only costs the next build the decode again


def facts(digest: str) -> str | None:
    """The header facts recorded for a file that decoded whole, or None."""
    try:
        return (_folder() / f"{digest}.facts").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def remember_facts(digest: str, text: str) -> None:
    target = _folder() / f"{digest}.facts"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target.parent, delete=False) as tmp:
            tmp.write(text)
        os.replace(tmp.name, target)
    except OSError:
        pass  # a read-only cache only costs the next build opening the file again


def _rendered_path(key: str) -> Path:
    return _folder() / "rendered" / f"{hashlib.sha256(key.encode('utf-8')).hexdigest()}.bin"


def rendered(key: str) -> bytes | None:
    """The bytes stored under `key`, or None (none yet, or damaged)."""
    path = _rendered_path(key)
    try:
        stored = path.read_bytes()
    except OSError:
        return None
    data, check = stored[:-_CHECK], stored[-_CHECK:]
    if len(stored) <= _CHECK or hashlib.sha256(data).digest() != check:
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: kept longest
    return data


def store_rendered(key: str, data: bytes) -> None:
    target = _rendered_path(key)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".rendered.", dir=target.parent)
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.write(hashlib.sha256(data).digest())
        os.replace(temp, target)
    except OSError:
        return  # a read-only or full cache only costs the next build the work again
    _prune(target.parent)


def _prune(folder: Path, limit: int = MAX_RENDERED_BYTES) -> None:
    """Drops the least recently used entries while the folder holds more than `limit` bytes."""
    try:
        entries = [(e.stat().st_mtime_ns, e.stat().st_size, Path(e.path)) for e in os.scandir(folder)
                   if e.name.endswith(".bin")]
    except OSError:
        return
    total = sum(size for _, size, _ in entries)
    for _, size, path in sorted(entries):
        if total <= limit:
            break
        with contextlib.suppress(OSError):
            path.unlink()
            total -= size
