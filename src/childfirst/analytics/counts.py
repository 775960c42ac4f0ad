"""Counts mode: rates and RRIs from a published table with columns ``group,events,population``."""

from __future__ import annotations

import csv
from pathlib import Path

from childfirst.stats import GroupCounts, Suppression, rri_table
from childfirst.stats.intervals import Method

from .queries import ATTRIBUTION, FilterError, Report

COLUMNS = ("group", "events", "population")


def read_counts(path: str | Path) -> list[GroupCounts]:
    path = Path(path)
    if not path.is_file():
        raise FilterError(f"counts: no such file {path}")
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(line for line in handle if not line.startswith("#"))
        header = [h.strip() for h in (reader.fieldnames or [])]
        missing = [c for c in COLUMNS if c not in header]
        if missing:
            raise FilterError(
                f"counts: {path.name} has no column {', '.join(missing)} (need {','.join(COLUMNS)})"
            )
        out: list[GroupCounts] = []
        seen: set[str] = set()
        for number, raw in enumerate(reader, start=2):
            row = {(k or "").strip(): (v or "").strip() for k, v in raw.items()}
            group = row["group"]
            if not group:
                raise FilterError(f"group: line {number} has no group name")
            if group in seen:
                raise FilterError(f"group: {group!r} appears twice (line {number})")
            seen.add(group)
            values: dict[str, int | None] = {}
            for field in ("events", "population"):
                text = row[field].replace(",", "")
                if not text and field == "population":
                    values[field] = None
                    continue
                try:
                    value = int(text)
                except ValueError:
                    raise FilterError(
                        f"{field}: line {number} ({group}): {row[field]!r} is not a whole number"
                    ) from None
                if value < 0:
                    raise FilterError(f"{field}: line {number} ({group}): negative count {value}")
                values[field] = value
            events = values["events"]
            assert events is not None  # noqa: S101 - blank events raise above
            out.append(GroupCounts(group, events, values["population"]))
    if not out:
        raise FilterError(f"counts: {path.name} has no rows")
    return out


def counts_report(
    path: str | Path,
    *,
    reference: str,
    method: Method = "katz",
    suppression: Suppression | None = None,
) -> Report:
    groups = read_counts(path)
    try:
        rows = rri_table(groups, reference, method=method, suppression=suppression)
    except ValueError as exc:
        raise FilterError(str(exc)) from None
    meta = {
        "source": str(path),
        "reference": reference,
        "method": method,
        "interval": f"95% ({'Katz log' if method == 'katz' else 'exact conditional'})",
        "suppression_threshold": (suppression or Suppression()).threshold,
        "attribution": ATTRIBUTION,
    }
    return Report(rows=[r.as_dict() for r in rows], warnings=[], meta=meta)
