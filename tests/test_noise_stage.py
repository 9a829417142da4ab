"""The noise stage's neighbour and header passes, on whole small documents.

Each test builds a short story (four or more body paragraphs, so the body is
recognised) around one kind of page furniture and cleans it with
``clean_text`` at a pinned reference date. Negatives check that body prose
which merely mentions a photo, Twitter or a date, short quoted lines and
section separators all survive.
"""

from __future__ import annotations

import datetime as dt

import pytest

from newsclean import clean_text
from newsclean.config import DatesConfig, PipelineConfig
from newsclean.records import Article, DateSource, RemovalKind
from stories import BODY, HEADLINE, doc

CONFIG = PipelineConfig(dates=DatesConfig(reference_date=dt.date(2024, 1, 1)))

EXTRA = (
    "Officials said the branch will stay open until 9 p.m. on weekdays, later than any other library in the "
    "county, to serve students and people who work late shifts at the nearby hospital.",
    "The library will hold a celebration for its first month in July, with story hours, a used book sale and "
    "a concert on the lawn by a youth orchestra from the regional high school.",
)


def clean(text: str) -> Article:
    return clean_text(text, config=CONFIG)


def removed(article: Article, text: str) -> list[tuple[RemovalKind, str]]:
    """(kind, rule) of every removal of exactly ``text``."""
    return [(r.kind, r.rule) for r in article.removed if r.text == text]


# --- documents -----------------------------------------------------------------------------------------

VIDEO_TITLE = "Harbor Cleanup Draws Hundreds of Volunteers"
VIDEO_BLURB = ("Volunteers collected more than two tons of trash along the waterfront on a cold morning. "
               "(Published Saturday, March 2, 2019)")
WITH_VIDEO = doc(*BODY[:2], VIDEO_TITLE, VIDEO_BLURB, *BODY[2:])

DATED_LIST = ("School Board Delays Vote on Start Times", "June 3, 2023",
              "Farmers Market Returns to Downtown Square", "May 30, 2023",
              "Police Investigate Break-In at Hardware Store", "May 28, 2023")
WITH_DATED_LIST_ON_TOP = doc("\n".join(DATED_LIST), *BODY)
WITH_DATED_LIST_BELOW = doc(*BODY, "\n".join(DATED_LIST))

FOREIGN_BLOCKS = {
    "german": ("Regierung plant neue Regeln für Mieter in Großstädten",
               "Bahnstreik legt den Verkehr im ganzen Land lahm",
               "Wetter: Am Wochenende wird es wieder deutlich kälter"),
    "french": ("Le gouvernement annonce un plan pour les transports",
               "Grève dans les écoles : les parents inquiets",
               "Météo : le week-end sera pluvieux dans le nord du pays"),
    "spanish": ("El Gobierno aprueba el nuevo plan de vivienda",
                "Huelga de maestros en las escuelas de la capital",
                "El tiempo: lluvias fuertes durante todo el fin de semana"),
}

CAPTION = "Children read together in the new reading room on Saturday."
WITH_DUPLICATE_CAPTION = doc(BODY[0], BODY[1], CAPTION, BODY[2], BODY[3], CAPTION)
REFRAIN = "\"We are still here,\" the crowd sang."
WITH_REFRAIN = doc(BODY[0], REFRAIN, BODY[1], BODY[2], REFRAIN, BODY[3])

FOOTER = ("Weather", "Obituaries", "Classifieds", "E-Edition")
WITH_FOOTER = doc(*BODY, *EXTRA, "\n".join(FOOTER))

DEK = "The branch replaces one that closed after a roof collapse four years ago."
DATELINE = "March 4, 2019"
BYLINE = "By Jane Doe"
WITH_HEADER = doc(HEADLINE, DEK, DATELINE, BYLINE, *BODY)

PHOTO = ("One visitor shared a photo of the crowded children's section on Twitter, and within an hour it "
         "had been retweeted thousands of times by people across the state.")
DATED = ("The old branch closed on March 3, 2019, after a roof collapse, and residents had to drive more "
         "than forty minutes to the nearest library until this weekend.")
QUOTE = "\"It was worth the wait.\""
CHANT = "\"Sí, se puede,\" the children chanted as the ribbon was cut."
SEPARATOR = "* * *"
CLOSING = "The library opens at 9 a.m. on Sunday."
PLAIN_LINES = (BODY[0], PHOTO, BODY[1], QUOTE, DATED, SEPARATOR, BODY[2], CHANT, SEPARATOR, BODY[3], CLOSING)
PLAIN_STORY = doc(*PLAIN_LINES)

