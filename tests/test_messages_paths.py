"""Messages a user can act on: file paths that open from where the command ran,
argparse in Chinese, and a summary whose counts match the lines printed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT
from yearbook.diagnostics import display_path
from yearbook.new import new_folder


def run(*args: str, cwd: Path, lang: str = "zh_CN.UTF-8") -> subprocess.CompletedProcess:
    env = {**os.environ, "LANG": lang, "PYTHONPATH": str(ROOT)}
    env.pop("LC_ALL", None)
    env.pop("LC_MESSAGES", None)
    return subprocess.run([sys.executable, "-m", "yearbook", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, check=False)


def _broken_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "work" / "临河"
    new_folder(folder, "政协临河区委员会", 2024, "通用")
    chapter = folder / "类目.yaml"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("sections:", "sectoins:"), encoding="utf-8")
    return folder


def test_paths_are_relative_to_the_current_folder(tmp_path: Path) -> None:
    folder = _broken_folder(tmp_path)
    line = "类目.yaml:16:1: 错误"
    from_parent = run("check", "临河", cwd=folder.parent)
    assert from_parent.returncode == 1 and f"临河/{line}" in from_parent.stderr, from_parent.stderr
    from_above = run("check", "work/临河", cwd=tmp_path)
    assert f"work/临河/{line}" in from_above.stderr
    from_inside = run("check", ".", cwd=folder)
    assert from_inside.stderr.startswith(line), from_inside.stderr
    # Printed paths open as printed from where the command ran.
    for done, cwd in ((from_parent, folder.parent), (from_above, tmp_path), (from_inside, folder)):
        shown = done.stderr.split(":", 1)[0]
        assert (cwd / shown).is_file(), shown


def test_paths_outside_the_current_folder_are_absolute(tmp_path: Path) -> None:
    folder = _broken_folder(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = run("check", str(folder), cwd=elsewhere)
    assert done.stderr.startswith(f"{folder.resolve()}/类目.yaml:16:1"), done.stderr


def test_display_path(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert display_path(tmp_path / "a" / "b.yaml") == str(Path("a") / "b.yaml")
    assert display_path(Path("a/b.yaml")) == str(Path("a") / "b.yaml")
    assert display_path(tmp_path.parent / "x.yaml") == str(tmp_path.parent / "x.yaml")


def test_argparse_messages_are_chinese(tmp_path: Path) -> None:
    cases = [
        ("biuld", "data"),
        ("new", "x", "--type", "县志"),
        ("build",),
        ("check", "data", "--frobnicate"),
        ("new", "x", "--year", "明年"),
        ("build", "data", "-o"),
    ]
    for args in cases:
        done = run(*args, cwd=tmp_path)
        assert done.returncode == 2, args
        assert "Traceback" not in done.stderr
        # Only names and values stay in Latin letters; argparse's English words do not appear.
        english = re.findall(r"\b(invalid|choice|required|arguments?|unrecognized|expected|usage|error)\b",
                             done.stderr)
        assert not english, (args, done.stderr)
        assert "用法：" in done.stderr and "命令写法有误" in done.stderr
    help_text = run("new", "-h", cwd=tmp_path).stdout
    assert "显示本帮助并退出" in help_text and "选项" in help_text


def test_argparse_messages_stay_english_in_english(tmp_path: Path) -> None:
    done = run("new", "x", "--type", "county", cwd=tmp_path, lang="en_GB.UTF-8")
    assert done.returncode == 2 and "invalid choice: 'county'" in done.stderr
    done = run("--lang", "en", "biuld", cwd=tmp_path)
    assert "invalid choice" in done.stderr


def test_summary_counts_match_lines_printed(tmp_path: Path) -> None:
    folder = tmp_path / "临河"
    new_folder(folder, "政协临河区委员会", 2024, "政协")
    chapter = folder / "类目.yaml"
    text = chapter.read_text(encoding="utf-8")
    text = text.replace("研究部署重点工作。", "研究部署重点工作,")  # a half-width comma: an error
    text = text.replace("{{added.date}}，增补{{added.names}}为委员。", "年内增补委员。")  # record unused: a warning
    chapter.write_text(text, encoding="utf-8")
    done = run("check", "临河", cwd=tmp_path)
    out = done.stdout + done.stderr
    errors = len(re.findall(r"^临河/\S+: 错误", out, re.M))
    warnings = len(re.findall(r"^临河/\S+: 警告", out, re.M))
    summary = re.search(r"错误 (\d+) 处，警告 (\d+) 处", out)
    other = re.search(r"另有数据和排版警告 (\d+) 处", out)
    assert summary and other, out
    assert errors == int(summary[1]) >= 1
    assert warnings == int(summary[2]) + int(other[1]) and int(other[1]) >= 1, out
