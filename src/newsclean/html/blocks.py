"""A parsed page (or a piece of one) as text: one block-level element per line."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.html import HtmlElement

#: Elements whose text is no page text.
INVISIBLE = ("script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas", "head")
#: Elements that start a new line of page text.
BLOCKS = frozenset(
    ["address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"]
)


def block_lines(tree: HtmlElement) -> str:
    """The visible text under ``tree``, one block-level element per line, spaces collapsed.

    Changes ``tree`` (invisible elements are dropped, line breaks added):
    hand it a tree nobody reads afterwards.
    """
    from lxml import etree

    etree.strip_elements(tree, *INVISIBLE, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    for element in tree.iter():
        if isinstance(element.tag, str) and element.tag.lower() in BLOCKS:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in tree.text_content().split("\n"))
    return "\n".join(line for line in lines if line)