ALL_DOCUMENTS = {
    "video": WITH_VIDEO,
    "dated_list_on_top": WITH_DATED_LIST_ON_TOP,
    "dated_list_below": WITH_DATED_LIST_BELOW,
    **{f"foreign_{name}": doc(BODY[0], BODY[1], "\n".join(lines), *BODY[2:])
       for name, lines in FOREIGN_BLOCKS.items()},
    "duplicate_caption": WITH_DUPLICATE_CAPTION,
    "footer": WITH_FOOTER,
    "header": WITH_HEADER,
    "plain_story": PLAIN_STORY,
}


# --- neighbour pass ------------------------------------------------------------------------------------


def test_video_title_above_published_blurb_is_media() -> None:
    article = clean(WITH_VIDEO)
    assert removed(article, VIDEO_TITLE) == [(RemovalKind.MEDIA, "media.video_title")]
    assert removed(article, VIDEO_BLURB) == [(RemovalKind.MEDIA, "media.published_blurb")]
    assert VIDEO_TITLE not in article.text and "Published Saturday" not in article.text
    # the blurb's own date is the video's, never the story's
    assert article.published is None
    assert article.paragraphs == list(BODY)


@pytest.mark.parametrize("text", [WITH_DATED_LIST_ON_TOP, WITH_DATED_LIST_BELOW], ids=["on_top", "below"])
def test_headlines_alternating_with_dates_are_a_sidebar(text: str) -> None:
    article = clean(text)
    for line in DATED_LIST:
        assert removed(article, line) == [(RemovalKind.SIDEBAR, "sidebar.dated_list")], line
    assert article.published is None
    assert article.published_source is DateSource.NONE
    assert article.paragraphs == list(BODY)


@pytest.mark.parametrize("language", sorted(FOREIGN_BLOCKS))
def test_block_of_short_lines_in_another_language_is_a_sidebar(language: str) -> None:
    lines = FOREIGN_BLOCKS[language]
    article = clean(ALL_DOCUMENTS[f"foreign_{language}"])
    for line in lines:
        assert removed(article, line) == [(RemovalKind.SIDEBAR, "sidebar.foreign_language")], line
    assert article.language == "en"
    assert article.paragraphs == list(BODY)


def test_a_block_holding_most_of_the_pages_text_is_not_foreign_to_it() -> None:
    # one English sentence around a page of German lines: the page's language was misread, the block is its own
    wrapper = "This page was saved by the web archive on a crawl of blogs and the pages they link to, for the record."
    german = (*FOREIGN_BLOCKS["german"], "Der Stadtrat berät am Montag über den neuen Haushalt",
              "Viele Familien warten seit Monaten auf einen Kitaplatz", "Die Bibliothek öffnet am Samstag wieder ihre Türen",
              "Im Herbst beginnen die Arbeiten an der neuen Brücke", "Die Schulen bekommen mehr Geld für digitale Geräte")
    article = clean(doc(wrapper, *german))
    assert not [r for r in article.removed if r.kind is RemovalKind.SIDEBAR]


CODE_AND_OUTPUT = ("SELECT status_code, period, entries,", "AVG(entries) OVER w AS mean_entries", "FROM log_entries;",
                   "200 │ 2020-08-01 18:00:00+00 │ 1.8925638848161648",
                   "400 │ 2020-08-01 18:00:00+00 │ 6.823777205473068",
                   "404 │ 2020-08-01 17:59:00+00 │ -0.38531664163524526",
                   "500 │ 2020-08-01 17:59:00+00 │ -0.4391628750910588")


def test_code_and_its_output_between_paragraphs_is_no_foreign_block() -> None:
    # written mostly in signs other than letters: in no language, whatever language ID guesses of it
    article = clean(doc(HEADLINE, *BODY[:2], *CODE_AND_OUTPUT, *BODY[2:]))
    assert not [r for r in article.removed if r.kind is RemovalKind.SIDEBAR]
    assert article.paragraphs == [*BODY[:2], *CODE_AND_OUTPUT, *BODY[2:]]


