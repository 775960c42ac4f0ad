"""No page escapes the access matrix or the accessibility test."""

from .page_inventory import all_expectations, named_web_urls


def test_the_inventory_sees_the_web_apps_own_pages():
    pages = named_web_urls()
    assert {"web:home", "web:child-record", "web:encounter-new", "web:audit-search"} <= set(pages)
    assert not any(name.startswith("api:") for name in pages)


def test_every_web_page_has_an_access_expectation():
    expectations = all_expectations()
    missing = [
        name
        for name in named_web_urls()
        if name not in expectations and name.split(":", 1)[0] + ":*" not in expectations
    ]
    assert not missing, f"pages with no entry in tests/access_expectations/*.py: {missing}"
