"""Language identification: NumPy's feature counts give py3langid's own scores, bit for bit.

py3langid is used through its public parts only (the model file, its
``rank``); these tests compare newsclean's scores with ``rank`` on the same
tables, so a py3langid release that scores differently fails them, and check
that every score goes through the fast counter.
"""

from __future__ import annotations

import gzip
import json

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from py3langid.langid import LanguageIdentifier as WalkingModel
from py3langid.langid import visit_counts

from conftest import DATA
from newsclean.text.language import SAMPLE_CHARS, WALK_MAX_BYTES, LanguageIdentifier, _encoded, _row_reader
from newsclean.text.ngrams import NgramCounter

PAGES = DATA / "pages.jsonl.gz"


@pytest.fixture(scope="module")
def identifier() -> LanguageIdentifier:
    return LanguageIdentifier()


@pytest.fixture(scope="module")
def walking(identifier: LanguageIdentifier) -> WalkingModel:
    """py3langid's identifier on the same tables, counting with its byte-by-byte walk."""
    m = identifier.model
    return WalkingModel(m.weights, m.priors, list(m.labels), m.next_move, m.output, norm_probs=True, tk_row=m.rows)


def _page_texts() -> list[str]:
    with gzip.open(PAGES, "rt", encoding="utf-8") as f:
        pages = [json.loads(line) for line in f]
    # the stretches the pipeline asks about: page starts, bodies, single lines, a page's tail
    texts = []
    for page in pages:
        texts += [page["pagetext"][:SAMPLE_CHARS], page["body"][:SAMPLE_CHARS], page["pagetext"][-500:]]
        texts += [line for line in page["pagetext"].splitlines()[:20] if line.strip()]
    return texts


def _walk(identifier: LanguageIdentifier, data: bytes) -> list[tuple[int, float]]:
    m = identifier.model
    rows = [row << 8 for row in m.rows]  # each state's first transition, as py3langid's walk takes them
    return list((visit_counts(m.next_move, rows, m.output, data) or {}).items())


def _counted(identifier: LanguageIdentifier, data: bytes) -> list[tuple[int, float]]:
    features, counts = identifier._counter.features(data)
    return list(zip(features.tolist(), counts.tolist()))


def _ranked(identifier: LanguageIdentifier, text: str) -> list[tuple[str, float]]:
    """newsclean's probabilities as py3langid's rank lists them: one per label, best first."""
    scores = identifier.probabilities(text).tolist()
    merged: dict[str, float] = {}
    for label, score in zip(identifier.model.labels, scores, strict=True):
        merged.setdefault(label, score)
    return sorted(merged.items(), key=lambda item: item[1], reverse=True)


def test_features_and_their_order_equal_the_walks_on_real_pages(identifier: LanguageIdentifier) -> None:
    texts = _page_texts()
    assert len(texts) > 1000
    for text in texts:
        data = _encoded(text)
        assert _counted(identifier, data) == _walk(identifier, data), text[:80]


def test_scores_equal_py3langids_bit_for_bit(identifier: LanguageIdentifier, walking: WalkingModel) -> None:
    for text in _page_texts()[::7]:
        assert _ranked(identifier, text) == walking.rank(text), text[:80]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=64) | st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_features_equal_the_walks_on_any_bytes(identifier: LanguageIdentifier, data: bytes) -> None:
    assert _counted(identifier, data) == _walk(identifier, data)


@pytest.mark.parametrize("text", ["", "   ", "a", "ab", "!!", "ÉTÉ", "LE CONSEIL A VOTÉ", "cafe\u0301 au lait"])
def test_texts_with_few_or_no_features_score_as_py3langid_scores_them(
        identifier: LanguageIdentifier, walking: WalkingModel, text: str) -> None:
    assert _ranked(identifier, text) == walking.rank(text)


def test_identifies_languages(identifier: LanguageIdentifier) -> None:
    assert identifier.identify("The council approved the new budget on Tuesday after a long debate.").code == "en"
    assert identifier.identify("El ayuntamiento aprobó el nuevo presupuesto el martes tras un largo debate.").code == "es"
    assert identifier.identify("Der Stadtrat hat am Dienstag nach langer Debatte den neuen Haushalt beschlossen.").code == "de"
    assert identifier.identify("too short").code is None


