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

from .rule import Rule

_I = re.IGNORECASE
_SOCIAL_NETWORKS = r"(?:twitter|x|facebook|instagram|linkedin|youtube|tiktok|threads|bluesky|mastodon|whatsapp|telegram|snapchat|pinterest|flipboard|reddit)"


@dataclass(frozen=True, slots=True, eq=False)
class LineRule(Rule):
    """A pattern that marks a whole line as one kind of noise."""

    pattern: str
    max_words: int = 12  # the rule only applies to lines of at most this many words
    flags: int = _I
    #: words or symbols one of which every match holds (lower case when the rule ignores case): a
    #: line without any is passed over without trying the pattern, most lines being body text
    needs: tuple[str, ...] = ()

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
    # a copyright line's year is the site's, not the story's
    LineRule("navigation.copyright", r"(?:©|\(c\)|copyright\s*(?:©|\(c\)|\d{4}))\s*.{0,120}", max_words=24,
             trusted_for_dates=False),
    # "© 2019 Example Media, LLC. All rights reserved. Example is a trademark of …": a long legal footer
    LineRule("navigation.rights_reserved", r"(?:©|\(c\)|copyright).{0,400}\ball rights reserved\b.{0,400}", max_words=80),
    # "The material on this site may not be reproduced … without the prior written permission of …"
    LineRule("navigation.reproduction_notice",
             r"(?=.*\b(?:this (?:site|website|page|material|content)|our (?:site|website|content))\b)"
             r".{0,80}\bmay not be (?:reproduced|republished|copied|redistributed)\b.{0,300}", max_words=60,
             needs=("may not be ",)),
    # "Tags: budget, council", "Filed under:", a lone "Topics"
    LineRule("navigation.tags", r"(?:tags?|topics?|filed under|categor(?:y|ies)|keywords|schlagwörter|etiquetas|"
             r"mots-clés)\s*:(?:\s*\S.{0,150})?|tags|topics", max_words=20),
    # a blog post's filing line, as blog themes print it under the post: "This entry was posted in News. Bookmark
    # the permalink.", "Posted in Politics, Tech", "Dieser Eintrag wurde veröffentlicht in Politik und verschlagwortet
    # mit …", "Dieser Beitrag wurde unter Schulleben abgelegt …", "Abgelegt unter: Fotos", "Veröffentlicht in: Blog"
    LineRule("navigation.filed_in",
             r"(?:this (?:entry|post) was posted in|posted in(?!\s*\d)|(?:dieser|der) (?:eintrag|beitrag|artikel) wurde"
             r"(?: am [^.]{1,30}?)? (?:veröffentlicht in|unter)|veröffentlicht in\s*:?|abgelegt unter\s*:?|"
             r"publié dans\s*:?|publicado en\s*:|pubblicato in\s*:?)\s*\S.{0,300}", max_words=32,
             needs=("posted in", "wurde", "veröffentlicht in", "abgelegt unter", "publié dans", "publicado en",
                    "pubblicato in")),
    # "Download: https://…", "iTunes: https://…": a label and an address, nothing else
    LineRule("navigation.labelled_link", r"[\w .'’-]{1,30}:\s*(?:https?://|www\.)\S+", max_words=12,
             needs=("http", "www.")),
    # "View all (23)", "See more", "Load more stories"
    LineRule("navigation.view_all", r"(?:view|see|show|load) (?:all|more)(?: (?:photos|images|stories|articles|videos|"
             r"results|posts|news))?\s*(?:\(\d+\)|\d+)?\s*[»›>]?", max_words=4),
    LineRule("navigation.breadcrumb", r"[^\W\d_][\w' -]{0,30}(?:\s+[>›»]\s+[^\W\d_][\w' -]{0,30}){1,6}",
             max_words=14, score=0.7, needs=(">", "›", "»")),
)