RECIPE = ("Library Reading Room Scones", "Ingredients", "2 cups flour", "1 tbsp baking powder", "1/2 cup butter, cold",
          "2/3 cup milk", "Instructions", "Heat the oven and line a tray with paper.",
          "Rub the butter into the flour until it looks like crumbs.", "Stir in the milk and cut the dough into rounds.",
          "Bake for 15 minutes until golden.")


def test_a_clean_articles_tail_stays_whatever_trails_it() -> None:
    # the story's own list and short steps under its last paragraph; the copyright line under them is the only
    # furniture, and it does not make the article a scraped page
    article = clean(doc(*BODY, *RECIPE, "© Jane Doe"))
    assert article.paragraphs == [*BODY, *RECIPE]
    assert [r.rule for r in article.removed] == ["navigation.copyright"]


CODE = ("function Card(name) {", 'this.name = name || "Anon";', "}", "exports.Card = Card;", "Card.prototype = {",
        "renew: function(days) {", "if (!days)", 'throw new Error("missing days");', "return this.name;", "}", "};")


def test_code_between_the_storys_paragraphs_is_kept() -> None:
    # a scraped page (its menu and share bar go): the code inside the story is the story's own
    article = clean(doc("Menu", "Home", "Search", HEADLINE, *BODY[:2], *CODE, *BODY[2:], "Share", "Related"))
    assert article.paragraphs == [*BODY[:2], *CODE, *BODY[2:]]


def test_repeated_caption_is_removed_once_as_duplicate() -> None:
    # the second copy stands after the story's last paragraph: furniture, not the article's own
    article = clean(WITH_DUPLICATE_CAPTION)
    duplicates = [r for r in article.removed if r.kind is RemovalKind.DUPLICATE]
    assert [(r.text, r.rule) for r in duplicates] == [(CAPTION, "duplicate.repeated_line")]
    # the second occurrence is the one removed
    assert duplicates[0].start == WITH_DUPLICATE_CAPTION.rindex(CAPTION)
    assert article.paragraphs.count(CAPTION) == 1


def test_line_repeated_inside_the_body_is_kept() -> None:
    # a refrain between the story's paragraphs is the article's own, both times
    article = clean(WITH_REFRAIN)
    assert article.paragraphs.count(REFRAIN) == 2
    assert not [r for r in article.removed if r.kind is RemovalKind.DUPLICATE]


def test_a_paragraph_repeated_under_the_same_short_heading_is_kept() -> None:
    # a chorus printed under its short heading each time: one long line and one short, not a run of lines copying
    # an earlier run (the story printed twice)
    chorus = BODY[1]
    article = clean(doc(BODY[0], "Chorus", chorus, BODY[2], "Chorus", chorus, BODY[3], "Chorus", chorus))
    assert article.paragraphs == [BODY[0], "Chorus", chorus, BODY[2], "Chorus", chorus, BODY[3], "Chorus", chorus]
    assert not [r for r in article.removed if r.kind is RemovalKind.DUPLICATE]


def test_two_paragraphs_printed_again_inside_the_story_are_duplicates() -> None:
    # two lines in a row, each long enough to be a duplicate, copying two earlier lines: the story printed twice
    article = clean(doc(*BODY, *EXTRA, BODY[1], BODY[2]))
    assert article.paragraphs == [*BODY, *EXTRA]
    assert [r.text for r in article.removed if r.kind is RemovalKind.DUPLICATE] == [BODY[1], BODY[2]]


def test_short_lines_after_the_last_paragraph_are_navigation() -> None:
    article = clean(WITH_FOOTER)
    for line in FOOTER:
        assert [kind for kind, _rule in removed(article, line)] == [RemovalKind.NAVIGATION], line
    assert article.paragraphs == [*BODY, *EXTRA]


READER_COMMENTS = (
    "Great news for the county. My kids have been waiting years for a library close enough to walk to after school.",
    "I hope they keep the branch open on Sundays, because that is the only day many working families can visit it.",
)


def test_a_clean_articles_last_lines_above_its_reader_thread_stay() -> None:
    # an article already clean, its reader thread under it (the rules take the thread): the story's own last
    # section above the thread, a short heading and two items, is the story's, not a scraped page's tail
    tail = ("Next steps", "Fixed a crash when the catalogue search was opened twice (see the notes)",
            "Work continued on the mobile app, but its release has moved to January.")
    thread = ("2 comments on “New Library Opens”", "A. Reader wrote on May 2, 2021 at 3:53 am:", *READER_COMMENTS)
    article = clean(doc(*BODY, *tail, *thread))
    assert article.paragraphs == [*BODY, *tail]
    assert [r.text for r in article.removed] == list(thread)


