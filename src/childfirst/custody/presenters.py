"""Formatting custody records for the API and templates. Times: ISO 8601 (UTC) in JSON, London on pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from . import law
from .models import Detention, StripSearch
from .status import DetentionStatus


def iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def child_name(detention: Detention) -> str:
    child = detention.child
    return f"{child.given_name} {child.family_name}".strip()


def detention_summary(d: Detention, status: DetentionStatus) -> dict[str, Any]:
    return {
        "id": d.pk,
        "custody_number": d.custody_number,
        "version": d.version,
        "child": {"id": d.child_id, "name": child_name(d)},
        "suite": {"code": d.suite.code, "name": d.suite.name, "pilot": d.suite.is_pilot},
        "state": d.state,
        "arrived_at": iso(d.arrived_at),
        "ended_at": iso(d.ended_at),
        "synthetic": d.synthetic,
        **status.to_dict(),
    }


def event_dict(e: Any) -> dict[str, Any]:
    return {
        "sequence": e.sequence,
        "kind": e.kind,
        "occurred_at": iso(e.occurred_at),
        "recorded_at": iso(e.recorded_at),
        "actor": e.actor.get_username() if e.actor_id and hasattr(e, "actor") else None,
        "data": e.data,
        "reason": e.reason,
    }


def event_details(data: dict[str, Any]) -> str:
    """What an event recorded, in words, for the detention page's timeline ('ground: own interests')."""

    def value(v: Any) -> str:
        if isinstance(v, bool):
            return "yes" if v else "no"
        if isinstance(v, dict):
            return ", ".join(
                f"{law.words(k)} {value(x)}" for k, x in sorted(v.items()) if x not in ("", None, [], {})
            )
        if isinstance(v, list):
            return ", ".join(value(x) for x in v)
        return law.words(str(v))

    return "; ".join(  # sorted: PostgreSQL's jsonb does not keep the order keys were written in
        f"{law.words(k)}: {value(v)}"
        for k, v in sorted(data.items())
        if v not in ("", None, [], {}) and k not in ("checks", "informed_of", "strip_search")
    )


def strip_search_dict(s: StripSearch) -> dict[str, Any]:
    return {
        "id": s.pk,
        "version": s.version,
        "stage": s.stage,
        "requested_at": iso(s.requested_at),
        "grounds": s.grounds,
        "object_sought": s.object_sought,
        "authorisation_required": s.authorisation_required,
        "authorising_rank": s.authorising_rank,
        "authorised_at": iso(s.authorised_at),
        "decision_note": s.decision_note,
        "route": s.route,
        "aa_name": s.aa_name,
        "aa_signed": s.aa_signed,
        "urgency_reason": s.urgency_reason,
        "inspector_notified": s.inspector_notified,
        "location": s.location,
        "persons_present": s.persons_present,
        "result": s.result,
        "completed_at": iso(s.completed_at),
        "follow_ups": [
            {"id": f.pk, "kind": f.kind, "rule": f.rule, "done_at": iso(f.done_at)}
            for f in (getattr(s, "prefetched_follow_ups", None) or s.follow_ups.all())
        ],
    }


def detention_detail(d: Detention, status: DetentionStatus) -> dict[str, Any]:
    out = detention_summary(d, status)
    out.update(
        {
            "arrested_at": iso(d.arrested_at),
            "arrest_place": d.arrest_place,
            "detention_authorised_at": iso(d.detention_authorised_at),
            "offences": d.offences,
            "sex": d.sex,
            "welfare_person": d.welfare_person,
            "events": [event_dict(e) for e in getattr(d, "timeline", None) or d.events.order_by("sequence")],
            "strip_searches": [
                strip_search_dict(s) for s in getattr(d, "searches", None) or d.strip_searches.all()
            ],
            "concordat": law.concordat_record(status.facts, status.at),
        }
    )
    return out


# --- for templates ---------------------------------------------------------------------------------------

URGENCY_TAG = {
    "overdue": ("Overdue", "govuk-tag--red"),
    "due_soon": ("Due soon", "govuk-tag--orange"),
    "ok": ("On time", "govuk-tag--green"),
    "none": ("None due", "govuk-tag--grey"),
}
AA_TAG = {
    "present": ("Present", "govuk-tag--green"),
    "requested": ("Requested", "govuk-tag--yellow"),
    "left": ("Left", "govuk-tag--grey"),
    "not_requested": ("Not requested", "govuk-tag--red"),
}
TRANSFER_TAG = {
    "not_applicable": ("Not applicable", "govuk-tag--grey"),
    "required_not_requested": ("Required: not requested", "govuk-tag--red"),
    "requested": ("Requested", "govuk-tag--yellow"),
    "secure_offered": ("Secure offered", "govuk-tag--blue"),
    "non_secure_offered": ("Non-secure offered", "govuk-tag--blue"),
    "refused": ("LA refused", "govuk-tag--red"),
    "certificate_a": ("Certificate (a)", "govuk-tag--purple"),
    "certificate_b": ("Certificate (b)", "govuk-tag--purple"),
    "completed": ("Transferred", "govuk-tag--green"),
}


