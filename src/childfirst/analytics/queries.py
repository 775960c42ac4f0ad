"""Disproportionality and outcome figures from the open-data store. Pure module: no Django.

Every function takes a DuckDB connection opened on the store (``childfirst.opendata.store.connect``)
and a ``Filters``. Counts come from one grouped DuckDB query; intervals are computed for every cell at
once by ``childfirst.stats`` (vectorised numpy), so a table of every borough x group x month costs about
the same as the SQL that counts it.

Population: Census 2021 children aged 10-17 by borough and 5-group ethnicity, either from the store's
``population_children`` table or read directly from the Census children CSV (``--population PATH``).
Rates per 1,000 are given only for searches of children aged 10-17, the age the population covers.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

import duckdb
import numpy as np

from childfirst.core.boroughs import LONDON_BOROUGHS
from childfirst.opendata.quality import PartialMonth, partial_months
from childfirst.stats import (
    OutcomeCounts,
    Suppression,
    outcome_table,
    rri_columns,
)
from childfirst.stats.intervals import Method

GROUPS: tuple[str, ...] = ("Asian", "Black", "Mixed", "White", "Other")
NOT_STATED = "Not stated"
AGE_CHOICES: tuple[str, ...] = ("10-17", "under 10", "children", "18-24", "25-34", "over 34", "all")
POPULATION_AGE = "10-17"
ETHNICITY_COLUMNS = {"self": "self_ethnicity_5", "officer": "officer_ethnicity"}
ETHNICITY_LABELS = {
    "self": "self-defined ethnicity (Census 2021 categories rolled up to 5 groups)",
    "officer": "officer-defined ethnicity (5 groups, as recorded by the searching officer)",
}
BOROUGH_NAMES = dict(LONDON_BOROUGHS)
CITY_OF_LONDON = "E09000001"
# London forces and the boroughs whose children they police (for population denominators).
FORCE_BOROUGHS: dict[str, frozenset[str]] = {
    "city-of-london": frozenset({CITY_OF_LONDON}),
    "metropolitan": frozenset(code for code, _ in LONDON_BOROUGHS if code != CITY_OF_LONDON),
}
ATTRIBUTION = "Contains public sector information licensed under the Open Government Licence v3.0."
MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
By = Literal["borough", "month", "borough-month"] | None
BY_CHOICES: tuple[str, ...] = ("borough", "month", "borough-month")


class FilterError(ValueError):
    """Bad input from a person: the message names the field and the problem."""


@dataclass(frozen=True)
class Filters:
    force: str | None = None
    month_from: str | None = None
    month_to: str | None = None
    borough: str | None = None  # ONS code or name, resolved to a code by ``validated``
    age: str = POPULATION_AGE
    ethnicity: str = "self"

    def validated(self) -> Filters:
        for name, value in (("from", self.month_from), ("to", self.month_to)):
            if value is not None and not MONTH.match(value):
                raise FilterError(f"{name}: {value!r} is not a month in the form YYYY-MM")
        if self.month_from and self.month_to and self.month_from > self.month_to:
            raise FilterError(f"from: {self.month_from} is after to: {self.month_to}")
        if self.age not in AGE_CHOICES:
            raise FilterError(f"age: {self.age!r} is not one of {', '.join(AGE_CHOICES)}")
        if self.ethnicity not in ETHNICITY_COLUMNS:
            raise FilterError(f"ethnicity: {self.ethnicity!r} must be 'self' or 'officer'")
        borough = self.borough
        if borough:
            borough = resolve_borough(borough)
        force = self.force.strip().lower() if self.force else None
        return Filters(force, self.month_from, self.month_to, borough, self.age, self.ethnicity)

    def where(self) -> tuple[str, list[object]]:
        """SQL condition on ``stops`` (fixed fragments; values as parameters)."""
        parts: list[str] = []
        params: list[object] = []
        if self.force:
            parts.append("force = ?")
            params.append(self.force)
        if self.month_from:
            parts.append("month >= ?")
            params.append(self.month_from)
        if self.month_to:
            parts.append("month <= ?")
            params.append(self.month_to)
        if self.borough:
            parts.append("borough_code = ?")
            params.append(self.borough)
        if self.age == "children":
            parts.append("age_band IN ('under 10', '10-17')")
        elif self.age != "all":
            parts.append("age_band = ?")
            params.append(self.age)
        return (" AND ".join(parts) or "TRUE"), params

    def describe(self) -> dict[str, Any]:
        return asdict(self)


def resolve_borough(value: str) -> str:
    text = value.strip()
    if text.upper() in BOROUGH_NAMES:
        return text.upper()
    for code, name in LONDON_BOROUGHS:
        if name.lower() == text.lower():
            return code
    raise FilterError(f"borough: {value!r} is not a London borough name or ONS code (E09000001-E09000033)")


# --- population -----------------------------------------------------------------------------------

PopulationRows = list[tuple[str, str, int]]  # (borough_code, ethnicity_5, population)


def population_from_store(con: duckdb.DuckDBPyConnection) -> PopulationRows:
    rows = con.execute(
        "SELECT borough_code, ethnicity_5, sum(population)::BIGINT FROM population_children "
        "WHERE ethnicity_5 IS NOT NULL GROUP BY 1, 2"
    ).fetchall()
    return [(str(b), str(g), int(n)) for b, g, n in rows]


def population_from_census_csv(path: str | Path) -> PopulationRows:
    """Read the Census 2021 children 10-17 file (lines starting '#' are provenance comments)."""
    path = Path(path)
    if not path.is_file():
        raise FilterError(f"population: no such file {path}")
    with path.open(newline="", encoding="utf-8-sig") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    reader = csv.DictReader(lines)
    need = ("geo_id", "ethnicity", "population")
    missing = [c for c in need if c not in (reader.fieldnames or [])]
    if missing:
        raise FilterError(f"population: {path.name} has no column {', '.join(missing)}")
    totals: dict[tuple[str, str], int] = defaultdict(int)
    for number, row in enumerate(reader, start=2):
        group = (row["ethnicity"] or "").strip()
        raw = (row["population"] or "").strip()
        if not group or not raw:
            continue  # no ethnicity breakdown published (City of London)
        try:
            value = int(raw)
        except ValueError:
            raise FilterError(
                f"population: {path.name} data row {number}: {raw!r} is not a whole number"
            ) from None
        if value < 0:
            raise FilterError(f"population: {path.name} data row {number}: negative count {value}")
        if group not in GROUPS:
            raise FilterError(f"population: {path.name} data row {number}: unknown ethnic group {group!r}")
        totals[(row["geo_id"].strip(), group)] += value
    return [(b, g, n) for (b, g), n in totals.items()]


def _population_area(f: Filters) -> frozenset[str] | None:
    """The borough codes whose children form the denominator, or None when there is no population."""
    if f.age != POPULATION_AGE:
        return None
    if f.borough:
        return frozenset({f.borough})
    if f.force:
        return FORCE_BOROUGHS.get(f.force)
    return frozenset(BOROUGH_NAMES)


# --- the disproportionality report ----------------------------------------------------------------


@dataclass
class Report:
    rows: list[dict[str, Any]]
    warnings: list[str]
    meta: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"meta": self.meta, "warnings": self.warnings, "rows": self.rows}


def stop_counts(con: duckdb.DuckDBPyConnection, f: Filters, by: By = None) -> list[tuple[str, str, str, int]]:
    """(borough code, month, group, searches) from one grouped query.

    Borough is '' when the search has no borough or the table is not split by borough; month is ''
    when not split by month.
    """
    where, params = f.where()
    column = ETHNICITY_COLUMNS[f.ethnicity]
    borough = "coalesce(borough_code, '')" if by in ("borough", "borough-month") else "''"
    month = "month" if by in ("month", "borough-month") else "''"
    sql = (
        f"SELECT {borough} AS b, {month} AS m, coalesce({column}, '{NOT_STATED}') AS g, count(*) AS n "  # noqa: S608
        f"FROM stops WHERE {where} GROUP BY ALL"
    )
    return con.execute(sql, params).fetchall()


_PARTIAL_CACHE: dict[tuple[str, str | None], list[PartialMonth]] = {}


def _partial_months(con: duckdb.DuckDBPyConnection, force: str | None) -> list[PartialMonth]:
    """The importer's partial-month check, remembered until the set of imports in the store changes."""
    row = con.execute(
        "SELECT (SELECT coalesce(any_value(path), '') FROM duckdb_databases() "
        "WHERE database_name = current_database()) || ':' || (SELECT count(*) FROM stops) || ':' || "
        "coalesce(string_agg(import_id, ',' ORDER BY import_id), '') FROM imports"
    ).fetchall()[0]  # fetchall: DuckDB 2 keeps a fetchone() result open
    key = (str(row[0]) if row else "", force)
    if key not in _PARTIAL_CACHE:
        if len(_PARTIAL_CACHE) > 64:
            _PARTIAL_CACHE.clear()
        _PARTIAL_CACHE[key] = partial_months(con, force=force)
    return _PARTIAL_CACHE[key]


