"""Writes to custody records. Each takes the acting user, runs in one transaction, audits in it.

Validation happens before anything is written: bad input raises `InvalidEvent` naming each field and
its problem (with the rule ID where the law is the reason), and nothing is saved. Every write to a
detention names the `version` the user loaded; if someone else wrote in between, `StaleVersion` is
raised and the user must reload (optimistic concurrency, no lost updates).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from childfirst.core.audit import Auditor
from childfirst.core.models import AuditAction
from childfirst.lawbook.errors import InputError

from . import law
from .errors import InvalidEvent, StaleVersion
from .models import (
    CustodySuite,
    Detention,
    DetentionEvent,
    DetentionState,
    EventKind,
    Sex,
)
from .timeline import Event, TimelineFacts, facts

# Clocks on officers' devices drift: an event stamped a little ahead of the server is not "in the future".
CLOCK_SKEW = dt.timedelta(minutes=2)

Errors = dict[str, str]


# --- small field checks ---------------------------------------------------------------------------------


def _instant(errors: Errors, field: str, value: Any, now: dt.datetime) -> dt.datetime | None:
    if value is None or value == "":
        errors[field] = "is required"
        return None
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            errors[field] = f"is not a date and time (ISO 8601 expected, got {value!r})"
            return None
    if not isinstance(value, dt.datetime):
        errors[field] = "must be a date and time"
        return None
    if value.tzinfo is None or value.utcoffset() is None:
        errors[field] = "has no time zone: give an offset (e.g. +00:00 or Z)"
        return None
    if value > now + CLOCK_SKEW:
        errors[field] = f"is in the future ({law.show(value)}); record events when they have happened"
        return None
    return value


def _text(errors: Errors, data: dict[str, Any], field: str, *, key: str | None = None) -> str:
    value = data.get(key or field)
    if not isinstance(value, str) or not value.strip():
        errors[field] = "is required"
        return ""
    return value.strip()


def _choice(errors: Errors, data: dict[str, Any], field: str, choices: tuple[str, ...]) -> str:
    value = data.get(field)
    if value not in choices:
        errors[field] = f"must be one of {', '.join(choices)} (got {value!r})"
        return ""
    return str(value)


def _bool(errors: Errors, data: dict[str, Any], field: str, *, default: bool | None = None) -> bool:
    value = data.get(field, default)
    if not isinstance(value, bool):
        errors[field] = "must be true or false"
        return False
    return value


# --- booking in -----------------------------------------------------------------------------------------


def _offences(errors: Errors, offences: Any) -> list[dict[str, Any]]:
    if not isinstance(offences, list) or not offences:
        errors["offences"] = "at least one offence is required"
        return []
    clean = []
    for i, item in enumerate(offences):
        if not isinstance(item, dict) or not str(item.get("description", "")).strip():
            errors[f"offences[{i}].description"] = "is required"
            continue
        if item.get("offence_type") not in law.OFFENCE_TYPES:
            errors[f"offences[{i}].offence_type"] = f"must be one of {', '.join(law.OFFENCE_TYPES)}"
            continue
        category = item.get("category") or "other"
        if category not in law.OFFENCE_CATEGORIES:
            errors[f"offences[{i}].category"] = f"must be one of {', '.join(law.OFFENCE_CATEGORIES)}"
            continue
        clean.append(
            {
                "description": str(item["description"]).strip(),
                "offence_type": item["offence_type"],
                "indictable": item["offence_type"] != "summary",
                "category": category,
            }
        )
    return clean


def book_in(
    actor: Any,
    *,
    child: Any,
    suite: CustodySuite,
    custody_number: str,
    arrested_at: Any,
    arrest_place: str,
    arrived_at: Any,
    detention_authorised_at: Any,
    offences: Any,
    appears_under_18: bool = True,
    age_disputed: bool = False,
    clear_evidence_of_adult: bool = False,
    date_of_birth: dt.date | None = None,
    sex: str = Sex.NOT_KNOWN,
    welfare_person: str = "",
    mental_health_s136: bool = False,
    synthetic: bool = False,
    now: dt.datetime | None = None,
) -> Detention:
    """Open a detention record for a child brought into a custody suite."""
    now = now or timezone.now()
    errors: Errors = {}
    if not str(custody_number or "").strip():
        errors["custody_number"] = "is required"
    elif Detention.objects.filter(custody_number=custody_number.strip()).exists():
        errors["custody_number"] = "is already used by another detention"
    if not str(arrest_place or "").strip():
        errors["arrest_place"] = "is required"
    arrested = _instant(errors, "arrested_at", arrested_at, now)
    arrived = _instant(errors, "arrived_at", arrived_at, now)
    authorised = _instant(errors, "detention_authorised_at", detention_authorised_at, now)
    if arrested and arrived and arrived < arrested:
        errors["arrived_at"] = f"is before the arrest ({law.show(arrested)})"
    if arrived and authorised and authorised < arrived:
        errors["detention_authorised_at"] = f"is before arrival at the station ({law.show(arrived)})"
    clean_offences = _offences(errors, offences)
    if sex not in Sex.values:
        errors["sex"] = f"must be one of {', '.join(Sex.values)}"
    if date_of_birth is not None and not isinstance(date_of_birth, dt.date):
        errors["date_of_birth"] = "must be a date"
    elif arrested and arrived and authorised and not errors:
        draft = Detention(
            arrested_at=arrested,
            arrived_at=arrived,
            appears_under_18=appears_under_18,
            age_disputed=age_disputed,
            clear_evidence_of_adult=clear_evidence_of_adult,
            date_of_birth=date_of_birth,
        )
        problem = law.criminal_responsibility_problem(draft)
        if problem:
            errors["date_of_birth"] = problem
        if mental_health_s136:
            problem = law.s136_problem(arrived, law.age_on(draft, arrived))
            if problem:
                errors["mental_health_s136"] = problem
    if errors:
        raise InvalidEvent(errors)
    with transaction.atomic():
        try:
            detention = Detention.objects.create(
                child=child,
                suite=suite,
                custody_number=custody_number.strip(),
                appears_under_18=appears_under_18,
                age_disputed=age_disputed,
                clear_evidence_of_adult=clear_evidence_of_adult,
                date_of_birth=date_of_birth,
                sex=sex,
                arrested_at=arrested,
                arrest_place=arrest_place.strip(),
                arrived_at=arrived,
                detention_authorised_at=authorised,
                offences=clean_offences,
                welfare_person=welfare_person,
                synthetic=synthetic,
                summary=TimelineFacts().to_json(),
                created_by=actor,
            )
        except IntegrityError:
            raise InvalidEvent.one("custody_number", "is already used by another detention") from None
        Auditor(actor).record(
            AuditAction.CREATE,
            "custody.detention",
            detention.pk,
            child_id=child.pk,
            detail={"suite": suite.code, "custody_number": detention.custody_number},
        )
    return detention


# --- timeline events -------------------------------------------------------------------------------------

Validator = Callable[[Detention, TimelineFacts, dict[str, Any], str, dt.datetime, Errors], dict[str, Any]]
_VALIDATORS: dict[str, Validator] = {}


def _validates(kind: str) -> Callable[[Validator], Validator]:
    def deco(fn: Validator) -> Validator:
        _VALIDATORS[kind] = fn
        return fn

    return deco


@_validates(EventKind.WELFARE_INFORMED)
def _welfare(d, f, data, reason, at, errors):
    person = _text(errors, data, "person")
    relationship = _choice(errors, data, "relationship", law.welfare_relationships(at))
    informed_of = data.get("informed_of")
    if informed_of is None:  # recording the call means the standard message was given (CUS-03 (a)-(c))
        informed_of = law.welfare_items(at)
    if not isinstance(informed_of, list) or not all(isinstance(i, str) for i in informed_of):
        errors["informed_of"] = f"must be a list drawn from {', '.join(law.welfare_items(at))}"
        return {}
    missing: list[str] = []
    if relationship:
        try:
            missing = law.welfare_missing(at, relationship, informed_of)
        except InputError as exc:
            errors[exc.field] = f"{exc.problem} (CUS-03)"
    return {"person": person, "relationship": relationship, "informed_of": informed_of, "missing": missing}


@_validates(EventKind.AA_REQUESTED)
def _aa_requested(d, f, data, reason, at, errors):
    return {"name": str(data.get("name", "")).strip(), "aa_type": str(data.get("aa_type", "")).strip()}


@_validates(EventKind.AA_ARRIVED)
def _aa_arrived(d, f, data, reason, at, errors):
    if f.aa_present:
        errors["kind"] = "an appropriate adult is already present; record that they left first"
    name = _text(errors, data, "name")
    aa_type = _choice(errors, data, "aa_type", law.AA_TYPES)
    if errors:
        return {}
    in_care = getattr(d.child, "care_status", "") == "looked_after"
    try:
        problems = law.aa_problems(data, at, child_in_care=in_care)
    except InputError as exc:
        errors[exc.field] = exc.problem
        return {}
    if problems:
        errors["aa"] = "this person cannot act as appropriate adult: " + "; ".join(problems)
    checks = {k: data[k] for k in ("age", "employment", *law.AA_DISQUALIFYING_FACTS) if k in data}
    return {"name": name, "aa_type": aa_type, "checks": checks}


@_validates(EventKind.AA_LEFT)
def _aa_left(d, f, data, reason, at, errors):
    if not f.aa_present:
        errors["kind"] = "no appropriate adult is recorded as present"
    if f.interview_in_progress:
        errors["kind"] = "an interview is in progress: end it before the appropriate adult leaves (CUS-06)"
    return {}


@_validates(EventKind.RIGHTS_GIVEN)
def _rights(d, f, data, reason, at, errors):
    return {"aa_present": f.aa_present}


@_validates(EventKind.INTERVIEW_STARTED)
def _interview_started(d, f, data, reason, at, errors):
    if f.interview_in_progress:
        errors["kind"] = "an interview is already in progress"
        return {}
    if not law.juvenile(d, at)[0]:
        return {"aa_present": f.aa_present}
    if law.aa_step_may_proceed("interview", at, aa_present=f.aa_present):
        return {"aa_present": True}
    auth = data.get("urgent_authorisation")
    if not isinstance(auth, dict):
        errors["urgent_authorisation"] = (
            "no appropriate adult is present: an interview may go ahead only as an urgent interview "
            "authorised by an officer of the required rank (CUS-06, Code C 11.15)"
        )
        return {}
    by = str(auth.get("by", "")).strip()
    rank = str(auth.get("rank", "")).strip()
    if not by:
        errors["urgent_authorisation.by"] = "is required"
    problem = law.rank_problem(rank, law.URGENT_INTERVIEW_RANK, at)
    if problem:
        errors["urgent_authorisation.rank"] = problem + " (CUS-06)"
    if not reason.strip():
        errors["reason"] = "is required: why the interview cannot wait for the appropriate adult"
    if not errors and not law.aa_step_may_proceed("interview", at, aa_present=False, urgent_authorised=True):
        errors["urgent_authorisation"] = "the lawbook allows no urgent-interview exception here (CUS-06)"
    return {"aa_present": False, "urgent_authorisation": {"by": by, "rank": rank}}


@_validates(EventKind.INTERVIEW_ENDED)
def _interview_ended(d, f, data, reason, at, errors):
    if not f.interview_in_progress:
        errors["kind"] = "no interview is in progress"
    return {}


@_validates(EventKind.REVIEW_HELD)
def _review_held(d, f, data, reason, at, errors):
    reviewer = _text(errors, data, "reviewer")
    rank = str(data.get("rank", "")).strip()
    required = law.REVIEW_RANK_POST_CHARGE if f.charged_at else law.REVIEW_RANK_PRE_CHARGE
    problem = law.rank_problem(rank, required, at)
    if problem:
        errors["rank"] = problem + " (CUS-13)"
    return {"reviewer": reviewer, "rank": rank, "aa_present": f.aa_present}


@_validates(EventKind.REVIEW_POSTPONED)
def _review_postponed(d, f, data, reason, at, errors):
    if not reason.strip():
        errors["reason"] = "is required: why the review is not practicable now (CUS-13)"
    return {}


@_validates(EventKind.EXTENSION)
def _extension(d, f, data, reason, at, errors):
    by = _text(errors, data, "authorised_by")
    rank = str(data.get("rank", "")).strip()
    kind = _choice(errors, data, "extension_type", law.EXTENSION_TYPES)
    if not reason.strip():
        errors["reason"] = "is required: the grounds for continued detention (CUS-12)"
    until = data.get("until")
    if until not in (None, ""):
        until_at = _instant({}, "until", until, dt.datetime.max.replace(tzinfo=dt.UTC) - CLOCK_SKEW)
        if until_at is None or until_at <= at:
            errors["until"] = "must be a date and time with a time zone, after the authorisation"
    if errors:
        return {}
    try:
        problems = law.extension_problems(d, f, kind=kind, rank=rank, at=at, data=data)
    except InputError as exc:
        errors[exc.field] = f"{exc.problem} (CUS-12)"
        return {}
    if problems:
        errors["extension"] = "; ".join(problems)
    out: dict[str, Any] = {"authorised_by": by, "rank": rank, "extension_type": kind}
    if until:
        out["until"] = until if isinstance(until, str) else until.isoformat()
    for flag in ("necessary_for_evidence", "diligent_and_expeditious", "court_could_not_sit"):
        if flag in data:
            out[flag] = bool(data[flag])
    return out


@_validates(EventKind.CHARGED)
def _charged(d, f, data, reason, at, errors):
    if f.charged_at:
        errors["kind"] = "the child has already been charged"
    if f.interview_in_progress:
        errors["kind"] = "end the interview before charging"
    return {
        "aa_present": f.aa_present,
        "offences": data.get("offences") or [o["description"] for o in d.offences],
    }


@_validates(EventKind.BAIL_DECISION)
def _bail(d, f, data, reason, at, errors):
    if not f.charged_at:
        errors["kind"] = "a bail decision follows a charge: record the charge first (CUS-14)"
    if f.bail_decision:
        errors["kind"] = "a bail decision has already been recorded"
    outcome = _choice(errors, data, "outcome", ("bailed", "released_without_bail", "refused"))
    ground = ""
    if outcome == "refused":
        ground = _choice(errors, data, "ground", law.post_charge_grounds(at))
        if ground:
            problem = law.post_charge_problem(at, law.juvenile(d, at)[0], ground)
            if problem:
                errors["ground"] = problem
        if not reason.strip():
            errors["reason"] = "is required: why the child cannot be released after charge (CUS-14)"
    return {"outcome": outcome, "ground": ground}


@_validates(EventKind.TRANSFER_REQUESTED)
def _transfer_requested(d, f, data, reason, at, errors):
    if f.bail_decision != "refused":
        errors["kind"] = "a transfer is requested for a charged child refused bail (CUS-15)"
    if f.transfer_requested_at:
        errors["kind"] = "a transfer has already been requested"
    return {
        "local_authority": _text(errors, data, "local_authority"),
        "accommodation": _choice(errors, data, "accommodation", ("secure", "non_secure")),
    }


@_validates(EventKind.TRANSFER_RESPONSE)
def _transfer_response(d, f, data, reason, at, errors):
    if not f.transfer_requested_at:
        errors["kind"] = "no transfer request has been recorded"
    response = _choice(errors, data, "response", ("secure_offered", "non_secure_offered", "refused"))
    if response == "refused" and not reason.strip():
        errors["reason"] = "is required: the reason the local authority gave"
    return {"response": response, "responder": str(data.get("responder", "")).strip()}


@_validates(EventKind.CERTIFICATE)
def _certificate(d, f, data, reason, at, errors):
    if f.bail_decision != "refused":
        errors["kind"] = "a s.38(6) certificate is made only for a charged child kept in detention (CUS-15)"
    ground = _choice(errors, data, "ground", ("a", "b"))
    codes = data.get("reason_codes")
    if not isinstance(codes, list) or not codes or not all(isinstance(c, str) for c in codes):
        errors["reason_codes"] = "at least one reason code is required (CUS-17, CUS-18)"
        codes = []
    reasons = _text(errors, data, "reasons")
    officer = _text(errors, data, "certifying_officer")
    inspector = _text(errors, data, "inspector")
    if errors:
        return {}
    cert = {
        "ground": ground,
        "reason_codes": codes,
        "reasons": reasons,
        "certifying_officer": officer,
        "inspector": inspector,
        "secure_available": bool(data.get("secure_available", False)),
        "serious_harm_risk": bool(data.get("serious_harm_risk", False)),
    }
    try:
        problems = law.certificate_problems(d, cert, at=at)
    except InputError as exc:
        errors[exc.field] = f"{exc.problem} (CUS-15)"
        return {}
    if problems:
        errors["certificate"] = "; ".join(problems)
    return cert


@_validates(EventKind.TRANSFER_COMPLETED)
def _transfer_completed(d, f, data, reason, at, errors):
    if f.transfer_response not in ("secure_offered", "non_secure_offered"):
        errors["kind"] = "the local authority has not offered accommodation yet"
    return {"placement": str(data.get("placement", "")).strip()}


@_validates(EventKind.CELL_ALLOCATED)
def _cell(d, f, data, reason, at, errors):
    cell = _text(errors, data, "cell")
    code = str(data.get("justification", "")).strip()
    errors.update(law.cell_problems(d, code, reason, at, law.juvenile(d, at)[0]))
    return {"cell": cell, "justification": code}


@_validates(EventKind.VISIT)
def _visit(d, f, data, reason, at, errors):
    return {"by": str(data.get("by", "")).strip(), "condition": str(data.get("condition", "")).strip()}


@_validates(EventKind.WOMAN_CARER_ASSIGNED)
def _woman_carer(d, f, data, reason, at, errors):
    officer = _text(errors, data, "officer")
    if data.get("officer_sex") != Sex.FEMALE:
        errors["officer_sex"] = (
            "a girl must be under the care of a woman (CUS-08): the officer must be female"
        )
    return {"officer": officer, "officer_sex": data.get("officer_sex")}


@_validates(EventKind.ADULT_ASSOCIATION)
def _adult_association(d, f, data, reason, at, errors):
    adult = _text(errors, data, "adult")
    relation = _choice(errors, data, "relation", ("relative", "jointly_charged", "other"))
    shared_cell = _bool(errors, data, "shared_cell", default=False)
    if relation:
        for problem in law.adult_contact_problems(at, law.juvenile(d, at)[0], relation, shared_cell):
            if problem == "shares_cell_with_adult":
                errors["shared_cell"] = (
                    "a child must never share a cell with a detained adult (CUS-09, Code C 8.8)"
                )
            elif not shared_cell:
                errors["relation"] = (
                    "a child must be kept from associating with detained adults unless the adult is a "
                    "relative or jointly charged (CUS-09)"
                )
    return {"adult": adult, "relation": relation, "shared_cell": shared_cell}


@_validates(EventKind.RELEASED)
def _released(d, f, data, reason, at, errors):
    if f.interview_in_progress:
        errors["kind"] = "an interview is in progress: end it before release"
    outcome = _choice(errors, data, "outcome", law.RELEASE_OUTCOMES)
    return {"outcome": outcome, "to": str(data.get("to", "")).strip()}


# Strip-search steps are recorded by the strip-search services, not directly.
RECORDABLE_KINDS = tuple(k for k in EventKind.values if k != EventKind.STRIP_SEARCH)


def _check_common(
    d: Detention, f: TimelineFacts, kind: str, occurred_at: Any, now: dt.datetime, errors: Errors
):
    at = _instant(errors, "occurred_at", occurred_at, now)
    if d.state != DetentionState.IN_CUSTODY:
        errors["detention"] = (
            f"has ended ({d.get_state_display().lower()}); no further events can be recorded"
        )
    if at is None:
        return None
    if at < d.arrived_at:
        what = "release" if kind == EventKind.RELEASED else "event"
        errors["occurred_at"] = (
            f"{what} time {law.show(at)} is before the child arrived ({law.show(d.arrived_at)})"
        )
    elif f.last_event_at and at < f.last_event_at:
        errors["occurred_at"] = (
            f"is out of order: {law.show(at)} is before the last recorded event "
            f"({law.show(f.last_event_at)}); "
            "the timeline is append-only, so record events in the order they happened"
        )
    return at


def _bump_version(detention: Detention, expected_version: Any, **changes: Any) -> int:
    if not isinstance(expected_version, int) or isinstance(expected_version, bool):
        raise InvalidEvent.one("version", "is required: the version of the detention you loaded")
    updated = Detention.objects.filter(pk=detention.pk, version=expected_version).update(
        version=F("version") + 1, **changes
    )
    if updated != 1:
        current = Detention.objects.values_list("version", flat=True).get(pk=detention.pk)
        raise StaleVersion(expected_version, current)
    return expected_version + 1


def validate_event(
    detention: Detention,
    events: list[Any],
    *,
    kind: Any,
    occurred_at: Any,
    data: Any = None,
    reason: Any = "",
    now: dt.datetime,
) -> tuple[dt.datetime, dict[str, Any]]:
    """Check a proposed event against the detention and its timeline; return (time, cleaned data)."""
    errors: Errors = {}
    if kind not in RECORDABLE_KINDS:
        raise InvalidEvent.one("kind", f"must be one of {', '.join(RECORDABLE_KINDS)} (got {kind!r})")
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InvalidEvent.one("data", "must be an object")
    if reason is None:
        reason = ""
    if not isinstance(reason, str):
        raise InvalidEvent.one("reason", "must be text")
    f = facts(events)
    at = _check_common(detention, f, kind, occurred_at, now, errors)
    clean = _VALIDATORS[kind](detention, f, data, reason, at or now, errors)
    if errors:
        raise InvalidEvent(errors)
    assert at is not None  # noqa: S101 - _check_common recorded an error otherwise
    return at, clean


def record_event(
    actor: Any,
    detention: Detention,
    *,
    kind: str,
    occurred_at: Any,
    expected_version: Any,
    data: dict[str, Any] | None = None,
    reason: str = "",
    now: dt.datetime | None = None,
) -> DetentionEvent:
    """Append an event to a detention's timeline, after validating it against everything before it."""
    now = now or timezone.now()
    if reason is None:
        reason = ""
    with transaction.atomic():
        events = list(detention.events.order_by("sequence"))
        at, clean = validate_event(
            detention, events, kind=kind, occurred_at=occurred_at, data=data, reason=reason, now=now
        )
        changes: dict[str, Any] = {
            "summary": facts([*events, Event(kind, at, clean, (reason or "").strip())]).to_json()
        }
        if kind == EventKind.RELEASED:
            changes.update(state=DetentionState.RELEASED, ended_at=at)
        elif kind == EventKind.TRANSFER_COMPLETED:
            changes.update(state=DetentionState.TRANSFERRED, ended_at=at)
        elif kind == EventKind.WELFARE_INFORMED:
            changes.update(welfare_person=clean.get("person", ""))
        detention.version = _bump_version(detention, expected_version, **changes)
        for key, value in changes.items():
            setattr(detention, key, value)
        event = DetentionEvent.objects.create(
            detention=detention,
            sequence=len(events) + 1,
            kind=kind,
            occurred_at=at,
            actor=actor,
            data=clean,
            reason=(reason or "").strip(),
        )
        Auditor(actor).record(
            AuditAction.UPDATE,
            "custody.detention",
            detention.pk,
            child_id=detention.child_id,
            detail={"event": kind, "sequence": event.sequence},
        )
    return event


def append_system_event(
    actor: Any, detention: Detention, *, kind: str, occurred_at: dt.datetime, data: dict[str, Any]
) -> DetentionEvent:
    """Append an event written by another custody service (strip search steps), already validated.

    Timeline order is kept: the event is stamped no earlier than the last one.
    """
    events = list(detention.events.order_by("sequence"))
    last = events[-1] if events else None
    at = max(occurred_at, last.occurred_at) if last else occurred_at
    seq = (last.sequence if last else 0) + 1
    summary = facts([*events, Event(kind, at, data)]).to_json()
    Detention.objects.filter(pk=detention.pk).update(version=F("version") + 1, summary=summary)
    detention.version += 1
    detention.summary = summary
    return DetentionEvent.objects.create(
        detention=detention, sequence=seq, kind=kind, occurred_at=at, actor=actor, data=data
    )
