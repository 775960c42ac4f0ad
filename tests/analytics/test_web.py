"""The dashboard, CSV downloads and measures page, on a store built in tmp_path."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from childfirst.core.roles import Role
from tests.factories import make_user

from .conftest import add_population, add_stops

LAMBETH = ("E09000022", "Lambeth")
HACKNEY = ("E09000012", "Hackney")


@pytest.fixture
def db(store, settings):
    path, con = store
    n = 0
    for month in ("2022-01", "2022-02"):
        for borough, black, white in ((LAMBETH, 40, 20), (HACKNEY, 30, 30)):
            add_stops(con, black, month=month, borough=borough, ethnicity="Black", linked=True, start=n)
            n += black
            add_stops(con, white, month=month, borough=borough, ethnicity="White", start=n)
            n += white
    add_stops(con, 3, borough=LAMBETH, ethnicity="Mixed", start=n)
    add_population(
        con,
        [
            (*LAMBETH, "Black", 4_000),
            (*LAMBETH, "White", 6_000),
            (*HACKNEY, "Black", 3_000),
            (*HACKNEY, "White", 6_000),
        ],
    )
    con.close()
    settings.OPENDATA_DB = path
    return path


@pytest.fixture
def analyst_client(client, db):
    client.force_login(make_user(Role.ANALYST))
    return client


@pytest.mark.django_db
def test_dashboard_shows_every_figure_with_chart_table_csv_and_notes(analyst_client) -> None:
    response = analyst_client.get(reverse("analytics:dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    for title in ("by ethnic group", "Monthly trend", "Borough ranking", "Outcome test"):
        assert title in html
    assert html.count('<svg role="img" aria-label="') == 4  # rates, RRI, trend, boroughs
    assert "Relative rate index against White" in html
    assert html.count("Download this table as CSV") == 5  # rates, trend, boroughs, outcomes, journey
    assert "strip-search field blank for" in html
    assert "infra-marginality" in html
    assert "&lt;10" in html  # 3 Mixed searches suppressed
    assert "Contains public sector information licensed under the Open Government Licence v3.0." in html


@pytest.mark.django_db
def test_filters_change_the_figures(analyst_client) -> None:
    html = analyst_client.get(
        reverse("analytics:dashboard"),
        {
            "borough": "E09000022",
            "age": "10-17",
            "ethnicity": "self",
            "reference": "White",
            "focus": "Black",
            "method": "exact",
            "month_from": "2022-02",
            "month_to": "2022-02",
        },
    ).content.decode()
    assert "exact conditional" in html
    assert "Lambeth" in html


@pytest.mark.django_db
def test_bad_filters_give_an_error_summary_not_a_crash(analyst_client) -> None:
    response = analyst_client.get(
        reverse("analytics:dashboard"),
        {
            "month_from": "2022-02",
            "month_to": "2022-01",
            "reference": "White",
            "focus": "White",
            "age": "10-17",
            "ethnicity": "self",
            "method": "katz",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "The to month must be the same as or after the from month" in html
    assert "must differ from the reference group" in html


@pytest.mark.django_db
def test_csv_download_matches_the_table(analyst_client) -> None:
    response = analyst_client.get(reverse("analytics:download", args=["rates"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode()
    assert body.startswith("# Contains public sector information")
    rows = {r["group"]: r for r in csv.DictReader(io.StringIO(body.split("\n", 1)[1]))}
    assert float(rows["Black"]["rri"]) == pytest.approx((140 / 7_000) / (100 / 12_000))
    assert rows["Mixed"]["events_shown"] == "<10"
    assert rows["Mixed"]["events"] == ""
    boroughs = analyst_client.get(
        reverse("analytics:download", args=["boroughs"]),
        {"focus": "Black", "reference": "White", "age": "10-17", "ethnicity": "self", "method": "katz"},
    )
    ranked = list(csv.DictReader(io.StringIO(boroughs.content.decode().split("\n", 1)[1])))
    # Lambeth RRI 3.0 ranks above Hackney 2.0; boroughs with no figures come last
    assert [r["borough_name"] for r in ranked[:2]] == ["Lambeth", "Hackney"]
    assert float(ranked[0]["rri"]) == pytest.approx(3.0)
    assert ranked[-1]["rri"] == ""
    assert analyst_client.get(reverse("analytics:download", args=["nope"])).status_code == 404


@pytest.mark.django_db
def test_measures_page_lists_the_journey(analyst_client) -> None:
    html = analyst_client.get(reverse("analytics:measures")).content.decode()
    assert "Children stopped and searched" in html
    assert "CS-05" in html
    assert "Children in custody who were diverted" in html


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.FRONTLINE_OFFICER, Role.CUSTODY_OFFICER, Role.AUDITOR])
def test_other_roles_are_refused(client, db, role) -> None:
    client.force_login(make_user(role))
    assert client.get(reverse("analytics:dashboard")).status_code == 403
    assert client.get(reverse("analytics:download", args=["rates"])).status_code == 403


@pytest.mark.django_db
def test_no_store_yet(client, settings, tmp_path) -> None:
    settings.OPENDATA_DB = tmp_path / "missing.duckdb"
    client.force_login(make_user(Role.ANALYST))
    html = client.get(reverse("analytics:dashboard")).content.decode()
    assert "No open data has been imported yet" in html


@pytest.mark.django_db
def test_partial_months_are_flagged_beside_the_trend(client, store, settings) -> None:
    path, con = store
    n = 0
    for month in ("2022-01", "2022-02", "2022-03", "2022-04", "2022-05", "2022-06", "2022-07"):
        size = 4 if month == "2022-04" else 100
        add_stops(con, size, month=month, ethnicity="Black", start=n)
        add_stops(con, size, month=month, ethnicity="White", start=n + 1000)
        n += 2000
    add_population(con, [(*LAMBETH, "Black", 4_000), (*LAMBETH, "White", 6_000)])
    con.close()
    settings.OPENDATA_DB = path
    client.force_login(make_user(Role.ANALYST))
    html = client.get(reverse("analytics:dashboard")).content.decode()
    assert "2022-04 (metropolitan) looks partial" in html
    # the warning says what the month was compared with (here the median of the months before it)
    assert "8 records, fewer than half the median of earlier months 200" in html
    assert "partial month: too low" in html
    assert "Partial months left out: 2022-04." in html


@pytest.mark.django_db
def test_journey_figure_reads_the_measure_registry(client, store, settings) -> None:
    path, con = store
    add_stops(con, 200, ethnicity="Black", strip=True, outcome_group="arrest")
    add_stops(con, 800, ethnicity="Black", strip=False, start=1000)
    add_stops(con, 500, ethnicity="White", strip=None, start=5000)
    con.close()
    settings.OPENDATA_DB = path
    client.force_login(make_user(Role.ANALYST))
    html = client.get(reverse("analytics:dashboard")).content.decode()
    assert "The journey so far" in html
    assert "Stop and searches that were strip searches" in html
    body = client.get(reverse("analytics:download", args=["journey"])).content.decode()
    rows = list(csv.DictReader(io.StringIO(body.split("\n", 1)[1])))
    strip = {r["group"]: r for r in rows if r["measure"] == "journey.strip_search_share"}
    assert float(strip["Black"]["share"]) == pytest.approx(0.2)
    assert strip["Black"]["out_of"] == "1000"
    assert float(strip["Black"]["share_low"]) < 0.2 < float(strip["Black"]["share_high"])
    assert strip["White"]["count_shown"] == "0"
