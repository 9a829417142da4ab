"""Date patterns: month names in the languages news is scraped in, and the date shapes.

Patterns are compiled once, at first use of :func:`date_matches` (not at import).
``find_dates`` is pure: it returns every well-formed calendar date in a text
with its offsets; judging which one is a publication date is the dates
stage's business.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
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


def _month_table(languages: tuple[str, ...] | None = None) -> dict[str, int]:
    table: dict[str, int] = {}
    for language, months in MONTH_NAMES.items():
        if languages is not None and language not in languages:
            continue
        for number, names in enumerate(months, start=1):
            for name in names.split():
                table.setdefault(name.replace("_", " "), number)
    return table


#: Every month name or abbreviation, lower case, with its number.
MONTHS: dict[str, int] = _month_table()

#: Solar Hijri (Persian) month names, in Persian spelling, Farvardin to Esfand. Arabic letters yeh
#: and kaf are folded to the Persian ones before matching (see ``_fold``).
JALALI_MONTHS: dict[str, int] = {name: number for number, name in enumerate(
    ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"], start=1)}

#: Weekday names that may precede a date ("Wednesday, July 11, 2018").
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]

#: A leading "date YYYY-MM-DD" header, as some scrapers write before the text.
SCRAPER_HEADER = re.compile(r"^\s*date[:=]?\s+(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?\S*)?(?=\s|$)",
                            re.IGNORECASE)

#: Words that may stand on a dateline beside the date ("Published 3:02 PM EDT Jul 11, 2018").
DATELINE_WORDS = re.compile(
    r"\b(?:published|updated|posted|last updated|modified|created|written|date|on|at|am|pm|a\.m\.|p\.m\.|"
    r"[ecmp][sd]t|gmt|utc|cet|cest|bst|ist|publicado|actualizado|veröffentlicht|aktualisiert|publié|"
    r"mis à jour|atualizado|pubblicato|aggiornato|gepubliceerd|bijgewerkt|le|el|de|del|à|a las|am|um|uhr|h|"
    r"опубликовано|обновлено|опубліковано|оновлено|تاریخ انتشار|نشر|تم نشره|آخر تحديث|"
    r"[ap]\.?m\.?|م|ص|ب\.ظ|ق\.ظ|مساء|مساءً|صباحا|صباحاً)(?!\w)",
    re.IGNORECASE,
)

#: A marker that the date is when the text was changed, not first published.
UPDATED_MARKER = re.compile(
    r"(?<!\w)(?:updated|last updated|modified|edited|revised|revision|actualizado|actualización|aktualisiert|"
    r"mis à jour|modifié|atualizado|aggiornato|bijgewerkt|обновлено|оновлено|آخر تحديث|更新)(?!\w)",
    re.IGNORECASE)

#: A marker that the date is the first publication ("Posted on", "wurde am … gepostet", "تم نشره").
PUBLISHED_MARKER = re.compile(
    r"(?<!\w)(?:published|posted|written|created|publicado|publicada|veröffentlicht|gepostet|erschienen|"
    r"publié|publiée|pubblicato|gepubliceerd|geplaatst|opublikowano|опубликовано|опубліковано|yayınlanma|"
    r"diterbitkan|publicerad|julkaistu|نشر|تم نشره|تاریخ انتشار|公開日|投稿日|发布时间|發布時間|발행|입력)(?!\w)",
    re.IGNORECASE)

#: A date that says when a member joined a forum or site, not when anything was published.
JOINED_MARKER = re.compile(
    r"(?<!\w)(?:joined|member since|registered|registriert|mitglied seit|dabei seit|inscrit|"
    r"miembro desde|registrado|iscritto)(?!\w)", re.IGNORECASE)

#: Times of day written beside a date: 15:03, 15:03:30, 3.02pm, 18h30, 10時00分.
TIME_OF_DAY = re.compile(
    r"(?<!\d)\d{1,2}(?:[:.h]\d{2}(?:[:.]\d{2})?|\s?時\s?\d{1,2}\s?分)(?:\s?[ap]\.?m\.?)?(?!\d)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A well-formed calendar date found in a text."""

    value: dt.date
    start: int
    end: int
    text: str
    #: the month-first reading of a numeric date whose day and month could swap ("06/01/2020")
    alternative: dt.date | None = None


