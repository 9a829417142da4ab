"""The architecture the README's "How it is built" describes: stages share facts on the Doc, never by import."""

from __future__ import annotations

import ast

from conftest import ROOT

STAGES = ROOT / "src" / "newsclean" / "stages"


def _imported_stage_modules(path) -> set[str]:
    """The stage modules ``path`` imports (relative imports within stages/, or absolute ones)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1:  # from .x import ... : a sibling in stages/
                found.update({node.module} if node.module else {alias.name for alias in node.names})
            elif node.level == 0 and (node.module or "").startswith("newsclean.stages."):
                found.add(node.module.rsplit(".", 1)[1])
        elif isinstance(node, ast.Import):
            found.update(alias.name.rsplit(".", 1)[1] for alias in node.names
                         if alias.name.startswith("newsclean.stages."))
    return found


def test_no_stage_imports_another_stage():
    stages = sorted(p for p in STAGES.glob("*.py") if p.name != "__init__.py")
    assert len(stages) >= 7
    for path in stages:
        assert not _imported_stage_modules(path), f"{path.name} imports {_imported_stage_modules(path)}"


def test_the_check_sees_a_stage_importing_another(tmp_path):
    sample = tmp_path / "noise.py"
    sample.write_text("from .dates import date_only\nimport newsclean.stages.segment\n", encoding="utf-8")
    assert _imported_stage_modules(sample) == {"dates", "segment"}
