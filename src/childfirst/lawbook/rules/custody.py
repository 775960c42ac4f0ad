"""Custody rules for children (RULES.md module 1: CUS-01 to CUS-21), apart from the clock (see clock.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from childfirst.lawbook.decision import Decision, Reason
from childfirst.lawbook.errors import InputError
from childfirst.lawbook.policies import Policy
from childfirst.lawbook.rules.common import (
    a_bool,
    age_on,
    an_int,
    because,
    law_date,
    list_of,
    one_of,
    param,
    pol,
    policy_reason,
)
from childfirst.lawbook.timeutil import a_date, aware, optional_aware

AA_CATEGORIES = (
    "parent_or_guardian",
    "care_authority_representative",
    "social_worker",
    "other_responsible_adult",
)
EMPLOYMENTS = (
    "none",
    "police_officer",
    "police_staff",
    "police_support_volunteer",
    "contracted_detention_officer",
    "contracted_escort_officer",
)


def juvenile_status(
    *,
    at: dt.datetime,
    date_of_birth: dt.date | None = None,
    appears_under_18: bool | None = None,
    age_disputed: bool = False,
    clear_evidence_of_adult: bool = False,
    date_of_birth_evidenced: bool = True,
) -> Decision:
    """CUS-01/02: is this person to be treated as a juvenile at instant `at`?

    An evidenced `date_of_birth` is clear evidence of age. A date of birth that is only claimed
    (`date_of_birth_evidenced=False`) makes a juvenile if it gives an age under the limit, but a claimed
    adult age does not override an appearance of being under 18. Otherwise: clear evidence of adulthood
    makes an adult; appearing under 18, a dispute, or no information at all (if in doubt) makes a juvenile.
    Outcome: is_juvenile, age (None if unknown), basis, below_criminal_responsibility (None if unknown).
    """
    at = aware("at", at)
    on = law_date(at)
    limit = param("CUS-01.juvenile_age_limit", on)
    acr = param("CUS-02.age_of_criminal_responsibility", on)
    reasons: list[Reason] = []
    age: int | None = None
    below: bool | None = None
    claimed_adult = False
    if date_of_birth is not None and not a_bool("date_of_birth_evidenced", date_of_birth_evidenced):
        claimed = age_on(a_date("date_of_birth", date_of_birth), on)
        if claimed >= limit.value:
            claimed_adult = True
            date_of_birth = None  # a claimed adult age is not evidence: decide on appearance
        elif a_bool("clear_evidence_of_adult", clear_evidence_of_adult):
            date_of_birth = None  # Code C 1.5: clear evidence of adulthood outweighs a claimed child age
        reasons.append(
            because(
                "CUS-01",
                f"Claimed (not evidenced) age {claimed}"
                + (": a claim of adulthood does not override appearance." if claimed_adult else "."),
                {"claimed_age": claimed, "juvenile_age_limit": limit.value},
                by=limit,
            )
        )
    if date_of_birth is not None:
        age = age_on(a_date("date_of_birth", date_of_birth), on)
        is_juvenile = age < limit.value
        basis = "evidenced_age" if date_of_birth_evidenced else "claimed_age_under_limit"
        reasons.append(
            because(
                "CUS-01",
                f"Evidenced age {age} is {'under' if is_juvenile else 'at or over'} "
                f"the juvenile age limit of {limit.value}.",
                {"age": age, "juvenile_age_limit": limit.value},
                by=limit,
            )
        )
        below = age < acr.value
        reasons.append(
            because(
                "CUS-02",
                (
                    f"Under {acr.value}: cannot be arrested or charged; safeguarding only."
                    if below
                    else f"Aged {acr.value} or over: criminally responsible."
                ),
                {"age": age, "age_of_criminal_responsibility": acr.value},
                by=acr,
            )
        )
    else:
        appears = None if appears_under_18 is None else a_bool("appears_under_18", appears_under_18)
        if a_bool("clear_evidence_of_adult", clear_evidence_of_adult):
            is_juvenile, basis = False, "clear_evidence_of_adult"
        elif a_bool("age_disputed", age_disputed):
            is_juvenile, basis = True, "age_disputed_no_clear_evidence"
        elif appears is None:
            is_juvenile, basis = True, "in_doubt"
        else:
            is_juvenile, basis = appears, "appearance"
        reasons.append(
            because(
                "CUS-01",
                {
                    "clear_evidence_of_adult": "Clear evidence shows the person is an adult.",
                    "age_disputed_no_clear_evidence": "Age is disputed, with no clear "
                    "evidence of adulthood: treat as a juvenile.",
                    "in_doubt": "Nothing is known of the person's age: if in doubt, treat as a juvenile.",
                    "appearance": "Treated as a juvenile because they appear to be under the age limit."
                    if is_juvenile
                    else "Appears to be an adult and nothing suggests otherwise.",
                }[basis],
                {"juvenile_age_limit": limit.value, "basis": basis},
                by=limit,
            )
        )
    return Decision(
        "CUS-01",
        {"is_juvenile": is_juvenile, "age": age, "basis": basis, "below_criminal_responsibility": below},
        reasons,
    )


def aa_eligibility(
    *,
    at: dt.datetime,
    category: str,
    age: int | None = None,
    employment: str = "none",
    facts: Sequence[str] = (),
    child_in_care: bool = False,
) -> Decision:
    """CUS-04/05: may this person act as the child's appropriate adult, and at what priority?

    `category`: parent_or_guardian | care_authority_representative | social_worker |
    other_responsible_adult. `facts`: any of CUS-05.disqualifying_facts (e.g. victim, witness).
    Outcome: eligible, priority (1 = highest), problems.
    """
    at = aware("at", at)
    on = law_date(at)
    category = one_of("category", category, AA_CATEGORIES)
    employment = one_of("employment", employment, EMPLOYMENTS)
    disq = param("CUS-05.disqualifying_facts", on)
    facts_list = list_of("facts", list(facts), disq.value)
    priority_p = param("CUS-04.priority", on)
    min_age = param("CUS-04.minimum_age", on)
    excluded = param("CUS-04.excluded_employment", on)
    problems: list[str] = []
    reasons: list[Reason] = []
    ranks = {name: rank for rank, group in enumerate(priority_p.value, start=1) for name in group}
    priority = ranks[category]
    if category == "care_authority_representative" and not a_bool("child_in_care", child_in_care):
        problems.append("child_not_in_care")
        reasons.append(
            because(
                "CUS-04",
                "A care authority representative acts only for a child in care.",
                {"child_in_care": False},
                by=priority_p,
            )
        )
    reasons.append(
        because(
            "CUS-04",
            f"{category.replace('_', ' ')} is priority {priority} of {len(priority_p.value)}.",
            {"priority_order": priority_p.value},
            by=priority_p,
        )
    )
    if age is not None and an_int("age", age, minimum=0) < min_age.value:
        problems.append("under_minimum_age")
        reasons.append(
            because(
                "CUS-05",
                f"An appropriate adult must be {min_age.value} or over.",
                {"age": age, "minimum_age": min_age.value},
                by=min_age,
            )
        )
    if age is None and category == "other_responsible_adult":
        raise InputError("age", f"required for other_responsible_adult (must be {min_age.value} or over)")
    if employment in excluded.value:
        problems.append(f"employment_{employment}")
        reasons.append(
            because(
                "CUS-05",
                f"Not eligible: {employment.replace('_', ' ')}.",
                {"employment": employment, "excluded": excluded.value},
                by=excluded,
            )
        )
    for fact in facts_list:
        problems.append(fact)
        reasons.append(because("CUS-05", f"Not eligible: {fact.replace('_', ' ')}.", {"fact": fact}, by=disq))
    eligible = not problems
    return Decision(
        "CUS-04",
        {"eligible": eligible, "priority": priority if eligible else None, "problems": problems},
        reasons,
    )


def welfare_notification(
    *,
    at: dt.datetime,
    is_juvenile: bool,
    person_category: str | None,
    informed_of: Sequence[str] = (),
    under_court_supervision: bool = False,
    supervisor_informed: bool = False,
) -> Decision:
    """CUS-03: has the person responsible for a detained child's welfare been told what they must be told?

    Outcome: required, complete, missing (items still to tell, plus `identify_responsible_person` /
    `inform_supervisor`)."""
    at = aware("at", at)
    on = law_date(at)
    persons = param("CUS-03.responsible_persons", on)
    items = param("CUS-03.information_to_give", on)
    if not a_bool("is_juvenile", is_juvenile):
        return Decision(
            "CUS-03",
            {"required": False, "complete": True, "missing": []},
            [because("CUS-03", "Not a juvenile: no welfare-person duty.", {}, by=items)],
        )
    missing: list[str] = []
    if person_category is None:
        missing.append("identify_responsible_person")
    else:
        one_of("person_category", person_category, persons.value)
    told = list_of("informed_of", list(informed_of), items.value)
    missing += [i for i in items.value if i not in told]
    if a_bool("under_court_supervision", under_court_supervision) and not a_bool(
        "supervisor_informed", supervisor_informed
    ):
        missing.append("inform_supervisor")
    reasons = [
        because(
            "CUS-03",
            "The person responsible for the child's welfare must be told that the child "
            "was arrested, why, and where they are held.",
            {"information_to_give": items.value, "missing": missing},
            by=items,
        )
    ]
    return Decision("CUS-03", {"required": True, "complete": not missing, "missing": missing}, reasons)


def aa_presence(
    *, at: dt.datetime, step: str, aa_present: bool, age: int | None = None, exception: str | None = None
) -> Decision:
    """CUS-06: may this custody step go ahead for a juvenile without a valid AA present?

    `step`: a key of CUS-06.steps_needing_aa. Each step has one kind of exception in the table:
    `none`; `repeat_when_aa_arrives` (rights and caution may be given now but must be repeated in the
    AA's presence: applies automatically); `representations_opportunity` (a review goes ahead on time; the
    AA must be given the chance to make representations: applies automatically);
    `urgent_interview_superintendent` (only if the caller says so in `exception`); `see_<RULE>` (decided
    by that rule). Outcome: may_proceed, must_repeat_with_aa, aa_required, note."""
    at = aware("at", at)
    on = law_date(at)
    table = param("CUS-06.steps_needing_aa", on)
    step = one_of("step", step, table.value.keys())
    entry = table.value[step]
    present = a_bool("aa_present", aa_present)
    kind = entry["exception"]
    if exception is not None and exception != kind:
        raise InputError("exception", f"not an exception for {step}; allowed: {kind}")
    automatic = kind in ("repeat_when_aa_arrives", "representations_opportunity")
    claimed = exception is not None and not kind.startswith("see_")
    may = present or automatic or claimed
    must_repeat = not present and kind == "repeat_when_aa_arrives"
    notes = {
        "repeat_when_aa_arrives": "repeat in the AA's presence when they arrive",
        "representations_opportunity": "give the AA the opportunity to make representations",
    }
    note = "" if present else notes.get(kind, "")
    if step == "identification_consent" and age is not None:
        from_age = param("CUS-06.identification_consent_child_and_parent_from_age", on)
        note = (
            "consent of the child and a parent or guardian"
            if an_int("age", age) >= from_age.value
            else "consent of a parent or guardian"
        )
    where = step.replace("_", " ")
    if present:
        message = f"{where}: AA present."
    elif kind.startswith("see_"):
        message = f"{where}: no AA; decided by {kind.removeprefix('see_')}."
    elif may:
        message = f"{where}: may go ahead without the AA ({kind.replace('_', ' ')})."
    else:
        message = f"{where}: must not go ahead without the AA."
    reasons = [
        Reason(
            "CUS-06",
            message,
            {"step": step, "paragraph": entry["paragraph"], "exception": kind},
            entry["paragraph"],
            table.url,
            entry["tag"],
        )
    ]
    return Decision(
        "CUS-06",
        {"may_proceed": may, "must_repeat_with_aa": must_repeat, "aa_required": True, "note": note},
        reasons,
    )


def care_by_woman_required(*, at: dt.datetime, is_juvenile: bool, sex: str) -> Decision:
    """CUS-08: a girl under 18 must be in the care of a woman. Outcome: required."""
    aware("at", at)
    sex = one_of("sex", sex, ("female", "male", "other", "unknown"))
    required = a_bool("is_juvenile", is_juvenile) and sex == "female"
    return Decision(
        "CUS-08",
        {"required": required},
        [
            because(
                "CUS-08",
                "A detained girl must be under the care of a woman."
                if required
                else "Care by a woman is not required by CUS-08.",
                {"sex": sex, "is_juvenile": is_juvenile},
            )
        ],
    )


def cell_allocation_valid(
    *,
    at: dt.datetime,
    is_juvenile: bool,
    justification: str | None = None,
    justification_text: str = "",
    shares_with_adult: bool = False,
    adult_relationship: str = "none",
    associating_with_adult: bool = False,
) -> Decision:
    """CUS-09/10: may a juvenile be placed in this cell?

    `justification`: one of CUS-10.permitted_justifications, with free text. `shares_with_adult`: the cell
    would be shared with a detained adult (never allowed). `adult_relationship`: none | relative |
    jointly_charged: association outside a cell (`associating_with_adult`) is allowed only with a relative
    or someone jointly charged. Outcome: valid, problems."""
    at = aware("at", at)
    on = law_date(at)
    allowed = param("CUS-10.permitted_justifications", on)
    adult_relationship = one_of(
        "adult_relationship", adult_relationship, ("none", "relative", "jointly_charged")
    )
    if not a_bool("is_juvenile", is_juvenile):
        return Decision(
            "CUS-10",
            {"valid": True, "problems": []},
            [because("CUS-10", "Not a juvenile: CUS-10 does not restrict the cell.", {}, by=allowed)],
        )
    problems: list[str] = []
    reasons: list[Reason] = []
    if justification is None:
        problems.append("no_justification")
    else:
        justification = one_of("justification", justification, allowed.value)
        if not justification_text.strip():
            problems.append("justification_not_recorded")
    reasons.append(
        because(
            "CUS-10",
            "A juvenile may be placed in a cell only for a permitted, recorded reason.",
            {"justification": justification, "permitted": allowed.value},
            by=allowed,
        )
    )
    if a_bool("associating_with_adult", associating_with_adult) and adult_relationship == "none":
        problems.append("associating_with_unrelated_adult")
        reasons.append(
            because(
                "CUS-09",
                "A juvenile is kept from detained adults unless the adult is a relative or jointly charged.",
                {"adult_relationship": adult_relationship},
            )
        )
    if a_bool("shares_with_adult", shares_with_adult):
        problems.append("shares_cell_with_adult")
        reasons.append(
            because(
                "CUS-09",
                "A juvenile must never share a cell with a detained adult.",
                {"adult_relationship": adult_relationship},
            )
        )
    return Decision("CUS-10", {"valid": not problems, "problems": problems}, reasons)


def visit_interval(
    *,
    at: dt.datetime,
    is_juvenile: bool,
    last_visit_at: dt.datetime | None = None,
    policy: Policy | None = None,
) -> Decision:
    """CUS-11: longest gap between visits (minutes) and, given the last visit, when the next is due.

    Outcome: interval_minutes, next_visit_due, overdue."""
    at = aware("at", at)
    last = optional_aware("last_visit_at", last_visit_at)
    p = pol(policy)
    general = param("CUS-11.general_visit_interval", law_date(at))
    interval = general.value
    reasons = [
        because(
            "CUS-11",
            "General minimum: visit at least this often.",
            {"general_visit_interval_minutes": general.value},
            by=general,
        )
    ]
    if a_bool("is_juvenile", is_juvenile) and p["juvenile_visit_interval_minutes"] is not None:
        interval = min(interval, p["juvenile_visit_interval_minutes"])
        reasons.append(
            policy_reason(
                "CUS-11",
                "Force policy: juveniles are visited more often.",
                p,
                "juvenile_visit_interval_minutes",
            )
        )
    next_due = None if last is None else last + dt.timedelta(minutes=interval)
    if last is not None and last > at:
        raise InputError("last_visit_at", "is after `at`")
    overdue = next_due is not None and at > next_due
    return Decision(
        "CUS-11", {"interval_minutes": interval, "next_visit_due": next_due, "overdue": overdue}, reasons
    )


def post_charge_detention(*, at: dt.datetime, is_juvenile: bool, grounds: Sequence[str] = ()) -> Decision:
    """CUS-14: may a charged person be kept in detention? Only on a s.38(1) ground; a juvenile also
    "in their own interests". Outcome: may_detain, valid_grounds, release_required."""
    at = aware("at", at)
    on = law_date(at)
    adult = param("CUS-14.detention_grounds", on)
    extra = param("CUS-14.juvenile_extra_grounds", on)
    juvenile = a_bool("is_juvenile", is_juvenile)
    allowed = list(adult.value) + (list(extra.value) if juvenile else [])
    given = list_of("grounds", list(grounds), list(adult.value) + list(extra.value))
    valid = [g for g in given if g in allowed]
    reasons = [
        because(
            "CUS-14",
            "After charge, release (on bail or without) unless a s.38(1) ground exists.",
            {"grounds_given": given, "valid_grounds": valid},
            by=adult,
        )
    ]
    if juvenile:
        reasons.append(
            because(
                "CUS-14",
                "For a juvenile, detention in their own interests is an extra ground.",
                {"extra_grounds": extra.value},
                by=extra,
            )
        )
    elif "own_interests" in given:
        reasons.append(
            because(
                "CUS-14",
                "'Own interests' is a ground only for an arrested juvenile.",
                {"ground": "own_interests"},
                by=extra,
            )
        )
    return Decision(
        "CUS-14", {"may_detain": bool(valid), "valid_grounds": valid, "release_required": not valid}, reasons
    )


def certificate_valid(
    *,
    at: dt.datetime,
    ground: str,
    reason_codes: Sequence[str] = (),
    reasons_text: str = "",
    certifying_officer: str = "",
    monitoring_inspector: str = "",
    age: int | None = None,
    offence_type: str | None = None,
    serious_harm_risk: bool = False,
    secure_accommodation_available: bool = False,
) -> Decision:
    """CUS-15 to CUS-18: is this s.38(6) certificate valid?

    ground "a" (impracticable): reason codes must be transport/travel based; behaviour, offence
    seriousness, no secure bed and out of hours never count (Note 16D). ground "b" (no secure
    accommodation and other LA accommodation would not protect the public from serious harm): age 12 or
    over, a violent or sexual offence, a serious-harm risk, and no secure accommodation available.
    Every certificate needs reasons text, the certifying officer and a monitoring inspector (Code C 16.7).
    Outcome: valid, problems."""
    at = aware("at", at)
    on = law_date(at)
    ground = one_of("ground", ground, ("a", "b"))
    problems: list[str] = []
    reasons: list[Reason] = []
    if not reasons_text.strip():
        problems.append("no_reasons_text")
    if not certifying_officer.strip():
        problems.append("no_certifying_officer")
    if not monitoring_inspector.strip():
        problems.append("no_monitoring_inspector")
    reasons.append(
        because(
            "CUS-17",
            "The certificate states reasons, names the certifying officer and an "
            "inspector who monitors the case; it is produced to the court.",
            {"problems_so_far": list(problems)},
        )
    )
    if ground == "a":
        bad = param("CUS-17.impracticable_reasons_not_accepted", on)
        good = param("CUS-17.impracticable_reasons_accepted", on)
        codes = list_of("reason_codes", list(reason_codes), list(bad.value) + list(good.value))
        rejected = [c for c in codes if c in bad.value]
        accepted = [c for c in codes if c in good.value]
        if not accepted:
            problems.append("no_accepted_impracticability_reason")
        reasons.append(
            because(
                "CUS-18",
                "Only transport and travel make transfer impracticable; behaviour, "
                "offence seriousness, lack of a secure bed and the time of day never do.",
                {"rejected": rejected, "accepted": accepted},
                by=bad,
            )
        )
    else:
        min_age = param("CUS-15.secure_ground_minimum_age", on)
        kinds = param("CUS-15.secure_ground_offence_types", on)
        if age is None:
            raise InputError("age", "required for ground b (the child must be 12 or over)")
        if an_int("age", age, minimum=0) < min_age.value:
            problems.append("under_secure_ground_age")
        reasons.append(
            because(
                "CUS-15",
                f"Ground (b) applies only to a child aged {min_age.value} or over.",
                {"age": age, "secure_ground_minimum_age": min_age.value},
                by=min_age,
            )
        )
        if offence_type not in kinds.value:
            problems.append("offence_not_violent_or_sexual")
        if not a_bool("serious_harm_risk", serious_harm_risk):
            problems.append("no_serious_harm_risk")
        if a_bool("secure_accommodation_available", secure_accommodation_available):
            problems.append("secure_accommodation_available")
        reasons.append(
            because(
                "CUS-16",
                "Ground (b) needs a violent or sexual offence, a risk of serious harm "
                "to the public of that kind, and no secure accommodation available.",
                {
                    "offence_type": offence_type,
                    "serious_harm_risk": serious_harm_risk,
                    "secure_accommodation_available": secure_accommodation_available,
                },
                by=kinds,
            )
        )
    return Decision("CUS-17", {"valid": not problems, "problems": problems}, reasons)


def transfer_required(
    *,
    at: dt.datetime,
    charged_at: dt.datetime,
    is_juvenile: bool,
    detained_after_charge: bool,
    certificate: Mapping[str, Any] | None = None,
) -> Decision:
    """CUS-15: must the custody officer secure the charged child's move to local authority accommodation?

    `certificate`: the keyword arguments of certificate_valid (without `at`), or None.
    Outcome: transfer_required, certificate_valid (None without a certificate), problems."""
    at = aware("at", at)
    charged_at = aware("charged_at", charged_at)
    if charged_at > at:
        raise InputError("charged_at", "is after `at`")
    reasons: list[Reason] = []
    cert_ok: bool | None = None
    problems: list[str] = []
    if certificate is not None:
        if not isinstance(certificate, Mapping):
            raise InputError("certificate", "must be an object")
        try:
            cert = certificate_valid(at=at, **dict(certificate))
        except TypeError as exc:
            raise InputError("certificate", f"unexpected field ({exc})") from exc
        cert_ok = bool(cert["valid"])
        problems = list(cert["problems"])
        reasons.extend(cert.reasons)
    required = (
        a_bool("is_juvenile", is_juvenile)
        and a_bool("detained_after_charge", detained_after_charge)
        and (not cert_ok)
    )
    on = law_date(charged_at)
    age_limit = param("CUS-01.juvenile_age_limit", on)
    reasons.insert(
        0,
        because(
            "CUS-15",
            (
                "Transfer to local authority accommodation is required."
                if required
                else "No transfer duty: "
                + (
                    "not a juvenile"
                    if not is_juvenile
                    else "not detained after charge"
                    if not detained_after_charge
                    else "a valid certificate has been made"
                )
            ),
            {"juvenile_age_limit": age_limit.value, "certificate_valid": cert_ok},
            by=age_limit,
        ),
    )
    return Decision(
        "CUS-15", {"transfer_required": required, "certificate_valid": cert_ok, "problems": problems}, reasons
    )


def place_of_safety_allowed(*, at: dt.datetime, age: int, place: str) -> Decision:
    """CUS-21: may a person be taken to or kept in this place of safety under MHA ss.135/136?

    `place`: police_station | hospital | other. Outcome: allowed."""
    at = aware("at", at)
    on = law_date(at)
    place = one_of("place", place, ("police_station", "hospital", "other"))
    age = an_int("age", age, minimum=0)
    try:
        limit = param("CUS-21.place_of_safety_age_limit", on)
    except InputError:
        return Decision(
            "CUS-21",
            {"allowed": True},
            [because("CUS-21", "Before s.136A commenced, no statutory age bar applied.", {"age": age})],
        )
    allowed = not (place == "police_station" and age < limit.value)
    return Decision(
        "CUS-21",
        {"allowed": allowed},
        [
            because(
                "CUS-21",
                f"A person under {limit.value} may never be taken to or kept in a police station as a place "
                "of safety."
                if not allowed
                else "Not barred by s.136A.",
                {"age": age, "place": place, "age_limit": limit.value},
                by=limit,
            )
        ],
    )


def school_arrest_and_interview(
    *,
    at: dt.datetime,
    is_juvenile: bool,
    arrested_at_school: bool = False,
    arrest_unavoidable: bool = False,
    head_teacher_informed: bool = False,
    interview_at_school: bool = False,
    exceptional_circumstances: bool = False,
    head_teacher_agreed: bool = False,
) -> Decision:
    """CUS-07: arrest at school only if unavoidable (and tell the head teacher); interview at school only
    in exceptional circumstances with the head teacher's agreement. Outcome: compliant, problems."""
    aware("at", at)
    problems: list[str] = []
    if a_bool("is_juvenile", is_juvenile):
        if a_bool("arrested_at_school", arrested_at_school):
            if not a_bool("arrest_unavoidable", arrest_unavoidable):
                problems.append("arrest_at_school_not_unavoidable")
            if not a_bool("head_teacher_informed", head_teacher_informed):
                problems.append("head_teacher_not_informed")
        if a_bool("interview_at_school", interview_at_school):
            if not a_bool("exceptional_circumstances", exceptional_circumstances):
                problems.append("interview_at_school_not_exceptional")
            if not a_bool("head_teacher_agreed", head_teacher_agreed):
                problems.append("head_teacher_did_not_agree")
    return Decision(
        "CUS-07",
        {"compliant": not problems, "problems": problems},
        [
            because(
                "CUS-07",
                "Arrest a child at school only if unavoidable and tell the head teacher; interview there "
                "only in exceptional circumstances with the head teacher's agreement.",
                {"problems": problems},
            )
        ],
    )


