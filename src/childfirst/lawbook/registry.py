"""The rule catalogue: every RULES.md ID described in `parameters/`, the function that evaluates it (if
software can check it), its input fields (read from the function's signature and type hints) and its
output fields. `evaluate(rule_id, inputs)` runs a rule from plain JSON data (ISO 8601 strings for
datetimes and dates) with strict checking of missing and unexpected fields.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from childfirst.lawbook.decision import Decision
from childfirst.lawbook.errors import InputError, UnknownRuleError
from childfirst.lawbook.parameters import RuleFile, default_parameters
from childfirst.lawbook.policies import Policy, policy_for
from childfirst.lawbook.rules import (
    care,
    clock,
    custody,
    dataprotection,
    diversion,
    exploitation,
    safeguarding,
    searches,
)

RuleFunction = Callable[..., Decision]

# RULES.md ID -> (function, output fields). IDs described in parameters/ but absent here are reference
# only (policy rationale, definitions): they appear in the catalogue without a function.
_FUNCTIONS: dict[str, tuple[RuleFunction, tuple[str, ...]]] = {
    "CUS-01": (custody.juvenile_status, ("is_juvenile", "age", "basis", "below_criminal_responsibility")),
    "CUS-02": (custody.juvenile_status, ("is_juvenile", "age", "basis", "below_criminal_responsibility")),
    "CUS-03": (custody.welfare_notification, ("required", "complete", "missing")),
    "CUS-04": (custody.aa_eligibility, ("eligible", "priority", "problems")),
    "CUS-05": (custody.aa_eligibility, ("eligible", "priority", "problems")),
    "CUS-06": (custody.aa_presence, ("may_proceed", "must_repeat_with_aa", "aa_required", "note")),
    "CUS-07": (custody.school_arrest_and_interview, ("compliant", "problems")),
    "CUS-08": (custody.care_by_woman_required, ("required",)),
    "CUS-09": (custody.cell_allocation_valid, ("valid", "problems")),
    "CUS-10": (custody.cell_allocation_valid, ("valid", "problems")),
    "CUS-11": (custody.visit_interval, ("interval_minutes", "next_visit_due", "overdue")),
    "CUS-12": (
        clock.detention_clock,
        (
            "relevant_time",
            "relevant_time_basis",
            "detention_limit",
            "limit_basis",
            "hours_since_relevant_time",
            "limit_exceeded",
            "status",
            "reviews",
            "next_review_due",
            "review_overdue",
            "overnight",
            "longest_night_hours",
            "weekend",
        ),
    ),
    "CUS-13": (
        clock.detention_clock,
        ("reviews", "next_review_due", "review_overdue", "relevant_time", "detention_limit", "status"),
    ),
    "CUS-14": (custody.post_charge_detention, ("may_detain", "valid_grounds", "release_required")),
    "CUS-15": (custody.transfer_required, ("transfer_required", "certificate_valid", "problems")),
    "CUS-16": (custody.certificate_valid, ("valid", "problems")),
    "CUS-17": (custody.certificate_valid, ("valid", "problems")),
    "CUS-18": (custody.certificate_valid, ("valid", "problems")),
    "CUS-19": (custody.concordat_transfer_record, ("complete", "missing", "la_duty_breached", "principles")),
    "CUS-20": (custody.concordat_transfer_record, ("complete", "missing", "la_duty_breached", "principles")),
    "CUS-21": (custody.place_of_safety_allowed, ("allowed",)),
    "CUS-23": (clock.overnight, ("overnight", "longest_night_hours", "nights")),
    "SRC-01": (
        searches.strip_search_requirements,
        ("safeguards", "required", "warnings", "location_forbidden"),
    ),
    "SRC-02": (
        searches.strip_search_requirements,
        ("safeguards", "required", "warnings", "location_forbidden"),
    ),
    "SRC-03": (
        searches.strip_search_lawful,
        ("may_proceed", "problems", "safeguards", "required", "warnings", "location_forbidden"),
    ),
    "SRC-04": (searches.strip_search_record_complete, ("complete", "missing")),
    "SRC-05": (searches.intimate_search_lawful, ("may_proceed", "problems", "consent_needed")),
    "SRC-06": (
        searches.strip_search_requirements,
        ("safeguards", "required", "warnings", "location_forbidden"),
    ),
    "SRC-08": (
        searches.strip_search_requirements,
        ("safeguards", "required", "warnings", "location_forbidden"),
    ),
    "DIV-01": (diversion.youth_caution_eligible, ("may_give", "aa_required", "problems")),
    "DIV-02": (diversion.youth_caution_eligible, ("may_give", "aa_required", "problems")),
    "DIV-03": (diversion.outcome_available, ("available", "label")),
    "DIV-04": (diversion.youth_caution_eligible, ("may_give", "aa_required", "problems")),
    "DIV-05": (
        diversion.yot_referral,
        ("must_refer", "yot_must_assess", "assessment_due", "police_informed_due"),
    ),
    "DIV-06": (diversion.ycc_eligible, ("may_give", "aa_required", "problems")),
    "DIV-07": (diversion.community_resolution_eligible, ("may_give", "outcome_code", "problems", "warnings")),
    "DIV-08": (diversion.outcome_22_recordable, ("recordable", "admission_required", "problems")),
    "DIV-09": (diversion.outcome_21_checklist, ("recordable", "problems", "warnings")),
    "DIV-10": (diversion.disposal_factors, ("complete", "missing")),
    "DIV-11": (
        diversion.gravity_score,
        (
            "base_score",
            "final_score",
            "suggested_outcome",
            "factors_applied",
            "table_status",
            "deviation",
            "deviation_rationale",
            "problems",
            "child_information_form_required",
        ),
    ),
    "DIV-12": (
        diversion.gravity_score,
        ("base_score", "final_score", "suggested_outcome", "factors_applied", "table_status"),
    ),
    "DIV-13": (diversion.outcome_available, ("available", "label")),
    "CARE-01": (
        care.care_protocol,
        ("applies", "questions", "prompts", "call_police_now", "checklist_missing"),
    ),
    "CARE-02": (care.care_protocol, ("applies", "questions")),
    "CARE-03": (care.care_protocol, ("applies", "prompts")),
    "CARE-04": (care.care_protocol, ("applies", "prompts")),
    "CARE-05": (care.care_protocol, ("applies", "call_police_now", "prompts")),
    "CARE-06": (care.care_protocol, ("applies", "checklist_missing")),
    "CARE-07": (care.looked_after_arrest, ("applies", "missing")),
    "EXP-03": (exploitation.cce_indicators, ("possible_exploitation", "indicators", "actions")),
    "EXP-04": (exploitation.nrm_referral, ("may_refer", "consent_needed", "duty_to_notify", "problems")),
    "EXP-05": (
        exploitation.s45_defence,
        (
            "available",
            "excluded_by_schedule_4",
            "schedule_4_entry_verified",
            "schedule_4_complete",
            "problems",
        ),
    ),
    "EXP-06": (
        exploitation.s45_defence,
        ("available", "excluded_by_schedule_4", "schedule_4_entry_verified", "schedule_4_complete"),
    ),
    "EXP-07": (exploitation.s45_defence, ("available", "problems")),
    "EXP-08": (exploitation.perpetrator_case_readiness, ("ready_without_victim_statement", "evidence_types")),
    "EXP-09": (exploitation.perpetrator_case_readiness, ("ready_without_victim_statement", "evidence_types")),
    "EXP-10": (exploitation.cce_offence, ("offence_available", "in_force", "problems")),
    "EXP-11": (exploitation.victim_blaming_language, ("flagged", "terms")),
    "SAFE-01": (
        safeguarding.safeguarding_timescales,
        (
            "referral_decision_due",
            "assessment_due",
            "strategy_discussion_due",
            "icpc_due",
            "first_review_conference_due",
        ),
    ),
    "SAFE-02": (safeguarding.safeguarding_timescales, ("assessment_due",)),
    "SAFE-03": (safeguarding.safeguarding_timescales, ("strategy_discussion_due",)),
    "SAFE-04": (safeguarding.safeguarding_timescales, ("icpc_due", "first_review_conference_due")),
    "SAFE-05": (safeguarding.police_protection, ("expires_at", "expired", "duties_missing")),
    "SAFE-07": (safeguarding.referral_prompt, ("referral_required", "refer_other_child")),
    "SAFE-08": (safeguarding.information_sharing, ("may_share", "consent_needed", "tell_family")),
    "DP-01": (dataprotection.dataset_checks, ("compliant", "findings")),
    "DP-03": (dataprotection.dataset_checks, ("compliant", "findings")),
    "DP-06": (dataprotection.dataset_checks, ("compliant", "findings")),
    "DP-08": (dataprotection.automated_decision_check, ("allowed", "problems")),
    "DP-09": (dataprotection.retention_checks, ("compliant", "findings")),
    "DP-04": (dataprotection.data_protection_checks, ("compliant", "findings")),
    "DP-05": (dataprotection.data_protection_checks, ("compliant", "findings")),
    "DP-12": (dataprotection.data_protection_checks, ("compliant", "findings")),
}


@dataclass(frozen=True, slots=True)
class InputField:
    name: str
    type: str
    required: bool
    default: Any


@dataclass(frozen=True, slots=True)
class RuleEntry:
    id: str
    rule_file: RuleFile
    function: RuleFunction | None
    inputs: tuple[InputField, ...]
    outputs: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        rf = self.rule_file
        return {
            "id": self.id,
            "title": rf.title,
            "statement": rf.statement,
            "function": None if self.function is None else f"childfirst.lawbook.{self.function.__name__}",
            "inputs": [
                {"name": f.name, "type": f.type, "required": f.required}
                | ({} if f.required else {"default": _jsonable_default(f.default)})
                for f in self.inputs
            ],
            "outputs": list(self.outputs),
            "sources": [{"citation": s.citation, "url": s.url, "tag": s.tag} for s in rf.sources],
            "tags": list(rf.tags),
            "parameters": sorted(p.key for p in rf.parameters.values()),
            "file": rf.file,
        }


def _jsonable_default(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    return value


def _type_name(hint: Any) -> tuple[str, bool]:
    """A readable type name for a hint, and whether None is allowed."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        optional = len(args) < len(typing.get_args(hint))
        names = sorted({_type_name(a)[0] for a in args})
        return (" | ".join(names), optional)
    if origin in (list, tuple, typing.get_origin(typing.Sequence[int])):
        inner = typing.get_args(hint)
        return (f"list[{_type_name(inner[0])[0] if inner else 'any'}]", False)
    if origin is not None and origin is typing.get_origin(Mapping[str, int]):
        return ("object", False)
    return (
        {
            dt.datetime: "datetime",
            dt.date: "date",
            bool: "bool",
            int: "int",
            str: "str",
            clock.Extension: "extension",
            Policy: "policy",
        }.get(hint, getattr(hint, "__name__", str(hint))),
        False,
    )


