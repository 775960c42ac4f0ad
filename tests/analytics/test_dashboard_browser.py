"""axe-core finds no violations on the dashboard with real figures in it (charts, tables, notes), nor
with filter errors. The site-wide axe test visits the pages too, but usually with no store imported."""

from __future__ import annotations

import pytest
from django.urls import reverse

from childfirst.core.roles import Role
from tests.browser.test_accessibility import assert_no_violations
from tests.factories import make_user

from .test_web import db  # noqa: F401 - fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_dashboard_with_figures_and_with_errors_is_axe_clean(db, new_page) -> None:  # noqa: F811
    page = new_page(make_user(Role.ANALYST))
    page.goto(reverse("analytics:dashboard"))
    assert page.locator("svg[role=img]").count() == 4
    assert_no_violations(page, "analytics dashboard with figures")
    page.goto(
        reverse("analytics:dashboard")
        + "?month_from=2022-02&month_to=2022-01&reference=White&focus=White"
        + "&age=10-17&ethnicity=self&method=katz"
    )
    page.wait_for_selector(".govuk-error-summary")
    assert_no_violations(page, "analytics dashboard with filter errors")
    page.goto(reverse("analytics:measures"))
    assert_no_violations(page, "measures")