# Related stories: teasers and links to other articles. A lead-in word alone is
# not enough ("Related charges were filed…"): it needs a separator, capitals,
# or to stand alone.
_LEAD_INS = (r"related(?: stor(?:y|ies)| articles?| posts?| content| coverage| links| reading| videos?)?|"
             r"read (?:more|also|next)|next up(?: (?:in|on) [^:|]{1,40})?|"
             r"more (?!than\b)(?:[\w&'’-]+ ){1,3}(?:stories|news|headlines|articles|videos|coverage|reads)|"
             r"popular (?:on|in|at) [^:|]{1,40}|"
             r"see also|also read|recommended(?: for you| stories| reading)?|you (?:may|might) also (?:like|enjoy)|"
             r"more (?:from|on) [^:|]{1,40}|don'?t miss|editor'?s picks?|"
             r"most (?:read|popular|viewed|shared)(?: (?:in|on|from) [^:|]{1,40})?|"
             r"further reading|keep reading|what to read next")
RELATED = (
    # "MORE CITY NEWSCouncil approves the budget": an all-caps lead-in glued to a headline
    LineRule("related.caps_lead_in", r"(?:MORE|RELATED|READ MORE|ALSO READ|SEE ALSO|READ NEXT)\b(?: [A-Z&'’.-]+){0,4} ?"
             r"(?:NEWS|STORIES|COVERAGE|ARTICLES)?\s*:?\s*\S.*", max_words=25, flags=0, trusted_for_dates=False),
    # the other story's date, when the teaser carries one
    LineRule("related.lead_in", rf"(?:{_LEAD_INS})\s*[:|>»›]\s*\S.*", max_words=25, score=0.85,
             trusted_for_dates=False),
    LineRule("related.label", rf"(?:{_LEAD_INS})\s*:?", max_words=6, score=0.85),
    # "Follow our full coverage of the election at https://…", "More sports: https://… and https://…"
    LineRule("related.address_pointer",
             r"(?:follow|more|read|see|find|get)\b[^:]{0,80}(?:\bat|:)\s*(?:https?://|www\.)\S+"
             r"(?:\s+and\s+(?:https?://|www\.)\S+)*\s*\.?", max_words=20, score=0.85, needs=("http", "www.")),
    # "On example.com: Council approves the budget", "Also on example.org Council approves …"
    LineRule("related.other_site", r"(?:also on [\w-]+(?:\.[\w-]+)+\s*[:|]?|on [\w-]+(?:\.[\w-]+)+\s*[:|])\s*\S.{0,200}",
             max_words=30, score=0.85),
)

