"""Recording an encounter through the Child First checklist, and its confirmation page."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from childfirst.core.access import role_required
from childfirst.core.audit import AuditAction, Auditor
from childfirst.encounters.models import ChildComingToNotice, Encounter
from childfirst.encounters.services import record_encounter
from childfirst.people.access import child_for

from ..forms.encounters import EncounterForm
from ..presenters import local
from ..roles import CASE_ROLES
from .children import BREAK_GLASS_SESSION_KEY


def _child_named(request: HttpRequest, child_id: object) -> object | None:
    """The child the form is about, for its heading; None if unknown or outside the user's access."""
    reason = request.session.get(BREAK_GLASS_SESSION_KEY, {}).get(str(child_id), "")
    try:
        return child_for(request.user, child_id, reason=reason, audit=False)
    except Http404:
        return None


@role_required(*CASE_ROLES)
def new_encounter(request: HttpRequest) -> HttpResponse:
    profile = getattr(request.user, "profile", None)
    default_borough = profile.borough.code if profile is not None and profile.borough_id else ""
    template = "web/encounters/new.html"
    if request.method == "POST":
        on_stop_search_step = request.POST.get("step") == "stop-search"
        form = EncounterForm(
            request.POST, default_borough=default_borough, stop_search_step=on_stop_search_step
        )
        if form.is_valid():
            if form.needs_stop_search_step:
                template = "web/encounters/stop_search.html"
                form = EncounterForm(default_borough=default_borough, initial=request.POST.dict())
            else:
                child_id = form.cleaned_data["child"]
                reason = request.session.get(BREAK_GLASS_SESSION_KEY, {}).get(str(child_id), "")
                try:
                    encounter = record_encounter(request.user, form.service_input(reason))
                except ValidationError as error:
                    form.add_service_errors(error.message_dict)
                else:
                    return redirect(reverse("web:encounter-recorded", args=[encounter.pk]))
        if on_stop_search_step and form.errors_only_on_stop_search:
            template = "web/encounters/stop_search.html"
    else:
        form = EncounterForm(initial={"child": request.GET.get("child", "")}, default_borough=default_borough)
    child_value = form["child"].value()
    child = _child_named(request, child_value) if str(child_value or "").isdigit() else None
    carried = [
        (key, value)
        for key, values in request.POST.lists()
        if key not in {"csrfmiddlewaretoken", "step"} and not key.startswith("ss_")
        for value in values
    ]
    return render(request, template, {"form": form, "child": child, "carried": carried})


@role_required(*CASE_ROLES)
def encounter_recorded(request: HttpRequest, encounter_id: int) -> HttpResponse:
    """Confirmation for the officer who recorded the encounter (and only them)."""
    encounter = (
        Encounter.objects.filter(pk=encounter_id, recording_officer=request.user)
        .select_related("child")
        .first()
    )
    if encounter is None:
        raise Http404("No encounter found, or you did not record it.")
    Auditor(request.user).record(AuditAction.READ, "encounter", encounter.pk, child_id=encounter.child_id)
    notice = ChildComingToNotice.objects.filter(encounter=encounter).first()
    return render(
        request,
        "web/encounters/recorded.html",
        {"encounter": encounter, "notice": notice, "when": local(encounter.aware_at)},
    )
