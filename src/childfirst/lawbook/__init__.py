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
      CUS-06 -> may_proceed, aa_required, note
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

Working days (module 6)
  working_days_add(date, n) -> date; working_days_between(start, end) -> int; is_working_day(date)

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
from childfirst.lawbook.rules.clock import Extension, detention_clock, extension_valid, overnight, weekend
from childfirst.lawbook.rules.custody import (
    aa_eligibility,
    aa_presence,
    care_by_woman_required,
    cell_allocation_valid,
    certificate_valid,
    juvenile_status,
    place_of_safety_allowed,
    post_charge_detention,
    transfer_required,
    visit_interval,
    welfare_notification,
)
from childfirst.lawbook.rules.searches import (
    intimate_search_lawful,
    strip_search_lawful,
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
    "care_by_woman_required",
    "cell_allocation_valid",
    "certificate_valid",
    "default_parameters",
    "detention_clock",
    "extension_valid",
    "intimate_search_lawful",
    "is_working_day",
    "juvenile_status",
    "lawbook_version",
    "overnight",
    "place_of_safety_allowed",
    "policy_for",
    "post_charge_detention",
    "strip_search_lawful",
    "strip_search_requirements",
    "transfer_required",
    "visit_interval",
    "weekend",
    "welfare_notification",
    "working_days_add",
    "working_days_between",
]
