"""`childfirst disproportionality`: output formats, counts mode, bad input, and the real importer."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from childfirst.opendata.importer import import_path
from childfirst.opendata.store import connect

from .conftest import add_population, add_stops

DATA = Path(settings.SHARED_DATA_DIR)
CITY_FILE = DATA / "policeuk/archive/2023-03-city-of-london-stop-and-search.csv"
CENSUS_FILE = DATA / "population/census2021-children-10-17-london-boroughs.csv"


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("disproportionality", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def db(store) -> Path:
    path, con = store
    add_stops(con, 120, borough=("E09000022", "Lambeth"), ethnicity="Black")
    add_stops(con, 60, borough=("E09000022", "Lambeth"), ethnicity="White", start=1000)
    add_stops(con, 4, borough=("E09000022", "Lambeth"), ethnicity="Mixed", start=2000)
    add_population(
        con,
        [
            ("E09000022", "Lambeth", "Black", 4_000),
            ("E09000022", "Lambeth", "White", 6_000),
            ("E09000022", "Lambeth", "Mixed", 2_000),
        ],
    )
    con.close()
    return path


def test_json_envelope(db) -> None:
    data = json.loads(run("--db", str(db), "--force", "metropolitan", "--format", "json"))
    assert set(data) == {"meta", "warnings", "rows"}
    assert isinstance(data["rows"], list)
    rows = {r["group"]: r for r in data["rows"]}
    for key in ("group", "events", "population", "rate_per_1000", "rri", "ci_low", "ci_high", "suppressed"):
        assert key in rows["Black"]
    assert rows["Black"]["rri"] == pytest.approx(3.0)
    assert rows["Mixed"]["suppressed"] is True
    assert rows["Mixed"]["events"] is None
    assert rows["Mixed"]["events_shown"] == "<10"
    assert data["meta"]["ethnicity"] == "self"
    assert isinstance(data["warnings"], list)


def test_table_says_which_ethnicity_and_csv_has_a_header(db) -> None:
    table = run("--db", str(db), "--ethnicity", "officer")
    assert "officer-defined ethnicity" in table
    assert "RRI" in table
    assert "Open Government Licence v3.0" in table
    rows = list(csv.DictReader(io.StringIO(run("--db", str(db), "--format", "csv", "--by", "borough"))))
    lambeth = {r["group"]: r for r in rows if r["borough_code"] == "E09000022"}
    assert float(lambeth["Black"]["rri"]) == pytest.approx(3.0)


def test_outcome_test_prints_its_explanation(db) -> None:
    text = run("--db", str(db), "--outcomes")
    assert "Find share" in text
    assert "infra-marginality" in text


def test_counts_mode(tmp_path) -> None:
    counts = tmp_path / "published.csv"
    counts.write_text("group,events,population\nBlack,120,4000\nWhite,200,20000\nMixed,3,900\n")
    data = json.loads(run("--counts", str(counts), "--reference", "White", "--format", "json"))
    rows = {r["group"]: r for r in data["rows"]}
    assert rows["Black"]["rri"] == pytest.approx(3.0)
    assert rows["Black"]["ci_low"] == pytest.approx(2.399, abs=1e-3)
    assert rows["Mixed"]["events_shown"] == "<10"
    exact = json.loads(run("--counts", str(counts), "--method", "exact", "--format", "json"))
    assert exact["rows"][0]["ci_high"] != rows["Black"]["ci_high"]


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        ("group,events\nBlack,1\n", (), "counts: .* has no column population"),
        (
            "group,events,population\nBlack,-3,100\nWhite,5,100\n",
            (),
            "events: line 2 \\(Black\\): negative count -3",
        ),
        (
            "group,events,population\nBlack,3,-100\nWhite,5,100\n",
            (),
            "population: line 2 \\(Black\\): negative",
        ),
        (
            "group,events,population\nBlack,x,100\n",
            (),
            "events: line 2 \\(Black\\): 'x' is not a whole number",
        ),
        (
            "group,events,population\nBlack,3,100\n",
            ("--reference", "White"),
            "reference: unknown group 'White'",
        ),
    ],
)
def test_counts_mode_bad_input(tmp_path, content, args, message) -> None:
    counts = tmp_path / "c.csv"
    counts.write_text(content)
    with pytest.raises(CommandError, match=message):
        run("--counts", str(counts), *args)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from", "2022-1"), "from: '2022-1' is not a month"),
        (("--reference", "Green"), "reference: unknown group 'Green'"),
        (("--method", "wald"), "method: 'wald'"),
        (("--format", "xml"), "format: 'xml'"),
        (("--by", "ward"), "by: 'ward'"),
        (("--borough", "Gotham"), "borough: 'Gotham'"),
    ],
)
def test_bad_arguments_name_the_field(db, args, message) -> None:
    with pytest.raises(CommandError, match=message):
        run("--db", str(db), *args)


def test_missing_store_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(CommandError, match="db: no open-data store at"):
        run("--db", str(tmp_path / "none.duckdb"))


def test_real_files_through_the_importer(tmp_path) -> None:
    """The City of London archive file and the Census children table, imported by the real importer."""
    path = tmp_path / "real.duckdb"
    con = connect(path)
    import_path(con, CITY_FILE)
    import_path(con, CENSUS_FILE)
    expected = con.execute(
        "SELECT count(*) FROM stops WHERE force = 'city-of-london' AND age_band = '10-17'"
    ).fetchall()[0][0]
    con.close()
    args = ("--db", str(path), "--force", "city-of-london", "--suppress-under", "0", "--format", "json")
    data = json.loads(run(*args))
    assert expected > 0
    assert sum(r["events"] for r in data["rows"]) == expected
    # City of London publishes no ethnicity breakdown of its children: counts, but no rates
    assert all(r["rate_per_1000"] is None for r in data["rows"])
    assert any("City of London has no published ethnicity breakdown" in w for w in data["warnings"])
    # Met-wide rates against the real Census table, read directly from the file
    data = json.loads(run("--db", str(path), "--population", str(CENSUS_FILE), "--format", "json"))
    assert data["meta"]["population_source"] == str(CENSUS_FILE)
    assert sum(r["population"] or 0 for r in data["rows"]) == 837_310