# A photo credit told by its shape, never by who the agency is: a name of one to four capitalised words, acronyms
# or initials ("Getty Images", "AP", "J. Scott Applewhite", "EPA-EFE"), names joined by slashes ("AP Photo/Jane
# Doe", "Jane Doe/Outlet/Getty Images"), then perhaps a kind word in lower case ("AP file", "Outlet photo").
_CREDIT_WORD = r"(?:[A-Z]\.|[A-Z][\w’'&-]*(?:\.[\w’'&-]+)*)"  # no closing stop: a sentence's last word has one
_CREDIT_NAME = rf"{_CREDIT_WORD}(?:\s+{_CREDIT_WORD}){{0,3}}"
_CREDIT_KIND = r"(?:\s+(?:photos?|images|pictures|press|file))?"
_CREDIT_SLASHED = rf"{_CREDIT_NAME}(?:\s?/\s?{_CREDIT_NAME})+{_CREDIT_KIND}"
_CREDIT_ACRONYM = r"[A-Z]{2,}(?:-[A-Z]{2,})?"
#: words that close an agency's name as the kind of credit it is ("Associated Press", "Staff Photographer")
_CREDIT_KIND_WORD = r"(?:Photos?|Images|Pictures|Press|Photographer|Staff|photo|file)"
# a caption's sentence before the credit: three words or more, its last a word of four letters or more in lower
# case or a year ("… courthouse.", "… 2019."), so an abbreviation ("Rep. Jane Doe", "Colo.", "Myths vs. Facts")
# or a day ("25. September") does not pass for the end of a sentence. Each word and each space between words is
# taken whole (possessive): a word given back a letter at a time is never followed by a space, nor a space by a word's
# first letter, so backtracking into them, which the plain quantifiers would try, finds nothing
_CAPTION_SENTENCE = r"(?:\S++\s++){2,}(?:[a-z][\w’'-]{3,}|\S*\d{4})[.!?]"
#: words (whitespace-separated tokens) a photo caption holds at most, as far as an acronym in parentheses
#: closing it is taken for its credit
_CAPTION_MAX_WORDS = 30
# the label a credit may follow, glued to the caption ("…help.Photograph: Jane Doe/Outlet"); any other label's
# value with a slash is a table's or a form's ("Size: S/M")
_CREDIT_LABEL = r"(?i:photo|photograph|image|picture|credit|foto|bild)s?"
# a count after a slashed credit (of photos, of comments), as a page prints it next to the credit
_CREDIT_COUNT = r"(?:\s+\d{1,4})?"
# a credit ends in a letter, a digit or a closing parenthesis (most lines, sentences, fail here at once: the line is
# read to its end in one step, then its last signs are looked at behind it); a slash in a web address or a file path
# is no credit's, and a line opened by a copyright sign is a site's notice
_CREDIT_LINE = r"(?=.*+(?:(?<=\w|\))|(?<=\)\.))$)(?!.*(?:https?:|www\.|\.[a-z]{2,}/))(?!(?i:©|\(c\)|copyright))"
# a slashed credit holds a slash, a credit in parentheses an opening one: looked for ahead, in one step, before the
# caption's words are read
_HOLDS_SLASH = r"(?=[^/]*+/)"
_HOLDS_PARENTHESIS = r"(?=[^(]*+\()"
# Captions and credits of photos and graphics.
CAPTION = (
    # "… Jane Doe / The Daily Courier", "… John Roe/Herald Staff": a name, a slash, an outlet, at the
    # end of the line and without a closing full stop (a sentence would have one)
    LineRule("caption.name_slash_outlet",
             r"(?:^|.*\s)[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){1,3}\s?/\s?[A-Z][\w’'&.-]*(?:\s+[A-Z][\w’'&-]*){0,3}\)?",
             max_words=60, score=0.85, flags=0, needs=("/",)),
    LineRule("caption.credit_label",
             r"(?:photo|photograph|image|picture|illustration|graphic|foto|fotografía|bild|"
             r"photo credit|image credit|image source|source image|credit)s?\s*(?:by|courtesy(?: of)?)?\s*[:|].{0,120}",
             max_words=25),
    # "… landers. Credit: Example Labs": a credit closing the caption
    LineRule("caption.trailing_credit", r".*[.!?]\s+(?:photo |image |picture )?credits?\s*:\s*[^.]{1,60}",
             max_words=60, score=0.85, needs=("credit",)),
    # "FILE PHOTO: Traders work on the floor …": the agencies' label for an archive picture
    LineRule("caption.file_photo", r"(?:FILE PHOTO|FILE PICTURE|FILE IMAGE)\s*[:-].{0,400}", max_words=80, flags=0),
    # "… of Titan. (Agency/Lab-Name/University)": an institutional credit in parentheses
    LineRule("caption.slash_credit", r".*\([A-Z][\w.&-]*(?: [A-Z][\w.&-]*){0,3}(?:\s*/\s*[A-Z][\w.&-]*(?: [A-Z][\w.&-]*){0,3})+\)\.?", max_words=60, score=0.85,
             flags=0, needs=("(",)),
    # "Jane Doe, AP", "Jane Doe, Associated Press", "Jane Doe, Staff Photographer": a photographer's name and an
    # agency alone on a line, the agency an acronym or a name closed by a kind word (a byline's "By Jane Doe, MA"
    # is the header's to read)
    LineRule("caption.name_comma_agency",
             rf"(?!By\s)(?:{_CREDIT_WORD}\s+){{1,3}}{_CREDIT_WORD}\s*,\s*(?:{_CREDIT_ACRONYM}(?:\s+{_CREDIT_KIND_WORD})?|"
             rf"(?:{_CREDIT_WORD}\s+){{0,3}}{_CREDIT_KIND_WORD})",
             max_words=7, flags=0, needs=(",",)),
    LineRule("caption.photo_by", r"(?:.*[.!?]\s+)?(?:photo|photograph|image|picture)s? (?:by|courtesy of) "
             r"[A-Z][^.]{1,60}", max_words=60, score=0.85, needs=("photo", "image", "picture")),
    LineRule("caption.credit_parenthesised",
             r".*\((?:[A-Z]{2,6} )?(?:courtesy photo|photo|photograph|image|file photo|pictured|credit)s?"
             r"(?:\s*[:/]\s*[^()]{1,60}|\s+(?:by|courtesy of|via)\s+[^()]{1,60})?\)\.?", max_words=60, score=0.85,
             needs=("(",)),
    # a credit closing a caption: "… 2019. REUTERS/Jane Doe", "…help.Photograph: Jane Doe/Outlet/Getty Images",
    # "Image via Getty Images", "…, via Reuters", "… courthouse. Getty Images", "… (AP Photo/Jane Doe)",
    # "… (NASA via AP, File)", "… 2019. (AP)" (only after a caption's length of words: a writer's initials close
    # the last paragraph of a story the same way); alone on a line, "Jane Doe/Outlet/Getty Images" (a person's
    # name before the slash) or "AFP/Getty Images", "Outlet via Getty Images" (closed by a kind word). A count
    # may follow the credit ("… Shutterstock/Outlet 24").
    LineRule("caption.agency_credit",
             _CREDIT_LINE
             + rf"(?:{_HOLDS_SLASH}(?:{_CAPTION_SENTENCE}\s*|.*{_CREDIT_LABEL}\s*:\s*)(?:©\s*)?{_CREDIT_SLASHED}{_CREDIT_COUNT}"
             rf"|{_CREDIT_WORD}\s+{_CREDIT_NAME}(?:\s?/\s?{_CREDIT_NAME})+{_CREDIT_KIND}"
             rf"|{_CREDIT_NAME}(?:(?:\s?/\s?|\s+via\s+){_CREDIT_NAME})*(?:\s?/\s?|\s+via\s+)"
             rf"(?:{_CREDIT_WORD}\s+){{0,3}}(?i:{_CREDIT_KIND_WORD})"
             rf"|(?:.*[,.!?]\s*|(?i:photo|image|picture|photograph)s?\s+)[Vv]ia\s+{_CREDIT_NAME}{_CREDIT_KIND}"
             rf"|{_CAPTION_SENTENCE}\s+{_CREDIT_WORD}(?:\s+{_CREDIT_WORD})?{_CREDIT_KIND}"
             rf"|{_HOLDS_PARENTHESIS}(?=(?:\S++\s++){{0,{_CAPTION_MAX_WORDS}}}\S+$){_CAPTION_SENTENCE}\s*\({_CREDIT_ACRONYM}{_CREDIT_KIND}\)"
             rf"|.*\((?:{_CREDIT_SLASHED}|{_CREDIT_NAME}{_CREDIT_KIND}\s+via\s+{_CREDIT_NAME}{_CREDIT_KIND})"
             r"(?:,\s*[Ff]ile)?\)\.?)",
             max_words=60, score=0.85, flags=0, needs=("/", "via", "Via", ".", "!", "?")),
)

