import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from childfirst.core.audit import AuditLog, verify_chain
from childfirst.core.roles import Role
from childfirst.people.models import Child, PersonResponsible
from childfirst.people.services import create_child, update_child, view_child
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def _data(**overrides):
    data = {"given_name": "Jordan", "family_name": "Okafor", "date_of_birth": dt.date(2011, 5, 4)}
    data.update(overrides)
    return data


def test_create_child_is_audited_in_the_same_transaction():
    officer = make_user(Role.FRONTLINE_OFFICER)
    child = create_child(
        officer,
        _data(
            people_responsible=[
                {"name": "Ada Okafor", "relationship": "Mother", "has_parental_responsibility": True}
            ]
        ),
    )
    assert child.created_by_team == officer.profile.team
    assert child.pseudonymous_ref.startswith("P")
    assert PersonResponsible.objects.get(child=child).has_parental_responsibility
    row = AuditLog.objects.get()
    assert (row.action, row.object_type, row.object_id, row.child_id) == (
        "create",
        "child",
        str(child.pk),
        child.pk,
    )
    assert verify_chain().ok


def test_pseudonymous_ref_is_random_not_derived_from_identity():
    officer = make_user(Role.FRONTLINE_OFFICER)
    a = create_child(officer, _data())
    b = create_child(officer, _data())
    assert a.pseudonymous_ref != b.pseudonymous_ref


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"date_of_birth": timezone.localdate() + dt.timedelta(days=1)}, "date_of_birth", "past"),
        ({"date_of_birth": None}, "date_of_birth", "estimated age"),
        ({"ethnicity_self_defined": "black_caribbean"}, "ethnicity_basis", "basis"),
        (
            {"ethnicity_observed": "white", "ethnicity_basis": "strictly_necessary"},
            "ethnicity_condition",
            "Schedule 8",
        ),
        ({"mental_health": "Anxiety"}, "health_basis", "basis"),
        ({"care_status": "looked_after"}, "care_local_authority", "local authority"),
        ({"ethnicity_self_defined": "martian"}, "ethnicity_self_defined", "not a valid choice"),
        ({"given_name": ""}, "given_name", "blank"),
        ({"favourite_colour": "blue"}, "favourite_colour", "Unknown"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(overrides, field, words):
    officer = make_user(Role.FRONTLINE_OFFICER)
    with pytest.raises(ValidationError) as caught:
        create_child(officer, _data(**overrides))
    assert field in caught.value.message_dict
    assert words in " ".join(caught.value.message_dict[field])
    assert Child.objects.count() == 0
    assert AuditLog.objects.count() == 0


def test_bad_person_responsible_is_named_by_position():
    officer = make_user(Role.FRONTLINE_OFFICER)
    with pytest.raises(ValidationError) as caught:
        create_child(officer, _data(people_responsible=[{"name": "", "relationship": "Aunt"}]))
    assert "people_responsible.0.name" in caught.value.message_dict
    assert Child.objects.count() == 0


def test_sensitive_fields_accepted_with_their_basis():
    officer = make_user(Role.FRONTLINE_OFFICER)
    child = create_child(
        officer,
        _data(
            ethnicity_self_defined="not_stated",
            ethnicity_observed="black",
            ethnicity_basis="strictly_necessary",
            ethnicity_condition="safeguarding_children",
            neurodiversity="Autistic; prefers written questions",
            health_basis="consent",
        ),
    )
    assert child.ethnicity_observed == "black"


@pytest.mark.parametrize("role", [Role.ANALYST, Role.AUDITOR, Role.ADMINISTRATOR, Role.TRAINING_LEAD, None])
def test_roles_without_case_records_cannot_create(role):
    with pytest.raises(PermissionDenied):
        create_child(make_user(role), _data())


def test_update_records_which_fields_changed_not_their_values():
    officer = make_user(Role.FRONTLINE_OFFICER)
    child = create_child(officer, _data())
    update_child(officer, child, {"also_known_as": "JJ", "given_name": "Jordan"}, reason="name they use")
    row = AuditLog.objects.order_by("-seq").first()
    assert row.action == "update"
    assert row.detail == {"fields": ["also_known_as"]}
    assert row.reason == "name they use"
    child.refresh_from_db()
    assert child.also_known_as == "JJ"


def test_update_outside_scope_is_refused():
    child = create_child(make_user(Role.FRONTLINE_OFFICER), _data())
    with pytest.raises(PermissionDenied):
        update_child(make_user(Role.FRONTLINE_OFFICER), child, {"also_known_as": "X"})


def test_failed_update_changes_nothing():
    officer = make_user(Role.FRONTLINE_OFFICER)
    child = create_child(officer, _data())
    with pytest.raises(ValidationError):
        update_child(officer, child, {"also_known_as": "JJ", "date_of_birth": dt.date(2999, 1, 1)})
    child.refresh_from_db()
    assert child.also_known_as == ""
    assert AuditLog.objects.count() == 1


def test_view_child_audits_the_read():
    officer = make_user(Role.FRONTLINE_OFFICER)
    child = create_child(officer, _data())
    assert view_child(officer, child.pk) == child
    assert AuditLog.objects.filter(action="read", child_id=child.pk, actor=officer).count() == 1
