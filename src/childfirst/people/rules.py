"""Who may see and change children's records: django-rules predicates (default deny).

- Frontline officers: children their TEAM has encountered (any member of the team was an officer on an
  encounter, or the team recorded it) or created.
- Supervisors, custody, safeguarding, diversion officers and exploitation investigators: children
  encountered or created in their BOROUGH.
- Analysts (pseudonymised aggregates only), auditors (audit trails, not case narratives), training
  leads and administrators (manage users, not cases): no child records.
- Break-glass (a stated reason, audited, shown to supervisors) is open to the case-working roles only.
"""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Exists, OuterRef, Q, QuerySet

from childfirst.core.roles import Role, role_of

TEAM_SCOPED = frozenset({Role.FRONTLINE_OFFICER})
BOROUGH_SCOPED = frozenset(
    {
        Role.SUPERVISOR,
        Role.CUSTODY_OFFICER,
        Role.SAFEGUARDING_OFFICER,
        Role.DIVERSION_OFFICER,
        Role.EXPLOITATION_INVESTIGATOR,
    }
)
CASE_ROLES = TEAM_SCOPED | BOROUGH_SCOPED


def _profile(user: Any) -> Any:
    return getattr(user, "profile", None) if role_of(user) else None


def scope_filter(user: Any) -> Q | None:
    """A Q over Child selecting the children `user` may see in the ordinary way; None means none."""
    from childfirst.encounters.models import Encounter

    role = role_of(user)
    profile = _profile(user)
    if role in TEAM_SCOPED and profile is not None and profile.team_id:
        team = profile.team_id
        encountered = Encounter.objects.filter(child=OuterRef("pk")).filter(
            Q(team_id=team) | Q(officers__profile__team_id=team)
        )
        return Q(created_by_team_id=team) | Q(Exists(encountered))
    if role in BOROUGH_SCOPED and profile is not None and profile.borough_id:
        borough = profile.borough_id
        encountered = Encounter.objects.filter(child=OuterRef("pk"), borough_id=borough)
        return Q(created_by_team__borough_id=borough) | Q(Exists(encountered))
    return None


def created_in_scope(user: Any, child: Any) -> bool:
    """The part of the scope that needs no query: the child was created by the user's team (or borough)."""
    role = role_of(user)
    profile = _profile(user)
    if profile is None or child.created_by_team_id is None:
        return False
    if role in TEAM_SCOPED:
        return bool(profile.team_id) and child.created_by_team_id == profile.team_id
    if role in BOROUGH_SCOPED:
        return bool(profile.borough_id) and child.created_by_team.borough_id == profile.borough_id
    return False


def visible_children(user: Any, queryset: QuerySet | None = None) -> QuerySet:
    from .models import Child

    queryset = Child.objects.all() if queryset is None else queryset
    condition = scope_filter(user)
    return queryset.none() if condition is None else queryset.filter(condition)


@rules.predicate
def is_case_worker(user: Any) -> bool:
    return role_of(user) in CASE_ROLES


@rules.predicate
def child_in_scope(user: Any, child: Any) -> bool:
    if child is None:
        return False
    condition = scope_filter(user)
    if condition is None:
        return False
    return type(child).objects.filter(pk=child.pk).filter(condition).exists()


@rules.predicate
def is_supervisor(user: Any) -> bool:
    return role_of(user) is Role.SUPERVISOR


@rules.predicate
def is_auditor(user: Any) -> bool:
    return role_of(user) is Role.AUDITOR


can_view_child = is_case_worker & child_in_scope

rules.add_perm("people.view_child", can_view_child)
rules.add_perm("people.change_child", can_view_child)
rules.add_perm("people.add_child", is_case_worker)
rules.add_perm("people.break_glass_child", is_case_worker)
rules.add_perm("people.view_child_audit", is_supervisor | is_auditor)
rules.add_perm("people.view_break_glass_events", is_supervisor | is_auditor)
