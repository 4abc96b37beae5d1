"""Second round of proofreading: copied passages, counts, numbers, names, scripts, the summary."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from yearbook.check import apply_fixes, run_checks
from yearbook.check.resources import load_resources
from yearbook.check.rules.data_text import _example_chapter
from yearbook.check.run import check_text
from yearbook.diagnostics import Severity, YearbookError
from yearbook.load.book import load_book

DATA = Path(__file__).resolve().parents[2] / "data"


def _rules(findings) -> list[str]:
    return [f.rule for f in findings]


# ── copied passages ────────────────────────────────────────────────────────────


def test_both_copied_clauses_of_the_jinchang_article_reported_at_their_second_place() -> None:
    if not (DATA / "book.yaml").is_file():
        pytest.skip("no example data")
    report = run_checks(load_book(DATA))
    copied = [f for f in report.findings if f.rule == "rep.copied"]
    assert len(copied) == 2
    lines = (DATA / "zhuanwen.yaml").read_text(encoding="utf-8").splitlines()
    for finding, start in zip(copied, ("提出意见建议50余条", "聚焦全市重点任务和关键制约"), strict=True):
        line = lines[finding.location.line - 1]
        # the second place: the paragraph that opens 聚焦全市中心工作建言资政
        assert "聚焦全市中心工作建言资政" in line, finding.location
        assert line[finding.location.column - 1 :].startswith(start)
        assert finding.excerpt.startswith(start)


def test_copied_passage_reports_the_second_place_only_once() -> None:
    text = (
        "围绕中心工作，组织委员深入企业开展调研，梳理问题建议26条，形成调研报告报送市委市政府。"
        "全年开展视察5次，组织委员深入企业开展调研，梳理问题建议26条，形成调研报告报送市委市政府，推动问题解决。"
    )
    found = check_text(text, rule_ids={"rep.copied"})
    assert len(found) == 1
    assert found[0].excerpt.startswith("组织委员深入企业开展调研")


def test_whole_sentence_twice_is_left_to_rep_sentence() -> None:
    sentence = "会议听取了市政府关于经济社会发展情况的通报，委员们围绕发展议题积极建言。"
    found = check_text(sentence * 2, rule_ids={"rep.copied", "rep.sentence"})
    assert _rules(found) == ["rep.sentence"]


def test_copies_across_entries_are_not_copied_passages(make_data) -> None:
    clause = "聚焦全市重点任务和关键制约，组织驻省政协委员提交提案25件，在省政协常委会会议上发言"
    chapter = f"""\
title: 政协测试市委员会
sections:
  - title: 综述
    entries:
      - title: 甲
        text: 年内，{clause}。
      - title: 乙
        text: 同时，{clause}，争取政策支持。
"""
    report = run_checks(load_book(make_data({"chapter.yaml": chapter})))
    assert "rep.copied" not in _rules(report.findings)


# ── fixed expressions: one slip counts once ─────────────────────────────────────


def test_overlapping_expressions_report_one_slip_once() -> None:
    found = check_text("坚持以习近平新时代中国特色社会主意思想为指导。", rule_ids={"expr.near-miss"})
    assert len(found) == 1 and found[0].args["expression"] == "习近平新时代中国特色社会主义思想"
    found = check_text("坚持以新时代中国特色社会主意思想为指导。", rule_ids={"expr.near-miss"})
    assert len(found) == 1 and found[0].args["expression"] == "新时代中国特色社会主义思想"


# ── counts against records ─────────────────────────────────────────────────────


def test_counts_after_qiwhong_and_with_qualifiers_are_checked() -> None:
    chapter = _example_chapter()  # 11 chair, 5 standing, 2 trainings, 2 proposals
    text = "全年共召开会议16次，其中主席会议12次、常委会会议5次。全年召开区政协九届常委会会议3次。"
    found = check_text(text, chapter=chapter, rule_ids={"data.count-mismatch"})
    assert [f.excerpt for f in found] == ["12", "3"]


def test_editors_extend_the_count_phrases(make_data) -> None:
    chapter = """\
