"""The audit trail: one append-only table of hash chains, written by the `Auditor` service.

The table holds a fixed number of independent chains (docs/adr/0004-audit-chains.md). Each chain has a
head row in `AuditChainHead` (its id is the chain number), locked with SELECT ... FOR UPDATE inside the
caller's transaction, so within a chain the order is the commit order and `seq` has no gaps. On
PostgreSQL a writer appends to chain `1 + pg_backend_pid() % AUDIT_CHAINS`: one database connection
always writes to the same chain (so a transaction never holds two heads and cannot deadlock on them),
and concurrent connections mostly write to different chains instead of queueing on one row. SQLite
serialises every writer anyway, so there everything goes to chain 1. Call `Auditor.record` as the LAST
step of a service's transaction so the lock is held briefly.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from .models import AuditAction, AuditChainHead, AuditLog
from .roles import role_of

__all__ = ["GENESIS_HASH", "AuditAction", "AuditLog", "Auditor", "ChainReport", "row_digest", "verify_chain"]

GENESIS_HASH = "0" * 64
FIRST_CHAIN = 1


def audit_chains() -> int:
    """How many chains PostgreSQL writers spread over (setting CHILDFIRST_AUDIT_CHAINS, default 16).

    Changing it is safe at any time: verification checks every chain that has rows or a head.
    """
    return max(1, int(getattr(settings, "CHILDFIRST_AUDIT_CHAINS", 16)))


_forced_chain: ContextVar[int | None] = ContextVar("audit_forced_chain", default=None)


@contextlib.contextmanager
def writing_to_chain(chain: int) -> Iterator[None]:
    """Append to `chain` instead of the connection's own (maintenance tools and tests)."""
    if chain < FIRST_CHAIN:
        raise ValueError(f"Audit chains are numbered from {FIRST_CHAIN}; got {chain}.")
    token = _forced_chain.set(chain)
    try:
        yield
    finally:
        _forced_chain.reset(token)


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
        chain = _forced_chain.get()
        with transaction.atomic(savepoint=False):
            if connection.vendor == "postgresql":
                self._append_postgresql(row, payload, chain)
            else:
                self._append_portable(row, payload, chain or FIRST_CHAIN)
        return row

    @staticmethod
    def _append_postgresql(row: AuditLog, payload: str, chain: int | None) -> None:
        """One statement: lock the chain's head, chain the hash in SQL, move the head, insert the row.

        The head row lock is taken by the last statement before COMMIT, so it is held only briefly.
        A chain whose head row is missing (a new chain, or a test database emptied by a flush) gets
        one, at the genesis hash, and the append is retried.
        """
        params = [
            chain, audit_chains(), payload, row.at, row.actor_id, row.actor_role, row.action,
            row.object_type, row.object_id, row.child_id, row.reason, json.dumps(row.detail),
        ]  # fmt: skip
        with connection.cursor() as cursor:
            cursor.execute(_PG_APPEND, params)
            appended = cursor.fetchone()
            if appended is None:
                cursor.execute(_PG_NEW_HEAD, [chain, audit_chains(), GENESIS_HASH])
                cursor.execute(_PG_APPEND, params)
                appended = cursor.fetchone()
        row.pk, row.chain, row.seq, row.prev_hash, row.row_hash = appended

    @staticmethod
    def _append_portable(row: AuditLog, payload: str, chain: int) -> None:
        head = AuditChainHead.objects.select_for_update().filter(pk=chain).first()
        if head is None:
            AuditChainHead.objects.get_or_create(pk=chain, defaults={"seq": 0, "row_hash": GENESIS_HASH})
            head = AuditChainHead.objects.select_for_update().get(pk=chain)
        row.chain, row.seq, row.prev_hash = chain, head.seq + 1, head.row_hash
        row.row_hash = chain_hash(row.prev_hash, row.seq, payload)
        row.save(force_insert=True)
        AuditChainHead.objects.filter(pk=chain).update(seq=row.seq, row_hash=row.row_hash)


_HEAD = AuditChainHead._meta.db_table
_LOG = AuditLog._meta.db_table
# The chain: the one forced by `writing_to_chain`, else 1 + this backend's process id modulo the
# number of chains (the same for every statement of a transaction).
_PG_CHAIN = "COALESCE(%s::smallint, (1 + pg_backend_pid() %% %s::int)::smallint)"
_PG_APPEND = f"""
    WITH old AS (
        SELECT id, seq, row_hash FROM {_HEAD} WHERE id = {_PG_CHAIN} FOR UPDATE
    ), moved AS (
        UPDATE {_HEAD} AS head
        SET seq = old.seq + 1,
            row_hash = encode(sha256(convert_to(old.row_hash || '|' || (old.seq + 1)::text || '|' || %s::text,
                                                'UTF8')), 'hex')
        FROM old
        WHERE head.id = old.id
        RETURNING head.id, head.seq, head.row_hash, old.row_hash AS prev_hash
    )
    INSERT INTO {_LOG} (chain, seq, at, actor_id, actor_role, action, object_type, object_id, child_id,
                        reason, detail, prev_hash, row_hash)
    SELECT moved.id, moved.seq, %s, %s, %s, %s, %s, %s, %s, %s, %s::jsonb, moved.prev_hash, moved.row_hash
    FROM moved
    RETURNING id, chain, seq, prev_hash, row_hash
"""  # noqa: S608 - table names come from model metadata; every value is a parameter
_PG_NEW_HEAD = f"""
    INSERT INTO {_HEAD} (id, seq, row_hash) VALUES ({_PG_CHAIN}, 0, %s) ON CONFLICT (id) DO NOTHING
"""  # noqa: S608 - table name from model metadata


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    rows: int
    broken_seq: int | None = None
    problem: str = ""
    chain: int | None = None  # the broken chain, when not ok
    chains: int = 0  # how many chains were checked


def verify_rows(rows: Iterable[AuditLog], head: AuditChainHead | None) -> ChainReport:
    """Check ONE chain's rows, given in `seq` order, against its head."""
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
    """Check every chain, each in sequence order; report the first broken row (and its chain).

    A chain is checked if it has a head or any rows, so rows written to a chain whose head was deleted
    are still checked (and fail unless the chain is complete), and a head whose rows were all deleted
    is caught by its head check.
    """
    heads = {head.pk: head for head in AuditChainHead.objects.all()}
    chains = sorted(set(heads) | set(AuditLog.objects.values_list("chain", flat=True).distinct()))
    total = 0
    for chain in chains:
        rows = AuditLog.objects.filter(chain=chain).order_by("seq").iterator(chunk_size=2000)
        report = verify_rows(rows, heads.get(chain))
        total += report.rows
        if not report.ok:
            return ChainReport(False, total, report.broken_seq, report.problem, chain, len(chains))
    return ChainReport(True, total, chains=len(chains))
