"""The Solar Hijri (Persian) calendar conversion, checked day by day against jdatetime."""

from __future__ import annotations

import jdatetime
import pytest

from newsclean.rules.calendar import jalali_to_gregorian

#: The years news is dated in, as the conversion's docstring promises them.
YEARS = range(1300, 1500)


def _jdatetime(year: int, month: int, day: int):
    try:
        return jdatetime.date(year, month, day).togregorian()
    except ValueError:  # no such day (Esfand 30 of a common year, Mehr 31)
        return None


@pytest.mark.parametrize("year", YEARS)
def test_every_day_of_the_year_converts_as_jdatetime_does(year: int) -> None:
    for month in range(1, 13):
        for day in range(1, 32):
            assert jalali_to_gregorian(year, month, day) == _jdatetime(year, month, day), (year, month, day)


def test_esfand_30_of_a_common_year_is_no_date() -> None:
    assert not jdatetime.date(1402, 1, 1).isleap()
    assert jalali_to_gregorian(1402, 12, 30) is None
    assert jalali_to_gregorian(1403, 12, 30) is not None  # 1403 is a leap year


def test_out_of_range_days_are_no_dates() -> None:
    assert jalali_to_gregorian(1399, 7, 31) is None
    assert jalali_to_gregorian(1399, 13, 1) is None
    assert jalali_to_gregorian(1399, 1, 0) is None
