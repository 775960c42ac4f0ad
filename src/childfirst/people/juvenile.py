"""Who is treated as a child (RULES.md CUS-01), as a small pure function with its reasons.

Anyone who appears to be under 18 is treated as a child unless there is clear evidence they are older;
if in doubt, treat them as a child. A stated age of 18 or more does not override an appearance of being
under 18.

TODO(lawbook): the lawbook should own this rule (`childfirst.lawbook.juvenile_status`). Until it does,
the age threshold is read from the lawbook parameter `CUS-01.juvenile_age_limit` when that parameter
exists; `_FALLBACK_LIMIT` is used only while the lawbook has no such parameter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

RULE = "CUS-01"
CITATION = "PACE Code C para 1.5; PACE s.37(15)"
_FALLBACK_LIMIT = 18  # TODO(lawbook): remove once CUS-01.juvenile_age_limit is in lawbook/parameters


def juvenile_age_limit(on: dt.date) -> tuple[int, str]:
    """The age from which a person is no longer a juvenile on `on`, and where that number came from."""
    try:
        from childfirst.lawbook.parameters import default_parameters

        value = default_parameters().value(f"{RULE}.juvenile_age_limit", on)
    except Exception:  # the lawbook has no parameter files or no such parameter yet
        return _FALLBACK_LIMIT, "fallback (lawbook parameter CUS-01.juvenile_age_limit not yet defined)"
    return int(value.value), f"lawbook {RULE}.juvenile_age_limit ({value.citation})"


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
    reasons: tuple[str, ...] = field(default_factory=tuple)
    rule: str = RULE
    citation: str = CITATION
    limit_source: str = ""

    def to_dict(self) -> dict[str, object]:
        return {
            "treated_as_child": self.treated_as_child,
            "age": self.age,
            "reasons": list(self.reasons),
            "rule": self.rule,
            "citation": self.citation,
            "limit_source": self.limit_source,
        }


def juvenile_status(
    *,
    on: dt.date,
    date_of_birth: dt.date | None = None,
    estimated_age: int | None = None,
    age_estimated_on: dt.date | None = None,
    stated_age: int | None = None,
    age_disputed: bool = False,
    appears_under_18: bool | None = None,
    clear_evidence_of_adulthood: bool = False,
) -> JuvenileStatus:
    """Decide whether the person is treated as a child on `on`, with the reasons (CUS-01)."""
    limit, source = juvenile_age_limit(on)
    reasons: list[str] = []
    age: int | None = None
    if date_of_birth is not None:
        age = age_on(date_of_birth, on)
        reasons.append(f"Date of birth gives age {age} on {on.isoformat()}.")
    elif estimated_age is not None:
        elapsed = age_on(age_estimated_on, on) if age_estimated_on else 0
        age = estimated_age + max(elapsed, 0)
        reasons.append(f"Estimated age {age} on {on.isoformat()}.")

    def status(is_child: bool, why: str) -> JuvenileStatus:
        return JuvenileStatus(is_child, age, (*reasons, why), limit_source=source)

    if age is not None and age < limit:
        return status(True, f"Under {limit}: treated as a child.")
    if appears_under_18 and not clear_evidence_of_adulthood:
        said = f" A stated age of {stated_age} does not override this." if stated_age is not None else ""
        return status(
            True, f"Appears to be under {limit} and there is no clear evidence of being older.{said}"
        )
    if age_disputed and not clear_evidence_of_adulthood:
        return status(
            True, "Age is disputed and there is no clear evidence of adulthood: if in doubt, a child."
        )
    if age is None:
        if stated_age is not None and stated_age >= limit and appears_under_18 is False:
            return JuvenileStatus(
                False,
                None,
                (f"Stated age {stated_age}; does not appear to be under {limit} and age is not disputed.",),
                limit_source=source,
            )
        return status(True, "Age not established: if in doubt, treated as a child.")
    return status(False, f"Age {age} established: not a child under {RULE}.")
