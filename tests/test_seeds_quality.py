"""The quality gate on the seed articles: the hand labels' body kept, noise gone, date and headline right.

The seeds are training data: ``training/train_line_model.py`` fits the line
model on these five articles and their gold labels (``tests/data/seeds-gold.jsonl.gz``),
so passing here shows the model reproduces its own training labels, not that
it generalises. What the cleaner does on pages no model saw is
``tests/test_quality_gate.py``'s to judge (held-out pages of every source).
"""

from __future__ import annotations

import pytest

import newsclean
from conftest import SEEDS, fold

SEED_NAMES = sorted(p.name for p in SEEDS.glob("*.txt"))


@pytest.fixture(scope="module")
def cleaned(config) -> dict[str, newsclean.Article]:
    return {name: newsclean.clean_text((SEEDS / name).read_text(encoding="utf-8"), source=name, config=config)
            for name in SEED_NAMES}


@pytest.mark.parametrize("name", SEED_NAMES)
def test_every_gold_body_paragraph_is_kept(name, cleaned, gold):
    text = fold(cleaned[name].text)
    missing = [p for p in gold[name]["body"] if fold(p) not in text]
    assert not missing


@pytest.mark.parametrize("name", SEED_NAMES)
def test_no_soft_noise_line_is_left(name, cleaned, gold):
    text = fold(cleaned[name].text)
    leaks = [n["text"] for n in gold[name]["noise"] if not n["hard"] and fold(n["text"]) in text]
    assert not leaks


@pytest.mark.parametrize("name", SEED_NAMES)
def test_publication_date(name, cleaned, gold):
    published = cleaned[name].published
    got = published.isoformat() if published else None
    assert got == gold[name]["published"] or got in gold[name]["published_acceptable_if_inferred"]
    assert got not in gold[name]["published_wrong"]


@pytest.mark.parametrize("name", SEED_NAMES)
def test_headline(name, cleaned, gold):
    if gold[name]["title"] is None:
        pytest.skip("the seed's headline is not labelled")
    assert fold(cleaned[name].title) == fold(gold[name]["title"])


@pytest.mark.parametrize("name", SEED_NAMES)
def test_removed_noise_keeps_its_kind(name, cleaned, gold):
    """Each labelled noise line that was removed carries a kind; lines that are metadata become fields."""
    removed = {fold(r.text): r for r in cleaned[name].removed}
    for noise in gold[name]["noise"]:
        if noise["hard"]:
            continue
        hits = [r for text, r in removed.items() if fold(noise["text"]) in text]
        assert hits, noise["text"]
        if noise["kind"] == "metadata":
            assert all(r.kind is newsclean.RemovalKind.METADATA for r in hits)


@pytest.mark.parametrize("name", SEED_NAMES)
def test_wrong_dates_are_kept_as_rejected_evidence(name, cleaned, gold):
    """Dates that must never be the publication date are audited, with why they were turned down."""
    candidates = cleaned[name].date_candidates
    for wrong in gold[name]["published_wrong"]:
        for candidate in (c for c in candidates if c.value.isoformat() == wrong):
            assert candidate.rejected, candidate
    published = cleaned[name].published
    if published is not None:
        assert any(c.value == published and c.rejected is None for c in candidates)
