"""Create the heads of the default 16 audit chains (ADR 0004), so no writer creates one mid-request.

Heads missing later (another chain count, a flushed test database) are still created on first use.
"""

from django.db import migrations

GENESIS_HASH = "0" * 64
DEFAULT_CHAINS = 16


def load(apps, schema_editor):
    AuditChainHead = apps.get_model("core", "AuditChainHead")
    for chain in range(1, DEFAULT_CHAINS + 1):
        AuditChainHead.objects.get_or_create(pk=chain, defaults={"seq": 0, "row_hash": GENESIS_HASH})


def unload(apps, schema_editor):
    AuditChainHead = apps.get_model("core", "AuditChainHead")
    AuditLog = apps.get_model("core", "AuditLog")
    used = set(AuditLog.objects.values_list("chain", flat=True).distinct()) | {1}
    AuditChainHead.objects.filter(seq=0).exclude(pk__in=used).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0003_audit_chains")]

    operations = [migrations.RunPython(load, unload)]
