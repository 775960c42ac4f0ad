"""The new-encounter form: the Child First checklist, stop and search fields, and bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from childfirst.core.models import AuditLog
from childfirst.core.roles import Role
from childfirst.encounters.models import Assessment, ChildComingToNotice, Encounter, StopSearchRecord
from tests.factories import ChildFactory, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client):
    user = make_user(Role.FRONTLINE_OFFICER, username="pc-ahmed")
    client.force_login(user)
    return user


def answers(record, **overrides):
    when = timezone.localtime(timezone.now() - dt.timedelta(hours=3))
    data = {
        "child": str(record.pk),
        "encounter_type": "welfare_concern",
        "aware_date_day": str(when.day),
        "aware_date_month": str(when.month),
        "aware_date_year": str(when.year),
        "aware_time": when.strftime("%H:%M"),
        "borough": "E09000012",
        "child_role": "victim",
        "outcome": "Taken home",
        "appears_under_18": "yes",
        "age_established": "no",
        "rights_explained": "yes",
        "rights_explained_how": "Plain words, checked understanding",
        "communication_adjusted": "not_needed",
        "communication_adjustments": "",
        "responsible_adult_informed": "yes",
        "responsible_adult_details": "Mother, by phone",
        "childs_account": "I was waiting for my cousin",
        "vulnerability_considered": "yes",
        "vulnerability_notes": "Out late, alone",
        "adultification_prompt_answered": "yes",
        "adultification_reflection": "",
        "safeguarding_concern": "no",
        "safeguarding_details": "",
    }
    data.update(overrides)
    return data


def test_form_shows_every_checklist_question_with_govuk_components(client, officer):
    child = ChildFactory(created_by=officer)
    html = client.get(reverse("web:encounter-new"), {"child": child.pk}).content.decode()
    assert child.full_name in html
    for component in (
        "govuk-radios",
        "govuk-date-input",
        "govuk-fieldset__legend",
        "govuk-textarea",
        "govuk-select",
    ):
        assert component in html
    assert "Does the child appear to be under 18?" in html
    assert f'value="{child.pk}"' in html


def test_a_complete_encounter_is_saved_with_its_assessments_and_audited(client, officer):
    child = ChildFactory(created_by=officer)
    response = client.post(reverse("web:encounter-new"), answers(child))
    assert response.status_code == 302
    encounter = Encounter.objects.get()
    assert encounter.child == child
    assert encounter.recording_officer == officer
    assert encounter.treated_as_child
    assert Assessment.objects.filter(encounter=encounter, kind="appears_under_18", finding=True).exists()
    assert AuditLog.objects.filter(
        action="create", object_type="encounter", object_id=str(encounter.pk)
    ).exists()
    page = client.get(response["Location"]).content.decode()
    assert "Encounter recorded" in page
    assert "child coming to notice" not in page
    assert "Treated as a child" in page
    assert "CUS-01" in page  # the reason names the rule it comes from
    assert "{&#x27;" not in page  # reasons are sentences, not raw data


def test_a_safeguarding_concern_creates_a_notification_and_the_confirmation_says_so(client, officer):
    child = ChildFactory(created_by=officer)
    data = answers(child, safeguarding_concern="yes", safeguarding_details="Signs of exploitation")
    response = client.post(reverse("web:encounter-new"), data)
    notice = ChildComingToNotice.objects.get()
    assert notice.child == child
    page = client.get(response["Location"]).content.decode()
    assert f"A child coming to notice notification (number {notice.pk}) was created" in page


def test_a_stop_and_search_asks_the_police_uk_questions_on_a_second_page(client, officer):
    child = ChildFactory(created_by=officer)
    first = answers(child, encounter_type="stop_and_search", child_role="suspect")
    response = client.post(reverse("web:encounter-new"), first)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">Stop and search details</h1>' in html
    assert '<input type="hidden" name="step" value="stop-search">' in html
    assert f'<input type="hidden" name="childs_account" value="{first["childs_account"]}">' in html
    assert "govuk-error-summary" not in html
    assert not Encounter.objects.exists()
    missing = client.post(reverse("web:encounter-new"), {**first, "step": "stop-search"}).content.decode()
    assert "Stop and search details" in missing
    assert '<a href="#id_ss_outcome_linked_to_object_0">Select yes if the outcome was linked' in missing
    assert not Encounter.objects.exists()


def test_stop_and_search_records_the_police_uk_fields(client, officer):
    child = ChildFactory(created_by=officer)
    data = answers(
        child,
        encounter_type="stop_and_search",
        child_role="suspect",
        step="stop-search",
        ss_legislation="Misuse of Drugs Act 1971 (section 23)",
        ss_object_of_search="Controlled drugs",
        ss_outcome="A no further action disposal",
        ss_outcome_linked_to_object="no",
        ss_removal_of_more_than_outer_clothing="no",
    )
    assert client.post(reverse("web:encounter-new"), data).status_code == 302
    record = StopSearchRecord.objects.get()
    assert record.legislation == "Misuse of Drugs Act 1971 (section 23)"
    assert record.search_type == "Person search"
    assert record.outcome_linked_to_object is False


@pytest.mark.parametrize(
    ("overrides", "anchor", "message"),
    [
        ({"encounter_type": ""}, "id_encounter_type_0", "Select the kind of encounter"),
        ({"child_role": ""}, "id_child_role_0", "Select the child&#x27;s role"),
        ({"child": "twelve"}, "id_child", "Child&#x27;s record number must be a whole number, like 12"),
        ({"aware_time": "25:00"}, "id_aware_time", "Enter a real time on the 24-hour clock, like 14:30"),
        ({"aware_date_year": "2999"}, "id_aware_date_day", "The date and time must be in the past"),
        ({"aware_date_month": ""}, "id_aware_date_day", "The date must include a month"),
        ({"safeguarding_concern": "yes"}, "id_safeguarding_details", "Describe the safeguarding concern"),
        (
            {"rights_explained_how": ""},
            "id_rights_explained_how",
            "Say how the reasons and rights were explained",
        ),
        ({"borough": "E09999999"}, "id_borough", "Select a London borough"),
        (
            {"encounter_type": "arrest", "responsible_adult_informed": ""},
            "id_responsible_adult_informed_0",
            "Select whether a parent, carer or appropriate adult was informed",
        ),
    ],
)
def test_errors_name_the_field_and_nothing_is_saved(client, officer, overrides, anchor, message):
    child = ChildFactory(created_by=officer)
    response = client.post(reverse("web:encounter-new"), answers(child, **overrides))
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert f'<a href="#{anchor}">{message}' in html
    assert "<title>Error: Record an encounter" in html
    assert not Encounter.objects.exists()
    assert not Assessment.objects.exists()
    assert not AuditLog.objects.filter(action="create").exists()


def test_a_time_lost_when_the_clocks_go_forward_is_rejected(client, officer):
    child = ChildFactory(created_by=officer)
    data = answers(
        child, aware_date_day="29", aware_date_month="3", aware_date_year="2026", aware_time="01:30"
    )
    html = client.post(reverse("web:encounter-new"), data).content.decode()
    assert "That time did not happen in London" in html
    assert not Encounter.objects.exists()


def test_a_london_time_is_stored_as_the_right_utc_moment(client, officer):
    child = ChildFactory(created_by=officer)
    data = answers(
        child, aware_date_day="1", aware_date_month="7", aware_date_year="2026", aware_time="00:30"
    )
    client.post(reverse("web:encounter-new"), data)
    assert Encounter.objects.get().aware_at == dt.datetime(2026, 6, 30, 23, 30, tzinfo=dt.UTC)


def test_an_officer_cannot_record_against_another_teams_child(client, officer):
    child = ChildFactory(created_by=make_user(Role.FRONTLINE_OFFICER))
    html = client.post(reverse("web:encounter-new"), answers(child)).content.decode()
    assert '<a href="#id_child">No child record found, or you do not have access to it</a>' in html
    assert child.full_name not in html
    assert not Encounter.objects.exists()


def test_only_the_recording_officer_sees_the_confirmation(client, officer):
    child = ChildFactory(created_by=officer)
    location = client.post(reverse("web:encounter-new"), answers(child))["Location"]
    client.force_login(make_user(Role.FRONTLINE_OFFICER, team=officer.profile.team))
    assert client.get(location).status_code == 404


@pytest.mark.parametrize("role", [Role.ANALYST, Role.AUDITOR, Role.TRAINING_LEAD])
def test_roles_without_casework_cannot_record_encounters(client, role):
    client.force_login(make_user(role))
    assert client.get(reverse("web:encounter-new")).status_code == 403
