"""Data-protection checks that can be run on data (RULES.md module 7: DP-04, DP-05, DP-12)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from childfirst.lawbook.decision import Decision, Reason
from childfirst.lawbook.errors import InputError
from childfirst.lawbook.rules.common import because, param
from childfirst.lawbook.timeutil import a_date

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
