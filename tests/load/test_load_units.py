"""A whole book: unit folders placed in the book, and every bad way to include them."""

from __future__ import annotations

import pytest

from tests.book_fixtures import BOOK, UNIT_B_CHAPTER, make_book, unit_files
from yearbook import dates
from yearbook.diagnostics import YearbookError
from yearbook.load.book import load_book


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    # Messages name files relative to the working folder: run where a user would.
    monkeypatch.chdir(tmp_path)


def errors(folder) -> list[str]:
    with pytest.raises(YearbookError) as info:
        load_book(folder)
    return [d.render() for d in info.value.diagnostics]


def test_units_placed_as_sections_and_as_a_whole_category(tmp_path):
    book = load_book(make_book(tmp_path)).book
    assert book.whole
    assert [str(c.title) for c in book.chapters] == ["政协", "丙单位"]
    politics = book.chapters[0]
    assert [str(c.title) for c in politics.included] == ["政协测试市委员会", "乙区政协"]
    assert [str(u.name) for u in book.units] == ["甲单位", "乙区政协", "丙单位"]
    assert politics.included[0].unit.folder == "book/units/a"
    assert book.chapters[1].unit.name == "丙单位"
    assert politics.unit is None  # the book's own 类目
    assert [str(c.title) for c in book.every_chapter()] == ["政协", "政协测试市委员会", "乙区政协", "丙单位"]


def test_chronicle_and_see_also_are_typed(tmp_path):
    book = load_book(make_book(tmp_path)).book
    items = book.chronicle.items
    assert items[0].date == dates.Day(dates.dt.date(2022, 3, 5))
    assert items[3].outside_year and not items[0].outside_year
    assert [str(t) for t in book.see_also[0].see] == ["社区协商", "协商民主"]
    assert [str(t) for t in book.chapters[0].included[1].sections[0].entries[0].index] == ["协商民主", "议事室"]


def test_chinese_keys(tmp_path):
    zh = (
        BOOK.replace("chronicle:", "大事记:").replace("chapters:", "类目:").replace("units:", "收录单位:")
        .replace("- unit:", "- 单位:").replace("index:", "索引:").replace("term:", "词条:").replace("see:", "参见:")
        .replace("date:", "日期:").replace("text:", "内容:").replace("outside_year:", "年度外:")
    )
    book = load_book(make_book(tmp_path, zh)).book
    assert len(book.units) == 3 and len(book.chronicle.items) == 4 and book.see_also


def test_unit_builds_alone_with_its_own_table_number(tmp_path):
    folder = make_book(tmp_path)
    alone = load_book(folder / "units" / "a").book
    assert not alone.whole and [str(c.title) for c in alone.chapters] == ["政协测试市委员会"]


def test_missing_unit_folder_is_located(tmp_path):
    folder = make_book(tmp_path, BOOK.replace("units/c", "units/nope"))
    (msg,) = errors(folder)
    assert msg.startswith("book/book.yaml:18:11: 错误") and "单位文件夹“units/nope”不存在" in msg


def test_folder_without_book_yaml(tmp_path):
    folder = make_book(tmp_path)
    (folder / "units" / "c" / "book.yaml").unlink()
    (msg,) = errors(folder)
    assert "book/book.yaml:18" in msg and "units/c”中没有 book.yaml" in msg


def test_unit_included_twice(tmp_path):
    folder = make_book(tmp_path, BOOK.replace("units/c", "units/a/"))
    (msg,) = errors(folder)
    assert "book/book.yaml:18:11" in msg and "重复收录，第一次收录在 book/book.yaml:17:13" in msg


def test_cycle_of_includes(tmp_path):
    cycle = unit_files("units/c", "丙", "丙单位")
    cycle["units/c/book.yaml"] += "  - unit: .\n"
    folder = make_book(tmp_path, **cycle)
    (msg,) = errors(folder)
    assert msg.startswith("book/units/c/book.yaml:7:11") and "单位循环收录：book → book/units/c → book/units/c" in msg


