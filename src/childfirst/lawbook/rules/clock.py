"""The PACE detention clock: relevant time, limits and extensions (CUS-12), reviews (CUS-13), and the
Met's overnight and weekend definitions (CUS-23). Every instant is an argument; nothing reads "now".
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from childfirst.lawbook.decision import Decision, Reason
from childfirst.lawbook.errors import InputError
from childfirst.lawbook.parameters import DatedValue, default_parameters
from childfirst.lawbook.ranks import rank_at_least
from childfirst.lawbook.rules.common import (
    a_bool,
    an_int,
    because,
    law_date,
    one_of,
    param,
    param_or_none,
)
from childfirst.lawbook.timeutil import LONDON, aware, hours, london_wall, optional_aware

EXTENSION_KINDS = ("superintendent", "warrant", "warrant_extension")
OFFENCE_TYPES = ("summary", "either_way", "indictable_only")
_H = dt.timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class Extension:
    """An extension of detention: a superintendent's authorisation (s.42), a magistrates' warrant of
    further detention (s.43) or an extension of that warrant (s.44). `until` is the end of the period
    authorised; if omitted, the longest the law allows is assumed."""

    kind: str
    granted_at: dt.datetime
    until: dt.datetime | None = None

    @classmethod
    def coerce(cls, field: str, value: object) -> Extension:
        if isinstance(value, Extension):
            ext = value
        elif isinstance(value, Mapping):
            extra = set(value) - {"kind", "granted_at", "until"}
            if extra:
                raise InputError(f"{field}.{sorted(extra)[0]}", "unexpected field")
            if "kind" not in value or "granted_at" not in value:
                missing = "kind" if "kind" not in value else "granted_at"
                raise InputError(f"{field}.{missing}", "missing")
            ext = cls(kind=value["kind"], granted_at=value["granted_at"], until=value.get("until"))
        else:
            raise InputError(field, "must be an object with kind, granted_at and optional until")
        one_of(f"{field}.kind", ext.kind, EXTENSION_KINDS)
        aware(f"{field}.granted_at", ext.granted_at)
        optional_aware(f"{field}.until", ext.until)
        if ext.until is not None and ext.until <= ext.granted_at:
            raise InputError(f"{field}.until", "is not after granted_at")
        return ext


def relevant_time(arrest_time: dt.datetime, arrival_time: dt.datetime) -> tuple[dt.datetime, str, Reason]:
    """s.41(2)(d): the earlier of arrival at the first police station and 24 h after arrest."""
    cap = param("CUS-12.relevant_time_after_arrest", law_date(arrest_time))
    latest = arrest_time + cap.value * _H
    if arrival_time <= latest:
        when, basis = arrival_time, "arrival at the first police station"
    else:
        when, basis = latest, f"{cap.value} hours after arrest (arrival was later)"
    reason = because(
        "CUS-12",
        f"Relevant time is {basis}.",
        {"relevant_time_after_arrest_hours": cap.value, "relevant_time": when.isoformat()},
        by=cap,
    )
    return when, basis, reason


def extension_valid(
    *,
    kind: str,
    granted_at: dt.datetime,
    relevant_time: dt.datetime,
    until: dt.datetime | None = None,
    offence_type: str | None = None,
    necessary_for_evidence: bool | None = None,
    diligent_and_expeditious: bool | None = None,
    reviews_held_before: int | None = None,
    applied_at: dt.datetime | None = None,
    court_could_not_sit: bool = False,
    authorising_rank: str | None = None,
    further_to_authorisation_until: dt.datetime | None = None,
) -> Decision:
    """CUS-12: is this extension of detention lawful, and until when does it authorise detention?

    `kind`: superintendent (s.42) | warrant (s.43) | warrant_extension (s.44). For a superintendent give
    offence_type, necessary_for_evidence, diligent_and_expeditious and reviews_held_before; for a warrant
    the application time `applied_at` (and `court_could_not_sit` if applied in the grace period). Give
    `authorising_rank` to check a superintendent's authorisation is by that rank or above. A further
    superintendent's authorisation under s.42(2) gives `further_to_authorisation_until`, the end of the
    authorisation it extends: the s.42(4) timing limits (not more than 24 h after the relevant time, not
    before the second review) govern only the first authorisation, but the further one must be given
    while the earlier one runs and the s.42(1) conditions must still be satisfied.
    Outcome: valid, until (the end of the authorised period, capped by law), problems.
    """
    kind = one_of("kind", kind, EXTENSION_KINDS)
    granted_at = aware("granted_at", granted_at)
    relevant_time = aware("relevant_time", relevant_time)
    until = optional_aware("until", until)
    applied_at = optional_aware("applied_at", applied_at)
    further_to = optional_aware("further_to_authorisation_until", further_to_authorisation_until)
    if further_to is not None and kind != "superintendent":
        raise InputError("further_to_authorisation_until", "applies only to a superintendent's authorisation")
    if granted_at < relevant_time:
        raise InputError("granted_at", "is before the relevant time")
    on = law_date(relevant_time)
    problems: list[str] = []
    reasons: list[Reason] = []
    if kind == "superintendent":
        if authorising_rank is not None:
            minimum = param("CUS-12.extension_minimum_rank", on)
            if not rank_at_least(authorising_rank, minimum.value, field="authorising_rank"):
                problems.append("authorised_below_superintendent")
                reasons.append(
                    because(
                        "CUS-12",
                        f"Only a {minimum.value} or above may authorise continued detention.",
                        {"authorising_rank": authorising_rank, "minimum_rank": minimum.value},
                        by=minimum,
                    )
                )
        limit = param("CUS-12.superintendent_limit", on)
        latest = param("CUS-12.superintendent_latest_authorisation", on)
        needed = param("CUS-12.superintendent_reviews_needed", on)
        types = param("CUS-12.superintendent_offence_types", on)
        cap = relevant_time + limit.value * _H
        end = cap if until is None else min(until, cap)
        if until is not None and until > cap:
            problems.append("until_beyond_superintendent_limit")
        reasons.append(
            because(
                "CUS-12",
                "A superintendent may authorise detention up to this limit.",
                {"superintendent_limit_hours": limit.value, "cap": cap.isoformat()},
                by=limit,
            )
        )
        if further_to is not None:
            reasons.append(
                because(
                    "CUS-12",
                    "A further authorisation (s.42(2)) is not bound by the s.42(4) timing limits, "
                    "but must be given while the earlier authorisation runs.",
                    {
                        "earlier_authorisation_until": further_to.isoformat(),
                        "granted_at": granted_at.isoformat(),
                    },
                    by=limit,
                )
            )
            if granted_at > further_to:
                problems.append("earlier_authorisation_expired")
        elif granted_at > relevant_time + latest.value * _H:
            problems.append("granted_too_late")
            reasons.append(
                because(
                    "CUS-12",
                    "Authorisation given more than the permitted time after the relevant time.",
                    {"latest_hours": latest.value, "granted_at": granted_at.isoformat()},
                    by=latest,
                )
            )
        if offence_type is None:
            raise InputError(
                "offence_type", f"required for a superintendent extension: {', '.join(OFFENCE_TYPES)}"
            )
        one_of("offence_type", offence_type, OFFENCE_TYPES)
        if offence_type not in types.value:
            problems.append("offence_not_indictable")
            reasons.append(
                because(
                    "CUS-12",
                    "Extension needs an indictable (or either-way) offence.",
                    {"offence_type": offence_type, "allowed": types.value},
                    by=types,
                )
            )
        for field, given in (
            ("necessary_for_evidence", necessary_for_evidence),
            ("diligent_and_expeditious", diligent_and_expeditious),
        ):
            if given is None:
                raise InputError(field, "required for a superintendent extension (true or false)")
            if not a_bool(field, given):
                problems.append(f"not_{field}")
                reasons.append(
                    because(
                        "CUS-12", f"Condition not met: {field.replace('_', ' ')}.", {field: False}, by=limit
                    )
                )
        if reviews_held_before is None:
            raise InputError("reviews_held_before", "required for a superintendent extension")
        if (
            an_int("reviews_held_before", reviews_held_before, minimum=0) < needed.value
            and further_to is None
        ):
            problems.append("before_second_review")
            reasons.append(
                because(
                    "CUS-12",
                    "Authorisation may not be given before the second review.",
                    {"reviews_held_before": reviews_held_before, "needed": needed.value},
                    by=needed,
                )
            )
    else:
        period = param("CUS-12.warrant_max_period", on)
        absolute = param("CUS-12.absolute_limit", on)
        cap = min(granted_at + period.value * _H, relevant_time + absolute.value * _H)
        end = cap if until is None else min(until, cap)
        if until is not None and until > granted_at + period.value * _H:
            problems.append("until_beyond_warrant_period")
            reasons.append(
                because(
                    "CUS-12",
                    "A warrant (or its extension) may authorise at most this period.",
                    {"warrant_max_period_hours": period.value},
                    by=period,
                )
            )
        if until is not None and until > relevant_time + absolute.value * _H:
            problems.append("beyond_absolute_limit")
        reasons.append(
            because(
                "CUS-12",
                "No extension may end later than the absolute limit after the relevant time.",
                {
                    "absolute_limit_hours": absolute.value,
                    "absolute_limit": (relevant_time + absolute.value * _H).isoformat(),
                },
                by=absolute,
            )
        )
        if kind == "warrant" and applied_at is not None:
            sup = param("CUS-12.superintendent_limit", on)
            grace = param("CUS-12.warrant_application_grace", on)
            deadline = relevant_time + sup.value * _H
            if court_could_not_sit:
                deadline += grace.value * _H
            if applied_at > deadline:
                problems.append("application_too_late")
                reasons.append(
                    because(
                        "CUS-12",
                        "Warrant application made after the deadline.",
                        {"deadline": deadline.isoformat(), "court_could_not_sit": court_could_not_sit},
                        by=grace,
                    )
                )
    valid = not problems
    reasons.insert(
        0,
        because(
            "CUS-12",
            "Extension is lawful." if valid else "Extension is not lawful.",
            {"kind": kind, "problems": problems},
        ),
    )
    return Decision("CUS-12", {"valid": valid, "until": end, "problems": problems}, reasons)


def review_schedule(
    authorised_time: dt.datetime,
    reviews_held: Sequence[dt.datetime],
    reviews_postponed: Sequence[dt.datetime],
    end: dt.datetime,
    charged_at: dt.datetime | None,
) -> tuple[list[dict[str, Any]], dt.datetime | None, Reason]:
    """CUS-13: the review timetable. A review held late counts from when it was due (no reset)."""
    on = law_date(authorised_time)
    first = param("CUS-13.first_review_after", on)
    interval = param("CUS-13.review_interval", on)
    held = sorted(reviews_held)
    postponed = sorted(reviews_postponed)
    schedule: list[dict[str, Any]] = []
    due = authorised_time + first.value * _H
    previous_anchor = authorised_time
    index = 0
    next_due: dt.datetime | None = None
    while True:
        when = held[index] if index < len(held) else None
        reviewer = "custody_officer" if charged_at is not None and due > charged_at else "inspector"
        if when is None:
            if due < end:
                schedule.append(
                    {"number": index + 1, "due": due, "held": None, "status": "missed", "reviewer": reviewer}
                )
                # The law still expects the next review on the original timetable.
                previous_anchor = due
                due = due + interval.value * _H
                if len(schedule) > 500:  # safety: absurd timelines
                    break
                continue
            next_due = due
            break
        if when <= due:
            status, anchor = "held_on_time", when
        else:
            was_postponed = any(previous_anchor < p <= due for p in postponed)
            status = "held_late_postponed" if was_postponed else "held_late"
            anchor = due
        schedule.append(
            {"number": index + 1, "due": due, "held": when, "status": status, "reviewer": reviewer}
        )
        previous_anchor = anchor
        due = anchor + interval.value * _H
        index += 1
    reason = because(
        "CUS-13",
        f"First review due {first.value} h after detention was authorised, then at most {interval.value} h "
        "after the previous review (counted from when a postponed review was due).",
        {"first_review_after_hours": first.value, "review_interval_hours": interval.value},
        by=interval,
    )
    return schedule, next_due, reason


def _shown(h: float) -> float:
    """Hours shown to 4 decimals, rounded DOWN: 3 h 59 min 59.9999 s must not be shown as 4.0 beside
    'not overnight'."""
    return math.floor(h * 10_000) / 10_000


def _metric(key: str, on: dt.date) -> DatedValue:
    """A CUS-23 reporting definition. It is a way of measuring, not a duty, so a detention before the Met
    first reported on it (November 2014) is measured by the definition as first published rather than
    refused: PACE detentions from 1986 must still get a clock."""
    found = param_or_none(key, on)
    return found if found is not None else default_parameters().parameter(key).values[0]


def _night_windows(
    start: dt.datetime, end: dt.datetime, on: dt.date
) -> list[tuple[dt.datetime, dt.datetime]]:
    s_hour = _metric("CUS-23.night_starts_at_hour", on).value
    e_hour = _metric("CUS-23.night_ends_at_hour", on).value
    first_day = start.astimezone(LONDON).date() - dt.timedelta(days=1)
    last_day = end.astimezone(LONDON).date()
    windows = []
    day = first_day
    while day <= last_day:
        windows.append((london_wall(day, s_hour), london_wall(day, e_hour)))
        day += dt.timedelta(days=1)
    return windows


def overnight(*, start: dt.datetime, end: dt.datetime) -> Decision:
    """CUS-23: held 4+ consecutive hours between 00:00 and 08:00 Europe/London (real elapsed hours).

    Outcome: overnight (bool), longest_night_hours, nights (London dates of nights that qualified).
    """
    start = aware("start", start)
    end = aware("end", end)
    if end < start:
        raise InputError("end", "is before start")
    on = law_date(start)
    minimum = _metric("CUS-23.overnight_minimum", on)
    best = 0.0
    nights: list[dt.date] = []
    for w_start, w_end in _night_windows(start, end, on):
        overlap = min(end, w_end) - max(start, w_start)
        if overlap > dt.timedelta(0):
            h = hours(overlap)
            best = max(best, h)
            if h >= minimum.value:
                nights.append(w_start.astimezone(LONDON).date())  # the London date, not UTC
    is_overnight = bool(nights)
    reason = because(
        "CUS-23",
        ("Held" if is_overnight else "Not held")
        + f" {minimum.value} or more consecutive hours in the overnight window (Europe/London).",
        {"overnight_minimum_hours": minimum.value, "longest_night_hours": _shown(best)},
        by=minimum,
    )
    return Decision(
        "CUS-23",
        {"overnight": is_overnight, "longest_night_hours": _shown(best), "nights": nights},
        [reason],
    )


def weekend(*, start: dt.datetime, end: dt.datetime) -> Decision:
    """CUS-23: at least 4 hours in custody on a Saturday/Sunday and still held at 00:00 on the following
    Monday (Europe/London). Outcome: weekend (bool), weekend_hours."""
    start = aware("start", start)
    end = aware("end", end)
    if end < start:
        raise InputError("end", "is before start")
    on = law_date(start)
    minimum = _metric("CUS-23.weekend_minimum", on)
    day = start.astimezone(LONDON).date()
    # Saturday on or before the start's date (weekday 5), so a detention starting on Sunday counts.
    saturday = day - dt.timedelta(days=(day.weekday() - 5) % 7)
    qualified = False
    best = 0.0
    while saturday <= end.astimezone(LONDON).date():
        w_start = london_wall(saturday, 0)
        monday = london_wall(saturday + dt.timedelta(days=2), 0)
        overlap = min(end, monday) - max(start, w_start)
        if overlap > dt.timedelta(0):
            h = hours(overlap)
            best = max(best, h)
            if h >= minimum.value and end >= monday:
                qualified = True
        saturday += dt.timedelta(days=7)
    reason = because(
        "CUS-23",
        ("Weekend detention" if qualified else "Not a weekend detention")
        + f": {minimum.value}+ hours on Saturday/Sunday and released on the following Monday or later.",
        {"weekend_minimum_hours": minimum.value, "weekend_hours": _shown(best)},
        by=minimum,
    )
    return Decision("CUS-23", {"weekend": qualified, "weekend_hours": _shown(best)}, [reason])


def detention_clock(
    arrest_time: dt.datetime,
    arrival_time: dt.datetime,
    authorised_time: dt.datetime,
    *,
    reviews_held: Sequence[dt.datetime] = (),
    reviews_postponed: Sequence[dt.datetime] = (),
    extensions: Sequence[Extension | Mapping[str, Any]] = (),
    charged_at: dt.datetime | None = None,
    released_at: dt.datetime | None = None,
    at: dt.datetime,
) -> Decision:
    """CUS-12/13/23: the whole custody clock for one detention, as it stands at instant `at`.

    Outcome fields:
      relevant_time, relevant_time_basis; detention_limit (24 h from the relevant time, or as extended by
      valid `extensions`), limit_basis, extensions_not_applied (indexes in time order of extensions the
      clock could not apply: too late, or a superintendent's before the second review);
      hours_since_relevant_time (to charge, release or `at`);
      limit_exceeded; status (detained_pre_charge | detained_post_charge | released); reviews (timetable
      with statuses held_on_time / held_late_postponed / held_late / missed); next_review_due (None once
      released); review_overdue; overnight, longest_night_hours; weekend.
    Extensions invalid on their face (e.g. beyond 96 h) are capped at what the law allows and reported.
    A superintendent's authorisation given while an earlier one runs is a further authorisation (s.42(2)):
    it may come after 24 h and extends to the same cap. A warrant granted after a full superintendent's
    period applies if granted within the s.43(5)(b) grace (the grant time stands in for the application
    time). A warrant extension (s.44) applies only to a warrant in force.
    """
    arrest_time = aware("arrest_time", arrest_time)
    arrival_time = aware("arrival_time", arrival_time)
    authorised_time = aware("authorised_time", authorised_time)
    at = aware("at", at)
    charged_at = optional_aware("charged_at", charged_at)
    released_at = optional_aware("released_at", released_at)
    if arrival_time < arrest_time:
        raise InputError("arrival_time", "is before arrest_time (impossible timeline)")
    if authorised_time < arrival_time:
        raise InputError("authorised_time", "is before arrival_time (impossible timeline)")
    if charged_at is not None and charged_at < arrest_time:
        raise InputError("charged_at", "is before arrest_time (impossible timeline)")
    if charged_at is not None and charged_at < arrival_time:
        raise InputError("charged_at", "is before arrival_time (impossible timeline)")
    if released_at is not None and released_at < arrival_time:
        raise InputError("released_at", "is before arrival_time (impossible timeline)")
    if released_at is not None and charged_at is not None and released_at < charged_at:
        raise InputError("released_at", "is before charged_at (impossible timeline)")
    if at < arrival_time:
        raise InputError("at", "is before arrival_time")
    held = [aware(f"reviews_held[{i}]", r) for i, r in enumerate(reviews_held)]
    postponed = [aware(f"reviews_postponed[{i}]", r) for i, r in enumerate(reviews_postponed)]
    for i, r in enumerate(held):
        if r < authorised_time:
            raise InputError(f"reviews_held[{i}]", "is before authorised_time")
        if r > at:
            raise InputError(
                f"reviews_held[{i}]", "is after `at` (a review cannot be recorded in the future)"
            )
        if released_at is not None and r > released_at:
            raise InputError(f"reviews_held[{i}]", "is after released_at")
    exts = [Extension.coerce(f"extensions[{i}]", e) for i, e in enumerate(extensions)]

    rt, rt_basis, rt_reason = relevant_time(arrest_time, arrival_time)
    on = law_date(arrest_time)
    base = param("CUS-12.limit_without_charge", on)
    limit = rt + base.value * _H
    limit_basis = "limit_without_charge"
    reasons: list[Reason] = [rt_reason]
    reasons.append(
        because(
            "CUS-12",
            "Detention without charge limited to this period from the relevant time.",
            {"limit_without_charge_hours": base.value, "limit": limit.isoformat()},
            by=base,
        )
    )
    invalid_extensions: list[int] = []
    for i, ext in enumerate(sorted(exts, key=lambda e: e.granted_at)):
        why_not = "granted outside the period it could extend"
        # The latest instant at which this extension can still take effect: normally the current limit.
        in_time_until = limit
        if ext.kind == "superintendent":
            sup = param("CUS-12.superintendent_limit", on)
            latest = param("CUS-12.superintendent_latest_authorisation", on)
            needed = param("CUS-12.superintendent_reviews_needed", on)
            cap = rt + sup.value * _H
            end = cap if ext.until is None else min(ext.until, cap)
            used = sup
            reviews_before = sum(1 for r in held if r <= ext.granted_at)
            if limit_basis == "superintendent":
                # s.42(2): a further authorisation, up to the same cap, while the first is running. The
                # s.42(4) conditions (24 h, second review) bind only the first authorisation.
                ok = ext.granted_at >= rt
            else:
                ok = rt <= ext.granted_at <= rt + latest.value * _H
                if ok and reviews_before < needed.value:
                    ok, used = False, needed
                    why_not = f"given before review {needed.value} was carried out ({reviews_before} held)"
        else:
            period = param("CUS-12.warrant_max_period", on)
            absolute = param("CUS-12.absolute_limit", on)
            cap = min(ext.granted_at + period.value * _H, rt + absolute.value * _H)
            end = cap if ext.until is None else min(ext.until, cap)
            ok = ext.granted_at >= rt
            used = absolute
            sup_cap = rt + param("CUS-12.superintendent_limit", on).value * _H
            if ext.kind == "warrant" and limit_basis == "superintendent" and limit == sup_cap:
                # s.43(5)(b), (6): if no court could sit when the superintendent's period expired, the
                # application may be made up to the grace period later and the person kept until it is
                # heard. The grant time stands in for the (unknown) application time: conservative.
                grace = param("CUS-12.warrant_application_grace", on)
                in_time_until = limit + grace.value * _H
                used = grace
            if ext.kind == "warrant_extension" and limit_basis not in ("warrant", "warrant_extension"):
                ok = False
                why_not = "an extension under s.44 needs a warrant of further detention in force"
        if ok and ext.granted_at <= in_time_until and end > limit:
            limit, limit_basis = end, ext.kind
            reasons.append(
                because(
                    "CUS-12",
                    f"Detention extended ({ext.kind}).",
                    {"granted_at": ext.granted_at.isoformat(), "until": end.isoformat()},
                    by=used,
                )
            )
        else:
            invalid_extensions.append(i)
            reasons.append(
                because(
                    "CUS-12",
                    f"Extension {i + 1} ({ext.kind}) not applied: {why_not}.",
                    {"granted_at": ext.granted_at.isoformat()},
                    by=used,
                )
            )
    stop = min(x for x in (charged_at, released_at, at) if x is not None)
    hours_pre_charge = hours(stop - rt) if stop > rt else 0.0
    limit_exceeded = stop > limit
    if limit_exceeded:
        reasons.append(
            because(
                "CUS-12",
                "Held without charge beyond the detention limit.",
                {"limit": limit.isoformat(), "until": stop.isoformat()},
                by=base,
            )
        )
    end = released_at if released_at is not None and released_at <= at else at
    status = (
        "released"
        if released_at is not None and released_at <= at
        else "detained_post_charge"
        if charged_at is not None and charged_at <= at
        else "detained_pre_charge"
    )
    schedule, next_due, review_reason = review_schedule(authorised_time, held, postponed, end, charged_at)
    reasons.append(review_reason)
    if status == "released":
        next_due = None
    review_overdue = any(r["status"] == "missed" for r in schedule)
    night = overnight(start=arrival_time, end=end)
    week = weekend(start=arrival_time, end=end)
    reasons.extend(night.reasons)
    reasons.extend(week.reasons)
    outcome: dict[str, Any] = {
        "relevant_time": rt,
        "relevant_time_basis": rt_basis,
        "detention_limit": limit,
        "limit_basis": limit_basis,
        "extensions_not_applied": invalid_extensions,
        "hours_since_relevant_time": round(hours_pre_charge, 4),
        "limit_exceeded": limit_exceeded,
        "status": status,
        "reviews": schedule,
        "next_review_due": next_due,
        "review_overdue": review_overdue,
        "overnight": night["overnight"],
        "longest_night_hours": night["longest_night_hours"],
        "weekend": week["weekend"],
    }
    return Decision("CUS-12", outcome, reasons)


__all__ = ["Extension", "detention_clock", "extension_valid", "overnight", "review_schedule", "weekend"]
