"""Calendars as news pages write them: month and weekday names by language, and the Solar Hijri
(Persian) calendar.

Pure vocabulary and arithmetic; the date patterns built from it are in
:mod:`newsclean.rules.dates`.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path

#: The CLDR locales whose month names dates are read in, most widely scraped
#: first: where one spelling names different months in two languages (Croatian "listopad" is
#: October, Polish and Czech November), the earlier locale keeps it. These are the languages of
#: the pages trafilatura and htmldate are evaluated on, and their neighbours. Vietnamese, Chinese,
#: Japanese and Korean write months as numbers, which the date patterns read without names.
MONTH_LOCALES = (
    "en", "es", "de", "de_AT", "fr", "pt", "it", "nl", "ca", "gl", "sv", "da", "nb", "fi", "et", "lv", "lt",
    "pl", "cs", "sk", "sl", "hr", "bs", "sr_Latn", "ro", "hu", "sq", "tr", "id", "ms", "fil", "el", "ru", "uk",
    "be", "bg", "mk", "sr", "ar", "ar_SY", "fa", "he", "hi", "ur",
)
#: The CLDR month forms read: the names in a date ("5 сентября") and standing alone
#: ("сентябрь"), written out and abbreviated. An abbreviation is read with and without its dot.
MONTH_FORMS = (("format", "wide"), ("format", "abbreviated"), ("stand-alone", "wide"), ("stand-alone", "abbreviated"))
#: Spellings pages write that CLDR lacks, with their month: the English "Sept", the Spanish of Peru
#: and Uruguay, older Norwegian, the Croatian short genitive, Albanian without its diaeresis, and
#: Arabic written without hamza or with the Egyptian "-يه" endings.
MONTH_SPELLINGS: dict[str, dict[str, int]] = {
    "en": {"sept": 9}, "es": {"setiembre": 9}, "nb": {"marts": 3}, "hr": {"studenog": 11}, "sq": {"nentor": 11},
    "ar": {"ابريل": 4, "إبريل": 4, "يونيه": 6, "يوليه": 7, "اغسطس": 8, "اكتوبر": 10},
}
#: Month names and abbreviations that are also common words in widely scraped languages, and
#: would turn "iPhone 12 Pro 2020" or "en 2020 des 12 pays" into a date: never read as months.
MONTH_EXCLUSIONS: dict[str, str] = {
    "pro": "Czech and Croatian December; 'pro' in English, German and Czech ('iPhone 12 Pro 2020')",
    "led": "Czech January; 'LED' ('10 LED 2020')",
    "des": "Catalan, Norwegian and Indonesian December; French 'des' ('en 2020 des 12 pays')",
    "dis": "Malay and Filipino December; 'dis' in English and Spanish",
    "tem": "Turkish July; Portuguese 'tem' ('2020 tem 5 ...')",
    "tra": "Croatian April; Italian 'tra' (between)",
}
#: An abbreviation shorter than this (characters, without its dot) is no month: the Catalan
#: "ag." is a word fragment anywhere else. Names written out are always read ("مه").
MONTH_ABBREVIATION_MIN_CHARS = 3
#: The Catalan article before a month ("de gener", "d’abril"): the date patterns read "de" apart.
_CATALAN_ARTICLE = ("de ",)
#: Languages whose month names are unmistakable without a year ("Aug. 31", "31 de agosto"):
#: the ones body mentions are resolved in. Elsewhere a bare month-day is too often another word.
YEARLESS_LANGUAGES = ("en", "es", "de", "fr", "pt", "it")


#: The month forms of ``MONTH_LOCALES`` as CLDR gives them, generated through Babel by
#: :func:`write_month_file` (``make months``): read at run time without Babel, whose 44 locale
#: files take half a second to load in every process. A test checks it against Babel's CLDR.
MONTH_FILE = Path(__file__).with_name("months.json")


def cldr_month_forms(locale: str) -> list[tuple[str, int]]:
    """The month names and abbreviations of one CLDR locale (through Babel), lower case, abbreviations
    without their dot, in ``MONTH_FORMS`` order, with their numbers (1-12)."""
    from babel import Locale

    months = Locale.parse(locale).months
    found: list[tuple[str, int]] = []
    for context, width in MONTH_FORMS:
        for number, name in months[context][width].items():
            name = name.lower()
            for article in _CATALAN_ARTICLE:
                name = name.removeprefix(article)
            bare = name.rstrip(".")
            if any(c.isdigit() for c in bare):  # "1月", "thg 1": numbers, read by the date patterns
                continue
            if width == "abbreviated" and len(bare) < MONTH_ABBREVIATION_MIN_CHARS:
                continue
            found.append((bare, number))
            if "’" in bare:  # "d’abril" is as often typed "d'abril"
                found.append((bare.replace("’", "'"), number))
    return list(dict.fromkeys(found))


def write_month_file(path: Path = MONTH_FILE) -> None:
    """Write the month forms of ``MONTH_LOCALES`` from Babel's CLDR to ``path`` (``make months``)."""
    import babel

    lines = [f"  {json.dumps(locale)}: {json.dumps(cldr_month_forms(locale), ensure_ascii=False)}"
             for locale in MONTH_LOCALES]
    source = json.dumps(f"babel {babel.__version__} (CLDR) through newsclean.rules.calendar.write_month_file")
    path.write_text(f'{{"generated_by": {source},\n "locales": {{\n' + ",\n".join(lines) + "\n}}\n",
                    encoding="utf-8")


