"""Custody pages: the live board, the printable handover and one detention's timeline. Thin views."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from childfirst.core.access import role_required
from childfirst.core.audit import AuditAction, Auditor

from . import law, presenters
from .access import CUSTODY_ROLES, detention_for, visible_suites
from .board import BoardEntry, board_counts, build_board, status_for, with_timeline
from .models import CustodyAlert, Detention


def refresh_seconds() -> int:
    return int(getattr(settings, "CUSTODY_BOARD_REFRESH_SECONDS", 60))


def _board_context(request: HttpRequest) -> dict[str, object]:
    now = timezone.now()
    board = build_board(visible_suites(request.user), now)
    ids = [e.detention.pk for sb in board for e in sb.entries]
    Auditor(request.user).record(AuditAction.READ, "custody.board", "board", detail={"detentions": ids})
    return {
        "now": law.show(now),
        "suites": [
            {"suite": sb.suite, "rows": [presenters.board_row(e) for e in sb.entries]} for sb in board
        ],
        "counts": board_counts(board),
        "recent_alerts": CustodyAlert.objects.filter(detention_id__in=ids).select_related("detention")[:10],
    }


@role_required(*CUSTODY_ROLES)
def board(request: HttpRequest) -> HttpResponse:
    context = _board_context(request)
    context["refresh_seconds"] = refresh_seconds()
    return render(request, "custody/board.html", context)


@role_required(*CUSTODY_ROLES)
def handover(request: HttpRequest) -> HttpResponse:
    return render(request, "custody/handover.html", _board_context(request))


@role_required(*CUSTODY_ROLES)
def detention(request: HttpRequest, detention_id: int) -> HttpResponse:
    d = detention_for(request.user, detention_id)
    d = with_timeline(Detention.objects.filter(pk=d.pk)).get()
    Auditor(request.user).record(AuditAction.READ, "custody.detention", d.pk, child_id=d.child_id)
    status = status_for(d, timezone.now())
    events = [
        {"when": law.show(e.occurred_at), "what": e.get_kind_display(), "data": e.data, "reason": e.reason}
        for e in d.timeline
    ]
    return render(
        request,
        "custody/detention.html",
        {
            "d": d,
            "row": presenters.board_row(BoardEntry(d, status, d.alert_list)),
            "status": status,
            "juvenile_reason": status.juvenile_reason,
            "relevant_time": law.show(status.relevant_time),
            "events": events,
            "searches": d.searches,
        },
    )
