"""Encounters between officers and a child, the Child First checklist, and what follows from them."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from childfirst.core.models import Borough, Team
from childfirst.people.models import Child

from .choices import (
    AssessmentKind,
    ChildRole,
    EncounterType,
    Legislation,
    NoticeStatus,
    ObjectOfSearch,
    SearchOutcome,
    SearchType,
    YesNoNotNeeded,
)


class Encounter(models.Model):
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="encounters")
    encounter_type = models.CharField(max_length=30, choices=EncounterType.choices)
    aware_at = models.DateTimeField(help_text="When police became aware of / met the child (timezone-aware)")
    borough = models.ForeignKey(Borough, on_delete=models.PROTECT, related_name="encounters")
    recording_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="encounters_recorded"
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, blank=True, related_name="encounters")
    officers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="encounters", blank=True)
    child_role = models.CharField(max_length=20, choices=ChildRole.choices)
    outcome = models.TextField(blank=True)

    # Child First checklist (facts). Judgements are Assessments, below.
    age_established = models.BooleanField(default=False, help_text="Age established from evidence")
    treated_as_child = models.BooleanField(default=True)
    treated_as_child_reasons = models.JSONField(default=dict, blank=True)
    rights_explained = models.BooleanField(default=False)
    rights_explained_how = models.TextField(blank=True, help_text="How reasons and rights were explained")
    communication_adjusted = models.CharField(max_length=20, choices=YesNoNotNeeded.choices, blank=True)
    communication_adjustments = models.TextField(blank=True)
    responsible_adult_informed = models.CharField(max_length=20, choices=YesNoNotNeeded.choices, blank=True)
    responsible_adult_details = models.TextField(blank=True, help_text="Who was told, or why not")
    childs_account = models.TextField(blank=True, help_text="The child's own account, in their words")
    vulnerability_considered = models.BooleanField(default=False)
    adultification_prompt_answered = models.BooleanField(default=False)
    safeguarding_concern = models.BooleanField(default=False)
    safeguarding_details = models.TextField(blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    is_synthetic = models.BooleanField(default=False, help_text="Demo data, not a real encounter")

    class Meta:
        ordering = ["-aware_at"]
        indexes = [
            models.Index(fields=["child", "aware_at"], name="encounter_child_idx"),
            models.Index(fields=["borough", "aware_at"], name="encounter_borough_idx"),
            models.Index(fields=["team", "aware_at"], name="encounter_team_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_encounter_type_display()} — {self.aware_at:%Y-%m-%d %H:%M}"


class StopSearchRecord(models.Model):
    """The data.police.uk fields for a stop and search, so it can be published in that format."""

    encounter = models.OneToOneField(Encounter, on_delete=models.CASCADE, related_name="stop_search")
    search_type = models.CharField(max_length=40, choices=SearchType.choices, default=SearchType.PERSON)
    legislation = models.CharField(max_length=80, choices=Legislation.choices)
    object_of_search = models.CharField(max_length=60, choices=ObjectOfSearch.choices)
    outcome = models.CharField(max_length=60, choices=SearchOutcome.choices)
    outcome_linked_to_object = models.BooleanField()
    removal_of_more_than_outer_clothing = models.BooleanField()
    part_of_policing_operation = models.BooleanField(default=False)
    policing_operation = models.CharField(max_length=200, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.legislation}: {self.object_of_search}"


class Assessment(models.Model):
    """A personal judgement, kept apart from facts: who made it, and when (DPA 2018 s.38(2), DP-05)."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="assessments")
    encounter = models.ForeignKey(
        Encounter, on_delete=models.PROTECT, null=True, blank=True, related_name="assessments"
    )
    kind = models.CharField(max_length=30, choices=AssessmentKind.choices)
    finding = models.BooleanField(null=True, help_text="Yes/no finding where the assessment has one")
    notes = models.TextField(blank=True)
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assessed_at = models.DateTimeField()

    class Meta:
        ordering = ["-assessed_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.assessor} at {self.assessed_at:%Y-%m-%d %H:%M}"


class ChildComingToNotice(models.Model):
    """A MERLIN-style 'child coming to notice' notification for partner agencies (RULES.md SAFE-07)."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="notices")
    encounter = models.OneToOneField(Encounter, on_delete=models.PROTECT, related_name="notice")
    borough = models.ForeignKey(Borough, on_delete=models.PROTECT, related_name="+")
    concern = models.TextField()
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    raised_at = models.DateTimeField()
    status = models.CharField(max_length=20, choices=NoticeStatus.choices, default=NoticeStatus.NEW)

    class Meta:
        ordering = ["-raised_at"]
        verbose_name = "child coming to notice"
        verbose_name_plural = "children coming to notice"

    def __str__(self) -> str:
        return f"Child coming to notice #{self.pk} ({self.get_status_display()})"
