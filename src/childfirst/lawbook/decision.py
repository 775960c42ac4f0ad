"""The Decision every rule function returns: the outcome fields plus the reasons that produced them."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


def to_jsonable(value: Any) -> Any:
    """Convert datetimes, dates, timedeltas, enums, tuples and dataclass-like objects for JSON output."""
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds() / 3600  # hours, as a number
    if isinstance(value, enum.Enum):
        return to_jsonable(value.value)
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [to_jsonable(v) for v in value]
        return sorted(items) if isinstance(value, set | frozenset) else items
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return value


@dataclass(frozen=True, slots=True)
class Reason:
    """One step of the explanation: which rule, what it concluded, which values it used, and the source."""

    rule: str
    message: str
    values: Mapping[str, Any] = field(default_factory=dict)
    citation: str = ""
    url: str = ""
    tag: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "message": self.message,
            "values": to_jsonable(self.values),
            "citation": self.citation,
            "url": self.url,
            "tag": self.tag,
        }


@dataclass(frozen=True, slots=True)
class Decision:
    """The answer to "what does the law require here?".

    `rule` is the RULES.md ID of the rule evaluated, `outcome` holds the outcome fields (names differ per
    rule and are listed in the catalogue), `reasons` explains them. Read outcome fields with
    `decision["field"]` or `decision.outcome["field"]`.
    """

    rule: str
    outcome: Mapping[str, Any]
    reasons: Sequence[Reason]

    def __getitem__(self, key: str) -> Any:
        return self.outcome[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.outcome.get(key, default)

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable form: outcome fields at top level, then `rule`, `reasons` and
        `lawbook_version` (a fingerprint of the YAML law and settings; persist it with the decision).

        Datetimes become ISO 8601 strings with their offset; durations become hours (a number).
        """
        out: dict[str, Any] = {k: to_jsonable(v) for k, v in self.outcome.items()}
        out["rule"] = self.rule
        out["reasons"] = [r.to_dict() for r in self.reasons]
        out["lawbook_version"] = _version()
        return out


def _version() -> str:
    from childfirst.lawbook.parameters import lawbook_version

    return lawbook_version()