# a video's blurb that closes with its own date: "… (Published Wednesday, July 11, 2018)"; the neighbour
# pass takes the video's title above it. A blurb's own text carries no year: "28.04.2020 (updated
# 29.04.2020)" is a dateline
PUBLISHED_BLURB = LineRule("media.published_blurb", r"(?![^(]*(?<!\d)(?:19|20)\d{2}(?!\d))"
                                                    r".*\((?:published|updated|posted|aired)\s[^()]{4,60}\)\s*",
                           max_words=80, needs=("(published", "(updated", "(posted", "(aired"))
# Embedded media: video titles and blurbs, player controls and timers.
MEDIA = (
    LineRule("media.player_time", r"\d{1,2}:\d{2}(?::\d{2})?\s*/\s*\d{1,2}:\d{2}(?::\d{2})?", max_words=6),
    PUBLISHED_BLURB,
    LineRule("media.player_label",
             r"(?:watch|video|play(?: video)?|now playing|watch (?:now|live|video)|click to play|replay|up next|"
             r"autoplay|loading(?: video)?|mute|unmute|full ?screen|captions?|close|listen(?: now)?|"
             r"listen to (?:this|the) (?:article|story)|audio)(?:\s*[:|-].{0,60}|\s*)", max_words=10, score=0.8),
    LineRule("media.gallery_counter", r"(?:image|photo|picture|slide)s? \d+ (?:of|/) \d+", max_words=6),
)

