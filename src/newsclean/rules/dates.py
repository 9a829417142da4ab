"""Date patterns: month names in the languages news is scraped in, and the date shapes.

Patterns are compiled once, at first use of :func:`date_matches` (not at import).
``find_dates`` is pure: it returns every well-formed calendar date in a text
with its offsets; judging which one is a publication date is the dates
stage's business.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate

from .calendar import (
    JALALI_MONTHS,
    WEEKDAY_NUMBERS,
    WEEKDAYS,
    YEARLESS_LANGUAGES,
    jalali_to_gregorian,
    month_table,
    weekday_names,
)

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
    r"aktualisierung|geändert|mis à jour|mise à jour|modifié|atualizado|atualização|aggiornato|aggiornamento|"
    r"bijgewerkt|обновлено|оновлено|آخر تحديث|更新)(?!\w)",
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

#: The signature under a post embedded in a story: "— A. Writer (@handle) May 4, 2020". The post is the story's
#: (a quoted tweet), its date is the post's, never the story's.
EMBEDDED_POST_SIGNATURE = re.compile(r"[—–-]{1,2}\s*[^()\n]{1,60}\(@\w{1,30}\)\s*.{0,40}")

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
#: Any character of ``_FOLD``: most texts have none, and a search for them costs a small part of
#: the translation (which looks every character up in Python's table).
_FOLDABLE = re.compile("[" + "".join(chr(code) for code in _FOLD) + "]")


def _fold(text: str) -> str:
    return text.translate(_FOLD) if _FOLDABLE.search(text) else text


def _alternation(names: Iterable[str]) -> str:
    """A pattern matching any of ``names`` (the longest where several fit), a space matching any spacing.

    The names are merged into a trie ("sep(?:t(?:ember)?)?"), so that a
    position is tried against the names that begin with its letter only, not
    against each of the several hundred month names in turn.
    """
    trie: dict[str, dict] = {}
    for name in {_fold(name) for name in names}:
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[_END] = {}
    return _trie_pattern(trie)


#: Marks the end of a name in the trie of ``_alternation``.
_END = ""


def _trie_pattern(node: dict[str, dict], spacing: bool = True) -> str:
    """The pattern of a trie's names; with ``spacing``, a space in a name matches any spacing."""
    branches = [(r"\s+" if spacing and char == " " else re.escape(char)) + _trie_pattern(child, spacing)
                for char, child in sorted(node.items()) if char != _END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END not in node:
        return body
    return ("(?:" + body + ")" if len(branches) > 1 or len(body) > 1 else body) + "?"


def _word_start_alternation(names: Iterable[str], before: str) -> str:
    """A pattern matching any of ``names`` as written (the longest where several fit) where no character of
    the class ``before`` stands right before it: ``(?<!before)(?:name|...)`` to the letter.

    The names are merged into a trie whose first letters come ahead of the
    look-behind, each checked with its letter (``J(?<!beforeJ)...``): a
    pattern starting with its letters lets the engine skip at once to a
    position holding one, where a look-behind first is tried at every
    character of a body (measured: 0.118 -> 0.070 ms per body for the
    weekdays).
    """
    trie: dict[str, dict] = {}
    for name in names:
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[_END] = {}
    branches = [f"{re.escape(char)}(?<!{before}{re.escape(char)}){_trie_pattern(child, spacing=False)}"
                for char, child in sorted(trie.items()) if char != _END]
    return "(?:" + "|".join(branches) + ")"


@cache
def _month_numbers() -> dict[str, int]:
    return {_fold(name): number for name, number in month_table().items()}


@cache
def _jalali_numbers() -> dict[str, int]:
    return {_fold(name): number for name, number in JALALI_MONTHS.items()}


@dataclass(frozen=True, slots=True)
class DateShape:
    """One way of writing a date: its pattern, how to read it, and what every match of it holds."""

    pattern: re.Pattern[str]
    #: how the groups are read: ymd, mdy, dmy, ymd_name, jalali, numeric
    kind: str
    #: a year or a time: every match holds one within ``ANCHOR_REACH_CHARS``
    anchor: re.Pattern[str]
    #: what every match holds, look-arounds aside (its figures and their separators, from the day or the
    #: year on): a stretch without it is not read with the slow ``pattern`` (see :func:`_scan`); None: every
    #: stretch is read
    clue: re.Pattern[str] | None = None


#: A four-digit year of the common era or of the Solar Hijri calendar, wherever it stands.
_FOUR_DIGIT_YEAR = re.compile(r"(?:19|20|13|14)\d\d")
#: A time of day, hours and minutes.
_TIME = re.compile(r"\d{1,2}:\d{2}")

#: The figures of a year of the common era as news pages write it (1900-2099).
_CE_YEAR = r"(?:19|20)\d{2}"
#: A year of the common era standing as one; a time glued to it ("28.09.1912:44") is not a year.
_YEAR = rf"(?P<y>{_CE_YEAR})(?!\d|:\d)"


@cache
def _patterns() -> tuple[DateShape, ...]:
    month = _alternation(month_table())
    other_month = rf"(?:\s*/\s*(?:{month}))?"  # "24 نيسان / أبريل 2020": one month in two calendars' names
    weekday = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
    lead = rf"(?:(?:{weekday})\.?,?\s+)?"
    # what a date led by a weekday or a month name starts with: a position where none of these stands is
    # passed over at once, not tried against every weekday of every language first
    weekday_initials = _initials(WEEKDAYS)
    month_initials = _initials(_fold(name) for name in month_table())
    year, time = _FOUR_DIGIT_YEAR, _TIME
    return (
        # 2018-07-27, 2018/07/27, 2018.07.27, 2020. 08. 18. (Korean, Hungarian)
        DateShape(re.compile(rf"(?<![\d./-])(?P<y>{_CE_YEAR})(?:[-/]|\.\s?)(?P<m>\d{{1,2}})(?:[-/]|\.\s?)"
                             r"(?P<d>\d{1,2})(?![\d-]|\.\d)"), "ymd", year),
        # 2020年7月1日 (Chinese, Japanese), 2020년 7월 1일 (Korean)
        DateShape(re.compile(rf"(?P<y>{_CE_YEAR})\s?[年년]\s?(?P<m>\d{{1,2}})\s?[月월]\s?"
                             r"(?P<d>\d{1,2})\s?[日일]"),
                  "ymd", year),
        # ngày 5 tháng 3 năm 2020 (Vietnamese)
        DateShape(re.compile(rf"(?i:ngày)\s+(?P<d>\d{{1,2}})\s+(?i:tháng)\s+(?P<m>\d{{1,2}})\s*"
                             rf"(?:(?i:năm)\s+|[,/]\s*){_YEAR}"), "ymd", year),
        # July 27, 2018 · Aug. 31 2018 · Septiembre 30, 2022
        DateShape(re.compile(rf"(?<!\w)(?=[{weekday_initials}{month_initials}]){lead}"
                             rf"(?P<mon>{month})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}",
                             re.IGNORECASE), "mdy", year,
                  re.compile(rf"\d(?:st|nd|rd|th)?,?\s+{_CE_YEAR}", re.IGNORECASE)),
        # 27 July 2018 · 31. August 2018 · 31 de agosto de 2018 · 1er juillet 2018 · 07 أكتوبر 2020
        DateShape(re.compile(rf"(?<![\d.])(?=[\d{weekday_initials}]){lead}"
                             rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|º)?\.?\s+(?:de\s+)?(?P<mon>{month})\.?"
                             rf"{other_month},?\s+(?:del?\s+)?{_YEAR}", re.IGNORECASE), "dmy", year,
                  re.compile(rf"\d(?:st|nd|rd|th|er|º)?\.?\s+(?:de\s+)?(?:{month})\.?{other_month},?\s+"
                             rf"(?:del?\s+)?{_CE_YEAR}", re.IGNORECASE)),
        # 2020. március 5. (Hungarian), 2020 July 5
        DateShape(re.compile(rf"(?<![\d.]){_YEAR}\.?\s+(?P<mon>{month})\.?\s+(?P<d>\d{{1,2}})(?!\d|[.:]\d)",
                             re.IGNORECASE), "ymd_name", year,
                  re.compile(rf"{_CE_YEAR}\.?\s+(?:{month})\.?\s+\d", re.IGNORECASE)),
        # 21 اردیبهشت 1399 (Persian, the Solar Hijri calendar)
        DateShape(re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})\s+(?P<mon>{_alternation(JALALI_MONTHS)})\s+"
                             r"(?P<y>1[34]\d{2})(?!\d)"), "jalali", year, re.compile(r"\s1[34]\d\d")),
        # 27.07.2018 · 27/07/2018 · 18. 05. 2014 · 02-11-2023 (day first; month first only when the day is > 12)
        DateShape(re.compile(rf"(?<![\d./-])(?P<a>\d{{1,2}})(?:(?P<dash>-)|[./]|\.\s)(?P<b>\d{{1,2}})"
                             rf"(?(dash)-|(?:[./]|\.\s)){_YEAR}(?![./-]\d)"), "numeric", year,
                  re.compile(rf"\d[-./]\s?\d{{1,2}}[-./]\s?{_CE_YEAR}")),
        # 28.09.19 12:44 (a forum's post time): a two-digit year only with a time right after it
        DateShape(re.compile(r"(?<![\d./])(?P<a>\d{1,2})\.(?P<b>\d{1,2})\.(?P<yy>\d{2})"
                             r"(?=,?\s*\d{1,2}:\d{2}(?!\d))"), "numeric", time, re.compile(r"\d\.\d{1,2}\.\d\d")),
    )


