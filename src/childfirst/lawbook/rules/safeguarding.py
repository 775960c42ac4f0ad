"""Safeguarding referrals and timescales (RULES.md module 6: SAFE-01 to SAFE-08). Working days are
Monday to Friday excluding England and Wales bank holidays."""

from __future__ import annotations

import datetime as dt

from childfirst.lawbook.calendar import working_days_add
from childfirst.lawbook.decision import Decision, Reason
from childfirst.lawbook.errors import InputError
from childfirst.lawbook.rules.common import a_bool, because, law_date, list_of, param
from childfirst.lawbook.timeutil import a_date, aware, optional_aware


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def safeguarding_timescales(
    *,
    referral_date: dt.date,
    strategy_discussion_dates: list[dt.date] | None = None,
    icpc_date: dt.date | None = None,
    strategy_decision_at: dt.datetime | None = None,
) -> Decision:
    """SAFE-01 to 04: due dates from a referral. Outcome: referral_decision_due, assessment_due,
    strategy_discussion_due (datetime, if a decision to hold one was taken), icpc_due (from the LAST
    strategy discussion), first_review_conference_due."""
    referral_date = a_date("referral_date", referral_date)
    on = referral_date
    decision = param("SAFE-01.referral_decision_within", on)
    assessment = param("SAFE-01.assessment_within", on)
    icpc = param("SAFE-01.icpc_within", on)
    reasons: list[Reason] = [
        because(
            "SAFE-01",
            "Referral acknowledged and next steps decided within this many working days.",
            {"referral_decision_within": decision.value},
            by=decision,
        ),
        because(
            "SAFE-02",
            "Assessment completed within this many working days of the referral (not acceptance).",
            {"assessment_within": assessment.value},
            by=assessment,
        ),
    ]
    out: dict[str, object] = {
        "referral_decision_due": working_days_add(referral_date, decision.value, field="referral_date"),
        "assessment_due": working_days_add(referral_date, assessment.value, field="referral_date"),
        "strategy_discussion_due": None,
        "icpc_due": None,
        "first_review_conference_due": None,
    }
    decided = optional_aware("strategy_decision_at", strategy_decision_at)
    if decided is not None:
        within = param("SAFE-01.strategy_discussion_within", on)
        out["strategy_discussion_due"] = decided + dt.timedelta(hours=within.value)
        reasons.append(
            because(
                "SAFE-03",
                "Strategy discussion (social care, police, health at minimum) usually "
                "within this many hours of the decision to hold one (local practice).",
                {"strategy_discussion_within_hours": within.value},
                by=within,
            )
        )
    dates = [
        a_date(f"strategy_discussion_dates[{i}]", d) for i, d in enumerate(strategy_discussion_dates or [])
    ]
    if dates:
        last = max(dates)
        if last < referral_date:
            raise InputError("strategy_discussion_dates", "a strategy discussion is before the referral")
        out["icpc_due"] = working_days_add(last, icpc.value, field="strategy_discussion_dates")
        reasons.append(
            because(
                "SAFE-04",
                "Initial child protection conference within this many working days of "
                "the last strategy discussion.",
                {"icpc_within": icpc.value, "last_strategy_discussion": last.isoformat()},
                by=icpc,
            )
        )
    if icpc_date is not None:
        first = param("SAFE-01.first_review_conference_within", on)
        out["first_review_conference_due"] = _add_months(a_date("icpc_date", icpc_date), first.value)
        reasons.append(
            because(
                "SAFE-04",
                "First review conference within this many months of the ICPC.",
                {"first_review_conference_within_months": first.value},
                by=first,
            )
        )
    return Decision("SAFE-01", out, reasons)


def police_protection(
    *, taken_at: dt.datetime, at: dt.datetime, duties_done: list[str] | None = None
) -> Decision:
    """SAFE-05: Children Act 1989 s.46. Outcome: expires_at (never extended), expired, duties_missing."""
    taken_at = aware("taken_at", taken_at)
    at = aware("at", at)
    if at < taken_at:
        raise InputError("at", "is before taken_at")
    on = law_date(taken_at)
    maximum = param("SAFE-05.maximum_duration", on)
    duties = param("SAFE-05.duties", on)
    done = list_of("duties_done", duties_done or [], duties.value)
    expires = taken_at + dt.timedelta(hours=maximum.value)
    missing = [d for d in duties.value if d not in done]
    return Decision(
        "SAFE-05",
        {"expires_at": expires, "expired": at >= expires, "duties_missing": missing},
        [
            because(
                "SAFE-05",
                "No child may be kept in police protection beyond this; it cannot be extended.",
                {"maximum_duration_hours": maximum.value},
                by=maximum,
            ),
            because("SAFE-05", "Duties as soon as reasonably practicable.", {"missing": missing}, by=duties),
        ],
    )


def referral_prompt(
    *, at: dt.datetime, event: str, is_child: bool, harm_caused_by_another_child: bool = False
) -> Decision:
    """SAFE-01/07: must this event prompt a MERLIN / safeguarding referral, and for whom? A referral is
    made even if the child is already known. Outcome: referral_required, refer_other_child."""
    at = aware("at", at)
    both = param("SAFE-06.refer_both_children_when_harm_by_child", law_date(at))
    triggers = param("SAFE-06.referral_triggers", law_date(at))
    if event not in triggers.value and event != "other":
        raise InputError("event", f"must be one of {', '.join(triggers.value)}, other")
    required = a_bool("is_child", is_child) and event in triggers.value
    other = bool(both.value and a_bool("harm_caused_by_another_child", harm_caused_by_another_child))
    return Decision(
        "SAFE-07",
        {"referral_required": required, "refer_other_child": other},
        [
            because(
                "SAFE-07",
                "Prompt a safeguarding referral for these events involving a child; "
                "consent is not needed to share where a child may be at risk (SAFE-08).",
                {"event": event, "triggers": triggers.value},
                by=triggers,
            )
        ],
    )


def information_sharing(
    *,
    at: dt.datetime,
    child_may_be_at_risk: bool,
    consent_given: bool = False,
    telling_family_increases_risk: bool = False,
) -> Decision:
    """SAFE-08: may information be shared for safeguarding, and should the family be told?
    Outcome: may_share, consent_needed, tell_family."""
    aware("at", at)
    at_risk = a_bool("child_may_be_at_risk", child_may_be_at_risk)
    consent = a_bool("consent_given", consent_given)
    may_share = at_risk or consent
    tell = not a_bool("telling_family_increases_risk", telling_family_increases_risk)
    return Decision(
        "SAFE-08",
        {"may_share": may_share, "consent_needed": not at_risk, "tell_family": tell},
        [
            because(
                "SAFE-08",
                "Consent is not needed to share where a child is or may be at risk of harm; tell the family "
                "about a referral unless that would increase the risk to the child.",
                {"child_may_be_at_risk": at_risk, "consent_given": consent},
            )
        ],
    )
