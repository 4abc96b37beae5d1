"""Proofreading checks: what a yearbook editor would mark, found from the data.

report = run_checks(loaded)          # every rule over every text and record
print(report.render())               # findings, then the summary and error rate
changed = apply_fixes(loaded, report.findings)   # safe fixes only, in place
"""

from yearbook.check.finding import Finding, Fix
from yearbook.check.fix import apply_fixes
from yearbook.check.report import PASS_LINE, CheckReport
from yearbook.check.resources import Resources, load_resources
from yearbook.check.run import run_checks

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