def test_what_trails_a_clean_articles_last_sentence_goes_only_on_strong_evidence() -> None:
    # an article already clean ending on a list under its heading: none of the lines ends a sentence, and the
    # classifier doubts them, but not strongly enough for lines that trail a story with no furniture around it
    tail = ("What the new branch offers:", "A maker space with two 3D printers and a laser cutter for members")
    article = clean(doc(*BODY, *tail))
    assert article.paragraphs[:len(BODY) + len(tail)] == [*BODY, *tail]


@pytest.mark.parametrize("heading", ["Comments", "Leave a reply", "2 thoughts on “New Library Opens”"])
def test_everything_under_the_comment_sections_heading_is_the_thread(heading: str) -> None:
    article = clean(doc(HEADLINE, *BODY, heading, "A. Reader", *READER_COMMENTS))
    assert article.paragraphs == list(BODY)
    for line in ("A. Reader", *READER_COMMENTS):
        assert removed(article, line) == [(RemovalKind.COMMENTS, "comments.thread")], line


@pytest.mark.parametrize("heading", ["Kommentare", "Schreibe einen Kommentar", "3 Antworten zu „Neue Bibliothek“",
                                     "Deja un comentario", "Laisser un commentaire"])
def test_the_comment_sections_heading_in_other_languages_opens_the_thread(heading: str) -> None:
    article = clean(doc(HEADLINE, *BODY, heading, "A. Reader", *READER_COMMENTS))
    assert article.paragraphs == list(BODY)


def test_a_share_bars_comments_link_under_the_lede_does_not_open_the_thread() -> None:
    # one paragraph above it is a lede, not the story
    article = clean(doc(HEADLINE, BODY[0], "Share", "Comments", *BODY[1:]))
    assert set(BODY) <= set(article.paragraphs)
    assert not [r for r in article.removed if r.rule == "comments.thread"]


@pytest.mark.parametrize("notice", ["Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert.",
                                    "Tu dirección de correo electrónico no será publicada.",
                                    "Votre adresse e-mail ne sera pas publiée."])
def test_a_comment_forms_notice_in_other_languages_is_removed(notice: str) -> None:
    article = clean(doc(HEADLINE, *BODY, notice))
    assert removed(article, notice) == [(RemovalKind.COMMENTS, "comments.form_notice")]


def test_a_comment_count_above_the_story_does_not_open_the_thread() -> None:
    # "12 Comments" linking down to the section from the article's top, under a teaser's blurb
    article = clean(doc(HEADLINE, READER_COMMENTS[0], "12 Comments", *BODY))
    assert set(BODY) <= set(article.paragraphs)
    assert not [r for r in article.removed if r.rule == "comments.thread"]


def test_without_the_classifier_trailing_short_lines_are_page_tail() -> None:
    config = CONFIG.model_copy(update={"noise": CONFIG.noise.model_copy(update={"classifier": False})})
    article = clean_text(WITH_FOOTER, config=config)
    for line in FOOTER:
        assert removed(article, line) == [(RemovalKind.NAVIGATION, "navigation.page_tail")], line
    assert article.paragraphs == [*BODY, *EXTRA]


#: An author's note, a blurb: prose the classifier may keep, standing alone among the page's furniture.
LONE_NOTE = "Jane Roe writes about libraries, schools and county politics, and has covered the region since 2015."
FURNITURE = ("Share this story", "Follow us on Facebook", "Subscribe to our newsletter",
             "Privacy policy", "Contact us", "Terms of use")


def test_a_lone_line_among_the_pages_furniture_is_removed() -> None:
    article = clean(doc(HEADLINE, *BODY, "\n".join(FURNITURE[:3]), LONE_NOTE, "\n".join(FURNITURE[3:])))
    assert removed(article, LONE_NOTE) == [(RemovalKind.SIDEBAR, "sidebar.lone_line")]
    assert article.paragraphs == list(BODY)


def test_a_line_between_single_removed_lines_inside_the_story_is_kept() -> None:
    article = clean(doc(HEADLINE, *BODY[:2], "Advertisement", LONE_NOTE, "Advertisement", *BODY[2:]))
    assert article.paragraphs == [*BODY[:2], LONE_NOTE, *BODY[2:]]