# Advertising slots and their labels: short, never a sentence.
ADVERTISING = (
    LineRule("advertising.label",
             r"(?:advertisement|advertising|advert|ads?|sponsored(?: content| by .{1,40})?|promoted(?: content)?|"
             r"paid (?:content|post|partner(?:ship)?)|(?:story|article) continues below(?: advertisement)?|"
             r"continue reading (?:below|the main story))\b.{0,30}(?<![.!?])", max_words=5),
    # "… If you click on one and make a purchase we may receive a small commission.": the site's own
    # affiliate disclosure (it speaks of itself, and of links or purchases)
    LineRule("advertising.affiliate_disclosure",
             r"(?=.*\b(?:we|us|our|this (?:site|article|page|post|story))\b)(?=.*\b(?:links?|purchases?|buy)\b)"
             r".{0,200}\b(?:may|might|could|will|can)\s+(?:earn|receive|get|make)\s+(?:an?\s+)?(?:small\s+)?"
             r"(?:share of (?:the )?(?:sales?|revenue)|(?:affiliate\s+)?commissions?)\b.{0,250}", max_words=70,
             needs=("commission", "share of")),
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
    LineRule("social.feed", r".{0,60}\b(?:rss|atom)\b.{0,40}\b(?:feed|reader)s?\b.{0,40}", max_words=15,
             needs=("rss", "atom")),
    LineRule("social.share",
             rf"(?:share|share this(?: article| story| page)?|share (?:on|via)|tweet(?: this)?|e-?mail(?: this)?"
             rf"(?: (?:article|story|page|link))?|print|pin it|copy link|save|{_SOCIAL_NETWORKS})"
             rf"(?:\s*(?:on|via|this|to)?\s*(?:{_NETWORK_LIST}|e-?mail))?\s*[:!]?", max_words=6),
    LineRule("social.network_list", _NETWORK_LIST, max_words=10),
    # a share or print button's label as a screen reader reads it: "Click to share on Reddit (Opens in new window)"
    LineRule("social.share_button",
             r"(?:click to\s+)?(?:share|print|e-?mail|submit|pin|tweet|post|save)\b.{0,50}"
             r"\(opens? in (?:a )?new (?:window|tab)\)", max_words=14),
    # "Share on FacebookShare on TwitterShare via Email": share links run together
    LineRule("social.share_links", r"(?:(?:share|post|tweet|pin)\s+(?:on|via|to)\s+[a-z]+\s*[|,·]?\s*){2,}", max_words=20),
    # "Like this:", "Like this story? Share it with a friend!"
    LineRule("social.like_this", r"like (?:this|it)(?: article| story| post| page)?\s*[?:!]\s*(?:share (?:it|this)\b.{0,60})?",
             max_words=12),
    # "197 Shares", "2.3K views": a counter under a share bar
    LineRule("social.counter", r"\d[\d,.]*\s?[km]?\s+(?:shares?|likes?|views?|reads?|retweets?|pins?)", max_words=3),
    LineRule("social.handles", r"(?:[@#][\w.]+[\s|,·•]*){1,8}", max_words=8),
)

