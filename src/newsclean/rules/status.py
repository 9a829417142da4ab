"""What a finished page is (article, wall, teaser, short, junk), and whether its header fields mean what they say.

Pure functions over the body's paragraphs and the text removed from it. The
kinds described here are shared by news sites everywhere: subscription and
consent walls, teasers cut short with an ellipsis or a "read more" prompt,
descriptions that hold the story instead of a dek. No rule names a site.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..records import PageStatus
from ..text.quality import QualitySignals
from ..text.shape import DEK_MAX_WORDS, word_count, words
from .quality import judge_quality

#: A body of fewer words than this is no story (a brief, a stub, a teaser).
SHORT_BODY_WORDS = 50
#: Walls and teasers stand in front of short bodies; a long article that mentions cookies, or
#: whose last sentence trails off, is an article (words).
WALL_MAX_BODY_WORDS = 150
#: A line removed after the body tells of a cut only when it is this short (words): a prompt, a stub.
FOLLOWING_CUT_MAX_WORDS = 6
#: A byline of more words than this is a paragraph of the page, not the author line.
BYLINE_MAX_WORDS = 20

PAYWALL = re.compile(r"\b(?:subscribe (?:now )?to (?:continue|keep) reading|(?:this|the) (?:article|story|content) is "
                     r"(?:only )?(?:for|available to) (?:subscribers|members)|already a (?:subscriber|member)\?|"
                     r"subscriber[- ]only|to continue reading|create a free account to (?:continue|read))",
                     re.IGNORECASE)
COOKIE_WALL = re.compile(r"\b(?:we (?:and our partners )?use cookies|accept (?:all )?cookies|cookie (?:settings|consent|"
                         r"preferences)|manage (?:your )?consent|your privacy choices)", re.IGNORECASE)
_ELLIPSIS = r"(?:\.{3}|…)"
#: The end of a body cut short by the site, not by the writer: an ellipsis after a space ("it was ...")
#: or after a full stop ("discipline...."), an ellipsis in brackets ("[…]"), or a last paragraph of one
#: word and an ellipsis ("All..."). A writer's own trailing ellipsis ("it could have been better…")
#: follows a word directly and is left alone.
TEASER_CUT = re.compile(rf"(?:\s{_ELLIPSIS}|[.!?]{_ELLIPSIS}|[\[(]{_ELLIPSIS}[\])]|^\S+{_ELLIPSIS})[\s\"'”’»]*$")
#: A prompt to read the rest elsewhere, ending the body (or the first line removed after it).
CONTINUE_PROMPT = re.compile(
    r"(?:\b(?:read|continue|keep) (?:reading|more|the (?:full|whole|rest of the) (?:story|article))|"
    r"\bweiterlesen|\bmehr lesen|\blire la suite|\bleer más|\bseguir leyendo|\bcontinuar (?:leyendo|lendo)|"
    r"\bleggi (?:tutto|di più)|\blees (?:verder|meer)|\bczytaj (?:dalej|więcej)|\bler mais|\bläs mer|"
    r"\bles mer|\blæs mere|\bдалее|\bчитать далее)[\s.…:>»›→\]]*$",
    re.IGNORECASE)


def teaser_cut(paragraphs: Sequence[str], following: str | None = None) -> str | None:
    """The cut that ends a body shown only in part, or None.

    ``following`` is the first line removed after the body's last paragraph
    (a "Read more" link or an "All..." stub set aside as furniture still
    tells the body was cut).
    """
    if not paragraphs:
        return None
    last = paragraphs[-1].strip()
    tail = last[-40:]
    if TEASER_CUT.search(last) or CONTINUE_PROMPT.search(last):
        return tail
    if following is not None and word_count(following) <= FOLLOWING_CUT_MAX_WORDS and (
            CONTINUE_PROMPT.search(following.strip()) or TEASER_CUT.search(following.strip())):
        return following.strip()[-40:]
    return None


def page_status(paragraphs: Sequence[str], removed: Sequence[str], signals: QualitySignals | None, *,
                following: str | None = None) -> tuple[PageStatus, str | None]:
    """What the page looks like, with a warning saying why when it is no article.

    In order: a wall in front of a short body; a short body cut short (a
    teaser); a body too short to be a story (Gopher's 50 words; the warning
    also names a quality rule it fails); a body the quality signals find
    repetitive or no prose; else an article. ``removed`` is the text taken
    out of the page (a wall's prompt is usually set aside as promo).
    """
    count = sum(word_count(p) for p in paragraphs)
    if count < WALL_MAX_BODY_WORDS:
        everything = "\n".join([*paragraphs, *removed])
        if PAYWALL.search(everything):
            return PageStatus.PAYWALL, f"paywall: only {count} words of the story are visible"
        if COOKIE_WALL.search(everything):
            return PageStatus.COOKIE_WALL, f"cookie wall: only {count} words of text behind a consent prompt"
        cut = teaser_cut(paragraphs, following)
        if cut is not None:
            return PageStatus.SHORT, f"teaser: the body ends in a cut ({cut!r}) after {count} words"
    verdict = judge_quality(signals, count) if signals is not None else None
    if count < SHORT_BODY_WORDS:  # Gopher's first rule: too few words to judge the rest by
        return PageStatus.SHORT, f"short body: {count} words" + (f"; {verdict[1]}" if verdict else "")
    if verdict is not None:
        return verdict
    return PageStatus.ARTICLE, None


def _folded(text: str) -> tuple[str, ...]:
    return tuple(word.lower() for word in words(text))


def dek_problem(subtitle: str, paragraphs: Sequence[str]) -> str | None:
    """Why ``subtitle`` is no dek (too long to be one, or the body's own words), or None when it is one."""
    count = word_count(subtitle)
    if count > DEK_MAX_WORDS:
        return f"it holds {count} words, more than a dek ({DEK_MAX_WORDS})"
    mine = _folded(subtitle)
    if re.search(rf"{_ELLIPSIS}\W*$", subtitle.strip()):
        mine = mine[:-1]  # a description cut with an ellipsis may end in half a word
    if not mine:
        return None
    for paragraph in paragraphs:  # only a paragraph's first words are compared: only they are folded
        if tuple(word.lower() for word in words(paragraph)[:len(mine)]) == mine:
            return "it repeats the body's own words"
    return None


def byline_problem(byline: str) -> str | None:
    """Why ``byline`` is no author line, or None."""
    count = word_count(byline)
    return f"it holds {count} words, more than an author line ({BYLINE_MAX_WORDS})" if count > BYLINE_MAX_WORDS else None
