"""Bad image files through the command line: a located Chinese message, exit 1, nothing
written, never a traceback; a low-resolution picture is a warning and the build goes on."""

from __future__ import annotations

import pytest

from tests import imagemaker as mk
from tests.test_cli import run

CHAPTER = """\
title: 政协测试市委员会
sections:
  - title: 重要会议
    entries:
      - title: 全体会议
        text: 会场见{{figure.hall}}。
        figure:
          file: images/hall.jpg
          caption: 全体会议会场
          photographer: 张三
          id: hall
"""


def folder(make_data, data: bytes | None, file: str = "images/hall.jpg"):
    folder = make_data({"chapter.yaml": CHAPTER.replace("images/hall.jpg", file)})
    (folder / "images").mkdir()
    if data is not None:
        (folder / "images" / "hall.jpg").write_bytes(data)
    return folder


@pytest.mark.parametrize(
    ("data", "file", "says"),
    [
        (None, "images/hall.jpg", "图片文件“images/hall.jpg”不存在"),
        (mk.jpeg(), "../hall.jpg", "不在数据文件夹内"),
        ("这是一份会议纪要".encode() * 30, "images/hall.jpg", "不是图片文件"),
        (mk.truncated_jpeg(), "images/hall.jpg", "已损坏或不完整"),
        (mk.heic_header(), "images/hall.jpg", "HEIC 格式，不支持；支持的格式：JPEG（.jpg .jpeg）、PNG（.png）"),
        (mk.webp(), "images/hall.jpg", "WEBP 格式，不支持"),
        (b"", "images/hall.jpg", "是空的"),
        (mk.png_claiming(0, 0), "images/hall.jpg", "0 × 0 像素"),
        (mk.png_claiming(30000, 30000), "images/hall.jpg", "像素过多（900,000,000"),
    ],
    ids=["missing", "outside", "text", "truncated", "heic", "webp", "empty", "zero-size", "bomb"],
)
def test_bad_image_stops_the_build(make_data, tmp_path, data, file, says):
    data_dir = folder(make_data, data, file)
    (data_dir.parent / "hall.jpg").write_bytes(mk.jpeg())
    out = tmp_path / "out"
    result = run("build", str(data_dir), "-o", str(out))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "data/chapter.yaml:8:17" in result.stderr and says in result.stderr, result.stderr
    assert not out.exists() or not any(out.iterdir())


def test_low_resolution_is_a_warning(make_data, tmp_path):
    data_dir = folder(make_data, mk.jpeg(300, 200))
    out = tmp_path / "out"
    result = run("build", str(data_dir), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "data/chapter.yaml:8:17" in result.stderr + result.stdout
    assert "低于印刷所需的 300 dpi" in result.stderr + result.stdout
    assert len(list(out.iterdir())) == 2
