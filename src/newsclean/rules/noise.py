"""Boilerplate vocabulary: named groups of patterns, one group per kind of noise.

Each rule describes a *kind* of page furniture that news sites share, never
a particular site, person or story. A rule matches one stripped line; a
``max_words`` bound keeps a rule from firing on body prose that merely
mentions the same words ("she shared a photo on Twitter").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..records import RemovalKind

_I = re.IGNORECASE
_SOCIAL_NETWORKS = r"(?:twitter|x|facebook|instagram|linkedin|youtube|tiktok|threads|bluesky|mastodon|whatsapp|telegram|snapchat|pinterest|flipboard|reddit)"


@dataclass(frozen=True, slots=True)
class LineRule:
    """A pattern that marks a whole line as one kind of noise."""

    id: str  # "<kind>.<name>": the kind is read from the prefix
    pattern: str
    max_words: int = 12  # the rule only applies to lines of at most this many words
    score: float = 0.9  # confidence in a removal by this rule
    flags: int = _I
    anchored: bool = True  # match the whole line (fullmatch) rather than search in it

    @property
    def kind(self) -> RemovalKind:
        return RemovalKind(self.id.partition(".")[0])

    @property
    def regex(self) -> re.Pattern[str]:
        return _compile(self.pattern, self.flags)


@cache
def _compile(pattern: str, flags: int) -> re.Pattern[str]:
    return re.compile(pattern, flags)


# Navigation: menu items, section labels with a colon, footer links, breadcrumbs.
NAVIGATION = (
    LineRule("navigation.list_label",
             r"(?:more|latest|top|related|trending|popular|breaking|recent|local|world|national)\s+"
             r"(?:news|stories|headlines|articles|videos|posts|coverage|now|today)\s*:?", max_words=4),
    LineRule("navigation.footer_link",
             r"(?:contact(?: us)?|about(?: us)?|privacy(?: policy| notice| settings)?|"
             r"terms(?: (?:of (?:use|service)|(?:&|and) conditions))?|cookie (?:policy|settings|preferences)|"
             r"site ?map|advertise(?: with us)?|careers|accessibility|corrections|help|faq|newsroom|masthead|"
             r"(?:back|return) to top|skip to (?:main )?content|home(?: ?page)?|menu|search|sign (?:in|up|out)|"
             r"log ?in|log ?out|register|my account|all rights reserved|manage (?:cookies|preferences)|"
             r"do not sell my (?:personal )?info(?:rmation)?)\.?", max_words=6),
    LineRule("navigation.copyright", r"(?:©|\(c\)|copyright\s*(?:©|\(c\)|\d{4}))\s*.{0,120}", max_words=24),
    LineRule("navigation.breadcrumb", r"[^\W\d_][\w' -]{0,30}(?:\s+[>›»]\s+[^\W\d_][\w' -]{0,30}){1,6}",
             max_words=14, score=0.7),
)

# Related stories: teasers and links to other articles. A lead-in word alone is
# not enough ("Related charges were filed…"): it needs a separator, capitals,
# or to stand alone.
_LEAD_INS = (r"related(?: stories| articles| content| coverage| links| reading)?|read (?:more|also|next)|"
             r"see also|also read|recommended(?: for you| stories| reading)?|you (?:may|might) also (?:like|enjoy)|"
             r"more (?:from|on) [^:|]{1,40}|don'?t miss|editor'?s picks?|most (?:read|popular|viewed|shared)|"
             r"further reading|keep reading|what to read next")
RELATED = (
    # "MORE CITY NEWSCouncil approves the budget": an all-caps lead-in glued to a headline
    LineRule("related.caps_lead_in", r"(?:MORE|RELATED|READ MORE|ALSO READ|SEE ALSO|READ NEXT)\b(?: [A-Z&'’.-]+){0,4} ?"
             r"(?:NEWS|STORIES|COVERAGE|ARTICLES)?\s*:?\s*\S.*", max_words=25, flags=0),
    LineRule("related.lead_in", rf"(?:{_LEAD_INS})\s*[:|>»›]\s*\S.*", max_words=25, score=0.85),
    LineRule("related.label", rf"(?:{_LEAD_INS})\s*:?", max_words=6, score=0.85),
)

_CREDIT_AGENCIES = (r"Getty Images|Shutterstock|iStock(?:photo)?|AP Photo|AP|AFP|Reuters|EPA(?:-EFE)?|Alamy|"
                    r"Bloomberg|NurPhoto|SOPA Images|Xinhua|Anadolu|dpa|picture alliance|Keystone|ANP")
# Captions and credits of photos and graphics.
CAPTION = (
    # "… Jane Doe / The Daily Courier", "… John Roe/Herald Staff": a name, a slash, an outlet, at the
    # end of the line and without a closing full stop (a sentence would have one)
    LineRule("caption.name_slash_outlet",
             r"(?:^|.*\s)[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){1,3}\s?/\s?[A-Z][\w’'&.-]*(?:\s+[A-Z][\w’'&-]*){0,3}\)?",
             max_words=60, score=0.85, flags=0),
    LineRule("caption.credit_label",
             r"(?:photo|photograph|image|picture|illustration|graphic|foto|fotografía|bild|"
             r"photo credit|image credit|image source|source image|credit)s?\s*(?:by|courtesy(?: of)?)?\s*[:|].{0,120}",
             max_words=25),
    LineRule("caption.photo_by", r"(?:.*[.!?]\s+)?(?:photo|photograph|image|picture)s? (?:by|courtesy of) "
             r"[A-Z][^.]{1,60}", max_words=60, score=0.85),
    LineRule("caption.credit_parenthesised",
             r".*\((?:[A-Z]{2,6} )?(?:courtesy photo|photo|photograph|image|file photo|pictured|credit)s?"
             r"(?:\s*[:/]\s*[^()]{1,60}|\s+(?:by|courtesy of|via)\s+[^()]{1,60})?\)\.?", max_words=60, score=0.85),
    LineRule("caption.agency_credit", rf".*(?:[/(]\s*|\bvia\s+|[.!?]\s+)(?:{_CREDIT_AGENCIES})\b[^.]{{0,40}}\)?",
             max_words=60, score=0.85, flags=0),
)

# Embedded media: video titles and blurbs, player controls and timers.
MEDIA = (
    LineRule("media.player_time", r"\d{1,2}:\d{2}(?::\d{2})?\s*/\s*\d{1,2}:\d{2}(?::\d{2})?", max_words=6),
    # a video's blurb that closes with its own date: "… (Published Wednesday, July 11, 2018)"
    # a blurb's own text carries no year: "28.04.2020 (updated 29.04.2020)" is a dateline
    LineRule("media.published_blurb", r"(?![^(]*(?<!\d)(?:19|20)\d{2}(?!\d))"
                                      r".*\((?:published|updated|posted|aired)\s[^()]{4,60}\)\s*", max_words=80),
    LineRule("media.player_label",
             r"(?:watch|video|play(?: video)?|now playing|watch (?:now|live|video)|click to play|replay|up next|"
             r"autoplay|loading(?: video)?|mute|unmute|full ?screen|captions?|close|listen(?: now)?|"
             r"listen to (?:this|the) (?:article|story)|audio)(?:\s*[:|-].{0,60}|\s*)", max_words=10, score=0.8),
    LineRule("media.gallery_counter", r"(?:image|photo|picture|slide)s? \d+ (?:of|/) \d+", max_words=6),
)

# Advertising slots and their labels: short, never a sentence.
ADVERTISING = (
    LineRule("advertising.label",
             r"(?:advertisement|advertising|ads?|sponsored(?: content| by .{1,40})?|promoted(?: content)?|"
             r"paid (?:content|post|partner(?:ship)?)|(?:story|article) continues below(?: advertisement)?|"
             r"continue reading (?:below|the main story))\b.{0,30}(?<![.!?])", max_words=5),
)

_NETWORK_LIST = rf"{_SOCIAL_NETWORKS}(?:\s*[|,/·•]?\s*(?:{_SOCIAL_NETWORKS}|e-?mail|print|copy link|whatsapp))*"
# Social prompts: follow, like, share, feeds.
SOCIAL = (
    # "Follow us on Instagram", "Like us on Facebook: …": the verb, an object (us, a handle, a Name), a network
    LineRule("social.follow_on",
             rf"(?i:follow|like|find|join|connect with|friend)\s+(?:(?i:us|me)|@\w+|(?:(?i:the)\s+)?[A-Z][\w&'’. -]{{0,40}}"
             rf"|(?i:the (?:conversation|discussion)))\s+"
             rf"(?i:on)\s+(?i:{_SOCIAL_NETWORKS})\b.{{0,80}}", max_words=18, flags=0),
    LineRule("social.follow_us", r"(?:follow|like|find|join) us(?: (?:here|online|today))?[:!.]?", max_words=4),
    LineRule("social.feed", r".{0,60}\b(?:rss|atom)\b.{0,40}\b(?:feed|reader)s?\b.{0,40}", max_words=15),
    LineRule("social.share",
             rf"(?:share|share this(?: article| story| page)?|share (?:on|via)|tweet(?: this)?|e-?mail(?: this)?"
             rf"(?: (?:article|story|page|link))?|print|pin it|copy link|save|{_SOCIAL_NETWORKS})"
             rf"(?:\s*(?:on|via|this|to)?\s*(?:{_NETWORK_LIST}|e-?mail))?\s*[:!]?", max_words=6),
    LineRule("social.network_list", _NETWORK_LIST, max_words=10),
    LineRule("social.handles", r"(?:[@#][\w.]+[\s|,·•]*){1,8}", max_words=8),
    # the signature under an embedded post: "— A. Writer (@handle) May 4, 2020"
    LineRule("social.embedded_post", r"[—–-]{1,2}\s*[^()\n]{1,60}\(@\w{1,30}\)\s*.{0,40}", max_words=16),
)

# Promotions of the outlet itself: newsletters, subscriptions, tip lines, apps.
PROMO = (
    LineRule("promo.tip_line",
             r"(?:(?:do you )?(?:have|got) a (?:news )?tip\??.{0,60}|.{0,40}\bsend us (?:a|your) (?:news )?tips?\b.{0,60})",
             max_words=16),
    LineRule("promo.newsletter",
             r".{0,60}\b(?:sign up|subscribe|register)\b.{0,40}\b(?:newsletters?|alerts|briefing|digest|e-?mail updates)\b.{0,60}",
             max_words=25),
    LineRule("promo.alerts",
             r"(?:get|receive) (?:our |the )?(?:breaking news |daily |free )?(?:alerts|newsletters?|headlines)"
             r"(?: delivered)?.{0,60}", max_words=20),
    LineRule("promo.subscribe",
             r"(?:(?:click here to )?subscribe(?: now| today| here)?|become a (?:member|subscriber)|"
             r"support (?:our|independent|local) journalism|"
             r"get (?:the|our)(?: free)? app|download (?:the|our)(?: free)? app)\b.{0,80}", max_words=16),
    LineRule("promo.donate", r"donate(?: now| today| here)?[.!]?", max_words=3),
)

# Reader comments: the section's headings and each comment's "<name> on <date> said:" header.
COMMENTS = (
    LineRule("comments.section_heading",
             r"(?:\d+\s+)?(?:comments?|responses?|replies|reactions)(?:\s*\(\d+\))?|"
             r"(?:leave|post|add|write|submit) a (?:comment|reply)|comments are closed\.?|"
             r"(?:want to )?join the (?:discussion|conversation)\??|(?:show|view|read|hide) (?:all )?\d* ?comments|"
             r"\d+ (?:thoughts|responses|comments|replies) (?:on|to) .{1,120}|reply|report(?: comment)?",
             max_words=25),
    LineRule("comments.comment_header",
             r".{1,80}\b(?:on|at)\b.{0,40}\d.{0,40}\b(?:said|says|wrote|commented|replied)\s*:",
             max_words=25),
)

#: Every line rule, in the order they are tried: the first that fires wins.
LINE_RULES: tuple[LineRule, ...] = (MEDIA + ADVERTISING + SOCIAL + PROMO + RELATED + CAPTION + COMMENTS
                                    + NAVIGATION)
