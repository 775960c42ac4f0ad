"""Presenters: turn records into the rows and labels templates show. No queries that write; no HTTP."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from childfirst.core.models import AuditAction, AuditLog


def local(moment: dt.datetime | None) -> str:
    """A moment as people in London read it: 25 November 2026, 14:05."""
    if moment is None:
        return ""
    return timezone.localtime(moment, ZoneInfo(settings.TIME_ZONE)).strftime("%-d %B %Y, %H:%M")


def day(value: dt.date | None) -> str:
    return value.strftime("%-d %B %Y") if value else ""


@dataclass(frozen=True)
class AuditRow:
    seq: int
    when: str
    who: str
    role: str
    action: str
    record: str
    child_id: int | None
    reason: str

    @property
    def child_note(self) -> str:
        """Which child an event concerns, when the record itself is not the child."""
        if self.child_id is None or self.record == f"child:{self.child_id}":
            return ""
        return f"about child:{self.child_id}"


def _who(row: AuditLog) -> str:
    if row.actor is None:
        return "System"
    return row.actor.get_full_name() or row.actor.get_username()


def audit_rows(rows: Iterable[AuditLog]) -> Iterator[AuditRow]:
    from childfirst.core.roles import Role

    role_labels = dict(Role.choices)
    action_labels = dict(AuditAction.choices)
    for row in rows:
        yield AuditRow(
            seq=row.seq,
            when=local(row.at),
            who=_who(row) + (f" ({row.actor.get_username()})" if row.actor else ""),
            role=role_labels.get(row.actor_role, row.actor_role or "—"),
            action=action_labels.get(row.action, row.action),
            record=f"{row.object_type}:{row.object_id}",
            child_id=row.child_id,
            reason=row.reason,
        )


def page_links(page: Any, query: dict[str, str]) -> dict[str, Any]:
    """Links for GOV.UK pagination: previous, next and up to seven numbered pages around the current one."""
    from urllib.parse import urlencode

    def href(number: int) -> str:
        return "?" + urlencode({**query, "page": number})

    paginator = page.paginator
    first = max(1, page.number - 3)
    last = min(paginator.num_pages, page.number + 3)
    return {
        "previous": href(page.previous_page_number()) if page.has_previous() else "",
        "next": href(page.next_page_number()) if page.has_next() else "",
        "numbers": [
            {"number": n, "href": href(n), "current": n == page.number} for n in range(first, last + 1)
        ],
        "show": paginator.num_pages > 1,
    }


# --- a child's record -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    key: str
    value: str


def _text(value: str, empty: str = "Not recorded") -> str:
    return value.strip() if value and value.strip() else empty


def child_age(child: Any, today: dt.date) -> str:
    from childfirst.people.juvenile import age_on

    if child.date_of_birth:
        return f"{day(child.date_of_birth)} (age {age_on(child.date_of_birth, today)})"
    if child.estimated_age is not None:
        when = f", estimated on {day(child.age_estimated_on)}" if child.age_estimated_on else ""
        return f"Not known: estimated age {child.estimated_age}{when}"
    return "Not known"


def child_facts(child: Any, today: dt.date) -> list[Row]:
    rows = [
        Row("Name", child.full_name),
        Row("Other names used", _text(child.also_known_as, "None recorded")),
        Row("Date of birth", child_age(child, today)),
    ]
    if child.stated_age is not None:
        rows.append(Row("Age the child gave", str(child.stated_age)))
    rows += [
        Row("Age disputed", "Yes" if child.age_disputed else "No"),
        Row("Gender", child.get_gender_display()),
        Row(
            "Ethnicity (how the child describes themself)",
            child.get_ethnicity_self_defined_display() or "Not recorded",
        ),
        Row("Ethnicity (observed by an officer)", child.get_ethnicity_observed_display() or "Not recorded"),
        Row("Record number", str(child.pk)),
        Row("Pseudonymous reference (analytics)", child.pseudonymous_ref),
    ]
    return rows


def child_care(child: Any) -> list[Row]:
    status = child.get_care_status_display()
    if child.care_local_authority:
        status = f"{status}: {child.care_local_authority}"
    return [Row("Care status", status)]


def child_needs(child: Any) -> list[Row]:
    return [
        Row("Communication needs", _text(child.communication_needs)),
        Row("What helps", _text(child.what_helps)),
        Row("Neurodiversity", _text(child.neurodiversity)),
        Row("Special educational needs and disabilities", _text(child.send)),
        Row("Mental health", _text(child.mental_health)),
    ]


@dataclass(frozen=True)
class AssessmentRow:
    kind: str
    finding: str
    notes: str
    assessor: str
    when: str


def assessment_rows(assessments: Iterable[Any]) -> list[AssessmentRow]:
    rows = []
    for assessment in assessments:
        finding = {True: "Yes", False: "No", None: "—"}[assessment.finding]
        assessor = assessment.assessor.get_full_name() or assessment.assessor.get_username()
        rows.append(
            AssessmentRow(
                assessment.get_kind_display(),
                finding,
                assessment.notes,
                assessor,
                local(assessment.assessed_at),
            )
        )
    return rows
