"""The output step: both files replaced or neither, readable by others, clear messages."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from yearbook import output
from yearbook.diagnostics import YearbookError
from yearbook.output import write_together


def jobs(out: Path, docx: bytes = b"new docx", pdf: bytes = b"new pdf"):
    return [
        (out / "书.docx", lambda s: s.write(docx)),
        (out / "书.pdf", lambda s: s.write(pdf)),
    ]


def old_files(out: Path) -> None:
    out.mkdir(exist_ok=True)
    (out / "书.docx").write_bytes(b"old docx")
    (out / "书.pdf").write_bytes(b"old pdf")


def message(info: pytest.ExceptionInfo[YearbookError]) -> str:
    (diagnostic,) = info.value.diagnostics
    return diagnostic.render()


def test_both_outputs_are_replaced(tmp_path):
    old_files(tmp_path)
    write_together(tmp_path, jobs(tmp_path))
    assert (tmp_path / "书.docx").read_bytes() == b"new docx"
    assert (tmp_path / "书.pdf").read_bytes() == b"new pdf"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["书.docx", "书.pdf"]


def test_pdf_that_cannot_be_replaced_leaves_the_docx_as_it_was(tmp_path, monkeypatch):
    """As on Windows when the PDF is open in a viewer: moving it fails."""
    old_files(tmp_path)
    real_replace = os.replace

    def replace(src, dst):
        if str(src).endswith("书.pdf") or str(dst).endswith("书.pdf"):
            raise PermissionError(13, "The process cannot access the file")
        return real_replace(src, dst)

    monkeypatch.setattr(output.os, "replace", replace)
    with pytest.raises(YearbookError) as info:
        write_together(tmp_path, jobs(tmp_path))
    assert (tmp_path / "书.docx").read_bytes() == b"old docx"
    assert (tmp_path / "书.pdf").read_bytes() == b"old pdf"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["书.docx", "书.pdf"]
    text = message(info)
    assert "书.pdf" in text and "阅读器中打开" in text and "都没有改动" in text
    assert ".new" not in text and ".tmp" not in text


def test_failure_after_the_docx_was_moved_in_is_undone(tmp_path, monkeypatch):
    """The PDF's old version moved aside, then its new one cannot move in."""
    old_files(tmp_path)
    real_replace = os.replace

    def replace(src, dst):
        if str(dst).endswith("书.pdf") and str(src).endswith(".new"):
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(output.os, "replace", replace)
    with pytest.raises(YearbookError) as info:
        write_together(tmp_path, jobs(tmp_path))
    assert (tmp_path / "书.docx").read_bytes() == b"old docx"
    assert (tmp_path / "书.pdf").read_bytes() == b"old pdf"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["书.docx", "书.pdf"]
    assert "磁盘空间不足" in message(info)


def test_read_only_pdf_is_not_replaced_and_neither_is_the_docx(tmp_path):
    old_files(tmp_path)
    (tmp_path / "书.pdf").chmod(0o444)
    if os.access(tmp_path / "书.pdf", os.W_OK):
        pytest.skip("running as root: nothing is read-only")
    with pytest.raises(YearbookError) as info:
        write_together(tmp_path, jobs(tmp_path))
    assert (tmp_path / "书.docx").read_bytes() == b"old docx"
    assert "只读" in message(info)


def test_a_folder_in_the_way_of_the_pdf(tmp_path):
    old_files(tmp_path)
    (tmp_path / "书.pdf").unlink()
    (tmp_path / "书.pdf").mkdir()
    with pytest.raises(YearbookError) as info:
        write_together(tmp_path, jobs(tmp_path))
    assert (tmp_path / "书.docx").read_bytes() == b"old docx"
    assert "是一个文件夹" in message(info)


def test_folder_without_write_permission(tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    real_open = os.open

    def refuse(path, flags, mode=0o777, **kw):
        if Path(path).parent == out:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, mode, **kw)

    monkeypatch.setattr(output.os, "open", refuse)
    with pytest.raises(YearbookError) as info:
        write_together(out, jobs(out))
    text = message(info)
    assert f"输出文件夹“{out}”" in text and "没有写入权限" in text and "-o" in text
    assert ".new" not in text and ".tmp" not in text and "Permission denied" not in text
    assert list(out.iterdir()) == []


def test_folder_without_write_permission_for_real(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        if os.access(out, os.W_OK):
            pytest.skip("running as root: permissions are not enforced")
        with pytest.raises(YearbookError) as info:
            write_together(out, jobs(out))
        assert "没有写入权限" in message(info)
    finally:
        out.chmod(0o755)


def test_output_folder_that_cannot_be_created(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(YearbookError) as info:
        write_together(tmp_path / "file" / "out", jobs(tmp_path / "file" / "out"))
    assert "无法创建输出文件夹" in message(info)


def test_a_writer_that_fails_leaves_nothing_behind(tmp_path):
    old_files(tmp_path)

    def broken(stream):
        stream.write(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(YearbookError):
        write_together(tmp_path, [(tmp_path / "书.docx", lambda s: s.write(b"x")), (tmp_path / "书.pdf", broken)])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["书.docx", "书.pdf"]
    assert (tmp_path / "书.docx").read_bytes() == b"old docx"


@pytest.mark.parametrize("umask", [0o022, 0o002])
def test_outputs_honour_the_umask(tmp_path, umask):
    previous = os.umask(umask)
    try:
        write_together(tmp_path, jobs(tmp_path))
    finally:
        os.umask(previous)
    for name in ("书.docx", "书.pdf"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o666 & ~umask


def run_build(folder: Path, out: Path, capsys) -> tuple[int, str]:
    from yearbook import cli

    code = cli.main(["--lang", "zh", "build", str(folder), "-o", str(out)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_build_keeps_the_old_pair_when_the_pdf_is_locked(make_data, tmp_path, monkeypatch, capsys):
    """Through the command: exit 1, a Chinese message, the old DOCX and PDF untouched."""
    folder, out = make_data(), tmp_path / "out"
    assert run_build(folder, out, capsys)[0] == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (folder / "chapter.yaml").write_text(
        (folder / "chapter.yaml").read_text(encoding="utf-8").replace("第二段", "第三段"), encoding="utf-8"
    )
    real_replace = os.replace

    def replace(src, dst):
        if str(src).endswith(".pdf") or str(dst).endswith(".pdf"):
            raise PermissionError(13, "The process cannot access the file")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    code, text = run_build(folder, out, capsys)
    assert code == 1 and "内部错误" not in text and "都没有改动" in text
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_build_into_a_folder_without_write_permission(make_data, tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    out.mkdir()
    real_open = os.open

    def refuse(path, flags, mode=0o777, **kw):
        if Path(path).parent == out and flags & os.O_CREAT:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, mode, **kw)

    monkeypatch.setattr(os, "open", refuse)
    code, text = run_build(make_data(), out, capsys)
    assert code == 1 and "内部错误" not in text and "没有写入权限" in text
    assert ".tmp" not in text and ".new" not in text


def test_build_outputs_are_readable_by_others(make_data, tmp_path, capsys):
    previous = os.umask(0o022)
    try:
        assert run_build(make_data(), tmp_path / "out", capsys)[0] == 0
    finally:
        os.umask(previous)
    modes = {stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "out").iterdir()}
    assert modes == {0o644}
