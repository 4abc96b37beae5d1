"""Bad input: a clear Chinese message, exit code 1, nothing written."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from yearbook.diagnostics import YearbookError
from yearbook.i18n import set_language
from yearbook.importers import import_file
from yearbook.importers.command import run_import

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CHAPTER = "政协某某市委员会\n综述\n【甲】全年召开会议5次。\n（政协某某市委员会办公室　张三供稿）\n"


@pytest.fixture(autouse=True)
def chinese():
    set_language("zh")
    yield
    set_language(None)


def _code(path: Path) -> str:
    with pytest.raises(YearbookError) as exc:
        import_file(path, year=2022)
    return exc.value.diagnostics[0].code


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "LANG": "zh_CN.UTF-8", "LC_ALL": "zh_CN.UTF-8"}
    return subprocess.run([sys.executable, "-m", "yearbook", *args], capture_output=True, text=True, env=env)


def test_renamed_pdf(tmp_path):
    path = tmp_path / "年鉴.docx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    assert _code(path) == "import.pdf"


def test_corrupt_zip(tmp_path):
    path = tmp_path / "年鉴.docx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    assert _code(path) == "import.bad_zip"


def test_zip_that_is_not_word(tmp_path):
    path = tmp_path / "表格.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    assert _code(path) == "import.not_docx"


def test_encrypted_docx(tmp_path):
    path = tmp_path / "加密.docx"
    path.write_bytes(OLE + b"\x00" * 100 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 100)
    assert _code(path) == "import.encrypted"


def test_old_binary_doc(tmp_path):
    path = tmp_path / "去年.doc"
    path.write_bytes(OLE + b"\x00" * 500)
    assert _code(path) == "import.doc"


def test_empty_file(tmp_path):
    path = tmp_path / "空.txt"
    path.write_bytes(b"")
    assert _code(path) == "import.empty"


def test_binary_junk_as_text(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(bytes(range(128, 256)) * 20)
    assert _code(path) == "import.not_text"


def test_gbk_text_is_read_and_named(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(CHAPTER.encode("gbk"))
    imported = import_file(path, year=2022)
    assert imported.source.encoding.startswith("GB18030")
    assert imported.book.chapters[0].sections[0].entries[0].paragraphs == ["全年召开会议5次。"]


def test_utf8_bom_and_crlf(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + CHAPTER.replace("\n", "\r\n").encode("utf-8"))
    imported = import_file(path, year=2022)
    assert "BOM" in imported.source.encoding
    assert imported.book.chapters[0].sections[0].title == "综述"


def test_cli_doc_message_and_exit_code(tmp_path):
    path = tmp_path / "去年.doc"
    path.write_bytes(OLE + b"\x00" * 500)
    result = _cli("import", str(path), "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "旧版 Word 文档" in result.stderr and "另存为" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_output_folder_with_data_is_refused_unless_force(tmp_path):
    source = tmp_path / "chapter.txt"
    source.write_text(CHAPTER, encoding="utf-8")
    out = tmp_path / "data"
    out.mkdir()
    (out / "book.yaml").write_text("旧数据\n", encoding="utf-8")
    result = _cli("import", str(source), "-o", str(out), "--year", "2022")
    assert result.returncode == 1
    assert "已有文件" in result.stderr and "--force" in result.stderr
    assert (out / "book.yaml").read_text(encoding="utf-8") == "旧数据\n"
    assert run_import(source, out, 2022, True) == 0
    assert "旧数据" not in (out / "book.yaml").read_text(encoding="utf-8")
    assert sorted(p.name for p in out.iterdir()) == ["book.yaml", "chapter1.yaml"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary folders left


def test_failed_import_leaves_nothing(tmp_path):
    source = tmp_path / "chapter.txt"
    source.write_text("综述\n【甲】正文。\n表1　会议一览表\n会议名称 |\n会议时间 |\n会议内容 |\n甲会议 |\n2月3日 |\n内容 |\n",
                      encoding="utf-8")
    result = _cli("import", str(source), "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "--year" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chapter.txt"]


def test_english_messages(tmp_path):
    set_language("en")
    path = tmp_path / "old.doc"
    path.write_bytes(OLE + b"\x00" * 500)
    with pytest.raises(YearbookError) as exc:
        import_file(path)
    assert "Save as" in exc.value.diagnostics[0].render()


def test_damaged_word_parts(tmp_path):
    path = tmp_path / "坏.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w:document garbage")
        z.writestr("[Content_Types].xml", "<Types/>")
    assert _code(path) == "import.bad_zip"


@pytest.mark.parametrize(
    ("content", "what"),
    [(b"<html><body><p>\xe6\x94\xbf\xe5\x8d\x8f</p></body></html>", "HTML"),
     (b"MIME-Version: 1.0\r\nContent-Type: multipart/related", "HTML"),
     (b"{\\rtf1\\ansi Hello}", "RTF")],
)
def test_word_files_that_are_web_pages_or_rtf(tmp_path, content, what):
    path = tmp_path / "下载.doc"
    path.write_bytes(content)
    with pytest.raises(YearbookError) as exc:
        import_file(path)
    assert exc.value.diagnostics[0].code == "import.disguised"
    assert what in exc.value.diagnostics[0].render()


def test_damaged_utf8_is_located_not_read_as_gbk(tmp_path):
    path = tmp_path / "坏.txt"
    good = CHAPTER.encode("utf-8")
    path.write_bytes(good[:60] + b"\xff" + good[60:])
    with pytest.raises(YearbookError) as exc:
        import_file(path, year=2022)
    d = exc.value.diagnostics[0]
    assert d.code == "import.bad_utf8" and d.location.line == 3
    assert "0xFF" in d.render()


def test_a_folder_is_not_a_file(tmp_path):
    assert _code(tmp_path) == "import.is_folder"


def test_really_encrypted_docx(tmp_path):
    import io

    import docx
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = io.BytesIO()
    docx.Document().save(plain)
    plain.seek(0)
    encrypted = io.BytesIO()
    OOXMLFile(plain).encrypt("密码123", encrypted)
    path = tmp_path / "有密码.docx"
    path.write_bytes(encrypted.getvalue())
    assert _code(path) == "import.encrypted"
