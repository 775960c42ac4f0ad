"""Recording a child who is not on ChildFirst yet."""

from __future__ import annotations

import pytest
from django.urls import reverse

from childfirst.core.models import AuditLog
from childfirst.core.roles import Role
from childfirst.people.models import Child
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client):
    user = make_user(Role.FRONTLINE_OFFICER)
    client.force_login(user)
    return user


def answers(**overrides):
    data = {
        "given_name": "Tolu",
        "family_name": "Bello",
        "date_of_birth_day": "4",
        "date_of_birth_month": "9",
        "date_of_birth_year": "2011",
        "gender": "female",
        "care_status": "looked_after",
        "care_local_authority": "London Borough of Hackney",
        "communication_needs": "Speaks quietly; needs time to answer",
        "what_helps": "A female officer; a quiet room",
        "person_name": "Ms Adeyemi",
        "person_relationship": "Foster carer",
        "person_contact": "07700 900456",
    }
    data.update(overrides)
    return data


def test_a_new_child_is_saved_audited_in_scope_and_leads_to_the_encounter_form(client, officer):
    response = client.post(reverse("web:child-new"), answers())
    child = Child.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("web:encounter-new") + f"?child={child.pk}"
    assert child.created_by == officer
    assert child.people_responsible.get().relationship == "Foster carer"
    assert AuditLog.objects.filter(action="create", object_type="child", child_id=child.pk).exists()
    assert client.get(reverse("web:child-record", args=[child.pk])).status_code == 200


@pytest.mark.parametrize(
    ("overrides", "anchor", "message"),
    [
        ({"given_name": ""}, "id_given_name", "Enter the child&#x27;s given name"),
        (
            {"date_of_birth_year": "2999"},
            "id_date_of_birth_day",
            "Date of birth must be today or in the",
        ),
        (
            {"date_of_birth_day": "", "date_of_birth_month": "", "date_of_birth_year": ""},
            "id_date_of_birth_day",
            "Enter a date of birth, or an estimated age",
        ),
        ({"estimated_age": "fifteen"}, "id_estimated_age", "Estimated age must be a whole number of years"),
        (
            {"care_local_authority": ""},
            "id_care_local_authority",
            "Enter the local authority that",
        ),
        ({"ethnicity_observed": "black"}, "id_ethnicity_basis_0", "Give the basis for recording ethnicity"),
        (
            {"person_relationship": ""},
            "id_person_relationship",
            "Enter how this person is related",
        ),
    ],
)
def test_bad_answers_are_named_and_nothing_is_saved(client, officer, overrides, anchor, message):
    response = client.post(reverse("web:child-new"), answers(**overrides))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<a href="#{anchor}">{message}' in html
    assert not Child.objects.exists()
    assert not AuditLog.objects.filter(action="create").exists()


def test_a_stated_adult_age_is_accepted_for_a_child(client, officer):
    """CUS-01: a stated age of 18 or more is recorded, not rejected; the encounter decides who is a child."""
    data = answers(date_of_birth_day="", date_of_birth_month="", date_of_birth_year="")
    data.update({"estimated_age": "15", "stated_age": "19", "age_disputed": "on"})
    assert client.post(reverse("web:child-new"), data).status_code == 302
    child = Child.objects.get()
    assert child.stated_age == 19
    assert child.age_disputed is True


def test_roles_without_casework_cannot_record_children(client):
    client.force_login(make_user(Role.ANALYST))
    assert client.post(reverse("web:child-new"), answers()).status_code == 403
    assert not Child.objects.exists()
