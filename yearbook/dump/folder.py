"""A data folder written whole or not at all: files go to a temporary folder beside
the target, are loaded and assembled back as a check, and only then take its place."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from yearbook import model as m
from yearbook.diagnostics import Diagnostic, YearbookError
from yearbook.dump.yaml_book import Origin, book_yaml, chapter_yaml, records_yaml
from yearbook.i18n import register

register(
    {
        "dump.not_empty": (
            "输出文件夹“{path}”中已有文件，为免覆盖没有写入。请换一个文件夹，或加 --force 替换它",
            "the output folder '{path}' already holds files; nothing was written. Choose another "
            "folder, or add --force to replace it",
        ),
        "dump.self_check": (
            "导入结果未通过自检，没有写入任何文件（这是本工具的缺陷，请把原文件发给维护人员）：{found}",
            "the imported data failed its own check and nothing was written (a bug in yearbook; "
            "please report it with the source file): {found}",
        ),
        "dump.not_folder": ("“{path}”已存在且不是文件夹", "'{path}' exists and is not a folder"),
        "dump.cannot_write": (
            "无法写入输出文件夹“{path}”：{reason}",
            "cannot write the output folder '{path}': {reason}",
        ),
    }
)


def _records_empty(records: m.Records) -> bool:
    return not records.all()


def render(book: m.Book, origin: Origin) -> dict[str, str]:
    """File name → YAML text for the whole data folder."""
    files: dict[str, str] = {}
    chapter_files: list[str] = []
    for n, chapter in enumerate(book.chapters, start=1):
        name = f"chapter{n}.yaml"
        records_file = None if _records_empty(chapter.records) else f"chapter{n}-records.yaml"
        files[name] = chapter_yaml(chapter, records_file, origin, (n - 1) in origin.auto_titles)
        if records_file:
            files[records_file] = records_yaml(chapter, origin)
        chapter_files.append(name)
    files["book.yaml"] = book_yaml(book, chapter_files, origin)
    return files


def check_target(target: Path, force: bool = False) -> None:
    """Refuse a file, or a folder that holds files unless `force` (asked before any work)."""
    if target.exists() and not target.is_dir():
        raise YearbookError([Diagnostic("dump.not_folder", {"path": str(target)})])
    if target.is_dir() and any(target.iterdir()) and not force:
        raise YearbookError([Diagnostic("dump.not_empty", {"path": str(target)})])


def write_folder(
    book: m.Book, origin: Origin, target: Path, force: bool = False, images: dict[str, bytes] | None = None
) -> list[Path]:
    """Write the folder; refuse one that holds files unless `force`. `images` are the image
    files the figures name, by path relative to the folder. Returns the files."""
    check_target(target, force)
    files = render(book, origin)
    images = images or {}
    parent = target.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        temp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=parent))
    except OSError as exc:
        raise _cannot(target, exc) from exc
    try:
        for name, text in files.items():
            (temp / name).write_text(text, encoding="utf-8", newline="\n")
        for name, data in images.items():
            (temp / name).parent.mkdir(parents=True, exist_ok=True)
            (temp / name).write_bytes(data)
        _verify(temp)
        _replace(temp, target)
    except OSError as exc:
        shutil.rmtree(temp, ignore_errors=True)
        raise _cannot(target, exc) from exc
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return [target / name for name in [*files, *images]]


def _verify(folder: Path) -> None:
    """What we wrote must load and assemble; if not, that is our bug and nothing is kept."""
    from yearbook.assemble.book import assemble_with_warnings
    from yearbook.load.book import load_book

    try:
        assemble_with_warnings(load_book(folder).book)
    except YearbookError as exc:
        found = "; ".join(d.render() for d in exc.diagnostics[:3])
        raise YearbookError([Diagnostic("dump.self_check", {"found": found})]) from exc


def _replace(temp: Path, target: Path) -> None:
    old: Path | None = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        target.rename(old)
    try:
        temp.rename(target)
    except OSError:
        if old is not None:
            old.rename(target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _cannot(target: Path, exc: OSError) -> YearbookError:
    args = {"path": str(target), "reason": exc.strerror or exc}
    return YearbookError([Diagnostic("dump.cannot_write", args)])
