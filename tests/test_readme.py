"""The README says what the code does: its column tables are the model's, its examples run."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS
from newsclean.io.schema_docs import generated_block, replace_block, schema_markdown

README = ROOT / "README.md"


def _python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)


def test_the_column_tables_are_generated_from_the_models() -> None:
    block = generated_block(README.read_text(encoding="utf-8"))
    assert block is not None, "README.md lost its generated-table markers"
    assert block == schema_markdown(), "README.md's column tables are stale: run `make schemas`"


def test_every_column_is_in_the_tables() -> None:
    from newsclean.records import Article, Rejection

    tables = schema_markdown()
    for model in (Article, Rejection):
        for name in model.model_fields:
            assert f"| `{name}` |" in tables


def test_replace_block_rewrites_only_between_the_markers() -> None:
    text = README.read_text(encoding="utf-8")
    changed = replace_block(text, "new\n")
    assert generated_block(changed) == "new\n"
    assert changed.split("new\n")[0] == text.split(generated_block(text))[0]
    with pytest.raises(ValueError, match="BEGIN generated"):
        replace_block("no markers here", "x")


def test_the_ten_line_example_is_ten_lines() -> None:
    first = _python_blocks()[0]
    assert len([line for line in first.splitlines() if line.strip()]) <= 10


def test_the_user_stage_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    [example] = [block for block in _python_blocks() if "newsclean.After(" in block]
    shutil.copytree(SEEDS, tmp_path / "crawl")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    exec(compile(example, "README.md", "exec"), namespace)  # noqa: S102 - the README's own example
    summary = namespace["summary"]
    assert summary.extra_stages == ["minimum_words (after metadata)"]  # type: ignore[attr-defined]
    assert summary.documents == len(list(SEEDS.glob("*.txt")))  # type: ignore[attr-defined]
    assert "minimum_words" in summary.stage_seconds  # type: ignore[attr-defined]


def test_how_it_is_built_lists_every_package_and_module() -> None:
    text = README.read_text(encoding="utf-8")
    section = text.split("## How it is built", 1)[1].split("\n## ", 1)[0]
    tree = re.search(r"```\n(.*?)```", section, re.DOTALL).group(1)  # type: ignore[union-attr]
    listed = {(match[0], name) for match in re.findall(r"^  (\w+)/\s+([\w .]+?)(?:\s{2,}|$)", tree, re.MULTILINE)
              for name in match[1].split()}
    source = ROOT / "src" / "newsclean"
    packages = sorted(path.name for path in source.iterdir() if (path / "__init__.py").exists())
    assert sorted({package for package, _ in listed}) == packages
    for package in packages:
        modules = {path.stem if path.suffix == ".py" else path.name for path in (source / package).iterdir()
                   if path.suffix in (".py", ".json") and path.stem != "__init__"}
        assert {name for folder, name in listed if folder == package} == modules, package
