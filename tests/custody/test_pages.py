"""The board, handover and detention pages: custody staff only, suite-scoped, refreshing, with the clocks."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client

from childfirst.core.models import AuditLog
from childfirst.core.roles import Role
from tests.factories import make_user

from .conftest import AA_PARENT, T0

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(T0 + dt.timedelta(hours=7), tick=False):
        yield


def client_for(user):
    c = Client()
    c.force_login(user)
    return c


def test_board_shows_each_child_with_review_colour_and_refreshes(custody_officer, detention, record):
    record("aa_requested", T0 + dt.timedelta(minutes=30))
    record("aa_arrived", T0 + dt.timedelta(hours=1), AA_PARENT)
    r = client_for(custody_officer).get("/custody/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "WG-0001" in html
    assert 'data-refresh-seconds="60"' in html  # refreshes itself (JS, pausable; Refresh link without JS)
    assert 'http-equiv="refresh"' not in html  # axe: timed meta refresh fails WCAG 2.2.1
    assert "govuk-tag--red" in html  # first review (6 h after authorisation) is overdue at T0 + 7 h
    assert "Overdue" in html
    assert "Child First pilot" in html
    assert "CUS-03" in html  # welfare person not informed
    assert AuditLog.objects.filter(object_type="custody.board").exists()


def test_handover_is_printable_and_does_not_refresh(custody_officer, detention):
    r = client_for(custody_officer).get("/custody/handover")
    html = r.content.decode()
    assert r.status_code == 200
    assert "@media print" in html
    assert "data-refresh-seconds" not in html
    assert "WG-0001" in html


def test_detention_page_shows_timeline(custody_officer, detention, record):
    record(
        "welfare_informed",
        T0 + dt.timedelta(minutes=30),
        {"person": "Mum", "relationship": "parent_or_guardian"},
    )
    r = client_for(custody_officer).get(f"/custody/detentions/{detention.pk}")
    assert r.status_code == 200
    assert "Person responsible for welfare informed" in r.content.decode()


def test_board_is_scoped_to_the_officers_suites(detention):
    elsewhere = make_user(Role.CUSTODY_OFFICER, borough_code="E09000023")
    html = client_for(elsewhere).get("/custody/").content.decode()
    assert "WG-0001" not in html
    assert client_for(elsewhere).get(f"/custody/detentions/{detention.pk}").status_code == 404


def test_frontline_officer_is_refused(detention):
    assert client_for(make_user(Role.FRONTLINE_OFFICER)).get("/custody/").status_code == 403


def _requested_search(officer, detention):
    from childfirst.custody import strip_search

    return strip_search.request(
        officer,
        detention,
        requested_at=T0 + dt.timedelta(hours=1),
        grounds="Seen hiding a package",
        object_sought="Drugs",
        now=T0 + dt.timedelta(hours=7),
    )


def test_inspector_authorises_a_strip_search_in_the_browser(custody_officer, inspector, detention):
    """SRC-06: the inspector sees the safeguards from the lawbook and records the decision."""
    search = _requested_search(custody_officer, detention)
    c = client_for(inspector)
    page = c.get(f"/custody/strip-searches/{search.pk}/decision")
    assert page.status_code == 200
    assert "SRC-03" in page.content.decode()  # safeguards listed
    r = c.post(
        f"/custody/strip-searches/{search.pk}/decision",
        {"decision": "authorise", "rank": "sergeant", "note": "", "version": search.version},
    )
    assert r.status_code == 400
    assert "inspector or above" in r.content.decode()
    r = c.post(
        f"/custody/strip-searches/{search.pk}/decision",
        {"decision": "authorise", "rank": "inspector", "note": "", "version": search.version},
    )
    assert r.status_code == 302
    search.refresh_from_db()
    assert search.stage == "authorised"
    assert client_for(custody_officer).get(f"/custody/strip-searches/{search.pk}/decision").status_code == 403


def test_custody_officer_records_events_from_the_detention_page(custody_officer, detention):
    c = client_for(custody_officer)
    url = f"/custody/detentions/{detention.pk}"
    detention.refresh_from_db()
    r = c.post(url, {"kind": "visit", "time": "14:25", "person": "DDO Patel", "version": detention.version})
    assert r.status_code == 302
    assert detention.events.get().kind == "visit"
    detention.refresh_from_db()
    r = c.post(
        url,
        {
            "kind": "aa_arrived",
            "time": "15:00",
            "person": "Cousin",
            "aa_type": "other_responsible_adult",
            "age": "16",
            "version": detention.version,
        },
    )
    assert r.status_code == 400
    html = r.content.decode()
    assert "govuk-error-summary" in html
    assert "18 or over" in html  # CUS-05, named in the error summary
    r = c.post(
        url, {"kind": "visit", "time": "14:40", "person": "DDO Patel", "version": detention.version - 1}
    )
    assert r.status_code == 400
    assert "changed by someone else" in r.content.decode()
    assert detention.events.count() == 1


def test_board_escapes_names(custody_officer, detention):
    detention.child.given_name = "<script>alert(1)</script>"
    detention.child.save()
    html = client_for(custody_officer).get("/custody/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_board_and_handover_use_the_wide_layout_with_problems_as_a_list(custody_officer, detention):
    c = client_for(custody_officer)
    for page in ("/custody/", "/custody/handover"):
        html = c.get(page).content.decode()
        assert "custody/custody.css" in html
        assert "custody-wide" in html
        assert (
            'class="custody-table-scroll" tabindex="0" role="region"' in html
        )  # scrolls, keyboard-reachable
        cell = html[html.index('<td class="govuk-table__cell custody-problems">') :]
        assert (
            cell.index('<ul class="govuk-list govuk-list--bullet')
            < cell.index("CUS-03")
            < cell.index("</ul>")
        )