#: Digits of other scripts and the Arabic letters that Persian writes differently, folded one
#: character to one so that offsets in the folded text are offsets in the original.
_FOLD = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹يك", "0123456789" "0123456789" "یک")


def _fold(text: str) -> str:
    return text.translate(_FOLD)


def _alternation(names: Iterable[str]) -> str:
    folded = {_fold(name) for name in names}
    return "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in sorted(folded, key=len, reverse=True))


@cache
def _month_numbers() -> dict[str, int]:
    return {_fold(name): number for name, number in MONTHS.items()}


@cache
def _jalali_numbers() -> dict[str, int]:
    return {_fold(name): number for name, number in JALALI_MONTHS.items()}


#: A year of the common era as news pages write it; a time glued to it ("28.09.1912:44") is not a year.
_YEAR = r"(?P<y>(?:19|20)\d{2})(?!\d|:\d)"


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    month = _alternation(MONTHS)
    other_month = rf"(?:\s*/\s*(?:{month}))?"  # "24 نيسان / أبريل 2020": one month in two calendars' names
    weekday = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
    lead = rf"(?:(?:{weekday})\.?,?\s+)?"
    return (
        # 2018-07-27, 2018/07/27, 2018.07.27, 2020. 08. 18. (Korean, Hungarian)
        (re.compile(r"(?<![\d./-])(?P<y>(?:19|20)\d{2})(?:[-/]|\.\s?)(?P<m>\d{1,2})(?:[-/]|\.\s?)(?P<d>\d{1,2})"
                    r"(?![\d-]|\.\d)"), "ymd"),
        # 2020年7月1日 (Chinese, Japanese), 2020년 7월 1일 (Korean)
        (re.compile(r"(?P<y>(?:19|20)\d{2})\s?[年년]\s?(?P<m>\d{1,2})\s?[月월]\s?(?P<d>\d{1,2})\s?[日일]"), "ymd"),
        # ngày 5 tháng 3 năm 2020 (Vietnamese)
        (re.compile(rf"(?i:ngày)\s+(?P<d>\d{{1,2}})\s+(?i:tháng)\s+(?P<m>\d{{1,2}})\s*(?:(?i:năm)\s+|[,/]\s*){_YEAR}"),
         "ymd"),
        # July 27, 2018 · Aug. 31 2018 · Septiembre 30, 2022
        (re.compile(rf"(?<!\w){lead}(?P<mon>{month})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}",
                    re.IGNORECASE), "mdy"),
        # 27 July 2018 · 31. August 2018 · 31 de agosto de 2018 · 1er juillet 2018 · 07 أكتوبر 2020
        (re.compile(rf"(?<![\d.]){lead}(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|º)?\.?\s+(?:de\s+)?(?P<mon>{month})\.?"
                    rf"{other_month},?\s+(?:del?\s+)?{_YEAR}", re.IGNORECASE), "dmy"),
        # 2020. március 5. (Hungarian), 2020 July 5
        (re.compile(rf"(?<![\d.]){_YEAR}\.?\s+(?P<mon>{month})\.?\s+(?P<d>\d{{1,2}})(?!\d|[.:]\d)",
                    re.IGNORECASE), "ymd_name"),
        # 21 اردیبهشت 1399 (Persian, the Solar Hijri calendar)
        (re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})\s+(?P<mon>{_alternation(JALALI_MONTHS)})\s+(?P<y>1[34]\d{{2}})(?!\d)"),
         "jalali"),
        # 27.07.2018 · 27/07/2018 (day first; month first only when the day is > 12)
        (re.compile(rf"(?<![\d./])(?P<a>\d{{1,2}})[./](?P<b>\d{{1,2}})[./]{_YEAR}(?![./]\d)"), "numeric"),
        # 28.09.19 12:44 (a forum's post time): a two-digit year only with a time right after it
        (re.compile(r"(?<![\d./])(?P<a>\d{1,2})\.(?P<b>\d{1,2})\.(?P<yy>\d{2})(?=,?\s*\d{1,2}:\d{2}(?!\d))"),
         "numeric"),
    )


