"""Need-to-know access to a child's record. Every fetch here is audited.

`child_for(user, child_id, reason="")` returns the child if `user` may see it (audited as a read). Outside
their scope it raises Http404, which never reveals whether the record exists, unless the user is a
case-working role and gives a break-glass reason of at least `BREAK_GLASS_MIN_REASON` characters: then
the read is allowed and audited as `break_glass`, and supervisors see it in `break_glass_events`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from childfirst.core.audit import AuditAction, AuditLog, Auditor
from childfirst.core.roles import Role, role_of

from .models import Child
from .rules import child_in_scope, created_in_scope, is_case_worker

BREAK_GLASS_MIN_REASON = 10
NOT_FOUND = "No child record found, or you do not have access to it."


def clean_reason(reason: str | None) -> str:
    return " ".join((reason or "").split())


def child_for(user: Any, child_id: Any, *, reason: str = "", audit: bool = True) -> Child:
    """The child `child_id`, if `user` needs to know; the read is audited (break-glass if outside scope)."""
    try:
        pk = int(child_id)
    except (TypeError, ValueError):
        raise Http404(NOT_FOUND) from None
    # At most one row by primary key: no ORDER BY/LIMIT for `first()` to build on every request.
    child = next(iter(Child.objects.select_related("created_by_team").filter(pk=pk)), None)
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
