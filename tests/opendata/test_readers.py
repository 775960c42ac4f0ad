"""Every reader on the real files in the shared data folder, checked against the data README."""

from __future__ import annotations

import pytest

from childfirst.opendata import vocab
from childfirst.opendata.importer import force_from_path, import_path
from childfirst.opendata.shapes import detect

from .conftest import (
    API_DIR,
    ARCHIVE_2016,
    ARCHIVE_BTP,
    ARCHIVE_CITY,
    CENSUS_ALL_5,
    CENSUS_ALL_20,
    CENSUS_CHILDREN,
    FIXTURES,
    HARINGEY_EXTRACT,
    LAMBETH_EXTRACT,
    MONTHLY_TOTALS,
    count,
)


@pytest.mark.parametrize(
    ("path", "fmt"),
    [
        (ARCHIVE_2016, "archive_csv_2016"),
        (ARCHIVE_CITY, "archive_csv"),
        (ARCHIVE_BTP, "archive_csv"),
        (LAMBETH_EXTRACT, "api_extract_csv"),
        (API_DIR / "2024-09.json", "api_json"),
        (MONTHLY_TOTALS, "api_monthly_totals"),
        (CENSUS_CHILDREN, "census_children"),
        (CENSUS_ALL_5, "census_all_ages"),
        (CENSUS_ALL_20, "census_all_ages"),
    ],
)
def test_shape_is_recognised_from_the_file_itself(path, fmt):
    assert detect(path).format == fmt


def test_city_of_london_archive_current_vocabulary(con):
    result = import_path(con, ARCHIVE_CITY)
    assert (result.rows_read, result.rows_loaded, result.rows_quarantined) == (197, 197, 0)
    assert count(con, "SELECT count(*) FROM stops WHERE force = 'city-of-london'") == 197
    # Harmonised outcomes match the raw labels one for one.
    groups = dict(con.execute("SELECT outcome_group, count(*) FROM stops GROUP BY 1").fetchall())
    assert groups == {"no_further_action": 150, "arrest": 33, "other": 14}
    # "Other ethnic group - Not stated" is held as Not stated, outside the 5 groups.
    assert count(con, "SELECT count(*) FROM stops WHERE self_ethnicity = 'Not stated'") == 97
    assert count(con, "SELECT count(*) FROM stops WHERE self_ethnicity_5 IS NULL") == 97 + 11
    assert count(con, "SELECT count(*) FROM stops WHERE strip_search") == 5
    assert count(con, "SELECT count(*) FROM stops WHERE is_child") == 18
    assert count(con, "SELECT count(*) FROM stops WHERE is_child IS NULL") == 10
    row = con.execute(
        "SELECT source, licence, sha256, format FROM imports WHERE import_id = ?",
        [result.import_id],
    ).fetchone()
    assert row[0] == "data.police.uk"
    assert row[1] == "Open Government Licence v3.0"
    assert len(row[2]) == 64
    assert row[3] == "archive_csv"


def test_2016_met_archive_old_vocabulary_and_utc_dates(con):
    result = import_path(con, ARCHIVE_2016)
    assert result.format == "archive_csv_2016"
    assert result.rows_loaded == 10_490
    assert result.rows_quarantined == 0
    # Date is UTC: 13 rows fall on 31 May in UTC but are June in London local time.
    assert count(con, "SELECT count(*) FROM stops WHERE occurred_utc::DATE = DATE '2016-05-31'") == 13
    assert count(con, "SELECT count(*) FROM stops WHERE month = '2016-06'") == 10_490
    first = con.execute("SELECT occurred_utc, occurred_local FROM stops WHERE source_row = 1").fetchone()
    assert str(first[0]) == "2016-05-31 23:01:00"
    assert str(first[1]) == "2016-06-01 00:01:00"
    # Old codes map onto the Census 2021 categories.
    assert (
        count(
            con,
            "SELECT count(*) FROM stops WHERE self_ethnicity ="
            " 'Black/African/Caribbean/Black British - African'",
        )
        == 1121
    )
    assert count(con, "SELECT count(*) FROM stops WHERE self_ethnicity = 'Not stated'") == 1028
    assert count(con, "SELECT count(*) FROM stops WHERE outcome_group = 'no_further_action'") == 7104
    assert count(con, "SELECT count(*) FROM stops WHERE outcome_group = 'arrest'") == 2112
    # The strip-search field is blank for every row: unknown, not false.
    assert count(con, "SELECT count(*) FROM stops WHERE strip_search IS NULL") == 10_490


def test_btp_archive_force_from_file_name(con):
    result = import_path(con, ARCHIVE_BTP)
    assert result.rows_loaded == 1466
    assert count(con, "SELECT count(DISTINCT force) FROM stops") == 1
    assert con.execute("SELECT any_value(force) FROM stops").fetchone()[0] == "btp"
    # the one row with a blank outcome has no outcome group
    assert count(con, "SELECT count(*) FROM stops WHERE outcome_group IS NULL") == 1


