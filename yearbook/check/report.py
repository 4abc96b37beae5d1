"""The summary of a check: findings, characters checked and the error rate."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from yearbook.check.finding import Finding
from yearbook.diagnostics import Severity
from yearbook.i18n import language, register, tr

register(
    {
        "check.fixable": ("（可用 --fix 自动修正）", " (--fix can correct this)"),
        "check.none": ("未发现问题。", "No problems found."),
        "check.summary": (
            "检查字数 {chars} 字；错误 {errors} 处，警告 {warnings} 处。",
            "{chars} characters checked; {errors} errors, {warnings} warnings.",
        ),
        "check.by_rule": ("按规则：", "By rule:"),
        "check.rule_line": (
            "{rule}（{desc}）：错误 {errors}，警告 {warnings}",
            "{rule} ({desc}): {errors} errors, {warnings} warnings",
        ),
        "check.rate": (
            "差错率 {rate}/万（合格线 1/万）：{verdict}",
            "error rate {rate} per 10,000 characters (pass line 1 per 10,000): {verdict}",
        ),
        "check.pass": ("合格", "pass"),
        "check.fail": ("不合格", "fail"),
        "check.rate_note": (
            "差错率只计“错误”；“警告”须由编辑判断。",
            "Only errors count towards the rate; warnings are for the editor to judge.",
        ),
    }
)

PASS_LINE = 1.0  # errors per 10,000 characters (《图书质量管理规定》)


@dataclass
class CheckReport:
    findings: list[Finding]
    characters: int
    rules: list[tuple[str, str, str]] = field(default_factory=list)  # id, zh, en description

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]

    def by_rule(self) -> dict[str, tuple[int, int]]:
        """Rule id → (errors, warnings), for rules with findings."""
        errors = Counter(f.rule for f in self.errors)
        warnings = Counter(f.rule for f in self.warnings)
        ids = [r for r, _, _ in self.rules] or sorted(set(errors) | set(warnings))
        return {r: (errors[r], warnings[r]) for r in ids if errors[r] or warnings[r]}

    @property
    def rate(self) -> float:
        """Errors per 10,000 characters."""
        return len(self.errors) * 10000 / self.characters if self.characters else 0.0

    @property
    def passed(self) -> bool:
        return self.rate <= PASS_LINE

    def summary(self) -> str:
        """The few lines `yearbook build` prints."""
        lines = [
            tr("check.summary", chars=self.characters, errors=len(self.errors), warnings=len(self.warnings))
        ]
        by_rule = self.by_rule()
        if by_rule:
            lines.append(tr("check.by_rule"))
            descs = {r: (zh, en) for r, zh, en in self.rules}
            for rule, (e, w) in by_rule.items():
                zh, en = descs.get(rule, (rule, rule))
                desc = en if language() == "en" else zh
                lines.append("  " + tr("check.rule_line", rule=rule, desc=desc, errors=e, warnings=w))
        verdict = tr("check.pass") if self.passed else tr("check.fail")
        lines.append(tr("check.rate", rate=f"{self.rate:.2f}", verdict=verdict))
        lines.append(tr("check.rate_note"))
        return "\n".join(lines)

    def render(self) -> str:
        """Every finding, one a line, then the summary: what `yearbook check` prints."""
        lines = [f.render() for f in self.findings] or [tr("check.none")]
        return "\n".join([*lines, "", self.summary()])
