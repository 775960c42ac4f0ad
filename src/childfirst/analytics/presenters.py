"""Dashboard figures for templates and CSV downloads: each figure is a chart, its data table, its
CSV and the data-quality notes that go beside it. No Django: pure functions over a DuckDB connection,
so the same figures can feed the annual report later."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import duckdb

from childfirst.stats import OUTCOME_TEST_EXPLAINED, Suppression, proportion_interval

from . import charts, measures, queries, render
from .queries import Filters

FIGURES: dict[str, str] = {
    "rates": "Searches of children per 1,000, by ethnic group",
    "trend": "Monthly trend",
    "boroughs": "Borough ranking",
    "outcomes": "Outcome test: how often searches find what they looked for",
    "journey": "The journey so far: what open data shows",
}


@dataclass(frozen=True)
class Selection:
    filters: Filters
    reference: str = "White"
    method: str = "katz"
    focus: str = "Black"


@dataclass
class Table:
    caption: str
    headers: list[tuple[str, bool]]  # (label, numeric)
    rows: list[list[tuple[str, bool]]]


@dataclass
class Figure:
    key: str
    title: str
    table: Table
    chart: charts.Chart | None = None
    notes: list[str] = field(default_factory=list)
    explanation: str = ""
    csv_url: str = ""


def _table(caption: str, rows: list[dict[str, Any]], columns: list[tuple[str, str, bool]]) -> Table:
    return Table(
        caption=caption,
        headers=[(label, numeric) for _, label, numeric in columns],
        rows=[[(render.fmt(r.get(key), key), numeric) for key, _, numeric in columns] for r in rows],
    )


RATE_COLUMNS = [
    ("group", "Ethnic group", False),
    ("events_shown", "Searches", True),
    ("population", "Children aged 10-17", True),
    ("rate_per_1000", "Per 1,000", True),
    ("rri", "RRI", True),
    ("ci_low", "95% low", True),
    ("ci_high", "95% high", True),
    ("note", "Note", False),
]


def _method(sel: Selection) -> queries.Method:
    return "exact" if sel.method == "exact" else "katz"


def trend_table(rows: list[dict[str, Any]], partial: list[str]) -> Table:
    """Months down, groups across: searches per 1,000 (searches in brackets); partial months noted."""
    months = sorted({r["month"] for r in rows})
    cell = {(r["month"], r["group"]): r for r in rows}
    body = []
    for m in months:
        line: list[tuple[str, bool]] = [(m, False)]
        for g in queries.GROUPS:
            r = cell.get((m, g))
            if r is None:
                line.append(("-", True))
                continue
            rate = render.fmt(r["rate_per_1000"], "rate")
            line.append((f"{rate} ({r['events_shown']})", True))
        line.append(("partial month: too low" if m in partial else "", False))
        body.append(line)
    return Table(
        caption="Searches per 1,000 children by month and ethnic group (number of searches in brackets)",
        headers=[("Month", False), *[(g, True) for g in queries.GROUPS], ("Note", False)],
        rows=body,
    )


def figure_rows(con: duckdb.DuckDBPyConnection, sel: Selection, key: str) -> list[dict[str, Any]]:
    """The rows behind one figure (suppressed), as in its CSV download."""
    f, method = sel.filters, _method(sel)
    if key == "rates":
        return queries.disproportionality(con, f, reference=sel.reference, method=method).rows
    if key == "trend":
        return queries.disproportionality(con, f, reference=sel.reference, method=method, by="month").rows
    if key == "boroughs":
        rows = queries.disproportionality(con, f, reference=sel.reference, method=method, by="borough").rows
        return rank_boroughs(rows, sel.focus)
    if key == "outcomes":
        return list(queries.rows_for_csv(queries.outcome_report(con, f, reference=sel.reference).rows))
    if key == "journey":
        return journey_rows(con, f)
    raise KeyError(key)


def journey_rows(
    con: duckdb.DuckDBPyConnection, f: Filters, suppression: Suppression | None = None
) -> list[dict[str, Any]]:
    """Each journey measure computable from open data, per ethnic group, from the measure registry."""
    sup = suppression or Suppression()
    f = f.validated()
    where, params = f.where()
    events = measures.journey_events_from_stops(con, where_sql=where, params=params, ethnicity=f.ethnicity)
    out: list[dict[str, Any]] = []
    for m in measures.journey_measures():
        if not m.open_data:
            continue
        for gc in m.compute(events):
            hidden = sup.hides(gc.numerator) or (gc.denominator is not None and sup.hides(gc.denominator))
            share = low = high = None
            if gc.denominator and not hidden:
                s_, lo, hi = proportion_interval(gc.numerator, gc.denominator)
                share, low, high = float(s_), float(lo), float(hi)
            out.append(
                {
                    "measure": m.key,
                    "measure_name": m.name,
                    "commitment": m.commitment,
                    "group": gc.group,
                    "count": None if sup.hides(gc.numerator) else gc.numerator,
                    "count_shown": sup.show(gc.numerator),
                    "out_of": None if gc.denominator is None or sup.hides(gc.denominator) else gc.denominator,
                    "share": share,
                    "share_low": low,
                    "share_high": high,
                }
            )
    return out


def rank_boroughs(rows: list[dict[str, Any]], focus: str) -> list[dict[str, Any]]:
    """One row per borough for the focus group, highest RRI first; boroughs without one last."""
    mine = [r for r in rows if r["group"] == focus and r["borough_code"]]
    return sorted(mine, key=lambda r: (r["rri"] is None, -(r["rri"] or 0), r["borough_name"]))


def dashboard(con: duckdb.DuckDBPyConnection, sel: Selection) -> dict[str, Any]:
    f, method = sel.filters, _method(sel)
    overall = queries.disproportionality(con, f, reference=sel.reference, method=method)
    trend = queries.disproportionality(con, f, reference=sel.reference, method=method, by="month")
    by_borough = queries.disproportionality(con, f, reference=sel.reference, method=method, by="borough")
    outcomes = queries.outcome_report(con, f, reference=sel.reference)
    quality = queries.quality_notes(con, f)
    shared = list(dict.fromkeys([*quality, *overall.warnings]))  # beside every figure, once each

    rates = Figure(
        "rates",
        FIGURES["rates"],
        _table("Searches, rates and relative rate index by ethnic group", overall.rows, RATE_COLUMNS),
        charts.rates_by_group(overall.rows),
        shared,
    )
    rri_chart = charts.rri_whiskers(
        [r for r in overall.rows if not r["is_reference"]], reference=sel.reference
    )
    trend_rows = [r for r in trend.rows if r["group"] in queries.GROUPS]
    partial = queries.partial_months_in(con, f)
    trend_fig = Figure(
        "trend",
        FIGURES["trend"],
        trend_table(trend_rows, partial),
        charts.monthly_trend(trend_rows, partial=partial),
        shared,
    )
    ranked = rank_boroughs(by_borough.rows, sel.focus)
    boroughs = Figure(
        "boroughs",
        FIGURES["boroughs"],
        _table(
            f"Boroughs ranked by relative rate index, {sel.focus} against {sel.reference} children",
            ranked,
            [("borough_name", "Borough", False), *RATE_COLUMNS[1:]],
        ),
        charts.rri_whiskers(ranked, label="borough_name", reference=sel.reference),
        shared,
    )
    outcome_rows = list(queries.rows_for_csv(outcomes.rows))
    outcome_fig = Figure(
        "outcomes",
        FIGURES["outcomes"],
        _table(
            "Find (outcome linked to object) and arrest shares by ethnic group",
            outcome_rows,
            [
                ("group", "Ethnic group", False),
                ("searches_shown", "Searches", True),
                ("find_count_shown", "Found", True),
                ("find_share", "Find share", True),
                ("find_low", "95% low", True),
                ("find_high", "95% high", True),
                ("find_ratio", "Ratio to reference", True),
                ("arrest_count_shown", "Arrests", True),
                ("arrest_share", "Arrest share", True),
                ("arrest_ratio", "Ratio to reference", True),
            ],
        ),
        None,
        list(dict.fromkeys([*shared, *outcomes.warnings])),
        OUTCOME_TEST_EXPLAINED,
    )
    journey = Figure(
        "journey",
        FIGURES["journey"],
        _table(
            "Journey measures by ethnic group (searches of the selected age)",
            journey_rows(con, f),
            [
                ("measure_name", "Measure", False),
                ("group", "Ethnic group", False),
                ("count_shown", "Number", True),
                ("out_of", "Out of searches", True),
                ("share", "Share", True),
                ("share_low", "95% low", True),
                ("share_high", "95% high", True),
            ],
        ),
        None,
        shared,
        "Each step is defined once in the measure registry (see Measures). Open data shows searches, "
        "strip searches and arrests; custody, charge and diversion come from the force's own records.",
    )
    return {
        "meta": overall.meta,
        "figures": [rates, trend_fig, boroughs, outcome_fig, journey],
        "rri_chart": rri_chart,
        "attribution": queries.ATTRIBUTION,
    }
