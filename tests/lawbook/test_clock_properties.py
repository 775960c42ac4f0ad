"""Properties of the detention clock over many random detentions, including clock-change nights:
periods are real elapsed time, never wall-clock time."""

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from childfirst.lawbook import InputError, detention_clock, juvenile_status, overnight
from childfirst.lawbook.parameters import default_parameters

UTC = dt.UTC
PARAMS = default_parameters()
TODAY = dt.date(2026, 1, 1)
LIMIT = dt.timedelta(hours=PARAMS.value("CUS-12.limit_without_charge", TODAY).value)
FIRST = dt.timedelta(hours=PARAMS.value("CUS-13.first_review_after", TODAY).value)
INTERVAL = dt.timedelta(hours=PARAMS.value("CUS-13.review_interval", TODAY).value)

instants = st.datetimes(
    min_value=dt.datetime(2016, 1, 1),  # noqa: DTZ001 - hypothesis bounds are naive; timezones= adds UTC
    max_value=dt.datetime(2027, 12, 1),  # noqa: DTZ001
    timezones=st.just(UTC),
)
minutes = st.integers(min_value=0, max_value=60 * 30)


@settings(max_examples=300, deadline=None)
@given(arrest=instants, to_arrival=minutes, to_auth=st.integers(0, 120), to_at=minutes)
def test_limit_and_first_review_are_real_elapsed_hours(arrest, to_arrival, to_auth, to_at):
    arrival = arrest + dt.timedelta(minutes=to_arrival)
    authorised = arrival + dt.timedelta(minutes=to_auth)
    at = authorised + dt.timedelta(minutes=to_at)
    d = detention_clock(arrest, arrival, authorised, at=at)
    rt = d["relevant_time"]
    assert rt == min(arrival, arrest + LIMIT)
    assert d["detention_limit"] - rt == LIMIT
    schedule = d["reviews"]
    # Every missed review is due exactly FIRST + k * INTERVAL after authorisation.
    for k, review in enumerate(schedule):
        assert review["due"] - authorised == FIRST + k * INTERVAL
        assert review["due"] < at
    assert d["next_review_due"] - authorised == FIRST + len(schedule) * INTERVAL
    assert d["next_review_due"] >= at
    json.dumps(d.to_dict())


@settings(max_examples=200, deadline=None)
@given(start=instants, hours=st.integers(0, 30))
def test_overnight_longest_night_never_exceeds_the_window_or_the_stay(start, hours):
    end = start + dt.timedelta(hours=hours)
    d = overnight(start=start, end=end)
    assert 0 <= d["longest_night_hours"] <= min(hours, 9)
    assert d["overnight"] == (d["longest_night_hours"] >= 4)


@given(offset=st.integers(-12, 14))
def test_the_same_instant_in_any_offset_gives_the_same_answer(offset):
    tz = dt.timezone(dt.timedelta(hours=offset))
    arrest = dt.datetime(2026, 10, 24, 22, 0, tzinfo=UTC)
    a = detention_clock(arrest, arrest, arrest, at=arrest + dt.timedelta(hours=7))
    b = detention_clock(
        arrest.astimezone(tz),
        arrest.astimezone(tz),
        arrest.astimezone(tz),
        at=(arrest + dt.timedelta(hours=7)).astimezone(tz),
    )
    assert a.to_dict() == b.to_dict()


@pytest.mark.parametrize("position", [0, 1, 2])
def test_naive_datetimes_are_rejected_naming_the_field(position):
    aware = dt.datetime(2026, 1, 1, 10, tzinfo=UTC)
    naive = dt.datetime(2026, 1, 1, 10)  # noqa: DTZ001 - the point of the test
    args = [aware, aware, aware]
    args[position] = naive
    with pytest.raises(InputError) as info:
        detention_clock(*args, at=aware)
    assert info.value.field == ("arrest_time", "arrival_time", "authorised_time")[position]
    assert "naive" in info.value.problem


def test_a_naive_moment_of_assessment_is_rejected():
    with pytest.raises(InputError) as info:
        juvenile_status(at=dt.datetime(2026, 1, 1, 10))  # noqa: DTZ001
    assert info.value.field == "at"


def test_decision_to_dict_is_json_with_iso_datetimes_and_reasons():
    arrest = dt.datetime(2026, 3, 28, 22, 0, tzinfo=UTC)
    out = json.loads(json.dumps(detention_clock(arrest, arrest, arrest, at=arrest).to_dict()))
    assert out["next_review_due"] == "2026-03-29T04:00:00+00:00"
    assert {"rule", "message", "values", "citation", "url", "tag"} <= set(out["reasons"][0])
