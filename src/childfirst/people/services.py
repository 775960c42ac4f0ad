"""Writes and audited reads of children's records. Each runs in one transaction with its audit row."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from childfirst.core.audit import AuditAction, Auditor

from .access import child_for
from .choices import CareStatus, SelfDefinedEthnicity, SensitiveBasis
from .models import Child, PersonResponsible

CHILD_FIELDS = (
    "given_name",
    "family_name",
    "also_known_as",
    "date_of_birth",
    "estimated_age",
    "age_estimated_on",
    "stated_age",
    "age_disputed",
    "gender",
    "ethnicity_self_defined",
    "ethnicity_observed",
    "ethnicity_basis",
    "ethnicity_condition",
    "care_status",
    "care_local_authority",
    "neurodiversity",
    "send",
    "mental_health",
    "communication_needs",
    "what_helps",
    "health_basis",
    "health_condition",
    "is_synthetic",
)
PERSON_FIELDS = (
    "name",
    "relationship",
    "contact",
    "has_parental_responsibility",
    "is_local_authority_representative",
)
HEALTH_FIELDS = ("neurodiversity", "send", "mental_health")


def _today() -> dt.date:
    return timezone.localdate()


def _check_basis(errors: dict[str, list[str]], basis: str, condition: str, prefix: str, what: str) -> None:
    if not basis:
        errors.setdefault(f"{prefix}_basis", []).append(
            f"Give the basis for recording {what}: consent, or strictly necessary + a Schedule 8 condition."
        )
    elif basis == SensitiveBasis.STRICTLY_NECESSARY and not condition:
        errors.setdefault(f"{prefix}_condition", []).append(
            f"Choose the Schedule 8 condition that makes recording {what} strictly necessary."
        )


def check_child(child: Child) -> None:
    """Rules across fields (field formats are checked by the model). Raises ValidationError by field."""
    errors: dict[str, list[str]] = {}
    today = _today()
    if child.date_of_birth and child.date_of_birth > today:
        errors["date_of_birth"] = ["Date of birth must be today or in the past."]
    if child.date_of_birth is None and child.estimated_age is None:
        errors["date_of_birth"] = [
            "Enter a date of birth, or an estimated age if the date of birth is not known."
        ]
    if child.age_estimated_on and child.age_estimated_on > today:
        errors["age_estimated_on"] = ["The date the age was estimated must be today or in the past."]
    sensitive_ethnicity = (
        child.ethnicity_self_defined and child.ethnicity_self_defined != SelfDefinedEthnicity.NOT_STATED
    ) or child.ethnicity_observed
    if sensitive_ethnicity:
        _check_basis(errors, child.ethnicity_basis, child.ethnicity_condition, "ethnicity", "ethnicity")
    if any(getattr(child, name).strip() for name in HEALTH_FIELDS):
        _check_basis(
            errors, child.health_basis, child.health_condition, "health", "health, neurodiversity or SEND"
        )
    if child.care_status == CareStatus.LOOKED_AFTER and not child.care_local_authority.strip():
        errors["care_local_authority"] = ["Enter the local authority that looks after the child."]
    if errors:
        raise ValidationError(errors)


def _apply(child: Child, data: dict[str, Any]) -> list[str]:
    unknown = sorted(set(data) - set(CHILD_FIELDS) - {"people_responsible"})
    if unknown:
        raise ValidationError({name: ["Unknown field."] for name in unknown})
    nested = sorted(name for name in CHILD_FIELDS if isinstance(data.get(name), list | dict | tuple | set))
    if nested:
        raise ValidationError({name: ["Give a single value."] for name in nested})
    changed = []
    for name in CHILD_FIELDS:
        if name in data:
            value = data[name]
            if value is None and isinstance(Child._meta.get_field(name).default, str):
                value = ""
            if getattr(child, name) != value:
                changed.append(name)
            setattr(child, name, value)
    if child.estimated_age is not None and child.age_estimated_on is None:
        child.age_estimated_on = _today()
    return changed


def _validate(child: Child) -> None:
    errors: dict[str, list[str]] = {}
    try:
        child.full_clean(exclude=["created_by", "created_by_team"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if not errors:
        try:
            check_child(child)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)


def _people(rows: Any) -> list[PersonResponsible]:
    if not isinstance(rows, list):
        raise ValidationError({"people_responsible": ["Give a list of people responsible for the child."]})
    people, errors = [], {}
    for index, row in enumerate(rows):
        if not isinstance(row, dict):
            errors[f"people_responsible.{index}"] = ["Give name, relationship and contact."]
            continue
        unknown = set(row) - set(PERSON_FIELDS)
        for name in sorted(unknown):
            errors[f"people_responsible.{index}.{name}"] = ["Unknown field."]
        person = PersonResponsible(**{k: v for k, v in row.items() if k in PERSON_FIELDS})
        try:
            person.full_clean(exclude=["child"])
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                errors[f"people_responsible.{index}.{name}"] = messages
        people.append(person)
    if errors:
        raise ValidationError(errors)
    return people


def create_child(actor: Any, data: dict[str, Any]) -> Child:
    """Record a new child. The acting officer's team can then see the child."""
    if not actor.has_perm("people.add_child"):
        raise PermissionDenied("Your role cannot create children's records.")
    child = Child()
    _apply(child, data)
    _validate(child)
    people = _people(data.get("people_responsible", []))
    profile = actor.profile
    child.created_by = actor
    child.created_by_team = profile.team
    with transaction.atomic():
        child.save()
        for person in people:
            person.child = child
        PersonResponsible.objects.bulk_create(people)
        Auditor(actor).record(AuditAction.CREATE, "child", child.pk, child_id=child.pk)
    return child


def update_child(actor: Any, child: Child, data: dict[str, Any], *, reason: str = "") -> Child:
    """Change a child's record. Only someone who may see the child may change it."""
    if not actor.has_perm("people.change_child", child):
        raise PermissionDenied("You cannot change this child's record.")
    with transaction.atomic():
        child = Child.objects.select_for_update().get(pk=child.pk)
        changed = _apply(child, data)
        _validate(child)
        if "people_responsible" in data:
            people = _people(data["people_responsible"])
            child.people_responsible.all().delete()
            for person in people:
                person.child = child
            PersonResponsible.objects.bulk_create(people)
            changed.append("people_responsible")
        child.save()
        Auditor(actor, reason).record(
            AuditAction.UPDATE, "child", child.pk, child_id=child.pk, detail={"fields": sorted(changed)}
        )
    return child


def view_child(actor: Any, child_id: Any, reason: str = "") -> Child:
    """Fetch a child's record for display: need-to-know, audited (break-glass when outside scope)."""
    return child_for(actor, child_id, reason=reason)
