"""Custody pages: the live board, the printable handover and one detention's timeline. Thin views."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from childfirst.core.access import role_required
from childfirst.core.audit import AuditAction, Auditor
from childfirst.core.roles import role_of

from . import law, presenters, services
from . import strip_search as ss
from .access import AUTHORISING_ROLES, CUSTODY_ROLES, detention_for, strip_search_for, visible_suites
from .board import BoardEntry, board_counts, build_board, status_for, with_timeline
from .errors import InvalidEvent, StaleVersion
from .models import CustodyAlert, Detention


def refresh_seconds() -> int:
    return int(getattr(settings, "CUSTODY_BOARD_REFRESH_SECONDS", 60))


def _board_context(request: HttpRequest, *, linked: bool) -> dict[str, object]:
    now = timezone.now()
    board = build_board(visible_suites(request.user), now)
    ids = [e.detention.pk for sb in board for e in sb.entries]
    Auditor(request.user).record(AuditAction.READ, "custody.board", "board", detail={"detentions": ids})
    return {
        "now": law.show(now),
        "suites": [
            {"suite": sb.suite, "rows": [presenters.board_row(e, html=linked) for e in sb.entries]}
            for sb in board
        ],
        "counts": board_counts(board),
        "recent_alerts": CustodyAlert.objects.filter(detention_id__in=ids).select_related("detention")[:10],
    }


@role_required(*CUSTODY_ROLES)
def board(request: HttpRequest) -> HttpResponse:
    context = _board_context(request, linked=True)
    context["refresh_seconds"] = refresh_seconds()
    return render(request, "custody/board.html", context)


@role_required(*CUSTODY_ROLES)
def handover(request: HttpRequest) -> HttpResponse:
    return render(request, "custody/handover.html", _board_context(request, linked=False))


QUICK_KINDS = [
    ("visit", "Visit or check"),
    ("welfare_informed", "Person responsible for welfare informed"),
    ("aa_requested", "Appropriate adult requested"),
    ("aa_arrived", "Appropriate adult arrived"),
    ("rights_given", "Rights and entitlements given"),
    ("review_held", "Detention review held"),
    ("review_postponed", "Detention review postponed"),
    ("released", "Released"),
]
EVENT_FIELD_IDS = {
    "occurred_at": "event-time",
    "kind": "event-kind",
    "reason": "event-reason",
    "name": "event-person",
    "person": "event-person",
    "reviewer": "event-person",
    "aa": "event-person",
    "age": "event-age",
    "rank": "event-rank",
    "outcome": "event-outcome",
}


def _quick_event(request: HttpRequest, d: Detention) -> tuple[str, dict, str, object]:
    """Turn the quick-record form into (kind, data, reason, occurred_at) for services.record_event."""
    post = request.POST
    kind = post.get("kind", "")
    person = post.get("person", "").strip()
    data: dict[str, object] = {}
    if kind == "visit":
        data = {"by": person}
    elif kind == "welfare_informed":
        data = {"person": person, "relationship": "parent_or_guardian"}
    elif kind == "aa_requested":
        data = {"name": person}
    elif kind == "aa_arrived":
        age = post.get("age", "").strip()
        data = {
            "name": person,
            "aa_type": post.get("aa_type", ""),
            "age": int(age) if age.isdigit() else None,
            "employment": "none",
        }
    elif kind == "review_held":
        data = {"reviewer": person, "rank": post.get("rank", "")}
    elif kind == "released":
        data = {"outcome": post.get("outcome", "")}
    hhmm = post.get("time", "").strip()
    occurred_at: object = None
    try:
        hour, minute = (int(x) for x in hhmm.split(":"))
        today = timezone.now().astimezone(law.LONDON).date()
        occurred_at = dt.datetime(today.year, today.month, today.day, hour, minute, tzinfo=law.LONDON)
    except ValueError:
        occurred_at = "not a time" if hhmm else None
    return kind, data, post.get("reason", ""), occurred_at


@role_required(*CUSTODY_ROLES)
def detention(request: HttpRequest, detention_id: int) -> HttpResponse:
    d = detention_for(request.user, detention_id)
    errors: list[tuple[str, str]] = []
    if request.method == "POST":
        kind, data, reason, occurred_at = _quick_event(request, d)
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = None
        try:
            services.record_event(
                request.user,
                d,
                kind=kind,
                occurred_at=occurred_at,
                data=data,
                reason=reason,
                expected_version=version,
            )
        except InvalidEvent as exc:
            errors = [
                (
                    EVENT_FIELD_IDS.get(k.split(".")[0], "event-kind"),
                    f"{k.replace('_', ' ').capitalize()}: {v}",
                )
                for k, v in exc.errors.items()
            ]
        except StaleVersion as exc:
            errors = [("event-kind", str(exc).split(": ", 1)[-1])]
        else:
            messages.success(request, "Recorded on the timeline.")
            return redirect(reverse("custody:detention", kwargs={"detention_id": d.pk}))
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
            "can_authorise": role_of(request.user) in AUTHORISING_ROLES,
            "quick_kinds": QUICK_KINDS,
            "aa_types": [(t, t.replace("_", " ").capitalize()) for t in law.AA_TYPES],
            "ranks": [(r, r.replace("_", " ").capitalize()) for r in law.RANKS],
            "outcomes": [(o, o.replace("_", " ").capitalize()) for o in law.RELEASE_OUTCOMES],
            "errors": errors,
            "error_fields": {field for field, _ in errors},
            "posted": request.POST if errors else {},
        },
        status=400 if errors else 200,
    )


FIELD_IDS = {"decision": "decision", "rank": "rank", "note": "note", "at": "decision", "stage": "decision"}


@role_required(*AUTHORISING_ROLES)
def strip_search_decision(request: HttpRequest, search_id: int) -> HttpResponse:
    """An inspector authorises or refuses a requested strip search of a child (SRC-06, SRC-08)."""
    search = strip_search_for(request.user, search_id)
    d = search.detention
    Auditor(request.user).record(AuditAction.READ, "custody.strip_search", search.pk, child_id=d.child_id)
    errors: list[tuple[str, str]] = []
    values = {"decision": "", "rank": "inspector", "note": ""}
    if request.method == "POST":
        values = {k: request.POST.get(k, "").strip() for k in values}
        if values["decision"] not in ("authorise", "refuse"):
            errors.append(("decision", "Choose whether to authorise or refuse the strip search"))
        else:
            try:
                version = int(request.POST.get("version", ""))
            except ValueError:
                version = None
            try:
                ss.decide(
                    request.user,
                    search,
                    authorise=values["decision"] == "authorise",
                    rank=values["rank"],
                    note=values["note"],
                    at=timezone.now(),
                    expected_version=version,
                )
            except InvalidEvent as exc:
                errors = [
                    (FIELD_IDS.get(k, "decision"), f"{k.replace('_', ' ').capitalize()}: {v}")
                    for k, v in exc.errors.items()
                ]
            except StaleVersion as exc:
                errors = [("decision", str(exc).split(": ", 1)[-1])]
            else:
                messages.success(request, f"Strip search {search.get_stage_display().lower()}.")
                return redirect(reverse("custody:detention", kwargs={"detention_id": d.pk}))
    requirements = ss.requirements(search)
    return render(
        request,
        "custody/strip_search_decision.html",
        {
            "search": search,
            "d": d,
            "child": presenters.child_name(d),
            "requested_at": law.show(search.requested_at),
            "safeguards": requirements["safeguards"],
            "warnings": requirements["warnings"],
            "ranks": [(r, r.replace("_", " ").capitalize()) for r in law.RANKS],
            "values": values,
            "errors": errors,
            "error_fields": {field for field, _ in errors},
        },
        status=400 if errors else 200,
    )
