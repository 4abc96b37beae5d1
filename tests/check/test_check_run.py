"""run_checks over a data folder, the summary, the editors' word list, and --fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from yearbook import i18n
from yearbook.check import apply_fixes, run_checks
from yearbook.load.book import load_book

CHAPTER = """\
# 类目：测试（注释须原样保留）
title: 政协测试市委员会
sections:
  - title: 重要会议
    entries:
      - title: 主席会议   # 行尾注释
        text: |
          2022年,市政协召开主席会议3次,审议通过《工作规则》。
          全年召开常委会会议{{meetings.standing.count}}次。
      - title: 提案工作
        text: "共提出提案20件，立案提案10件，作为建议处理6件，转有关部门参阅3件。"
records:
  meetings:
    - name: 十届一次主席会议
      kind: chair
      date: 2022-02-14
    - name: 十届二次主席会议
      kind: chair
      date: 2022-02-25
    - name: 十届一次常委会会议
      kind: standing
      date: 2022-02-28
"""


@pytest.fixture
def folder(make_data) -> Path:
    return make_data({"chapter.yaml": CHAPTER})


def _rules(report) -> list[str]:
    return [f.rule for f in report.findings]


def test_findings_are_located_in_the_yaml(folder: Path) -> None:
    report = run_checks(load_book(folder))
    count = next(f for f in report.findings if f.rule == "data.count-mismatch")
    assert (count.location.file, count.location.line) == ("data/chapter.yaml", 8)
    line = (folder / "chapter.yaml").read_text(encoding="utf-8").splitlines()[7]
    assert line[count.location.column - 1] == "3"
    assert "data.total-mismatch" in _rules(report)
    assert _rules(report).count("punct.halfwidth") == 2


def test_reference_counts_are_never_wrong(folder: Path) -> None:
    report = run_checks(load_book(folder))
    assert all("常委会会议" not in f.excerpt for f in report.findings)


def test_summary_rate_and_verdict(folder: Path) -> None:
    report = run_checks(load_book(folder))
    assert report.characters > 50
    assert report.rate == pytest.approx(len(report.errors) * 10000 / report.characters)
    assert not report.passed
    text = report.render()
    assert "差错率" in text and "不合格" in text and "data.count-mismatch" in text
    i18n.set_language("en")
    assert "error rate" in report.render() and "fail" in report.render()


def test_characters_exclude_whitespace_and_references() -> None:
    from yearbook.check.chars import count_characters

    assert count_characters("全年召开 {{meetings.chair.count}} 次。") == 6


def test_fix_changes_only_the_marks_byte_for_byte(folder: Path) -> None:
    path = folder / "chapter.yaml"
    before = path.read_bytes()
    loaded = load_book(folder)
    changed = apply_fixes(loaded, run_checks(loaded).findings)
    assert changed == [path.resolve()]
    after = path.read_bytes()
    expected = before.replace(
        "2022年,市政协召开主席会议3次,审议".encode(), "2022年，市政协召开主席会议3次，审议".encode()
    )
    assert after == expected
    assert "punct.halfwidth" not in _rules(run_checks(load_book(folder)))


def test_fix_skips_a_file_changed_since_it_was_read(folder: Path) -> None:
    loaded = load_book(folder)
    findings = run_checks(loaded).findings
    path = folder / "chapter.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# 编辑刚改过\n", encoding="utf-8")
    edited = path.read_bytes()
    assert apply_fixes(loaded, findings) == []
    assert path.read_bytes() == edited


def test_fix_keeps_a_bom_and_crlf(make_data) -> None:
    folder = make_data({"chapter.yaml": CHAPTER})
    path = folder / "chapter.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    before = path.read_bytes()
    loaded = load_book(folder)
    assert apply_fixes(loaded, run_checks(loaded).findings) == [path.resolve()]
    assert path.read_bytes() == before.replace(b",", "，".encode())


def test_fix_skips_when_the_file_does_not_hold_the_character(folder: Path) -> None:
    loaded = load_book(folder)
    findings = run_checks(loaded).findings
    path = next(p for p in loaded.files if p.name == "chapter.yaml")
    loaded.files[path] = loaded.files[path].replace("2022年,", "2022年X", 1)
    path.write_text(loaded.files[path], encoding="utf-8")
    apply_fixes(loaded, findings)
    text = path.read_text(encoding="utf-8")
    assert "2022年X市政协" in text and "3次，审议" in text


def test_data_folder_extends_the_word_lists(folder: Path) -> None:
    (folder / "校对.yaml").write_text(
        "规范表述:\n  - 嘉峪关市国家高新区\n错别字:\n  主席会义: 主席会议\n放行:\n  - 立案提案10件\n",
        encoding="utf-8",
    )
    chapter = (folder / "chapter.yaml").read_text(encoding="utf-8")
    chapter = chapter.replace("审议通过《工作规则》", "推进嘉峪关国家高新区，召开主席会义")
    (folder / "chapter.yaml").write_text(chapter, encoding="utf-8")
    report = run_checks(load_book(folder))
    rules = _rules(report)
    assert "expr.near-miss" in rules and "typo.common" in rules
    # 放行 covers only text that contains the flagged characters: the total is still reported
    assert "data.total-mismatch" in rules


def test_allow_list_silences_a_finding(folder: Path) -> None:
    (folder / "checks.yaml").write_text("allow:\n  - 召开主席会议3次\n", encoding="utf-8")
    assert "data.count-mismatch" not in _rules(run_checks(load_book(folder)))


WALK_CHAPTER = """\
title: 政协测试市委员会
sections:
  - title: 概况
    entries:
      - title: 委员构成
        parts:
          - title: 界别
            text: 全市共有界别20个。
        table:
          caption: 委员构成表表
          columns: [界别, 人数]
          rows:
            - [中共政协政协, "10"]
articles:
  - title: 工作综述
    subtitle: ——测试市政协2023年工作综述
    body:
      - heading: 关于关于协商
      - 2023年5月，召开协商会。
"""


def test_every_text_of_the_book_is_checked(make_data) -> None:
    folder = make_data({"chapter.yaml": WALK_CHAPTER})
    report = run_checks(load_book(folder))
    doubled = {f.excerpt for f in report.findings if f.rule == "rep.doubled"}
    assert doubled == {"政协政协", "关于关于"}  # a free table cell and an article heading
    # an article on 2023 work may date its events in 2023 without a warning
    assert "form.date-outside-year" not in _rules(report)
