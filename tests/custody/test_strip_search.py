"""The strip-search workflow will not proceed without the safeguards (SRC-02, 03, 04, 06, 08)."""

from __future__ import annotations

import datetime as dt

import pytest

from childfirst.custody import strip_search as ss
from childfirst.custody.errors import InvalidEvent, StaleVersion
from childfirst.custody.models import StripSearchFollowUp
from childfirst.custody.status import derive_status

from .conftest import AA_PARENT, T0

pytestmark = pytest.mark.django_db
M = dt.timedelta(minutes=1)
NOW = T0 + dt.timedelta(hours=3)

OFFICERS = [
    {"name": "AA Mum", "sex": "female", "role": "appropriate_adult"},
    {"name": "PS Lee", "sex": "male", "role": "officer"},
    {"name": "PC Obi", "sex": "male", "role": "officer"},
]


@pytest.fixture
def with_aa(record):
    record("aa_requested", T0 + 10 * M)
    record("aa_arrived", T0 + 40 * M, AA_PARENT)


def requested(officer, detention):
    return ss.request(
        officer,
        detention,
        requested_at=T0 + 60 * M,
        grounds="Seen concealing a package in clothing",
        object_sought="Controlled drugs",
        now=NOW,
    )


def test_request_needs_grounds_and_object_sought(custody_officer, detention):
    """SRC-03: never routine: record why it is necessary; SRC-04: object sought recorded."""
    with pytest.raises(InvalidEvent) as exc:
        ss.request(
            custody_officer, detention, requested_at=T0 + 60 * M, grounds=" ", object_sought="", now=NOW
        )
    assert {"grounds", "object_sought"} <= set(exc.value.errors)


def test_met_policy_needs_inspector_authorisation_by_inspector_or_above(
    custody_officer, inspector, detention, with_aa
):
    """SRC-06: a child strip search needs an inspector's authorisation (Met policy)."""
    search = requested(custody_officer, detention)
    assert search.authorisation_required is True
    with pytest.raises(InvalidEvent) as exc:
        ss.record_safeguards(
            custody_officer,
            search,
            route="aa_present",
            aa_name="Mum",
            at=T0 + 61 * M,
            expected_version=search.version,
            now=NOW,
        )
    assert "SRC-06" in exc.value.errors["stage"]
    with pytest.raises(InvalidEvent) as exc:
        ss.decide(
            custody_officer,
            search,
            authorise=True,
            rank="sergeant",
            at=T0 + 62 * M,
            expected_version=search.version,
            now=NOW,
        )
    assert "inspector" in exc.value.errors["rank"]
    ss.decide(
        inspector,
        search,
        authorise=True,
        rank="inspector",
        at=T0 + 62 * M,
        expected_version=search.version,
        now=NOW,
    )
    assert search.stage == "authorised"


def test_full_search_with_aa_present_creates_policy_follow_ups(
    custody_officer, inspector, detention, with_aa
):
    """SRC-03 AA present; SRC-08 (Met ON): safeguarding referral and parent informed follow-ups created."""
    search = requested(custody_officer, detention)
    ss.decide(
        inspector,
        search,
        authorise=True,
        rank="inspector",
        at=T0 + 62 * M,
        expected_version=search.version,
        now=NOW,
    )
    ss.record_safeguards(
        custody_officer,
        search,
        route="aa_present",
        aa_name="Mum",
        at=T0 + 63 * M,
        expected_version=search.version,
        now=NOW,
    )
    with pytest.raises(InvalidEvent) as exc:
        ss.complete(
            custody_officer,
            search,
            location="",
            persons_present=[],
            result="",
            at=T0 + 70 * M,
            expected_version=search.version,
            now=NOW,
        )
    assert {"location", "persons_present", "result"} <= set(exc.value.errors)  # SRC-04 blocks completion
    ss.complete(
        custody_officer,
        search,
        location="custody_suite",
        persons_present=OFFICERS,
        result="Nothing found",
        at=T0 + 70 * M,
        expected_version=search.version,
        now=NOW,
    )
    assert search.stage == "completed"
    kinds = set(StripSearchFollowUp.objects.filter(strip_search=search).values_list("kind", flat=True))
    assert kinds == {"safeguarding_referral", "parent_informed"}
    status = derive_status(
        detention,
        list(detention.events.order_by("sequence")),
        T0 + 71 * M,
        strip_searches=[_with_follow_ups(search)],
    )
    assert "SRC-08" in {p.rule for p in status.problems}
    steps = [e.data["step"] for e in detention.events.filter(kind="strip_search").order_by("sequence")]
    assert steps == ["requested", "authorised", "safeguards", "completed"]


