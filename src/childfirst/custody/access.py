"""Who sees which children in custody: custody staff see the suites they work in (default deny).

A custody officer or supervisor (inspector) sees the suites they are assigned to (`SuiteAssignment`)
and every suite in their own borough. Nobody else sees the custody board or detention records; the
analysts read custody only through the aggregate measures.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from childfirst.core.roles import Role, role_of

from .models import CustodySuite, Detention, StripSearch

CUSTODY_ROLES = (Role.CUSTODY_OFFICER, Role.SUPERVISOR)
AUTHORISING_ROLES = (Role.SUPERVISOR,)
NOT_FOUND = "No detention found, or you do not have access to it."


def visible_suites(user: Any) -> QuerySet[CustodySuite]:
    if role_of(user) not in CUSTODY_ROLES:
        return CustodySuite.objects.none()
    condition = Q(assignments__user=user)
    borough_id = getattr(getattr(user, "profile", None), "borough_id", None)
    if borough_id:
        condition |= Q(borough_id=borough_id)
    return CustodySuite.objects.filter(condition).distinct()


def visible_detentions(user: Any) -> QuerySet[Detention]:
    return Detention.objects.filter(suite__in=visible_suites(user))


def detention_for(user: Any, pk: Any) -> Detention:
    try:
        return visible_detentions(user).select_related("child", "suite").get(pk=int(pk))
    except (Detention.DoesNotExist, TypeError, ValueError):
        raise Http404(NOT_FOUND) from None


def strip_search_for(user: Any, pk: Any) -> StripSearch:
    try:
        return (
            StripSearch.objects.filter(detention__in=visible_detentions(user))
            .select_related("detention", "detention__child", "detention__suite")
            .get(pk=int(pk))
        )
    except (StripSearch.DoesNotExist, TypeError, ValueError):
        raise Http404(NOT_FOUND) from None
