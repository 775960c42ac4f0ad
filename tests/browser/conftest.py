"""Browser tests: Debian Chromium driven by Python Playwright, one browser for the whole session.

RECIPES.md §3: launch /usr/bin/chromium (never `playwright install`); tests/conftest.py sets
DJANGO_ALLOW_ASYNC_UNSAFE because Playwright's sync API runs an event loop in the test thread.
pytest-django's `live_server` serves static files through Django's finders (StaticFilesHandler), so
GOV.UK Frontend's CSS and JS come from node_modules exactly as in development.

Signing in: each test creates its users in the database and gets a session from Django's test client
(`force_login`); that session cookie is put into a fresh browser context. This is the storage-state
shortcut: no test spends time on the sign-in form except the test of the sign-in form itself.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

CHROMIUM = os.environ.get("CHILDFIRST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium (RECIPES.md §3)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server) -> Iterator[Callable[..., object]]:
    """`new_page(user=None)`: a page in a fresh context, signed in as `user` when given."""
    contexts = []

    def make(user: object | None = None) -> object:
        context = browser.new_context(base_url=live_server.url)
        if user is not None:
            client = Client()
            client.force_login(user)
            cookie = client.cookies[settings.SESSION_COOKIE_NAME]
            context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield make
    for context in contexts:
        context.close()
