"""The child's record and the people responsible for the child's welfare.

Facts live here; judgements about a child (appears under 18, vulnerability) are `Assessment`s in
`childfirst.encounters`, each naming who made it and when (RULES.md DP-05).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models

from childfirst.core.models import Team

from .choices import (
    CareStatus,
    Gender,
    ObservedEthnicity,
    Schedule8Condition,
    SelfDefinedEthnicity,
    SensitiveBasis,
)


def new_pseudonymous_ref() -> str:
    """A random reference for analytics extracts. Never derived from identity, never reused."""
    return "P" + secrets.token_hex(8).upper()


class Child(models.Model):
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    also_known_as = models.CharField(max_length=200, blank=True, help_text="Other names the child uses")

    date_of_birth = models.DateField(null=True, blank=True)
    estimated_age = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Years, when no date of birth"
    )
    age_estimated_on = models.DateField(null=True, blank=True)
    stated_age = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Age the child gave, if any"
    )
    age_disputed = models.BooleanField(default=False)

    gender = models.CharField(max_length=20, choices=Gender.choices, default=Gender.NOT_STATED)

    ethnicity_self_defined = models.CharField(max_length=40, choices=SelfDefinedEthnicity.choices, blank=True)
    ethnicity_observed = models.CharField(max_length=20, choices=ObservedEthnicity.choices, blank=True)
    ethnicity_basis = models.CharField(max_length=30, choices=SensitiveBasis.choices, blank=True)
    ethnicity_condition = models.CharField(max_length=40, choices=Schedule8Condition.choices, blank=True)

    care_status = models.CharField(max_length=20, choices=CareStatus.choices, default=CareStatus.UNKNOWN)
    care_local_authority = models.CharField(
        max_length=100, blank=True, help_text="Which local authority looks after the child"
    )

    neurodiversity = models.TextField(blank=True)
    send = models.TextField("special educational needs and disabilities", blank=True)
    mental_health = models.TextField(blank=True)
    communication_needs = models.TextField(blank=True)
    what_helps = models.TextField(blank=True, help_text="What helps this child communicate and feel safe")
    health_basis = models.CharField(max_length=30, choices=SensitiveBasis.choices, blank=True)
    health_condition = models.CharField(max_length=40, choices=Schedule8Condition.choices, blank=True)

    pseudonymous_ref = models.CharField(
        max_length=20, unique=True, default=new_pseudonymous_ref, editable=False
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_by_team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    is_synthetic = models.BooleanField(default=False, help_text="Demo data, not a real child")

    class Meta:
        verbose_name_plural = "children"
        indexes = [
            models.Index(fields=["family_name", "given_name"], name="child_name_idx"),
            models.Index(fields=["date_of_birth"], name="child_dob_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"


class PersonResponsible(models.Model):
    """Someone responsible for the child's welfare (RULES.md CUS-03): parent, guardian, carer, LA."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="people_responsible")
    name = models.CharField(max_length=200)
    relationship = models.CharField(max_length=100)
    contact = models.CharField(max_length=200, blank=True)
    has_parental_responsibility = models.BooleanField(default=False)
    is_local_authority_representative = models.BooleanField(default=False)

    class Meta:
        verbose_name_plural = "people responsible"

    def __str__(self) -> str:
        return f"{self.name} ({self.relationship})"
