"""Scenario tests for the derived status, each named after the legal proposition it checks (RULES.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from childfirst.custody.errors import InvalidEvent
from childfirst.custody.status import derive_status

from .conftest import AA_PARENT, T0, Recorder, book, london

pytestmark = pytest.mark.django_db
H = dt.timedelta(hours=1)


def status_of(detention, at):
    return derive_status(detention, list(detention.events.order_by("sequence")), at)


def rules(status):
    return {p.rule for p in status.problems}


def test_juvenile_status_and_reason_come_from_the_lawbook(detention):
    """CUS-01: an evidenced age under 18 makes a juvenile; the reason is shown."""
    s = status_of(detention, T0 + H)
    assert s.is_juvenile is True
    assert "CUS-01" in s.juvenile_reason


def test_age_disputed_without_clear_evidence_is_treated_as_a_juvenile(custody_officer, child, suite):
    """CUS-01: if in doubt, treat as a juvenile; a claimed adult age without evidence does not override."""
    d = book(custody_officer, child, suite, date_of_birth=None, appears_under_18=False, age_disputed=True)
    assert status_of(d, T0 + H).is_juvenile is True


def test_relevant_time_is_arrival_and_limit_follows(detention):
    """CUS-12: relevant time = earlier of arrival and 24 h after arrest; limit 24 h from it."""
    s = status_of(detention, T0 + H)
    assert s.relevant_time == T0
    assert s.detention_limit == T0 + 24 * H


def test_postponed_review_does_not_reset_the_schedule(record, detention):
    """CUS-13: a postponed review held late: the next is due 9 h after the postponed one was due."""
    first_due = detention.detention_authorised_at + 6 * H
    assert status_of(detention, T0 + H).next_review_due == first_due
    record("review_postponed", first_due - dt.timedelta(minutes=10), reason="Child asleep")
    record("review_held", first_due + 2 * H, {"reviewer": "Insp Rao", "rank": "inspector"})
    s = status_of(detention, first_due + 2 * H + dt.timedelta(minutes=5))
    assert s.next_review_due == first_due + 9 * H  # not held time + 9 h


def test_overdue_review_is_a_problem(detention):
    """CUS-13: first review no later than 6 h after detention was authorised."""
    s = status_of(detention, detention.detention_authorised_at + 6 * H + dt.timedelta(minutes=1))
    assert s.review_urgency == "overdue"
    assert "CUS-13" in rules(s)


def test_review_by_sergeant_pre_charge_is_refused(record):
    """CUS-13: pre-charge reviews are by an inspector or above."""
    with pytest.raises(InvalidEvent) as exc:
        record("review_held", T0 + 5 * H, {"reviewer": "PS Lee", "rank": "sergeant"})
    assert "inspector" in exc.value.errors["rank"]


def test_superintendent_extension_needs_two_reviews_then_extends_limit(record, detention):
    """CUS-12: a superintendent may extend (indictable offence) but not before the second review."""
    ext = {
        "authorised_by": "Supt Khan",
        "rank": "superintendent",
        "extension_type": "superintendent",
        "necessary_for_evidence": True,
        "diligent_and_expeditious": True,
    }
    with pytest.raises(InvalidEvent) as exc:
        record("extension", T0 + 5 * H, ext, reason="Forensic results awaited")
    assert "second review" in exc.value.errors["extension"]
    record("review_held", T0 + 6 * H, {"reviewer": "Insp Rao", "rank": "inspector"})
    record("review_held", T0 + 14 * H, {"reviewer": "Insp Rao", "rank": "inspector"})
    record("extension", T0 + 20 * H, ext, reason="Forensic results awaited")
    s = status_of(detention, T0 + 21 * H)
    assert s.detention_limit > T0 + 24 * H
    assert "CUS-12" not in rules(status_of(detention, T0 + 25 * H))


def test_a_further_superintendent_authorisation_may_come_more_than_24_hours_after_the_relevant_time(
    record, detention
):
    """CUS-12, s.42(2): a superintendent may further authorise detention up to 36 h while the first
    authorisation runs; the s.42(4) limit (24 h after the relevant time at most) binds only the first."""
    ext = {
        "authorised_by": "Supt Khan",
        "rank": "superintendent",
        "extension_type": "superintendent",
        "necessary_for_evidence": True,
        "diligent_and_expeditious": True,
    }
    record("review_held", T0 + 6 * H, {"reviewer": "Insp Rao", "rank": "inspector"})
    record("review_held", T0 + 14 * H, {"reviewer": "Insp Rao", "rank": "inspector"})
    record("extension", T0 + 20 * H, {**ext, "until": (T0 + 30 * H).isoformat()}, reason="Forensics awaited")
    record("review_held", T0 + 23 * H, {"reviewer": "Insp Rao", "rank": "inspector"})
    assert status_of(detention, T0 + 25 * H).detention_limit == T0 + 30 * H
    record("extension", T0 + 29 * H, ext, reason="Phone download still running")
    assert status_of(detention, T0 + 29 * H + dt.timedelta(minutes=1)).detention_limit == T0 + 36 * H


def test_a_further_authorisation_after_the_first_has_run_out_is_refused(record, detention):
    """CUS-12, s.42(2): the further authorisation must be given while the earlier one runs."""
    ext = {
        "authorised_by": "Supt Khan",
        "rank": "superintendent",
        "extension_type": "superintendent",
        "necessary_for_evidence": True,
        "diligent_and_expeditious": True,
    }
    record("review_held", T0 + 6 * H, {"reviewer": "Insp Rao", "rank": "inspector"})
    record("review_held", T0 + 14 * H, {"reviewer": "Insp Rao", "rank": "inspector"})
    record("extension", T0 + 20 * H, {**ext, "until": (T0 + 26 * H).isoformat()}, reason="Forensics awaited")
    record("review_held", T0 + 23 * H, {"reviewer": "Insp Rao", "rank": "inspector"})
    with pytest.raises(InvalidEvent) as exc:
        record("extension", T0 + 27 * H, ext, reason="Phone download still running")
    assert "before the earlier one runs out" in exc.value.errors["extension"]


def test_extension_for_a_summary_offence_is_refused(custody_officer, child, suite):
    """CUS-12: s.42 extension only for an indictable (or either-way) offence."""
    d = book(
        custody_officer,
        child,
        suite,
        offences=[{"description": "Criminal damage", "offence_type": "summary"}],
    )
    rec = Recorder(custody_officer, d)
    rec("review_held", T0 + 6 * H, {"reviewer": "Insp Rao", "rank": "inspector"})
    rec("review_held", T0 + 14 * H, {"reviewer": "Insp Rao", "rank": "inspector"})
    with pytest.raises(InvalidEvent) as exc:
        rec(
            "extension",
            T0 + 20 * H,
            {
                "authorised_by": "Supt Khan",
                "rank": "superintendent",
                "extension_type": "superintendent",
                "necessary_for_evidence": True,
                "diligent_and_expeditious": True,
            },
            reason="More enquiries",
        )
    assert "indictable" in exc.value.errors["extension"]


def test_held_beyond_limit_without_charge_is_a_problem(detention):
    """CUS-12: not held more than 24 h from the relevant time without charge."""
    assert "CUS-12" in rules(status_of(detention, T0 + 24 * H + dt.timedelta(minutes=1)))


def charge_and_refuse_bail(record, at):
    record("aa_requested", at - 3 * H)
    record("aa_arrived", at - 2 * H, AA_PARENT)
    record("charged", at)
    record(
        "bail_decision",
        at + dt.timedelta(minutes=10),
        {"outcome": "refused", "ground": "prevent_further_offence"},
        reason="Further offences likely",
    )


def test_charged_child_refused_bail_must_be_transferred(record, detention):
    """CUS-15: a charged juvenile kept in detention must be moved to LA accommodation unless certified."""
    charge_and_refuse_bail(record, T0 + 5 * H)
    s = status_of(detention, T0 + 6 * H)
    assert s.transfer_required is True
    assert s.transfer_state == "required_not_requested"
    assert "CUS-15" in rules(s)
    record("transfer_requested", T0 + 6 * H, {"local_authority": "Haringey", "accommodation": "non_secure"})
    record("transfer_response", T0 + 7 * H, {"response": "non_secure_offered", "responder": "EDT"})
    assert status_of(detention, T0 + 7 * H).transfer_state == "non_secure_offered"
    record("transfer_completed", T0 + 8 * H, {"placement": "Foster placement"})
    detention.refresh_from_db()
    assert detention.state == "transferred"
    s = status_of(detention, T0 + 9 * H)
    assert (s.in_custody, s.transfer_required, s.transfer_state) == (False, False, "completed")


def test_behaviour_is_not_a_reason_transfer_is_impracticable(record, detention):
    """CUS-18 (Note 16D): behaviour, offence seriousness, no secure bed, out of hours never count."""
    charge_and_refuse_bail(record, T0 + 5 * H)
    cert = {
        "ground": "a",
        "reason_codes": ["behaviour", "out_of_hours"],
        "reasons": "Aggressive; late at night",
        "certifying_officer": "PS Lee",
        "inspector": "Insp Rao",
    }
    with pytest.raises(InvalidEvent) as exc:
        record("certificate", T0 + 6 * H, cert)
    assert "CUS-18" in exc.value.errors["certificate"]
    record(
        "certificate",
        T0 + 6 * H,
        {**cert, "reason_codes": ["no_transport_possible"], "reasons": "Roads closed"},
    )
    s = status_of(detention, T0 + 6 * H)
    assert s.transfer_required is False
    assert s.transfer_state == "certificate_a"


def test_certificate_needs_a_monitoring_inspector(record):
    """CUS-17: an inspector must monitor the case."""
    charge_and_refuse_bail(record, T0 + 5 * H)
    with pytest.raises(InvalidEvent) as exc:
        record(
            "certificate",
            T0 + 6 * H,
            {
                "ground": "a",
                "reason_codes": ["no_transport_possible"],
                "reasons": "x",
                "certifying_officer": "PS Lee",
                "inspector": "",
            },
        )
    assert "inspector" in exc.value.errors


def test_secure_ground_needs_the_minimum_age(custody_officer, child, suite):
    """CUS-15(b): only for a child aged 12 or over."""
    d = book(custody_officer, child, suite, date_of_birth=dt.date(2015, 1, 1))  # 11 years old
    rec = Recorder(custody_officer, d)
    charge_and_refuse_bail(rec, T0 + 5 * H)
    with pytest.raises(InvalidEvent) as exc:
        rec(
            "certificate",
            T0 + 6 * H,
            {
                "ground": "b",
                "reason_codes": ["no_secure_bed"],
                "reasons": "x",
                "certifying_officer": "PS Lee",
                "inspector": "Insp Rao",
                "serious_harm_risk": True,
            },
        )
    assert "CUS-15" in exc.value.errors["certificate"]


def test_bail_decision_needs_a_charge_first(record):
    """CUS-14: post-charge release decision follows a charge."""
    with pytest.raises(InvalidEvent) as exc:
        record("bail_decision", T0 + H, {"outcome": "bailed"})
    assert "charge" in exc.value.errors["kind"]


def test_evening_arrival_is_heading_for_a_night_in_custody(custody_officer, child, suite):
    """CUS-23: at risk if likely to spend 4+ consecutive hours between 00:00 and 08:00."""
    d = book(custody_officer, child, suite, arrived=london(2026, 1, 13, 22, 0))
    s = status_of(d, london(2026, 1, 13, 22, 30))
    assert s.overnight is True
    assert "CUS-23" in rules(s)


def test_morning_arrival_is_not_an_overnight_risk(detention):
    s = status_of(detention, T0 + H)
    assert s.overnight is False
    assert "CUS-23" not in rules(s)


def test_welfare_aa_and_girl_care_problems_clear_when_recorded(custody_officer, child, suite):
    """CUS-03, CUS-04, CUS-08: inform the welfare person, call the AA, a woman cares for a girl."""
    d = book(custody_officer, child, suite, sex="female")
    assert {"CUS-03", "CUS-04", "CUS-08"} <= rules(status_of(d, T0 + dt.timedelta(minutes=25)))
    rec = Recorder(custody_officer, d)
    rec(
        "welfare_informed",
        T0 + dt.timedelta(minutes=25),
        {"person": "Mum", "relationship": "parent_or_guardian"},
    )
    rec("aa_requested", T0 + dt.timedelta(minutes=26))
    rec("aa_arrived", T0 + dt.timedelta(minutes=28), AA_PARENT)
    rec(
        "woman_carer_assigned",
        T0 + dt.timedelta(minutes=29),
        {"officer": "PC Jones", "officer_sex": "female"},
    )
    s = status_of(d, T0 + dt.timedelta(minutes=29))
    assert not {"CUS-03", "CUS-04", "CUS-08"} & rules(s)
    assert s.aa_status == "present"


def test_visits_are_due_at_the_force_interval(record, detention):
    """CUS-11: juveniles visited more often than hourly (Met policy interval)."""
    s = status_of(detention, T0 + dt.timedelta(minutes=5))
    assert s.next_visit_due is not None
    gap = s.next_visit_due - T0
    assert "CUS-11" in rules(status_of(detention, T0 + gap + dt.timedelta(minutes=1)))
    record("visit", T0 + gap - dt.timedelta(minutes=1))
    assert "CUS-11" not in rules(status_of(detention, T0 + gap + dt.timedelta(minutes=1)))


def test_rights_given_without_aa_must_be_repeated(record, detention):
    """CUS-06 (Code C 3.17): rights given before the AA arrives must be repeated in their presence."""
    record("rights_given", T0 + dt.timedelta(minutes=20))
    assert "CUS-06" in rules(status_of(detention, T0 + H))
    record("aa_requested", T0 + dt.timedelta(minutes=21))
    record("aa_arrived", T0 + H, AA_PARENT)
    record("rights_given", T0 + H + dt.timedelta(minutes=5))
    assert "CUS-06" not in rules(status_of(detention, T0 + 2 * H))


def test_la_refusing_non_secure_accommodation_breaches_its_duty(record, detention):
    """CUS-19: the LA's duty to accept a child for non-secure accommodation is absolute."""
    charge_and_refuse_bail(record, T0 + 5 * H)
    record("transfer_requested", T0 + 6 * H, {"local_authority": "Haringey", "accommodation": "non_secure"})
    record("transfer_response", T0 + 7 * H, {"response": "refused"}, reason="No carers available")
    s = status_of(detention, T0 + 7 * H)
    cus19 = [p for p in s.problems if p.rule == "CUS-19"]
    assert cus19
    assert "absolute duty" in cus19[0].message


