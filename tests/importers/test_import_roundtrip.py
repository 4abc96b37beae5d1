"""The example data: build → import the built DOCX → build gives the same document."""

from __future__ import annotations

from pathlib import Path

from import_helpers import build_docx, docx_content

from yearbook.importers.command import run_import
from yearbook.load.book import load_book
from yearbook.load.figures import book_figures
from yearbook.model import MeetingKind


def test_built_example_docx_round_trips(tmp_path):
    first = build_docx(Path("data"), tmp_path / "first")
    assert run_import(first, tmp_path / "imported", None, False) == 0
    second = build_docx(tmp_path / "imported", tmp_path / "second")
    paragraphs1, tables1 = docx_content(first)
    paragraphs2, tables2 = docx_content(second)
    assert paragraphs2 == paragraphs1
    assert tables2 == tables1

    original = load_book(Path("data")).book
    imported = load_book(tmp_path / "imported").book
    assert (imported.title, imported.edition, imported.year, imported.unit) == (
        original.title, original.edition, original.year, original.unit)
    assert [c.title for c in imported.chapters] == [c.title for c in original.chapters]
    a, b = original.chapters[1].records, imported.chapters[1].records
    # Records shown in tables come back typed (plenary sessions are only in the text).
    for kind in (MeetingKind.STANDING, MeetingKind.CHAIR):
        assert [(m.name, m.date, m.content) for m in a.meetings if m.kind is kind] == [
            (m.name, m.date, m.content) for m in b.meetings if m.kind is kind]
    assert [(p.number, p.subject, p.proposer, p.handler, p.supervisor) for p in a.proposals] == [
        (p.number, p.subject, p.proposer, p.handler, p.supervisor) for p in b.proposals]
    assert [(x.date, x.topic, x.outcome) for x in a.activities] == [
        (x.date, x.topic, x.outcome) for x in b.activities]
    articles = original.chapters[0].articles
    assert [(x.title, x.subtitle, x.byline, x.numbered) for x in imported.chapters[0].articles] == [
        (x.title, x.subtitle, x.byline, x.numbered) for x in articles]

    # Figures come back in the same places, with their captions, credits, widths and images.
    figures1, figures2 = book_figures(original), book_figures(imported)
    assert len(figures1) == 3 + sum(len(page.photos) for page in original.plates)  # 图1–图3 and the 彩页
    assert [(f.caption, f.credit and (f.credit.kind, f.credit.name), f.width) for f in figures2] == [
        (f.caption, f.credit and (f.credit.kind, f.credit.name), f.width) for f in figures1]
    assert [f.path.read_bytes() for f in figures2] == [f.path.read_bytes() for f in figures1]
    entries = {str(e.title): e for s in imported.chapters[1].sections for e in s.entries}
    assert [len(entries[t].figures) for t in ("十届二次会议", "提案建议办理", "调研视察")] == [1, 1, 1]
