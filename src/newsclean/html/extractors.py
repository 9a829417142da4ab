"""The main text of one page as each of four extractors sees it, one block per line.

Extractors fail differently: trafilatura drops a documentation page's code
and lists, resiliparse keeps a page's teasers, readability and jusText judge
by text density alone. trafilatura runs in its fast mode, without the
readability and jusText fallbacks it would otherwise run on the page: they
run here once, as voters of their own. :mod:`newsclean.html.agreement` decides between them
by how far they agree. Every extractor is imported when the first page
arrives, so a text-only run never pays for them.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import logging
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from .blocks import block_lines
from .paragraphs import paragraphs
from .revision import revise_classes

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from ..config import ExtractConfig

logger = logging.getLogger(__name__)

#: jusText's paragraph thresholds, as trafilatura runs it as a fallback (``trafilatura.external.try_justext``):
#: short and long paragraph lengths (characters), stopword densities (0-1), link density (0-1).
JUSTEXT_LENGTH_LOW, JUSTEXT_LENGTH_HIGH = 50, 150
JUSTEXT_STOPWORDS_LOW, JUSTEXT_STOPWORDS_HIGH = 0.1, 0.2
JUSTEXT_MAX_LINK_DENSITY = 0.25
#: jusText revises a short paragraph by its neighbours up to this distance (paragraphs).
JUSTEXT_MAX_HEADING_DISTANCE = 150
#: readability keeps a paragraph with at least this many characters of text, as trafilatura runs it.
READABILITY_MIN_TEXT_CHARS = 25


@dataclasses.dataclass(frozen=True, slots=True)
class Extractions:
    """What each extractor takes for the page's main text ("" when it found none, ``None`` when not asked).

    :func:`extract_pair` asks trafilatura and resiliparse only,
    :func:`extract_justext` jusText too, :func:`extract_all` readability as well.
    """

    trafilatura: str  # trafilatura in its fast mode (no fallbacks), favouring precision as configured
    resiliparse: str  # resiliparse's main-content mode
    readability: str | None = None  # trafilatura's port of readability-lxml
    justext: str | None = None  # jusText with the stopwords of all its languages
    #: trafilatura's default balance, asked only when its precise output is thin (see :func:`extract_all`)
    default: str | None = None

    @property
    def complete(self) -> bool:
        """Whether all four extractors were asked."""
        return self.readability is not None and self.justext is not None

    def outputs(self) -> tuple[str, ...]:
        """The four extractors' outputs, in field order (without :attr:`default`; "" for one not asked)."""
        return self.trafilatura, self.resiliparse, self.readability or "", self.justext or ""


def trafilatura_text(tree: HtmlElement, *, url: str | None, config: ExtractConfig, precision: bool = False,
                     recall: bool = False, fast: bool = False) -> str:
    """trafilatura's main text of ``tree`` with the given balance ("" when none); ``tree`` is left as it is.

    ``fast`` skips trafilatura's fallbacks (readability and jusText, run on
    the page when its own output looks thin).
    """
    import trafilatura

    result = trafilatura.bare_extraction(
        tree, url=url, favor_precision=precision, favor_recall=recall, include_comments=config.include_comments,
        include_tables=config.include_tables, deduplicate=False, fast=fast)
    return str(result.text or "") if result is not None else ""


#: libxml2 stops parsing at this nesting depth (elements); resiliparse's own parser goes on.
LIBXML2_MAX_DEPTH = 256


def resiliparse_text(html: str, tree: HtmlElement) -> str:
    """resiliparse's main content of the page ``html``, parsed by lxml as ``tree`` (left as it is).

    resiliparse parses the raw markup itself (about a tenth of trafilatura's
    time), except on a page nested as deep as libxml2 reads: there it gets
    the page as lxml read it, since its extraction slows down with depth
    faster than linearly (minutes for a page nested 100,000 deep).
    """
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    if _nests(tree, LIBXML2_MAX_DEPTH - 1):
        import lxml.html

        html = lxml.html.tostring(tree, encoding="unicode")
    text = extract_plain_text(HTMLTree.parse(html), main_content=True, alt_texts=False, links=False,
                              preserve_formatting=True, list_bullets=False)
    return "\n".join(line for line in text.splitlines() if line.strip())


