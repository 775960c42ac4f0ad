"""Finding a child, opening their record (need-to-know, audited), break-glass, and who has viewed them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from childfirst.core.models import AuditLog
from childfirst.core.roles import Role
from childfirst.encounters.choices import AssessmentKind
from childfirst.encounters.models import Assessment
from childfirst.people.models import PersonResponsible
from tests.factories import ChildFactory, EncounterFactory, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client):
    user = make_user(Role.FRONTLINE_OFFICER, username="pc-ahmed")
    client.force_login(user)
    return user


def test_search_finds_only_children_in_scope_and_is_audited(client, officer):
    mine = ChildFactory(given_name="Jordan", family_name="Okafor", created_by=officer)
    other_team = make_user(Role.FRONTLINE_OFFICER)
    theirs = ChildFactory(given_name="Jordan", family_name="Smith", created_by=other_team)
    html = client.get(reverse("web:child-search"), {"name": "jordan"}).content.decode()
    assert "Jordan Okafor" in html
    assert "Jordan Smith" not in html
    row = AuditLog.objects.get(action="search", object_type="child")
    assert row.actor == officer
    assert row.detail == {"terms": {"name": "jordan"}, "results": [mine.pk]}
    assert theirs.pk not in row.detail["results"]


def test_search_by_date_of_birth_and_reference(client, officer):
    child = ChildFactory(created_by=officer)
    ChildFactory(
        created_by=officer, date_of_birth=child.date_of_birth.replace(year=child.date_of_birth.year - 1)
    )
    dob = {
        "date_of_birth_day": child.date_of_birth.day,
        "date_of_birth_month": child.date_of_birth.month,
        "date_of_birth_year": child.date_of_birth.year,
    }
    html = client.get(reverse("web:child-search"), dob).content.decode()
    assert "1 child found" in html
    assert child.full_name in html
    html = client.get(reverse("web:child-search"), {"reference": child.pseudonymous_ref}).content.decode()
    assert "1 child found" in html


@pytest.mark.parametrize(
    ("query", "anchor", "message"),
    [
        ({"name": ""}, "id_name", "Enter a name, a date of birth or a reference to search for"),
        (
            {"date_of_birth_day": "1", "date_of_birth_month": "1", "date_of_birth_year": "2999"},
            "id_date_of_birth_day",
            "Date of birth must be today or in the past",
        ),
        (
            {"date_of_birth_day": "30", "date_of_birth_month": "2", "date_of_birth_year": "2012"},
            "id_date_of_birth_day",
            "The date of birth must be a real date",
        ),
    ],
)
def test_bad_search_input_is_named_and_nothing_is_searched(client, officer, query, anchor, message):
    html = client.get(reverse("web:child-search"), {"reference": "", **query}).content.decode()
    assert f'<a href="#{anchor}">{message}</a>' in html
    assert not AuditLog.objects.filter(action="search").exists()


def test_child_record_shows_facts_assessments_and_welfare_contacts_and_is_audited(client, officer):
    child = ChildFactory(
        created_by=officer, communication_needs="Autistic; needs time", what_helps="Quiet room"
    )
    PersonResponsible.objects.create(
        child=child, name="Grace Okafor", relationship="Mother", contact="07700 900123"
    )
    encounter = EncounterFactory(child=child, recording_officer=officer)
    Assessment.objects.create(
        child=child,
        encounter=encounter,
        kind=AssessmentKind.APPEARS_UNDER_18,
        finding=True,
        assessor=officer,
        assessed_at=encounter.aware_at,
    )
    html = client.get(reverse("web:child-record", args=[child.pk])).content.decode()
    for text in (
        "Facts",
        "Assessments",
        "Appears to be under 18",
        "Sam Officer",
        "Grace Okafor",
        "Quiet room",
    ):
        assert text in html
    assert "Welfare concern" in html
    row = AuditLog.objects.get(action="read", object_type="child")
    assert row.actor == officer
    assert row.child_id == child.pk


def test_officer_cannot_open_another_teams_child(client, officer):
    child = ChildFactory(created_by=make_user(Role.FRONTLINE_OFFICER))
    response = client.get(reverse("web:child-record", args=[child.pk]))
    assert response.status_code == 404
    assert child.full_name not in response.content.decode()
    assert not AuditLog.objects.filter(child_id=child.pk).exists()
    missing = client.get(reverse("web:child-record", args=[child.pk + 1000]))
    assert missing.status_code == 404


def test_break_glass_with_a_reason_opens_the_record_and_is_audited(client, officer):
    child = ChildFactory(created_by=make_user(Role.FRONTLINE_OFFICER))
    reason = "Found missing at Hackney Central; home borough unreachable"
    response = client.post(reverse("web:break-glass", args=[child.pk]), {"reason": reason})
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert child.full_name in html
    assert "Outside your normal access" in html
    rows = AuditLog.objects.filter(action="break_glass", child_id=child.pk)
    assert rows.count() == 2  # the opening and the page view
    assert {row.reason for row in rows} == {reason}


def test_break_glass_without_a_real_reason_is_refused_and_names_the_field(client, officer):
    child = ChildFactory(created_by=make_user(Role.FRONTLINE_OFFICER))
    html = client.post(reverse("web:break-glass", args=[child.pk]), {"reason": "  need "}).content.decode()
    assert '<a href="#id_reason">Reason must be at least 10 characters' in html
    html = client.post(reverse("web:break-glass", args=[child.pk]), {"reason": ""}).content.decode()
    assert '<a href="#id_reason">Enter why you need to open this record</a>' in html
    assert not AuditLog.objects.filter(child_id=child.pk).exists()
    assert client.get(reverse("web:child-record", args=[child.pk])).status_code == 404


@pytest.mark.parametrize("role", [Role.ANALYST, Role.AUDITOR, Role.TRAINING_LEAD, Role.ADMINISTRATOR])
def test_roles_without_casework_cannot_search_or_open_children(client, role):
    child = ChildFactory()
    client.force_login(make_user(role))
    assert client.get(reverse("web:child-search")).status_code == 403
    assert client.get(reverse("web:child-record", args=[child.pk])).status_code == 403
    assert client.post(reverse("web:break-glass", args=[child.pk]), {"reason": "x" * 20}).status_code == 403


def test_who_viewed_lists_readers_for_a_supervisor_in_the_borough(client, officer):
    child = ChildFactory(created_by=officer)
    client.get(reverse("web:child-record", args=[child.pk]))
    supervisor = make_user(Role.SUPERVISOR, username="insp-jones")
    client.force_login(supervisor)
    html = client.get(reverse("web:who-viewed", args=[child.pk])).content.decode()
    assert "pc-ahmed" in html
    assert "Viewed" in html
    far = make_user(Role.SUPERVISOR, borough_code="E09000001")
    client.force_login(far)
    assert client.get(reverse("web:who-viewed", args=[child.pk])).status_code == 404


def test_auditor_sees_who_viewed_any_child(client, officer):
    child = ChildFactory(created_by=officer)
    client.get(reverse("web:child-record", args=[child.pk]))
    client.force_login(make_user(Role.AUDITOR))
    html = client.get(reverse("web:who-viewed", args=[child.pk])).content.decode()
    assert "pc-ahmed" in html
    assert child.full_name not in html  # audit trails, not case narratives


def test_frontline_officer_cannot_see_who_viewed(client, officer):
    child = ChildFactory(created_by=officer)
    assert client.get(reverse("web:who-viewed", args=[child.pk])).status_code == 403


def test_home_lists_my_recent_encounters(client, officer):
    child = ChildFactory(given_name="Remi", family_name="Adeyemi", created_by=officer)
    EncounterFactory(child=child, recording_officer=officer)
    html = client.get(reverse("web:home")).content.decode()
    assert "Your recent encounters" in html
    assert "Remi Adeyemi" in html


def test_home_tells_apart_recent_children_with_the_same_name(client, officer):
    """Two children may share a name: the list shows each one's date of birth (or estimated age)."""
    older = ChildFactory(
        given_name="Sam", family_name="Lee", date_of_birth=dt.date(2010, 3, 4), created_by=officer
    )
    younger = ChildFactory(
        given_name="Sam", family_name="Lee", date_of_birth=None, estimated_age=13, created_by=officer
    )
    for child in (older, younger):
        EncounterFactory(child=child, recording_officer=officer)
    html = client.get(reverse("web:home")).content.decode()
    assert html.count("Sam Lee</a>") == 2
    assert "date of birth: 4 March 2010" in html
    assert "date of birth: Not known (estimated age 13)" in html
