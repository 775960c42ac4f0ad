"""What the law requires for one detained child at one instant: the derived status.

`derive_status(detention, events, at)` is the single place the board, the API, the alerts and the
measures read clocks and problems from. It touches no database (callers prefetch events), so the
board computes 500 statuses in Python without a query each.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from . import law
from .timeline import TimelineFacts, facts


def review_warning() -> dt.timedelta:
    """How long before a review is due the board starts showing it as "due soon" (a display choice)."""
    return dt.timedelta(minutes=getattr(settings, "CUSTODY_REVIEW_WARNING_MINUTES", 60))


@dataclass(frozen=True)
class Problem:
    rule: str
    message: str
    key: str  # stable identifier for alerts (one alert per detention and key)
    severity: str = "overdue"  # "overdue" | "due" | "warning"
    due_at: dt.datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "message": self.message}


@dataclass
class DetentionStatus:
    at: dt.datetime
    in_custody: bool
    is_juvenile: bool
    juvenile_reason: str
    relevant_time: dt.datetime
    detention_limit: dt.datetime
    time_held: dt.timedelta
    next_review_due: dt.datetime | None
    review_overdue_since: dt.datetime | None
    review_urgency: str  # "overdue" | "due_soon" | "ok" | "none"
    aa_status: str  # "present" | "requested" | "left" | "not_requested"
    aa_requested_at: dt.datetime | None
    aa_arrived_at: dt.datetime | None
    welfare_informed_at: dt.datetime | None
    charged_at: dt.datetime | None
    transfer_required: bool
    transfer_reason: str
    transfer_state: str
    overnight: bool
    overnight_reason: str
    weekend: bool
    next_visit_due: dt.datetime | None
    facts: TimelineFacts
    problems: list[Problem] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        def iso(v: dt.datetime | None) -> str | None:
            return v.isoformat() if v else None

        return {
            "at": iso(self.at),
            "in_custody": self.in_custody,
            "is_juvenile": self.is_juvenile,
            "juvenile_reason": self.juvenile_reason,
            "relevant_time": iso(self.relevant_time),
            "detention_limit": iso(self.detention_limit),
            "hours_held": round(self.time_held.total_seconds() / 3600, 2),
            "next_review_due": iso(self.next_review_due),
            "review_overdue_since": iso(self.review_overdue_since),
            "review_urgency": self.review_urgency,
            "aa_status": self.aa_status,
            "aa_arrived_at": iso(self.aa_arrived_at),
            "welfare_informed_at": iso(self.welfare_informed_at),
            "charged_at": iso(self.charged_at),
            "transfer_required": self.transfer_required,
            "transfer_reason": self.transfer_reason,
            "transfer_state": self.transfer_state,
            "overnight": self.overnight,
            "overnight_reason": self.overnight_reason,
            "weekend": self.weekend,
            "next_visit_due": iso(self.next_visit_due),
            "problems": [p.to_dict() for p in self.problems],
        }


def _aa_status(f: TimelineFacts) -> str:
    if f.aa_present:
        return "present"
    if f.aa_arrived_at:
        return "left"
    if f.aa_requested_at:
        return "requested"
    return "not_requested"


def _transfer_state(f: TimelineFacts, required: bool) -> str:
    if f.transfer_completed_at:
        return "completed"
    if f.certificate:
        return f"certificate_{f.certificate.get('ground')}"
    if f.transfer_response:
        return f.transfer_response  # secure_offered | non_secure_offered | refused
    if f.transfer_requested_at:
        return "requested"
    if required:
        return "required_not_requested"
    return "not_applicable"


def derive_status(
    detention: Any, events: list[Any] | TimelineFacts, at: dt.datetime, strip_searches: Any = ()
) -> DetentionStatus:
    """The status of `detention` at instant `at`, from its booking facts and timeline `events` (ordered),
    or from the timeline's facts already folded (the `Detention.summary` snapshot, for the board)."""
    f = events if isinstance(events, TimelineFacts) else facts(e for e in events if e.occurred_at <= at)
    is_juv, juv_reason = law.juvenile(detention, at)
    clock = law.clock(detention, f, at)
    next_review_due = clock["next_review_due"]
    detention_limit = clock["detention_limit"]
    ended = f.ended_at
    in_custody = ended is None
    end_or_now = ended or at
    held = end_or_now - detention.arrived_at

    problems: list[Problem] = []
    warning = review_warning()

    def problem(
        rule: str, key: str, message: str, severity: str = "overdue", due_at: dt.datetime | None = None
    ):
        problems.append(Problem(rule, message, key, severity, due_at))

    # Reviews (CUS-13)
    urgency = "none"
    missed = [r["due"] for r in clock["reviews"] if r["status"] == "missed"]
    if in_custody and missed:
        urgency = "overdue"
        problem(
            "CUS-13",
            f"review-{missed[-1].isoformat()}",  # a newly missed review is a new alert
            f"Review overdue since {law.show(missed[0])}"
            + (f" ({len(missed)} reviews missed)" if len(missed) > 1 else ""),
            "overdue",
            missed[-1],
        )
    elif in_custody and next_review_due:
        if next_review_due - at <= warning:
            urgency = "due_soon"
            problem(
                "CUS-13",
                f"review-due-{next_review_due.isoformat()}",
                f"Review due by {law.show(next_review_due)}",
                "due",
                next_review_due,
            )
        else:
            urgency = "ok"

    # Detention limit without charge (CUS-12)
    if in_custody and not f.charged_at and clock["limit_exceeded"]:
        problem(
            "CUS-12",
            f"limit-{detention_limit.isoformat()}",
            f"Held beyond the detention limit ({law.show(detention_limit)}) without charge or extension",
            due_at=detention_limit,
        )

    if in_custody and is_juv:
        if not f.welfare_informed_at:
            problem("CUS-03", "welfare", "Person responsible for the child's welfare not yet informed")
        elif f.welfare_missing:
            problem(
                "CUS-03",
                "welfare-" + "-".join(f.welfare_missing),
                "Welfare person not yet told: " + ", ".join(m.replace("_", " ") for m in f.welfare_missing),
            )
        if not f.aa_requested_at and not f.aa_present:
            problem("CUS-04", "aa-request", "Appropriate adult not yet requested")
        elif f.aa_arrived_at is None:
            problem("CUS-04", "aa-arrival", "Appropriate adult requested but not yet arrived", "warning")
        if f.rights_given_at and not f.rights_given_with_aa:
            problem(
                "CUS-06",
                "rights-repeat",
                "Rights given without the appropriate adult: repeat them in the AA's presence",
            )
        if f.charged_at and not f.charged_with_aa:
            problem("CUS-06", "charge-aa", "Charged without the appropriate adult present")
        if law.woman_carer_required(at, is_juv, detention.sex) and not f.woman_carer:
            problem("CUS-08", "woman-carer", "A girl must be under the care of a woman: none assigned")

    # Visits (CUS-11)
    next_visit = None
    if in_custody:
        last_visit = max([detention.arrived_at, *f.visits])
        visit = law.visit(at, is_juv, last_visit)
        next_visit = visit["next_visit_due"]
        if visit["overdue"]:
            problem(
                "CUS-11",
                f"visit-{next_visit.isoformat()}",
                f"Visit overdue since {law.show(next_visit)}",
                due_at=next_visit,
            )

    # Transfer (CUS-15-18)
    required, transfer_reason = law.transfer_required(detention, f, is_juv, at)
    if f.transfer_completed_at:
        required = False
    state = _transfer_state(f, required)
    if in_custody and required:
        if not f.transfer_requested_at:
            problem(
                "CUS-15",
                "transfer-request",
                "Charged child refused bail: request local authority accommodation",
            )
        elif f.transfer_response == "refused":
            problem("CUS-19", "transfer-refused", law.la_duty_problem(f, at))
        elif f.transfer_response in ("secure_offered", "non_secure_offered"):
            problem("CUS-15", "transfer-complete", "Accommodation offered: complete the transfer", "warning")

    # Overnight (CUS-23): in custody now and likely to meet the definition.
    if in_custody:
        is_overnight = bool(clock["overnight"])
        overnight_reason = "already held overnight" if is_overnight else ""
        if not is_overnight:
            if f.post_charge_detained and not f.transfer_completed_at:
                likely_end = law.next_night_end(at)
                basis = "kept after charge: likely held until morning"
            else:
                likely_end = next_review_due or at
                basis = "if still held at the next review"
            if likely_end > at and law.overnight(detention.arrived_at, likely_end):
                is_overnight, overnight_reason = True, basis
        if is_overnight:
            problem("CUS-23", "overnight", f"Heading for a night in custody ({overnight_reason})", "warning")
    else:
        is_overnight = bool(clock["overnight"])
        overnight_reason = "held overnight" if is_overnight else ""

    # Strip searches waiting for an inspector (SRC-06), and follow-ups after one (SRC-08)
    for search in strip_searches:
        if in_custody and search.stage == "requested" and search.authorisation_required:
            problem(
                "SRC-06",
                f"strip-search-{search.pk}",
                f"Strip search requested ({search.object_sought}): awaiting an inspector's decision",
                "due",
            )
        for follow_up in getattr(search, "prefetched_follow_ups", None) or []:
            if follow_up.done_at is None:
                problem(
                    follow_up.rule,
                    f"followup-{follow_up.pk}",
                    f"After the strip search: {follow_up.get_kind_display().lower()} outstanding",
                    "warning",
                )

    return DetentionStatus(
        at=at,
        in_custody=in_custody,
        is_juvenile=is_juv,
        juvenile_reason=juv_reason,
        relevant_time=clock["relevant_time"],
        detention_limit=detention_limit,
        time_held=held,
        next_review_due=next_review_due if in_custody else None,
        review_overdue_since=missed[0] if in_custody and missed else None,
        review_urgency=urgency,
        aa_status=_aa_status(f),
        aa_requested_at=f.aa_requested_at,
        aa_arrived_at=f.aa_arrived_at,
        welfare_informed_at=f.welfare_informed_at,
        charged_at=f.charged_at,
        transfer_required=required,
        transfer_reason=transfer_reason,
        transfer_state=state,
        overnight=is_overnight,
        overnight_reason=overnight_reason,
        weekend=bool(clock["weekend"]),
        next_visit_due=next_visit,
        facts=f,
        problems=problems,
    )
