"""Speed-ups of the line features compute exactly what the plain definitions do."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from newsclean.document import Segment
from newsclean.text.features import _punctuation_and_digits, base_features


def _real_page_segments(pages: int, lines_per_block: int) -> list[list[Segment]]:
    """The first ``pages`` test pages' non-blank lines as segments, ``lines_per_block`` lines to a block."""
    import gzip
    import json

    from conftest import DATA

    with gzip.open(DATA / "pages.jsonl.gz", "rt", encoding="utf-8") as f:
        texts = [json.loads(line)["pagetext"] for line in f][:pages]
    found = []
    for text in texts:
        lines = [line for line in text.splitlines() if line.strip()]
        found.append([Segment(text=line, norm=line, start=0, end=len(line), block=n // lines_per_block)
                      for n, line in enumerate(lines)])
    return found


@given(st.text())
def test_punctuation_and_digits_count_like_unicodedata(text):
    expected = (sum(unicodedata.category(c).startswith("P") for c in text), sum(c.isdigit() for c in text))
    assert _punctuation_and_digits(text) == expected


@given(st.lists(st.sampled_from(["Menu", "Home | News", "The council met on Tuesday, 3 May 2022, to vote.",
                                 "“Quoted,” she said — ２０２４ ¹²³.", "", "Share"]), max_size=12))
def test_a_memo_changes_no_feature(lines):
    segments = [Segment(start=0, end=len(text), text=text, block=n // 3, norm=text) for n, text in enumerate(lines)]
    beside = [n % 2 == 0 for n in range(len(lines))]
    stopwords = frozenset({"the", "on", "to", "she"})
    memo: dict = {}
    first = base_features(segments, beside, stopwords, memo)
    assert first == base_features(segments, beside, stopwords)
    assert base_features(segments, beside, stopwords, memo) == first  # served from the memo


def test_only_short_lines_words_are_kept_between_calls():
    from newsclean.text.shape import _WORDS, WORDS_KEPT_MAX_CHARS, word_count

    _WORDS.clear()
    assert word_count("word " * WORDS_KEPT_MAX_CHARS) == WORDS_KEPT_MAX_CHARS  # a whole article: read, not kept
    assert len(_WORDS) == 0
    assert word_count("Follow us on Twitter") == word_count("Follow us on Twitter") == 4
    assert list(_WORDS) == ["Follow us on Twitter"]


def test_scoring_a_page_at_once_gives_each_rows_probability_to_the_last_bit():
    from newsclean.text.features import context_features
    from newsclean.text.language import StopWords
    from newsclean.text.linemodel import LineModel

    model = LineModel.load()
    stopwords = StopWords().for_language("en")
    for segments in _real_page_segments(20, lines_per_block=1):
        rows = base_features(segments, [False] * len(segments), stopwords)
        first = model.base.probabilities(rows)
        assert first == [model.base.probability(row) for row in rows]
        extended = [row + extra for row, extra in zip(rows, context_features(first, rows))]
        assert model.context.probabilities(extended) == [model.context.probability(row) for row in extended]
    assert model.base.probabilities([]) == []


def test_the_shipped_model_was_trained_with_the_codes_feature_constants():
    from newsclean.text.features import CALIBRATION
    from newsclean.text.linemodel import LineModel

    assert LineModel.load().to_json()["calibration"] == CALIBRATION.fingerprint()


def test_a_model_trained_with_other_feature_constants_refuses_to_load(monkeypatch):
    import dataclasses

    import pytest

    from newsclean.text import features, linemodel

    stored = linemodel.LineModel.load().to_json()
    # the constant that decides which lines are prose, as if someone changed it after training
    changed = dataclasses.replace(features.CALIBRATION, body_min_words=features.CALIBRATION.body_min_words + 1)
    monkeypatch.setattr(linemodel, "CALIBRATION", changed)
    with pytest.raises(ValueError, match="retrain"):
        linemodel.LineModel.from_json(stored)
    stored.pop("calibration")
    monkeypatch.undo()
    with pytest.raises(ValueError, match="retrain"):  # a model file from before the fingerprint
        linemodel.LineModel.from_json(stored)


def test_prose_runs_count_consecutive_prose_lines():
    from newsclean.text.features import _prose_runs

    assert _prose_runs([1.0, 1.0, 0.0, 1.0, 0.0, 0.0, 1.0, 1.0, 1.0]) == [2, 2, 0, 1, 0, 0, 3, 3, 3]
    assert _prose_runs([]) == []


def test_a_lines_prose_verdict_is_kept_only_for_short_lines():
    from newsclean.text.shape import _BODY, WORDS_KEPT_MAX_CHARS, is_body_paragraph

    _BODY.clear()
    long_prose = "word " * WORDS_KEPT_MAX_CHARS + "end."
    assert is_body_paragraph(long_prose)  # a whole article: read, not kept
    assert len(_BODY) == 0
    sentence = "The council met on Tuesday to vote on the budget, which the mayor had sent back twice before the summer."
    assert is_body_paragraph(sentence) and is_body_paragraph(sentence)
    assert not is_body_paragraph("Follow us on Twitter")
    assert len(_BODY) == 2


@given(st.lists(st.sampled_from(["Menu", "Home | News", "The council met on Tuesday, 3 May 2022, to vote.",
                                 "“Quoted,” she said — ２０２４ ¹²³.", "", "Share", "Related: Ten things to know",
                                 " ".join(["The mayor said the vote would come before the summer recess."] * 3)]),
                max_size=14),
       st.lists(st.booleans(), min_size=14, max_size=14))
def test_a_pages_feature_arrays_are_the_plain_features_to_the_last_bit(lines, judged):
    from newsclean.text.feature_arrays import context_feature_array, open_line_array
    from newsclean.text.features import context_features, open_lines

    segments = [Segment(start=0, end=len(text), text=text, block=n // 3, norm=text) for n, text in enumerate(lines)]
    judged = judged[:len(lines)]
    stopwords = frozenset({"the", "on", "to", "she", "would"})
    rows, kept = open_lines(segments, judged, stopwords)
    array, array_kept = open_line_array(segments, judged, stopwords)
    assert array_kept == kept and array.tolist() == rows
    assert array.shape == (len(kept), 36)
    probabilities = [(n * 0.37) % 1.0 + 1e-9 for n in range(len(kept))]  # any probabilities in (0, 1)
    assert context_feature_array(probabilities, array[:, 0]).tolist() == (context_features(probabilities, rows)
                                                                         if rows else [])


def test_a_real_pages_feature_arrays_are_the_plain_features_to_the_last_bit():
    from newsclean.text.feature_arrays import context_feature_array, open_line_array
    from newsclean.text.features import context_features, open_lines
    from newsclean.text.language import StopWords
    from newsclean.text.linemodel import LineModel

    model = LineModel.load()
    stopwords = StopWords().for_language("en")
    for segments in _real_page_segments(30, lines_per_block=4):
        judged = [len(s.text) < 12 for s in segments]  # some lines taken out, as the rules take menus
        rows, kept = open_lines(segments, judged, stopwords)
        array, array_kept = open_line_array(segments, judged, stopwords)
        assert array_kept == kept and array.tolist() == rows
        first = model.base.probabilities(rows)
        assert model.base.probabilities(array) == first
        assert context_feature_array(first, array[:, 0]).tolist() == context_features(first, rows)


@given(st.lists(st.sampled_from(["Menu", "Home | News", "The council met on Tuesday, 3 May 2022, to vote.",
                                 "“Quoted,” she said — ２０２４ ¹²³.", "", "Share", "Related: Ten things to know",
                                 " ".join(["The mayor said the vote would come before the summer recess."] * 3)]),
                max_size=14),
       st.lists(st.lists(st.booleans(), min_size=14, max_size=14), min_size=1, max_size=4))
def test_a_line_table_kept_between_scorings_changes_no_feature(lines, judgements):
    from newsclean.text.feature_arrays import LineTable, open_line_array
    from newsclean.text.features import open_lines

    segments = [Segment(start=0, end=len(text), text=text, block=n % 4, norm=text) for n, text in enumerate(lines)]
    stopwords = frozenset({"the", "on", "to", "she", "would"})
    table = LineTable(stopwords)
    for judged in judgements:  # one page read several times, with other lines taken out each time
        rows, kept = open_lines(segments, judged[:len(lines)], stopwords)
        array, array_kept = open_line_array(segments, judged[:len(lines)], stopwords, table)
        assert array_kept == kept and array.tolist() == rows


def test_a_line_table_serves_one_set_of_stop_words():
    import pytest

    from newsclean.text.feature_arrays import LineTable, base_feature_array

    segments = [Segment(start=0, end=4, text="Menu", block=0, norm="Menu")]
    table = LineTable(frozenset({"the"}))
    base_feature_array(segments, [False], frozenset({"the"}), table)  # an equal set is the same set
    with pytest.raises(ValueError, match="stop words"):
        base_feature_array(segments, [False], frozenset({"der"}), table)


@given(st.lists(st.integers(min_value=0, max_value=9), max_size=40))
def test_run_lengths_are_the_plain_runs(counts):
    import numpy as np

    from newsclean.text.feature_arrays import _run_lengths
    from newsclean.text.features import SHORT_LINE_WORDS, _prose_runs, _short_runs

    short = np.array(counts, dtype=np.intp) <= SHORT_LINE_WORDS
    assert _run_lengths(short).tolist() == _short_runs(counts)
    flags = [float(count % 2) for count in counts]
    assert _run_lengths(np.array(flags) != 0).tolist() == _prose_runs(flags)


#: Characters the line features count or search for (digits of other scripts, superscripts, separators, quotes,
#: the parts of a link), with letters and spaces around them.
_FEATURE_ALPHABET = "aZ Wwm.c:o/@|•·»›-–>“”\"«,?!()0129٣²５\t\n\x00İß…。’」\u00a0\u2003"


@given(st.lists(st.one_of(st.text(alphabet=_FEATURE_ALPHABET, max_size=30),
                          st.sampled_from(["Home | News", "Updated 12:30, 3 May 2024", "www.example.com",
                                           "Mail us: desk@example.org", "a\ud800b 2019", "• Item", "Menu:",
                                           "2020 ٢٠١٩ 1999", "10:45", "4:5", "word / word"])),
                max_size=12))
def test_a_pages_own_features_read_at_once_are_each_lines_to_the_last_bit(lines):
    from newsclean.text.feature_arrays import base_feature_array
    from newsclean.text.features import base_features

    segments = [Segment(start=0, end=len(text), text=text, block=0, norm=text) for text in lines]
    stopwords = frozenset({"a", "word", "us"})
    beside = [False] * len(lines)
    assert base_feature_array(segments, beside, stopwords).tolist() == base_features(segments, beside, stopwords)


#: The parts of the links ``_LINKISH`` finds, in both cases, with characters that match a letter of them
#: case-insensitively (a long s, a Kelvin sign) and what stands around them.
_LINK_PARTS = ["http", "https", "HTTPS", "hTtPſ", "s", "ſ", "S", "://", ":/", "/", ":", "www", "wW", "WWW.", ".",
               "@", "com", "COM", "org", "nEt", "K", "x", " ", "_", "1", "\x00"]


@given(st.lists(st.sampled_from(_LINK_PARTS), max_size=10).map("".join))
def test_the_link_pattern_written_from_its_marks_finds_the_links_the_plain_one_does(text):
    import re

    from newsclean.text.features import _LINKISH

    plain = re.compile(r"https?://|www\.|@\w|\.(?:com|org|net)\b", re.IGNORECASE)
    assert (_LINKISH.search(text) is None) == (plain.search(text) is None)


@given(st.lists(st.lists(st.booleans(), max_size=6), min_size=1, max_size=8))
def test_line_counts_are_each_lines_own_count(lines):
    # each line's flags, then the _JOIN after it (never flagged): the counts of every line, empty ones included
    import numpy as np

    from newsclean.text.feature_arrays import _line_counts

    flags = np.array([flag for line in lines for flag in [*line, False]], dtype=bool)
    starts = np.cumsum([0] + [len(line) + 1 for line in lines[:-1]])
    assert _line_counts(flags, starts).tolist() == [sum(line) for line in lines]


def test_window_sizes_count_each_lines_neighbours_on_the_page():
    from newsclean.text.feature_arrays import _window_sizes
    from newsclean.text.features import WINDOW

    for n in range(3 * WINDOW + 2):
        expected = [len([j for j in range(max(0, i - WINDOW), min(n, i + WINDOW + 1)) if j != i]) for i in range(n)]
        assert _window_sizes(n).tolist() == expected


def test_scoring_a_page_again_from_its_memo_gives_each_lines_probability_to_the_last_bit():
    # the memo keeps each line's own features and their running sums in both stages; a page scored through it,
    # with other lines taken out each time, gets the probabilities a scoring from scratch gives
    from newsclean.text.language import StopWords
    from newsclean.text.linemodel import LineModel, ScoringMemo

    model = LineModel.load()
    stopwords = StopWords().for_language("en")
    for segments in _real_page_segments(12, lines_per_block=3):
        memo = ScoringMemo()
        for cut in (12, 40, 5, 80):  # the lines under ``cut`` characters taken out, as the passes take menus
            judged = [len(s.text) < cut for s in segments]
            assert model.score(segments, judged, stopwords, memo) == model.score(segments, judged, stopwords)
        assert memo.lines is not None and len(memo.own_sums) == len(memo.lines)
