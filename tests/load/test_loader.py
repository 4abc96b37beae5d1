"""Loader: bad inputs each give a located Chinese message; good input is typed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import MINIMAL_CHAPTER
from yearbook import dates, i18n
from yearbook.diagnostics import YearbookError
from yearbook.load.book import load_book
from yearbook.model import MeetingKind


def errors(folder: Path) -> list[str]:
    with pytest.raises(YearbookError) as info:
        load_book(folder)
    return [d.render() for d in info.value.diagnostics]


def test_minimal_book_loads_typed(make_data):
    book = load_book(make_data()).book
    assert book.edition == 2023 and book.year == 2022
    chapter = book.chapters[0]
    meeting = chapter.records.meetings[0]
    assert meeting.kind is MeetingKind.CHAIR
    assert meeting.date == dates.Day(__import__("datetime").date(2022, 2, 14))
    entry = chapter.sections[0].entries[0]
    assert [str(p) for p in entry.paragraphs] == ["全年召开主席会议{{meetings.chair.count}}次。", "第二段。"]


def test_text_remembers_its_position(make_data):
    book = load_book(make_data()).book
    second = book.chapters[0].sections[0].entries[0].paragraphs[1]
    loc = second.loc
    assert (loc.file, loc.line, loc.column) == ("data/chapter.yaml", 9, 11)
    assert second.position(2).column == 13


def test_values_are_typed_by_schema_not_yaml(make_data):
    # `no`, `09:30`, `on` would be False, 570, True under YAML 1.1; here they stay text.
    folder = make_data(
        {"book.yaml": "title: no\nedition: 2023\nyear: 2022\nunit: '09:30'\nchapters:\n  - include: chapter.yaml\n"}
    )
    book = load_book(folder).book
    assert book.title == "no" and book.unit == "09:30"


def test_sexagesimal_and_boolean_lookalikes_are_errors_where_numbers_are_expected(make_data):
    folder = make_data({"book.yaml": "title: a\nedition: 09:30\nyear: no\nunit: u\nchapters: []\n"})
    found = errors(folder)
    assert any("book.yaml:2:10" in e and "应为整数" in e and "09:30" in e for e in found)
    assert any("book.yaml:3:7" in e and "“no”" in e for e in found)


def test_duplicate_key(make_data):
    folder = make_data({"book.yaml": "title: a\ntitle: b\nedition: 2023\nyear: 2022\nunit: u\nchapters: []\n"})
    (message,) = errors(folder)
    assert "book.yaml:2:1" in message and "键“title”重复" in message and "第 1 行" in message


def test_duplicate_key_through_alias(make_data):
    folder = make_data({"book.yaml": "title: a\n书名: b\nedition: 2023\nyear: 2022\nunit: u\nchapters: []\n"})
    (message,) = errors(folder)
    assert "book.yaml:2:1" in message and "重复" in message


def test_unknown_key_suggests(make_data):
    folder = make_data({"book.yaml": "titel: a\nedition: 2023\nyear: 2022\nunit: u\nchapters: []\n"})
    found = errors(folder)
    assert any("book.yaml:1:1" in e and "未知字段“titel”" in e and "“title”" in e for e in found)
    assert any("缺少必填字段“title”" in e for e in found)


def test_unknown_key_deep_path(make_data):
    chapter = "title: c\nsections:\n  - title: s\n    entries:\n      - title: e\n        txet: 正文\n"
    found = errors(make_data({"chapter.yaml": chapter}))
    assert any("chapter.yaml:6:9" in e and "sections[0].entries[0].txet" in e and "“text”" in e for e in found)


def test_wrong_type(make_data):
    found = errors(make_data({"chapter.yaml": "title: [a, b]\n"}))
    assert any("chapter.yaml:1:8" in e and "应为文字" in e for e in found)


def test_missing_required_field(make_data):
    chapter = "title: c\nrecords:\n  meetings:\n    - name: 会\n      kind: chair\n"
    found = errors(make_data({"chapter.yaml": chapter}))
    assert any("chapter.yaml:4:7" in e and "缺少必填字段“date”" in e for e in found)


def test_bad_choice_lists_choices(make_data):
    chapter = "title: c\nrecords:\n  meetings:\n    - {name: 会, kind: 座谈, date: 2022-01-01}\n"
    found = errors(make_data({"chapter.yaml": chapter}))
    assert any("“座谈”不是可选值" in e and "chair（主席会议）" in e for e in found)


@pytest.mark.parametrize("bad", ["2022-13-01", "2022/02/28", "22-02-28", "2022-02-30"])
def test_bad_date(make_data, bad):
    chapter = f"title: c\nrecords:\n  activities:\n    - {{date: '{bad}', topic: 调研}}\n"
    found = errors(make_data({"chapter.yaml": chapter}))
    assert any("chapter.yaml:4:" in e and f"日期“{bad}”无法识别" in e for e in found)


def test_date_range_backwards(make_data):
    chapter = "title: c\nrecords:\n  activities:\n    - {date: 2022-02-23/21, topic: 调研}\n"
    found = errors(make_data({"chapter.yaml": chapter}))
    assert any("先后顺序不对" in e for e in found)


def test_unreadable_file(make_data):
    folder = make_data()
    (folder / "chapter.yaml").write_bytes("title: 政协".encode("gbk"))
    (message,) = errors(folder)
    # The first GBK byte stands after "title: " (seven characters).
    assert "chapter.yaml:1:8" in message and "UTF-8" in message and "GBK" in message


def test_yaml_syntax_error_located(make_data):
    found = errors(make_data({"chapter.yaml": "title: [c\nsections: x\n"}))
    assert any("chapter.yaml:" in e and "YAML 格式错误" in e for e in found)


def test_include_outside_data_folder(make_data, tmp_path):
    (tmp_path / "secret.yaml").write_text("title: x\n", encoding="utf-8")
    book = "title: a\nedition: 2023\nyear: 2022\nunit: u\nchapters:\n  - include: ../secret.yaml\n"
    (message,) = errors(make_data({"book.yaml": book}))
    assert "book.yaml:6:14" in message and "不在数据文件夹内" in message


def test_include_missing_and_cycle(make_data):
    book = "title: a\nedition: 2023\nyear: 2022\nunit: u\nchapters:\n  - include: nope.yaml\n  - include: loop.yaml\n"
    folder = make_data({"book.yaml": book, "loop.yaml": "title: c\nsections:\n  include: loop.yaml\n"})
    found = errors(folder)
    assert any("book.yaml:6:14" in e and "不存在" in e for e in found)
    assert any("loop.yaml:3:12" in e and "循环引用" in e for e in found)


def test_tags_cannot_construct_objects(make_data):
    book = "title: !!python/object/apply:os.system ['echo hacked']\nedition: 2023\nyear: 2022\nunit: u\nchapters: []\n"
    found = errors(make_data({"book.yaml": book}))
    assert any("book.yaml:1:8" in e and "不支持标签" in e for e in found)


def test_anchors_and_aliases_rejected(make_data):
    book = "title: &t a\nedition: 2023\nyear: 2022\nunit: *t\nchapters: []\n"
    found = errors(make_data({"book.yaml": book}))
    assert any("book.yaml:4:7" in e and "锚点" in e for e in found)


def test_all_errors_reported_together(make_data):
    chapter = (
        "title: c\nrecords:\n  meetings:\n    - {name: a, kind: x, date: 2022-01-01}\n"
        "    - {name: b, kind: chair, date: bad}\n  proposals:\n    - {number: one, subject: s}\n"
    )
    found = errors(make_data({"chapter.yaml": chapter}))
    assert len(found) >= 5  # bad kind, bad date, bad number, two missing fields


def test_english_messages_when_locale_is_english(make_data):
    i18n.set_language(None)
    import os

    old = os.environ.get("LC_ALL")
    os.environ["LC_ALL"] = "en_US.UTF-8"
    try:
        folder = make_data({"book.yaml": "titel: a\nedition: 2023\nyear: 2022\nunit: u\nchapters: []\n"})
        found = errors(folder)
    finally:
        if old is None:
            del os.environ["LC_ALL"]
        else:
            os.environ["LC_ALL"] = old
    assert any("unknown field 'titel'; did you mean 'title'?" in e for e in found)


def test_chinese_aliases(make_data):
    book = "书名: 测试\n卷次: 2023\n记述年度: 2022\n编纂单位: 单位\n类目:\n  - include: chapter.yaml\n"
    assert load_book(make_data({"book.yaml": book})).book.title == "测试"


def test_not_a_folder_and_no_book(tmp_path):
    with pytest.raises(YearbookError):
        load_book(tmp_path / "missing")
    with pytest.raises(YearbookError) as info:
        load_book(tmp_path)
    assert "book.yaml" in info.value.diagnostics[0].render()


def test_records_remember_where_each_field_was_written(make_data):
    meeting = load_book(make_data()).book.chapters[0].records.meetings[1]
    loc = meeting.field_locs["date"]
    assert (loc.file, loc.line, loc.column) == ("data/chapter.yaml", 22, 13)


def _comment_warnings(loaded) -> list[str]:
    return [d.render() for d in loaded.warnings if d.code == "yaml.comment_in_value"]


def test_text_cut_off_by_a_hash_is_a_warning_with_its_place(make_data):
    chapter = MINIMAL_CHAPTER.replace("content: 学习《章程》", "content: 检修 #2机组")
    loaded = load_book(make_data(**{"chapter.yaml": chapter}))
    # YAML has dropped the rest of the line; the loader says so instead of keeping quiet.
    assert str(loaded.book.chapters[0].records.meetings[0].content) == "检修"
    (message,) = _comment_warnings(loaded)
    assert message.startswith("data/chapter.yaml:19:19: ")
    assert "“#2机组”没有进入年鉴" in message and '"检修 #2机组"' in message


@pytest.mark.parametrize(
    "line",
    [
        "content: 学习《章程》  # 说明：写给编辑的注释",  # a comment as comments are written
        'content: "检修 #2机组"',  # quoted: the hash is text
        "content: 1#高炉检修",  # no space before the hash: text, not a comment
        'content: "学习" #乙',  # a comment after a quoted value is the user's own choice
    ],
)
def test_comments_and_hashes_in_text_are_left_alone(make_data, line):
    chapter = MINIMAL_CHAPTER.replace("content: 学习《章程》", line)
    assert _comment_warnings(load_book(make_data(**{"chapter.yaml": chapter}))) == []


def test_a_hash_inside_a_block_is_text(make_data):
    chapter = MINIMAL_CHAPTER.replace("第二段。", "第二段 #3。")
    loaded = load_book(make_data(**{"chapter.yaml": chapter}))
    assert _comment_warnings(loaded) == []
    assert str(loaded.book.chapters[0].sections[0].entries[0].paragraphs[1]) == "第二段 #3。"
