"""What a check reports: a located finding, with an optional safe fix."""

from __future__ import annotations

from dataclasses import dataclass, field

from yearbook.diagnostics import Location, Severity
from yearbook.i18n import tr
from yearbook.text import Text


@dataclass(frozen=True)
class Fix:
    """Replace `original` (characters start..end of `text`) with `replacement`.

    Only fixes that cannot change the meaning are made (punctuation width); the
    fixer checks that the file still holds `original` at that place before editing.
    """

    text: Text
    start: int
    end: int
    original: str
    replacement: str


@dataclass
class Finding:
    rule: str
    severity: Severity
    message: str  # an i18n message id
    args: dict = field(default_factory=dict)
    location: Location | None = None
    excerpt: str = ""  # the offending characters, for the report and the allow list
    fix: Fix | None = None

    def text(self) -> str:
        return tr(self.message, **self.args)

    def render(self) -> str:
        where = f"{self.location}: " if self.location else ""
        head = tr(f"severity.{self.severity.value}")
        fix = tr("check.fixable") if self.fix else ""
        return f"{where}{head}: [{self.rule}] {self.text()}{fix}"
