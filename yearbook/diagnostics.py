"""Located messages for the user: errors, warnings and the exception that carries them."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from yearbook.i18n import language, register, templates, tr


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file; line and column count from 1."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass
class Diagnostic:
    """One message: `code` names a template in yearbook.i18n; `args` fill it."""

    code: str
    args: dict = field(default_factory=dict)
    location: Location | None = None
    path: str = ""  # field path such as chapters[1].sections[0].title
    severity: Severity = Severity.ERROR

    def render(self) -> str:
        where = str(self.location) if self.location else ""
        head = tr(f"severity.{self.severity.value}")
        body = tr(self.code, **self.args)
        field_part = tr("diag.field", path=self.path) if self.path else ""
        colon = "：" if language() == "zh" else ": "
        prefix = f"{where}: " if where else ""
        return f"{prefix}{head}{colon}{field_part}{body}"

    def __reduce__(self) -> tuple:
        # Made in a background process and rendered in this one (background.py), which
        # may not have imported the module that registered the message: send it along.
        fields = (self.code, self.args, self.location, self.path, self.severity)
        return (_received, (fields, templates({self.code})))


def _received(fields: tuple, messages: dict[str, tuple[str, str]]) -> Diagnostic:
    register(messages)
    return Diagnostic(*fields)


class YearbookError(Exception):
    """Raised with every error of a stage, so the user sees them all at once."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__("\n".join(d.render() for d in diagnostics))
        self.diagnostics = diagnostics

    def __reduce__(self) -> tuple[type[YearbookError], tuple[list[Diagnostic]]]:
        # Raised in a background process and sent back (background.py) as it was made.
        return (YearbookError, (self.diagnostics,))


def display_path(path: Path | str, root: Path | None = None) -> str:
    """A file name the user can open as printed: relative to the current folder
    when the file is inside it, else absolute (another drive on Windows, say).

    `root` (the data folder) is accepted for older callers; it does not change the
    result, so every message names a file the same way.
    """
    path = Path(path)
    try:
        absolute = path.resolve()
        cwd = Path.cwd().resolve()
    except OSError:  # the current folder was deleted, say
        return str(path)
    try:
        return str(absolute.relative_to(cwd))
    except ValueError:
        return str(absolute)
