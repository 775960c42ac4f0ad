"""The custody app's one door to the lawbook.

Everything legal (ages, hours, lists of grounds, who may be an appropriate adult, policy switches)
comes from `childfirst.lawbook`: this module only adapts custody records to the lawbook's inputs and
turns its answers into field errors and problems. No legal number is written here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.conf import settings

from childfirst.lawbook.parameters import default_parameters
from childfirst.lawbook.policies import policy_for
from childfirst.lawbook.timeutil import LONDON

# --- vocabularies used by the custody forms (names, not law) ------------------------------------------

WELFARE_RELATIONSHIPS = ("parent_or_guardian", "local_authority_appointee", "other_responsible_person")
AA_TYPES = ("parent_or_guardian", "care_authority_representative", "social_worker", "other_responsible_adult")
EXTENSION_TYPES = ("superintendent", "warrant")
RELEASE_OUTCOMES = (
    "no_further_action",
    "released_under_investigation",
    "bail_pre_charge",
    "charged_bailed",
    "charged_released_without_bail",
    "out_of_court_disposal",
    "remanded_to_court",
    "other",
)
AA_CHECK_FIELDS = (
    "age",
    "employment",
    "suspected_of_involvement",
    "victim",
    "witness",
    "involved_in_investigation",
    "received_admissions",
    "solicitor_in_that_capacity",
    "custody_visitor_in_that_capacity",
    "estranged_parent_child_objects",
)

# Police ranks, lowest first. Which rank a step needs is law (see the *_RANK names below).
RANKS = (
    "constable",
    "sergeant",
    "inspector",
    "chief_inspector",
    "superintendent",
    "chief_superintendent",
    "commander",
    "deputy_assistant_commissioner",
    "assistant_commissioner",
    "deputy_commissioner",
    "commissioner",
)
# TODO(lawbook): these ranks are stated in the rule texts (CUS-06 urgent interview: superintendent;
# CUS-12 extension: superintendent; CUS-13 pre-charge review: inspector, post-charge: custody officer
# i.e. sergeant; CUS-17 monitoring officer and SRC-06 authorisation: inspector) but are not yet lawbook
# parameters. Move them when the lawbook publishes them.
URGENT_INTERVIEW_RANK = "superintendent"
EXTENSION_RANK = "superintendent"
REVIEW_RANK_PRE_CHARGE = "inspector"
REVIEW_RANK_POST_CHARGE = "sergeant"
INSPECTOR_RANK = "inspector"


def _p(key: str, on: dt.datetime | dt.date) -> Any:
    day = on.astimezone(LONDON).date() if isinstance(on, dt.datetime) else on
    return default_parameters().value(key, day).value


def _hours(key: str, on: dt.datetime | dt.date) -> dt.timedelta:
    return dt.timedelta(hours=_p(key, on))


@lru_cache(maxsize=1)
def policy() -> Any:
    force = getattr(settings, "CHILDFIRST_FORCE", "metropolitan")
    return policy_for(force)


def show(value: dt.datetime) -> str:
    """A time as an officer reads it: Europe/London wall clock."""
    return value.astimezone(LONDON).strftime("%d %b %Y %H:%M")


def rank_problem(rank: str, required: str) -> str:
    if rank not in RANKS:
        return f"must be a police rank ({', '.join(RANKS)}), got {rank!r}"
    if RANKS.index(rank) < RANKS.index(required):
        return f"must be {required.replace('_', ' ')} or above (got {rank.replace('_', ' ')})"
    return ""


# --- CUS-01/02 -----------------------------------------------------------------------------------------


def juvenile(d: Any) -> tuple[bool, str]:
    """CUS-01: (is_juvenile, reason) from the detention's age facts."""
    limit = _p("CUS-01.juvenile_age_limit", d.arrested_at)
    if d.verified_age is not None:
        if d.verified_age < limit:
            return True, f"verified age {d.verified_age} is under {limit} (CUS-01)"
        return False, f"verified age {d.verified_age}: {limit} or over (CUS-01)"
    if d.age_disputed and not d.clear_evidence_of_adult:
        return (
            True,
            f"age disputed with no clear evidence of being {limit} or over: treated as a juvenile (CUS-01)",
        )
    if d.appears_under_18 and not d.clear_evidence_of_adult:
        return True, f"appears to be under {limit}; no clear evidence otherwise (CUS-01)"
    if d.clear_evidence_of_adult:
        return False, f"clear evidence of being {limit} or over (CUS-01)"
    return False, f"does not appear to be under {limit} (CUS-01)"


