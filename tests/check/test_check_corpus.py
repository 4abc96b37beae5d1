"""Precision: on clean text (corrected seed texts and our own prose) the checks stay quiet."""

from __future__ import annotations

from pathlib import Path

from yearbook.check.chars import count_characters
from yearbook.check.resources import load_resources
from yearbook.check.rules import RULE_CLASSES, BookRule, Env
from yearbook.check.rules.data_text import _example_chapter
from yearbook.check.run import check_site
from yearbook.check.site import PARAGRAPH, TITLE, Site
from yearbook.model import Book
from yearbook.text import Text

CORPUS = Path(__file__).parent / "clean_corpus"
YEAR_HEADER = "# 记述年度:"
# The chapter a file's entries stand in (its title names the unit in full, as in the book).
CHAPTER_HEADER = "# 类目:"


def _corpus_sites() -> list[Site]:
    """One chapter per file (titled by its 类目 header), one entry per line; a line
    opening with —— is an article's subtitle."""
    sites: list[Site] = []
    for path in sorted(CORPUS.glob("*.txt")):
        chapter = _example_chapter()  # 11 chair meetings, 5 standing, 2 trainings, as the corpus says
        chapter.records.proposals = []  # the texts count all proposals, not the key ones kept as records
        year = 2022
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if line.startswith(YEAR_HEADER):
                year = int(line.removeprefix(YEAR_HEADER).strip())
            elif line.startswith(CHAPTER_HEADER):
                title = Text(line.removeprefix(CHAPTER_HEADER).strip())
                sites.append(Site(title, TITLE, year, chapter, f"{path.stem}{n}"))
            elif line.strip() and not line.startswith("#"):
                role = TITLE if line.startswith("——") else PARAGRAPH
                sites.append(Site(Text(line.strip()), role, year, chapter, f"{path.stem}{n}"))
    return sites


def test_corpus_is_large_enough() -> None:
    # 18,167 characters before the second round of rules; at least doubled since
    assert sum(count_characters(s.text) for s in _corpus_sites()) >= 36334


def test_false_alarm_rate_on_clean_corpus() -> None:
    sites = _corpus_sites()
    res = load_resources()
    env = Env(Book(Text("书"), 2023, 2022, Text("单位")), res)
    rules = [cls() for cls in RULE_CLASSES]
    findings = [f for site in sites for f in check_site(site, rules, env)]
    for rule in rules:
        if isinstance(rule, BookRule):
            findings += rule.check_book(sites, env)
    characters = sum(count_characters(s.text) for s in sites)
    rate = len(findings) * 10000 / characters
    shown = [f"{f.rule}: {f.text()}" for f in findings]
    assert rate <= 1.0, shown
