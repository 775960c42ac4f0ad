"""Finding a child, the child's record (an audited read), break-glass, and who has viewed a child."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from childfirst.core.access import role_required
from childfirst.core.audit import AuditAction, Auditor
from childfirst.people.access import child_audit_trail, child_for
from childfirst.people.services import create_child

from ..forms.children import BreakGlassForm, ChildSearchForm, NewChildForm
from ..presenters import (
    assessment_rows,
    audit_rows,
    child_care,
    child_facts,
    child_needs,
    local,
    page_links,
)
from ..queries import search_children
from ..roles import CASE_ROLES, OVERSIGHT_ROLES

BREAK_GLASS_SESSION_KEY = "childfirst_break_glass"


@role_required(*CASE_ROLES)
def child_search(request: HttpRequest) -> HttpResponse:
    form = ChildSearchForm(request.GET or None)
    results = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        results = search_children(
            request.user, name=data["name"], date_of_birth=data["date_of_birth"], reference=data["reference"]
        )
    return render(request, "web/children/search.html", {"form": form, "results": results})


def _break_glass_reason(request: HttpRequest, child_id: int) -> str:
    return request.session.get(BREAK_GLASS_SESSION_KEY, {}).get(str(child_id), "")


@role_required(*CASE_ROLES)
def child_record(request: HttpRequest, child_id: int) -> HttpResponse:
    reason = _break_glass_reason(request, child_id)
    try:
        child = child_for(request.user, child_id, reason=reason)
    except Http404:
        return render(request, "web/children/not_found.html", {"child_id": child_id}, status=404)
    today = timezone.localdate()
    encounters = child.encounters.select_related("borough", "recording_officer").order_by("-aware_at")
    context = {
        "child": child,
        "break_glass_reason": "" if request.user.has_perm("people.view_child", child) else reason,
        "can_see_viewers": request.user.has_perm("people.view_child_audit"),
        "facts": child_facts(child, today),
        "care": child_care(child),
        "needs": child_needs(child),
        "people": list(child.people_responsible.all()),
        "assessments": assessment_rows(child.assessments.select_related("assessor").order_by("-assessed_at")),
        "encounters": [(encounter, local(encounter.aware_at)) for encounter in encounters],
    }
    return render(request, "web/children/record.html", context)


@role_required(*CASE_ROLES)
def break_glass(request: HttpRequest, child_id: int) -> HttpResponse:
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            child_for(request.user, child_id, reason=form.cleaned_data["reason"])
        except Http404:
            return render(request, "web/children/not_found.html", {"child_id": child_id}, status=404)
        granted = dict(request.session.get(BREAK_GLASS_SESSION_KEY, {}))
        granted[str(child_id)] = form.cleaned_data["reason"]
        request.session[BREAK_GLASS_SESSION_KEY] = granted
        return redirect(reverse("web:child-record", args=[child_id]))
    return render(request, "web/children/break_glass.html", {"form": form, "child_id": child_id})


@role_required(*OVERSIGHT_ROLES)
def who_viewed(request: HttpRequest, child_id: int) -> HttpResponse:
    from django.core.paginator import Paginator

    rows = child_audit_trail(request.user, child_id)
    Auditor(request.user).record(AuditAction.READ, "child_audit_trail", child_id, child_id=child_id)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "web/children/who_viewed.html",
        {
            "child_id": child_id,
            "page": page,
            "rows": list(audit_rows(page.object_list)),
            "pagination": page_links(page, {}),
        },
    )


@role_required(*CASE_ROLES)
def new_child(request: HttpRequest) -> HttpResponse:
    """Record a child who is not on ChildFirst yet; then record the encounter with them."""
    form = NewChildForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            child = create_child(request.user, form.service_input())
        except ValidationError as error:
            form.add_service_errors(error.message_dict)
        else:
            return redirect(reverse("web:encounter-new") + f"?child={child.pk}")
    return render(request, "web/children/new.html", {"form": form})