def hours_minutes(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes // 60}h {minutes % 60:02d}m"


_DETENTION_HREF: list[str] = []


def detention_href(pk: int) -> str:
    """The detention page URL without a `reverse()` per row (500 rows on a busy board)."""
    if not _DETENTION_HREF:
        from django.urls import reverse

        _DETENTION_HREF.append(reverse("custody:detention", kwargs={"detention_id": 999999999}))
    return _DETENTION_HREF[0].replace("999999999", str(pk))


_ROW = (
    '<tr class="govuk-table__row">'
    '<th scope="row" class="govuk-table__header">{child}<br>'
    '<span class="govuk-body-s">{number}{charged}</span></th>'
    '<td class="govuk-table__cell">{held}<br><span class="govuk-body-s">since {arrived}</span></td>'
    '<td class="govuk-table__cell">{limit}</td>'
    '<td class="govuk-table__cell"><strong class="govuk-tag {review_class}">{review}</strong>'
    '<br><span class="govuk-body-s">{next_review}</span></td>'
    '<td class="govuk-table__cell"><strong class="govuk-tag {aa_class}">{aa}</strong></td>'
    '<td class="govuk-table__cell"><strong class="govuk-tag {welfare_class}">{welfare}</strong></td>'
    '<td class="govuk-table__cell"><strong class="govuk-tag {transfer_class}">{transfer}</strong></td>'
    '<td class="govuk-table__cell">{overnight}</td>'
    '<td class="govuk-table__cell custody-problems">{problems}</td>'
    "</tr>"
)


def board_row_html(row: dict[str, Any], *, linked: bool) -> SafeString:
    """One board row as GOV.UK table markup (every value escaped by format_html)."""
    child = (
        format_html('<a class="govuk-link" href="{}">{}</a>', row["href"], row["child"])
        if linked
        else row["child"]
    )
    overnight = (
        format_html(
            '<strong class="govuk-tag govuk-tag--orange">At risk</strong><br>'
            '<span class="govuk-body-s">{}</span>',
            row["overnight_reason"],
        )
        if row["overnight"]
        else mark_safe('<span class="govuk-body-s">No</span>')  # noqa: S308 - constant markup
    )
    problems = (
        format_html(
            '<ul class="govuk-list govuk-list--bullet govuk-body-s">{}</ul>',
            format_html_join("", "<li>{}</li>", ((p,) for p in row["problems"])),
        )
        if row["problems"]
        else mark_safe('<span class="govuk-body-s">None</span>')  # noqa: S308 - constant markup
    )
    return format_html(
        _ROW,
        child=child,
        number=row["custody_number"],
        charged=" · charged" if row["charged"] else "",
        held=row["time_held"],
        arrived=row["arrived"],
        limit=row["limit"],
        review_class=row["review_tag"][1],
        review=row["review_tag"][0],
        next_review=row["next_review"],
        aa_class=row["aa_tag"][1],
        aa=row["aa_tag"][0],
        welfare_class="govuk-tag--green" if row["welfare_ok"] else "govuk-tag--red",
        welfare="Informed" if row["welfare_ok"] else "Not informed",
        transfer_class=row["transfer_tag"][1],
        transfer=row["transfer_tag"][0],
        overnight=overnight,
        problems=problems,
    )


def board_row(entry: Any, *, html: bool | None = None) -> dict[str, Any]:
    """The row's values; with `html` True/False also its markup, with or without the detention link."""
    row = _board_row(entry)
    if html is not None:
        row["html"] = board_row_html(row, linked=html)
    return row


def _board_row(entry: Any) -> dict[str, Any]:
    d, s = entry.detention, entry.status
    return {
        "id": d.pk,
        "href": detention_href(d.pk),
        "custody_number": d.custody_number,
        "child": child_name(d),
        "time_held": hours_minutes(s.time_held),
        "arrived": law.show(d.arrived_at),
        "limit": law.show(s.detention_limit),
        "charged": s.charged_at is not None,
        "next_review": law.show(s.review_overdue_since or s.next_review_due) if s.next_review_due else "None",
        "review_tag": URGENCY_TAG[s.review_urgency],
        "aa_tag": AA_TAG[s.aa_status],
        "welfare": "Informed " + law.show(s.welfare_informed_at)[-5:]
        if s.welfare_informed_at
        else "Not informed",
        "welfare_ok": s.welfare_informed_at is not None,
        "transfer_tag": TRANSFER_TAG.get(s.transfer_state, (s.transfer_state, "govuk-tag--grey")),
        "overnight": s.overnight,
        "overnight_reason": s.overnight_reason,
        "problems": [f"{p.rule} {p.message}" for p in s.problems],
        "alerts": entry.alerts[:3],
    }
