"""`--fix`: apply the safe fixes in place, leaving every other byte of the YAML as it was.

The raw file text is edited at the exact character a finding points to (line and
column from Text.position). A fix is applied only when the file still holds the
expected character there, with the same neighbours as in the text; otherwise it is
skipped (a quoted scalar with escapes, a file changed since it was read).
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from yearbook.check.finding import Finding, Fix
from yearbook.diagnostics import display_path
from yearbook.load.book import Loaded

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
BOM = b"\xef\xbb\xbf"


def _line_starts(content: str) -> list[int]:
    return [0] + [m.end() for m in _LINE_BREAK.finditer(content)]


def _offset(content: str, starts: list[int], line: int, column: int) -> int | None:
    if not 1 <= line <= len(starts):
        return None
    return starts[line - 1] + column - 1


def _matches(content: str, at: int, fix: Fix) -> bool:
    """The file holds the fix's original characters at `at`, between the same neighbours."""
    text = str(fix.text)
    if content[at : at + len(fix.original)] != fix.original:
        return False
    if fix.start > 0 and (at == 0 or content[at - 1] != text[fix.start - 1]):
        return False
    after = at + len(fix.original)
    return fix.end >= len(text) or content[after : after + 1] == text[fix.end]


def _write(path: Path, content: str, had_bom: bool) -> None:
    data = (BOM if had_bom else b"") + content.encode("utf-8")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def apply_fixes(loaded: Loaded, findings: list[Finding]) -> list[Path]:
    """Apply every safe fix of `findings` to the data files; return the files changed."""
    by_name = {display_path(p, loaded.data_dir): p for p in loaded.files}
    edits: dict[Path, dict[int, Fix]] = {}
    for finding in findings:
        fix = finding.fix
        if fix is None:
            continue
        loc = fix.text.position(fix.start)
        path = by_name.get(loc.file) if loc else None
        if loc is None or path is None:
            continue
        content = loaded.files[path]
        at = _offset(content, _line_starts(content), loc.line, loc.column)
        if at is not None and _matches(content, at, fix):
            edits.setdefault(path, {})[at] = fix
    changed: list[Path] = []
    for path, fixes in edits.items():
        raw = path.read_bytes()
        had_bom = raw.startswith(BOM)
        try:
            current = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            continue
        if current != loaded.files[path]:
            continue  # changed since it was read: the offsets no longer hold
        content = current
        for at in sorted(fixes, reverse=True):
            fix = fixes[at]
            content = content[:at] + fix.replacement + content[at + len(fix.original) :]
        if content != current:
            _write(path, content, had_bom)
            loaded.files[path] = content
            changed.append(path)
    return changed