def _initials(names: Iterable[str]) -> str:
    """The first characters of ``names``, escaped for a character class."""
    return "".join(sorted({re.escape(name[0]) for name in names if name}))


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


#: Every pattern of ``_patterns`` needs two digits in a row (a year, or a two-digit year
#: before a time): most lines have none, and one scan for them spares the patterns (the dates
#: stage passes over such a line too).
#: A pattern that can match without two digits in a row must remove this check.
TWO_DIGITS = re.compile(r"\d\d")
#: The digits that fold to a one or a two (see ``_FOLD``): a year of either calendar starts on one.
_ONE_OR_TWO = "".join(sorted(c for c in map(chr, {ord("1"), ord("2"), *_FOLD}) if c.translate(_FOLD) in ("1", "2")))
#: What every date :func:`line_dates` finds holds, read in the text as written (a digit of any script, as after
#: folding): a year of either calendar or a time (the anchors of the date shapes: :func:`find_dates` reads only
#: around one), or a two-digit-year date with stops (:func:`short_year_date`). A shape with another anchor must
#: widen it. Written to start on a digit, so that a search skips at once to the next digit; none holds a space,
#: so none stretches over two lines.
_DATE_CLUE = re.compile(rf"\d(?:(?<=[{_ONE_OR_TWO}])\d\d\d|:\d\d|\.\d\d?\.\d\d)")


