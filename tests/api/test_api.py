import datetime as dt
import threading

import pytest
from django.db import close_old_connections, connection
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from childfirst.api.models import IdempotencyKey
from childfirst.core.audit import AuditLog, verify_chain
from childfirst.core.roles import Role
from childfirst.encounters.models import Encounter
from childfirst.people.models import Child
from tests.factories import DEFAULT_PASSWORD, ChildFactory, TeamFactory, borough, make_user

pytestmark = pytest.mark.django_db


def client_for(user):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def encounter_body(child_id, **overrides):
    body = {
        "child": child_id,
        "encounter_type": "welfare_concern",
        "aware_at": (timezone.now() - dt.timedelta(hours=1)).isoformat(),
        "borough": "E09000012",
        "child_role": "victim",
        "appears_under_18": True,
        "vulnerability_considered": True,
    }
    body.update(overrides)
    return body


def test_health_without_auth():
    response = APIClient().get("/api/v1/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_schema_is_openapi_3():
    response = APIClient().get("/api/v1/schema", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert "/api/v1/children" in document["paths"]
    assert "/api/v1/encounters" in document["paths"]


def test_token_then_token_auth():
    user = make_user(Role.FRONTLINE_OFFICER, username="pc-token")
    response = APIClient().post("/api/v1/auth/token", {"username": "pc-token", "password": DEFAULT_PASSWORD})
    assert response.status_code == 200
    token = response.json()["token"]
    assert Token.objects.get(user=user).key == token
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/children").status_code == 200
    assert AuditLog.objects.filter(action="sign_in", actor=user).exists()


def test_bad_password_is_a_clear_error_in_the_errors_shape():
    make_user(Role.FRONTLINE_OFFICER, username="pc-bad")
    response = APIClient().post(
        "/api/v1/auth/token", {"username": "pc-bad", "password": "wrong"}, format="json"
    )
    assert response.status_code == 400
    assert "non_field_errors" in response.json()["errors"]
    missing = APIClient().post("/api/v1/auth/token", {}, format="json")
    assert set(missing.json()["errors"]) == {"username", "password"}


def test_anonymous_is_refused():
    assert APIClient().get("/api/v1/children").status_code in (401, 403)
    assert APIClient().post("/api/v1/encounters", {}, format="json").status_code in (401, 403)


def test_create_and_read_child_with_audit():
    officer = make_user(Role.FRONTLINE_OFFICER)
    client = client_for(officer)
    response = client.post(
        "/api/v1/children",
        {"given_name": "Kai", "family_name": "Brown", "date_of_birth": "2012-02-03",
         "people_responsible": [{"name": "Lee Brown", "relationship": "Father"}]},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201, response.json()
    child_id = response.json()["id"]
    assert response.json()["people_responsible"][0]["name"] == "Lee Brown"
    detail = client.get(f"/api/v1/children/{child_id}")
    assert detail.status_code == 200
    assert detail.json()["date_of_birth"] == "2012-02-03"
    assert AuditLog.objects.filter(action="read", child_id=child_id).count() == 1
    listing = client.get("/api/v1/children", {"q": "brown"})
    assert [c["id"] for c in listing.json()["results"]] == [child_id]
    assert client.get("/api/v1/children", {"q": "2012-02-03"}).json()["count"] == 1


def test_validation_errors_name_the_field():
    client = client_for(make_user(Role.FRONTLINE_OFFICER))
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    response = client.post(
        "/api/v1/children", {"given_name": "A", "family_name": "B", "date_of_birth": future}
    )
    assert response.status_code == 400
    assert "date_of_birth" in response.json()["errors"]
    bad_date = client.post(
        "/api/v1/children", {"given_name": "A", "family_name": "B", "date_of_birth": "soon"}
    )
    assert "date_of_birth" in bad_date.json()["errors"]
    nested = client.post(
        "/api/v1/children", {"given_name": ["A"], "family_name": "B", "estimated_age": {}}, "json"
    )
    assert set(nested.json()["errors"]) == {"given_name", "estimated_age"}
    form = client.post("/api/v1/children", {"given_name": "A", "family_name": "B", "date_of_birth": "x"})
    assert "date_of_birth" in form.json()["errors"]
    assert Child.objects.count() == 0


def test_read_outside_scope_is_404_and_break_glass_needs_a_reason():
    child = ChildFactory(
        created_by=make_user(Role.FRONTLINE_OFFICER, team=TeamFactory(borough=borough("E09000007")))
    )
    client = client_for(make_user(Role.FRONTLINE_OFFICER))
    assert client.get(f"/api/v1/children/{child.pk}").status_code == 404
    assert client.get("/api/v1/children/999999").json() == client.get(f"/api/v1/children/{child.pk}").json()
    response = client.get(
        f"/api/v1/children/{child.pk}", HTTP_X_BREAK_GLASS_REASON="Missing child enquiry 4471"
    )
    assert response.status_code == 200
    assert (
        client.get(f"/api/v1/children/{child.pk}", {"reason": "Missing child enquiry 4471"}).status_code
        == 200
    )
    assert AuditLog.objects.filter(action="break_glass", child_id=child.pk).count() == 2


@pytest.mark.parametrize("role", [Role.ANALYST, Role.AUDITOR, Role.ADMINISTRATOR, Role.TRAINING_LEAD])
def test_roles_without_case_records_get_403(role):
    officer = make_user(Role.FRONTLINE_OFFICER)
    child = ChildFactory(created_by=officer)
    client = client_for(make_user(role))
    assert client.get("/api/v1/children").status_code == 403
    assert (
        client.get(f"/api/v1/children/{child.pk}", {"reason": "I would like to look please"}).status_code
        == 403
    )
    assert client.post("/api/v1/encounters", encounter_body(child.pk), format="json").status_code == 403


def test_record_and_list_encounters():
    officer = make_user(Role.FRONTLINE_OFFICER)
    child = ChildFactory(created_by=officer)
    client = client_for(officer)
    response = client.post(
        "/api/v1/encounters",
        encounter_body(child.pk, safeguarding_concern=True, safeguarding_details="Bruising seen"),
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["treated_as_child"] is True
    assert body["child_coming_to_notice"] is not None
    listing = client.get("/api/v1/encounters").json()
    assert [e["id"] for e in listing["results"]] == [body["id"]]
    assert client.get(f"/api/v1/encounters/{body['id']}").status_code == 200
    assert (
        client_for(make_user(Role.FRONTLINE_OFFICER)).get(f"/api/v1/encounters/{body['id']}").status_code
        == 404
    )


def test_naive_datetime_and_unknown_borough_rejected():
    officer = make_user(Role.FRONTLINE_OFFICER)
    child = ChildFactory(created_by=officer)
    response = client_for(officer).post(
        "/api/v1/encounters",
        encounter_body(child.pk, aware_at="2026-01-01T10:00:00", borough="E09000099"),
        format="json",
    )
    assert response.status_code == 400
    assert {"aware_at", "borough"} <= set(response.json()["errors"])
    assert Encounter.objects.count() == 0


def test_idempotency_key_replays_the_first_response():
    officer = make_user(Role.FRONTLINE_OFFICER)
    child = ChildFactory(created_by=officer)
    client = client_for(officer)
    body = encounter_body(child.pk)
    first = client.post("/api/v1/encounters", body, format="json", HTTP_IDEMPOTENCY_KEY="abc-123")
    again = client.post("/api/v1/encounters", body, format="json", HTTP_IDEMPOTENCY_KEY="abc-123")
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Encounter.objects.count() == 1
    assert AuditLog.objects.filter(object_type="encounter").count() == 1
    other = client.post(
        "/api/v1/encounters", {**body, "outcome": "x"}, format="json", HTTP_IDEMPOTENCY_KEY="abc-123"
    )
    assert other.status_code == 422
    # Keys belong to a user: a colleague's identical key is a new request.
    colleague = make_user(Role.FRONTLINE_OFFICER, team=officer.profile.team)
    fresh = client_for(colleague).post(
        "/api/v1/encounters", body, format="json", HTTP_IDEMPOTENCY_KEY="abc-123"
    )
    assert fresh.status_code == 201
    assert Encounter.objects.count() == 2


def test_failed_request_does_not_burn_the_key():
    officer = make_user(Role.FRONTLINE_OFFICER)
    child = ChildFactory(created_by=officer)
    client = client_for(officer)
    bad = client.post("/api/v1/encounters", encounter_body(child.pk, borough="nowhere"), format="json",
                      HTTP_IDEMPOTENCY_KEY="k1")  # fmt: skip
    assert bad.status_code == 400
    assert not IdempotencyKey.objects.exists()
    good = client.post(
        "/api/v1/encounters", encounter_body(child.pk), format="json", HTTP_IDEMPOTENCY_KEY="k1"
    )
    assert good.status_code == 201


@pytest.mark.django_db(transaction=True)
def test_concurrent_duplicates_create_once():
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers on one file; the concurrent case is exercised on PostgreSQL")
    officer = make_user(Role.FRONTLINE_OFFICER)
    child = ChildFactory(created_by=officer)
    body = encounter_body(child.pk)
    results = []

    def post():
        try:
            response = client_for(officer).post(
                "/api/v1/encounters", body, format="json", HTTP_IDEMPOTENCY_KEY="same"
            )
            results.append((response.status_code, response.json()["id"]))
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 6
    assert {status for status, _ in results} == {201}
    assert len({pk for _, pk in results}) == 1
    assert Encounter.objects.count() == 1
    assert verify_chain().ok


def test_audit_endpoint_for_auditors_and_supervisors():
    officer = make_user(Role.FRONTLINE_OFFICER)
    child = ChildFactory(created_by=officer)
    client_for(officer).get(f"/api/v1/children/{child.pk}")
    auditor = client_for(make_user(Role.AUDITOR))
    response = auditor.get("/api/v1/audit", {"object": f"child:{child.pk}"})
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [(r["action"], r["actor"]) for r in rows] == [("read", officer.username)]
    assert auditor.get("/api/v1/audit", {"actor": officer.username, "action": "read"}).json()["count"] == 1
    assert auditor.get("/api/v1/audit", {"action": "nonsense"}).status_code == 400
    supervisor = client_for(make_user(Role.SUPERVISOR, team=officer.profile.team))
    assert supervisor.get("/api/v1/audit", {"object": f"child:{child.pk}"}).status_code == 200
    assert supervisor.get("/api/v1/audit").status_code == 400
    assert client_for(officer).get("/api/v1/audit", {"object": f"child:{child.pk}"}).status_code == 403
    camden = client_for(make_user(Role.SUPERVISOR, team=TeamFactory(borough=borough("E09000007"))))
    assert camden.get("/api/v1/audit", {"object": f"child:{child.pk}"}).status_code == 404


def test_idempotent_child_creation():
    client = client_for(make_user(Role.FRONTLINE_OFFICER))
    body = {"given_name": "Rae", "family_name": "Stone", "estimated_age": 14}
    first = client.post("/api/v1/children", body, "json", HTTP_IDEMPOTENCY_KEY="child-1")
    second = client.post("/api/v1/children", body, "json", HTTP_IDEMPOTENCY_KEY="child-1")
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"]
    assert Child.objects.count() == 1
    assert client.post("/api/v1/children", body, "json", HTTP_IDEMPOTENCY_KEY="x" * 201).status_code == 400


def test_break_glass_list_for_supervisors():
    hackney_officer = make_user(Role.FRONTLINE_OFFICER)
    camden_child = ChildFactory(
        created_by=make_user(Role.FRONTLINE_OFFICER, team=TeamFactory(borough=borough("E09000007")))
    )
    client_for(hackney_officer).get(
        f"/api/v1/children/{camden_child.pk}", {"reason": "Found at Hackney Central"}
    )
    supervisor = client_for(make_user(Role.SUPERVISOR, team=hackney_officer.profile.team))
    rows = supervisor.get("/api/v1/audit/break-glass").json()["results"]
    assert [(r["actor"], r["reason"], r["child_id"]) for r in rows] == [
        (hackney_officer.username, "Found at Hackney Central", camden_child.pk)
    ]
    camden_supervisor = client_for(make_user(Role.SUPERVISOR, team=TeamFactory(borough=borough("E09000007"))))
    assert camden_supervisor.get("/api/v1/audit/break-glass").json()["count"] == 0
    assert client_for(hackney_officer).get("/api/v1/audit/break-glass").status_code == 403


def test_output_serializers_share_fields_without_request_context(rf):
    """The shared output fields give the same representation as DRF's per-instance fields, and are
    bound to a template serializer, not to the first request's."""
    from rest_framework import serializers as drf

    from childfirst.api.serializers import ChildSerializer, EncounterSerializer, StopSearchSerializer
    from childfirst.encounters.services import record_encounter
    from tests.factories import encounter_data

    officer = make_user(Role.FRONTLINE_OFFICER)
    child = ChildFactory(created_by=officer)
    data = encounter_data(child, safeguarding_concern=True, safeguarding_details="Bruises on both arms")
    record_encounter(officer, data)
    encounter = Encounter.objects.get(child=child)

    class FreshEncounter(drf.ModelSerializer):  # DRF's own behaviour: fields built per instance
        borough = drf.SlugRelatedField(slug_field="code", read_only=True)
        stop_search = StopSearchSerializer(required=False, allow_null=True)
        child_coming_to_notice = drf.SerializerMethodField()
        officers = drf.SerializerMethodField()
        get_officers = EncounterSerializer.get_officers
        get_child_coming_to_notice = EncounterSerializer.get_child_coming_to_notice

        class Meta(EncounterSerializer.Meta):
            pass

    request = rf.get("/")
    first = EncounterSerializer(encounter, context={"request": request})
    assert first.data == FreshEncounter(encounter).data
    assert EncounterSerializer(encounter).data == first.data
    assert first.fields is EncounterSerializer(encounter).fields
    assert first.fields["officers"].parent is not first  # bound to the shared template, not this request's
    assert first.data["child_coming_to_notice"] is not None
    assert first.data["officers"] == [officer.pk]
    assert ChildSerializer(child).data["id"] == child.pk
