"""Deciding a page's main text by the extractors' agreement (html/agreement.py, html/extractors.py)."""

from __future__ import annotations

import dataclasses
import gzip
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import DATA
from newsclean.config import ExtractConfig
from newsclean.html.agreement import (
    SETTLED_AGREEMENT,
    Output,
    agreed_text,
    agreement,
    enriched,
    majority,
    pair_outputs,
    seconded,
    settled,
    shingle_f1,
    shingles,
)
from newsclean.html.extractors import Extractions, extract_all, extract_justext, extract_pair
from newsclean.html.parse import parse_page

STORY = [
    "The council voted on Tuesday to close the old harbour bridge to cars from next spring.",
    "Residents who live on the island side said the decision would add half an hour to their commute.",
    "Engineers found cracks in two of the bridge's supports during an inspection last year.",
]
TEASER = "Read more: ten things to do in the harbour district this weekend with the family"
CODE = "SELECT avg(n) FROM series WHERE n > 3 GROUP BY day ORDER BY day"


def test_an_output_holds_a_line_by_most_of_its_shingles_and_a_short_line_whole():
    output = Output("\n".join(STORY))
    assert output.holds(STORY[1])
    assert output.holds(STORY[1].replace("half an hour", "forty minutes"))  # most shingles still shared
    assert not output.holds(TEASER)
    assert output.holds("The council voted") and not output.holds("The council met")


def test_enriched_adds_the_donors_lines_a_backer_holds_in_the_donors_place():
    base = Output("\n".join([STORY[0], STORY[2]]))
    donor = Output("\n".join([STORY[0], STORY[1], TEASER, STORY[2]]))
    backer = Output("\n".join(STORY))
    assert enriched(base, donor, backers=((backer,),)).splitlines() == STORY


def test_enriched_needs_every_backer_of_a_group():
    base = Output(STORY[0])
    donor = Output("\n".join(STORY[:2]))
    holds, lacks = Output("\n".join(STORY)), Output(STORY[0])
    assert enriched(base, donor, backers=((holds, lacks),)) == STORY[0]
    assert enriched(base, donor, backers=((holds, lacks), (holds,))).splitlines() == STORY[:2]


def test_majority_keeps_the_lines_enough_others_hold_including_repeated_code():
    base = Output("\n".join([STORY[0], CODE, TEASER, CODE]))
    others = [Output("\n".join([STORY[0], CODE])), Output("\n".join([STORY[0], CODE, TEASER])), Output(STORY[0])]
    assert majority(base, others).splitlines() == [STORY[0], CODE, CODE]
    assert majority(base, others, min_others=3).splitlines() == [STORY[0]]


def test_agreement_is_highest_for_the_text_the_outputs_share():
    outputs = [Output("\n".join(STORY)), Output("\n".join(STORY + [TEASER])), Output("\n".join(STORY[:2]))]
    shared, leaky = shingles("\n".join(STORY)), shingles("\n".join([TEASER, STORY[0]]))
    assert agreement(shared, outputs) > agreement(leaky, outputs)
    assert agreement(shingles(""), [Output(""), Output("x y z w v")]) == 1.0


def test_the_agreed_text_drops_what_only_the_most_complete_extractor_keeps():
    story = "\n".join(STORY)
    found = Extractions(trafilatura=story, resiliparse="\n".join(STORY + [TEASER]), readability=story,
                        justext=story)
    assert agreed_text(found) == story


def test_the_agreed_text_takes_back_what_trafilatura_alone_dropped():
    story = "\n".join(STORY)
    found = Extractions(trafilatura="\n".join(STORY[:2]), resiliparse=story, readability=story, justext=story)
    assert agreed_text(found) == story


