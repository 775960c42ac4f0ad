"""Disproportionality and outcome figures from a store built in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from childfirst.analytics import queries
from childfirst.analytics.queries import FilterError, Filters

from .conftest import add_population, add_stops

LAMBETH = ("E09000022", "Lambeth")
HACKNEY = ("E09000012", "Hackney")


@pytest.fixture
def con(store):
    _, con = store
    n = 0
    for month in ("2022-01", "2022-02", "2022-03"):
        for borough, black, white in ((LAMBETH, 40, 20), (HACKNEY, 30, 30)):
            add_stops(con, black, month=month, borough=borough, ethnicity="Black", start=n)
            n += black
            add_stops(con, white, month=month, borough=borough, ethnicity="White", start=n)
            n += white
    add_stops(con, 12, month="2022-02", borough=LAMBETH, ethnicity=None, officer="Black", start=n)
    add_stops(con, 50, month="2022-02", borough=LAMBETH, ethnicity="White", age_band="18-24", start=n + 100)
    add_stops(con, 11, month="2022-02", borough=LAMBETH, ethnicity="Asian", start=n + 200)
    add_population(
        con,
        [
            (*LAMBETH, "Black", 4_000),
            (*LAMBETH, "White", 6_000),
            (*LAMBETH, "Asian", 1_000),
            (*HACKNEY, "Black", 3_000),
            (*HACKNEY, "White", 9_000),
            ("E09000001", "City of London", None, 279),
        ],
    )
    return con


def by_group(report):
    return {r["group"]: r for r in report.rows}


def test_rates_and_rri_for_the_force(con) -> None:
    report = queries.disproportionality(con, Filters(force="metropolitan"))
    rows = by_group(report)
    assert rows["Black"]["events"] == 210
    assert rows["Black"]["population"] == 7_000
    assert rows["Black"]["rate_per_1000"] == pytest.approx(30.0)
    assert rows["White"]["rate_per_1000"] == pytest.approx(150 / 15_000 * 1000)
    assert rows["Black"]["rri"] == pytest.approx(3.0)
    assert rows["Black"]["ci_low"] < 3.0 < rows["Black"]["ci_high"]
    assert rows["Not stated"]["events"] == 12
    assert rows["Not stated"]["rri"] is None
    assert rows["Asian"]["rate_per_1000"] == pytest.approx(11.0)
    assert report.meta["ethnicity"] == "self"
    assert "self-defined" in report.meta["ethnicity_used"]
    assert isinstance(report.rows, list)


def test_officer_defined_ethnicity_counts_differently(con) -> None:
    report = queries.disproportionality(con, Filters(force="metropolitan", ethnicity="officer"))
    rows = by_group(report)
    assert rows["Black"]["events"] == 222
    assert "Not stated" in rows
    assert rows["Not stated"]["events"] == 0
    assert any("officer-defined" in w for w in report.warnings)


def test_filters_on_borough_and_months(con) -> None:
    report = queries.disproportionality(
        con, Filters(borough="lambeth", month_from="2022-02", month_to="2022-03")
    )
    rows = by_group(report)
    assert rows["Black"]["events"] == 80
    assert rows["Black"]["population"] == 4_000
    assert rows["White"]["events"] == 40
    assert rows["Black"]["rri"] == pytest.approx((80 / 4_000) / (40 / 6_000))
    assert report.meta["filters"]["borough"] == "E09000022"


def test_by_borough_gives_a_row_per_borough_and_group(con) -> None:
    report = queries.disproportionality(con, Filters(force="metropolitan"), by="borough")
    lambeth = {r["group"]: r for r in report.rows if r["borough_code"] == "E09000022"}
    hackney = {r["group"]: r for r in report.rows if r["borough_code"] == "E09000012"}
    assert lambeth["Black"]["rri"] == pytest.approx((120 / 4_000) / (60 / 6_000))
    assert hackney["Black"]["rri"] == pytest.approx((90 / 3_000) / (90 / 9_000))
    assert lambeth["Black"]["borough_name"] == "Lambeth"
    # 32 Met boroughs x 6 groups, whether or not they had searches
    assert len(report.rows) == 32 * 6


def test_by_month_and_suppression(con) -> None:
    report = queries.disproportionality(con, Filters(borough="E09000022"), by="month", method="exact")
    feb = {r["group"]: r for r in report.rows if r["month"] == "2022-02"}
    assert [r["month"] for r in report.rows][::6] == ["2022-01", "2022-02", "2022-03"]
    assert feb["Asian"]["events_shown"] == "11"
    jan = {r["group"]: r for r in report.rows if r["month"] == "2022-01"}
    assert jan["Asian"]["events"] == 0
    assert jan["Asian"]["ci_low"] == 0.0  # exact interval at zero events
    report = queries.disproportionality(
        con, Filters(borough="E09000022", month_from="2022-02", month_to="2022-02")
    )
    rows = by_group(report)
    assert rows["Asian"]["events_shown"] == "11"
    from childfirst.stats import Suppression

    report = queries.disproportionality(con, Filters(borough="E09000022"), suppression=Suppression(20))
    rows = by_group(report)
    assert rows["Not stated"]["events_shown"] == "<20"
    assert rows["Asian"]["rate_per_1000"] is None
    assert rows["Asian"]["suppressed"]


def test_other_ages_have_counts_but_no_rates(con) -> None:
    report = queries.disproportionality(con, Filters(age="18-24"))
    rows = by_group(report)
    assert rows["White"]["events"] == 50
    assert rows["White"]["rate_per_1000"] is None
    assert any("aged 10-17" in w for w in report.warnings)


def test_population_read_from_the_census_file(con) -> None:
    census = queries.population_from_census_csv(
        Path(settings.SHARED_DATA_DIR) / "population/census2021-children-10-17-london-boroughs.csv"
    )
    assert (
        sum(n for _, _, n in census) == 837_310
    )  # the London total; City of London (279) has no ethnicity breakdown
    report = queries.disproportionality(con, Filters(borough="Lambeth"), population=census)
    lambeth_black = sum(n for b, g, n in census if b == "E09000022" and g == "Black")
    assert by_group(report)["Black"]["population"] == lambeth_black


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        (Filters(month_from="2022-13"), "from: '2022-13' is not a month in the form YYYY-MM"),
        (Filters(month_to="22-01"), "to: '22-01' is not a month"),
        (Filters(month_from="2022-05", month_to="2022-01"), "from: 2022-05 is after to: 2022-01"),
        (Filters(borough="Atlantis"), "borough: 'Atlantis' is not a London borough"),
        (Filters(age="10-18"), "age: '10-18' is not one of"),
        (Filters(ethnicity="guess"), "ethnicity: 'guess' must be 'self' or 'officer'"),
    ],
)
def test_bad_filters_name_the_field(con, filters, message) -> None:
    with pytest.raises(FilterError, match=message):
        queries.disproportionality(con, filters)


def test_unknown_reference_and_method(con) -> None:
    with pytest.raises(FilterError, match="reference: unknown group 'Purple'"):
        queries.disproportionality(con, Filters(), reference="Purple")
    with pytest.raises(FilterError, match="method: 'wald'"):
        queries.disproportionality(con, Filters(), method="wald")  # type: ignore[arg-type]


def test_bad_census_file(tmp_path) -> None:
    bad = tmp_path / "pop.csv"
    bad.write_text("geo_id,ethnicity,population\nE09000022,Black,-4\n")
    with pytest.raises(FilterError, match="population: pop.csv data row 2: negative count -4"):
        queries.population_from_census_csv(bad)
    bad.write_text("geo_id,ethnicity\nE09000022,Black\n")
    with pytest.raises(FilterError, match="population: pop.csv has no column population"):
        queries.population_from_census_csv(bad)


def test_outcome_report(store) -> None:
    _, con = store
    add_stops(con, 100, ethnicity="Black", linked=False)
    add_stops(con, 20, ethnicity="Black", linked=True, outcome_group="arrest", start=1000)
    add_stops(con, 60, ethnicity="White", linked=False, start=2000)
    add_stops(con, 40, ethnicity="White", linked=True, start=3000)
    add_stops(con, 15, ethnicity="White", linked=None, outcome_group="arrest", start=4000)
    report = queries.outcome_report(con, Filters())
    rows = by_group(report)
    assert rows["Black"]["find"]["share"] == pytest.approx(20 / 120)
    assert rows["White"]["find"]["share"] == pytest.approx(40 / 115)
    assert rows["Black"]["find"]["ratio"] == pytest.approx((20 / 120) / (40 / 115))
    assert rows["Black"]["find"]["ratio_high"] < 1
    assert rows["Black"]["arrest"]["share"] == pytest.approx(20 / 120)
    assert any("blank for 6%" in w for w in report.warnings)


def test_quality_notes(con) -> None:
    notes = queries.quality_notes(con, Filters())
    assert any(n.startswith("strip-search field blank for 0%") for n in notes)
    assert any("ethnicity not stated for" in n for n in notes)


def test_by_borough_and_month_grid(con) -> None:
    report = queries.disproportionality(con, Filters(force="metropolitan"), by="borough-month")
    assert len(report.rows) == 32 * 3 * 6
    cell = {
        r["group"]: r for r in report.rows if r["borough_code"] == "E09000022" and r["month"] == "2022-03"
    }
    assert cell["Black"]["events"] == 40
    assert cell["Black"]["rri"] == pytest.approx((40 / 4_000) / (20 / 6_000))
    assert cell["Black"]["borough_name"] == "Lambeth"
