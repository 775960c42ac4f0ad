"""childfirst custody alerts [--watch] [--interval SECONDS] — raise each due or overdue custody item once.

One run (for a scheduler such as cron or a systemd timer) by default; `--watch` keeps checking every
`--interval` seconds until stopped (Ctrl+C).
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from childfirst.custody.alerts import raise_alerts
from childfirst.custody.law import show


class Command(BaseCommand):
    help = "Custody tools. `alerts`: raise each due or overdue item on the custody board once."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        alerts = sub.add_parser("alerts", help="raise due and overdue custody alerts (once each)")
        alerts.add_argument("--watch", action="store_true", help="keep checking until stopped")
        alerts.add_argument("--interval", type=int, default=60, help="seconds between checks with --watch")
        alerts.add_argument("--max-runs", type=int, default=0, help=argparse.SUPPRESS)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] != "alerts":  # pragma: no cover - argparse enforces the choice
            raise CommandError("unknown action")
        if options["interval"] < 1:
            raise CommandError("--interval must be at least 1 second")
        runs = 0
        while True:
            self._run_once()
            runs += 1
            if not options["watch"] or (options["max_runs"] and runs >= options["max_runs"]):
                return
            try:
                time.sleep(options["interval"])
            except KeyboardInterrupt:  # pragma: no cover - interactive stop
                return

    def _run_once(self) -> None:
        now = timezone.now()
        raised = raise_alerts(now)
        for alert in raised:
            self.stdout.write(
                f"{alert.severity.upper():8} {alert.detention.custody_number} {alert.rule}: {alert.message}"
            )
        self.stdout.write(f"{show(now)}: {len(raised)} new alert(s)")
