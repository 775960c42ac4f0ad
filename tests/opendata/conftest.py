from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from childfirst.opendata import store

FIXTURES = Path(__file__).parent / "fixtures"


def shared(*parts: str) -> Path:
    return Path(settings.SHARED_DATA_DIR).joinpath(*parts)


ARCHIVE_2016 = shared("policeuk", "archive", "2016-06-metropolitan-stop-and-search.csv")
ARCHIVE_CITY = shared("policeuk", "archive", "2023-03-city-of-london-stop-and-search.csv")
ARCHIVE_BTP = shared("policeuk", "archive", "2023-03-btp-stop-and-search.csv")
STREET_BTP = shared("policeuk", "archive", "2023-03-btp-street.csv")
LONDON_EXTRACT = shared("policeuk", "extracts", "london-stops-2021-12-to-2022-11.csv.gz")
LAMBETH_EXTRACT = shared("policeuk", "extracts", "lambeth-stops-2020-08-to-2021-08.csv")
HARINGEY_EXTRACT = shared("policeuk", "extracts", "haringey-stops-2020-09-to-2021-08.csv")
API_DIR = shared("policeuk", "api-metropolitan")
MONTHLY_TOTALS = API_DIR / "aggregates" / "monthly-totals.json"
CENSUS_CHILDREN = shared("population", "census2021-children-10-17-london-boroughs.csv")
CENSUS_ALL_5 = shared("population", "census2021-all-ages-la-by-ethnicity-5.csv")
CENSUS_ALL_20 = shared("population", "census2021-all-ages-la-by-ethnicity-20.csv")


@pytest.fixture
def con(tmp_path):
    connection = store.connect(tmp_path / "opendata.duckdb")
    yield connection
    connection.close()


def count(con, sql: str, params=None) -> int:
    row = con.execute(sql, params or []).fetchone()
    return int(row[0])


def table_counts(con) -> dict[str, int]:
    return {
        t: count(con, f"SELECT count(*) FROM {t}")  # noqa: S608 - fixed table names
        for t in (
            "imports",
            "stops",
            "quarantine",
            "population_children",
            "population_all_ages",
            "reference_monthly_totals",
        )
    }