def _year(groups: dict[str, str | None]) -> int:
    if groups.get("yy") is not None:
        return TWO_DIGIT_YEAR_CENTURY + int(groups["yy"] or 0)
    return int(groups["y"] or 0)


#: The century of a two-digit year: news pages with "28.09.19" are of this century.
TWO_DIGIT_YEAR_CENTURY = 2000


def _to_date(kind: str, match: re.Match[str]) -> dt.date | None:
    groups = match.groupdict()
    year = _year(groups)
    if kind == "jalali":
        return jalali_to_gregorian(year, _jalali_numbers()[groups["mon"]], int(groups["d"]))
    if kind == "ymd":
        month, day = int(groups["m"]), int(groups["d"])
    elif kind == "numeric":
        first, second = int(groups["a"]), int(groups["b"])
        day, month = (second, first) if second > 12 >= first else (first, second)
    else:
        month = _month_numbers()[_fold(re.sub(r"\s+", " ", groups["mon"].lower()))]
        day = int(groups["d"])
    try:
        return dt.date(year, month, day)
    except ValueError:  # February 30 and the like are no dates
        return None


def _alternative(kind: str, match: re.Match[str], value: dt.date) -> dt.date | None:
    """The month-first reading of a day-first numeric date, when both readings are dates."""
    if kind != "numeric" or value.day == value.month or value.day > 12:
        return None
    return value.replace(month=value.day, day=value.month)


#: Days in the months of the Solar Hijri year: six of 31, five of 30, Esfand 29 or 30.
_JALALI_MONTH_DAYS = (31, 31, 31, 31, 31, 31, 30, 30, 30, 30, 30, 30)
#: Days between the start of the Gregorian calendar's count and the Solar Hijri epoch, as the
#: usual arithmetic (jalaali-js, jdatetime) sets them.
_JALALI_EPOCH_DAYS = 355668
_JALALI_YEAR_OFFSET = 1595


def jalali_to_gregorian(year: int, month: int, day: int) -> dt.date | None:
    """The Gregorian date of a Solar Hijri (Persian calendar) date, or None if there is no such day.

    The 33-year leap cycle arithmetic is exact for the years news is dated in (1300-1499, i.e.
    1921-2120).
    """
    if not (1 <= month <= 12 and 1 <= day <= _JALALI_MONTH_DAYS[month - 1]):
        return None
    jy = year + _JALALI_YEAR_OFFSET
    days = (-_JALALI_EPOCH_DAYS + 365 * jy + (jy // 33) * 8 + ((jy % 33) + 3) // 4 + day
            + ((month - 1) * 31 if month < 7 else (month - 7) * 30 + 186))
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


def find_dates(text: str) -> list[DateMatch]:
    """Every well-formed calendar date written with a year in ``text``, in order, without overlaps."""
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    folded = _fold(text)
    for pattern, kind in _patterns():
        for match in pattern.finditer(folded):
            start, end = match.span()
            if any(start < b and a < end for a, b in taken):
                continue
            value = _to_date(kind, match)
            if value is not None:
                taken.append((start, end))
                found.append(DateMatch(value, start, end, text[start:end], _alternative(kind, match, value)))
    return sorted(found, key=lambda m: m.start)


#: Punctuation and symbols that separate the parts of a dateline.
_SYMBOLS = re.compile(r"[^\w\s]|_")


def residue_words(text: str, match: DateMatch | Sequence[DateMatch]) -> list[str]:
    """Words of ``text`` outside the date(s) that are not dateline vocabulary (times, 'Published', zones)."""
    matches = [match] if isinstance(match, DateMatch) else list(match)
    rest, position = [], 0
    for found in sorted(matches, key=lambda m: m.start):
        rest.append(text[position:found.start])
        position = found.end
    rest.append(text[position:])
    words = TIME_OF_DAY.sub(" ", " ".join(rest))
    words = DATELINE_WORDS.sub(" ", words)
    return [word for word in _SYMBOLS.sub(" ", words).split()
            if word.lower() not in _weekday_names() and not word.isdigit()]


#: Weekday names of more languages, which stand beside dates but never make one.
_MORE_WEEKDAYS = (
    "الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت یکشنبه دوشنبه سه‌شنبه چهارشنبه پنجشنبه "
    "جمعه شنبه воскресенье понедельник вторник среда четверг пятница суббота неділя понеділок вівторок "
    "середа четвер п'ятниця субота domenica lunedì martedì mercoledì giovedì venerdì sabato zondag maandag "
    "dinsdag woensdag donderdag vrijdag zaterdag segunda terça quarta quinta sexta feira"
)


@cache
def _weekday_names() -> frozenset[str]:
    return frozenset(WEEKDAYS) | frozenset(_MORE_WEEKDAYS.split())

#: A date in a page address: /2018/07/27/, /2018-07-27-, /20180727/.
URL_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})(?:[/_-](?P<m>0?[1-9]|1[0-2])[/_-](?P<d>0?[1-9]|[12]\d|3[01])"
    r"|(?P<m2>0[1-9]|1[0-2])(?P<d2>0[1-9]|[12]\d|3[01]))(?!\d)"
)


