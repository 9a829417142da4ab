"""Near-duplicate and overlap detection: precision and recall on a labelled set, and what it costs.

    python benchmarks/dedup.py [--scale 20000] [--seed 0] [--data ../shared/eval/data] [--sets pages,...]

Reads the article bodies of the evaluation kit's dev pages
(``../shared/eval/data/pages`` and ``pages-readability``, the ``articleBody``
of each truth file, 80 words or more) and generates a labelled collection
from them, in a shuffled order:

- every page as it is (``base``), an exact copy of it (``copy``), and an
  updated version (``update``): a paragraph dropped or a new one added (its
  words shuffled from the story's own paragraph, so new text in the story's
  vocabulary) as long as that changes at most a tenth of the words, then its
  spacing, punctuation and capitals changed;
- for every second page, a story that reuses half of it (``reuse``): the first
  half of its paragraphs, then the second half of the next page's;
- the dev pages themselves as negatives: many are on the same topic (several
  technology reviews, politics, sport); the ``same-topic`` pairs counted are
  the 50 pairs of pages with the most similar vocabulary (cosine of tf-idf word
  counts) that share under a fifth of their shingles (several test pages of
  Readability's set are one text under other markup: they are true overlaps).

The truth is exact, whatever the generator meant: two articles are
near-duplicates when the Jaccard similarity of their five-word shingle sets
is at least 0.8 (clusters are connected components of such pairs), and B
overlaps A when B holds at least 0.2 of A's shingles. A run lists at most ten
overlaps an article, so the recall of ``overlaps`` counts an article with more
than ten true ones as fully recalled by any ten of them (``overlaps_without_the_cap``
lists them all, for a look at detection alone). newsclean's dedup
(rensa MinHash, LSH bands of one value, :mod:`newsclean.dedup.matching`) is
scored on the same pairs as datasketch's ``MinHashLSH`` at threshold 0.8, the
reference implementation, run in the same process (duplicates only: it
answers no containment question).

Cost: on ``--scale`` articles (the pages again with the words of each
paragraph shuffled, so every article is new text of a real article's length),
signing (shingling and MinHash) and matching (candidates, scoring, clusters
and overlaps) are timed on one core, beside datasketch signing and
``MinHashLSH`` insertion and query of the same articles; the state kept per
article (signature record and results) and the peak memory the matching
allocates (tracemalloc) are divided by the articles.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import re
import time
import tracemalloc
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

from newsclean.dedup import matching, store
from newsclean.dedup.signature import NUM_PERM, shingles, signature

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "data"
SETS = ("pages", "pages-readability")
THRESHOLD = 0.8
MIN_OVERLAP = 0.2
#: Pages shorter than this (words) are left out: a stub has too few shingles to call anything a copy of it.
MIN_WORDS = 80
#: The most an update changes of a story (share of its words).
MAX_UPDATE = 0.1
SAME_TOPIC_PAIRS = 50
#: datasketch's baseline is timed on this many articles (it is some thirty times slower).
DATASKETCH_ARTICLES = 2000


def bases(data: Path, sets: tuple[str, ...] = SETS) -> list[str]:
    """The article bodies of ``sets``; a set without bodies in its truth (``snippets``) gives its page texts."""
    texts = []
    for name in sets:
        folder = data / name
        if (folder / "truth").is_dir():
            bodies = [json.loads(path.read_text(encoding="utf-8"))["articleBody"] or ""
                      for path in sorted((folder / "truth").glob("*.json"))]
        else:
            bodies = [(gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()).decode(
                "utf-8") for path in sorted((folder / "pagetext").glob("*.txt*"))]
        texts += [body for body in bodies if len(body.split()) >= MIN_WORDS]
    return texts


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def reworded(paragraph: str, rng: np.random.Generator) -> str:
    words = paragraph.split()
    rng.shuffle(words)
    return " ".join(words)


def restyled(text: str, rng: np.random.Generator) -> str:
    """The same words with other spacing, punctuation and capitals."""
    text = text.replace(", ", " , ").replace(". ", ".  ").replace("’", "'").replace("“", '"').replace("”", '"')
    text = re.sub(r";", ",", text)
    return "\n\n".join(p.upper() if rng.random() < 0.2 else p for p in paragraphs(text))


def update(text: str, rng: np.random.Generator) -> str:
    paras = paragraphs(text)
    words = len(text.split())
    droppable = [i for i, p in enumerate(paras) if len(p.split()) <= MAX_UPDATE * words]
    if droppable and rng.random() < 0.5:
        del paras[int(rng.choice(droppable))]
    else:
        short = [p for p in paras if len(p.split()) <= MAX_UPDATE * words]
        if short:
            paras.insert(int(rng.integers(0, len(paras) + 1)), reworded(str(rng.choice(short)), rng))
    return restyled("\n\n".join(paras), rng)


def collection(texts: list[str], seed: int) -> list[tuple[str, str]]:
    """(kind, text) of the labelled collection, shuffled."""
    rng = np.random.default_rng(seed)
    items = []
    for number, text in enumerate(texts):
        items += [("base", text), ("copy", text), ("update", update(text, rng))]
        if number % 2 == 0:
            first, second = paragraphs(text), paragraphs(texts[(number + 1) % len(texts)])
            items.append(("reuse", "\n\n".join(first[:len(first) // 2] + second[len(second) // 2:])))
    order = rng.permutation(len(items))
    return [items[i] for i in order]


def exact_truth(texts: list[str]) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """Near-duplicate pairs (i < j, exact Jaccard >= THRESHOLD) and overlaps (i, j): j holds >= MIN_OVERLAP of i."""
    sets = [set(shingles(text)) for text in texts]
    index: dict[str, list[int]] = defaultdict(list)
    for number, grams in enumerate(sets):
        for gram in grams:
            index[gram].append(number)
    common: Counter[tuple[int, int]] = Counter()
    for members in index.values():
        common.update(itertools.combinations(members, 2))
    duplicates, overlaps = set(), set()
    for (i, j), shared in common.items():
        if shared / (len(sets[i]) + len(sets[j]) - shared) >= THRESHOLD:
            duplicates.add((i, j))
        if shared / len(sets[i]) >= MIN_OVERLAP:
            overlaps.add((i, j))
        if shared / len(sets[j]) >= MIN_OVERLAP:
            overlaps.add((j, i))
    return duplicates, overlaps


def same_cluster_pairs(first_of: list[int]) -> set[tuple[int, int]]:
    """Every pair of rows in one cluster, from each row's cluster head."""
    members: dict[int, list[int]] = defaultdict(list)
    for row, head in enumerate(first_of):
        members[head].append(row)
    return {pair for group in members.values() for pair in itertools.combinations(sorted(group), 2)}