def _inputs(function: RuleFunction) -> tuple[InputField, ...]:
    hints = typing.get_type_hints(function)
    fields = []
    for name, prm in inspect.signature(function).parameters.items():
        type_name, optional = _type_name(hints[name])
        if optional:
            type_name += " | null"
        required = prm.default is inspect.Parameter.empty
        fields.append(InputField(name, type_name, required, None if required else prm.default))
    return tuple(fields)


@lru_cache(maxsize=1)
def catalogue() -> dict[str, RuleEntry]:
    """Every rule ID described in parameters/, in RULES.md order."""
    params = default_parameters()
    modules = ["CUS", "SRC", "DIV", "CARE", "EXP", "SAFE", "DP"]  # RULES.md modules 1-7, in order
    ids = sorted(params.by_rule, key=lambda i: (modules.index(i.split("-")[0]), int(i.split("-")[1])))
    out: dict[str, RuleEntry] = {}
    for rid in ids:
        function, outputs = _FUNCTIONS.get(rid, (None, ()))
        out[rid] = RuleEntry(rid, params.rule(rid), function, _inputs(function) if function else (), outputs)
    missing = set(_FUNCTIONS) - set(out)
    if missing:
        raise AssertionError(f"rule functions without a parameter file: {sorted(missing)}")
    return out


