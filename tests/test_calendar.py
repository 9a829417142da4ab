"""Calendars: the Solar Hijri (Persian) conversion, checked day by day against jdatetime, and the month
names read from CLDR."""

from __future__ import annotations

import json

import jdatetime
import pytest

from newsclean.rules.calendar import (
    MONTH_ABBREVIATION_MIN_CHARS,
    MONTH_EXCLUSIONS,
    MONTH_FILE,
    MONTH_LOCALES,
    MONTH_SPELLINGS,
    jalali_to_gregorian,
    month_table,
    write_month_file,
)

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


# --- month names from CLDR ----------------------------------------------------------------------------


def test_the_month_file_holds_what_cldr_gives(tmp_path) -> None:
    # the file is generated through Babel; regenerate it with `make months` when Babel's CLDR changes
    write_month_file(tmp_path / "months.json")
    fresh = json.loads((tmp_path / "months.json").read_text(encoding="utf-8"))["locales"]
    assert json.loads(MONTH_FILE.read_text(encoding="utf-8"))["locales"] == fresh
    assert list(fresh) == list(MONTH_LOCALES)


def test_every_locale_gives_all_twelve_months() -> None:
    for locale in MONTH_LOCALES:
        language = locale.split("_")[0]
        assert set(month_table((language,)).values()) == set(range(1, 13)), locale


def test_cldr_forms_are_read_written_out_abbreviated_and_standing_alone() -> None:
    table = month_table()
    assert table["avr"] == 4 and table["avril"] == 4  # French abbreviated and wide
    assert table["сентября"] == 9 and table["сентябрь"] == 9 and table["сент"] == 9  # genitive, standalone, short
    assert table["márc"] == 3 and table["nis"] == 4 and table["mrt"] == 3


def test_hand_spellings_stay_and_exclusions_stay_out() -> None:
    table = month_table()
    assert all(table[name] == number for spellings in MONTH_SPELLINGS.values() for name, number in spellings.items())
    assert not set(MONTH_EXCLUSIONS) & set(table)


def test_a_spelling_two_languages_disagree_on_goes_to_the_earlier_locale() -> None:
    assert MONTH_LOCALES.index("pl") < MONTH_LOCALES.index("hr")
    assert month_table()["listopada"] == 11  # Polish November, Croatian October
    assert month_table(("hr",))["listopada"] == 10


def test_short_abbreviations_are_left_out() -> None:
    assert all(len(name) >= MONTH_ABBREVIATION_MIN_CHARS or name in _wide_names() for name in month_table())


def _wide_names() -> set[str]:
    from babel import Locale

    return {name.lower() for locale in MONTH_LOCALES
            for context in ("format", "stand-alone") for name in Locale.parse(locale).months[context]["wide"].values()}
