"""The first pass: each line alone against the boilerplate vocabulary (:mod:`newsclean.rules.noise`)."""

from __future__ import annotations

import itertools
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache, partial

from ..config import NoiseConfig
from ..rules.noise import LINE_RULES, LineRule
from ..text.shape import word_count
from .verdicts import Verdict

#: Lines longer than this (characters) are never boilerplate lines; skipping
#: them also bounds the cost of the line patterns.
LINE_RULE_MAX_CHARS = 1500
#: The verdicts of this many lines (the latest judged) are kept with the rules, across pages: a site's
#: furniture ("Advertisement", its menus, its footer) comes back page after page. Lines of the dev page
#: texts judged in their order: about one in nine is found kept (one in six with four times as many).
LINE_VERDICTS_KEPT = 4096


def user_rules(config: NoiseConfig) -> tuple[LineRule, ...]:
    """The user's own boilerplate patterns as line rules, named ``<kind>.user_<n>``."""
    return tuple(
        LineRule(f"{kind.value}.user_{n}", pattern, max_words=10_000)
        for kind, patterns in config.extra_patterns.items()
        for n, pattern in enumerate(patterns)
    )


#: One line rule ready to apply: its word limit, what every match of it holds (and whether that is
#: to be found in the line as it is or lower-cased), its whole-line matcher and its verdict.
PreparedRule = tuple[int, tuple[str, ...], bool, Callable[[str], object], Verdict]
#: Where the bands of word counts that share a screen end (words). A band's screen holds every rule
#: allowing its smallest count, so narrow bands screen with fewer rules; each band costs a compiled
#: alternation when the rules are prepared (0.1 s for these eleven and the built-in rules). Two lines
#: in three of a page have at most four words, so the bands are narrowest there; the rules' largest
#: word limit ends the last band.
SCREEN_BAND_ENDS = (3, 4, 5, 6, 8, 12, 16, 20, 25, 35, 60)
#: The regular-expression flags a rule's pattern keeps when it is written into one alternation with
#: the others, as the scoped inline flags that say them (``re.UNICODE`` is every text pattern's own).
_SCOPED_FLAGS = {re.IGNORECASE: "i", re.MULTILINE: "m", re.DOTALL: "s", re.VERBOSE: "x", re.ASCII: "a"}
#: The capital sigma: lower() writes it "ς" at a word's end and "σ" elsewhere.
_CAPITAL_SIGMA = "\u03a3"
#: A pattern that refers to its own groups by number or name (a backreference or a conditional): its
#: numbers would shift in an alternation of several patterns, so it is tried on its own.
_GROUP_REFERENCE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")


@dataclass(frozen=True, slots=True)
class Screen:
    """A quick test of which of a set of line rules can fullmatch a line: most lines match none.

    The rules fall in three groups. A rule that names what every match of it
    holds (``needs``) is screened by looking for those words, one search for
    the rules of a group: the rules reading case as it is in the line; the
    rules ignoring case in the line lower-cased (as :func:`judge_line` reads
    it) where lower() shows every match of their words, else with the rules'
    own case folding (a pattern ignoring case matches "ı" for "i", which
    lower() does not show: see :attr:`PreparedRules.folds_unlike_lower`). The
    other rules are screened by fullmatching their patterns written as one
    alternation (``(?i:a)|(?:b)|...``), which the regular-expression engine
    tries in C; a pattern that cannot share an alternation is tried alone.
    Only the groups whose screen a line passes are tried rule by rule:
    ``candidates`` holds their rules in order, by the groups passed.
    """

    plain: tuple[Callable[[str], object], ...]
    exact_needs: Callable[[str], object] | None
    lower_needs: Callable[[str], object] | None
    folded_needs: Callable[[str], object] | None
    #: the prepared rules of the groups passed, in order, by (plain, exact case, ignoring case) passed
    candidates: dict[tuple[bool, bool, bool], tuple[PreparedRule, ...]]

    def rules_for(self, text: str, lowered: str | None) -> tuple[PreparedRule, ...]:
        """The rules that may fullmatch ``text``, in order (``lowered``: the line lower-cased where lower() shows
        every match of the needed words, else None): those of the groups whose screen ``text`` passes, none when it
        passes no screen."""
        ignoring_case = self.lower_needs if lowered is not None else self.folded_needs
        exact = self.exact_needs is not None and self.exact_needs(text) is not None
        lower = ignoring_case is not None and ignoring_case(lowered if lowered is not None else text) is not None
        plain = False
        for matcher in self.plain:  # most often one: a loop, not a generator made for each line
            if matcher(text) is not None:
                plain = True
                break
        return self.candidates[(plain, exact, lower)]


