"""`yearbook new`: a small, complete, commented data folder that builds at once.

The templates live in yearbook/templates/new/ (package data); `@name@` marks are
filled in (not str.format, since `{{fact}}` and `$schema` are part of the text).
The folder is written beside its final place and renamed into it, so a failure
leaves nothing half-written.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from yearbook.diagnostics import Diagnostic, YearbookError
from yearbook.i18n import register
from yearbook.schema_json import ROOTS, SCHEMA_DIR, data_schema, dumps

register(
    {
        "new.not_empty": (
            "文件夹“{path}”已存在且不是空的；请换一个名字，或先清空它（不会覆盖已有文件）",
            "the folder '{path}' exists and is not empty; choose another name or empty it first "
            "(existing files are never overwritten)",
        ),
        "new.not_folder": ("“{path}”已存在，但不是文件夹", "'{path}' exists but is not a folder"),
        "new.cannot_write": ("无法创建“{path}”：{reason}", "cannot create '{path}': {reason}"),
    }
)

TEMPLATES = Path(__file__).resolve().parent / "templates" / "new"


@dataclass(frozen=True)
class ChapterType:
    folder: str  # under templates/new/
    chapter_file: str  # the file book.yaml includes


# Chinese names first: they are what users type; the English ones are accepted too.
TYPES = {
    "政协": ChapterType("zhengxie", "类目.yaml"),
    "通用": ChapterType("generic", "类目.yaml"),
    "专文": ChapterType("article", "专文.yaml"),
}
TYPE_ALIASES = {"zhengxie": "政协", "cppcc": "政协", "generic": "通用", "article": "专文"}


def default_year() -> int:
    """The year a yearbook records is normally the last one."""
    return dt.date.today().year - 1


def new_folder(target: Path, unit: str, year: int, chapter_type: str = "政协") -> list[Path]:
    """Write the data folder; return the files written, relative to it."""
    kind = TYPES[TYPE_ALIASES.get(chapter_type, chapter_type)]
    if target.exists() and not target.is_dir():
        raise YearbookError([Diagnostic("new.not_folder", {"path": str(target)})])
    if target.is_dir() and any(target.iterdir()):
        raise YearbookError([Diagnostic("new.not_empty", {"path": str(target)})])
    marks = {
        "unit": unit,
        "year": str(year),
        "edition": str(year + 1),
        "folder": _shell_word(str(target)),
        "chapter_file": kind.chapter_file,
    }
    files: dict[Path, str] = {Path("book.yaml"): _fill((TEMPLATES / "book.yaml").read_text("utf-8"), marks)}
    for source in sorted((TEMPLATES / kind.folder).iterdir()):
        files[Path(source.name)] = _fill(source.read_text("utf-8"), marks)
    for name in ROOTS:
        files[Path(SCHEMA_DIR) / f"{name}.schema.json"] = dumps(data_schema(name))
    try:
        _write_folder(target, files)
    except OSError as exc:
        args = {"path": str(target), "reason": exc.strerror or str(exc)}
        raise YearbookError([Diagnostic("new.cannot_write", args)]) from exc
    return list(files)


def _fill(text: str, marks: dict[str, str]) -> str:
    for key, value in marks.items():
        text = text.replace(f"@{key}@", value)
    return text


def _shell_word(text: str) -> str:
    return f'"{text}"' if any(c.isspace() for c in text) else text


def _write_folder(target: Path, files: dict[Path, str]) -> None:
    parent = target.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    # mkdir (not mkdtemp, which is private to its owner) so the folder gets the
    # user's usual permissions.
    temp = parent / f".{target.name}.{uuid.uuid4().hex[:8]}.tmp"
    temp.mkdir()
    try:
        for rel, text in files.items():
            path = temp / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            # newline="\n": the same bytes on Windows, so editors and git agree.
            path.write_text(text, encoding="utf-8", newline="\n")
        if target.is_dir():
            target.rmdir()  # empty (checked above); Windows cannot rename onto it
        os.replace(temp, target)
    finally:
        if temp.exists():
            shutil.rmtree(temp, ignore_errors=True)