def url_date(url: str) -> dt.date | None:
    """The date written in a page address, if it has a well-formed one in its path."""
    path = url.split("?", 1)[0].split("#", 1)[0]
    path = path.split("://", 1)[-1].partition("/")[2]
    for match in URL_DATE.finditer("/" + path):
        month, day = match.group("m") or match.group("m2"), match.group("d") or match.group("d2")
        try:
            return dt.date(int(match.group("y")), int(month), int(day))
        except ValueError:
            continue
    return None


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


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A month and day written without a year ("Aug. 31", "31 de agosto")."""

    month: int
    day: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class WeekdayMention:
    """A weekday named in prose ("on Friday")."""

    weekday: int
    start: int
    end: int
    text: str


#: Without a year a month must be unmistakable: full names (as written, capitalised or not) and
#: the capitalised English abbreviations; "out", "set" or "may" in lower case are words.
YEARLESS_MONTH_MIN_CHARS = 4
_YEARLESS_ABBREVIATIONS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"]


@cache
def _yearless_months() -> dict[str, int]:
    return _month_table(YEARLESS_LANGUAGES)


@cache
def _partial_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    full = {m for m in _yearless_months() if len(m) >= YEARLESS_MONTH_MIN_CHARS}
    names = full | {m.capitalize() for m in full} | set(_YEARLESS_ABBREVIATIONS)
    month = "|".join(sorted((re.escape(m) for m in names), key=len, reverse=True))
    return (
        re.compile(rf"(?<![\w.])(?P<mon>{month})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:,]*\d)(?!\w)"),
        re.compile(rf"(?<![\w.])(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|º)?\.?\s+(?:de\s+)?(?P<mon>{month})\b"),
    )


@cache
def _weekday_pattern() -> re.Pattern[str]:
    names = "|".join(sorted((re.escape(n) for n in WEEKDAY_NUMBERS), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?P<name>{names})(?!\w)")


def find_partial_dates(text: str, taken: list[tuple[int, int]]) -> list[PartialDate]:
    """Month-day dates without a year, outside the spans already ``taken`` by full dates."""
    found: list[PartialDate] = []
    spans = list(taken)
    for pattern in _partial_patterns():
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < b and a < end for a, b in spans):
                continue
            month, day = _yearless_months()[match.group("mon").lower().rstrip(".")], int(match.group("d"))
            try:
                dt.date(2000, month, day)  # a leap year: February 29 exists, February 30 never does
            except ValueError:
                spans.append((start, end))
                continue
            spans.append((start, end))
            found.append(PartialDate(month, day, start, end, match.group(0)))
    return sorted(found, key=lambda m: m.start)


def find_weekdays(text: str, taken: list[tuple[int, int]]) -> list[WeekdayMention]:
    """Weekday names in ``text`` outside the spans already ``taken`` by dates."""
    return [WeekdayMention(WEEKDAY_NUMBERS[m.group("name")], m.start(), m.end(), m.group(0))
            for m in _weekday_pattern().finditer(text)
            if not any(m.start() < b and a < m.end() for a, b in taken)]