title: 政协测试市委员会
sections:
  - title: 委员工作
    entries:
      - title: 培训
        text: 全年举办委员读书班3期。
records:
  trainings:
    - title: 读书班
      date: 2022-05-10
"""
    folder = make_data({"chapter.yaml": chapter})
    assert "data.count-mismatch" not in _rules(run_checks(load_book(folder)).findings)
    (folder / "校对.yaml").write_text(
        "计数短语:\n  nouns:\n    - names: [委员读书班]\n      records: trainings\n", encoding="utf-8"
    )
    found = [f for f in run_checks(load_book(folder)).findings if f.rule == "data.count-mismatch"]
    assert [f.excerpt for f in found] == ["3"]


def test_a_wrong_count_phrase_table_is_a_located_message(make_data) -> None:
    folder = make_data()
    (folder / "校对.yaml").write_text(
        "计数短语:\n  nouns:\n    - names: [读书班]\n      records: books\n", encoding="utf-8"
    )
    with pytest.raises(YearbookError) as err:
        load_resources(folder)
    text = str(err.value.diagnostics[0].render())
    assert "校对.yaml" in text and "records" in text and "books" in text


# ── numbers ───────────────────────────────────────────────────────────────────


def test_percentage_names_the_right_figure() -> None:
    found = check_text("本届委员共有205名，其中女委员15名，占6.7%。", rule_ids={"num.percent"})
    assert len(found) == 1
    assert found[0].args == {"part": 15, "whole": 205, "right": "7.3", "given": "6.7"}


def test_space_in_a_number_is_fixed_byte_for_byte(make_data) -> None:
    chapter = """\
title: 政协测试市委员会
sections:
  - title: 综述
    entries:
      - title: 概况
        text: 全市生产总值增长6.9 %，政协成立于1984 年。
"""
    folder = make_data({"chapter.yaml": chapter})
    path = folder / "chapter.yaml"
    before = path.read_bytes()
    loaded = load_book(folder)
    report = run_checks(loaded)
    assert _rules(report.findings).count("num.space") == 2
    assert apply_fixes(loaded, report.findings) == [path.resolve()]
    assert path.read_bytes() == before.replace(b"6.9 %", b"6.9%").replace(
        "1984 年".encode(), "1984年".encode()
    )


# ── names ─────────────────────────────────────────────────────────────────────


def test_abbreviation_that_begins_its_own_full_name_is_not_used_before() -> None:
    text = (
        "机关设办公室和经济委员会、提案委员会。县政协经济委员会（以下简称“经济委”）组织调研。"
        "经济委联系经济界委员。"
    )
    assert not check_text(text, chapter=_example_chapter(), rule_ids={"names.before-full"})


def test_names_are_judged_per_article(make_data) -> None:
    chapter = """\
title: 专文
articles:
  - title: 甲文
    subtitle: ——政协甲市委员会2022年工作综述
    body:
      - 2022年，政协甲市委员会（以下简称“市政协”）召开全体会议。
  - title: 乙文
    body:
      - 2022年，市政协召开全体会议。
"""
    report = run_checks(load_book(make_data({"chapter.yaml": chapter})))
    first = [f for f in report.findings if f.rule == "names.first-mention"]
    assert len(first) == 1 and first[0].severity is Severity.WARNING
    assert first[0].location.line == 9  # 乙文, which never names the body in full
    assert "names.before-full" not in _rules(report.findings)


# ── simplified and traditional ────────────────────────────────────────────────


def test_traditional_character_named_with_its_simplified_form() -> None:
    found = check_text("会议後，委员们分组讨论。", rule_ids={"script.traditional"})
    assert [(f.args["char"], f.args["simple"]) for f in found] == [("後", "后")]


def test_editors_allow_a_traditional_name(make_data) -> None:
    chapter = """\
title: 政协测试市委员会
sections:
  - title: 委员工作
    entries:
      - title: 增补委员
        text: 增补張三丰为政协委员。
