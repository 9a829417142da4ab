"""The noise stage's page memo answers a pass over the same open lines as the pass itself would.

The classifier reads the kept lines with the neighbour and header passes, and
the stage reads its own output with them again (see
``NoiseStage._judge_output_again``): :class:`~newsclean.noise.memo.PageMemo`
answers the second reading from the first. Each answer here is checked against
the pass run afresh, including when what the pass depends on besides the lines
(the document's language, where the body starts) differs between two readings.
"""

from __future__ import annotations

from newsclean.config import NoiseConfig
from newsclean.noise.header import judge_header
from newsclean.noise.memo import PageMemo
from newsclean.noise.neighbours import foreign_blocks, judge_neighbours
from newsclean.rules.registry import FOREIGN_LANGUAGE
from newsclean.stages.segment import segment_text
from newsclean.text.language import LanguageIdentifier
from stories import BODY, HEADLINE, doc

CONFIG = NoiseConfig()
IDENTIFIER = LanguageIdentifier()
GERMAN = ("Regierung plant neue Regeln für Mieter in Großstädten", "Bahnstreik legt den Verkehr im ganzen Land lahm",
          "Wetter: Am Wochenende wird es wieder deutlich kälter")
SEGMENTS = segment_text(doc(HEADLINE, "By Jane Doe", *BODY[:2], "\n".join(GERMAN), *BODY[2:]))


def _neighbours(language: str | None, verdicts: list) -> list:
    return judge_neighbours(SEGMENTS, verdicts, repeats=False, furniture=True,
                            foreign=lambda segs, judged: foreign_blocks(segs, judged, language, IDENTIFIER, CONFIG))


def test_the_neighbour_pass_read_again_is_the_pass_run_afresh() -> None:
    memo = PageMemo()
    open_lines = [None] * len(SEGMENTS)
    first = memo.neighbours(SEGMENTS, list(open_lines), "en", IDENTIFIER, CONFIG, repeats=False, furniture=True)
    again = memo.neighbours(SEGMENTS, list(open_lines), "en", IDENTIFIER, CONFIG, repeats=False, furniture=True)
    assert first == again == _neighbours("en", list(open_lines))
    assert sum(v is not None and v.rule is FOREIGN_LANGUAGE for v in first) == len(GERMAN)
    again[0] = "changed by the caller"
    assert memo.neighbours(SEGMENTS, list(open_lines), "en", IDENTIFIER, CONFIG, repeats=False,
                           furniture=True) == first  # each caller gets its own list
    # another language is another reading: the German lines are the body's own language there
    german = memo.neighbours(SEGMENTS, list(open_lines), "de", IDENTIFIER, CONFIG, repeats=False, furniture=True)
    assert german == _neighbours("de", list(open_lines)) != first
    # lines with verdicts already: the pass is run as it is
    given = list(first)
    assert memo.neighbours(SEGMENTS, given, "en", IDENTIFIER, CONFIG, repeats=False,
                           furniture=True) == _neighbours("en", list(first))


def test_the_header_pass_read_again_is_the_pass_run_afresh() -> None:
    memo = PageMemo()
    open_lines = [None] * len(SEGMENTS)
    readings = [(start, clean) for start in (None, 0, 1) for clean in (False, True)]
    for _ in range(2):  # the second time from the memo
        for start, clean in readings:
            got = memo.header(SEGMENTS, list(open_lines), header_limit=8, body_start=start, clean_article=clean)
            assert got == judge_header(SEGMENTS, list(open_lines), header_limit=8, body_start=start,
                                       clean_article=clean), (start, clean)
    answers = {tuple(memo.header(SEGMENTS, list(open_lines), header_limit=8, body_start=start, clean_article=clean))
               for start, clean in readings}
    assert len(answers) > 1  # the readings differ: none was answered with another's verdicts
