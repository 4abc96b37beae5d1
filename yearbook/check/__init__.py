"""Proofreading checks: what a yearbook editor would mark, found from the data.

report = run_checks(loaded)          # every rule over every text and record
print(report.render())               # findings, then the summary and error rate
changed = apply_fixes(loaded, report.findings)   # safe fixes only, in place

The names are imported on first use: a build receives its report from the process
that ran the checks, and reading it back needs only `finding` and `report`, not the
rules with their word lists and patterns.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from yearbook.check.finding import Finding, Fix
    from yearbook.check.fix import apply_fixes
    from yearbook.check.report import PASS_LINE, CheckReport
    from yearbook.check.resources import Resources, load_resources
    from yearbook.check.run import run_checks

_HOMES = {
    "PASS_LINE": "report",
    "CheckReport": "report",
    "Finding": "finding",
    "Fix": "finding",
    "Resources": "resources",
    "apply_fixes": "fix",
    "load_resources": "resources",
    "run_checks": "run",
}

__all__ = [
    "PASS_LINE",
    "CheckReport",
    "Finding",
    "Fix",
    "Resources",
    "apply_fixes",
    "load_resources",
    "run_checks",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