def test_the_line_right_under_the_header_opens_the_story_even_among_furniture() -> None:
    text = doc(HEADLINE, "By Jane Roe", BODY[0], "\n".join(FURNITURE[:2]), *BODY[1:], *EXTRA)
    article = clean(text)
    assert removed(article, "By Jane Roe") == [(RemovalKind.METADATA, "metadata.byline")]
    assert article.paragraphs == [*BODY, *EXTRA]


def test_a_line_under_the_header_and_its_share_bar_opens_the_story() -> None:
    text = doc(HEADLINE, "By Jane Roe", "Share this story\nFollow us on Facebook", BODY[0],
               "\n".join(FURNITURE[2:4]), *BODY[1:], *EXTRA)
    article = clean(text)
    assert article.paragraphs == [*BODY, *EXTRA]


# --- header pass ---------------------------------------------------------------------------------------


def test_header_lines_become_fields_and_leave_the_body() -> None:
    article = clean(WITH_HEADER)
    assert article.title == HEADLINE
    assert article.subtitle == DEK
    assert article.published == dt.date(2019, 3, 4)
    assert article.published_source is DateSource.DATELINE
    for line in (HEADLINE, DEK, DATELINE, BYLINE):
        assert line not in article.text
        assert [r.kind for r in article.removed if r.text == line] != []
    assert article.paragraphs == list(BODY)


def test_byline_in_header_fills_byline() -> None:
    article = clean(WITH_HEADER)
    assert removed(article, BYLINE) == [(RemovalKind.METADATA, "metadata.byline")]
    assert article.byline == "Jane Doe"


def test_scraper_header_line_does_not_turn_the_headline_into_a_sidebar() -> None:
    text = doc("date 2018-07-27", HEADLINE, "Updated July 30, 2018", *BODY)
    article = clean(text)
    assert article.published == dt.date(2018, 7, 27)
    assert article.title == HEADLINE
    assert removed(article, HEADLINE) == [(RemovalKind.METADATA, "metadata.headline")]


def test_quoted_sentence_opening_the_story_is_body() -> None:
    lead = "\"We are not going anywhere.\""
    article = clean(doc(lead, *BODY))
    assert article.title is None
    assert article.paragraphs == [lead, *BODY]


# --- negatives -----------------------------------------------------------------------------------------


def test_body_mentioning_photo_twitter_and_a_date_keeps_every_line() -> None:
    article = clean(PLAIN_STORY)
    assert article.removed == []
    assert article.paragraphs == list(PLAIN_LINES)
    # a date in the body is not the publication date
    assert article.published is None
    assert article.published_source is DateSource.NONE
    assert article.title is None and article.byline is None


def test_headline_shaped_subheading_above_body_paragraph_is_not_a_video_title() -> None:
    subheading = "What the New Branch Offers"
    article = clean(doc(*BODY[:2], subheading, *BODY[2:]))
    assert removed(article, subheading) == []
    assert subheading in article.paragraphs


def test_single_date_line_in_the_header_is_not_a_sidebar() -> None:
    article = clean(doc(HEADLINE, DATELINE, *BODY))
    assert removed(article, DATELINE) == [(RemovalKind.METADATA, "metadata.dateline")]
    assert article.published == dt.date(2019, 3, 4)


# --- evidence ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(ALL_DOCUMENTS))
def test_every_removal_carries_kind_rule_and_offsets_into_the_input(name: str) -> None:
    text = ALL_DOCUMENTS[name]
    article = clean(text)
    for removal in article.removed:
        assert isinstance(removal.kind, RemovalKind)
        assert removal.rule.partition(".")[0] == removal.kind.value
        assert 0 <= removal.start < removal.end <= len(text)
        assert text[removal.start:removal.end] == removal.text
        assert 0.0 <= removal.score <= 1.0
    # nothing is both kept and removed, and every non-blank line is one or the other
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert len(article.paragraphs) + len(article.removed) == len(lines)


def test_the_only_prose_paragraph_is_never_traded_for_scraps() -> None:
    prose = " ".join(["The council met to discuss the budget for the coming year and approved it."] * 3)
    article = clean(doc("February 30, 2018", "9999-99-99", prose))
    assert prose in article.paragraphs