def criminal_responsibility_problem(age: int) -> str:
    minimum = _p("CUS-02.age_of_criminal_responsibility", dt.datetime.now(tz=LONDON))
    if age < minimum:
        return (
            f"a child under {minimum} cannot be arrested or detained for an offence: "
            "route to safeguarding (CUS-02)"
        )
    return ""


def s136_message() -> str:
    return (
        "a child detained under the Mental Health Act s.135/136 may not be taken to or kept in a police "
        "station as a place of safety (CUS-21, MHA s.136A)"
    )


# --- CUS-04/05 -----------------------------------------------------------------------------------------


def aa_problems(data: dict[str, Any], on: dt.datetime | None = None) -> list[str]:
    """Why a proposed appropriate adult may not act (empty list: eligible)."""
    on = on or dt.datetime.now(tz=LONDON)
    problems = []
    minimum = _p("CUS-04.minimum_age", on)
    age = data.get("age")
    if not isinstance(age, int):
        problems.append("age: is required (a whole number of years)")
    elif age < minimum:
        problems.append(f"age: must be {minimum} or over (CUS-05)")
    employment = data.get("employment") or ""
    if employment in _p("CUS-04.excluded_employment", on):
        problems.append(
            f"employment: a {employment.replace('_', ' ')} cannot be an appropriate adult (CUS-04)"
        )
    for fact in _p("CUS-05.disqualifying_facts", on):
        if data.get(fact) is True:
            problems.append(f"{fact}: {fact.replace('_', ' ')} (CUS-05)")
    return problems


# --- CUS-12/13: the detention clock -------------------------------------------------------------------


@dataclass
class Clock:
    relevant_time: dt.datetime
    detention_limit: dt.datetime
    next_review_due: dt.datetime | None
    reviews_overdue: bool
    reasons: list[str] = field(default_factory=list)


def relevant_time(d: Any) -> dt.datetime:
    """CUS-12: earlier of arrival at the first station and a set time after arrest."""
    return min(d.arrived_at, d.arrested_at + _hours("CUS-12.relevant_time_after_arrest", d.arrested_at))


def clock(d: Any, f: Any, at: dt.datetime) -> Clock:
    rt = relevant_time(d)
    limit = rt + _hours("CUS-12.limit_without_charge", rt)
    reasons = [f"relevant time {show(rt)} (CUS-12)"]
    absolute = rt + _hours("CUS-12.absolute_limit", rt)
    for ext in f.extensions:
        if ext.get("extension_type") == "superintendent":
            limit = max(limit, rt + _hours("CUS-12.superintendent_limit", rt))
        elif ext.get("extension_type") == "warrant":
            hours = ext.get("hours")
            period = _hours("CUS-12.warrant_max_period", rt)
            if isinstance(hours, int | float) and hours > 0:
                period = min(period, dt.timedelta(hours=hours))
            limit = max(limit, min(ext["occurred_at"] + period, absolute))
    # Reviews (CUS-13): each review falls due a set time after the previous one was *due*, or held if
    # held early; a postponement does not move the schedule.
    due = d.detention_authorised_at + _hours("CUS-13.first_review_after", d.detention_authorised_at)
    interval = _hours("CUS-13.review_interval", d.detention_authorised_at)
    for held in sorted(f.reviews_held):
        base = held if held <= due else due
        due = base + interval
    overdue = at > due
    if f.ended_at is not None:
        return Clock(rt, limit, None, False, reasons)
    return Clock(rt, limit, due, overdue, reasons)


