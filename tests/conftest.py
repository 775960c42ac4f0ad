"""Shared test configuration and fixtures for every test folder.

Playwright's sync API runs an event loop in the test thread; Django then refuses synchronous ORM calls
unless told this is deliberate (RECIPES.md §3).

Browser tests: Debian Chromium driven by Python Playwright, ONE browser for the whole session. The
fixtures live here, not in tests/browser/, so that any folder's browser test (e.g. the analytics
dashboard's) shares that one browser: Playwright's sync API cannot start twice in one thread.

RECIPES.md §3: launch /usr/bin/chromium (never `playwright install`). pytest-django's `live_server`
serves static files through Django's finders (StaticFilesHandler), so
GOV.UK Frontend's CSS and JS come from node_modules exactly as in development.

Signing in: each test creates its users in the database and gets a session from Django's test client
(`force_login`); that session cookie is put into a fresh browser context. This is the storage-state
shortcut: no test spends time on the sign-in form except the test of the sign-in form itself.

Reference data: transactional tests (browser tests, concurrency tests) empty every table afterwards,
including rows loaded by data migrations. `reference_data` puts the London boroughs back, with their
original ids, before every database test in every folder.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.test import Client

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

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
    """Chromium, started once per test process (Playwright's sync API cannot start twice in one thread)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium (RECIPES.md §3)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def live_server(request, django_db_setup, django_db_blocker):
    """pytest-django's live server, but with its own database connection in the server thread.

    With SQLite the test database is a shared-cache in-memory database; pytest-django hands the main
    thread's connection object to the server thread when the database already exists, so both threads
    interleave on one connection and a request's transaction can see (and commit against) the test's
    half-flushed state. A connection of the server's own to the same shared-cache database keeps each
    thread's transactions apart, whatever order the tests run in. PostgreSQL is unaffected.
    """
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        server = LiveServer("localhost", start=False)
        server.thread.connections_override = {}
        server.start()
    yield server
    server.stop()


@pytest.fixture
def new_page(browser, live_server) -> Iterator[Callable[..., object]]:
    """`new_page(user=None)`: a page in a fresh context, signed in as `user` when given."""
    contexts = []

    restore_reference_data()

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


BOROUGH_MIGRATION = "childfirst.core.migrations.0002_london_boroughs_and_audit_head"
_BOROUGH_ROWS: list[tuple[int, str, str]] = []


@pytest.fixture(autouse=True)
def reference_data(request: pytest.FixtureRequest) -> None:
    """Before every database test, in every folder."""
    if request.node.get_closest_marker("django_db") is not None:
        restore_reference_data()


def restore_reference_data() -> None:
    """Put back the data migration's rows if a flush removed them: boroughs (original ids), audit head.

    Browser tests need transactional databases (the live server is another thread) and Django empties
    every table after each one. `serialized_rollback` is meant to restore migration data, but did not
    always do so once ordinary tests had run earlier in the session. The ids must be the original ones:
    code elsewhere may hold boroughs it looked up earlier in the session.
    """
    from childfirst.core.audit import GENESIS_HASH
    from childfirst.core.models import AuditChainHead, Borough

    # The PostgreSQL audit append updates the head row in SQL and needs it to exist.
    AuditChainHead.objects.get_or_create(pk=1, defaults={"seq": 0, "row_hash": GENESIS_HASH})

    # encounters.services caches boroughs by code for speed; a flush between tests can leave it holding
    # ids that no longer exist (other test modules may recreate boroughs with new ids).
    from childfirst.encounters import services as encounter_services

    cache = getattr(encounter_services, "_BOROUGHS", None)
    if isinstance(cache, dict):
        cache.clear()
    if not _BOROUGH_ROWS:
        _BOROUGH_ROWS.extend(Borough.objects.order_by("pk").values_list("pk", "code", "name"))
    if not Borough.objects.exists():
        if not _BOROUGH_ROWS:
            importlib.import_module(BOROUGH_MIGRATION).load(django_apps, None)
        else:
            rows = (Borough(pk=pk, code=code, name=name) for pk, code, name in _BOROUGH_ROWS)
            Borough.objects.bulk_create(rows)
