"""childfirst purge_idempotency_keys [--older-than-hours N] — delete stored API replay responses.

Stored responses hold personal data; keep them only as long as a client might retry (ADR 0003).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from childfirst.api.models import IdempotencyKey
from childfirst.core.audit import AuditAction, Auditor


class Command(BaseCommand):
    help = "Delete idempotency keys (and their stored responses) older than the given age."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--older-than-hours", type=int, default=24)

    def handle(self, *args: Any, **options: Any) -> None:
        hours = options["older_than_hours"]
        if hours < 1:
            raise CommandError("--older-than-hours must be at least 1.")
        cutoff = timezone.now() - dt.timedelta(hours=hours)
        deleted, _ = IdempotencyKey.objects.filter(created_at__lt=cutoff).delete()
        Auditor(None).record(
            AuditAction.DELETE, "idempotency_key", "*", detail={"deleted": deleted, "older_than_hours": hours}
        )
        self.stdout.write(f"Deleted {deleted} idempotency key(s) older than {hours} hour(s).")
