"""The benchmarks' corpus: every distinct page of the evaluation kit's dev sets, as files.

Reads ``../shared/eval/data`` (the dev half of each set; see its README):
``html/<id>.html[.gz]`` and ``pagetext/<id>.txt[.gz]`` of ``pages``,
``pages-readability``, ``snippets``, ``dates`` and ``dates-more``. Some pages
are in two sets (the snippets and the date sets share a German web
collection): a page counts once, by the SHA-256 of its HTML, where it is met
first in :data:`SETS` order. Pages are written uncompressed, so every system
measured reads the same plain files.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Where the evaluation kit keeps its dev sets, beside the repository (pass --data in a worktree).
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "data"
#: Every dev set with HTML pages and their naive text dump (all five have both).
SETS = ("pages", "pages-readability", "snippets", "dates", "dates-more")


@dataclass(frozen=True)
class Page:
    """One distinct page: where it came from, its HTML as served and its page text."""

    name: str  # "<set>-<id>"
    html: bytes
    text: str


def _read(folder: Path, stem: str) -> bytes | None:
    plain = folder / stem
    if plain.exists():
        return plain.read_bytes()
    packed = folder / (stem + ".gz")
    return gzip.decompress(packed.read_bytes()) if packed.exists() else None


def distinct_pages(data: Path, sets: tuple[str, ...] = SETS) -> list[Page]:
    """Every page of ``sets`` with both HTML and page text, each distinct HTML once, in a fixed order."""
    pages: list[Page] = []
    seen: set[str] = set()
    for name in sets:
        folder = data / name
        if not (folder / "html").is_dir():
            raise SystemExit(f"no dev set {name} under {data}: pass --data /work/shared/eval/data")
        ids = sorted({path.name.split(".")[0] for path in (folder / "html").iterdir()})
        for doc_id in ids:
            html = _read(folder / "html", f"{doc_id}.html")
            text = _read(folder / "pagetext", f"{doc_id}.txt")
            if html is None or text is None:
                continue
            digest = hashlib.sha256(html).hexdigest()
            if digest not in seen:
                seen.add(digest)
                pages.append(Page(f"{name}-{doc_id}", html, text.decode("utf-8")))
    return pages


def write_files(pages: list[Page], mode: str, folder: Path) -> Path:
    """One file per page (``.html`` or ``.txt`` by ``mode``) in ``folder``, numbered in corpus order."""
    folder.mkdir(parents=True, exist_ok=True)
    for n, page in enumerate(pages):
        if mode == "html":
            (folder / f"{n:05d}-{page.name}.html").write_bytes(page.html)
        else:
            (folder / f"{n:05d}-{page.name}.txt").write_text(page.text, encoding="utf-8")
    return folder


def write_jsonl(pages: list[Page], mode: str, docs: int, path: Path) -> Path:
    """``docs`` documents as one JSON Lines file, the pages repeated in order (a long run, for memory)."""
    field = "html" if mode == "html" else "text"
    with path.open("w", encoding="utf-8") as out:
        for n in range(docs):
            page = pages[n % len(pages)]
            content = page.html.decode("utf-8", "replace") if mode == "html" else page.text
            out.write(json.dumps({field: content, "url": f"https://example.org/{mode}/{n}"}) + "\n")
    return path
