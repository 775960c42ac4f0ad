"""axe-core (via axe-playwright-python) finds no violations on any page of the web app.

The pages come from the URL resolver (tests/web/page_inventory.py): every named URL in the web app's
namespaces (web, and the custody, analytics and opendata pages as they are added) is visited as one of
the roles its `tests/access_expectations/<app>.py` entry allows; tests/web/test_page_inventory.py fails
when a page has no expectation, so new pages cannot escape this check. Extra states (forms
with errors, confirmation banners, revealed stop-and-search fields) are checked too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from childfirst.core.roles import Role
from childfirst.encounters.models import ChildComingToNotice
from tests.factories import ChildFactory, EncounterFactory, make_user, users_by_role
from tests.web.page_inventory import all_expectations, named_web_urls

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

#: Who visits a page, when several roles may: the first allowed in this order.
ROLE_PREFERENCE = [
    Role.FRONTLINE_OFFICER,
    Role.SUPERVISOR,
    Role.CUSTODY_OFFICER,
    Role.SAFEGUARDING_OFFICER,
    Role.DIVERSION_OFFICER,
    Role.EXPLOITATION_INVESTIGATOR,
    Role.AUDITOR,
    Role.ANALYST,
    Role.TRAINING_LEAD,
    Role.ADMINISTRATOR,
]


PAGES = named_web_urls()


def assert_no_violations(page, what: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    if results.violations_count:
        report = results.generate_report()
        print(f"\naxe violations on {what}:\n{report}")
    assert results.violations_count == 0, f"{results.violations_count} axe violation(s) on {what}"


@dataclass
class World:
    """The access matrix's world (tests/test_access_matrix.py): one user per role, a child, an encounter."""

    users: dict[Role, Any]
    child: Any
    encounter: Any


@pytest.fixture
def world() -> World:
    """All users in one Hackney team; a child the frontline officer met, with a safeguarding concern."""
    users = users_by_role()
    officer = users[Role.FRONTLINE_OFFICER]
    child = ChildFactory(given_name="Ada", family_name="Nwosu", created_by=officer, what_helps="A quiet room")
    encounter = EncounterFactory(
        child=child, recording_officer=officer, safeguarding_concern=True, safeguarding_details="Exploitation"
    )
    ChildComingToNotice.objects.create(
        child=child,
        encounter=encounter,
        borough=encounter.borough,
        concern="Exploitation",
        raised_by=officer,
        raised_at=encounter.aware_at,
    )
    return World(users=users, child=child, encounter=encounter)


def _value(value: Any, world: World) -> Any:
    if callable(value):
        return value(world)
    if isinstance(value, str):
        return value.replace("{child}", str(world.child.pk)).replace("{encounter}", str(world.encounter.pk))
    return value


def page_url(name: str, expected: dict[str, Any], world: World) -> str:
    if "path" in expected:
        return _value(expected["path"], world)
    kwargs = {key: _value(value, world) for key, value in (expected.get("kwargs") or {}).items()}
    if "child_id" in kwargs:
        kwargs["child_id"] = world.child.pk
    if "encounter_id" in kwargs:
        kwargs["encounter_id"] = world.encounter.pk
    url = reverse(name, kwargs=kwargs)
    query = {key: _value(value, world) for key, value in (expected.get("query") or {}).items()}
    return f"{url}?{urlencode(query)}" if query else url


def _is_page(expected: dict[str, Any]) -> bool:
    return (expected.get("method") or "get").lower() == "get"


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_axe_violations(name, world, new_page):
    """Every HTML page, as a role allowed to see it (downloads and POST-only URLs are not pages)."""
    expectations = all_expectations()
    expected = expectations.get(name) or expectations.get(name.split(":", 1)[0] + ":*")
    assert expected is not None, f"{name} has no access expectation (tests/access_expectations/)"
    if not _is_page(expected):
        return  # a POST-only action such as sign-out: it has no page of its own
    url = page_url(name, expected, world)
    if expected.get("public"):
        page = new_page()
    else:
        role = next((role for role in ROLE_PREFERENCE if role in expected["allowed"]), None)
        if role is None and "anonymous" not in expected["allowed"]:
            return  # nobody may open it, so there is no page to check
        page = new_page(world.users[role] if role else None)
    probe = page.request.get(url, max_redirects=0)
    if "text/html" not in probe.headers.get("content-type", ""):
        return  # a download, not a page: the access matrix checks who may fetch it
    response = page.goto(url)
    assert response is not None
    wanted = expected.get("expect", 200)
    statuses = wanted if isinstance(wanted, set | frozenset | list | tuple) else {wanted}
    if not expected.get("public"):
        assert response.status in statuses, f"{name} answered {response.status}, expected {wanted}"
    assert_no_violations(page, f"{name} ({url})")