def _with_follow_ups(search):
    search.prefetched_follow_ups = list(search.follow_ups.all())
    return search


def test_officers_of_the_opposite_sex_block_completion(custody_officer, inspector, detention, with_aa):
    """SRC-02: officers present are of the same sex as the child."""
    search = requested(custody_officer, detention)
    ss.decide(
        inspector,
        search,
        authorise=True,
        rank="inspector",
        at=T0 + 62 * M,
        expected_version=search.version,
        now=NOW,
    )
    ss.record_safeguards(
        custody_officer,
        search,
        route="aa_present",
        aa_name="Mum",
        at=T0 + 63 * M,
        expected_version=search.version,
        now=NOW,
    )
    people = [*OFFICERS[:2], {"name": "PC Ray", "sex": "female", "role": "officer"}]
    with pytest.raises(InvalidEvent) as exc:
        ss.complete(
            custody_officer,
            search,
            location="custody_suite",
            persons_present=people,
            result="Nothing",
            at=T0 + 70 * M,
            expected_version=search.version,
            now=NOW,
        )
    assert "SRC-02" in exc.value.errors["persons_present[2].sex"]


def test_child_objection_needs_aa_signature(custody_officer, inspector, detention, with_aa):
    """SRC-03: without the AA only if the child objects in the AA's presence and the AA agrees and signs."""
    search = requested(custody_officer, detention)
    ss.decide(
        inspector,
        search,
        authorise=True,
        rank="inspector",
        at=T0 + 62 * M,
        expected_version=search.version,
        now=NOW,
    )
    with pytest.raises(InvalidEvent) as exc:
        ss.record_safeguards(
            custody_officer,
            search,
            route="child_objected_aa_agreed",
            aa_name="Mum",
            aa_signed=False,
            at=T0 + 63 * M,
            expected_version=search.version,
            now=NOW,
        )
    assert "SRC-03" in exc.value.errors["aa_signed"]


def test_aa_route_needs_an_aa_on_the_timeline(custody_officer, inspector, detention):
    search = requested(custody_officer, detention)
    ss.decide(
        inspector,
        search,
        authorise=True,
        rank="inspector",
        at=T0 + 62 * M,
        expected_version=search.version,
        now=NOW,
    )
    with pytest.raises(InvalidEvent) as exc:
        ss.record_safeguards(
            custody_officer,
            search,
            route="aa_present",
            aa_name="Mum",
            at=T0 + 63 * M,
            expected_version=search.version,
            now=NOW,
        )
    assert "SRC-03" in exc.value.errors["route"]


def test_urgency_route_needs_reason_and_inspector_notified(custody_officer, inspector, detention):
    """SRC-03 urgency exception; SRC-08 item 7: an inspector is notified when no AA because of urgency."""
    search = requested(custody_officer, detention)
    ss.decide(
        inspector,
        search,
        authorise=True,
        rank="inspector",
        at=T0 + 62 * M,
        expected_version=search.version,
        now=NOW,
    )
    with pytest.raises(InvalidEvent) as exc:
        ss.record_safeguards(
            custody_officer, search, route="urgency", at=T0 + 63 * M, expected_version=search.version, now=NOW
        )
    assert {"urgency_reason", "inspector_notified"} <= set(exc.value.errors)
    ss.record_safeguards(
        custody_officer,
        search,
        route="urgency",
        urgency_reason="Suspected blade, self-harm risk",
        inspector_notified="Insp Rao",
        at=T0 + 63 * M,
        expected_version=search.version,
        now=NOW,
    )
    assert search.stage == "safeguards_met"


def test_stale_strip_search_version_is_refused(custody_officer, inspector, detention):
    search = requested(custody_officer, detention)
    old = search.version
    ss.decide(
        inspector,
        search,
        authorise=False,
        rank="inspector",
        note="Not necessary",
        at=T0 + 62 * M,
        expected_version=old,
        now=NOW,
    )
    search.stage = "requested"  # a second screen still showing the request
    with pytest.raises(StaleVersion):
        ss.decide(
            inspector, search, authorise=True, rank="inspector", at=T0 + 63 * M, expected_version=old, now=NOW
        )


def test_requested_search_shows_as_awaiting_an_inspector(custody_officer, detention):
    """SRC-06: the board shows a child strip search waiting for an inspector's authorisation."""
    search = requested(custody_officer, detention)
    status = derive_status(
        detention,
        list(detention.events.order_by("sequence")),
        T0 + 61 * M,
        strip_searches=[_with_follow_ups(search)],
    )
    assert any(p.rule == "SRC-06" and "awaiting" in p.message for p in status.problems)