@dataclass(frozen=True, slots=True)
class PreparedRules:
    """Line rules ready to judge many lines: the rules in order, and a screen per band of word counts.

    ``screens`` holds, for each band of word counts (its largest count, in
    increasing order), the :class:`Screen` of the rules that allow the
    band's smallest count: every rule that may apply to a line of the band.
    The rules of the groups whose screen a line passes are tried one by one, in
    order, so the first rule that matches is still the verdict.
    """

    rules: tuple[PreparedRule, ...]
    screens: tuple[tuple[int, Screen], ...]
    #: a search for the characters that a rule ignoring case matches to a character of its needed words other
    #: than as lower() writes them ("ı" and "İ" for "i", "ſ" for "s"; None: there are none): in a line without
    #: them, a needed word read ignoring case is in the lower-cased line as it is written
    folds_unlike_lower: Callable[[str], object] | None = None
    #: :func:`judge_line` with these rules, keeping the verdicts of the last ``LINE_VERDICTS_KEPT`` lines
    _kept: Callable[[str], Verdict | None] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_kept", lru_cache(maxsize=LINE_VERDICTS_KEPT)(partial(judge_line, rules=self)))

    def lowered(self, text: str) -> str | None:
        """``text`` lower-cased, to look for the needed words of the rules ignoring case in (None where lower()
        would not show them all: see ``folds_unlike_lower``)."""
        if text.isascii() or self.folds_unlike_lower is None or self.folds_unlike_lower(text) is None:
            return text.lower()
        return None

    def verdict(self, text: str) -> Verdict | None:
        """:func:`judge_line` of ``text`` with these rules, answered again without work for a line seen lately
        (a line too long for any rule is never kept: it has no verdict)."""
        return self._kept(text) if len(text) <= LINE_RULE_MAX_CHARS else None

    def screen(self, n_words: int) -> Screen | None:
        """The screen of the rules that may allow ``n_words`` words (None: no rule allows that many)."""
        for band_end, screen in self.screens:
            if n_words <= band_end:
                return screen
        return None


def _scoped(regex: re.Pattern[str]) -> str | None:
    """``regex``'s pattern with its flags written around it, to stand in an alternation; None when it cannot."""
    flags = regex.flags & ~re.UNICODE
    letters = "".join(letter for flag, letter in _SCOPED_FLAGS.items() if flags & flag)
    if flags & ~sum(_SCOPED_FLAGS) or _GROUP_REFERENCE.search(regex.pattern):
        return None
    scoped = f"(?{letters}:{regex.pattern}{chr(10) if flags & re.VERBOSE else ''})"
    try:  # a pattern setting its flags inline for the whole of itself cannot stand after another
        re.compile(f"(?:)|{scoped}")
    except re.error:
        return None
    return scoped


def _alternation(rules: Sequence[LineRule]) -> tuple[Callable[[str], object], ...]:
    """Fullmatchers one of which fullmatches every line one of ``rules`` fullmatches."""
    shared = []
    alone = []
    for rule in rules:
        scoped = _scoped(rule.regex)
        if scoped is None:
            alone.append(rule.regex.fullmatch)
        else:
            shared.append(scoped)
    if not shared:
        return tuple(alone)
    try:
        together = re.compile("|".join(shared))
    except re.error:  # two patterns naming a group alike
        return tuple(rule.regex.fullmatch for rule in rules)
    return (together.fullmatch, *alone)


#: A trie of strings: each character leads to the trie of what may follow it; "" marks a string's end.
_Trie = dict[str, "_Trie"]


def literal_trie(words: Iterable[str]) -> str:
    """A pattern matching exactly the strings ``words`` (none empty), written as a trie: alternatives sharing a
    first character are one branch ("p(?:hoto|icture)" for "photo" and "picture").

    A plain alternation of literals tries every one of them at every position
    of the line it searches (about forty for the rules' needs); the trie tries
    one branch per character, which a search ignoring case, letter by letter,
    makes several times cheaper on lines that are not ASCII.
    """
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def branch(node: _Trie) -> str:
        tails = [re.escape(char) + branch(child) for char, child in sorted(node.items()) if char]
        if not tails:
            return ""
        body = tails[0] if len(tails) == 1 else "(?:" + "|".join(tails) + ")"
        return f"(?:{body})?" if "" in node else body

    return branch(trie)


def _needs_search(needs: set[str], flags: int = 0) -> Callable[[str], object] | None:
    """A search for any of ``needs`` (None when there are none)."""
    if not needs:
        return None
    return re.compile(literal_trie(needs), flags).search


