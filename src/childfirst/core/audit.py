"""The audit trail: one append-only, hash-chained table written by the `Auditor` service.

Writes are serialised through `AuditChainHead`, locked with SELECT ... FOR UPDATE inside the caller's
transaction, so the chain order is the commit order and `seq` has no gaps. Call `Auditor.record` as
the LAST step of a service's transaction so the lock is held briefly.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from .models import AuditAction, AuditChainHead, AuditLog
from .roles import role_of

__all__ = ["GENESIS_HASH", "AuditAction", "AuditLog", "Auditor", "ChainReport", "row_digest", "verify_chain"]

GENESIS_HASH = "0" * 64


def _canonical_at(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def row_payload(
    *,
    at: datetime,
    actor_id: int | None,
    actor_role: str,
    action: str,
    object_type: str,
    object_id: str,
    child_id: int | None,
    reason: str,
    detail: Any,
) -> str:
    """The canonical JSON of a row's content (sorted keys, no whitespace, UTC time to the microsecond)."""
    payload = {
        "at": _canonical_at(at),
        "actor_id": actor_id,
        "actor_role": actor_role,
        "action": action,
        "object_type": object_type,
        "object_id": str(object_id),
        "child_id": child_id,
        "reason": reason,
        "detail": detail,
    }
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def chain_hash(prev_hash: str, seq: int, payload: str) -> str:
    """row_hash = SHA-256 of "<prev_hash>|<seq>|<payload>" (UTF-8). PostgreSQL computes the same in SQL."""
    return hashlib.sha256(f"{prev_hash}|{seq}|{payload}".encode()).hexdigest()


def row_digest(*, seq: int, prev_hash: str, **content: Any) -> str:
    """The hash a row with this content, sequence number and previous hash must carry."""
    return chain_hash(prev_hash, seq, row_payload(**content))


def _digest_of(row: AuditLog) -> str:
    return row_digest(
        seq=row.seq,
        at=row.at,
        actor_id=row.actor_id,
        actor_role=row.actor_role,
        action=row.action,
        object_type=row.object_type,
        object_id=row.object_id,
        child_id=row.child_id,
        reason=row.reason,
        detail=row.detail,
        prev_hash=row.prev_hash,
    )


def _json_safe(detail: dict[str, Any] | None) -> dict[str, Any]:
    # Round-trip through JSON now so the hash is computed over exactly what the database will return.
    return json.loads(json.dumps(detail or {}, sort_keys=True, default=str))


class Auditor:
    """Records audit events for one acting user (None for the system), with an optional reason."""

    def __init__(self, actor: Any, reason: str = "") -> None:
        self.actor = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
        self.reason = reason or ""

    def record(
        self,
        action: AuditAction | str,
        object_type: str,
        object_id: Any,
        *,
        child_id: int | None = None,
        detail: dict[str, Any] | None = None,
    ) -> AuditLog:
        action = AuditAction(action)
        role = role_of(self.actor)
        row = AuditLog(
            at=timezone.now(),
            actor=self.actor,
            actor_role=role.value if role else "",
            action=action.value,
            object_type=object_type,
            object_id=str(object_id),
            child_id=child_id,
            reason=self.reason,
            detail=_json_safe(detail),
        )
        payload = row_payload(
            at=row.at, actor_id=row.actor_id, actor_role=row.actor_role, action=row.action,
            object_type=row.object_type, object_id=row.object_id, child_id=row.child_id, reason=row.reason,
            detail=row.detail,
        )  # fmt: skip
        # Inside a service's transaction no savepoint is needed: any failure rolls the whole write back.
        with transaction.atomic(savepoint=False):
            if connection.vendor == "postgresql":
                self._append_postgresql(row, payload)
            else:
                self._append_portable(row, payload)
        return row

    @staticmethod
    def _append_postgresql(row: AuditLog, payload: str) -> None:
        """One statement: lock the head, chain the hash in SQL, move the head, insert the row.

        The head row lock is taken by the last statement before COMMIT, so it is held only briefly.
        """
        with connection.cursor() as cursor:
            cursor.execute(_PG_APPEND, [
                payload, row.at, row.actor_id, row.actor_role, row.action, row.object_type, row.object_id,
                row.child_id, row.reason, json.dumps(row.detail),
            ])  # fmt: skip
            row.pk, row.seq, row.prev_hash, row.row_hash = cursor.fetchone()

    @staticmethod
    def _append_portable(row: AuditLog, payload: str) -> None:
        head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
        if head is None:
            AuditChainHead.objects.get_or_create(pk=1, defaults={"seq": 0, "row_hash": GENESIS_HASH})
            head = AuditChainHead.objects.select_for_update().get(pk=1)
        row.seq, row.prev_hash = head.seq + 1, head.row_hash
        row.row_hash = chain_hash(row.prev_hash, row.seq, payload)
        row.save(force_insert=True)
        AuditChainHead.objects.filter(pk=1).update(seq=row.seq, row_hash=row.row_hash)


_HEAD = AuditChainHead._meta.db_table
_LOG = AuditLog._meta.db_table
_PG_APPEND = f"""
    WITH old AS (
        SELECT seq, row_hash FROM {_HEAD} WHERE id = 1 FOR UPDATE
    ), moved AS (
        UPDATE {_HEAD} AS head
        SET seq = old.seq + 1,
            row_hash = encode(sha256(convert_to(old.row_hash || '|' || (old.seq + 1)::text || '|' || %s::text,
                                                'UTF8')), 'hex')
        FROM old
        WHERE head.id = 1
        RETURNING head.seq, head.row_hash, old.row_hash AS prev_hash
    )
    INSERT INTO {_LOG} (seq, at, actor_id, actor_role, action, object_type, object_id, child_id, reason,
                        detail, prev_hash, row_hash)
    SELECT moved.seq, %s, %s, %s, %s, %s, %s, %s, %s, %s::jsonb, moved.prev_hash, moved.row_hash FROM moved
    RETURNING id, seq, prev_hash, row_hash
"""  # noqa: S608 - table names come from model metadata; every value is a parameter


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    rows: int
    broken_seq: int | None = None
    problem: str = ""


def verify_rows(rows: Iterable[AuditLog], head: AuditChainHead | None) -> ChainReport:
    expected_seq = 1
    prev_hash = GENESIS_HASH
    count = 0
    for row in rows:
        count += 1
        if row.seq != expected_seq:
            return ChainReport(
                False, count, row.seq, f"expected sequence number {expected_seq}, found {row.seq}"
            )
        if row.prev_hash != prev_hash:
            return ChainReport(False, count, row.seq, "previous-hash does not match the row before it")
        if _digest_of(row) != row.row_hash:
            return ChainReport(False, count, row.seq, "row contents do not match its hash (altered)")
        prev_hash = row.row_hash
        expected_seq += 1
    last_seq = expected_seq - 1
    if head is not None and (head.seq != last_seq or head.row_hash != prev_hash):
        return ChainReport(
            False, count, last_seq + 1, f"chain head says {head.seq} rows but {last_seq} found (rows removed)"
        )
    return ChainReport(True, count)


def verify_chain() -> ChainReport:
    """Check every audit row in sequence order; report the first broken row."""
    head = AuditChainHead.objects.filter(pk=1).first()
    return verify_rows(AuditLog.objects.order_by("seq").iterator(chunk_size=2000), head)
