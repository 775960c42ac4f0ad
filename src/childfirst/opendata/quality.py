"""Data-quality report on the open-data store: how complete and how clean the imported data is.

Pure module, no Django: every function takes a DuckDB connection.

Partial months. The rule, in one sentence: a force's month is flagged as partial when its stored
records are fewer than half the median of the three nearest unflagged months before it, or of the three
nearest unflagged months after it (looking at most six months away), or fewer than half of a published
monthly total for that month. A neighbouring month counts with its stored records or its published
total, whichever is larger, so a run of several partial months in a row is still caught as long as a
complete month lies within six months of each end of the run.

Known limit: a real, lasting fall to under half the earlier level (not a data gap) is flagged for up to
six months, until the new level is all the rule can see; a flag is a warning to look, not a verdict.
"""

# SQL here is assembled from this module's own constants, vocabulary tables and file paths quoted
# with _sql_str/_q; values that come from users (force filters) are always bound parameters.
# ruff: noqa: S608

from __future__ import annotations

import contextlib
import statistics
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import duckdb

from .store import ensure_schema as _ensure_schema

PARTIAL_SHARE = 0.5  # a month below this share of its expected size is flagged
NEIGHBOURS = 3  # how many unflagged months on each side make the comparison
WINDOW_MONTHS = 6  # how far away a neighbouring month may be

RULE = (
    "A month is flagged as partial when its records are fewer than half the median of the three "
    "nearest unflagged months before it, or after it (within six months), or fewer than half of a "
    "published monthly total for that month."
)

# Fields whose blank rate is reported (stops column -> what a reader calls it).
FIELDS: dict[str, str] = {
    "occurred_utc": "Date and time",
    "borough_code": "Borough",
    "type": "Type of search",
    "age_band": "Age range",
    "gender": "Gender",
    "self_ethnicity": "Self-defined ethnicity",
    "officer_ethnicity": "Officer-defined ethnicity",
    "legislation": "Legislation",
    "object_of_search": "Object of search",
    "outcome": "Outcome",
    "outcome_linked_to_object": "Outcome linked to object of search",
    "strip_search": "Removal of more than just outer clothing (strip search)",
    "latitude": "Location",
}

# The fields that identify a search; rows equal on all of them are reported as duplicates.
KEY_FIELDS: tuple[str, ...] = (
    "force",
    "occurred_utc",
    "borough_code",
    "type",
    "age_band",
    "gender",
    "self_ethnicity",
    "officer_ethnicity",
    "legislation",
    "object_of_search",
    "outcome",
    "latitude",
    "longitude",
)


class PartialMonth(NamedTuple):
    force: str
    month: str
    rows: int
    neighbour_median: float  # the figure the month was compared with (median or published total)
    why: str  # one sentence: what it was compared with and why it is flagged


