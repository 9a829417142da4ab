"""The package as a user installs it: a wheel, a fresh virtual environment, and the pip it comes with.

pip before 24 does not match jusText's ``lxml[html_clean]`` extra to lxml's
``html-clean``, so an install that relied on it lacked ``lxml_html_clean``
and every document was rejected with ``internal_error`` at stage ``noise``.
This builds the wheel, installs it into a new environment with the
interpreter's bundled pip (never upgraded) and cleans the seeds there.
Slow (about a minute: the dependencies come from PyPI, or pip's cache) and
run in CI like every test.
"""

from __future__ import annotations

import ensurepip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEEDS

ROOT = Path(__file__).resolve().parent.parent
#: The seeds are five articles: every one must come out as an article.
SEED_ARTICLES = 5


def _run(*command: str | Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(part) for part in command], check=False, capture_output=True, text=True, env=env)
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.mark.slow
def test_the_wheel_installs_with_the_bundled_pip_and_cleans_the_seeds(tmp_path: Path) -> None:
    # nothing of this checkout or its environment may leak into the fresh one
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    _run(sys.executable, "-m", "pip", "wheel", ROOT, "--no-deps", "--wheel-dir", tmp_path / "dist", "--quiet", env=env)
    (wheel,) = (tmp_path / "dist").glob("newsclean-*.whl")
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", venv, env=env)  # installs the interpreter's bundled pip (ensurepip)
    scripts = venv / ("Scripts" if os.name == "nt" else "bin")
    version = _run(scripts / "python", "-m", "pip", "--version", env=env).stdout
    assert version.startswith(f"pip {ensurepip.version()} "), version  # the bundled pip, not upgraded
    _run(scripts / "python", "-m", "pip", "install", "--quiet", wheel, env=env)
    imported = _run(scripts / "python", "-c", "import newsclean; print(newsclean.__file__)", env=env).stdout
    assert Path(imported.strip()).is_relative_to(venv)  # the installed wheel, not this checkout
    _run(scripts / "newsclean", "run", SEEDS, "--out", tmp_path / "out", "--no-progress", "--workers", "1",
         env=env)
    summary = json.loads((tmp_path / "out" / "run_summary.json").read_text(encoding="utf-8"))
    assert (summary["articles"], summary["rejects_by_reason"]) == (SEED_ARTICLES, {})
