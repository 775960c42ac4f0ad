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
