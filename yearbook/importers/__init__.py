"""Readers into the model: `yearbook import` turns a .docx or a .txt/.md file into a
data folder. Front ends (docx_reader, text_reader) make neutral source blocks; the
recogniser (recognise) makes the model; yearbook.dump writes it as YAML.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from yearbook.diagnostics import Diagnostic, YearbookError
from yearbook.i18n import register
from yearbook.importers.recognise import Imported, recognise
from yearbook.importers.source import Source

register(
    {
        "import.no_file": ("找不到文件“{file}”", "'{file}' does not exist"),
        "import.is_folder": (
            "“{file}”是文件夹。请指定要导入的文件（.docx、.txt 或 .md）",
            "'{file}' is a folder. Name the file to import (.docx, .txt or .md)",
        ),
        "import.cannot_read": ("无法读取“{file}”：{reason}", "cannot read '{file}': {reason}"),
        "import.empty": (
            "“{file}”是空文件，没有可导入的内容",
            "'{file}' is empty: there is nothing to import",
        ),
        "import.pdf": (
            "“{file}”实际上是 PDF 文件，不是 Word 文档。请用原始的 .docx 文件导入，"
            "或把 PDF 中的文字复制到 .txt 文件后导入",
            "'{file}' is really a PDF, not a Word document. Import the original .docx, or copy "
            "the PDF's text into a .txt file and import that",
        ),
        "import.doc": (
            "“{file}”是旧版 Word 文档（.doc），本工具读不了。请在 Word 或 WPS 中打开它，"
            "“另存为”Word 文档（*.docx）后再导入",
            "'{file}' is an old binary Word document (.doc), which this tool cannot read. Open it in "
            "Word or WPS and 'Save as' a Word document (*.docx), then import that",
        ),
        "import.encrypted": (
            "“{file}”设置了打开密码（已加密），本工具读不了。请在 Word 或 WPS 中打开它，"
            "取消密码（文件 → 信息 → 保护文档 → 用密码进行加密，清空密码）并保存后再导入",
            "'{file}' is protected with a password (encrypted). Open it in Word or WPS, remove the "
            "password (File → Info → Protect Document → Encrypt with Password, clear it), save, "
            "and import again",
        ),
        "import.disguised": (
            "“{file}”名为 Word 文档，实际上是 {what} 格式（常见于从网站下载的“Word”文件）。"
            "请在 Word 或 WPS 中打开它，“另存为”Word 文档（*.docx）后再导入",
            "'{file}' is named as a Word document but is really {what} (common for 'Word' files "
            "downloaded from websites). Open it in Word or WPS and 'Save as' a Word document (*.docx)",
        ),
        "import.bad_zip": (
            "“{file}”不是有效的 Word 文档（.docx）：文件已损坏或不完整。请在 Word 或 WPS 中打开并"
            "重新保存为 .docx 后再导入",
            "'{file}' is not a valid Word document (.docx): the file is damaged or incomplete. Open it "
            "in Word or WPS, save it again as .docx, and import that",
        ),
        "import.not_docx": (
            "“{file}”不是 Word 文档（.docx）（{what}）。本工具可导入 .docx、.txt 和 .md 文件",
            "'{file}' is not a Word document (.docx) ({what}). This tool imports .docx, .txt and .md files",
        ),
        "import.what_zip": ("是压缩包，但其中没有 Word 正文", "a zip archive without a Word document body"),
        "import.what_unknown": ("文件内容不是 Word 格式", "its content is not in Word format"),
        "import.unsupported": (
            "不支持导入“{suffix}”文件。本工具可导入 .docx（Word、WPS）、.txt 和 .md 文件",
            "cannot import '{suffix}' files. This tool imports .docx (Word, WPS), .txt and .md files",
        ),
    }
)

WORD_SUFFIXES = (".docx", ".docm", ".dotx", ".doc", ".wps")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
# An encrypted .docx is an OLE compound file whose directory names this stream (UTF-16LE).
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")


def _fail(code: str, **args: object) -> YearbookError:
    return YearbookError([Diagnostic(code, dict(args))])


def read_source(path: Path) -> Source:
    """The neutral blocks of a file, or a YearbookError saying plainly what the file is."""
    file = str(path)
    if path.is_dir():
        raise _fail("import.is_folder", file=file)
    if not path.is_file():
        raise _fail("import.no_file", file=file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _fail("import.cannot_read", file=file, reason=exc.strerror or exc) from exc
    if not data.strip():
        raise _fail("import.empty", file=file)
    suffix = path.suffix.lower()
    if data.startswith(OLE_MAGIC):
        raise _fail("import.encrypted" if _ENCRYPTION_INFO in data else "import.doc", file=file)
    if data.startswith(b"%PDF"):
        raise _fail("import.pdf", file=file)
    disguised = _disguised(data)
    if disguised and suffix in WORD_SUFFIXES:
        raise _fail("import.disguised", file=file, what=disguised)
    if data.startswith(b"PK\x03\x04") or suffix in WORD_SUFFIXES:
        return _docx(data, file, suffix)
    if suffix == ".doc":
        raise _fail("import.doc", file=file)
    if suffix not in TEXT_SUFFIXES:
        raise _fail("import.unsupported", suffix=path.suffix)
    from yearbook.importers.text_reader import read_text

    return read_text(data, file)


def _docx(data: bytes, file: str, suffix: str) -> Source:
    import io

    from yearbook.importers.docx_reader import DamagedDocx, read_docx

    if not data.startswith(b"PK"):
        raise _fail("import.not_docx", file=file, what=_What("import.what_unknown"))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            if "word/document.xml" not in names:
                raise _fail("import.not_docx", file=file, what=_What("import.what_zip"))
            z.testzip()
    except (zipfile.BadZipFile, EOFError, ValueError, OSError) as exc:
        raise _fail("import.bad_zip", file=file) from exc
    try:
        return read_docx(data, file)
    except DamagedDocx as exc:
        raise _fail("import.bad_zip", file=file) from exc


def _disguised(data: bytes) -> str | None:
    """Web systems often export 'Word' files that are really web pages or RTF."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \r\n\t").lower()
    if head.startswith(b"{\\rtf"):
        return "RTF"
    if head.startswith((b"<html", b"<!doctype html", b"<?xml")) or b"mime-version:" in head:
        return "HTML"
    return None


class _What:
    def __init__(self, code: str):
        self.code = code

    def __str__(self) -> str:
        from yearbook.i18n import tr

        return tr(self.code)


def import_file(path: Path, year: int | None = None) -> Imported:
    """Read a .docx, .txt or .md file into the model of a book."""
    return recognise(read_source(path), year)


__all__ = ["Imported", "import_file", "read_source"]
