"""jusText's paragraphs of a parsed page, read from the tree newsclean already holds.

jusText (3.x) copies the tree, cleans the copy with lxml's ``Cleaner``
(``justext.core.preprocessor``: scripts, styles, comments, forms, embedded
objects and the head dropped), then replays the copy as SAX events into its
``ParagraphMaker``, whose paragraphs re-normalise their whitespace each time
their text is read (about 140,000 times for 90 pages). That was a third of a
page's cleaning. :func:`paragraphs` walks the shared tree once instead, doing
what the cleaner would have done as it goes, and gives each paragraph its
text once; jusText's own public functions then classify them
(``classify_paragraphs``, ``revise_paragraph_classification``).

The paragraphs are jusText's to the character: the same text, DOM path and
characters in links. What the cleaner does to the text is what the walk
does: a killed element (``drop_tree``) takes its subtree away and leaves its
tail; a removed one (``drop_tag``) leaves its text, children and tail; and
the text the cleaner joins into one text node reaches the paragraph as one
piece, as it would through SAX (a link's share of characters is counted by
piece). A tree the cleaner would treat as a special case (a root element it
kills or removes, a processing instruction beside the root, a namespaced tag)
goes the original way: cleaned copy, then the same walk. ``tests/test_paragraphs.py``
compares both ways with jusText's own on real pages and on the special cases.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from justext.paragraph import Paragraph
    from lxml.html import HtmlElement

#: What jusText's cleaner kills (drops with their subtree, keeping their tail): ``scripts``,
#: ``style``, ``forms`` (their fields), ``embedded`` (applets), the ``kill_tags`` jusText names (the
#: head), and ``base`` (killed with the head).
KILLED = frozenset(["script", "style", "button", "input", "select", "textarea", "applet", "head", "base"])
#: What it removes (drops the tag, keeping text, children and tail): forms and embedded objects.
REMOVED = frozenset(["form", "iframe", "embed", "layer", "object", "param"])
#: A ``param`` outside these is killed rather than removed (the cleaner's rule for stray parameters).
PARAM_HOLDERS = frozenset(["applet", "object"])
#: A run of whitespace without a line break (the first step of jusText's whitespace rule),
_SPACES = re.compile(r"[^\S\n\r]+")
#: and, once those are single spaces, a run holding a line break.
_BREAKS = re.compile(r"[ \n\r]*[\n\r][ \n\r]*")


def normalized(text: str) -> str:
    """``text`` with each whitespace run made one line break if it holds one, else one space.

    jusText's ``normalize_whitespace``, without a Python call per run: a
    run of spaces is first made one space, so that the runs holding a line
    break are short alternations the second pattern matches in one pass.
    """
    text = _SPACES.sub(" ", text)
    return _BREAKS.sub("\n", text) if "\n" in text or "\r" in text else text


class _Fallback(Exception):
    """The tree holds something the walk leaves to jusText's cleaner."""


#: An open element: its name, the open element it is in (``None`` at the top) and its path joined
#: (:func:`_dom`; ``None`` until asked for). A paragraph takes the element it starts in without copying
#: the path, and a path is joined once, however many paragraphs start on it.
_Path = list  # [str, _Path | None, str | None]


def _dom(path: _Path | None) -> str:
    """The names on ``path``, outermost first, joined by dots (jusText's ``dom_path``)."""
    if path is None:
        return ""
    dotted = path[2]
    if dotted is None:
        parent = path[1]
        dotted = path[2] = path[0] if parent is None else _dom(parent) + "." + path[0]
    return dotted


def paragraphs(root: HtmlElement) -> list[Paragraph]:
    """jusText's paragraphs of the page parsed as ``root`` (left as it is), in order, unclassified."""
    from justext.core import preprocessor

    try:
        made = _walk(root, clean=True) if _plain_root(root) else None
    except _Fallback:
        made = None
    if made is None:
        made = _walk(preprocessor(root), clean=False)
    made_type = _paragraph_type()
    return [made_type(dom, text, links) for dom, text, links in made]