def test_trafilaturas_default_balance_when_asked_backs_what_its_precise_output_dropped():
    story = "\n".join(STORY)
    thin = Extractions(trafilatura=STORY[0], resiliparse=story, readability=story, justext=STORY[0])
    assert agreed_text(thin) == STORY[0]  # readability alone backs resiliparse's other lines: they go
    asked = dataclasses.replace(thin, default=story)
    assert agreed_text(asked) == story  # trafilatura's default balance keeps them too: they stay
    alone = dataclasses.replace(thin, readability=STORY[0], default=story)
    assert agreed_text(alone) == STORY[0]  # the default balance alone does not enrich (a small page's menu)


def test_the_default_balance_is_asked_only_when_the_precise_output_is_thin(page, monkeypatch):
    from newsclean.html import extractors

    tree = parse_page(page["html"])
    found = extract_all(tree, page["html"], url=page["url"], config=ExtractConfig())
    assert found.default is None  # a news article: the precise output holds most of resiliparse's words
    story = "\n".join(STORY)
    asked: list[bool] = []

    def trafilatura(tree, *, url, config, precision=False, recall=False, fast=False):  # precision cuts the story
        asked.append(precision)
        return STORY[0][:STORY[0].index(" to close")] if precision else story

    monkeypatch.setattr(extractors, "trafilatura_text", trafilatura)
    monkeypatch.setattr(extractors, "resiliparse_text", lambda html, tree: story)
    thin = extract_all(tree, page["html"], url=page["url"], config=ExtractConfig())
    assert asked == [True, False] and thin.default == story
    asked.clear()
    assert extract_all(tree, page["html"], url=page["url"], config=ExtractConfig(favor_precision=False)).default is None
    assert asked == [False]  # without precision there is no other balance to ask


def test_two_extractors_that_keep_nearly_the_same_text_settle_the_page():
    story = "\n".join(STORY)
    assert settled(Extractions(trafilatura=story, resiliparse=story))
    assert settled(Extractions(trafilatura=story, resiliparse=story + "\nShare"))  # a word off: still settled
    assert not settled(Extractions(trafilatura=story, resiliparse="\n".join([*STORY, TEASER])))
    assert not settled(Extractions(trafilatura="", resiliparse=""))  # two failures settle nothing
    assert agreed_text(Extractions(trafilatura=story, resiliparse=story + "\nShare")) == story


_WORDS = st.lists(st.sampled_from(["the", "council", "voted", "to", "close", "old", "harbour", "bridge"]), max_size=60)


@given(_WORDS, _WORDS, st.integers(min_value=1, max_value=8))
def test_settled_is_the_shingle_f1_of_the_pair_whether_or_not_their_sizes_rule_it_out(common, extra, width):
    first = "\n".join(" ".join(common[i:i + width]) for i in range(0, len(common), width))
    second = " ".join(common + extra)
    found = Extractions(trafilatura=first, resiliparse=second)
    precise, complete = shingles(first), shingles(second)
    expected = bool(precise.size and complete.size) and shingle_f1(precise, complete) >= SETTLED_AGREEMENT
    assert settled(found) == expected
    pair = pair_outputs(found)
    assert settled(found, pair) == expected
    pair[0].lines  # noqa: B018 - the words are then read from the lines: the same shingles
    assert pair[0].shingles.counts == precise.counts and pair[1].shingles.counts == complete.counts


@pytest.mark.parametrize("resiliparse, justext, asked", [
    (STORY, STORY, []),
    ([*STORY, TEASER], STORY, ["justext"]),
    ([*STORY, TEASER], STORY[:2], ["justext", "readability"]),
], ids=["settled", "seconded", "apart"])
def test_justext_is_asked_only_where_the_first_two_disagree_and_readability_only_where_it_disagrees_too(
        page, monkeypatch, resiliparse, justext, asked):
    from newsclean.html import extractors
    from newsclean.stages.extract import main_text

    story = "\n".join(STORY)
    calls: list[str] = []
    monkeypatch.setattr(extractors, "trafilatura_text", lambda tree, **kw: story)
    monkeypatch.setattr(extractors, "resiliparse_text", lambda html, tree: "\n".join(resiliparse))
    monkeypatch.setattr(extractors, "readability_text", lambda tree, **kw: calls.append("readability") or story)
    monkeypatch.setattr(extractors, "justext_text", lambda tree: calls.append("justext") or "\n".join(justext))
    text = main_text(parse_page(page["html"]), page["html"], url=page["url"], config=ExtractConfig())
    assert calls == asked
    assert text == story  # the teaser only resiliparse keeps is voted out