def _screen_group(rule: LineRule) -> int:
    """Which of a :class:`Screen`'s groups screens ``rule``: 0 plain, 1 needs read in case, 2 needs ignoring case."""
    if not rule.needs:
        return 0
    return 2 if rule.flags & re.IGNORECASE else 1


def _screen(rules: Sequence[LineRule], prepared: Sequence[PreparedRule]) -> Screen:
    """The screen of ``rules``, with ``prepared`` (their prepared forms, in the same order) as its candidates."""
    exact = {needed for rule in rules if _screen_group(rule) == 1 for needed in rule.needs}
    lower = {needed for rule in rules if _screen_group(rule) == 2 for needed in rule.needs}
    candidates = {passed: tuple(ready for rule, ready in zip(rules, prepared) if passed[_screen_group(rule)])
                  for passed in itertools.product((False, True), repeat=3)}
    return Screen(_alternation([rule for rule in rules if not rule.needs]), _needs_search(exact),
                  _needs_search(lower), _needs_search(lower, re.IGNORECASE), candidates)


def prepare_rules(rules: Sequence[LineRule]) -> PreparedRules:
    """``rules`` compiled, with their verdicts made and their screens built, for judging many lines."""
    prepared = tuple((rule.max_words, rule.needs, not rule.flags & re.IGNORECASE, rule.regex.fullmatch,
                      Verdict.of(rule)) for rule in rules)
    most = max((rule.max_words for rule in rules), default=0)
    ends = [end for end in SCREEN_BAND_ENDS if end < most] + [most]
    starts = [0] + [end + 1 for end in ends[:-1]]
    screens = []
    for start, end in zip(starts, ends):
        allowing = [n for n, rule in enumerate(rules) if rule.max_words >= start]
        screens.append((end, _screen([rules[n] for n in allowing], [prepared[n] for n in allowing])))
    ignoring_case = frozenset(char for rule in rules if _screen_group(rule) == 2 for needed in rule.needs
                              for char in needed)
    return PreparedRules(prepared, tuple(screens), _unlike_lower(ignoring_case))


@lru_cache(maxsize=8)  # one set of needed characters per set of rules: a process has one or two
def _unlike_lower(chars: frozenset[str]) -> Callable[[str], object] | None:
    """A search for the characters that a pattern ignoring case matches to one of ``chars`` (each lower case)
    other than as lower() writes it, None when there are none.

    Found by the regular-expression engine itself: its case-insensitive
    class of ``chars`` is run over every code point, and each character it
    matches is kept when lower() of it is not the character it matched (a
    code point lowered to two, "İ" to "i̇"; one folded to another by the
    engine alone, "ı" and "ſ"), and always for the capital sigma, which
    lower() writes by its place in the word. About 50 ms, once per process.
    """
    if not chars:
        return None
    import numpy as np

    every = np.arange(sys.maxunicode + 1, dtype=np.uint32).tobytes().decode("utf-32-le", errors="surrogatepass")
    matched = set(re.compile("[" + "".join(map(re.escape, sorted(chars))) + "]", re.IGNORECASE).findall(every))
    unlike = sorted(found for found in matched for char in chars
                    if re.fullmatch(re.escape(char), found, re.IGNORECASE)
                    and (found.lower() != char or found == _CAPITAL_SIGMA))
    return re.compile("[" + "".join(map(re.escape, unlike)) + "]").search if unlike else None


@cache
def _built_in_rules() -> PreparedRules:
    return prepare_rules(LINE_RULES)


def judge_line(text: str, rules: PreparedRules | None = None) -> Verdict | None:
    """The first boilerplate rule (of ``rules``, else the built-in ones) that matches the whole line
    (spaces of any kind folded), if any."""
    if len(text) > LINE_RULE_MAX_CHARS:
        return None
    rules = rules if rules is not None else _built_in_rules()
    text = " ".join(text.split())
    n_words = word_count(text)
    # a rule ignoring case finds its words in the lower-cased line unless the line holds a character the rules
    # fold otherwise than lower() does ("ı" for "i")
    lowered = rules.lowered(text)
    screen = rules.screen(n_words)
    if screen is None:
        return None
    # the rules of a band whose screen the line fails cannot match it: the others are tried in order
    for max_words, needs, exact_case, fullmatch, verdict in screen.rules_for(text, lowered):
        if n_words > max_words:
            continue
        if needs and (haystack := text if exact_case else lowered) is not None:
            for needed in needs:
                if needed in haystack:
                    break
            else:
                continue  # the line lacks what every match of the rule holds
        if fullmatch(text):
            return verdict
    return None
