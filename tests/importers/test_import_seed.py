"""The real chapter (seed 004) and the real articles (seed 000) through import and build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from import_helpers import build_docx, docx_content

from yearbook.dump.folder import render
from yearbook.dump.yaml_book import Origin
from yearbook.importers import import_file
from yearbook.importers.command import run_import
from yearbook.load.book import load_book
from yearbook.model import ArticleHeading, MeetingKind

SEEDS = Path("/work/shared/seeds")
CHAPTER = SEEDS / "004_718aab59e10e50e9.txt"
ARTICLES = SEEDS / "000_d3292c7a9a19adbb.txt"
pytestmark = pytest.mark.skipif(not CHAPTER.exists(), reason="seed files not present")

WEB_LINES = {"发表时间:2023-12-1", "上篇:", "下篇:", "政协嘉峪关市委员会年鉴-2023"}


@pytest.fixture(scope="module")
def chapter_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("seed004")
    assert run_import(CHAPTER, root / "data", None, False) == 0
    docx = build_docx(root / "data", root / "out")
    return root / "data", docx_content(docx), docx


def _seed_pieces() -> tuple[list[str], list[str]]:
    """The seed's paragraphs and its table cells (one per line, ending in ' |')."""
    paragraphs: list[str] = []
    cells: list[str] = []
    lines = CHAPTER.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        s = line.strip()
        if not s or s == "|" or s in WEB_LINES:
            continue
        if s.endswith("|"):
            cells.append(s[:-1].strip())
        elif i + 1 < len(lines) and lines[i + 1].strip() == "|":
            cells.append(s)
        else:
            paragraphs.append(s)
    return paragraphs, cells


def test_every_paragraph_and_cell_of_the_seed_is_in_the_build(chapter_build):
    _, (built_paragraphs, built_tables), _ = chapter_build
    paragraphs, cells = _seed_pieces()
    body = "\n".join(built_paragraphs)
    squeezed = re.sub(r"[\s\u3000]", "", body).replace("(", "（").replace(")", "）")
    for p in paragraphs:
        entry = re.match(r"^【(.+?)】\s*(.*)$", p)
        if entry:  # 【title】 and its text: the stray space after 】 is not text
            assert f"【{entry[1]}】{entry[2]}" in body, p
        elif p.startswith("表") or p.startswith("("):
            # caption 表6 title (number and title spaced as the style sets them) and the 供稿 line
            assert re.sub(r"\s", "", p).replace("(", "（").replace(")", "）") in squeezed, p
        else:
            assert p in built_paragraphs or any(p in b for b in built_paragraphs), p
    built_cells = [c for t in built_tables for row in t for c in row]
    for c in cells:
        assert c in built_cells, c
    assert len(cells) == sum(len(row) for t in built_tables for row in t)


def test_tables_6_to_9_are_typed_records_with_iso_dates(chapter_build):
    data, _, _ = chapter_build
    book = load_book(data).book
    records = book.chapters[0].records
    kinds = [m.kind for m in records.meetings]
    assert kinds.count(MeetingKind.STANDING) == 5
    assert kinds.count(MeetingKind.CHAIR) == 11
    assert len(records.proposals) == 5
    assert len(records.activities) == 9
    assert book.first_table_number == 6
    text = (data / "chapter1-records.yaml").read_text(encoding="utf-8")
    assert 'date: "2022-02-21/23"' in text  # 2月21日至23日
    assert 'date: "2022-06-08, 2022-06-14"' in text  # 6月8日、14日
    assert 'date: "2022-12-27"' in text
    assert records.proposals[2].supervisor == "王 林"  # kept as written