def test_justext_seconds_trafilatura_by_the_closeness_that_settles_a_page():
    story = "\n".join(STORY)
    apart = Extractions(trafilatura=story, resiliparse="\n".join([*STORY, TEASER]))
    assert not seconded(apart)  # jusText not asked
    assert seconded(dataclasses.replace(apart, justext=story + "\nShare"))  # a word off: still seconded
    assert not seconded(dataclasses.replace(apart, justext="\n".join(STORY[:2])))
    assert not seconded(Extractions(trafilatura="", resiliparse=story, justext=""))  # two failures agree on nothing
    assert agreed_text(dataclasses.replace(apart, justext=story)) == story  # readability not asked: trafilatura's


@given(_WORDS, _WORDS, st.integers(min_value=1, max_value=8))
def test_seconded_is_the_shingle_f1_of_trafilatura_and_justext(common, extra, width):
    first = "\n".join(" ".join(common[i:i + width]) for i in range(0, len(common), width))
    second = " ".join(common + extra)
    found = Extractions(trafilatura=first, resiliparse="", justext=second)
    precise, justext = shingles(first), shingles(second)
    expected = bool(precise.size and justext.size) and shingle_f1(precise, justext) >= SETTLED_AGREEMENT
    assert seconded(found) == expected
    assert seconded(found, pair_outputs(found)[0]) == expected


def test_justext_asked_first_is_not_asked_again(page, monkeypatch):
    from newsclean.html import extractors

    tree = parse_page(page["html"])
    pair = extract_pair(tree, page["html"], url=page["url"], config=ExtractConfig())
    with_justext = extract_justext(tree, pair)
    assert with_justext.justext == extractors.justext_text(tree) and not with_justext.complete
    monkeypatch.setattr(extractors, "justext_text", lambda tree: pytest.fail("asked again"))
    found = extract_all(tree, page["html"], url=page["url"], config=ExtractConfig(), pair=with_justext)
    assert found.justext == with_justext.justext and found.complete


def test_the_pair_is_not_asked_twice(page, monkeypatch):
    from newsclean.html import extractors

    tree = parse_page(page["html"])
    pair = extract_pair(tree, page["html"], url=page["url"], config=ExtractConfig())
    monkeypatch.setattr(extractors, "trafilatura_text", lambda tree, **kw: pytest.fail("asked again"))
    monkeypatch.setattr(extractors, "resiliparse_text", lambda html, tree: pytest.fail("asked again"))
    found = extract_all(tree, page["html"], url=page["url"], config=ExtractConfig(), pair=pair)
    assert (found.trafilatura, found.resiliparse) == (pair.trafilatura, pair.resiliparse) and found.complete


@given(st.text(max_size=80), st.text(max_size=80))
def test_the_pair_words_main_text_hands_on_are_the_words_extract_all_would_count(precise, complete):
    from newsclean.html.extractors import _word_counts

    found = Extractions(trafilatura=precise, resiliparse=complete)
    first, second = pair_outputs(found)
    assert settled(found, (first, second)) in (True, False)  # reads both outputs' words, as main_text's call does
    assert (len(first.words), len(second.words)) == _word_counts(found)


