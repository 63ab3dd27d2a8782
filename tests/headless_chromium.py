"""Headless Chromium for the tests that look at a page as a person sees it: the
consoles, the /verify page and the HTML audit report.

Loaded as a plugin by ``tests/conftest.py`` so its fixtures reach every test folder;
loading it needs neither Playwright nor Chromium. A module that drives the browser
calls :func:`require_chromium` at import, so it is skipped as a whole, saying why,
where Playwright (from PyPI) or Chromium (from the distribution) is missing.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"


def require_chromium() -> None:
    """Skip the calling test module unless Playwright and Chromium are both installed."""
    pytest.importorskip("playwright.sync_api", reason="Playwright (pip install playwright) is not installed")
    if shutil.which(CHROMIUM) is None:
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install -y chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One Chromium a test module, headless; each test gets its own context of it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield instance
        instance.close()


@contextmanager
def new_page(browser: Any, **context: Any) -> Iterator[Any]:
    """A tab in a fresh en-US context (``context`` adds options, ``offline=True`` say).

    On the way out the test fails if the page's content security policy refused
    anything: a refused script or style means the page does not work as served."""
    opened = browser.new_context(locale="en-US", **context)
    page = opened.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    yield page
    opened.close()
    assert not [e for e in errors if "Content Security Policy" in e], errors


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    with new_page(browser) as tab:
        yield tab


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the consoles' screenshots go: ``$GUARDRAIL_TEST_ARTIFACTS/console``, or a
    temporary folder."""
    folder = Path(os.environ.get("GUARDRAIL_TEST_ARTIFACTS") or tmp_path_factory.mktemp("artifacts")) / "console"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