def components(count: int, edges: set[tuple[int, int]]) -> list[int]:
    parent = list(range(count))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return [root(x) for x in range(count)]


def precision_recall(found: set, truth: set) -> tuple[float, float, int, int, int]:
    hits = len(found & truth)
    return (hits / len(found) if found else 1.0, hits / len(truth) if truth else 1.0, hits, len(found), len(truth))


def listed_precision_recall(found: matching.Matches, truth: set[tuple[int, int]], count: int) -> tuple:
    """Precision and recall of the overlaps a run lists: at most MAX_OVERLAPS an article, so an article
    with more true overlaps is fully recalled by any MAX_OVERLAPS true ones."""
    listed = {(row, other) for row in range(count) for other, _ in found.overlaps(row)}
    per_article = Counter(a for a, _ in truth)
    expected = sum(min(n, matching.MAX_OVERLAPS) for n in per_article.values())
    hits = len(listed & truth)
    return (hits / len(listed) if listed else 1.0, hits / expected if expected else 1.0, hits, len(listed), expected)


def newsclean_dedup(texts: list[str], max_overlaps: int = matching.MAX_OVERLAPS,
                    traced: bool = False) -> tuple[matching.Matches, store.SignatureTable, float, float, int]:
    """Sign and match ``texts``: the matches, the signatures, CPU seconds of each step, and the matching's
    peak of traced memory (bytes, when ``traced``: tracing slows the steps, so their times are then not kept)."""
    began = time.process_time()
    table = store.load_records(store.record(n, f"{n:020d}", signature(text)) for n, text in enumerate(texts))
    signed = time.process_time() - began
    if traced:
        tracemalloc.start()
    began = time.process_time()
    pairs = matching.unique_pairs(matching.local_candidates(table.minhashes, table.sizes), len(table))
    found = matching.match(pairs, table.minhashes, table.sizes, threshold=THRESHOLD, min_overlap=MIN_OVERLAP,
                           max_overlaps=max_overlaps)
    matched = time.process_time() - began
    peak = 0
    if traced:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return found, table, signed, matched, peak