def extension_problems(
    d: Any, f: Any, *, kind: str, rank: str, at: dt.datetime, data: dict[str, Any]
) -> list[str]:
    """CUS-12: can this extension be given now?"""
    rt = relevant_time(d)
    problems: list[str] = []
    if f.charged_at:
        problems.append("the child has been charged: extensions apply to detention without charge (CUS-12)")
    if kind == "superintendent":
        rp = rank_problem(rank, EXTENSION_RANK)
        if rp:
            problems.append("rank: " + rp + " (CUS-12, s.42)")
        allowed = _p("CUS-12.superintendent_offence_types", rt)
        if not any(o.get("indictable") for o in d.offences):
            problems.append(
                "the offence must be indictable "
                f"({' or '.join(a.replace('_', ' ') for a in allowed)}) (CUS-12, s.42(1)(b))"
            )
        if at > rt + _hours("CUS-12.superintendent_latest_authorisation", rt):
            problems.append(
                "too late: must be given within the period set by s.42(4)(a) after the relevant time "
                f"{show(rt)} (CUS-12)"
            )
        needed = _p("CUS-12.superintendent_reviews_needed", rt)
        if len(f.reviews_held) < needed:
            problems.append(
                f"may not be given before review number {needed} has been held (CUS-12, s.42(4)(b))"
            )
        if data.get("necessary_for_evidence") is not True:
            problems.append(
                "necessary_for_evidence: detention must be necessary to secure, preserve or obtain "
                "evidence (s.42(1)(a))"
            )
        if data.get("investigation_diligent") is not True:
            problems.append(
                "investigation_diligent: the investigation must be conducted diligently and "
                "expeditiously (s.42(1)(c))"
            )
    else:  # warrant of further detention from a magistrates' court
        if not str(data.get("court", "")).strip():
            problems.append("court: the magistrates' court that issued the warrant is required (s.43)")
        hours = data.get("hours")
        maximum = _p("CUS-12.warrant_max_period", rt)
        if not isinstance(hours, int | float) or hours <= 0 or hours > maximum:
            problems.append(f"hours: the period the warrant authorises, at most {maximum} (s.43(12))")
        elif at + dt.timedelta(hours=hours) > rt + _hours("CUS-12.absolute_limit", rt):
            problems.append(
                f"hours: would end after the absolute limit from the relevant time {show(rt)} (s.44(4))"
            )
    return problems


# --- CUS-14-18 -----------------------------------------------------------------------------------------


def post_charge_grounds(on: dt.datetime | None = None) -> tuple[str, ...]:
    on = on or dt.datetime.now(tz=LONDON)
    return tuple(_p("CUS-14.detention_grounds", on)) + tuple(_p("CUS-14.juvenile_extra_grounds", on))


POST_CHARGE_GROUNDS = post_charge_grounds()


def age_on(d: Any, on: dt.datetime) -> int | None:
    if d.verified_age is not None:
        return d.verified_age
    if d.date_of_birth:
        day = on.astimezone(LONDON).date()
        dob = d.date_of_birth
        return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))
    return None


def certificate_problems(d: Any, cert: dict[str, Any], *, at: dt.datetime) -> list[str]:
    """CUS-15-18: is this s.38(6) certificate valid?"""
    problems: list[str] = []
    not_accepted = set(_p("CUS-17.impracticable_reasons_not_accepted", at))
    accepted = set(_p("CUS-17.impracticable_reasons_accepted", at))
    codes = set(cert["reason_codes"])
    if cert["ground"] == "a":
        bad = sorted(codes & not_accepted)
        if bad:
            problems.append(
                "reason_codes: "
                + ", ".join(b.replace("_", " ") for b in bad)
                + " never make transfer impracticable: impracticability concerns transport and travel "
                "(CUS-18, Note 16D)"
            )
        if not codes & accepted:
            problems.append(
                "reason_codes: ground (a) needs a transport or travel reason: "
                + ", ".join(sorted(accepted))
                + " (CUS-18)"
            )
    else:
        minimum = _min_age_ground_b(at)
        age = age_on(d, at)
        if age is None or age < minimum:
            problems.append(f"ground (b) applies only to a child aged {minimum} or over (CUS-15)")
        if cert.get("secure_available"):
            problems.append("ground (b) requires that no secure accommodation is available (CUS-15)")
        if not any(o.get("violent_or_sexual") for o in d.offences):
            problems.append("ground (b) needs a charge for a violent or sexual offence (CUS-16)")
        if not cert.get("serious_harm_risk"):
            problems.append(
                "serious_harm_risk: ground (b) needs other LA accommodation to be inadequate to protect "
                "the public from serious harm from the child (CUS-15, CUS-16)"
            )
    rp = rank_problem(str(cert.get("inspector_rank") or INSPECTOR_RANK), INSPECTOR_RANK)
    if rp:
        problems.append("inspector: " + rp + " (CUS-17)")
    return problems


def _min_age_ground_b(at: dt.datetime) -> int:
    return int(_p("CUS-15.secure_ground_minimum_age", at))


