"""The strip-search workflow in the web: request → inspector decision → safeguard route → completion.

Each page shows the safeguards the lawbook requires; each step goes through the strip-search services,
so missing mandatory fields (SRC-04) or an unmet safeguard (SRC-03) block it and nothing is saved.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client

from childfirst.core.roles import Role
from childfirst.custody import strip_search as ss
from childfirst.custody.models import StripSearch, StripSearchStage
from tests.factories import make_user

from .conftest import AA_PARENT, T0

pytestmark = pytest.mark.django_db
M = dt.timedelta(minutes=1)
DAY1 = "13/01/2026"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(T0 + 180 * M, tick=False):
        yield


def client_for(user):
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def with_aa(record):
    record("aa_requested", T0 + 10 * M)
    record("aa_arrived", T0 + 40 * M, AA_PARENT)


def request_search(c, detention, **data):
    body = {"time": "15:00", "date": DAY1, "grounds": "Seen concealing a package", "object_sought": "Drugs"}
    body.update(data)
    return c.post(f"/custody/detentions/{detention.pk}/strip-searches/new", body)


def authorised(custody_officer, inspector, detention):
    search = ss.request(
        custody_officer, detention, requested_at=T0 + 60 * M, grounds="Seen concealing", object_sought="Knife"
    )
    return ss.decide(
        inspector, search, authorise=True, rank="inspector", at=T0 + 65 * M, expected_version=search.version
    )


def test_request_page_shows_the_required_safeguards(custody_officer, detention):
    r = client_for(custody_officer).get(f"/custody/detentions/{detention.pk}/strip-searches/new")
    html = r.content.decode()
    assert r.status_code == 200
    assert "SRC-06" in html  # inspector authorisation (Met policy)
    assert "SRC-03" in html


def test_request_happy_and_error_paths(custody_officer, detention):
    c = client_for(custody_officer)
    r = request_search(c, detention, grounds=" ", object_sought="")
    assert r.status_code == 400
    html = r.content.decode()
    assert "Why the search is necessary: is required" in html
    assert "Object sought: is required (SRC-04)" in html
    assert 'href="#f-grounds"' in html
    assert not StripSearch.objects.exists()
    r = request_search(c, detention)
    assert r.status_code == 302
    search = StripSearch.objects.get()
    assert (search.grounds, search.object_sought, search.stage) == (
        "Seen concealing a package",
        "Drugs",
        "requested",
    )


def test_safeguard_route_needs_the_aa_on_the_timeline(custody_officer, inspector, detention):
    search = authorised(custody_officer, inspector, detention)
    c = client_for(custody_officer)
    page = f"/custody/strip-searches/{search.pk}/safeguards"
    r = c.get(page)
    assert r.status_code == 200
    assert "SRC-03" in r.content.decode()
    r = c.post(
        page,
        {"time": "15:10", "date": DAY1, "route": "aa_present", "aa_name": "Mum", "version": search.version},
    )
    assert r.status_code == 400
    assert "no appropriate adult is recorded as present on the timeline (SRC-03)" in r.content.decode()
    r = c.post(page, {"time": "15:10", "date": DAY1, "route": "urgency", "version": search.version})
    html = r.content.decode()
    assert "The risk of serious harm that could not wait: is required" in html
    assert "Inspector notified: an inspector must be notified" in html
    assert "(SRC-08)" in html
    search.refresh_from_db()
    assert search.stage == StripSearchStage.AUTHORISED


def test_child_objected_route_needs_the_aas_signed_agreement(custody_officer, inspector, detention, with_aa):
    search = authorised(custody_officer, inspector, detention)
    c = client_for(custody_officer)
    page = f"/custody/strip-searches/{search.pk}/safeguards"
    assert (
        'Appropriate adult: <strong class="govuk-tag govuk-tag--green">Present'
        in c.get(page).content.decode()
    )
    data = {
        "time": "15:10",
        "date": DAY1,
        "route": "child_objected_aa_agreed",
        "aa_name": "Mum",
        "version": search.version,
    }
    r = c.post(page, data)
    assert r.status_code == 400
    assert "Appropriate adult&#x27;s signed agreement: the AA must agree and sign" in r.content.decode()
    r = c.post(page, {**data, "aa_signed": "yes"})
    assert r.status_code == 302
    search.refresh_from_db()
    assert (search.stage, search.route, search.aa_signed) == (
        "safeguards_met",
        "child_objected_aa_agreed",
        True,
    )


def test_safeguards_before_the_inspector_decides_are_refused(custody_officer, detention, with_aa):
    search = ss.request(custody_officer, detention, requested_at=T0 + 60 * M, grounds="G", object_sought="O")
    r = client_for(custody_officer).post(
        f"/custody/strip-searches/{search.pk}/safeguards",
        {"time": "15:10", "date": DAY1, "route": "aa_present", "aa_name": "Mum", "version": search.version},
    )
    assert r.status_code == 400
    assert "an inspector must authorise the search first (SRC-06)" in r.content.decode()


def _safeguarded(custody_officer, inspector, detention):
    search = authorised(custody_officer, inspector, detention)
    return ss.record_safeguards(
        custody_officer,
        search,
        route="aa_present",
        aa_name="Mum",
        at=T0 + 70 * M,
        expected_version=search.version,
    )


def test_completion_is_blocked_until_every_mandatory_field_is_given(
    custody_officer, inspector, detention, with_aa
):
    search = _safeguarded(custody_officer, inspector, detention)
    c = client_for(custody_officer)
    page = f"/custody/strip-searches/{search.pk}/completion"
    r = c.get(page)
    assert r.status_code == 200
    assert "SRC-04" in r.content.decode()
    r = c.post(page, {"time": "15:20", "date": DAY1, "version": search.version, "person-2-sex": "male"})
    assert r.status_code == 400
    html = r.content.decode()
    assert "Where the search took place: is required" in html
    assert "Result: is required (SRC-04)" in html
    assert "Person 2: name: is required" in html  # the half-filled row is named by its own number
    assert html.count("Person 2: name: is required") == 2  # in the summary and at the field
    assert 'href="#f-person-2-name"' in html
    search.refresh_from_db()
    assert search.stage == StripSearchStage.SAFEGUARDS_MET


def test_completion_enforces_same_sex_officers_then_completes(custody_officer, inspector, detention, with_aa):
    search = _safeguarded(custody_officer, inspector, detention)
    c = client_for(custody_officer)
    page = f"/custody/strip-searches/{search.pk}/completion"
    people = {
        "person-1-name": "Mum",
        "person-1-sex": "female",
        "person-1-role": "appropriate_adult",
        "person-2-name": "PS Lee",
        "person-2-sex": "female",
        "person-2-role": "officer",
        "person-3-name": "PC Obi",
        "person-3-sex": "male",
        "person-3-role": "officer",
    }
    body = {
        "time": "15:20",
        "date": DAY1,
        "version": search.version,
        "location": "custody_suite",
        "result": "Nothing found",
    }
    r = c.post(page, {**body, **people})
    assert r.status_code == 400
    assert "same sex as the child (SRC-02)" in r.content.decode()
    assert 'value="PS Lee"' in r.content.decode()  # what was typed is kept
    r = c.post(page, {**body, **people, "person-2-sex": "male"})
    assert r.status_code == 302
    search.refresh_from_db()
    assert search.stage == StripSearchStage.COMPLETED
    assert [p["name"] for p in search.persons_present] == ["Mum", "PS Lee", "PC Obi"]
    assert search.follow_ups.exists()  # policy follow-ups were created (SRC-08)


def test_stale_strip_search_version_asks_to_reload(custody_officer, inspector, detention, with_aa):
    search = authorised(custody_officer, inspector, detention)
    r = client_for(custody_officer).post(
        f"/custody/strip-searches/{search.pk}/safeguards",
        {
            "time": "15:10",
            "date": DAY1,
            "route": "aa_present",
            "aa_name": "Typed Name",
            "version": search.version - 1,
        },
    )
    assert r.status_code == 400
    html = r.content.decode()
    assert "changed by someone else" in html
    assert 'value="Typed Name"' in html
    search.refresh_from_db()
    assert search.stage == StripSearchStage.AUTHORISED


def test_detention_page_links_the_next_strip_search_step(custody_officer, inspector, detention, with_aa):
    search = authorised(custody_officer, inspector, detention)
    html = client_for(custody_officer).get(f"/custody/detentions/{detention.pk}").content.decode()
    assert f"/custody/strip-searches/{search.pk}/safeguards" in html
    assert f"/custody/detentions/{detention.pk}/strip-searches/new" in html
    assert f"/custody/detentions/{detention.pk}/record" in html


def test_strip_search_pages_are_for_custody_staff_of_the_suite(custody_officer, inspector, detention):
    search = authorised(custody_officer, inspector, detention)
    frontline = make_user(Role.FRONTLINE_OFFICER, borough_code="E09000014")
    elsewhere = make_user(Role.CUSTODY_OFFICER, borough_code="E09000023", username="sgt-lewisham")
    for page in (
        f"/custody/detentions/{detention.pk}/strip-searches/new",
        f"/custody/strip-searches/{search.pk}/safeguards",
        f"/custody/strip-searches/{search.pk}/completion",
    ):
        assert client_for(inspector).get(page).status_code == 200
        assert client_for(frontline).get(page).status_code == 403
        assert client_for(elsewhere).get(page).status_code == 404
    assert (
        client_for(frontline).post(f"/custody/detentions/{detention.pk}/strip-searches/new", {}).status_code
        == 403
    )
    assert StripSearch.objects.count() == 1
