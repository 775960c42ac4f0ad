"""ChildFirst lawbook: the law on children in custody, searches, diversion, care, exploitation,
safeguarding and data protection, as dated, cited data plus the functions that read it. Pure Python:
no Django import anywhere in this package.

Stable API (keyword arguments; every instant is a timezone-aware datetime and is an argument, never
"now"; naive datetimes raise `InputError` naming the field; local rules use Europe/London):

Custody (RULES.md module 1)
  juvenile_status(*, at, date_of_birth=None, appears_under_18=None, age_disputed=False,
                  clear_evidence_of_adult=False)
      CUS-01/02 -> is_juvenile, age, basis, below_criminal_responsibility
  welfare_notification(*, at, is_juvenile, person_category, informed_of=(),
                       under_court_supervision=False, supervisor_informed=False)
      CUS-03 -> required, complete, missing
  aa_eligibility(*, at, category, age=None, employment="none", facts=(), child_in_care=False)
      CUS-04/05 -> eligible, priority, problems
  aa_presence(*, at, step, aa_present, age=None, exception=None)
      CUS-06 -> may_proceed, must_repeat_with_aa, aa_required, note
  care_by_woman_required(*, at, is_juvenile, sex)
      CUS-08 -> required
  cell_allocation_valid(*, at, is_juvenile, justification=None, justification_text="",
                        shares_with_adult=False, adult_relationship="none")
      CUS-09/10 -> valid, problems
  visit_interval(*, at, is_juvenile, last_visit_at=None, policy=None)
      CUS-11 -> interval_minutes, next_visit_due, overdue
  detention_clock(arrest_time, arrival_time, authorised_time, *, reviews_held=(), reviews_postponed=(),
                  extensions=(), charged_at=None, released_at=None, at)
      CUS-12/13/23 -> relevant_time, relevant_time_basis, detention_limit, limit_basis,
      hours_since_relevant_time, limit_exceeded, status, reviews[], next_review_due, review_overdue,
      overnight, longest_night_hours, weekend.
      `extensions`: Extension(kind="superintendent"|"warrant"|"warrant_extension", granted_at, until=None)
      or the same as a dict. A review held late counts from when it was due (postponement never resets).
  extension_valid(*, kind, granted_at, relevant_time, until=None, offence_type=None,
                  necessary_for_evidence=None, diligent_and_expeditious=None, reviews_held_before=None,
                  applied_at=None, court_could_not_sit=False)
      CUS-12 -> valid, until, problems
  post_charge_detention(*, at, is_juvenile, grounds=())
      CUS-14 -> may_detain, valid_grounds, release_required
  transfer_required(*, at, charged_at, is_juvenile, detained_after_charge, certificate=None)
      CUS-15 -> transfer_required, certificate_valid, problems
  certificate_valid(*, at, ground, reason_codes=(), reasons_text="", certifying_officer="",
                    monitoring_inspector="", age=None, offence_type=None, serious_harm_risk=False,
                    secure_accommodation_available=False)
      CUS-15..18 -> valid, problems
  place_of_safety_allowed(*, at, age, place)
      CUS-21 -> allowed
  overnight(*, start, end) / weekend(*, start, end)
      CUS-23 -> overnight, longest_night_hours, nights / weekend, weekend_hours

Searches (module 2)
  strip_search_requirements(*, at, is_juvenile, setting="custody", intimate_parts_exposed=True,
                            location=None, policy=None)
      SRC-01..08 -> safeguards[], required[], warnings, location_forbidden
  strip_search_lawful(...), intimate_search_lawful(...)                 SRC-03/05 -> may_proceed, problems
  strip_search_record_complete(*, at, recorded)                         SRC-04 -> complete, missing

  school_arrest_and_interview(...) CUS-07; concordat_transfer_record(...) CUS-19/20

Diversion (module 3): youth_caution_eligible DIV-01..04, yot_referral DIV-05, ycc_eligible DIV-06,
  community_resolution_eligible DIV-07, outcome_22_recordable DIV-08, outcome_21_checklist DIV-09,
  disposal_factors DIV-10, gravity_score DIV-11/12 (TEST_ONLY base scores unless a licensed table is
  given), outcome_available DIV-13.
Care-experienced children (module 4): care_protocol CARE-01..06, looked_after_arrest CARE-07.
Exploitation (module 5): cce_indicators EXP-03, nrm_referral EXP-04, s45_defence EXP-05..07 (Schedule 4
  as data, `schedule_4()`), perpetrator_case_readiness EXP-08/09, cce_offence and cuckooing_consent
  EXP-10 (commencement and age belief are force settings), victim_blaming_language EXP-11.
Safeguarding (module 6): safeguarding_timescales SAFE-01..04, police_protection SAFE-05,
  referral_prompt SAFE-01/07, information_sharing SAFE-08; working_days_add(date, n) -> date;
  working_days_between(start, end) -> int; is_working_day(date).
Data protection (module 7): dataset_checks DP-01/03/06, data_protection_checks DP-04/05/12,
  automated_decision_check DP-08, retention_checks DP-09.

Datetimes returned are UTC (arithmetic is done in UTC so clock changes cannot shorten a period); show
them in Europe/London. Every rule function returns a `Decision`: `decision["field"]`,
`decision.reasons` (list of `Reason`: rule, message, values, citation, url, tag) and
`decision.to_dict()` (JSON-ready, ISO 8601 datetimes, durations in hours).
Force policy switches: `policy_for(force="metropolitan", overrides=None)`; pass `policy=` to the
functions that take one (default: the Met). The rule catalogue (IDs, inputs, outputs) is
`childfirst.lawbook.registry.catalogue()`; `evaluate(rule_id, inputs)` runs a rule from plain JSON data.
Values in force on a date: `default_parameters().value("CUS-12.limit_without_charge", date)`.
"""

