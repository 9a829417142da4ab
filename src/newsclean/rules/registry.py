"""Every rule a removal can be recorded under, declared once.

The line rules (a pattern that marks one line alone) are the boilerplate
vocabulary of :mod:`newsclean.rules.noise`; the rules declared here judge a
line by its context: its neighbours, its place in the article's header, the
line classifier's probability, or what normalisation left of it. Stages
import these objects and compare them by identity; ``RULES`` lists them all,
and a test checks that no module names a rule by its id.
"""

from __future__ import annotations

from types import MappingProxyType

from .noise import LINE_RULES
from .rule import HeaderPart, Rule

# Neighbour passes: what a line is, read with the lines around it.
#: the title of an embedded video, standing right above its blurb
VIDEO_TITLE = Rule("media.video_title", score=0.8)
#: a list of dated headlines (other stories), and the heading right above it; its dates are theirs
DATED_LIST = Rule("sidebar.dated_list", score=0.9, trusted_for_dates=False)
#: a block of short lines in another language than the body's
FOREIGN_LANGUAGE = Rule("sidebar.foreign_language", score=0.8)
#: a later copy of a line, or a run of lines copying an earlier run
REPEATED_LINE = Rule("duplicate.repeated_line", score=0.95)
#: everything from the first comment header after the story to the end
COMMENT_THREAD = Rule("comments.thread", score=0.85)
#: short lines without a sentence ending, after the story's last paragraph (footer links, tags)
PAGE_TAIL = Rule("navigation.page_tail", score=0.6)
#: a lone line the classifier kept between runs of removed lines, holding a small share of the kept text (a blurb,
#: an author's note or a box's heading standing among the page's furniture)
LONE_LINE = Rule("sidebar.lone_line", score=0.6)

# The header pass: the article's header lines, moved into their own fields.
#: a scraper's "date: …" first line; the dates stage reads its date
SCRAPER_HEADER = Rule("metadata.scraper_header", score=1.0, fills=HeaderPart.SCRAPER_HEADER)
#: the scraper's title or summary field, on the header line's block
SCRAPER_SUMMARY = Rule("metadata.scraper_summary", score=0.7, fills=HeaderPart.SCRAPER_SUMMARY)
DATELINE = Rule("metadata.dateline", score=0.9, fills=HeaderPart.DATELINE)
BYLINE = Rule("metadata.byline", score=0.85, fills=HeaderPart.BYLINE)
HEADLINE = Rule("metadata.headline", score=0.8, fills=HeaderPart.TITLE)
#: the first short line under the headline (its score when found by shape; by the page's description, more)
DEK = Rule("metadata.dek", score=0.7, fills=HeaderPart.DEK)
#: a short title-case label in the header ("World News")
SECTION_LABEL = Rule("navigation.section_label", score=0.7)
#: kickers, photo titles and teasers between the headline and the story, or a second headline
HEADER_LINE = Rule("other.header_line", score=0.5)

# The line classifier's removals, by the line's shape; each carries the classifier's own confidence.
#: a short line (a menu item)
MENU_LINE = Rule("navigation.menu_line")
#: a headline-shaped line (another story's teaser)
TEASER_LINE = Rule("related.teaser_line")
#: any other line the classifier finds off the body
OFF_BODY_TEXT = Rule("other.off_body_text")
#: The rules under which the classifier's removals are recorded.
MODEL_RULES = (MENU_LINE, TEASER_LINE, OFF_BODY_TEXT)

# Normalisation.
#: a segment that normalises to nothing (control characters, invisible spaces)
NO_TEXT_AFTER_NORMALIZATION = Rule("other.no_text_after_normalization", score=1.0)

#: The rules that judge a line by its context, as declared above.
CONTEXT_RULES: tuple[Rule, ...] = (
    VIDEO_TITLE, DATED_LIST, FOREIGN_LANGUAGE, REPEATED_LINE, COMMENT_THREAD, PAGE_TAIL, LONE_LINE,
    SCRAPER_HEADER, SCRAPER_SUMMARY, DATELINE, BYLINE, HEADLINE, DEK, SECTION_LABEL, HEADER_LINE,
    *MODEL_RULES, NO_TEXT_AFTER_NORMALIZATION,
)
#: Every built-in rule: the line rules, then the context rules.
RULES: tuple[Rule, ...] = LINE_RULES + CONTEXT_RULES
#: Every built-in rule by its id (a user's own line rules, made from the configuration, are not here).
BY_ID = MappingProxyType({rule.id: rule for rule in RULES})
