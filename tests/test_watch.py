"""`yearbook watch` for real: a subprocess, a saved file, the rebuilt output, Ctrl-C."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from yearbook.new import new_folder

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGINT to a child process is POSIX")


class Watcher:
    def __init__(self, folder: Path, out: Path, cwd: Path):
        env = {**os.environ, "LANG": "zh_CN.UTF-8", "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
        env.pop("LC_ALL", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "yearbook", "watch", str(folder), "-o", str(out)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=cwd,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line)

    def wait_for(self, text: str, timeout: float = 90) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                if self.proc.poll() is not None:
                    break
                continue
            self.seen.append(line)
            if text in line:
                return
        raise AssertionError(f"'{text}' not printed; output so far:\n{''.join(self.seen)}")

    def stop(self) -> tuple[int, str]:
        self.proc.send_signal(signal.SIGINT)
        self.proc.wait(timeout=30)
        self.reader.join(timeout=10)  # the reader has the rest of the output
        while not self.lines.empty():
            self.seen.append(self.lines.get())
        return self.proc.returncode, "".join(self.seen)


def test_watch_rebuilds_on_save_and_stops_cleanly(tmp_path: Path) -> None:
    folder = tmp_path / "临河"
    new_folder(folder, "政协临河区委员会", 2024, "通用")
    out = tmp_path / "out"
    pdf = out / "政协临河区委员会年鉴-2025.pdf"
    watcher = Watcher(folder, out, tmp_path)
    try:
        watcher.wait_for("正在监视")
        watcher.wait_for(".pdf")
        first = pdf.stat().st_mtime_ns
        assert "未发现问题" in "".join(watcher.seen)

        # A save with a proofreading error: rebuilt, and the finding is printed.
        chapter = folder / "类目.yaml"
        text = chapter.read_text(encoding="utf-8")
        chapter.write_text(text.replace("各项工作取得新进展。", "各项工作取得新进展,成效明显。"), encoding="utf-8")
        watcher.wait_for("类目.yaml 已修改")
        watcher.wait_for(".pdf")
        assert pdf.stat().st_mtime_ns > first
        assert "punct" in "".join(watcher.seen[-30:])

        # A save that breaks the data: errors printed, previous outputs kept whole.
        before = pdf.read_bytes()
        chapter.write_text(text.replace("sections:", "sectoins:"), encoding="utf-8")
        watcher.wait_for("未生成文件")
        assert "未知字段“sectoins”" in "".join(watcher.seen[-10:])
        assert pdf.read_bytes() == before
        assert sorted(p.name for p in out.iterdir()) == ["政协临河区委员会年鉴-2025.docx", "政协临河区委员会年鉴-2025.pdf"]
    finally:
        code, output = watcher.stop()
    assert code in (0, 130), output
    assert "Traceback" not in output
    assert "已结束监视" in output


def test_watch_a_missing_folder_says_so(tmp_path: Path) -> None:
    env = {**os.environ, "LANG": "zh_CN.UTF-8", "PYTHONPATH": str(ROOT)}
    env.pop("LC_ALL", None)
    done = subprocess.run([sys.executable, "-m", "yearbook", "watch", "没有"], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=60, check=False)
    assert done.returncode == 1 and "“没有”不是文件夹" in done.stderr and "Traceback" not in done.stderr