# ---- evaluating a rule from JSON data -------------------------------------------------------------


def _parse_datetime(field: str, value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str):
        raise InputError(field, f"must be an ISO 8601 datetime string with an offset; got {value!r}")
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError as exc:
        raise InputError(field, f"not an ISO 8601 datetime: {value!r}") from exc
    if parsed.tzinfo is None:
        raise InputError(field, "naive datetime: give a timezone offset (e.g. +00:00 or Z)")
    return parsed


def _parse_date(field: str, value: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str) or len(value) != len("YYYY-MM-DD"):
        raise InputError(field, f"must be a date as YYYY-MM-DD; got {value!r}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(field, f"not a real date: {value!r}") from exc


def _convert(field: str, type_name: str, value: Any) -> Any:
    base = type_name.removesuffix(" | null")
    if value is None:
        if type_name.endswith(" | null"):
            return None
        raise InputError(field, "must not be null")
    if base == "datetime":
        return _parse_datetime(field, value)
    if base == "date":
        return _parse_date(field, value)
    if base == "policy":
        if not isinstance(value, Mapping):
            raise InputError(field, "must be an object of policy switches (optionally with `force`)")
        overrides = dict(value)
        force = overrides.pop("force", "metropolitan")
        for key, item in overrides.items():
            if isinstance(item, str) and len(item) == len("YYYY-MM-DD") and item[4] == "-":
                overrides[key] = _parse_date(f"{field}.{key}", item)
        return policy_for(str(force), overrides)
    if base.startswith("list["):
        if not isinstance(value, list):
            raise InputError(field, f"must be a list ({base})")
        inner = base[len("list[") : -1]
        return [_convert(f"{field}[{i}]", inner, item) for i, item in enumerate(value)]
    if base == "extension":
        if not isinstance(value, Mapping):
            raise InputError(field, "must be an object with kind, granted_at and optional until")
        item = dict(value)
        for key in ("granted_at", "until"):
            if item.get(key) is not None:
                item[key] = _parse_datetime(f"{field}.{key}", item[key])
        return item
    if base in ("extension | object", "object"):
        if not isinstance(value, Mapping):
            raise InputError(field, "must be an object")
        return _convert(field, "extension", value) if "granted_at" in value else dict(value)
    if base == "bool" and not isinstance(value, bool):
        raise InputError(field, f"must be true or false; got {value!r}")
    if base == "int" and (isinstance(value, bool) or not isinstance(value, int)):
        raise InputError(field, f"must be a whole number; got {value!r}")
    if base == "str" and not isinstance(value, str):
        raise InputError(field, f"must be text; got {value!r}")
    return value


def rule_entry(rule_id: str) -> RuleEntry:
    entry = catalogue().get(rule_id)
    if entry is None:
        raise UnknownRuleError(rule_id)
    return entry


def evaluate(rule_id: str, inputs: Mapping[str, Any]) -> Decision:
    """Run a rule on JSON-style inputs. Raises UnknownRuleError or InputError (naming the field)."""
    entry = rule_entry(rule_id)
    if entry.function is None:
        raise InputError("rule", f"{rule_id} is reference only (no rule function); see the catalogue")
    decision = call_with_json(entry.function, inputs, label=rule_id)
    return dataclasses.replace(decision, rule=rule_id)


def call_with_json(function: RuleFunction, inputs: Mapping[str, Any], *, label: str = "") -> Decision:
    """Call any lawbook rule function with JSON-style inputs, checking missing and unexpected fields."""
    if not isinstance(inputs, Mapping):
        raise InputError("input", "must be a JSON object of input fields")
    fields = _inputs(function)
    known = {f.name: f for f in fields}
    for name in inputs:
        if name not in known:
            raise InputError(
                str(name), f"unexpected field for {label or function.__name__} (expected: {', '.join(known)})"
            )
    for f in fields:
        if f.required and f.name not in inputs:
            raise InputError(f.name, f"missing required field ({f.type})")
    kwargs = {name: _convert(name, known[name].type, value) for name, value in inputs.items()}
    return function(**kwargs)