#: Lines whose dates are kept: the noise passes and the dates stage read the dates of the same
#: header and sidebar lines several times per page.
DATES_KEPT = 4096
#: Only lines up to this long are kept (characters); a whole body is read once and let go.
DATES_KEPT_MAX_CHARS = 1000


#: A two-digit year, day first with stops ("02.12.19"): in running text too often a version or an
#: issue ("Vol. 12.10.20"), so read only by :func:`short_year_date`, for a line that is a date alone.
_SHORT_YEAR = re.compile(r"(?<![\d./])(?P<a>\d{1,2})\.(?P<b>\d{1,2})\.(?P<yy>\d{2})(?!\d|[./]\d)")


def short_year_date(text: str) -> DateMatch | None:
    """The one date of ``text`` written day first with a two-digit year ("02.12.19", "mardi 10.12.19"),
    when ``text`` holds no date with a full year; whether the rest of the line is dateline words is the
    caller's judgement."""
    if not TWO_DIGITS.search(text):  # a two-digit year, of any script's digits
        return None
    folded = _fold(text)
    matches = list(_SHORT_YEAR.finditer(folded))
    if len(matches) != 1 or find_dates(text):
        return None
    value = _to_date("numeric", matches[0])
    start, end = matches[0].span()
    return DateMatch(value, start, end, text[start:end]) if value is not None else None


def find_dates(text: str) -> list[DateMatch]:
    """Every well-formed calendar date written with a year in ``text``, in order, without overlaps."""
    return list(_line_dates(text) if len(text) <= DATES_KEPT_MAX_CHARS else _scan(text))


@lru_cache(maxsize=DATES_KEPT)
def _line_dates(text: str) -> tuple[DateMatch, ...]:
    return _scan(text)


