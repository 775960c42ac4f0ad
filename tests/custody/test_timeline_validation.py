"""Recording events on a detention timeline: bad input gets a clear error naming the field; nothing saved."""

from __future__ import annotations

import datetime as dt

import pytest

from childfirst.core.models import AuditLog
from childfirst.custody import services
from childfirst.custody.errors import InvalidEvent, StaleVersion
from childfirst.custody.models import Detention, DetentionEvent

from .conftest import AA_PARENT, T0, book

pytestmark = pytest.mark.django_db


def errors_of(excinfo) -> dict[str, str]:
    return excinfo.value.errors


def test_event_records_actor_time_sequence_and_audit(record, detention, custody_officer):
    before = AuditLog.objects.count()
    ev = record(
        "welfare_informed",
        T0 + dt.timedelta(minutes=30),
        {"person": "Mum", "relationship": "parent_or_guardian"},
    )
    assert ev.actor == custody_officer
    assert ev.occurred_at == T0 + dt.timedelta(minutes=30)
    assert ev.sequence == 1
    detention.refresh_from_db()
    assert detention.version == 2
    assert detention.welfare_person == "Mum"
    assert AuditLog.objects.count() == before + 1
    assert AuditLog.objects.latest("seq").detail == {"event": "welfare_informed", "sequence": 1}


def test_events_are_append_only(record):
    ev = record("visit", T0 + dt.timedelta(minutes=25))
    ev.reason = "changed"
    with pytest.raises(ValueError, match="append-only"):
        ev.save()
    with pytest.raises(ValueError, match="append-only"):
        ev.delete()


def test_out_of_order_event_is_refused_and_nothing_saved(record, detention):
    record("visit", T0 + dt.timedelta(hours=1))
    with pytest.raises(InvalidEvent) as exc:
        record("visit", T0 + dt.timedelta(minutes=30), now=T0 + dt.timedelta(hours=2))
    assert "out of order" in errors_of(exc)["occurred_at"]
    assert DetentionEvent.objects.filter(detention=detention).count() == 1


def test_future_time_is_refused(record, detention):
    with pytest.raises(InvalidEvent) as exc:
        record("visit", T0 + dt.timedelta(hours=3), now=T0 + dt.timedelta(hours=1))
    assert "in the future" in errors_of(exc)["occurred_at"]
    assert not DetentionEvent.objects.filter(detention=detention).exists()


def test_naive_time_is_refused(record):
    with pytest.raises(InvalidEvent) as exc:
        record("visit", dt.datetime(2026, 1, 13, 15, 0), now=T0 + dt.timedelta(hours=2))  # noqa: DTZ001 - the bad input under test
    assert "time zone" in errors_of(exc)["occurred_at"]


def test_release_before_arrival_is_refused(record, detention):
    with pytest.raises(InvalidEvent) as exc:
        record(
            "released",
            T0 - dt.timedelta(minutes=5),
            {"outcome": "no_further_action"},
            now=T0 + dt.timedelta(hours=1),
        )
    assert "release time" in errors_of(exc)["occurred_at"]
    assert "before the child arrived" in errors_of(exc)["occurred_at"]
    detention.refresh_from_db()
    assert detention.state == "in_custody"


def test_release_needs_an_outcome_and_ends_the_detention(record, detention):
    with pytest.raises(InvalidEvent) as exc:
        record("released", T0 + dt.timedelta(hours=2), {})
    assert "outcome" in errors_of(exc)
    record("released", T0 + dt.timedelta(hours=2), {"outcome": "no_further_action"})
    detention.refresh_from_db()
    assert detention.state == "released"
    assert detention.ended_at == T0 + dt.timedelta(hours=2)
    with pytest.raises(InvalidEvent) as exc:
        record("visit", T0 + dt.timedelta(hours=3))
    assert "has ended" in errors_of(exc)["detention"]


def test_review_postponement_needs_a_reason(record):
    """CUS-13: a review may be postponed if not practicable; record the reason."""
    with pytest.raises(InvalidEvent) as exc:
        record("review_postponed", T0 + dt.timedelta(hours=6))
    assert "CUS-13" in errors_of(exc)["reason"]


