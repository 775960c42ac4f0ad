"""Children in custody: suites, detentions, the append-only timeline, strip searches and alerts.

A detention's facts at booking-in live on `Detention`; everything that happens afterwards is a
`DetentionEvent` (append-only: rows are never updated or deleted). What the law requires *now* is
derived from the two by `childfirst.custody.status.derive_status`, which reads the lawbook.
`Detention.version` is the optimistic-concurrency token: every write bumps it, and a write that
names a stale version is refused (services.StaleVersion).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class CustodySuite(models.Model):
    """A custody suite (a police station with cells). `is_pilot` marks the Child First pilot suites."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120, unique=True)
    borough = models.ForeignKey("core.Borough", on_delete=models.PROTECT, null=True, blank=True)
    is_pilot = models.BooleanField(
        default=False, help_text="Child First custody pilot suite (e.g. Wood Green, Brixton: STRATEGY.md §4)."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SuiteAssignment(models.Model):
    """Which suites a member of custody staff works in. Staff see the children in these suites only."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="custody_suites"
    )
    suite = models.ForeignKey(CustodySuite, on_delete=models.CASCADE, related_name="assignments")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "suite"], name="custody_assignment_unique")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.suite}"


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    NOT_KNOWN = "not_known", "Not known"


class DetentionState(models.TextChoices):
    IN_CUSTODY = "in_custody", "In custody"
    RELEASED = "released", "Released"
    TRANSFERRED = "transferred", "Transferred to local authority accommodation"


class Detention(models.Model):
    """One detention of a child in a custody suite (counts are of detentions, not children: CUS-23)."""

    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="detentions")
    suite = models.ForeignKey(CustodySuite, on_delete=models.PROTECT, related_name="detentions")
    custody_number = models.CharField(max_length=40, unique=True)

    # Age as it appears (CUS-01): the lawbook decides juvenile status from these.
    appears_under_18 = models.BooleanField(default=True)
    age_disputed = models.BooleanField(default=False)
    clear_evidence_of_adult = models.BooleanField(default=False)
    date_of_birth = models.DateField(
        null=True, blank=True, help_text="Evidenced date of birth, if any (CUS-01)."
    )
    sex = models.CharField(max_length=10, choices=Sex.choices, default=Sex.NOT_KNOWN)

    arrested_at = models.DateTimeField()
    arrest_place = models.CharField(max_length=200)
    arrived_at = models.DateTimeField(help_text="Arrival at the first police station.")
    detention_authorised_at = models.DateTimeField()
    offences = models.JSONField(default=list, help_text='[{"description", "offence_type", "category"}]')
    welfare_person = models.CharField(max_length=200, blank=True)

    state = models.CharField(max_length=20, choices=DetentionState.choices, default=DetentionState.IN_CUSTODY)
    summary = models.JSONField(
        null=True,
        blank=True,
        editable=False,
        help_text="Snapshot of the timeline facts, rewritten from the events in the same transaction as each "
        "event (so the board needs no events). None: rebuild from the events.",
    )
    ended_at = models.DateTimeField(null=True, blank=True)
    synthetic = models.BooleanField(default=False, help_text="Demo data, not a real child.")

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["arrived_at"]
        indexes = [models.Index(fields=["suite", "state"], name="custody_suite_state")]

    def __str__(self) -> str:
        return self.custody_number


class EventKind(models.TextChoices):
    WELFARE_INFORMED = "welfare_informed", "Person responsible for welfare informed"
    AA_REQUESTED = "aa_requested", "Appropriate adult requested"
    AA_ARRIVED = "aa_arrived", "Appropriate adult arrived"
    AA_LEFT = "aa_left", "Appropriate adult left"
    RIGHTS_GIVEN = "rights_given", "Rights and entitlements given"
    INTERVIEW_STARTED = "interview_started", "Interview started"
    INTERVIEW_ENDED = "interview_ended", "Interview ended"
    REVIEW_HELD = "review_held", "Detention review held"
    REVIEW_POSTPONED = "review_postponed", "Detention review postponed"
    EXTENSION = "extension", "Extension of detention authorised"
    CHARGED = "charged", "Charged"
    BAIL_DECISION = "bail_decision", "Bail decision"
    TRANSFER_REQUESTED = "transfer_requested", "Transfer to local authority accommodation requested"
    TRANSFER_RESPONSE = "transfer_response", "Local authority response"
    CERTIFICATE = "certificate", "s.38(6) certificate made"
    TRANSFER_COMPLETED = "transfer_completed", "Transfer to local authority completed"
    CELL_ALLOCATED = "cell_allocated", "Placed in a cell"
    VISIT = "visit", "Visit / check"
    WOMAN_CARER_ASSIGNED = "woman_carer_assigned", "Woman officer assigned to care for the girl"
    ADULT_ASSOCIATION = "adult_association", "Contact with a detained adult"
    STRIP_SEARCH = "strip_search", "Strip search step"
    RELEASED = "released", "Released"


class DetentionEvent(models.Model):
    """One entry on the detention timeline. Append-only: saving an existing row or deleting raises."""

    detention = models.ForeignKey(Detention, on_delete=models.PROTECT, related_name="events")
    sequence = models.PositiveIntegerField()
    kind = models.CharField(max_length=30, choices=EventKind.choices)
    occurred_at = models.DateTimeField()
    recorded_at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    data = models.JSONField(default=dict, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["detention_id", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["detention", "sequence"], name="custody_event_sequence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.detention_id} #{self.sequence} {self.kind}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise ValueError("Detention events are append-only: record a new event instead of editing one.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise ValueError("Detention events are append-only and cannot be deleted.")


class StripSearchStage(models.TextChoices):
    REQUESTED = "requested", "Requested"
    AUTHORISED = "authorised", "Authorised"
    REFUSED = "refused", "Refused"
    SAFEGUARDS_MET = "safeguards_met", "Safeguards in place"
    COMPLETED = "completed", "Completed"


class SafeguardRoute(models.TextChoices):
    AA_PRESENT = "aa_present", "Appropriate adult present"
    CHILD_OBJECTED_AA_AGREED = (
        "child_objected_aa_agreed",
        "Child objected in the AA's presence; AA agreed and signed",
    )
    URGENCY = "urgency", "Urgency: risk of serious harm (inspector notified)"


class StripSearch(models.Model):
    """A strip search (exposure of intimate parts) of a detained child: SRC-03, 04, 06, 08.

    Stages move forward only, through services.strip_search_*; each step is also a timeline event.
    """

    detention = models.ForeignKey(Detention, on_delete=models.PROTECT, related_name="strip_searches")
    stage = models.CharField(
        max_length=20, choices=StripSearchStage.choices, default=StripSearchStage.REQUESTED
    )
    requested_at = models.DateTimeField()
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    grounds = models.TextField()
    object_sought = models.CharField(max_length=200)

    authorisation_required = models.BooleanField(default=True)
    authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    authorising_rank = models.CharField(max_length=40, blank=True)
    authorised_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    route = models.CharField(max_length=30, choices=SafeguardRoute.choices, blank=True)
    aa_name = models.CharField(max_length=200, blank=True)
    aa_signed = models.BooleanField(default=False)
    urgency_reason = models.TextField(blank=True)
    inspector_notified = models.CharField(max_length=200, blank=True)

    location = models.CharField(max_length=200, blank=True)
    persons_present = models.JSONField(
        default=list, blank=True, help_text='[{"name": str, "sex": str, "role": str}]'
    )
    result = models.TextField(blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["requested_at"]

    def __str__(self) -> str:
        return f"Strip search {self.pk} ({self.stage})"


class FollowUpKind(models.TextChoices):
    SAFEGUARDING_REFERRAL = "safeguarding_referral", "Safeguarding referral to children's services"
    PARENT_INFORMED = "parent_informed", "Parent or carer informed of the strip search"


class StripSearchFollowUp(models.Model):
    """A task created where policy requires it after a strip search (SRC-08 items 3-4)."""

    strip_search = models.ForeignKey(StripSearch, on_delete=models.PROTECT, related_name="follow_ups")
    kind = models.CharField(max_length=30, choices=FollowUpKind.choices)
    rule = models.CharField(max_length=20)
    created_at = models.DateTimeField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["strip_search", "kind"], name="custody_followup_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind} for strip search {self.strip_search_id}"


class CustodyAlert(models.Model):
    """A due or overdue item, raised once (the unique `key`), shown on the board, audited."""

    key = models.CharField(max_length=200, unique=True)
    detention = models.ForeignKey(Detention, on_delete=models.PROTECT, related_name="alerts")
    rule = models.CharField(max_length=20)
    message = models.CharField(max_length=300)
    severity = models.CharField(max_length=10)  # "due" | "overdue"
    due_at = models.DateTimeField(null=True, blank=True)
    raised_at = models.DateTimeField()

    class Meta:
        ordering = ["-raised_at"]

    def __str__(self) -> str:
        return self.key
