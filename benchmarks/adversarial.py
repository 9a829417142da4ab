#!/usr/bin/env python3
"""Regular-expression safety: time on adversarial lines, looking for super-linear growth.

Every compiled pattern in newsclean (the noise line rules, the date patterns,
the segmenter's, the decoder's, the feature and shape patterns...) is run
with ``finditer`` (every match in a line, as the date finder uses them) and
``fullmatch`` (a whole line, the only way the line rules are used) on adversarial lines:
long runs of the characters and words the pattern itself repeats, pairs of
them, and near misses (the start of a match, repeated, never completed). For
each pattern every input is screened at a few thousand characters, and the
three slowest are timed again at ``--size`` and four times that; a linear pattern takes
about twice as long on twice the input (growth ≈ 2), a quadratic one four
times. Dozens of milliseconds are timed, best of three, so noise stays far below 4. Then the whole of ``clean_text`` is timed the same way on a seed
article carrying one adversarial line, beside the plain seed in the same run.

Prints seconds per MB (s/MB) and the growth per doubling, sqrt(t(4n)/t(n))
(measured over a factor of four, which steadies it on a shared machine); exits 1 when a
pattern grows faster than ``--max-growth`` (3 by default: 2 is linear, 4
quadratic; timing noise stays well under 3 at these sizes).

Usage: python benchmarks/adversarial.py [--size 100000] [--max-growth 3] [--top 15]
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
import signal
import string
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import newsclean  # noqa: E402
from newsclean.config import DatesConfig, PipelineConfig  # noqa: E402
from newsclean.errors import CleaningRejected  # noqa: E402
from newsclean.rules import dates as date_rules  # noqa: E402
from newsclean.rules.noise import LINE_RULES  # noqa: E402

#: Sizes are in characters; one probe stops after this long (seconds) and counts as "slower than".
PROBE_CAP_SECONDS = 2.0
#: Every input is first screened at this size (characters); the worst one per pattern is then
#: timed at --size and twice that.
SCREEN_SIZE = 5_000
#: Adversarial atoms per pattern: the base ones, then the pattern's own punctuation and words.
MAX_ATOMS = 36
#: The inputs slowest at the screening size, per pattern, that are timed again at full size.
CONFIRMED = 3
#: Below this, a time is mostly noise: growth is not judged (seconds).
NOISE_FLOOR_SECONDS = 0.002
CONFIG = PipelineConfig(dates=DatesConfig(reference_date=__import__("datetime").date(2024, 1, 1)))
BASE_ATOMS = (" ", "a", "A", "1", ".", "a ", "1 ", "\t", "é", "日")


class TooSlow(Exception):
    pass


@dataclass
class Probe:
    name: str  # the pattern (or "clean_text")
    how: str  # finditer / fullmatch / clean_text
    input: str  # a description of the adversarial line
    small: float  # seconds at n
    large: float  # seconds at 4n
    size: int  # n, characters

    @property
    def growth(self) -> float:
        """Time factor per doubling of the input, over n -> 4n (2 is linear, 4 quadratic)."""
        return (self.large / self.small) ** 0.5 if self.small > 0 else float("inf")

    @property
    def seconds_per_mb(self) -> float:
        return self.large / (4 * self.size / 1e6)


def _timed(call: Callable[[], object]) -> float:
    def expire(*_args: object) -> None:
        raise TooSlow

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, PROBE_CAP_SECONDS)
    began = time.perf_counter()
    try:
        call()
        return time.perf_counter() - began
    except TooSlow:
        return float("inf")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _best_of(call: Callable[[], object], repeat: int = 3) -> float:
    best = _timed(call)
    for _ in range(repeat - 1):
        if best == float("inf"):
            break
        best = min(best, _timed(call))
    return best


def patterns() -> Iterator[tuple[str, re.Pattern]]:  # noqa: C901 - one walk, three sources
    """Every compiled pattern newsclean holds at module level, the line rules and the date patterns."""
    seen: set[tuple[object, int]] = set()

    def fresh(pattern: re.Pattern) -> bool:
        key = (pattern.pattern, pattern.flags)
        if key in seen:
            return False
        seen.add(key)
        return True

    for rule in LINE_RULES:
        if fresh(rule.regex):
            yield f"rule {rule.id}", rule.regex  # judge_line only ever calls fullmatch on them
    for shape in date_rules._patterns():
        pattern, kind = shape.pattern, shape.kind
        if fresh(pattern):
            yield f"dates {kind}", pattern
    for info in pkgutil.walk_packages(newsclean.__path__, "newsclean."):
        if ".engines" in info.name or info.name.endswith("__main__"):
            continue
        try:
            module = importlib.import_module(info.name)
        except ImportError:
            continue
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and fresh(value):
                yield f"{info.name.removeprefix('newsclean.')}.{name}", value


def atoms(pattern: re.Pattern) -> list[str]:
    """Characters and words the pattern repeats or expects, to build adversarial lines from."""
    source = pattern.pattern if isinstance(pattern.pattern, str) else pattern.pattern.decode("latin-1")
    punctuation = sorted({c for c in source if c in string.punctuation + "’“”«»·•›»©年월日"} - set("\\^$?+*{}"))
    words = sorted(set(re.findall(r"(?<![\\\w])[a-z]{3,}", source)), key=len)[:6]
    found = list(BASE_ATOMS) + punctuation + [w + " " for w in words] + [w + ": " for w in words[:3]]
    found += [c + " " for c in punctuation[:8]] + ["a" + c for c in punctuation[:8]]
    found += ["1" + c for c in punctuation if c in "./-:"] + ["<a " + "x" * 3, "@a ", "A a ", "19"]
    return list(dict.fromkeys(found))[:MAX_ATOMS]


def adversarial_lines(pattern: re.Pattern, size: int) -> Iterator[tuple[str, str]]:
    for atom in atoms(pattern):
        yield repr(atom) + " repeated", (atom * (size // len(atom) + 1))[:size]
        yield repr(atom) + " repeated, then '!'", (atom * (size // len(atom) + 1))[: size - 1] + "!"


def probe_pattern(name: str, pattern: re.Pattern, size: int, only: Probe | None = None) -> list[Probe]:
    """Probes of every adversarial line (or only the one ``only`` was made of) at ``size`` and twice that."""
    probes = []
    is_bytes = isinstance(pattern.pattern, bytes)
    larger = dict(adversarial_lines(pattern, 4 * size))
    for description, line in adversarial_lines(pattern, size):
        if only is not None and description != only.input:
            continue
        small_line, large_line = line, larger[description]
        if is_bytes:
            small_line, large_line = small_line.encode(), large_line.encode()
        for how, run in (("finditer", lambda s: sum(1 for _ in pattern.finditer(s))),
                         ("fullmatch", lambda s: pattern.fullmatch(s))):
            if (only is not None and how != only.how) or (how == "finditer" and name.startswith("rule ")):
                continue
            repeat = 1 if only is None else 3  # screen quickly, then time the worst input carefully
            small = _best_of(lambda: run(small_line), repeat)
            if small == float("inf"):
                probes.append(Probe(name, how, description, small, small, size))
                continue
            large = _best_of(lambda: run(large_line), repeat)
            probes.append(Probe(name, how, description, small, large, size))
    return probes


def worst(probes: list[Probe]) -> Probe:
    judged = [p for p in probes if p.large >= NOISE_FLOOR_SECONDS] or probes
    return max(judged, key=lambda p: (p.growth if p.large >= NOISE_FLOOR_SECONDS else 0, p.large))


def seed_text() -> str:
    return (ROOT / "seeds" / "001_08de569413689543.txt").read_text(encoding="utf-8")


def clean_seconds(text: str) -> float:
    def run() -> None:
        try:
            newsclean.clean_text(text, config=CONFIG)
        except CleaningRejected:
            pass
    return _best_of(run, repeat=2)


def probe_clean_text(lines: list[tuple[str, str]], size: int) -> tuple[float, list[Probe]]:
    """Seconds per MB of clean_text on the plain seed, and probes of the seed carrying each adversarial line."""
    seed = seed_text()
    clean_seconds(seed)  # load the models first
    plain = clean_seconds(seed) / (len(seed.encode()) / 1e6)
    probes = []
    for description, atom in lines:
        half = (atom * (size // len(atom) + 1))[:size]
        small = clean_seconds(seed + "\n\n" + half + "\n")
        large = clean_seconds(seed + "\n\n" + half * 4 + "\n")
        probes.append(Probe("clean_text", "seed + line", description, small, large, size))
    return plain, probes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000, help="n: the shorter line, in characters")
    parser.add_argument("--max-growth", type=float, default=3.0,
                        help="growth per doubling above which a pattern fails (2 linear, 4 quadratic)")
    parser.add_argument("--top", type=int, default=15, help="patterns to list, slowest growth first")
    args = parser.parse_args()

    began = time.perf_counter()
    results = []
    for name, pattern in patterns():
        screened = probe_pattern(name, pattern, SCREEN_SIZE)
        stuck = [probe for probe in screened if probe.large == float("inf")]
        if stuck:  # slower than the cap at a few thousand characters: no need to look further
            results.append(stuck[0])
            continue
        slowest = sorted(screened, key=lambda probe: -probe.large)[:CONFIRMED]
        confirmed = [p for probe in slowest for p in probe_pattern(name, pattern, args.size, only=probe)]
        results.append(worst(confirmed))
        print(f"  {name}: {results[-1].input} ({results[-1].how}) growth {results[-1].growth:.2f}",
              file=sys.stderr, flush=True)
    results.sort(key=lambda p: (-p.growth if p.large >= NOISE_FLOOR_SECONDS else 0, -p.large))
    print(f"{len(results)} patterns, adversarial lines of {args.size:,} and {4 * args.size:,} characters; "
          f"s/MB at the larger, growth = time factor per doubling (2 linear, 4 quadratic)\n")
    print(f"{'pattern':44} {'how':9} {'worst input':34} {'s/MB':>8} {'growth':>7}")
    for probe in results[: args.top]:
        print(f"{probe.name[:44]:44} {probe.how:9} {probe.input[:34]:34} {probe.seconds_per_mb:8.3f} "
              f"{probe.growth:7.2f}")
    failing = [p for p in results if p.large >= NOISE_FLOOR_SECONDS and p.growth > args.max_growth]

    lines = [("'a' x n (one word)", "a"), ("'a/' x n", "a/"), ("'1:' x n", "1:"), ("'@a ' x n", "@a "),
             ("'. ' x n", ". "), ("'Photo: ' x n", "Photo: "), ("'A a ' x n", "A a "), ("'word ' x n", "word "),
             ("'19 ' x n", "19 "), ("'(' x n", "(")]
    plain, whole = probe_clean_text(lines, args.size)
    print(f"\nclean_text: plain seed {plain:.2f} s/MB; the seed with one adversarial line:")
    print(f"{'line':34} {'s/MB':>8} {'growth':>7} {'vs seed':>8}")
    for probe in whole:
        print(f"{probe.input[:34]:34} {probe.seconds_per_mb:8.2f} {probe.growth:7.2f} "
              f"{probe.seconds_per_mb / plain:7.2f}x")
    failing += [p for p in whole if p.large >= NOISE_FLOOR_SECONDS and p.growth > args.max_growth]

    print(f"\n{time.perf_counter() - began:.0f} s. ", end="")
    if failing:
        print("Super-linear:")
        for probe in failing:
            print(f"  {probe.name} ({probe.how}) on {probe.input}: growth {probe.growth:.2f}")
        return 1
    print(f"No pattern grows faster than {args.max_growth}x when its input doubles.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
