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


#: An open element's name and the path to its parent (``None`` at the top): a paragraph takes the
#: path it starts on without copying it.
_Path = tuple[str, "_Path"] | None


class _Maker:
    """jusText's ``ParagraphMaker`` state, fed the events of the cleaned tree."""

    __slots__ = ("boundaries", "br", "done", "link", "links", "nodes", "path", "start_path")

    def __init__(self) -> None:
        from justext.core import PARAGRAPH_TAGS

        self.boundaries: frozenset[str] = PARAGRAPH_TAGS  # the tags that start and end a paragraph, jusText's own
        self.path: _Path = None
        self.done: list[tuple[str, str, int]] = []  # (DOM path, text, characters in links)
        self.link = self.br = False
        self.start_path: _Path = None
        self.nodes: list[str] = []
        self.links = 0

    def start_paragraph(self) -> None:
        """Close the paragraph read so far, kept if it has text (jusText asks ``paragraph and ...``: a
        paragraph is false when its text is empty, as when it holds only a line break's space)."""
        if self.nodes:
            text = normalized("".join(self.nodes).strip())
            if text:
                self.done.append((_dom(self.start_path), text, self.links))
            self.nodes = []
        self.start_path, self.links = self.path, 0

    def start(self, name: str) -> None:
        self.path = (name, self.path)
        if name in self.boundaries or (name == "br" and self.br):
            self.start_paragraph()
        else:
            self.br = name == "br"
            if self.br:
                self.nodes.append(" ")
            elif name == "a":
                self.link = True

    def end(self, name: str) -> None:
        self.path = self.path[1]  # type: ignore[index]  # an end follows its start
        if name in self.boundaries:
            self.start_paragraph()
        if name == "a":
            self.link = False

    def characters(self, pieces: list[str]) -> None:
        """One text node of the cleaned tree, given as the pieces of the original tree it joins."""
        content = "".join(pieces)
        pieces.clear()
        if not content or content.isspace():
            return
        self.nodes.append(content)  # normalised once, with the paragraph's other pieces (the same text)
        if self.link:
            self.links += len(normalized(content))
        self.br = False


def _dom(path: _Path) -> str:
    """The names on ``path``, outermost first, joined by dots (jusText's ``dom_path``)."""
    names = []
    while path is not None:
        name, path = path
        names.append(name)
    return ".".join(reversed(names))


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
    """The events jusText's SAX replay of the cleaned ``root`` would give, fed to a :class:`_Maker`.

    With ``clean`` the walk does the cleaner's work on the way (``root`` is
    the page as parsed); without it ``root`` is the cleaned copy already.
    lxml walks the tree (``iterwalk``); a tree from lxml's HTML parser holds
    no entity nodes, the one kind of node it would pass over unseen.
    """
    from lxml import etree

    maker = _Maker()
    pending: list[str] = []  # the pieces of the text node being read
    for sibling in _processing_siblings(root, before=True):
        maker.characters(pending)
        if sibling.tail:
            pending.append(sibling.tail)
    holders = 0  # open objects (a param inside one is removed, not killed)
    walk = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, node in walk:
        tag = node.tag
        if event == "start":
            if clean and tag in _CLEANED:
                if _killed(tag, node, holders):
                    walk.skip_subtree()  # its end comes next
                    continue
                if tag in REMOVED:
                    holders += tag in PARAM_HOLDERS  # an object (an applet is killed: no param in it is seen)
                    if node.text:
                        pending.append(node.text)
                    continue
            if tag[0] == "{":
                if clean:
                    raise _Fallback(tag)
                tag = tag.rpartition("}")[2]
            if pending:
                maker.characters(pending)
            maker.start("img" if clean and tag == "image" else tag)
            if node.text:
                pending.append(node.text)
        elif event == "end":
            if clean and tag in REMOVED:
                holders -= tag in PARAM_HOLDERS
            elif clean and tag in _CLEANED and _killed(tag, node, holders):
                pass
            else:
                if pending:
                    maker.characters(pending)
                maker.end("img" if clean and tag == "image" else tag.rpartition("}")[2])
            if node.tail:
                pending.append(node.tail)
        else:  # a comment (killed with the comments when cleaning) or a processing instruction
            if pending and not (clean and event == "comment"):
                maker.characters(pending)
            if node.tail:
                pending.append(node.tail)
    maker.characters(pending)
    for sibling in _processing_siblings(root, before=False):
        if sibling.tail:
            pending.append(sibling.tail)
        maker.characters(pending)
    maker.start_paragraph()  # the end of the document
    return maker.done


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
