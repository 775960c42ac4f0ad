"""Data-protection checks that can be run on data (RULES.md module 7: DP-04, DP-05, DP-12)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from childfirst.lawbook.decision import Decision, Reason
from childfirst.lawbook.errors import InputError
from childfirst.lawbook.rules.common import because, law_date, one_of, param
from childfirst.lawbook.timeutil import a_date, aware

_RECORD_KEYS = {
    "id",
    "subject_categories",
    "data_nature",
    "assessor",
    "assessed_on",
    "is_flag",
    "review_date",
    "on_enforcement_list",
    "harm_score",
    "purpose",
}


def data_protection_checks(*, as_of: dt.date, records: Sequence[Mapping[str, Any]]) -> Decision:
    """DP-04/05/12 over a list of records. Each record: id; subject_categories (list); data_nature
    (fact | assessment); assessor and assessed_on (for assessments); is_flag and review_date (for flags);
    on_enforcement_list; harm_score; purpose (safeguarding | enforcement | other).

    Outcome: compliant, findings (list of {record, rule, problem})."""
    on = a_date("as_of", as_of)
    categories = param("DP-04.subject_categories", on)
    natures = param("DP-04.data_natures", on)
    findings: list[dict[str, Any]] = []
    if not isinstance(records, list | tuple):
        raise InputError("records", "must be a list of objects")
    for i, rec in enumerate(records):
        where = f"records[{i}]"
        if not isinstance(rec, Mapping):
            raise InputError(where, "must be an object")
        extra = set(rec) - _RECORD_KEYS
        if extra:
            raise InputError(f"{where}.{sorted(extra)[0]}", "unexpected field")
        rid = rec.get("id", i)

        def find(rule: str, problem: str, rid: Any = rid) -> None:
            findings.append({"record": rid, "rule": rule, "problem": problem})

        cats = rec.get("subject_categories") or []
        if not cats:
            find("DP-04", "no data-subject category (suspect, convicted, victim, witness, other)")
        elif any(c not in categories.value for c in cats):
            raise InputError(f"{where}.subject_categories", f"allowed: {', '.join(categories.value)}")
        nature = rec.get("data_nature")
        if nature is None:
            find("DP-05", "not marked as fact or assessment")
        elif nature not in natures.value:
            raise InputError(f"{where}.data_nature", "must be fact or assessment")
        elif nature == "fact" and (rec.get("is_flag") or rec.get("harm_score") is not None):
            # DP-05 implementation: every risk score, flag or association is an assessment (s.38(2)).
            find("DP-05", "flag or risk score recorded as fact; it is an assessment")
        elif nature == "assessment":
            if not rec.get("assessor"):
                find("DP-05", "assessment without an assessor")
            if not rec.get("assessed_on"):
                find("DP-05", "assessment without a date")
        if rec.get("is_flag") and not rec.get("review_date"):
            find("DP-12", "flag without a review date")
        review = rec.get("review_date")
        if isinstance(review, str):
            try:
                review = dt.date.fromisoformat(review)
            except ValueError as exc:
                raise InputError(f"{where}.review_date", f"not a date: {review!r}") from exc
        if rec.get("is_flag") and review and a_date(f"{where}.review_date", review) < on:
            find("DP-12", "flag past its review date")
        if rec.get("on_enforcement_list"):
            if "victim" in cats:
                find("DP-12", "victim record feeding an enforcement list")
            score = rec.get("harm_score")
            if score is not None and score == 0:
                find("DP-12", "zero harm score on a list")
            if rec.get("purpose") == "safeguarding":
                find("DP-12", "safeguarding indicator used for enforcement")
    reasons: list[Reason] = [
        because(
            "DP-04",
            "Distinguish suspects, convicted people, victims and witnesses.",
            {"categories": categories.value},
            by=categories,
        ),
        because(
            "DP-05",
            "Distinguish facts from assessments; an assessment names its assessor and date.",
            {"natures": natures.value},
            by=natures,
        ),
        because(
            "DP-12",
            "A victim record never feeds an enforcement list; every flag has a review date; a zero "
            "harm score never puts a person on a list.",
            {"findings": len(findings)},
        ),
    ]
    return Decision("DP-12", {"compliant": not findings, "findings": findings}, reasons)


_DATASET_KEYS = {
    "id",
    "legal_regime",
    "sensitive_data",
    "sensitive_processing_basis",
    "schedule_8_condition",
    "appropriate_policy_document",
    "high_risk",
    "dpia_done",
    "eqia_done",
    "deployed",
}


def dataset_checks(*, as_of: dt.date, datasets: Sequence[Mapping[str, Any]]) -> Decision:
    """DP-01/03/06 over a list of datasets or features. Each: id; legal_regime; sensitive_data (list of
    kinds); sensitive_processing_basis (consent | strictly_necessary_schedule_8) with schedule_8_condition
    and appropriate_policy_document; high_risk, dpia_done, eqia_done, deployed.
    Outcome: compliant, findings (list of {dataset, rule, problem})."""
    on = a_date("as_of", as_of)
    regimes = param("DP-01.legal_regimes", on)
    kinds = param("DP-01.sensitive_data_kinds", on)
    bases = param("DP-01.sensitive_processing_bases", on)
    if not isinstance(datasets, list | tuple):
        raise InputError("datasets", "must be a list of objects")
    findings: list[dict[str, Any]] = []
    for i, ds in enumerate(datasets):
        where = f"datasets[{i}]"
        if not isinstance(ds, Mapping):
            raise InputError(where, "must be an object")
        extra = set(ds) - _DATASET_KEYS
        if extra:
            raise InputError(f"{where}.{sorted(extra)[0]}", "unexpected field")
        did = ds.get("id", i)
        regime = ds.get("legal_regime")
        if regime is None:
            findings.append({"dataset": did, "rule": "DP-01", "problem": "no legal regime recorded"})
        elif regime not in regimes.value:
            raise InputError(f"{where}.legal_regime", f"allowed: {', '.join(regimes.value)}")
        sensitive = ds.get("sensitive_data") or []
        if any(k not in kinds.value for k in sensitive):
            raise InputError(f"{where}.sensitive_data", f"allowed: {', '.join(kinds.value)}")
        if sensitive:
            basis = ds.get("sensitive_processing_basis")
            if basis is None:
                findings.append(
                    {"dataset": did, "rule": "DP-03", "problem": "sensitive processing without a basis"}
                )
            elif basis not in bases.value:
                raise InputError(f"{where}.sensitive_processing_basis", f"allowed: {', '.join(bases.value)}")
            elif basis == "strictly_necessary_schedule_8" and not ds.get("schedule_8_condition"):
                findings.append({"dataset": did, "rule": "DP-03", "problem": "no Schedule 8 condition named"})
            if not ds.get("appropriate_policy_document"):
                findings.append(
                    {"dataset": did, "rule": "DP-03", "problem": "no appropriate policy document"}
                )
        if ds.get("high_risk") and ds.get("deployed"):
            if not ds.get("dpia_done"):
                findings.append({"dataset": did, "rule": "DP-06", "problem": "deployed without a DPIA"})
            if not ds.get("eqia_done"):
                findings.append(
                    {
                        "dataset": did,
                        "rule": "DP-06",
                        "problem": "deployed without an equality impact assessment",
                    }
                )
    return Decision(
        "DP-01",
        {"compliant": not findings, "findings": findings},
        [
            because(
                "DP-01", "Every dataset records its legal regime.", {"regimes": regimes.value}, by=regimes
            ),
            because(
                "DP-03",
                "Sensitive processing needs consent, or strict necessity with a Schedule 8 "
                "condition, and an appropriate policy document.",
                {"bases": bases.value},
                by=bases,
            ),
            because(
                "DP-06",
                "High-risk processing needs a DPIA and an equality impact assessment before deployment.",
                {},
            ),
        ],
    )


def automated_decision_check(
    *,
    at: dt.datetime,
    action: str,
    human_decision_maker: str = "",
    rationale: str = "",
) -> Decision:
    """DP-08: an adverse action about a child needs a named human decision-maker and a written rationale;
    scores are advisory. Outcome: allowed, problems."""
    at = aware("at", at)
    adverse = param("DP-07.adverse_actions", law_date(at))
    action = one_of("action", action, list(adverse.value) + ["other"])
    problems = []
    if action in adverse.value:
        if not human_decision_maker.strip():
            problems.append("no_named_human_decision_maker")
        if not rationale.strip():
            problems.append("no_rationale")
    return Decision(
        "DP-08",
        {"allowed": not problems, "problems": problems},
        [
            because(
                "DP-08",
                "No significant decision about a child is taken by automated means: a named person "
                "decides and records why.",
                {"action": action, "problems": problems},
                by=adverse,
            )
        ],
    )


def retention_checks(*, as_of: dt.date, records: Sequence[Mapping[str, Any]]) -> Decision:
    """DP-09: every nominal record has a retention group (1-4) and a next review date, not overdue.
    Each record: id, retention_group, next_review_date. Outcome: compliant, findings."""
    on = a_date("as_of", as_of)
    periods = param("DP-09.review_period_years", on)
    groups = sorted(periods.value) + [max(periods.value) + 1]
    findings: list[dict[str, Any]] = []
    if not isinstance(records, list | tuple):
        raise InputError("records", "must be a list of objects")
    for i, rec in enumerate(records):
        where = f"records[{i}]"
        if not isinstance(rec, Mapping):
            raise InputError(where, "must be an object")
        extra = set(rec) - {"id", "retention_group", "next_review_date"}
        if extra:
            raise InputError(f"{where}.{sorted(extra)[0]}", "unexpected field")
        rid = rec.get("id", i)
        group = rec.get("retention_group")
        if group is None:
            findings.append({"record": rid, "rule": "DP-09", "problem": "no retention group"})
        elif group not in groups:
            raise InputError(f"{where}.retention_group", f"must be one of {groups}")
        review = rec.get("next_review_date")
        if isinstance(review, str):
            try:
                review = dt.date.fromisoformat(review)
            except ValueError as exc:
                raise InputError(f"{where}.next_review_date", f"not a date: {review!r}") from exc
        if review is None:
            findings.append({"record": rid, "rule": "DP-09", "problem": "no next review date"})
        elif a_date(f"{where}.next_review_date", review) < on:
            findings.append({"record": rid, "rule": "DP-09", "problem": "review overdue"})
    return Decision(
        "DP-09",
        {"compliant": not findings, "findings": findings},
        [
            because(
                "DP-09",
                "Every nominal record has a retention group and a next review date.",
                {"review_period_years": periods.value},
                by=periods,
            )
        ],
    )
