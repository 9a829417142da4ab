"""The review report in a real headless browser: Debian's chromium, driven by playwright.

The test starts chromium itself, with a fresh profile and every background
network feature off, opens the page from disk and checks what a reviewer
does: the page loads without console errors and without a single request
beyond itself, a kind filter hides the other kinds, the search box narrows the
documents, and a screenshot is written.

Without chromium the test is skipped, unless NEWSCLEAN_REQUIRE_BROWSER is
set, as `.ci/run` does (it installs chromium), so CI can never skip it quietly.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from test_report import make_run
from newsclean.config import PipelineConfig
from newsclean.review.report import write_report

CHROMIUM = os.environ.get("NEWSCLEAN_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--no-default-browser-check"]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: A screenshot of a page with text and charts is far larger than a blank one (bytes).
MIN_SCREENSHOT_BYTES = 20_000


@pytest.fixture(scope="module")
def browser_page(tmp_path_factory: pytest.TempPathFactory, config: PipelineConfig):
    if not Path(CHROMIUM).exists():
        message = f"chromium not found at {CHROMIUM}: `apt-get install chromium` (as .ci/run does)"
        if os.environ.get("NEWSCLEAN_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    sync_api = pytest.importorskip("playwright.sync_api")
    tmp = tmp_path_factory.mktemp("browser")
    make_run(tmp / "out", config, tmp)
    report = write_report(tmp / "out", tmp / "report.html").path
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp / "profile"), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1200, "height": 1400})
        try:
            page = context.new_page()
            events: dict[str, list[str]] = {"console": [], "requests": []}
            page.on("console", lambda m: events["console"].append(f"{m.type}: {m.text}") if m.type in (
                "error", "warning") else None)
            page.on("pageerror", lambda error: events["console"].append(f"pageerror: {error}"))
            page.on("request", lambda request: events["requests"].append(request.url))
            page.goto(report.as_uri(), wait_until="load")
            yield page, events, report, tmp
        finally:
            context.close()


def _visible(page, selector: str) -> list[str]:
    """The ``data-kind`` (or title) of every element matching ``selector`` that is displayed."""
    return page.eval_on_selector_all(
        selector, "els => els.filter(e => e.offsetParent !== null).map(e => e.dataset.kind || e.id)")


def test_loads_without_console_errors_or_requests(browser_page) -> None:
    page, events, report, _ = browser_page
    assert events["console"] == []
    assert events["requests"] == [report.as_uri()]
    assert page.title().startswith("newsclean report")
    assert page.locator("#count").inner_text() == "8 of 8 documents shown"


def test_a_kind_filter_hides_the_other_kinds(browser_page) -> None:
    page, events, _, tmp = browser_page
    kinds_before = set(_visible(page, ".rm"))
    assert {"sidebar", "metadata"} <= kinds_before
    page.click('.chip[data-kind="sidebar"]')
    assert set(_visible(page, ".rm")) == {"sidebar"}
    with_sidebar = page.eval_on_selector_all("article.doc", "els => els.filter(e => "
                                             "e.dataset.kinds.split(' ').includes('sidebar')).map(e => e.id)")
    assert sorted(_visible(page, "article.doc")) == sorted(with_sidebar) and 0 < len(with_sidebar) < 8
    assert page.get_attribute('.chip[data-kind="sidebar"]', "aria-pressed") == "true"
    screenshot = tmp / "report-sidebar.png"
    page.screenshot(path=str(screenshot))
    page.click("#clear")
    assert set(_visible(page, ".rm")) == kinds_before
    assert screenshot.read_bytes().startswith(PNG_SIGNATURE) and screenshot.stat().st_size > MIN_SCREENSHOT_BYTES
    assert events["console"] == []


def test_search_narrows_the_documents(browser_page) -> None:
    page, events, _, tmp = browser_page
    page.fill("#search", "europa")
    visible = _visible(page, "article.doc")
    assert len(visible) == 1
    assert "Europa" in page.inner_text(f"#{visible[0]}")
    page.fill("#search", "no such words anywhere")
    assert _visible(page, "article.doc") == [] and page.is_visible("#no-match")
    page.fill("#search", "")
    assert len(_visible(page, "article.doc")) == 8
    screenshot = tmp / "report.png"
    page.screenshot(path=str(screenshot), full_page=True)
    assert screenshot.read_bytes().startswith(PNG_SIGNATURE) and screenshot.stat().st_size > MIN_SCREENSHOT_BYTES
    assert events["console"] == []
