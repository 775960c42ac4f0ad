"""Audited reads the web pages need that are not single-record fetches.

`search_children` is need-to-know by construction: it searches only the children the user may see
(`people.rules.visible_children`) and records the search (what was asked, how many were found) in the
audit trail in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet

from childfirst.core.audit import AuditAction, Auditor
from childfirst.encounters.models import Encounter
from childfirst.people.models import Child
from childfirst.people.rules import visible_children

MAX_RESULTS = 50


def search_children(
    actor: Any, *, name: str = "", date_of_birth: dt.date | None = None, reference: str = ""
) -> list[Child]:
    """Children in the actor's scope matching every term given.

    Each word of `name` matches the given name, family name or other names used.
    """
    children = visible_children(actor)
    for word in name.split():
        children = children.filter(
            Q(given_name__icontains=word) | Q(family_name__icontains=word) | Q(also_known_as__icontains=word)
        )
    if date_of_birth is not None:
        children = children.filter(date_of_birth=date_of_birth)
    reference = reference.strip()
    if reference:
        term = Q(pseudonymous_ref__iexact=reference)
        if reference.isdigit():
            term |= Q(pk=int(reference))
        children = children.filter(term)
    with transaction.atomic():
        found = list(children.order_by("family_name", "given_name", "pk")[:MAX_RESULTS])
        terms = {
            "name": name,
            "date_of_birth": date_of_birth.isoformat() if date_of_birth else "",
            "reference": reference,
        }
        Auditor(actor).record(
            AuditAction.SEARCH,
            "child",
            "search",
            detail={"terms": {k: v for k, v in terms.items() if v}, "results": [child.pk for child in found]},
        )
    return found


def recent_encounters_of(user: Any, limit: int = 10) -> QuerySet[Encounter]:
    """Encounters the user recorded or took part in, newest first."""
    return (
        Encounter.objects.filter(Q(recording_officer=user) | Q(officers=user))
        .filter(child__in=visible_children(user))
        .select_related("child", "borough")
        .distinct()
        .order_by("-aware_at")[:limit]
    )
