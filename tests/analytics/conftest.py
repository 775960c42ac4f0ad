"""A small synthetic open-data store built in tmp_path with the shared schema (childfirst.opendata.store)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import duckdb
import pytest

from childfirst.opendata.store import connect

STOP_COLUMNS = (
    "import_id, source_row, force, occurred_utc, occurred_local, month, borough_code, borough_name, type, "
    "age_band, is_child, gender, self_ethnicity, self_ethnicity_5, officer_ethnicity, legislation, "
    "object_of_search, outcome, outcome_group, outcome_linked_to_object, strip_search, latitude, longitude"
)


def add_stops(
    con: duckdb.DuckDBPyConnection,
    n: int,
    *,
    month: str = "2022-01",
    borough: tuple[str, str] = ("E09000022", "Lambeth"),
    ethnicity: str | None = "White",
    officer: str | None = None,
    age_band: str = "10-17",
    outcome_group: str = "no_further_action",
    linked: bool | None = False,
    strip: bool | None = False,
    force: str = "metropolitan",
    start: int = 0,
) -> None:
    values = (
        "imp1",
        force,
        f"{month}-10 12:00:00",
        f"{month}-10 12:00:00",
        month,
        borough[0],
        borough[1],
        "Person search",
        age_band,
        age_band in ("under 10", "10-17"),
        "Male",
        None,
        ethnicity,
        officer if officer is not None else ethnicity,
        "Misuse of Drugs Act 1971 (section 23)",
        "Controlled drugs",
        "Arrest" if outcome_group == "arrest" else "A no further action disposal",
        outcome_group,
        linked,
        strip,
        None,
        None,
    )
    # one set-based insert: executemany row by row is slow in DuckDB
    con.execute(
        f"INSERT INTO stops ({STOP_COLUMNS}) "  # noqa: S608 - fixed column list
        "SELECT $1, $23 + i, $2, $3::TIMESTAMP, $4::TIMESTAMP, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
        "$15, $16, $17, $18, $19, $20, $21, $22 FROM range($24) t(i)",
        [*values, start, n],
    )


def add_population(
    con: duckdb.DuckDBPyConnection,
    rows: Iterable[tuple[str, str, str | None, int]],
) -> None:
    """rows: (borough_code, borough_name, ethnicity_5, population) spread over one sex/age band."""
    con.executemany(
        "INSERT INTO population_children VALUES ('pop1', ?, ?, ?, 'male', '10-11', ?)",
        [tuple(r) for r in rows],
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterable[tuple[Path, duckdb.DuckDBPyConnection]]:
    path = tmp_path / "opendata.duckdb"
    con = connect(path)
    yield path, con
    con.close()