def test_unknown_kind_and_bad_data_name_the_field(record):
    with pytest.raises(InvalidEvent) as exc:
        record("coffee", T0 + dt.timedelta(hours=1))
    assert "kind" in errors_of(exc)
    with pytest.raises(InvalidEvent) as exc:
        record("welfare_informed", T0 + dt.timedelta(hours=1), {"person": "", "relationship": "aunt"})
    assert set(errors_of(exc)) == {"person", "relationship"}


def test_interview_refused_without_aa_unless_urgent_authorisation(record, detention):
    """CUS-06 (Code C 11.15): no interview in the AA's absence except an authorised urgent interview."""
    with pytest.raises(InvalidEvent) as exc:
        record("interview_started", T0 + dt.timedelta(hours=1))
    assert "urgent_authorisation" in errors_of(exc)
    with pytest.raises(InvalidEvent) as exc:
        record(
            "interview_started",
            T0 + dt.timedelta(hours=1),
            {"urgent_authorisation": {"by": "Insp Rao", "rank": "inspector"}},
            reason="risk to life",
        )
    assert "superintendent" in errors_of(exc)["urgent_authorisation.rank"]
    ev = record(
        "interview_started",
        T0 + dt.timedelta(hours=1),
        {"urgent_authorisation": {"by": "Supt Khan", "rank": "superintendent"}},
        reason="immediate risk of harm to others",
    )
    assert ev.data["aa_present"] is False


def test_interview_with_aa_present_is_allowed(record):
    record("aa_requested", T0 + dt.timedelta(minutes=25))
    record("aa_arrived", T0 + dt.timedelta(hours=1), AA_PARENT)
    ev = record("interview_started", T0 + dt.timedelta(hours=2))
    assert ev.data == {"aa_present": True}
    with pytest.raises(InvalidEvent) as exc:
        record("aa_left", T0 + dt.timedelta(hours=2, minutes=10))
    assert "interview is in progress" in errors_of(exc)["kind"]


@pytest.mark.parametrize(
    ("extra", "field_fragment"),
    [
        ({"age": 17}, "18 or over"),  # CUS-05: under 18
        ({"employment": "police_staff"}, "police staff"),  # CUS-04/05: employed by the police
        ({"employment": "police_support_volunteer"}, "police support volunteer"),  # CUS-04: Note 1F
        ({"witness": True}, "witness"),  # CUS-05
        ({"received_admissions": True}, "received admissions"),  # CUS-05
        ({"estranged_parent_child_objects": True}, "estranged"),  # CUS-05
    ],
)
def test_ineligible_appropriate_adult_is_refused(record, extra, field_fragment):
    with pytest.raises(InvalidEvent) as exc:
        record("aa_arrived", T0 + dt.timedelta(hours=1), {**AA_PARENT, **extra})
    assert field_fragment in errors_of(exc)["aa"]


def test_cell_needs_a_permitted_justification_and_reason(record):
    """CUS-10: not in a cell unless unavoidable; the reason must be recorded."""
    with pytest.raises(InvalidEvent) as exc:
        record("cell_allocated", T0 + dt.timedelta(minutes=30), {"cell": "C4", "justification": "convenient"})
    assert "CUS-10" in errors_of(exc)["justification"]
    assert "CUS-10" in errors_of(exc)["reason"]
    ev = record(
        "cell_allocated",
        T0 + dt.timedelta(minutes=30),
        {"cell": "C4", "justification": "cell_more_comfortable"},
        reason="Juvenile detention room out of use",
    )
    assert ev.data["justification"] == "cell_more_comfortable"


def test_no_association_with_detained_adults(record):
    """CUS-09: kept apart from detained adults unless a relative or jointly charged; never share a cell."""
    with pytest.raises(InvalidEvent) as exc:
        record("adult_association", T0 + dt.timedelta(hours=1), {"adult": "DP 44", "relation": "other"})
    assert "CUS-09" in errors_of(exc)["relation"]
    with pytest.raises(InvalidEvent) as exc:
        record(
            "adult_association",
            T0 + dt.timedelta(hours=1),
            {"adult": "Father", "relation": "relative", "shared_cell": True},
        )
    assert "CUS-09" in errors_of(exc)["shared_cell"]
    ev = record("adult_association", T0 + dt.timedelta(hours=1), {"adult": "Brother", "relation": "relative"})
    assert ev.data["relation"] == "relative"


