"""Bad input: a clear error naming the file and the problem, or a quarantined row with its reason.

A failed import changes nothing in the store.
"""

from __future__ import annotations

import json

import pytest

from childfirst.opendata.importer import import_path
from childfirst.opendata.shapes import ImportFailed

from .conftest import ARCHIVE_CITY, FIXTURES, LONDON_EXTRACT, STREET_BTP, count, table_counts


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("unknown-shape.csv", "unknown file shape"),
        ("empty.csv", "the file is empty"),
        ("truncated.csv.gz", "gzip file is damaged or truncated"),
        ("missing-column.csv", "missing column(s): 'Outcome'"),
        ("header-only.csv", "no data rows"),
    ],
)
def test_broken_file_fails_clearly_and_changes_nothing(con, name, problem):
    import_path(con, ARCHIVE_CITY)
    before = table_counts(con)
    path = FIXTURES / name
    with pytest.raises(ImportFailed) as failure:
        import_path(con, path)
    assert problem in str(failure.value)
    assert str(path) in str(failure.value)
    assert table_counts(con) == before


def test_real_street_crime_file_is_an_unknown_shape(con):
    with pytest.raises(ImportFailed, match="unknown file shape.*Crime ID"):
        import_path(con, STREET_BTP)
    assert table_counts(con)["imports"] == 0


def test_missing_file(con, tmp_path):
    with pytest.raises(ImportFailed, match="no such file"):
        import_path(con, tmp_path / "nope.csv")


def test_gzip_truncated_past_the_sample_rolls_back(con, tmp_path):
    """The first part reads fine; the break comes while DuckDB is loading: nothing is kept."""
    broken = tmp_path / "london.csv.gz"
    broken.write_bytes(LONDON_EXTRACT.read_bytes()[:1_500_000])
    with pytest.raises(ImportFailed, match="london.csv.gz"):
        import_path(con, broken)
    assert set(table_counts(con).values()) == {0}


def test_bad_rows_are_quarantined_with_reasons(con):
    result = import_path(con, FIXTURES / "bad-rows.csv", force="city-of-london")
    assert result.rows_read == 9
    assert result.rows_loaded == 5
    assert result.rows_quarantined == 4
    reasons = {
        r[0]: r[1] for r in con.execute("SELECT reason, raw FROM quarantine ORDER BY source_row").fetchall()
    }
    assert set(reasons) == {
        "unknown self-defined ethnicity label: Martian - Any other background",
        "unknown outcome label: Sent to the moon",
        "unparseable date: 2023-02-30T10:00:00+00:00",
        "removal of more than outer clothing is not true/false: Maybe",
    }
    raw = json.loads(reasons["unknown outcome label: Sent to the moon"])
    assert raw["Outcome"] == "Sent to the moon"
    assert "quarantined 1: unknown outcome label: Sent to the moon" in result.summary()
    source_rows = [r[0] for r in con.execute("SELECT source_row FROM quarantine ORDER BY 1").fetchall()]
    assert source_rows == [6, 7, 8, 9]
    stops_rows = [r[0] for r in con.execute("SELECT source_row FROM stops ORDER BY 1").fetchall()]
    assert stops_rows == [1, 2, 3, 4, 5]


def test_negative_population_is_quarantined(con):
    result = import_path(con, FIXTURES / "population-negative.csv")
    assert result.rows_quarantined == 1
    assert result.quarantine_reasons == {"negative population count: -12": 1}
    assert count(con, "SELECT count(*) FROM population_children WHERE population < 0") == 0
    assert count(con, "SELECT count(*) FROM population_children") == result.rows_loaded == 6


def test_reimport_adds_nothing_and_says_so(con):
    first = import_path(con, ARCHIVE_CITY)
    before = table_counts(con)
    again = import_path(con, ARCHIVE_CITY)
    assert again.already_imported
    assert again.import_id == first.import_id
    assert "already imported" in again.summary()
    assert table_counts(con) == before


def test_same_content_under_another_name_is_recognised(con, tmp_path):
    import_path(con, ARCHIVE_CITY)
    copy = tmp_path / "copy.csv"
    copy.write_bytes(ARCHIVE_CITY.read_bytes())
    assert import_path(con, copy).already_imported
    assert count(con, "SELECT count(*) FROM stops") == 197
