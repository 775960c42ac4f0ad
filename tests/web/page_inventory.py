"""Every named page of the web app, from the URL resolver, and the access expectations declared for them.

Used by the accessibility test (which visits each page) and by `test_page_inventory` (which fails when a
page has no expectation). The web app's namespaces include other apps' HTML pages as they are added.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

import tests.access_expectations as expectation_modules

WEB_NAMESPACES = frozenset({"web", "custody", "analytics", "opendata"})


def named_web_urls() -> list[str]:
    names: set[str] = set()

    def walk(patterns: list[Any], namespace: str | None) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, entry.namespace or namespace)
            elif isinstance(entry, URLPattern) and entry.name and namespace in WEB_NAMESPACES:
                names.add(f"{namespace}:{entry.name}")

    walk(get_resolver().url_patterns, None)
    return sorted(names)


def all_expectations() -> dict[str, dict[str, Any]]:
    merged: dict[str, dict[str, Any]] = {}
    for module_info in pkgutil.iter_modules(expectation_modules.__path__):
        module = importlib.import_module(f"tests.access_expectations.{module_info.name}")
        merged.update(getattr(module, "EXPECTATIONS", {}))
    return merged
