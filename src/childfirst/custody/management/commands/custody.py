"""childfirst custody alerts [--watch] [--interval SECONDS] — raise each due or overdue custody item once.
childfirst custody measures [--by suite,month,ethnicity] [--key KEY] [--csv] — the custody measures.

`alerts` runs once (for a scheduler such as cron or a systemd timer) by default; `--watch` keeps
checking every `--interval` seconds until stopped (Ctrl+C). `measures` prints every custody measure
(or one) from the force's custody records, by the chosen columns (suite, pilot, month, ethnicity).
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
        m = sub.add_parser("measures", help="custody measures by suite (pilots flagged), month and ethnicity")
        m.add_argument(
            "--by", default="suite,pilot", help="comma-separated: suite, pilot, month (default suite,pilot)"
        )
        m.add_argument(
            "--key", default="", help="one measure key, e.g. custody.overnight_share (default: all)"
        )
        m.add_argument("--csv", action="store_true", help="CSV instead of a text table")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "measures":
            self._measures(options)
            return
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

    def _measures(self, options: dict[str, Any]) -> None:
        import csv

        import duckdb

        from childfirst.custody import measures

        by = tuple(c.strip() for c in options["by"].split(",") if c.strip())
        bad = [c for c in by if c not in ("suite", "pilot", "month")]
        if bad or not by:
            raise CommandError(f"--by: choose from suite, pilot, month (got {', '.join(bad) or 'nothing'})")
        keys = [m.key for m in measures.MEASURES]
        if options["key"] and options["key"] not in keys:
            raise CommandError(f"--key: unknown measure {options['key']!r}; known: {', '.join(keys)}")
        events = measures.journey_events(duckdb.connect())
        writer = csv.writer(self.stdout) if options["csv"] else None
        header = ["measure", *by, "ethnicity", "numerator", "denominator"]
        if writer:
            writer.writerow(header)
        for key in [options["key"]] if options["key"] else keys:
            rows = measures.breakdown(key, events, by=by)
            if not writer:
                self.stdout.write(f"\n{key}")
            for row in rows:
                values = [key, *(row[c] for c in by), row["ethnicity"], row["numerator"], row["denominator"]]
                if writer:
                    writer.writerow(values)
                else:
                    self.stdout.write("  " + "  ".join(str(v) for v in values[1:]))
