"""Need-to-know access to a child's record. Every fetch here is audited.

`child_for(user, child_id, reason="")` returns the child if `user` may see it (audited as a read). Outside
their scope it raises Http404, which never reveals whether the record exists, unless the user is a
case-working role and gives a break-glass reason of at least `BREAK_GLASS_MIN_REASON` characters: then
the read is allowed and audited as `break_glass`, and supervisors see it in `break_glass_events`.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.db import connections, router
from django.db.models import QuerySet
from django.http import Http404

from childfirst.core.audit import AuditAction, AuditLog, Auditor
from childfirst.core.models import Team
from childfirst.core.roles import Role, role_of
from childfirst.core.rows import ModelColumns

from .models import Child
from .rules import child_in_scope, created_in_scope, is_case_worker

BREAK_GLASS_MIN_REASON = 10
NOT_FOUND = "No child record found, or you do not have access to it."


def clean_reason(reason: str | None) -> str:
    return " ".join((reason or "").split())


@cache
def _child_lookup(db: str) -> tuple[str, ModelColumns, ModelColumns]:
    connection = connections[db]
    quote = connection.ops.quote_name
    child, team = ModelColumns(Child, "c", connection), ModelColumns(Team, "t", connection)
    team_fk = quote(Child._meta.get_field("created_by_team").column)
    sql = (
        f"SELECT {', '.join(child.columns + team.columns)} "  # noqa: S608 - names from model metadata
        f"FROM {quote(Child._meta.db_table)} c "
        f"LEFT OUTER JOIN {quote(Team._meta.db_table)} t ON t.{quote(Team._meta.pk.column)} = c.{team_fk} "
        f"WHERE c.{quote(Child._meta.pk.column)} = %s"
    )
    return sql, child, team


def _child_with_team(pk: int) -> Child | None:
    """The child and its creating team in one fixed statement (every encounter and child read makes
    this lookup; the ORM's select_related compiled it afresh each time, ~0.5 ms of Python)."""
    db = router.db_for_read(Child)
    connection = connections[db]
    sql, child_cols, team_cols = _child_lookup(db)
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk])
        row = cursor.fetchone()
    if row is None:
        return None
    child = child_cols.instance(db, connection, row[: child_cols.width])
    team_values = row[child_cols.width :]
    team = team_cols.instance(db, connection, team_values) if team_values[0] is not None else None
    Child.created_by_team.field.set_cached_value(child, team)
    return child


def child_for(user: Any, child_id: Any, *, reason: str = "", audit: bool = True) -> Child:
    """The child `child_id`, if `user` needs to know; the read is audited (break-glass if outside scope)."""
    try:
        pk = int(child_id)
    except (TypeError, ValueError):
        raise Http404(NOT_FOUND) from None
    child = _child_with_team(pk)
    if child is None:
        raise Http404(NOT_FOUND)
    reason = clean_reason(reason)
    # The same rule as `people.view_child`: the cheap test (created by the user's team or borough)
    # first, the encounter query only when that does not settle it.
    in_scope = is_case_worker(user) and (created_in_scope(user, child) or child_in_scope(user, child))
    if in_scope:
        if audit:
            Auditor(user, reason).record(AuditAction.READ, "child", child.pk, child_id=child.pk)
        return child
    if len(reason) >= BREAK_GLASS_MIN_REASON and user.has_perm("people.break_glass_child"):
        Auditor(user, reason).record(AuditAction.BREAK_GLASS, "child", child.pk, child_id=child.pk)
        return child
    raise Http404(NOT_FOUND)


def break_glass_events(for_supervisor: Any) -> QuerySet[AuditLog]:
    """Break-glass reads a supervisor should review: those by staff in their borough (all, for auditors)."""
    role = role_of(for_supervisor)
    events = AuditLog.objects.filter(action=AuditAction.BREAK_GLASS).select_related("actor", "actor__profile")
    if role is Role.AUDITOR:
        return events.order_by("-at", "-id")
    if role is Role.SUPERVISOR and getattr(for_supervisor.profile, "borough_id", None):
        return events.filter(actor__profile__borough_id=for_supervisor.profile.borough_id).order_by(
            "-at", "-id"
        )
    return events.none()


def child_audit_trail(user: Any, child_id: Any) -> QuerySet[AuditLog]:
    """Who viewed or changed a child's record (supervisors and auditors). Others get Http404."""
    if not user.has_perm("people.view_child_audit"):
        raise Http404(NOT_FOUND)
    if role_of(user) is Role.SUPERVISOR:
        child = Child.objects.filter(pk=int(child_id)).first()
        if child is None or not user.has_perm("people.view_child", child):
            raise Http404(NOT_FOUND)
    return AuditLog.objects.filter(child_id=int(child_id)).select_related("actor").order_by("-at", "-id")
