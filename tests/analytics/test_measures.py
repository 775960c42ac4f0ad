from __future__ import annotations

import duckdb
import pytest

from childfirst.analytics import measures
from childfirst.analytics.measures import GroupCount, Measure, journey_events_from_stops

from .conftest import add_stops


def test_journey_measures_are_declared_in_journey_order() -> None:
    steps = [m.step for m in measures.journey_measures()]
    assert steps[:3] == ["stop_search", "strip_search", "arrest"]
    assert {"custody", "charge", "diversion"} <= set(steps)
    for m in measures.journey_measures():
        assert m.commitment.startswith("CS-")
        assert all((m.definition, m.source, m.unit))
    assert [m.open_data for m in measures.journey_measures()][:3] == [True, True, True]


def test_register_refuses_a_duplicate_key() -> None:
    existing = measures.get("journey.stop_search")
    with pytest.raises(ValueError, match="already registered"):
        measures.register(existing)


def test_measure_requires_its_declaration_fields() -> None:
    with pytest.raises(ValueError, match="commitment is required"):
        Measure(
            key="x.y",
            name="X",
            definition="d",
            source="s",
            commitment=" ",
            unit="count",
            compute=measures.step_count("arrest"),
        )
    with pytest.raises(ValueError, match="step"):
        Measure(
            key="x.y",
            name="X",
            definition="d",
            source="s",
            commitment="CS-05",
            unit="count",
            step="teleport",
            compute=measures.step_count("arrest"),
        )


def test_unknown_measure_names_the_key() -> None:
    with pytest.raises(KeyError, match="no measure called 'nope'"):
        measures.get("nope")


def test_open_data_steps_computed_from_the_stops_table(store) -> None:
    _, con = store
    add_stops(con, 30, ethnicity="Black", strip=True, outcome_group="arrest")
    add_stops(con, 70, ethnicity="Black", start=100)
    add_stops(con, 50, ethnicity="White", strip=None, start=200)
    add_stops(con, 5, ethnicity="White", outcome_group="arrest", start=300)
    events = journey_events_from_stops(con, where_sql="age_band = ?", params=["10-17"])
    searches = measures.get("journey.stop_search").compute(events)
    assert searches == [GroupCount("Black", 100), GroupCount("White", 55)]
    strip = measures.get("journey.strip_search_share").compute(events)
    assert strip == [GroupCount("Black", 30, 100), GroupCount("White", 0, 55)]
    arrest = measures.get("journey.arrest_share").compute(events)
    assert arrest == [GroupCount("Black", 30, 100), GroupCount("White", 5, 55)]


def test_force_records_feed_the_same_definitions() -> None:
    """Custody, charge and diversion come from the force's own records in the same event shape."""
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE ev (step VARCHAR, journey_ref VARCHAR, subject_ref VARCHAR, occurred_utc TIMESTAMP, "
        "month VARCHAR, force VARCHAR, borough_code VARCHAR, age_band VARCHAR, ethnicity VARCHAR)"
    )
    rows = []

    def event(step: str, j: int) -> tuple[object, ...]:
        return (step, f"j{j}", f"c{j}", None, "2025-01", "metropolitan", None, "10-17", "Black")

    for j in range(10):
        rows.append(event("arrest", j))
        if j < 8:
            rows.append(event("custody", j))
        if j < 3:
            rows.append(event("charge", j))
        elif j < 8:
            rows.append(event("diversion", j))
    con.executemany("INSERT INTO ev VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    events = con.table("ev")
    assert measures.get("journey.custody_share").compute(events) == [GroupCount("Black", 8, 10)]
    assert measures.get("journey.charge_share").compute(events) == [GroupCount("Black", 3, 8)]
    assert measures.get("journey.diversion_share").compute(events) == [GroupCount("Black", 5, 8)]


def test_events_missing_a_column_are_refused() -> None:
    con = duckdb.connect()
    events = con.sql("SELECT 'arrest' AS step, 'j1' AS journey_ref")
    with pytest.raises(ValueError, match="missing column.*subject_ref"):
        measures.get("journey.stop_search").compute(events)
