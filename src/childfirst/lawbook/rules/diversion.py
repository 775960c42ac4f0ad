"""Diversion, out-of-court disposals and crime outcomes (RULES.md module 3: DIV-01 to DIV-13)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from childfirst.lawbook.calendar import working_days_add
from childfirst.lawbook.decision import Decision, Reason
from childfirst.lawbook.errors import InputError, ParameterFileError
from childfirst.lawbook.parameters import PACKAGE_DIR
from childfirst.lawbook.policies import Policy
from childfirst.lawbook.rules.common import (
    a_bool,
    an_int,
    because,
    law_date,
    list_of,
    param,
    param_or_none,
    pol,
    policy_reason,
)
from childfirst.lawbook.timeutil import a_date, aware
from childfirst.lawbook.yamlload import load_yaml

TEST_ONLY_GRAVITY_TABLE = PACKAGE_DIR / "data" / "gravity-base-scores.TEST_ONLY.yaml"


def _age_checks(rule: str, on: dt.date, age: int, problems: list[str], reasons: list[Reason]) -> None:
    youth = param("DIV-01.youth_age_limit", on)
    acr = param("CUS-02.age_of_criminal_responsibility", on)
    if age >= youth.value:
        problems.append("not_a_child")
        reasons.append(
            because(rule, f"Youth disposals are for under-{youth.value}s.", {"age": age}, by=youth)
        )
    if age < acr.value:
        problems.append("below_criminal_responsibility")
        reasons.append(
            because("CUS-02", f"Under {acr.value}: not criminally responsible.", {"age": age}, by=acr)
        )


def youth_caution_eligible(
    *,
    at: dt.datetime,
    age: int,
    sufficient_evidence_to_charge: bool,
    admits_offence: bool,
    prosecution_or_ycc_preferred: bool,
    aa_present: bool,
    effect_explained: bool = True,
    policy: Policy | None = None,
) -> Decision:
    """DIV-01/02/03/04: may a youth caution be given? Previous cautions are irrelevant (no escalator).

    Outcome: may_give, aa_required, problems."""
    at = aware("at", at)
    on = law_date(at)
    p = pol(policy)
    age = an_int("age", age, minimum=0)
    problems: list[str] = []
    reasons: list[Reason] = []
    _age_checks("DIV-01", on, age, problems, reasons)
    for name, value, want in (
        ("sufficient_evidence_to_charge", sufficient_evidence_to_charge, True),
        ("admits_offence", admits_offence, True),
        ("prosecution_or_ycc_preferred", prosecution_or_ycc_preferred, False),
    ):
        if a_bool(name, value) != want:
            problems.append(name)
    reasons.append(
        because(
            "DIV-01",
            "Youth caution needs sufficient evidence to charge, an admission, and no "
            "view that prosecution or a YCC is needed.",
            {
                "sufficient_evidence_to_charge": sufficient_evidence_to_charge,
                "admits_offence": admits_offence,
                "prosecution_or_ycc_preferred": prosecution_or_ycc_preferred,
            },
        )
    )
    statutory = param("DIV-01.statutory_aa_age_limit", on)
    aa_required = age < statutory.value
    reasons.append(
        because(
            "DIV-02",
            f"By statute an AA must be present if the child is under {statutory.value}.",
            {"age": age, "statutory_aa_age_limit": statutory.value},
            by=statutory,
        )
    )
    if not aa_required and p["aa_for_all_under_18_at_cautions"]:
        aa_required = age < param("DIV-01.youth_age_limit", on).value
        reasons.append(
            policy_reason(
                "DIV-02",
                "Force policy: an AA for every child at a caution, not only those the statute names.",
                p,
                "aa_for_all_under_18_at_cautions",
            )
        )
    if aa_required and not a_bool("aa_present", aa_present):
        problems.append("no_appropriate_adult")
    if not a_bool("effect_explained", effect_explained):
        problems.append("effect_not_explained")
    reasons.append(
        because("DIV-04", "A youth caution may be given whatever the child's history (no escalator).", {})
    )
    return Decision(
        "DIV-01", {"may_give": not problems, "aa_required": aa_required, "problems": problems}, reasons
    )


def yot_referral(
    *,
    at: dt.datetime,
    referral_date: dt.date,
    previous_referrals: int = 0,
    previous_ycc: bool = False,
    bail_date: dt.date | None = None,
) -> Decision:
    """DIV-05: after a youth caution, refer to the YOT; must the YOT assess, and by when?

    Outcome: must_refer, yot_must_assess, assessment_due, police_informed_due."""
    at = aware("at", at)
    on = law_date(at)
    referral_date = a_date("referral_date", referral_date)
    previous = an_int("previous_referrals", previous_referrals, minimum=0)
    must = previous > 0 or a_bool("previous_ycc", previous_ycc)
    within = param("DIV-05.yot_assessment_within", on)
    informed = param("DIV-05.police_informed_within", on)
    due = working_days_add(referral_date, within.value, field="referral_date")
    police_due = (
        None
        if bail_date is None
        else working_days_add(a_date("bail_date", bail_date), informed.value, field="bail_date")
    )
    reasons = [
        because(
            "DIV-05",
            "Refer to the YOT as soon as practicable. "
            + (
                "Second or later referral, or a previous YCC: the YOT must assess."
                if must
                else "First youth caution: the YOT may assess."
            ),
            {"previous_referrals": previous, "previous_ycc": previous_ycc},
        ),
        because(
            "DIV-05",
            "YOT assessment due within this many working days of referral (2014 guidance).",
            {"yot_assessment_within": within.value, "assessment_due": due.isoformat()},
            by=within,
        ),
    ]
    return Decision(
        "DIV-05",
        {
            "must_refer": True,
            "yot_must_assess": must,
            "assessment_due": due,
            "police_informed_due": police_due,
        },
        reasons,
    )


def ycc_eligible(
    *,
    at: dt.datetime,
    age: int,
    evidence_of_offence: bool,
    sufficient_evidence_and_ycc_decided: bool,
    admits_offence: bool,
    explained_and_warned: bool,
    signed_document: bool,
    aa_present: bool,
    policy: Policy | None = None,
) -> Decision:
    """DIV-06: are the five requirements for a youth conditional caution met?

    Outcome: may_give, aa_required, problems."""
    at = aware("at", at)
    on = law_date(at)
    p = pol(policy)
    age = an_int("age", age, minimum=0)
    problems: list[str] = []
    reasons: list[Reason] = []
    _age_checks("DIV-06", on, age, problems, reasons)
    reqs = param("DIV-06.requirements", on)
    given = {
        "evidence_of_offence": evidence_of_offence,
        "sufficient_evidence_and_ycc_decided": sufficient_evidence_and_ycc_decided,
        "admits_offence": admits_offence,
        "explained_and_warned": explained_and_warned,
        "signed_document": signed_document,
    }
    for name in reqs.value:
        if not a_bool(name, given[name]):
            problems.append(name)
    reasons.append(
        because(
            "DIV-06",
            "All five statutory requirements must be met.",
            {"requirements": reqs.value, "unmet": list(problems)},
            by=reqs,
        )
    )
    max_age = param("DIV-06.statutory_aa_max_age", on)
    aa_required = age <= max_age.value
    reasons.append(
        because(
            "DIV-06",
            f"By statute the explanation and warning need an AA if {max_age.value} or under.",
            {"age": age, "statutory_aa_max_age": max_age.value},
            by=max_age,
        )
    )
    if (
        not aa_required
        and p["aa_for_all_under_18_at_cautions"]
        and age < param("DIV-01.youth_age_limit", on).value
    ):
        aa_required = True
        reasons.append(
            policy_reason(
                "DIV-02", "Force policy: an AA for every child.", p, "aa_for_all_under_18_at_cautions"
            )
        )
    if aa_required and not a_bool("aa_present", aa_present):
        problems.append("no_appropriate_adult")
    return Decision(
        "DIV-06", {"may_give": not problems, "aa_required": aa_required, "problems": problems}, reasons
    )


def community_resolution_eligible(
    *,
    at: dt.datetime,
    admits_or_accepts_responsibility: bool,
    victim_views_taken: bool,
    victim_agrees: bool | None = None,
) -> Decision:
    """DIV-07: may the offence be resolved by community resolution (Outcome 8)?

    Outcome: may_give, outcome_code, problems, warnings."""
    at = aware("at", at)
    on = law_date(at)
    code = param("DIV-07.outcome_code", on)
    problems: list[str] = []
    warnings: list[str] = []
    if not a_bool("admits_or_accepts_responsibility", admits_or_accepts_responsibility):
        problems.append("no_admission_or_acceptance")
    if not a_bool("victim_views_taken", victim_views_taken):
        problems.append("victim_views_not_taken")
    if victim_agrees is False:
        warnings.append("victim does not agree (some forces require agreement)")
    reasons = [
        because(
            "DIV-07",
            "Community resolution needs the child to admit or accept responsibility and "
            "the victim's views to be taken into account; it is not a conviction or caution.",
            {"problems": problems},
            by=code,
        )
    ]
    return Decision(
        "DIV-07",
        {"may_give": not problems, "outcome_code": code.value, "problems": problems, "warnings": warnings},
        reasons,
    )


def outcome_22_recordable(*, at: dt.datetime, activity_completed: bool) -> Decision:
    """DIV-08: may Outcome 22 be recorded now? Only after the activity is completed; no admission needed;
    only from 1 April 2019. Outcome: recordable, admission_required (always False), problems."""
    at = aware("at", at)
    on = law_date(at)
    start = param_or_none("DIV-08.outcome_22_available_from", on)
    problems: list[str] = []
    if start is None or on < start.value:
        problems.append("outcome_22_not_yet_available")
    if not a_bool("activity_completed", activity_completed):
        problems.append("activity_not_completed")
    reasons = [
        because(
            "DIV-08",
            "Outcome 22 is recorded only after the diversionary activity is completed; no "
            "admission is required.",
            {
                "available_from": None if start is None else start.value.isoformat(),
                "activity_completed": activity_completed,
            },
            by=start,
        )
    ]
    return Decision(
        "DIV-08", {"recordable": not problems, "admission_required": False, "problems": problems}, reasons
    )


def outcome_21_checklist(
    *,
    at: dt.datetime,
    named_suspect_linked: bool,
    rationale_recorded: bool,
    victim_informed: bool,
    offence_category: str = "other",
) -> Decision:
    """DIV-09: Outcome 21 checklist. Outcome: recordable, problems, warnings."""
    at = aware("at", at)
    on = law_date(at)
    discouraged = param("DIV-08.outcome_21_discouraged_for", on)
    problems = [
        name
        for name, value in (
            ("named_suspect_linked", named_suspect_linked),
            ("rationale_recorded", rationale_recorded),
            ("victim_informed", victim_informed),
        )
        if not a_bool(name, value)
    ]
    warnings = (
        [f"Outcome 21 should not normally be used for {offence_category.replace('_', ' ')}"]
        if (offence_category in discouraged.value)
        else []
    )
    reasons = [
        because(
            "DIV-09",
            "Outcome 21 needs a linked named suspect, a recorded rationale, and the victim "
            "(or a child victim's parent) told.",
            {"problems": problems, "discouraged_for": discouraged.value},
            by=discouraged,
        )
    ]
    return Decision(
        "DIV-09", {"recordable": not problems, "problems": problems, "warnings": warnings}, reasons
    )


def disposal_factors(*, at: dt.datetime, considered: Sequence[str] = ()) -> Decision:
    """DIV-10: have all the key factors been considered? Outcome: complete, missing."""
    at = aware("at", at)
    factors = param("DIV-10.factors", law_date(at))
    done = list_of("considered", list(considered), factors.value)
    missing = [f for f in factors.value if f not in done]
    return Decision(
        "DIV-10",
        {"complete": not missing, "missing": missing},
        [
            because(
                "DIV-10",
                "Every disposal decision records these factors as considered.",
                {"factors": factors.value, "missing": missing},
                by=factors,
            )
        ],
    )


@dataclass(frozen=True, slots=True)
class GravityTable:
    status: str  # TEST_ONLY or LICENSED
    title: str
    scores: Mapping[str, int]
    path: str


@lru_cache(maxsize=8)
def load_gravity_table(path: Path = TEST_ONLY_GRAVITY_TABLE) -> GravityTable:
    """Load offence base scores. The shipped table is TEST_ONLY; a force loads its licensed copy."""
    raw = load_yaml(path)
    if not isinstance(raw, dict) or set(raw) != {"status", "title", "offences"}:
        raise ParameterFileError(path, "(top)", "needs exactly status, title, offences")
    if raw["status"] not in ("TEST_ONLY", "LICENSED"):
        raise ParameterFileError(path, "status", "must be TEST_ONLY or LICENSED")
    scores: dict[str, int] = {}
    for code, body in (raw["offences"] or {}).items():
        if not isinstance(body, dict) or set(body) != {"title", "base_score"}:
            raise ParameterFileError(path, f"offences.{code}", "needs exactly title and base_score")
        score = body["base_score"]
        if isinstance(score, bool) or not isinstance(score, int):
            raise ParameterFileError(path, f"offences.{code}.base_score", "must be a whole number")
        scores[str(code)] = score
    return GravityTable(str(raw["status"]), str(raw["title"]), scores, str(path))


def gravity_score(
    *,
    at: dt.datetime,
    offence_code: str,
    aggravating: Sequence[str] = (),
    mitigating: Sequence[str] = (),
    chosen_outcome: str | None = None,
    deviation_rationale: str = "",
    sending_to_cps: bool = False,
    table_path: str | None = None,
) -> Decision:
    """DIV-11/12: the Child Gravity Matrix engine (a triage tool, never a decision by itself).

    final = clamp(base + step if any aggravating - step if any mitigating, min, max). The base score
    comes from the gravity table (the shipped one is TEST_ONLY). If `chosen_outcome` differs from the
    suggestion, a deviation rationale is required. Outcome: base_score, final_score, suggested_outcome,
    factors_applied, table_status, deviation, problems, child_information_form_required, must_consider."""
    at = aware("at", at)
    on = law_date(at)
    table = load_gravity_table(Path(table_path) if table_path else TEST_ONLY_GRAVITY_TABLE)
    if offence_code not in table.scores:
        raise InputError("offence_code", f"not in the gravity table ({table.status}): {offence_code!r}")
    outcomes = param("DIV-11.suggested_outcomes", on)
    lo = param("DIV-11.minimum_score", on).value
    hi = param("DIV-11.maximum_score", on).value
    step = param("DIV-11.modifier_step", on)
    consider = param("DIV-11.must_consider", on)
    agg = list_of("aggravating", list(aggravating))
    mit = list_of("mitigating", list(mitigating))
    base = table.scores[offence_code]
    if not lo <= base <= hi:
        # DIV-11: the 2023 matrix scores 1-5. A base score off the scale (e.g. a 0, or a table keyed to
        # another scale) would otherwise be silently clamped into a suggestion.
        raise ParameterFileError(
            Path(table.path), f"offences.{offence_code}.base_score", f"{base} is outside the scale {lo}-{hi}"
        )
    final = base + (step.value if agg else 0) - (step.value if mit else 0)
    final = max(lo, min(hi, final))
    suggested = outcomes.value[final]
    problems: list[str] = []
    deviation = chosen_outcome is not None and chosen_outcome != suggested
    if chosen_outcome is not None and chosen_outcome not in outcomes.value.values():
        raise InputError("chosen_outcome", f"must be one of {', '.join(outcomes.value.values())}")
    if deviation and not deviation_rationale.strip():
        problems.append("deviation_without_rationale")
    cif_from = param_or_none("DIV-11.child_information_form_from", on)
    cif = bool(a_bool("sending_to_cps", sending_to_cps) and cif_from is not None and on >= cif_from.value)
    reasons = [
        Reason(
            "DIV-12",
            f"Base score {base} from the {table.status} table "
            + ("(invented fixture scores: NOT for real decisions)." if table.status == "TEST_ONLY" else "."),
            {"offence_code": offence_code, "base_score": base, "table": table.path},
            "gravity base scores",
            "",
            table.status,
        ),
        because(
            "DIV-12",
            "Any aggravating factor raises, any mitigating factor lowers, the score by one level.",
            {"aggravating": agg, "mitigating": mit, "modifier_step": step.value, "final_score": final},
            by=step,
        ),
        because(
            "DIV-11",
            f"Final score {final} suggests: {suggested.replace('_', ' ')}. The decision-maker may "
            "deviate with a recorded rationale.",
            {"final_score": final, "suggested_outcome": suggested},
            by=outcomes,
        ),
    ]
    if cif:
        reasons.append(
            because(
                "DIV-11",
                "A Child Information Form is mandatory when sending a case to the CPS.",
                {"from": cif_from.value.isoformat() if cif_from else None},
                by=cif_from,
            )
        )
    return Decision(
        "DIV-11",
        {
            "base_score": base,
            "final_score": final,
            "suggested_outcome": suggested,
            "factors_applied": {"aggravating": agg, "mitigating": mit},
            "table_status": table.status,
            "deviation": deviation,
            "deviation_rationale": deviation_rationale,
            "problems": problems,
            "child_information_form_required": cif,
            "must_consider": list(consider.value),
        },
        reasons,
    )


def outcome_available(*, at: dt.datetime, outcome_code: int, age: int) -> Decision:
    """DIV-13 (with CUS-02, DIV-03): is this Home Office outcome type available for a suspect of this age?

    Outcome: available, label."""
    at = aware("at", at)
    on = law_date(at)
    types = param("DIV-13.outcome_types", on)
    barred = param("DIV-13.not_available_under_18", on)
    code = an_int("outcome_code", outcome_code, minimum=1)
    if code not in types.value:
        raise InputError("outcome_code", f"must be 1 to {max(types.value)}")
    age = an_int("age", age, minimum=0)
    youth = param("DIV-01.youth_age_limit", on).value
    acr = param("CUS-02.age_of_criminal_responsibility", on)
    under_age_code = param("CUS-02.outcome_under_age", on).value
    reasons: list[Reason] = []
    youth_only = param("DIV-13.youth_only", on)
    introduced = param("DIV-13.introduced_on", on)
    first_day = introduced.value.get(code)
    if first_day is not None and on < first_day:
        reasons.append(
            because(
                "DIV-13",
                f"Outcome {code} did not exist until {first_day.isoformat()}.",
                {"outcome_code": code, "introduced_on": first_day.isoformat()},
                by=introduced,
            )
        )
        return Decision("DIV-13", {"available": False, "label": types.value[code]}, reasons)
    if age < acr.value:
        available = code == under_age_code
        reasons.append(
            because(
                "CUS-02",
                f"Named suspect under {acr.value}: the crime closes with outcome {under_age_code}.",
                {"age": age, "outcome_under_age": under_age_code},
                by=acr,
            )
        )
    elif age < youth:
        available = code not in barred.value and code != under_age_code
        reasons.append(
            because(
                "DIV-13",
                "Some outcomes are not available to children.",
                {"age": age, "not_available_under_18": barred.value},
                by=barred,
            )
        )
    else:
        available = code not in youth_only.value and code != under_age_code
        reasons.append(
            because(
                "DIV-13",
                "Youth-only outcomes are not available to adults.",
                {"age": age, "youth_only": youth_only.value},
                by=youth_only,
            )
        )
    return Decision("DIV-13", {"available": available, "label": types.value[code]}, reasons)


__all__ = [
    "GravityTable",
    "community_resolution_eligible",
    "disposal_factors",
    "gravity_score",
    "load_gravity_table",
    "outcome_21_checklist",
    "outcome_22_recordable",
    "outcome_available",
    "yot_referral",
    "youth_caution_eligible",
    "ycc_eligible",
]