# Promotions of the outlet itself: newsletters, subscriptions, tip lines, apps.
PROMO = (
    LineRule("promo.tip_line",
             r"(?:(?:do you )?(?:have|got) a (?:news )?tip\??.{0,60}|.{0,40}\bsend us (?:a|your) (?:news )?tips?\b.{0,60})",
             max_words=16, needs=("tip",)),
    LineRule("promo.newsletter",
             r".{0,100}\b(?:sign up|subscribe|register)\b.{0,60}\b(?:newsletters?|alerts|briefing|digest|e-?mail updates)\b.{0,60}",
             max_words=25, needs=("sign up", "subscribe", "register")),
    LineRule("promo.alerts",
             r"(?:get|receive) (?:(?:our|the) (?:day'?s|latest|top|best|biggest) (?:big |biggest |top |best )?stories|"
             r"(?:our |the )?(?:breaking news |daily |free )?(?:alerts|newsletters?|headlines))"
             r"(?: delivered)?.{0,100}", max_words=20),
    # "Let our news meet your inbox.", "… delivered to your inbox daily": a newsletter's pitch
    LineRule("promo.inbox", r"(?=.*\b(?:sign up|subscribe|newsletters?|daily|weekly|free|delivered|news)\b)"
             r".{0,80}\b(?:to|in|into|meet|hit|straight to) your inbox(?:es)?\b.{0,160}", max_words=35,
             needs=("inbox",)),
    # "Pick Six Newsletter", "The Morning Newsletter": a newsletter's name on its own line
    LineRule("promo.newsletter_name", r"(?:the |our )?[\w'’&-]+(?: [\w'’&-]+){0,3} newsletters?", max_words=5,
             needs=("newsletter",)),
    # "12 issues for £11.99": a magazine subscription offer
    LineRule("promo.issues_offer", r".{0,120}\b\d+ issues (?:for|from)\s*[£$€]\s?\d.{0,120}", max_words=40,
             needs=(" issues ",)),
    LineRule("promo.subscribe",
             r"(?:(?:click here to )?subscribe(?: now| today| here)?|become a (?:member|subscriber)|"
             r"support (?:our|independent|local) journalism|"
             r"get (?:the|our)(?: free)? app|download (?:the|our)(?: free)? app)\b.{0,80}", max_words=16),
    LineRule("promo.donate", r"donate(?: now| today| here)?[.!]?", max_words=3),
)

# "<name> on <date> said:", heading each comment: the neighbour pass takes the thread from the first one on
COMMENT_HEADER = LineRule("comments.comment_header",
                          r".{1,80}\b(?:on|at)\b.{0,40}\d.{0,40}\b(?:said|says|wrote|commented|replied)\s*:",
                          max_words=25, needs=("said", "says", "wrote", "commented", "replied"))
#: The headings a comment section opens with ("Leave a reply", "3 thoughts on “…”"), in English, German,
#: Spanish and French as the blogging platforms print them: declared once, read by both patterns below.
_COMMENT_OPENINGS = (
    r"(?:leave|post|add|write|submit) a (?:comment|reply)|comments are closed\.?|"
    r"(?:want to )?join the (?:discussion|conversation)\??|\d+ (?:thoughts|responses|comments|replies) (?:on|to) .{1,120}|"
    r"(?:schreibe|hinterlasse) einen kommentar|\d+ (?:kommentare?|antworten|gedanken) (?:zu|auf) .{1,120}|"
    r"(?:deja|dejar|escribe) (?:un|tu) comentario|\d+ (?:comentarios?|respuestas) (?:a|en) .{1,120}|"
    r"(?:laisser|ajouter) un commentaire|\d+ (?:commentaires?|réponses) (?:à|sur) .{1,120}")
# Reader comments: the section's headings, its buttons and the counts linking to it
COMMENT_SECTION_HEADING = LineRule(
    "comments.section_heading",
    r"(?:\d+\s+)?(?:comments?|responses?|replies|reactions|kommentare?|antworten|comentarios?|respuestas|"
    r"commentaires?|réponses)(?:\s*\(\d+\))?|"
    r"(?:show|view|read|hide) (?:all )?\d* ?comments|reply|report(?: comment)?|"
    r"kommentar (?:schreiben|hinzufügen|verfassen)|" + _COMMENT_OPENINGS,
    max_words=25)
