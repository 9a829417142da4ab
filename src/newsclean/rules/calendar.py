"""Calendars as news pages write them: month and weekday names by language, and the Solar Hijri
(Persian) calendar.

Pure vocabulary and arithmetic; the date patterns built from it are in
:mod:`newsclean.rules.dates`.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

#: Month names and abbreviations, lower case, January to December, by language (an underscore
#: stands for the space in a two-word name). Where one
#: spelling means different months in two languages (Croatian "listopada" is October, Polish
#: November), the more widely scraped language keeps it and the other leaves it out.
MONTH_NAMES: dict[str, tuple[str, ...]] = {
    "en": ("january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul",
           "august aug", "september sep sept", "october oct", "november nov", "december dec"),
    "es": ("enero ene", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto ago",
           "septiembre setiembre", "octubre", "noviembre", "diciembre dic"),
    "de": ("januar jänner", "februar", "märz mär", "april", "mai", "juni", "juli", "august",
           "september", "oktober okt", "november", "dezember dez"),
    "fr": ("janvier janv", "février févr", "mars", "avril", "mai", "juin", "juillet juil", "août",
           "septembre", "octobre", "novembre", "décembre déc"),
    "pt": ("janeiro", "fevereiro fev", "março", "abril", "maio", "junho", "julho", "agosto",
           "setembro set", "outubro out", "novembro", "dezembro"),
    "it": ("gennaio gen", "febbraio", "marzo", "aprile", "maggio mag", "giugno giu", "luglio lug",
           "agosto", "settembre", "ottobre ott", "novembre", "dicembre"),
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december"),
    "ca": ("gener", "febrer", "març", "abril", "maig", "juny", "juliol", "agost", "setembre", "octubre",
           "novembre", "desembre"),
    "sv": ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
           "oktober", "november", "december"),
    "no": ("januar", "februar", "mars marts", "april", "mai", "juni", "juli", "august", "september",
           "oktober", "november", "desember"),
    "fi": ("tammikuuta", "helmikuuta", "maaliskuuta", "huhtikuuta", "toukokuuta", "kesäkuuta",
           "heinäkuuta", "elokuuta", "syyskuuta", "lokakuuta", "marraskuuta", "joulukuuta"),
    "pl": ("stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września",
           "października", "listopada", "grudnia"),
    "cs": ("ledna", "února", "března", "dubna", "května", "června", "července", "srpna", "září", "října",
           "listopadu", "prosince"),
    "hr": ("siječnja", "veljače", "ožujka", "travnja", "svibnja", "lipnja", "srpnja", "kolovoza", "rujna",
           "", "studenoga studenog", "prosinca"),
    "sr": ("januar", "februar", "mart", "april", "maj", "jun", "jul", "avgust", "septembar", "oktobar",
           "novembar", "decembar"),
    "sl": ("januar", "februar", "marec", "april", "maj", "junij", "julij", "avgust", "september", "oktober",
           "november", "december"),
    "ro": ("ianuarie", "februarie", "martie", "aprilie", "mai", "iunie", "iulie", "august", "septembrie",
           "octombrie", "noiembrie", "decembrie"),
    "hu": ("január", "február", "március", "április", "május", "június", "július", "augusztus",
           "szeptember", "október", "november", "december"),
    "sq": ("janar", "shkurt", "mars", "prill", "maj", "qershor", "korrik", "gusht", "shtator", "tetor",
           "nëntor nentor", "dhjetor"),
    "tr": ("ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül", "ekim",
           "kasım", "aralık"),
    "id": ("januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september",
           "oktober", "november", "desember"),
    "ms": ("januari", "februari", "mac", "april", "mei", "jun", "julai", "ogos", "september", "oktober",
           "november", "disember"),
    "tl": ("enero", "pebrero", "marso", "abril", "mayo", "hunyo", "hulyo", "agosto", "setyembre", "oktubre",
           "nobyembre", "disyembre"),
    "el": ("ιανουαρίου", "φεβρουαρίου", "μαρτίου", "απριλίου", "μαΐου", "ιουνίου", "ιουλίου", "αυγούστου",
           "σεπτεμβρίου", "οκτωβρίου", "νοεμβρίου", "δεκεμβρίου"),
    "ru": ("января январь", "февраля февраль", "марта март", "апреля апрель", "мая май", "июня июнь",
           "июля июль", "августа август", "сентября сентябрь", "октября октябрь", "ноября ноябрь",
           "декабря декабрь"),
    "uk": ("січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня",
           "жовтня", "листопада", "грудня"),
    "bg": ("януари", "февруари", "март", "април", "май", "юни", "юли", "август", "септември", "октомври",
           "ноември", "декември"),
    "sr-cyrl": ("јануар", "фебруар", "март", "април", "мај", "јун", "јул", "август", "септембар",
                "октобар", "новембар", "децембар"),
    # Arabic: the Egyptian and Gulf names, then the Levantine and Iraqi ones (both are used, often
    # side by side: "24 نيسان / أبريل 2020")
    "ar": ("يناير", "فبراير", "مارس", "أبريل ابريل إبريل", "مايو", "يونيو يونيه", "يوليو يوليه",
           "أغسطس اغسطس", "سبتمبر", "أكتوبر اكتوبر", "نوفمبر", "ديسمبر"),
    "ar-levant": ("كانون_الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
                  "تشرين_الأول", "تشرين_الثاني", "كانون_الأول"),
}
#: Languages whose month names are unmistakable without a year ("Aug. 31", "31 de agosto"):
#: the ones body mentions are resolved in. Elsewhere a bare month-day is too often another word.
YEARLESS_LANGUAGES = ("en", "es", "de", "fr", "pt", "it")


def month_table(languages: tuple[str, ...] | None = None) -> dict[str, int]:
    table: dict[str, int] = {}
    for language, months in MONTH_NAMES.items():
        if languages is not None and language not in languages:
            continue
        for number, names in enumerate(months, start=1):
            for name in names.split():
                table.setdefault(name.replace("_", " "), number)
    return table


#: Every month name or abbreviation, lower case, with its number.
MONTHS: dict[str, int] = month_table()

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