"""
    folder = make_data({"chapter.yaml": chapter})
    assert "script.traditional" in _rules(run_checks(load_book(folder)).findings)
    (folder / "校对.yaml").write_text("繁体放行:\n  - 張三丰\n", encoding="utf-8")
    assert "script.traditional" not in _rules(run_checks(load_book(folder)).findings)


# ── the summary ───────────────────────────────────────────────────────────────


def test_cli_summary_counts_what_it_prints() -> None:
    if not (DATA / "book.yaml").is_file():
        pytest.skip("no example data")
    done = subprocess.run(
        [sys.executable, "-m", "yearbook", "check", str(DATA)],
        capture_output=True,
        text=True,
        env={"LANG": "zh_CN.UTF-8", **_env()},
    )
    assert done.returncode == 0  # over the line, but only --strict fails
    out = done.stdout
    errors = len(re.findall(r": 错误: \[", out))
    warnings = len(re.findall(r": 警告: \[", out))
    summary = re.search(r"错误 (\d+) 处，警告 (\d+) 处。", out)
    assert summary and (int(summary.group(1)), int(summary.group(2))) == (errors, warnings)
    assert "超过合格线 1/万：不合格" in out
    assert f"计入差错率的是 {errors} 处“错误”" in out and f"{warnings} 处“警告”不计入" in out
    strict = subprocess.run(
        [sys.executable, "-m", "yearbook", "check", str(DATA), "--strict"],
        capture_output=True,
        text=True,
        env={"LANG": "zh_CN.UTF-8", **_env()},
    )
    assert strict.returncode == 1


def test_summary_of_a_passing_text(make_data) -> None:
    chapter = """\
title: 政协测试市委员会
sections:
  - title: 综述
    entries:
      - title: 概况
        text: 2022年，政协测试市委员会召开全体会议，审议通过工作报告。
"""
    report = run_checks(load_book(make_data({"chapter.yaml": chapter})))
    report.other_warnings = 2
    text = report.summary()
    assert "未超过合格线 1/万：合格" in text
    assert "另有数据和排版警告 2 处" in text


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "YEARBOOK_LANG")}


# ── recall: errors planted in the clean corpus are found ──────────────────────

CORPUS = Path(__file__).parent / "clean_corpus"

# (rule, a sentence of the clean corpus, what it is changed to)
PLANTED = [
    ("num.space", "改造后小区物业覆盖率由上年的58%提高到86%", "改造后小区物业覆盖率由上年的58 %提高到86%"),
    ("num.percent", "党外委员占委员总数的60.7%", "党外委员占委员总数的66.7%"),
    ("num.short-year", "至年底已办结39条", "至23年底已办结39条"),
    ("script.traditional", "组织委员深入12个社区走访座谈", "组织委员深入12个社区走訪座谈"),
    ("data.count-mismatch", "全年召开区政协十一届常委会会议5次", "全年召开区政协十一届常委会会议6次"),
    ("names.before-full", "2023年，区政协在中共嘉禾区委的坚强领导下", "2023年，区政协在中共嘉禾区委的坚强领导下"),
    ("expr.near-miss", "全面贯彻落实党的二十大精神", "全面贯彻落实党的二十精神"),
]


@pytest.mark.parametrize(("rule", "clean", "planted"), PLANTED, ids=[p[0] for p in PLANTED])
def test_error_planted_in_clean_text_is_found(rule: str, clean: str, planted: str) -> None:
    lines = [
        line for line in (CORPUS / "own_district.txt").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    n = next(i for i, line in enumerate(lines) if clean in line)
    chapter = _example_chapter()
    if rule == "names.before-full":
        # the abbreviation used in the line before the one that introduces it
        text = lines[n] + next(line for line in lines if "以下简称" in line)
    else:
        text = lines[n].replace(clean, planted)
    assert not check_text(lines[n], year=2023, chapter=chapter, rule_ids={rule})
    assert check_text(text, year=2023, chapter=chapter, rule_ids={rule}), (rule, planted)