def test_girl_cared_for_by_a_woman(record):
    """CUS-08: the officer assigned must be a woman."""
    with pytest.raises(InvalidEvent) as exc:
        record(
            "woman_carer_assigned",
            T0 + dt.timedelta(minutes=30),
            {"officer": "PC Adams", "officer_sex": "male"},
        )
    assert "CUS-08" in errors_of(exc)["officer_sex"]


def test_s136_child_cannot_be_booked_into_a_police_station(custody_officer, child, suite):
    """CUS-21: a child may not be taken to a police station as a place of safety (MHA s.136A)."""
    with pytest.raises(InvalidEvent) as exc:
        book(custody_officer, child, suite, mental_health_s136=True)
    assert "CUS-21" in errors_of(exc)["mental_health_s136"]
    assert not Detention.objects.exists()


def test_booking_in_checks_times_and_offences(custody_officer, child, suite):
    with pytest.raises(InvalidEvent) as exc:
        book(
            custody_officer,
            child,
            suite,
            arrested_at=T0 + dt.timedelta(hours=1),
            offences=[{"description": "Theft", "offence_type": "indictable"}],
            now=T0 + dt.timedelta(hours=2),
        )
    errors = errors_of(exc)
    assert "before the arrest" in errors["arrived_at"]
    assert "offences[0].offence_type" in errors


def test_under_ten_cannot_be_detained(custody_officer, child, suite):
    """CUS-02: the age of criminal responsibility is 10."""
    with pytest.raises(InvalidEvent) as exc:
        book(custody_officer, child, suite, date_of_birth=dt.date(2016, 6, 1))
    assert "CUS-02" in errors_of(exc)["date_of_birth"]


def test_second_of_two_concurrent_edits_is_told_to_reload(custody_officer, inspector, detention):
    """Two officers load version 1; the first write wins, the second gets StaleVersion and saves nothing."""
    a = Detention.objects.get(pk=detention.pk)
    b = Detention.objects.get(pk=detention.pk)
    services.record_event(
        custody_officer,
        a,
        kind="visit",
        occurred_at=T0 + dt.timedelta(minutes=30),
        expected_version=a.version,
        now=T0 + dt.timedelta(hours=1),
    )
    with pytest.raises(StaleVersion) as exc:
        services.record_event(
            inspector,
            b,
            kind="aa_requested",
            occurred_at=T0 + dt.timedelta(minutes=31),
            expected_version=b.version,
            now=T0 + dt.timedelta(hours=1),
        )
    assert "Reload" in str(exc.value)
    assert exc.value.current == 2
    assert list(DetentionEvent.objects.filter(detention=detention).values_list("kind", flat=True)) == [
        "visit"
    ]


def test_version_is_required(custody_officer, detention):
    with pytest.raises(InvalidEvent) as exc:
        services.record_event(
            custody_officer,
            detention,
            kind="visit",
            occurred_at=T0 + dt.timedelta(minutes=30),
            expected_version=None,
            now=T0 + dt.timedelta(hours=1),
        )
    assert "version" in errors_of(exc)


def test_summary_snapshot_matches_the_timeline(record, detention):
    """The board reads Detention.summary; it must equal the facts folded from the append-only events."""
    from childfirst.custody.timeline import TimelineFacts, facts

    record(
        "welfare_informed",
        T0 + dt.timedelta(minutes=15),
        {"person": "Dad", "relationship": "parent_or_guardian"},
    )
    record("aa_requested", T0 + dt.timedelta(minutes=20))
    record("aa_arrived", T0 + dt.timedelta(minutes=50), AA_PARENT)
    record("visit", T0 + dt.timedelta(minutes=55))
    record("review_postponed", T0 + dt.timedelta(hours=6), reason="Asleep")
    record("released", T0 + dt.timedelta(hours=7), {"outcome": "no_further_action"})
    detention.refresh_from_db()
    from_events = facts(detention.events.order_by("sequence"))
    snapshot = TimelineFacts.from_json(detention.summary)
    assert snapshot == from_events