def partial_months_in(con: duckdb.DuckDBPyConnection, f: Filters) -> list[str]:
    """The months flagged as partial (any force in the selection) within the period, sorted."""
    return sorted({pm.month for pm in _partial_months(con, f.force) if _in_period(pm.month, f)})


def partial_month_warnings(con: duckdb.DuckDBPyConnection, f: Filters) -> list[str]:
    """Warnings naming the partial months in the period (from the importer's quality checks)."""
    return [
        f"{pm.month} ({pm.force}) looks partial: {pm.why}; rates for periods including it are too low"
        for pm in _partial_months(con, f.force)
        if _in_period(pm.month, f)
    ]


def _in_period(month: str, f: Filters) -> bool:
    return not ((f.month_from and month < f.month_from) or (f.month_to and month > f.month_to))


def _population_vectors(pop_rows: PopulationRows, area: frozenset[str]) -> dict[str, np.ndarray]:
    per_borough: dict[str, np.ndarray] = {}
    for b, g, n in pop_rows:
        if b in area and g in GROUPS:
            if b not in per_borough:
                per_borough[b] = np.zeros(len(GROUPS) + 1)
            per_borough[b][GROUPS.index(g)] += n
    return per_borough


def disproportionality(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    *,
    reference: str = "White",
    method: Method = "katz",
    by: By = None,
    population: PopulationRows | None = None,
    population_source: str = "store (population_children)",
    suppression: Suppression | None = None,
    level: float = 0.95,
) -> Report:
    """Searches, rate per 1,000 children, RRI against ``reference`` with interval, per group.

    ``by``: None (one row per group), "borough", "month" or "borough-month" (every borough in the
    area x every month with searches). Groups are the five Census groups plus "Not stated".
    """
    f = filters.validated()
    if reference not in GROUPS:
        raise FilterError(f"reference: unknown group {reference!r}; groups are {', '.join(GROUPS)}")
    if method not in ("katz", "exact"):
        raise FilterError(f"method: {method!r} must be 'katz' or 'exact'")
    if by is not None and by not in BY_CHOICES:
        raise FilterError(f"by: {by!r} must be one of {', '.join(BY_CHOICES)}")
    counts = stop_counts(con, f, by)
    warnings = partial_month_warnings(con, f)
    pop_rows = population if population is not None else population_from_store(con)
    area = _population_area(f)
    if area is None:
        warnings.append(
            "no population figures for this selection: rates per 1,000 are given only for children "
            f"aged {POPULATION_AGE} in London boroughs"
        )
    elif not pop_rows:
        warnings.append("no population figures loaded: import the Census children file or pass --population")
    if area and CITY_OF_LONDON in area:
        warnings.append("City of London has no published ethnicity breakdown of its children: no rates there")
    if f.ethnicity == "officer":
        warnings.append(
            "officer-defined ethnicity is compared with the Census population, which is self-defined"
        )

    names = [*GROUPS, NOT_STATED]
    group_index = {g: i for i, g in enumerate(names)}
    split_borough = by in ("borough", "borough-month")
    boroughs = sorted(area) if (split_borough and area) else sorted({b for b, _, _, _ in counts if b})
    if split_borough and any(b == "" for b, _, _, _ in counts):
        boroughs.append("")
    if not split_borough:
        boroughs = [""]
    months = sorted({m for _, m, _, _ in counts}) if by in ("month", "borough-month") else [""]
    keys = [(b, m) for b in boroughs for m in months]
    index = {k: i for i, k in enumerate(keys)}
    events = np.zeros((len(keys), len(names)))
    for b, m, g, n in counts:
        i = index.get((b, m))
        if i is not None:
            events[i, group_index[g]] += n
    pops = np.full((len(keys), len(names)), np.nan)
    if area:
        per_borough = _population_vectors(pop_rows, area)
        nan_row = np.full(len(names), np.nan)
        nan_row[: len(GROUPS)] = 0
        if split_borough:
            rows_for = {b: per_borough.get(b, nan_row) for b in boroughs}
            pops = np.array([rows_for[b] for b, _ in keys])
        elif per_borough:
            pops[:] = sum(per_borough.values(), np.zeros(len(names)))
        pops[:, len(GROUPS)] = np.nan  # no population for "Not stated"
        pops[:, : len(GROUPS)][pops[:, : len(GROUPS)] == 0] = np.nan
    cols = rri_columns(names, events, pops, reference, method=method, level=level, suppression=suppression)
    fields = list(cols)
    n = len(names)
    if by == "borough":
        lead_keys: tuple[str, ...] = ("borough_code", "borough_name")
        lead = [(b or None, BOROUGH_NAMES.get(b, "Unknown location")) for b, _ in keys]
    elif by == "month":
        lead_keys, lead = ("month",), [(m,) for _, m in keys]
    elif by == "borough-month":
        lead_keys = ("borough_code", "borough_name", "month")
        lead = [(b or None, BOROUGH_NAMES.get(b, "Unknown location"), m) for b, m in keys]
    else:
        lead_keys, lead = (), [() for _ in keys]
    all_keys = (*lead_keys, *fields)
    rows = [
        dict(zip(all_keys, (*lead[j // n], *values), strict=True))
        for j, values in enumerate(zip(*cols.values(), strict=True))
    ]
    meta = {
        "measure": "journey.stop_search",
        "ethnicity": f.ethnicity,
        "ethnicity_used": ETHNICITY_LABELS[f.ethnicity],
        "reference": reference,
        "method": method,
        "interval": f"{level:.0%} ({'Katz log' if method == 'katz' else 'exact conditional'})",
        "by": by,
        "rate_basis": "searches in the period shown (each month, when split by month) per 1,000 "
        "children aged 10-17 in the 2021 Census; not annualised",
        "filters": f.describe(),
        "population_source": population_source if area else None,
        "suppression_threshold": (suppression or Suppression()).threshold,
        "attribution": ATTRIBUTION,
    }
    return Report(rows=rows, warnings=warnings, meta=meta)


# --- outcome test ---------------------------------------------------------------------------------


def outcome_counts(con: duckdb.DuckDBPyConnection, f: Filters) -> list[OutcomeCounts]:
    where, params = f.where()
    column = ETHNICITY_COLUMNS[f.ethnicity]
    sql = (
        f"SELECT coalesce({column}, '{NOT_STATED}') AS g, count(*), "  # noqa: S608 - fixed fragments
        "count(*) FILTER (WHERE outcome_linked_to_object), "
        "count(*) FILTER (WHERE outcome_group = 'arrest') "
        f"FROM stops WHERE {where} GROUP BY 1"
    )
    found = {str(g): (int(n), int(x), int(a)) for g, n, x, a in con.execute(sql, params).fetchall()}
    return [OutcomeCounts(g, *found.get(g, (0, 0, 0))) for g in [*GROUPS, NOT_STATED]]


def outcome_report(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    *,
    reference: str = "White",
    suppression: Suppression | None = None,
) -> Report:
    f = filters.validated()
    if reference not in GROUPS:
        raise FilterError(f"reference: unknown group {reference!r}; groups are {', '.join(GROUPS)}")
    rows = [r.as_dict() for r in outcome_table(outcome_counts(con, f), reference, suppression=suppression)]
    where, params = f.where()
    blank = con.execute(
        f"SELECT count(*), count(*) FILTER (WHERE outcome_linked_to_object IS NULL) FROM stops WHERE {where}",  # noqa: S608
        params,
    ).fetchall()[0]  # fetchall: DuckDB 2 keeps a fetchone() result open
    warnings = partial_month_warnings(con, f)
    if blank and blank[0]:
        warnings.append(
            f"'outcome linked to object' is blank for {blank[1] / blank[0]:.0%} of these searches; "
            "blanks count as not found"
        )
    meta = {
        "ethnicity": f.ethnicity,
        "ethnicity_used": ETHNICITY_LABELS[f.ethnicity],
        "reference": reference,
        "filters": f.describe(),
        "attribution": ATTRIBUTION,
    }
    return Report(rows=rows, warnings=warnings, meta=meta)


# --- data-quality notes shown beside figures ------------------------------------------------------


def quality_notes(con: duckdb.DuckDBPyConnection, filters: Filters) -> list[str]:
    f = filters.validated()
    where, params = f.where()
    row = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE strip_search IS NULL), "  # noqa: S608
        f"count(*) FILTER (WHERE {ETHNICITY_COLUMNS[f.ethnicity]} IS NULL), "
        "count(*) FILTER (WHERE borough_code IS NULL) "
        f"FROM stops WHERE {where}",
        params,
    ).fetchall()[0]  # fetchall: DuckDB 2 keeps a fetchone() result open
    notes = partial_month_warnings(con, f)
    if not row or not row[0]:
        return [*notes, "no searches match these filters"]
    total, strip_blank, eth_blank, no_borough = row
    notes.append(
        f"strip-search field blank for {strip_blank / total:.0%} of searches ({strip_blank:,} of {total:,})"
    )
    notes.append(f"ethnicity not stated for {eth_blank / total:.0%} of searches: counted as 'Not stated'")
    if no_borough:
        notes.append(f"{no_borough:,} searches have no borough (no location): in force totals only")
    return notes


def months_available(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [str(m) for (m,) in con.execute("SELECT DISTINCT month FROM stops ORDER BY 1").fetchall()]


def forces_available(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [str(x) for (x,) in con.execute("SELECT DISTINCT force FROM stops ORDER BY 1").fetchall()]


def rows_for_csv(rows: Sequence[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    """Flatten nested figures (outcome rows) to one level for CSV."""
    for row in rows:
        flat: dict[str, Any] = {}
        for key, value in row.items():
            if isinstance(value, dict):
                for sub, v in value.items():
                    flat[f"{key}_{sub}"] = v
            else:
                flat[key] = value
        yield flat
