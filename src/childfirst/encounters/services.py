"""Recording encounters through the Child First checklist. One transaction, one audit row.

When the checklist records a safeguarding concern, a 'child coming to notice' notification is created
in the same transaction (RULES.md SAFE-07).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, models, transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from childfirst.core.audit import AuditAction, Auditor
from childfirst.core.models import Borough
from childfirst.people.access import child_for
from childfirst.people.juvenile import juvenile_status
from childfirst.people.models import Child
from childfirst.people.rules import visible_children

from .choices import AssessmentKind, EncounterType, YesNoNotNeeded
from .models import Assessment, ChildComingToNotice, Encounter, StopSearchRecord

ENCOUNTER_FIELDS = (
    "encounter_type",
    "child_role",
    "outcome",
    "age_established",
    "rights_explained",
    "rights_explained_how",
    "communication_adjusted",
    "communication_adjustments",
    "responsible_adult_informed",
    "responsible_adult_details",
    "childs_account",
    "vulnerability_considered",
    "adultification_prompt_answered",
    "safeguarding_concern",
    "safeguarding_details",
    "is_synthetic",
)
OTHER_FIELDS = (
    "child",
    "aware_at",
    "borough",
    "officers",
    "stop_search",
    "appears_under_18",
    "appears_under_18_notes",
    "vulnerability_notes",
    "adultification_reflection",
    "reason",
)
STOP_SEARCH_FIELDS = (
    "search_type",
    "legislation",
    "object_of_search",
    "outcome",
    "outcome_linked_to_object",
    "removal_of_more_than_outer_clothing",
    "part_of_policing_operation",
    "policing_operation",
    "latitude",
    "longitude",
)
# Encounters where the person responsible for the child's welfare must be told (CUS-03) or an
# appropriate adult involved: the checklist must say whether that happened.
RESPONSIBLE_ADULT_REQUIRED = frozenset({EncounterType.ARREST, EncounterType.VOLUNTARY_ATTENDANCE})
CLOCK_SKEW = dt.timedelta(minutes=2)


def parse_aware_at(value: Any) -> dt.datetime:
    """A timezone-aware date-time not in the future; raises ValidationError naming `aware_at`."""
    if isinstance(value, str):
        try:
            parsed = parse_datetime(value.strip())
        except ValueError:
            parsed = None
        if parsed is None:
            raise ValidationError({"aware_at": ["Enter a date and time like 2026-03-29T01:30:00+00:00."]})
        value = parsed
    if not isinstance(value, dt.datetime):
        raise ValidationError({"aware_at": ["Enter the date and time police became aware of the child."]})
    if timezone.is_naive(value):
        raise ValidationError(
            {"aware_at": ["The date and time must include a time zone (for example +00:00)."]}
        )
    if value > timezone.now() + CLOCK_SKEW:
        raise ValidationError({"aware_at": ["The date and time cannot be in the future."]})
    return value


_BOROUGHS: dict[str, Borough] = {}  # reference data loaded by migration; cached per process


def _borough(value: Any) -> Borough:
    if isinstance(value, Borough):
        return value
    code = str(value or "").strip().upper()
    borough = _BOROUGHS.get(code)
    if borough is None:
        borough = Borough.objects.filter(code=code).first()
        if borough is not None:
            _BOROUGHS[code] = borough
    if borough is None:
        raise ValidationError(
            {"borough": [f"Unknown borough {value!r}: give a London ONS code such as E09000012."]}
        )
    return borough


def _officers(actor: Any, value: Any) -> list[Any]:
    if value is not None and not isinstance(value, list | tuple):
        raise ValidationError({"officers": ["Give a list of officer ids."]})
    ids = list(value or [])
    if not ids:
        return [actor]
    users = {u.pk: u for u in get_user_model().objects.filter(pk__in=[i for i in ids if isinstance(i, int)])}
    missing = [i for i in ids if not isinstance(i, int) or i not in users]
    if missing:
        raise ValidationError({"officers": [f"Unknown officer(s): {', '.join(map(str, missing))}."]})
    officers = [actor, *(u for pk, u in users.items() if pk != actor.pk)]
    return officers


def _stop_search(data: Any) -> StopSearchRecord:
    if not isinstance(data, dict):
        raise ValidationError({"stop_search": ["A stop and search needs its data.police.uk fields."]})
    unknown = sorted(set(data) - set(STOP_SEARCH_FIELDS))
    if unknown:
        raise ValidationError({f"stop_search.{name}": ["Unknown field."] for name in unknown})
    record = StopSearchRecord(**data)
    try:
        record.full_clean(exclude=["encounter"])
    except ValidationError as exc:
        raise ValidationError({f"stop_search.{k}": v for k, v in exc.message_dict.items()}) from None
    return record


def _check(encounter: Encounter, data: dict[str, Any], errors: dict[str, list[str]]) -> None:
    if encounter.safeguarding_concern and not encounter.safeguarding_details.strip():
        errors.setdefault("safeguarding_details", []).append("Describe the safeguarding concern.")
    if (
        encounter.encounter_type in RESPONSIBLE_ADULT_REQUIRED
        and encounter.treated_as_child
        and not encounter.responsible_adult_informed
    ):
        errors.setdefault("responsible_adult_informed", []).append(
            "Say whether the parent, carer or appropriate adult was informed."
        )
    if encounter.rights_explained and not encounter.rights_explained_how.strip():
        errors.setdefault("rights_explained_how", []).append(
            "Say how the reasons and rights were explained in words the child understands."
        )
    if (
        encounter.communication_adjusted == YesNoNotNeeded.YES
        and not encounter.communication_adjustments.strip()
    ):
        errors.setdefault("communication_adjustments", []).append("Say what was adjusted.")
    if "appears_under_18" in data and data["appears_under_18"] not in (True, False, None):
        errors.setdefault("appears_under_18", []).append("Answer yes or no.")


def _insert_sql(objs: list[models.Model]) -> tuple[str, list[Any]]:
    """A multi-row INSERT for unsaved `objs` of one model, values prepared by each field as the ORM
    would. Used for the small dependent rows of an encounter: bulk_create spends more Python time
    building its statement (and asking for ids nobody uses) than the insert costs."""
    meta = objs[0]._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    params = [f.get_db_prep_save(f.pre_save(obj, add=True), connection) for obj in objs for f in fields]
    table = connection.ops.quote_name(meta.db_table)
    return f"INSERT INTO {table} ({columns}) VALUES {', '.join([row] * len(objs))}", params  # noqa: S608


def _insert_rows(*groups: list[models.Model]) -> None:
    """Insert each non-empty group of rows; on PostgreSQL in one statement (data-modifying CTEs)."""
    statements = [_insert_sql(group) for group in groups if group]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and len(statements) > 1:
            ctes = ", ".join(f"step{n} AS ({sql})" for n, (sql, _) in enumerate(statements[:-1]))
            cursor.execute(f"WITH {ctes} {statements[-1][0]}", [p for _, ps in statements for p in ps])
        else:
            for sql, params in statements:
                cursor.execute(sql, params)


def record_encounter(actor: Any, data: dict[str, Any]) -> Encounter:
    """Record an encounter with a child the officer may see (or via break-glass with a `reason`)."""
    if not actor.has_perm("encounters.add_encounter"):
        raise PermissionDenied("Your role cannot record encounters.")
    unknown = sorted(set(data) - set(ENCOUNTER_FIELDS) - set(OTHER_FIELDS))
    if unknown:
        raise ValidationError({name: ["Unknown field."] for name in unknown})
    nested = sorted(
        n for n in (*ENCOUNTER_FIELDS, "child", "aware_at", "borough") if isinstance(data.get(n), list | dict)
    )
    if nested:
        raise ValidationError({name: ["Give a single value."] for name in nested})
    errors: dict[str, list[str]] = {}
    child_ref = data.get("child")
    if child_ref is None or child_ref == "":
        raise ValidationError({"child": ["Choose the child this encounter is about."]})
    try:
        child = child_for(
            actor, getattr(child_ref, "pk", child_ref), reason=data.get("reason", ""), audit=False
        )
    except Http404:
        raise ValidationError(
            {"child": ["No child record found, or you do not have access to it."]}
        ) from None

    aware_at = borough = None
    try:
        aware_at = parse_aware_at(data.get("aware_at"))
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        borough = _borough(data.get("borough"))
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        officers = _officers(actor, data.get("officers"))
    except ValidationError as exc:
        errors.update(exc.message_dict)

    encounter = Encounter(
        child=child,
        aware_at=aware_at,
        borough=borough,
        recording_officer=actor,
        team_id=actor.profile.team_id,
        **{name: data[name] for name in ENCOUNTER_FIELDS if name in data and data[name] is not None},
    )
    stop_search = None
    if encounter.encounter_type == EncounterType.STOP_AND_SEARCH:
        try:
            stop_search = _stop_search(data.get("stop_search"))
        except ValidationError as exc:
            errors.update(exc.message_dict)
    elif data.get("stop_search"):
        errors["stop_search"] = ["Only a stop and search records stop and search fields."]

    appears_under_18 = data.get("appears_under_18")
    if aware_at is not None:
        status = juvenile_status(
            at=aware_at,
            date_of_birth=child.date_of_birth,
            age_evidenced=bool(encounter.age_established),
            stated_age=child.stated_age,
            age_disputed=child.age_disputed,
            appears_under_18=appears_under_18 if isinstance(appears_under_18, bool) else None,
        )
        encounter.treated_as_child = status.treated_as_child
        encounter.treated_as_child_reasons = status.to_dict()
    try:
        encounter.full_clean(
            exclude=["child", "borough", "aware_at", "recording_officer", "team"], validate_unique=False
        )
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    _check(encounter, data, errors)
    if errors:
        raise ValidationError(errors)

    now = timezone.now()
    assessments = []
    if isinstance(appears_under_18, bool):
        assessments.append(
            (AssessmentKind.APPEARS_UNDER_18, appears_under_18, data.get("appears_under_18_notes", ""))
        )
    if encounter.vulnerability_considered or data.get("vulnerability_notes"):
        assessments.append((AssessmentKind.VULNERABILITY, None, data.get("vulnerability_notes", "")))
    if data.get("adultification_reflection"):
        assessments.append((AssessmentKind.ADULTIFICATION, None, data["adultification_reflection"]))

    with transaction.atomic():
        encounter.save(force_insert=True)
        if stop_search is not None:
            stop_search.encounter = encounter
            stop_search.save(force_insert=True)
        through = Encounter.officers.through
        _insert_rows(
            [through(encounter=encounter, user=officer) for officer in officers],
            [
                Assessment(
                    child=child,
                    encounter=encounter,
                    kind=kind,
                    finding=finding,
                    notes=notes or "",
                    assessor=actor,
                    assessed_at=now,
                )
                for kind, finding, notes in assessments
            ],
        )
        detail: dict[str, Any] = {"treated_as_child": encounter.treated_as_child}
        if encounter.safeguarding_concern:
            notice = ChildComingToNotice.objects.create(
                child=child,
                encounter=encounter,
                borough=encounter.borough,
                concern=encounter.safeguarding_details,
                raised_by=actor,
                raised_at=now,
            )
            detail["child_coming_to_notice"] = notice.pk
        Auditor(actor, data.get("reason", "")).record(
            AuditAction.CREATE, "encounter", encounter.pk, child_id=child.pk, detail=detail
        )
    # What the caller will show next is already known: save it the queries.
    encounter.recorded_officer_ids = [officer.pk for officer in officers]
    Encounter.stop_search.related.set_cached_value(encounter, stop_search)
    if not encounter.safeguarding_concern:
        Encounter.notice.related.set_cached_value(encounter, None)
    return encounter


def visible_encounters(user: Any) -> QuerySet[Encounter]:
    """Encounters with children the user may see in the ordinary way (no break-glass)."""
    return Encounter.objects.filter(child__in=visible_children(user, Child.objects.all()).values("pk"))


def encounter_for(user: Any, encounter_id: Any) -> Encounter:
    """One encounter, if the user may see its child; the read is audited."""
    encounter = visible_encounters(user).filter(pk=encounter_id).select_related("child", "borough").first()
    if encounter is None:
        raise Http404("No encounter found, or you do not have access to it.")
    Auditor(user).record(AuditAction.READ, "encounter", encounter.pk, child_id=encounter.child_id)
    return encounter
