"""Shared test configuration.

Playwright's sync API runs an event loop in the test thread; Django then refuses synchronous ORM calls
unless told this is deliberate (RECIPES.md §3).
"""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
