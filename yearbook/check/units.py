"""The check report per unit of a whole book, and the machine-readable report.

A yearbook office sends each unit its own findings: every text and finding is
attributed to the unit folder its file lies in (the innermost, for a unit that
includes units); what the book's own files hold counts for the book itself.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass

from yearbook.check.chars import count_characters
from yearbook.check.report import PASS_LINE, CheckReport
from yearbook.check.site import walk
from yearbook.diagnostics import Diagnostic, Location, Severity, display_path
from yearbook.i18n import register, tr
from yearbook.load.book import Loaded

register(
    {
        "check.pass": ("合格", "pass"),
        "check.fail": ("不合格", "fail"),
        "units.title": ("各单位差错率（合格线 1/万）：", "Error rate by unit (pass line 1 per 10,000):"),
        "units.line": (
            "  {name}（{folder}）：{chars} 字，错误 {errors} 处，警告 {warnings} 处，"
            "差错率 {rate}/万，{verdict}",
            "  {name} ({folder}): {chars} characters, {errors} errors, {warnings} warnings, "
            "{rate} per 10,000, {verdict}",
        ),
        "units.own": ("全书自有内容", "the book's own texts"),
        "units.total": (
            "  全书合计：{chars} 字，错误 {errors} 处，警告 {warnings} 处，差错率 {rate}/万，{verdict}",
            "  whole book: {chars} characters, {errors} errors, {warnings} warnings, "
            "{rate} per 10,000, {verdict}",
        ),
    }
)


@dataclass
class UnitReport:
    name: str
    folder: str  # as messages show it; the book's own folder for its own texts
    own: bool = False  # the book's own texts rather than a unit's
    characters: int = 0
    errors: int = 0
    warnings: int = 0

    @property
    def rate(self) -> float:
        return self.errors * 10000 / self.characters if self.characters else 0.0

    @property
    def passed(self) -> bool:
        return self.rate <= PASS_LINE

    def as_dict(self) -> dict:
        return {
            "unit": self.name,
            "folder": self.folder,
            "own": self.own,
            "characters": self.characters,
            "errors": self.errors,
            "warnings": self.warnings,
            "rate": round(self.rate, 2),
            "passed": self.passed,
        }


class _Attribution:
    """File name → the unit whose folder holds it (the innermost one)."""

    def __init__(self, loaded: Loaded):
        book = loaded.book
        self.own = UnitReport(str(book.unit), display_path(loaded.data_dir, loaded.data_dir), own=True)
        self.units = [UnitReport(str(u.name), u.folder) for u in book.units]
        # Longest folder first, so a unit inside a unit takes its own files.
        self._by_folder = sorted(self.units, key=lambda r: len(r.folder), reverse=True)

    def of(self, loc: Location | None) -> UnitReport:
        if loc is not None:
            for unit in self._by_folder:
                if loc.file.startswith(unit.folder + os.sep) or loc.file.startswith(unit.folder + "/"):
                    return unit
        return self.own

    def rows(self) -> list[UnitReport]:
        """Units in book order, then the book's own texts when it has any."""
        return [*self.units, *([self.own] if self.own.characters or self.own.errors else [])]


def unit_reports(loaded: Loaded, report: CheckReport) -> tuple[list[UnitReport], _Attribution]:
    """Characters, errors and warnings of each unit (and of the book's own texts)."""
    who = _Attribution(loaded)
    for site in walk(loaded.book):
        who.of(site.text.loc).characters += count_characters(site.text)
    for finding in report.findings:
        row = who.of(finding.location)
        if finding.severity is Severity.ERROR:
            row.errors += 1
        else:
            row.warnings += 1
    return who.rows(), who


def render_units(rows: list[UnitReport], report: CheckReport) -> str:
    """The per-unit lines `yearbook check` prints for a whole book, and the total."""
    lines = [tr("units.title")]
    for row in rows:
        name = tr("units.own") if row.own else row.name
        lines.append(
            tr(
                "units.line",
                name=name,
                folder=row.folder,
                chars=row.characters,
                errors=row.errors,
                warnings=row.warnings,
                rate=f"{row.rate:.2f}",
                verdict=tr("check.pass") if row.passed else tr("check.fail"),
            )
        )
    lines.append(
        tr(
            "units.total",
            chars=report.characters,
            errors=len(report.errors),
            warnings=len(report.warnings),
            rate=f"{report.rate:.2f}",
            verdict=tr("check.pass") if report.passed else tr("check.fail"),
        )
    )
    return "\n".join(lines)


def _located(loc: Location | None) -> dict[str, str | int | None]:
    return {
        "file": loc.file if loc else None,
        "line": loc.line if loc else None,
        "column": loc.column if loc else None,
    }


def report_json(loaded: Loaded, report: CheckReport, others: Sequence[Diagnostic] = ()) -> str:
    """The whole report as JSON: per unit, the total, and every finding located; `others`,
    the warnings outside the proofreading rules (text YAML left out, records no text uses),
    located the same way and not counted in the error rate."""
    rows, who = unit_reports(loaded, report)
    findings = []
    for f in report.findings:
        loc = f.location
        findings.append(
            {
                **_located(loc),
                "rule": f.rule,
                "severity": f.severity.value,
                "message": f.text(),
                "excerpt": f.excerpt,
                "fixable": f.fix is not None,
                "unit": who.of(loc).name,
            }
        )
    total = {
        "characters": report.characters,
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "rate": round(report.rate, 2),
        "passed": report.passed,
    }
    other_warnings = []
    for d in others:
        loc = d.location
        other_warnings.append(
            {
                **_located(loc),
                "code": d.code,
                "severity": d.severity.value,
                "message": tr(d.code, **d.args),
                "unit": who.of(loc).name,
            }
        )
    data = {"book": str(loaded.book.title), "units": [r.as_dict() for r in rows], "total": total,
            "findings": findings, "other_warnings": other_warnings}
    return json.dumps(data, ensure_ascii=False, indent=2)
