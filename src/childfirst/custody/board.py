"""The children-in-custody board: every child in custody now, per suite, with status computed in Python.

One query for the detentions (with child and suite), one for all their events, one for strip searches
and their follow-ups, one for alerts: no query per child (see benchmarks/bench_custody.py).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from .models import (
    CustodyAlert,
    CustodySuite,
    Detention,
    DetentionEvent,
    DetentionState,
    StripSearch,
    StripSearchFollowUp,
)
from .status import DetentionStatus, derive_status
from .timeline import TimelineFacts


@dataclass
class BoardEntry:
    detention: Detention
    status: DetentionStatus
    alerts: list[CustodyAlert]


@dataclass
class SuiteBoard:
    suite: CustodySuite
    entries: list[BoardEntry] = field(default_factory=list)


def with_timeline(queryset: QuerySet[Detention]) -> QuerySet[Detention]:
    return queryset.select_related("child", "suite").prefetch_related(
        Prefetch("events", queryset=DetentionEvent.objects.order_by("sequence"), to_attr="timeline"),
        Prefetch(
            "strip_searches",
            queryset=StripSearch.objects.prefetch_related(
                Prefetch(
                    "follow_ups", queryset=StripSearchFollowUp.objects.all(), to_attr="prefetched_follow_ups"
                )
            ),
            to_attr="searches",
        ),
        Prefetch("alerts", queryset=CustodyAlert.objects.order_by("-raised_at"), to_attr="alert_list"),
    )


def for_board(queryset: QuerySet[Detention]) -> QuerySet[Detention]:
    """Like `with_timeline` but without the events: the board reads the `summary` snapshot instead."""
    return queryset.select_related("child", "suite").prefetch_related(
        Prefetch(
            "strip_searches",
            queryset=StripSearch.objects.prefetch_related(
                Prefetch(
                    "follow_ups", queryset=StripSearchFollowUp.objects.all(), to_attr="prefetched_follow_ups"
                )
            ),
            to_attr="searches",
        ),
        Prefetch("alerts", queryset=CustodyAlert.objects.order_by("-raised_at"), to_attr="alert_list"),
    )


def status_for(detention: Detention, at: dt.datetime) -> DetentionStatus:
    """Status of one detention: from prefetched events if present, else its summary snapshot (current
    instants only), else its events from the database."""
    events: Any = getattr(detention, "timeline", None)
    if (
        events is None
        and detention.summary is not None
        and (detention.ended_at is None or detention.ended_at <= at)
    ):
        events = TimelineFacts.from_json(detention.summary)
        if events.last_event_at and events.last_event_at > at:
            events = None
    if events is None:
        events = list(detention.events.order_by("sequence"))
    searches = getattr(detention, "searches", None)
    if searches is None:
        searches = list(
            detention.strip_searches.prefetch_related(
                Prefetch(
                    "follow_ups", queryset=StripSearchFollowUp.objects.all(), to_attr="prefetched_follow_ups"
                )
            )
        )
    return derive_status(detention, events, at, strip_searches=searches)


def build_board(suites: QuerySet[CustodySuite], at: dt.datetime) -> list[SuiteBoard]:
    """Four queries whatever the number of children: suites, detentions (with child and suite), their
    strip searches (with follow-ups) and their alerts, the last two joined on suite and state rather
    than a 500-value IN list."""
    suite_list = list(suites.order_by("name"))
    suite_ids = [s.pk for s in suite_list]
    in_custody = {"detention__suite_id__in": suite_ids, "detention__state": DetentionState.IN_CUSTODY}
    detentions = list(
        Detention.objects.filter(suite_id__in=suite_ids, state=DetentionState.IN_CUSTODY)
        .select_related("child", "suite")
        .order_by("arrived_at")
    )
    searches: dict[int, list[StripSearch]] = defaultdict(list)
    for search in StripSearch.objects.filter(**in_custody).prefetch_related(
        Prefetch("follow_ups", queryset=StripSearchFollowUp.objects.all(), to_attr="prefetched_follow_ups")
    ):
        searches[search.detention_id].append(search)
    alerts: dict[int, list[CustodyAlert]] = defaultdict(list)
    for alert in CustodyAlert.objects.filter(**in_custody).order_by("-raised_at"):
        alerts[alert.detention_id].append(alert)
    by_suite: dict[int, list[BoardEntry]] = defaultdict(list)
    for d in detentions:
        d.searches = searches.get(d.pk, [])
        d.alert_list = alerts.get(d.pk, [])
        by_suite[d.suite_id].append(BoardEntry(d, status_for(d, at), d.alert_list))
    return [SuiteBoard(s, by_suite.get(s.pk, [])) for s in suite_list]


def board_counts(board: list[SuiteBoard]) -> dict[str, Any]:
    entries = [e for sb in board for e in sb.entries]
    return {
        "children": len(entries),
        "reviews_overdue": sum(e.status.review_urgency == "overdue" for e in entries),
        "overnight": sum(e.status.overnight for e in entries),
        "transfer_required": sum(e.status.transfer_required for e in entries),
        "problems": sum(len(e.status.problems) for e in entries),
    }
