"""Dates: ISO in, GB/T 15835 forms out (through babel's zh_CN patterns)."""

import datetime as dt

import pytest

from yearbook import dates


@pytest.mark.parametrize(
    ("written", "full", "short"),
    [
        ("2022-02-28", "2022年2月28日", "2月28日"),
        ("2022-09", "2022年9月", "9月"),
        ("2022-02-21/2022-02-23", "2022年2月21日至23日", "2月21日至23日"),
        ("2022-02-21/23", "2022年2月21日至23日", "2月21日至23日"),
        ("2022-02-21/03-02", "2022年2月21日至3月2日", "2月21日至3月2日"),
        ("2022-02/2022-03", "2022年2月至3月", "2月至3月"),
        ("2022-06-08, 2022-06-14", "2022年6月8日、14日", "6月8日、14日"),
        ("2022-06-08、2022-07-01", "2022年6月8日、7月1日", "6月8日、7月1日"),
    ],
)
def test_forms(written, full, short):
    value = dates.parse(written)
    assert dates.format_value(value) == full
    assert dates.format_value(value, with_year=False) == short


def test_span_over_new_year_keeps_years_even_in_a_captioned_table():
    value = dates.parse("2022-12-30/2023-01-02")
    assert dates.format_value(value, with_year=False) == "2022年12月30日至2023年1月2日"


@pytest.mark.parametrize("bad", ["2022-02-30", "2022/02/28", "28.2.2022", "2022-2-8", "", "2022-02-21/35"])
def test_syntax_errors(bad):
    with pytest.raises(dates.DateSyntaxError):
        dates.parse(bad)


@pytest.mark.parametrize("bad", ["2022-02-23/21", "2022-06-14, 2022-06-08", "2022-03/2022-02"])
def test_order_errors(bad):
    with pytest.raises(dates.DateOrderError):
        dates.parse(bad)


def test_first_day_sorts():
    assert dates.first_day(dates.parse("2022-06-08, 2022-06-14")) == dt.date(2022, 6, 8)


def test_the_locale_made_directly_is_the_one_babel_resolves_the_name_to() -> None:
    from babel import Locale

    assert dates._locale() == Locale.parse(dates.LOCALE)
    assert str(dates._locale()) == str(Locale.parse(dates.LOCALE))


def _every_day(*years: int) -> list[dt.date]:
    days = []
    for year in years:
        day = dt.date(year, 1, 1)
        while day.year == year:
            days.append(day)
            day += dt.timedelta(days=1)
    return days


@pytest.fixture
def fresh_patterns(tmp_path, monkeypatch):
    """The patterns resolved anew, into an empty cache folder."""
    monkeypatch.setenv("YEARBOOK_CACHE", str(tmp_path))
    dates._patterns.cache_clear()
    yield tmp_path / "date-patterns.json"
    dates._patterns.cache_clear()


def test_every_skeleton_prints_every_day_as_babel_does(fresh_patterns) -> None:
    """The patterns kept in the cache print what babel's format_skeleton prints, both
    when just resolved and when read back from the cache file."""
    from babel.dates import format_skeleton

    for attempt in ("resolved", "from the cache file"):
        patterns = dates._patterns()
        assert fresh_patterns.exists(), attempt
        assert set(patterns) == set(dates.SKELETONS), attempt
        for skeleton in dates.SKELETONS:
            for day in _every_day(1999, 2000, 2022, 2024):
                expected = format_skeleton(skeleton, day, locale=dates._locale())
                assert patterns[skeleton].apply(day) == expected, (attempt, skeleton, day)
        dates._patterns.cache_clear()


def test_a_changed_babel_is_asked_again(fresh_patterns, monkeypatch) -> None:
    dates._patterns()
    saved = fresh_patterns.read_text(encoding="utf-8")
    # A cache file written for other babel files is not used: babel resolves anew.
    fresh_patterns.write_text(saved.replace('"MMM"', '"MMM-stale"'), encoding="utf-8")
    source = dates._babel_source()
    monkeypatch.setattr(dates, "_babel_source", lambda: [*source, ["other.dat", 1, 1]])
    dates._patterns.cache_clear()
    assert set(dates._patterns()) == set(dates.SKELETONS)
    assert "other.dat" in fresh_patterns.read_text(encoding="utf-8")


def test_a_damaged_cache_file_is_replaced(fresh_patterns) -> None:
    fresh_patterns.write_text("{not json", encoding="utf-8")
    assert dates._format("yMMMd", dt.date(2022, 2, 28)) == "2022年2月28日"
    assert '"yMMMd"' in fresh_patterns.read_text(encoding="utf-8")


def test_an_unwritable_cache_still_prints(tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("YEARBOOK_CACHE", str(blocker / "cache"))  # under a file: cannot be made
    dates._patterns.cache_clear()
    try:
        assert dates._format("d", dt.date(2022, 2, 8)) == "8日"
    finally:
        dates._patterns.cache_clear()
