"""Custody measures for the progress report: overnight and weekend detentions (CUS-23), hours in custody
after charge, s.38(6) transfers requested / accepted / completed (Concordat principle 7), strip searches
with an AA present and with authorisation, reviews on time, and minutes until the AA arrives.

The force's own custody records become **journey events** in the analytics contract
(`childfirst.analytics.measures`), one row per step a detention (or a review, or a strip search)
reached, plus three custody columns: `suite`, `pilot` and `value` (a duration, for the median measures).
Each measure is registered once; `breakdown(key, events, by=("suite", "month", "ethnicity"))` gives it
by suite (pilot suites flagged), month and ethnicity. A suite is a pilot if `CustodySuite.is_pilot` is
set (data) or its code is in `settings.CUSTODY_PILOT_SUITES` (configuration).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from typing import Any

import duckdb
import pyarrow as pa
from django.conf import settings
from django.utils import timezone

from childfirst.analytics.measures import GroupCount, Measure, register
from childfirst.lawbook import default_parameters
from childfirst.lawbook.timeutil import LONDON

from . import law
from .board import for_board, status_for
from .models import Detention, SafeguardRoute

COLUMNS = (
    "step",
    "journey_ref",
    "subject_ref",
    "occurred_utc",
    "month",
    "force",
    "borough_code",
    "age_band",
    "ethnicity",
    "suite",
    "pilot",
    "value",
)
SOURCE = "The force's own custody records (ChildFirst custody timeline)"
CUSTODY_ROLES = frozenset({"analyst", "supervisor", "administrator"})


def pilot_codes() -> set[str]:
    return set(getattr(settings, "CUSTODY_PILOT_SUITES", ()))


def _ethnicity(child: Any) -> str | None:
    from childfirst.people.choices import five_group

    value = getattr(child, "ethnicity_self_defined", "")
    if not value or value == "not_stated":
        return None
    return five_group(value).title() or None


def detention_rows(detentions: Iterable[Detention], at: dt.datetime) -> list[dict[str, Any]]:
    """Journey-event rows for each detention (use `with_timeline` querysets: no query per detention)."""
    force = getattr(settings, "CHILDFIRST_FORCE", "metropolitan")
    pilots = pilot_codes()
    rows: list[dict[str, Any]] = []
    for d in detentions:
        status = status_for(d, at)
        f = status.facts
        base = {
            "subject_ref": d.child.pseudonymous_ref,
            "month": d.arrived_at.astimezone(LONDON).strftime("%Y-%m"),
            "force": force,
            "borough_code": d.suite.borough.code if d.suite.borough_id else None,
            "age_band": "10-17" if status.is_juvenile else "18+",
            "ethnicity": _ethnicity(d.child),
            "suite": d.suite.name,
            "pilot": d.suite.is_pilot or d.suite.code in pilots,
        }
        ref = f"detention:{d.pk}"

        def add(
            step: str, when: dt.datetime, journey: str = ref, value: float | None = None, base: dict = base
        ) -> None:
            rows.append({**base, "step": step, "journey_ref": journey, "occurred_utc": when, "value": value})

        end = f.ended_at or at
        add("custody", d.arrived_at, value=(end - d.arrived_at).total_seconds() / 3600)
        if law.overnight(d.arrived_at, end):
            add("custody_overnight", d.arrived_at)
        if law.weekend(d.arrived_at, end):
            add("custody_weekend", d.arrived_at)
        if f.charged_at:
            add("charge", f.charged_at)
        if f.charged_at and f.bail_decision == "refused":
            add("charged_detained", f.charged_at, value=(end - f.charged_at).total_seconds() / 3600)
            if f.transfer_requested_at:
                add("transfer_requested", f.transfer_requested_at)
            if f.transfer_response in ("secure_offered", "non_secure_offered"):
                add("transfer_accepted", f.transfer_response_at or f.transfer_requested_at or f.charged_at)
            if f.transfer_completed_at:
                add("transfer_completed", f.transfer_completed_at)
        if f.aa_arrived_at:
            add("aa_arrival", f.aa_arrived_at, value=(f.aa_arrived_at - d.arrived_at).total_seconds() / 60)
        for review in law.clock(d, f, at)["reviews"]:
            if review["due"] > at:
                continue
            rref = f"{ref}:review:{review['number']}"
            add("review_due", review["due"], rref)
            if review["status"] == "held_on_time":
                add("review_on_time", review["held"], rref)
        for search in getattr(d, "searches", None) or d.strip_searches.all():
            sref = f"{ref}:strip_search:{search.pk}"
            add("strip_search", search.requested_at, sref)
            if search.route == SafeguardRoute.AA_PRESENT:
                add("strip_search_aa_present", search.requested_at, sref)
            if search.authorised_by_id:
                add("strip_search_authorised", search.authorised_at or search.requested_at, sref)
    return rows


def journey_events(
    con: duckdb.DuckDBPyConnection,
    detentions: Iterable[Detention] | None = None,
    at: dt.datetime | None = None,
) -> duckdb.DuckDBPyRelation:
    """Custody journey events as a DuckDB relation (the analytics contract plus suite, pilot, value)."""
    at = at or timezone.now()
    if detentions is None:
        detentions = for_board(Detention.objects.select_related("suite__borough").all())
    rows = detention_rows(detentions, at)
    table = pa.table(
        {
            name: pa.array(
                [r[name] for r in rows],
                type={
                    "occurred_utc": pa.timestamp("us", tz="UTC"),
                    "pilot": pa.bool_(),
                    "value": pa.float64(),
                }.get(name, pa.string()),
            )
            for name in COLUMNS
        }
    )
    return con.from_arrow(table)


# --- compute functions (the analytics contract: grouped by ethnicity) ----------------------------------


def _group(value: Any) -> str:
    return "Not stated" if value is None else str(value)


def share(step: str, of_step: str):
    """Of the journeys that reached `of_step`, how many also reached `step` (per ethnic group)."""

    def compute(events: duckdb.DuckDBPyRelation) -> list[GroupCount]:
        rows = (
            events.filter(f"step IN ('{step}', '{of_step}')")
            .select("step, journey_ref, ethnicity")
            .fetchall()
        )
        base: dict[str, str] = {}
        hit: set[str] = set()
        for s, ref, eth in rows:
            if s == of_step:
                base[ref] = _group(eth)
            if s == step:
                hit.add(ref)
        out: dict[str, list[int]] = {}
        for ref, group in base.items():
            counts = out.setdefault(group, [0, 0])
            counts[1] += 1
            counts[0] += ref in hit
        return [GroupCount(g, n, d) for g, (n, d) in sorted(out.items())]

    return compute


def median_value(step: str):
    """The median `value` of the events at `step`, per ethnic group (numerator = median, rounded)."""

    def compute(events: duckdb.DuckDBPyRelation) -> list[GroupCount]:
        if "value" not in events.columns:  # journey events without custody durations (e.g. open data)
            return []
        rows = events.filter(f"step = '{step}' AND value IS NOT NULL").select("ethnicity, value").fetchall()
        groups: dict[str, list[float]] = {}
        for eth, value in rows:
            groups.setdefault(_group(eth), []).append(float(value))
        return [GroupCount(g, round(statistics.median(v)), len(v)) for g, v in sorted(groups.items())]

    return compute


# The CUS-23 definition in force today, quoted from the lawbook in the measure definitions.
_CUS23 = {
    name: default_parameters().value(f"CUS-23.{name}", dt.date.today()).value  # noqa: DTZ011 - a calendar date
    for name in ("overnight_minimum", "night_starts_at_hour", "night_ends_at_hour", "weekend_minimum")
}

MEASURES = [
    Measure(
        key="custody.overnight_share",
        name="Children held overnight",
        definition=f"Child detentions held {_CUS23['overnight_minimum']} or more consecutive hours "
        f"between {_CUS23['night_starts_at_hour']:02d}:00 and {_CUS23['night_ends_at_hour']:02d}:00 "
        "(CUS-23), as a share of child detentions. Counts are detentions, not children.",
        source=SOURCE,
        commitment="CS-04",
        indicator="I-T4-5",
        unit="share",
        roles=CUSTODY_ROLES,
        compute=share("custody_overnight", "custody"),
    ),
    Measure(
        key="custody.weekend_share",
        name="Children held over a weekend",
        definition=f"Child detentions held at least {_CUS23['weekend_minimum']} hours on a Saturday or "
        "Sunday and released on the following Monday or later (CUS-23), as a share of child detentions.",
        source=SOURCE,
        commitment="CS-04",
        indicator="I-T4-5",
        unit="share",
        roles=CUSTODY_ROLES,
        compute=share("custody_weekend", "custody"),
    ),
    Measure(
        key="custody.hours_after_charge",
        name="Hours in custody after charge (median)",
        definition="For children charged and refused bail, the median hours from charge to release, "
        "transfer or "
        "now. The denominator is the number of such detentions.",
        source=SOURCE,
        commitment="CS-04",
        indicator="I-T4-8",
        unit="median hours",
        roles=CUSTODY_ROLES,
        compute=median_value("charged_detained"),
    ),
    Measure(
        key="custody.transfer_requested_share",
        name="Transfers to local authority accommodation requested",
        definition="Of the children charged and refused bail, the share for whom a s.38(6) transfer was "
        "requested "
        "(Concordat principle 7).",
        source=SOURCE,
        commitment="CS-04",
        indicator="I-T4-8",
        unit="share",
        roles=CUSTODY_ROLES,
        compute=share("transfer_requested", "charged_detained"),
    ),
    Measure(
        key="custody.transfer_accepted_share",
        name="Transfer requests accepted by the local authority",
        definition="Of the s.38(6) transfer requests, the share where the local authority offered secure or "
        "non-secure accommodation (Concordat principles 4 and 7).",
        source=SOURCE,
        commitment="CS-04",
        indicator="I-T4-8",
        unit="share",
        roles=CUSTODY_ROLES,
        compute=share("transfer_accepted", "transfer_requested"),
    ),
    Measure(
        key="custody.transfer_completed_share",
        name="Children transferred to local authority accommodation",
        definition="Of the children charged and refused bail, the share actually moved to local authority "
        "accommodation (Concordat principles 2 and 7).",
        source=SOURCE,
        commitment="CS-04",
        indicator="I-T4-8",
        unit="share",
        roles=CUSTODY_ROLES,
        compute=share("transfer_completed", "charged_detained"),
    ),
    Measure(
        key="custody.strip_search_aa_share",
        name="Strip searches in custody with an appropriate adult present",
        definition="Of the strip searches of children in custody, the share where the AA was present "
        "(SRC-03).",
        source=SOURCE,
        commitment="CS-05",
        indicator="I-T4-14",
        unit="share",
        roles=CUSTODY_ROLES,
        compute=share("strip_search_aa_present", "strip_search"),
    ),
    Measure(
        key="custody.strip_search_authorised_share",
        name="Strip searches in custody authorised by an inspector",
        definition="Of the strip searches of children in custody, the share authorised by an inspector or "
        "above "
        "(SRC-06).",
        source=SOURCE,
        commitment="CS-05",
        indicator="I-T4-14",
        unit="share",
        roles=CUSTODY_ROLES,
        compute=share("strip_search_authorised", "strip_search"),
    ),
    Measure(
        key="custody.reviews_on_time_share",
        name="Detention reviews held on time",
        definition="Of the detention reviews that fell due, the share held by the time they were due "
        "(CUS-13).",
        source=SOURCE,
        commitment="CS-04",
        unit="share",
        roles=CUSTODY_ROLES,
        compute=share("review_on_time", "review_due"),
    ),
    Measure(
        key="custody.aa_arrival_minutes",
        name="Minutes until the appropriate adult arrives (median)",
        definition="Median minutes from the child's arrival at the station to the appropriate adult's "
        "arrival "
        "(CUS-04). The denominator is the number of detentions where an AA arrived.",
        source=SOURCE,
        commitment="CS-25",
        indicator="I-T4-6",
        unit="median minutes",
        roles=CUSTODY_ROLES,
        compute=median_value("aa_arrival"),
    ),
]

_registered = False


def register_all() -> None:
    """Register the custody measures (idempotent: called from CustodyConfig.ready)."""
    global _registered
    if _registered:
        return
    for measure in MEASURES:
        register(measure)
    _registered = True


def breakdown(
    key: str, events: duckdb.DuckDBPyRelation, by: tuple[str, ...] = ("suite", "month")
) -> list[dict[str, Any]]:
    """The measure per combination of `by` columns (suite, pilot, month), each split by ethnicity."""
    measure = next(m for m in MEASURES if m.key == key)
    cols = ", ".join(by)
    out = []
    for combo in events.select(cols).distinct().order(cols).fetchall():
        cond = " AND ".join(
            f"{c} = ?" if v is not None else f"{c} IS NULL" for c, v in zip(by, combo, strict=True)
        )
        params = [v for v in combo if v is not None]
        sub = events.filter(_bind(cond, params))
        for g in measure.compute(sub):
            out.append(
                {
                    **dict(zip(by, combo, strict=True)),
                    "ethnicity": g.group,
                    "numerator": g.numerator,
                    "denominator": g.denominator,
                }
            )
    return out


def _bind(cond: str, params: list[Any]) -> str:
    """Inline parameters as SQL literals (values come from the data itself: suite names, months, booleans)."""
    for p in params:
        literal = ("TRUE" if p else "FALSE") if isinstance(p, bool) else "'" + str(p).replace("'", "''") + "'"
        cond = cond.replace("?", literal, 1)
    return cond