def _nests(tree: HtmlElement, depth: int) -> bool:
    """Whether ``tree``'s elements nest ``depth`` deep (``tree`` itself is depth 1)."""
    return bool(_nesting_path(depth)(tree))


@functools.cache
def _nesting_path(depth: int) -> Callable[[HtmlElement], object]:
    """An XPath asking for any element ``depth`` deep: libxml2 walks the tree level by level, in C."""
    from lxml import etree

    return etree.XPath("boolean(self::*" + "/*" * (depth - 1) + ")")


def justext_text(tree: HtmlElement) -> str:
    """The paragraphs jusText does not judge boilerplate, one a line; ``tree`` is left as it is.

    The paragraphs are jusText's, read from ``tree`` by
    :func:`~newsclean.html.paragraphs.paragraphs` (jusText's own
    preprocessing, scripts, styles, forms and the head dropped, done on the
    way); jusText's function classifies them, and
    :func:`~newsclean.html.revision.revise_classes` revises their classes by
    their neighbours as jusText's own revision does, in linear time. The
    stopwords are those of every language jusText knows, so that it needs no
    guess of the page's language.
    """
    from justext.core import classify_paragraphs

    found = paragraphs(tree)
    classify_paragraphs(found, _all_stopwords(), JUSTEXT_LENGTH_LOW, JUSTEXT_LENGTH_HIGH,
                        JUSTEXT_STOPWORDS_LOW, JUSTEXT_STOPWORDS_HIGH, JUSTEXT_MAX_LINK_DENSITY, True)
    revise_classes(found, JUSTEXT_MAX_HEADING_DISTANCE)
    return "\n".join(" ".join(p.text.split()) for p in found if not p.is_boilerplate and p.text.strip())


class _EveryStopList:
    """The words of every stop list jusText ships, handed to jusText as one collection it can hash cheaply.

    ``classify_paragraphs`` turns the stop list it is given into a lower-cased
    frozenset and keeps that set, keyed by the list it was given. Given a
    frozenset of all the words, the worker held the words twice (about 16 MB
    each); given this, which holds no word and hashes by identity, jusText
    builds its set once from the lists as it reads them, and that set is the
    only copy (the same words: jusText's lists are lower case already).
    """

    __slots__ = ()

    def __iter__(self) -> Iterator[str]:
        from justext import get_stoplist, get_stoplists

        for language in sorted(get_stoplists()):
            yield from get_stoplist(language)


@functools.cache
def _all_stopwords() -> _EveryStopList:
    """The one instance, so jusText's set is built once per process."""
    return _EveryStopList()


def readability_text(tree: HtmlElement, *, in_place: bool = False) -> str:
    """readability's article of the page, one block a line.

    readability changes the tree it reads: it works on a copy of ``tree``,
    or, when ``in_place`` (the caller reads ``tree`` no more), on ``tree``
    itself, which spares the copy (about a third of readability's time).
    """
    import lxml.html
    from trafilatura.readability_lxml import Document

    summary = Document(tree if in_place else copy.deepcopy(tree),
                       min_text_length=READABILITY_MIN_TEXT_CHARS).summary()
    return block_lines(lxml.html.fromstring(summary)) if summary.strip() else ""


#: trafilatura's precise output is thin when it holds fewer than this share of resiliparse's words (0-1):
#: precision has likely cut the article short, and trafilatura's default balance is asked too (a second
#: trafilatura run, about 24 ms where asked). Chosen on the dev halves (0 to 0.5 tried, the vote's
#: outputs cached): from 0.25 up no set's body F1 moves at all (pages 0.9742, pages-readability 0.9649,
#: snippets 0.9296, as at 0.5); below it snippets lose passages (0.9289 at 0.2, 0.9259 never asking),
#: while the two article sets do not move from 0.1 up. 0.3 keeps a margin above that edge and asks the
#: default balance on 51 of the 382 unsettled scored pages instead of 79.
THIN_PRECISE_SHARE = 0.3

