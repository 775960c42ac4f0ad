"""axe-core finds no violations on a populated custody board, the handover view and a detention page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from childfirst.core.roles import Role
from childfirst.custody import services
from childfirst.custody.models import CustodySuite, SuiteAssignment
from childfirst.people.models import Child
from tests.browser.conftest import *  # noqa: F403 - the shared browser fixtures (browser, live_server, new_page)
from tests.browser.test_accessibility import assert_no_violations
from tests.factories import borough, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def officer_with_children():
    officer = make_user(Role.CUSTODY_OFFICER, borough_code="E09000022")
    suite = CustodySuite.objects.create(
        code="brixton", name="Brixton", borough=borough("E09000022"), is_pilot=True
    )
    SuiteAssignment.objects.create(user=officer, suite=suite)
    now = timezone.now()
    detentions = []
    for i, (sex, hours) in enumerate([("female", 7), ("male", 2), ("male", 30)]):
        child = Child.objects.create(given_name=f"Child{i}", family_name="Test", is_synthetic=True)
        arrived = now - dt.timedelta(hours=hours)
        d = services.book_in(
            officer,
            child=child,
            suite=suite,
            custody_number=f"BX-{i}",
            arrested_at=arrived - dt.timedelta(minutes=20),
            arrest_place="Brixton Road",
            arrived_at=arrived,
            detention_authorised_at=arrived + dt.timedelta(minutes=5),
            offences=[{"description": "Theft", "offence_type": "either_way"}],
            sex=sex,
            now=now,
        )
        services.record_event(
            officer,
            d,
            kind="aa_requested",
            occurred_at=arrived + dt.timedelta(minutes=10),
            expected_version=d.version,
            now=now,
        )
        detentions.append(d)
    return officer, detentions


def test_board_handover_and_detention_pages_are_axe_clean(new_page, officer_with_children):

    officer, detentions = officer_with_children
    page = new_page(officer)
    for path in ("/custody/", "/custody/handover", f"/custody/detentions/{detentions[0].pk}"):
        page.goto(path)
        assert page.locator("h1").count() == 1
        assert_no_violations(page, path)
    page.goto("/custody/")
    page.get_by_role("button", name="Pause automatic updates").click()
    assert page.get_by_role("button", name="Resume automatic updates").is_visible()