def test_the_default_balance_follows_the_pair_words_it_is_handed(page, monkeypatch):
    from newsclean.html import extractors

    tree = parse_page(page["html"])
    pair = extract_pair(tree, page["html"], url=page["url"], config=ExtractConfig())
    asked: list[bool] = []
    monkeypatch.setattr(extractors, "trafilatura_text", lambda tree, **kw: asked.append(kw.get("precision", False)) or "")
    thin = extract_all(tree, page["html"], url=page["url"], config=ExtractConfig(), pair=pair, pair_words=(1, 10))
    assert asked == [False] and thin.default == ""
    asked.clear()
    extract_all(tree, page["html"], url=page["url"], config=ExtractConfig(), pair=pair, pair_words=(10, 10))
    assert asked == []

_LINES = st.lists(st.lists(st.sampled_from(["the", "bridge", "to", "close", "-", "  ", "\u2028", "\t"]), max_size=12)
                  .map(" ".join), max_size=8).map("\n".join)


@given(_LINES, st.booleans())
def test_a_lines_shingles_taken_from_its_outputs_list_are_the_lines_own(text, words_first):
    output = Output(text)
    if words_first:  # settled() reads the words from the whole text before the vote splits the lines
        output.shingles  # noqa: B018
    for line in output.lines:
        own = shingles(line.text)
        assert (line.shingles.counts, line.shingles.size) == (own.counts, own.size)
        assert line.shingles.overlap(output.shingles) == own.overlap(shingles(text))
    assert output.shingles.counts == shingles(text).counts

@pytest.fixture(scope="module")
def page() -> dict[str, str]:
    with gzip.open(DATA / "pages.jsonl.gz", "rt", encoding="utf-8") as f:
        return json.loads(next(f))


def test_every_extractor_reads_a_real_page_and_leaves_the_shared_tree_as_it_was(page):
    from lxml import html as lxml_html

    tree = parse_page(page["html"])
    before = lxml_html.tostring(tree)
    found = extract_all(tree, page["html"], url=page["url"], config=ExtractConfig())
    assert lxml_html.tostring(tree) == before
    first_sentence = page["body"].split(".")[0]
    for name, text in zip(("trafilatura", "resiliparse", "readability", "justext"), found.outputs()):
        assert first_sentence in " ".join(text.split()), name


def test_resiliparse_reads_a_page_nested_past_libxml2s_limit_as_lxml_read_it():
    from newsclean.html.extractors import LIBXML2_MAX_DEPTH, resiliparse_text

    depth = 20 * LIBXML2_MAX_DEPTH
    html = "<html><body>" + "<div>" * depth + f"<p>{STORY[0]}</p>" + "</div>" * depth + "</body></html>"
    tree = parse_page(html)
    assert resiliparse_text(html, tree) == ""  # libxml2 stopped before the text; so does resiliparse
    shallow = f"<html><body><div><p>{STORY[0]}</p></div></body></html>"
    assert resiliparse_text(shallow, parse_page(shallow)) == STORY[0]


@pytest.mark.parametrize("depth", [1, 2, 3, 254, 255])
def test_a_trees_nesting_is_counted_in_elements_from_its_root(depth):
    from lxml import etree

    from newsclean.html.extractors import _nests

    root = leaf = etree.Element("html")
    for _ in range(depth - 1):
        etree.SubElement(leaf, "span").tail = "text"  # a shallow sibling on the way down
        leaf = etree.SubElement(leaf, "div")
    leaf.append(etree.Comment("a comment is no element"))
    assert _nests(root, depth) and not _nests(root, depth + 1)


@given(st.lists(st.text(alphabet="ab c", min_size=1, max_size=12).map(lambda t: " ".join(t.split()) or "a"),
                max_size=8), st.text(alphabet="ab c", max_size=50))
def test_a_donor_line_is_placed_after_the_first_base_line_holding_its_start(folded, line):
    from newsclean.html.agreement import ANCHOR_CHARS, _Anchors

    anchor = line[:ANCHOR_CHARS]
    first = next((i + 1 for i, base in enumerate(folded) if anchor and anchor in base), -1)
    assert _Anchors(folded).after(line, -1) == first
