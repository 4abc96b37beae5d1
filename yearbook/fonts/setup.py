"""One-time font set-up: find every role's face and convert the CFF ones, so the first
build is as fast as the others. `python -m yearbook.fonts` (README set-up, CI)."""

from __future__ import annotations

import sys
from pathlib import Path

from yearbook.diagnostics import YearbookError
from yearbook.fonts.convert import Progress, stderr_progress
from yearbook.fonts.resolve import Face, Resolver, role_name
from yearbook.i18n import register, tr
from yearbook.style import available_styles, load_style

register(
    {
        "fonts.setup.face": ("{role_name}：{family}（{path}）", "{role_name}: {family} ({path})"),
        "fonts.setup.done": ("字体已就绪。", "Fonts are ready."),
    }
)


def prepare_fonts(progress: Progress | None = None) -> dict[str, dict[str, Face]]:
    """Resolve the faces of every built-in style (converting where needed): style name → faces."""
    progress = progress or stderr_progress
    resolver = Resolver(progress=progress)
    out: dict[str, dict[str, Face]] = {}
    errors = []
    for name in available_styles():
        faces, problems = resolver.resolve_all(load_style(name, Path(".")))
        out[name] = faces
        errors.extend(d for d in problems if d.code not in {e.code for e in errors})
    if errors:
        raise YearbookError(errors)
    return out


def main() -> int:
    try:
        prepared = prepare_fonts()
    except YearbookError as exc:
        for diag in exc.diagnostics:
            print(diag.render(), file=sys.stderr)
        return 1
    shown: set[str] = set()
    for faces in prepared.values():
        for role, face in faces.items():
            line = tr("fonts.setup.face", role_name=role_name(role), family=face.family, path=face.path)
            if line not in shown:
                shown.add(line)
                print(line)
            for diag in face.warnings:
                if diag.render() not in shown:
                    shown.add(diag.render())
                    print(diag.render())
    print(tr("fonts.setup.done"))
    return 0