def test_an_automaton_that_needs_more_than_the_last_bytes_is_refused() -> None:
    # two states; byte "a" toggles between them and state 1 outputs a feature: whether a feature
    # is counted depends on every byte before, which no window of the last bytes can tell
    moves = np.zeros((2, 256), dtype=np.uint32)
    moves[0, ord("a")], moves[1, ord("a")] = 1, 0
    moves[1, :ord("a")] = moves[1, ord("a") + 1:] = 1
    with pytest.raises(ValueError, match="last bytes"):
        NgramCounter(moves.ravel(), [0, 1], [-1, 0])


def test_every_score_but_a_short_texts_is_counted_by_the_fast_counter(monkeypatch: pytest.MonkeyPatch) -> None:
    # the counter is what makes identification fast; a scoring path that bypasses it (py3langid's
    # own walk) would give the same answers three times slower, and this test would fail. A text of a
    # few words is walked: there the counter's fixed cost is more than the walk's
    calls: list[bytes] = []
    count = NgramCounter.features

    def counting(self: NgramCounter, data: bytes) -> tuple[np.ndarray, np.ndarray]:
        calls.append(data)
        return count(self, data)

    monkeypatch.setattr(NgramCounter, "features", counting)
    fresh = LanguageIdentifier()
    calls.clear()  # the counter's self-test at build
    texts = ["Le conseil municipal a voté le budget mardi soir, après un long débat sur les écoles, les routes "
             "et le prix de l'eau, que l'opposition voulait voir baisser dès cette année.",
             "Der Rat hat den Haushalt am Dienstag nach einer langen Debatte über Schulen, Straßen und den "
             "Wasserpreis beschlossen, den die Opposition noch in diesem Jahr senken wollte."]
    short = "Il consiglio ha approvato il bilancio martedì."
    assert all(len(_encoded(text)) >= WALK_MAX_BYTES for text in texts) and len(_encoded(short)) < WALK_MAX_BYTES
    assert [fresh.identify(text).code for text in texts] == ["fr", "de"]
    assert fresh.probability(short, "it") > 0.5
    assert calls == [_encoded(text) for text in texts]


def test_a_short_texts_walk_finds_the_counters_features_in_its_order(identifier: LanguageIdentifier) -> None:
    texts = [text for text in _page_texts() if len(_encoded(text)) < WALK_MAX_BYTES]
    assert len(texts) > 500
    for text in texts + ["", " ", "!!", "ÉTÉ"]:
        data = _encoded(text)
        walked, counted = identifier._walked(data), identifier._counter.features(data)
        assert walked[0].dtype == counted[0].dtype and walked[1].dtype == counted[1].dtype
        assert list(zip(*(array.tolist() for array in walked))) == _counted(identifier, data), text


def test_the_rows_read_are_the_weights_widened_bit_for_bit(identifier: LanguageIdentifier) -> None:
    # py3langid's weights are all negative normal halves, widened by moving their bits: every row checked
    weights = identifier.model.weights
    every = np.arange(len(weights))
    assert identifier._rows(every).tobytes() == weights.astype(np.float32).tobytes()


@given(st.lists(st.integers(0, (1 << 16) - 1), min_size=1, max_size=64))
@example([0x8400, 0xFBFF, 0xC000, 0xBC00])  # negative normal halves alone: their bits moved
@example([0x0000, 0x8000, 0x8001, 0x83FF, 0xFC00, 0xFE00, 0x3C00])  # zeros, subnormals, infinity, NaN, one
def test_any_half_precision_table_is_read_widened_bit_for_bit(halves: list[int]) -> None:
    # zeros, positives, subnormals, infinities and NaNs among them (read through the table of every half's value),
    # or negative normal halves alone (widened by moving their bits)
    weights = np.array(halves, dtype=np.uint16).view(np.float16).reshape(-1, 1)
    rows = _row_reader(weights)(np.arange(len(halves))[::-1])
    assert rows.dtype == np.float32
    assert rows.tobytes() == weights[::-1].astype(np.float32).tobytes()