def test_cycle_through_a_link(tmp_path):
    folder = make_book(tmp_path)
    (folder / "units" / "c" / "back").symlink_to(folder / "units" / "c")
    text = (folder / "units" / "c" / "book.yaml").read_text(encoding="utf-8") + "  - unit: back\n"
    (folder / "units" / "c" / "book.yaml").write_text(text, encoding="utf-8")
    (msg,) = errors(folder)
    assert "单位循环收录" in msg


def test_path_outside_the_book(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    folder = make_book(tmp_path, BOOK.replace("units/c", "../elsewhere"))
    (msg,) = errors(folder)
    assert "“../elsewhere”不在“book”之内" in msg


def test_unit_errors_keep_their_own_paths_and_all_are_reported(tmp_path):
    bad_a = unit_files("units/a", "甲", "甲单位")
    bad_a["units/a/chapter.yaml"] = bad_a["units/a/chapter.yaml"].replace("date: 2022-02-14", "date: 2022-02-30")
    bad_b = {"units/b/chapter.yaml": "title: 乙区政协\ntitel: x\n"}
    folder = make_book(tmp_path, BOOK.replace("edition: 2023", "edition: 两千"), **bad_a, **bad_b)
    msgs = errors(folder)
    assert any(m.startswith("book/book.yaml:2:10") and "应为整数" in m for m in msgs)
    assert any(m.startswith("book/units/a/chapter.yaml:") and "2022-02-30" in m for m in msgs)
    assert any(m.startswith("book/units/b/chapter.yaml:2:1") and "titel" in m for m in msgs)


def test_unit_include_stays_inside_the_unit(tmp_path):
    files = unit_files("units/c", "丙", "丙单位")
    files["units/c/book.yaml"] = files["units/c/book.yaml"].replace("chapter.yaml", "../a/chapter.yaml")
    (msg,) = errors(make_book(tmp_path, **files))
    assert msg.startswith("book/units/c/book.yaml:6:") and "不在数据文件夹内" in msg


def test_unit_of_another_year(tmp_path):
    files = unit_files("units/c", "丙", "丙单位")
    files["units/c/book.yaml"] = files["units/c/book.yaml"].replace("year: 2022", "year: 2021")
    (msg,) = errors(make_book(tmp_path, **files))
    assert "book/book.yaml:18" in msg and "记述年度为 2021 年，与全书的 2022 年不同" in msg


def test_unit_with_book_parts(tmp_path):
    files = unit_files("units/c", "丙", "丙单位")
    files["units/c/book.yaml"] += "appendix:\n  - include: chapter.yaml\n"
    (msg,) = errors(make_book(tmp_path, **files))
    assert "含有附录" in msg


def test_unit_key_stands_alone(tmp_path):
    (msg,) = errors(make_book(tmp_path, BOOK.replace("  - unit: units/c", "  - unit: units/c\n    title: 丙")))
    assert "须单独成项" in msg


def test_unit_chronicle_joins_the_book(tmp_path):
    files = unit_files("units/c", "丙", "丙单位")
    files["units/c/book.yaml"] += "chronicle:\n  - date: 2022-07-01\n    text: 丙单位成立。\n"
    book = load_book(make_book(tmp_path, **files)).book
    assert "丙单位成立。" in [str(i.text) for i in book.chronicle.items]


def test_chronicle_date_that_is_not_a_date(tmp_path):
    (msg,) = errors(make_book(tmp_path, BOOK.replace("2022-03-05", "2022-13-05")))
    assert msg.startswith("book/book.yaml:6:11") and "日期“2022-13-05”无法识别" in msg


def test_unit_messages_in_english(tmp_path):
    from yearbook import i18n

    i18n.set_language("en")
    files = unit_files("units/c", "丙", "丙单位")
    files["units/c/book.yaml"] += "appendix:\n  - include: chapter.yaml\n"
    msgs = errors(make_book(tmp_path, BOOK.replace("units/b]", "units/nope]"), **files))
    assert any("unit folder 'units/nope' does not exist" in m for m in msgs)
    assert any("has an appendix, which only the book's own book.yaml may have" in m for m in msgs)


def _book_of(n: int) -> str:
    units = "".join(f"      - units/u{i}\n" for i in range(n))
    return f"title: 书\nedition: 2023\nyear: 2022\nunit: 编辑部\nchapters:\n  - title: 类目\n    units:\n{units}"


def _units(n: int) -> dict[str, str]:
    files: dict[str, str] = {}
    for i in range(n):
        files.update(unit_files(f"units/u{i}", f"单位{i}", f"单位{i}"))
    return files


def test_units_read_in_other_processes_give_the_same_book(tmp_path, monkeypatch):
    import concurrent.futures

    from yearbook.load import units

    folder = make_book(tmp_path, _book_of(6), **_units(6))
    submitted: list = []

    class Pool(concurrent.futures.ProcessPoolExecutor):
        def submit(self, fn, *args, **kwargs):
            submitted.append(args[0])
            return super().submit(fn, *args, **kwargs)

    # The loader imports the pool where it starts one (a chapter never does).
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Pool)
    monkeypatch.setattr(units.os, "cpu_count", lambda: 2)
    ahead = load_book(folder)
    assert len(submitted) == 6  # every unit was read in another process
    monkeypatch.setattr(units, "READ_AHEAD_FROM", 10**6)
    in_turn = load_book(folder)
    assert [u.folder for u in ahead.book.units] == [u.folder for u in in_turn.book.units]
    assert [str(c.title) for c in ahead.book.every_chapter()] == [str(c.title) for c in in_turn.book.every_chapter()]
    assert ahead.files == in_turn.files


