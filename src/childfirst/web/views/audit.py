"""Audit views: the auditor's search, the break-glass log and "who has viewed this child"."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from childfirst.core.access import role_required
from childfirst.core.audit import AuditAction, Auditor
from childfirst.core.models import AuditLog
from childfirst.people.access import break_glass_events

from ..forms.audit import AuditSearchForm
from ..presenters import audit_rows, page_links
from ..roles import AUDIT_ROLES, OVERSIGHT_ROLES

PAGE_SIZE = 50


def _start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))


def filtered_audit(data: dict) -> QuerySet[AuditLog]:
    rows = AuditLog.objects.select_related("actor").order_by("-at", "-id")  # newest first across chains
    if data.get("actor"):
        rows = rows.filter(actor__username=data["actor"])
    if data.get("action"):
        rows = rows.filter(action=data["action"])
    if data.get("object"):
        object_type, object_id = data["object"]
        rows = rows.filter(object_type=object_type, object_id=object_id)
    if data.get("child"):
        rows = rows.filter(child_id=data["child"])
    if data.get("date_from"):
        rows = rows.filter(at__gte=_start_of(data["date_from"]))
    if data.get("date_to"):
        rows = rows.filter(at__lt=_start_of(data["date_to"] + dt.timedelta(days=1)))
    return rows


@role_required(*AUDIT_ROLES)
def audit_search(request: HttpRequest) -> HttpResponse:
    searched = any(value for key, value in request.GET.items() if key != "page")
    form = AuditSearchForm(request.GET or None)
    context: dict = {"form": form, "searched": searched}
    if form.is_bound and not form.is_valid():
        return render(request, "web/audit/search.html", context, status=200)
    data = form.cleaned_data if form.is_bound else {}
    if searched:
        filters = {k: (":".join(v) if isinstance(v, tuple) else str(v)) for k, v in data.items() if v}
        Auditor(request.user).record(AuditAction.SEARCH, "audit_log", "search", detail={"filters": filters})
    # Paginate after recording the search: the count and the page slice must see the same rows.
    page = Paginator(filtered_audit(data), PAGE_SIZE).get_page(request.GET.get("page"))
    query = {k: v for k, v in request.GET.items() if k != "page" and v}
    caption = f"Audit events, page {page.number} of {page.paginator.num_pages}"
    context.update(
        {
            "caption": caption,
            "page": page,
            "rows": list(audit_rows(page.object_list)),
            "pagination": page_links(page, query),
        }
    )
    return render(request, "web/audit/search.html", context)


@role_required(*OVERSIGHT_ROLES)
def break_glass_log(request: HttpRequest) -> HttpResponse:
    rows = break_glass_events(request.user)  # a supervisor sees openings by staff in their borough
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "web/audit/break_glass_log.html",
        {"page": page, "rows": list(audit_rows(page.object_list)), "pagination": page_links(page, {})},
    )
