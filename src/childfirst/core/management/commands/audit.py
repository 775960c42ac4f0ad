"""childfirst audit verify — check the audit log's hash chain and name the first broken row."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from childfirst.core.audit import verify_chain


class Command(BaseCommand):
    help = "Audit log tools. `verify` checks the hash chain from the first row to the last."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sub.add_parser("verify", help="check every row's hash and its link to the row before")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "verify":
            report = verify_chain()
            if not report.ok:
                raise CommandError(f"Audit chain BROKEN at row {report.broken_seq}: {report.problem}.")
            self.stdout.write(f"OK: audit chain intact, {report.rows} rows verified.")