#: Of those, the heading a comment section opens with ("Comments", "Leave a reply", "3 thoughts on “…”"): past
#: the story, all that follows is the thread. A bare count ("11 Comments", "2 responses") is as often a link to
#: the section from the article's top, and "Comment", "Reply" or "Report" a button.
COMMENT_SECTION_OPENING = re.compile(r"(?i)comments|kommentare|comentarios|commentaires|" + _COMMENT_OPENINGS)
# Reader comments: the section's headings and each comment's header.
COMMENTS = (
    COMMENT_SECTION_HEADING,
    # a comment form's fine print: consent, spam filtering, what is published, notifications
    LineRule("comments.form_notice",
             r"(?:by (?:submitting|posting|using) this (?:form|comment)\b.{0,40}\b(?:agree|consent|accept)|"
             r"(?:you (?:may|can) )?revoke (?:this|your) consent|this site uses akismet to reduce spam|"
             r"your e-?mail address will not be published|required fields are marked|"
             r"save my name,? e-?mail,? and website in this browser|"
             r"notify me of (?:follow-up comments|new (?:posts|comments|replies))|"
             # the same notices as the blogging platforms print them in German, Spanish and French
             r"(?:deine|ihre) e-?mail-adresse wird nicht veröffentlicht|erforderliche felder sind (?:mit \S+ )?markiert|"
             r"diese website verwendet akismet|benachrichtige mich über (?:nachfolgende kommentare|neue beiträge)|"
             r"meinen namen, (?:meine )?e-?mail(?:-adresse)? und (?:meine )?website in diesem browser speichern|"
             r"tu (?:dirección de )?correo electrónico no será publicad[oa]|los campos obligatorios están marcados|"
             r"este sitio usa akismet|votre adresse (?:e-?mail|de messagerie) ne sera pas publiée|"
             r"les champs obligatoires sont indiqués|ce site utilise akismet)\b.{0,300}", max_words=60),
    # a comment form's field labels: "Name (required)", "Email *", "Website (optional)"
    LineRule("comments.form_field",
             r"(?:(?:your |full )?name|e-?mail(?: address)?|website|url|comment|message)\s*"
             r"(?:\*|\(\s*(?:required|optional|will not be published)\s*\)\s*\*?)", max_words=6),
    # "Tell us what YOU think...", "Let us know what you think in the comments"
    LineRule("comments.prompt", r"(?:tell us|let us know) what you think\b.{0,60}", max_words=14),
    COMMENT_HEADER,
)

_NAME = r"(?:[A-Z][\w’'.-]+\s+){1,3}"
# What the article says of its makers after the story: the author's bio, the contributors' credit.
CREDITS = (
    # "Jane Doe is a staff writer at Example covering science. She was formerly an editor at …":
    # a writer's role, then a second sentence of career, as bios under magazine stories read
    LineRule("other.author_bio",
             rf"{_NAME}(?:is|was)\s+(?:an?|the)\s+(?:[\w-]+\s+){{0,3}}(?i:writer|reporter|editor|correspondent|"
             rf"columnist|journalist|contributor|producer)s?\b[^.!?]{{0,150}}[.!?]\s+"
             rf"(?:(?:Her|His|Their)\s+(?:work|writing|reporting|stories)\s+(?:has|have)\s+appeared|"
             rf"(?:She|He|They)\s+(?:was|were|has|have)\s+(?:formerly|previously|also\s+written|written|"
             rf"been\s+(?:reporting|writing|covering)))\b.{{0,400}}", max_words=90, score=0.8, flags=0,
             needs=(" is ", " was ")),
    # "Jane joined Example Weekly in March 2017. She has been reporting on energy since 2009."
    LineRule("other.author_joined",
             rf"{_NAME}joined\s+[^.!?]{{1,60}}\bin\s+(?:[A-Z][a-z]+\s+)?(?:19|20)\d\d\.\s+(?:She|He|They)\s+"
             rf"(?:has|have)\s+been\s+(?:reporting|writing|covering)\b.{{0,300}}", max_words=70, score=0.8,
             flags=0, needs=("joined",)),
    # "Jane Doe contributed reporting from Hong Kong.", "… writers A, B and C contributed to this report."
    LineRule("other.contributor_credit",
             r"(?:.{0,160}\s)?contributed (?:additional )?(?:reporting|research|to this (?:report|article|story))"
             r"(?: (?:from|in) [^.]{1,60})?\.", max_words=40, score=0.8, needs=("contributed",)),
    # "(Reporting by Jane Doe; additional reporting by John Roe; Editing by Ann Poe)": an agency's credit
    LineRule("other.reporting_credit",
             r"\(?(?:additional )?reporting by [^;()]{1,200}?(?:[;,]\s*(?:and |with )?(?:additional )?"
             r"(?:reporting|writing|editing|compiled|edited|graphics|production) by [^;()]{1,200}?)+\.?\)?\.?",
             max_words=60, score=0.8, needs=("reporting by",)),
)

#: Every line rule, in the order they are tried: the first that fires wins.
LINE_RULES: tuple[LineRule, ...] = (MEDIA + ADVERTISING + SOCIAL + PROMO + RELATED + CAPTION + COMMENTS
                                    + NAVIGATION + CREDITS)
