"""The command line: exit codes and messages, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def run(*args: str, env_lang: str = "zh_CN.UTF-8") -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "LANG": env_lang, "PYTHONPATH": str(ROOT), "HOME": str(Path.home())}
    return subprocess.run(
        [sys.executable, "-m", "yearbook", *args], capture_output=True, text=True, env=env, cwd=ROOT
    )


def test_check_ok(make_data):
    result = run("check", str(make_data()))
    assert result.returncode == 0, result.stderr
    assert "数据检查通过" in result.stdout


def test_bad_input_exit_1_located_chinese_no_traceback(make_data):
    folder = make_data({"chapter.yaml": "title: c\ntitel: d\n"})
    result = run("check", str(folder))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "data/chapter.yaml:2:1" in result.stderr and "未知字段“titel”" in result.stderr


def test_english_locale(make_data):
    folder = make_data({"chapter.yaml": "title: c\ntitel: d\n"})
    result = run("check", str(folder), env_lang="en_GB.UTF-8")
    assert result.returncode == 1 and "unknown field 'titel'" in result.stderr


def test_missing_folder(tmp_path):
    result = run("check", str(tmp_path / "nope"))
    assert result.returncode == 1 and "不是文件夹" in result.stderr and "Traceback" not in result.stderr


def test_build_writes_both_files(make_data, tmp_path):
    out = tmp_path / "out"
    result = run("build", str(make_data()), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["测试年鉴.docx", "测试年鉴.pdf"]


def test_failed_build_leaves_earlier_outputs_untouched(make_data, tmp_path):
    folder = make_data()
    out = tmp_path / "out"
    assert run("build", str(folder), "-o", str(out)).returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (folder / "chapter.yaml").write_text("title: [broken\n", encoding="utf-8")
    result = run("build", str(folder), "-o", str(out))
    assert result.returncode == 1
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_check_prints_findings_and_rate(make_data):
    chapter = (make_data() / "chapter.yaml").read_text(encoding="utf-8").replace("第二段。", "关于关于第二段。")
    folder = make_data({"chapter.yaml": chapter})
    result = run("check", str(folder))
    assert result.returncode == 0
    assert "[rep.doubled]" in result.stdout and "data/chapter.yaml:9:" in result.stdout
    assert "/万" in result.stdout
    assert run("check", "--strict", str(folder)).returncode == 1


def test_strict_build_fails_on_check_errors_and_writes_nothing(make_data, tmp_path):
    chapter = (make_data() / "chapter.yaml").read_text(encoding="utf-8").replace("第二段。", "关于关于第二段。")
    out = tmp_path / "out"
    result = run("build", "--strict", str(make_data({"chapter.yaml": chapter})), "-o", str(out))
    assert result.returncode == 1 and "--strict" in result.stderr
    assert not out.exists() or not any(out.iterdir())


def test_check_fix_rewrites_only_the_marks(make_data):
    chapter = (make_data() / "chapter.yaml").read_text(encoding="utf-8")
    chapter = "# 注释保留\n" + chapter.replace("第二段。", "第二段,第三句。")
    folder = make_data({"chapter.yaml": chapter})
    result = run("check", "--fix", str(folder))
    assert result.returncode == 0, result.stderr
    assert (folder / "chapter.yaml").read_text(encoding="utf-8") == chapter.replace("第二段,", "第二段，")
