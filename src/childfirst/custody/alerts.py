"""Alerts: every due or overdue item on the custody board is raised once, shown on the board, audited.

`raise_alerts(at)` derives each in-custody child's status and records a `CustodyAlert` for each problem
not alerted before. The unique key (detention id + the problem's stable key, which includes its due
time) makes the alert once-only, even with two `--watch` loops running: `bulk_create` ignores the
conflict and only the rows this run inserted are reported and audited.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction

from childfirst.core.audit import Auditor
from childfirst.core.models import AuditAction

from .board import status_for, with_timeline
from .models import CustodyAlert, Detention, DetentionState

logger = logging.getLogger("childfirst.custody.alerts")


def raise_alerts(at: dt.datetime) -> list[CustodyAlert]:
    candidates: dict[str, CustodyAlert] = {}
    for d in with_timeline(Detention.objects.filter(state=DetentionState.IN_CUSTODY)):
        for problem in status_for(d, at).problems:
            key = f"{d.pk}:{problem.key}"
            candidates[key] = CustodyAlert(
                key=key,
                detention=d,
                rule=problem.rule,
                message=problem.message[:300],
                severity=problem.severity,
                due_at=problem.due_at,
                raised_at=at,
            )
    if not candidates:
        return []
    with transaction.atomic():
        existing = set(CustodyAlert.objects.filter(key__in=list(candidates)).values_list("key", flat=True))
        fresh = [a for k, a in candidates.items() if k not in existing]
        CustodyAlert.objects.bulk_create(fresh, ignore_conflicts=True)
        # Only the rows that are ours (a concurrent run may have inserted some of the same keys first).
        mine = list(
            CustodyAlert.objects.filter(key__in=[a.key for a in fresh], raised_at=at).select_related(
                "detention"
            )
        )
        auditor = Auditor(None, "custody alerts")
        for alert in mine:
            auditor.record(
                AuditAction.ALERT,
                "custody.detention",
                alert.detention_id,
                child_id=alert.detention.child_id,
                detail={"rule": alert.rule, "key": alert.key, "severity": alert.severity},
            )
            logger.warning(
                "%s %s %s: %s", alert.detention.custody_number, alert.rule, alert.severity, alert.message
            )
    return mine
