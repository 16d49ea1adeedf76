"""Real headless Chromium, driven by Playwright, against a live server with the demo workshop loaded.

The browser is Debian's `chromium` (Playwright's own browser download cannot be fetched here) and axe-core
comes from npm; `make test-browser` installs both when they are missing.
"""

import io
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test-browser` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps its event loop marked as running in this thread, so Django would take
    # the test's own database work (loading the demo, the flush after each test) for async code. Nothing
    # runs concurrently here: the loop only wakes while a Playwright call waits.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser):
    # The site's Content-Security-Policy rightly refuses injected scripts; axe-core is the test's, not the page's.
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True, bypass_csp=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def site(live_server, transactional_db):
    """The live server's address, serving the demo workshop (the live server needs committed data)."""
    call_command("load_demo", stdout=io.StringIO())
    return live_server.url


@pytest.fixture(scope="session")
def axe_script():
    if not AXE_SCRIPT.exists():
        pytest.fail(f"{AXE_SCRIPT} is missing: `make test-browser` runs `npm ci`")
    return AXE_SCRIPT
