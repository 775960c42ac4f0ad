"""Several independent audit chains (docs/adr/0004-audit-chains.md): each is gap-free and verified on
its own, and tampering in any of them is named with its chain and row."""

import threading

import pytest
from django.db import connection, connections, transaction

from childfirst.core import audit
from childfirst.core.audit import GENESIS_HASH, AuditAction, AuditLog, Auditor, verify_chain, writing_to_chain
from childfirst.core.models import AuditChainHead

pytestmark = pytest.mark.django_db


def _tamper(sql, params):
    """Raw SQL behind the application's back, as an insider with database access could."""
    with connection.cursor() as cursor:
        cursor.execute(sql.replace("{table}", AuditLog._meta.db_table), params)


def _three_chains(rows_each=3):
    for chain in (1, 2, 3):
        with writing_to_chain(chain):
            for n in range(rows_each):
                Auditor(None).record(AuditAction.READ, "child", f"{chain}-{n}")


def test_each_chain_counts_from_one_and_all_verify():
    _three_chains()
    for chain in (1, 2, 3):
        rows = list(AuditLog.objects.filter(chain=chain).order_by("seq"))
        assert [r.seq for r in rows] == [1, 2, 3]
        assert rows[0].prev_hash == GENESIS_HASH
        assert rows[2].prev_hash == rows[1].row_hash
        head = AuditChainHead.objects.get(pk=chain)
        assert (head.seq, head.row_hash) == (3, rows[2].row_hash)
    report = verify_chain()
    assert report.ok
    assert (report.rows, report.chains) == (9, AuditChainHead.objects.count())


def test_the_default_chains_have_heads_from_the_migration():
    assert set(range(1, audit.audit_chains() + 1)) <= set(AuditChainHead.objects.values_list("pk", flat=True))


def test_a_missing_head_is_created_at_the_genesis_hash_on_first_use():
    AuditChainHead.objects.all().delete()
    row = Auditor(None).record(AuditAction.READ, "child", 1)
    assert (row.seq, row.prev_hash) == (1, GENESIS_HASH)
    assert AuditChainHead.objects.get(pk=row.chain).seq == 1
    with writing_to_chain(40):
        assert Auditor(None).record(AuditAction.READ, "child", 2).chain == 40
    assert verify_chain().ok


@pytest.mark.parametrize("chain", [1, 2, 3])
def test_an_altered_row_in_any_chain_is_named_with_its_chain(chain):
    _three_chains()
    _tamper("UPDATE {table} SET reason = %s WHERE chain = %s AND seq = %s", ["covered up", chain, 2])
    report = verify_chain()
    assert not report.ok
    assert (report.chain, report.broken_seq) == (chain, 2)
    assert "altered" in report.problem


def test_a_row_deleted_from_the_middle_of_one_chain_is_caught():
    _three_chains()
    _tamper("DELETE FROM {table} WHERE chain = %s AND seq = %s", [2, 2])
    report = verify_chain()
    assert not report.ok
    assert (report.chain, report.broken_seq) == (2, 3)


def test_the_last_row_of_one_chain_deleted_is_caught_by_its_head():
    _three_chains()
    _tamper("DELETE FROM {table} WHERE chain = %s AND seq = %s", [3, 3])
    report = verify_chain()
    assert not report.ok
    assert report.chain == 3
    assert "removed" in report.problem


def test_a_row_moved_to_another_chain_is_caught():
    _three_chains()
    _tamper("UPDATE {table} SET chain = %s, seq = %s WHERE chain = %s AND seq = %s", [1, 4, 2, 3])
    report = verify_chain()
    assert not report.ok
    assert report.chain in (1, 2)


def test_rows_of_a_chain_whose_head_was_deleted_are_still_checked():
    _three_chains()
    AuditChainHead.objects.filter(pk=2).delete()
    _tamper("DELETE FROM {table} WHERE chain = %s AND seq = %s", [2, 1])
    report = verify_chain()
    assert not report.ok
    assert (report.chain, report.broken_seq) == (2, 2)


def test_chains_are_numbered_from_one():
    with pytest.raises(ValueError, match="numbered from 1"), writing_to_chain(0):
        pass


def _concurrent_writers(threads, per_thread, chain=None):
    """Writers on their own database connections, committing for real; returns their backend pids."""
    pids = []
    errors = []
    gate = threading.Barrier(threads)

    def writer(n):
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                pids.append(cursor.fetchone()[0])
            gate.wait()
            for i in range(per_thread):
                with transaction.atomic():
                    if chain is None:
                        Auditor(None).record(AuditAction.READ, "concurrency-test", f"{n}-{i}")
                    else:
                        with writing_to_chain(chain):
                            Auditor(None).record(AuditAction.READ, "concurrency-test", f"{n}-{i}")
        except Exception as exc:  # noqa: BLE001 - reported to the test thread
            errors.append(exc)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=writer, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert not errors, errors
    return pids


def _on_own_connection(fn):
    """Run `fn` in a thread (its own, autocommitting connection) and return its result."""
    result = []

    def run():
        try:
            result.append(fn())
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return result[0]


@pytest.fixture
def committed_writes():
    """Writers in other threads commit; put the audit tables back as they were afterwards."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent committed writers need PostgreSQL (SQLite serialises every writer)")
    before = _on_own_connection(lambda: list(AuditChainHead.objects.values_list("pk", "seq", "row_hash")))

    yield

    def restore():
        AuditLog.objects.filter(object_type="concurrency-test").delete()
        AuditChainHead.objects.exclude(pk__in=[pk for pk, _, _ in before]).delete()
        for pk, seq, row_hash in before:
            AuditChainHead.objects.filter(pk=pk).update(seq=seq, row_hash=row_hash)

    _on_own_connection(restore)


def test_concurrent_writers_on_postgresql_produce_verifiable_chains(committed_writes):
    pids = _concurrent_writers(threads=6, per_thread=15)
    chains = {1 + pid % audit.audit_chains() for pid in pids}

    def check():
        used = set(AuditLog.objects.filter(object_type="concurrency-test").values_list("chain", flat=True))
        return used, AuditLog.objects.filter(object_type="concurrency-test").count(), verify_chain()

    used, count, report = _on_own_connection(check)
    assert count == 6 * 15
    assert used == chains  # each connection wrote to the chain its backend pid picks
    assert report.ok, report


def test_concurrent_writers_on_one_chain_queue_and_leave_no_gaps(committed_writes):
    _concurrent_writers(threads=6, per_thread=10, chain=7)

    def check():
        seqs = list(AuditLog.objects.filter(chain=7).order_by("seq").values_list("seq", flat=True))
        return seqs, verify_chain()

    seqs, report = _on_own_connection(check)
    assert seqs == list(range(1, 61))
    assert report.ok, report