_WORD = re.compile(r"\w+")


def extract_pair(tree: HtmlElement, html: str, *, url: str | None, config: ExtractConfig) -> Extractions:
    """trafilatura's and resiliparse's main text of the page ``html``, parsed as ``tree`` (left as it is).

    The two work in very different ways (trafilatura by the markup's
    structure and its text, resiliparse by its own parse and scores); where
    they agree closely the page is settled without the others
    (:func:`~newsclean.html.agreement.settled`).
    """
    return Extractions(
        trafilatura=_guarded("trafilatura", lambda: trafilatura_text(tree, url=url, config=config, fast=True,
                                                                     precision=config.favor_precision)),
        resiliparse=_guarded("resiliparse", lambda: resiliparse_text(html, tree)),
    )


def extract_justext(tree: HtmlElement, pair: Extractions) -> Extractions:
    """``pair`` (what :func:`extract_pair` found) with jusText's main text of the page parsed as
    ``tree`` (left as it is): asked before readability, whose vote it may make needless
    (:func:`~newsclean.html.agreement.seconded`)."""
    return dataclasses.replace(pair, justext=_guarded("jusText", lambda: justext_text(tree)))


def extract_all(tree: HtmlElement, html: str, *, url: str | None, config: ExtractConfig,
                pair: Extractions | None = None, pair_words: tuple[int, int] | None = None,
                last_reader: bool = False) -> Extractions:
    """Every extractor's main text of the page ``html``, parsed as ``tree`` (left as it is, unless
    ``last_reader``: then the caller reads ``tree`` no more, and readability, the last extractor
    asked, reads it in place).

    ``pair`` is what :func:`extract_pair` found on the page already (asked
    for when not given; jusText is not asked again when :func:`extract_justext`
    has asked it), and ``pair_words`` how many words (runs of word
    characters) its trafilatura and resiliparse outputs hold, when the
    caller has counted them already (the agreement's shingles count them:
    they are not counted again). trafilatura's default balance is asked as well only
    when its precise output is thin beside resiliparse's, the most complete
    of the four (as trafilatura itself falls back when its output looks
    thin): on the dev halves that is about one page in twelve. An extractor that
    fails on the page counts as having found nothing: the others still decide.
    """
    if pair is None:
        pair, pair_words = extract_pair(tree, html, url=url, config=config), None
    default = None
    if config.favor_precision and _thin(*(pair_words or _word_counts(pair))):
        default = _guarded("trafilatura (default balance)",
                           lambda: trafilatura_text(tree, url=url, config=config, fast=True))
    justext = pair.justext if pair.justext is not None else _guarded("jusText", lambda: justext_text(tree))
    readability = _guarded("readability", lambda: readability_text(tree, in_place=last_reader))
    return dataclasses.replace(pair, readability=readability, justext=justext, default=default)


def _word_counts(pair: Extractions) -> tuple[int, int]:
    """How many words trafilatura's and resiliparse's outputs in ``pair`` hold."""
    return len(_WORD.findall(pair.trafilatura)), len(_WORD.findall(pair.resiliparse))


def _thin(precise_words: int, resiliparse_words: int) -> bool:
    """Whether trafilatura's precise output is thin beside resiliparse's (:data:`THIN_PRECISE_SHARE`)."""
    return precise_words < THIN_PRECISE_SHARE * resiliparse_words


def _guarded(name: str, extract: Callable[[], str]) -> str:
    try:
        return extract()
    except Exception:  # each extractor raises its own types on broken markup; the others still decide
        logger.debug("%s failed on the page", name, exc_info=True)
        return ""
