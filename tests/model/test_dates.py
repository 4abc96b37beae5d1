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
