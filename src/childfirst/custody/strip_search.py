"""The strip-search (exposure of intimate parts) workflow for a detained child: SRC-02, 03, 04, 06, 08.

request → (inspector authorisation, where force policy requires it: SRC-06/08) → safeguards (the AA
present; or the child's objection in the AA's presence with the AA's signed agreement; or urgency with
an inspector notified: SRC-03/08) → completion (location, persons present of the same sex, result:
SRC-02/04). Which safeguards apply is the lawbook's `strip_search_requirements` for the force's policy.
A stage can only move forward; each step is audited and written to the detention timeline. Completion
creates the follow-ups policy requires (safeguarding referral, parent/carer informed: SRC-08).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from childfirst.core.audit import Auditor
from childfirst.core.models import AuditAction

from . import law
from .errors import InvalidEvent, StaleVersion
from .models import (
    Detention,
    DetentionState,
    EventKind,
    FollowUpKind,
    SafeguardRoute,
    StripSearch,
    StripSearchFollowUp,
    StripSearchStage,
)
from .services import _instant, append_system_event
from .timeline import facts


def _bump(search: StripSearch, expected_version: Any, **changes: Any) -> None:
    if not isinstance(expected_version, int) or isinstance(expected_version, bool):
        raise InvalidEvent.one("version", "is required: the version of the strip search record you loaded")
    updated = StripSearch.objects.filter(pk=search.pk, version=expected_version).update(
        version=F("version") + 1, **changes
    )
    if updated != 1:
        current = StripSearch.objects.values_list("version", flat=True).get(pk=search.pk)
        raise StaleVersion(expected_version, current)
    search.refresh_from_db()


def _timeline(actor: Any, search: StripSearch, step: str, at: dt.datetime, **extra: Any) -> None:
    append_system_event(
        actor,
        search.detention,
        kind=EventKind.STRIP_SEARCH,
        occurred_at=at,
        data={"strip_search": search.pk, "step": step, **extra},
    )
    Auditor(actor).record(
        AuditAction.UPDATE if step != "requested" else AuditAction.CREATE,
        "custody.strip_search",
        search.pk,
        child_id=search.detention.child_id,
        detail={"step": step, "detention": search.detention_id},
    )


def requirements(search: StripSearch, at: dt.datetime | None = None) -> Any:
    d = search.detention
    return law.strip_search_requirements(at or search.requested_at, law.juvenile(d, search.requested_at)[0])


def request(
    actor: Any,
    detention: Detention,
    *,
    requested_at: Any,
    grounds: str,
    object_sought: str,
    now: dt.datetime | None = None,
) -> StripSearch:
    """A custody officer asks for a strip search, stating why it is necessary and what is sought (SRC-03)."""
    now = now or timezone.now()
    errors: dict[str, str] = {}
    at = _instant(errors, "requested_at", requested_at, now)
    if detention.state != DetentionState.IN_CUSTODY:
        errors["detention"] = "has ended: the child is no longer in custody"
    if not (grounds or "").strip():
        errors["grounds"] = (
            "is required: why the search is necessary to remove an article (SRC-03); never routine"
        )
    if not (object_sought or "").strip():
        errors["object_sought"] = "is required (SRC-04)"
    if at and at < detention.arrived_at:
        errors["requested_at"] = "is before the child arrived"
    if errors:
        raise InvalidEvent(errors)
    assert at is not None  # noqa: S101
    req = law.strip_search_requirements(at, law.juvenile(detention, at)[0])
    with transaction.atomic():
        search = StripSearch.objects.create(
            detention=detention,
            requested_at=at,
            requested_by=actor,
            grounds=grounds.strip(),
            object_sought=object_sought.strip(),
            authorisation_required=law.needs(req, "inspector_authorisation"),
        )
        _timeline(actor, search, "requested", at, object_sought=search.object_sought)
    return search


def decide(
    actor: Any,
    search: StripSearch,
    *,
    authorise: bool,
    rank: str,
    note: str = "",
    at: Any,
    expected_version: Any,
    now: dt.datetime | None = None,
) -> StripSearch:
    """An inspector or above authorises or refuses the search (SRC-06; SRC-08 proposal 1)."""
    now = now or timezone.now()
    errors: dict[str, str] = {}
    when = _instant(errors, "at", at, now)
    if search.stage != StripSearchStage.REQUESTED:
        errors["stage"] = f"the search is already {search.get_stage_display().lower()}"
    problem = law.rank_problem(rank, law.STRIP_SEARCH_RANK, when)
    if problem:
        errors["rank"] = problem + " (SRC-06)"
    if not authorise and not (note or "").strip():
        errors["note"] = "is required: record why the search is refused"
    if when and when < search.requested_at:
        errors["at"] = "is before the request"
    if errors:
        raise InvalidEvent(errors)
    with transaction.atomic():
        _bump(
            search,
            expected_version,
            stage=StripSearchStage.AUTHORISED if authorise else StripSearchStage.REFUSED,
            authorised_by=actor,
            authorising_rank=rank,
            authorised_at=when,
            decision_note=(note or "").strip(),
        )
        _timeline(actor, search, "authorised" if authorise else "refused", when, rank=rank)
    return search


def record_safeguards(
    actor: Any,
    search: StripSearch,
    *,
    route: str,
    at: Any,
    expected_version: Any,
    aa_name: str = "",
    aa_signed: bool = False,
    urgency_reason: str = "",
    inspector_notified: str = "",
    now: dt.datetime | None = None,
) -> StripSearch:
    """How the AA safeguard is met before the search (SRC-03; SRC-08 item 7)."""
    now = now or timezone.now()
    errors: dict[str, str] = {}
    when = _instant(errors, "at", at, now)
    allowed = {StripSearchStage.AUTHORISED}
    if not search.authorisation_required:
        allowed.add(StripSearchStage.REQUESTED)
    if search.stage not in allowed:
        errors["stage"] = (
            "an inspector must authorise the search first (SRC-06)"
            if search.stage == StripSearchStage.REQUESTED
            else f"the search is {search.get_stage_display().lower()}"
        )
    if route not in SafeguardRoute.values:
        errors["route"] = f"must be one of {', '.join(SafeguardRoute.values)}"
    f = facts(search.detention.events.order_by("sequence"))
    if route in (SafeguardRoute.AA_PRESENT, SafeguardRoute.CHILD_OBJECTED_AA_AGREED):
        if not f.aa_present:
            errors["route"] = "no appropriate adult is recorded as present on the timeline (SRC-03)"
        if not (aa_name or "").strip():
            errors["aa_name"] = "is required (SRC-04)"
    if route == SafeguardRoute.CHILD_OBJECTED_AA_AGREED and aa_signed is not True:
        errors["aa_signed"] = "the AA must agree and sign the record of the child's objection (SRC-03)"
    if route == SafeguardRoute.URGENCY:
        if not (urgency_reason or "").strip():
            errors["urgency_reason"] = "is required: the risk of serious harm that could not wait (SRC-03)"
        if (
            law.needs(requirements(search), "inspector_notified_if_no_aa")
            and not (inspector_notified or "").strip()
        ):
            errors["inspector_notified"] = (
                "an inspector must be notified when no AA is present because of urgency (SRC-08)"
            )
    if errors:
        raise InvalidEvent(errors)
    with transaction.atomic():
        _bump(
            search,
            expected_version,
            stage=StripSearchStage.SAFEGUARDS_MET,
            route=route,
            aa_name=(aa_name or "").strip(),
            aa_signed=bool(aa_signed),
            urgency_reason=(urgency_reason or "").strip(),
            inspector_notified=(inspector_notified or "").strip(),
        )
        _timeline(actor, search, "safeguards", when, route=route)
    return search


def complete(
    actor: Any,
    search: StripSearch,
    *,
    location: str,
    persons_present: Any,
    result: str,
    at: Any,
    expected_version: Any,
    now: dt.datetime | None = None,
) -> StripSearch:
    """Record the search itself: where, who was there (same sex), what was found (SRC-02, SRC-04)."""
    now = now or timezone.now()
    errors: dict[str, str] = {}
    when = _instant(errors, "at", at, now)
    if search.stage != StripSearchStage.SAFEGUARDS_MET:
        errors["stage"] = "record how the appropriate-adult safeguard is met first (SRC-03)"
    if location not in law.SEARCH_LOCATIONS:
        errors["location"] = f"is required: one of {', '.join(law.SEARCH_LOCATIONS)} (SRC-04)"
    if not (result or "").strip():
        errors["result"] = "is required (SRC-04)"
    people: list[dict[str, str]] = []
    if not isinstance(persons_present, list) or not persons_present:
        errors["persons_present"] = "is required: everyone present other than the child (SRC-04)"
    else:
        child_sex = search.detention.sex
        for i, person in enumerate(persons_present):
            if not isinstance(person, dict) or not str(person.get("name", "")).strip():
                errors[f"persons_present[{i}].name"] = "is required"
                continue
            role = str(person.get("role", "")).strip()
            sex = str(person.get("sex", "")).strip()
            if sex not in ("female", "male"):
                errors[f"persons_present[{i}].sex"] = "must be female or male"
            elif role != "appropriate_adult" and child_sex in ("female", "male") and sex != child_sex:
                errors[f"persons_present[{i}].sex"] = (
                    "officers present must be of the same sex as the child (SRC-02)"
                )
            people.append({"name": str(person["name"]).strip(), "sex": sex, "role": role})
        minimum = law.minimum_people_present(when or now)
        if len(people) < minimum:
            errors["persons_present"] = (
                f"at least {minimum} people other than the child must be present (SRC-03)"
            )
        if search.route == SafeguardRoute.AA_PRESENT and not any(
            p["role"] == "appropriate_adult" for p in people
        ):
            errors["persons_present"] = "the appropriate adult must be among those present (SRC-03)"
    if not errors and when is not None:
        lawful = law.strip_search_lawful(
            at=when,
            is_juvenile=law.juvenile(search.detention, when)[0],
            necessary=True,
            people_present=len(people),
            aa_present=search.route == SafeguardRoute.AA_PRESENT,
            urgent_risk_of_serious_harm=search.route == SafeguardRoute.URGENCY,
            child_declined_aa_in_aa_presence=search.route == SafeguardRoute.CHILD_OBJECTED_AA_AGREED,
            aa_agreed_and_signed=search.aa_signed,
            authorising_rank=search.authorising_rank or None,
            location=location,
        )
        if not lawful["may_proceed"]:
            errors["strip_search"] = "may not proceed: " + ", ".join(law.words(p) for p in lawful["problems"])
    if errors:
        raise InvalidEvent(errors)
    req = requirements(search, when)
    with transaction.atomic():
        _bump(
            search,
            expected_version,
            stage=StripSearchStage.COMPLETED,
            location=location,
            persons_present=people,
            result=result.strip(),
            completed_at=when,
        )
        for safeguard, kind in (
            ("safeguarding_referral", FollowUpKind.SAFEGUARDING_REFERRAL),
            ("inform_parent", FollowUpKind.PARENT_INFORMED),
        ):
            if law.needs(req, safeguard):
                rule = next(s["rule"] for s in req["safeguards"] if s["name"] == safeguard)
                StripSearchFollowUp.objects.create(strip_search=search, kind=kind, rule=rule, created_at=when)
        _timeline(actor, search, "completed", when, location=location)
    return search


def close_follow_up(
    actor: Any, follow_up: StripSearchFollowUp, *, at: Any, now: dt.datetime | None = None
) -> None:
    now = now or timezone.now()
    errors: dict[str, str] = {}
    when = _instant(errors, "at", at, now)
    if follow_up.done_at is not None:
        errors["follow_up"] = "is already done"
    if errors:
        raise InvalidEvent(errors)
    with transaction.atomic():
        StripSearchFollowUp.objects.filter(pk=follow_up.pk, done_at__isnull=True).update(
            done_at=when, done_by=actor
        )
        Auditor(actor).record(
            AuditAction.UPDATE,
            "custody.strip_search_follow_up",
            follow_up.pk,
            child_id=follow_up.strip_search.detention.child_id,
            detail={"kind": follow_up.kind},
        )
