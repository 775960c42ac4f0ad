from datetime import UTC, datetime

import pytest
from django.db import connection

from childfirst.core.audit import GENESIS_HASH, AuditAction, AuditLog, Auditor, row_digest, verify_chain
from childfirst.core.models import AuditChainHead
from childfirst.core.roles import Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_rows_are_chained_in_sequence_with_actor_role():
    officer = make_user(Role.FRONTLINE_OFFICER)
    first = Auditor(officer).record(AuditAction.CREATE, "child", 7, child_id=7, detail={"b": 1, "a": [1, 2]})
    second = Auditor(None, reason="nightly job").record(AuditAction.EXPORT, "extract", "2026-11")
    assert (first.seq, second.seq) == (1, 2)
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.row_hash
    assert first.actor_role == "frontline_officer"
    assert second.actor is None
    assert second.reason == "nightly job"
    assert first.chain == second.chain  # one connection writes to one chain
    head = AuditChainHead.objects.get(pk=second.chain)
    assert (head.seq, head.row_hash) == (2, second.row_hash)
    report = verify_chain()
    assert report.ok
    assert report.rows == 2


def test_digest_covers_every_field():
    base = dict(
        seq=1, at=datetime(2026, 1, 1, tzinfo=UTC), actor_id=1, actor_role="auditor", action="read",
        object_type="child", object_id="1", child_id=1, reason="", detail={}, prev_hash=GENESIS_HASH,
    )  # fmt: skip
    digest = row_digest(**base)
    changes = [("seq", 2), ("actor_id", 2), ("action", "update"), ("object_id", "2"), ("reason", "x")]
    changes += [("detail", {"k": 1}), ("prev_hash", "1" * 64), ("child_id", None)]
    for field, other in changes:
        assert row_digest(**{**base, field: other}) != digest, field


def test_unknown_action_is_refused():
    with pytest.raises(ValueError, match="launder"):
        Auditor(None).record("launder", "child", 1)


def _tamper(sql, params):
    """Raw SQL behind the application's back, as an insider with database access could."""
    with connection.cursor() as cursor:
        cursor.execute(sql.replace("{table}", AuditLog._meta.db_table), params)


def test_verify_names_the_first_altered_row():
    for n in range(5):
        Auditor(None).record(AuditAction.READ, "child", n, child_id=n)
    _tamper("UPDATE {table} SET reason = %s WHERE seq = %s", ["covered up", 3])
    report = verify_chain()
    assert not report.ok
    assert report.broken_seq == 3
    assert "altered" in report.problem


def test_verify_detects_a_deleted_row_and_a_truncated_tail():
    for n in range(4):
        Auditor(None).record(AuditAction.READ, "child", n)
    _tamper("DELETE FROM {table} WHERE seq = %s", [2])
    report = verify_chain()
    assert not report.ok
    assert report.broken_seq == 3


def test_verify_detects_removed_last_row():
    for n in range(3):
        Auditor(None).record(AuditAction.READ, "child", n)
    _tamper("DELETE FROM {table} WHERE seq = %s", [3])
    report = verify_chain()
    assert not report.ok
    assert "removed" in report.problem


def test_audit_row_rolls_back_with_the_failed_service_transaction():
    from django.db import transaction

    def failing_service():
        with transaction.atomic():
            Auditor(None).record(AuditAction.CREATE, "child", 1)
            raise RuntimeError("service failed after auditing")

    with pytest.raises(RuntimeError, match="service failed"):
        failing_service()
    assert AuditLog.objects.count() == 0
    assert not AuditChainHead.objects.exclude(seq=0).exists()
    assert Auditor(None).record(AuditAction.CREATE, "child", 1).seq == 1
