"""The public API: its names import, importing is cheap, and nothing private leaks."""

from __future__ import annotations

import subprocess
import sys

import pytest

import newsclean

HEAVY = ("trafilatura", "lxml", "pyarrow", "pydantic", "ftfy", "py3langid", "numpy", "charset_normalizer", "babel",
         "typer", "rich", "ray")


def test_the_local_engine_never_imports_ray():
    code = "import sys, newsclean.runner.batch, newsclean.cli, newsclean.runner.workers; print('ray' in sys.modules)"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "False"


def test_import_loads_no_heavy_module():
    code = ("import sys, newsclean; heavy = %r; "
            "print(','.join(m for m in heavy if m in sys.modules))" % (HEAVY,))
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == ""


@pytest.mark.parametrize("name", newsclean.__all__)
def test_public_names_resolve(name):
    assert getattr(newsclean, name) is not None


def test_nothing_private_is_exported():
    assert all(not name.startswith("_") or name == "__version__" for name in newsclean.__all__)
    with pytest.raises(AttributeError):
        newsclean.not_a_name  # noqa: B018


def test_clean_text_returns_a_validated_article(config):
    text = ("More News:\n\nCouncil approves the new budget\n\n"
            + "The city council voted on Tuesday to approve a budget that raises spending on parks, "
              "libraries and road repairs for the coming fiscal year, officials said.\n\n" * 3
            + "Follow us on Twitter: @citydesk")
    article = newsclean.clean_text(text, source="inline", config=config)
    assert isinstance(article, newsclean.Article)
    assert article.title == "Council approves the new budget"
    assert "More News" not in article.text and "Follow us" not in article.text
    assert {r.kind for r in article.removed} >= {newsclean.RemovalKind.NAVIGATION, newsclean.RemovalKind.SOCIAL}


def test_clean_text_rejects_empty_text_with_the_reason(config):
    with pytest.raises(newsclean.CleaningRejected) as caught:
        newsclean.clean_text("  \n ", config=config)
    assert caught.value.rejection.reason is newsclean.RejectReason.EMPTY
    assert caught.value.rejection.stage.value == "decode"


def test_clean_html_uses_page_metadata(config):
    body = "".join(f"<p>Paragraph {i} of a story about the harbour reopening after repairs that took most "
                   f"of the year, according to the port authority and local businesses.</p>" for i in range(6))
    html = (f"<html><head><title>Harbour reopens</title><meta property='og:title' content='Harbour reopens'>"
            f"<meta name='author' content='Jane Doe'><meta property='article:published_time' "
            f"content='2021-05-04T10:00:00Z'></head><body><nav><a href='/'>Home</a></nav><article>"
            f"<h1>Harbour reopens</h1>{body}</article><footer>Contact us</footer></body></html>")
    article = newsclean.clean_html(html, url="https://example.org/news/harbour", config=config)
    assert article.title == "Harbour reopens"
    assert article.published is not None and article.published.isoformat() == "2021-05-04"
    assert article.published_source is newsclean.DateSource.HTML_METADATA
    assert article.content_type.value == "html"
    assert "Paragraph 3" in article.text and "Contact us" not in article.text