def _plain_root(root: HtmlElement) -> bool:
    """Whether the cleaner would leave ``root`` an ordinary element with no processing instruction beside it."""
    from lxml import etree

    tag = root.tag
    if not isinstance(tag, str) or tag in KILLED or tag in REMOVED or tag == "link" or tag.startswith("{"):
        return False
    before, after = root.getprevious(), root.getnext()
    return not any(sibling is not None and sibling.tag is etree.ProcessingInstruction for sibling in (before, after))


#: What the cleaner may drop or rename (the rest it leaves as it is).
_CLEANED = KILLED | REMOVED | {"link", "image"}


def _walk(root: HtmlElement, *, clean: bool) -> list[tuple[str, str, int]]:
    """The paragraphs jusText's ``ParagraphMaker`` makes of the SAX replay of the cleaned ``root``:
    (DOM path, text, characters in links) each.

    With ``clean`` the walk does the cleaner's work on the way (``root`` is
    the page as parsed); without it ``root`` is the cleaned copy already.
    lxml walks the tree (``iterwalk``); a tree from lxml's HTML parser holds
    no entity nodes, the one kind of node it would pass over unseen. The
    paragraph maker's state lives in this function's locals, its handlers
    written out where the events arrive (a method call per event was half
    the walk's time):

    * an element's start (jusText's ``startElementNS``) opens a paragraph at
      one of jusText's paragraph tags or at a second line break in a row;
      any other element clears the line-break flag unless it is a line
      break (which adds a space), and a link starts counting characters;
    * its end (``endElementNS``) opens a paragraph at a paragraph tag, and
      a link's end stops the counting;
    * a text node (``characters``, given as the pieces of the original tree
      the cleaned tree joins into one) is kept unless it is blank, counted
      when in a link (normalised by itself), and clears the line-break flag;
    * a paragraph is closed with its text normalised once (the same text as
      jusText's normalising of each piece and again of their join), kept if
      the text is not empty, and the next one starts on the path open then.
    """
    from justext.core import PARAGRAPH_TAGS
    from lxml import etree

    boundaries: frozenset[str] = PARAGRAPH_TAGS  # the tags that start and end a paragraph, jusText's own
    done: list[tuple[str, str, int]] = []
    path: _Path | None = None  # the open elements
    start_path: _Path | None = None  # the path the paragraph being read started on
    nodes: list[str] = []  # its text nodes
    links = 0  # its characters in links
    link = br = False
    pending: list[str] = []  # the pieces of the text node being read

    for sibling in _processing_siblings(root, before=True):
        if pending:
            nodes, links, br = _characters(pending, nodes, links, link, br)
        if sibling.tail:
            pending.append(sibling.tail)
    holders = 0  # open objects (a param inside one is removed, not killed)
    walk = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, node in walk:
        tag = node.tag
        if event != "start" and event != "end":  # a comment (killed with the comments when cleaning) or a PI
            if pending and not (clean and event == "comment"):
                nodes, links, br = _characters(pending, nodes, links, link, br)
            if node.tail:
                pending.append(node.tail)
            continue
        start = event == "start"
        if clean and tag in _CLEANED:
            if start and _killed(tag, node, holders):
                walk.skip_subtree()  # its end comes next
                continue
            if tag in REMOVED:  # its text stays; an object holds its params (an applet is killed)
                holders += (tag in PARAM_HOLDERS) if start else -(tag in PARAM_HOLDERS)
                tag = ""
            elif not start and _killed(tag, node, holders):  # its start was skipped
                tag = ""
            elif tag == "image":
                tag = "img"
        if tag:  # an element the cleaned tree holds
            if tag[0] == "{":
                if clean and start:
                    raise _Fallback(tag)
                tag = tag.rpartition("}")[2]
            if pending:  # the text node before its start or end
                nodes, links, br = _characters(pending, nodes, links, link, br)
            if start:
                path = [tag, path, None]
                opens = tag in boundaries or (br and tag == "br")
                if not opens:
                    br = tag == "br"
                    if br:
                        nodes.append(" ")
                    elif tag == "a":
                        link = True
            else:
                path = path[1]  # type: ignore[index]  # an end follows its start
                opens = tag in boundaries
                if tag == "a":
                    link = False
            if opens:
                if nodes:
                    _close(done, start_path, nodes, links)
                    nodes = []
                start_path, links = path, 0
        text = node.text if start else node.tail
        if text:
            pending.append(text)
    if pending:
        nodes, links, br = _characters(pending, nodes, links, link, br)
    for sibling in _processing_siblings(root, before=False):
        if sibling.tail:
            pending.append(sibling.tail)
        if pending:
            nodes, links, br = _characters(pending, nodes, links, link, br)
    if nodes:  # the end of the document closes the last paragraph
        _close(done, start_path, nodes, links)
    return done


