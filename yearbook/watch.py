"""`yearbook watch`: rebuild whenever a file of the data folder is saved.

watchfiles (OS file events, not polling) reports saves; editors often write a file
in several steps, so changes within a short window are taken together. Each build
writes its outputs atomically (yearbook.build), so an error or Ctrl-C in the middle
leaves the previous DOCX and PDF whole.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path

import watchfiles

from yearbook.i18n import register, tr

register(
    {
        "watch.start": (
            "正在监视“{path}”：保存文件后自动重新生成；按 Ctrl+C 结束。",
            "Watching '{path}': saving a file rebuilds; press Ctrl+C to stop.",
        ),
        "watch.changed": ("[{time}] {files} 已修改，重新生成……", "[{time}] {files} changed, rebuilding…"),
        "watch.first": ("[{time}] 生成……", "[{time}] building…"),
        "watch.stopped": ("已结束监视。", "Stopped watching."),
    }
)

DATA_SUFFIXES = (".yaml", ".yml")
DEBOUNCE_MS = 300
READY_MS = 200


def _now() -> str:
    return dt.datetime.now().strftime("%H:%M:%S")


class DataFilter(watchfiles.DefaultFilter):
    """YAML files (data, styles) and images of the data folder; never the outputs or
    their temporary files, which would otherwise start the next build."""

    def __init__(self, ignore: Iterable[Path] = ()):
        super().__init__(ignore_paths=[str(p.resolve()) for p in ignore])

    def __call__(self, change: watchfiles.Change, path: str) -> bool:
        name = Path(path).name
        if name.startswith(".") or name.endswith(".tmp"):
            return False
        return super().__call__(change, path)


def watch(
    data_dir: Path,
    out_dir: Path,
    build_once: Callable[[], None],
    shown: Callable[[Path], str] = str,
) -> int:
    """Build once, then again after every change, until Ctrl-C (returns 0)."""
    print(tr("watch.start", path=shown(data_dir)), flush=True)
    built = False
    try:
        # The first (empty) yield comes once the watcher is running: building only
        # then means no save made during the first build is missed.
        for changes in watchfiles.watch(
            data_dir,
            watch_filter=DataFilter([out_dir]),
            debounce=DEBOUNCE_MS,
            rust_timeout=READY_MS,
            yield_on_timeout=True,
            raise_interrupt=True,
        ):
            if not built:
                print(tr("watch.first", time=_now()), flush=True)
            elif changes:
                names = "、".join(sorted({shown(Path(p)) for _, p in changes}))
                print(f"\n{tr('watch.changed', time=_now(), files=names)}", flush=True)
            else:
                continue
            build_once()
            built = True
    except KeyboardInterrupt:
        pass
    print(tr("watch.stopped"), flush=True)
    return 0
