"""Damaged text: control characters and binary runs inside a document that is otherwise text.

Scraped and exported text carries debris: NUL bytes where a record or a
C string ended, a run of control characters left by a broken export, a block
of binary junk from a damaged download, terminal colour codes. None of it is
text, and none of it makes the rest of the document less of an article. The
functions here find that debris, cut it out and say what they cut, so that a
document is judged by what remains rather than by its first bad byte.

They work on a ``str``: decoded text, or bytes seen through Latin-1 (one
character per byte, so offsets are byte offsets). Looking at bytes is safe for
every encoding the decoder reads without a byte order mark: in UTF-8, the
legacy code pages and the East Asian multi-byte encodings, a byte below 0x20
is always that ASCII control, never part of another character. UTF-16 and
UTF-32 are looked at once decoded.

C1 controls (U+0080-U+009F) are left alone: in real text they are almost
always windows-1252 punctuation decoded as Latin-1, or parts of mojibake,
which the normalize stage repairs (ftfy); removing them here would lose the
quotes and dashes they stand for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

#: C0 control characters that never belong in text (tab, line feed, carriage return and form
#: feed do), and DEL. ESC is one too, except where it starts an ISO-2022 designation (ESC $ B),
#: which a decoder of those encodings needs.
_CONTROL_CLASS = "\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f"
_DESIGNATION = r"\$[()*+]?[@-Z]|[()*+][@-Z]"  # what follows ESC in ISO-2022-JP, -KR and -CN
_CONTROL = re.compile(rf"[{_CONTROL_CLASS}]|\x1b(?!{_DESIGNATION})")
#: The bytes that may start damage: a quick test that clean data has none.
CONTROL_BYTES = bytes(range(0x20)).translate(None, b"\t\n\r\f") + b"\x7f"
#: A terminal colour or cursor code (ANSI CSI sequence, e.g. ESC [ 0 m): removed whole, so
#: its printable tail ("[0m") does not stay in the text.
_ANSI_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")
#: Controls that separate records or fields (NUL ends a C string; FS, GS, RS and US are the
#: ASCII information separators; VT is a line break in word-processor exports). Between two
#: pieces of text they become a line break, so the pieces are not glued into one word.
SEPARATOR_CONTROLS = frozenset("\x00\x0b\x1c\x1d\x1e\x1f")

#: Control characters at most this many characters apart belong to one cluster (characters).
#: In random bytes a control comes every 8 bytes on average, so a blob of binary junk
#: is one cluster; in damaged text, stray controls are usually much further apart.
MAX_RUN_GAP_CHARS = 128
#: A cluster is a binary run only with at least this many control characters...
MIN_RUN_CONTROLS = 4
#: ...when letters and spaces make up less than this share (0-1) of its other characters.
#: Text framed by controls (paragraphs separated by NUL bytes) is nearly all letters and
#: spaces; binary junk is under a quarter (bytes that are no valid UTF-8 count as neither).
MIN_RUN_TEXT_SHARE = 0.5
#: A word next to a binary run is kept as text with at least this many letters (and mostly
#: letters): random bytes often leave a stray letter or two ("r", "3e") at a run's edge.
MIN_EDGE_WORD_LETTERS = 2
_PIECE = re.compile(f"(?:{_ANSI_SEQUENCE.pattern}|{_CONTROL.pattern})+")
_NOT_PIECE = rf"(?:[^{_CONTROL_CLASS}\x1b]|\x1b(?={_DESIGNATION}))"
_CLUSTER = re.compile(rf"(?:{_PIECE.pattern})(?:{_NOT_PIECE}{{0,{MAX_RUN_GAP_CHARS}}}(?:{_PIECE.pattern}))*",
                      re.DOTALL)
#: Any character a cluster can start with: one scan of a plain character class rules out damage in a
#: clean page (the cluster pattern tries its alternatives at every position of the text).
_CLUSTER_START = re.compile(rf"[{_CONTROL_CLASS}\x1b]")
_TOKEN = re.compile(r"\S+")
_LETTER_OR_SPACE = re.compile(r"[^\W\d_]| ")

#: Offsets listed in a warning at most; the count is always complete.
MAX_OFFSETS_SHOWN = 10


@dataclass(frozen=True, slots=True)
class Damage:
    """What :func:`find_damage` found: single control characters and binary runs, by offset.

    ``controls`` are the (start, end) spans of control characters cut on
    their own (side by side ones in one span; an ANSI code counts as one
    character), ``runs`` those of binary runs; both are sorted and never
    overlap. ``control_count`` and ``run_controls`` count the control
    characters in each.
    """

    controls: tuple[tuple[int, int], ...] = ()
    runs: tuple[tuple[int, int], ...] = ()
    control_count: int = 0
    run_controls: int = 0

    def __bool__(self) -> bool:
        return bool(self.controls or self.runs)

    def spans(self) -> list[tuple[int, int]]:
        """Every span to cut, in order."""
        return sorted(self.controls + self.runs)

    def junk_share(self, length: int) -> float:
        """Share (0-1) of a text of ``length`` characters that is binary junk: run characters other than controls.

        Control characters are counted on neither side: a long run of NUL
        padding is no evidence that what surrounds it is not text.
        """
        junk = sum(end - start for start, end in self.runs) - self.run_controls
        other = length - self.run_controls - self.control_count
        return junk / other if other > 0 else 1.0


def find_damage(text: str, *, raw: bool = False) -> Damage:
    """The control characters and binary runs in ``text``. Never raises; cheap when there are none.

    ``raw`` says that ``text`` is bytes seen through Latin-1. Controls close
    together form a cluster; a cluster of at least :data:`MIN_RUN_CONTROLS`
    controls whose other characters are mostly not letters or spaces is a
    binary run, cut whole with the junk words at its edges (up to the first
    word that is mostly letters). Any other control is cut on its own, however
    many stand together.
    """
    if (first := _CLUSTER_START.search(text)) is None:
        return Damage()
    controls: list[tuple[int, int]] = []
    runs: list[tuple[int, int]] = []
    control_count = run_controls = 0
    for cluster in _CLUSTER.finditer(text, first.start()):
        group, start = cluster.group(), cluster.start()
        pieces = [m.span() for m in _PIECE.finditer(group)]
        count = len(_CONTROL.findall(group))
        junk = len(group) > sum(b - a for a, b in pieces)  # more than controls
        if junk and count >= MIN_RUN_CONTROLS and not _mostly_text(group, pieces, raw):
            runs.append(_with_junk_edges(text, *cluster.span(), raw))
            run_controls += count
        else:
            controls.extend((start + a, start + b) for a, b in pieces)
            control_count += count
    return Damage(tuple(controls), tuple(runs), control_count, run_controls)


def _mostly_text(cluster: str, pieces: list[tuple[int, int]], raw: bool) -> bool:
    """Whether the characters between a cluster's controls are mostly letters and spaces."""
    between = "".join(cluster[end:start] for (_, end), (start, _) in pairwise(pieces))
    return bool(between) and _is_text(between, raw)