def test_code_shown_again_inside_the_story_is_kept_both_times() -> None:
    # a tutorial shows its code, then the same code grown by a line: the copy is the story's, not a duplicate
    grown = (*CODE[:-1], "Card.count = 0;", CODE[-1])
    article = clean(doc("Menu", "Home", "Search", HEADLINE, *BODY[:2], *CODE, BODY[2], *grown, BODY[3], *EXTRA,
                        "Share", "Related"))
    assert article.paragraphs == [*BODY[:2], *CODE, BODY[2], *grown, BODY[3], *EXTRA]
    assert not [r for r in article.removed if r.kind is RemovalKind.DUPLICATE]


# --- an article already clean --------------------------------------------------------------------------

INFO_BOX = ("Tickets", "Adults: $12", "Children: $6", "Members free", "Opening hours", "Tue to Sun, 10 to 6")


@pytest.mark.parametrize("first_line", [
    "Why did the county wait four years for a new library?",      # a question opening the body
    "The waiting is over!",                                       # a short exclamation
    "The wait is over. Here is what the new branch holds",        # sentences, the last without its full stop
])
def test_a_clean_bodys_first_line_stays_when_nothing_shows_a_header(first_line: str) -> None:
    # a body alone, no menu, no furniture: its first line is the story's, whatever its shape
    article = clean(doc(first_line, *BODY, *EXTRA))
    assert article.paragraphs == [first_line, *BODY, *EXTRA]
    assert article.removed == []


def test_a_clean_articles_headline_goes_when_its_header_shows() -> None:
    # a headline in title case, one right over the story's first paragraph, or any headline over a dateline and
    # byline: the header is taken as ever
    assert clean(doc(HEADLINE, *BODY)).paragraphs == list(BODY)
    sentence_case = "New library opens to long lines in rural county"
    for lines in ((sentence_case, *BODY), (sentence_case, DATELINE, BYLINE, *BODY)):
        article = clean(doc(*lines))
        assert article.paragraphs == list(BODY)
        assert article.title == sentence_case


def test_a_clean_article_opening_on_a_few_short_lines_keeps_its_lists() -> None:
    # a heading and a kicker over the story, no menu: the story's own box of short lines inside it stays although
    # the classifier would not read it as prose
    opening = ("Opening day at the new branch", "A record first day")
    lines = (*opening, *BODY[:2], *INFO_BOX, *BODY[2:], *EXTRA)
    assert clean(doc(*lines)).paragraphs == list(lines)


def test_a_menu_above_the_story_is_no_clean_article() -> None:
    # the same story under six menu items the rules do not know: a scraped page, the classifier judges it
    menu = ("Startseite", "Lokales", "Sport", "Kultur", "Wetter", "Anzeigen")
    from newsclean.document import Segment
    from newsclean.noise.classifier import clean_article_bound, opens_on_story

    def segments(lines: tuple[str, ...]) -> list[Segment]:
        return [Segment(0, len(t), t, i, t) for i, t in enumerate(lines)]

    assert not opens_on_story(segments((*menu, *BODY)))
    assert opens_on_story(segments((*menu[:5], *BODY)))
    assert clean_article_bound(segments((*menu, *BODY)), [None] * (len(menu) + len(BODY))) is None
    article = clean(doc(*menu, *BODY, *EXTRA))
    assert not set(menu) & set(article.paragraphs)


def test_a_photo_credit_inside_a_clean_article_does_not_make_it_a_scraped_page() -> None:
    # the credit of the story's own photo goes (a rule's word), and the story's box of short lines stays
    credit = "Photo by Jane Doe"
    lines = (*BODY[:2], credit, *INFO_BOX, *BODY[2:], *EXTRA)
    article = clean(doc(*lines))
    assert [(r.kind, r.text) for r in article.removed] == [(RemovalKind.CAPTION, credit)]
    assert article.paragraphs == [line for line in lines if line != credit]


def test_the_classifiers_spans_read_from_either_end_are_the_first_and_last_found() -> None:
    # kept_span and prose_span ask their question from the page's top and bottom only; the span is the one a
    # reading of every line gives
    from hypothesis import given
    from hypothesis import strategies as st

    from newsclean.noise.classifier import _first_and_last

    @given(st.lists(st.booleans(), max_size=30))
    def check(flags: list[bool]) -> None:
        found = [i for i, flag in enumerate(flags) if flag]
        expected = (found[0], found[-1] + 1) if found else (0, 0)
        assert _first_and_last(len(flags), flags.__getitem__) == expected

    check()