def transfer_required(d: Any, f: Any, juvenile_now: bool) -> tuple[bool, str]:
    """CUS-15: charged, kept in detention, juvenile and no valid certificate → must be transferred."""
    if not f.charged_at:
        return False, "not charged"
    if f.bail_decision != "refused":
        return (
            False,
            "not kept in detention after charge" if f.bail_decision else "bail decision not yet made",
        )
    if not juvenile_now:
        return False, "not a juvenile (CUS-01)"
    if f.certificate:
        return False, f"s.38(6) certificate on ground ({f.certificate.get('ground')}) (CUS-15, CUS-17)"
    return True, "charged and refused bail: must be moved to local authority accommodation (CUS-15)"


# --- CUS-10/11 -----------------------------------------------------------------------------------------


def cell_problems(code: str, reason: str, on: dt.datetime | None = None) -> dict[str, str]:
    on = on or dt.datetime.now(tz=LONDON)
    allowed = tuple(_p("CUS-10.permitted_justifications", on))
    out = {}
    if code not in allowed:
        out["justification"] = (
            f"a child may be placed in a cell only with one of: {', '.join(allowed)} (CUS-10); "
            f"got {code or 'nothing'!r}"
        )
    if not (reason or "").strip():
        out["reason"] = "is required: record why a cell is unavoidable (CUS-10)"
    return out


def visit_interval(on: dt.datetime) -> dt.timedelta:
    minutes = policy()["juvenile_visit_interval_minutes"]
    if minutes is None:
        minutes = _p("CUS-11.general_visit_interval", on)
    return dt.timedelta(minutes=minutes)


# --- CUS-23 --------------------------------------------------------------------------------------------


def _night_windows(start: dt.datetime, end: dt.datetime) -> list[tuple[dt.datetime, dt.datetime]]:
    """The 00:00-08:00 (parameterised) Europe/London windows overlapping [start, end]."""
    day = start.astimezone(LONDON).date() - dt.timedelta(days=1)
    last = end.astimezone(LONDON).date()
    out = []
    while day <= last:
        a = _wall(day, _p("CUS-23.night_starts_at_hour", day))
        b = _wall(day, _p("CUS-23.night_ends_at_hour", day))
        out.append((a, b))
        day += dt.timedelta(days=1)
    return out


def _wall(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=LONDON).astimezone(dt.UTC)


def overnight(start: dt.datetime, end: dt.datetime) -> bool:
    """CUS-23: held for the minimum consecutive time within a night window."""
    minimum = _hours("CUS-23.overnight_minimum", start)
    return any(min(end, b) - max(start, a) >= minimum for a, b in _night_windows(start, end))


def weekend(start: dt.datetime, end: dt.datetime) -> bool:
    """CUS-23: at least the minimum time in custody on a Saturday/Sunday, still held at 00:00 Monday."""
    minimum = _hours("CUS-23.weekend_minimum", start)
    day = start.astimezone(LONDON).date()
    last = end.astimezone(LONDON).date()
    while day <= last:
        if day.weekday() == 5:  # Saturday
            sat = _wall(day, 0)
            monday = _wall(day + dt.timedelta(days=2), 0)
            if end >= monday and min(end, monday) - max(start, sat) >= minimum:
                return True
        day += dt.timedelta(days=1)
    return False


def overnight_risk(start: dt.datetime, at: dt.datetime, likely_end: dt.datetime) -> bool:
    """In custody now and, if held until `likely_end`, would meet the overnight definition."""
    return overnight(start, max(at, likely_end))


# --- SRC ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StripSearchPolicy:
    inspector_authorisation: bool
    inspector_notified_if_urgent: bool
    parent_informed: bool
    safeguarding_referral: bool
    warn_at_school: bool
    rules: tuple[str, ...]


def strip_search_policy() -> StripSearchPolicy:
    p = policy()
    ho = bool(p["ho2024_strip_search_proposals"])
    inspector = bool(p["child_strip_search_inspector_authorisation"]) or ho
    rules = tuple(
        r for r, on in (("SRC-06", p["child_strip_search_inspector_authorisation"]), ("SRC-08", ho)) if on
    )
    return StripSearchPolicy(
        inspector_authorisation=inspector,
        inspector_notified_if_urgent=ho,
        parent_informed=ho,
        safeguarding_referral=ho,
        warn_at_school=bool(p["warn_strip_search_at_school"]),
        rules=rules,
    )
