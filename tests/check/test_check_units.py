"""`yearbook check BOOK`: each unit's characters, errors and rate; the JSON report."""

from __future__ import annotations

import json

import pytest

from tests.book_fixtures import UNIT_B_CHAPTER, make_book
from tests.conftest import MINIMAL_CHAPTER
from tests.test_messages_paths import run
from yearbook.build import prepare
from yearbook.check import run_checks
from yearbook.check.units import render_units, report_json, unit_reports


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    # Messages name files relative to the working folder: run where a user would.
    monkeypatch.chdir(tmp_path)


def bad_unit_b():
    # 的的: a doubled character the proofreading rules count as an error.
    return {"units/b/chapter.yaml": UNIT_B_CHAPTER.replace("办理提案9件。", "办理的的提案9件。")}


def test_each_unit_has_its_own_characters_errors_and_rate(tmp_path):
    loaded = prepare(make_book(tmp_path, **bad_unit_b())).loaded
    report = run_checks(loaded)
    rows, _ = unit_reports(loaded, report)
    by_name = {r.name: r for r in rows}
    assert list(by_name) == ["甲单位", "乙区政协", "丙单位", "测试市地方志办公室"]
    # 甲 and 丙 hold the minimal chapter's <草案> (half-width brackets), 乙 its 的的.
    assert [r.errors for r in rows] == [1, 1, 1, 0]
    assert not by_name["乙区政协"].passed and by_name["测试市地方志办公室"].passed
    assert sum(r.characters for r in rows) == report.characters
    assert sum(r.errors for r in rows) == len(report.errors)
    assert by_name["测试市地方志办公室"].own  # the chronicle is the book's own text
    text = render_units(rows, report)
    assert "乙区政协（book/units/b）" in text and "不合格" in text and "全书合计" in text


def test_json_report_locates_every_finding(tmp_path):
    loaded = prepare(make_book(tmp_path, **bad_unit_b())).loaded
    data = json.loads(report_json(loaded, run_checks(loaded)))
    assert {"book", "units", "total", "findings"} <= set(data)
    finding = next(f for f in data["findings"] if f["unit"] == "乙区政协")
    assert finding["file"] == "book/units/b/chapter.yaml"
    assert finding["line"] > 0 and finding["column"] > 0 and finding["rule"] and finding["message"]
    assert data["total"]["errors"] == sum(u["errors"] for u in data["units"])


def test_cli_check_prints_units_and_json(tmp_path):
    folder = make_book(tmp_path, **bad_unit_b())
    result = run("check", "book", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "各单位差错率" in result.stdout and "乙区政协（book/units/b）" in result.stdout
    result = run("check", str(folder), "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [u["unit"] for u in data["units"]][:3] == ["甲单位", "乙区政协", "丙单位"]
    assert run("check", str(folder), "--format", "json", "--strict", cwd=tmp_path).returncode == 1


def test_cli_bad_book_exit_1_located_no_traceback(tmp_path):
    folder = make_book(tmp_path, **{"units/b/chapter.yaml": "title: 乙\ntitel: x\n"})
    (folder / "units" / "c" / "book.yaml").unlink()
    result = run("check", str(folder), cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "book/units/b/chapter.yaml:2:1" in result.stderr
    assert "中没有 book.yaml" in result.stderr
    result = run("build", str(folder), "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 1 and not (tmp_path / "out").exists()


def test_a_unit_alone_prints_no_unit_table(make_data):
    result = run("check", str(make_data()), cwd=make_data().parent)
    assert "各单位差错率" not in result.stdout


def test_index_marks_are_not_read_as_half_width_brackets():
    from yearbook.check.chars import count_characters
    from yearbook.check.run import check_text

    assert check_text("乙区召开[[社区协商]]推进会，参与[[委员工作室|委员之家]]活动。") == []
    assert count_characters("召开[[社区协商|协商]]会") == 7  # the term is not printed


def test_a_units_word_list_counts_in_the_book(tmp_path):
    """A unit's own 校对.yaml: its typos hold for the whole book, its 放行 for its own text."""
    folder = make_book(
        tmp_path,
        **{
            "units/b/chapter.yaml": UNIT_B_CHAPTER.replace("办理提案9件。", "办理的的提案9件，按装设备。"),
            "units/b/校对.yaml": "错别字:\n  按装: 安装\n放行:\n  - 办理的的提案\n",
            "units/c/chapter.yaml": MINIMAL_CHAPTER.replace("政协测试市委员会", "丙单位")
            .replace("主席会议】", "】")
            .replace("全年", "全年办理的的提案，按装设备，"),
        },
    )
    report = run_checks(prepare(folder).loaded)
    by_file: dict[str, set[str]] = {}
    for finding in report.findings:
        by_file.setdefault(finding.location.file, set()).add(finding.rule)
    unit_b = next(v for k, v in by_file.items() if k.endswith("units/b/chapter.yaml"))
    unit_c = next(v for k, v in by_file.items() if k.endswith("units/c/chapter.yaml"))
    assert "typo.common" in unit_b and "typo.common" in unit_c  # 按装 → 安装, book-wide
    assert "rep.doubled" not in unit_b  # 放行 in 乙's own list
    assert "rep.doubled" in unit_c  # …but not for 丙's text


def test_a_units_bad_word_list_is_located(tmp_path):
    make_book(tmp_path, **{"units/b/校对.yaml": "错字表:\n  - 按装\n"})
    result = run("check", "book", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "book/units/b/校对.yaml:1:1" in result.stderr and "错字表" in result.stderr


@pytest.mark.parametrize("command", [["check", "book"], ["build", "book", "-o", "out"]])
def test_a_bad_word_list_read_on_the_second_core_gets_its_own_message(tmp_path, command):
    # The word list is read where the checks run (a forked process); its message is
    # rendered here, in a process that never imported the module that holds it.
    folder = make_book(tmp_path)
    (folder / "校对.yaml").write_text("错字表:\n  - 按装\n", encoding="utf-8")
    result = run(*command, cwd=tmp_path)
    assert result.returncode == 1
    assert "book/校对.yaml:1:1: 错误：校对词表中没有“错字表”这一段" in result.stderr, result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_json_report_carries_the_warnings_outside_the_rules(tmp_path):
    # Text YAML took for a comment is a warning of the loader, not a proofreading finding:
    # the JSON has it too, located and given to its unit, and it counts in no error rate.
    chapter = UNIT_B_CHAPTER.replace("办理提案9件。", "办理提案9件 #含2件联名", 1)
    assert chapter != UNIT_B_CHAPTER
    folder = make_book(tmp_path, **{"units/b/chapter.yaml": chapter})
    result = run("check", str(folder), "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    (warning,) = [w for w in data["other_warnings"] if w["code"] == "yaml.comment_in_value"]
    assert warning["unit"] == "乙区政协" and warning["file"].endswith("units/b/chapter.yaml")
    assert warning["line"] > 0 and warning["column"] > 0 and "#含2件联名" in warning["message"]
    assert all(f["rule"] != "yaml.comment_in_value" for f in data["findings"])
