"""Census 2021 population tables into the open-data store.

Pure module, no Django; called by ``importer.import_path`` inside its transaction. Each reader builds
the temporary table ``_norm`` (rows with a ``reason`` are quarantined) and inserts the good rows.

- children 10-17 by London borough x 5 ethnic groups x sex x age band -> ``population_children``.
  City of London has no ethnicity breakdown in this table (disclosure "unavailable", no count): it is
  kept as one row with no ethnicity, sex, age band or count, so its absence is visible.
- all ages by local authority x 5 or 20 ethnic groups -> ``population_all_ages``.
"""

# SQL here is assembled from this module's own constants, vocabulary tables and file paths quoted
# with _sql_str/_q; values that come from users (force filters) are always bound parameters.
# ruff: noqa: S608

from __future__ import annotations

from pathlib import Path

import duckdb

from . import vocab
from .shapes import CENSUS_ALL_AGES_5_COLUMNS, Shape

CHILD_AGE_BANDS = ("10-11", "12-14", "15-17")


def _q(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _reader(path: Path, shape: Shape) -> str:
    return (
        f"read_csv({_q(str(path))}, header=true, all_varchar=true, delim=',', quote='\"',"
        f" skip={shape.comment_lines}, strict_mode=false, null_padding=true)"
    )


def _count_checks(text: str) -> str:
    """CASE branches rejecting a population count that is not a whole, non-negative number."""
    return f"""
        WHEN NULLIF(trim({text}), '') IS NULL THEN 'missing population count'
        WHEN TRY_CAST({text} AS DOUBLE) IS NULL THEN 'population is not a number: ' || {text}
        WHEN TRY_CAST({text} AS DOUBLE) < 0 THEN 'negative population count: ' || {text}
        WHEN TRY_CAST({text} AS DOUBLE) <> floor(TRY_CAST({text} AS DOUBLE))
            THEN 'population is not a whole number: ' || {text}
    """


def import_population(con: duckdb.DuckDBPyConnection, path: Path, shape: Shape, import_id: str) -> None:
    if shape.format == "census_children":
        _children(con, path, shape, import_id)
    elif shape.variant == "5":
        _all_ages_5(con, path, shape, import_id)
    else:
        _all_ages_20(con, path, shape, import_id)


def _children(con: duckdb.DuckDBPyConnection, path: Path, shape: Shape, import_id: str) -> None:
    groups = ", ".join(_q(g) for g in vocab.FIVE_GROUPS)
    bands = ", ".join(_q(b) for b in CHILD_AGE_BANDS)
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _norm AS
        WITH raw AS (
            SELECT row_number() OVER () AS source_row, src AS rec,
                NULLIF(trim(geo_id), '') AS code, NULLIF(trim(la_name), '') AS name,
                NULLIF(trim(ethnicity), '') AS eth, NULLIF(trim(age_band), '') AS band,
                NULLIF(lower(trim(sex)), '') AS sx, population AS pop
            FROM {_reader(path, shape)} AS src
        ),
        checked AS (
            SELECT *,
                eth IS NULL AND band IS NULL AND sx IS NULL AND NULLIF(trim(pop), '') IS NULL
                    AS no_breakdown,
                CASE
                    WHEN code IS NULL THEN 'missing borough code (geo_id)'
                    WHEN eth IS NULL AND band IS NULL AND sx IS NULL
                        AND NULLIF(trim(pop), '') IS NULL THEN NULL
                    WHEN eth IS NOT NULL AND eth NOT IN ({groups})
                        THEN 'unknown ethnic group: ' || eth
                    WHEN band IS NULL OR band NOT IN ({bands})
                        THEN 'unknown age band: ' || coalesce(band, '(blank)')
                    WHEN sx IS NULL OR sx NOT IN ('female', 'male')
                        THEN 'unknown sex: ' || coalesce(sx, '(blank)')
                    {_count_checks("pop")}
                END AS reason
            FROM raw
        )
        SELECT source_row, code AS borough_code, name AS borough_name, eth AS ethnicity_5,
            CASE sx WHEN 'female' THEN 'Female' WHEN 'male' THEN 'Male' END AS sex,
            band AS age_band,
            CASE WHEN reason IS NULL AND NOT no_breakdown THEN CAST(pop AS DOUBLE)::BIGINT END
                AS population,
            reason,
            CASE WHEN reason IS NOT NULL THEN to_json(rec)::VARCHAR END AS raw
        FROM checked
        """
    )
    con.execute(
        "INSERT INTO population_children SELECT ?, borough_code, borough_name, ethnicity_5, sex,"
        " age_band, population FROM _norm WHERE reason IS NULL",
        [import_id],
    )


def _all_ages_5(con: duckdb.DuckDBPyConnection, path: Path, shape: Shape, import_id: str) -> None:
    group_columns = ", ".join(f'"{c}"' for c in CENSUS_ALL_AGES_5_COLUMNS[2:])
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _norm AS
        WITH raw AS (
            SELECT row_number() OVER () AS source_row, to_json(src)::VARCHAR AS rec, src.*
            FROM {_reader(path, shape)} AS src
        ),
        long AS (
            UNPIVOT (SELECT source_row, rec, "LAD", "LAD_code", {group_columns} FROM raw)
            ON {group_columns} INTO NAME ethnicity VALUE pop
        )
        SELECT source_row, NULLIF(trim("LAD_code"), '') AS la_code, trim("LAD") AS la_name,
            ethnicity,
            CASE WHEN NULLIF(trim("LAD_code"), '') IS NULL THEN 'missing local authority code'
                {_count_checks("pop")} END AS reason,
            TRY_CAST(pop AS DOUBLE)::BIGINT AS population,
            rec AS raw
        FROM long
        """
    )
    con.execute(
        "INSERT INTO population_all_ages SELECT ?, la_code, la_name, '5', ethnicity, population"
        " FROM _norm WHERE reason IS NULL",
        [import_id],
    )


def _all_ages_20(con: duckdb.DuckDBPyConnection, path: Path, shape: Shape, import_id: str) -> None:
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _norm AS
        WITH raw AS (
            SELECT row_number() OVER () AS source_row, src AS rec,
                NULLIF(trim("Lower Tier Local Authorities Code"), '') AS la_code,
                trim("Lower Tier Local Authorities") AS la_name,
                trim("Ethnic group (20 categories)") AS ethnicity,
                "Observation" AS pop
            FROM {_reader(path, shape)} AS src
        ),
        checked AS (
            SELECT *, CASE
                WHEN la_code IS NULL THEN 'missing local authority code'
                WHEN ethnicity = 'Does not apply'
                    THEN 'Census category ''Does not apply'' is not an ethnic group (count '
                        || coalesce(pop, '') || ')'
                {_count_checks("pop")}
            END AS reason
            FROM raw
        )
        SELECT source_row, la_code, la_name, ethnicity,
            CASE WHEN reason IS NULL THEN CAST(pop AS DOUBLE)::BIGINT END AS population,
            reason, CASE WHEN reason IS NOT NULL THEN to_json(rec)::VARCHAR END AS raw
        FROM checked
        """
    )
    con.execute(
        "INSERT INTO population_all_ages SELECT ?, la_code, la_name, '20', ethnicity, population"
        " FROM _norm WHERE reason IS NULL",
        [import_id],
    )
