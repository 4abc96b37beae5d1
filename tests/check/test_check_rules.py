"""Every rule against its own examples: what it must catch and what it must leave alone."""

from __future__ import annotations

import pytest

from yearbook.check.rules import RULE_CLASSES, Rule
from yearbook.check.run import check_text


def _role(rule: type[Rule]) -> str:
    return sorted(rule.roles)[0] if len(rule.roles) == 1 else "paragraph"


def _chapter(rule: type[Rule]):
    make = getattr(rule, "example_chapter", None)
    return make() if make else None


CATCHES = [(rule, text) for rule in RULE_CLASSES for text in rule.catches]
PASSES = [(rule, text) for rule in RULE_CLASSES for text in rule.passes]


def test_every_rule_has_examples_both_ways() -> None:
    for rule in RULE_CLASSES:
        assert rule.catches and rule.passes, rule.id
        assert rule.description and rule.description_en, rule.id


def test_rule_ids_are_unique() -> None:
    ids = [rule.id for rule in RULE_CLASSES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(("rule", "text"), CATCHES, ids=[f"{r.id}:{t[:12]}" for r, t in CATCHES])
def test_rule_catches(rule: type[Rule], text: str) -> None:
    found = check_text(text, role=_role(rule), chapter=_chapter(rule), rule_ids={rule.id})
    assert found, f"{rule.id} missed: {text}"


@pytest.mark.parametrize(("rule", "text"), PASSES, ids=[f"{r.id}:{t[:12]}" for r, t in PASSES])
def test_rule_passes(rule: type[Rule], text: str) -> None:
    found = check_text(text, role=_role(rule), chapter=_chapter(rule), rule_ids={rule.id})
    assert not found, [f.text() for f in found]
