"""Every rule is declared once, in the registry, and stages follow the rule objects, never their ids."""

from __future__ import annotations

import ast
import gzip
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from conftest import DATA, ROOT, SEEDS

from newsclean import clean_html, clean_text
from newsclean.records import Article, RemovalKind
from newsclean.rules.noise import LINE_RULES
from newsclean.rules.registry import BY_ID, CONTEXT_RULES, RULES
from newsclean.rules.rule import HeaderPart, Rule

SOURCE = ROOT / "src" / "newsclean"
#: The modules that declare rules, and so hold their ids.
DECLARING = {SOURCE / "rules" / "noise.py", SOURCE / "rules" / "registry.py"}
#: A string that names a rule, or a family of rules by its prefix ("comments.").
RULE_ID = re.compile(rf"(?:{'|'.join(kind.value for kind in RemovalKind)})\.\w*")


def _rule_literals(path: Path) -> Iterator[tuple[int, str]]:
    """The string literals of ``path`` (f-strings' fixed parts included) shaped like a rule id or its prefix."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and RULE_ID.fullmatch(node.value):
            yield node.lineno, node.value


def test_every_rule_id_is_unique_and_names_its_kind() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids)) == len(BY_ID)
    for rule in RULES:
        assert RULE_ID.fullmatch(rule.id), rule.id
        assert rule.kind.value == rule.id.partition(".")[0]
        assert 0.0 < rule.score <= 1.0, rule.id
    assert set(RULES) == set(LINE_RULES) | set(CONTEXT_RULES)


def test_no_module_names_a_rule_by_its_id() -> None:
    """Outside the modules declaring them, no source file holds a rule's id: stages import the rule objects."""
    named = [f"{path.relative_to(SOURCE)}:{line}: {value!r}"
             for path in sorted(SOURCE.rglob("*.py")) if path not in DECLARING
             for line, value in _rule_literals(path)]
    assert not named, "rules named by id (import the rule from newsclean.rules.registry instead):\n" + "\n".join(named)


def test_every_id_in_the_declaring_modules_is_a_registered_rule_declared_once() -> None:
    literals = [value for path in sorted(DECLARING) for _, value in _rule_literals(path)]
    assert sorted(literals) == sorted(BY_ID)


def test_the_scan_sees_a_rule_named_by_id_or_prefix(tmp_path: Path) -> None:
    sample = tmp_path / "stage.py"
    sample.write_text('FIELDS = ("metadata.dek",)\nNEVER = ("comments.", "media.video_title")\n'
                      'x = f"sidebar.{name}"\nnote = "see metadata.dek"\nfile = "line_model.json"\n', encoding="utf-8")
    assert [value for _, value in _rule_literals(sample)] == [
        "metadata.dek", "comments.", "media.video_title", "sidebar."]


def test_what_other_stages_rely_on_is_declared_on_the_rules() -> None:
    fills = {rule.fills: rule for rule in RULES if rule.fills is not None}
    assert set(fills) == set(HeaderPart)  # each part of the header has exactly one rule that fills it
    assert len([rule for rule in RULES if rule.fills is not None]) == len(HeaderPart)
    assert all(rule.kind is RemovalKind.METADATA for rule in fills.values())
    untrusted = {rule.kind for rule in RULES if not rule.trusted_for_dates}
    assert {RemovalKind.COMMENTS, RemovalKind.CAPTION, RemovalKind.MEDIA, RemovalKind.DUPLICATE} <= untrusted
    assert all(rule.trusted_for_dates for rule in RULES if rule.fills is not None)


#: What the test appends to every rule's id: a suffix no text holds.
SUFFIX = "_RENAMED_IN_TEST"


@contextmanager
def _renamed() -> Iterator[None]:
    """Every built-in rule renamed ("metadata.dek" -> "metadata.dek_RENAMED_IN_TEST") while the block runs."""
    old = {rule: rule.id for rule in RULES}
    for rule in RULES:
        object.__setattr__(rule, "id", rule.id + SUFFIX)
    try:
        yield
    finally:
        for rule, value in old.items():
            object.__setattr__(rule, "id", value)


def _cleaned() -> list[Article]:
    records = [clean_text(path.read_text(encoding="utf-8"), source=path.name) for path in sorted(SEEDS.glob("*.txt"))]
    with gzip.open(DATA / "pages.jsonl.gz", "rt", encoding="utf-8") as lines:
        pages = [json.loads(line) for _, line in zip(range(3), lines)]
    return records + [clean_text(page["pagetext"]) for page in pages] + [
        clean_html(page["html"], url=page["url"]) for page in pages]


def test_renaming_every_rule_changes_the_ids_in_the_records_and_nothing_else() -> None:
    original = _cleaned()
    with _renamed():
        renamed = _cleaned()
    assert all(removal.rule.endswith(SUFFIX) for record in renamed for removal in record.removed)
    assert sum(len(record.removed) for record in renamed) > 100
    # ids show in the records' removals and in the reasons dates were turned down, and nowhere else
    assert [record.model_dump_json().replace(SUFFIX, "") for record in renamed] == [
        record.model_dump_json() for record in original]
    # the seeds' subtitles: three of the five, two of them the scraper's summary under its header
    assert sum(record.subtitle is not None for record in renamed[:5]) == 3


def test_rules_compare_by_identity() -> None:
    twin = Rule("metadata.dek", score=0.7, fills=HeaderPart.DEK)
    assert twin != BY_ID["metadata.dek"] and BY_ID["metadata.dek"] == BY_ID["metadata.dek"]
