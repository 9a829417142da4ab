"""Damaged text: control characters and binary runs found, cut and described (newsclean.io.damage)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsclean.io.damage import (
    MAX_RUN_GAP_CHARS,
    MIN_RUN_CONTROLS,
    Damage,
    describe_damage,
    find_damage,
    remove_damage,
)

PROSE = ("The harbor town opened a floating library on an old ferry on Saturday, and by noon more than "
         "three hundred people had walked up the gangway to borrow books, charts and board games. ")
#: What may never survive the cut (ESC only where it starts an ISO-2022 designation).
_STRAY = frozenset(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r\f\x1b") | {"\x7f"}


def _cut(text: str, raw: bool = False) -> str:
    return remove_damage(text, find_damage(text, raw=raw))


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc",)) | st.sampled_from("\t\n\r\f")))
def test_text_without_controls_is_left_alone(text: str) -> None:
    assert not find_damage(text)
    assert _cut(text) == text


@given(st.text())
def test_nothing_stray_survives_and_cutting_twice_changes_nothing(text: str) -> None:
    once = _cut(text)
    assert not _STRAY.intersection(once)
    assert _cut(once) == once


@given(st.lists(st.integers(0, len(PROSE) * 3), max_size=12), st.sampled_from("\x00\x01\x07\x08\x1b\x7f"))
def test_controls_scattered_in_prose_cost_no_letter(positions: list[int], control: str) -> None:
    text = PROSE * 3
    for position in sorted(positions, reverse=True):
        text = text[:position] + control + text[position:]
    assert _cut(text).replace("\n", "") == PROSE * 3


@pytest.mark.parametrize("seed", range(10))
def test_a_block_of_random_bytes_is_one_run_and_the_prose_around_it_stays(seed: int) -> None:
    junk = random.Random(seed).randbytes(600)
    data = (PROSE * 2).encode() + b"\n" + junk + b"\n" + (PROSE * 2).encode()
    view = data.decode("latin-1")
    damage = find_damage(view, raw=True)
    assert len(damage.runs) == 1
    assert _cut(view, raw=True).split() == (PROSE * 4).split()


def test_paragraphs_separated_by_nul_bytes_are_not_a_run() -> None:
    text = "\x00\x00".join(["Short paragraph one.", "Another one here.", "And a third.", "The end."])
    damage = find_damage(text)
    assert damage.runs == () and damage.control_count == 6 and len(damage.controls) == 3
    assert _cut(text) == "Short paragraph one.\nAnother one here.\nAnd a third.\nThe end."


def test_a_cluster_needs_enough_controls_to_be_a_run() -> None:
    few = "story" + "\x00#%" * (MIN_RUN_CONTROLS - 1) + "story"
    assert find_damage(few).runs == ()
    many = "story " + "\x00#%" * MIN_RUN_CONTROLS + " story"
    assert find_damage(many).runs != ()


def test_controls_far_apart_are_separate() -> None:
    text = ("\x01" + "#" * (MAX_RUN_GAP_CHARS + 1)) * MIN_RUN_CONTROLS
    assert find_damage(text).runs == ()


def test_ansi_codes_go_whole_and_iso_2022_designations_stay() -> None:
    assert _cut("\x1b[1;31mred\x1b[0m text") == "red text"
    assert _cut("\x1b$B<F|K\\\x1b(B") == "\x1b$B<F|K\\\x1b(B"


def test_the_warning_counts_and_places_every_cut() -> None:
    damage = Damage(controls=tuple((i, i + 1) for i in range(0, 24, 2)), runs=((100, 164),), control_count=12,
                    run_controls=9)
    assert describe_damage(damage, "byte") == (
        "removed 12 control characters at byte offsets 0, 2, 4, 6, 8, 10, 12, 14, 16, 18 and 2 more "
        "and 1 binary run (64 bytes) at byte offsets 100-164")
