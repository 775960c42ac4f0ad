"""Reading a detention timeline: what has happened so far, as plain facts (no Django, no law).

`facts(events)` folds the append-only events, in order, into a `TimelineFacts`. The services use it
to decide whether a new event may be recorded; `status.derive_status` uses it with the lawbook to say
what the law requires now. Events are anything with `kind`, `occurred_at`, `data` (and optionally
`reason`): model rows, or the small `Event` tuple used in tests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Any, NamedTuple


class Event(NamedTuple):
    kind: str
    occurred_at: dt.datetime
    data: dict[str, Any] = {}  # noqa: RUF012 - NamedTuple default, never mutated
    reason: str = ""


@dataclass
class TimelineFacts:
    welfare_informed_at: dt.datetime | None = None
    welfare_missing: list[str] = field(default_factory=list)  # CUS-03 items not yet told
    aa_requested_at: dt.datetime | None = None
    aa_arrived_at: dt.datetime | None = None  # first arrival (for "time to AA")
    aa_present: bool = False
    aa_name: str = ""
    rights_given_at: dt.datetime | None = None
    rights_given_with_aa: bool = False
    interview_in_progress: bool = False
    interviews: int = 0
    interviews_without_aa: int = 0
    reviews_held: list[dt.datetime] = field(default_factory=list)
    reviews_postponed: list[dt.datetime] = field(default_factory=list)
    extensions: list[dict[str, Any]] = field(default_factory=list)
    charged_at: dt.datetime | None = None
    charged_with_aa: bool = False
    bail_decision: str = ""  # "bailed" | "released_without_bail" | "refused"
    bail_decided_at: dt.datetime | None = None
    bail_refusal_ground: str = ""
    transfer_requested_at: dt.datetime | None = None
    transfer_accommodation: str = ""  # "secure" | "non_secure"
    transfer_response: str = ""  # "secure_offered" | "non_secure_offered" | "refused"
    transfer_response_at: dt.datetime | None = None
    certificate: dict[str, Any] | None = None
    certificate_at: dt.datetime | None = None
    transfer_completed_at: dt.datetime | None = None
    cell: str = ""
    cell_allocated_at: dt.datetime | None = None
    visits: list[dt.datetime] = field(default_factory=list)
    woman_carer: str = ""
    released_at: dt.datetime | None = None
    release_outcome: str = ""
    last_event_at: dt.datetime | None = None
    event_count: int = 0

    def to_json(self) -> dict[str, Any]:
        """The snapshot kept on `Detention.summary` (visits: only the last one is needed)."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "visits":
                value = value[-1:]
            out[f.name] = _dump(value)
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TimelineFacts:
        out = cls()
        for f in fields(cls):
            if f.name in data:
                setattr(out, f.name, _load(f.name, data[f.name]))
        return out

    @property
    def ended_at(self) -> dt.datetime | None:
        return self.released_at or self.transfer_completed_at

    @property
    def post_charge_detained(self) -> bool:
        """Charged and kept in detention (bail refused), not yet released or transferred."""
        return self.charged_at is not None and self.bail_decision == "refused" and self.ended_at is None


_TIME_FIELDS = {
    "welfare_informed_at",
    "aa_requested_at",
    "aa_arrived_at",
    "rights_given_at",
    "charged_at",
    "bail_decided_at",
    "transfer_requested_at",
    "transfer_response_at",
    "certificate_at",
    "transfer_completed_at",
    "cell_allocated_at",
    "released_at",
    "last_event_at",
}
_TIME_LISTS = {"reviews_held", "reviews_postponed", "visits"}


def _dump(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, list):
        return [_dump(v) for v in value]
    if isinstance(value, dict):
        return {k: _dump(v) for k, v in value.items()}
    return value


def _load(name: str, value: Any) -> Any:
    if value is None:
        return None
    if name in _TIME_FIELDS:
        return dt.datetime.fromisoformat(value)
    if name in _TIME_LISTS:
        return [dt.datetime.fromisoformat(v) for v in value]
    if name == "extensions":
        return [{**e, "occurred_at": dt.datetime.fromisoformat(e["occurred_at"])} for e in value]
    return value


def facts(events: Iterable[Any]) -> TimelineFacts:
    f = TimelineFacts()
    for ev in events:
        kind, at = ev.kind, ev.occurred_at
        data = ev.data or {} if kind not in ("visit", "review_held", "rights_given") else {}
        f.event_count += 1
        f.last_event_at = at if f.last_event_at is None or at > f.last_event_at else f.last_event_at
        if kind == "welfare_informed":
            f.welfare_informed_at = f.welfare_informed_at or at
            f.welfare_missing = list(data.get("missing", []))
        elif kind == "aa_requested":
            f.aa_requested_at = f.aa_requested_at or at
        elif kind == "aa_arrived":
            f.aa_arrived_at = f.aa_arrived_at or at
            f.aa_present = True
            f.aa_name = str(data.get("name", ""))
        elif kind == "aa_left":
            f.aa_present = False
        elif kind == "rights_given":
            f.rights_given_at = at
            f.rights_given_with_aa = f.rights_given_with_aa or f.aa_present
        elif kind == "interview_started":
            f.interview_in_progress = True
            f.interviews += 1
            if not f.aa_present:
                f.interviews_without_aa += 1
        elif kind == "interview_ended":
            f.interview_in_progress = False
        elif kind == "review_held":
            f.reviews_held.append(at)
        elif kind == "review_postponed":
            f.reviews_postponed.append(at)
        elif kind == "extension":
            f.extensions.append({**data, "occurred_at": at})
        elif kind == "charged":
            f.charged_at = at
            f.charged_with_aa = f.aa_present
        elif kind == "bail_decision":
            f.bail_decision = str(data.get("outcome", ""))
            f.bail_decided_at = at
            f.bail_refusal_ground = str(data.get("ground", ""))
        elif kind == "transfer_requested":
            f.transfer_requested_at = at
            f.transfer_accommodation = str(data.get("accommodation", ""))
        elif kind == "transfer_response":
            f.transfer_response = str(data.get("response", ""))
            f.transfer_response_at = at
        elif kind == "certificate":
            f.certificate = dict(data)
            f.certificate_at = at
        elif kind == "transfer_completed":
            f.transfer_completed_at = at
        elif kind == "cell_allocated":
            f.cell = str(data.get("cell", ""))
            f.cell_allocated_at = at
        elif kind == "visit":
            f.visits.append(at)
        elif kind == "woman_carer_assigned":
            f.woman_carer = str(data.get("officer", ""))
        elif kind == "released":
            f.released_at = at
            f.release_outcome = str(data.get("outcome", ""))
    return f