def concordat_transfer_record(
    *,
    at: dt.datetime,
    transfer_requested: bool | None = None,
    accommodation_type: str | None = None,
    la_response: str | None = None,
    transfer_happened: bool | None = None,
    hours_in_custody_after_charge: float | None = None,
) -> Decision:
    """CUS-19/20: is the Concordat principle-7 record complete for a charged child refused bail, and did
    the local authority breach its absolute duty to provide non-secure accommodation?

    `accommodation_type`: secure | non_secure. `la_response`: accepted | refused | no_response.
    Outcome: complete, missing, la_duty_breached, principles."""
    at = aware("at", at)
    on = law_date(at)
    fields = param("CUS-19.transfer_record_fields", on)
    principles = param("CUS-19.principles", on)
    if accommodation_type is not None:
        one_of("accommodation_type", accommodation_type, ("secure", "non_secure"))
    if la_response is not None:
        one_of("la_response", la_response, ("accepted", "refused", "no_response"))
    given = {
        "transfer_requested": transfer_requested,
        "accommodation_type": accommodation_type,
        "la_response": la_response,
        "transfer_happened": transfer_happened,
        "hours_in_custody_after_charge": hours_in_custody_after_charge,
    }
    missing = [f for f in fields.value if given.get(f) is None]
    if transfer_requested is False:
        missing = [f for f in missing if f == "hours_in_custody_after_charge"]
    breached = accommodation_type == "non_secure" and la_response in ("refused", "no_response")
    reasons = [
        because(
            "CUS-20",
            "Record transfer requests and outcomes for every charged child refused bail (principle 7).",
            {"missing": missing},
            by=fields,
        )
    ]
    if breached:
        reasons.append(
            because(
                "CUS-19",
                "The local authority's duty to accommodate a child in non-secure accommodation is absolute.",
                {"accommodation_type": accommodation_type, "la_response": la_response},
            )
        )
    return Decision(
        "CUS-20",
        {
            "complete": not missing,
            "missing": missing,
            "la_duty_breached": breached,
            "principles": principles.value,
        },
        reasons,
    )