def _scan(text: str) -> tuple[DateMatch, ...]:
    """Every date of ``text`` (see :func:`find_dates`): each shape read in the stretches around its anchor
    (:func:`anchor_windows`) that hold its clue.

    The shapes with month names are slow to try at every word of a stretch,
    and most stretches around a year hold none of their dates ("in 2019"):
    a search for the clue, which starts on a figure, passes those over
    (measured: 1.42 -> 0.77 ms a dev page's lines and body).
    """
    folded = _fold(text)
    if not TWO_DIGITS.search(folded):
        return ()
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    windows: dict[re.Pattern[str], list[tuple[int, int]]] = {}
    for shape in _patterns():
        clue = shape.clue
        if shape.anchor not in windows:
            # an anchor's stretches cost a search of the whole text: spared when the text holds no clue
            if clue is not None and not clue.search(folded):
                continue
            windows[shape.anchor] = anchor_windows(folded, shape.anchor)
        for window in windows[shape.anchor]:
            if clue is not None and not clue.search(folded, *window):
                continue  # the stretch holds no match: its clue is cheap to look for, the pattern is not
            for match in shape.pattern.finditer(folded, *window):
                start, end = match.span()
                if any(start < b and a < end for a, b in taken):
                    continue
                value = _to_date(shape.kind, match)
                if value is not None:
                    taken.append((start, end))
                    found.append(DateMatch(value, start, end, text[start:end], _alternative(shape.kind, match, value)))
    return tuple(sorted(found, key=lambda m: m.start))


def anchor_windows(text: str, anchor: re.Pattern[str]) -> list[tuple[int, int]]:
    """The stretches of ``text`` within reach of an ``anchor`` (a year, a time), overlapping ones merged.

    A date is a few words around its year: the date patterns read only these
    stretches, not the whole text (a long article has a few years in it, and
    a pattern of month names in 28 languages is slow to try at every letter).
    Runs of spaces at a stretch's edges are taken in whole, so spacing never
    cuts a date short.
    """
    merged: list[tuple[int, int]] = []
    for found in anchor.finditer(text):
        start = _through_spaces(text, max(0, found.start() - ANCHOR_REACH_CHARS), -1)
        end = _through_spaces(text, min(len(text), found.end() + ANCHOR_REACH_CHARS), 1)
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _through_spaces(text: str, position: int, step: int) -> int:
    while 0 < position < len(text) and text[position if step > 0 else position - 1].isspace():
        position += step
    return position


#: A date stretches at most this far either side of its year or time (characters): "Wednesday,
#: 30 de septiembre de 2020" is 29 before its year; the most a date needs is well under it.
ANCHOR_REACH_CHARS = 96


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
            if word.lower() not in weekday_names() and not word.isdigit()]


def writes_date(text: str, value: dt.date) -> bool:
    """Whether ``text`` writes ``value`` out: numeric in any order, compact ISO, or with its month's
    name in any language.

    One targeted search tells whether a page states a date, far faster than
    finding every date in it.
    """
    year = str(value.year)
    if _writes_near(text, value, year) or _writes_figures(SHORT_YEAR_FORMS, text, 0, len(text), value):
        return True
    folded = _fold(text)  # Persian and Arabic-Indic digits, Arabic letters in month names
    return folded != text and _writes_near(folded, value, year)


def _writes_near(text: str, value: dt.date, year: str) -> bool:
    # every written form holds the year: read only the stretches around it, not the whole page
    named = _named_forms(value.month)
    start = text.find(year)
    while start >= 0:
        low, high = max(0, start - WRITTEN_DATE_REACH_CHARS), start + WRITTEN_DATE_REACH_CHARS
        if _writes_figures(NUMERIC_FORMS, text, low, high, value) or _names_day(named, text, low, high, value):
            return True
        start = text.find(year, start + len(year))
    return False


#: A written date stretches at most this far either side of its year ("Wednesday, 30 September 2020").
WRITTEN_DATE_REACH_CHARS = 48


@cache
def _month_names(month: int) -> str:
    """A pattern matching any name of ``month`` (1-12) in any language (built once per month)."""
    return _alternation(name for name, number in month_table().items() if number == month)


