"""Fixtures for custody tests: a suite in Haringey (Wood Green), staff, a child and a detention.

Times are pinned with time-machine; every datetime is timezone-aware (UTC stored, London shown).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from childfirst.core.roles import Role
from childfirst.custody import services
from childfirst.custody.models import CustodySuite, SuiteAssignment
from childfirst.people.models import Child
from tests.factories import borough, make_user

LONDON = ZoneInfo("Europe/London")
# A Tuesday afternoon in winter (GMT = UTC), so wall-clock and UTC agree unless a test says otherwise.
T0 = dt.datetime(2026, 1, 13, 14, 0, tzinfo=LONDON)


def london(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=LONDON)


@pytest.fixture
def suite(db):
    return CustodySuite.objects.create(
        code="wood-green", name="Wood Green", borough=borough("E09000014"), is_pilot=True
    )


@pytest.fixture
def other_suite(db):
    return CustodySuite.objects.create(code="lewisham", name="Lewisham", borough=borough("E09000023"))


@pytest.fixture
def custody_officer(suite):
    user = make_user(Role.CUSTODY_OFFICER, borough_code="E09000014", username="sgt-custody")
    SuiteAssignment.objects.create(user=user, suite=suite)
    return user


@pytest.fixture
def inspector(suite):
    user = make_user(Role.SUPERVISOR, borough_code="E09000014", username="insp-custody")
    SuiteAssignment.objects.create(user=user, suite=suite)
    return user


@pytest.fixture
def child(db):
    return Child.objects.create(given_name="Test", family_name="Child", is_synthetic=True)


def book(actor, child, suite, *, arrived=T0, number="WG-0001", **overrides):
    kwargs = {
        "child": child,
        "suite": suite,
        "custody_number": number,
        "arrested_at": arrived - dt.timedelta(minutes=40),
        "arrest_place": "High Road, N22",
        "arrived_at": arrived,
        "detention_authorised_at": arrived + dt.timedelta(minutes=15),
        "offences": [{"description": "Robbery", "offence_type": "indictable_only", "category": "violent"}],
        "date_of_birth": dt.date(2010, 5, 1),
        "sex": "male",
        "now": arrived + dt.timedelta(minutes=20),
    }
    kwargs.update(overrides)
    return services.book_in(actor, **kwargs)


@pytest.fixture
def detention(custody_officer, child, suite):
    return book(custody_officer, child, suite)


class Recorder:
    """Records events on a detention with the right version, at pinned times."""

    def __init__(self, actor, detention):
        self.actor = actor
        self.detention = detention

    def __call__(self, kind, at, data=None, reason="", now=None):
        self.detention.refresh_from_db()
        return services.record_event(
            self.actor,
            self.detention,
            kind=kind,
            occurred_at=at,
            data=data or {},
            reason=reason,
            expected_version=self.detention.version,
            now=now or at + dt.timedelta(minutes=1),
        )


@pytest.fixture
def record(custody_officer, detention):
    return Recorder(custody_officer, detention)


@pytest.fixture
def pinned():
    with time_machine.travel(T0 + dt.timedelta(hours=1), tick=False) as traveller:
        yield traveller


AA_PARENT = {"name": "Mum", "aa_type": "parent_or_guardian", "age": 41, "employment": "none"}
