"""Who is treated as a child (RULES.md CUS-01): an adapter from a child's record to the lawbook.

The lawbook's `juvenile_status` owns the rule and its numbers; this module only decides which facts
count as evidence. A recorded date of birth is evidence only when the officer says the age was
established (e.g. from a document); otherwise appearance, a dispute, or doubt decide, and a stated
age of 18 or more never overrides an appearance of being under 18.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from childfirst import lawbook


def age_on(date_of_birth: dt.date, on: dt.date) -> int:
    """Completed years on `on` (a child born on 29 February has their birthday on 1 March)."""
    years = on.year - date_of_birth.year
    if (on.month, on.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


@dataclass(frozen=True)
class JuvenileStatus:
    treated_as_child: bool
    age: int | None
    basis: str
    decision: dict[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    @property
    def messages(self) -> list[str]:
        return [r["message"] for r in self.decision.get("reasons", [])] + list(self.notes)

    def to_dict(self) -> dict[str, Any]:
        return {**self.decision, "treated_as_child": self.treated_as_child, "notes": list(self.notes)}


def juvenile_status(
    *,
    at: dt.datetime,
    date_of_birth: dt.date | None = None,
    age_evidenced: bool = False,
    stated_age: int | None = None,
    age_disputed: bool = False,
    appears_under_18: bool | None = None,
) -> JuvenileStatus:
    """Decide whether the person is treated as a child at `at` (tz-aware), with the lawbook's reasons."""
    evidenced_dob = date_of_birth if (date_of_birth is not None and age_evidenced) else None
    decision = lawbook.juvenile_status(
        at=at,
        date_of_birth=evidenced_dob,
        appears_under_18=None if evidenced_dob else appears_under_18,
        age_disputed=False if evidenced_dob else age_disputed,
    )
    data = decision.to_dict()
    is_child = bool(decision["is_juvenile"])
    limit = next(
        (
            r["values"].get("juvenile_age_limit")
            for r in data["reasons"]
            if "juvenile_age_limit" in r["values"]
        ),
        None,
    )
    notes: list[str] = []
    if evidenced_dob is None and date_of_birth is not None:
        notes.append(
            "The recorded date of birth was not established from evidence, so it did not decide this."
        )
    if is_child and stated_age is not None and limit is not None and stated_age >= limit:
        notes.append(f"A stated age of {stated_age} is not evidence and does not override this (CUS-01).")
    return JuvenileStatus(is_child, decision["age"], decision["basis"], data, tuple(notes))
