"""The auditor's audit search and the break-glass log."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from childfirst.core.audit import AuditAction, Auditor, writing_to_chain
from childfirst.core.models import AuditLog
from childfirst.core.roles import Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def auditor(client):
    user = make_user(Role.AUDITOR, username="auditor-1")
    client.force_login(user)
    return user


def test_audit_search_lists_newest_first_across_chains(client, auditor):
    """Sequence numbers restart in each audit chain (ADR 0004), so order is by time, not by seq."""
    officer = make_user(Role.FRONTLINE_OFFICER, username="pc-chains")
    with writing_to_chain(2):
        for n in range(3):
            Auditor(officer).record(AuditAction.READ, "child", 100 + n, child_id=100 + n)
    with writing_to_chain(3):
        Auditor(officer).record(AuditAction.READ, "child", 200, child_id=200)  # newest, but seq 1 in chain 3
    html = client.get(reverse("web:audit-search"), {"actor": "pc-chains"}).content.decode()
    positions = [html.index(f">child:{n}<") for n in (200, 102, 101, 100)]
    assert positions == sorted(positions)


def test_audit_search_filters_by_actor_action_object_and_child(client, auditor):
    alice = make_user(Role.FRONTLINE_OFFICER, username="pc-alice")
    bob = make_user(Role.FRONTLINE_OFFICER, username="pc-bob")
    Auditor(alice).record(AuditAction.READ, "child", 7, child_id=7)
    Auditor(bob).record(AuditAction.READ, "child", 8, child_id=8)
    Auditor(bob).record(AuditAction.CREATE, "encounter", 3, child_id=7)

    def records(**query):
        html = client.get(reverse("web:audit-search"), query).content.decode()
        return {name for name in ("child:7", "child:8", "encounter:3") if f">{name}<" in html}

    assert records(actor="pc-alice") == {"child:7"}
    assert records(action="create") == {"encounter:3"}
    assert records(object="child:8") == {"child:8"}
    assert records(child="7") == {"child:7", "encounter:3"}


def test_audit_searches_are_themselves_audited(client, auditor):
    client.get(reverse("web:audit-search"), {"actor": "pc-alice"})
    row = AuditLog.objects.get(action="search", object_type="audit_log")
    assert row.actor == auditor
    assert row.detail == {"filters": {"actor": "pc-alice"}}


def test_audit_search_by_date_range_uses_london_days(client, auditor):
    officer = make_user(Role.FRONTLINE_OFFICER)
    row = Auditor(officer).record(AuditAction.READ, "child", 5, child_id=5)
    # 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
    AuditLog.objects.filter(pk=row.pk).update(at=dt.datetime(2026, 6, 30, 23, 30, tzinfo=dt.UTC))
    july = {"date_from_day": "1", "date_from_month": "7", "date_from_year": "2026"}
    june = {"date_to_day": "30", "date_to_month": "6", "date_to_year": "2026"}
    assert ">child:5<" in client.get(reverse("web:audit-search"), july).content.decode()
    assert ">child:5<" not in client.get(reverse("web:audit-search"), june).content.decode()


@pytest.mark.parametrize(
    ("query", "anchor", "message"),
    [
        ({"object": "child 12"}, "id_object", "Record must be a type and a number separated by a colon"),
        ({"child": "abc"}, "id_child", "Child record number must be a whole number"),
        (
            {"date_from_day": "31", "date_from_month": "2", "date_from_year": "2026"},
            "id_date_from_day",
            "real date",
        ),
        ({"date_from_day": "3", "date_from_year": "2026"}, "id_date_from_day", "must include a month"),
        (
            {
                **{"date_from_day": "3", "date_from_month": "3", "date_from_year": "2026"},
                **{"date_to_day": "2", "date_to_month": "3", "date_to_year": "2026"},
            },
            "id_date_to_day",
            "The &#x27;to&#x27; date must be the same as or after the &#x27;from&#x27; date",
        ),
    ],
)
def test_bad_filters_are_named_in_the_error_summary(client, auditor, query, anchor, message):
    html = client.get(reverse("web:audit-search"), query).content.decode()
    assert "govuk-error-summary" in html
    assert f'<a href="#{anchor}">' in html
    assert message in html
    assert not AuditLog.objects.filter(action="search").exists()


def test_audit_search_is_paginated(client, auditor):
    officer = make_user(Role.FRONTLINE_OFFICER)
    for number in range(60):
        Auditor(officer).record(AuditAction.READ, "child", number + 1, child_id=number + 1)
    first = client.get(reverse("web:audit-search")).content.decode()
    assert "govuk-pagination" in first
    assert "page 1 of 2" in first
    second = client.get(reverse("web:audit-search"), {"page": 2}).content.decode()
    assert "page 2 of 2" in second
    assert ">child:1<" in second
    assert ">child:1<" not in first


@pytest.mark.parametrize("role", [Role.FRONTLINE_OFFICER, Role.SUPERVISOR, Role.ANALYST])
def test_only_auditors_search_the_audit_trail(client, role):
    client.force_login(make_user(role))
    assert client.get(reverse("web:audit-search")).status_code == 403


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.AUDITOR])
def test_break_glass_log_lists_openings_with_reasons(client, role):
    officer = make_user(Role.FRONTLINE_OFFICER, username="pc-carol")
    Auditor(officer, reason="Missing child found in our borough").record(
        AuditAction.BREAK_GLASS, "child", 9, child_id=9
    )
    Auditor(officer).record(AuditAction.READ, "child", 10, child_id=10)
    client.force_login(make_user(role))
    html = client.get(reverse("web:break-glass-log")).content.decode()
    assert "Missing child found in our borough" in html
    assert "pc-carol" in html
    assert ">child:9<" in html
    assert ">child:10<" not in html


def test_frontline_officers_cannot_see_the_break_glass_log(client):
    client.force_login(make_user(Role.FRONTLINE_OFFICER))
    assert client.get(reverse("web:break-glass-log")).status_code == 403


def test_a_supervisor_sees_break_glass_openings_by_staff_in_their_own_borough_only(client):
    hackney_officer = make_user(Role.FRONTLINE_OFFICER, username="pc-hackney")
    camden_officer = make_user(Role.FRONTLINE_OFFICER, username="pc-camden", borough_code="E09000007")
    Auditor(hackney_officer, reason="Hackney reason given here").record(
        AuditAction.BREAK_GLASS, "child", 1, child_id=1
    )
    Auditor(camden_officer, reason="Camden reason given here").record(
        AuditAction.BREAK_GLASS, "child", 2, child_id=2
    )
    client.force_login(make_user(Role.SUPERVISOR))  # Hackney
    html = client.get(reverse("web:break-glass-log")).content.decode()
    assert "Hackney reason given here" in html
    assert "Camden reason given here" not in html
    client.force_login(make_user(Role.AUDITOR))
    html = client.get(reverse("web:break-glass-log")).content.decode()
    assert "Camden reason given here" in html