def datasketch_dedup(texts: list[str]) -> tuple[list[int], float, float]:
    from datasketch import MinHash, MinHashLSH

    began = time.process_time()
    hashes = []
    for text in texts:
        minhash = MinHash(num_perm=NUM_PERM)
        minhash.update_batch([gram.encode() for gram in shingles(text)])
        hashes.append(minhash)
    signed = time.process_time() - began
    began = time.process_time()
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    edges = set()
    for number, minhash in enumerate(hashes):
        edges.update((int(other), number) for other in lsh.query(minhash))
        lsh.insert(str(number), minhash)
    return components(len(texts), edges), signed, time.process_time() - began


def quality(data: Path, seed: int, sets: tuple[str, ...] = SETS) -> dict:
    pages = bases(data, sets)
    items = collection(pages, seed)
    texts = [text for _, text in items]
    kinds = [kind for kind, _ in items]
    true_duplicates, true_overlaps = exact_truth(texts)
    truth_pairs = same_cluster_pairs(components(len(texts), true_duplicates))
    found = newsclean_dedup(texts, max_overlaps=len(texts))[0]  # every overlap: detection, not the cap
    capped = newsclean_dedup(texts)[0]
    heads = [row if head < 0 else int(head) for row, head in enumerate(found.duplicate_of.tolist())]
    ours = same_cluster_pairs(heads)
    listed = {(row, other) for row in range(len(texts)) for other, _ in found.overlaps(row)}
    reference, _, _ = datasketch_dedup(texts)
    base_rows = {text: row for row, (kind, text) in enumerate(items) if kind == "base"}
    overlapping = {(a, b) for a, b in true_overlaps} | {(b, a) for a, b in true_overlaps}
    topic_rows = [(base_rows[pages[a]], base_rows[pages[b]]) for a, b in same_topic_pairs(pages)
                  if (base_rows[pages[a]], base_rows[pages[b]]) not in overlapping][:SAME_TOPIC_PAIRS]
    return {
        "articles": len(texts), "pages": len(pages), "kinds": dict(Counter(kinds)),
        "true_duplicate_pairs": len(truth_pairs), "true_overlaps": len(true_overlaps),
        "duplicates": precision_recall(ours, truth_pairs),
        "overlaps": listed_precision_recall(capped, true_overlaps, len(texts)),
        "overlaps_without_the_cap": precision_recall(listed, true_overlaps),
        "articles_with_more_than_10_true_overlaps": sum(
            1 for count in Counter(a for a, _ in true_overlaps).values() if count > matching.MAX_OVERLAPS),
        "datasketch_duplicates": precision_recall(same_cluster_pairs(reference), truth_pairs),
        "same_topic_pairs": len(topic_rows),
        "same_topic_pairs_flagged": sum(1 for a, b in topic_rows if tuple(sorted((a, b))) in ours
                                        or (a, b) in listed or (b, a) in listed),
        "mistakes": mistakes(texts, kinds, found, true_overlaps),
    }


