"""Load the 33 London boroughs and create the audit chain's head row (the genesis hash)."""

from django.db import migrations

from childfirst.core.boroughs import LONDON_BOROUGHS

GENESIS_HASH = "0" * 64


def load(apps, schema_editor):
    Borough = apps.get_model("core", "Borough")
    for code, name in LONDON_BOROUGHS:
        Borough.objects.update_or_create(code=code, defaults={"name": name})
    AuditChainHead = apps.get_model("core", "AuditChainHead")
    AuditChainHead.objects.get_or_create(pk=1, defaults={"seq": 0, "row_hash": GENESIS_HASH})


def unload(apps, schema_editor):
    apps.get_model("core", "Borough").objects.filter(code__in=[c for c, _ in LONDON_BOROUGHS]).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