def test_unit_included_by_the_book_and_by_a_unit_read_in_other_processes(tmp_path):
    # The book includes units/u0/shared itself, and unit u0 includes it too: read in
    # separate processes, neither sees the other, so the book finds it afterwards.
    files = _units(6)
    files["units/u0/book.yaml"] += "  - title: 下属\n    units: [shared]\n"
    files.update(unit_files("units/u0/shared", "共", "共用单位"))
    book = _book_of(6) + "  - unit: units/u0/shared\n"
    msgs = errors(make_book(tmp_path, book, **files))
    assert any("“book/units/u0/shared”重复收录" in m for m in msgs), msgs


def test_unit_errors_from_other_processes_keep_their_paths(tmp_path):
    files = _units(6)
    files["units/u4/chapter.yaml"] = "title: 单位4\ntitel: x\n"
    (msg,) = errors(make_book(tmp_path, _book_of(6), **files))
    assert msg.startswith("book/units/u4/chapter.yaml:2:1")


@pytest.mark.parametrize("value", ['""', '"、"', "[]"])
def test_index_key_with_no_terms(tmp_path, value):
    chapter = UNIT_B_CHAPTER.replace("index: 协商民主、议事室", f"index: {value}")
    (msg,) = errors(make_book(tmp_path, **{"units/b/chapter.yaml": chapter}))
    assert msg.startswith("book/units/b/chapter.yaml:7:16") and "索引词为空" in msg


def test_warnings_of_units_read_in_other_processes_reach_the_book(tmp_path, monkeypatch):
    from tests.conftest import MINIMAL_CHAPTER
    from yearbook.load import units

    monkeypatch.setattr(units.os, "cpu_count", lambda: 2)
    files = _units(6)
    files["units/u3/chapter.yaml"] = MINIMAL_CHAPTER.replace("content: 学习《章程》", "content: 检修 #2机组")
    loaded = load_book(make_book(tmp_path, _book_of(6), **files))
    assert [(d.code, d.location.file, d.location.line) for d in loaded.warnings] == [
        ("yaml.comment_in_value", "book/units/u3/chapter.yaml", 19)
    ]
