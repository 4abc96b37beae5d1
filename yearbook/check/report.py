"""The summary of a check: findings, characters checked and the error rate."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from yearbook.check.finding import Finding
from yearbook.diagnostics import Severity
from yearbook.i18n import language, register, templates, tr

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
        "check.other_warnings": (
            "另有数据和排版警告 {n} 处（见上），不属校对结果，不计入差错率。",
            "{n} more data and layout warnings are shown above; they are not proofreading "
            "findings and do not count towards the rate.",
        ),
        "check.rate_pass": (
            "差错率 {rate}/万，未超过合格线 1/万：合格。",
            "error rate {rate} per 10,000 characters, within the pass line of 1 per 10,000: pass.",
        ),
        "check.rate_fail": (
            "差错率 {rate}/万，超过合格线 1/万：不合格。"
            "所查 {chars} 字至多允许 {allowed} 处错误，现有 {errors} 处。",
            "error rate {rate} per 10,000 characters, over the pass line of 1 per 10,000: fail. "
            "{chars} characters allow at most {allowed} errors; there are {errors}.",
        ),
        "check.counted": (
            "计入差错率的是 {errors} 处“错误”（{rules}）；{warnings} 处“警告”不计入，须由编辑判断。",
            "The rate counts the {errors} errors ({rules}); the {warnings} warnings do not count "
            "and are for the editor to judge.",
        ),
        "check.counted_none": (
            "差错率只计“错误”，本次没有；{warnings} 处“警告”不计入，须由编辑判断。",
            "The rate counts errors only, and there are none; the {warnings} warnings are for the "
            "editor to judge.",
        ),
    }
)

PASS_LINE = 1.0  # errors per 10,000 characters (《图书质量管理规定》)


@dataclass
class CheckReport:
    findings: list[Finding]
    characters: int
    rules: list[tuple[str, str, str]] = field(default_factory=list)  # id, zh, en description
    # warnings printed beside the findings that are not the checks' own (data, layout)
    other_warnings: int = 0
    # The findings' message templates: a report made in another process (a build runs the
    # checks on the second core) renders there without importing the rules that register them.
    messages: dict[str, tuple[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.messages:
            self.messages = templates({f.message for f in self.findings})

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        register(self.messages)

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
        if self.other_warnings:
            lines.append(tr("check.other_warnings", n=self.other_warnings))
        rate = f"{self.rate:.2f}"
        if self.passed:
            lines.append(tr("check.rate_pass", rate=rate))
        else:
            allowed = int(self.characters * PASS_LINE / 10000)
            args = {"rate": rate, "chars": self.characters, "allowed": allowed, "errors": len(self.errors)}
            lines.append(tr("check.rate_fail", **args))
        counted = {r: e for r, (e, _) in by_rule.items() if e}
        if counted:
            sep = ", " if language() == "en" else "、"
            rules = sep.join(f"{r} {n}" for r, n in counted.items())
            args = {"errors": len(self.errors), "rules": rules, "warnings": len(self.warnings)}
            lines.append(tr("check.counted", **args))
        else:
            lines.append(tr("check.counted_none", warnings=len(self.warnings)))
        return "\n".join(lines)

    def render(self) -> str:
        """Every finding, one a line, then the summary: what `yearbook check` prints."""
        lines = [f.render() for f in self.findings] or [tr("check.none")]
        return "\n".join([*lines, "", self.summary()])
