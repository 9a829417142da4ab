"""The share of letters a foreign block's run is tested on: counted among its visible characters only, which
is the share over the whole text with the spaces left out of the total (its definition)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsclean.noise.neighbours import _letter_share


def _share_by_character(text: str) -> float:
    visible = len(text) - sum(map(str.isspace, text))
    return sum(map(str.isalpha, text)) / max(visible, 1)


@given(st.text(alphabet=st.sampled_from(
    ["a", "Z", "é", "字", "0", "٣", "²", "_", ".", " ", "\t", "\n", "\xa0", "\u2028", "\u3000", "\x1c", "\x85",
     "\u200b", "\ufeff", "\u180e"])) | st.text())
def test_the_letter_share_is_its_definition(text: str) -> None:
    assert _letter_share(text) == _share_by_character(text)