@dataclass
class MonthRow:
    force: str
    month: str
    rows: int
    published_total: int | None
    partial: bool = False
    compared_with: float | None = None
    why: str = ""


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create missing tables where we may; a read-only store is read as it is."""
    with contextlib.suppress(duckdb.InvalidInputException):
        _ensure_schema(con)


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    found = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [name]).fetchone()
    return bool(found and found[0])


def _month_index(month: str) -> int:
    year, mon = month.split("-")
    return int(year) * 12 + int(mon) - 1


def _month_counts(
    con: duckdb.DuckDBPyConnection, force: str | None
) -> dict[str, dict[str, tuple[int, int | None]]]:
    """force -> month -> (stored rows, published total or None)."""
    ensure_schema(con)
    where = "WHERE force = ?" if force else ""
    params = [force, force] if force else []
    published_sql = (
        "SELECT force, month, max(total) AS total FROM reference_monthly_totals GROUP BY ALL"
        if _has_table(con, "reference_monthly_totals")
        else "SELECT NULL::VARCHAR AS force, NULL::VARCHAR AS month, NULL::BIGINT AS total LIMIT 0"
    )
    rows = con.execute(
        f"""
        WITH stored AS (
            SELECT force, month, count(*) AS n FROM stops
            WHERE force IS NOT NULL AND month IS NOT NULL GROUP BY ALL
        ), published AS ({published_sql})
        SELECT coalesce(s.force, p.force) AS force, coalesce(s.month, p.month) AS month,
            coalesce(s.n, 0), p.total
        FROM (SELECT * FROM stored {where}) s
        FULL OUTER JOIN (SELECT * FROM published {where}) p
            ON s.force = p.force AND s.month = p.month
        ORDER BY 1, 2
        """,
        params,
    ).fetchall()
    result: dict[str, dict[str, tuple[int, int | None]]] = {}
    for f, month, n, total in rows:
        result.setdefault(f, {})[month] = (int(n), None if total is None else int(total))
    return result


def _scan(months: list[str], value: dict[str, int]) -> dict[str, float]:
    """One direction: month -> median of its nearest unflagged predecessors, for flagged months.

    Returns for every month the baseline it was compared with (if any) and marks as flagged the months
    below PARTIAL_SHARE of it; flagged months are not used as a baseline for the months after them.
    """
    baselines: dict[str, float] = {}
    unflagged: list[str] = []
    for month in months:
        here = _month_index(month)
        near = [m for m in unflagged if here - _month_index(m) <= WINDOW_MONTHS][-NEIGHBOURS:]
        if near:
            baseline = float(statistics.median(value[m] for m in near))
            baselines[month] = baseline
            if value[month] < PARTIAL_SHARE * baseline:
                continue
        unflagged.append(month)
    return baselines


def month_table(con: duckdb.DuckDBPyConnection, force: str | None = None) -> list[MonthRow]:
    """Rows per force-month, each with its partial-month verdict and why."""
    table: list[MonthRow] = []
    for f, by_month in _month_counts(con, force).items():
        months = sorted(by_month)
        value = {m: max(n, total or 0) for m, (n, total) in by_month.items()}
        forward = _scan(months, value)
        backward = _scan_backward(months, value)
        for month in months:
            stored, total = by_month[month]
            if stored == 0:
                continue
            row = MonthRow(f, month, stored, total)
            checks: list[tuple[float, str]] = []
            if total is not None:
                checks.append((float(total), f"published total {total:,}"))
            if month in forward:
                checks.append((forward[month], f"median of earlier months {forward[month]:,.0f}"))
            if month in backward:
                checks.append((backward[month], f"median of later months {backward[month]:,.0f}"))
            for expected, label in checks:
                if stored < PARTIAL_SHARE * expected:
                    row.partial, row.compared_with = True, expected
                    row.why = f"{stored:,} records, fewer than half the {label}"
                    break
            else:
                row.compared_with = max((e for e, _ in checks), default=None)
            table.append(row)
    return table


def _scan_backward(months: list[str], value: dict[str, int]) -> dict[str, float]:
    mirrored = {_mirror(m): v for m, v in value.items()}
    result = _scan(sorted(mirrored), mirrored)
    return {_mirror(m): b for m, b in result.items()}


def _mirror(month: str) -> str:
    """Reflect a month around a fixed point so a forward scan runs backwards in time."""
    index = 9999 * 12 - _month_index(month)
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def partial_months(con: duckdb.DuckDBPyConnection, force: str | None = None) -> list[PartialMonth]:
    """(force, month, rows, neighbour_median, why) for each stored month flagged as partial."""
    return [
        PartialMonth(r.force, r.month, r.rows, float(r.compared_with or 0), r.why)
        for r in month_table(con, force)
        if r.partial
    ]


def blank_rates(con: duckdb.DuckDBPyConnection, force: str | None = None) -> list[dict[str, Any]]:
    """Per force and field: how many rows have the field blank, and what share."""
    ensure_schema(con)
    counts = ", ".join(f"count(*) FILTER (WHERE {col} IS NULL)" for col in FIELDS)
    where = "WHERE force = ?" if force else ""
    rows = con.execute(
        f"SELECT force, count(*), {counts} FROM stops {where} GROUP BY force ORDER BY force",
        [force] if force else [],
    ).fetchall()
    result = []
    for row in rows:
        total = int(row[1])
        for (column, label), blank in zip(FIELDS.items(), row[2:], strict=True):
            result.append(
                {
                    "force": row[0],
                    "field": column,
                    "label": label,
                    "rows": total,
                    "blank": int(blank),
                    "blank_share": round(int(blank) / total, 4) if total else None,
                }
            )
    return result


def duplicates(con: duckdb.DuckDBPyConnection, force: str | None = None) -> list[dict[str, Any]]:
    """Per force: rows that repeat another row on every key field (reported, never deleted)."""
    ensure_schema(con)
    keys = ", ".join(KEY_FIELDS)
    where = "WHERE force = ?" if force else ""
    rows = con.execute(
        f"""
        WITH groups AS (
            SELECT {keys}, count(*) AS n FROM stops {where} GROUP BY ALL HAVING count(*) > 1
        )
        SELECT force, count(*) AS groups, sum(n) AS rows_in_groups, sum(n - 1) AS extra_rows
        FROM groups GROUP BY force ORDER BY force
        """,
        [force] if force else [],
    ).fetchall()
    return [
        {"force": f, "groups": int(g), "rows_in_groups": int(r), "extra_rows": int(e)} for f, g, r, e in rows
    ]


def quarantine_reasons(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Rows set aside at import, by reason (unknown vocabulary values name the label)."""
    ensure_schema(con)
    rows = con.execute(
        """
        SELECT i.path, q.reason, count(*) FROM quarantine q JOIN imports i USING (import_id)
        GROUP BY ALL ORDER BY 3 DESC, 1, 2
        """
    ).fetchall()
    return [{"file": p, "reason": r, "rows": int(n)} for p, r, n in rows]


def imports(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    ensure_schema(con)
    cur = con.execute(
        "SELECT path, sha256, kind, format, source, licence, imported_at, rows_read, rows_loaded,"
        " rows_quarantined FROM imports ORDER BY imported_at"
    )
    names = [d[0] for d in cur.description]
    return [
        {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in zip(names, r, strict=True)}
        for r in cur.fetchall()
    ]


@dataclass
class QualityReport:
    months: list[MonthRow] = field(default_factory=list)
    blanks: list[dict[str, Any]] = field(default_factory=list)
    duplicates: list[dict[str, Any]] = field(default_factory=list)
    quarantine: list[dict[str, Any]] = field(default_factory=list)
    imports: list[dict[str, Any]] = field(default_factory=list)
    rule: str = RULE

    @property
    def partial(self) -> list[MonthRow]:
        return [m for m in self.months if m.partial]

    def as_dict(self) -> dict[str, Any]:
        return {
            "partial_month_rule": self.rule,
            "months": [m.__dict__ for m in self.months],
            "partial_months": [
                {"force": m.force, "month": m.month, "rows": m.rows, "why": m.why} for m in self.partial
            ],
            "blank_rates": self.blanks,
            "duplicates": self.duplicates,
            "quarantine": self.quarantine,
            "imports": self.imports,
        }


def report(con: duckdb.DuckDBPyConnection, force: str | None = None) -> QualityReport:
    return QualityReport(
        months=month_table(con, force),
        blanks=blank_rates(con, force),
        duplicates=duplicates(con, force),
        quarantine=quarantine_reasons(con),
        imports=imports(con),
    )
