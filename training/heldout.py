#!/usr/bin/env python3
"""Which evaluation pages the line model never trains on, and the quality gate's samples of them.

The rule, in one place for everything that needs it (the training script
excludes these pages; ``tests/test_quality_gate.py`` scores only them; this
script writes the gate's samples)::

    held out  <=>  sha256(f"{set_name}/{page_id}").digest()[0] % 5 == 0

``set_name`` is the evaluation kit's folder name (``pages``,
``pages-readability``, ``snippets``, ``dates``, ``dates-more``) and
``page_id`` the page's name in its truth file (``truth/<id>.json`` or the key
in ``truth.json``). About one page in five is held out, the same pages on
every run and machine, whatever else is added to a set.

Run as a script, it writes ``tests/data/heldout/<set>.tar.gz`` for each set
but ``pages`` (whose pages are all in ``tests/data/pages.jsonl.gz`` already;
the gate picks the held-out ones from there): the held-out pages in the
kit's own layout (``truth.json``, ``html/<id>.html`` byte for byte,
``pagetext/<id>.txt``), at most ``GATE_PAGES_PER_SET`` of them, taken in
the order of their hash so the choice is deterministic and unrelated to the
pages' content.

Usage: python training/heldout.py [--data ../shared/eval/data] [--out tests/data/heldout]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import sys
import tarfile
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: One page in this many is held out.
HELD_OUT_ONE_IN = 5
#: The most held-out pages a gate sample keeps per set (pages): enough to see a
#: change of a few points, few enough to keep tests/data a few MB and the gate under a minute.
GATE_PAGES_PER_SET = 50
#: Sets whose gate sample this script writes; ``pages`` ships whole in tests/data/pages.jsonl.gz.
SAMPLED_SETS = ("pages-readability", "snippets", "dates", "dates-more")
#: A fixed modification time for the archive members, so the same pages give the same bytes.
ARCHIVE_MTIME = 0


def page_key(set_name: str, page_id: str) -> bytes:
    """The page's hash: the held-out rule reads its first byte, the sample order all of it."""
    return hashlib.sha256(f"{set_name}/{page_id}".encode()).digest()


def is_held_out(set_name: str, page_id: str) -> bool:
    """True for the pages no model may train on: the gate and the leave-out figures score them."""
    return page_key(set_name, page_id)[0] % HELD_OUT_ONE_IN == 0


def held_out(set_name: str, page_ids: Iterable[str]) -> list[str]:
    """The held-out pages among ``page_ids``, in hash order (the gate sample is a prefix of it)."""
    return sorted((i for i in page_ids if is_held_out(set_name, i)), key=lambda i: page_key(set_name, i))


def _read(folder: Path, stem: str) -> bytes:
    plain = folder / stem
    return plain.read_bytes() if plain.exists() else gzip.decompress((folder / f"{stem}.gz").read_bytes())


def _truths(root: Path) -> dict[str, dict]:
    single = root / "truth.json"
    if single.exists():
        return json.loads(single.read_text(encoding="utf-8"))
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((root / "truth").glob("*.json"))}


def _add(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), ARCHIVE_MTIME, 0o644
    archive.addfile(info, io.BytesIO(data))


def write_sample(data: Path, set_name: str, out: Path) -> list[str]:
    """Write one set's gate sample as ``out/<set>.tar.gz``; returns the page ids in it."""
    root = data / set_name
    truths = _truths(root)
    chosen = held_out(set_name, truths)[:GATE_PAGES_PER_SET]
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as archive:
        sample = {i: truths[i] for i in sorted(chosen)}
        _add(archive, "truth.json", json.dumps(sample, ensure_ascii=False, indent=0, sort_keys=True).encode())
        for page_id in sorted(chosen):
            _add(archive, f"html/{page_id}.html", _read(root / "html", f"{page_id}.html"))
            _add(archive, f"pagetext/{page_id}.txt", _read(root / "pagetext", f"{page_id}.txt"))
    out.mkdir(parents=True, exist_ok=True)
    # gzip with no name and no time in its header: the same pages give the same file
    with open(out / f"{set_name}.tar.gz", "wb") as raw, \
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=ARCHIVE_MTIME) as f:
        f.write(buffer.getvalue())
    return sorted(chosen)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval" / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "tests" / "data" / "heldout")
    args = parser.parse_args()
    missing = [s for s in SAMPLED_SETS if not (args.data / s).is_dir()]
    if missing:
        parser.error(f"no {', '.join(missing)} in {args.data}: give the evaluation kit's data folder with --data")
    for set_name in SAMPLED_SETS:
        total = len(_truths(args.data / set_name))
        chosen = write_sample(args.data, set_name, args.out)
        size = (args.out / f"{set_name}.tar.gz").stat().st_size
        print(f"{set_name}: {len(held_out(set_name, _truths(args.data / set_name)))} of {total} pages held out, "
              f"{len(chosen)} in the gate sample ({size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
