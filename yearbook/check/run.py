"""Run every rule over a loaded book: `run_checks(loaded) -> CheckReport`."""

from __future__ import annotations

from yearbook import model as m
from yearbook.check.chars import count_masked
from yearbook.check.finding import Finding, Fix
from yearbook.check.report import CheckReport
from yearbook.check.resources import Resources, load_resources, merge_unit_word_lists
from yearbook.check.rules import RULE_CLASSES, BookRule, Env, Rule
from yearbook.check.site import PARAGRAPH, Site, walk
from yearbook.load.book import Loaded
from yearbook.text import Text


def _allowed(site: Site, start: int, end: int, allow: list[str]) -> bool:
    """An editor's 放行 entry covering the flagged characters silences the finding."""
    for phrase in allow:
        at = site.masked.find(phrase)
        while at >= 0:
            if at <= start and end <= at + len(phrase):
                return True
            at = site.masked.find(phrase, at + 1)
    return False


def check_site(site: Site, rules: list[Rule], env: Env) -> list[Finding]:
    found: list[Finding] = []
    allow = env.resources.allow
    unit = site.chapter.unit if site.chapter is not None else None
    if unit is not None and id(unit) in env.unit_allow:
        allow = [*allow, *env.unit_allow[id(unit)]]  # the unit's own 放行, for its own text
    for rule in rules:
        if site.role not in rule.roles:
            continue
        for hit in rule.check(site, env):
            if _allowed(site, hit.start, hit.end, allow):
                continue
            excerpt = site.masked[hit.start : hit.end]
            fix = None
            if hit.replacement is not None:
                fix = Fix(site.text, hit.start, hit.end, str(site.text)[hit.start : hit.end], hit.replacement)
            found.append(
                Finding(
                    rule.id,
                    hit.severity or rule.severity,
                    hit.message,
                    hit.args,
                    site.text.position(hit.start),
                    excerpt,
                    fix,
                )
            )
    return found


def run_checks(loaded: Loaded, resources: Resources | None = None) -> CheckReport:
    """Every finding of every rule over every text and record of the book."""
    res = resources if resources is not None else load_resources(loaded.data_dir)
    units = [(u, u.path) for u in loaded.book.units if u.path is not None]
    unit_allow = merge_unit_word_lists(res, units) if resources is None else {}
    env = Env(loaded.book, res, unit_allow)
    rules = [cls() for cls in RULE_CLASSES]
    sites = list(walk(loaded.book))
    findings: list[Finding] = []
    characters = 0
    # Per role, the rules that read single texts: a rule called on a text costs a generator
    # even where it finds nothing, for every text of the book.
    reading = [r for r in rules if type(r).check is not Rule.check]
    by_role = {role: [r for r in reading if role in r.roles] for role in {s.role for s in sites}}
    for site in sites:
        characters += count_masked(site.masked)
        findings += check_site(site, by_role[site.role], env)
    for rule in rules:
        if isinstance(rule, BookRule):
            findings += rule.check_book(sites, env)
    order = {cls.id: n for n, cls in enumerate(RULE_CLASSES)}
    findings.sort(key=lambda f: (f.location is None, f.location or ("", 0, 0), order.get(f.rule, 0)))
    return CheckReport(
        findings, characters, [(cls.id, cls.description, cls.description_en) for cls in RULE_CLASSES]
    )


def check_text(
    text: str,
    *,
    role: str = PARAGRAPH,
    year: int = 2022,
    chapter: m.Chapter | None = None,
    rule_ids: set[str] | None = None,
    resources: Resources | None = None,
) -> list[Finding]:
    """Check one string as if it stood in a book: for tests and for editors' tools.

    Rules that look across texts (repeated sentences, record dates) read only this text.
    """
    res = resources if resources is not None else load_resources()
    book = m.Book(Text("书"), year + 1, year, Text("单位"), [chapter] if chapter else [])
    env = Env(book, res)
    rules = [cls() for cls in RULE_CLASSES if rule_ids is None or cls.id in rule_ids]
    site = Site(Text(text), role, year, chapter, "g")
    found = check_site(site, rules, env)
    for rule in rules:
        if isinstance(rule, BookRule):
            found += rule.check_book([site], env)
    return found
