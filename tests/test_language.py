"""Language identification: NumPy's feature counts give py3langid's own scores, bit for bit."""

from __future__ import annotations

import gzip
import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from py3langid.langid import LanguageIdentifier as WalkingModel
from py3langid.langid import visit_counts

from conftest import DATA
from newsclean.text.language import SAMPLE_CHARS, LanguageIdentifier
from newsclean.text.ngrams import NgramCounter

PAGES = DATA / "pages.jsonl.gz"


@pytest.fixture(scope="module")
def identifier() -> LanguageIdentifier:
    return LanguageIdentifier()


@pytest.fixture(scope="module")
def walking(identifier: LanguageIdentifier) -> WalkingModel:
    """py3langid's identifier on the same tables, counting with its byte-by-byte walk."""
    m = identifier._model
    return WalkingModel(m.nb_ptc, m.nb_pc, m.nb_classes, m.tk_nextmove, m.tk_output, norm_probs=True, tk_row=m.tk_row)


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
    m = identifier._model
    return list((visit_counts(m.tk_nextmove, m._rowbase, m.tk_output, data) or {}).items())


def _counted(identifier: LanguageIdentifier, data: bytes) -> list[tuple[int, float]]:
    features, counts = identifier._model._counter.features(data)
    return list(zip(features.tolist(), counts.tolist()))


def test_features_and_their_order_equal_the_walks_on_real_pages(identifier: LanguageIdentifier) -> None:
    texts = _page_texts()
    assert len(texts) > 1000
    for text in texts:
        data = identifier._model._encode(text)
        assert _counted(identifier, data) == _walk(identifier, data), text[:80]


def test_scores_equal_py3langids_bit_for_bit(identifier: LanguageIdentifier, walking: WalkingModel) -> None:
    for text in _page_texts()[::7]:
        assert np.array_equal(identifier._model._decide(text), walking._decide(text)), text[:80]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=64) | st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_features_equal_the_walks_on_any_bytes(identifier: LanguageIdentifier, data: bytes) -> None:
    assert _counted(identifier, data) == _walk(identifier, data)


@pytest.mark.parametrize("text", ["", "   ", "a", "ab", "!!", "ÉTÉ"])
def test_texts_with_few_or_no_features_score_as_py3langid_scores_them(
        identifier: LanguageIdentifier, walking: WalkingModel, text: str) -> None:
    assert np.array_equal(identifier._model._decide(text), walking._decide(text))


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
