"""GOV.UK Frontend's components without GOV.UK's reserved brand: no crown, no GDS Transport font."""

from __future__ import annotations

import pytest
from django.urls import reverse

from childfirst.core.roles import Role
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_pages_use_govuk_styles_with_a_system_font_and_no_crown(new_page):
    page = new_page(make_user(Role.FRONTLINE_OFFICER))
    requested: list[str] = []
    failed: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("response", lambda response: response.status >= 400 and failed.append(response.url))
    page.goto(reverse("web:encounter-new"))
    page.wait_for_load_state("networkidle")

    assert not failed, f"requests that failed: {failed}"
    assert any(url.endswith("govuk-frontend.min.css") for url in requested)
    assert not [url for url in requested if "/fonts/" in url], "a GDS Transport font file was requested"
    for selector in ("body", "h1", "label", ".govuk-button", ".govuk-input"):
        family = page.eval_on_selector(selector, "el => getComputedStyle(el).fontFamily")
        assert "GDS Transport" not in family, f"{selector} uses {family}"
    # GOV.UK Frontend's JavaScript ran (the body class it needs was set and components initialised).
    assert page.evaluate("() => document.body.classList.contains('govuk-frontend-supported')")
    assert page.locator(".govuk-header__logotype, .govuk-header__crown, svg.govuk-footer__crown").count() == 0
    # GOV.UK styles are applied: the radio input is GOV.UK's 44px touch target.
    assert page.eval_on_selector(".govuk-radios__input", "el => getComputedStyle(el).width") == "44px"