#: A date written in figures, in the orders :func:`writes_date` reads, each a pattern of any figures
#: (its year ``y``, month ``m`` and day ``d`` as groups, or the ``compact`` ISO run) whose figures are
#: compared with the date's after (:func:`_writes_figures`): compiled once, where a pattern per date
#: cost about 0.5 ms to compile on every page with a new date. Each figure is a whole run of digits
#: (nothing but a separator or a space stands beside it), so a pattern matches at most one way at a
#: place. Year first (ISO, East Asian), day first, US order, compact ISO.
NUMERIC_FORMS = (
    re.compile(r"(?<!\d)(?P<y>\d+)\s?[-/.年년]\s?(?P<m>\d+)\s?[-/.月월]\s?(?P<d>\d+)"),
    re.compile(r"(?<!\d)(?P<d>\d+)\s?[-/.]\s?(?P<m>\d+)\s?[-/.]\s?(?P<y>\d+)"),
    re.compile(r"(?<!\d)(?P<m>\d+)/(?P<d>\d+)/(?P<y>\d+)"),
    re.compile(r"(?<!\d)(?P<compact>\d+)"),
)
#: A date written with its day, month and a two-digit year ("8.5.12", "26/10/13", US "10/26/13"), as
#: :data:`NUMERIC_FORMS`: the year ``yy`` is two figures, not followed by more figures or a separator
#: and figures (a version number, an address). These are searched for in a whole page: each starts on
#: a digit, its look behind (no figure, stop or slash before the first figure) written after that
#: digit, so that a search skips at once to the next digit (2.8 against 7.4 ms a dev page).
SHORT_YEAR_FORMS = (
    re.compile(r"(?P<d>\d(?<![\d./]\d)\d*)(?P<sep>[./])(?P<m>\d+)(?P=sep)(?P<yy>\d\d)(?!\d|[./]\d)"),
    re.compile(r"(?P<m>\d(?<![\d./]\d)\d*)/(?P<d>\d+)/(?P<yy>\d\d)(?!\d|[./]\d)"),
)


def _writes_figures(forms: tuple[re.Pattern[str], ...], text: str, low: int, high: int, value: dt.date) -> bool:
    """Whether one of ``forms`` (:data:`NUMERIC_FORMS`, :data:`SHORT_YEAR_FORMS`) writes ``value`` in
    ``text[low:high]``: a day or month with or without a leading zero, the year whole (or its last two
    figures), the compact form as ISO writes it. A match with other figures is passed over, at every start."""
    figures = {"y": (str(value.year),), "yy": (f"{value.year % 100:02d}",),
               "m": (str(value.month), f"0{value.month}"), "d": (str(value.day), f"0{value.day}"),
               "compact": (f"{value.year}{value.month:02d}{value.day:02d}",)}
    for form in forms:
        found = form.search(text, low, high)
        while found is not None:
            if all(written in figures[name] for name, written in found.groupdict().items() if name != "sep"):
                return True
            found = form.search(text, found.start() + 1, high)
    return False


@cache
def _named_forms(month: int) -> re.Pattern[str]:
    """A date with ``month``'s name in any language, day first or month first, its day and year read as
    groups: compiled once per month (the names of every language make it slow to compile, about 1.4 ms,
    which a pattern per date paid on every page with a new date). :func:`_names_day` checks the figures."""
    names = _month_names(month)
    return re.compile(
        rf"(?<![\d.])(?P<day>[0-9]{{1,3}})(?!\d)(?:st|nd|rd|th|er|º)?\.?\s+(?:de\s+)?(?:{names})\.?,?\s+"
        rf"(?:del?\s+)?(?P<year>[0-9]{{1,4}})(?!\d)"
        rf"|(?<!\w)(?:{names})\.?\s+(?P<day2>[0-9]{{1,3}})(?!\d)(?:st|nd|rd|th)?,?\s+(?P<year2>[0-9]{{1,4}})(?!\d)",
        re.IGNORECASE)


def _names_day(pattern: re.Pattern[str], text: str, low: int, high: int, value: dt.date) -> bool:
    """Whether ``pattern`` (:func:`_named_forms`) finds ``value`` in ``text[low:high]``: its day with or
    without a leading zero and its year; a match with other figures is passed over, at every start."""
    days, year = (str(value.day), f"0{value.day}"), str(value.year)
    found = pattern.search(text, low, high)
    while found is not None:
        day, written_year = (found["day"], found["year"]) if found["day"] else (found["day2"], found["year2"])
        if day in days and written_year == year:
            return True
        found = pattern.search(text, found.start() + 1, high)
    return False