def test_the_seed_structure(chapter_build):
    data, _, _ = chapter_build
    book = load_book(data).book
    chapter = book.chapters[0]
    assert [s.title for s in chapter.sections] == [
        "综述", "政协重要会议", "参政议政", "提案建议", "调研视察和文史工作", "委员工作"]
    meeting = chapter.sections[1].entries[0]
    assert meeting.title == "十届二次会议"
    assert [p.title for p in meeting.parts] == ["第一次全体会议", "列席市第十一届人大二次会议", "第二次全体会议"]
    assert chapter.contributor.unit == "政协嘉峪关市委员会办公室"
    assert chapter.contributor.person == "杨永民"
    assert (book.title, book.edition, book.year) == ("政协嘉峪关市委员会年鉴", 2023, 2022)
    # Import keeps the ASCII commas of the extraction (check --fix fixes them).
    assert "以市政协党组理论学习中心组学习为引领,全面落实" in chapter.sections[0].entries[0].paragraphs[0]


def test_web_page_lines_are_kept_as_comments_and_named_in_warnings():
    imported = import_file(CHAPTER)
    files = render(imported.book, Origin("004.txt", "UTF-8", imported.notes, False, imported.auto_titles))
    for line in ("发表时间:2023-12-1", "上篇:", "下篇:"):
        assert f"#   {line}" in files["book.yaml"]
        assert any(line in w.render() for w in imported.warnings)
    assert any(":152:" in w.render() for w in imported.warnings)


def test_seed_articles_import_as_articles(tmp_path):
    assert run_import(ARTICLES, tmp_path / "data", None, False) == 0
    chapter = load_book(tmp_path / "data").book.chapters[0]
    first, second = chapter.articles
    assert first.title == "勇毅前行谋发展 团结奋斗谱新篇"
    assert first.subtitle == "——酒泉市政协2023年工作综述"
    assert first.byline == "□ 通讯员 张 花"
    assert first.numbered
    headings = [str(b.text) for b in first.body if isinstance(b, ArticleHeading)]
    assert headings[0] == "坚持政协之“政” 把准方向筑根基" and len(headings) == 6
    assert not second.numbered
    assert next(str(b.text) for b in second.body if isinstance(b, ArticleHeading)) == "彰显政协之“政” 锤炼思想筑根基"
    # the build prints every line of the articles
    paragraphs, _ = docx_content(build_docx(tmp_path / "data", tmp_path / "out"))
    for line in ARTICLES.read_text(encoding="utf-8").splitlines():
        s = line.strip().strip("#").strip().strip("*")
        if s:
            assert any(s in p for p in paragraphs), s


def test_yearbook_check_reads_the_imported_data(chapter_build):
    import subprocess
    import sys

    data, _, _ = chapter_build
    result = subprocess.run([sys.executable, "-m", "yearbook", "--lang", "zh", "check", str(data)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "punct.halfwidth" in result.stdout  # the seed's ASCII commas, found for --fix


def _data_lines(folder: Path) -> dict[str, list[str]]:
    """Each file's YAML without its comments (which name the source file)."""
    return {p.name: [ln for ln in p.read_text(encoding="utf-8").splitlines() if not ln.lstrip().startswith("#")]
            for p in folder.iterdir()}


def test_the_build_of_the_seed_imports_back_to_the_same_data(chapter_build, tmp_path):
    data, _, docx = chapter_build
    assert run_import(docx, tmp_path / "again", None, False) == 0
    assert _data_lines(tmp_path / "again") == _data_lines(data)


@pytest.mark.parametrize("blank_lines", [True, False])
def test_seed_articles_as_plain_text_without_markdown(tmp_path, blank_lines):
    text = re.sub(r"^## ", "", ARTICLES.read_text(encoding="utf-8"), flags=re.M).replace("**", "")
    if not blank_lines:
        text = re.sub(r"\n\s*\n", "\n", text)
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    plain = import_file(tmp_path / "a.txt").book.chapters[0].articles
    marked = import_file(ARTICLES).book.chapters[0].articles
    assert [(a.title, a.subtitle, a.byline, a.numbered, [str(b) if isinstance(b, str) else ("h", str(b.text))
             for b in a.body]) for a in plain] == [
        (a.title, a.subtitle, a.byline, a.numbered, [str(b) if isinstance(b, str) else ("h", str(b.text))
         for b in a.body]) for a in marked]