from __future__ import annotations

from childfirst.lawbook.calendar import is_working_day, working_days_add, working_days_between
from childfirst.lawbook.decision import Decision, Reason
from childfirst.lawbook.errors import InputError, LawbookError, ParameterFileError, UnknownRuleError
from childfirst.lawbook.parameters import default_parameters, lawbook_version
from childfirst.lawbook.policies import Policy, policy_for
from childfirst.lawbook.rules.care import care_protocol, looked_after_arrest
from childfirst.lawbook.rules.clock import Extension, detention_clock, extension_valid, overnight, weekend
from childfirst.lawbook.rules.custody import (
    aa_eligibility,
    aa_presence,
    care_by_woman_required,
    cell_allocation_valid,
    certificate_valid,
    concordat_transfer_record,
    juvenile_status,
    place_of_safety_allowed,
    post_charge_detention,
    school_arrest_and_interview,
    transfer_required,
    visit_interval,
    welfare_notification,
)
from childfirst.lawbook.rules.dataprotection import (
    automated_decision_check,
    data_protection_checks,
    dataset_checks,
    retention_checks,
)
from childfirst.lawbook.rules.diversion import (
    community_resolution_eligible,
    disposal_factors,
    gravity_score,
    load_gravity_table,
    outcome_21_checklist,
    outcome_22_recordable,
    outcome_available,
    ycc_eligible,
    yot_referral,
    youth_caution_eligible,
)
from childfirst.lawbook.rules.exploitation import (
    cce_indicators,
    cce_offence,
    cuckooing_consent,
    nrm_referral,
    perpetrator_case_readiness,
    s45_defence,
    schedule_4,
    victim_blaming_language,
)
from childfirst.lawbook.rules.safeguarding import (
    information_sharing,
    police_protection,
    referral_prompt,
    safeguarding_timescales,
)
from childfirst.lawbook.rules.searches import (
    intimate_search_lawful,
    strip_search_lawful,
    strip_search_record_complete,
    strip_search_requirements,
)

__all__ = [
    "Decision",
    "Extension",
    "InputError",
    "LawbookError",
    "ParameterFileError",
    "Policy",
    "Reason",
    "UnknownRuleError",
    "aa_eligibility",
    "aa_presence",
    "automated_decision_check",
    "care_by_woman_required",
    "care_protocol",
    "cce_indicators",
    "cce_offence",
    "cell_allocation_valid",
    "certificate_valid",
    "community_resolution_eligible",
    "concordat_transfer_record",
    "cuckooing_consent",
    "data_protection_checks",
    "dataset_checks",
    "default_parameters",
    "detention_clock",
    "disposal_factors",
    "extension_valid",
    "gravity_score",
    "intimate_search_lawful",
    "information_sharing",
    "is_working_day",
    "juvenile_status",
    "lawbook_version",
    "load_gravity_table",
    "looked_after_arrest",
    "nrm_referral",
    "outcome_21_checklist",
    "outcome_22_recordable",
    "outcome_available",
    "overnight",
    "perpetrator_case_readiness",
    "place_of_safety_allowed",
    "police_protection",
    "policy_for",
    "post_charge_detention",
    "referral_prompt",
    "retention_checks",
    "s45_defence",
    "safeguarding_timescales",
    "schedule_4",
    "school_arrest_and_interview",
    "strip_search_lawful",
    "strip_search_record_complete",
    "strip_search_requirements",
    "transfer_required",
    "victim_blaming_language",
    "visit_interval",
    "weekend",
    "welfare_notification",
    "working_days_add",
    "working_days_between",
    "ycc_eligible",
    "yot_referral",
    "youth_caution_eligible",
]