@cache
def _month_file() -> dict[str, list[list[str | int]]]:
    return json.loads(MONTH_FILE.read_text(encoding="utf-8"))["locales"]


@cache
def month_table(languages: tuple[str, ...] | None = None) -> dict[str, int]:
    """Every month name and abbreviation of ``languages`` (CLDR locales; all of ``MONTH_LOCALES`` by
    default), lower case, with its number (1-12).

    Read from ``MONTH_FILE`` (CLDR's forms) on first use, never at import;
    the earlier locale keeps a spelling two locales give different months,
    the ``MONTH_SPELLINGS`` are added and the ``MONTH_EXCLUSIONS`` left out.
    """
    table: dict[str, int] = {}
    for locale in MONTH_LOCALES:
        if languages is not None and locale.split("_")[0] not in languages:
            continue
        for name, number in [*map(tuple, _month_file()[locale]), *MONTH_SPELLINGS.get(locale, {}).items()]:
            table.setdefault(str(name), int(number))
    return {name: number for name, number in table.items() if name not in MONTH_EXCLUSIONS}


#: Solar Hijri (Persian) month names, in Persian spelling, Farvardin to Esfand. Arabic letters yeh
#: and kaf are folded to the Persian ones before matching (see ``_fold``).
JALALI_MONTHS: dict[str, int] = {name: number for number, name in enumerate(
    ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"], start=1)}

#: Weekday names that may precede a date ("Wednesday, July 11, 2018").
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]

#: English, Spanish, German, French and Portuguese weekday names, capitalised as they stand in prose
#: (Spanish, French and Portuguese write them in lower case), by ISO weekday (Monday = 0).
WEEKDAY_NUMBERS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "Monday lunes Montag lundi segunda-feira",
        "Tuesday martes Dienstag mardi terça-feira",
        "Wednesday miércoles Mittwoch mercredi quarta-feira",
        "Thursday jueves Donnerstag jeudi quinta-feira",
        "Friday viernes Freitag vendredi sexta-feira",
        "Saturday sábado Samstag samedi",
        "Sunday domingo Sonntag dimanche",
    )
):
    for _name in _names.split():
        WEEKDAY_NUMBERS[_name] = _number


#: Weekday names of more languages, which stand beside dates but never make one.
_MORE_WEEKDAYS = (
    "الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت یکشنبه دوشنبه سه‌شنبه چهارشنبه پنجشنبه "
    "جمعه شنبه воскресенье понедельник вторник среда четверг пятница суббота неділя понеділок вівторок "
    "середа четвер п'ятниця субота domenica lunedì martedì mercoledì giovedì venerdì sabato zondag maandag "
    "dinsdag woensdag donderdag vrijdag zaterdag segunda terça quarta quinta sexta feira"
)


@cache
def weekday_names() -> frozenset[str]:
    return frozenset(WEEKDAYS) | frozenset(_MORE_WEEKDAYS.split())


#: Days in the months of the Solar Hijri year: six of 31, five of 30, Esfand 29 or 30.
_JALALI_MONTH_DAYS = (31, 31, 31, 31, 31, 31, 30, 30, 30, 30, 30, 30)
#: Days between the start of the Gregorian calendar's count and the Solar Hijri epoch, as the
#: usual arithmetic (jalaali-js, jdatetime) sets them.
_JALALI_EPOCH_DAYS = 355668
_JALALI_YEAR_OFFSET = 1595


def jalali_to_gregorian(year: int, month: int, day: int) -> dt.date | None:
    """The Gregorian date of a Solar Hijri (Persian calendar) date, or None if there is no such day.

    The 33-year leap cycle arithmetic is exact for the years news is dated in (1300-1499, i.e.
    1921-2120). Esfand 30 exists in leap years only: in the others it would be the next
    year's Farvardin 1, and is no date.
    """
    if not (1 <= month <= 12 and 1 <= day <= _JALALI_MONTH_DAYS[month - 1]):
        return None
    days = _jalali_day_number(year, month, day)
    if month == 12 and day == _JALALI_MONTH_DAYS[-1] and days == _jalali_day_number(year + 1, 1, 1):
        return None
    return _gregorian(days)


def _jalali_day_number(year: int, month: int, day: int) -> int:
    """Days from the start of the Gregorian count to a Solar Hijri date (month and day in range or one past)."""
    jy = year + _JALALI_YEAR_OFFSET
    return (-_JALALI_EPOCH_DAYS + 365 * jy + (jy // 33) * 8 + ((jy % 33) + 3) // 4 + day
            + ((month - 1) * 31 if month < 7 else (month - 7) * 30 + 186))


def _gregorian(days: int) -> dt.date | None:
    """The Gregorian date ``days`` after the start of the count (:func:`_jalali_day_number`'s)."""
    gregorian_year = 400 * (days // 146097)
    days %= 146097
    if days > 36524:
        days -= 1
        gregorian_year += 100 * (days // 36524)
        days %= 36524
        if days >= 365:
            days += 1
    gregorian_year += 4 * (days // 1461)
    days %= 1461
    if days > 365:
        gregorian_year += (days - 1) // 365
        days = (days - 1) % 365
    try:
        return dt.date(gregorian_year, 1, 1) + dt.timedelta(days=days)
    except (ValueError, OverflowError):
        return None