def _characters(pieces: list[str], nodes: list[str], links: int, link: bool, br: bool) -> tuple[list[str], int, bool]:
    """One text node of the cleaned tree, given as the (emptied) ``pieces`` of the original tree it
    joins: the paragraph's text nodes, characters in links and line-break flag after it."""
    content = "".join(pieces)
    pieces.clear()
    if not content or content.isspace():
        return nodes, links, br
    nodes.append(content)  # normalised once, with the paragraph's other pieces (the same text)
    return nodes, links + len(normalized(content)) if link else links, False


def _close(done: list[tuple[str, str, int]], path: _Path | None, nodes: list[str], links: int) -> None:
    """Close a paragraph of text ``nodes`` started on ``path``: kept if it has text (jusText asks
    ``paragraph and ...``: a paragraph is false when its text is empty, as when it holds only a line
    break's space)."""
    text = normalized("".join(nodes).strip())
    if text:
        done.append((_dom(path), text, links))


def _killed(tag: str, element: HtmlElement, holders: int) -> bool:
    """Whether jusText's cleaner drops ``element`` with its subtree (its tail stays)."""
    if tag in KILLED:
        return True
    if tag == "link":
        return "stylesheet" in element.get("rel", "").lower()
    return tag == "param" and not holders


def _processing_siblings(root: HtmlElement, *, before: bool) -> list[HtmlElement]:
    """The processing instructions next to ``root`` that SAX replays with it, in document order."""
    from lxml import etree

    found = []
    sibling = root.getprevious() if before else root.getnext()
    while getattr(sibling, "tag", None) is etree.ProcessingInstruction:
        found.append(sibling)
        sibling = sibling.getprevious() if before else sibling.getnext()
    return found[::-1] if before else found


@functools.cache
def _paragraph_type() -> type[Paragraph]:
    """jusText's ``Paragraph`` with its text read once (made when first asked: jusText loads with the extractors)."""
    from justext.paragraph import Paragraph

    class ReadParagraph(Paragraph):
        """A paragraph whose text and words are values, not properties re-read on every use."""

        text = ""  # shadows Paragraph.text
        words_count = 0  # shadows Paragraph.words_count

        def __init__(self, dom_path: str, text: str, chars_count_in_links: int) -> None:  # no PathInfo to read
            self.dom_path = dom_path
            self.text = text
            self.words = text.split()
            self.words_count = len(self.words)
            self.chars_count_in_links = chars_count_in_links
            self.tags_count = 0  # jusText counts tags but never reads the count
            self.class_type = ""

        def stopwords_count(self, stopwords: frozenset[str]) -> int:
            """jusText's count of the words (lowercased) in ``stopwords``, without a Python step per word."""
            return sum(map(stopwords.__contains__, map(str.lower, self.words)))

    return ReadParagraph
