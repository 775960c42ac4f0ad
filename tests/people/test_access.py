"""Need-to-know: who sees which child, break-glass, and the rules predicates behind it."""

import pytest
from django.http import Http404

from childfirst.core.audit import AuditLog
from childfirst.core.roles import Role
from childfirst.people.access import break_glass_events, child_audit_trail, child_for
from childfirst.people.rules import visible_children
from tests.factories import ChildFactory, EncounterFactory, TeamFactory, borough, make_user

pytestmark = pytest.mark.django_db

REASON = "Child reported missing from Camden; checking identity"


@pytest.fixture
def world():
    hackney_a = TeamFactory(name="Hackney A", borough=borough("E09000012"))
    hackney_b = TeamFactory(name="Hackney B", borough=borough("E09000012"))
    camden = TeamFactory(name="Camden A", borough=borough("E09000007"))
    officer_a = make_user(Role.FRONTLINE_OFFICER, team=hackney_a)
    teammate = make_user(Role.FRONTLINE_OFFICER, team=hackney_a)
    officer_b = make_user(Role.FRONTLINE_OFFICER, team=hackney_b)
    # A child a Hackney A teammate met (as a second officer on an encounter recorded by Hackney B).
    met_by_teammate = EncounterFactory(recording_officer=officer_b, officers=[officer_b, teammate]).child
    created_by_a = ChildFactory(created_by=officer_a)
    camden_child = EncounterFactory(recording_officer=make_user(Role.FRONTLINE_OFFICER, team=camden)).child
    return {
        "hackney_a": hackney_a, "officer_a": officer_a, "officer_b": officer_b, "camden": camden,
        "met_by_teammate": met_by_teammate, "created_by_a": created_by_a, "camden_child": camden_child,
    }  # fmt: skip


def test_officer_sees_children_their_team_met_or_created(world):
    seen = set(visible_children(world["officer_a"]).values_list("pk", flat=True))
    assert seen == {world["met_by_teammate"].pk, world["created_by_a"].pk}
    assert world["officer_a"].has_perm("people.view_child", world["met_by_teammate"])
    assert not world["officer_a"].has_perm("people.view_child", world["camden_child"])


def test_supervisor_and_borough_roles_see_their_borough(world):
    for role in (Role.SUPERVISOR, Role.CUSTODY_OFFICER, Role.SAFEGUARDING_OFFICER, Role.DIVERSION_OFFICER,
                 Role.EXPLOITATION_INVESTIGATOR):  # fmt: skip
        user = make_user(role, team=world["hackney_a"])
        seen = set(visible_children(user).values_list("pk", flat=True))
        assert seen == {world["met_by_teammate"].pk, world["created_by_a"].pk}, role


@pytest.mark.parametrize("role", [Role.ANALYST, Role.AUDITOR, Role.ADMINISTRATOR, Role.TRAINING_LEAD, None])
def test_non_case_roles_see_no_child_even_with_a_reason(world, role):
    user = make_user(role, team=world["hackney_a"]) if role else make_user(None)
    assert not visible_children(user).exists()
    with pytest.raises(Http404):
        child_for(user, world["created_by_a"].pk, reason=REASON)
    assert AuditLog.objects.count() == 0


def test_outside_scope_is_404_and_same_as_missing(world):
    with pytest.raises(Http404) as outside:
        child_for(world["officer_a"], world["camden_child"].pk)
    with pytest.raises(Http404) as missing:
        child_for(world["officer_a"], 999999)
    assert str(outside.value) == str(missing.value)


def test_too_short_a_reason_is_not_break_glass(world):
    with pytest.raises(Http404):
        child_for(world["officer_a"], world["camden_child"].pk, reason="  need  ")


def test_break_glass_is_audited_and_listed_for_the_right_supervisor(world):
    child = child_for(world["officer_a"], world["camden_child"].pk, reason=REASON)
    assert child == world["camden_child"]
    row = AuditLog.objects.get(action="break_glass")
    assert row.reason == REASON
    assert row.child_id == child.pk
    hackney_supervisor = make_user(Role.SUPERVISOR, team=world["hackney_a"])
    camden_supervisor = make_user(Role.SUPERVISOR, team=world["camden"])
    assert list(break_glass_events(hackney_supervisor)) == [row]
    assert list(break_glass_events(camden_supervisor)) == []
    assert list(break_glass_events(make_user(Role.AUDITOR))) == [row]
    assert list(break_glass_events(world["officer_a"])) == []


def test_in_scope_read_is_audited_as_a_read(world):
    child_for(world["officer_a"], world["created_by_a"].pk)
    assert AuditLog.objects.get().action == "read"


def test_audit_trail_for_auditors_and_supervisors_in_scope(world):
    child = world["created_by_a"]
    child_for(world["officer_a"], child.pk)
    assert child_audit_trail(make_user(Role.AUDITOR), child.pk).count() == 1
    assert child_audit_trail(make_user(Role.SUPERVISOR, team=world["hackney_a"]), child.pk).count() == 1
    with pytest.raises(Http404):
        child_audit_trail(make_user(Role.SUPERVISOR, team=world["camden"]), child.pk)
    with pytest.raises(Http404):
        child_audit_trail(world["officer_a"], child.pk)


@pytest.mark.parametrize("role", list(Role))
def test_rules_predicate_agrees_with_the_scoped_query_and_child_for(world, role):
    """`people.view_child` (django-rules), `visible_children` and `child_for` give one answer."""
    user = make_user(role, team=world["hackney_a"])
    visible = set(visible_children(user).values_list("pk", flat=True))
    for name in ("met_by_teammate", "created_by_a", "camden_child"):
        child = world[name]
        allowed = user.has_perm("people.view_child", child)
        assert allowed == (child.pk in visible), (role, name)
        if allowed:
            assert child_for(user, child.pk) == child
        else:
            with pytest.raises(Http404):
                child_for(user, child.pk)


def test_child_for_gives_the_same_child_and_team_as_the_orm_in_one_query():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from childfirst.people.models import Child

    officer = make_user(Role.FRONTLINE_OFFICER)
    child = ChildFactory(created_by=officer, stated_age=15, age_disputed=True)
    with CaptureQueriesContext(connection) as queries:
        found = child_for(officer, child.pk, audit=False)
        team = found.created_by_team
    assert len(queries) == 1
    orm = Child.objects.select_related("created_by_team").get(pk=child.pk)
    for field in Child._meta.concrete_fields:
        assert getattr(found, field.attname) == getattr(orm, field.attname), field.name
    assert (team.pk, team.name, team.borough_id) == (orm.created_by_team.pk, orm.created_by_team.name,
                                                     orm.created_by_team.borough_id)  # fmt: skip
    assert found.created_at.tzinfo is not None


def test_child_for_a_child_with_no_creating_team():

    supervisor = make_user(Role.SUPERVISOR)
    child = ChildFactory(created_by=None)
    with pytest.raises(Http404):
        child_for(supervisor, child.pk)
    found = child_for(supervisor, child.pk, reason="Safeguarding check after a 999 call")
    assert found.pk == child.pk
    assert found.created_by_team is None
