"""Date patterns: month names in the languages news is scraped in, and the date shapes.

Patterns are compiled once, at first use of :func:`date_matches` (not at import).
``find_dates`` is pure: it returns every well-formed calendar date in a text
with its offsets; judging which one is a publication date is the dates
stage's business.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

#: Month names and abbreviations, lower case, by month number. English,
#: Spanish, German, French, Portuguese and Italian.
MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan enero ene januar jänner janvier janv janeiro gennaio gen januari gener ocak stycznia "
        "января январь січня",
        "february feb febrero februar février févr fevereiro fev febbraio februari febrer şubat lutego "
        "февраля февраль лютого",
        "march mar marzo märz mär mars março maart març mart marca марта март березня",
        "april apr abril avril aprile nisan kwietnia апреля апрель квітня",
        "may mayo mai maio maggio mag mei maig mayıs maja мая май травня",
        "june jun junio juni juin junho giugno giu juny haziran czerwca июня июнь червня",
        "july jul julio juli juillet juil julho luglio lug juliol temmuz lipca июля июль липня",
        "august aug agosto ago august août augustus agost ağustos sierpnia августа август серпня",
        "september sep sept septiembre setiembre september septembre setembro set settembre setembre eylül "
        "września сентября сентябрь вересня",
        "october oct octubre oktober okt octobre outubro out ottobre ott octubre ekim października "
        "октября октябрь жовтня",
        "november nov noviembre november novembre novembro kasım listopada ноября ноябрь листопада",
        "december dec diciembre dic dezember dez décembre déc dezembro dicembre desembre aralık grudnia "
        "декабря декабрь грудня",
    ),
    start=1,
):
    for _name in _names.split():
        MONTHS.setdefault(_name, _number)

#: Weekday names that may precede a date ("Wednesday, July 11, 2018").
WEEKDAYS = (
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun "
    "lunes martes miércoles jueves viernes sábado domingo montag dienstag mittwoch donnerstag freitag "
    "samstag sonntag lundi mardi mercredi jeudi vendredi samedi dimanche"
).split()

#: A leading "date YYYY-MM-DD" header, as some scrapers write before the text.
SCRAPER_HEADER = re.compile(r"^\s*date[:=]?\s+(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?\S*)?(?=\s|$)",
                            re.IGNORECASE)

#: Words that may stand on a dateline beside the date ("Published 3:02 PM EDT Jul 11, 2018").
DATELINE_WORDS = re.compile(
    r"\b(?:published|updated|posted|last updated|modified|created|date|on|at|am|pm|a\.m\.|p\.m\.|"
    r"[ecmp][sd]t|gmt|utc|cet|cest|bst|publicado|actualizado|veröffentlicht|aktualisiert|publié|"
    r"mis à jour|atualizado|le|el|de|am|um|uhr|h)\b",
    re.IGNORECASE,
)

#: A marker that the date is when the text was changed, not first published.
UPDATED_MARKER = re.compile(r"\b(?:updated|last updated|modified|actualizado|aktualisiert|mis à jour|atualizado)\b",
                            re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A well-formed calendar date found in a text."""

    value: dt.date
    start: int
    end: int
    text: str


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    month = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
    weekday = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
    lead = rf"(?:(?:{weekday})\.?,?\s+)?"
    return (
        # 2018-07-27, 2018/07/27, 2018.07.27, 2020. 08. 18. (Korean, Hungarian)
        (re.compile(r"(?<![\d./-])(?P<y>(?:19|20)\d{2})(?:[-/]|\.\s?)(?P<m>\d{1,2})(?:[-/]|\.\s?)(?P<d>\d{1,2})"
                    r"(?![\d-]|\.\d)"), "ymd"),
        # 2020年7月1日 (Chinese, Japanese), 2020년 7월 1일 (Korean)
        (re.compile(r"(?P<y>(?:19|20)\d{2})\s?[年년]\s?(?P<m>\d{1,2})\s?[月월]\s?(?P<d>\d{1,2})\s?[日일]"), "ymd"),
        # July 27, 2018 · Aug. 31 2018 · Septiembre 30, 2022
        (re.compile(rf"(?<!\w){lead}(?P<mon>{month})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{{2}})(?!\d)",
                    re.IGNORECASE), "mdy"),
        # 27 July 2018 · 31. August 2018 · 31 de agosto de 2018 · 1er juillet 2018
        (re.compile(rf"(?<![\d.]){lead}(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|º)?\.?\s+(?:de\s+)?(?P<mon>{month})\.?,?\s+"
                    rf"(?:del?\s+)?(?P<y>(?:19|20)\d{{2}})(?!\d)", re.IGNORECASE), "dmy"),
        # 27.07.2018 · 27/07/2018 (day first; month first only when the day is > 12)
        (re.compile(r"(?<![\d./])(?P<a>\d{1,2})[./](?P<b>\d{1,2})[./](?P<y>(?:19|20)\d{2})(?![\d./])"), "numeric"),
    )


def _to_date(kind: str, match: re.Match[str]) -> dt.date | None:
    groups = match.groupdict()
    year = int(groups["y"])
    if kind == "ymd":
        month, day = int(groups["m"]), int(groups["d"])
    elif kind == "numeric":
        first, second = int(groups["a"]), int(groups["b"])
        day, month = (second, first) if second > 12 >= first else (first, second)
    else:
        month = MONTHS[groups["mon"].lower()]
        day = int(groups["d"])
    try:
        return dt.date(year, month, day)
    except ValueError:  # February 30 and the like are no dates
        return None


#: Every date pattern has a year of this shape: a text without one holds no date.
_YEAR_DIGITS = re.compile(r"(?:19|20)\d{2}")


def find_dates(text: str) -> list[DateMatch]:
    """Every well-formed calendar date written with a year in ``text``, in order, without overlaps."""
    if not _YEAR_DIGITS.search(text):  # most lines: one cheap scan instead of five patterns
        return []
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for pattern, kind in _patterns():
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < b and a < end for a, b in taken):
                continue
            value = _to_date(kind, match)
            if value is not None:
                taken.append((start, end))
                found.append(DateMatch(value, start, end, match.group(0)))
    return sorted(found, key=lambda m: m.start)


def residue_words(text: str, match: DateMatch) -> list[str]:
    """Words of ``text`` outside the date that are not dateline vocabulary (times, 'Published', zones)."""
    rest = text[: match.start] + " " + text[match.end :]
    rest = DATELINE_WORDS.sub(" ", rest)
    rest = re.sub(r"\d{1,2}[:.h]\d{2}|[|,.·•/()\-–—:]", " ", rest)
    return rest.split()

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
_YEARLESS_ABBREVIATIONS = "Jan Feb Mar Apr May Jun Jul Aug Sep Sept Oct Nov Dec".split()


@cache
def _partial_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    full = {m for m in MONTHS if len(m) >= YEARLESS_MONTH_MIN_CHARS}
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
            month, day = MONTHS[match.group("mon").lower().rstrip(".")], int(match.group("d"))
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
