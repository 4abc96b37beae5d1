"""The .docx zip container: the bytes zipfile would write, pictures deflated once per machine."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

from tests import imagemaker as mk
from yearbook import imagecache
from yearbook.doctree import Document, Figure, Metadata, Paragraph, Run
from yearbook.images import make_picture
from yearbook.style import load_style
from yearbook.writers.docx import write_docx
from yearbook.writers.docx.zipwriter import deflate, write_zip

ROOT = Path(__file__).resolve().parents[2]
STAMP = (2023, 1, 1, 0, 0, 0)
MEMBERS = [
    ("[Content_Types].xml", b'<?xml version="1.0"?><Types/>'),
    ("word/document.xml", "<w:document>正文</w:document>".encode() * 500),
    ("word/media/image1.jpg", os.urandom(70_000)),  # does not deflate: stored bigger
    ("word/empty.xml", b""),
    ("word/名称.xml", b"<a/>"),  # a name outside ASCII: the UTF-8 flag
]


def _zipfile_bytes(members: list[tuple[str, bytes]], stamp: tuple[int, ...]) -> bytes:
    """What the package was written with before: zipfile.writestr, level 6, no attributes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in members:
            entry = zipfile.ZipInfo(name, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0
            dst.writestr(entry, data, compresslevel=6)
    return out.getvalue()


@pytest.mark.parametrize("stamp", [STAMP, (1980, 1, 1, 0, 0, 0), (2024, 12, 31, 23, 59, 58)])
def test_same_bytes_as_zipfile(stamp: tuple[int, int, int, int, int, int]) -> None:
    ours = write_zip(((name, data, None) for name, data in MEMBERS), stamp)
    assert ours == _zipfile_bytes(MEMBERS, stamp)
    with zipfile.ZipFile(io.BytesIO(ours)) as package:
        assert package.testzip() is None
        assert [(i.filename, package.read(i)) for i in package.infolist()] == MEMBERS
        assert {i.date_time for i in package.infolist()} == {stamp}


def test_deflated_bytes_given_are_used_as_they_are() -> None:
    given = [(name, data, deflate(data)) for name, data in MEMBERS]
    assert write_zip(given, STAMP) == _zipfile_bytes(MEMBERS, STAMP)
    # Bytes from elsewhere are written, not deflated again (the CRC is the data's).
    data = b"<a/>" * 100
    other = deflate(data)
    assert other in write_zip([("a.xml", data, other)], STAMP)


def _figure_document() -> Document:
    picture = make_picture(mk.jpeg(900, 600), "hall.jpg")
    return Document(Metadata("测试年鉴", "测试单位", edition=2023),
                    [Paragraph([Run("正文。")]), Figure(1, "会场", picture)])


def test_a_picture_is_deflated_once_then_read_from_the_cache(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YEARBOOK_CACHE", str(tmp_path))
    style = load_style("yearbook", ROOT / "data")
    doc = _figure_document()
    first = io.BytesIO()
    write_docx(doc, style, first)
    cached = list((tmp_path / "images" / "rendered").glob("*.bin"))
    assert len(cached) == 1  # the one picture's deflated bytes
    deflated = imagecache.rendered  # what the second build reads

    calls: list[str] = []

    def reading(key: str) -> bytes | None:
        calls.append(key)
        return deflated(key)

    monkeypatch.setattr(imagecache, "rendered", reading)
    second = io.BytesIO()
    write_docx(doc, style, second)
    assert calls and all(key.startswith("docx-deflate|") for key in calls)
    assert second.getvalue() == first.getvalue()
    with zipfile.ZipFile(second) as package:
        assert package.testzip() is None


def test_without_a_cache_folder_the_package_is_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    style = load_style("yearbook", ROOT / "data")
    doc = _figure_document()
    monkeypatch.setenv("YEARBOOK_CACHE", str(tmp_path))
    cached = io.BytesIO()
    write_docx(doc, style, cached)

    def no_home(key: str) -> bytes | None:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(imagecache, "rendered", no_home)
    bare = io.BytesIO()
    write_docx(doc, style, bare)
    assert bare.getvalue() == cached.getvalue()
