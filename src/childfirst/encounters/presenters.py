"""Formatting encounters for publication."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from childfirst.people.choices import ObservedEthnicity, SelfDefinedEthnicity
from childfirst.people.juvenile import age_on

from .models import Encounter

POLICE_UK_COLUMNS = (
    "Type",
    "Date",
    "Part of a policing operation",
    "Policing operation",
    "Latitude",
    "Longitude",
    "Gender",
    "Age range",
    "Self-defined ethnicity",
    "Officer-defined ethnicity",
    "Legislation",
    "Object of search",
    "Outcome",
    "Outcome linked to object of search",
    "Removal of more than just outer clothing",
)
_AGE_RANGES = (
    (10, "under 10"),
    (18, "10-17"),
    (25, "18-24"),
    (35, "25-34"),
)  # data.police.uk publication bands


def _age_range(encounter: Encounter) -> str:
    child = encounter.child
    on = timezone.localtime(encounter.aware_at).date()
    if child.date_of_birth:
        age = age_on(child.date_of_birth, on)
    elif child.estimated_age is not None:
        age = child.estimated_age
    else:
        return ""
    for upper, label in _AGE_RANGES:
        if age < upper:
            return label
    return "over 34"


def police_uk_row(encounter: Encounter) -> dict[str, str]:
    """A stop and search in data.police.uk's published CSV columns (archive format)."""
    record = encounter.stop_search
    child = encounter.child
    gender = {"female": "Female", "male": "Male", "other": "Other"}.get(child.gender, "")
    self_defined = (
        SelfDefinedEthnicity(child.ethnicity_self_defined).label if child.ethnicity_self_defined else ""
    )
    observed = ObservedEthnicity(child.ethnicity_observed).label if child.ethnicity_observed else ""
    return {
        "Type": record.search_type,
        "Date": encounter.aware_at.astimezone(dt.UTC).replace(microsecond=0).isoformat(),
        "Part of a policing operation": str(record.part_of_policing_operation),
        "Policing operation": record.policing_operation,
        "Latitude": "" if record.latitude is None else f"{record.latitude:f}",
        "Longitude": "" if record.longitude is None else f"{record.longitude:f}",
        "Gender": gender,
        "Age range": _age_range(encounter),
        "Self-defined ethnicity": self_defined,
        "Officer-defined ethnicity": observed,
        "Legislation": record.legislation,
        "Object of search": record.object_of_search,
        "Outcome": record.outcome,
        "Outcome linked to object of search": str(record.outcome_linked_to_object),
        "Removal of more than just outer clothing": str(record.removal_of_more_than_outer_clothing),
    }
