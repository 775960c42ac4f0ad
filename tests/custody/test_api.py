"""The custody API: roles, suite scoping, booking in, events (400 naming the field, 409 on a stale version),
the derived fields on GET detentions/{id}, and the board."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from rest_framework.test import APIClient

from childfirst.core.roles import Role
from childfirst.custody.models import CustodySuite, DetentionEvent
from tests.factories import borough, make_user

from .conftest import AA_PARENT, T0, book

pytestmark = pytest.mark.django_db
NOW = T0 + dt.timedelta(hours=2)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def client_for(user):
    c = APIClient()
    c.force_authenticate(user)
    return c


def test_detention_detail_has_the_derived_fields(custody_officer, detention):
    r = client_for(custody_officer).get(f"/api/v1/custody/detentions/{detention.pk}")
    assert r.status_code == 200, r.content
    body = r.json()
    for key in (
        "is_juvenile",
        "relevant_time",
        "detention_limit",
        "next_review_due",
        "overnight",
        "transfer_required",
        "problems",
    ):
        assert key in body
    assert body["is_juvenile"] is True
    assert dt.datetime.fromisoformat(body["relevant_time"]) == T0
    assert dt.datetime.fromisoformat(body["detention_limit"]) == T0 + dt.timedelta(hours=24)
    assert {
        "rule": "CUS-03",
        "message": "Person responsible for the child's welfare not yet informed",
    } in body["problems"]
    assert all(set(p) == {"rule", "message"} for p in body["problems"])


@pytest.mark.parametrize("role", [Role.FRONTLINE_OFFICER, Role.ANALYST, Role.AUDITOR, Role.ADMINISTRATOR])
def test_other_roles_are_refused(role, detention):
    user = make_user(role, borough_code="E09000014")
    c = client_for(user)
    assert c.get("/api/v1/custody/board").status_code == 403
    assert c.get(f"/api/v1/custody/detentions/{detention.pk}").status_code == 403


def test_anonymous_is_refused(detention):
    assert APIClient().get("/api/v1/custody/board").status_code in (401, 403)


def test_custody_officer_in_another_borough_cannot_see_the_detention(detention):
    other = make_user(Role.CUSTODY_OFFICER, borough_code="E09000023")
    c = client_for(other)
    assert c.get(f"/api/v1/custody/detentions/{detention.pk}").status_code == 404
    assert c.get("/api/v1/custody/board").json()["counts"]["children"] == 0


def test_post_event_then_stale_version_conflict(custody_officer, inspector, detention):
    c1, c2 = client_for(custody_officer), client_for(inspector)
    payload = {"kind": "visit", "occurred_at": (T0 + dt.timedelta(minutes=30)).isoformat(), "version": 1}
    r = c1.post(f"/api/v1/custody/detentions/{detention.pk}/events", payload, format="json")
    assert r.status_code == 201, r.content
    assert r.json()["version"] == 2
    r = c2.post(
        f"/api/v1/custody/detentions/{detention.pk}/events",
        {**payload, "occurred_at": (T0 + dt.timedelta(minutes=40)).isoformat()},
        format="json",
    )
    assert r.status_code == 409
    assert "Reload" in r.json()["errors"]["version"][0]
    assert DetentionEvent.objects.filter(detention=detention).count() == 1


def test_post_event_bad_input_names_the_field(custody_officer, detention):
    c = client_for(custody_officer)
    r = c.post(
        f"/api/v1/custody/detentions/{detention.pk}/events",
        {
            "kind": "released",
            "occurred_at": (T0 - dt.timedelta(hours=1)).isoformat(),
            "version": 1,
            "data": {"outcome": "no_further_action"},
        },
        format="json",
    )
    assert r.status_code == 400
    assert "before the child arrived" in r.json()["errors"]["occurred_at"][0]
    r = c.post(
        f"/api/v1/custody/detentions/{detention.pk}/events",
        {"kind": "visit", "occurred_at": (NOW + dt.timedelta(hours=1)).isoformat(), "version": 1},
        format="json",
    )
    assert "in the future" in r.json()["errors"]["occurred_at"][0]


def test_book_in_through_the_api(custody_officer, suite, child):
    c = client_for(custody_officer)
    body = {
        "child": child.pk,
        "access_reason": "Booked into Wood Green custody",
        "suite": suite.code,
        "custody_number": "WG-API-1",
        "arrested_at": (T0 - dt.timedelta(minutes=30)).isoformat(),
        "arrest_place": "Wood Green High Road",
        "arrived_at": T0.isoformat(),
        "detention_authorised_at": (T0 + dt.timedelta(minutes=10)).isoformat(),
        "offences": [{"description": "Theft from shop", "offence_type": "either_way"}],
        "date_of_birth": "2011-02-03",
        "sex": "female",
    }
    r = c.post("/api/v1/custody/detentions", body, format="json")
    assert r.status_code == 201, r.content
    assert r.json()["is_juvenile"] is True
    assert any(p["rule"] == "CUS-08" for p in r.json()["problems"])
    r = c.post(
        "/api/v1/custody/detentions",
        {**body, "custody_number": "WG-API-2", "suite": "nowhere"},
        format="json",
    )
    assert r.status_code == 400
    assert "suite" in r.json()["errors"]
    r = c.post(
        "/api/v1/custody/detentions",
        {**body, "custody_number": "WG-API-3", "mental_health_s136": True},
        format="json",
    )
    assert r.status_code == 400
    assert "CUS-21" in r.json()["errors"]["mental_health_s136"][0]


def test_board_lists_children_per_suite(custody_officer, child, suite, detention):
    book(
        custody_officer,
        child,
        suite,
        number="WG-0002",
        arrived=T0 + dt.timedelta(minutes=30),
        now=T0 + dt.timedelta(hours=1),
    )
    r = client_for(custody_officer).get("/api/v1/custody/board")
    assert r.status_code == 200
    body = r.json()
    wood_green = next(s for s in body["suites"] if s["code"] == "wood-green")
    assert wood_green["pilot"] is True
    assert [c["custody_number"] for c in wood_green["children"]] == ["WG-0001", "WG-0002"]
    assert body["counts"]["children"] == 2


def test_list_filters_by_state(custody_officer, detention):
    r = client_for(custody_officer).get("/api/v1/custody/detentions?state=released")
    assert r.json()["count"] == 0
    r = client_for(custody_officer).get("/api/v1/custody/detentions?state=in_custody")
    assert r.json()["count"] == 1


def test_strip_search_decision_is_for_inspectors_only(custody_officer, inspector, detention):
    c = client_for(custody_officer)
    r = c.post(
        f"/api/v1/custody/detentions/{detention.pk}/strip-searches",
        {
            "requested_at": (T0 + dt.timedelta(hours=1)).isoformat(),
            "grounds": "Concealment seen",
            "object_sought": "Knife",
        },
        format="json",
    )
    assert r.status_code == 201, r.content
    sid = r.json()["id"]
    decision = {
        "authorise": True,
        "rank": "inspector",
        "at": (T0 + dt.timedelta(hours=1, minutes=5)).isoformat(),
        "version": r.json()["version"],
    }
    assert (
        c.post(f"/api/v1/custody/strip-searches/{sid}/decision", decision, format="json").status_code == 403
    )
    r = client_for(inspector).post(f"/api/v1/custody/strip-searches/{sid}/decision", decision, format="json")
    assert r.status_code == 200, r.content
    assert r.json()["stage"] == "authorised"
    # the next step sent with the version loaded before the decision: someone changed it since, reload
    safeguards = {
        "route": "urgency",
        "urgency_reason": "Blade seen; risk of self-harm",
        "inspector_notified": "Insp Rao",
        "at": (T0 + dt.timedelta(hours=1, minutes=10)).isoformat(),
        "version": decision["version"],
    }
    r = c.post(f"/api/v1/custody/strip-searches/{sid}/safeguards", safeguards, format="json")
    assert r.status_code == 409, r.content
    assert "Reload" in r.json()["errors"]["version"][0]


def test_suite_in_own_borough_is_visible_without_assignment(detention):
    officer = make_user(Role.CUSTODY_OFFICER, borough_code="E09000014")
    assert CustodySuite.objects.filter(borough=borough("E09000014")).exists()
    assert client_for(officer).get(f"/api/v1/custody/detentions/{detention.pk}").status_code == 200


def test_detail_carries_the_concordat_record_after_charge(custody_officer, detention, record):
    """CUS-20 principle 7: for a charged child refused bail, the transfer record and what it lacks."""
    before_charge = client_for(custody_officer).get(f"/api/v1/custody/detentions/{detention.pk}").json()
    assert before_charge["concordat"] is None
    record("aa_requested", T0 + dt.timedelta(minutes=10))
    record("aa_arrived", T0 + dt.timedelta(minutes=20), AA_PARENT)
    record("charged", T0 + dt.timedelta(minutes=40))
    record(
        "bail_decision",
        T0 + dt.timedelta(minutes=45),
        {"outcome": "refused", "ground": "own_interests"},
        reason="No safe address",
    )
    c = client_for(custody_officer)
    body = c.get(f"/api/v1/custody/detentions/{detention.pk}").json()
    assert body["transfer_required"] is True
    assert body["concordat"]["la_duty_breached"] is False
    assert body["concordat"]["principles"]
    record(
        "transfer_requested",
        T0 + dt.timedelta(minutes=50),
        {"local_authority": "Haringey", "accommodation": "non_secure"},
    )
    record("transfer_response", T0 + dt.timedelta(minutes=55), {"response": "refused"}, reason="No carers")
    body = c.get(f"/api/v1/custody/detentions/{detention.pk}").json()
    assert body["concordat"]["la_duty_breached"] is True  # CUS-19: non-secure duty is absolute