def test_welfare_person_must_be_told_why_and_where(record, detention):
    """CUS-03: tell the person responsible (a) of the arrest, (b) why, (c) where the child is held."""
    record(
        "welfare_informed",
        T0 + dt.timedelta(minutes=30),
        {"person": "Aunt", "relationship": "person_assumed_responsibility", "informed_of": ["arrested"]},
    )
    s = status_of(detention, T0 + H)
    messages = [p.message for p in s.problems if p.rule == "CUS-03"]
    assert messages == ["Welfare person not yet told: reason for arrest, place of detention"]
    with pytest.raises(InvalidEvent) as exc:
        record("welfare_informed", T0 + H, {"person": "Aunt", "relationship": "friend"})
    assert "relationship" in exc.value.errors


def test_after_charge_the_custody_officer_reviews_but_a_constable_may_not(record, detention):
    """CUS-13 (PACE s.40(1)(a)): after charge the review is by the custody officer, a sergeant or above."""
    charge_and_refuse_bail(record, T0 + 5 * H)
    with pytest.raises(InvalidEvent) as exc:
        record("review_held", T0 + 6 * H, {"reviewer": "PC Hall", "rank": "constable"})
    assert "sergeant" in exc.value.errors["rank"]
    record("review_held", T0 + 6 * H, {"reviewer": "PS Lee", "rank": "sergeant"})