#: A date in a page address: /2018/07/27/, /2018-07-27-, /20180727/.
URL_DATE = re.compile(
    rf"(?<!\d)(?P<y>{_CE_YEAR})(?:[/_-](?P<m>0?[1-9]|1[0-2])[/_-](?P<d>0?[1-9]|[12]\d|3[01])"
    r"|(?P<m2>0[1-9]|1[0-2])(?P<d2>0[1-9]|[12]\d|3[01]))(?!\d)"
)


def iso_day(text: str) -> dt.date | None:
    """The calendar day an ISO 8601 date or timestamp starts with ("2020-07-09T10:04:04Z"), or ``None``.

    ``None`` also for a string with the shape but not the substance of a
    date ("9999-99-99", "2019-02-30").
    """
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


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
    return month_table(YEARLESS_LANGUAGES)


@cache
def _partial_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    full = {m for m in _yearless_months() if len(m) >= YEARLESS_MONTH_MIN_CHARS}
    names = full | {m.capitalize() for m in full} | set(_YEARLESS_ABBREVIATIONS)
    month = "|".join(sorted((re.escape(m) for m in names), key=len, reverse=True))
    # the pattern reads every position of a body: a month's name first, led by its letters (see
    # _word_start_alternation), where no letter, digit or full stop stands before it
    named = _word_start_alternation(names, r"[\w.]")
    return (
        re.compile(rf"(?P<mon>{named})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
                   rf"(?![\d:,]*\d)(?!\w)"),
        # (?<![\w.])\d{1,2} written with its first digit ahead of the look behind: a pattern that starts with a
        # character class lets the engine skip at once to the next digit (measured: half the time on page texts)
        re.compile(rf"(?P<d>\d(?<![\w.]\d)\d?)(?:st|nd|rd|th|er|º)?\.?\s+(?:de\s+)?(?P<mon>{month})\b"),
    )


@cache
def _weekday_pattern() -> re.Pattern[str]:
    names = _word_start_alternation(WEEKDAY_NUMBERS, r"\w")
    return re.compile(rf"(?P<name>{names})(?!\w)")


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


#: A dateline may carry a few words besides the date (a wire service, a city).
DATELINE_MAX_RESIDUE_WORDS = 3
#: Date-only lines with this many distinct dates make a dated list (a sidebar), not a dateline,
LISTING_MIN_DATES = 2
#: when at least this many of them follow each other, two or three lines apart (two are a page's
#: date and its article's, as often as a list).
LISTING_MIN_ITEMS = 3


def line_dates(text: str) -> list[DateMatch]:
    """The dates of a line: every date with a full year, or else a two-digit-year date standing alone
    with nothing but dateline words ("02.12.19", "mardi 10.12.19")."""
    if not _DATE_CLUE.search(text):  # no date, and nothing worth keeping: most lines, answered without a cache
        return []
    return list(_kept_line_dates(text) if len(text) <= DATES_KEPT_MAX_CHARS else _read_line_dates(text))


@lru_cache(maxsize=DATES_KEPT)
def _kept_line_dates(text: str) -> tuple[DateMatch, ...]:
    return _read_line_dates(text)


def _read_line_dates(text: str) -> tuple[DateMatch, ...]:
    if matches := find_dates(text):
        return tuple(matches)
    short = short_year_date(text)
    return (short,) if short is not None and not residue_words(text, short) else ()


def date_only(text: str) -> DateMatch | None:
    """The date of a line that is nothing but a date (with dateline words), perhaps written more than once
    ("22 Dec, 2016 22 Dec, 2016": a page's date and its copy, run together), else None."""
    if not _DATE_CLUE.search(text):  # see line_dates
        return None
    return _kept_date_only(text) if len(text) <= DATES_KEPT_MAX_CHARS else _date_only(text)


