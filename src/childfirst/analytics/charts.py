"""Charts as inline SVG (Vega-Lite via Altair, rendered on the server by vl-convert): no JavaScript needed.

Each function takes report rows (already suppressed) and returns a ``Chart``: the SVG, and a text
alternative in words that says what the chart shows, read out by screen readers in place of the
picture. Every chart is shown beside its data table. Pure module (no Django).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

import altair as alt
import vl_convert as vlc

# GOV.UK palette colours with enough contrast on white.
BLUE, BLACK, GREY = "#1d70b8", "#0b0c0c", "#505a5f"
GROUP_COLOURS = {
    "Asian": "#1d70b8",
    "Black": "#d4351c",
    "Mixed": "#00703c",
    "White": "#4c2c92",
    "Other": "#6f777b",
}
CONFIG: dict[str, Any] = {
    "font": "Arial, sans-serif",
    "axis": {"labelFontSize": 13, "titleFontSize": 13, "labelColor": BLACK, "titleColor": BLACK},
    "legend": {"labelFontSize": 13, "titleFontSize": 13},
    "view": {"stroke": None},
}


_ARIA = re.compile(r'\s(?:role|aria-[a-z]+)="[^"]*"')


@dataclass(frozen=True)
class Chart:
    svg: str
    alt: str


def _render(chart: alt.TopLevelMixin, alt_text: str) -> Chart:
    spec = chart.to_dict()
    spec["config"] = {**spec.get("config", {}), **CONFIG}
    # Vega labels every mark group for assistive technology; the page gives one text alternative
    # for the whole picture instead (and the data table beside it), so those labels are removed.
    svg = _ARIA.sub("", vlc.vegalite_to_svg(spec))
    label = escape(alt_text, quote=True)
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{label}" focusable="false" ', 1)
    return Chart(svg=svg, alt=alt_text)


def _fmt(x: float | None, digits: int = 2) -> str:
    return "not shown" if x is None else f"{x:.{digits}f}"


def rates_by_group(rows: Sequence[dict[str, Any]]) -> Chart:
    data = [r for r in rows if r["rate_per_1000"] is not None]
    chart = (
        alt.Chart(alt.Data(values=[{"group": r["group"], "rate": r["rate_per_1000"]} for r in data]))
        .mark_bar(color=BLUE)
        .encode(
            y=alt.Y("group:N", title="Ethnic group", sort=None),
            x=alt.X("rate:Q", title="Searches per 1,000 children aged 10-17"),
        )
        .properties(width=420, height=28 * max(len(data), 1))
    )
    words = "; ".join(f"{r['group']} {_fmt(r['rate_per_1000'], 1)}" for r in data) or "no rates to show"
    return _render(chart, f"Bar chart of searches per 1,000 children by ethnic group: {words}.")


def rri_whiskers(rows: Sequence[dict[str, Any]], *, label: str = "group", reference: str = "") -> Chart:
    """Relative rate index (log scale) with 95% interval whiskers and a line at 1 (no difference)."""
    data = [
        {
            "label": r[label],
            "rri": r["rri"],
            "low": r["ci_low"] if r["ci_low"] is not None else r["rri"],
            "high": r["ci_high"] if r["ci_high"] is not None else r["rri"],
        }
        for r in rows
        if r["rri"] is not None and r["rri"] > 0
    ]
    base = alt.Chart(alt.Data(values=data))
    y = alt.Y("label:N", title=None, sort=None)
    scale = alt.Scale(type="log")
    whiskers = base.mark_rule(color=GREY, strokeWidth=2).encode(
        y=y, x=alt.X("low:Q", scale=scale, title="Relative rate index (log scale)"), x2="high:Q"
    )
    points = base.mark_point(filled=True, size=70, color=BLUE).encode(y=y, x=alt.X("rri:Q", scale=scale))
    one = alt.Chart(alt.Data(values=[{"x": 1}])).mark_rule(color=BLACK, strokeDash=[4, 4]).encode(x="x:Q")
    chart = (whiskers + points + one).properties(width=420, height=24 * max(len(data), 1))
    words = "; ".join(
        f"{d['label']} {_fmt(d['rri'])} (95% interval {_fmt(d['low'])} to {_fmt(d['high'])})" for d in data
    )
    ref = f" against {reference}" if reference else ""
    return _render(
        chart,
        f"Relative rate index{ref} with 95% intervals; 1 means the same rate as the reference group: "
        f"{words or 'nothing to show'}.",
    )


def monthly_trend(rows: Sequence[dict[str, Any]], *, partial: Sequence[str] = ()) -> Chart:
    """Monthly rates by group; months flagged as partial are left out of the lines (and said so)."""
    data = [
        {"month": r["month"], "group": r["group"], "rate": r["rate_per_1000"]}
        for r in rows
        if r["rate_per_1000"] is not None and r["group"] in GROUP_COLOURS and r["month"] not in partial
    ]
    groups = [g for g in GROUP_COLOURS if any(d["group"] == g for d in data)]
    chart = (
        alt.Chart(alt.Data(values=data))
        .mark_line(point=True)
        .encode(
            x=alt.X("month:O", title="Month"),
            y=alt.Y("rate:Q", title="Searches per 1,000 children"),
            color=alt.Color(
                "group:N",
                title="Ethnic group",
                scale=alt.Scale(domain=groups, range=[GROUP_COLOURS[g] for g in groups]),
                legend=alt.Legend(orient="bottom"),
            ),
            strokeDash=alt.StrokeDash("group:N", legend=None),
        )
        .properties(width=520, height=240)
    )
    months = sorted({d["month"] for d in data})
    parts = []
    for g in groups:
        series = [d for d in data if d["group"] == g]
        if series:
            first, last = series[0], series[-1]
            top = max(series, key=lambda d: d["rate"])
            parts.append(
                f"{g} from {_fmt(first['rate'], 1)} in {first['month']} to {_fmt(last['rate'], 1)} in "
                f"{last['month']}, highest {_fmt(top['rate'], 1)} in {top['month']}"
            )
    span = f"{months[0]} to {months[-1]}" if months else "no months"
    left_out = f" Partial months left out: {', '.join(partial)}." if partial else ""
    return _render(
        chart,
        f"Line chart of monthly searches per 1,000 children by ethnic group, {span}: "
        + ("; ".join(parts) or "no rates to show")
        + "."
        + left_out,
    )
