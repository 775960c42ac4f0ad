import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from childfirst.api.models import IdempotencyKey
from childfirst.core.audit import AuditLog
from childfirst.core.roles import Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_purge_deletes_only_old_keys_and_is_audited():
    user = make_user(Role.FRONTLINE_OFFICER)
    old = IdempotencyKey.objects.create(user=user, key="old", method="POST", path="/x", request_hash="h")
    IdempotencyKey.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(hours=30))
    IdempotencyKey.objects.create(user=user, key="new", method="POST", path="/x", request_hash="h")
    out = io.StringIO()
    call_command("purge_idempotency_keys", stdout=out)
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["new"]
    assert "Deleted 1" in out.getvalue()
    assert AuditLog.objects.get().detail == {"deleted": 1, "older_than_hours": 24}


def test_purge_refuses_a_zero_age():
    with pytest.raises(CommandError, match="at least 1"):
        call_command("purge_idempotency_keys", "--older-than-hours", "0")
