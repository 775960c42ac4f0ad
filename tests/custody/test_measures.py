"""Custody measures on a constructed set of detentions, by suite (pilot flagged), month and ethnicity."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from childfirst.analytics import measures as registry
from childfirst.custody import measures
from childfirst.custody import strip_search as ss
from childfirst.custody.board import with_timeline
from childfirst.custody.models import Detention
from childfirst.people.models import Child

from .conftest import AA_PARENT, Recorder, book, london

pytestmark = pytest.mark.django_db
M = dt.timedelta(minutes=1)
H = dt.timedelta(hours=1)
AT = london(2026, 1, 20, 12, 0)


def child(ethnicity):
    return Child.objects.create(
        given_name="T", family_name="C", ethnicity_self_defined=ethnicity, is_synthetic=True
    )


@pytest.fixture
def world(custody_officer, inspector, suite, other_suite):
    from childfirst.custody.models import SuiteAssignment

    SuiteAssignment.objects.create(user=custody_officer, suite=other_suite)
    black, white = child("black_african"), child("white_british")
    # D1 Wood Green (pilot): arrived 22:00, AA after 60 min, released 09:00 next day -> overnight.
    d1 = book(custody_officer, black, suite, number="D1", arrived=london(2026, 1, 13, 22, 0), now=AT)
    r1 = Recorder(custody_officer, d1)
    r1("aa_requested", london(2026, 1, 13, 22, 10), now=AT)
    r1("aa_arrived", london(2026, 1, 13, 23, 0), AA_PARENT, now=AT)
    search = ss.request(
        custody_officer,
        d1,
        requested_at=london(2026, 1, 13, 23, 5),
        grounds="Seen hiding item",
        object_sought="Drugs",
        now=AT,
    )
    ss.decide(
        inspector,
        search,
        authorise=True,
        rank="inspector",
        at=london(2026, 1, 13, 23, 10),
        expected_version=search.version,
        now=AT,
    )
    ss.record_safeguards(
        custody_officer,
        search,
        route="aa_present",
        aa_name="Mum",
        at=london(2026, 1, 13, 23, 15),
        expected_version=search.version,
        now=AT,
    )
    r1("released", london(2026, 1, 14, 9, 0), {"outcome": "no_further_action"}, now=AT)
    # D2 Wood Green: daytime, AA after 120 min, released after 4 h -> not overnight.
    d2 = book(custody_officer, white, suite, number="D2", arrived=london(2026, 1, 15, 10, 0), now=AT)
    r2 = Recorder(custody_officer, d2)
    r2("aa_requested", london(2026, 1, 15, 10, 5), now=AT)
    r2("aa_arrived", london(2026, 1, 15, 12, 0), AA_PARENT, now=AT)
    r2("released", london(2026, 1, 15, 14, 0), {"outcome": "released_under_investigation"}, now=AT)
    # D3 Lewisham: charged 14:00, refused bail, transfer requested, accepted, completed at 18:00.
    d3 = book(custody_officer, black, other_suite, number="D3", arrived=london(2026, 1, 16, 10, 0), now=AT)
    r3 = Recorder(custody_officer, d3)
    r3("aa_requested", london(2026, 1, 16, 10, 5), now=AT)
    r3("aa_arrived", london(2026, 1, 16, 10, 30), AA_PARENT, now=AT)
    r3("charged", london(2026, 1, 16, 14, 0), now=AT)
    r3(
        "bail_decision",
        london(2026, 1, 16, 14, 5),
        {"outcome": "refused", "ground": "prevent_further_offence"},
        reason="Repeat offending on bail",
        now=AT,
    )
    r3(
        "transfer_requested",
        london(2026, 1, 16, 14, 10),
        {"local_authority": "Lewisham", "accommodation": "non_secure"},
        now=AT,
    )
    r3("transfer_response", london(2026, 1, 16, 15, 0), {"response": "non_secure_offered"}, now=AT)
    r3("transfer_completed", london(2026, 1, 16, 18, 0), now=AT)
    # D4 Lewisham: charged Saturday 16:00, refused bail, no transfer request, to court Monday 10:00.
    d4 = book(custody_officer, white, other_suite, number="D4", arrived=london(2026, 1, 17, 12, 0), now=AT)
    r4 = Recorder(custody_officer, d4)
    r4("charged", london(2026, 1, 17, 16, 0), now=AT)
    r4(
        "bail_decision",
        london(2026, 1, 17, 16, 0),
        {"outcome": "refused", "ground": "own_interests"},
        reason="No safe address",
        now=AT,
    )
    r4("released", london(2026, 1, 19, 10, 0), {"outcome": "remanded_to_court"}, now=AT)
    con = duckdb.connect()
    return measures.journey_events(con, with_timeline(Detention.objects.all()), AT)


def totals(key, events):
    groups = registry.get(key).compute(events)
    return sum(g.numerator for g in groups), sum(g.denominator or 0 for g in groups)


def test_measures_are_registered():
    keys = {m.key for m in registry.all_measures()}
    assert {m.key for m in measures.MEASURES} <= keys


def test_overnight_and_weekend(world):
    """CUS-23: overnight = 4+ consecutive hours 00:00-08:00; weekend = 4+ hours Sat/Sun, released Monday+."""
    assert totals("custody.overnight_share", world) == (2, 4)  # D1 (22:00-09:00) and D4
    assert totals("custody.weekend_share", world) == (1, 4)  # D4: Saturday 12:00 to Monday 10:00


def test_transfers_concordat_principle_7(world):
    assert totals("custody.transfer_requested_share", world) == (1, 2)
    assert totals("custody.transfer_accepted_share", world) == (1, 1)
    assert totals("custody.transfer_completed_share", world) == (1, 2)


def test_strip_searches_with_aa_and_authorisation(world):
    assert totals("custody.strip_search_aa_share", world) == (1, 1)
    assert totals("custody.strip_search_authorised_share", world) == (1, 1)


def test_medians(world):
    groups = {g.group: g for g in registry.get("custody.aa_arrival_minutes").compute(world)}
    assert groups["Black"].numerator == 45  # D1 60 min, D3 30 min
    assert groups["White"].numerator == 120
    hours = {g.group: g.numerator for g in registry.get("custody.hours_after_charge").compute(world)}
    assert hours == {"Black": 4, "White": 42}  # D3 charge 14:00 -> transfer 18:00; D4 Sat 16:00 -> Mon 10:00


def test_breakdown_by_suite_and_pilot(world):
    rows = measures.breakdown("custody.overnight_share", world, by=("suite", "pilot"))
    wood_green = [r for r in rows if r["suite"] == "Wood Green"]
    assert all(r["pilot"] is True for r in wood_green)
    assert sum(r["numerator"] for r in wood_green) == 1
    assert sum(r["denominator"] for r in wood_green) == 2
    lewisham = [r for r in rows if r["suite"] == "Lewisham"]
    assert all(r["pilot"] is False for r in lewisham)


def test_breakdown_by_month(world):
    rows = measures.breakdown("custody.reviews_on_time_share", world, by=("month",))
    assert {r["month"] for r in rows} == {"2026-01"}


def test_pilot_configurable_in_settings(settings, world, other_suite):
    settings.CUSTODY_PILOT_SUITES = [other_suite.code]
    events = measures.journey_events(duckdb.connect(), with_timeline(Detention.objects.all()), AT)
    rows = measures.breakdown("custody.overnight_share", events, by=("suite", "pilot"))
    assert all(r["pilot"] for r in rows if r["suite"] == "Lewisham")


def test_custody_measures_tolerate_open_data_journey_events():
    """The analytics report may run every measure on open-data journey events: no custody rows, no error."""
    con = duckdb.connect()
    events = con.sql(
        "SELECT 'stop_search' AS step, 'j1' AS journey_ref, NULL AS subject_ref, now() AS occurred_utc, "
        "'2026-01' AS month, 'metropolitan' AS force, NULL AS borough_code, '10-17' AS age_band, "
        "'Black' AS ethnicity"
    )
    for m in measures.MEASURES:
        assert m.compute(events) == []


def test_default_events_from_the_database_match_the_timeline_path(world):
    events = measures.journey_events(duckdb.connect(), at=AT)
    assert totals("custody.overnight_share", events) == totals("custody.overnight_share", world)
    assert totals("custody.reviews_on_time_share", events) == totals("custody.reviews_on_time_share", world)


def test_measures_command_prints_by_pilot(world):
    import io

    from django.core.management import call_command
    from django.core.management.base import CommandError

    out = io.StringIO()
    call_command(
        "custody", "measures", "--by", "suite,pilot", "--key", "custody.overnight_share", "--csv", stdout=out
    )
    lines = out.getvalue().strip().splitlines()
    assert lines[0] == "measure,suite,pilot,ethnicity,numerator,denominator"
    assert any(line.startswith("custody.overnight_share,Wood Green,True,") for line in lines[1:])
    with pytest.raises(CommandError, match="--by"):
        call_command("custody", "measures", "--by", "colour")
