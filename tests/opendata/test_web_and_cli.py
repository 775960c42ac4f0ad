"""The quality page, the `opendata` management command and the demo loader."""

from __future__ import annotations

import json
import random

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from childfirst.core.roles import Role
from childfirst.opendata import demo, store
from tests.factories import make_user

from .conftest import ARCHIVE_CITY, CENSUS_CHILDREN, FIXTURES, MONTHLY_TOTALS, count


@pytest.fixture
def db(tmp_path, settings):
    path = tmp_path / "store.duckdb"
    settings.OPENDATA_DB = path
    return path


def run(*args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("opendata", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_cli_import_then_reimport(db):
    first = run("import", str(ARCHIVE_CITY))
    assert "197 rows read, 197 loaded, 0 quarantined" in first
    again = run("import", str(ARCHIVE_CITY))
    assert "already imported" in again
    con = store.connect(db)
    assert count(con, "SELECT count(*) FROM stops") == 197
    con.close()


def test_cli_imports_a_folder_of_api_months(db):
    from .conftest import API_DIR

    out = run("import", str(API_DIR))
    assert out.count("police.uk API JSON;") == 9
    con = store.connect(db)
    assert count(con, "SELECT count(*) FROM stops") == 27_395 + 5_706
    con.close()


def test_cli_failed_file_exits_non_zero_and_names_it(db):
    with pytest.raises(CommandError, match="1 of 2 file"):
        run("import", str(ARCHIVE_CITY), str(FIXTURES / "missing-column.csv"))
    con = store.connect(db)
    assert count(con, "SELECT count(*) FROM imports") == 1  # the good file still went in
    con.close()


def test_cli_population_and_quality_json(db):
    out = run("population", str(CENSUS_CHILDREN))
    assert "961 rows read" in out
    run("import", str(ARCHIVE_CITY))
    run("import", str(MONTHLY_TOTALS), "--force", "city-of-london")
    report = json.loads(run("quality", "--format", "json"))
    assert report["partial_month_rule"].startswith("A month is flagged as partial")
    assert [m["month"] for m in report["months"]] == ["2023-03"]
    # 197 records against a published total taken (for this test) from the Met's series
    assert report["months"][0]["published_total"] == 14_329
    assert report["partial_months"][0]["why"].startswith("197 records, fewer than half the published")
    assert any(b["field"] == "strip_search" for b in report["blank_rates"])
    table = run("quality")
    assert "Records per force and month" in table
    assert "city-of-london" in table


def test_cli_population_refuses_a_stop_and_search_file(db):
    with pytest.raises(CommandError, match="1 of 1 file"):
        run("population", str(ARCHIVE_CITY))
    con = store.connect(db)
    assert count(con, "SELECT count(*) FROM imports") == 0
    con.close()


def test_cli_quality_without_a_store(db):
    with pytest.raises(CommandError, match="no open-data store"):
        run("quality")


@pytest.mark.django_db
def test_quality_page_for_an_analyst(client, db):
    con = store.connect(db)
    from childfirst.opendata.importer import import_path

    import_path(con, ARCHIVE_CITY)
    import_path(con, FIXTURES / "bad-rows.csv", force="city-of-london")
    con.close()
    client.force_login(make_user(Role.ANALYST))
    response = client.get(reverse("opendata:quality"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Open data quality" in body
    assert "unknown outcome label: Sent to the moon" in body
    assert "Removal of more than just outer clothing" in body
    assert "Open Government Licence v3.0" in body


@pytest.mark.django_db
def test_quality_page_with_no_store(client, db):
    client.force_login(make_user(Role.AUDITOR))
    response = client.get(reverse("opendata:quality"))
    assert response.status_code == 200
    assert "No open data has been imported yet" in response.content.decode()


@pytest.mark.django_db
def test_quality_page_refuses_other_roles(client, db):
    client.force_login(make_user(Role.FRONTLINE_OFFICER))
    assert client.get(reverse("opendata:quality")).status_code == 403


@pytest.mark.slow
@pytest.mark.django_db
def test_demo_loads_real_data_once(db):
    first = demo.load(random.Random(1), {})
    assert "rows imported" in first
    con = store.connect(db)
    stops = count(con, "SELECT count(*) FROM stops")
    assert stops == 150_152 + 197
    assert count(con, "SELECT count(*) FROM population_children") == 961
    con.close()
    second = demo.load(random.Random(1), {})
    assert "0 rows imported, 6 file(s) already" in second
    con = store.connect(db)
    assert count(con, "SELECT count(*) FROM stops") == stops
    con.close()
