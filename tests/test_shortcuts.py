"""The speed shortcuts give the answers of the work they skip.

``normalize_text`` calls ftfy only on lines ftfy could change; ``judge_line``
tries the rules one by one only on lines its screen passes, and passes over a
rule when the line lacks what every match of it holds. Each is
checked here against the plain computation (ftfy on every line; every rule
tried in order) on the lines of the real test pages and on lines made to hold
what each shortcut looks for (mojibake, ligatures, control characters, the
rules' own case lines in capitals and with letters that fold case unlike
lower()).
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import re
from pathlib import Path

import ftfy
import pytest

from newsclean.config import NormalizeConfig
from newsclean.document import Segment
from newsclean.noise.lines import LINE_RULE_MAX_CHARS, judge_line
from newsclean.rules.noise import LINE_RULES
from newsclean.text.repair import normalize_text
from newsclean.text.shape import word_count

DATA = Path(__file__).parent / "data"
CASES_FILE = Path(__file__).parent / "cases" / "noise.json"


def _page_lines() -> list[str]:
    lines: set[str] = set()
    with gzip.open(DATA / "pages.jsonl.gz", "rt", encoding="utf-8") as pages:
        for row in pages:
            lines.update(line.strip() for line in json.loads(row)["pagetext"].split("\n"))
    return sorted(line for line in lines if line)


PAGE_LINES = _page_lines()
#: Lines holding what makes ftfy change a line: mojibake, an entity, a ligature, C1 and other control
#: characters, a line separator, a lone surrogate, a terminal escape, curly quotes, a decomposed accent.
REPAIRABLE = [
    "Le prÃ©sident a dÃ©clarÃ© mardi", "Caf\u00e9 &amp; bar", "ﬁnal ofﬁce", "Price\x85 list", "tab\x07bell",
    "one\u2028two", "lone \ud800 half", "\x1b[31mred\x1b[0m text", "“Curly” ‘quotes’ stay", "e\u0301te\u0301",
    "Ã¼ber die StraÃŸe", "\ufeffZero width", "Ångström ﬀ", "Straße über Äpfel", "Ｆｕｌｌ ｗｉｄｔｈ",
]
CONFIGS = [NormalizeConfig(), NormalizeConfig(straighten_quotes=True), NormalizeConfig(unicode_form="NFKC")]


def _plain_normalize(text: str, config: NormalizeConfig) -> str:
    fixed = ftfy.fix_text(text, ftfy.TextFixerConfig(uncurl_quotes=config.straighten_quotes,
                                                      normalization=config.unicode_form,
                                                      fix_character_width=False, explain=False))
    return re.sub(r"\s+", " ", fixed).strip()


@pytest.mark.parametrize("config", CONFIGS, ids=["default", "straight-quotes", "nfkc"])
def test_normalize_text_equals_ftfy_on_every_line(config: NormalizeConfig) -> None:
    lines = PAGE_LINES + REPAIRABLE
    assert any(not line.isascii() for line in PAGE_LINES)
    changed = 0
    for line in lines:
        expected = _plain_normalize(line, config)
        assert normalize_text(line, config) == expected, line
        changed += expected != " ".join(line.split())
    assert changed >= len(REPAIRABLE) - 2  # the repairable lines are repaired, not passed over


def _first_rule(text: str) -> str | None:
    """The plain definition: the first rule, in order, that fullmatches the folded line within its word limit."""
    if len(text) > LINE_RULE_MAX_CHARS:
        return None
    text = " ".join(text.split())
    n_words = word_count(text)
    for rule in LINE_RULES:
        if n_words <= rule.max_words and rule.regex.fullmatch(text):
            return rule.id
    return None


def _case_lines() -> list[str]:
    texts = [case["text"] for case in json.loads(CASES_FILE.read_text(encoding="utf-8"))]
    # the same lines in capitals, and with letters a pattern ignoring case matches but lower() does not show
    # ("ı" and "İ" for "i", "ſ" for "s", the Kelvin sign for "k"), and with an accented word added
    variants = [text.upper() for text in texts]
    variants += [text.translate(str.maketrans({"i": "ı", "I": "İ", "s": "ſ", "k": "\u212a"})) for text in texts]
    variants += [f"{text} é" for text in texts]
    return texts + variants


def test_judge_line_equals_every_rule_in_order() -> None:
    lines = _case_lines() + PAGE_LINES
    found = 0
    for line in lines:
        verdict = judge_line(line)
        expected = _first_rule(line)
        assert (verdict.rule.id if verdict else None) == expected, line
        found += expected is not None
    assert found > 100  # the lines exercise the rules, not only their absence


def test_segment_with_norm_keeps_every_other_field() -> None:
    values = {"int": 7, "str": "a line"}
    segment = Segment(**{f.name: values[str(f.type)] for f in dataclasses.fields(Segment)})
    assert segment.with_norm("norm") == dataclasses.replace(segment, norm="norm")


def test_user_rules_that_cannot_share_the_alternation_still_match() -> None:
    from newsclean.noise.lines import prepare_rules
    from newsclean.rules.noise import LineRule

    rules = (LineRule("promo.user_0", r"(?i)buy now", max_words=10_000),  # flags for the whole pattern
             LineRule("promo.user_1", r"(\w+) and \1", max_words=10_000),  # a backreference
             LineRule("promo.user_2", r"(?P<w>\w+) or (?P=w)", max_words=10_000))
    prepared = prepare_rules(rules + LINE_RULES)
    for line, rule in [("BUY NOW", "promo.user_0"), ("more and more", "promo.user_1"), ("this or this", "promo.user_2"),
                       ("more and less", None), ("this or that", None)]:
        verdict = judge_line(line, prepared)
        assert (verdict.rule.id if verdict else None) == rule, line


def test_kept_verdicts_are_judge_lines_answers() -> None:
    from newsclean.noise.lines import prepare_rules

    prepared = prepare_rules(LINE_RULES)
    lines = _case_lines()[:200] + PAGE_LINES[:300] + ["Advertisement " * 200]  # the last is over the rules' limit
    first = [prepared.verdict(line) for line in lines]
    again = [prepared.verdict(line) for line in reversed(lines)][::-1]  # answered from what was kept
    expected = [judge_line(line, prepared) for line in lines]
    assert first == again == expected
    assert sum(verdict is not None for verdict in expected) > 50


def test_literal_trie_matches_what_the_plain_alternation_matches() -> None:
    from newsclean.noise.lines import literal_trie

    # words sharing first letters, one the prefix of another, signs the pattern must escape, a letter that folds
    # case unlike lower()
    found = 0
    words = ["photo", "photograph", "picture", "pic", "(posted", "www.", " is ", "zq", "zqx", "kv", "straße", "»"]
    lines = PAGE_LINES[:2000] + ["PHOTOGRAPH", "pi", "(post", "wwwx", "this is it", "ZQX", "z q", "\u212aV", "STRASSE", "»x"]
    for flags in (0, re.IGNORECASE):
        plain = re.compile("|".join(re.escape(word) for word in words), flags)
        trie = re.compile(literal_trie(words), flags)
        for line in lines:
            assert (trie.search(line) is None) == (plain.search(line) is None), (line, flags)
            found += plain.search(line) is not None
    assert found > 100  # the lines hold the words, not only lack them
    assert trie.fullmatch("photograph") and not trie.fullmatch("photographs") and not trie.fullmatch("")
