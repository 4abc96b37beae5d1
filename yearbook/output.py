"""Replacing the output files together: both new, or both as they were.

Each file is written under a temporary name beside its target first. Only when all
are written are the old files moved aside and the new ones moved in; if any step
fails (a PDF open in a viewer on Windows cannot be moved, a read-only file must not
be replaced) every step already taken is undone. Files are created with the
permissions the user's umask gives, as any other program's would be.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from yearbook.diagnostics import Diagnostic, YearbookError
from yearbook.i18n import register, tr

register(
    {
        "build.cannot_create_dir": (
            "无法创建输出文件夹“{path}”：{reason}。请用 -o 指定另一个输出文件夹",
            "cannot create the output folder '{path}': {reason}. Choose another one with -o",
        ),
        "build.folder_not_writable": (
            "无法在输出文件夹“{path}”中写入文件：{reason}。请用 -o 指定一个有写入权限的文件夹，"
            "或请管理员开放权限；原有文件没有改动",
            "cannot write files in the output folder '{path}': {reason}. Choose a folder you "
            "may write to with -o; the existing files are unchanged",
        ),
        "build.cannot_write": (
            "写入“{path}”失败：{reason}；原有文件没有改动",
            "writing '{path}' failed: {reason}; the existing files are unchanged",
        ),
        "build.cannot_replace": (
            "无法替换“{path}”：{reason}。如果文件正在 Word、WPS 或 PDF 阅读器中打开，请先关闭后重试；"
            "两个输出文件都没有改动",
            "cannot replace '{path}': {reason}. If the file is open in Word, WPS or a PDF "
            "viewer, close it and try again; neither output was changed",
        ),
        "build.read_only": (
            "“{path}”是只读文件，没有替换：如需更新，请在文件属性中取消“只读”后重试；两个输出文件都没有改动",
            "'{path}' is read-only and was not replaced: clear its read-only attribute and try "
            "again; neither output was changed",
        ),
        "build.not_a_file": (
            "“{path}”是一个文件夹，不能用作输出文件：请改名或用 -o 指定另一个输出文件夹",
            "'{path}' is a folder and cannot be an output file: rename it or choose another "
            "output folder with -o",
        ),
        "os.no_permission": ("没有写入权限", "permission denied"),
        "os.no_space": ("磁盘空间不足", "no space left on the disk"),
        "os.read_only_fs": ("磁盘或共享文件夹是只读的", "the disk or shared folder is read-only"),
        "os.busy": ("文件正被其他程序占用", "the file is in use by another program"),
        "os.not_a_dir": ("路径中有同名文件挡住了文件夹", "a file stands where a folder should be"),
    }
)

_REASON_NAMES = {
    "EACCES": "os.no_permission",
    "EPERM": "os.no_permission",
    "ENOSPC": "os.no_space",
    "EDQUOT": "os.no_space",
    "EROFS": "os.read_only_fs",
    "EBUSY": "os.busy",
    "ETXTBSY": "os.busy",
    "ENOTDIR": "os.not_a_dir",
    "EEXIST": "os.not_a_dir",
}
# Not every platform defines every name (Windows lacks some).
_REASONS = {getattr(errno, n): code for n, code in _REASON_NAMES.items() if hasattr(errno, n)}

Job = tuple[Path, Callable[[BinaryIO], None]]


def reason(exc: OSError) -> str:
    """The cause in the user's language; the system's own text when it is unusual."""
    code = _REASONS.get(exc.errno or 0)
    if code is None and getattr(exc, "winerror", None) == 32:  # sharing violation
        code = "os.busy"
    return tr(code) if code else (exc.strerror or str(exc))


def _fail(code: str, path: Path, exc: OSError | None = None) -> YearbookError:
    args = {"path": str(path), "reason": reason(exc) if exc else ""}
    return YearbookError([Diagnostic(code, args)])


def write_together(out_dir: Path, jobs: list[Job]) -> None:
    """Write every job's file into out_dir, in order; replace the old files all or none."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _fail("build.cannot_create_dir", out_dir, exc) from exc
    for target, _ in jobs:
        if target.is_dir():
            raise _fail("build.not_a_file", target)
        if target.exists() and not os.access(target, os.W_OK):
            raise _fail("build.read_only", target)
    tag = f"{os.getpid()}-{os.urandom(4).hex()}"  # never a leftover of an earlier run
    temps: list[Path] = []
    try:
        files = []
        for target, write in jobs:
            temp = target.with_name(f".{target.name}.{tag}.new")
            try:
                # 0o666 less the umask, as a program saving a file would create it.
                fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
            except OSError as exc:
                raise _fail("build.folder_not_writable", out_dir, exc) from exc
            temps.append(temp)
            files.append((fd, target, write))
        for f in files:
            _write(*f)
        _swap([(temp, target) for temp, (target, _) in zip(temps, jobs, strict=True)], tag)
    finally:
        for temp in temps:
            _remove(temp)


def _write(fd: int, target: Path, write: Callable[[BinaryIO], None]) -> None:
    with os.fdopen(fd, "wb") as stream:
        try:
            write(stream)
            stream.flush()
        except OSError as exc:
            raise _fail("build.cannot_write", target, exc) from exc


def _swap(pairs: list[tuple[Path, Path]], tag: str) -> None:
    """Move the old targets aside, the new files in; undo everything on failure."""
    aside: list[tuple[Path, Path]] = []  # (target, where its old version went)
    placed: list[Path] = []
    try:
        for _, target in pairs:
            if target.exists():
                old = target.with_name(f".{target.name}.{tag}.old")
                try:
                    os.replace(target, old)
                except OSError as exc:
                    raise _fail("build.cannot_replace", target, exc) from exc
                aside.append((target, old))
        for temp, target in pairs:
            try:
                os.replace(temp, target)
            except OSError as exc:
                raise _fail("build.cannot_replace", target, exc) from exc
            placed.append(target)
    except BaseException:
        for target in placed:
            _remove(target)
        for target, old in reversed(aside):
            os.replace(old, target)
        raise
    for _, old in aside:
        _remove(old)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):  # a leftover hidden file is better than a failed build
        path.unlink(missing_ok=True)
