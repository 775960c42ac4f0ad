import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection

from childfirst.core.audit import AuditAction, AuditLog, Auditor
from childfirst.core.roles import Role, role_of
from childfirst.encounters.models import Encounter
from childfirst.people.models import Child

pytestmark = pytest.mark.django_db


def run(*args, stdin=None, monkeypatch=None):
    out = io.StringIO()
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    call_command(*args, stdout=out)
    return out.getvalue()


def test_createuser_with_password_from_stdin(monkeypatch):
    args = ["pc-ahmed", "--role", "frontline_officer", "--team", "Response B", "--borough", "Hackney"]
    output = run(
        "createuser",
        *args,
        "--password-stdin",
        stdin="a-long-passphrase-for-ahmed\n",
        monkeypatch=monkeypatch,
    )
    user = get_user_model().objects.get(username="pc-ahmed")
    assert role_of(user) is Role.FRONTLINE_OFFICER
    assert user.profile.team.name == "Response B"
    assert user.profile.borough.code == "E09000012"
    assert user.check_password("a-long-passphrase-for-ahmed")
    assert "Created pc-ahmed" in output
    assert AuditLog.objects.filter(action="create", object_type="user", object_id=str(user.pk)).exists()


def test_createuser_generates_a_password_when_not_given():
    output = run("createuser", "auditor-1", "--role", "auditor", "--borough", "E09000007")
    assert "Password (shown once):" in output


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--role", "sheriff", "--borough", "Hackney"], "Unknown role"),
        (["--role", "supervisor", "--borough", "Gotham"], "Unknown borough"),
        (["--role", "frontline_officer", "--borough", "Hackney"], "needs --team"),
        (["--role", "supervisor"], "needs --borough"),
    ],
)
def test_createuser_rejects_bad_input_clearly(args, words):
    with pytest.raises(CommandError, match=words):
        run("createuser", "someone", *args)
    assert not get_user_model().objects.filter(username="someone").exists()


def test_createuser_refuses_a_weak_password(monkeypatch):
    with pytest.raises(CommandError, match="Password refused"):
        run(
            "createuser",
            "x",
            "--role",
            "analyst",
            "--password-stdin",
            stdin="short\n",
            monkeypatch=monkeypatch,
        )


def test_audit_verify_ok_then_names_the_tampered_row():
    for n in range(3):
        Auditor(None).record(AuditAction.READ, "child", n)
    assert "OK: audit chain intact, 3 rows" in run("audit", "verify")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE " + AuditLog._meta.db_table + " SET object_id = %s WHERE seq = %s",  # noqa: S608 - fixed table name
            ["99", 2],
        )
    with pytest.raises(CommandError, match="BROKEN at row 2"):
        run("audit", "verify")


def test_demo_data_is_synthetic_and_idempotent(settings, tmp_path):
    settings.OPENDATA_DB = tmp_path / "opendata.duckdb"  # other apps' demo loaders write here
    settings.VAR_DIR = tmp_path
    first = run("demo_data", "--seed", "7")
    assert "SYNTHETIC DEMO USERS" in first
    for role in Role:
        assert f"demo-{role.value.replace('_', '-')}" in first
    children, encounters = Child.objects.count(), Encounter.objects.count()
    assert children >= 24  # ours; other apps' demo loaders may add more
    assert encounters >= 24
    assert not Child.objects.filter(is_synthetic=False).exists()
    assert not Encounter.objects.filter(is_synthetic=False).exists()
    second = run("demo_data", "--seed", "7")
    assert "already loaded" in second
    assert (Child.objects.count(), Encounter.objects.count()) == (children, encounters)
    assert get_user_model().objects.filter(username__startswith="demo-").count() == len(Role)
    demo_officer = get_user_model().objects.get(username="demo-frontline-officer")
    assert demo_officer.check_password("demo-frontline-officer-7-not-secret")
    assert "OK" in run("audit", "verify")
