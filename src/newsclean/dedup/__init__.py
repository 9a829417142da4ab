"""Reprints and near-duplicates across a run: which articles are the same story, and what text they share.

Cleaning judges one document at a time; this package looks across the whole
run once every document is cleaned. Each article is reduced to a small
signature (:mod:`.signature`: a MinHash of its word shingles, 128 numbers), the
signatures are grouped on LSH band keys to find the pairs worth comparing
(:mod:`.matching`), and the pairs become clusters of near-duplicates and lists
of overlapping articles. The run keeps the signatures beside its output parts
(:mod:`.store`) and fills the ``duplicate_of`` and ``overlaps`` columns when it
is done (:mod:`.apply`), so memory holds signatures, never texts.
"""

#: The folder, inside a run's staging folder, that holds the tables with their dedup columns filled.
DEDUPLICATED_DIR = "deduplicated"
