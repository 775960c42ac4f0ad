"""The web forms for every event kind: a custody officer can run a whole detention from the browser.

Each form calls the same services as the API, so these tests check the web's side: the answers reach
the service, its field errors (with their rule IDs) come back onto the named field in a GOV.UK error
summary, nothing is saved on error, and a stale version asks the officer to reload without losing
what they typed.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client

from childfirst.core.models import AuditLog
from childfirst.core.roles import Role
from childfirst.custody.models import DetentionEvent, DetentionState
from tests.factories import make_user

from .conftest import AA_PARENT, T0

pytestmark = pytest.mark.django_db
H = dt.timedelta(hours=1)
DAY1 = "13/01/2026"  # T0's London date


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(T0 + 5 * H, tick=False) as traveller:
        yield traveller


def client_for(user):
    c = Client()
    c.force_login(user)
    return c


def url(detention, kind):
    return f"/custody/detentions/{detention.pk}/record/{kind}"


def post_event(client, detention, kind, data, *, time="15:00", date=DAY1, version=None):
    detention.refresh_from_db()
    body = {"time": time, "date": date, "version": detention.version if version is None else version}
    body.update(data)
    return client.post(url(detention, kind), body)


def kinds(detention):
    return list(DetentionEvent.objects.filter(detention=detention).values_list("kind", flat=True))


def summary(response) -> str:
    html = response.content.decode()
    assert 'class="govuk-error-summary"' in html
    start = html.index("govuk-error-summary__list")
    return html[start : html.index("</ul>", start)]


def test_choice_page_lists_every_web_event_form(custody_officer, detention):
    r = client_for(custody_officer).get(f"/custody/detentions/{detention.pk}/record")
    html = r.content.decode()
    assert r.status_code == 200
    for kind in (
        "charged",
        "bail_decision",
        "transfer_requested",
        "transfer_response",
        "certificate",
        "transfer_completed",
        "extension",
        "cell_allocated",
        "interview_started",
        "interview_ended",
    ):
        assert url(detention, kind) in html
    assert f"/custody/detentions/{detention.pk}/strip-searches/new" in html


def test_every_form_renders_with_the_detention_version_and_the_read_is_audited(custody_officer, detention):
    c = client_for(custody_officer)
    from childfirst.custody.forms import EVENT_FORMS

    for kind in EVENT_FORMS:
        r = c.get(url(detention, kind))
        assert r.status_code == 200, kind
        assert f'name="version" value="{detention.version}"' in r.content.decode()
    reads = AuditLog.objects.filter(
        object_type="custody.detention", action="read", child_id=detention.child_id
    )
    assert reads.count() == len(EVENT_FORMS)
    assert c.get(url(detention, "strip_search")).status_code == 404


def test_charge_then_bail_refused_for_the_childs_own_interests(custody_officer, detention):
    c = client_for(custody_officer)
    r = post_event(c, detention, "charged", {"offences": ["Robbery"]})
    assert r.status_code == 302
    r = post_event(
        c,
        detention,
        "bail_decision",
        {"outcome": "refused", "ground": "own_interests", "reason": "No safe address tonight"},
        time="15:10",
    )
    assert r.status_code == 302, r.content.decode()
    event = DetentionEvent.objects.get(detention=detention, kind="bail_decision")
    assert event.data == {"outcome": "refused", "ground": "own_interests"}
    assert DetentionEvent.objects.get(detention=detention, kind="charged").data["offences"] == ["Robbery"]
    page = c.get(f"/custody/detentions/{detention.pk}").content.decode()
    assert "ground: own interests; outcome: refused" in page  # the timeline says what was decided
    assert "No safe address tonight" in page


def test_bail_refused_without_ground_or_reason_names_both_fields_and_saves_nothing(
    custody_officer, detention
):
    c = client_for(custody_officer)
    post_event(c, detention, "charged", {})
    r = post_event(c, detention, "bail_decision", {"outcome": "refused"}, time="15:10")
    assert r.status_code == 400
    errors = summary(r)
    assert "Ground for refusing bail (s.38(1)): is required: choose one" in errors
    assert "Why the child cannot be released: is required" in errors
    assert "CUS-14" in errors
    assert kinds(detention) == ["charged"]
    assert 'href="#f-ground"' in errors


def test_bail_decision_before_charge_is_refused_with_the_rule(custody_officer, detention):
    r = post_event(client_for(custody_officer), detention, "bail_decision", {"outcome": "bailed"})
    assert r.status_code == 400
    assert "record the charge first (CUS-14)" in summary(r)
    assert kinds(detention) == []


def _refused_bail(c, detention):
    post_event(c, detention, "charged", {}, time="15:00")
    post_event(
        c,
        detention,
        "bail_decision",
        {"outcome": "refused", "ground": "own_interests", "reason": "R"},
        time="15:05",
    )


def test_transfer_request_response_and_completion(custody_officer, detention):
    c = client_for(custody_officer)
    _refused_bail(c, detention)
    assert (
        post_event(
            c,
            detention,
            "transfer_requested",
            {"local_authority": "Haringey", "accommodation": "non_secure"},
            time="15:10",
        ).status_code
        == 302
    )
    r = post_event(c, detention, "transfer_response", {"response": "refused"}, time="15:20")
    assert r.status_code == 400
    assert "Reason the local authority gave: is required" in summary(r)
    assert (
        post_event(
            c,
            detention,
            "transfer_response",
            {"response": "non_secure_offered", "responder": "EDT duty manager"},
            time="15:20",
        ).status_code
        == 302
    )
    assert (
        post_event(
            c, detention, "transfer_completed", {"placement": "Foster carer, N17"}, time="16:00"
        ).status_code
        == 302
    )
    detention.refresh_from_db()
    assert detention.state == DetentionState.TRANSFERRED
    assert kinds(detention)[-3:] == ["transfer_requested", "transfer_response", "transfer_completed"]


CERT = {
    "ground": "a",
    "reason_codes": ["no_transport_possible"],
    "reasons": "No transport: all vans committed to a major incident",
    "certifying_officer": "PS Okafor",
    "inspector": "Insp Rao",
}


def test_certificate_shows_the_lawbook_messages_on_their_fields(custody_officer, detention):
    c = client_for(custody_officer)
    _refused_bail(c, detention)
    r = post_event(c, detention, "certificate", {**CERT, "reason_codes": ["behaviour"]}, time="15:10")
    assert r.status_code == 400
    errors = summary(r)
    assert 'href="#f-reason_codes"' in errors
    assert "Reason codes: impracticability concerns transport and travel only" in errors
    assert "CUS-18" in errors
    r = post_event(
        c, detention, "certificate", {**CERT, "ground": "b", "facts": ["secure_available"]}, time="15:10"
    )
    errors = summary(r)
    assert "ground (b)" in errors
    assert "CUS-15" in errors or "CUS-16" in errors
    r = post_event(c, detention, "certificate", {**CERT, "inspector": ""}, time="15:10")
    assert "Inspector assigned to monitor the case: is required" in summary(r)
    assert "certificate" not in kinds(detention)
    assert post_event(c, detention, "certificate", CERT, time="15:10").status_code == 302
    assert DetentionEvent.objects.get(detention=detention, kind="certificate").data["inspector"] == "Insp Rao"


def test_cell_allocation_needs_a_cus10_justification(custody_officer, detention):
    c = client_for(custody_officer)
    r = post_event(c, detention, "cell_allocated", {"cell": "C4"})
    assert r.status_code == 400
    errors = summary(r)
    assert "Why a cell is unavoidable" in errors
    assert "CUS-10" in errors
    assert kinds(detention) == []
    r = post_event(
        c,
        detention,
        "cell_allocated",
        {
            "cell": "C4",
            "justification": "no_other_secure_accommodation_and_cannot_supervise",
            "reason": "Detention room flooded; cannot be supervised elsewhere",
        },
    )
    assert r.status_code == 302
    assert DetentionEvent.objects.get(detention=detention, kind="cell_allocated").data["cell"] == "C4"


def test_interview_without_an_aa_is_refused_unless_urgent_interview_authorised(custody_officer, detention):
    c = client_for(custody_officer)
    r = post_event(c, detention, "interview_started", {})
    assert r.status_code == 400
    assert "Urgent interview" in summary(r)
    assert "CUS-06" in summary(r)
    r = post_event(
        c,
        detention,
        "interview_started",
        {"urgent": "yes", "urgent_by": "Supt Khan", "urgent_rank": "sergeant"},
    )
    assert "Their rank" in summary(r)
    assert kinds(detention) == []
    r = post_event(
        c,
        detention,
        "interview_started",
        {
            "urgent": "yes",
            "urgent_by": "Supt Khan",
            "urgent_rank": "superintendent",
            "reason": "Firearm outstanding",
        },
    )
    assert r.status_code == 302, r.content.decode()
    assert post_event(c, detention, "interview_ended", {}, time="15:30").status_code == 302
    assert kinds(detention) == ["interview_started", "interview_ended"]


def test_interview_with_the_aa_present(custody_officer, detention, record):
    record("aa_arrived", T0 + 0.5 * H, AA_PARENT)
    r = post_event(client_for(custody_officer), detention, "interview_started", {})
    assert r.status_code == 302
    assert (
        DetentionEvent.objects.get(detention=detention, kind="interview_started").data["aa_present"] is True
    )


def test_superintendent_extension(custody_officer, detention, record, frozen):
    ext = {
        "extension_type": "superintendent",
        "authorised_by": "Supt Khan",
        "rank": "superintendent",
        "flags": ["necessary_for_evidence", "diligent_and_expeditious"],
        "reason": "Forensic results awaited",
    }
    c = client_for(custody_officer)
    r = post_event(c, detention, "extension", {**ext, "rank": "inspector"})
    assert r.status_code == 400
    errors = summary(r)
    assert "Rank of the authorising officer: must be superintendent or above" in errors
    assert "second review" in errors
    record("review_held", T0 + 6 * H, {"reviewer": "Insp Rao", "rank": "inspector"})
    record("review_held", T0 + 14 * H, {"reviewer": "Insp Rao", "rank": "inspector"})
    frozen.move_to(T0 + 21 * H)
    c = client_for(custody_officer)  # a new shift, a fresh sign-in
    r = post_event(c, detention, "extension", {**ext, "until": "not a time"}, time="10:00", date="14/01/2026")
    assert "Detention authorised until: enter a date and time" in summary(r)
    r = post_event(c, detention, "extension", ext, time="10:00", date="14/01/2026")
    assert r.status_code == 302, r.content.decode()
    assert kinds(detention)[-1] == "extension"


def test_bad_time_is_named_and_other_problems_are_still_shown(custody_officer, detention):
    r = post_event(client_for(custody_officer), detention, "transfer_requested", {}, time="25:99")
    assert r.status_code == 400
    errors = summary(r)
    assert "Time: " in errors
    assert "(CUS-15)" in errors  # the service still judged the rest
    assert kinds(detention) == []


def test_stale_version_asks_to_reload_and_keeps_what_was_typed(custody_officer, detention, record):
    c = client_for(custody_officer)
    detention.refresh_from_db()
    loaded = detention.version
    record("visit", T0 + 0.5 * H, {"by": "PC Ward"})  # someone else records meanwhile
    r = post_event(
        c,
        detention,
        "cell_allocated",
        {
            "cell": "C9",
            "justification": "no_other_secure_accommodation_and_cannot_supervise",
            "reason": "Typed carefully",
        },
        version=loaded,
    )
    assert r.status_code == 400
    html = r.content.decode()
    assert "changed by someone else" in html
    assert "Reload the form" in html
    assert 'value="C9"' in html
    assert "Typed carefully" in html
    assert kinds(detention) == ["visit"]
    detention.refresh_from_db()
    assert f'name="version" value="{detention.version}"' in html  # having seen the change, record again
    r = post_event(
        c,
        detention,
        "cell_allocated",
        {"cell": "C9", "justification": "no_other_secure_accommodation_and_cannot_supervise", "reason": "T"},
        time="14:40",
    )
    assert r.status_code == 302
    assert kinds(detention) == ["visit", "cell_allocated"]


def test_only_custody_staff_of_the_suite_may_use_the_forms(
    custody_officer, inspector, detention, other_suite
):
    assert client_for(inspector).get(url(detention, "charged")).status_code == 200
    frontline = make_user(Role.FRONTLINE_OFFICER, borough_code="E09000014")
    r = post_event(client_for(frontline), detention, "charged", {})
    assert r.status_code == 403
    elsewhere = make_user(Role.CUSTODY_OFFICER, borough_code="E09000023", username="sgt-lewisham")
    assert client_for(elsewhere).get(url(detention, "charged")).status_code == 404
    assert post_event(client_for(elsewhere), detention, "charged", {}).status_code == 404
    assert Client().get(url(detention, "charged")).status_code == 302  # sign in first
    assert kinds(detention) == []


def test_a_supervisor_may_record_events_too(inspector, detention):
    assert post_event(client_for(inspector), detention, "charged", {}).status_code == 302
    assert kinds(detention) == ["charged"]


def test_a_girl_must_be_cared_for_by_a_woman_officer(custody_officer, detention):
    c = client_for(custody_officer)
    r = post_event(c, detention, "woman_carer_assigned", {"officer": "PC Hart", "officer_sex": "male"})
    assert r.status_code == 400
    assert "The officer is: a girl must be under the care of a woman (CUS-08)" in summary(r)
    assert kinds(detention) == []
    r = post_event(c, detention, "woman_carer_assigned", {"officer": "PC Hart", "officer_sex": "female"})
    assert r.status_code == 302


def test_contact_with_a_detained_adult(custody_officer, detention):
    c = client_for(custody_officer)
    r = post_event(
        c, detention, "adult_association", {"adult": "WG-0999", "relation": "relative", "shared_cell": "yes"}
    )
    assert r.status_code == 400
    assert "Cell: a child must never share a cell with a detained adult (CUS-09" in summary(r)
    r = post_event(c, detention, "adult_association", {"adult": "WG-0999", "relation": "other"})
    assert "The adult is: a child must be kept from associating with detained adults" in summary(r)
    assert kinds(detention) == []
    r = post_event(c, detention, "adult_association", {"adult": "Uncle, WG-0999", "relation": "relative"})
    assert r.status_code == 302
    assert DetentionEvent.objects.get(detention=detention).data["shared_cell"] is False
