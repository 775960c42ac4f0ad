"""Property test: whatever an API client sends as an event, the service either records it or refuses it
with field errors, and a refusal saves nothing (no stray exceptions, no partial writes)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from childfirst.custody import services
from childfirst.custody.errors import InvalidEvent, StaleVersion
from childfirst.custody.models import Detention, DetentionEvent, EventKind

from .conftest import T0

pytestmark = pytest.mark.django_db

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 200), st.text(max_size=12).map(lambda s: s.replace("\x00", ""))
)
values = st.one_of(
    scalars, st.lists(scalars, max_size=3), st.dictionaries(st.text(max_size=8), scalars, max_size=3)
)
field_names = st.sampled_from(
    [
        "name",
        "aa_type",
        "age",
        "employment",
        "person",
        "relationship",
        "outcome",
        "ground",
        "cell",
        "justification",
        "reviewer",
        "rank",
        "extension_type",
        "authorised_by",
        "reason_codes",
        "reasons",
        "inspector",
        "certifying_officer",
        "urgent_authorisation",
        "response",
        "accommodation",
        "local_authority",
        "officer",
        "officer_sex",
        "adult",
        "relation",
        "shared_cell",
        "until",
        "hours",
    ]
)
times = st.one_of(
    st.integers(-120, 600).map(lambda m: T0 + dt.timedelta(minutes=m)),
    st.just("not a time"),
    st.just(dt.datetime(2026, 1, 13, 15, 0)),  # noqa: DTZ001 - naive on purpose
    st.none(),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    kind=st.one_of(st.sampled_from(EventKind.values), st.text(max_size=10)),
    occurred_at=times,
    data=st.one_of(st.dictionaries(field_names, values, max_size=6), scalars),
    reason=st.one_of(st.text(max_size=20).map(lambda s: s.replace("\x00", "")), st.none(), st.integers()),
    version_offset=st.sampled_from([0, 0, 0, -1, 1, None]),
)
def test_any_event_is_recorded_or_refused_cleanly(
    custody_officer, detention, kind, occurred_at, data, reason, version_offset
):
    d = Detention.objects.get(pk=detention.pk)
    before = DetentionEvent.objects.filter(detention=d).count()
    version = None if version_offset is None else d.version + version_offset
    refused: Exception | None = None
    try:
        services.record_event(
            custody_officer,
            d,
            kind=kind,
            occurred_at=occurred_at,
            data=data,
            reason=reason,
            expected_version=version,
            now=T0 + dt.timedelta(hours=12),
        )
    except (InvalidEvent, StaleVersion) as exc:
        refused = exc
    after = DetentionEvent.objects.filter(detention=d).count()
    if refused is None:
        assert after == before + 1
        return
    assert after == before
    if isinstance(refused, InvalidEvent):
        assert refused.errors
        assert all(isinstance(k, str) and isinstance(v, str) and v for k, v in refused.errors.items())


json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-10, 10),
        st.text(max_size=8).map(lambda s: s.replace("\x00", "")),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    body=st.dictionaries(st.sampled_from(["kind", "occurred_at", "data", "reason", "version"]), json_values)
)
def test_api_events_answer_400_or_409_never_500(custody_officer, detention, body):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(custody_officer)
    response = client.post(f"/api/v1/custody/detentions/{detention.pk}/events", body, format="json")
    assert response.status_code in (201, 400, 409), response.content
    if response.status_code == 400:
        assert response.json()["errors"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    body=st.dictionaries(
        st.sampled_from(
            [
                "child",
                "suite",
                "custody_number",
                "arrested_at",
                "arrest_place",
                "arrived_at",
                "detention_authorised_at",
                "offences",
                "date_of_birth",
                "sex",
                "mental_health_s136",
                "appears_under_18",
            ]
        ),
        json_values,
    )
)
def test_api_booking_in_answers_400_never_500(custody_officer, suite, child, body):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(custody_officer)
    response = client.post("/api/v1/custody/detentions", body, format="json")
    assert response.status_code in (201, 400, 404), response.content
