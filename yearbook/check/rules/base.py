"""What a rule is: an id, a one-line description, examples, and a check."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import ClassVar

from yearbook import model as m
from yearbook.check.finding import Finding
from yearbook.check.resources import Resources
from yearbook.check.site import ALL, Site
from yearbook.diagnostics import Severity


@dataclass
class Hit:
    """A finding inside one text: characters start..end of the site's text."""

    start: int
    end: int
    message: str
    args: dict = field(default_factory=dict)
    replacement: str | None = None  # a safe fix, when there is one
    severity: Severity | None = None  # overrides the rule's


@dataclass
class Env:
    book: m.Book
    resources: Resources
    # A whole book: each unit's own 放行 entries, by id(unit) (see resources.merge_unit_word_lists)
    unit_allow: dict[int, list[str]] = field(default_factory=dict)


class Rule:
    """One check. Subclasses set the class attributes and implement `check`.

    `catches` and `passes` are examples kept with the rule: the tests run each one
    and expect a finding of this rule for every `catches` item and none for `passes`.
    """

    id: ClassVar[str]
    description: ClassVar[str]  # one line, Chinese
    description_en: ClassVar[str]
    severity: ClassVar[Severity] = Severity.ERROR
    roles: ClassVar[frozenset[str]] = ALL
    catches: ClassVar[list[str]] = []
    passes: ClassVar[list[str]] = []

    def check(self, site: Site, env: Env) -> Iterable[Hit]:
        return ()


class BookRule(Rule):
    """A rule that looks across texts (repeated sentences) or at records."""

    def check_book(self, sites: list[Site], env: Env) -> Iterator[Finding]:
        return iter(())
