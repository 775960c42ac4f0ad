"""Text, CSV and JSON renderings of a report (used by the CLI and the CSV downloads). Pure module."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Sequence
from typing import Any

from .queries import Report, rows_for_csv

RATE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("group", "Group"),
    ("events_shown", "Searches"),
    ("population", "Population"),
    ("rate_per_1000", "Rate per 1,000"),
    ("rri", "RRI"),
    ("ci_low", "95% low"),
    ("ci_high", "95% high"),
    ("note", "Note"),
)
OUTCOME_COLUMNS: tuple[tuple[str, str], ...] = (
    ("group", "Group"),
    ("searches_shown", "Searches"),
    ("find_count_shown", "Found"),
    ("find_share", "Find share"),
    ("find_low", "95% low"),
    ("find_high", "95% high"),
    ("find_ratio", "Ratio to ref."),
    ("arrest_count_shown", "Arrests"),
    ("arrest_share", "Arrest share"),
    ("arrest_ratio", "Ratio to ref."),
)


def fmt(value: Any, key: str = "") -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if math.isinf(value):
            return "inf"
        if "share" in key or (key.endswith(("_low", "_high")) and key.startswith(("find", "arrest"))):
            return f"{value:.1%}"
        return f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def to_table(report: Report, columns: Sequence[tuple[str, str]], *, title: str = "") -> str:
    flat = list(rows_for_csv(report.rows))
    lead = [k for k in ("month", "borough_name") if flat and k in flat[0]]
    cols = [(k, k.replace("_", " ").capitalize()) for k in lead] + list(columns)
    cells = [[fmt(row.get(k), k) for k, _ in cols] for row in flat]
    widths = [max([len(h)] + [len(c[i]) for c in cells]) for i, (_, h) in enumerate(cols)]
    out = io.StringIO()
    if title:
        out.write(title + "\n")
    for key, value in report.meta.items():
        if key not in ("filters",) and value is not None:
            out.write(f"{key.replace('_', ' ')}: {value}\n")
    out.write("  ".join(h.ljust(w) for (_, h), w in zip(cols, widths, strict=True)).rstrip() + "\n")
    for row in cells:
        out.write("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() + "\n")
    for w in report.warnings:
        out.write(f"warning: {w}\n")
    return out.getvalue()


def to_csv(rows: Sequence[dict[str, Any]]) -> str:
    flat = list(rows_for_csv(rows))
    out = io.StringIO()
    if not flat:
        return ""
    writer = csv.DictWriter(out, fieldnames=list(flat[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(flat)
    return out.getvalue()


def to_json(report: Report) -> str:
    return json.dumps(report.as_json(), indent=2, allow_nan=False)
