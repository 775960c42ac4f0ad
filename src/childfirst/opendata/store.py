"""The open-data store: one DuckDB file holding imported stop-and-search and population data.

Pure module (no Django). The schema is a shared contract with ``childfirst.analytics``; see the
module-level ``SCHEMA`` statements. Every table row carries the ``import_id`` of the file it came from,
and ``imports`` keeps the provenance of that file (path, SHA-256, source, licence, time of import).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

SCHEMA: tuple[str, ...] = (
    """
    CREATE TABLE IF NOT EXISTS imports (
        import_id VARCHAR PRIMARY KEY,
        path VARCHAR,
        sha256 VARCHAR UNIQUE,
        kind VARCHAR,
        format VARCHAR,
        source VARCHAR,
        source_url VARCHAR,
        licence VARCHAR,
        attribution VARCHAR,
        imported_at TIMESTAMPTZ,
        rows_read BIGINT,
        rows_loaded BIGINT,
        rows_quarantined BIGINT
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS stops (
        import_id VARCHAR,
        source_row BIGINT,
        force VARCHAR,
        occurred_utc TIMESTAMP,
        occurred_local TIMESTAMP,
        month VARCHAR,
        borough_code VARCHAR,
        borough_name VARCHAR,
        type VARCHAR,
        age_band VARCHAR,
        is_child BOOLEAN,
        gender VARCHAR,
        self_ethnicity VARCHAR,
        self_ethnicity_5 VARCHAR,
        officer_ethnicity VARCHAR,
        legislation VARCHAR,
        object_of_search VARCHAR,
        outcome VARCHAR,
        outcome_group VARCHAR,
        outcome_linked_to_object BOOLEAN,
        strip_search BOOLEAN,
        latitude DOUBLE,
        longitude DOUBLE
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS quarantine (
        import_id VARCHAR,
        source_row BIGINT,
        reason VARCHAR,
        raw VARCHAR
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS population_children (
        import_id VARCHAR,
        borough_code VARCHAR,
        borough_name VARCHAR,
        ethnicity_5 VARCHAR,
        sex VARCHAR,
        age_band VARCHAR,
        population BIGINT
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS population_all_ages (
        import_id VARCHAR,
        la_code VARCHAR,
        la_name VARCHAR,
        grouping VARCHAR,
        ethnicity VARCHAR,
        population BIGINT
    )
    """,
    # Published monthly record counts for a force (e.g. the police.uk API monthly totals): a
    # reference the data-quality report compares stored months against.
    """
    CREATE TABLE IF NOT EXISTS reference_monthly_totals (
        import_id VARCHAR,
        force VARCHAR,
        month VARCHAR,
        total BIGINT
    )
    """,
)

LICENCE = "Open Government Licence v3.0"
ATTRIBUTION = "Contains public sector information licensed under the Open Government Licence v3.0."


def connect(path: str | Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the store at ``path`` and make sure its tables exist."""
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), read_only=read_only)
    if not read_only:
        ensure_schema(con)
    return con


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the store's tables if they are absent (safe to call repeatedly)."""
    existing = {name for (name,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    for statement in SCHEMA:
        table = statement.split("EXISTS", 1)[1].split("(", 1)[0].strip()
        if table not in existing:
            con.execute(statement)
