"""Facts computed from a chapter's records, and `{{name}}` references to them in text.

Text that states a count by reference cannot disagree with the table beside it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import fields
from enum import Enum

from yearbook import dates
from yearbook.assemble.numbering import is_reference, placeholder
from yearbook.diagnostics import Diagnostic, Location
from yearbook.i18n import register
from yearbook.model import (
    Activity,
    ChangeKind,
    Meeting,
    MeetingKind,
    MemberChange,
    Proposal,
    Record,
    Records,
    Training,
)
from yearbook.text import Text

register(
    {
        "facts.unknown": (
            "引用的数据“{name}”不存在；可用：{available}",
            "unknown fact '{name}'; available: {available}",
        ),
        "facts.unclosed": ("“{{{{”没有对应的“}}}}”", "'{{{{' without a matching '}}}}'"),
        "facts.duplicate_id": (
            "编号“{id}”重复，第一次出现在 {first}",
            "duplicate id '{id}', first used at {first}",
        ),
    }
)

REFERENCE = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")


def _value(value: object) -> str | None:
    """A field as text may show it; None for fields no sentence would quote."""
    if isinstance(value, list):  # names: 王建新、李建华、齐世军
        return "、".join(value) if value else None
    if value is None or isinstance(value, bool | Enum | dict):
        return None
    if isinstance(value, dates.Day | dates.Month | dates.DayRange | dates.MonthRange | dates.DayList):
        return dates.format_value(value)
    return str(value)


class Facts(dict[str, str]):
    """Fact values by name, remembering which ones the text used."""

    def __init__(self) -> None:
        super().__init__()
        self.used: set[str] = set()
        # `{{figure.x}}` and `{{table.x}}`: numbered later, where each was written.
        self.references: dict[str, list[Location | None]] = {}


def compute_facts(records: Records) -> tuple[Facts, list[Diagnostic]]:
    """Counts by collection and kind, and every field of a record with an `id`."""
    facts = Facts()
    problems: list[Diagnostic] = []
    facts["meetings.count"] = str(len(records.meetings))
    kinds = Counter(m.kind for m in records.meetings)
    for kind in MeetingKind:
        facts[f"meetings.{kind.value}.count"] = str(kinds[kind])
    facts["meetings.themed.count"] = str(sum(1 for m in records.meetings if m.themed))
    facts["proposals.count"] = str(len(records.proposals))
    facts["activities.count"] = str(len(records.activities))
    facts["trainings.count"] = str(len(records.trainings))
    facts["member_changes.count"] = str(sum(len(c.names) for c in records.member_changes))
    for change in ChangeKind:
        names = sum(len(c.names) for c in records.member_changes if c.change is change)
        facts[f"member_changes.{change.value}.count"] = str(names)
    seen: dict[str, object] = {}
    for record in records.all():
        rid = getattr(record, "id", None)
        if rid is None:
            continue
        if rid in seen:
            problems.append(Diagnostic("facts.duplicate_id", {"id": rid, "first": seen[rid]}, rid.loc))
            continue
        seen[rid] = rid.loc
        for f in fields(record):
            if f.name in ("id", "loc"):
                continue
            shown = _value(getattr(record, f.name))
            if shown is not None:
                facts[f"{rid}.{f.name}"] = shown
    return facts, problems


def substitute(text: Text, facts: Facts, problems: list[Diagnostic]) -> str:
    """The text with every `{{name}}` replaced; unknown names are reported where written."""
    if "{{" not in text and "}}" not in text:
        return str(text)

    def replace(match: re.Match[str]) -> str:
        name = match[1]
        if name in facts:
            facts.used.add(name)
            return facts[name]
        if is_reference(name):
            facts.references.setdefault(name, []).append(text.position(match.start()))
            return placeholder(name)
        available = "、".join(facts)
        problems.append(
            Diagnostic("facts.unknown", {"name": name, "available": available}, text.position(match.start()))
        )
        return match[0]

    spans = [m.span() for m in REFERENCE.finditer(text)]
    stray = next(
        (i for i in _all(text, "{{") if not any(a <= i < b for a, b in spans)),
        None,
    )
    if stray is not None:
        problems.append(Diagnostic("facts.unclosed", {}, text.position(stray)))
    return REFERENCE.sub(replace, text)


def _all(text: str, needle: str) -> list[int]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def _count_names(record: Record) -> list[str]:
    """The count facts a record contributes to."""
    if isinstance(record, Meeting):
        names = ["meetings.count", f"meetings.{record.kind.value}.count"]
        return [*names, "meetings.themed.count"] if record.themed else names
    if isinstance(record, MemberChange):
        return ["member_changes.count", f"member_changes.{record.change.value}.count"]
    collection = {Proposal: "proposals", Activity: "activities", Training: "trainings"}[type(record)]
    return [f"{collection}.count"]


def is_used(record: Record, facts: Facts) -> bool:
    """Whether the text refers to the record, by its id or by a count it is part of."""
    rid = getattr(record, "id", None)
    if rid is not None and any(name.startswith(f"{rid}.") for name in facts.used):
        return True
    return any(name in facts.used for name in _count_names(record))