def _date_only(text: str) -> DateMatch | None:
    matches = line_dates(text)
    if len(matches) > 1 and _printed_again(text, matches):
        return matches[0]
    if len(matches) != 1:
        return None
    residue = residue_words(text, matches[0])
    return matches[0] if len(residue) <= DATELINE_MAX_RESIDUE_WORDS else None


def _printed_again(text: str, matches: Sequence[DateMatch]) -> bool:
    """Whether ``text`` is one date written the same way more than once and nothing else (a dateline and its copy
    run together); a line with words beside its dates ("Written: ... / Updated: ...") is not."""
    rest = text
    for match in matches:
        rest = rest.replace(match.text, " ")
    return len({m.text for m in matches}) == 1 and not any(c.isalnum() for c in rest)


#: the dated-list pass asks this of every line of a page after each pass (four times per page), the
#: header pass of its first lines again: answered once per line
_kept_date_only = lru_cache(maxsize=DATES_KEPT)(_date_only)


def clued_lines(lines: Sequence[str]) -> list[int]:
    """The indices of the ``lines`` that may hold a date (:func:`line_dates`); the others surely hold none.

    One search over the whole text instead of a reading per line: a page's
    lines mostly hold no year and no time, and reading each of them costs
    more than the few that do.
    """
    text = "\n".join(lines)
    ends = list(accumulate(len(line) + 1 for line in lines))  # each line's end, past its line break
    found: list[int] = []
    position = 0
    while (match := _DATE_CLUE.search(text, position)) is not None:
        index = bisect_right(ends, match.start())  # the line the clue stands in
        found.append(index)
        position = ends[index]  # the next line's start
    return found


def listed_dates(lines: Sequence[str]) -> set[int]:
    """Indexes of date-only lines that belong to a list of dated items (a sidebar or index).

    A listing's lines stand two or three apart, so only the clued lines in a
    group of such lines (:func:`listing_reach`) can be in one; the others are
    read for their dates only when the group's leave the page short of
    ``LISTING_MIN_DATES`` distinct dates (counted over every date-only line).
    """
    clued = clued_lines(lines)
    reach = listing_reach(clued)
    if not reach:  # no group of clued lines large enough for a listing: most pages, passed without reading a date
        return set()
    dated = {i: m for i in sorted(reach) if (m := _date_alone(lines, i)) is not None}
    values = {m.value for m in dated.values()}
    if dated and len(values) < LISTING_MIN_DATES:
        for i in clued:
            if i not in reach and (m := _date_alone(lines, i)) is not None:
                values.add(m.value)
                if len(values) >= LISTING_MIN_DATES:
                    break
    if len(values) < LISTING_MIN_DATES:
        return set()
    listed: set[int] = set()
    for i in dated:
        if i in listed:
            continue
        # a listing repeats: each item's date-only line stands two or three segments from the next
        run, j = [i], i
        while (j := next((k for k in (j + 2, j + 3) if k in dated), -1)) >= 0:
            run.append(j)
        if len(run) >= LISTING_MIN_ITEMS:
            listed.update(run)
    return listed


def _date_alone(lines: Sequence[str], index: int) -> DateMatch | None:
    """The date of line ``index`` when it is a date alone (:func:`date_only`); a scraper's header opening the page
    is none."""
    line = lines[index]
    if (match := date_only(line)) is None or (index == 0 and SCRAPER_HEADER.match(line)):
        return None
    return match


def listing_reach(clued: Sequence[int]) -> set[int]:
    """The ``clued`` line indices (ascending) in a group of at least ``LISTING_MIN_ITEMS``, each two or three from
    another of the group: the only lines a listing of :func:`listed_dates` can hold.

    A listing's run steps two or three lines at a time through date-only
    lines, each of them clued, so it lies within one such group; whether a
    line of the group is a date alone decides where the run steps, and no
    line outside the group is ever stepped on.
    """
    group: dict[int, int] = {}  # each clued line's group, named by its first line
    members: dict[int, list[int]] = {}
    for i in clued:
        linked = {group[j] for j in (i - 2, i - 3) if j in group}
        first = min(linked) if linked else i
        group[i] = first
        members.setdefault(first, []).append(i)
        for other in linked - {first}:  # the line joins two groups
            moved = members.pop(other)
            for j in moved:
                group[j] = first
            members[first].extend(moved)
    return {i for run in members.values() if len(run) >= LISTING_MIN_ITEMS for i in run}