def test_borough_extracts_get_borough_codes(con):
    import_path(con, LAMBETH_EXTRACT)
    import_path(con, HARINGEY_EXTRACT)
    rows = dict(con.execute("SELECT borough_code, count(*) FROM stops GROUP BY 1").fetchall())
    assert rows == {"E09000022": 12_117, "E09000014": 7_135}
    assert count(con, "SELECT count(*) FROM stops WHERE force <> 'metropolitan'") == 0


def test_api_json_with_borough_field(con):
    result = import_path(con, API_DIR / "2024-09.json")
    assert result.rows_loaded == 3253
    assert count(con, "SELECT count(*) FROM stops WHERE force = 'metropolitan'") == 3253
    assert count(con, "SELECT count(*) FROM stops WHERE borough_code = 'E09000030'") > 0
    assert count(con, "SELECT count(*) FROM stops WHERE strip_search") > 0


def test_all_api_json_months_sum_to_readme_figures(con):
    total = 0
    for path in sorted(API_DIR.glob("*.json")):
        total += import_path(con, path).rows_loaded
    assert total == 27_395 + 5_706


def test_api_json_without_borough_and_with_null_location(con):
    result = import_path(con, FIXTURES / "api-no-borough.json", force="metropolitan")
    assert result.rows_loaded == 5
    assert count(con, "SELECT count(*) FROM stops WHERE borough_code IS NOT NULL") == 0
    assert count(con, "SELECT count(*) FROM stops WHERE latitude IS NULL") == 2


def test_api_json_without_a_force_is_quarantined_not_guessed(con, tmp_path):
    plain = tmp_path / "records.json"
    plain.write_bytes((FIXTURES / "api-no-borough.json").read_bytes())
    result = import_path(con, plain)
    assert result.rows_loaded == 0
    assert result.rows_quarantined == 5
    assert any("pass --force" in reason for reason in result.quarantine_reasons)


def test_force_from_path():
    assert force_from_path(ARCHIVE_CITY) == "city-of-london"
    assert force_from_path(API_DIR / "2024-09.json") == "metropolitan"
    assert force_from_path(FIXTURES / "api-no-borough.json") is None


def test_census_children(con):
    result = import_path(con, CENSUS_CHILDREN)
    assert result.kind == "population_children"
    assert result.rows_quarantined == 0
    assert count(con, "SELECT sum(population) FROM population_children") == 837_310
    city = con.execute(
        "SELECT ethnicity_5, population FROM population_children WHERE borough_code = 'E09000001'"
    ).fetchall()
    assert city == [(None, None)]  # no ethnicity breakdown published
    assert count(con, "SELECT count(DISTINCT borough_code) FROM population_children") == 33
    assert set(r[0] for r in con.execute("SELECT DISTINCT age_band FROM population_children").fetchall()) == {
        "10-11",
        "12-14",
        "15-17",
        None,
    }


def test_census_all_ages_5_and_20_groups_agree(con):
    import_path(con, CENSUS_ALL_5)
    r20 = import_path(con, CENSUS_ALL_20)
    totals = dict(
        con.execute("SELECT grouping, sum(population) FROM population_all_ages GROUP BY 1").fetchall()
    )
    assert totals["5"] == totals["20"] > 59_000_000
    # 'Does not apply' rows carry no population and are set aside with their reason, one per LA.
    assert r20.rows_quarantined == 331
    assert set(
        r[0]
        for r in con.execute(
            "SELECT DISTINCT ethnicity FROM population_all_ages WHERE grouping = '5'"
        ).fetchall()
    ) == set(vocab.FIVE_GROUPS)


def test_gzipped_json_and_csv_are_read(con, tmp_path):
    import gzip

    json_gz = tmp_path / "2024-09.json.gz"
    json_gz.write_bytes(gzip.compress((FIXTURES / "api-with-borough.json").read_bytes()))
    csv_gz = tmp_path / "2023-03-city-of-london-stop-and-search.csv.gz"
    csv_gz.write_bytes(gzip.compress(ARCHIVE_CITY.read_bytes()))
    assert detect(json_gz).gzip
    assert import_path(con, json_gz, force="metropolitan").rows_loaded == 3
    assert import_path(con, csv_gz).rows_loaded == 197
    assert count(con, "SELECT count(*) FROM stops WHERE force = 'city-of-london'") == 197
    # Bexley, Wandsworth, and one record with a blank borough and no location
    assert count(con, "SELECT count(*) FROM stops WHERE borough_code IN ('E09000004', 'E09000032')") == 2
    assert count(con, "SELECT count(*) FROM stops WHERE force = 'metropolitan' AND borough_code IS NULL") == 1