def test_states_have_no_axe_violations(world, new_page):
    """Forms with errors, revealed conditional fields, banners and search results."""
    users = world.users
    anonymous = new_page()
    anonymous.goto(reverse("web:sign-in"))
    anonymous.locator("button[type=submit]").first.click()
    anonymous.wait_for_selector(".govuk-error-summary")
    assert_no_violations(anonymous, "sign-in with errors")

    officer = new_page(users[Role.FRONTLINE_OFFICER])
    officer.goto(reverse("web:encounter-new"))
    officer.locator("form[novalidate] button[type=submit]").click()
    officer.wait_for_selector(".govuk-error-summary")
    assert_no_violations(officer, "new encounter with errors")
    officer.goto(reverse("web:encounter-new") + f"?child={world.child.pk}")
    officer.check("#id_encounter_type_0")  # stop and search: its data.police.uk questions come next
    for name, value in {
        "#id_aware_date_day": "1",
        "#id_aware_date_month": "3",
        "#id_aware_date_year": "2026",
        "#id_aware_time": "14:30",
        "#id_rights_explained_how": "Plain words",
    }.items():
        officer.fill(name, value)
    for radio in ("child_role_0", "appears_under_18_0", "age_established_1", "rights_explained_0"):
        officer.check(f"#id_{radio}")
    for radio in ("communication_adjusted_2", "responsible_adult_informed_0", "vulnerability_considered_0"):
        officer.check(f"#id_{radio}")
    for radio in ("adultification_prompt_answered_0", "safeguarding_concern_1"):
        officer.check(f"#id_{radio}")
    officer.locator("form[novalidate] button[type=submit]").click()
    officer.wait_for_selector("text=Stop and search details")
    officer.locator("form[novalidate] button[type=submit]").click()
    officer.wait_for_selector(".govuk-error-summary")
    assert_no_violations(officer, "stop and search details with errors")

    officer.goto(reverse("web:child-search") + "?name=ada")
    assert "Ada Nwosu" in officer.locator("main").inner_text()
    assert_no_violations(officer, "child search results")

    officer.goto(reverse("web:break-glass", args=[world.child.pk]))
    officer.locator("form[novalidate] button[type=submit]").click()
    officer.wait_for_selector(".govuk-error-summary")
    assert_no_violations(officer, "break-glass with errors")

    outsider = new_page(_outsider())
    outsider.goto(reverse("web:child-record", args=[world.child.pk]))
    assert_no_violations(outsider, "record not found or not open to you")
    outsider.goto(reverse("web:break-glass", args=[world.child.pk]))
    outsider.fill("#id_reason", "Found missing in our borough at night")
    outsider.locator("form[novalidate] button[type=submit]").click()
    outsider.wait_for_selector("#break-glass-title")
    assert_no_violations(outsider, "child record opened by break-glass")

    auditor = new_page(users[Role.AUDITOR])
    auditor.goto(reverse("web:audit-search") + "?child=" + str(world.child.pk))
    assert auditor.locator("table.govuk-table").is_visible()
    assert_no_violations(auditor, "audit search results")
    auditor.goto(reverse("web:audit-search") + "?object=nonsense&date_from_day=40")
    assert_no_violations(auditor, "audit search with errors")


def _outsider():
    return make_user(Role.FRONTLINE_OFFICER, borough_code="E09000001")


def test_error_pages_and_demo_banner_have_no_axe_violations(world, new_page, settings):
    settings.CHILDFIRST_DEMO = True
    analyst = new_page(world.users[Role.ANALYST])
    response = analyst.goto(reverse("web:child-search"))
    assert response is not None
    assert response.status == 403
    assert analyst.locator(".govuk-phase-banner").is_visible()
    assert_no_violations(analyst, "403 page with the demo banner")
    response = analyst.goto("/no-such-page")
    assert response is not None
    assert response.status == 404
    assert_no_violations(analyst, "404 page")


def test_new_child_form_with_errors_has_no_axe_violations(world, new_page):
    officer = new_page(world.users[Role.FRONTLINE_OFFICER])
    officer.goto(reverse("web:child-new"))
    officer.fill("#id_given_name", "Tolu")
    officer.locator("form[novalidate] button[type=submit]").click()
    officer.wait_for_selector(".govuk-error-summary")
    assert_no_violations(officer, "new child with errors")
