"""The custody app's one door to the lawbook.

Everything legal (ages, hours, grounds, who may be an appropriate adult, what a certificate needs,
policy switches) is decided by `childfirst.lawbook` rule functions: this module only adapts custody
records to their inputs and turns their answers (and their InputErrors) into field errors and problems
an officer can read. No legal number is written here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from django.conf import settings

import childfirst.lawbook as lb
from childfirst.lawbook import Decision, InputError, default_parameters, policy_for
from childfirst.lawbook.ranks import RANKS as LB_RANKS
from childfirst.lawbook.ranks import rank_at_least
from childfirst.lawbook.rules.clock import OFFENCE_TYPES as LB_OFFENCE_TYPES
from childfirst.lawbook.rules.custody import AA_CATEGORIES, EMPLOYMENTS
from childfirst.lawbook.rules.searches import LOCATIONS
from childfirst.lawbook.timeutil import LONDON

# --- vocabularies the custody forms use (the lawbook's own where it has one) ---------------------------

AA_TYPES = AA_CATEGORIES
AA_EMPLOYMENTS = EMPLOYMENTS
OFFENCE_TYPES = LB_OFFENCE_TYPES  # summary | either_way | indictable_only
OFFENCE_CATEGORIES = ("violent", "sexual", "other")
EXTENSION_TYPES = ("superintendent", "warrant", "warrant_extension")
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
AA_DISQUALIFYING_FACTS = (
    "suspected_of_involvement",
    "victim",
    "witness",
    "involved_in_investigation",
    "received_admissions",
    "solicitor_in_that_capacity",
    "custody_visitor_in_that_capacity",
    "estranged_parent_child_objects",
)
SEARCH_LOCATIONS = LOCATIONS

# Police ranks, lowest first (the lawbook's list); which rank a step needs is a dated lawbook parameter.
RANKS = LB_RANKS
URGENT_INTERVIEW_RANK = "CUS-06.urgent_interview_minimum_rank"
EXTENSION_RANK = "CUS-12.extension_minimum_rank"
REVIEW_RANK_PRE_CHARGE = "CUS-13.pre_charge_reviewer_minimum_rank"
REVIEW_RANK_POST_CHARGE = "CUS-13.post_charge_reviewer_minimum_rank"  # the custody officer reviews
INSPECTOR_RANK = "CUS-17.monitoring_minimum_rank"
STRIP_SEARCH_RANK = "SRC-06.child_strip_search_authorising_rank"


@lru_cache(maxsize=1)
def policy() -> Any:
    return policy_for(getattr(settings, "CHILDFIRST_FORCE", "metropolitan"))


def show(value: dt.datetime) -> str:
    """A time as an officer reads it: Europe/London wall clock."""
    return value.astimezone(LONDON).strftime("%d %b %Y %H:%M")


def words(code: str) -> str:
    return code.replace("_", " ")


def required_rank(requirement: str, at: dt.datetime | None = None) -> str:
    """The rank a step needs: a lawbook parameter key ("CUS-12.extension_minimum_rank") read on the
    date of `at`."""
    return str(_p(requirement, at or dt.datetime.now(tz=LONDON)))


def rank_problem(rank: str, requirement: str, at: dt.datetime | None = None) -> str:
    required = required_rank(requirement, at)
    try:
        ok = rank_at_least(rank, required)
    except InputError:
        return f"must be a police rank ({', '.join(RANKS)}), got {rank!r}"
    return "" if ok else f"must be {words(required)} or above (got {words(rank)})"


def _p(key: str, on: dt.datetime) -> Any:
    return default_parameters().value(key, on.astimezone(LONDON).date()).value


def first_reason(decision: Decision) -> str:
    return decision.reasons[0].message if decision.reasons else ""


# --- CUS-01/02/21 --------------------------------------------------------------------------------------


def juvenile_decision(d: Any, at: dt.datetime | None = None) -> Decision:
    return lb.juvenile_status(
        at=at or d.arrested_at,
        date_of_birth=d.date_of_birth,
        appears_under_18=d.appears_under_18,
        age_disputed=d.age_disputed,
        clear_evidence_of_adult=d.clear_evidence_of_adult,
    )


def juvenile(d: Any, at: dt.datetime | None = None) -> tuple[bool, str]:
    """CUS-01: (is_juvenile, reason). The answer can only change from one London day to the next."""
    when = at or d.arrested_at
    return _juvenile_on(
        when.astimezone(LONDON).date(),
        d.date_of_birth,
        d.appears_under_18,
        d.age_disputed,
        d.clear_evidence_of_adult,
    )


@lru_cache(maxsize=4096)
def _juvenile_on(
    day: dt.date, dob: dt.date | None, appears: bool, disputed: bool, clear_adult: bool
) -> tuple[bool, str]:
    decision = lb.juvenile_status(
        at=dt.datetime(day.year, day.month, day.day, 12, tzinfo=LONDON),
        date_of_birth=dob,
        appears_under_18=appears,
        age_disputed=disputed,
        clear_evidence_of_adult=clear_adult,
    )
    return bool(decision["is_juvenile"]), f"{first_reason(decision)} (CUS-01)"


def age_on(d: Any, at: dt.datetime) -> int | None:
    return juvenile_decision(d, at)["age"]


def criminal_responsibility_problem(d: Any) -> str:
    decision = juvenile_decision(d)
    if decision["below_criminal_responsibility"]:
        reason = next((r.message for r in decision.reasons if r.rule == "CUS-02"), "")
        return f"{reason} (CUS-02)"
    return ""


def s136_problem(at: dt.datetime, age: int | None) -> str:
    """CUS-21: may this person be kept at a police station as a place of safety (MHA s.135/136)?"""
    decision = lb.place_of_safety_allowed(
        at=at, age=age if age is not None else _p("CUS-01.juvenile_age_limit", at) - 1, place="police_station"
    )
    if decision["allowed"]:
        return ""
    return f"{first_reason(decision)} (CUS-21)"


def aa_step_may_proceed(
    step: str, at: dt.datetime, *, aa_present: bool, urgent_authorised: bool = False
) -> bool:
    """CUS-06: may this custody step go ahead (with the step's own exception, if authorised)?"""
    exception = None
    if urgent_authorised:
        exception = _p("CUS-06.steps_needing_aa", at)[step]["exception"]
    return bool(lb.aa_presence(at=at, step=step, aa_present=aa_present, exception=exception)["may_proceed"])


def welfare_relationships(at: dt.datetime) -> tuple[str, ...]:
    """CUS-03: who counts as the person responsible for the child's welfare."""
    return tuple(_p("CUS-03.responsible_persons", at))


def welfare_missing(at: dt.datetime, relationship: str, informed_of: list[str]) -> list[str]:
    """CUS-03: what the welfare person still has to be told (raises InputError on unknown items)."""
    decision = lb.welfare_notification(
        at=at, is_juvenile=True, person_category=relationship, informed_of=informed_of
    )
    return list(decision["missing"])


def welfare_items(at: dt.datetime) -> list[str]:
    return list(_p("CUS-03.information_to_give", at))


@lru_cache(maxsize=64)
def _woman_carer_required(day: dt.date, is_juvenile: bool, sex: str) -> bool:
    at = dt.datetime(day.year, day.month, day.day, 12, tzinfo=LONDON)
    return bool(lb.care_by_woman_required(at=at, is_juvenile=is_juvenile, sex=sex)["required"])


def woman_carer_required(at: dt.datetime, is_juvenile: bool, sex: str) -> bool:
    """CUS-08: a detained girl must be under the care of a woman."""
    sex = {"not_known": "unknown"}.get(sex, sex)
    return _woman_carer_required(at.astimezone(LONDON).date(), is_juvenile, sex)


# --- CUS-04/05 -----------------------------------------------------------------------------------------


def aa_problems(data: dict[str, Any], at: dt.datetime, child_in_care: bool) -> list[str]:
    """Why a proposed appropriate adult may not act (empty list: eligible). Raises InputError on bad input."""
    decision = lb.aa_eligibility(
        at=at,
        category=data.get("aa_type"),
        age=data.get("age"),
        employment=data.get("employment") or "none",
        facts=[f for f in AA_DISQUALIFYING_FACTS if data.get(f) is True],
        child_in_care=child_in_care,
    )
    if decision["eligible"]:
        return []
    return [f"{r.message} ({r.rule})" for r in decision.reasons if r.rule in ("CUS-04", "CUS-05")][1:] or [
        ", ".join(words(p) for p in decision["problems"])
    ]


# --- CUS-12/13/23: the detention clock -------------------------------------------------------------------


def _extensions(f: Any) -> list[dict[str, Any]]:
    out = []
    for ext in f.extensions:
        item = {"kind": ext["extension_type"], "granted_at": ext["occurred_at"]}
        if ext.get("until"):
            item["until"] = dt.datetime.fromisoformat(ext["until"])
        out.append(item)
    return out


def clock(d: Any, f: Any, at: dt.datetime) -> Decision:
    """The lawbook's detention clock for this detention at `at` (CUS-12, 13, 23)."""
    ended = f.ended_at
    return lb.detention_clock(
        d.arrested_at,
        d.arrived_at,
        d.detention_authorised_at,
        reviews_held=f.reviews_held,
        reviews_postponed=f.reviews_postponed,
        extensions=_extensions(f),
        charged_at=f.charged_at,
        released_at=ended,
        at=max(at, d.arrived_at),
    )


def offence_type(d: Any) -> str:
    """The most serious offence type on the detention (for s.42 extensions)."""
    types = [o.get("offence_type", "summary") for o in d.offences]
    for candidate in reversed(OFFENCE_TYPES):
        if candidate in types:
            return candidate
    return "summary"


_EXTENSION_MESSAGES = {
    "until_beyond_superintendent_limit": "until: beyond the longest a superintendent may authorise "
    "(CUS-12, s.42)",
    "granted_too_late": "too late: a superintendent's authorisation must be given sooner after the "
    "relevant time (CUS-12, s.42(4)(a))",
    "offence_not_indictable": "the offence must be indictable or either-way (CUS-12, s.42(1)(b))",
    "earlier_authorisation_expired": "too late: a further authorisation must be given before the earlier "
    "one runs out (CUS-12, s.42(2))",
    "not_necessary_for_evidence": "necessary_for_evidence: detention must be necessary to secure, "
    "preserve or obtain evidence (CUS-12, s.42(1)(a))",
    "not_diligent_and_expeditious": "diligent_and_expeditious: the investigation must be conducted "
    "diligently and expeditiously (CUS-12, s.42(1)(c))",
    "before_second_review": "may not be given before the second review has been held (CUS-12, s.42(4)(b))",
    "until_beyond_warrant_period": "until: beyond the longest period a warrant may authorise (CUS-12, s.43)",
    "beyond_absolute_limit": "until: beyond the absolute limit from the relevant time (CUS-12, s.44(4))",
    "application_too_late": "the warrant application was made after the deadline (CUS-12, s.43(5))",
}


def extension_problems(
    d: Any, f: Any, *, kind: str, rank: str, at: dt.datetime, data: dict[str, Any]
) -> list[str]:
    """CUS-12: can this extension be given now? (empty list: yes)."""
    problems: list[str] = []
    if f.charged_at:
        problems.append("the child has been charged: extensions apply to detention without charge (CUS-12)")
    if kind == "superintendent":
        rp = rank_problem(rank, EXTENSION_RANK, at)
        if rp:
            problems.append(f"rank: {rp} (CUS-12)")
    now = clock(d, f, at)
    rt = now["relevant_time"]
    # s.42(2): a superintendent's authorisation given while an earlier one is the limit in force is a
    # further authorisation; the lawbook judges it without the s.42(4) timing limits.
    further_to = (
        now["detention_limit"]
        if kind == "superintendent" and now["limit_basis"] == "superintendent"
        else None
    )
    until = data.get("until")
    decision = lb.extension_valid(
        kind=kind,
        granted_at=at,
        relevant_time=rt,
        until=dt.datetime.fromisoformat(until) if isinstance(until, str) and until else None,
        offence_type=offence_type(d) if kind == "superintendent" else None,
        necessary_for_evidence=data.get("necessary_for_evidence") if kind == "superintendent" else None,
        diligent_and_expeditious=data.get("diligent_and_expeditious") if kind == "superintendent" else None,
        reviews_held_before=len(f.reviews_held) if kind == "superintendent" else None,
        applied_at=at if kind == "warrant" else None,
        court_could_not_sit=bool(data.get("court_could_not_sit", False)),
        further_to_authorisation_until=further_to,
    )
    problems += [_EXTENSION_MESSAGES.get(p, words(p)) for p in decision["problems"]]
    return problems


def overnight(start: dt.datetime, end: dt.datetime) -> bool:
    return bool(lb.overnight(start=start, end=end)["overnight"])


def weekend(start: dt.datetime, end: dt.datetime) -> bool:
    return bool(lb.weekend(start=start, end=end)["weekend"])


def next_night_end(at: dt.datetime) -> dt.datetime:
    """The end of the overnight window (CUS-23) that `at` is in, or the next one."""
    day = at.astimezone(LONDON).date()
    for offset in (0, 1):
        on = day + dt.timedelta(days=offset)
        end = dt.datetime(on.year, on.month, on.day, _p("CUS-23.night_ends_at_hour", at), tzinfo=LONDON)
        if end > at:
            return end
    return at


# --- CUS-10/11 -----------------------------------------------------------------------------------------


def cell_problems(d: Any, code: str, reason: str, at: dt.datetime, is_juvenile: bool) -> dict[str, str]:
    try:
        decision = lb.cell_allocation_valid(
            at=at, is_juvenile=is_juvenile, justification=code or None, justification_text=reason or ""
        )
    except InputError as exc:
        out = {exc.field: f"{exc.problem} (CUS-10)"}
        if is_juvenile and not (reason or "").strip():
            out["reason"] = "is required: record why a cell is unavoidable (CUS-10)"
        return out
    out = {}
    for problem in decision["problems"]:
        if problem == "no_justification":
            allowed = ", ".join(_p("CUS-10.permitted_justifications", at))
            out["justification"] = f"a child may be placed in a cell only with one of: {allowed} (CUS-10)"
        elif problem == "justification_not_recorded":
            out["reason"] = "is required: record why a cell is unavoidable (CUS-10)"
        else:
            out["cell"] = f"{words(problem)} (CUS-10)"
    return out


def adult_contact_problems(at: dt.datetime, is_juvenile: bool, relation: str, shared_cell: bool) -> list[str]:
    """CUS-09: the lawbook's objections to this contact with a detained adult (relation: relative |
    jointly_charged | other)."""
    decision = lb.cell_allocation_valid(
        at=at,
        is_juvenile=is_juvenile,
        shares_with_adult=shared_cell,
        adult_relationship={"other": "none"}.get(relation, relation),
        associating_with_adult=True,
    )
    return [
        p for p in decision["problems"] if p in ("associating_with_unrelated_adult", "shares_cell_with_adult")
    ]


def visit(at: dt.datetime, is_juvenile: bool, last_visit_at: dt.datetime) -> Decision:
    return lb.visit_interval(at=at, is_juvenile=is_juvenile, last_visit_at=min(last_visit_at, at))


# --- CUS-14-18 -----------------------------------------------------------------------------------------


def la_duty_problem(f: Any, at: dt.datetime) -> str:
    """CUS-19/20: did the local authority breach its duty (non-secure accommodation is absolute)?"""
    if not f.transfer_requested_at or f.transfer_response != "refused":
        return ""
    decision = lb.concordat_transfer_record(
        at=at,
        transfer_requested=True,
        accommodation_type=f.transfer_accommodation or None,
        la_response="refused",
        transfer_happened=bool(f.transfer_completed_at),
        hours_in_custody_after_charge=(at - f.charged_at).total_seconds() / 3600 if f.charged_at else None,
    )
    if decision["la_duty_breached"]:
        return (
            "Local authority refused non-secure accommodation: it has an absolute duty to accept; "
            "escalate (CUS-19)"
        )
    return "Local authority refused secure accommodation: consider non-secure accommodation (CUS-19, CUS-20)"


def concordat_record(f: Any, at: dt.datetime) -> dict[str, Any] | None:
    """CUS-19/20: the Concordat principle-7 record for a charged child refused bail (None otherwise)."""
    if not f.charged_at or f.bail_decision != "refused":
        return None
    response = {"secure_offered": "accepted", "non_secure_offered": "accepted", "refused": "refused"}.get(
        f.transfer_response, "no_response" if f.transfer_requested_at else None
    )
    end = f.ended_at or at
    decision = lb.concordat_transfer_record(
        at=at,
        transfer_requested=bool(f.transfer_requested_at),
        accommodation_type=f.transfer_accommodation or None,
        la_response=response,
        transfer_happened=bool(f.transfer_completed_at),
        hours_in_custody_after_charge=round((end - f.charged_at).total_seconds() / 3600, 2),
    )
    return decision.to_dict()


def post_charge_grounds(at: dt.datetime) -> tuple[str, ...]:
    return tuple(_p("CUS-14.detention_grounds", at)) + tuple(_p("CUS-14.juvenile_extra_grounds", at))


def post_charge_problem(at: dt.datetime, is_juvenile: bool, ground: str) -> str:
    decision = lb.post_charge_detention(at=at, is_juvenile=is_juvenile, grounds=[ground])
    return "" if decision["may_detain"] else f"{decision.reasons[-1].message} (CUS-14)"


def certificate_kwargs(d: Any, cert: dict[str, Any], at: dt.datetime) -> dict[str, Any]:
    categories = {o.get("category") for o in d.offences}
    offence = "violent" if "violent" in categories else "sexual" if "sexual" in categories else None
    return {
        "ground": cert["ground"],
        "reason_codes": list(cert["reason_codes"]),
        "reasons_text": cert["reasons"],
        "certifying_officer": cert["certifying_officer"],
        "monitoring_inspector": cert["inspector"],
        "age": age_on(d, at),
        "offence_type": offence,
        "serious_harm_risk": bool(cert.get("serious_harm_risk")),
        "secure_accommodation_available": bool(cert.get("secure_available")),
    }


_CERT_MESSAGES = {
    "no_accepted_impracticability_reason": (
        "reason_codes: impracticability concerns transport and travel only; behaviour, offence seriousness, "
        "no secure bed and the time of day never make transfer impracticable (CUS-18, Note 16D)"
    ),
    "under_secure_ground_age": "ground (b) applies only to a child of the minimum age or over (CUS-15)",
    "offence_not_violent_or_sexual": "ground (b) needs a charge for a violent or sexual offence (CUS-16)",
    "no_serious_harm_risk": "serious_harm_risk: ground (b) needs a risk of serious harm to the "
    "public (CUS-16)",
    "secure_accommodation_available": "ground (b) requires that no secure accommodation is "
    "available (CUS-15)",
    "no_reasons_text": "reasons: are required (CUS-17)",
    "no_certifying_officer": "certifying_officer: is required (CUS-17)",
    "no_monitoring_inspector": "inspector: an inspector must monitor the case (CUS-17)",
}


def certificate_problems(d: Any, cert: dict[str, Any], *, at: dt.datetime) -> list[str]:
    """CUS-15-18: is this s.38(6) certificate valid? (empty list: yes). Raises InputError on bad input."""
    decision = lb.certificate_valid(at=at, **certificate_kwargs(d, cert, at))
    return [_CERT_MESSAGES.get(p, words(p)) for p in decision["problems"]]


def transfer_required(d: Any, f: Any, is_juvenile: bool, at: dt.datetime) -> tuple[bool, str]:
    """CUS-15: must this charged child be moved to local authority accommodation?"""
    if not f.charged_at:
        return False, "not charged"
    if not f.bail_decision:
        return False, "bail decision not yet made"
    cert = certificate_kwargs(d, f.certificate, f.certificate_at) if f.certificate else None
    decision = lb.transfer_required(
        at=max(at, f.charged_at),
        charged_at=f.charged_at,
        is_juvenile=is_juvenile,
        detained_after_charge=f.bail_decision == "refused",
        certificate=cert,
    )
    return bool(decision["transfer_required"]), f"{first_reason(decision)} (CUS-15)"


def certificate_reason_codes(at: dt.datetime) -> tuple[str, ...]:
    """CUS-18: the reason codes a certificate may give (accepted ones first, then those Note 16D rejects,
    so an officer who ticks one of the latter is told why by the lawbook)."""
    return tuple(_p("CUS-17.impracticable_reasons_accepted", at)) + tuple(
        _p("CUS-17.impracticable_reasons_not_accepted", at)
    )


def cell_justifications(at: dt.datetime) -> tuple[str, ...]:
    """CUS-10: the justifications the lawbook accepts for placing a child in a cell."""
    return tuple(_p("CUS-10.permitted_justifications", at))


def known_problem_messages() -> list[str]:
    """The officer-facing messages for extension and certificate problems (the web splits joined lists)."""
    return [*_EXTENSION_MESSAGES.values(), *_CERT_MESSAGES.values()]


# --- SRC -----------------------------------------------------------------------------------------------


def strip_search_requirements(at: dt.datetime, is_juvenile: bool, location: str | None = None) -> Decision:
    return lb.strip_search_requirements(at=at, is_juvenile=is_juvenile, location=location, policy=policy())


def strip_search_lawful(**kwargs: Any) -> Decision:
    return lb.strip_search_lawful(policy=policy(), **kwargs)


def minimum_people_present(at: dt.datetime) -> int:
    return int(_p("SRC-03.minimum_people_present", at))


def needs(requirements: Decision, safeguard: str) -> bool:
    return safeguard in requirements["required"]


__all__: Sequence[str] = ()
