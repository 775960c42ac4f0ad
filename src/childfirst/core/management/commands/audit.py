"""childfirst audit verify — check the audit log's hash chain and name the first broken row."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from childfirst.core.audit import verify_chain


class Command(BaseCommand):
    help = "Audit log tools. `verify` checks every hash chain from its first row to its last."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sub.add_parser("verify", help="check every row's hash and its link to the row before, in every chain")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "verify":
            report = verify_chain()
            if not report.ok:
                where = f"row {report.broken_seq} of chain {report.chain}"
                raise CommandError(f"Audit chain BROKEN at {where}: {report.problem}.")
            self.stdout.write(
                f"OK: audit chain intact, {report.rows} rows verified in {report.chains} chain(s)."
            )