def same_topic_pairs(pages: list[str]) -> list[tuple[int, int]]:
    """The pairs of pages with the most similar vocabulary: stories on one topic, not copies."""
    vocabulary: dict[str, int] = {}
    rows = [Counter(word for word in re.findall(r"\w+", text.lower()) if len(word) > 3) for text in pages]
    for row in rows:
        for word in row:
            vocabulary.setdefault(word, len(vocabulary))
    matrix = np.zeros((len(pages), len(vocabulary)))
    for number, row in enumerate(rows):
        for word, count in row.items():
            matrix[number, vocabulary[word]] = count
    frequency = (matrix > 0).sum(0)
    matrix *= np.log(len(pages) / frequency)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    cosine = matrix @ matrix.T
    pairs = sorted(((cosine[a, b], a, b) for a in range(len(pages)) for b in range(a + 1, len(pages))), reverse=True)
    return [(a, b) for _, a, b in pairs]


def mistakes(texts, kinds, found, true_overlaps) -> list[str]:
    listed = {(row, other): share for row in range(len(texts)) for other, share in found.overlaps(row)}
    lines = []
    for pair in sorted(set(listed) ^ true_overlaps)[:10]:
        a, b = pair
        exact_a = set(shingles(texts[a]))
        share = len(exact_a & set(shingles(texts[b]))) / max(1, len(exact_a))
        lines.append(f"{kinds[a]}->{kinds[b]}: exact share {share:.3f}, estimated {listed.get(pair, 'not listed')}")
    return lines


def cost(data: Path, scale: int, seed: int) -> dict:
    rng = np.random.default_rng(seed)
    pages = bases(data)
    texts = ["\n\n".join(reworded(p, rng) for p in paragraphs(pages[n % len(pages)])) for n in range(scale)]
    found, table, signed, matched, _ = newsclean_dedup(texts)
    peak = newsclean_dedup(texts, traced=True)[4]
    state = table.records.nbytes + sum(array.nbytes for array in (found.duplicate_of, found.offsets,
                                                                  found.overlap_rows, found.overlap_shares))
    subset = texts[:DATASKETCH_ARTICLES]
    _, _, ours_signed, ours_matched, _ = newsclean_dedup(subset)
    _, theirs_signed, theirs_matched = datasketch_dedup(subset)
    return {
        "articles": scale, "mean_words": round(float(np.mean([len(t.split()) for t in texts])), 1),
        "sign_per_s": round(scale / signed), "match_per_s": round(scale / matched),
        "dedup_per_s": round(scale / (signed + matched)),
        "state_bytes_per_article": round(state / scale),
        "matching_peak_bytes_per_article": round(peak / scale),
        "duplicates_found": int((found.duplicate_of >= 0).sum()),
        f"on_{len(subset)}": {"newsclean_per_s": round(len(subset) / (ours_signed + ours_matched)),
                              "datasketch_per_s": round(len(subset) / (theirs_signed + theirs_matched)),
                              "datasketch_sign_per_s": round(len(subset) / theirs_signed)},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=20_000, help="articles for the cost figures")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the evaluation kit's data folder")
    parser.add_argument("--sets", default=",".join(SETS), help=(
        "the sets whose pages make the labelled collection (also: snippets, whose page texts are used)"))
    parser.add_argument("--no-cost", action="store_true", help="only the quality figures")
    args = parser.parse_args()
    sets = tuple(name.strip() for name in args.sets.split(",") if name.strip())
    if not bases(args.data, sets):
        parser.error(f"no pages under {args.data}: pass --data ../shared/eval/data")
    result = {"quality": quality(args.data, args.seed, sets)}
    if not args.no_cost:
        result["cost"] = cost(args.data, args.scale, args.seed)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
