"""Every rule, in report order."""

from __future__ import annotations

from yearbook.check.rules import copied, data_text, expr, form, names, num, punct, rep, script
from yearbook.check.rules.base import BookRule, Env, Hit, Rule

RULE_CLASSES: list[type[Rule]] = [
    *punct.RULES,
    *num.RULES,
    *rep.RULES,
    *copied.RULES,
    *form.RULES,
    *data_text.RULES,
    *expr.RULES,
    *script.RULES,
    *names.RULES,
]

__all__ = ["RULE_CLASSES", "BookRule", "Env", "Hit", "Rule"]