def _with_junk_edges(text: str, start: int, end: int, raw: bool) -> tuple[int, int]:
    """A run widened over the whitespace-separated junk words next to it, at most a gap's width each side.

    A binary run rarely starts and ends with a control character: the bytes
    before its first control and after its last are junk too.
    """
    before = list(_TOKEN.finditer(text, max(0, start - MAX_RUN_GAP_CHARS), start))
    for token in reversed(before):
        if token.end() < start and not text[token.end():start].isspace() or _is_word(token.group(), raw):
            break
        start = token.start()
    for token in _TOKEN.finditer(text, end, min(len(text), end + MAX_RUN_GAP_CHARS)):
        if token.start() > end and not text[end:token.start()].isspace() or _is_word(token.group(), raw):
            break
        end = token.end()
    return start, end


def _is_text(piece: str, raw: bool, min_letters: int = 1) -> bool:
    """Whether ``piece`` is mostly letters and spaces (bytes counted as UTF-8 when ``raw``)."""
    if raw and not piece.isascii():  # stray high bytes are no letters
        piece = piece.encode("latin-1").decode("utf-8", "replace")
    letters = len(_LETTER_OR_SPACE.findall(piece))
    return letters >= min_letters and letters >= MIN_RUN_TEXT_SHARE * len(piece)


def _is_word(token: str, raw: bool) -> bool:
    return _is_text(token, raw, MIN_EDGE_WORD_LETTERS)


def remove_damage(text: str, damage: Damage) -> str:
    """``text`` without the spans of ``damage``.

    A cut between two non-space characters leaves a line break when it was a
    binary run or a separator control (NUL, VT, FS, GS, RS, US), so the text on
    each side keeps its own line; any other control (backspace, bell, an
    escape code) is simply deleted, as it never stood for a gap.
    """
    if not damage:
        return text
    out: list[str] = []
    position = 0
    for start, end, separates in _merged(text, damage):
        out.append(text[position:start])
        if separates and 0 < start and end < len(text) and not text[start - 1].isspace() \
                and not text[end].isspace():
            out.append("\n")
        position = end
    out.append(text[position:])
    return "".join(out)


def _merged(text: str, damage: Damage) -> list[tuple[int, int, bool]]:
    """The spans to cut, touching ones merged, each with whether it separated two pieces of text."""
    runs = set(damage.runs)
    merged: list[tuple[int, int, bool]] = []
    for start, end in damage.spans():
        separates = (start, end) in runs or not SEPARATOR_CONTROLS.isdisjoint(text[start:end])
        if merged and merged[-1][1] == start:
            previous_start, _, previous_separates = merged.pop()
            start, separates = previous_start, separates or previous_separates
        merged.append((start, end, separates))
    return merged


def describe_damage(damage: Damage, unit: str) -> str:
    """A warning saying what was cut and where, e.g. ``removed 3 control characters at byte offsets 11, 40, 97``."""
    parts = []
    if damage.controls:
        parts.append(f"{_count(damage.control_count, 'control character')} at {unit} offsets "
                     f"{_listed([str(a) if b - a == 1 else f'{a}-{b}' for a, b in damage.controls])}")
    if damage.runs:
        size = sum(end - start for start, end in damage.runs)
        parts.append(f"{_count(len(damage.runs), 'binary run')} ({_count(size, unit)}) at {unit} offsets "
                     f"{_listed([f'{start}-{end}' for start, end in damage.runs])}")
    return "removed " + " and ".join(parts)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _listed(items: list[object]) -> str:
    shown = ", ".join(map(str, items[:MAX_OFFSETS_SHOWN]))
    return shown + (f" and {len(items) - MAX_OFFSETS_SHOWN} more" if len(items) > MAX_OFFSETS_SHOWN else "")
